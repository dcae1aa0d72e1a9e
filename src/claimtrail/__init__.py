"""claimtrail: who says what happened, to whom, where and when — and how sure they are."""

from __future__ import annotations

__version__ = "0.1.0"

from .analyze import analyze, analyze_many
from .failures import Failure
from .ingest.recordmeta import RecordKeys
from .options import AnalyzeOptions

__all__ = ["AnalyzeOptions", "Failure", "RecordKeys", "__version__", "analyze", "analyze_many"]
