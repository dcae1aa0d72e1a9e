"""What the real-news gold sets (claims, events) share: texts read from the shared data folder
and checked against the hash the gold holds, strings found at word boundaries, the gold files of
a folder, and the annotators' ``check|build DRAFT...`` command."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import DataError


class GoldError(DataError):
    """A gold or draft file that cannot be used, with the reason."""


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_text(data_root: Path, path: str) -> str:
    full = data_root / path
    try:
        return full.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise GoldError(f"{full}: the text is missing (is the shared data folder at "
                        f"{data_root}? give --data)") from None


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` in ``text`` that starts and ends at a word boundary."""
    if not needle:
        return []
    before = r"(?<!\w)" if re.match(r"\w", needle[0]) else ""
    after = r"(?!\w)" if re.match(r"\w", needle[-1]) else ""
    pattern = re.compile(before + re.escape(needle) + after)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def disjoint(spans: list[tuple[int, int]]) -> list[list[int]]:
    """The spans without overlaps (a longer span wins), in text order."""
    kept: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return [list(s) for s in sorted(kept)]


def gold_files(folder: Path) -> list[Path]:
    """The gold files of ``folder``, in name order (none is an error)."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise GoldError(f"{folder}: no gold files (*.json)")
    return files


def annotated_path(path: Path) -> str | None:
    """The text a gold file annotates (its ``path``), or None when the file cannot say."""
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("path")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def read_gold_file(path: Path, data_root: Path, fmt: str, what: str) -> tuple[dict[str, Any], str]:
    """A gold file of format ``fmt`` and the text it annotates, whose hash must still match."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise GoldError(f"{path}: cannot read the gold file ({err})") from None
    if raw.get("format") != fmt:
        raise GoldError(f"{path}: not {what} gold file (format {raw.get('format')!r})")
    text = read_text(data_root, raw["path"])
    if text_hash(text) != raw["sha256"]:
        raise GoldError(f"{path}: the text {raw['path']} has changed since it was annotated "
                        "(its SHA-256 differs)")
    return raw, text


Build = Callable[[dict[str, Any], Path], tuple[dict[str, Any], list[str]]]


def draft_command(argv: list[str] | None, prog: str, out: str, build: Build,
                  describe: Callable[[dict[str, Any]], str],
                  render: Callable[[str, dict[str, Any]], Iterable[str]]) -> int:
    """``check|build DRAFT... [--data D] [--out DIR]``: ``check`` prints what ``render`` makes
    of each built draft, ``build`` writes the gold files of drafts without problems. Exits 1
    when any draft has a problem or cannot be read."""
    import argparse

    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("action", choices=("check", "build"))
    parser.add_argument("drafts", nargs="+", type=Path)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path(out))
    args = parser.parse_args(argv)
    failed = 0
    for draft_path in args.drafts:
        try:
            draft = json.loads(draft_path.read_text(encoding="utf-8"))
            gold, problems = build(draft, args.data)
            text = read_text(args.data, draft["path"])
        except (OSError, ValueError, KeyError, GoldError) as err:
            print(f"== {draft_path.name}: cannot use the draft ({err})")
            failed += 1
            continue
        print(f"== {draft_path.name}: {describe(gold)}")
        if args.action == "check":
            for line in render(text, gold):
                print("  " + line)
        for problem in problems:
            print(f"  PROBLEM {problem}")
        failed += bool(problems)
        if args.action == "build" and not problems:
            args.out.mkdir(parents=True, exist_ok=True)
            target = args.out / (draft_path.stem + ".json")
            target.write_text(json.dumps(gold, indent=1) + "\n", encoding="utf-8")
    return 1 if failed else 0


def analysed(articles: list[Any], data_root: Path, nlp: Any,
             progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None
             ) -> Iterator[tuple[Any, Any]]:
    """Each gold article (with ``path`` and ``text``) and its analysis, the file read as
    ``claimtrail analyze`` reads it. The reader must keep a text file's characters, else the gold
    offsets would not apply (it may drop trailing white space, which moves no offset)."""
    from ..analyze import analyze_article
    from ..ingest import ingest

    items: Iterable[Any] = articles if progress is None else progress(articles, len(articles))
    for art in items:
        article = ingest(data_root / art.path)
        if not (art.text.startswith(article.text) and not art.text[len(article.text):].strip()):
            raise DataError(f"{art.path}: ingest changed the text, so the gold offsets do "
                            "not apply (the reader must keep a .txt file's characters)")
        yield art, analyze_article(article, nlp(article.analysed_text), nlp)
