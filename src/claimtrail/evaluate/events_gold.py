"""The real-news event gold: files that hold offsets and a hash, never the text.

A gold file (``tests/gold/events-news/NAME.json``) names a text under the shared data folder
(``path``, relative to it) and its SHA-256. It lists the article's *parties* (each with every
span where the article names it, and the country it stands for when it is a state or acts for
one) and its real-world *events*, each once: its type, its mentions (trigger spans), actors and
recipients (party ids), place and date spans, modality, negation and whether it is the article's
main event. Texts are read from the data folder at evaluation time; a text whose hash has changed
is refused.

Annotators write *drafts* with the strings as they appear in the text (kept outside the
repository); :func:`build_gold` turns a draft into offsets and reports every string it cannot
find. Draft format::

    {"path": "polnear/train/text/NAME.txt", "topic": "war" | "other",
     "parties": {"iran": {"names": ["Iran", "Tehran", "Iranian"], "country": "IRN"}},
     "events": [{"type": "ASSAULT",
                 "mentions": [{"trigger": "fired", "near": "Iran fired ballistic missiles"}],
                 "actor": ["iran"], "recipient": ["israel"],
                 "place": ["the Nevatim air base"], "when": ["Tuesday night"],
                 "modality": "actual", "negated": false, "main": true}]}

A mention's ``near`` is a longer string of the text that holds the trigger and occurs once; the
trigger is looked up inside it. Places and dates are found wherever they occur in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .gold_files import (
    disjoint,
    draft_command,
    gold_files,
    occurrences,
    read_gold_file,
    read_text,
    text_hash,
)

FORMAT = "claimtrail-events-gold/1"
CORE_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
              "ASSAULT")
EXTENSION_TYPES = ("POLICY",)
MODALITIES = ("actual", "planned", "threatened", "attempted", "hypothetical")
_COUNTRY = re.compile(r"^[A-Z]{3}$")

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldParty:
    id: str
    mentions: tuple[Span, ...]
    country: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    mentions: tuple[Span, ...]
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    places: tuple[Span, ...]
    when: tuple[Span, ...]
    modality: str
    negated: bool
    main: bool


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    path: str
    text: str
    topic: str
    parties: dict[str, GoldParty]
    events: tuple[GoldEvent, ...]


# --- drafts -> gold ---------------------------------------------------------------------------

def build_gold(draft: dict[str, Any], data_root: Path) -> tuple[dict[str, Any], list[str]]:
    """A draft turned into a gold record (offsets and hash), and the problems found."""
    problems: list[str] = []
    text = read_text(data_root, draft["path"])
    parties: dict[str, Any] = {}
    for pid, spec in draft.get("parties", {}).items():
        spans: list[Span] = []
        for name in spec.get("names", []):
            found = occurrences(text, name)
            if not found:
                problems.append(f"party {pid}: name {name!r} is not in the text")
            spans.extend(found)
        country = spec.get("country")
        if country is not None and not _COUNTRY.match(str(country)):
            problems.append(f"party {pid}: country {country!r} is not an ISO 3166 alpha-3 code")
        parties[pid] = {"mentions": disjoint(spans), "country": country}
    events = []
    for k, event in enumerate(draft.get("events", [])):
        where = f"event {k + 1} ({event.get('type')}, {_first_trigger(event)!r})"
        if event.get("type") not in CORE_TYPES + EXTENSION_TYPES:
            problems.append(f"{where}: type {event.get('type')!r} is not a PLOVER type or POLICY")
        if event.get("modality", "actual") not in MODALITIES:
            problems.append(f"{where}: modality {event.get('modality')!r} is not one of {MODALITIES}")
        for role in ("actor", "recipient"):
            for pid in event.get(role) or []:
                if pid not in parties:
                    problems.append(f"{where}: {role} {pid!r} is not a declared party")
        mentions = []
        for mention in event.get("mentions", []):
            span = _locate_trigger(text, mention)
            if span is None:
                problems.append(f"{where}: trigger {mention.get('trigger')!r} in "
                                f"{mention.get('near')!r} not found (or 'near' is not unique)")
            else:
                mentions.append(list(span))
        if not event.get("mentions"):
            problems.append(f"{where}: no mentions")
        places = _strings(text, event.get("place"), f"{where}: place", problems)
        when = _strings(text, event.get("when"), f"{where}: when", problems)
        events.append({"type": event.get("type"), "mentions": mentions,
                       "actors": list(event.get("actor") or []),
                       "recipients": list(event.get("recipient") or []),
                       "places": places, "when": when,
                       "modality": event.get("modality", "actual"),
                       "negated": bool(event.get("negated", False)),
                       "main": bool(event.get("main", False))})
    gold = {"format": FORMAT, "path": draft["path"], "sha256": text_hash(text),
            "topic": draft.get("topic", "other"), "parties": parties, "events": events}
    return gold, problems


def _first_trigger(event: dict[str, Any]) -> str:
    mentions = event.get("mentions") or [{}]
    return str(mentions[0].get("trigger", ""))


def _locate_trigger(text: str, mention: dict[str, Any]) -> Span | None:
    trigger, near = mention.get("trigger") or "", mention.get("near") or ""
    if not trigger or not near:
        return None
    if text.count(near) != 1:
        return None
    at = text.find(near)
    inner = occurrences(near, trigger)
    if not inner:
        return None
    return at + inner[0][0], at + inner[0][1]


def _strings(text: str, values: Any, where: str, problems: list[str]) -> list[list[int]]:
    spans: list[Span] = []
    for value in values or []:
        found = occurrences(text, value)
        if not found:
            problems.append(f"{where} {value!r} is not in the text")
        spans.extend(found)
    return disjoint(spans)


# --- gold files -------------------------------------------------------------------------------

def load_gold(folder: Path, data_root: Path) -> list[GoldArticle]:
    """Every gold file in ``folder``, with its text read (and its hash checked) from
    ``data_root``."""
    return [_load_one(f, data_root) for f in gold_files(folder)]


def _load_one(path: Path, data_root: Path) -> GoldArticle:
    raw, text = read_gold_file(path, data_root, FORMAT, "an events")
    parties = {pid: GoldParty(pid, _spans(p["mentions"]), p.get("country"))
               for pid, p in raw["parties"].items()}
    events = tuple(GoldEvent(e["type"], _spans(e["mentions"]), tuple(e["actors"]),
                             tuple(e["recipients"]), _spans(e["places"]), _spans(e["when"]),
                             e["modality"], bool(e["negated"]), bool(e["main"]))
                   for e in raw["events"])
    return GoldArticle(path.stem, raw["path"], text, raw.get("topic", "other"), parties, events)


def _spans(values: Any) -> tuple[Span, ...]:
    return tuple((int(a), int(b)) for a, b in values)


# --- the annotators' command ------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """``python -m claimtrail.evaluate.events_gold check|build DRAFT... [--data D] [--out DIR]``:
    ``check`` shows each draft event as found in the text, ``build`` writes the gold files."""
    return draft_command(
        argv, "python -m claimtrail.evaluate.events_gold", "tests/gold/events-news", build_gold,
        lambda gold: f"{len(gold['events'])} events, {len(gold['parties'])} parties",
        lambda text, gold: [_render(text, e) for e in gold["events"]])


def _render(text: str, event: dict[str, Any]) -> str:
    def show(spans: Any) -> str:
        return "/".join(repr(text[a:b]) for a, b in spans[:3]) or "-"

    flags = [event["modality"]] + (["negated"] if event["negated"] else []) + (
        ["MAIN"] if event["main"] else [])
    return (f"{event['type']} {show(event['mentions'])} actor={event['actors']} "
            f"recipient={event['recipients']} place={show(event['places'][:1])} "
            f"when={show(event['when'][:1])} [{' '.join(flags)}]")


if __name__ == "__main__":
    raise SystemExit(main())
