"""Short-lived DuckDB connections to a corpus file.

DuckDB lets one process open a file read-write, or many open it read-only, never both at once.
The writer therefore holds no connection between batches, and readers open the file per call;
either side retries for a few seconds while the other holds it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreBusy, StoreError

#: How long a reader or the writer waits for the other side to close the file.
DEFAULT_TIMEOUT = 10.0


@contextmanager
def connection(path: Path, *, read_only: bool, timeout: float = DEFAULT_TIMEOUT,
               external_access: bool = True) -> Iterator[Any]:
    """A connection to ``path`` that is closed on exit, opened as soon as the file is free."""
    config: dict[str, str | bool | int | float | list[str]] = (
        {} if external_access else {"enable_external_access": False})
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=config)
            break
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise StoreError(f"cannot open {path}: {err}") from None
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    f"{path} stayed locked by another process for {timeout:g} s (DuckDB lets one "
                    "process write or many read, not both); try again when it is done") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.25)
        except duckdb.Error as err:
            raise StoreError(f"cannot open {path} as a DuckDB file: {err}") from None
    try:
        yield con
    finally:
        con.close()
