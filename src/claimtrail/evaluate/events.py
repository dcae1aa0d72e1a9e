"""``claimtrail eval events``: event type, actor and recipient against the PLOVER gold-standard
records (``PLOVER_GSR_CAMEO.txt``: one sentence each, with its event type and its source/target
actors as CAMEO country codes and words).

Scoring:

- The gold type is mapped to the 16 current PLOVER types with the manual's table of old names
  (DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE, FIGHT → ASSAULT).
- claimtrail's prediction for a sentence is its *main* event: the PLOVER event whose trigger is
  highest in the parse (closest to the sentence root), extensions only when no PLOVER event was
  found, and ``NONE`` when there is no event at all.
- Type accuracy over all records; macro-F1 averages the per-type F1 over the types present in the
  gold data.
- Actors and recipients: a predicted argument matches a gold one when their words overlap in the
  sentence, or when the prediction's country equals the gold code (CAMEO's JAP and ITL read as
  JPN and ITA). Each gold argument matches one prediction at most. Micro P/R/F1 over all records.
- A REQUEST that claimtrail codes from "X said Y must…" scores the speaker (the claim's source) as
  the actor and the one who must act as the recipient, as PLOVER codes it.
- ``--split tune|test`` scores only the even / odd records; lexicon work looked at the tune half
  only, so the test half is the unbiased figure.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError, InputNotFound, MalformedInput
from .scoring import f1, ratio

_CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA"}
NONE = "NONE"


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    code: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    text: str
    type: str
    original_type: str
    actors: tuple[GoldActor, ...]
    recipients: tuple[GoldActor, ...]


def _actors(value: Any) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()
    out = []
    for item in value:
        if isinstance(item, dict) and item.get("actorText"):
            raw = item.get("code")
            code = str(raw) if raw else None
            out.append(GoldActor(str(item["actorText"]),
                                 _CAMEO_TO_ISO.get(code, code) if code else None))
    return tuple(out)


def read_gsr(path: str | Path, old_names: dict[str, str]) -> list[GoldEvent]:
    """The records of a PLOVER GSR file (a JSON array) that carry a sentence."""
    file = Path(path)
    if file.is_dir():
        file = file / "PLOVER_GSR_CAMEO.txt"
    if not file.exists():
        raise InputNotFound(f"{file} not found (give the PLOVER GSR file, e.g. "
                            "../shared/data/plover/PLOVER_GSR_CAMEO.txt)")
    try:
        records = json.loads(file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise MalformedInput(f"{file} is not a JSON array of PLOVER records: {err}") from err
    if not isinstance(records, list):
        raise MalformedInput(f"{file} is not a JSON array of PLOVER records")
    out: list[GoldEvent] = []
    for record in records:
        if not isinstance(record, dict) or not record.get("text") or not record.get("event"):
            continue
        original = str(record["event"])
        out.append(GoldEvent(str(record.get("id", len(out))), str(record["text"]),
                             old_names.get(original, original), original,
                             _actors(record.get("source")), _actors(record.get("target"))))
    if not out:
        raise DataError(f"{file} has no records with a sentence and an event type")
    return out


def select_split(events: list[GoldEvent], split: str) -> list[GoldEvent]:
    if split == "all":
        return events
    if split not in ("tune", "test"):
        raise ValueError(f"unknown split {split!r} (all, tune, test)")
    parity = 0 if split == "tune" else 1
    return [e for i, e in enumerate(events) if i % 2 == parity]


# ----------------------------------------------------------------------------- prediction

@dataclass(frozen=True, slots=True)
class Predicted:
    type: str
    actors: tuple[dict[str, Any], ...]
    recipients: tuple[dict[str, Any], ...]
    trigger: str | None


def main_event(events: list[dict[str, Any]], doc: Any,
               sources: dict[str, dict[str, Any]] | None = None) -> Predicted:
    """The event a one-sentence record is about (see the module docstring)."""
    if not events:
        return Predicted(NONE, (), (), None)

    def depth(event: dict[str, Any]) -> int:
        span = doc.char_span(event["trigger"]["start_char"], event["trigger"]["end_char"],
                             alignment_mode="expand")
        token = span.root if span is not None else doc[0]
        return sum(1 for _ in token.ancestors)

    plover = [e for e in events if not e["extension"]]
    pool = plover or events
    best = min(pool, key=lambda e: (depth(e), e["trigger"]["start_char"]))
    actors, recipients = tuple(best["actors"]), tuple(best["recipients"])
    if best["plover_type"] == "REQUEST" != best["type"] and sources:
        # "Russia said Sudan must return the helicopter": PLOVER codes a request by the speaker
        # to the one who must act
        speaker = _speaker(best, sources)
        if speaker is not None:
            actors, recipients = (speaker,), actors
    return Predicted(best["plover_type"], actors, recipients, best["trigger"]["text"])


def _speaker(event: dict[str, Any], sources: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    for report in event["reports"]:
        source = sources.get(report["source_id"])
        if source is None or source["kind"] == "author" or not source["mentions"]:
            continue
        mention = source["mentions"][0]
        return {"text": mention["text"], "start_char": mention["start_char"],
                "end_char": mention["end_char"], "name": source["name"],
                "country": source.get("country")}
    return None


# ----------------------------------------------------------------------------- scoring

@dataclass(slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def metrics(self) -> dict[str, float]:
        p, r = ratio(self.tp, self.tp + self.fp), ratio(self.tp, self.tp + self.fn)
        return {"precision": p, "recall": r, "f1": f1(p, r), "tp": self.tp, "fp": self.fp,
                "fn": self.fn}


def _spans_of(text: str, words: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    lowered, needle = text.lower(), words.lower()
    start = lowered.find(needle)
    while start != -1 and needle:
        out.append((start, start + len(needle)))
        start = lowered.find(needle, start + 1)
    return out


def match_arguments(text: str, gold: tuple[GoldActor, ...],
                    predicted: tuple[dict[str, Any], ...]) -> PRF:
    counts = PRF()
    used: set[int] = set()
    for actor in gold:
        spans = _spans_of(text, actor.text)
        hit = None
        for k, pred in enumerate(predicted):
            if k in used:
                continue
            overlap = any(pred["start_char"] < e and s < pred["end_char"] for s, e in spans)
            same_code = bool(actor.code and pred.get("country") and pred["country"] == actor.code)
            same_name = pred.get("name", "").lower() == actor.text.lower()
            if overlap or same_code or same_name:
                hit = k
                break
        if hit is None:
            counts.fn += 1
        else:
            used.add(hit)
            counts.tp += 1
    counts.fp += len(predicted) - len(used)
    return counts


@dataclass(slots=True)
class EventScores:
    records: int = 0
    correct: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    actors: PRF = field(default_factory=PRF)
    recipients: PRF = field(default_factory=PRF)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, gold: GoldEvent, pred: Predicted) -> None:
        self.records += 1
        self.correct += gold.type == pred.type
        self.confusion[(gold.type, pred.type)] += 1
        a = match_arguments(gold.text, gold.actors, pred.actors)
        r = match_arguments(gold.text, gold.recipients, pred.recipients)
        for total, part in ((self.actors, a), (self.recipients, r)):
            total.tp += part.tp
            total.fp += part.fp
            total.fn += part.fn
        if gold.type != pred.type:
            self.errors.append({"id": gold.id, "gold": gold.type, "predicted": pred.type,
                                "trigger": pred.trigger, "text": gold.text})

    def per_type(self) -> dict[str, PRF]:
        labels = sorted({g for g, _ in self.confusion})
        out = {label: PRF() for label in labels}
        for (g, p), n in self.confusion.items():
            if g == p:
                out[g].tp += n
                continue
            if g in out:
                out[g].fn += n
            if p in out:
                out[p].fp += n
        return out

    def summary(self) -> dict[str, Any]:
        per = {k: v.metrics() for k, v in self.per_type().items()}
        macro = sum(m["f1"] for m in per.values()) / len(per) if per else 0.0
        return {
            "records": self.records,
            "type_accuracy": self.correct / self.records if self.records else 0.0,
            "type_macro_f1": macro,
            "actors": self.actors.metrics(),
            "recipients": self.recipients.metrics(),
            "arguments": PRF(self.actors.tp + self.recipients.tp, self.actors.fp + self.recipients.fp,
                             self.actors.fn + self.recipients.fn).metrics(),
            "per_type": per,
            "confusion": [{"gold": g, "predicted": p, "count": n}
                          for (g, p), n in sorted(self.confusion.items())],
        }


def evaluate_events(path: str | Path, nlp: Any, split: str = "all", limit: int | None = None,
                    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
                    ) -> EventScores:
    """Score claimtrail's events on a PLOVER GSR file."""
    from ..analyze import analyze_article
    from ..records import Article
    from ..resources import load_event_lexicon

    lexicon = load_event_lexicon()
    gold = select_split(read_gsr(path, lexicon.old_names), split)
    if limit is not None:
        gold = gold[:limit]
    docs: Iterable[Any] = nlp.pipe([g.text for g in gold], batch_size=32)
    if progress is not None:
        docs = progress(docs, len(gold))
    scores = EventScores()
    for record, doc in zip(gold, docs, strict=True):
        article = Article(record.id, record.text, language="en")
        analysis = analyze_article(article, doc, nlp).as_dict()
        sources = {src["id"]: src for src in analysis["sources"]}
        scores.add(record, main_event(analysis["events"], doc, sources))
    return scores


def iter_confusion_rows(scores: EventScores) -> Iterator[list[str]]:
    labels = sorted({g for g, _ in scores.confusion} | {p for _, p in scores.confusion})
    yield ["gold \\ predicted", *labels]
    for g in sorted({g for g, _ in scores.confusion}):
        yield [g, *(str(scores.confusion.get((g, p), 0) or ".") for p in labels)]


def format_report(scores: EventScores) -> str:
    s = scores.summary()
    lines = [
        f"PLOVER gold-standard records scored: {s['records']}",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| type accuracy | {s['type_accuracy']:.3f} |",
        f"| type macro-F1 | {s['type_macro_f1']:.3f} |",
    ]
    for role, label in (("actors", "actor"), ("recipients", "recipient"),
                        ("arguments", "actor + recipient pooled")):
        m = s[role]
        lines.append(f"| {label} P / R / F1 | {m['precision']:.3f} / {m['recall']:.3f} / "
                     f"{m['f1']:.3f} |")
    lines += ["", "| type | P | R | F1 | gold |", "|---|---:|---:|---:|---:|"]
    for label, m in s["per_type"].items():
        lines.append(f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | "
                     f"{m['tp'] + m['fn']} |")
    lines += ["", "Confusion (rows: gold, columns: predicted):", ""]
    rows = list(iter_confusion_rows(scores))
    short = [[c[:6] for c in row] for row in rows]
    widths = [max(len(r[k]) for r in short) for k in range(len(short[0]))]
    for row in short:
        lines.append(" ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(lines)
