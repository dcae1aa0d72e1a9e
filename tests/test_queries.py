"""Reading a corpus: Corpus's queries, the read-only sql guard, Parquet export, the CLI verbs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimtrail import Corpus
from claimtrail.analyze import analyze_text
from claimtrail.errors import QueryRefused, StoreError
from claimtrail.failures import Failure
from claimtrail.options import AnalyzeOptions
from claimtrail.store import Writer
from claimtrail.store.render import table, write_records
from claimtrail.store.schema import COLUMNS
from claimtrail.store.sqlguard import check_read_only

from .conftest import run_cli
from .test_store import TEXTS, german


@pytest.fixture(scope="module")
def corpus_path(nlp, tmp_path_factory):
    options = AnalyzeOptions(language="en", published=dt.date(2024, 11, 22))
    analyses = [analyze_text(text, options, nlp=nlp) for text in TEXTS]
    path = tmp_path_factory.mktemp("corpus") / "claimtrail.duckdb"
    with Writer(path) as writer:
        writer.write_batch(analyses, unanalysed=[german()],
                           failures=[Failure("feed.jsonl", "E009", "not JSON", record="line 3")])
    return path


@pytest.mark.parametrize("query", [
    "SELECT * FROM claims",
    "select 'insert into x' AS s -- drop table claims\n",
    "WITH t AS (SELECT 1 AS n) SELECT n FROM t;",
    "SHOW TABLES",
    "DESCRIBE claims",
    "EXPLAIN SELECT * FROM claims",
    "PRAGMA table_info('claims')",
    'SELECT "set" FROM (SELECT 1 AS "set")',
    "FROM articles",
])
def test_read_only_queries_pass_the_guard(query):
    assert check_read_only(query) == query


@pytest.mark.parametrize("query", [
    "INSERT INTO failures VALUES ('x', NULL, 'E1', 'm', now())",
    "ATTACH 'other.duckdb' AS o",
    "COPY claims TO 'out.csv'",
    "INSTALL fts",
    "LOAD fts",
    "SELECT 1; SELECT 2",
    "SELECT 1; DROP TABLE claims",
    "SELECT * FROM claims WHERE text = ''; DELETE FROM claims",
    "WITH x AS (SELECT 1) INSERT INTO failures SELECT * FROM x",
    "CREATE TABLE t AS SELECT 1",
    "UPDATE claims SET status = 'x'",
    "SET threads = 1",
    "CALL pragma_version()",
    "PRAGMA enable_profiling",
    "EXPORT DATABASE 'dir'",
    "SELECT 1 /* unterminated",
    "",
])
def test_writes_and_escapes_are_refused(query):
    with pytest.raises(QueryRefused):
        check_read_only(query)


@pytest.mark.slow
def test_corpus_queries(corpus_path):
    corpus = Corpus(corpus_path)
    articles = corpus.articles()
    assert len(articles) == 4
    assert {a["language"] for a in articles} == {"en", "de"}
    assert sum(a["claims"] for a in articles) == len(corpus.claims())
    assert "text" not in articles[0]
    claims = corpus.claims()
    some = claims[0]
    by_source = corpus.claims(source=some["source_name"].upper())
    assert by_source and {c["source_id"] for c in by_source} == {some["source_id"]}
    assert corpus.claims(source=some["source_id"]) == by_source
    reported = corpus.claims(status="reported")
    assert reported and {c["status"] for c in reported} == {"reported"}
    assert corpus.claims(source="nobody at all") == []
    sources = corpus.sources()
    cited = [c for c in claims if c["voice"] != "author"]
    assert sum(s["claims"] for s in sources) == len(cited)
    for source in sources:
        assert sum(source["statuses"].values()) == source["claims"]
        assert source["articles"] >= 1
    assert corpus.failures() == [{"input": "feed.jsonl", "record": "line 3", "code": "E009",
                                  "message": "not JSON",
                                  "failed_at": corpus.failures()[0]["failed_at"]}]


@pytest.mark.slow
def test_arrow_results(corpus_path):
    corpus = Corpus(corpus_path)
    claims = corpus.claims(arrow=True)
    assert isinstance(claims, pa.Table)
    assert claims.num_rows == len(corpus.claims())
    assert corpus.sql("SELECT count(*) AS n FROM mentions", arrow=True).column("n").to_pylist()[0] > 0
    assert isinstance(corpus.articles(arrow=True), pa.Table)


@pytest.mark.slow
def test_sql_reads_and_refuses(corpus_path, tmp_path):
    corpus = Corpus(corpus_path)
    assert corpus.sql("SELECT count(*) AS n FROM articles WHERE analysed") == [{"n": 3}]
    for query in ("INSERT INTO failures VALUES ('x', NULL, 'E1', 'm', now())",
                  f"ATTACH '{tmp_path / 'x.duckdb'}' AS x", f"COPY claims TO '{tmp_path / 'c.csv'}'",
                  "INSTALL fts", "SELECT 1; SELECT 2"):
        with pytest.raises(QueryRefused):
            corpus.sql(query)
    # files are out of reach even for a plain SELECT: the connection has no external access
    secret = corpus_path.parent / "secret.csv"
    secret.write_text("a,b\n1,2\n")
    with pytest.raises(StoreError, match="disabled"):
        corpus.sql(f"SELECT * FROM read_csv('{secret}')")
    assert not (tmp_path / "c.csv").exists()
    assert corpus.sql("SELECT count(*) AS n FROM failures") == [{"n": 1}]
    analysis = corpus.sql("SELECT analysis FROM analyses LIMIT 1")[0]["analysis"]
    assert isinstance(analysis, dict) and analysis["article"]["text"]


@pytest.mark.slow
def test_export_parquet_writes_every_table(corpus_path, tmp_path):
    corpus = Corpus(corpus_path)
    written = corpus.export_parquet(tmp_path / "out")
    assert {p.stem for p in written} == {*COLUMNS, "schema_migrations"}
    for path in written:
        data = pq.read_table(path)
        expected = corpus.sql(f"SELECT count(*) AS n FROM {path.stem}")[0]["n"]
        assert data.num_rows == expected, path.stem
        if path.stem in COLUMNS:
            assert data.column_names == [c.name for c in COLUMNS[path.stem]]


def test_table_output_is_aligned_cut_and_terminal_safe():
    records = [{"name": "Kremlin \x1b[31mred", "n": 2, "when": dt.date(2024, 11, 22)},
               {"name": "x" * 100, "n": 10, "when": None}]
    text = table(records, width=20)
    lines = text.splitlines()
    assert lines[0].split() == ["name", "n", "when"]
    assert "\x1b" not in text and "\\x1b" in text
    assert "x" * 19 + "…" in lines[3]
    assert lines[2].index("2024-11-22") == lines[0].index("when")
    assert table([]) == "(no rows)\n"
    out = io.StringIO()
    write_records(records, "json", out)
    assert json.loads(out.getvalue().splitlines()[0])["when"] == "2024-11-22"
    out = io.StringIO()
    write_records([{"statuses": {"reported": 2}, "via": ["a", "b"]}], "csv", out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["statuses", "via"], ['{"reported": 2}', '["a", "b"]']]


@pytest.mark.slow
def test_cli_sql_json_lines_and_csv(corpus_path):
    done = run_cli("sql", "SELECT language, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1",
                   "--db", str(corpus_path))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert lines == [{"language": "de", "n": 1}, {"language": "en", "n": 3}]
    done = run_cli("sql", "SELECT language, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1",
                   "--db", str(corpus_path), "--csv")
    assert done.stdout.decode().splitlines() == ["language,n", "de,1", "en,3"]
    done = run_cli("sources", "--db", str(corpus_path), "--table")
    assert done.returncode == 0 and done.stdout.decode().split()[:2] == ["source_id", "name"]


@pytest.mark.slow
def test_cli_query_verbs_and_export(corpus_path, tmp_path):
    done = run_cli("claims", "--status", "reported", "--db", str(corpus_path))
    claims = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert claims and {c["status"] for c in claims} == {"reported"}
    done = run_cli("failures", "--db", str(corpus_path))
    assert json.loads(done.stdout)["code"] == "E009"
    done = run_cli("articles", "--db", str(corpus_path))
    assert len(done.stdout.decode().splitlines()) == 4
    done = run_cli("export", "--parquet", str(tmp_path / "pq"), "--db", str(corpus_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pq" / "claims.parquet").is_file()


@pytest.mark.slow
def test_cli_refuses_writes_and_missing_files_with_exit_2(corpus_path, tmp_path):
    done = run_cli("sql", "DELETE FROM articles", "--db", str(corpus_path))
    assert done.returncode == 2
    assert b"E064" in done.stderr and done.stdout == b""
    done = run_cli("sql", "SELECT 1; DROP TABLE claims", "--db", str(corpus_path))
    assert done.returncode == 2
    done = run_cli("articles", "--db", str(tmp_path / "none.duckdb"))
    assert done.returncode == 2 and b"E063" in done.stderr
    assert not (tmp_path / "none.duckdb").exists()
    assert Corpus(corpus_path).sql("SELECT count(*) AS n FROM articles") == [{"n": 4}]
