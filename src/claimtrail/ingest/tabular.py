"""JSON lines and CSV files of articles: one record a line or row, text and metadata by key.

Both are streamed (a 1 GB file is never held in memory) and a single record is bounded by
``options.max_bytes``. A bad record is a :class:`~claimtrail.failures.Failure` of that record only.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from ..errors import InputTooLarge
from ..failures import Failure
from ..options import AnalyzeOptions
from ..records import Article
from .recordmeta import RecordKeys, build_article, pick, record_failure

_BOM = b"\xef\xbb\xbf"


def read_jsonl(path: str, options: AnalyzeOptions, keys: RecordKeys) -> Iterator[Article | Failure]:
    """One article per JSON object per line (blank lines are skipped)."""
    limit = options.max_bytes
    with Path(path).open("rb") as fh:
        number = 0
        while line := fh.readline(limit + 1):
            number += 1
            where = f"line {number}"
            if len(line) > limit and not line.endswith(b"\n"):
                _skip_rest_of_line(fh)
                yield _too_large(path, where, limit)
                continue
            if number == 1:
                line = line.removeprefix(_BOM)
            if not line.strip():
                continue
            try:
                value = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as err:
                yield record_failure(path, where, f"not UTF-8 (byte 0x{line[err.start]:02x} at "
                                                  f"offset {err.start})")
                continue
            except json.JSONDecodeError as err:
                yield record_failure(path, where, f"not valid JSON: {err.msg} (column {err.colno})")
                continue
            except (ValueError, RecursionError) as err:
                yield record_failure(path, where, f"not valid JSON ({type(err).__name__})")
                continue
            if not isinstance(value, dict):
                yield record_failure(path, where, f"a JSON {type(value).__name__}, not an object "
                                                  "with a text field")
                continue
            yield _from_record(value, path, where, "jsonl", options, keys)


def csv_columns(path: str, max_bytes: int) -> list[str]:
    """The header row of a CSV file (empty when the file is empty or unreadable)."""
    try:
        with Path(path).open("rb") as fh:
            return next(csv.reader(_lines(fh, max_bytes, [False])), [])
    except (OSError, csv.Error):
        return []


def read_csv(path: str, options: AnalyzeOptions, keys: RecordKeys) -> Iterator[Article | Failure]:
    """One article per row under a header row; rows are numbered as a spreadsheet shows them."""
    limit = options.max_bytes
    csv.field_size_limit(max(csv.field_size_limit(), min(2 * limit, 2**31 - 1)))
    with Path(path).open("rb") as fh:
        too_long = [False]
        reader = csv.reader(_lines(fh, limit, too_long))
        try:
            header = next(reader, None)
        except csv.Error as err:
            yield record_failure(path, "row 1", f"the header row cannot be read ({err})")
            return
        if not header:
            yield record_failure(path, "row 1", "empty: a CSV file needs a header row")
            return
        header = [name.strip() for name in header]
        if keys.text not in header:
            yield record_failure(path, "row 1", f"no '{keys.text}' column (its columns: "
                                                f"{', '.join(header)}); name it with --text-key")
            return
        number = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                number += 1
                yield record_failure(path, f"row {number}", f"cannot be read as CSV ({err})")
                continue
            number += 1
            where = f"row {number}"
            if too_long[0]:
                too_long[0] = False
                yield _too_large(path, where, limit)
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                yield record_failure(path, where, f"{len(row)} cells under a header of "
                                                  f"{len(header)} (a comma in an unquoted cell?)")
                continue
            if any(_has_surrogate(cell) for cell in row):
                yield record_failure(path, where, "not UTF-8 (save the file as UTF-8)")
                continue
            yield _from_record(dict(zip(header, row, strict=False)), path, where, "csv", options, keys)


def _from_record(record: Mapping[str, object], path: str, where: str, kind: str,
                 options: AnalyzeOptions, keys: RecordKeys) -> Article | Failure:
    text = record.get(keys.text)
    if text is None:
        fields = ", ".join(list(record)[:12]) or "none"
        return record_failure(path, where, f"no '{keys.text}' field (its fields: {fields}); "
                                           "name the text field with --text-key")
    if not isinstance(text, str):
        return record_failure(path, where, f"its '{keys.text}' field is a "
                                           f"{type(text).__name__}, not a string")
    meta = {name: pick(record, names) for name, names in keys.fields().items()}
    return build_article(text.encode("utf-8", "surrogatepass"), options, path=path, record=where,
                         input_kind=kind, title=meta["title"], date=meta["date"], url=meta["url"],
                         outlet=meta["outlet"], record_id=meta["id"])


def _lines(fh: BinaryIO, limit: int, too_long: list[bool]) -> Iterator[str]:
    """Decoded lines, each at most ``limit`` bytes: the rest of a longer line is skipped and flagged.

    Bytes that are not UTF-8 come through as surrogates, so that only their row fails.
    """
    first = True
    while line := fh.readline(limit + 1):
        if first:
            line, first = line.removeprefix(_BOM), False
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_rest_of_line(fh)
            too_long[0] = True
            line = b"\n"
        yield line.decode("utf-8", "surrogateescape")


def _has_surrogate(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _skip_rest_of_line(fh: BinaryIO) -> None:
    while chunk := fh.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return


def _too_large(path: str, where: str, limit: int) -> Failure:
    err = InputTooLarge(f"{path} {where} is larger than the limit of {limit:,} bytes; "
                        "raise it with --max-bytes")
    return Failure(path, err.code, str(err), where)
