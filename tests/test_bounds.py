"""Issue 16: every read is bounded. Devices, FIFOs, pipes and servers that never stop are refused
at the byte cap (E004); a URL fetch has one total deadline however slowly the server trickles."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimtrail.errors import EmptyInput, FetchError, InputTooLarge
from claimtrail.ingest import ingest
from claimtrail.options import AnalyzeOptions

from .conftest import ROOT

ENGLISH = "The ministry said on Tuesday that the bridge had been repaired after the strike.\n"
# Generous bounds on things that must be refused, not timings: the real cost is well under 1 s.
PROMPTLY = 10.0


def _endless_writer(path: Path, stop: threading.Event) -> threading.Thread:
    """A thread that opens ``path`` for writing and writes lines until the reader goes away."""

    def write() -> None:
        try:
            with path.open("wb") as sink:
                while not stop.is_set():
                    sink.write(b"y\n" * 4096)
        except OSError:  # BrokenPipeError once the reader has closed its end
            pass

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def _release_fifo(path: Path) -> None:
    """Open the FIFO's read end for a moment, so a writer still waiting in open() goes on (and
    then fails on its first write)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    os.close(fd)


# --- devices, FIFOs, stdin ---------------------------------------------------------------------


def test_issue16_dev_zero_is_refused_at_the_cap_promptly():
    started = time.monotonic()
    with pytest.raises(InputTooLarge) as info:
        ingest("/dev/zero")
    assert time.monotonic() - started < PROMPTLY
    message = str(info.value)
    assert message.startswith("[E004] /dev/zero")
    assert "5,242,880 bytes" in message and "--max-bytes" in message


def test_issue16_dev_zero_with_a_small_cap():
    with pytest.raises(InputTooLarge, match="1,000 bytes"):
        ingest("/dev/zero", AnalyzeOptions(max_bytes=1000))


def test_issue16_dev_null_is_empty_not_a_hang():
    with pytest.raises(EmptyInput, match="empty"):
        ingest("/dev/null")


def test_issue16_proc_file_reporting_size_zero_is_still_read():
    # /proc files say their size is 0; the read must not trust that and read nothing.
    with pytest.raises(InputTooLarge):
        ingest("/proc/self/status", AnalyzeOptions(max_bytes=50))


def test_issue16_regular_file_over_the_cap_is_refused_by_its_size(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(ENGLISH.encode() * 50)
    with pytest.raises(InputTooLarge) as info:
        ingest(big, AnalyzeOptions(max_bytes=1000))
    assert f"is {len(ENGLISH) * 50:,} bytes" in str(info.value)


def test_issue16_fifo_with_an_endless_writer_is_refused(tmp_path):
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    stop = threading.Event()
    writer = _endless_writer(fifo, stop)
    started = time.monotonic()
    try:
        with pytest.raises(InputTooLarge) as info:
            ingest(fifo, AnalyzeOptions(max_bytes=1_000_000))
        assert time.monotonic() - started < PROMPTLY
        assert str(fifo) in str(info.value)
    finally:
        stop.set()
        _release_fifo(fifo)
        writer.join(PROMPTLY)
    assert not writer.is_alive()


def test_issue16_fifo_with_a_finite_writer_is_read(tmp_path):
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("wb") as sink:
            sink.write(ENGLISH.encode())

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    article = ingest(fifo, AnalyzeOptions(language="en"))
    writer.join(PROMPTLY)
    assert article.text == ENGLISH.strip()


def test_issue16_endless_stdin_is_refused_in_process(monkeypatch):
    read_end, write_end = os.pipe()
    stop = threading.Event()

    def write() -> None:
        try:
            with os.fdopen(write_end, "wb") as sink:
                while not stop.is_set():
                    sink.write(b"yes\n" * 4096)
        except OSError:
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    stdin = io.TextIOWrapper(os.fdopen(read_end, "rb"))
    monkeypatch.setattr(sys, "stdin", stdin)
    try:
        with pytest.raises(InputTooLarge) as info:
            ingest("-", AnalyzeOptions(max_bytes=200_000))
        assert "standard input" in str(info.value)
    finally:
        stop.set()
        stdin.close()
        writer.join(PROMPTLY)


def _cli(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.Popen(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "claimtrail", "analyze", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, **kwargs,
    )


@pytest.mark.slow
def test_issue16_cli_dev_zero_gets_e004():
    proc = _cli("/dev/zero", stdin=subprocess.DEVNULL)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert b"[E004] /dev/zero" in err
    assert out == b""


@pytest.mark.slow
def test_issue16_cli_endless_pipe_gets_e004():
    """``yes | claimtrail analyze -``: the real ``yes`` never stops, so only the cap ends it."""
    yes_path = shutil.which("yes")
    assert yes_path, "the coreutils 'yes' program is needed for this test"
    yes = subprocess.Popen([yes_path], stdout=subprocess.PIPE)
    try:
        proc = _cli("-", stdin=yes.stdout)
        assert yes.stdout is not None
        yes.stdout.close()  # the CLI holds the only read end now
        out, err = proc.communicate(timeout=120)
    finally:
        yes.kill()
        yes.wait()
    assert proc.returncode == 1
    assert b"[E004] standard input" in err
    assert out == b""


# --- URL fetches: a real server on 127.0.0.1 ---------------------------------------------------

_STOP = threading.Event()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        try:
            route = getattr(self, "route_" + self.path.strip("/").replace("-", "_"))
        except AttributeError:
            self.send_error(404)
            return
        with contextlib.suppress(OSError):  # the client hung up, as it does once it refuses
            route()

    def _trickle(self, byte: bytes = b"x") -> None:
        """One byte a second for up to a minute, or until the test ends."""
        for _ in range(60):
            self.wfile.write(byte)
            self.wfile.flush()
            if _STOP.wait(1.0):
                return

    def route_article(self) -> None:
        body = ENGLISH.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def route_trickle_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self._trickle()

    def route_trickle_headers(self) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self._trickle(b"X")  # a header line that never ends

    def route_endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Connection", "close")
        self.end_headers()
        while not _STOP.is_set():
            self.wfile.write(ENGLISH.encode() * 100)

    def route_says_huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(10**10))
        self.end_headers()
        self.wfile.write(ENGLISH.encode())

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_to_ftp(self) -> None:
        self._redirect("ftp://127.0.0.1/article.txt")

    def route_to_file(self) -> None:
        self._redirect("file:///etc/passwd")

    def route_to_article(self) -> None:
        self._redirect("/article")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _STOP.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        _STOP.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(PROMPTLY)


def test_fetch_reads_a_page_and_follows_an_http_redirect(server):
    article = ingest(f"{server}/to-article", AnalyzeOptions(language="en"))
    assert article.text == ENGLISH.strip()
    assert article.url == f"{server}/article"


@pytest.mark.parametrize("route", ["trickle-body", "trickle-headers"])
def test_issue16_trickling_server_is_refused_at_the_deadline(server, route):
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        ingest(f"{server}/{route}", AnalyzeOptions(fetch_timeout=2))
    elapsed = time.monotonic() - started
    assert 1.5 < elapsed < 6, elapsed
    assert "did not finish within 2 s" in str(info.value)
    assert str(info.value).startswith("[E007]")


def test_issue16_server_sending_past_the_cap_is_refused(server):
    with pytest.raises(InputTooLarge) as info:
        ingest(f"{server}/endless", AnalyzeOptions(max_bytes=100_000))
    assert "100,000 bytes" in str(info.value)


def test_issue16_server_announcing_too_much_is_refused_before_reading(server):
    with pytest.raises(InputTooLarge) as info:
        ingest(f"{server}/says-huge", AnalyzeOptions(max_bytes=100_000))
    assert "10,000,000,000 bytes" in str(info.value)


@pytest.mark.parametrize("route", ["to-ftp", "to-file"])
def test_issue16_redirect_to_another_scheme_is_refused(server, route):
    with pytest.raises(FetchError) as info:
        ingest(f"{server}/{route}")
    assert "not an http(s) address" in str(info.value)


@pytest.mark.parametrize(
    "source", ["ftp://example.org/article.txt", "file:///etc/hostname", "s3://bucket/article.txt"]
)
def test_issue16_other_schemes_say_only_http_is_supported(source):
    with pytest.raises(FetchError) as info:
        ingest(source)
    message = str(info.value)
    assert "only http:// and https://" in message
    assert "no such file" not in message
