"""What JSON lines, CSV, feed and WARC readers share: metadata keys, dates, one record → Article."""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import ClaimtrailError, MalformedRecord
from ..failures import Failure
from ..options import AnalyzeOptions
from ..records import Article
from .reader import ingest_bytes


@dataclass(frozen=True, slots=True)
class RecordKeys:
    """Which field of a JSON lines record or CSV row holds the text and each piece of metadata.

    A key left as None falls back to the usual names (``title``/``headline``, ``date``/``published``,
    ``url``/``link``, ``outlet``, ``id``) when the record has them; a key given must exist.
    """

    text: str = "text"
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None
    id: str | None = None

    def given(self) -> dict[str, str]:
        """The keys named other than by default, by option: ``{"--title-key": "headline", ...}``."""
        named = {"--text-key": None if self.text == "text" else self.text, "--title-key": self.title,
                 "--date-key": self.date, "--url-key": self.url, "--outlet-key": self.outlet,
                 "--id-key": self.id}
        return {k: v for k, v in named.items() if v}

    def fields(self) -> dict[str, tuple[str, ...]]:
        """For each piece of metadata, the names to look for, first found wins."""
        return {
            "title": (self.title,) if self.title else ("title", "headline"),
            "date": (self.date,) if self.date else ("date", "published"),
            "url": (self.url,) if self.url else ("url", "link"),
            "outlet": (self.outlet,) if self.outlet else ("outlet",),
            "id": (self.id,) if self.id else ("id",),
        }


def parse_record_date(value: str, where: str) -> dt.date:
    """An ISO date or datetime, or an RFC 822 date as feeds write them; else MalformedRecord."""
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise MalformedRecord(
            f"{where}: cannot read its date {value[:60]!r}; write dates as YYYY-MM-DD "
            "(or name another field with --date-key)"
        ) from None


def pick(record: Mapping[str, object], names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that holds a non-empty string or number."""
    for name in names:
        value = record.get(name)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def build_article(
    data: bytes,
    options: AnalyzeOptions,
    *,
    path: str,
    record: str,
    input_kind: str,
    html: bool | None = None,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    record_id: str | None = None,
) -> Article | Failure:
    """One record's text and metadata through ``ingest_bytes``; its own metadata wins over options."""
    where = f"{path} {record}"
    try:
        changes: dict[str, object] = {}
        if title:
            changes["title"] = title
        if url:
            changes["url"] = url
        if outlet:
            changes["outlet"] = outlet
        return ingest_bytes(data, options.with_(**changes) if changes else options, name=where,
                            input_kind=input_kind, html=html, path=path, record=record,
                            record_id=record_id,
                            published=parse_record_date(date, where) if date else None)
    except ClaimtrailError as err:
        return Failure(path, err.code, str(err), record)


def record_failure(path: str, record: str, message: str) -> Failure:
    err = MalformedRecord(f"{path} {record}: {message}")
    return Failure(path, err.code, str(err), record)
