"""The corpus layer end to end on the sample corpus (samples/corpus: 41 invented reports of nine
invented events): a real DuckDB file, the real ingest, the CLI as a real process."""

from __future__ import annotations

import json
import shutil

import pytest

from claimtrail.evaluate.clusters import evaluate_clusters
from claimtrail.store import Corpus
from claimtrail.store.ingest import ingest

from .conftest import ROOT, run_cli

CORPUS = ROOT / "samples" / "corpus"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    db = tmp_path_factory.mktemp("corpus") / "c.duckdb"
    result = evaluate_clusters(CORPUS, db, workers=1)
    return db, result


def test_the_sample_corpus_comes_out_as_written(built):
    _, result = built
    assert result["failed"] == 0 and result["analysed"] == 41
    assert result["events"]["f1"] >= 0.90, result["events"]
    assert result["origins"]["f1"] >= 0.95, result["origins"]
    wrong = {k: v for k, v in result["clusters"].items() if not v["ok"]}
    assert not wrong, wrong


def test_timeline_records_carry_the_documented_fields(built):
    db, _ = built
    timeline = Corpus(db).timeline()
    assert timeline
    for cluster in timeline:
        assert {"id", "type", "start", "end", "place", "actors", "recipients", "summary",
                "origins", "flags", "reports", "contradictions"} <= set(cluster)
        for r in cluster["reports"]:
            assert {"article_id", "url", "outlet", "event_id", "main", "source",
                    "status"} <= set(r)
        for c in cluster["contradictions"]:
            assert c["field"] and all({"value", "reports"} <= set(v) for v in c["values"])
    odesa = Corpus(db).timeline(place="Odesa", type="assault")
    assert len(odesa) == 1 and odesa[0]["origins"] == 4 and odesa[0]["articles"] == 10
    assert Corpus(db).timeline(place="Odesa", since="2026-10-15") == []
    assert all(c["origins"] >= 3 for c in Corpus(db).timeline(min_origins=3))
    assert {c["place"] for c in Corpus(db).timeline(actor="RUS", type="ASSAULT")} == {
        "Odesa", "Dnipro"}


def test_the_cli_prints_json_lines_when_piped_and_an_event_with_its_reports(built):
    db, _ = built
    proc = run_cli("timeline", "--db", str(db), "--min-origins", "2")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(lines) == 6 and all(x["origins"] >= 2 for x in lines)
    saratov = next(x for x in lines if x["place"] == "Saratov")
    proc = run_cli("event", saratov["id"], "--db", str(db), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    event = json.loads(proc.stdout)
    assert event["contradictions"][0]["field"] == "date"
    said = [s for r in event["reports"] for s in r["said"]]
    assert any(s["source"] == "Pavel Orlov" and s["quote"] for s in said)
    table = run_cli("event", saratov["id"], "--db", str(db), "--table")
    assert b"CONTRADICTION" in table.stdout and b"Volga Vestnik" in table.stdout
    proc = run_cli("event", "k-nothing", "--db", str(db))
    assert proc.returncode == 2 and b"no event cluster" in proc.stderr
    proc = run_cli("actors", "--db", str(db), "--csv")
    assert proc.returncode == 0 and proc.stdout.startswith(b"actor,recipient,type")
    assert b"Russia,Odesa,ASSAULT" in proc.stdout


def _split(tmp_path, first: set[str]):
    a, b = tmp_path / "first", tmp_path / "later"
    a.mkdir()
    b.mkdir()
    for path in sorted(CORPUS.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        early = [x for x in lines if json.loads(x)["id"] in first]
        late = [x for x in lines if json.loads(x)["id"] not in first]
        (a / path.name).write_text("\n".join(early) + "\n", encoding="utf-8")
        (b / path.name).write_text("\n".join(late) + "\n", encoding="utf-8")
    return a, b


def _partition(db):
    corpus = Corpus(db)
    ids = {r["id"]: r["record_id"] for r in corpus.sql("SELECT id, record_id FROM articles")}
    origins: dict[str, set[str]] = {}
    for r in corpus.sql("SELECT article_id, origin_id FROM origins"):
        origins.setdefault(r["origin_id"], set()).add(ids[r["article_id"]])
    events: dict[str, set[str]] = {}
    for r in corpus.sql("SELECT cluster_id, article_id FROM cluster_events WHERE main"):
        events.setdefault(r["cluster_id"], set()).add(ids[r["article_id"]])
    return ({frozenset(v) for v in origins.values()},
            {frozenset(v) for v in events.values() if len(v) > 1})


def test_articles_added_later_join_the_clusters_and_origins_already_stored(built, tmp_path):
    db, _ = built
    # copies, rewrites and independent reports arrive after their originals
    first, later = _split(tmp_path, {"a01", "a06", "b01", "c01", "d01", "e01", "f01", "g01",
                                     "h01", "i01"})
    db2 = tmp_path / "inc.duckdb"
    one = ingest([str(first)], db2, workers=1)
    assert one.corpus.articles == 10
    two = ingest([str(later)], db2, workers=1)
    assert two.corpus.articles == 31 and two.corpus.clusters_changed < two.corpus.clusters
    assert _partition(db2) == _partition(db)
    again = ingest([str(later)], db2, workers=1)  # nothing new: nothing changes
    assert again.corpus.articles == 0 and again.corpus.events == 0
    assert _partition(db2) == _partition(db)


def test_a_short_text_quoting_two_articles_chains_neither_to_the_other(tmp_path):
    lines = {json.loads(x)["id"]: json.loads(x)
             for x in (CORPUS / "war.jsonl").read_text(encoding="utf-8").splitlines()}
    a, b = lines["a01"], lines["b01"]
    mixed = dict(a, id="mix", url="https://example.org/mix", title="Overnight strikes",
                 text=a["text"].split("\n\n")[0] + "\n\n" + b["text"].split("\n\n")[0])
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.jsonl").write_text("\n".join(json.dumps(r) for r in (a, b, mixed)) + "\n",
                                    encoding="utf-8")
    db = tmp_path / "m.duckdb"
    ingest([str(folder)], db, workers=1)
    origins = {r["record_id"]: r["origin_id"] for r in Corpus(db).sql(
        "SELECT a.record_id, o.origin_id FROM origins o JOIN articles a ON a.id = o.article_id")}
    assert origins["a01"] != origins["b01"]


def test_reanalysing_an_article_recomputes_its_clusters(built, tmp_path):
    db, _ = built
    copy = tmp_path / "r.duckdb"
    shutil.copy(db, copy)
    before = {c["id"]: c["articles"] for c in Corpus(copy).timeline(everything=True)}
    import duckdb

    con = duckdb.connect(str(copy))
    con.execute("UPDATE articles SET claimtrail_version = 'old'")
    con.close()
    summary = ingest([str(CORPUS / "politics.jsonl")], copy, workers=1, reanalyze=True)
    assert summary.analysed == 22
    after = {c["id"]: c["articles"] for c in Corpus(copy).timeline(everything=True)}
    assert sum(after.values()) == sum(before.values())
    rows = Corpus(copy).sql("SELECT count(*) AS n, count(DISTINCT (article_id, event_id)) AS d "
                            "FROM cluster_events")[0]
    assert rows["n"] == rows["d"]
    empty = Corpus(copy).sql("SELECT count(*) AS n FROM clusters k WHERE NOT EXISTS (SELECT 1 "
                             "FROM cluster_events c WHERE c.cluster_id = k.cluster_id)")[0]
    assert empty["n"] == 0
    stale = Corpus(copy).sql("SELECT count(*) AS n FROM clusters k WHERE reports <> (SELECT "
                             "count(*) FROM cluster_events c WHERE c.cluster_id = k.cluster_id)")[0]
    assert stale["n"] == 0


def test_the_readme_main_job_prints_the_timeline_it_shows(tmp_path):
    db = tmp_path / "claimtrail.duckdb"
    proc = run_cli("ingest", "samples/corpus", "--db", str(db), timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert b"41 analysed" in proc.stderr and b"in 21 origins" in proc.stderr
    proc = run_cli("timeline", "--db", str(db), "--format", "text")
    assert proc.returncode == 0, proc.stderr
    shown = proc.stdout.decode()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in shown.split("\n\n") if b.strip()]
    assert len(blocks) == 10
    for block in blocks:  # (the README shows this run's output, block by block)
        assert block.strip() in readme, block
