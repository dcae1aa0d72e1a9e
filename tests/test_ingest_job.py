"""The ingest job (issue 17): a real DuckDB file in tmp_path, real worker processes, and the real
``claimtrail ingest`` in subprocesses for kill -9, Ctrl-C and a second writer."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from claimtrail import __version__
from claimtrail.errors import OptionError, StoreBusy, StoreError, UnsupportedLanguage
from claimtrail.failures import Failure
from claimtrail.ingest import ingest_bytes
from claimtrail.options import AnalyzeOptions
from claimtrail.store import Corpus, Writer
from claimtrail.store.ingest import IngestSummary, ProgressLine, _expand, ingest

from .conftest import ROOT

ENGLISH = {
    "drone.txt": (
        "KYIV, March 3 — Ukrainian officials said on Monday that a drone struck an energy facility "
        "near Kharkiv overnight, according to the regional governor Oleh Syniehubov. \"Two workers "
        "were injured,\" he said in a statement. The defence ministry in Moscow denied targeting "
        "civilian infrastructure."),
    "library.txt": (
        "The mayor of Springfield announced on Tuesday that the city will open three new libraries "
        "next year. \"Reading is the foundation of our community,\" Mayor Ana Lopez told reporters. "
        "Critics said the plan was underfunded, according to the local newspaper."),
    "port.md": (
        "# Port strike ends\n\nDock workers in Rotterdam returned to work on Wednesday after a "
        "three-day strike, the union said. The port authority said that shipping would be back to "
        "normal by the weekend."),
}
RUSSIAN = ("Министерство обороны заявило в понедельник, что силы противовоздушной обороны сбили "
           "двенадцать беспилотников над областью ночью. По словам губернатора, пострадавших нет, "
           "а на месте работают экстренные службы.")
FRENCH = ("Le maire de Lyon a annoncé mardi que la ville ouvrira trois nouvelles bibliothèques "
          "l'année prochaine. Selon le journal local, les critiques estiment que le projet manque "
          "de financement.")
RECORD = ("Police in Lyon said on Friday that two men were arrested after a robbery at a jewellery "
          "shop, according to a police spokesman who declined to give their names.")
CITIES = ["Austin", "Boston", "Denver", "Dallas", "Seattle", "Portland", "Chicago", "Phoenix",
          "Atlanta", "Miami", "Detroit", "Tampa", "Omaha", "Tulsa", "Fresno"]


def _folder(root: Path) -> Path:
    folder = root / "articles"
    folder.mkdir()
    for name, text in ENGLISH.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _jsonl(root: Path) -> Path:
    path = root / "records.jsonl"
    path.write_text(json.dumps({"text": RECORD, "url": "https://example.org/lyon"}) + "\n"
                    + "{not json\n", encoding="utf-8")
    return path


def _many(root: Path, count: int) -> Path:
    folder = root / "many"
    folder.mkdir()
    for i in range(count):
        city = CITIES[i % len(CITIES)]
        (folder / f"a{i:02d}.txt").write_text(
            f"Officials in {city} said on Monday that {i + 2} families were evacuated after a fire "
            f"at warehouse number {i} near the river, according to the fire chief. \"The fire is "
            f"under control,\" the chief told reporters on Monday evening. The company that owns "
            f"the warehouse declined to comment, a spokesman said. Residents said the smoke could "
            f"be seen across {city} for several hours.", encoding="utf-8")
    return folder


def _count(db: Path, query: str = "SELECT count(*) AS n FROM articles") -> int:
    return int(Corpus(db).sql(query)[0]["n"])


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimtrail", "ingest", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONWARNINGS": "ignore"}


def _wait_for_articles(db: Path, at_least: int, proc: subprocess.Popen[bytes],
                       timeout: float = 90) -> int:
    """Poll the corpus (read-only, retrying while the writer holds the file) until it has rows."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        try:
            found = _count(db)
        except StoreError:
            found = 0
        if found >= at_least:
            return found
        time.sleep(0.05)
    raise AssertionError(f"no {at_least} articles in {db} within {timeout} s")


# --- reading other languages, counting, progress (no model) ---------------------------------

def test_other_languages_kept_only_when_asked():
    data = RUSSIAN.encode()
    kept = ingest_bytes(data, AnalyzeOptions(other_languages="keep"))
    assert kept.language == "ru" and kept.text == RUSSIAN
    with pytest.raises(UnsupportedLanguage):
        ingest_bytes(data)
    declared = ingest_bytes(b"A short text.", AnalyzeOptions(language="fr", other_languages="keep"))
    assert declared.language == "fr"
    with pytest.raises(OptionError):
        AnalyzeOptions(other_languages="translate")


def test_total_is_known_only_for_plain_article_files(tmp_path):
    folder = _folder(tmp_path)
    sources, total = _expand([folder])
    assert total == 3 and len(sources) == 3
    _, total = _expand([folder, _jsonl(tmp_path)])
    assert total is None


def test_progress_line_shows_rates_and_eta():
    out = io.StringIO()
    line = ProgressLine(out)
    line(IngestSummary(analysed=8, skipped=2, words=4000, seconds=2.0, total=20))
    text = out.getvalue()
    assert "10/20" in text and "4.0 articles/s" in text and "2,000 words/s" in text
    assert "ETA 0:02" in text
    line.clear()
    assert out.getvalue().endswith("\r\x1b[K")
    summary = IngestSummary(analysed=3, skipped=1, not_english=1, failed=1, seconds=1.5)
    assert summary.line().startswith("3 analysed, 1 already present (skipped), 1 not English, "
                                      "1 failed in 1.5 s")


def test_batches_hold_at_most_batch_size_articles_and_skip_what_is_stored(tmp_path):
    from claimtrail.store.ingest import _plan, _Tally

    articles = [ingest_bytes(f"{ENGLISH['library.txt']} Story {i}.".encode(), name=f"a{i}")
                for i in range(5)]
    russian = ingest_bytes(RUSSIAN.encode(), AnalyzeOptions(other_languages="keep"))
    bad = Failure("x.jsonl", "E009", "[E009] x.jsonl line 2: not valid JSON", "line 2")
    items = [*articles[:3], bad, russian, articles[0], *articles[3:]]
    with Writer(tmp_path / "c.duckdb") as writer:
        writer.write_batch([], unanalysed=[articles[4]])
        tally = _Tally(None, None)
        batches = list(_plan(iter(items), writer, 2, False, tally))
    assert [len(b.articles) for b in batches] == [2, 2]
    assert [a.text for b in batches for a in b.articles] == [a.text for a in articles[:4]]
    assert [b.unanalysed for b in batches] == [[], [russian]]
    assert [f for b in batches for f in b.failures] == [bad]
    assert tally.summary().skipped == 2  # articles[0] again, and articles[4] already stored


def test_bad_options_refused_before_anything_is_written(tmp_path):
    db = tmp_path / "c.duckdb"
    for kwargs in ({"workers": 0}, {"batch_size": 0}, {"timeout_per_article": -1.0}):
        with pytest.raises(OptionError):
            ingest([tmp_path], db, **kwargs)
    assert not db.exists()


def test_second_writer_refused_at_once(tmp_path):
    db = tmp_path / "c.duckdb"
    with Writer(db):
        started = time.monotonic()
        with pytest.raises(StoreBusy):
            ingest([_folder(tmp_path)], db, workers=1)
        assert time.monotonic() - started < 5


# --- the job, in this process (the session's model) -----------------------------------------

@pytest.mark.slow
def test_folder_and_jsonl_then_reingest_adds_nothing(tmp_path, nlp):
    db = tmp_path / "c.duckdb"
    inputs = [_folder(tmp_path), _jsonl(tmp_path)]
    first = ingest(inputs, db, workers=1, batch_size=2)
    assert (first.analysed, first.skipped, first.not_english, first.failed) == (4, 0, 0, 1)
    assert first.words > 50
    assert _count(db) == 4
    assert _count(db, "SELECT count(*) AS n FROM articles WHERE analysed") == 4
    assert _count(db, "SELECT count(*) AS n FROM claims") > 0
    failures = Corpus(db).failures()
    assert [(f["record"], f["code"]) for f in failures] == [("line 2", "E009")]
    urls = Corpus(db).sql("SELECT url FROM articles WHERE url IS NOT NULL")
    assert urls == [{"url": "https://example.org/lyon"}]

    claims = _count(db, "SELECT count(*) AS n FROM claims")
    again = ingest(inputs, db, workers=1, batch_size=2)
    assert (again.analysed, again.skipped, again.not_english) == (0, 4, 0)
    assert _count(db) == 4
    assert _count(db, "SELECT count(*) AS n FROM claims") == claims


@pytest.mark.slow
def test_not_english_stored_with_language_and_not_analysed(tmp_path, nlp):
    folder = _folder(tmp_path)
    (folder / "moscow.txt").write_text(RUSSIAN, encoding="utf-8")
    (folder / "lyon.txt").write_text(FRENCH, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    summary = ingest([folder], db, workers=1)
    assert (summary.analysed, summary.not_english, summary.failed) == (3, 2, 0)
    rows = Corpus(db).sql("SELECT id, language, analysed, text FROM articles "
                          "WHERE NOT analysed ORDER BY language")
    assert [(r["language"], r["analysed"]) for r in rows] == [("fr", False), ("ru", False)]
    assert rows[1]["text"] == RUSSIAN
    for table in ("claims", "entities", "events", "sources"):
        found = Corpus(db).sql(f"SELECT count(*) AS n FROM {table} WHERE article_id IN "
                               "(SELECT id FROM articles WHERE NOT analysed)")
        assert found[0]["n"] == 0, table
    assert ingest([folder], db, workers=1).skipped == 5


@pytest.mark.slow
def test_reanalyze_rewrites_articles_of_an_older_version(tmp_path, nlp):
    folder = _folder(tmp_path)
    db = tmp_path / "c.duckdb"
    ingest([folder], db, workers=1)
    claims = Corpus(db).sql("SELECT article_id, claim_id, text FROM claims ORDER BY ALL")
    old = Corpus(db).sql("SELECT id FROM articles ORDER BY id LIMIT 1")[0]["id"]
    con = duckdb.connect(str(db))
    con.execute("UPDATE articles SET claimtrail_version = '0.0.1' WHERE id = ?", [old])
    con.close()

    unchanged = ingest([folder], db, workers=1)
    assert (unchanged.analysed, unchanged.skipped) == (0, 3)
    redone = ingest([folder], db, workers=1, reanalyze=True)
    assert (redone.analysed, redone.skipped) == (1, 2)
    versions = Corpus(db).sql("SELECT DISTINCT claimtrail_version AS v FROM articles")
    assert versions == [{"v": __version__}]
    assert _count(db) == 3
    assert Corpus(db).sql("SELECT article_id, claim_id, text FROM claims ORDER BY ALL") == claims


# --- the command, in subprocesses --------------------------------------------------------------

@pytest.mark.slow
def test_kill_9_mid_run_then_rerun_completes_without_doubles(tmp_path):
    folder = _many(tmp_path, 30)
    db = tmp_path / "c.duckdb"
    args = _cli(str(folder), "--db", str(db), "--batch-size", "2", "--workers", "1")
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
                            cwd=ROOT)
    try:
        before = _wait_for_articles(db, 2, proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    kept = _count(db)
    assert before <= kept < 30

    rerun = subprocess.run(args, capture_output=True, env=_env(), cwd=ROOT, timeout=180)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert f"{kept} already present (skipped)" in rerun.stderr.decode()
    paths = Corpus(db).sql("SELECT path, count(*) AS n FROM articles GROUP BY path")
    assert len(paths) == 30 and {p["n"] for p in paths} == {1}
    assert _count(db, "SELECT count(DISTINCT article_id) AS n FROM claims") == 30


@pytest.mark.slow
def test_second_ingest_refused_while_one_runs_and_wait_waits(tmp_path):
    folder = _folder(tmp_path)
    db = tmp_path / "c.duckdb"
    with Writer(db):
        started = time.monotonic()
        refused = subprocess.run(_cli(str(folder), "--db", str(db)), capture_output=True,
                                 env=_env(), cwd=ROOT, timeout=60)
        assert refused.returncode == 2
        assert "[E061]" in refused.stderr.decode() and "--wait" in refused.stderr.decode()
        assert time.monotonic() - started < 30  # refused before any model is loaded
        waiting = subprocess.Popen(_cli(str(folder), "--db", str(db), "--wait", "--workers", "1"),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
                                   cwd=ROOT)
        time.sleep(1.5)
        assert waiting.poll() is None
    _, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err.decode()
    assert _count(db) == 3


@pytest.mark.slow
def test_two_workers_store_the_same_as_one(tmp_path):
    folder, records = _folder(tmp_path), _jsonl(tmp_path)
    (folder / "moscow.txt").write_text(RUSSIAN, encoding="utf-8")
    stored = {}
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.duckdb"
        done = subprocess.run(_cli(str(folder), str(records), "--db", str(db), "--workers", workers,
                                   "--batch-size", "1"),
                              capture_output=True, env=_env(), cwd=ROOT, timeout=240)
        assert done.returncode == 1, done.stderr.decode()  # the malformed line
        assert "4 analysed, 0 already present (skipped), 1 not English, 1 failed" in \
            done.stderr.decode()
        corpus = Corpus(db)
        stored[workers] = (
            corpus.sql("SELECT id, language, analysed, path, record FROM articles ORDER BY id"),
            corpus.sql("SELECT article_id, claim_id, source_name, status, cue, text FROM claims "
                       "ORDER BY ALL"),
            corpus.sql("SELECT article_id, count(*) AS n FROM events GROUP BY ALL ORDER BY ALL"),
            corpus.sql("SELECT input, record, code FROM failures"),
        )
    assert stored["1"] == stored["2"]
    assert stored["1"][1]


@pytest.mark.slow
def test_time_limit_in_workers_fails_the_article_and_goes_on(tmp_path):
    folder = _folder(tmp_path)
    sentence = "The minister said that the talks in Geneva would go on for another week. "
    (folder / "long.txt").write_text(sentence * 800, encoding="utf-8")  # ~10,000 words
    db = tmp_path / "c.duckdb"
    done = subprocess.run(_cli(str(folder), "--db", str(db), "--workers", "2", "--batch-size", "1",
                               "--timeout-per-article", "0.5"),
                          capture_output=True, env=_env(), cwd=ROOT, timeout=240)
    assert done.returncode == 1, done.stderr.decode()
    assert "3 analysed" in done.stderr.decode() and "1 failed" in done.stderr.decode()
    failures = Corpus(db).failures()
    assert [(Path(f["input"]).name, f["code"]) for f in failures] == [("long.txt", "E050")]
    assert _count(db) == 3


def _two_workers_on_60(tmp_path) -> tuple[Path, subprocess.Popen]:
    """An ingest of 60 articles, a batch each, by two workers, in a process group of its own."""
    folder = _many(tmp_path, 60)
    db = tmp_path / "c.duckdb"
    proc = subprocess.Popen(_cli(str(folder), "--db", str(db), "--workers", "2", "--batch-size", "1"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=ROOT,
                            start_new_session=True, preexec_fn=_default_sigint)
    return db, proc


def _default_sigint() -> None:
    """A test run started in the background inherits an ignored SIGINT; a terminal's child has
    the default, which the Ctrl-C tests need."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_ctrl_c_stops_the_workers_and_keeps_what_was_written(tmp_path):
    db, proc = _two_workers_on_60(tmp_path)
    try:
        _wait_for_articles(db, 1, proc, timeout=120)
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err.decode()
    assert "interrupted" in err.decode() and "Traceback" not in err.decode()
    assert _lingering(proc.pid) == []
    assert 1 <= _count(db) < 60


@pytest.mark.slow
def test_workers_exit_when_the_ingest_is_killed(tmp_path):
    db, proc = _two_workers_on_60(tmp_path)
    try:
        _wait_for_articles(db, 1, proc, timeout=120)
        proc.send_signal(signal.SIGKILL)  # the parent alone: its workers must notice and exit
        proc.communicate(timeout=30)
        deadline = time.monotonic() + 10
        while _lingering(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _lingering(proc.pid) == []
    finally:
        for pid in _lingering(proc.pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
def test_a_killed_worker_fails_its_batches_and_the_run_goes_on(tmp_path):
    folder = _many(tmp_path, 20)
    for path in folder.iterdir():  # long enough that the workers, not the writer, are busy
        path.write_text(" ".join([path.read_text(encoding="utf-8")] * 20), encoding="utf-8")
    db = tmp_path / "c.duckdb"
    args = _cli(str(folder), "--db", str(db), "--workers", "2", "--batch-size", "2")
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
                            cwd=ROOT, start_new_session=True)
    try:
        _wait_for_articles(db, 1, proc, timeout=120)
        workers = [pid for pid in _lingering(proc.pid) if b"spawn_main" in _cmdline(pid)]
        assert len(workers) == 2
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 1, err.decode()
    lost = [f for f in Corpus(db).failures() if f["code"] == "E099"]
    assert lost and all("worker process" in f["message"] for f in lost)
    assert _count(db) + len(lost) == 20  # every article written or failed, none twice

    rerun = subprocess.run(args, capture_output=True, env=_env(), cwd=ROOT, timeout=180)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert f"{len(lost)} analysed" in rerun.stderr.decode()
    assert _count(db) == 20


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _lingering(session: int) -> list[int]:
    """Processes still alive in the session the command started (its workers, if any)."""
    time.sleep(0.5)
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":  # field 6 of stat: the session id
            alive.append(int(entry.name))
    return alive
