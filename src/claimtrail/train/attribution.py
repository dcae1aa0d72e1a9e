"""``claimtrail train attribution PATH``: learn the cue lexicon and the cue model from PolNeAR's
training split and write them into the package's data folder (or another folder).

Steps (deterministic): parse every article with the pipeline; count, per lemma, how often it sits
inside a gold cue (→ ``attribution_cues.json``); pick the cue model's probability threshold by
``folds``-fold cross-validation (articles sorted by file name, fold k holds every ``folds``-th
article from the k-th on, so every publisher and month is in each fold): the threshold with the
best mean of cue and source overlap F1 of the whole extractor, pooled over the held-out folds; then
fit the model on all articles (→ ``cue_model.json``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..evaluate.attribution import claimtrail_predictor, evaluate
from ..evaluate.polnear import ROLES, iter_polnear
from ..evaluate.scoring import Scores
from ..extract.attribution import AttributionLexicon
from ..extract.cue_model import CueModel
from ..resources import read_json
from .cue_model import best_threshold, examples, train
from .cues import cue_statistics, write_cues

Progress = Callable[[Iterable[Any], int], Iterator[Any]]


def _no_progress(items: Iterable[Any], total: int) -> Iterator[Any]:
    yield from items


def split(items: list[Any], folds: int, fold: int = 0) -> tuple[list[Any], list[Any]]:
    """(fit, held out): every ``folds``-th item from the ``fold``-th on is held out."""
    held = [x for i, x in enumerate(items) if i % folds == fold]
    fit = [x for i, x in enumerate(items) if i % folds != fold]
    return fit, held


THRESHOLDS = tuple(step / 100 for step in range(20, 62, 2))


def threshold_scores(model: CueModel, lex: AttributionLexicon, articles: list[Any],
                     docs: list[Any]) -> dict[float, Scores]:
    """The whole extractor's scores (rules and model together) at each of :data:`THRESHOLDS`
    (each candidate's probability is computed once and remembered)."""
    memo: dict[tuple[str, ...], float] = {}
    return {t: evaluate(articles, docs, claimtrail_predictor(lex, replace(model, threshold=t, memo=memo)))
            for t in THRESHOLDS}


def best_extractor_threshold(pooled: dict[float, Scores]) -> tuple[float, float]:
    """The threshold with the best mean of cue and source overlap F1; ties go to the lower one."""
    best = (THRESHOLDS[0], -1.0)
    for threshold in THRESHOLDS:
        roles = pooled[threshold].roles
        f1 = (roles["cue"].metrics()["overlap_f1"] + roles["source"].metrics()["overlap_f1"]) / 2
        if f1 > best[1] + 1e-9:
            best = (threshold, f1)
    return best


def train_attribution(path: str | Path, out_dir: Path, nlp: Any, folds: int = 4,
                      progress: Progress = _no_progress) -> dict[str, Any]:
    articles = list(iter_polnear(path))
    docs = list(progress(nlp.pipe([a.text for a in articles], batch_size=16), len(articles)))
    stats = cue_statistics(articles, docs)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_cues(stats, out_dir / "attribution_cues.json", f"PolNeAR training split ({Path(path).name})")
    lex = AttributionLexicon.from_dicts(read_json("attribution.json"), stats)
    data = [examples([art], [doc], lex) for art, doc in zip(articles, docs, strict=True)]
    pooled = {t: Scores() for t in THRESHOLDS}
    held_probabilities: list[tuple[float, int]] = []
    for fold in range(folds):
        fit, held = split(list(range(len(articles))), folds, fold)
        model = CueModel.from_dict({**train([x for i in fit for x in data[i]]), "threshold": 0.5})
        held_probabilities += [(model.probability(f), y) for i in held for f, y in data[i]]
        for t, scores in threshold_scores(model, lex, [articles[i] for i in held],
                                          [docs[i] for i in held]).items():
            pooled[t].merge(scores)
    threshold, overlap = best_extractor_threshold(pooled)
    _, f1 = best_threshold(held_probabilities)
    weights = train([x for rows in data for x in rows])
    model_data = {
        "version": "1.0",
        "description": "Cue model: logistic regression averaged with boosted trees (see "
                       "extract/cue_model.py); made by 'claimtrail train attribution'.",
        "trained_on": f"{len(articles)} articles; threshold by {folds}-fold cross-validation "
                      f"(fold k holds every {folds}th article by file name from the k-th on)",
        "candidate_f1_cv": round(f1, 4),
        "cue_source_f1_cv": round(overlap, 4),
        "threshold": round(threshold, 4),
        "bias": weights["bias"],
        "weights": weights["weights"],
        "floor": weights["floor"],
        "trees": weights["trees"],
    }
    (out_dir / "cue_model.json").write_text(json.dumps(model_data, indent=0, ensure_ascii=False)
                                            + "\n", encoding="utf-8")
    held_out = {role: {k: round(v, 4) for k, v in pooled[threshold].roles[role].metrics().items()
                       if k.startswith(("overlap", "exact"))} for role in ROLES}
    return {"articles": len(articles), "candidates": len(held_probabilities),
            "features": len(weights["weights"]), "trees": len(weights["trees"]),
            "threshold": model_data["threshold"],
            "candidate_f1_cv": model_data["candidate_f1_cv"],
            "cue_source_f1_cv": model_data["cue_source_f1_cv"], "held_out": held_out}
