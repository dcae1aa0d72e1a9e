"""Query results printed as JSON lines, CSV or a plain aligned table (the corpus verbs'
``--json``/``--csv``/``--table``), and the one click decorator that gives a verb these options."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import os
import sys
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TextIO, TypeVar

import click

from ..output import json_line, safe_for_terminal

F = TypeVar("F", bound=Callable[..., Any])

#: Widest a value may be in --table output before it is cut with '…'.
TABLE_WIDTH = 40


def output_options(func: F) -> F:
    """``--db FILE`` and the output format: ``--json`` (JSON lines, the default when stdout is
    not a terminal), ``--csv``, or ``--table`` (the default on a terminal)."""
    func = click.option("--table", "fmt", flag_value="table",
                        help="A plain aligned table (default on a terminal).")(func)
    func = click.option("--csv", "fmt", flag_value="csv", help="CSV with a header row.")(func)
    func = click.option("--json", "fmt", flag_value="json",
                        help="JSON lines, one object per row (default when piped).")(func)
    return click.option("--db", default="claimtrail.duckdb", show_default=True,
                        type=click.Path(dir_okay=False), help="The corpus file.")(func)


def write_records(records: Sequence[dict[str, Any]], fmt: str | None,
                  out: TextIO | None = None) -> None:
    """Print ``records`` in ``fmt`` (``None``: a table on a terminal, else JSON lines). When
    stdout's reader goes away (``| head``) the rest is dropped quietly."""
    out = out or sys.stdout
    if fmt is None:
        fmt = "table" if out.isatty() else "json"
    try:
        _write(records, fmt, out)
        out.flush()
    except BrokenPipeError:
        if out is not sys.stdout:
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


def _write(records: Sequence[dict[str, Any]], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        for record in records:
            out.write(json_line({k: plain(v) for k, v in record.items()}) + "\n")
    elif fmt == "csv":
        _csv(records, out)
    else:
        out.write(table(records))


def plain(value: Any) -> Any:
    """``value`` as JSON can hold it: dates in ISO form, decimals as numbers, the rest as is."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, uuid.UUID | dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _text(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _csv(records: Sequence[dict[str, Any]], out: TextIO) -> None:
    if not records:
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(records[0]))
    for record in records:
        writer.writerow([_text(v) for v in record.values()])


def table(records: Sequence[dict[str, Any]], width: int = TABLE_WIDTH) -> str:
    """A plain text table: a header, a rule, one line per record; each value made safe for a
    terminal and cut to ``width`` characters."""
    if not records:
        return "(no rows)\n"
    names = list(records[0])
    rows = [[_cell(v, width) for v in record.values()] for record in records]
    header = [_cell(n, width) for n in names]
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(names))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                 for r in rows)
    return "\n".join(lines) + "\n"


def _cell(value: Any, width: int) -> str:
    text = safe_for_terminal(_text(value).replace("\n", " ").replace("\t", " "))
    return text if len(text) <= width else text[: width - 1] + "…"
