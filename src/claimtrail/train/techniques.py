"""``claimtrail train techniques`` and ``claimtrail eval techniques``: the span and technique
models from the Propaganda Techniques Corpus, and their k-fold cross-validation.

Training uses scikit-learn (``pip install '.[train]'``); the shipped models are plain JSON weights
that claimtrail reads without it. Everything is deterministic: fixed folds (every k-th article),
fixed seeds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from ..evaluate.ptc import PtcArticle, SiCounts, TcCounts, folds
from ..extract.cue_model import CueModel
from ..extract.techniques import (
    SpanModel,
    TechniqueModel,
    decode,
    phrase_counts,
    predict_spans,
    quote_mask,
    sentence_info,
    span_features,
    token_features,
    token_probabilities,
)
from .linear import fit_binary, frequent

THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3)
KEEP = (0.2, 0.3, 0.4, 0.5, 0.6)
Progress = Callable[[str], None]


def _inside(article: PtcArticle) -> bytearray:
    mask = bytearray(len(article.text) + 1)
    for start, end, _ in article.spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def word_priors(articles: Iterable[PtcArticle], docs: Iterable[Any], min_count: int = 3
                ) -> dict[str, float]:
    """Each word's rate inside technique spans (words seen at least ``min_count`` times)."""
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for art, doc in zip(articles, docs, strict=True):
        mask = _inside(art)
        for token in doc:
            if token.is_space:
                continue
            seen[token.lower_] += 1
            hits[token.lower_] += mask[token.idx]
    return {w: round(hits[w] / n, 3) for w, n in seen.items() if n >= min_count}


def token_examples(articles: Iterable[PtcArticle], docs: Iterable[Any], priors: dict[str, float]
                   ) -> tuple[list[list[str]], list[int]]:
    feats: list[list[str]] = []
    labels: list[int] = []
    for art, doc in zip(articles, docs, strict=True):
        mask = _inside(art)
        quotes = quote_mask(art.text)
        for sent in doc.sents:
            marks = sentence_info(sent, priors)
            for token in sent:
                if token.is_space:
                    continue
                feats.append(token_features(token, priors, bool(quotes[token.idx]), marks))
                labels.append(mask[token.idx])
    return feats, labels


def span_examples(articles: Iterable[PtcArticle], docs: Iterable[Any]
                  ) -> tuple[list[list[str]], list[str]]:
    feats: list[list[str]] = []
    labels: list[str] = []
    for art, doc in zip(articles, docs, strict=True):
        counts = phrase_counts(doc)
        for start, end, technique in art.spans:
            feats.append(span_features(doc, start, end, art.text, counts))
            labels.append(technique)
    return feats, labels


def _fit_softmax(feats: list[list[str]], labels: list[str], c: float = 2.0) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(frequent(feats, 2))
    model = LogisticRegression(C=c, max_iter=2000, random_state=0)
    model.fit(x, labels)
    classes = [str(k) for k in model.classes_]
    weights: dict[str, dict[str, float]] = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        row = {cls: round(float(model.coef_[k][j]), 3) for k, cls in enumerate(classes)
               if abs(model.coef_[k][j]) >= 0.02}
        if row:
            weights[str(name)] = row
    return {"classes": classes, "weights": weights,
            "bias": {cls: round(float(b), 4) for cls, b in zip(classes, model.intercept_, strict=True)}}


def train_span_model(articles: list[PtcArticle], docs: list[Any],
                     progress: Progress | None = None) -> dict[str, Any]:
    """Fit on 4/5 of ``articles``, pick the threshold with the best SI F1 on the other 1/5, refit
    on all of them."""
    inner_fit = [i for i in range(len(articles)) if i % 5 != 4]
    inner_val = [i for i in range(len(articles)) if i % 5 == 4]
    fit_a, fit_d = [articles[i] for i in inner_fit], [docs[i] for i in inner_fit]
    val_a, val_d = [articles[i] for i in inner_val], [docs[i] for i in inner_val]
    priors = word_priors(fit_a, fit_d)
    weights, bias = fit_binary(*token_examples(fit_a, fit_d, priors))
    probe = SpanModel(CueModel(weights, bias, 0.5), priors, 1, 0.5)
    probabilities = [token_probabilities(doc, probe) for doc in val_d]
    best = (THRESHOLDS[0], THRESHOLDS[0], 1, -1.0)
    for threshold in THRESHOLDS:
        for keep in KEEP:
            if keep < threshold:
                continue
            for gap in (1, 2):
                counts = SiCounts()
                for art, probs in zip(val_a, probabilities, strict=True):
                    counts.add([(s, e) for s, e, _ in decode(art.text, probs, threshold, keep, gap)],
                               [(s, e) for s, e, _ in art.spans])
                f1 = counts.metrics()["f1"]
                if f1 > best[3]:
                    best = (threshold, keep, gap, f1)
    if progress:
        progress(f"  decoding: threshold {best[0]}, keep {best[1]}, gap {best[2]}: "
                 f"inner SI F1 {best[3]:.3f}")
    priors = word_priors(articles, docs)
    weights, bias = fit_binary(*token_examples(articles, docs, priors))
    return {"weights": weights, "bias": bias, "threshold": best[0], "keep": best[1],
            "max_gap": best[2], "priors": priors, "inner_si_f1": round(best[3], 4)}


def train_technique_model(articles: list[PtcArticle], docs: list[Any]) -> dict[str, Any]:
    return _fit_softmax(*span_examples(articles, docs))


def cross_validate(articles: list[PtcArticle], docs: list[Any], k: int = 5,
                   progress: Progress | None = None) -> dict[str, Any]:
    """k-fold cross-validation by article: SI on predicted spans, TC on gold spans."""
    si_total = SiCounts()
    tc_total = TcCounts()
    per_fold = []
    index = {a.id: i for i, a in enumerate(articles)}
    for f, (train, test) in enumerate(folds(articles, k), start=1):
        train_docs = [docs[index[a.id]] for a in train]
        test_docs = [docs[index[a.id]] for a in test]
        span_model = SpanModel.from_dict(train_span_model(train, train_docs, progress))
        label_model = TechniqueModel.from_dict(train_technique_model(train, train_docs))
        si = SiCounts()
        tc = TcCounts()
        for art, doc in zip(test, test_docs, strict=True):
            si.add([(s, e) for s, e, _ in predict_spans(doc, span_model)],
                   [(s, e) for s, e, _ in art.spans])
            counts = phrase_counts(doc)
            by_span: dict[tuple[int, int], list[str]] = {}
            for start, end, technique in art.spans:
                by_span.setdefault((start, end), []).append(technique)
            for (start, end), gold in by_span.items():
                scores = label_model.scores(span_features(doc, start, end, art.text, counts))
                ranked = sorted(scores, key=lambda c: -scores[c])[:len(gold)]
                tc.add(gold, ranked)
        si_total.extend(si)
        tc_total.pairs.update(tc.pairs)
        si_fold = si.metrics()
        tc_fold = tc.metrics()["micro_f1"]
        per_fold.append({"fold": f, "si": si_fold, "tc_micro_f1": tc_fold,
                         "threshold": span_model.model.threshold})
        if progress:
            progress(f"fold {f}/{k}: SI F1 {si_fold['f1']:.3f}, TC micro-F1 {tc_fold:.3f}")
    return {"folds": per_fold, "si": si_total.metrics(), "tc": tc_total.metrics(), "k": k}
