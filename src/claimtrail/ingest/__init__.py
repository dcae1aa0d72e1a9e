"""Ingest: turn a file, a URL, stdin or bytes into an :class:`~claimtrail.records.Article`."""

from .reader import ingest, ingest_bytes

__all__ = ["ingest", "ingest_bytes"]
