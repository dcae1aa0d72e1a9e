"""What a cluster's reports add up to: independent origins, who the sources are and on which
side, the flags (single origin, anonymous sources only, one side only) and the contradictions
between reports (counts, dates, weapon class, target, actor), each value with the reports and
sources that give it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

#: How a quantity's counting word is filed ("killing" → killed).
COUNT_FIELDS: dict[str, str] = {
    "kill": "killed", "dead": "killed", "die": "killed", "death": "killed", "life": "killed",
    "wound": "wounded", "injure": "wounded", "hurt": "wounded",
    "fire": "fired", "launch": "fired",
    "shoot": "intercepted", "intercept": "intercepted", "down": "intercepted",
    "destroy": "intercepted", "repel": "intercepted",
    "exchange": "exchanged", "return": "exchanged", "release": "exchanged",
    "free": "exchanged", "swap": "exchanged", "hand": "exchanged",
    "arrest": "arrested", "detain": "arrested", "protest": "protesters",
}
#: Words of a weapon's class, as they appear in a report's sentence or weapon names.
WEAPON_CLASSES: dict[str, str] = {
    "cruise": "cruise missile", "kalibr": "cruise missile", "kh-101": "cruise missile",
    "tomahawk": "cruise missile", "storm shadow": "cruise missile",
    "ballistic": "ballistic missile", "iskander": "ballistic missile", "atacms": "ballistic missile",
    "kinzhal": "hypersonic missile", "hypersonic": "hypersonic missile",
    "zircon": "hypersonic missile", "oreshnik": "ballistic missile",
}
#: Types where who did it to whom is disputed between sides (a contradiction on the actor or
#: target is shown only for these; an exchange or a meeting has no wrong side).
BLAME_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "SANCTION", "MOBILIZE",
                         "DISAPPROVE", "REJECT"})
#: People counted in a sentence ("95 Ukrainian servicemen came home"), for an event whose
#: trigger says what is counted (an exchange, a release, an arrest) but that holds no number.
_PEOPLE_COUNT = re.compile(
    r"\b(\d{1,3}(?:,\d{3})*|\d+)\s+(?:[A-Za-z-]+\s+){0,2}?(?:servicemen|servicewomen|"
    r"prisoners|soldiers|people|civilians|troops|detainees|captives|men|women|fighters|"
    r"protesters|demonstrators|hostages|suspects)\b")
_WEAPON_WORDS = re.compile(r"\b(" + "|".join(sorted((re.escape(k) for k in WEAPON_CLASSES),
                                                   key=len, reverse=True)) + r")", re.I)
_STEM = re.compile(r"(ing|ed|s)$")


def count_field(counts: str) -> str | None:
    words = counts.lower().split()
    for word in words:
        stem = _STEM.sub("", word)
        for key in (word, stem, stem + "e"):
            if key in COUNT_FIELDS:
                return COUNT_FIELDS[key]
    if words[:1] == ["shot"]:
        return "intercepted"
    return None


def weapon_classes(sentence: str, weapons: Iterable[str]) -> set[str]:
    found = {WEAPON_CLASSES[m.group(1).lower()] for m in _WEAPON_WORDS.finditer(sentence)}
    for name in weapons:
        found |= {WEAPON_CLASSES[m.group(1).lower()] for m in _WEAPON_WORDS.finditer(name)}
    return found


def _plain(name: str | None) -> str:
    words = re.findall(r"[a-z0-9]+", (name or "").lower())
    return " ".join(w for w in words if w != "the")


def initials(name: str) -> str:
    return "".join(w[0] for w in _plain(name).split() if w not in {"of", "and", "for"})


def same_outlet(credit: str | None, outlet: str | None) -> bool:
    """'MPA' credits 'Meridian Press Agency'; 'the Capital Ledger' is 'Capital Ledger'."""
    return bool(set(_credit_keys(credit)) & set(_outlet_keys(outlet)))


def _outlet_keys(outlet: str | None) -> list[str]:
    """What an outlet's name is found by: its plain name, its initials, and its plain name
    without spaces (which a credit's initials may spell)."""
    plain = _plain(outlet)
    if not plain:
        return []
    short = initials(plain)  # (one letter is no acronym)
    return [f"p:{plain}", *([f"i:{short}"] if len(short) > 1 else []),
            f"n:{plain.replace(' ', '')}"]


def _credit_keys(credit: str | None) -> list[str]:
    plain = _plain(credit)
    if not plain:
        return []
    short = initials(plain)
    return [f"p:{plain}", f"i:{plain.replace(' ', '')}", *([f"n:{short}"] if len(short) > 1 else [])]


class OutletIndex:
    """Things named by outlets or wires (reports, origins), found again by a credit's words:
    one dictionary lookup per credit, not one comparison per report."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[Any]] = {}

    def add(self, name: str | None, value: Any) -> None:
        for key in _outlet_keys(name):
            self._by_key.setdefault(key, []).append(value)

    def find(self, credit: str | None) -> list[Any]:
        found: list[Any] = []
        for key in _credit_keys(credit):
            for value in self._by_key.get(key, ()):
                if not any(value is f for f in found):
                    found.append(value)
        return found


def report_index(reports: Sequence[Report]) -> OutletIndex:
    """The reports by the outlet that published each and the wire its dateline credits."""
    index = OutletIndex()
    for r in reports:
        index.add(r.outlet, r)
        if r.agency:
            index.add(r.agency, r)
    return index


@dataclass(slots=True)
class Report:
    """One member event of a cluster, with its article and what the analysis says of it."""

    article_id: str
    event_id: str
    main: bool
    outlet: str | None
    published: Any
    agency: str | None  # the article's wire credit (its dateline's agency)
    origin_id: str
    event: dict[str, Any]
    sources: dict[str, dict[str, Any]]  # the article's sources by id
    sentence: str = ""
    credits: list[str] = field(default_factory=list)  # media sources it reports the event from
    attached: bool = False  # a further event of an article already in the cluster

    def date(self) -> str | None:
        when = self.event.get("when") or {}
        if when.get("precision") == "day" and when.get("start"):
            return str(when["start"])
        return None


class _Union:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def origin_groups(reports: Sequence[Report]) -> dict[str, str]:
    """Article id → the id of its independent origin within the cluster: near-duplicate
    copies share one; a report that credits an outlet or wire (its dateline agency, or a media
    source it cites for the event) shares the origin of that outlet's report."""
    u = _Union(r.origin_id for r in reports)
    index = report_index(reports)
    for r in reports:
        for credit in [*r.credits, *([r.agency] if r.agency else [])]:
            for other in index.find(credit):
                if other is not r:
                    u.join(r.origin_id, other.origin_id)
    return {r.article_id: u.find(r.origin_id) for r in reports}


def _credited(name: str, report: Report, index: OutletIndex) -> bool:
    """Whether a media source of ``report`` is an outlet or wire whose own report is here."""
    return any(other is not report for other in index.find(name))


def _source_rows(reports: Sequence[Report]) -> list[dict[str, Any]]:
    """The sources behind the reports (not the author, not an outlet credited for the event),
    each with its kind, country, reports and statuses."""
    by_id: dict[str, dict[str, Any]] = {}
    index = report_index(reports)
    for r in reports:
        seen = set()
        for rep in r.event.get("reports", []):
            sid = rep.get("source_id")
            if not sid or sid in seen:
                continue
            seen.add(sid)
            src = r.sources.get(sid, {"name": sid, "kind": None, "country": None})
            kind = src.get("kind")
            if kind == "author":
                continue
            if src.get("name") in r.credits and _credited(str(src.get("name")), r, index):
                continue
            row = by_id.setdefault(sid, {"source_id": sid, "name": src.get("name"),
                                         "kind": kind, "country": src.get("country"),
                                         "reports": 0, "statuses": Counter()})
            row["reports"] += 1
            row["statuses"][rep.get("status") or "reported"] += 1
    rows = sorted(by_id.values(), key=lambda s: (-s["reports"], s["name"] or ""))
    for row in rows:
        row["statuses"] = dict(row["statuses"].most_common())
    return rows


def _parties_countries(reports: Sequence[Report]) -> set[str]:
    out = set()
    for r in reports:
        for role in ("actors", "recipients"):
            out |= {a["country"] for a in r.event.get(role, [])
                    if a.get("country") and not a.get("inferred")}
        location = r.event.get("location") or {}
        if location.get("country"):
            out.add(location["country"])
    return out


def flags(reports: Sequence[Report], origins: int, sources: Sequence[dict[str, Any]]) -> list[str]:
    """single_origin: one independent origin; anonymous_only: every source is anonymous;
    one_side: every source whose country is known is of one country while the event involves
    another (its actors, recipients or place), so the other side is not heard; unsourced: the
    outlets tell it in their own voice and cite no one."""
    out = []
    if origins == 1:
        out.append("single_origin")
    if sources and all(s["kind"] == "anonymous" for s in sources):
        out.append("anonymous_only")
    sides = {s["country"] for s in sources if s.get("country")}
    if len(sides) == 1 and _parties_countries(reports) - sides:
        out.append("one_side")
    if not sources:
        out.append("unsourced")
    return out


def _report_source(r: Report) -> str:
    """Who a report gives for the event: its first source that is not an outlet it credits."""
    named = [src for rep in r.event.get("reports", [])
             if (src := r.sources.get(rep.get("source_id") or "", {})).get("kind")
             not in (None, "author")]
    own = [src for src in named if src.get("name") not in r.credits]
    first = (own or named or [{"name": "the author"}])[0]
    return str(first.get("name"))


def contradictions(reports: Sequence[Report]) -> list[dict[str, Any]]:
    """Where the reports disagree: each field with its values, and which reports (and which
    of their sources) give each."""
    values: dict[str, dict[str, list[Report]]] = {}

    def put(name: str, value: str, r: Report) -> None:
        bucket = values.setdefault(name, {}).setdefault(value, [])
        if r not in bucket:
            bucket.append(r)

    for r in reports:
        firsts: dict[str, str] = {}
        own = count_field(str((r.event.get("trigger") or {}).get("text", "")))
        for q in r.event.get("quantities", []):
            name = count_field(str(q.get("counts", ""))) or (
                own if q.get("counts") == "involved" else None)
            if name and name not in firsts:
                value = q.get("value")
                firsts[name] = str(int(value)) if float(value).is_integer() else str(value)
        if own and own not in firsts and own not in ("killed", "wounded", "fired", "intercepted"):
            found = _PEOPLE_COUNT.search(r.sentence)
            if found:
                firsts[own] = found.group(1).replace(",", "")
        for name, value in firsts.items():
            put(name, value, r)
        if r.attached:
            continue  # (its date and parties may be those of a part of the happening)
        day = r.date()
        if day:
            put("date", day, r)
        classes = weapon_classes(r.sentence, [w.get("name", "") for w in r.event.get("weapons", [])])
        for c in classes:
            put("weapon", c, r)
        for role, name in (("actors", "actor"), ("recipients", "target")) if \
                r.event.get("type") in BLAME_TYPES else ():
            countries = {a.get("country") for a in r.event.get(role, []) if a.get("country")}
            for country in countries:
                put(name, country, r)
    out = []
    for name, by_value in values.items():
        if len(by_value) < 2:
            continue
        if name in ("weapon", "actor", "target"):
            # a disagreement only where some reports give one value and not the other
            sets = [set(map(id, rs)) for rs in by_value.values()]
            if all(a & b for i, a in enumerate(sets) for b in sets[i + 1:]):
                continue
        out.append({"field": name, "values": [
            {"value": value, "reports": sorted({r.article_id for r in rs}),
             "sources": sorted({_report_source(r) for r in rs}),
             "said": [{"article_id": a, "source": s}
                      for a, s in sorted({(r.article_id, _report_source(r)) for r in rs})]}
            for value, rs in sorted(by_value.items(), key=lambda kv: (-len(kv[1]), kv[0]))]})
    return sorted(out, key=lambda c: c["field"])


#: How a source's kind is counted in a cluster's ``source_kinds``.
KIND_GROUPS = {"anonymous": "anonymous", "document": "document", "post": "document",
               "social_media": "document", "media": "media"}


def source_kinds(reports: Sequence[Report], sources: Sequence[dict[str, Any]]) -> dict[str, int]:
    """The sources behind a cluster by kind: named (officials, people, institutions, with their
    side in ``sources``), anonymous, documents, media; and ``author``, the reports that cite no
    one for the event."""
    out = {"named": 0, "anonymous": 0, "document": 0, "media": 0, "author": 0}
    for s in sources:
        out[KIND_GROUPS.get(str(s.get("kind")), "named")] += 1
    for r in reports:
        if r.attached:
            continue
        kinds = {r.sources.get(rep.get("source_id") or "", {}).get("kind")
                 for rep in r.event.get("reports", [])}
        if kinds <= {"author", None}:
            out["author"] += 1
    return out


def corroboration(reports: Sequence[Report]) -> dict[str, Any]:
    groups = origin_groups(reports)
    origins = len(set(groups.values()))
    sources = _source_rows(reports)
    return {"origin_of": groups, "origins": origins, "sources": sources,
            "source_kinds": source_kinds(reports, sources),
            "flags": flags(reports, origins, sources),
            "contradictions": contradictions(reports)}
