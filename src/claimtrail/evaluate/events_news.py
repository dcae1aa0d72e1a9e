"""``claimtrail eval events-news``: events on whole real articles against our own gold.

Every article is analysed as ``claimtrail analyze`` reads it. Scoring:

- A predicted event **aligns** with a gold event when one of its mentions (its trigger, and the
  mentions coreference merged into it) overlaps one of the gold event's mentions. Of the
  predictions aligned with one gold event, the one with the most fields right is its **match**;
  the others are **duplicates** (one happening told twice) and count as wrong.
- Fields of a match: *type* (the act's type, ``type``, not the reporting ``plover_type``);
  *actor* and *recipient* (no gold party and no prediction, or every predicted argument names one
  of the gold parties: its words overlap one of the party's mentions anywhere in the article, or
  it resolves to an entity, "she" to Hillary Clinton, another of whose names ends a mention of the
  party, "Rep. Hillary Clinton", and not after a preposition in it, or the
  party stands for a state and the argument resolves to that state's country); *date* (no
  gold date and none predicted, or the predicted time's words overlap one of the gold date's
  occurrences); *modality* (modality and negation both equal). The place is reported apart.
- **Core precision**: PLOVER-type predictions (ASSAULT … REJECT) that match a gold event with
  type, actor, recipient, date and modality right, over all PLOVER-type predictions. Also the
  share with the type right.
- **Extension precision**: POLICY as above (type and actor); STATEMENT and NO_COMMENT events are
  right when their trigger overlaps the cue of a claim in the claim gold of the same article
  (``--claims``) and their actor names that claim's source.
- **Recall**: gold events matched with the type right (and fully right).
- **Main-event recall**: gold main events matched with type, actor and recipient right by a
  prediction marked ``main``; also without the ``main`` mark.
- **Actorless rate**: matched PLOVER-type predictions with no actor although the gold event has
  one. **Per gold event**: PLOVER-type predictions over PLOVER-type gold events.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .claims_gold import GoldArticle as ClaimsArticle
from .claims_gold import load_gold as load_claims_gold
from .events_gold import CORE_TYPES, GoldArticle, GoldEvent, GoldParty, Span, load_gold
from .gold_files import analysed
from .scoring import ratio

_CORE = frozenset(CORE_TYPES)
_STATEMENTS = frozenset({"STATEMENT", "NO_COMMENT"})
FIELDS = ("type", "actor", "recipient", "date", "modality", "place")


@dataclass(frozen=True, slots=True)
class Argument:
    span: Span
    country: str | None
    # the other mentions of the entity the argument resolves to ("she" → Hillary Clinton)
    entity_mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Predicted:
    id: str
    type: str
    mentions: tuple[Span, ...]
    actors: tuple[Argument, ...]
    recipients: tuple[Argument, ...]
    place: Span | None
    when: Span | None
    modality: str
    negated: bool
    main: bool


@dataclass(slots=True)
class EventScores:
    articles: int = 0
    core_predicted: int = 0
    core_right: int = 0
    core_typed: int = 0
    core_duplicates: int = 0
    core_unaligned: int = 0
    ext_predicted: dict[str, int] = field(default_factory=dict)
    ext_right: dict[str, int] = field(default_factory=dict)
    gold: int = 0
    gold_core: int = 0
    found: int = 0
    found_right: int = 0
    main_gold: int = 0
    main_found: int = 0
    main_found_unmarked: int = 0
    matched_with_actor: int = 0
    actorless: int = 0
    fields_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    matched: int = 0
    by_topic: dict[str, list[int]] = field(default_factory=dict)  # topic → [predicted, right]
    errors: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        ext = {t: {"precision": ratio(self.ext_right.get(t, 0), n), "predicted": n}
               for t, n in sorted(self.ext_predicted.items())}
        return {
            "articles": self.articles,
            "core": {"precision": ratio(self.core_right, self.core_predicted),
                     "type_precision": ratio(self.core_typed, self.core_predicted),
                     "predicted": self.core_predicted, "duplicates": self.core_duplicates,
                     "not_events": self.core_unaligned},
            "extensions": ext,
            "recall": {"typed": ratio(self.found, self.gold),
                       "fully_right": ratio(self.found_right, self.gold), "gold": self.gold},
            "main_recall": ratio(self.main_found, self.main_gold),
            "main_recall_unmarked": ratio(self.main_found_unmarked, self.main_gold),
            "main_gold": self.main_gold,
            "actorless_rate": ratio(self.actorless, self.matched_with_actor),
            "per_gold_event": ratio(self.core_predicted, self.gold_core),
            "fields": {f: ratio(n, self.matched) for f, n in self.fields_right.items()},
            "by_topic": {t: {"core_precision": ratio(r, p), "predicted": p}
                         for t, (p, r) in sorted(self.by_topic.items())},
        }


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_INNER_PREPS = re.compile(r"\b(?:in|of|from|at|for|with|to|on)\b", re.I)


def _names_party(arg: Argument, party: GoldParty, text: str) -> bool:
    if party.country is not None and arg.country == party.country:
        return True
    if any(_overlaps(arg.span, m) for m in party.mentions):
        return True
    # a word that stands for an entity ("she"): another of the entity's names ends a mention of
    # the party ("Hillary Clinton", "Defense Secretary Ash Carter"), not as a modifier ("Trump
    # campaign associates") nor after a preposition ("U.S. citizens in China")
    return any(m[0] <= e[0] and e[1] == len(text[:m[1]].rstrip(" .,;:’'\"")) and not
               _INNER_PREPS.search(text[m[0]:e[0]])
               for e in arg.entity_mentions for m in party.mentions)


def arguments_right(predicted: tuple[Argument, ...], gold: tuple[str, ...], art: GoldArticle) -> bool:
    if not gold:
        return not predicted
    parties = [art.parties[p] for p in gold if p in art.parties]
    return bool(predicted) and all(any(_names_party(a, p, art.text) for p in parties)
                                   for a in predicted)


def field_checks(pred: Predicted, gold: GoldEvent, art: GoldArticle) -> dict[str, bool]:
    when = (pred.when is None if not gold.when
            else pred.when is not None and any(_overlaps(pred.when, w) for w in gold.when))
    place = (pred.place is None if not gold.places
             else pred.place is not None and any(_overlaps(pred.place, p) for p in gold.places))
    return {"type": pred.type == gold.type,
            "actor": arguments_right(pred.actors, gold.actors, art),
            "recipient": arguments_right(pred.recipients, gold.recipients, art),
            "date": when,
            "modality": pred.modality == gold.modality and pred.negated == gold.negated,
            "place": place}


def _fully_right(checks: dict[str, bool]) -> bool:
    return all(checks[f] for f in ("type", "actor", "recipient", "date", "modality"))


def _aligned(pred: Predicted, gold: GoldEvent) -> bool:
    return any(_overlaps(m, g) for m in pred.mentions for g in gold.mentions)


def score_article(art: GoldArticle, predicted: list[Predicted], scores: EventScores,
                  claims: ClaimsArticle | None = None) -> None:
    scores.articles += 1
    topic = scores.by_topic.setdefault(art.topic, [0, 0])
    # each prediction goes to the first gold event it aligns with that has its type, else the first
    assigned: dict[int, list[tuple[Predicted, dict[str, bool]]]] = {}
    for pred in predicted:
        if pred.type not in _CORE and pred.type != "POLICY":
            if pred.type in _STATEMENTS:
                _score_statement(pred, claims, scores)
            continue
        candidates = [k for k, g in enumerate(art.events) if _aligned(pred, g)]
        typed = [k for k in candidates if art.events[k].type == pred.type]
        if not candidates:
            _count(pred, None, scores, topic)
            scores.errors.append({"article": art.name, "error": "not an event",
                                  "type": pred.type, "trigger": _words(art, pred.mentions[0])})
            continue
        k = (typed or candidates)[0]
        assigned.setdefault(k, []).append((pred, field_checks(pred, art.events[k], art)))
    for k, gold in enumerate(art.events):
        scores.gold += 1
        scores.gold_core += gold.type in _CORE
        scores.main_gold += gold.main
        found = assigned.get(k, [])
        found.sort(key=lambda pc: -sum(pc[1].values()))
        for rank, (pred, checks) in enumerate(found):
            _count(pred, checks if rank == 0 else None, scores, topic, duplicate=rank > 0)
        if not found:
            scores.errors.append({"article": art.name, "error": "missed", "type": gold.type,
                                  "trigger": _words(art, gold.mentions[0]) if gold.mentions else ""})
            continue
        pred, checks = found[0]
        scores.matched += 1
        for name, ok in checks.items():
            scores.fields_right[name] += ok
        scores.found += checks["type"]
        scores.found_right += _fully_right(checks)
        if gold.actors and pred.type in _CORE:
            scores.matched_with_actor += 1
            scores.actorless += not pred.actors
        if gold.main and checks["type"] and checks["actor"] and checks["recipient"]:
            scores.main_found_unmarked += 1
            scores.main_found += any(p.main for p, _ in found)
        if not _fully_right(checks):
            scores.errors.append({"article": art.name, "error": "wrong", "type": gold.type,
                                  "predicted_type": pred.type,
                                  "trigger": _words(art, pred.mentions[0]),
                                  "wrong": [f for f, ok in checks.items() if not ok]})


def _count(pred: Predicted, checks: dict[str, bool] | None, scores: EventScores, topic: list[int],
           duplicate: bool = False) -> None:
    right = checks is not None and (_fully_right(checks) if pred.type in _CORE
                                    else checks["type"] and checks["actor"])
    if pred.type in _CORE:
        scores.core_predicted += 1
        scores.core_right += right
        scores.core_typed += checks is not None and checks["type"]
        scores.core_duplicates += duplicate
        scores.core_unaligned += checks is None and not duplicate
        topic[0] += 1
        topic[1] += right
    else:
        scores.ext_predicted[pred.type] = scores.ext_predicted.get(pred.type, 0) + 1
        scores.ext_right[pred.type] = scores.ext_right.get(pred.type, 0) + right


def _score_statement(pred: Predicted, claims: ClaimsArticle | None, scores: EventScores) -> None:
    if claims is None:
        return
    scores.ext_predicted[pred.type] = scores.ext_predicted.get(pred.type, 0) + 1
    for claim in claims.claims:
        if claim.cue is None or not any(_overlaps(m, claim.cue) for m in pred.mentions):
            continue
        mentions = claims.sources[claim.source].mentions if claim.source else ()
        spans = [*mentions, *([claim.mention] if claim.mention else [])]
        if any(_overlaps(a.span, s) for a in pred.actors for s in spans):
            scores.ext_right[pred.type] = scores.ext_right.get(pred.type, 0) + 1
            return


def _words(art: GoldArticle, span: Span) -> str:
    return art.text[span[0]:span[1]]


def predictions(analysis: Any) -> list[Predicted]:
    """The events of an :class:`~claimtrail.records.Analysis` in the scorer's terms."""
    out = []
    mentions = {e.id: tuple((m.start_char, m.end_char) for m in e.mentions)
                for e in analysis.entities}

    def argument(a: Any) -> Argument:
        span = (a.start_char, a.end_char)
        names = mentions.get(a.entity_id, ()) if a.entity_id else ()
        return Argument(span, a.country, tuple(m for m in names if m != span))

    for ev in analysis.events:
        spans = [(ev.trigger.start_char, ev.trigger.end_char)]
        spans += [(m.start_char, m.end_char) for m in getattr(ev, "mentions", ())]
        when = ev.when
        when_span = ((when.start_char, when.end_char)
                     if when.start_char is not None and when.end_char is not None else None)
        place = ((ev.location.start_char, ev.location.end_char) if ev.location else None)
        out.append(Predicted(
            ev.id, ev.type, tuple(dict.fromkeys(spans)),
            tuple(argument(a) for a in ev.actors), tuple(argument(a) for a in ev.recipients),
            place, when_span, ev.modality, ev.negated, bool(getattr(ev, "main", False))))
    return out


def evaluate_events_news(gold_dir: str | Path, data_root: str | Path, nlp: Any,
                         claims_dir: str | Path | None = None,
                         progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
                         ) -> EventScores:
    """Analyse every gold article from the data folder and score its events."""
    articles = load_gold(Path(gold_dir), Path(data_root))
    claims: dict[str, ClaimsArticle] = {}
    if claims_dir is not None and any(Path(claims_dir).glob("*.json")):
        claims = {a.path: a for a in load_claims_gold(Path(claims_dir), Path(data_root),
                                                      {art.path for art in articles})}
    scores = EventScores()
    for art, analysis in analysed(articles, Path(data_root), nlp, progress):
        score_article(art, predictions(analysis), scores, claims.get(art.path))
    return scores


def format_report(scores: EventScores) -> str:
    s = scores.summary()
    core, recall = s["core"], s["recall"]
    lines = [f"{s['articles']} articles, {recall['gold']} gold events ({s['main_gold']} main)", "",
             "| measure | value |", "|---|---:|",
             f"| core precision (type, actor, recipient, date, modality right) | {core['precision']:.3f} |",
             f"| core precision, type only | {core['type_precision']:.3f} |",
             f"| core predicted (duplicates, not events) | {core['predicted']} "
             f"({core['duplicates']}, {core['not_events']}) |",
             f"| recall, type right | {recall['typed']:.3f} |",
             f"| recall, fully right | {recall['fully_right']:.3f} |",
             f"| main-event recall (marked main) | {s['main_recall']:.3f} |",
             f"| main-event recall (any prediction) | {s['main_recall_unmarked']:.3f} |",
             f"| output events per gold event (core) | {s['per_gold_event']:.3f} |",
             f"| actorless where the gold has an actor | {s['actorless_rate']:.3f} |"]
    for name, value in s["fields"].items():
        lines.append(f"| matched events with {name} right | {value:.3f} |")
    for topic, m in s["by_topic"].items():
        lines.append(f"| core precision, topic {topic} ({m['predicted']} predicted) "
                     f"| {m['core_precision']:.3f} |")
    for etype, m in s["extensions"].items():
        lines.append(f"| extension {etype} precision ({m['predicted']} predicted) | {m['precision']:.3f} |")
    return "\n".join(lines)
