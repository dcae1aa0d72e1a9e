"""Many articles: batched parsing, a Failure per bad input, and a time limit per article.

``analyze_many`` (in :mod:`claimtrail.analyze`) is a consumer of :func:`read_inputs`: whatever
the inputs are, it sees Articles to analyse and Failures to pass on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .deadline import time_limit
from .errors import ArticleTimeout, OptionError
from .failures import Failure
from .ingest.inputs import read_inputs
from .ingest.recordmeta import RecordKeys
from .options import AnalyzeOptions
from .records import Analysis, Article

Parsed = tuple[Any, Article] | Failure


def run_many(
    sources: Iterable[str | Path | Article | Failure],
    options: AnalyzeOptions,
    nlp: Any,
    batch_size: int,
    keys: RecordKeys | None,
    timeout_per_article: float | None,
) -> Iterator[Analysis | Failure]:
    """The body of :func:`claimtrail.analyze.analyze_many` (checked before the first item)."""
    if batch_size < 1:
        raise OptionError(f"the batch size must be at least 1, not {batch_size}")
    if timeout_per_article is not None and timeout_per_article < 0:
        raise OptionError("the time limit per article must be 0 (none) or more seconds")
    return _run(sources, options, nlp, batch_size, keys, timeout_per_article or None)


def _run(sources: Iterable[str | Path | Article | Failure], options: AnalyzeOptions, nlp: Any,
         batch_size: int, keys: RecordKeys | None, limit: float | None) -> Iterator[Analysis | Failure]:
    if limit:
        warm_resources()  # loading a model the first time is not the first article's time
    pending: list[Article | Failure] = []
    for item in read_inputs(sources, options, keys):
        pending.append(item)
        if len(pending) >= batch_size:
            yield from _run_batch(pending, nlp, options, limit)
            pending = []
    if pending:
        yield from _run_batch(pending, nlp, options, limit)


def warm_resources() -> None:
    """Load every lexicon and model the extractors read (each is cached after its first load)."""
    from . import resources as r
    from .nlp.gazetteer import load_gazetteer

    for load in (load_gazetteer, r.load_time_lexicon, r.load_attribution_lexicon, r.load_cue_model,
                 r.load_source_lexicon, r.load_status_lexicon, r.load_event_lexicon,
                 r.load_person_roles, r.load_span_model, r.load_technique_model,
                 r.load_technique_rules):
        load()


def source_of(article: Article) -> str:
    """Where an article came from, for messages: its file, URL or stdin."""
    if article.path:
        return article.path
    if article.input_kind.startswith("stdin"):
        return "standard input"
    return article.url or f"text {article.id}"


def _run_batch(items: list[Article | Failure], nlp: Any, options: AnalyzeOptions,
               limit: float | None) -> Iterator[Analysis | Failure]:
    from .analyze import analyze_article

    parsed = iter(_parse_batch([a for a in items if isinstance(a, Article)], nlp, limit))
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        got = next(parsed)
        if isinstance(got, Failure):
            yield got
            continue
        doc, article = got
        try:
            with time_limit(limit):
                result: Analysis | Failure = analyze_article(article, doc, nlp, options=options)
        except ArticleTimeout:
            result = _timed_out(article, limit)
        except Exception as err:  # one bad article never stops a batch
            result = _crashed(article, err)
        yield result


def _parse_batch(articles: list[Article], nlp: Any, limit: float | None) -> list[Parsed]:
    """Parse together (nlp.pipe) within ``limit`` per article; if that runs out, or any article
    breaks the pipeline, parse one at a time so that only the slow or broken one fails."""
    if not articles:
        return []
    texts = [a.analysed_text for a in articles]
    nlp.max_length = max(nlp.max_length, *(len(t) for t in texts))
    try:
        with time_limit(limit * len(articles) if limit else None):
            docs = list(nlp.pipe(texts))
        return [(doc, article) for doc, article in zip(docs, articles, strict=True)]
    except Exception:  # ArticleTimeout, or one article breaking a component: redo one at a time
        pass
    out: list[Parsed] = []
    for article, text in zip(articles, texts, strict=True):
        try:
            with time_limit(limit):
                out.append((nlp(text), article))
        except ArticleTimeout:
            out.append(_timed_out(article, limit))
        except Exception as err:
            out.append(_crashed(article, err))
    return out


def _where(article: Article) -> str:
    source = source_of(article)
    return f"{source} {article.record}" if article.record else source


def _timed_out(article: Article, limit: float | None) -> Failure:
    err = ArticleTimeout(
        f"{_where(article)}: analysis took longer than the limit of {limit or 0:g} s per article "
        "and was stopped; the batch goes on (raise --timeout-per-article, or 0 for no limit)")
    return Failure(source_of(article), err.code, str(err), article.record)


def _crashed(article: Article, err: Exception) -> Failure:
    message = f"[E099] {_where(article)}: analysis failed: {type(err).__name__}: {err}"
    return Failure(source_of(article), "E099", message, article.record)
