"""``claimtrail train attribution PATH``: learn the cue lexicon and the cue model from PolNeAR's
training split and write them into the package's data folder (or another folder).

Steps (deterministic): parse every article with the pipeline; count, per lemma, how often it sits
inside a gold cue (→ ``attribution_cues.json``); fit the logistic cue model on all articles but
every ``holdout_every``-th (sorted by file name, so every publisher and month is in both parts)
and pick its probability threshold for the best cue and source F1 of the whole extractor on the
held-out articles (→ ``cue_model.json``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..evaluate.attribution import claimtrail_predictor, evaluate
from ..evaluate.polnear import iter_polnear
from ..extract.attribution import AttributionLexicon
from ..extract.cue_model import CueModel
from ..resources import read_json
from .cue_model import best_threshold, examples, train
from .cues import cue_statistics, write_cues

Progress = Callable[[Iterable[Any], int], Iterator[Any]]


def _no_progress(items: Iterable[Any], total: int) -> Iterator[Any]:
    yield from items


def split(items: list[Any], holdout_every: int) -> tuple[list[Any], list[Any]]:
    """(fit, held out): every ``holdout_every``-th item is held out."""
    held = [x for i, x in enumerate(items) if i % holdout_every == 0]
    fit = [x for i, x in enumerate(items) if i % holdout_every != 0]
    return fit, held


def extractor_threshold(model: CueModel, lex: AttributionLexicon, articles: list[Any],
                        docs: list[Any]) -> tuple[float, float]:
    """The threshold whose whole extractor (rules and model together) scores the best mean of
    cue and source overlap F1 on the held-out articles; ties go to the lower threshold."""
    best = (model.threshold, -1.0)
    for step in range(20, 62, 2):
        candidate = replace(model, threshold=step / 100)
        scores = evaluate(articles, docs, claimtrail_predictor(lex, candidate))
        f1 = (scores.roles["cue"].metrics()["overlap_f1"]
              + scores.roles["source"].metrics()["overlap_f1"]) / 2
        if f1 > best[1] + 1e-9:
            best = (step / 100, f1)
    return best


def train_attribution(path: str | Path, out_dir: Path, nlp: Any, holdout_every: int = 4,
                      progress: Progress = _no_progress) -> dict[str, Any]:
    articles = list(iter_polnear(path))
    docs = list(progress(nlp.pipe([a.text for a in articles], batch_size=16), len(articles)))
    stats = cue_statistics(articles, docs)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_cues(stats, out_dir / "attribution_cues.json", f"PolNeAR training split ({Path(path).name})")
    lex = AttributionLexicon.from_dicts(read_json("attribution.json"), stats)
    fit_arts, held_arts = split(articles, holdout_every)
    fit_docs, held_docs = split(docs, holdout_every)
    held = examples(held_arts, held_docs, lex)
    fit = examples(fit_arts, fit_docs, lex)
    weights = train(fit)
    _, f1 = best_threshold(CueModel.from_dict({**weights, "threshold": 0.5}), held)
    threshold, overlap = extractor_threshold(CueModel.from_dict({**weights, "threshold": 0.5}),
                                             lex, held_arts, held_docs)
    model = {
        "version": "1.0",
        "description": "Logistic cue model (see extract/cue_model.py); made by 'claimtrail train "
                       "attribution'.",
        "trained_on": f"{len(fit_arts)} articles, threshold on {len(held_arts)} held out "
                      f"(every {holdout_every}th by file name)",
        "candidate_f1_heldout": round(f1, 4),
        "cue_source_f1_heldout": round(overlap, 4),
        "threshold": round(threshold, 4),
        "bias": weights["bias"],
        "weights": weights["weights"],
    }
    (out_dir / "cue_model.json").write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    return {"articles": len(articles), "candidates": len(held) + len(fit),
            "features": len(weights["weights"]), "threshold": model["threshold"],
            "candidate_f1_heldout": model["candidate_f1_heldout"],
            "cue_source_f1_heldout": model["cue_source_f1_heldout"]}
