"""Datelines the parser takes for a subject: 'LONDON (Reuters) - Donald Trump said…'."""

from __future__ import annotations

from typing import Any

from .._util import doc_text, line_bounds
from .spans import _DASHES, _span


def _dateline(token: Any) -> bool:
    """'LONDON (Reuters) -', 'PHILADELPHIA, July 29 (UPI) —', 'KYIV, Ukraine (AP) —': a place in
    capitals opening its line, closed by a dash, which the parser may take for the subject."""
    text = doc_text(token.doc)
    subtree = list(token.subtree)
    first = subtree[0]
    line_start = line_bounds(token.doc, first.idx)[0]
    if text[line_start:first.idx].strip() or not first.is_upper or len(first.text) < 2:
        return False
    return any(t.text in _DASHES for t in subtree)


def _after_dateline(subject: Any, verb: Any) -> tuple[int, int] | None:
    """The words of a subject after its dateline's dash ('MACAU (Reuters) – Top donor Sheldon
    Adelson'), or None when the dateline is all there is."""
    tokens = [t for t in subject.subtree if t.i < verb.i]
    dash = max(k for k, t in enumerate(tokens) if t.text in _DASHES)
    rest = [t for t in tokens[dash + 1:] if not t.is_punct]
    return _span(rest) if rest else None
