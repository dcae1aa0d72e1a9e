"""claimtrail: who says what happened, to whom, where and when — and how sure they are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .analyze import analyze, analyze_many
from .failures import Failure
from .ingest.recordmeta import RecordKeys
from .options import AnalyzeOptions

if TYPE_CHECKING:
    from .store import Corpus

__all__ = ["AnalyzeOptions", "Corpus", "Failure", "RecordKeys", "__version__", "analyze",
           "analyze_many"]


def __getattr__(name: str) -> Any:
    # the corpus store (DuckDB, Arrow) is imported only when asked for, not by 'analyze'
    if name == "Corpus":
        from .store import Corpus

        return Corpus
    raise AttributeError(f"module 'claimtrail' has no attribute {name!r}")
