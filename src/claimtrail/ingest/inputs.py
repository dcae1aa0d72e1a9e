"""Turn what a user names (files, folders, URLs, ``-``) into work: Articles ready to analyse, or
Failures. JSON lines, CSV, feed and WARC files yield one item per record, streamed.

``read_inputs`` is what ``analyze_many`` consumes; a library user can call it to see what would
be analysed, or pass Articles and Failures of their own through it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import ClaimtrailError, InputNotFound, NoArticleFiles, OptionError
from ..failures import Failure
from ..options import AnalyzeOptions
from ..records import Article
from .feeds import is_feed, read_feed
from .fetch import is_url_like
from .reader import ingest
from .recordmeta import RecordKeys
from .tabular import csv_columns, read_csv, read_jsonl
from .warc import read_warc

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".rss", ".atom", ".xml", ".warc", ".warc.gz")
# Folders never walked into: tool and package trees, not articles.
SKIPPED_FOLDERS = {"node_modules", "site-packages", "dist-packages", "__pycache__", "venv", "env"}

Item = Article | Failure


def kind_of(path: str) -> str:
    """``jsonl``, ``csv``, ``feed``, ``warc`` or ``article`` by the file's name."""
    name = path.lower()
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith((".rss", ".atom", ".xml")):
        return "feed"
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    return "article"


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[str | Failure]:
    """Files, URLs and ``-`` as given; a folder becomes its article and record files, sorted.

    Hidden folders and files, virtual environments and package folders are skipped; a folder
    with nothing to analyse is a Failure (E005), never a cue to read stdin.
    """
    for given in inputs:
        item = str(given)
        if item == "-" or is_url_like(item) or not Path(item).is_dir():
            yield item
            continue
        found = list(_walk(Path(item)))
        if not found:
            err = NoArticleFiles(
                f"{item}: no files to analyse in this folder (looked for "
                f"{', '.join(ARTICLE_SUFFIXES + RECORD_SUFFIXES)}, skipping hidden folders and "
                "virtual environments)")
            yield Failure(item, err.code, str(err))
        yield from found


def _walk(root: Path) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not _skipped(Path(folder) / d))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = str(Path(folder) / name)
            lower = name.lower()
            if lower.endswith(".xml"):
                if is_feed(path):
                    yield path
            elif lower.endswith(ARTICLE_SUFFIXES + RECORD_SUFFIXES):
                yield path


def _skipped(folder: Path) -> bool:
    name = folder.name
    return (name.startswith(".") or name in SKIPPED_FOLDERS or (folder / "pyvenv.cfg").exists()
            or folder.is_symlink())


def check_keys(sources: Iterable[str | Failure], keys: RecordKeys, max_bytes: int) -> None:
    """Raise OptionError when a key the user named is not a column of a CSV file given."""
    for source in sources:
        if isinstance(source, Failure) or kind_of(source) != "csv" or not Path(source).is_file():
            continue
        columns = csv_columns(source, max_bytes)
        if not columns:
            continue
        for option, key in keys.given().items():
            if key not in [c.strip() for c in columns]:
                raise OptionError(f"{option} {key!r} is not a column of {source} "
                                  f"(its columns: {', '.join(columns)})")


def read_inputs(
    sources: Iterable[str | Path | Article | Failure],
    options: AnalyzeOptions | None = None,
    keys: RecordKeys | None = None,
) -> Iterator[Item]:
    """Each input as Articles or Failures, in order; Articles and Failures given pass through."""
    options = options or AnalyzeOptions()
    keys = keys or RecordKeys()
    for source in sources:
        if isinstance(source, Article | Failure):
            yield source
            continue
        for item in expand_inputs([source]):
            if isinstance(item, Failure):
                yield item
            else:
                yield from _read_one(item, options, keys)


def _read_one(source: str, options: AnalyzeOptions, keys: RecordKeys) -> Iterator[Item]:
    kind = "article" if source == "-" or is_url_like(source) else kind_of(source)
    try:
        if kind == "article":
            yield ingest(source, options)
            return
        if not Path(source).exists():
            raise InputNotFound(f"{source}: no such file")
        if kind == "jsonl":
            yield from read_jsonl(source, options, keys)
        elif kind == "csv":
            yield from read_csv(source, options, keys)
        elif kind == "feed":
            yield from read_feed(source, options)
        else:
            yield from read_warc(source, options)
    except ClaimtrailError as err:
        yield Failure(source, err.code, str(err))
    except OSError as err:
        yield Failure(source, "E005", f"[E005] {source}: cannot be read ({err.strerror or err})")
    except Exception as err:  # one unreadable file never stops a batch
        yield Failure(source, "E099", f"[E099] {source}: reading failed: {type(err).__name__}: {err}")
