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
# every character that may open a quotation (see _opening_at)
_MARK = re.compile("[" + re.escape("".join(_CLOSERS) + "'`") + "]")
_TURN = re.compile(r"[ \t]*[A-Z][A-Z.'’ -]{0,30}:")
# a markup tag with attributes, as some archives keep embedded posts: '<tweet id="…" author="…">'
_TAG = re.compile(r"""<[A-Za-z][\w-]*(?:[ \t]+[\w-]+=(?:"[^"<>\n]*"|'[^'<>\n]*'))+[ \t]*/?>""")


def find_quotes(text: str, min_chars: int = 2) -> list[tuple[int, int]]:
    """(start, end) character spans of quotations, marks included. The attribution and claims
    layers both ask for the same article's quotations: the last few answers are kept."""
    return list(_find_quotes(text, min_chars))


@functools.lru_cache(maxsize=4)
def _find_quotes(text: str, min_chars: int) -> tuple[tuple[int, int], ...]:
    if "<" in text:  # the marks of a markup tag's attributes quote nothing: blank them
        text = _TAG.sub(_blank_marks, text)
    return tuple(_scan_quotes(text, min_chars))


def _blank_marks(tag: re.Match[str]) -> str:
    return tag.group().replace('"', " ").replace("'", " ")


def _scan_quotes(text: str, min_chars: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    # where the search from an unclosed mark of each kind gave up: a mark of that kind before that
    # point (one it passed over, or one that reopens a paragraph it crossed) gives up there too
    gave_up: dict[str, int] = {}
    i = _next_mark(text, 0)
    while i < len(text):
        opening = _opening_at(text, i)
        if opening is None:
            i = _next_mark(text, i + 1)  # (only a mark can open a quotation: skip to the next)
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


def _next_mark(text: str, start: int) -> int:
    """The index of the next character at or after ``start`` that may open a quotation."""
    found = _MARK.search(text, start)
    return found.start() if found is not None else len(text)


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
            if j == start + len(opening) or _TURN.match(text, start + len(opening)):
                return -j  # (a mark at the end of a line opens nothing)
            if not text.startswith(opening, k) or _TURN.match(text, k + len(opening)):
                close = _closing_lines(text, start, j, opening)
                return close if close >= 0 else -j
            j = k + len(opening)
            continue
        j += 1
    return -len(text)


def _closing_lines(text: str, start: int, newline: int, opening: str) -> int:
    """Where a quotation that reaches the end of its line without closing closes, when the text
    puts one sentence on each line (as some corpora do: a single line break, no blank line):
    the first closing mark on the next few lines, if it stands where a quotation ends (after a
    word or a stop, before a space, a stop or the line's end), no line opens a quotation of its
    own before it and the quotation opened a sentence. Else -1."""
    if (start > 0 and text[start - 1] not in "\n \t") or text.startswith("\n", newline + 1):
        return -1
    lines = 0
    j = newline
    limit = min(len(text), newline + _LINE_RUN_CHARS)
    while j < limit:
        ch = text[j]
        if ch == "\n":
            lines += 1
            if lines > _LINE_RUN_LINES or text.startswith("\n", j + 1):
                return -1  # too far, or a blank line: a paragraph ends the search
            k = j + 1
            while k < len(text) and text[k] in " \t":
                k += 1
            if k >= len(text) or _opening_at(text, k) is not None or _TURN.match(text, k):
                return -1  # the next line opens a quotation (or a speaker's turn) of its own
            j = k
            continue
        if len(opening) == 2:
            if text.startswith("''", j):
                return j if _closes_here(text, j, 2) else -1
        elif ch in _CLOSERS[opening]:
            return j if _closes_here(text, j, 1) else -1
        elif ch == opening and j > newline:
            return -1  # a second opening mark before any closing one: the first is unpaired
        j += 1
    return -1


def _closes_here(text: str, j: int, width: int) -> bool:
    """Whether a mark at ``j`` stands where a quotation closes: after a word or a stop, and
    before a space, a stop, a comma or the end of the text."""
    after = text[j + width:j + width + 1]
    return j > 0 and not text[j - 1].isspace() and (after == "" or after.isspace()
                                                     or after in ",.;:?!)")


# how far a quotation may run over single line breaks (one sentence a line) before it closes
_LINE_RUN_LINES = 6
_LINE_RUN_CHARS = 3000


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
