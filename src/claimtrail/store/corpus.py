"""Read a corpus file: :class:`Corpus`, the library side of ``claimtrail sql``, ``articles``,
``claims``, ``sources``, ``failures`` and ``export``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError, StoreNotFound, StoreVersionError
from .connect import DEFAULT_TIMEOUT, connection
from .migrate import applied_version, check_version
from .schema import COLUMNS, LATEST
from .sqlguard import check_read_only

Records = list[dict[str, Any]]

_ARTICLES = """
SELECT a.id, a.title, a.outlet, a.url, a.published, a.language, a.analysed, a.words,
       (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims,
       (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,
       a.path, a.record, a.ingested_at, a.claimtrail_version
FROM articles a ORDER BY a.published NULLS LAST, a.ingested_at, a.id"""

_CLAIMS = """
SELECT c.article_id, c.claim_id, c.source_name, c.source_id, c.status, c.cue, c.text, c.quote,
       c.negated, c.voice, a.title, a.published
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE (CAST(? AS TEXT) IS NULL OR lower(c.source_name) = lower(?) OR c.source_id = ?)
  AND (CAST(? AS TEXT) IS NULL OR c.status = ?)
ORDER BY a.published NULLS LAST, c.article_id, c.start_char"""

_SOURCES = """
WITH cited AS (
    SELECT c.source_id, c.article_id, c.status,
           coalesce(s.name, c.source_name) AS name, s.kind, s.country
    FROM claims c
    LEFT JOIN sources s ON s.article_id = c.article_id AND s.source_id = c.source_id
    WHERE c.voice <> 'author'
), by_status AS (
    SELECT source_id, status, count(*) AS n FROM cited GROUP BY source_id, status
)
SELECT cited.source_id, mode(name) AS name, mode(kind) AS kind, mode(country) AS country,
       count(*) AS claims, count(DISTINCT article_id) AS articles,
       (SELECT map_from_entries(list(struct_pack(k := b.status, v := b.n) ORDER BY b.n DESC, b.status))
        FROM by_status b WHERE b.source_id = cited.source_id) AS statuses
FROM cited GROUP BY cited.source_id ORDER BY claims DESC, articles DESC, source_id"""

_FAILURES = "SELECT input, record, code, message, failed_at FROM failures ORDER BY failed_at, input"

_TIMELINE = """
WITH picked AS (
    SELECT k.* FROM clusters k
    WHERE {where} (CAST(? AS BOOLEAN) OR k.lead_reports > 0)
      AND (CAST(? AS TEXT) IS NULL OR k.type = upper(?))
      AND (CAST(? AS DATE) IS NULL OR coalesce(k."end", k.start) >= CAST(? AS DATE))
      AND (CAST(? AS DATE) IS NULL OR k.start <= CAST(? AS DATE))
      AND (CAST(? AS INTEGER) IS NULL OR k.origins >= CAST(? AS INTEGER))
      AND (CAST(? AS TEXT) IS NULL OR k.place ILIKE ? OR k.place_country = upper(?))
      AND (CAST(? AS TEXT) IS NULL OR len(list_filter(
           json_extract_string(k.actors, '$[*].name') || json_extract_string(k.actors, '$[*].country')
           || json_extract_string(k.actors, '$[*].entity_id'), lambda x: lower(x) = lower(?))) > 0)
)
SELECT p.cluster_id AS id, p.type, p.mode, p.modality, p.start, p."end", p.dated, p.place,
       p.place_country, p.actors, p.recipients, p.summary, p.origins, p.articles, p.flags,
       p.sources, p.source_kinds, p.contradictions, p.first_article_id, p.first_published,
       list(struct_pack(article_id := c.article_id, url := a.url, outlet := a.outlet,
                        published := a.published, event_id := c.event_id, main := c.main,
                        lead := c.lead,
                        origin_id := c.origin_id, source := s.name, source_kind := s.kind,
                        status := e.status)
            ORDER BY a.published NULLS LAST, c.article_id, c.event_id) AS reports
FROM picked p
JOIN cluster_events c ON c.cluster_id = p.cluster_id
JOIN articles a ON a.id = c.article_id
JOIN events e ON e.article_id = c.article_id AND e.event_id = c.event_id
LEFT JOIN sources s ON s.article_id = c.article_id AND s.source_id = e.source_id
GROUP BY ALL
"""
# (the clusters as one JSON array built by DuckDB: one parse in Python, not one per column)
_TIMELINE_JSON = """
SELECT CAST(to_json(coalesce(list(t ORDER BY t.start NULLS LAST, t.origins DESC, t.id),
                             [])) AS TEXT)
FROM ({timeline}) t
"""


class Corpus:
    """A corpus file, read-only. Every call opens the file read-only and closes it again, so an
    ``ingest`` can write between calls; while it is writing a batch, a call waits up to
    ``timeout`` seconds, then raises :class:`~claimtrail.errors.StoreBusy`.

    Each query method returns a list of dicts (JSON columns parsed, dates as ``datetime.date``),
    or a ``pyarrow.Table`` with ``arrow=True``.
    """

    def __init__(self, path: str | Path, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = Path(path)
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"

    def articles(self, *, arrow: bool = False) -> Any:
        """One row per article: its metadata, claims and events counted (not the text)."""
        return self._query(_ARTICLES, [], arrow)

    def claims(self, source: str | None = None, status: str | None = None, *,
               arrow: bool = False) -> Any:
        """Every claim, or those of one source (its name, any case, or its id) and/or with
        one status (reported, hedged, denied…), with the title and date of its article."""
        return self._query(_CLAIMS, [source, source, source, status, status], arrow)

    def sources(self, *, arrow: bool = False) -> Any:
        """Who is cited: each source with its kind and country, how many claims and articles
        cite it, and its claims counted per status (the author's own statements left out)."""
        return self._query(_SOURCES, [], arrow)

    def failures(self, *, arrow: bool = False) -> Any:
        """The inputs and records that could not be read or analysed, and why."""
        return self._query(_FAILURES, [], arrow)

    def timeline(self, *, actor: str | None = None, place: str | None = None,
                 type: str | None = None, since: Any = None, until: Any = None,
                 min_origins: int | None = None, everything: bool = False) -> Records:
        """The event clusters in date order: one dict per cluster with ``id``, ``type``,
        ``start``, ``end``, ``place``, ``actors``, ``recipients``, ``summary``, ``origins``
        (independent origins), ``flags``, ``contradictions``, ``sources`` and ``reports``
        (each with ``article_id``, ``url``, ``outlet``, ``event_id``, ``main``, ``source``,
        ``status``). Only clusters that are some article's lead event (the first of its main
        events: what its headline reports), unless ``everything``.
        ``actor`` matches an actor's name, country (ISO-3) or entity id; ``place`` a place's
        name or country; ``type`` a PLOVER type; ``since``/``until`` dates (ISO text or date)."""
        since_s = str(since) if since is not None else None
        until_s = str(until) if until is not None else None
        params = [everything, type, type, since_s, since_s, until_s, until_s, min_origins,
                  min_origins, place, place, place, actor, actor]
        return self._json_rows(_TIMELINE.format(where=""), params)

    def event(self, cluster_id: str) -> dict[str, Any]:
        """One event cluster with every report of it: outlet, url, date, the event's trigger
        and sentence, and each source that reports it with its status and words (the claim),
        plus the contradictions. Raises StoreError for an unknown id."""
        rows = self._json_rows(_TIMELINE.format(where="k.cluster_id = ? AND"),
                               [cluster_id, True, *([None] * 13)])
        if not rows:
            raise StoreError(f"there is no event cluster {cluster_id!r}; 'claimtrail timeline' "
                             "lists them")
        cluster = rows[0]
        ids = sorted({r["article_id"] for r in cluster["reports"]})
        analyses = {r["article_id"]: r["analysis"] for r in self._query(
            "SELECT article_id, analysis FROM analyses WHERE list_contains(?, article_id)",
            [ids], False)}
        detailed = []
        for report in cluster["reports"]:
            analysis = analyses.get(report["article_id"]) or {}
            event: dict[str, Any] = next((e for e in analysis.get("events", [])
                          if e["id"] == report["event_id"]), {})
            claims = {c["id"]: c for c in analysis.get("claims", [])}
            sources = {s["id"]: s for s in analysis.get("sources", [])}
            said = []
            for rep in event.get("reports", []):
                claim = claims.get(rep.get("claim_id"), {})
                source = sources.get(rep.get("source_id"), {})
                said.append({"source": source.get("name"), "kind": source.get("kind"),
                             "country": source.get("country"), "status": rep.get("status"),
                             "quote": claim.get("text"), "cue": (claim.get("cue") or {}).get("text")})
            detailed.append({**report, "title": analysis.get("article", {}).get("title"),
                             "trigger": (event.get("trigger") or {}).get("text"),
                             "when": event.get("when"), "quantities": event.get("quantities", []),
                             "said": said})
        cluster["reports"] = detailed
        return cluster

    def actors(self, *, everything: bool = False) -> Records:
        """Who acts on whom across the event clusters: one row per (actor, recipient, type)
        with the clusters and reports counted and the mean PLOVER intensity (−10 conflict to
        +10 cooperation). Only clusters that are some article's lead event, unless
        ``everything``."""
        rows = self._query(
            "SELECT k.cluster_id, k.type, k.actors, k.recipients, k.place, k.origins, k.articles, "
            "avg(e.intensity) AS intensity FROM clusters k JOIN cluster_events c USING "
            "(cluster_id) JOIN events e ON e.article_id = c.article_id AND e.event_id = "
            "c.event_id WHERE CAST(? AS BOOLEAN) OR k.lead_reports > 0 GROUP BY ALL",
            [everything], False)
        pairs: dict[tuple[str, str, str], dict[str, Any]] = {}
        for row in rows:
            actors = [a["name"] for a in (row["actors"] or []) if a.get("entity_id")][:2]
            recipients = [r["name"] for r in (row["recipients"] or []) if r.get("entity_id")][:2]
            actors = actors or ["(unnamed)"]
            recipients = recipients or ([row["place"]] if row["place"] else ["(none)"])
            for a in actors:
                for r in recipients:
                    pair = pairs.setdefault((a, r, row["type"]), {
                        "actor": a, "recipient": r, "type": row["type"], "clusters": 0,
                        "articles": 0, "origins": 0, "_intensity": []})
                    pair["clusters"] += 1
                    pair["articles"] += row["articles"]
                    pair["origins"] += row["origins"]
                    if row["intensity"] is not None:
                        pair["_intensity"].append(row["intensity"])
        out = []
        for pair in pairs.values():
            values = pair.pop("_intensity")
            pair["intensity"] = round(sum(values) / len(values), 2) if values else None
            out.append(pair)
        return sorted(out, key=lambda p: (-p["clusters"], -p["articles"], p["actor"],
                                          p["recipient"], p["type"]))

    def sql(self, query: str, *, arrow: bool = False) -> Any:
        """Run one read-only statement (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, PRAGMA
        table_info); anything that could write or reach files raises QueryRefused."""
        check_read_only(query)
        return self._query(query, [], arrow)

    def export_parquet(self, directory: str | Path) -> list[Path]:
        """Write every table as ``<directory>/<table>.parquet``; returns the files written."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        with self._connect(external_access=True) as con:
            for table in [*COLUMNS, "schema_migrations"]:
                target = out / f"{table}.parquet"
                literal = "'" + str(target).replace("'", "''") + "'"
                con.execute(f"COPY (SELECT * FROM {table}) TO {literal} (FORMAT PARQUET)")
                written.append(target)
        return written

    def _json_rows(self, query: str, params: list[Any]) -> Records:
        """The rows of ``query`` as dicts, through one JSON array (dates as ISO text)."""
        result = self._query(_TIMELINE_JSON.format(timeline=query), params, False)
        text = next(iter(result[0].values())) if result else None
        return json.loads(text) if text else []

    def _query(self, query: str, params: list[Any], arrow: bool) -> Any:
        import duckdb
        import pyarrow as pa

        with self._connect(external_access=False) as con:
            try:
                result = con.sql(query, params=params or None)
                if result is None:  # a statement with no result
                    return pa.table({}) if arrow else []
                if arrow:
                    return result.to_arrow_table()
                names = list(result.columns)
                parsed = [i for i, kind in enumerate(result.types) if str(kind) == "JSON"]
                records = []
                for row in result.fetchall():
                    values = list(row)
                    for i in parsed:  # JSON columns come back as what they hold
                        values[i] = json.loads(values[i]) if values[i] is not None else None
                    records.append(dict(zip(names, values, strict=True)))
                return records
            except duckdb.Error as err:
                raise StoreError(f"the query failed: {err}") from None

    def _connect(self, *, external_access: bool) -> AbstractContextManager[Any]:
        if not self.path.is_file():
            raise StoreNotFound(f"there is no corpus at {self.path}; build one with "
                                "'claimtrail ingest PATH --db FILE', or name it with --db")
        return _checked(self.path, self.timeout, external_access)


@contextmanager
def _checked(path: Path, timeout: float, external_access: bool) -> Iterator[Any]:
    """A read-only connection to a file whose schema version has been checked."""
    with connection(path, read_only=True, timeout=timeout, external_access=external_access) as con:
        version = applied_version(con, str(path))
        check_version(version, str(path))
        if version < LATEST:
            raise StoreVersionError(f"{path} has corpus schema version {version}, older than "
                                    f"{LATEST}; 'claimtrail ingest' on it migrates it")
        yield con
