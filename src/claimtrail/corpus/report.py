"""The timeline as text for a terminal: one block per event cluster, with its origins, flags,
sources and contradictions (``claimtrail timeline`` on a terminal, or ``--format text``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..output import safe_for_terminal

_FLAGS = {"single_origin": "single origin", "anonymous_only": "anonymous sources only",
          "one_side": "one side only", "unsourced": "no source cited"}


def _names(parties: Sequence[dict[str, Any]], limit: int = 3) -> str:
    names = [str(p.get("name")) for p in parties[:limit]]
    more = len(parties) - limit
    return ", ".join(names) + (f" (+{more})" if more > 0 else "")


def _source(s: dict[str, Any]) -> str:
    details = ", ".join(x for x in (s.get("kind"), s.get("country")) if x)
    return f"{s.get('name')} ({details}) ×{s.get('reports')}" if details else \
        f"{s.get('name')} ×{s.get('reports')}"


def timeline_text(clusters: Sequence[dict[str, Any]]) -> str:
    lines = []
    for c in clusters:
        when = str(c.get("start") or "undated")
        if c.get("end") and c.get("end") != c.get("start"):
            when += f"…{c['end']}"
        if c.get("start") and not c.get("dated"):
            when += " (reported)"
        what = c["type"] + (f"/{c['mode']}" if c.get("mode") else "")
        if c.get("modality") not in (None, "actual"):
            what += f" [{c['modality']}]"
        where = c.get("place") or ""
        if where and c.get("place_country"):
            where += f" ({c['place_country']})"
        lines.append(f"{when}  {what}  {where}  [{c['id']}]".replace("   [", "  ["))
        lines.append(f"  {_names(c['actors']) or 'unnamed actor'} → "
                     f"{_names(c['recipients']) or '—'}")
        outlets = sorted({str(r.get('outlet')) for r in c.get("reports", []) if r.get("outlet")})
        flags = ", ".join(_FLAGS.get(f, f) for f in c.get("flags", [])) or "none"
        lines.append(f"  {c['articles']} article{'s' if c['articles'] != 1 else ''} "
                     f"({', '.join(outlets[:6])}{', …' if len(outlets) > 6 else ''}) from "
                     f"{c['origins']} independent origin{'s' if c['origins'] != 1 else ''}; "
                     f"flags: {flags}")
        if c.get("sources"):
            shown = "; ".join(_source(s) for s in c["sources"][:4])
            more = len(c["sources"]) - 4
            lines.append(f"  sources: {shown}" + (f"; +{more} more" if more > 0 else ""))
        for contra in c.get("contradictions", []):
            said = " vs ".join(
                f"{v['value']} ({', '.join(v.get('sources', [])[:2]) or 'the outlet'}; "
                f"{len(v['reports'])} report{'s' if len(v['reports']) != 1 else ''})"
                for v in contra["values"])
            lines.append(f"  CONTRADICTION {contra['field']}: {said}")
        lines.append("")
    return "\n".join(safe_for_terminal(line) for line in lines)
