"""The corpus schema: every table and column, and the ordered migrations that build it.

A corpus is one DuckDB file. ``articles`` has one row per stored article, keyed by its store id
(:func:`claimtrail.store.store_id`: a hash of the normalised text and the url); every other
table but ``failures`` has an ``article_id`` that refers to ``articles.id``, and every
``start_char``/``end_char`` indexes ``articles.text`` (Python string offsets, as in the JSON
output). ``analyses.analysis`` holds the whole JSON analysis, so nothing the tables leave out is
lost. The foreign keys are documented, not declared (DuckDB checks them eagerly, which would stop
``--reanalyze`` from deleting and rewriting an article in one transaction).

Migrations are applied in order, each in its own transaction with its row in
``schema_migrations``. A migration, once released, is never edited: a later schema appends a
:class:`Migration` with its own ``ALTER``/``CREATE`` statements and updates :data:`COLUMNS`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    doc: str


def _cols(*spec: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


#: The tables of schema version 1: name → columns, each with its SQL type and what it holds.
TABLES_V1: dict[str, tuple[Column, ...]] = {
    "articles": _cols(
        ("id", "TEXT PRIMARY KEY", "store id: SHA-256 of the normalised text + url, 16 hex digits"),
        ("text_id", "TEXT", "the analysis' article.id (a hash of the text alone)"),
        ("url", "TEXT", "the article's address"),
        ("outlet", "TEXT", "the outlet that published it"),
        ("title", "TEXT", "the title"),
        ("author", "TEXT", "the author, as given by the input"),
        ("published", "DATE", "publication date"),
        ("published_from", "TEXT", "where the date came from: option, html, record, dateline"),
        ("language", "TEXT", "detected or declared language (ISO 639-1)"),
        ("language_confidence", "DOUBLE", "confidence of the detection"),
        ("analysed", "BOOLEAN", "false for an article stored but not analysed (not English)"),
        ("input_kind", "TEXT", "text, file, stdin, url, jsonl, csv, feed, warc (+html)"),
        ("path", "TEXT", "the file or URL it was read from"),
        ("record", "TEXT", "where in that file: 'line 12', 'row 3', 'item 2', 'record 5'"),
        ("record_id", "TEXT", "the input record's own id"),
        ("words", "INTEGER", "words in text"),
        ("chars", "INTEGER", "characters in text"),
        ("text", "TEXT", "the text every offset in the corpus indexes"),
        ("dateline_place", "TEXT", "the dateline's place ('Kyiv')"),
        ("dateline_agency", "TEXT", "the dateline's agency (Reuters, AP…)"),
        ("dateline_date", "DATE", "the dateline's date, with its year"),
        ("byline_names", "VARCHAR[]", "the names in the byline"),
        ("structure", "JSON", "article.structure of the JSON output"),
        ("ingested_at", "TIMESTAMP", "when this row was written (UTC)"),
        ("claimtrail_version", "TEXT", "the claimtrail that wrote it (--reanalyze compares it)"),
        ("schema_version", "TEXT", "the JSON output schema version of its analysis"),
        ("model_name", "TEXT", "the spaCy pipeline that analysed it"),
        ("model_version", "TEXT", "that pipeline's version"),
    ),
    "analyses": _cols(
        ("article_id", "TEXT PRIMARY KEY", "articles.id"),
        ("analysis", "JSON", "the full JSON analysis of the article (Analysis.as_dict())"),
    ),
    "entities": _cols(
        ("article_id", "TEXT", "articles.id"),
        ("entity_id", "TEXT", "gazetteer id (person:joe-biden) or local:<label>:<slug>"),
        ("name", "TEXT", "canonical name"),
        ("label", "TEXT", "PERSON ORG GPE LOC NORP FAC WEAPON PRODUCT EVENT LAW"),
        ("kind", "TEXT", "country, city, ministry, military, media, …"),
        ("country", "TEXT", "ISO-3 code"),
        ("qid", "TEXT", "Wikidata id"),
        ("source", "TEXT", "gazetteer or model"),
        ("mentions", "INTEGER", "how many mentions the article has"),
    ),
    "mentions": _cols(
        ("article_id", "TEXT", "articles.id"),
        ("entity_id", "TEXT", "entities.entity_id"),
        ("text", "TEXT", "the words"),
        ("start_char", "INTEGER", "offset into articles.text"),
        ("end_char", "INTEGER", "offset into articles.text"),
        ("sentence", "INTEGER", "0-based sentence index"),
        ("how", "TEXT", "gazetteer, model, name_part or role"),
    ),
    "sources": _cols(
        ("article_id", "TEXT", "articles.id"),
        ("source_id", "TEXT", "entity id, anonymous:…, document:…, post:…, unresolved:…, author"),
        ("name", "TEXT", "the source's name"),
        ("kind", "TEXT", "person, government, military, media, anonymous, …"),
        ("entity_id", "TEXT", "entities.entity_id when it resolved to one"),
        ("country", "TEXT", "ISO-3: the side the source is on, where known"),
    ),
    "claims": _cols(
        ("article_id", "TEXT", "articles.id"),
        ("claim_id", "TEXT", "the claim's id in its article"),
        ("text", "TEXT", "the content"),
        ("start_char", "INTEGER", "offset of the content into articles.text"),
        ("end_char", "INTEGER", "offset of the content into articles.text"),
        ("sentence", "INTEGER", "0-based sentence index"),
        ("source_id", "TEXT", "sources.source_id"),
        ("source_name", "TEXT", "that source's name"),
        ("cue", "TEXT", "the cue's words ('said', 'according to')"),
        ("cue_kind", "TEXT", "verb, according_to, adverb, noun, colon, non_answer, none"),
        ("via", "VARCHAR[]", "ids of the sources this source cites"),
        ("voice", "TEXT", "author or reported"),
        ("status", "TEXT", "asserted, reported, hedged, speculative, denied, unconfirmed, …"),
        ("negated", "BOOLEAN", "the content's main clause is negated"),
        ("quote", "TEXT", "direct, indirect or none"),
        ("channel", "TEXT", "social_media or null"),
        ("markers", "VARCHAR[]", "the hedge and speculation words that set the status"),
    ),
    "events": _cols(
        ("article_id", "TEXT", "articles.id"),
        ("event_id", "TEXT", "e1, e2… in its article"),
        ("type", "TEXT", "PLOVER type, or STATEMENT/POLICY/NO_COMMENT"),
        ("plover_type", "TEXT", "how a PLOVER coder codes the report"),
        ("mode", "TEXT", "missile, aerial, visit, decree, …"),
        ("trigger", "TEXT", "the trigger words"),
        ("start_char", "INTEGER", "offset of the trigger into articles.text"),
        ("end_char", "INTEGER", "offset of the trigger into articles.text"),
        ("sentence", "INTEGER", "0-based sentence index"),
        ("modality", "TEXT", "actual, planned, threatened, attempted, hypothetical"),
        ("negated", "BOOLEAN", "the event is negated"),
        ("status", "TEXT", "status of the first claim that reports it"),
        ("source_id", "TEXT", "source of that claim"),
        ("when_precision", "TEXT", "day, approximate, range, unresolved or none"),
        ("when_value", "TEXT", "TIMEX3-style value"),
        ("when_start", "DATE", "first day"),
        ("when_end", "DATE", "last day"),
        ("location", "TEXT", "the location's name"),
        ("location_country", "TEXT", "ISO-3 of the location"),
        ("intensity", "DOUBLE", "−10 (conflict) to +10 (cooperation)"),
    ),
    "event_arguments": _cols(
        ("article_id", "TEXT", "articles.id"),
        ("event_id", "TEXT", "events.event_id"),
        ("role", "TEXT", "actor, recipient, weapon or location"),
        ("text", "TEXT", "the words"),
        ("start_char", "INTEGER", "offset into articles.text"),
        ("end_char", "INTEGER", "offset into articles.text"),
        ("entity_id", "TEXT", "entities.entity_id when resolved"),
        ("name", "TEXT", "name"),
        ("country", "TEXT", "ISO-3"),
        ("sector", "TEXT", "government, military, media, igo, person, …"),
        ("inferred", "BOOLEAN", "a recipient taken from the nearest party of the report"),
    ),
    "times": _cols(
        ("article_id", "TEXT", "articles.id"),
        ("text", "TEXT", "the words"),
        ("start_char", "INTEGER", "offset into articles.text"),
        ("end_char", "INTEGER", "offset into articles.text"),
        ("sentence", "INTEGER", "0-based sentence index"),
        ("value", "TEXT", "TIMEX3-style value: 2024-11-19, 2024-W46, XXXX-11-19, …"),
        ("grain", "TEXT", "day, week, month, season, year or interval"),
        ("start_date", "DATE", "first day of the interval"),
        ("end_date", "DATE", "last day of the interval (inclusive)"),
        ("resolution", "TEXT", "absolute, year_from_anchor, relative_to_anchor, …, unresolved"),
    ),
    "techniques": _cols(
        ("article_id", "TEXT", "articles.id"),
        ("technique_id", "TEXT", "t1, t2… in its article"),
        ("technique", "TEXT", "one of PTC's 14 techniques"),
        ("text", "TEXT", "the words"),
        ("start_char", "INTEGER", "offset into articles.text"),
        ("end_char", "INTEGER", "offset into articles.text"),
        ("sentence", "INTEGER", "0-based sentence index"),
        ("score", "DOUBLE", "model or rule confidence"),
        ("source", "TEXT", "model or rule"),
    ),
    "failures": _cols(
        ("input", "TEXT", "the file, URL or 'standard input' that failed"),
        ("record", "TEXT", "where in it ('line 12'), or null"),
        ("code", "TEXT", "the error code (E001…)"),
        ("message", "TEXT", "what went wrong"),
        ("failed_at", "TIMESTAMP", "when (UTC)"),
    ),
}

#: The columns as the current schema has them (the writer fills exactly these).
#: Schema version 2: whether a source speaks for many (analysis schema 1.6).
COLLECTIVE = Column("collective", "BOOLEAN", "the source speaks for many: an institution, a "
                    "government, a country's media, a group, unnamed sources in the plural")

#: Schema version 3: whether an event is one of its article's main events (analysis schema 1.7).
MAIN = Column("main", "BOOLEAN", "one of the events the article's headline and lede report")

#: Schema version 4: the corpus layer (issue 20), computed from the article tables after each
#: ingest (claimtrail.corpus): near-duplicate signatures and origins, event vectors, and event
#: clusters with their reports, corroboration and contradictions. These tables are derived: an
#: ingest brings them up to date for the articles it added, and nothing else writes them.
TABLES_V4: dict[str, tuple[Column, ...]] = {
    "signatures": _cols(
        ("article_id", "TEXT PRIMARY KEY", "articles.id"),
        ("minhash", "BLOB", "MinHash of the text's word 3-shingles (128 uint64, little-endian)"),
        ("shingles", "INTEGER", "how many distinct shingles the text has"),
    ),
    "origins": _cols(
        ("article_id", "TEXT PRIMARY KEY", "articles.id"),
        ("origin_id", "TEXT", "the origin: 'o-' and the store id of its first article"),
        ("how", "TEXT", "first (the origin's first text), copy (a near-duplicate of it) or "
         "credit (it reports its main event by crediting the outlet of that origin)"),
        ("similarity", "DOUBLE", "for a copy: shingle resemblance to the first text"),
        ("credit", "TEXT", "the wire or outlet the article credits (dateline agency, 'X reported')"),
    ),
    "event_vectors": _cols(
        ("article_id", "TEXT", "articles.id"),
        ("event_id", "TEXT", "events.event_id"),
        ("vector", "FLOAT[]", "all-MiniLM-L6-v2 embedding of the event's sentence (384 floats)"),
    ),
    "clusters": _cols(
        ("cluster_id", "TEXT PRIMARY KEY", "k- and a hash of the cluster's first event"),
        ("type", "TEXT", "PLOVER type the reports agree on"),
        ("mode", "TEXT", "the most reported mode (missile, drone, …)"),
        ("modality", "TEXT", "actual, planned, threatened, attempted or hypothetical"),
        ("start", "DATE", "first day the reports date it to (or the earliest report's day)"),
        ("end", "DATE", "last such day"),
        ("dated", "BOOLEAN", "whether any report gives the event a date of its own"),
        ("place", "TEXT", "the most reported place"),
        ("place_country", "TEXT", "ISO-3 of that place"),
        ("actors", "JSON", "[{name, entity_id, country, reports}], most reported first"),
        ("recipients", "JSON", "the same, for the recipients"),
        ("summary", "TEXT", "one line: who did what to whom, where and when"),
        ("reports", "INTEGER", "how many event mentions (one per article and event)"),
        ("articles", "INTEGER", "how many articles report it"),
        ("origins", "INTEGER", "how many independent origins report it"),
        ("main_reports", "INTEGER", "in how many articles it is a main event"),
        ("lead_reports", "INTEGER", "in how many articles it is the lead event (the first main "
         "event: what the headline reports)"),
        ("flags", "VARCHAR[]", "single_origin, anonymous_only, one_side"),
        ("sources", "JSON", "[{source_id, name, kind, country, reports, statuses}]"),
        ("source_kinds", "JSON", "{named, anonymous, document, media, author}: sources by kind, "
         "and reports that cite no one"),
        ("contradictions", "JSON", "[{field, values: [{value, reports: [article ids], "
         "sources: [names], said: [{article_id, source}]}]}]"),
        ("first_article_id", "TEXT", "the earliest report (by publication date)"),
        ("first_published", "DATE", "its publication date"),
        ("updated_at", "TIMESTAMP", "when the cluster was last recomputed (UTC)"),
    ),
    "cluster_events": _cols(
        ("cluster_id", "TEXT", "clusters.cluster_id"),
        ("article_id", "TEXT", "articles.id"),
        ("event_id", "TEXT", "events.event_id"),
        ("main", "BOOLEAN", "whether the event is one of its article's main events"),
        ("lead", "BOOLEAN", "whether it is its article's lead event (its first main event)"),
        ("score", "DOUBLE", "how strongly it joined the cluster (1.0 for its first event)"),
        ("origin_id", "TEXT", "its independent origin within the cluster (copies and reports "
         "that credit one outlet share one)"),
    ),
}

COLUMNS: dict[str, tuple[Column, ...]] = {
    **TABLES_V1, "sources": (*TABLES_V1["sources"], COLLECTIVE),
    "events": (*TABLES_V1["events"], MAIN), **TABLES_V4}

#: The tables the writer fills from an analysis (the others are derived from them).
ARTICLE_TABLES: tuple[str, ...] = tuple(name for name in COLUMNS
                                        if name not in TABLES_V4 and name != "failures")

def _create(tables: dict[str, tuple[Column, ...]]) -> list[str]:
    statements = []
    for name, cols in tables.items():
        body = ", ".join(f'"{c.name}" {c.type}' for c in cols)
        statements.append(f"CREATE TABLE {name} ({body})")
    return statements


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "the tables of the first corpus schema", tuple(_create(TABLES_V1))),
    Migration(2, "sources.collective: whether a source speaks for many",
              (f'ALTER TABLE sources ADD COLUMN "{COLLECTIVE.name}" {COLLECTIVE.type}',)),
    Migration(3, "events.main: whether an event is one of its article's main events",
              (f'ALTER TABLE events ADD COLUMN "{MAIN.name}" {MAIN.type}',)),
    Migration(4, "the corpus layer: signatures, origins, event vectors and event clusters",
              tuple(_create(TABLES_V4))),
)

#: The highest schema version this claimtrail knows.
LATEST = MIGRATIONS[-1].version

MIGRATIONS_TABLE = ("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                    "applied_at TIMESTAMP, claimtrail_version TEXT)")


def markdown() -> str:
    """The current tables and columns as Markdown (``python -m claimtrail.store.schema``)."""
    parts = []
    for name, cols in COLUMNS.items():
        parts.append(f"**{name}**\n\n| column | type | |\n|---|---|---|")
        parts.extend(f"| `{c.name}` | {c.type.replace(' PRIMARY KEY', ' (key)')} | {c.doc} |"
                     for c in cols)
        parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":
    print(markdown())
