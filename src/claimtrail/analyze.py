"""analyze(): ingest → spaCy pipeline → extractors → :class:`~claimtrail.records.Analysis`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .extract import extract_entities, extract_times
from .extract.attribution import extract_attributions
from .extract.claims import extract_claims
from .extract.coref import build_coreference, link_pronouns
from .extract.events import extract_events, filter_events, mark_main_events, merge_coreferent
from .extract.events.mention_model import headline_end
from .extract.techniques import extract_techniques
from .failures import Failure
from .ingest import ingest
from .ingest.recordmeta import RecordKeys
from .nlp import load_pipeline, model_info
from .nlp.gazetteer import load_gazetteer
from .nlp.headline import reparse_headline
from .options import AnalyzeOptions
from .records import Analysis, Article
from .resources import (
    load_attribution_lexicon,
    load_cue_model,
    load_event_lexicon,
    load_event_model,
    load_person_roles,
    load_source_lexicon,
    load_span_model,
    load_status_lexicon,
    load_technique_model,
    load_technique_rules,
    load_time_lexicon,
)


def analyze(source: str | Path, options: AnalyzeOptions | None = None, *, nlp: Any = None) -> Analysis:
    """Analyse one article from a path, URL or ``-`` (stdin)."""
    options = options or AnalyzeOptions()
    article = ingest(source, options)
    nlp = nlp or load_pipeline(options.model)
    return analyze_article(article, _parse(nlp, article.analysed_text), nlp, options=options)


def analyze_text(text: str, options: AnalyzeOptions | None = None, *, nlp: Any = None) -> Analysis:
    """Analyse text already in memory (it goes through the same checks as a file)."""
    from .ingest import ingest_bytes

    options = options or AnalyzeOptions()
    article = ingest_bytes(text.encode("utf-8"), options, name="text")
    nlp = nlp or load_pipeline(options.model)
    return analyze_article(article, _parse(nlp, article.analysed_text), nlp, options=options)


def _parse(nlp: Any, text: str) -> Any:
    if len(text) > nlp.max_length:  # ingest enforces max_chars; the caller may have raised it
        nlp.max_length = len(text)
    return nlp(text)


def analyze_article(article: Article, doc: Any, nlp: Any, *,
                    options: AnalyzeOptions | None = None, event_filter: bool = True) -> Analysis:
    """Run the extractors over a parsed article (``options``: those it was ingested with).
    ``event_filter=False`` keeps every PLOVER-type event the rules find (``claimtrail train events``
    learns the filter from them). A headline in title case is parsed again in sentence case, its
    annotations replacing those of ``doc`` (see :mod:`claimtrail.nlp.headline`)."""
    published = dt.date.fromisoformat(article.published) if article.published else None
    headline = article.structure.headline
    if headline is not None:  # a title-case headline is parsed as the sentence it is
        text = article.analysed_text
        doc = reparse_headline(doc, nlp, headline.start_char, headline.end_char,
                               text[headline.end_char:], load_event_lexicon().verb_types, text)
    entities = extract_entities(doc, load_gazetteer(), article.published)
    times = extract_times(doc, load_time_lexicon(), published)
    cue_lex = load_attribution_lexicon()
    attributions = extract_attributions(doc, cue_lex, load_cue_model())
    source_lex = load_source_lexicon()
    coref = build_coreference(doc, entities, source_lex.coref)  # one per article, for both
    sources, claims = extract_claims(doc, attributions, entities, source_lex,
                                     load_status_lexicon(), cue_lex, coref)
    # "he", "she": the person each stands for joins that entity's mentions, for events and after
    entities = link_pronouns(doc, entities, sources, claims, source_lex.coref, coref)
    events = extract_events(doc, entities, times, claims, load_event_lexicon(), load_person_roles())
    events = merge_coreferent(events, doc, article.structure, load_event_lexicon().noun_types)
    if event_filter:
        events = filter_events(events, doc, load_event_model(), headline_end(article.structure))
    events = mark_main_events(events, article.structure)
    techniques = extract_techniques(doc, claims, load_span_model(), load_technique_model(),
                                    load_technique_rules())
    warnings = []
    if published is None:
        warnings.append("no publication date: relative dates are anchored to a date in the text "
                        "where one exists, else left unresolved (give --published)")
    declared = options is not None and options.language is not None
    if article.language_confidence is None and article.language == "en" and not declared:
        warnings.append("text too short to identify its language; analysed as English")
    return Analysis(article, tuple(entities), tuple(times), model_info(nlp), tuple(warnings),
                    tuple(sources), tuple(claims), tuple(events), tuple(techniques))


def analyze_many(
    sources: Iterable[str | Path | Article | Failure],
    options: AnalyzeOptions | None = None,
    *,
    nlp: Any = None,
    batch_size: int = 8,
    keys: RecordKeys | None = None,
    timeout_per_article: float | None = None,
) -> Iterator[Analysis | Failure]:
    """Analyse many inputs, in order; a bad one yields a :class:`Failure` and the batch goes on.

    ``sources`` are paths, folders, URLs or ``-`` (see :func:`claimtrail.ingest.read_inputs`: JSON
    lines, CSV, feed and WARC files give one result per record; ``keys`` names their fields), or
    Articles and Failures made beforehand. ``timeout_per_article`` (seconds; None or 0: no limit)
    stops an article that takes longer, as a Failure (E050); it needs the main thread.
    """
    from .batch import run_many

    options = options or AnalyzeOptions()
    nlp = nlp or load_pipeline(options.model)
    return run_many(sources, options, nlp, batch_size, keys, timeout_per_article)
