"""The real ``claimtrail`` command in a subprocess: files, folders, stdin, URLs, errors."""

from __future__ import annotations

import json
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
    assert json.loads(schema.stdout)["properties"]["schema_version"]["const"] == "1.5"
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
