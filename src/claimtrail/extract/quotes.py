"""Direct quotations by their marks: “…”, «…», "…", ''…'' (two apostrophes, as in some newspaper
archives) and ``…'' (typewriter style). Quotes may cross
sentence boundaries; an unpaired mark opens nothing (textacy raises on odd counts; we don't)."""

from __future__ import annotations

import bisect

# the marks that may close a quotation opened by each mark: sloppy copy mixes curly and straight
# marks ('“It is over," he said'), and a curly mark typed the wrong way round closes a straight one
_CLOSERS = {"“": "”\"", "«": "»", "„": "“\"", "\"": "\"”“"}


def find_quotes(text: str, min_chars: int = 2) -> list[tuple[int, int]]:
    """(start, end) character spans of quotations, marks included."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        opening = _opening_at(text, i)
        if opening is None:
            i += 1
            continue
        close = _closing_at(text, i, opening)
        if close == -1:
            i += len(opening)
            continue
        end = close + len(opening)
        if close - i - len(opening) >= min_chars:
            spans.append((i, end))
        i = end
    return spans


def _opening_at(text: str, i: int) -> str | None:
    """The quotation mark opening at ``i``: one character, or two apostrophes or backticks."""
    ch = text[i]
    if ch in "'`" and text.startswith(ch * 2, i):
        return ch * 2
    return ch if ch in _CLOSERS else None


def _closing_at(text: str, start: int, opening: str) -> int:
    """Where the quotation opened at ``start`` closes (the index of its closing mark), or -1. A
    paragraph break ends the search, except for multi-paragraph quotes whose next paragraph
    reopens with the same mark (newspaper convention)."""
    j = start + len(opening)
    while j < len(text):
        if len(opening) == 2:
            if text.startswith("''", j):
                return j
        elif text[j] in _CLOSERS[opening] and j > start + 1:
            return j
        elif opening == "“" and text[j] == "“" and text[j - 1] in ",.?!" \
                and text[j + 1:j + 2] in (" ", "\n", ""):
            return j  # an opening mark typed as the closer: '“It's unusual,“ said Noble'
        if text[j] == "\n" and not text.startswith(opening, j + 1):
            return -1
        j += 1
    return -1


def quotes_overlapping(quotes: list[tuple[int, int]], start: int, end: int
                       ) -> list[tuple[int, int]]:
    """The quotations of ``quotes`` (as :func:`find_quotes` gives them: in order, disjoint) with
    ``quote_start < end and quote_end > start``, found by bisection (every cue of an article asks)."""
    first = bisect.bisect_right(quotes, start, key=_end)
    last = bisect.bisect_left(quotes, end, key=_start)
    return quotes[first:last]


def _start(quote: tuple[int, int]) -> int:
    return quote[0]


def _end(quote: tuple[int, int]) -> int:
    return quote[1]
