"""Span precision, recall and F1, exact and overlap, per role.

Exact: same first and last character after trimming whitespace and surrounding punctuation
(a span that is only a mark, such as a colon cue, is kept whole).
Overlap: the spans share at least one character (each gold span matches at most one prediction,
greedily by largest overlap).

Spans are mentions: PolNeAR marks a source once even when it takes part in several attributions
("She said X and added Y" has one source span for two cues), so predicted spans are compared as a
set of distinct mentions, and a mention predicted twice counts once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

_TRIM = " \t\n\"'“”‘’«»,.;:()"


def ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(slots=True)
class Counts:
    predicted: int = 0
    gold: int = 0
    exact: int = 0
    overlap_pred: int = 0
    overlap_gold: int = 0

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.exact += other.exact
        self.overlap_pred += other.overlap_pred
        self.overlap_gold += other.overlap_gold

    def metrics(self) -> dict[str, float]:
        ep, er = ratio(self.exact, self.predicted), ratio(self.exact, self.gold)
        op, orr = ratio(self.overlap_pred, self.predicted), ratio(self.overlap_gold, self.gold)
        return {"exact_p": ep, "exact_r": er, "exact_f1": f1(ep, er),
                "overlap_p": op, "overlap_r": orr, "overlap_f1": f1(op, orr),
                "predicted": self.predicted, "gold": self.gold}


@dataclass(slots=True)
class Scores:
    roles: dict[str, Counts] = field(default_factory=dict)

    def add(self, role: str, counts: Counts) -> None:
        self.roles.setdefault(role, Counts()).add(counts)

    def merge(self, other: Scores) -> None:
        """Pool another set of counts into this one (micro-averaging over both)."""
        for role, counts in other.roles.items():
            self.add(role, counts)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding spaces and punctuation; a span that is nothing but a mark
    (a colon that introduces a quotation is a cue) stays as it is."""
    s, e = start, end
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return (s, e) if e > s else (start, end)


def score_spans(text: str, predicted: Iterable[tuple[int, int]],
                gold: Iterable[tuple[tuple[int, int], ...]]) -> Counts:
    """Compare predicted (start, end) spans with gold spans given as fragment tuples."""
    preds = [trim(text, s, e) for s, e in predicted]
    preds = list(dict.fromkeys(p for p in preds if p[1] > p[0]))  # distinct mentions, in order
    golds = [tuple(trim(text, s, e) for s, e in g) for g in gold]
    counts = Counts(predicted=len(preds), gold=len(golds))
    gold_extent = [(g[0][0], g[-1][1]) for g in golds]
    pred_set = set(preds)
    counts.exact = sum(1 for g in gold_extent if g in pred_set)

    def overlap(p: tuple[int, int], g: tuple[tuple[int, int], ...]) -> int:
        return sum(max(0, min(p[1], e) - max(p[0], s)) for s, e in g)

    pairs = sorted(((overlap(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)
                    if overlap(p, g) > 0), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
    counts.overlap_pred = len(used_p)
    counts.overlap_gold = len(used_g)
    return counts
