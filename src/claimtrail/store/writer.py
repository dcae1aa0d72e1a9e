"""The one writer of a corpus file: :class:`Writer` (nothing else in claimtrail writes to it)."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import duckdb
import pyarrow as pa

from ..errors import StoreBusy, StoreError
from ..failures import Failure
from ..records import Analysis, Article
from .connect import DEFAULT_TIMEOUT, connection
from .migrate import migrate
from .rows import Row, analysis_rows, article_row, failure_row, store_id
from .schema import ARTICLE_TABLES, COLUMNS, TABLES_V4, Column

# derived rows of a replaced article go with it (its clusters are recomputed by the next update)
_PER_ARTICLE = [*ARTICLE_TABLES, *(name for name, cols in TABLES_V4.items()
                                   if any(c.name == "article_id" for c in cols))]


class Writer:
    """Writes analyses into the DuckDB file at ``path``, one transaction per batch.

    Entering takes an exclusive lock on ``<path>.lock`` for the writer's whole life (a second
    writer gets :class:`StoreBusy` at once, or blocks with ``wait=True``), creates the file if
    needed and applies the missing migrations. No connection stays open between batches: each
    :meth:`write_batch` opens the file, writes, commits, checkpoints and closes, so readers can
    open it read-only in between.
    """

    def __init__(self, path: str | Path, *, wait: bool = False,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.wait = wait
        self.timeout = timeout
        self._lock: IO[str] | None = None

    def __enter__(self) -> Writer:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def open(self) -> None:
        """Take the lock and bring the file to the current schema."""
        if self._lock is not None:
            return
        self._lock = _take_lock(self.lock_path, self.path, self.wait)
        try:
            with self._connect() as con:
                migrate(con, str(self.path))
                con.execute("CHECKPOINT")
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Let go of the lock (the file is already closed)."""
        if self._lock is not None:
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    def known(self, ids: Iterable[str]) -> dict[str, str]:
        """Of ``ids``, those already stored, with the claimtrail version that wrote each."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        with self._connect() as con:
            con.register("wanted_ids", pa.table({"id": pa.array(wanted, pa.string())}))
            rows = con.execute("SELECT id, claimtrail_version FROM articles "
                               "WHERE id IN (SELECT id FROM wanted_ids)").fetchall()
        return {str(i): str(v) for i, v in rows}

    def write_batch(self, analyses: Sequence[Analysis], unanalysed: Sequence[Article] = (),
                    failures: Sequence[Failure] = (), replace: bool = False) -> int:
        """Write a batch in one transaction: every table's rows for each analysis, the
        ``unanalysed`` articles (``analysed`` false, no analysis rows) and the ``failures``.
        An article already stored is skipped, or with ``replace`` its rows in every table are
        deleted and written anew. Returns how many articles were written."""
        self._check_open()
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        batch: dict[str, tuple[Article, Analysis | None]] = {}
        for analysis in analyses:
            batch.setdefault(store_id(analysis.article), (analysis.article, analysis))
        for article in unanalysed:
            batch.setdefault(store_id(article), (article, None))
        with self._connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                written = self._write(con, batch, failures, replace, now)
                con.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(duckdb.Error):  # keep the first error, not this one
                    con.execute("ROLLBACK")
                raise
            con.execute("CHECKPOINT")
        return written

    def update_corpus(self, progress: Any = None) -> Any:
        """Bring the derived tables (origins, event clusters) up to date with the articles
        stored, in one transaction; returns a :class:`claimtrail.corpus.update.UpdateSummary`."""
        from ..corpus.update import update

        self._check_open()
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with self._connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                summary = update(con, _insert, now, progress)
                con.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                raise
            con.execute("CHECKPOINT")
        return summary

    def _write(self, con: Any, batch: dict[str, tuple[Article, Analysis | None]],
               failures: Sequence[Failure], replace: bool, now: dt.datetime) -> int:
        if batch:
            con.register("batch_ids", pa.table({"id": pa.array(list(batch), pa.string())}))
            present = {r[0] for r in con.execute(
                "SELECT id FROM articles WHERE id IN (SELECT id FROM batch_ids)").fetchall()}
            if replace and present:
                con.register("replaced_ids", pa.table({"id": pa.array(sorted(present), pa.string())}))
                for table in _PER_ARTICLE:
                    key = "id" if table == "articles" else "article_id"
                    con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM replaced_ids)")
                present = set()
            con.unregister("batch_ids")
        else:
            present = set()
        rows: dict[str, list[Row]] = {name: [] for name in (*ARTICLE_TABLES, "failures")}
        for sid, (article, analysis) in batch.items():
            if sid in present:
                continue
            rows["articles"].append(article_row(article, sid, now, analysis))
            if analysis is not None:
                for table, table_rows in analysis_rows(analysis, sid).items():
                    rows[table].extend(table_rows)
        rows["failures"] = [failure_row(f, now) for f in failures]
        for table, table_rows in rows.items():
            if table_rows:
                _insert(con, table, table_rows)
        if rows["failures"]:
            # the same input and record failing again (a rerun reads it again) stays one row,
            # dated by its latest failure
            con.execute("DELETE FROM failures AS f WHERE EXISTS (SELECT 1 FROM failures AS n "
                        "WHERE n.input = f.input AND n.record IS NOT DISTINCT FROM f.record "
                        "AND n.code = f.code AND n.failed_at > f.failed_at)")
        return len(rows["articles"])

    def _connect(self) -> Any:
        return connection(self.path, read_only=False, timeout=self.timeout)

    def _check_open(self) -> None:
        if self._lock is None:
            raise StoreError("the Writer is not open: use it as 'with Writer(path) as writer:'")


def _take_lock(lock_path: Path, path: Path, wait: bool) -> IO[str]:
    try:
        handle = lock_path.open("a+", encoding="utf-8")
    except OSError as err:
        raise StoreError(f"cannot write the corpus {path}: {err.strerror} ({lock_path})") from None
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise StoreBusy(f"{path} is being written by another 'claimtrail ingest' (pid {holder}); "
                        "wait for it, or pass --wait") from None
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


_ARROW = {"INTEGER": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
          "VARCHAR[]": pa.list_(pa.string()), "TIMESTAMP": pa.timestamp("us"),
          "BLOB": pa.binary(), "FLOAT[]": pa.list_(pa.float32())}


_SURROGATE = re.compile("[\ud800-\udfff]")


def _insert(con: Any, table: str, rows: list[Row]) -> None:
    """Insert ``rows`` as one Arrow table (dates and JSON go as text and are cast by DuckDB)."""
    columns = COLUMNS[table]
    data = pa.table({c.name: pa.array([_utf8(r[c.name]) for r in rows], _arrow_type(c))
                     for c in columns})
    view = f"new_{table}"
    con.register(view, data)
    try:
        names = ", ".join(f'"{c.name}"' for c in columns)
        values = ", ".join(_select(c) for c in columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {values} FROM {view}")
    finally:
        con.unregister(view)


def _utf8(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()  # DATE columns go as text (cast by DuckDB)
    return _no_surrogates(value)


def _no_surrogates(value: Any) -> Any:
    """A lone surrogate (from a name that was not UTF-8) cannot be stored: U+FFFD in its place,
    one character for one, so offsets stay valid."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return _SURROGATE.sub("\ufffd", value)
    return value


def _arrow_type(column: Column) -> pa.DataType:
    return _ARROW.get(column.type.split(" PRIMARY")[0], pa.string())


def _select(column: Column) -> str:
    name = f'"{column.name}"'
    if column.type == "DATE":
        return f"TRY_CAST({name} AS DATE)"
    if column.type == "JSON":
        return f"CAST({name} AS JSON)"
    return name
