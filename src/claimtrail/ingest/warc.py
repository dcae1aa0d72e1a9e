"""WARC files (``.warc``, ``.warc.gz``): the HTML responses in them, one article each.

Requests, metadata, revisits, non-HTML and non-2xx responses are skipped. Records are numbered
from 1 in file order, all kinds counted, so ``record 5`` can be found with any WARC tool.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputTooLarge
from ..failures import Failure
from ..options import AnalyzeOptions
from ..records import Article
from .recordmeta import build_article, record_failure

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str, options: AnalyzeOptions) -> Iterator[Article | Failure]:
    """Each HTML response as an Article whose url is the record's target URI."""
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

    with Path(path).open("rb") as fh:
        records = iter(ArchiveIterator(fh))
        number = 0
        while True:
            try:
                rec = next(records)
            except StopIteration:
                return
            except Exception as err:  # warcio raises its own and assorted parse errors
                yield record_failure(path, f"record {number + 1}",
                                     f"not a readable WARC record ({_short(err)}); the records "
                                     "after it are not read")
                return
            number += 1
            item = _response(rec, path, f"record {number}", options)
            if item is not None:
                yield item


def _response(rec: object, path: str, where: str, options: AnalyzeOptions) -> Article | Failure | None:
    rec_type = getattr(rec, "rec_type", None)
    headers = getattr(rec, "http_headers", None)
    if rec_type != "response" or headers is None:
        return None
    content_type = (headers.get_header("Content-Type") or "").lower()
    mime, _, params = content_type.partition(";")
    if mime.strip() not in _HTML_TYPES:
        return None
    status = headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None
    try:
        data = rec.content_stream().read(options.max_bytes + 1)  # type: ignore[attr-defined]
    except Exception as err:  # a broken chunked or gzip body is this record's failure alone
        return record_failure(path, where, f"its HTTP body cannot be read ({_short(err)})")
    if len(data) > options.max_bytes:
        large = InputTooLarge(f"{path} {where} is larger than the limit of {options.max_bytes:,} "
                              "bytes; raise it with --max-bytes")
        return Failure(path, large.code, str(large), where)
    charset = _charset(params)
    if charset and not options.encoding and charset not in ("utf-8", "utf8"):
        options = options.with_(encoding=charset)
    rec_headers = rec.rec_headers  # type: ignore[attr-defined]
    return build_article(data, options, path=path, record=where, input_kind="warc", html=True,
                         url=rec_headers.get_header("WARC-Target-URI"),
                         record_id=rec_headers.get_header("WARC-Record-ID"))


def _charset(params: str) -> str | None:
    for part in params.split(";"):
        key, _, value = part.strip().partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


def _short(err: Exception) -> str:
    text = " ".join(str(err).split())
    return f"{type(err).__name__}: {text[:120]}" if text else type(err).__name__
