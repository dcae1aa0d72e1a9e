"""``claimtrail eval clusters PATH``: event clusters and origins against a corpus gold.

PATH is a folder of JSON-lines articles (``*.jsonl``, each record with an ``id``) and a
``gold.json`` that gives each article's origin and main event, and for each event what its
cluster must show (independent origins, flags, contradictions). The folder is ingested into a
fresh corpus file (or ``db``), then scored:

- same-event links: every pair of articles whose main events share a cluster, against the pairs
  whose gold main event is the same: pairwise precision, recall, F1;
- same-origin links: every pair of articles in one origin, against the gold's;
- per gold event, the cluster that holds most of its articles' main events: its origins, flags
  and contradictions (field and values) compared with the gold's.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import OptionError


def _pairs(groups: dict[str, set[str]]) -> set[tuple[str, str]]:
    """Article pairs that share a label (an article may hold several labels)."""
    by_label: dict[str, set[str]] = {}
    for article, labels in groups.items():
        for label in labels:
            by_label.setdefault(label, set()).add(article)
    return {tuple(sorted(p)) for members in by_label.values()  # type: ignore[misc]
            for p in itertools.combinations(sorted(members), 2)}


def _prf(predicted: set[tuple[str, str]], gold: set[tuple[str, str]]) -> dict[str, Any]:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "predicted": len(predicted), "gold": len(gold), "right": tp,
            "wrong": sorted(predicted - gold), "missed": sorted(gold - predicted)}


def evaluate_clusters(path: str | Path, db: str | Path | None = None,
                      workers: int | None = None) -> dict[str, Any]:
    from ..store import Corpus
    from ..store.ingest import ingest

    folder = Path(path)
    gold_file = folder / "gold.json"
    if not gold_file.is_file():
        raise OptionError(f"{folder} has no gold.json")
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    inputs = sorted(str(p) for p in folder.glob("*.jsonl"))
    if not inputs:
        raise OptionError(f"{folder} has no *.jsonl articles")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(db) if db else Path(tmp) / "clusters.duckdb"
        summary = ingest(inputs, target, workers=workers)
        corpus = Corpus(target)
        ids = {r["id"]: r["record_id"] for r in corpus.sql(
            "SELECT id, record_id FROM articles")}
        origins = {ids[r["article_id"]]: r["origin_id"] for r in corpus.sql(
            "SELECT article_id, origin_id FROM origins")}
        mains: dict[str, set[str]] = {}
        for r in corpus.sql("SELECT article_id, cluster_id FROM cluster_events WHERE main"):
            mains.setdefault(ids[r["article_id"]], set()).add(r["cluster_id"])
        clusters = {c["id"]: c for c in corpus.timeline(everything=True)}
    articles = gold["articles"]
    gold_events = {a: {g["event"]} for a, g in articles.items() if g.get("event")}
    gold_origins = {a: {g["origin"]} for a, g in articles.items()}
    result: dict[str, Any] = {
        "articles": len(articles), "analysed": summary.analysed, "failed": summary.failed,
        "events": _prf(_pairs({a: c for a, c in mains.items() if a in articles}),
                       _pairs(gold_events)),
        "origins": _prf(_pairs({a: {o} for a, o in origins.items() if a in articles}),
                        _pairs(gold_origins)),
        "no_main_event": sorted(a for a in gold_events if not mains.get(a)),
        "clusters": {},
    }
    right = 0
    for label, expected in sorted(gold["events"].items()):
        members = [a for a, g in articles.items() if g.get("event") == label]
        votes = Counter(c for a in members for c in mains.get(a, ()))
        if not votes:
            result["clusters"][label] = {"cluster": None, "ok": False}
            continue
        # the cluster most of its articles' main events are in (a tie goes to the gold's type)
        cid = max(votes, key=lambda c: (votes[c], clusters[c]["type"] == expected["type"],
                                        clusters[c]["articles"], c))
        cluster = clusters[cid]
        got_contra = {c["field"]: sorted(str(v["value"]) for v in c["values"])
                      for c in cluster["contradictions"]}
        want_contra = {k: sorted(v) for k, v in expected.get("contradictions", {}).items()}
        checks = {
            "type": cluster["type"] == expected["type"],
            "origins": cluster["origins"] == expected["origins"],
            "flags": sorted(cluster["flags"]) == sorted(expected["flags"]),
            "contradictions": got_contra == want_contra,
        }
        ok = all(checks.values())
        right += ok
        result["clusters"][label] = {
            "cluster": cid, "ok": ok, "checks": checks, "type": cluster["type"],
            "origins": [cluster["origins"], expected["origins"]],
            "flags": [sorted(cluster["flags"]), sorted(expected["flags"])],
            "contradictions": [got_contra, want_contra],
            "articles": [sum(votes.values()), len(members)]}
    result["clusters_right"] = [right, len(gold["events"])]
    return result


def format_report(result: dict[str, Any], show_errors: bool = False) -> str:
    lines = [f"{result['articles']} articles ({result['analysed']} analysed, "
             f"{result['failed']} failed)", "",
             "| links | precision | recall | F1 | predicted | gold |", "|---|---:|---:|---:|---:|---:|"]
    for name in ("events", "origins"):
        s = result[name]
        lines.append(f"| same {name[:-1]} | {s['precision']:.3f} | {s['recall']:.3f} | "
                     f"{s['f1']:.3f} | {s['predicted']} | {s['gold']} |")
    lines += ["", f"clusters as written: {result['clusters_right'][0]} of "
              f"{result['clusters_right'][1]}", "",
              "| event | cluster | type | origins (got, gold) | flags | contradictions |",
              "|---|---|---|---|---|---|"]
    for label, c in result["clusters"].items():
        if c["cluster"] is None:
            lines.append(f"| {label} | none | | | | |")
            continue
        mark = {k: ("ok" if v else "WRONG") for k, v in c["checks"].items()}
        lines.append(f"| {label} | {c['cluster']} | {c['type']} {mark['type']} | "
                     f"{c['origins'][0]}, {c['origins'][1]} {mark['origins']} | "
                     f"{mark['flags']} {c['flags'][0]} | {mark['contradictions']} "
                     f"{sorted(c['contradictions'][0])} |")
    if result["no_main_event"]:
        lines += ["", "no main event: " + ", ".join(result["no_main_event"])]
    if show_errors:
        for name in ("events", "origins"):
            lines += ["", f"wrong same-{name[:-1]} links: {result[name]['wrong']}",
                      f"missed same-{name[:-1]} links: {result[name]['missed']}"]
        for label, c in result["clusters"].items():
            if c["cluster"] and not c["ok"]:
                lines.append(f"{label}: flags got/gold {c['flags']}; contradictions got/gold "
                             f"{c['contradictions']}")
    return "\n".join(lines)
