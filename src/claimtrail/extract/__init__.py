"""Extractors: pure functions over a parsed Doc (no I/O, no globals)."""

from .entities import extract_entities
from .times import extract_times

__all__ = ["extract_entities", "extract_times"]
