"""analyze(): ingest → spaCy pipeline → extractors → :class:`~claimtrail.records.Analysis`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ClaimtrailError
from .extract import extract_entities, extract_times
from .extract.attribution import extract_attributions
from .extract.claims import extract_claims
from .extract.events import extract_events
from .extract.techniques import extract_techniques
from .ingest import ingest
from .nlp import load_pipeline, model_info
from .nlp.gazetteer import load_gazetteer
from .options import AnalyzeOptions
from .records import Analysis, Article
from .resources import (
    load_attribution_lexicon,
    load_cue_model,
    load_event_lexicon,
    load_person_roles,
    load_source_lexicon,
    load_span_model,
    load_status_lexicon,
    load_technique_model,
    load_technique_rules,
    load_time_lexicon,
)


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that could not be analysed, and why (a batch carries on past it)."""

    source: str
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"ok": False, "source": self.source, "error": self.message, "code": self.code}


def analyze(source: str | Path, options: AnalyzeOptions | None = None, *, nlp: Any = None) -> Analysis:
    """Analyse one article from a path, URL or ``-`` (stdin)."""
    options = options or AnalyzeOptions()
    article = ingest(source, options)
    nlp = nlp or load_pipeline(options.model)
    return analyze_article(article, _parse(nlp, article.text), nlp)


def analyze_text(text: str, options: AnalyzeOptions | None = None, *, nlp: Any = None) -> Analysis:
    """Analyse text already in memory (it goes through the same checks as a file)."""
    from .ingest import ingest_bytes

    options = options or AnalyzeOptions()
    article = ingest_bytes(text.encode("utf-8"), options, name="text")
    nlp = nlp or load_pipeline(options.model)
    return analyze_article(article, _parse(nlp, article.text), nlp)


def _parse(nlp: Any, text: str) -> Any:
    if len(text) > nlp.max_length:  # ingest enforces max_chars; the caller may have raised it
        nlp.max_length = len(text)
    return nlp(text)


def analyze_article(article: Article, doc: Any, nlp: Any) -> Analysis:
    """Run the extractors over a parsed article."""
    published = dt.date.fromisoformat(article.published) if article.published else None
    entities = extract_entities(doc, load_gazetteer(), article.published)
    times = extract_times(doc, load_time_lexicon(), published)
    cue_lex = load_attribution_lexicon()
    attributions = extract_attributions(doc, cue_lex, load_cue_model())
    sources, claims = extract_claims(doc, attributions, entities, load_source_lexicon(),
                                     load_status_lexicon(), cue_lex)
    events = extract_events(doc, entities, times, claims, load_event_lexicon(), load_person_roles())
    techniques = extract_techniques(doc, claims, load_span_model(), load_technique_model(),
                                    load_technique_rules())
    warnings = []
    if published is None:
        warnings.append("no publication date: relative dates are anchored to a date in the text "
                        "where one exists, else left unresolved (give --published)")
    if article.language_confidence is None and article.language == "en":
        warnings.append("text too short to identify its language; analysed as English")
    return Analysis(article, tuple(entities), tuple(times), model_info(nlp), tuple(warnings),
                    tuple(sources), tuple(claims), tuple(events), tuple(techniques))


def analyze_many(
    sources: Iterable[str | Path],
    options: AnalyzeOptions | None = None,
    *,
    nlp: Any = None,
    batch_size: int = 8,
) -> Iterator[Analysis | Failure]:
    """Analyse many inputs, in order; a bad one yields a :class:`Failure` and the batch goes on."""
    options = options or AnalyzeOptions()
    nlp = nlp or load_pipeline(options.model)

    def articles() -> Iterator[tuple[str, Article | Failure]]:
        for source in sources:
            try:
                yield str(source), ingest(source, options)
            except ClaimtrailError as err:
                yield str(source), Failure(str(source), err.code, str(err))

    pending: list[tuple[str, Article | Failure]] = []
    for item in articles():
        pending.append(item)
        if len(pending) >= batch_size:
            yield from _run_batch(pending, nlp)
            pending = []
    if pending:
        yield from _run_batch(pending, nlp)


def _run_batch(items: list[tuple[str, Article | Failure]], nlp: Any) -> Iterator[Analysis | Failure]:
    good = [a for _, a in items if isinstance(a, Article)]
    nlp.max_length = max([nlp.max_length, *(len(a.text) for a in good)])
    docs = iter(nlp.pipe([a.text for a in good]))
    for source, item in items:
        if isinstance(item, Failure):
            yield item
            continue
        doc = next(docs)
        try:
            yield analyze_article(item, doc, nlp)
        except Exception as err:  # one bad article never stops a batch
            yield Failure(source, "E099", f"[E099] analysis failed: {type(err).__name__}: {err}")
