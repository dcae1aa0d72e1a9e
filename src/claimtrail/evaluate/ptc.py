"""Read the Propaganda Techniques Corpus (SemEval-2020 Task 11) and score against it the way the
task's scorers do.

- Span identification (SI): spans of one article that overlap are merged (gold and predicted
  alike); precision = Σ_s Σ_t |s∩t| / |s| over predicted spans s, divided by their number; recall
  = Σ_t Σ_s |s∩t| / |t| over gold spans t, divided by their number; F1 from these (partial-overlap
  credit).
- Technique classification (TC) on gold spans: one predicted technique per gold instance (a span
  annotated with k techniques gets the model's k best); micro-F1 over all instances, which equals
  accuracy when every instance gets one prediction; per-technique P/R/F1 as well.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError, InputNotFound, MalformedInput
from .scoring import f1, ratio


@dataclass(frozen=True, slots=True)
class PtcArticle:
    id: str
    text: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, technique), gold


def read_ptc(path: str | Path, limit: int | None = None) -> list[PtcArticle]:
    """Articles of a PTC folder: ``train-articles/articleNNN.txt`` and ``train-task2-TC.labels``."""
    root = Path(path)
    articles_dir = root / "train-articles"
    labels = root / "train-task2-TC.labels"
    if not articles_dir.is_dir() or not labels.exists():
        raise InputNotFound(f"{root} is not a PTC folder: it needs train-articles/ and "
                            "train-task2-TC.labels (e.g. ../shared/data/ptc)")
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for n, line in enumerate(labels.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise MalformedInput(f"{labels.name} line {n}: expected 4 tab-separated columns")
        art, technique, start, end = parts
        spans[art].append((int(start), int(end), technique))
    out = []
    for file in sorted(articles_dir.glob("article*.txt")):
        art_id = file.stem.removeprefix("article")
        out.append(PtcArticle(art_id, file.read_text(encoding="utf-8"),
                              tuple(sorted(spans.get(art_id, ())))))
        if limit is not None and len(out) >= limit:
            break
    if not out:
        raise DataError(f"{articles_dir} has no articleNNN.txt files")
    return out


def folds(articles: list[PtcArticle], k: int) -> list[tuple[list[PtcArticle], list[PtcArticle]]]:
    """k (train, test) splits by article, every k-th article in the same test fold."""
    return [([a for i, a in enumerate(articles) if i % k != f],
             [a for i, a in enumerate(articles) if i % k == f]) for f in range(k)]


# ----------------------------------------------------------------------------- SI

def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


@dataclass(slots=True)
class SiCounts:
    precision_sum: float = 0.0
    recall_sum: float = 0.0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: Iterable[tuple[int, int]], gold: Iterable[tuple[int, int]]) -> None:
        pred = [s for s in merge(predicted) if s[1] > s[0]]
        gold_spans = [s for s in merge(gold) if s[1] > s[0]]
        self.predicted += len(pred)
        self.gold += len(gold_spans)
        for s in pred:
            self.precision_sum += sum(max(0, min(s[1], t[1]) - max(s[0], t[0]))
                                      for t in gold_spans) / (s[1] - s[0])
        for t in gold_spans:
            self.recall_sum += sum(max(0, min(s[1], t[1]) - max(s[0], t[0]))
                                   for s in pred) / (t[1] - t[0])

    def extend(self, other: SiCounts) -> None:
        self.precision_sum += other.precision_sum
        self.recall_sum += other.recall_sum
        self.predicted += other.predicted
        self.gold += other.gold

    def metrics(self) -> dict[str, float]:
        p, r = ratio(self.precision_sum, self.predicted), ratio(self.recall_sum, self.gold)
        return {"precision": p, "recall": r, "f1": f1(p, r), "predicted": self.predicted,
                "gold": self.gold}


# ----------------------------------------------------------------------------- TC

@dataclass(slots=True)
class TcCounts:
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted) → n

    def add(self, gold: list[str], predicted: list[str]) -> None:
        """One gold span's techniques and the model's as many best guesses."""
        remaining = list(predicted)
        misses = []
        for technique in gold:
            if technique in remaining:
                remaining.remove(technique)
                self.pairs[(technique, technique)] += 1
            else:
                misses.append(technique)
        for technique, guess in zip(misses, remaining, strict=False):
            self.pairs[(technique, guess)] += 1

    def metrics(self) -> dict[str, Any]:
        total = sum(self.pairs.values())
        correct = sum(n for (g, p), n in self.pairs.items() if g == p)
        labels = sorted({g for g, _ in self.pairs} | {p for _, p in self.pairs})
        per = {}
        for label in labels:
            tp = self.pairs.get((label, label), 0)
            fp = sum(n for (g, p), n in self.pairs.items() if p == label and g != label)
            fn = sum(n for (g, p), n in self.pairs.items() if g == label and p != label)
            p_, r_ = ratio(tp, tp + fp), ratio(tp, tp + fn)
            per[label] = {"precision": p_, "recall": r_, "f1": f1(p_, r_), "gold": tp + fn}
        return {"micro_f1": ratio(correct, total), "instances": total,
                "per_technique": per}
