"""The measuring side of ``bench/benchmark.py``: one measurement, in a fresh process.

``benchmark.py --worker SPEC.json`` lands in :func:`main`. The spec names the work; this process
loads the pipeline, does the work once to warm up (lazy resources, the ONNX session), then does it
again under ``time.process_time()`` (CPU time of every thread of this process) and prints one JSON
line: CPU and wall seconds, words, peak RSS.

Modes over a set of files (``kind: "modes"``):

- ``spacy``: spaCy's model alone (``nlp.pipe``) over the texts, the floor we build on;
- ``pipeline``: the same model with our components, then ``analyze_article`` with every extractor
  switched off (so records are still built, empty);
- ``entities``, ``claims``, ``events``, ``techniques``: cumulatively, each switches on one more
  stage of ``analyze_article`` (entities + times; attribution + claims; events; techniques);
  ``techniques`` also adds up the CPU time of each stage's calls directly;
- ``techniques-crf``: all extractors, the techniques without the sentence model;
- ``full``: ``analyze_many`` over the files themselves (reading, HTML extraction, batching, every
  stage), plus lingua's language identification of each text, which the CLI runs when no language
  is given (timed; its verdict is not applied, so every mode analyses the same texts as English).

Modes over one text (``kind: "text"``, the length rows): ``spacy`` (``nlp(text)``) and ``full``
(``analyze_text``), ``copies`` times over (a short text is analysed several times so that its
measurement is not too short to be reliable).
"""

from __future__ import annotations

import inspect
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CUMULATIVE = ("spacy", "pipeline", "entities", "claims", "events", "techniques")
MODES = (*CUMULATIVE, "techniques-crf", "full")

# Each stage of analyze_article: the functions it calls (looked up in claimtrail.analyze) and what
# a switched-off call returns. A mode runs the stages up to its own and switches off the rest.
_STAGES: tuple[tuple[str, tuple[str, ...], Callable[[], Any]], ...] = (
    ("entities", ("extract_entities", "extract_times"), list),
    ("claims", ("extract_attributions",), list),
    ("claims", ("extract_claims",), lambda: ([], [])),
    ("events", ("extract_events",), list),
    ("techniques", ("extract_techniques",), list),
)

# Warms up the length rows' processes (our own text: a speaker, a date, places, a quote).
WARMUP_TEXT = (
    "Officials meet in Vienna\n\n"
    "VIENNA — Foreign ministers from Austria and Hungary met in Vienna on Tuesday to discuss gas "
    "supplies for the winter, the Austrian foreign ministry said. \"We agreed to share storage,\" "
    "the Hungarian minister told reporters after the talks, adding that a new pipeline would open "
    "next year. Critics in Budapest claimed that the deal was a disaster for consumers.\n"
)


def words_in(text: str) -> int:
    return len(text.split())


def analyze_module() -> Any:
    """The module ``claimtrail.analyze`` (the package's attribute of that name is the function)."""
    import importlib

    return importlib.import_module("claimtrail.analyze")


def switch_off_after(mode: str) -> None:
    """Make ``analyze_article`` skip every stage after ``mode`` (``pipeline``: all of them)."""
    analyze_mod = analyze_module()
    order = CUMULATIVE[CUMULATIVE.index("pipeline"):]
    last = order.index(mode)
    for stage, names, empty in _STAGES:
        if order.index(stage) <= last:
            continue
        for name in names:
            if not hasattr(analyze_mod, name):
                raise SystemExit(f"claimtrail.analyze has no {name}: update bench/bench_worker.py")
            setattr(analyze_mod, name, lambda *args, _empty=empty, **kwargs: _empty())


def time_stages() -> dict[str, float]:
    """Wrap each stage's functions in ``claimtrail.analyze`` to add up their CPU time by stage (a
    direct measurement, next to the differences of modes; it costs a clock read per call)."""
    analyze_mod = analyze_module()
    spent: dict[str, float] = {}

    def timed(stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                spent[stage] = spent.get(stage, 0.0) + time.process_time() - start
        return wrapper

    for stage, names, _ in _STAGES:
        for name in names:
            setattr(analyze_mod, name, timed(stage, getattr(analyze_mod, name)))
    return spent


def without_sentence_model() -> None:
    """Make ``analyze_article`` run the techniques with the CRF alone."""
    import dataclasses

    analyze_mod = analyze_module()
    loader = analyze_mod.load_span_model
    crf_only = dataclasses.replace(loader(), sentences=None, sentence_threshold=None)
    analyze_mod.load_span_model = lambda: crf_only


def plain_spacy() -> Any:
    import warnings

    import spacy

    from claimtrail.nlp.loader import choose_model

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return spacy.load(choose_model())


def build_modes_work(spec: dict[str, Any]) -> tuple[Callable[[int], None], int, dict[str, Any]]:
    """The work of one mode over the files, as a function of the number of copies of the set."""
    from bench_texts import read_articles, text_of

    from claimtrail.options import AnalyzeOptions

    mode, files, batch_size = spec["mode"], spec["files"], spec["batch_size"]
    options = AnalyzeOptions(language="en")
    articles = read_articles(files)
    texts = [text_of(a) for a in articles]
    words = sum(words_in(t) for t in texts)
    longest = max(len(t) for t in texts)
    info: dict[str, Any] = {}

    if mode == "spacy":
        nlp = plain_spacy()
        nlp.max_length = max(nlp.max_length, longest)

        def work(copies: int) -> None:
            for _ in nlp.pipe(texts * copies, batch_size=batch_size):
                pass

        return work, words, info

    from claimtrail.nlp import load_pipeline

    if mode == "full":
        from claimtrail import Failure, analyze_many
        from claimtrail.ingest.language import detect_language

        nlp = load_pipeline()

        def work(copies: int) -> None:
            failed = []
            for result in analyze_many(files * copies, options, nlp=nlp, batch_size=batch_size):
                if isinstance(result, Failure):
                    failed.append(f"{result.source}: {result.message}")
            for text in texts * copies:
                detect_language(text)
            if failed:
                raise SystemExit("inputs failed:\n" + "\n".join(sorted(set(failed))))

        return work, words, info

    if mode == "techniques-crf":
        without_sentence_model()
    elif mode == "techniques":
        info["stage_cpu_s"] = time_stages()
    else:
        switch_off_after(mode)
    analyze_mod = analyze_module()
    nlp = load_pipeline()
    nlp.max_length = max(nlp.max_length, longest)
    # the options the articles were read with, as analyze_many passes them (when it does)
    takes = inspect.signature(analyze_mod.analyze_article).parameters
    given = {"options": options} if "options" in takes else {}

    def work(copies: int) -> None:
        batch = articles * copies
        docs = nlp.pipe([text_of(a) for a in batch], batch_size=batch_size)
        for article, doc in zip(batch, docs, strict=True):
            analyze_mod.analyze_article(article, doc, nlp, **given)

    return work, words, info


def build_text_work(spec: dict[str, Any]) -> tuple[Callable[[int], None], int, dict[str, Any]]:
    """The work of one length row: one text, spaCy alone or the full analysis."""
    text = Path(spec["text_path"]).read_text(encoding="utf-8")
    last: list[Any] = [None]  # the last Doc or Analysis, described after the clock stops
    if spec["mode"] == "spacy":
        nlp = plain_spacy()
        nlp.max_length = max(nlp.max_length, len(text))

        def run(t: str) -> None:
            last[0] = None
            last[0] = nlp(t)

        def describe() -> dict[str, Any]:
            return {"tokens": len(last[0]), "sentences": sum(1 for _ in last[0].sents)}
    else:
        from claimtrail.analyze import analyze_text
        from claimtrail.nlp import load_pipeline
        from claimtrail.options import AnalyzeOptions

        nlp = load_pipeline()
        nlp.max_length = max(nlp.max_length, len(text))
        options = AnalyzeOptions(language="en")

        def run(t: str) -> None:
            last[0] = None
            last[0] = analyze_text(t, options, nlp=nlp)

        def describe() -> dict[str, Any]:
            return {name: len(getattr(last[0], name, ()))
                    for name in ("entities", "claims", "events", "techniques")}

    def work(copies: int) -> None:
        if not copies:
            run(WARMUP_TEXT)
        for _ in range(copies):
            run(text)

    return work, words_in(text), {"_describe": describe}


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    build = build_modes_work if spec["kind"] == "modes" else build_text_work
    work, words, info = build(spec)
    copies = spec.get("copies", 1)
    describe = info.pop("_describe", None)
    work(1 if spec["kind"] == "modes" else 0)  # warm up: one copy of the set, or a short text
    info.get("stage_cpu_s", {}).clear()
    cpu, wall = time.process_time(), time.perf_counter()
    work(copies)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if describe:
        info.update(describe())
    return {
        "cpu_s": cpu,
        "wall_s": wall,
        "copies": copies,
        "cpu_s_each": cpu / copies,
        "words": words * copies,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **info,
    }


def versions() -> dict[str, str]:
    import spacy

    import claimtrail
    from claimtrail.nlp.loader import choose_model

    return {"claimtrail": claimtrail.__version__, "spacy": spacy.__version__, "model": choose_model()}


def main(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    sys.stdout.write(json.dumps(measure(spec)) + "\n")
