"""The corpus store on a real DuckDB file: the writer, its lock, migrations, idempotence."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from claimtrail.analyze import analyze_text
from claimtrail.errors import StoreBusy, StoreError, StoreNotFound, StoreVersionError
from claimtrail.failures import Failure
from claimtrail.options import AnalyzeOptions
from claimtrail.records import Article
from claimtrail.store import Corpus, Writer, store_id
from claimtrail.store.migrate import migrate
from claimtrail.store.schema import COLUMNS, LATEST, MIGRATIONS, TABLES_V4, Migration

TEXTS = [
    "KYIV, Nov 21 (Reuters) - Russia fired a ballistic missile at the city of Dnipro on Thursday, "
    "Ukraine's air force said. The Kremlin declined to comment. Officials said the attack may have "
    "been a warning to the West.",
    "The United Nations said on Monday that aid convoys reached Gaza. Israel denied blocking the "
    "trucks, according to a spokesman. The minister called the report a disgraceful lie spread by "
    "traitors and cowards who hate our great nation.",
    "WASHINGTON (AP) - President Joe Biden met with Chinese leader Xi Jinping in Lima on Saturday, "
    "the White House said. Biden warned that the United States would never surrender to these "
    "terrorist thugs. Every true patriot knows the truth.",
]
ARTICLE_TABLES = [t for t in COLUMNS if t != "failures" and t not in TABLES_V4]
SPAN_TABLES = {"mentions": "text", "claims": "text", "events": "trigger",
               "event_arguments": "text", "times": "text", "techniques": "text"}


@pytest.fixture(scope="module")
def analyses(nlp):
    options = AnalyzeOptions(language="en", published=dt.date(2024, 11, 22))
    return [analyze_text(text, options, nlp=nlp) for text in TEXTS]


def german() -> Article:
    text = "Die Regierung hat am Montag neue Sanktionen beschlossen."
    return Article(id="de1", text=text, language="de", language_confidence=0.99,
                   input_kind="file", path="de.txt")


def counts(path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in COLUMNS}
    finally:
        con.close()


def rows(path, query: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def release(holder: subprocess.Popen) -> None:
    holder.kill()
    holder.wait()
    for pipe in (holder.stdin, holder.stdout):
        if pipe is not None and not pipe.closed:
            pipe.close()


def test_store_id_normalises_whitespace_and_keeps_the_url_apart():
    a = Article(id="x", text="Russia  fired\n a missile. ", url="https://a.example/1")
    b = Article(id="y", text="Russia fired a missile.", url="https://a.example/1")
    c = Article(id="x", text="Russia fired a missile.", url="https://b.example/2")
    d = Article(id="x", text="Russia fired a missile.")
    assert store_id(a) == store_id(b)
    assert len({store_id(b), store_id(c), store_id(d)}) == 3
    assert len(store_id(a)) == 16
    int(store_id(a), 16)


def test_empty_file_is_migrated_and_foreign_files_refused(tmp_path):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with Writer(empty):
        pass
    assert rows(empty, "SELECT version FROM schema_migrations ORDER BY version") == [
        (m.version,) for m in MIGRATIONS]
    assert set(counts(empty)) == set(COLUMNS)
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE notes (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a claimtrail corpus"), Writer(foreign):
        pass
    with pytest.raises(StoreNotFound, match="claimtrail ingest"):
        Corpus(tmp_path / "missing.duckdb").articles()
    with pytest.raises(StoreError, match="No such file"), Writer(tmp_path / "no" / "c.duckdb"):
        pass
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database")
    with pytest.raises(StoreError, match="not a valid DuckDB"):
        Corpus(text).articles()


def test_a_version_1_corpus_gains_the_collective_column_and_keeps_its_rows(tmp_path):
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, str(path), MIGRATIONS[:1])
    con.execute("INSERT INTO sources (article_id, source_id, name, kind) "
                "VALUES ('a1', 'anonymous:officials', 'officials', 'anonymous')")
    con.close()
    with Writer(path):
        pass
    assert rows(path, "SELECT source_id, collective FROM sources") == [("anonymous:officials", None)]
    assert rows(path, "SELECT max(version) FROM schema_migrations") == [(LATEST,)]


def test_missing_migrations_are_applied_in_order_and_newer_files_refused(tmp_path):
    path = tmp_path / "c.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, str(path), MIGRATIONS[:1]) == [1]
    later = (*MIGRATIONS, Migration(LATEST + 2, "second", ("ALTER TABLE articles ADD COLUMN b TEXT",)),
             Migration(LATEST + 1, "first", ("ALTER TABLE articles ADD COLUMN a TEXT",)))
    assert migrate(con, str(path), later) == [
        *(m.version for m in MIGRATIONS[1:]), LATEST + 1, LATEST + 2]
    assert migrate(con, str(path), later) == []
    names = [r[0] for r in con.execute("DESCRIBE articles").fetchall()]
    assert names[-2:] == ["a", "b"]
    con.close()
    # this claimtrail knows only LATEST: the file is newer, writer and reader refuse it
    with pytest.raises(StoreVersionError, match="newer"), Writer(path):
        pass
    with pytest.raises(StoreVersionError, match="upgrade claimtrail"):
        Corpus(path).articles()


def test_a_file_claiming_version_999_is_refused(tmp_path):
    path = tmp_path / "c.duckdb"
    with Writer(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations VALUES (999, now(), '9.9.9')")
    con.close()
    with pytest.raises(StoreVersionError, match="999"), Writer(path):
        pass


@pytest.mark.slow
def test_every_table_gets_rows_whose_offsets_index_the_article_text(tmp_path, analyses):
    path = tmp_path / "c.duckdb"
    with Writer(path) as writer:
        assert writer.write_batch(analyses) == 3
    n = counts(path)
    assert n["articles"] == n["analyses"] == 3
    for table in ARTICLE_TABLES:
        assert n[table] > 0, table
    texts = dict(rows(path, "SELECT id, text FROM articles"))
    for table, column in SPAN_TABLES.items():
        for article_id, words, start, end in rows(
                path, f"SELECT article_id, {column}, start_char, end_char FROM {table}"):
            assert texts[article_id][start:end] == words, (table, words)
    ids = {store_id(a.article) for a in analyses}
    assert set(texts) == ids
    kyiv = rows(path, "SELECT dateline_place, dateline_agency, published, analysed, model_name "
                      "FROM articles WHERE dateline_place = 'Kyiv'")
    assert kyiv == [("Kyiv", "Reuters", dt.date(2024, 11, 22), True, analyses[0].model["name"])]
    # the analysis JSON holds the whole analysis
    stored = rows(path, "SELECT analysis->>'$.article.text' FROM analyses ORDER BY 1")
    assert sorted(r[0] for r in stored) == sorted(a.article.text for a in analyses)


@pytest.mark.slow
def test_rewriting_adds_nothing_and_replace_rewrites(tmp_path, analyses):
    path = tmp_path / "c.duckdb"
    with Writer(path) as writer:
        writer.write_batch(analyses[:2])
        first = counts(path)
        before = dict(rows(path, "SELECT id, ingested_at FROM articles"))
        assert writer.write_batch(analyses[:2]) == 0
        assert counts(path) == first
        assert writer.write_batch([analyses[0], analyses[0]]) == 0  # doubles in a batch too
        known = writer.known([store_id(a.article) for a in analyses])
        assert set(known) == {store_id(a.article) for a in analyses[:2]}
        assert set(known.values()) == {analyses[0].as_dict()["claimtrail_version"]}
        assert writer.write_batch(analyses[:2], replace=True) == 2
        assert counts(path) == first
        after = dict(rows(path, "SELECT id, ingested_at FROM articles"))
        assert all(after[i] > before[i] for i in before)
        assert writer.write_batch(analyses, replace=True) == 3  # one new, two rewritten
    assert counts(path)["articles"] == 3


@pytest.mark.slow
def test_a_batch_that_fails_is_rolled_back_whole(tmp_path, analyses):
    path = tmp_path / "c.duckdb"
    with Writer(path) as writer:
        writer.write_batch(analyses[:1])
        first = counts(path)
        broken = Article(id="b", text="A broken record.", language_confidence="high")  # type: ignore[arg-type]
        with pytest.raises(Exception, match=r"float|double|high"):
            writer.write_batch(analyses, unanalysed=[broken], replace=True)
        assert counts(path) == first


def test_unanalysed_articles_and_failures(tmp_path):
    path = tmp_path / "c.duckdb"
    failure = Failure("feed.jsonl", "E009", "line 3 is not JSON", record="line 3")
    odd_name = Failure("caf\udce9.txt", "E003", "cannot decode")
    with Writer(path) as writer:
        assert writer.write_batch([], unanalysed=[german()], failures=[failure, odd_name]) == 1
        assert writer.write_batch([], unanalysed=[german()]) == 0
    n = counts(path)
    assert n["articles"] == 1 and n["failures"] == 2
    assert all(n[t] == 0 for t in ARTICLE_TABLES if t != "articles")
    assert rows(path, "SELECT language, analysed, model_name, words FROM articles") == [
        ("de", False, None, 8)]
    stored = rows(path, "SELECT input, record, code, message FROM failures ORDER BY code DESC")
    assert stored == [("feed.jsonl", "line 3", "E009", "line 3 is not JSON"),
                      ("caf\\xe9.txt", None, "E003", "cannot decode")]


def test_a_failure_that_happens_again_is_one_row(tmp_path):
    path = tmp_path / "c.duckdb"
    failure = Failure("feed.jsonl", "E009", "line 3 is not JSON", record="line 3")
    other = Failure("feed.jsonl", "E009", "line 4 is not JSON", record="line 4")
    with Writer(path) as writer:
        writer.write_batch([], failures=[failure, other])
        first = rows(path, "SELECT max(failed_at) FROM failures")[0][0]
        time.sleep(0.01)
        writer.write_batch([], failures=[failure])  # a rerun reads line 3 again
    stored = rows(path, "SELECT record, failed_at FROM failures ORDER BY record")
    assert [r for r, _ in stored] == ["line 3", "line 4"]
    assert stored[0][1] > first  # dated by its latest failure


def test_a_second_writer_is_refused_at_once(tmp_path):
    path = tmp_path / "c.duckdb"
    with Writer(path):
        start = time.monotonic()
        with pytest.raises(StoreBusy, match=r"another 'claimtrail ingest' \(pid \d+\).*--wait"), \
                Writer(path):
            pass
        assert time.monotonic() - start < 1
    with Writer(path):  # free again once the first is closed
        pass


@pytest.mark.slow
def test_a_writer_in_another_process_blocks_until_it_ends_with_wait(tmp_path):
    path = tmp_path / "c.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom claimtrail.store import Writer\n"
         f"w = Writer({str(path)!r}); w.open(); print('ready', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreBusy, match=f"pid {holder.pid}"), Writer(path):
            pass
        entered = threading.Event()

        def waiting() -> None:
            with Writer(path, wait=True):
                entered.set()

        thread = threading.Thread(target=waiting)
        thread.start()
        assert not entered.wait(0.5)
        assert holder.stdin is not None
        holder.stdin.close()
        thread.join(30)
        assert entered.is_set()
    finally:
        release(holder)


def test_readers_query_while_a_writer_lives_between_batches(tmp_path):
    path = tmp_path / "c.duckdb"
    with Writer(path) as writer:
        writer.write_batch([], unanalysed=[german()])
        assert [a["language"] for a in Corpus(path).articles()] == ["de"]
        reader = subprocess.run(
            [sys.executable, "-c", "from claimtrail import Corpus\n"
             f"print(len(Corpus({str(path)!r}).articles()))"],
            capture_output=True, text=True, timeout=60)
        assert reader.stdout.strip() == "1", reader.stderr
        writer.write_batch([], failures=[Failure("x.txt", "E001", "empty")])
        assert len(Corpus(path).failures()) == 1


@pytest.mark.slow
def test_a_reader_waits_then_gives_up_while_the_file_is_held_for_writing(tmp_path):
    path = tmp_path / "c.duckdb"
    with Writer(path):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb\n"
         f"con = duckdb.connect({str(path)!r}); print('ready', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreBusy, match="locked"):
            Corpus(path, timeout=0.3).articles()
    finally:
        release(holder)
    assert Corpus(path).articles() == []
