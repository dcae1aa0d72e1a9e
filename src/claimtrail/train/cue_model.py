"""Train the cue model (logistic regression, plain SGD with L2) on candidate words of an
annotated corpus. Deterministic: fixed seed, fixed order."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..evaluate.polnear import GoldArticle
from ..extract.attribution import AttributionLexicon, is_candidate, near_quote
from ..extract.cue_model import CueModel, cue_features
from ..extract.quotes import find_quotes


def examples(articles: Iterable[GoldArticle], docs: Iterable[Any],
             lex: AttributionLexicon) -> list[tuple[list[str], int]]:
    out = []
    for art, doc in zip(articles, docs, strict=True):
        cue = art.mask("cue")
        quotes = find_quotes(doc.text)
        inside = bytearray(len(doc.text) + 1)
        for start, end in quotes:
            inside[start + 1:end - 1] = b"\x01" * max(end - start - 2, 0)
        for sent in doc.sents:
            near = near_quote(sent, quotes)
            for token in sent:
                if inside[token.idx] or not is_candidate(token, lex):
                    continue
                precision = lex.learned_precision.get(token.lemma_.lower(), 0.0)
                feats = cue_features(token, near, precision)
                out.append((feats, 1 if cue[token.idx] else 0))
    return out


def train(data: list[tuple[list[str], int]], epochs: int = 8, rate: float = 0.1,
          l2: float = 1e-5, min_count: int = 2, seed: int = 13) -> dict[str, Any]:
    counts: Counter[str] = Counter(f for feats, _ in data for f in feats)
    weights: dict[str, float] = {f: 0.0 for f, c in counts.items() if c >= min_count}
    bias = 0.0
    order = list(range(len(data)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        step = rate / (1 + epoch)
        for i in order:
            feats, label = data[i]
            active = [f for f in feats if f in weights]
            score = bias + sum(weights[f] for f in active)
            p = 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))
            grad = p - label
            bias -= step * grad
            for f in active:
                weights[f] -= step * (grad + l2 * weights[f])
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-3}
    return {"weights": kept, "bias": round(bias, 4)}


def best_threshold(model: CueModel, data: list[tuple[list[str], int]]) -> tuple[float, float]:
    """The probability threshold with the best F1 on ``data`` (candidate-level)."""
    scored = sorted(((model.probability(f), y) for f, y in data), reverse=True)
    positives = sum(y for _, y in scored)
    best = (0.5, 0.0)
    tp = 0
    for k, (p, y) in enumerate(scored, start=1):
        tp += y
        precision, recall = tp / k, tp / positives if positives else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best[1]:
            best = (p, f1)
    return best
