"""Small helpers on character spans: trimming, overlap, whether a span is quoted."""

from __future__ import annotations

from typing import Any

from ..quotes import quotes_overlapping

_DASHES = frozenset({"-", "--", "–", "—", "―"})
_TRIM_LEFT = " \t\n,;:—–-"
_TRIM_RIGHT = " \t\n,;:—–-."


def _span(tokens: Any, drop_possessive: bool = False) -> tuple[int, int]:
    toks = list(tokens)
    if drop_possessive:
        toks = [t for t in toks if t.dep_ != "case"]
    if not toks:
        return 0, 0
    first = min(toks, key=lambda t: t.i)
    last = max(toks, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start] in _TRIM_LEFT:
        start += 1
    while end > start and text[end - 1] in _TRIM_RIGHT:
        end -= 1
    return start, end


def _rstripped(text: str, end: int) -> int:
    """``len(text[:end].rstrip())``, without copying the text before ``end``."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _cut(source: tuple[int, int], content: tuple[int, int]) -> tuple[int, int]:
    if source[0] < content[0]:
        return source[0], min(source[1], content[0])
    return max(source[0], content[1]), source[1]


def _direct(span: tuple[int, int] | None, quotes: list[tuple[int, int]]) -> bool:
    return span is not None and bool(quotes_overlapping(quotes, span[0], span[1]))


def _quote_index(length: int, quotes: list[tuple[int, int]]) -> list[int]:
    index = [-1] * (length + 1)
    for k, (start, end) in enumerate(quotes):
        for i in range(start + 1, end - 1):
            index[i] = k
    return index
