"""Direct quotations by their marks: “…”, «…», "…", ''…'' (two apostrophes, as in some newspaper
archives) and ``…'' (typewriter style). Quotes may cross
sentence boundaries; an unpaired mark opens nothing (textacy raises on odd counts; we don't)."""

from __future__ import annotations

# the marks that may close a quotation opened by each mark: sloppy copy mixes curly and straight
# marks ('“It is over," he said'), and a curly mark typed the wrong way round closes a straight one
_CLOSERS = {"“": "”\"", "«": "»", "„": "“\"", "\"": "\"”“"}


def find_quotes(text: str, min_chars: int = 2) -> list[tuple[int, int]]:
    """(start, end) character spans of quotations, marks included."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "'`" and text.startswith(ch * 2, i):
            end = _double_mark_end(text, i)
            if end == -1:
                i += 2
                continue
            if end - i - 2 >= min_chars:
                spans.append((i, end + 2))
            i = end + 2
            continue
        closers = _CLOSERS.get(ch)
        if closers is None:
            i += 1
            continue
        # a paragraph break ends an unclosed quote search, except for multi-paragraph quotes
        # whose next paragraph reopens with the same mark (newspaper convention)
        j = i + 1
        depth_end = -1
        while j < n:
            if text[j] in closers and j > i + 1:
                depth_end = j
                break
            if text[j] == "\n" and j + 1 < n and text[j + 1] != ch:
                break
            j += 1
        if depth_end == -1:
            i += 1
            continue
        if depth_end - i - 1 >= min_chars:
            spans.append((i, depth_end + 1))
        i = depth_end + 1
    return spans


def _double_mark_end(text: str, start: int) -> int:
    """Where the ''…'' or ``…'' quotation opened at ``start`` closes (the index of its closing
    two apostrophes), or -1. Like the other marks, a paragraph break ends the search unless the
    next paragraph reopens the quotation."""
    opening = text[start:start + 2]
    j = start + 2
    n = len(text)
    while j < n - 1:
        if text[j] == "'" and text[j + 1] == "'":
            return j
        if text[j] == "\n" and not text.startswith(opening, j + 1):
            return -1
        j += 1
    return -1
