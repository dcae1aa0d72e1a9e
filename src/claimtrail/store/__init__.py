"""The corpus store: one DuckDB file holding articles, their analyses and the failures.

:class:`Writer` is the only code that writes to it (``claimtrail ingest`` goes through it);
:class:`Corpus` reads it. The tables and columns are documented in :mod:`.schema`.
"""

from __future__ import annotations

from .corpus import Corpus
from .rows import store_id
from .writer import Writer

__all__ = ["Corpus", "Writer", "store_id"]
