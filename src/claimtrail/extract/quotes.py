"""Direct quotations by their marks: “…”, «…», "…", ''…'' (two apostrophes, as in some newspaper
archives) and ``…'' (typewriter style). Quotes may cross sentence boundaries, and paragraphs when
each continued paragraph reopens the quotation (news convention: only the last paragraph closes
it); an unpaired mark opens nothing (textacy raises on odd counts; we don't)."""

from __future__ import annotations

import bisect
import functools
import re

# the marks that may close a quotation opened by each mark: sloppy copy mixes curly and straight
# marks ('“It is over," he said'), and a curly mark typed the wrong way round closes a straight one
_CLOSERS = {"“": "”\"", "«": "»", "„": "“\"", "\"": "\"”“"}
# a transcript's turn: '"WALLACE: …' names its own speaker, so a paragraph that opens with such a
# label neither continues the quotation before it nor is continued by the next one
_TURN = re.compile(r"[ \t]*[A-Z][A-Z.'’ -]{0,30}:")


def find_quotes(text: str, min_chars: int = 2) -> list[tuple[int, int]]:
    """(start, end) character spans of quotations, marks included. The attribution and claims
    layers both ask for the same article's quotations: the last few answers are kept."""
    return list(_find_quotes(text, min_chars))


@functools.lru_cache(maxsize=4)
def _find_quotes(text: str, min_chars: int) -> tuple[tuple[int, int], ...]:
    return tuple(_scan_quotes(text, min_chars))


def _scan_quotes(text: str, min_chars: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    # where the search from an unclosed mark of each kind gave up: a mark of that kind before that
    # point (one it passed over, or one that reopens a paragraph it crossed) gives up there too
    gave_up: dict[str, int] = {}
    i = 0
    while i < len(text):
        opening = _opening_at(text, i)
        if opening is None:
            i += 1
            continue
        close = -1 if i < gave_up.get(opening, -1) else _closing_at(text, i, opening)
        if close < 0:
            if i >= gave_up.get(opening, -1):
                gave_up[opening] = -close
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
    """Where the quotation opened at ``start`` closes (the index of its closing mark), or, when it
    does not, minus the index where the search gave up. A paragraph break ends the search, except
    for multi-paragraph quotes whose next paragraph reopens with the same mark (newspaper
    convention): the reopening mark is part of the quotation, not its end. Transcripts, whose
    paragraphs open with a speaker's label, are not continued quotations."""
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
        if text[j] == "\n":
            k = j + 1
            while k < len(text) and text[k].isspace():
                k += 1
            if j == start + len(opening) or not text.startswith(opening, k) \
                    or _TURN.match(text, k + len(opening)) or _TURN.match(text, start + len(opening)):
                return -j  # (a mark at the end of a line opens nothing)
            j = k + len(opening)
            continue
        j += 1
    return -len(text)


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
