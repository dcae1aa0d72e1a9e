"""The corpus store: one DuckDB file holding articles, their analyses and the failures.

:class:`Writer` is the only code that writes to it (``claimtrail ingest`` goes through it);
:class:`Corpus` reads it. The tables and columns are documented in :mod:`.schema`. DuckDB and
Arrow are imported when one of these is first used, so the CLI starts without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .corpus import Corpus
    from .rows import store_id
    from .writer import Writer

__all__ = ["Corpus", "Writer", "store_id"]


def __getattr__(name: str) -> Any:
    if name == "Corpus":
        from .corpus import Corpus

        return Corpus
    if name == "Writer":
        from .writer import Writer

        return Writer
    if name == "store_id":
        from .rows import store_id

        return store_id
    raise AttributeError(f"module 'claimtrail.store' has no attribute {name!r}")
