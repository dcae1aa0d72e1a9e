"""Small helpers shared by the extractors, and per-Doc tables that keep them linear in the length
of a sentence and of an article: look-ups by position (bisect over sorted starts) instead of a scan
of every item for every item."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any


class SentenceIndex:
    """Maps a character offset to the 0-based index of its sentence."""

    def __init__(self, doc: Any) -> None:
        self.starts = [sent.start_char for sent in doc.sents]

    def __call__(self, char: int) -> int:
        return max(bisect.bisect_right(self.starts, char) - 1, 0)


class IntervalIndex:
    """Half-open ``(start, end)`` intervals, to find those that overlap a range without scanning
    them all: sorted by start, with the running maximum of their ends, so that a scan back from
    the range stops at the first interval before which none reaches it. The cost of a query is the
    number of intervals that start inside the longest one that overlaps the range."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._items = sorted((s, e, k) for k, (s, e) in enumerate(spans))
        self._starts = [s for s, _, _ in self._items]
        self._reach = list(itertools.accumulate((e for _, e, _ in self._items), max))

    def overlapping(self, start: int, end: int) -> Iterator[int]:
        """Positions (in the order given) of the intervals with ``s < end and e > start``, from the
        latest start back; an empty range ``start == end`` is treated as the point ``start``."""
        j = bisect.bisect_left(self._starts, max(end, start + 1)) - 1
        while j >= 0 and self._reach[j] > start:
            _, e, k = self._items[j]
            if e > start:
                yield k
            j -= 1

    def containing(self, start: int, end: int) -> Iterator[int]:
        """Positions of the intervals that hold all of ``[start, end)``: ``s <= start`` and
        ``end <= e``, from the latest start back."""
        j = bisect.bisect_right(self._starts, start) - 1
        while j >= 0 and self._reach[j] >= end:
            _, e, k = self._items[j]
            if e >= end:
                yield k
            j -= 1


def subtree_span(token: Any) -> tuple[int, int]:
    """``(start_char, end_char)`` from the first to the last token of ``token.subtree``, from a
    table built once per Doc: iterating the subtree of every cue of a long sentence of nested
    clauses is quadratic in its length. ``left_edge``/``right_edge`` are not the same in a
    non-projective parse: ``subtree`` follows only the children spaCy finds between the edges."""
    lo, hi = subtree_bounds(token.doc)
    doc = token.doc
    last = doc[hi[token.i]]
    return doc[lo[token.i]].idx, last.idx + len(last.text)


def doc_children(doc: Any) -> list[list[int]]:
    """``[c.i for c in doc[i].children]`` for every token ``i``, built once per Doc from the heads
    (``Token.children`` scans the token's whole span on each call)."""
    cached: list[list[int]] | None = doc.user_data.get("claimtrail.children")
    if cached is None:
        cached = doc.user_data["claimtrail.children"] = _children_table(doc)
    return cached


def _children_table(doc: Any) -> list[list[int]]:
    """From the heads alone (``Doc.to_array``, no Token objects). spaCy's ``Token.children`` are
    the tokens between the head's edges whose head it is, and every dependent is between them:
    spaCy sets the edges from the heads (``set_children_from_heads``) by taking, for every token
    in turn, the lowest left and highest right edge of the token and its head, so that the
    head's edges reach at least the token itself. Ascending order, as ``children`` yields them."""
    from spacy.attrs import HEAD

    n = len(doc)
    children: list[list[int]] = [[] for _ in range(n)]
    if not n:
        return children
    for i, offset in enumerate(doc.to_array(HEAD).tolist()):
        if offset:
            # (a uint64 offset: a head to the left wraps round)
            children[i + (offset - (1 << 64) if offset >> 63 else offset)].append(i)
    return children


def dfs_order(doc: Any) -> tuple[list[int], list[int], list[int]]:
    """``(enter, leave, parent)`` of every token in one walk of the children table: ``y`` is in
    ``doc[x].subtree`` exactly when ``enter[x] <= enter[y] < leave[x]``; ``parent`` is the token
    whose children list holds it (-1 for roots). Built once per Doc."""
    cached: tuple[list[int], list[int], list[int]] | None = doc.user_data.get("claimtrail.dfs")
    if cached is not None:
        return cached
    children = doc_children(doc)
    n = len(doc)
    parent = [-1] * n
    for i, kids in enumerate(children):
        for c in kids:
            parent[c] = i
    enter, leave = [0] * n, [0] * n
    clock = 0
    stack: list[tuple[int, bool]] = [(i, False) for i in reversed(range(n)) if parent[i] < 0]
    while stack:
        i, done = stack.pop()
        if done:
            leave[i] = clock
            continue
        enter[i] = clock
        clock += 1
        stack.append((i, True))
        stack.extend((c, False) for c in reversed(children[i]))
    doc.user_data["claimtrail.dfs"] = (enter, leave, parent)
    return enter, leave, parent


def subtree_bounds(doc: Any) -> tuple[list[int], list[int]]:
    """The first and last token index of every token's subtree (built once per Doc)."""
    cached: tuple[list[int], list[int]] | None = doc.user_data.get("claimtrail.subtree")
    if cached is not None:
        return cached
    children = doc_children(doc)
    n = len(doc)
    listed = [False] * n
    for kids in children:
        for i in kids:
            listed[i] = True
    order: list[int] = []
    stack = [i for i in range(n) if not listed[i]]  # roots, and children spaCy does not list
    while stack:
        i = stack.pop()
        order.append(i)
        stack.extend(children[i])
    lo = list(range(n))
    hi = list(range(n))
    for i in reversed(order):  # children before their heads
        for c in children[i]:
            lo[i] = min(lo[i], lo[c])
            hi[i] = max(hi[i], hi[c])
    doc.user_data["claimtrail.subtree"] = (lo, hi)
    return lo, hi


def with_lemma(doc: Any, lemmas: frozenset[str] | set[str]) -> list[int]:
    """Indices of the tokens whose lower-cased lemma is one of ``lemmas``, read from the Doc's
    lemma array (one look-up per distinct lemma, no Token object per word)."""
    from spacy.attrs import LEMMA

    if not len(doc):
        return []
    column = doc.to_array(LEMMA)
    strings = doc.vocab.strings
    wanted = [h for h in set(column.tolist()) if strings[h].lower() in lemmas]
    if not wanted:
        return []
    import numpy as np

    return np.flatnonzero(np.isin(column, wanted)).tolist()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def doc_text(doc: Any) -> str:
    """``doc.text`` joins every token on each call; keep it once per Doc (in ``user_data``)."""
    text = doc.user_data.get("claimtrail.text")
    if text is None:
        text = doc.user_data["claimtrail.text"] = doc.text
    return str(text)


def line_bounds(doc: Any, char: int) -> tuple[int, int]:
    """``(start, end)`` of the line that holds ``char``: what ``text.rfind("\\n", 0, char) + 1`` and
    ``text.find("\\n", char)`` (or the text's end) give, from the line breaks listed once per Doc."""
    breaks: list[int] | None = doc.user_data.get("claimtrail.line_breaks")
    text = doc_text(doc)
    if breaks is None:
        breaks = doc.user_data["claimtrail.line_breaks"] = [
            m.start() for m in re.finditer("\n", text)]
    k = bisect.bisect_left(breaks, char)
    start = breaks[k - 1] + 1 if k > 0 else 0
    end = breaks[k] if k < len(breaks) else len(text)
    return start, end
