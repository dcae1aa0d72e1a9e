"""The real ``claimtrail`` command in a subprocess: files, folders, stdin, URLs, errors."""

from __future__ import annotations

import itertools
import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import ROOT, SAMPLES, run_cli

pytestmark = pytest.mark.slow


def lines(proc):
    return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]


def test_analyze_file_json(validate):
    proc = run_cli("analyze", str(SAMPLES / "relative-chain.txt"), "--published", "2023-03-01")
    assert proc.returncode == 0, proc.stderr.decode()
    [result] = lines(proc)
    validate(result)
    assert result["article"]["published"] == "2023-03-01"
    assert result["events"] and isinstance(result["techniques"], list)


def test_analyze_text_report():
    proc = run_cli("analyze", str(SAMPLES / "kharkiv-weekday-strikes.txt"),
                   "--published", "2025-03-14", "--format", "text")
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert out.startswith("Drone and missile strikes hit Kharkiv")
    assert "ENTITIES" in out and "TIMES" in out
    assert "Volodymyr Zelenskyy  [person, UKR, Q3874799]" in out
    assert '2025-03-17                         day      "Monday"' in out
    assert "> Officials in Kiev expect the next round of talks" in out


def test_analyze_stdin_with_metadata():
    text = "Russian forces struck Kharkiv on Tuesday, the governor said, citing early reports."
    proc = run_cli("analyze", "-", "--published", "2025-03-14", "--outlet", "Example Wire",
                   "--url", "https://example.invalid/a", "--title", "Strike", stdin=text.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    [result] = lines(proc)
    art = result["article"]
    assert (art["input_kind"], art["outlet"], art["url"], art["title"]) == (
        "stdin", "Example Wire", "https://example.invalid/a", "Strike")
    assert [t["value"] for t in result["times"]] == ["2025-03-11"]


def test_folder_batch_goes_on_past_bad_files(tmp_path):
    (tmp_path / "a-good.txt").write_text((SAMPLES / "relative-chain.txt").read_text())
    (tmp_path / "b-empty.txt").write_bytes(b"")
    (tmp_path / "c-binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "d-latin1.txt").write_bytes("Caf\xe9 strikes continued.".encode("latin-1"))
    (tmp_path / "e-russian.txt").write_text((SAMPLES / "russian-article.txt").read_text())
    (tmp_path / "f-good.html").write_text((SAMPLES / "html-article.html").read_text())
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    proc = run_cli("analyze", str(tmp_path))
    assert proc.returncode == 1
    results = lines(proc)
    assert [r["article"]["path"].rsplit("/", 1)[1] for r in results] == ["a-good.txt", "f-good.html"]
    err = proc.stderr.decode()
    for name, code in (("b-empty", "E001"), ("c-binary", "E002"), ("d-latin1", "E003"),
                       ("e-russian", "E010")):
        assert f"claimtrail: [{code}] {tmp_path / name}.txt" in err
    assert "2 analysed, 4 failed" in err


def test_bad_date_option_exits_2():
    proc = run_cli("analyze", str(SAMPLES / "relative-chain.txt"), "--published", "22/11/2024")
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("claimtrail: [E030] cannot read the date")


def test_missing_model_is_one_clear_line():
    proc = run_cli("analyze", str(SAMPLES / "relative-chain.txt"), "--model", "en_core_web_xx")
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert err.count("\n") == 0 and "[E020]" in err and "pip install" in err


def test_missing_file_is_reported():
    proc = run_cli("analyze", "no/such/file.txt")
    assert proc.returncode == 1
    assert "[E005]" in proc.stderr.decode()


def test_models_and_schema_and_version():
    models = run_cli("models")
    assert models.returncode == 0 and "default:" in models.stdout.decode()
    schema = run_cli("schema")
    assert json.loads(schema.stdout)["properties"]["schema_version"]["const"] == "1.7"
    version = run_cli("--version")
    assert "claimtrail, version" in version.stdout.decode()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def http_server():
    """A real HTTP server process serving samples/ on loopback."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(SAMPLES)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_analyze_url(http_server, validate):
    url = f"{http_server}/html-article.html"
    proc = run_cli("analyze", url)
    assert proc.returncode == 0, proc.stderr.decode()
    [result] = lines(proc)
    validate(result)
    assert result["article"]["input_kind"] == "url+html"
    assert result["article"]["url"] == url
    assert result["article"]["published"] == "2024-11-25"


def test_analyze_plain_text_url(http_server):
    proc = run_cli("analyze", f"{http_server}/relative-chain.txt", "--published", "2023-03-01")
    assert proc.returncode == 0, proc.stderr.decode()
    [result] = lines(proc)
    assert result["article"]["input_kind"] == "url"
    assert result["article"]["title"] == "Timeline: how the bridge strike unfolded"


def test_url_errors_are_clear(http_server):
    proc = run_cli("analyze", f"{http_server}/missing.html", "http://127.0.0.1:9/")
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert "answered HTTP 404" in err and "[E007]" in err
    assert "cannot fetch http://127.0.0.1:9/" in err


def test_module_entry_point_matches_script():
    proc = subprocess.run([sys.executable, "-m", "claimtrail", "--help"], capture_output=True,
                          cwd=ROOT, check=True)
    assert b"analyze" in proc.stdout


def test_huge_article_fails_alone_and_the_batch_goes_on(tmp_path):
    sentence = "Officials in Kyiv said the drones were shot down over the city overnight. "
    (tmp_path / "a-huge.txt").write_text(sentence * 14000)  # ~1.05 million characters
    (tmp_path / "b-good.txt").write_text((SAMPLES / "relative-chain.txt").read_text())
    proc = run_cli("analyze", str(tmp_path))
    assert proc.returncode == 1
    assert [r["article"]["path"].rsplit("/", 1)[1] for r in lines(proc)] == ["b-good.txt"]
    assert f"[E004] {tmp_path / 'a-huge.txt'}" in proc.stderr.decode()
    assert "--max-chars" in proc.stderr.decode()


# --- issue 16: the inputs users have, exit codes, failures inline or in a file, Ctrl-C, progress

INPUTS = ROOT / "tests/fixtures/inputs"


@pytest.mark.parametrize("args", [
    ("--max-bytes", "-5"), ("--batch-size", "0"), ("--max-chars", "0"), ("--indent", "-1"),
    ("--timeout-per-article", "-1"), ("--text-key", "body"), ("--date-key", "when"),
    ("--failures", "inline", "--format", "text"), ("--failures", "/no/such/folder/f.jsonl"),
    ("--no-such-option",),
])
def test_issue16_bad_option_values_exit_2(args):
    proc = run_cli("analyze", str(INPUTS / "articles.csv"), *args)
    assert proc.returncode == 2, proc.stderr.decode()
    assert proc.stdout == b""
    assert "Traceback" not in proc.stderr.decode()


def test_issue16_records_with_failures_exit_1_and_go_inline(validate):
    proc = run_cli("analyze", str(INPUTS / "articles.jsonl"), str(INPUTS / "feed.atom"),
                   "--failures", "inline")
    assert proc.returncode == 1, proc.stderr.decode()
    out = lines(proc)
    assert [(o.get("ok", True), o["article"]["record"] if "article" in o else o["record"]) for o in out] == [
        (True, "line 1"), (False, "line 2"), (False, "line 3"), (False, "line 4"), (False, "line 6"),
        (True, "line 7"), (True, "item 1"), (True, "item 2"), (False, "item 3"), (True, "item 4")]
    for o in out:
        if "article" in o:
            validate(o)
        else:
            assert set(o) == {"ok", "source", "record", "code", "error"}
            assert o["code"] in ("E009",) and o["error"].startswith("[E009]")
    assert proc.stderr.decode().strip() == "claimtrail: 5 analysed, 5 failed"


def test_issue16_failures_to_a_file(tmp_path):
    target = tmp_path / "failures.jsonl"
    proc = run_cli("analyze", str(INPUTS / "articles.csv"), "--failures", str(target))
    assert proc.returncode == 1
    assert [r["article"]["record"] for r in lines(proc)] == ["row 2", "row 6"]
    failures = [json.loads(line) for line in target.read_text().splitlines()]
    assert [(f["record"], f["code"]) for f in failures] == [("row 3", "E009"), ("row 4", "E009"),
                                                             ("row 5", "E009")]
    assert all(f["source"] == str(INPUTS / "articles.csv") for f in failures)
    assert proc.stderr.decode().strip() == (
        f"claimtrail: 2 analysed, 3 failed (failures in {target})")


def test_issue16_all_records_good_exit_0(tmp_path):
    text = (SAMPLES / "relative-chain.txt").read_text()
    (tmp_path / "good.jsonl").write_text(json.dumps({"text": text, "date": "2023-03-01", "id": "a"})
                                         + "\n")
    proc = run_cli("analyze", str(tmp_path / "good.jsonl"))
    assert proc.returncode == 0, proc.stderr.decode()
    [result] = lines(proc)
    assert (result["article"]["record"], result["article"]["record_id"]) == ("line 1", "a")
    assert result["article"]["published"] == "2023-03-01"


def test_issue16_empty_folder_is_an_error_not_a_read_of_stdin(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git/HEAD.txt").write_text("ref: refs/heads/main")
    proc = run_cli("analyze", str(tmp_path), stdin=(SAMPLES / "relative-chain.txt").read_bytes())
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert f"[E005] {tmp_path}: no files to analyse" in proc.stderr.decode()


def test_issue16_help_describes_every_input_kind_and_layer():
    proc = run_cli("analyze", "--help")
    assert proc.returncode == 0
    text = proc.stdout.decode()
    for word in (".jsonl", ".csv", ".rss", ".atom", ".warc", ".warc.gz", ".txt", ".md", ".html",
                 "FOLDER", "URL", "stdin", "article", "structure", "entities", "times", "sources",
                 "claims", "events", "techniques", "--failures", "--timeout-per-article",
                 "--text-key", "--id-key", "130"):
        assert word in text, word


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_issue16_ctrl_c_exits_130_without_a_traceback(tmp_path):
    text = (SAMPLES / "relative-chain.txt").read_text()
    for n in range(40):
        (tmp_path / f"{n:02d}.txt").write_text(text)
    # (a test run started in the background inherits an ignored SIGINT: a terminal's child has it)
    proc = subprocess.Popen([sys.executable, "-m", "claimtrail", "analyze", str(tmp_path),
                             "--batch-size", "1"], cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=_default_sigint)
    try:
        first = proc.stdout.readline()  # one analysis out: the batch is under way
        assert first.startswith(b"{")
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert b"Traceback" not in err and b"interrupted" in err


def test_issue16_progress_never_shares_a_line_with_the_report(tmp_path):
    """On a terminal (a pty for stdout and stderr alike) the progress line is cleared before each
    report is printed, so no visible line mixes the two."""
    import os
    import pty

    text = (SAMPLES / "relative-chain.txt").read_text()
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(text)
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "claimtrail", "analyze", str(tmp_path),
                             "--format", "text", "--published", "2023-03-01"], cwd=ROOT,
                            stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the pty
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    screen = b"".join(chunks).decode()
    assert "analysing: 2 done, 0 failed" in screen  # the progress line was shown
    # Each \r\x1b[K wipes the line: the progress text must stand alone between two of them, and
    # every report or message must end its line before the progress is drawn again.
    segments = screen.split("\r\x1b[K")
    progress = [seg for seg in segments if "analysing:" in seg]
    assert progress and all(re.fullmatch(r"analysing: \d+ done, \d+ failed", seg) for seg in progress)
    for before, seg in itertools.pairwise(segments):
        if "analysing:" in seg and before:
            assert before.endswith("\n"), before[-80:]
    assert "Drone" in screen or "bridge" in screen.lower()
