"""Read one article from a path, a URL, stdin or bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import sys
from pathlib import Path

from ..errors import FetchError, InputNotFound, InputTooLarge, UnsupportedLanguage
from ..options import AnalyzeOptions, parse_date
from ..records import Article
from .decode import check_size, decode, read_capped
from .fetch import fetch, is_url, is_url_like
from .html import HtmlContent, extract_html, looks_like_html
from .language import SUPPORTED, detect_language
from .structure import find_structure

_MARKDOWN_SUFFIXES = (".md", ".markdown")
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
# Below this many letters, language identification is a guess; we assume English and say so.
MIN_LETTERS_FOR_LANGUAGE = 40


def ingest(source: str | Path, options: AnalyzeOptions | None = None) -> Article:
    """Read ``source`` (a path, ``-`` for stdin, or an http(s) URL) into an Article.

    Every read is bounded: at most ``options.max_bytes + 1`` bytes are read from a file, a device,
    a pipe or stdin before the input is refused (E004), and a URL fetch has one total deadline.
    """
    options = options or AnalyzeOptions()
    source_str = str(source)
    if is_url(source_str):
        got = fetch(source_str, max_bytes=options.max_bytes, timeout=options.fetch_timeout)
        is_html = got.content_type in ("text/html", "application/xhtml+xml")
        # the HTTP header's charset; UTF-8 pages that say nothing still decode as UTF-8
        encoding = options.encoding or (got.charset if got.charset not in (None, "utf-8") else None)
        return ingest_bytes(
            got.data,
            options.with_(url=options.url or got.url, encoding=encoding),
            name=source_str,
            input_kind="url",
            html=True if is_html else None,
        )
    if is_url_like(source_str):
        scheme = source_str.split("://", 1)[0]
        raise FetchError(
            f"{source_str}: only http:// and https:// addresses can be fetched, not {scheme}://; "
            "download it and pass the file"
        )
    if source_str == "-":
        data = read_capped(sys.stdin.buffer.read, options.max_bytes, "standard input")
        return ingest_bytes(data, options, name="standard input", input_kind="stdin")
    path = Path(source_str)
    if not path.exists():
        raise InputNotFound(f"{path}: no such file")
    if path.is_dir():
        raise InputNotFound(f"{path} is a folder; pass its files, or the folder to 'analyze'")
    html = True if path.suffix.lower() in _HTML_SUFFIXES else None
    return ingest_bytes(
        _read_path(path, options.max_bytes), options, name=str(path), input_kind="file", html=html,
        path=str(path),
    )


def _read_path(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file, a device or a FIFO, reading at most ``max_bytes + 1`` of them. The size
    a file reports is trusted only for regular files (a device or a /proc file says 0)."""
    try:
        with path.open("rb", buffering=0) as stream:
            info = os.fstat(stream.fileno())
            if stat.S_ISREG(info.st_mode):
                check_size(info.st_size, max_bytes, str(path))
            return read_capped(stream.read, max_bytes, str(path))
    except OSError as err:
        raise InputNotFound(f"{path} cannot be read: {err.strerror or err}") from None


def ingest_bytes(
    data: bytes,
    options: AnalyzeOptions | None = None,
    *,
    name: str = "input",
    input_kind: str = "text",
    html: bool | None = None,
    path: str | None = None,
    record: str | None = None,
    record_id: str | None = None,
    published: dt.date | None = None,
) -> Article:
    """Decode, extract (for HTML), detect the language and build the Article; ``published`` is a
    record's own date (a feed item's, a JSON line's), which wins over ``options.published``."""
    options = options or AnalyzeOptions()
    raw = decode(data, name, encoding=options.encoding, max_bytes=options.max_bytes)
    content: HtmlContent | None = None
    if html or (html is None and looks_like_html(raw)):
        content = extract_html(raw, name, url=options.url)
        text = content.text
    else:
        text = raw
    if len(text) > options.max_chars:
        raise InputTooLarge(
            f"{name} has {len(text):,} characters of text, over the limit of {options.max_chars:,} "
            "(about 1 GB of parser memory per 100,000); split it, or raise the limit with --max-chars"
        )
    language, confidence = _language(text, name, options)
    published_iso: str | None
    published_from: str | None
    if published is not None:
        published_iso, published_from = published.isoformat(), "record"
    else:
        published_iso, published_from = _published(options, content)
    structure = find_structure(
        text,
        title=options.title or (content.title if content else None),
        markdown=(path or name).lower().endswith(_MARKDOWN_SUFFIXES),
        headings=content.headings if content else (),
        published=dt.date.fromisoformat(published_iso) if published_iso else None,
    )
    if published_iso is None and structure.dateline and structure.dateline.date:
        published_iso, published_from = structure.dateline.date, "dateline"
    headline = structure.headline.text if structure.headline else None
    return Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        text=text,
        title=options.title or (content.title if content else None) or headline,
        url=options.url or (content.url if content else None),
        outlet=options.outlet or (content.sitename if content else None),
        author=content.author if content else None,
        published=published_iso,
        published_from=published_from,
        language=language,
        language_confidence=confidence,
        input_kind=f"{input_kind}+html" if content else input_kind,
        path=path,
        record=record,
        record_id=record_id,
        structure=structure,
    )


def _language(text: str, name: str, options: AnalyzeOptions) -> tuple[str | None, float | None]:
    """The article's language and the detector's confidence (None: declared, or too short to
    tell). A language other than English raises E010, unless ``options.other_languages`` is
    ``"keep"``: then it is returned (None where the detector cannot tell)."""
    keep = options.other_languages == "keep"
    if options.language:
        declared = options.language.lower()
        if declared not in SUPPORTED and not keep:
            raise UnsupportedLanguage(
                f"{name}: language '{declared}' was declared, but claimtrail analyses "
                f"{', '.join(SUPPORTED)} only for now",
                language=declared,
            )
        return declared, None
    if sum(ch.isalpha() for ch in text[:4000]) < MIN_LETTERS_FOR_LANGUAGE:
        return "en", None
    code, confidence = detect_language(text)
    if code not in SUPPORTED and not keep:
        shown = code or "an unknown language"
        raise UnsupportedLanguage(
            f"{name} looks like '{shown}' (confidence {confidence:.2f}); claimtrail analyses "
            f"{', '.join(SUPPORTED)} only for now, and does not run the English pipeline on "
            "other languages. If the text is English, say so with --language en",
            language=code,
        )
    return code, round(confidence, 3)


def _published(options: AnalyzeOptions, content: HtmlContent | None) -> tuple[str | None, str | None]:
    if options.published:
        return options.published.isoformat(), "option"
    if content and content.date:
        try:
            return parse_date(content.date).isoformat(), "html"
        except Exception:  # an unreadable meta date is no date, not an error
            return None, None
    return None, None
