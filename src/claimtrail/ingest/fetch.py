"""Fetch one article over HTTP(S) with a byte cap and one total deadline.

The deadline covers everything: resolving the name, connecting, the server's headers and the
whole body. A per-read socket timeout would not do, since a server that sends one byte a second
never lets a single read time out. So the fetch runs in a worker thread; the caller waits for it
until the deadline, and past it shuts the connection down and refuses the input.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..errors import ClaimtrailError, FetchError
from .decode import check_size, read_capped

_SCHEMES = ("http", "https")
_URL_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")  # two letters at least: C:// is a drive


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    content_type: str
    charset: str | None
    url: str


def is_url(source: str) -> bool:
    """An address that :func:`fetch` reads: http:// or https://."""
    return source[:8].lower().startswith(("http://", "https://"))


def is_url_like(source: str) -> bool:
    """Anything written ``scheme://…`` (ftp://, file://, s3://…), which is an address and never
    a file name, whether or not claimtrail can fetch it."""
    return _URL_LIKE.match(source) is not None


def fetch(url: str, *, max_bytes: int, timeout: float) -> Fetched:
    """Fetch ``url``, refusing it (E004) past ``max_bytes`` and (E007) past ``timeout`` seconds
    in all, however slowly the server answers."""
    job = _Job(url, max_bytes, timeout)
    worker = threading.Thread(target=job.run, name="claimtrail-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        job.abort()
        raise FetchError(
            f"{url} did not finish within {timeout:g} s (connecting, headers and the whole page "
            "count together); try again later, or save the page and pass the file"
        )
    if job.error is not None:
        raise job.error
    assert job.result is not None  # the worker ends with a result or an error
    return job.result


class _Job:
    """One fetch, run in a worker thread; ``abort`` shuts its socket so the worker ends too."""

    def __init__(self, url: str, max_bytes: int, timeout: float) -> None:
        self.url = url
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.result: Fetched | None = None
        self.error: ClaimtrailError | None = None
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._aborted = False

    def run(self) -> None:
        try:
            self.result = self._fetch()
        except ClaimtrailError as err:
            self.error = err
        except Exception as err:  # anything else the network stack raises is a failed fetch
            self.error = FetchError(f"cannot fetch {self.url}: {err}")

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            aborted = self._aborted
        if aborted:
            _shut(sock)

    def abort(self) -> None:
        with self._lock:
            self._aborted = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def _fetch(self) -> Fetched:
        url = self.url
        opener = urllib.request.OpenerDirector()
        for handler in (
            urllib.request.ProxyHandler(),
            urllib.request.UnknownHandler(),
            _HTTPHandler(self),
            _HTTPSHandler(self),
            urllib.request.HTTPDefaultErrorHandler(),
            _RedirectHandler(),
            urllib.request.HTTPErrorProcessor(),
        ):
            opener.add_handler(handler)
        request = urllib.request.Request(
            url, headers={"User-Agent": f"claimtrail/{__version__} (+article analysis)"}
        )
        try:
            with opener.open(request, timeout=self.timeout) as response:
                length = response.headers.get("Content-Length")
                if length and length.isdigit():
                    check_size(int(length), self.max_bytes, url)
                data = read_capped(response.read, self.max_bytes, url)
                content_type = response.headers.get_content_type()
                charset = response.headers.get_content_charset()
                final_url = response.geturl()
        except urllib.error.HTTPError as err:
            err.close()
            raise FetchError(f"{url} answered HTTP {err.code} {err.reason}") from None
        except urllib.error.URLError as err:
            raise FetchError(
                f"cannot fetch {url}: {err.reason}; check the address or save the page and pass "
                "the file"
            ) from None
        except TimeoutError:
            raise FetchError(f"{url} did not answer within {self.timeout:g} s") from None
        except (http.client.HTTPException, OSError, ValueError) as err:
            raise FetchError(f"cannot fetch {url}: {err or type(err).__name__}") from None
        return Fetched(data=data, content_type=content_type, charset=charset, url=final_url)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing left to stop
        sock.shutdown(socket.SHUT_RDWR)


def _connection_classes(
    job: _Job,
) -> tuple[type[http.client.HTTPConnection], type[http.client.HTTPSConnection]]:
    """Connection classes that hand each socket they open to ``job``, so it can be shut: the
    plain socket as soon as it is connected (a TLS handshake can trickle too), then the TLS one."""

    def create_connection(*args: Any, **kwargs: Any) -> socket.socket:
        sock = socket.create_connection(*args, **kwargs)
        job.watch(sock)
        return sock

    class Plain(http.client.HTTPConnection):
        def connect(self) -> None:
            self._create_connection = create_connection
            super().connect()

    class Secure(http.client.HTTPSConnection):
        def connect(self) -> None:
            self._create_connection = create_connection
            super().connect()
            job.watch(self.sock)

    return Plain, Secure


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, job: _Job) -> None:
        super().__init__()
        self._connection = _connection_classes(job)[0]

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, job: _Job) -> None:
        super().__init__()
        self._connection = _connection_classes(job)[1]

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) addresses only (urllib alone would follow one to ftp://)."""

    def http_error_302(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any
    ) -> Any:
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urljoin(req.full_url, location)
            if urlsplit(target).scheme.lower() not in _SCHEMES:
                fp.close()
                raise FetchError(
                    f"{req.full_url} redirects to {target}, which is not an http(s) address; "
                    "claimtrail follows redirects to http:// and https:// only"
                )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302
