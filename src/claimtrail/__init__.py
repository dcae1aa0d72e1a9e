"""claimtrail: who says what happened, to whom, where and when — and how sure they are."""

from __future__ import annotations

__version__ = "0.1.0"

from .analyze import analyze, analyze_many
from .options import AnalyzeOptions

__all__ = ["AnalyzeOptions", "__version__", "analyze", "analyze_many"]
