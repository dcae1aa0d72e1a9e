"""The readable terminal report (``--format text``)."""

from __future__ import annotations

import textwrap
from collections import defaultdict
from typing import Any

_GROUPS = (
    ("People", ("PERSON",)),
    ("Organisations", ("ORG",)),
    ("Places", ("GPE", "LOC", "FAC")),
    ("Nationalities and groups", ("NORP",)),
    ("Weapons", ("WEAPON",)),
    ("Other", ("PRODUCT", "EVENT", "LAW")),
)
_WIDTH = 100


def render_text(analysis: dict[str, Any]) -> str:
    """Render ``Analysis.as_dict()`` as plain text."""
    art = analysis["article"]
    lines: list[str] = []
    lines.append(art.get("title") or "(untitled article)")
    facts = []
    if art.get("published"):
        facts.append(f"published {art['published']} ({art['published_from']})")
    else:
        facts.append("no publication date")
    if art.get("outlet"):
        facts.append(art["outlet"])
    conf = art.get("language_confidence")
    facts.append(f"language {art['language']}" + (f" ({conf:.2f})" if conf is not None else ""))
    facts.append(f"{art['words']} words")
    model = analysis["model"]
    facts.append(f"model {model['name']} {model['version']}")
    lines.append(" · ".join(facts))
    if art.get("url") or art.get("path"):
        lines.append(art.get("url") or art["path"])
    for warning in analysis.get("warnings", []):
        lines.append(f"! {warning}")
    lines += ["", *_entities(analysis["entities"]), "", *_times(analysis["times"], art["text"])]
    return "\n".join(lines) + "\n"


def _entities(entities: list[dict[str, Any]]) -> list[str]:
    out = [f"ENTITIES ({len(entities)})"]
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ent in entities:
        by_label[ent["label"]].append(ent)
    for title, labels in _GROUPS:
        group = [e for label in labels for e in by_label.get(label, [])]
        if not group:
            continue
        out.append(f"  {title} ({len(group)})")
        for ent in sorted(group, key=lambda e: (-len(e["mentions"]), e["name"])):
            facts = [ent["kind"]]
            if ent.get("country"):
                facts.append(ent["country"])
            if ent.get("qid"):
                facts.append(ent["qid"])
            if ent["source"] == "model":
                facts.append("not in gazetteer")
            forms = list(dict.fromkeys(m["text"] for m in ent["mentions"]))
            shown = ", ".join(f'"{f}"' for f in forms[:5]) + (" …" if len(forms) > 5 else "")
            count = len(ent["mentions"])
            out.append(f"    {ent['name']}  [{', '.join(facts)}]  "
                       f"{count} mention{'s' if count != 1 else ''}: {shown}")
            if ent.get("note"):
                out.append(f"      note: {ent['note']}")
    return out


def _times(times: list[dict[str, Any]], text: str) -> list[str]:
    out = [f"TIMES ({len(times)})"]
    ordered = sorted(times, key=lambda t: (t["start"] is None, t["start"] or "", t["start_char"]))
    for item in ordered:
        when = item["value"] or "unresolved"
        if item["grain"] not in ("day",) and item["start"]:
            when = f"{item['value']} ({item['start']} – {item['end']})"
        how = item["resolution"].replace("_", " ")
        if item.get("anchor"):
            how += f" {item['anchor']}"
        out.append(f"  {when:<34} {item['grain']:<8} \"{item['text']}\"  [{how}]")
        if item.get("note"):
            out.append(f"      note: {item['note']}")
        sentence = _sentence_around(text, item["start_char"], item["end_char"])
        out += textwrap.wrap(sentence, _WIDTH, initial_indent="      > ", subsequent_indent="        ")
    return out


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), -1)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left + 1:right].split())
