"""Small helpers on character spans: trimming, overlap, whether a span is quoted."""

from __future__ import annotations

from typing import Any

from .._util import doc_children, subtree_bounds
from ..quotes import quotes_overlapping

_DASHES = frozenset({"-", "--", "–", "—", "―"})
_SEPARATORS = frozenset({",", ";", "—", "–", "--", "-"})
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


def _through_preposition(token: Any, cue: tuple[int, int], content: tuple[int, int] | None
                         ) -> tuple[int, int]:
    """'talked about the war', 'warned of new attacks': the preposition between a verb cue and
    its content is part of the cue."""
    if content is None or content[0] < cue[1]:
        return cue
    doc = token.doc
    last = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if last is None:
        return cue
    k = last.end
    if k < len(doc) and doc[k].dep_ == "prep" and doc[k].head.i == token.i \
            and content[0] - (doc[k].idx + len(doc[k].text)) <= 1:
        return cue[0], doc[k].idx + len(doc[k].text)
    return cue


def _trailing_cut(doc: Any, i: int, deps: frozenset[str], contrast: frozenset[str] = frozenset()
                  ) -> int | None:
    """The index of the comma or dash before the highest trailing modifier (of a dependency in
    ``deps``, or a conjunct after one of the ``contrast`` conjunctions) on the right spine of
    ``doc[i]``'s subtree, or None: where a span that stops before the modifiers set off at its
    end stops. Memoised per Doc and rule, so that the spans of all the cues of a sentence cost
    one walk of each spine (linear, not quadratic, in a sentence of nested clauses)."""
    memos: dict[tuple[frozenset[str], frozenset[str]], dict[int, int | None]] = \
        doc.user_data.setdefault("claimtrail.trailing_cut", {})
    memo = memos.setdefault((deps, contrast), {})
    if i in memo:
        return memo[i]
    lo, hi = subtree_bounds(doc)
    children = doc_children(doc)
    path = []
    x: int | None = i
    while x is not None and x not in memo:
        path.append(x)
        x = next((c for c in reversed(children[x]) if c > x and hi[c] == hi[x]), None)
    below = memo.get(x) if x is not None else None
    for k in range(len(path) - 1, -1, -1):
        node = path[k]
        if k + 1 < len(path) or x is not None:
            child = path[k + 1] if k + 1 < len(path) else x
            assert child is not None
            sep = _separator(doc, lo[child], child, deps, contrast)
            if sep is not None:
                below = sep
        memo[node] = below
    return memo[i]


def _separator(doc: Any, first: int, child: int, deps: frozenset[str], contrast: frozenset[str]
               ) -> int | None:
    """The comma or dash that sets off the modifier ``doc[child]`` (starting at ``first``), when
    it is one the content ends before."""
    tok = doc[child]
    before = first - 1
    if before < 0:
        return None
    if tok.dep_ == "conj":
        cc = doc[before]
        if cc.dep_ != "cc" or cc.lower_ not in contrast or before < 1:
            return None
        before -= 1
    elif tok.dep_ not in deps:
        return None
    return before if doc[before].text in _SEPARATORS else None
