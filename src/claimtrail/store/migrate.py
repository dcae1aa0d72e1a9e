"""Bring a corpus file to the current schema, or refuse one written by a newer claimtrail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..errors import StoreError, StoreVersionError
from .schema import LATEST, MIGRATIONS, MIGRATIONS_TABLE, Migration


def applied_version(con: Any, path: str = "the corpus file") -> int:
    """The highest migration recorded in the file: 0 for an empty file or an empty
    ``schema_migrations``; a file with tables but no ``schema_migrations`` is not a corpus."""
    tables = {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if "schema_migrations" not in tables:
        if tables:
            raise StoreError(f"{path} is a DuckDB file but not a claimtrail corpus (it has no "
                             "schema_migrations table); name another file with --db")
        return 0
    rows = con.execute("SELECT max(version) FROM schema_migrations").fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def check_version(version: int, path: str, latest: int = LATEST) -> None:
    if version > latest:
        raise StoreVersionError(
            f"{path} has corpus schema version {version}, newer than the {latest} that claimtrail "
            f"{__version__} knows; upgrade claimtrail to read or write it")


def migrate(con: Any, path: str = "the corpus file",
            migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply the migrations the file lacks, in order, each in one transaction with its row in
    ``schema_migrations``; returns the versions applied."""
    current = applied_version(con, path)
    con.execute(MIGRATIONS_TABLE)
    check_version(current, path, max((m.version for m in migrations), default=0))
    done: list[int] = []
    for migration in sorted(migrations, key=lambda m: m.version):
        if migration.version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                        [migration.version, _now(), __version__])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        done.append(migration.version)
    return done


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
