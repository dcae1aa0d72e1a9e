"""Ingest: turn a file, a URL, stdin or bytes into an :class:`~claimtrail.records.Article`;
turn folders and JSON lines, CSV, feed and WARC files into a stream of Articles and Failures."""

from .inputs import expand_inputs, read_inputs
from .reader import ingest, ingest_bytes
from .recordmeta import RecordKeys

__all__ = ["RecordKeys", "expand_inputs", "ingest", "ingest_bytes", "read_inputs"]
