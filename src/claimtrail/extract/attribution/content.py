"""The content of a verb cue: its clause or object, or the quotation next to it."""

from __future__ import annotations

from typing import Any

from .._util import doc_text, subtree_span
from ..quotes import quotes_overlapping
from .spans import _strip


def _content(token: Any, content_token: Any, quotes: list[tuple[int, int]]
             ) -> tuple[int, int] | None:
    doc = token.doc
    if content_token is None:
        prep = next((c for c in token.children if c.dep_ == "prep"
                     and c.lower_ in ("for", "about", "of")), None)  # "warned of new attacks"
        if prep is None:
            return None
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            return None
        content_token = obj
    if content_token.lower_ == "it" and content_token.dep_ == "dobj":
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return None
        content_token = clause
    span = _strip(doc_text(doc), subtree_span(content_token))
    if span[1] <= span[0]:
        return None
    # a content that runs into a quotation (inside its marks) is the quotation
    hit = quotes_overlapping(quotes, span[0] + 1, span[1] - 1)
    if hit:
        first, last = hit[0], hit[-1]
        span = (min(span[0], first[0]), max(span[1], last[1]))
        if span[0] < token.idx < span[1]:  # the cue sits inside: keep the quotation alone
            span = first if first[1] <= token.idx else last
    return span


def _adjacent_quote(token: Any, sent: Any, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation in the cue's sentence (or ending right before it)."""
    best = None
    for start, end in quotes_overlapping(quotes, sent.start_char - 3, sent.end_char + 1):
        distance = min(abs(token.idx - end), abs(start - token.idx))
        if best is None or distance < best[0]:
            best = (distance, (start, end))
    return best[1] if best else None
