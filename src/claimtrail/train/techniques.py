"""``claimtrail train techniques`` and ``claimtrail eval techniques``: the span and technique
models from the Propaganda Techniques Corpus, and their k-fold cross-validation.

Training uses CRFsuite (the span CRF) and scikit-learn (the technique model), both in
``pip install '.[train]'``; the shipped models are plain JSON weights that claimtrail reads without
them. Everything is deterministic: fixed folds (every k-th article), fixed seeds, L-BFGS.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..evaluate.ptc import PtcArticle, SiCounts, TcCounts, folds
from ..extract.techniques import (
    SENTENCE_MODEL_FILE,
    SentenceModel,
    SpanModel,
    TechniqueModel,
    TokenCrf,
    decode,
    doc_words,
    phrase_counts,
    predict_spans,
    quote_mask,
    sentence_info,
    sentence_text,
    span_features,
    token_features,
    token_probabilities,
)
from .linear import frequent

THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
KEEP = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
EXTEND = (None, 0.2, 0.35, 0.5)  # see extract.techniques.decode
SENTENCE_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
SPAN_GROUPS = {"Loaded_Language": "loaded", "Name_Calling,Labeling": "label"}
CRF_PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}
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


def _groups(article: PtcArticle) -> list[str | None]:
    """Each character's span group (the shortest span wins where spans overlap), or None."""
    marks: list[str | None] = [None] * (len(article.text) + 1)
    for start, end, technique in sorted(article.spans, key=lambda s: s[0] - s[1]):
        group = SPAN_GROUPS.get(technique, "other")
        marks[start:end] = [group] * (end - start)
    return marks


def token_sequences(articles: Iterable[PtcArticle], docs: Iterable[Any], priors: dict[str, float]
                    ) -> list[tuple[list[list[str]], list[str]]]:
    """One (feature rows, labels) pair per sentence. Labels are O (outside every span) and B-/I-
    (first / next token of a span) with the span's group: short charged words (``loaded``), labels
    for people (``label``), and the longer techniques (``other``). The groups let the CRF learn
    their different lengths; the span model only asks whether a token is outside."""
    out: list[tuple[list[list[str]], list[str]]] = []
    for art, doc in zip(articles, docs, strict=True):
        groups = _groups(art)
        quotes = quote_mask(art.text)
        words = doc_words(doc)
        for sent in doc.sents:
            marks = sentence_info(sent, priors)
            tokens = [t for t in sent if not t.is_space]
            if not tokens:
                continue
            rows = [token_features(t, priors, bool(quotes[t.idx]), marks, words) for t in tokens]
            labels: list[str] = []
            before: str | None = None
            for token in tokens:
                group = groups[token.idx]
                labels.append("O" if group is None else ("I-" if group == before else "B-") + group)
                before = group
            out.append((rows, labels))
    return out


def fit_crf(sequences: list[tuple[list[list[str]], list[str]]], min_count: int = 3
            ) -> dict[str, Any]:
    """Fit the span CRF with CRFsuite (L-BFGS, L1 and L2 penalties) and export its weights: one
    weight per label for each feature, and the label-to-label transitions."""
    try:
        import pycrfsuite
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise ImportError("training the span model needs CRFsuite: pip install '.[train]'") from exc

    counts = Counter(f for rows, _ in sequences for row in rows for f in set(row))
    # CRFsuite gets numbered features: its model dump cannot carry every string (line breaks)
    names = sorted(f for f, n in counts.items() if n >= min_count)
    number = {f: f"f{k}" for k, f in enumerate(names)}
    trainer = pycrfsuite.Trainer(verbose=False)
    for rows, labels in sequences:
        trainer.append([[number[f] for f in row if f in number] for row in rows], labels)
    trainer.set_params(CRF_PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "spans.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    labels = ["O", *sorted(set(info.labels) - {"O"})]
    position = {label: k for k, label in enumerate(labels)}
    weights: dict[str, list[float]] = {}
    for (feature, label), weight in info.state_features.items():
        if abs(weight) >= 0.001:
            name = names[int(feature[1:])]
            weights.setdefault(name, [0.0] * len(labels))[position[label]] = round(weight, 4)
    transitions = [[0.0] * len(labels) for _ in labels]
    for (first, second), weight in info.transitions.items():
        transitions[position[first]][position[second]] = round(weight, 4)
    return {"labels": labels, "weights": dict(sorted(weights.items())),
            "transitions": transitions}


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


def _val_sentences(docs: list[Any], probabilities: list[Any], sentences: SentenceModel | None
                   ) -> list[list[float]]:
    """The sentence model's probability for each sentence of the held-out articles (1.0 for
    all without a sentence model)."""
    out = []
    for doc, per_sentence in zip(docs, probabilities, strict=True):
        if sentences is None:
            out.append([1.0] * len(per_sentence))
            continue
        texts = [sentence_text(doc.text, sentence) for sentence in per_sentence]
        scores = sentences.probabilities([t for t in texts if t])
        found = iter(scores)
        out.append([next(found) if t else 0.0 for t in texts])
    return out


def train_span_model(articles: list[PtcArticle], docs: list[Any],
                     progress: Progress | None = None, sentence_dir: Path | None = None
                     ) -> dict[str, Any]:
    """Fit on 4/5 of ``articles``, pick the decoding settings (threshold, keep, gap, sentence
    extension) with the best SI F1 on the other 1/5, refit on all of them.

    With ``sentence_dir``, the sentence model is fine-tuned on the sentences of the same 4/5 and
    written there (it is not refitted: fine-tuning is the slow part), and the decoding settings
    are chosen together with the sentence threshold below which a sentence's spans are dropped.
    """
    if len(articles) < 2:
        raise DataError("training the span model needs at least 2 articles (some are held out "
                        "to choose the decoding settings)")
    # every 5th article from the 5th on is held out (the first one in a corpus of under 5)
    held_out = {i for i in range(len(articles)) if i % 5 == 4} if len(articles) >= 5 else {0}
    inner_fit = [i for i in range(len(articles)) if i not in held_out]
    inner_val = sorted(held_out)
    fit_a, fit_d = [articles[i] for i in inner_fit], [docs[i] for i in inner_fit]
    val_a, val_d = [articles[i] for i in inner_val], [docs[i] for i in inner_val]
    priors = word_priors(fit_a, fit_d)
    probe = SpanModel(TokenCrf.from_dict({**fit_crf(token_sequences(fit_a, fit_d, priors)),
                                          "threshold": 0.5}), priors, 1, 0.5)
    probabilities = [token_probabilities(doc, probe) for doc in val_d]
    sentences = None
    if sentence_dir is not None:
        from .sentences import export, fine_tune, sentence_examples

        export(fine_tune(*sentence_examples(fit_a, fit_d), progress), sentence_dir)
        sentences = SentenceModel.from_folder(sentence_dir)
    sentence_p = _val_sentences(val_d, probabilities, sentences)
    taus: tuple[float | None, ...] = (None, *SENTENCE_THRESHOLDS) if sentences else (None,)
    gold = [[(s, e) for s, e, _ in art.spans] for art in val_a]
    best: tuple[float, float, int, float | None, float | None, float] = (
        THRESHOLDS[0], THRESHOLDS[0], 1, None, None, -1.0)
    for threshold in THRESHOLDS:
        for keep in KEEP:
            if keep < threshold:
                continue
            for gap in (0, 1, 2):
                for extend in EXTEND:
                    found = [[decode(art.text, [sentence], threshold, keep, gap, extend)
                              for sentence in probs]
                             for art, probs in zip(val_a, probabilities, strict=True)]
                    for tau in taus:
                        counts = SiCounts()
                        for spans, scores, truth in zip(found, sentence_p, gold, strict=True):
                            counts.add([(s, e) for per, p in zip(spans, scores, strict=True)
                                        if tau is None or p >= tau for s, e, _ in per], truth)
                        f1 = counts.metrics()["f1"]
                        if f1 > best[5]:
                            best = (threshold, keep, gap, extend, tau, f1)
    if progress:
        progress(f"  decoding: threshold {best[0]}, keep {best[1]}, gap {best[2]}, extend "
                 f"{best[3]}, sentence threshold {best[4]}: inner SI F1 {best[5]:.3f}")
    priors = word_priors(articles, docs)
    crf = fit_crf(token_sequences(articles, docs, priors))
    return {**crf, "threshold": best[0], "keep": best[1], "max_gap": best[2], "extend": best[3],
            "sentence_threshold": best[4],
            "sentence_model": SENTENCE_MODEL_FILE if sentences is not None else None,
            "priors": priors, "inner_si_f1": round(best[5], 4)}


def train_technique_model(articles: list[PtcArticle], docs: list[Any]) -> dict[str, Any]:
    return _fit_softmax(*span_examples(articles, docs))


def cross_validate(articles: list[PtcArticle], docs: list[Any], k: int = 5,
                   progress: Progress | None = None, sentences: bool = True) -> dict[str, Any]:
    """k-fold cross-validation by article: SI on predicted spans, TC on gold spans. With
    ``sentences``, each fold fine-tunes its own sentence model (see :func:`train_span_model`)
    and scores it as it ships (int8 ONNX)."""
    si_total = SiCounts()
    tc_total = TcCounts()
    per_fold = []
    index = {a.id: i for i, a in enumerate(articles)}
    for f, (train, test) in enumerate(folds(articles, k), start=1):
        train_docs = [docs[index[a.id]] for a in train]
        test_docs = [docs[index[a.id]] for a in test]
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) if sentences else None
            trained = train_span_model(train, train_docs, progress, folder)
            span_model = SpanModel.from_dict(
                trained, SentenceModel.from_folder(tmp) if trained["sentence_model"] else None)
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
                         "threshold": span_model.model.threshold, "extend": span_model.extend,
                         "sentence_threshold": span_model.sentence_threshold})
        if progress:
            progress(f"fold {f}/{k}: SI F1 {si_fold['f1']:.3f}, TC micro-F1 {tc_fold:.3f}")
    return {"folds": per_fold, "si": si_total.metrics(), "tc": tc_total.metrics(), "k": k}
