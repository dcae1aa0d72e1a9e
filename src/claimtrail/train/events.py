"""Learn the event-mention filter (``data/event_model.json``) from the labelled candidates in
``tests/fixtures/event-candidates``: the PLOVER-type events the rules find in real articles, each
judged by an annotator (a real event of a PLOVER type, or not).

The articles are analysed with the filter off; each event takes the label of the candidate its
trigger or one of its mentions overlaps (events no candidate covers, from rules changed since the
candidates were drawn, are left out). An L2 logistic regression is fitted on the events' features
(:func:`claimtrail.extract.events.mention_model.event_features`). Cross-validation over articles
(no article's events in both the training and the held-out part) chooses its strength C (by the
area under the ROC curve) and the threshold: the highest that keeps 95% of the real events.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..evaluate.gold_files import read_text, text_hash
from ..extract.events.mention_model import EventModel, event_features, headline_end
from .linear import fit_binary

CANDIDATES_FORMAT = "claimtrail-event-candidates/1"
C_GRID = (0.1, 0.3, 1.0)
FOLDS = 5
MIN_COUNT = 2


def read_candidates(path: Path) -> list[dict[str, Any]]:
    """The labelled articles of a candidates file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataError(f"{path}: cannot read the labelled candidates ({err})") from None
    if data.get("format") != CANDIDATES_FORMAT:
        raise DataError(f"{path}: not a {CANDIDATES_FORMAT} file")
    articles: list[dict[str, Any]] = data["articles"]
    return articles


def labelled_events(articles: list[dict[str, Any]], data_root: Path, nlp: Any,
                    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None
                    ) -> Iterator[tuple[str, list[str], int]]:
    """(article path, features, label) for each PLOVER-type event a candidate covers."""
    from ..analyze import analyze_article
    from ..ingest import ingest

    items: Iterable[Any] = articles if progress is None else progress(articles, len(articles))
    for art in items:
        text = read_text(data_root, art["path"])
        if text_hash(text) != art["sha256"]:
            raise DataError(f"{art['path']}: the text has changed since it was labelled")
        article = ingest(data_root / art["path"])
        doc = nlp(article.analysed_text)
        analysis = analyze_article(article, doc, nlp, event_filter=False)
        ends = headline_end(article.structure)
        spans = [(c["start"], c["end"], bool(c["event"])) for c in art["candidates"]]
        for event in analysis.events:
            if event.extension:
                continue
            mentions = [(event.trigger.start_char, event.trigger.end_char)]
            mentions += [(m.start_char, m.end_char) for m in event.mentions]
            label = next((y for s, e, y in spans for ms, me in mentions if s < me and ms < e), None)
            if label is not None:
                yield art["path"], event_features(event, doc, ends), int(label)


def _folds(groups: list[str], k: int) -> list[list[int]]:
    """Indices of the examples of each fold, whole articles to one fold (round robin by name)."""
    names = sorted(set(groups))
    fold_of = {name: n % k for n, name in enumerate(names)}
    return [[i for i, g in enumerate(groups) if fold_of[g] == f] for f in range(k)]


def cross_validate(feats: list[list[str]], labels: list[int], groups: list[str], c: float
                   ) -> list[tuple[float, int]]:
    """(held-out probability, label) of every example, over article folds."""
    scored: list[tuple[float, int]] = []
    for held in _folds(groups, FOLDS):
        held_set = set(held)
        train = [i for i in range(len(feats)) if i not in held_set]
        weights, bias = fit_binary([feats[i] for i in train], [labels[i] for i in train], c=c,
                                   min_count=MIN_COUNT)
        model = EventModel(weights, bias, 0.5)
        scored += [(model.probability(feats[i]), labels[i]) for i in held]
    return scored


KEEP = 0.95  # the share of real events the filter must keep, in cross-validation


def recall_threshold(scored: list[tuple[float, int]], keep: float = KEEP) -> float:
    """The highest threshold among 0.05, 0.10, … 0.95 that keeps at least ``keep`` of the real
    events: the filter drops what it is surest is no event, and no more."""
    events = sum(y for _, y in scored)
    best = 0.05
    for k in range(1, 20):
        threshold = k / 20
        if sum(1 for p, y in scored if y and p >= threshold) >= keep * events:
            best = threshold
    return best


def auc(scored: list[tuple[float, int]]) -> float:
    """The area under the ROC curve: how often a real event outscores a non-event."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score([y for _, y in scored], [p for p, _ in scored]))


def kept_figures(scored: list[tuple[float, int]], threshold: float) -> dict[str, float]:
    kept = [y for p, y in scored if p >= threshold]
    events = sum(y for _, y in scored)
    return {"precision_before": round(events / len(scored), 3),
            "precision_after": round(sum(kept) / max(len(kept), 1), 3),
            "events_kept": round(sum(kept) / max(events, 1), 3),
            "non_events_dropped": round(1 - (len(kept) - sum(kept)) / max(len(scored) - events, 1),
                                        3)}


def train_event_model(candidates: Path, data_root: Path, nlp: Any, out_dir: Path,
                      progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None
                      ) -> dict[str, Any]:
    """Fit, cross-validate and write ``event_model.json``; returns the summary."""
    articles = read_candidates(candidates)
    rows = list(labelled_events(articles, data_root, nlp, progress))
    if len({y for _, _, y in rows}) < 2:
        raise DataError(f"{candidates}: the labelled events need both real events and non-events")
    groups = [g for g, _, _ in rows]
    feats = [f for _, f, _ in rows]
    labels = [y for _, _, y in rows]
    trials = []
    for c in C_GRID:
        scored = cross_validate(feats, labels, groups, c)
        trials.append((auc(scored), -c, c, scored))
    best_auc, _, c, scored = max(trials, key=lambda t: (round(t[0], 3), t[1]))
    threshold = recall_threshold(scored)
    weights, bias = fit_binary(feats, labels, c=c, min_count=MIN_COUNT)
    right = sum((p >= threshold) == bool(y) for p, y in scored)
    cv = {"folds": FOLDS, "c": c, "threshold": threshold, "auc": round(best_auc, 3),
          "auc_by_c": {str(t[2]): round(t[0], 3) for t in trials},
          "accuracy": round(right / len(scored), 3),
          **kept_figures(scored, threshold)}
    model = {"about": "claimtrail's event-mention filter: logistic regression over the features of "
                      "claimtrail.extract.events.mention_model.event_features; PLOVER-type events "
                      "with a probability under 'threshold' are dropped. Made by 'claimtrail train "
                      "events'.",
             "trained_on": {"articles": len(set(groups)), "events": len(labels),
                            "real_events": sum(labels)},
             "cross_validation": cv, "threshold": threshold, "bias": bias,
             "weights": dict(sorted(weights.items()))}
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "event_model.json").write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n",
                                              encoding="utf-8")
    return {"trained_on": model["trained_on"], "cross_validation": cv,
            "features": len(weights)}
