"""How the corpus layer's time grows: clustering 1,000 and 10,000 synthetic articles, and
timeline queries over 100,000 synthetic events.

Usage:
    python bench/cluster_benchmark.py [--articles 1000 10000] [--timeline-events 100000]
                                      [--seed 7] [--json FILE]

Synthetic articles are written straight into a fresh corpus file (articles, analyses, events,
event_arguments, and event vectors that stand in for the sentence model's), so the figures are
the corpus update alone: origins (MinHash of each text, LSH, verification), clustering and
writing the clusters; then 10 more articles of the next days are added and the update timed
again (what a small ingest into a large corpus costs). The sentence model's own cost is not in
them (it is measured on real articles: see the README). Each synthetic article reports one of
N/4 invented events (a type, a place of 200, a day of 60, two countries of 40, a vector of its
own) with its own wording (the
event's vector plus noise), and a quarter of the articles are copies of another one's text; each
article also has 9 background events of their own. The timeline part builds 100,000 clusters
(one event each) with their rows and times `Corpus.timeline` with and without filters.

Prints Markdown tables on stdout and progress on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from claimtrail.store import Corpus
from claimtrail.store.writer import Writer, _insert

TYPES = ["ASSAULT", "COERCE", "CONSULT", "SANCTION", "PROTEST", "AID", "ACCUSE", "THREATEN"]
WORDS = ["strike", "missile", "city", "port", "officials", "said", "region", "killed", "wounded",
         "governor", "drones", "talks", "minister", "sanctions", "protest", "police", "arrested",
         "aid", "deliver", "army", "fire", "night"]


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _text(rng: random.Random, n: int = 180) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(500)) for _ in range(n))


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def build(path: Path, articles: int, seed: int, base: dt.date = dt.date(2026, 1, 1),
          days: int = 60) -> None:
    """A corpus file with ``articles`` synthetic analysed articles and their event vectors,
    their events on ``days`` days from ``base``."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    happenings = []
    for _ in range(max(1, articles // 4)):
        happenings.append({
            "type": rng.choice(TYPES), "place": f"Place{rng.randrange(200)}",
            "day": base + dt.timedelta(days=rng.randrange(days)),
            "actor": f"C{rng.randrange(40):02d}", "recipient": f"C{rng.randrange(40):02d}",
            "vector": nrng.normal(size=384)})
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in (
        "articles", "analyses", "events", "event_arguments", "event_vectors")}
    texts: list[str] = []
    now = dt.datetime(2026, 3, 1)
    for i in range(articles):
        aid = f"{i:016x}"
        h = happenings[rng.randrange(len(happenings))]
        text = texts[rng.randrange(len(texts))] + f" copy{i}" if texts and rng.random() < 0.25 \
            else _text(rng)
        texts.append(text)
        published = h["day"] + dt.timedelta(days=rng.randrange(2))
        rows["articles"].append({
            "id": aid, "text_id": aid, "url": f"https://example.org/{i}", "outlet": f"O{i % 50}",
            "title": f"Article {i}", "author": None, "published": published.isoformat(),
            "published_from": "record", "language": "en", "language_confidence": 1.0,
            "analysed": True, "input_kind": "jsonl", "path": "synthetic", "record": None,
            "record_id": str(i), "words": 180, "chars": len(text), "text": text,
            "dateline_place": None, "dateline_agency": None, "dateline_date": None,
            "byline_names": [], "structure": "{}", "ingested_at": now,
            "claimtrail_version": "bench", "schema_version": "1.7", "model_name": "synthetic",
            "model_version": "0"})
        events = []
        for j in range(10):
            eid = f"e{j + 1}"
            if j == 0:
                kind, place, day, actor, recipient = (h["type"], h["place"], h["day"],
                                                      h["actor"], h["recipient"])
                vector = _unit(h["vector"] + nrng.normal(scale=0.6, size=384))
            else:
                kind, place = rng.choice(TYPES), f"Place{rng.randrange(200)}"
                day = base + dt.timedelta(days=rng.randrange(days))
                actor, recipient = f"C{rng.randrange(40):02d}", f"C{rng.randrange(40):02d}"
                vector = _unit(nrng.normal(size=384))
            rows["events"].append({
                "article_id": aid, "event_id": eid, "type": kind, "plover_type": kind,
                "mode": None, "trigger": "struck", "start_char": 0, "end_char": 6,
                "sentence": 0, "modality": "actual", "negated": False, "status": "reported",
                "source_id": "anonymous:officials", "when_precision": "day",
                "when_value": day.isoformat(), "when_start": day.isoformat(),
                "when_end": day.isoformat(), "location": place, "location_country": actor,
                "intensity": -5.0, "main": j == 0})
            for role, country in (("actor", actor), ("recipient", recipient)):
                rows["event_arguments"].append({
                    "article_id": aid, "event_id": eid, "role": role, "text": country,
                    "start_char": 0, "end_char": 3, "entity_id": f"country:{country}",
                    "name": country, "country": country, "sector": "government",
                    "inferred": False})
            rows["event_arguments"].append({
                "article_id": aid, "event_id": eid, "role": "location", "text": place,
                "start_char": 0, "end_char": 3, "entity_id": f"place:{place.lower()}",
                "name": place, "country": actor, "sector": None, "inferred": False})
            rows["event_vectors"].append({"article_id": aid, "event_id": eid,
                                          "vector": vector.tolist()})
            events.append({"id": eid, "type": kind, "trigger": {"text": "struck"},
                           "reports": [{"source_id": "anonymous:officials",
                                        "status": "reported", "claim_id": "c1"}],
                           "quantities": [], "weapons": [], "actors": [], "recipients": [],
                           "when": {"precision": "day", "start": day.isoformat()},
                           "location": {"name": place, "country": actor}})
        rows["analyses"].append({"article_id": aid, "analysis": json.dumps({
            "article": {"text": text}, "events": events, "claims": [],
            "sources": [{"id": "anonymous:officials", "name": "officials",
                         "kind": "anonymous", "country": None}]})})
    with Writer(path) as writer, writer._connect() as con:
        for table, table_rows in rows.items():
            for start in range(0, len(table_rows), 20000):
                _insert(con, table, table_rows[start:start + 20000])
        con.execute("CHECKPOINT")


def bench_update(articles: int, seed: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        began = time.perf_counter()
        build(path, articles, seed)
        _log(f"{articles} synthetic articles written in {time.perf_counter() - began:.1f} s")
        with Writer(path) as writer:
            summary = writer.update_corpus(_log)
        corpus = Corpus(path)
        clustered = corpus.sql("SELECT count(*) AS n FROM cluster_events")[0]["n"]
        # then a small ingest's worth: 10 more articles of the next two days
        more = Path(tmp) / "more.duckdb"
        build(more, 10, seed + 1, base=dt.date(2026, 3, 2), days=2)
        import duckdb

        con = duckdb.connect(str(path))
        con.execute(f"ATTACH '{more}' AS more (READ_ONLY)")
        con.execute("INSERT INTO articles SELECT * REPLACE ('n' || id AS id) FROM more.articles")
        for table in ("analyses", "events", "event_arguments", "event_vectors"):
            con.execute(f"INSERT INTO {table} SELECT * REPLACE ('n' || article_id AS article_id) "
                        f"FROM more.{table}")
        con.close()
        with Writer(path) as writer:
            added = writer.update_corpus(_log)
        return {"articles": articles, "events": clustered, "clusters": summary.clusters,
                "origins": summary.origins, "seconds": round(summary.seconds, 2),
                "ten_more_seconds": round(added.seconds, 2)}


def bench_timeline(events: int, seed: int) -> list[dict[str, Any]]:
    """100,000 one-event clusters with their rows; Corpus.timeline timed with filters."""
    rng = random.Random(seed)
    base = dt.date(2025, 1, 1)
    now = dt.datetime(2026, 3, 1)
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in (
        "articles", "events", "clusters", "cluster_events", "sources")}
    per_article = 10
    for i in range(events):
        aid, eid = f"{i // per_article:016x}", f"e{i % per_article + 1}"
        day = base + dt.timedelta(days=rng.randrange(700))
        actor, recipient = f"C{rng.randrange(40):02d}", f"C{rng.randrange(40):02d}"
        if i % per_article == 0:
            rows["articles"].append({
                "id": aid, "text_id": aid, "url": f"https://example.org/{aid}",
                "outlet": f"O{i % 50}", "title": None, "author": None,
                "published": day.isoformat(), "published_from": "record", "language": "en",
                "language_confidence": 1.0, "analysed": True, "input_kind": "jsonl",
                "path": "synthetic", "record": None, "record_id": aid, "words": 1, "chars": 1,
                "text": "x", "dateline_place": None, "dateline_agency": None,
                "dateline_date": None, "byline_names": [], "structure": "{}",
                "ingested_at": now, "claimtrail_version": "bench", "schema_version": "1.7",
                "model_name": "synthetic", "model_version": "0"})
            rows["sources"].append({"article_id": aid, "source_id": "anonymous:officials",
                                    "name": "officials", "kind": "anonymous",
                                    "entity_id": None, "country": None, "collective": True})
        kind = rng.choice(TYPES)
        rows["events"].append({
            "article_id": aid, "event_id": eid, "type": kind, "plover_type": kind, "mode": None,
            "trigger": "struck", "start_char": 0, "end_char": 1, "sentence": 0,
            "modality": "actual", "negated": False, "status": "reported",
            "source_id": "anonymous:officials", "when_precision": "day",
            "when_value": day.isoformat(), "when_start": day.isoformat(),
            "when_end": day.isoformat(), "location": f"Place{rng.randrange(500)}",
            "location_country": actor, "intensity": -5.0, "main": eid == "e1"})
        cid = f"k-{i:012x}"
        rows["clusters"].append({
            "cluster_id": cid, "type": kind, "mode": None, "modality": "actual",
            "start": day.isoformat(), "end": day.isoformat(), "dated": True,
            "place": f"Place{rng.randrange(500)}", "place_country": actor,
            "actors": json.dumps([{"name": actor, "entity_id": f"country:{actor}",
                                   "country": actor, "reports": 1}]),
            "recipients": json.dumps([{"name": recipient, "entity_id": f"country:{recipient}",
                                       "country": recipient, "reports": 1}]),
            "summary": f"{kind}: {actor} → {recipient}", "reports": 1, "articles": 1,
            "origins": rng.choice([1, 1, 1, 2, 3]), "main_reports": int(eid == "e1"),
            "lead_reports": int(eid == "e1"),
            "flags": ["single_origin"], "sources": "[]", "contradictions": "[]",
            "source_kinds": json.dumps({"named": 0, "anonymous": 1, "document": 0, "media": 0,
                                        "author": 0}),
            "first_article_id": aid, "first_published": day.isoformat(),
            "updated_at": now})
        rows["cluster_events"].append({"cluster_id": cid, "article_id": aid, "event_id": eid,
                                       "main": eid == "e1", "lead": eid == "e1", "score": 1.0,
                                       "origin_id": aid})
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "timeline.duckdb"
        with Writer(path) as writer, writer._connect() as con:
            for table, table_rows in rows.items():
                for start in range(0, len(table_rows), 20000):
                    _insert(con, table, table_rows[start:start + 20000])
            con.execute("CHECKPOINT")
        corpus = Corpus(path)
        queries = {
            "--actor C07 --since 2025-06-01 --until 2025-06-30": {
                "actor": "C07", "since": "2025-06-01", "until": "2025-06-30", "everything": True},
            "--type ASSAULT --min-origins 2": {"type": "ASSAULT", "min_origins": 2, "everything": True},
            "--place Place12": {"place": "Place12", "everything": True},
            "(lead events only, no filter: the default)": {},
            "--all (every cluster, no filter)": {"everything": True},
        }
        for name, kwargs in queries.items():
            times = []
            for _ in range(3):
                began = time.perf_counter()
                found = corpus.timeline(**kwargs)
                times.append(time.perf_counter() - began)
            out.append({"query": name, "clusters": len(found), "best_s": round(min(times), 3),
                        "median_s": round(sorted(times)[1], 3)})
            _log(f"{name}: {len(found)} clusters, {min(times):.3f} s")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--timeline-events", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    updates = [bench_update(n, args.seed) for n in args.articles]
    print("| articles | events clustered | clusters | origins | corpus update s | per article ms "
          "| then 10 more articles s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for u in updates:
        print(f"| {u['articles']:,} | {u['events']:,} | {u['clusters']:,} | {u['origins']:,} | "
              f"{u['seconds']} | {1000 * u['seconds'] / u['articles']:.1f} | "
              f"{u['ten_more_seconds']} |")
    timeline = bench_timeline(args.timeline_events, args.seed) if args.timeline_events else []
    if timeline:
        print(f"\n`Corpus.timeline` over {args.timeline_events:,} events in as many clusters "
              "(3 runs each):\n")
        print("| query | clusters returned | best s | median s |")
        print("|---|---:|---:|---:|")
        for t in timeline:
            print(f"| {t['query']} | {t['clusters']:,} | {t['best_s']} | {t['median_s']} |")
    if args.json:
        args.json.write_text(json.dumps({"updates": updates, "timeline": timeline}, indent=1))


if __name__ == "__main__":
    main()
