"""Train the cue model (an L2 logistic regression and boosted trees, averaged) on the candidate
words of an annotated corpus. Deterministic: liblinear and LightGBM with fixed seeds over examples
in document order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..evaluate.polnear import GoldArticle
from ..extract.attribution import AttributionLexicon, is_candidate, near_quote
from ..extract.cue_model import cue_features
from ..extract.quotes import find_quotes
from .linear import fit_binary
from .trees import fit_trees


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
                feats = cue_features(token, sent, near, precision, lex.speech)
                out.append((feats, 1 if cue[token.idx] else 0))
    return out


# below this regression probability the trees are not consulted (see CueModel); in 4-fold
# cross-validation on PolNeAR's training split no candidate under 0.1 reached the threshold with
# the trees, and 70% of the candidates need no tree walk
TREE_FLOOR = 0.1


def train(data: list[tuple[list[str], int]], c: float = 0.3, min_count: int = 2) -> dict[str, Any]:
    """Fit the cue model: an L2 logistic regression (scikit-learn) and boosted trees (LightGBM),
    both from ``pip install '.[train]'``."""
    feats, labels = [f for f, _ in data], [y for _, y in data]
    weights, bias = fit_binary(feats, labels, c=c, min_count=min_count)
    return {"weights": dict(sorted(weights.items())), "bias": bias,
            "trees": fit_trees(feats, labels, min_count=min_count), "floor": TREE_FLOOR}


def best_threshold(scored_examples: Iterable[tuple[float, int]]) -> tuple[float, float]:
    """The probability threshold with the best candidate-level F1 over (probability, label) pairs."""
    scored = sorted(scored_examples, reverse=True)
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
