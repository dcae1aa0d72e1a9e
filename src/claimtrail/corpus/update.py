"""Bring a corpus's derived tables up to date after an ingest: signatures and origins of the new
articles, vectors of their events, and the clusters those events join or start (only the
clusters that changed are recomputed). Runs inside the writer's lock and transaction."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .clusters import UNCLUSTERED, Cluster, Clustering, EventItem, Party
from .corroborate import OutletIndex, Report, corroboration, report_index
from .embed import embedder, sentence_around, words_around
from .origins import OriginIndex, minhash, resemblance, shingles

Insert = Callable[[Any, str, list[dict[str, Any]]], None]
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class UpdateSummary:
    articles: int  # new articles given a signature and an origin
    events: int  # new events placed in clusters
    clusters_changed: int
    clusters: int  # clusters in the corpus after the update
    origins: int  # origins in the corpus after the update
    seconds: float

    def line(self) -> str:
        return (f"{self.articles} new articles in {self.origins} origins; {self.events} events "
                f"into {self.clusters} event clusters ({self.clusters_changed} updated) in "
                f"{self.seconds:.1f} s")


def update(con: Any, insert: Insert, now: dt.datetime,
           progress: Progress | None = None) -> UpdateSummary:
    began = time.perf_counter()
    say = progress or (lambda _msg: None)
    new_articles = _origins(con, insert, say)
    items, removed = _new_events(con)
    if items:
        stored = _stored_vectors(con, {i.article_id for i in items})
        for item in items:
            item.vector = stored.get(item.key)
        missing = [i for i in items if i.vector is None]
        if missing:
            say(f"embedding {len(missing)} events")
            vectors = embedder().embed([i.clause for i in missing])
            for item, vec in zip(missing, vectors, strict=True):
                item.vector = vec
            insert(con, "event_vectors", [
                {"article_id": i.article_id, "event_id": i.event_id, "vector": i.vector.tolist()}
                for i in missing if i.vector is not None])
    clustering = Clustering(_load_clusters(con, items, removed))
    for cid in removed:
        if cid in clustering.clusters:
            clustering.clusters[cid].dirty = True
    for item in items:
        clustering.add(item)
    dirty = [c for c in clustering.clusters.values() if c.dirty]
    say(f"recomputing {len(dirty)} event clusters")
    moves = _write_clusters(con, insert, dirty, now)
    _credit_origins(con, moves, new_articles)
    clusters = con.execute("SELECT count(*) FROM clusters").fetchall()[0][0]
    origins = con.execute("SELECT count(DISTINCT origin_id) FROM origins").fetchall()[0][0]
    return UpdateSummary(len(new_articles), len(items), len(dirty), int(clusters), int(origins),
                         time.perf_counter() - began)


def _stored_vectors(con: Any, article_ids: set[str]) -> dict[tuple[str, str], np.ndarray]:
    con.register("vector_articles", _table({"id": sorted(article_ids)}))
    try:
        rows = con.execute("SELECT article_id, event_id, vector FROM event_vectors WHERE "
                           "article_id IN (SELECT id FROM vector_articles)").fetchall()
    finally:
        con.unregister("vector_articles")
    return {(a, e): np.asarray(v, dtype=np.float32) for a, e, v in rows}


# --- origins ------------------------------------------------------------------------------

#: The first texts of origins whose shingles are kept at once while new articles are checked.
_SEED_CACHE = 512


def _origins(con: Any, insert: Insert, say: Progress) -> set[str]:
    new = con.execute(
        "SELECT id, text, dateline_agency FROM articles a WHERE analysed AND NOT EXISTS "
        "(SELECT 1 FROM signatures s WHERE s.article_id = a.id) "
        "ORDER BY published NULLS LAST, id").fetchall()
    if not new:
        return set()
    say(f"grouping {len(new)} new articles into origins")
    index = OriginIndex()
    seed_of: dict[str, str] = {}  # origin id → its first article
    origin_of: dict[str, str] = {}
    for article_id, signature, origin_id, how in con.execute(
            "SELECT s.article_id, s.minhash, o.origin_id, o.how FROM signatures s "
            "JOIN origins o USING (article_id)").fetchall():
        index.add(article_id, bytes(signature))
        origin_of[article_id] = origin_id
        if how == "first":
            seed_of[origin_id] = article_id
    @lru_cache(maxsize=_SEED_CACHE)  # (bounded: a first ingest of many articles stays small)
    def seed_shingles(article_id: str) -> frozenset[str]:
        rows = con.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchall()
        return frozenset(shingles(rows[0][0] if rows else ""))

    sig_rows, origin_rows = [], []
    for article_id, text, agency in new:
        own = shingles(text)
        signature = minhash(own)
        best: tuple[float, str] | None = None
        for candidate in index.candidates(signature):
            origin = origin_of.get(candidate)
            seed = seed_of.get(origin) if origin else None
            if seed is None:
                continue
            match = resemblance(own, seed_shingles(seed))
            if match.copy and (best is None or match.score > best[0]):
                best = (match.score, origin)  # type: ignore[assignment]
        if best is not None:
            origin_rows.append({"article_id": article_id, "origin_id": best[1], "how": "copy",
                                "similarity": round(best[0], 3), "credit": agency})
            origin_of[article_id] = best[1]
        else:
            origin = "o-" + article_id
            origin_rows.append({"article_id": article_id, "origin_id": origin, "how": "first",
                                "similarity": None, "credit": agency})
            origin_of[article_id] = origin
            seed_of[origin] = article_id
        index.add(article_id, signature)
        sig_rows.append({"article_id": article_id, "minhash": signature, "shingles": len(own)})
    insert(con, "signatures", sig_rows)
    insert(con, "origins", origin_rows)
    return {r["article_id"] for r in origin_rows}


# --- events -------------------------------------------------------------------------------

_EVENTS = """
SELECT e.article_id, e.event_id, e.type, e.mode, e.modality, coalesce(e.main, false),
       a.published, e.when_precision, e.when_start, e.when_end, e.start_char, e.end_char,
       a.text IS NOT NULL
FROM events e JOIN articles a ON a.id = e.article_id
WHERE NOT coalesce(e.negated, false) AND e.type NOT IN ({unclustered}) {where}
ORDER BY a.published NULLS LAST, e.article_id, coalesce(e.main, false) DESC,
         e.start_char"""


def _unclustered() -> str:
    return ", ".join(f"'{t}'" for t in sorted(UNCLUSTERED))


def _items(con: Any, where: str, with_text: bool) -> list[EventItem]:
    rows = con.execute(_EVENTS.format(unclustered=_unclustered(), where=where)).fetchall()
    if not rows:
        return []
    keys = {(r[0], r[1]) for r in rows}
    articles = sorted({r[0] for r in rows})
    con.register("wanted_articles", _table({"id": articles}))
    try:
        args = con.execute(
            "SELECT article_id, event_id, role, entity_id, name, country FROM event_arguments "
            "WHERE article_id IN (SELECT id FROM wanted_articles) AND role <> 'weapon'").fetchall()
        texts = dict(con.execute("SELECT id, text FROM articles WHERE id IN "
                                 "(SELECT id FROM wanted_articles)").fetchall()) if with_text else {}
    finally:
        con.unregister("wanted_articles")
    parties: dict[tuple[str, str], dict[str, list[Any]]] = {}
    for article_id, event_id, role, entity_id, name, country in args:
        if (article_id, event_id) in keys:
            parties.setdefault((article_id, event_id), {}).setdefault(role, []).append(
                (entity_id, name, country))
    leads: dict[str, tuple[int, str]] = {}
    for r in rows:  # (an article's first main event, by its place in the text)
        if r[5] and (r[0] not in leads or r[10] < leads[r[0]][0]):
            leads[r[0]] = (r[10], r[1])
    items = []
    for (article_id, event_id, kind, mode, modality, main, published, precision, start, end,
         s_char, e_char, _) in rows:
        got = parties.get((article_id, event_id), {})
        location = (got.get("location") or [None])[0]
        own_date = precision in ("day", "range", "approximate") and start is not None and (
            end is None or (end - start).days <= 7)
        text = texts.get(article_id, "")
        sentence = sentence_around(text, s_char, e_char) if text else ""
        items.append(EventItem(
            article_id=article_id, event_id=event_id, type=kind, mode=mode, modality=modality,
            main=bool(main), published=published, start=start if own_date else None,
            end=(end or start) if own_date else None,
            place=location[1] if location else None, place_id=location[0] if location else None,
            place_country=location[2] if location else None,
            place_kind="country" if location and str(location[0] or "").startswith("country:")
            else None,
            actors=[Party(*p) for p in got.get("actor", [])],
            recipients=[Party(*p) for p in got.get("recipient", [])],
            sentence=sentence, clause=words_around(sentence, text[s_char:e_char]),
            lead=leads.get(article_id, (0, ""))[1] == event_id))
    return items


def _new_events(con: Any) -> tuple[list[EventItem], set[str]]:
    """The events no cluster holds yet, and the clusters that lost members (their article
    was analysed again)."""
    gone = con.execute(
        "SELECT DISTINCT c.cluster_id FROM cluster_events c WHERE NOT EXISTS (SELECT 1 FROM "
        "events e WHERE e.article_id = c.article_id AND e.event_id = c.event_id)").fetchall()
    removed = {r[0] for r in gone}
    con.execute("DELETE FROM cluster_events c WHERE NOT EXISTS (SELECT 1 FROM events e "
                "WHERE e.article_id = c.article_id AND e.event_id = c.event_id)")
    counts = con.execute(
        "SELECT k.cluster_id FROM clusters k LEFT JOIN (SELECT cluster_id, count(*) AS n FROM "
        "cluster_events GROUP BY cluster_id) m USING (cluster_id) "
        "WHERE coalesce(m.n, 0) <> k.reports").fetchall()
    removed |= {r[0] for r in counts}
    # a cluster all of whose events went with their re-analysed articles goes too
    con.execute("DELETE FROM clusters k WHERE NOT EXISTS (SELECT 1 FROM cluster_events c "
                "WHERE c.cluster_id = k.cluster_id)")
    where = ("AND NOT EXISTS (SELECT 1 FROM cluster_events c WHERE c.article_id = e.article_id "
             "AND c.event_id = e.event_id)")
    return _items(con, where, with_text=True), removed


#: Days around the new events' days within which a stored cluster may take them (an undated
#: event's window and the date gap, with a day to spare).
_LOAD_PAD = 5


def _load_clusters(con: Any, items: list[EventItem], removed: set[str]) -> list[Cluster]:
    """The stored clusters the new events could join (those whose days come within reach of
    theirs, and those with no day), and those that lost members; not the whole corpus."""
    windows = [i.window() for i in items]
    if not items:
        where = "FALSE"
    elif any(w is None for w in windows):
        where = "TRUE"
    else:
        lo = min(w[0] for w in windows if w) - dt.timedelta(days=_LOAD_PAD)
        hi = max(w[1] for w in windows if w) + dt.timedelta(days=_LOAD_PAD)
        where = (f"k.start IS NULL OR (k.start <= DATE '{hi.isoformat()}' AND "
                 f"coalesce(k.\"end\", k.start) >= DATE '{lo.isoformat()}')")
    con.register("removed_clusters", _table({"id": sorted(removed)}))
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE wanted_clusters AS SELECT k.cluster_id AS id "
                    f"FROM clusters k WHERE {where} UNION SELECT id FROM removed_clusters")
    finally:
        con.unregister("removed_clusters")
    try:
        members = _items(con, "AND EXISTS (SELECT 1 FROM cluster_events c WHERE c.article_id = "
                         "e.article_id AND c.event_id = e.event_id AND c.cluster_id IN "
                         "(SELECT id FROM wanted_clusters))", with_text=False)
        if not members:
            return []
        by_key = {m.key: m for m in members}
        table = con.sql(
            "SELECT v.article_id, v.event_id, v.vector FROM event_vectors v JOIN cluster_events "
            "c USING (article_id, event_id) WHERE c.cluster_id IN (SELECT id FROM "
            "wanted_clusters)").to_arrow_table()
        if table.num_rows:
            flat = table.column("vector").combine_chunks().flatten().to_numpy()
            vectors = flat.astype(np.float32).reshape(table.num_rows, -1)
            for article_id, event_id, vector in zip(table.column("article_id").to_pylist(),
                                                    table.column("event_id").to_pylist(),
                                                    vectors, strict=True):
                item = by_key.get((article_id, event_id))
                if item is not None:
                    item.vector = vector
        clusters: dict[str, Cluster] = {}
        for cid, article_id, event_id, score in con.execute(
                "SELECT c.cluster_id, c.article_id, c.event_id, c.score FROM cluster_events c "
                "JOIN articles a ON a.id = c.article_id JOIN events e ON e.article_id = "
                "c.article_id AND e.event_id = c.event_id WHERE c.cluster_id IN (SELECT id FROM "
                "wanted_clusters) ORDER BY a.published NULLS LAST, c.article_id, "
                "coalesce(e.main, false) DESC, e.start_char").fetchall():
            found = by_key.get((article_id, event_id))
            if found is None:
                continue
            cluster = clusters.setdefault(cid, Cluster(cid))
            cluster.add(found, float(score))
            cluster.dirty = False
    finally:
        con.execute("DROP TABLE IF EXISTS wanted_clusters")
    return list(clusters.values())


# --- cluster rows -------------------------------------------------------------------------

def _table(columns: dict[str, list[Any]]) -> Any:
    import pyarrow as pa

    return pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()})


def _analyses(con: Any, article_ids: list[str]) -> dict[str, dict[str, Any]]:
    """What the clusters' reports need of their articles: outlet, date, wire credit, origin,
    and the analysis's events and sources."""
    con.register("wanted_articles", _table({"id": article_ids}))
    try:
        rows = con.execute(
            "SELECT a.id, a.outlet, a.published, a.dateline_agency, a.text, o.origin_id, "
            "n.analysis FROM articles a JOIN analyses n ON n.article_id = a.id "
            "LEFT JOIN origins o ON o.article_id = a.id "
            "WHERE a.id IN (SELECT id FROM wanted_articles)").fetchall()
    finally:
        con.unregister("wanted_articles")
    out = {}
    for article_id, outlet, published, agency, text, origin, analysis in rows:
        data = json.loads(analysis)
        out[article_id] = {
            "outlet": outlet, "published": published, "agency": agency, "text": text or "",
            "origin_id": origin or "o-" + article_id,
            "events": {e["id"]: e for e in data.get("events", [])},
            "sources": {s["id"]: s for s in data.get("sources", [])}}
    return out


def _is_outlet(source: dict[str, Any], outlets: OutletIndex) -> bool:
    """A media source, or one named like an outlet or wire of this corpus ("the Capital
    Ledger reported", "Meridian Press Agency reported")."""
    if source.get("kind") == "media":
        return True
    if source.get("kind") in ("anonymous", "author", "document"):
        return False
    return bool(outlets.find(str(source.get("name"))))


def _reports(cluster: Cluster, articles: dict[str, dict[str, Any]],
             outlets: OutletIndex) -> list[Report]:
    reports = []
    attached = {m.key for m in cluster.attached}
    for m in cluster.members:
        art = articles.get(m.article_id)
        if art is None:
            continue
        event = art["events"].get(m.event_id, {})
        credits = sorted({str(src["name"]) for r in event.get("reports", [])
                          if (src := art["sources"].get(r.get("source_id"), {}))
                          and _is_outlet(src, outlets)})
        trigger = event.get("trigger") or {}
        sentence = m.sentence or sentence_around(art["text"], trigger.get("start_char", 0),
                                                 trigger.get("end_char", 0))
        reports.append(Report(
            article_id=m.article_id, event_id=m.event_id, main=m.main, outlet=art["outlet"],
            published=art["published"],
            agency=art["agency"], origin_id=art["origin_id"], event=event,
            sources=art["sources"], sentence=sentence, credits=credits,
            attached=m.key in attached))
    return reports


def _parties(reports: list[Report], role: str) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for r in reports:
        for key in {(a.get("entity_id") or a.get("name")) for a in r.event.get(role, [])
                    if not a.get("inferred")}:
            party = next(a for a in r.event.get(role, []) if (a.get("entity_id") or a.get("name")) == key)
            row = seen.setdefault(key, {"name": party.get("name"), "entity_id": party.get("entity_id"),
                                        "country": party.get("country"), "reports": 0})
            row["reports"] += 1
    named = [p for p in seen.values() if p["entity_id"]]
    return sorted(named or seen.values(), key=lambda p: (-p["reports"], p["name"] or ""))


def _cluster_row(cluster: Cluster, reports: list[Report], now: dt.datetime) -> dict[str, Any]:
    result = corroboration(reports)
    members = cluster.members
    types = Counter(m.type for m in members)
    modes = Counter(m.mode for m in members if m.mode)
    modality = Counter(m.modality for m in members).most_common(1)[0][0]
    places = Counter((m.place, m.place_country) for m in members if m.place)
    place, place_country = places.most_common(1)[0][0] if places else (None, None)
    dated = [m for m in members if m.dated]
    start: dt.date | None
    end: dt.date | None
    if dated:
        start = min(m.start for m in dated if m.start)
        end = max(m.end or m.start for m in dated if m.start)
    else:
        days = [m.published for m in members if m.published]
        start = end = min(days) if days else None
    first = min(reports, key=lambda r: (r.published or dt.date.max, r.article_id)) if reports else None
    actors, recipients = _parties(reports, "actors"), _parties(reports, "recipients")
    kind = types.most_common(1)[0][0]
    mode = modes.most_common(1)[0][0] if modes else None
    origins = result["origins"]
    summary = _summary(kind, mode, modality, actors, recipients, place, start, end, dated != [],
                       len({r.article_id for r in reports}), origins)
    return {
        "cluster_id": cluster.id, "type": kind, "mode": mode, "modality": modality,
        "start": start, "end": end, "dated": bool(dated), "place": place,
        "place_country": place_country, "actors": json.dumps(actors, ensure_ascii=False),
        "recipients": json.dumps(recipients, ensure_ascii=False), "summary": summary,
        "reports": len(members), "articles": len({m.article_id for m in members}),
        "origins": origins, "main_reports": len({m.article_id for m in members if m.main}),
        "lead_reports": len({m.article_id for m in members if m.lead}),
        "flags": result["flags"], "sources": json.dumps(result["sources"], ensure_ascii=False,
                                                        default=str),
        "source_kinds": json.dumps(result["source_kinds"]),
        "contradictions": json.dumps(result["contradictions"], ensure_ascii=False),
        "first_article_id": first.article_id if first else None,
        "first_published": first.published if first else None,
        "updated_at": now, "_origin_of": result["origin_of"],
    }


def _names(parties: list[dict[str, Any]], limit: int = 2) -> str:
    return " and ".join(str(p["name"]) for p in parties[:limit])


def _summary(kind: str, mode: str | None, modality: str, actors: list[dict[str, Any]],
             recipients: list[dict[str, Any]], place: str | None, start: Any, end: Any,
             dated: bool, articles: int, origins: int) -> str:
    what = kind + (f"/{mode}" if mode else "") + ("" if modality == "actual" else f" ({modality})")
    who = _names(actors) or "an unnamed actor"
    whom = f" → {_names(recipients)}" if recipients else ""
    where = f" in {place}" if place else ""
    if start is None:
        when = ""
    elif start == end:
        when = f", {start.isoformat()}" + ("" if dated else " (reported)")
    else:
        when = f", {start.isoformat()}…{end.isoformat()}"
    reports = f"{articles} article{'s' if articles != 1 else ''}"
    return f"{what}: {who}{whom}{where}{when}; {reports}, {origins} origin{'s' if origins != 1 else ''}"


def _write_clusters(con: Any, insert: Insert, dirty: list[Cluster],
                    now: dt.datetime) -> dict[str, str]:
    if not dirty:
        return {}
    ids = [c.id for c in dirty]
    con.register("dirty_clusters", _table({"id": ids}))
    try:
        con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT id FROM dirty_clusters)")
        con.execute("DELETE FROM cluster_events WHERE cluster_id IN (SELECT id FROM dirty_clusters)")
    finally:
        con.unregister("dirty_clusters")
    live = [c for c in dirty if c.members]
    outlets = OutletIndex()
    for row in con.execute("SELECT DISTINCT outlet, dateline_agency FROM articles").fetchall():
        for name in row:
            if name:
                outlets.add(str(name), True)
    moves: dict[str, str] = {}
    for chunk in _chunks(live):  # (a chunk's analyses are read, used and let go together)
        articles = _analyses(con, sorted({m.article_id for c in chunk for m in c.members}))
        cluster_rows: list[dict[str, Any]] = []
        member_rows: list[dict[str, Any]] = []
        for c in chunk:
            reports = _reports(c, articles, outlets)
            for article_id, origin in credit_moves(reports).items():
                moves.setdefault(article_id, origin)
            row = _cluster_row(c, reports, now)
            origin_of = row.pop("_origin_of")
            cluster_rows.append(row)
            member_rows.extend({"cluster_id": c.id, "article_id": m.article_id,
                                "event_id": m.event_id, "main": m.main, "lead": m.lead,
                                "score": round(c.scores.get(m.key, 1.0), 4),
                                "origin_id": origin_of.get(m.article_id)} for m in c.members)
        insert(con, "clusters", cluster_rows)
        insert(con, "cluster_events", member_rows)
    return moves


#: Articles whose analyses are held at once while clusters are recomputed.
_CHUNK_ARTICLES = 500


def _chunks(clusters: list[Cluster]) -> list[list[Cluster]]:
    """The clusters in groups that together hold about _CHUNK_ARTICLES articles."""
    out: list[list[Cluster]] = []
    current: list[Cluster] = []
    seen: set[str] = set()
    for c in clusters:
        current.append(c)
        seen |= {m.article_id for m in c.members}
        if len(seen) >= _CHUNK_ARTICLES:
            out.append(current)
            current, seen = [], set()
    if current:
        out.append(current)
    return out


def _credit_origins(con: Any, moves: dict[str, str], new_articles: set[str]) -> None:
    """An article that reports its main event by crediting another outlet's report (a
    rewrite, a pick-up: "the Capital Ledger reported") takes that report's origin, when it is
    new and no copy of it is stored."""
    for article_id, origin in sorted(moves.items()):
        if article_id not in new_articles:
            continue
        rows = con.execute("SELECT origin_id, how FROM origins WHERE article_id = ?",
                           [article_id]).fetchall()
        row = rows[0] if rows else None
        if row is None or row[1] != "first" or row[0] == origin:
            continue
        others = con.execute("SELECT count(*) FROM origins WHERE origin_id = ? AND article_id <> ?",
                             [row[0], article_id]).fetchall()[0][0]
        if others == 0:
            con.execute("UPDATE origins SET origin_id = ?, how = 'credit' WHERE article_id = ?",
                        [origin, article_id])


def credit_moves(reports: list[Report]) -> dict[str, str]:
    """Article → the origin of the report its main event credits."""
    moves: dict[str, str] = {}
    index = report_index(reports)
    for r in reports:
        if not r.main:
            continue
        for credit in r.credits:
            for other in index.find(credit):
                if other.article_id != r.article_id and other.origin_id != r.origin_id:
                    moves.setdefault(r.article_id, other.origin_id)
    return moves
