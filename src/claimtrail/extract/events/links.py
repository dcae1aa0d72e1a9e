"""Step 5, links: "in response to", "retaliatory", "after", "despite" tie an event to an earlier one,
with the source that asserts the link."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ...records import EventLink, TextSpan
from ..cue_model import parse_table
from .context import _Context, _Draft


def _link(ctx: _Context, drafts: list[_Draft], sents: list[Any]) -> None:
    lex = ctx.lex
    doc = ctx.doc
    first_words = {cue[0] for cues in lex.links.values() for cue in cues}
    cues = sorted(((kind, cue) for kind, group in lex.links.items() for cue in group),
                  key=lambda kc: -len(kc[1]))
    # the cues (longest first) by their first word: only those can match at a token
    by_first: dict[str, list[int]] = {}
    for k, (_, cue) in enumerate(cues):
        by_first.setdefault(cue[0], []).append(k)
    used: set[int] = set()
    index = _DraftIndex(drafts)
    # (read from the doc's table: a Token is made only for the words of a cue that matches)
    table = parse_table(doc)
    lowers, lemmas = table.lower, table.lemma
    n = len(lowers)
    for i, (lower, lemma) in enumerate(zip(lowers, lemmas, strict=True)):
        if lower not in first_words and lemma not in first_words:
            continue
        for kind, cue in (cues[k] for k in sorted({*by_first.get(lower, ()),
                                                   *by_first.get(lemma, ())})):
            if i in used or i + len(cue) > n:
                continue
            if any(lemmas[i + k] != c and lowers[i + k] != c for k, c in enumerate(cue)):
                continue
            words = [doc[i + k] for k in range(len(cue))]
            used.update(w.i for w in words)
            _add_link(ctx, index, kind, words)


class _DraftIndex:
    """The drafts (in text order) by the token of their trigger and by type, so that a link cue
    finds its sentence's events, its target and the earlier events of a type without a scan of
    every event of the article."""

    def __init__(self, drafts: list[_Draft]) -> None:
        self.drafts = drafts
        self._subtrees: dict[int, set[int]] = {}
        self._by_trigger = sorted(range(len(drafts)), key=lambda k: drafts[k].trigger.i)
        self._trigger_tokens = [drafts[k].trigger.i for k in self._by_trigger]
        self._by_char = sorted(range(len(drafts)), key=lambda k: drafts[k].trigger.idx)
        self._trigger_chars = [drafts[k].trigger.idx for k in self._by_char]
        # of each type, the drafts in the order given (by the start of their trigger's span)
        self.of_type: dict[str, list[int]] = {}
        for k, draft in enumerate(drafts):
            self.of_type.setdefault(draft.type, []).append(k)

    def of_type_back_from(self, type_: str, char: int) -> Iterator[int]:
        """Positions of the drafts of ``type_`` whose trigger's span starts at or before ``char``,
        the last first (the others' triggers start after ``char``)."""
        positions = self.of_type.get(type_, [])
        j = bisect.bisect_right(positions, char, key=lambda k: self.drafts[k].trigger_span[0])
        return (positions[i] for i in range(j - 1, -1, -1))

    def subtree(self, token: Any) -> set[int]:
        """The indices of ``token.subtree`` (kept: every link cue of a sentence asks)."""
        found = self._subtrees.get(token.i)
        if found is None:
            found = self._subtrees[token.i] = {t.i for t in token.subtree}
        return found

    def triggered_in(self, start: int, end: int) -> list[_Draft]:
        """The drafts whose trigger is token ``start`` to ``end - 1``, in the order given."""
        first = bisect.bisect_left(self._trigger_tokens, start)
        last = bisect.bisect_left(self._trigger_tokens, end)
        return [self.drafts[k] for k in sorted(self._by_trigger[first:last])]

    def at_chars(self, start: int, end: int) -> list[_Draft]:
        """The drafts whose trigger starts at a char in ``[start, end)``, in the order given."""
        first = bisect.bisect_left(self._trigger_chars, start)
        last = bisect.bisect_left(self._trigger_chars, end)
        return [self.drafts[k] for k in sorted(self._by_char[first:last])]


def _add_link(ctx: _Context, index: _DraftIndex, kind: str, words: list[Any]) -> None:
    first, last = words[0], words[-1]
    sent = first.sent
    here = [d for d in index.triggered_in(sent.start, sent.end) if d.type != "NO_COMMENT"]
    if not here:
        return
    # the event the cue modifies: the one whose clause holds the cue
    inside = index.subtree
    owner = next((d for d in here if first.i in inside(d.predicate) and
                  not any(first.i in inside(o.trigger) for o in here
                          if o is not d and o.trigger.i != d.predicate.i
                          and o.trigger.i in inside(d.predicate))), None)
    if first.dep_ == "amod" or last.dep_ == "amod":  # "retaliatory strikes"
        owner = next((d for d in here if d.trigger.i == first.head.i), owner)
    owner = owner or here[0]
    obj = _cue_object(last)
    target: _Draft | None = None
    target_text = None
    if obj is not None:
        start, end = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
        target_text = ctx.text[start:end]
        target = next((d for d in index.at_chars(start, end) if d is not owner), None)
        if target is None and kind in ("response", "cause"):
            target = _earlier_conflict(index, owner)
    elif kind == "response":
        target = _earlier_conflict(index, owner)
    if target is None and (target_text is None or kind in ("sequence", "cause")):
        return
    claim = ctx.claim_at(first.idx)
    cue = TextSpan(ctx.text[first.idx:last.idx + len(last.text)], first.idx, last.idx + len(last.text))
    link = EventLink(kind, None, cue, claim.source_id if claim else "author", target_text)
    owner.links.append(replace(link, target=f"@{id(target)}") if target is not None else link)


def _cue_object(token: Any) -> Any:
    for child in token.children:
        if child.dep_ in ("pobj", "pcomp", "dobj"):
            return child
        if child.dep_ == "prep":
            found = _cue_object(child)
            if found is not None:
                return found
    return None


def _earlier_conflict(index: _DraftIndex, owner: _Draft) -> _Draft | None:
    """The last earlier actual event of the owner's type by another side (else by any side)."""
    own = {a.country for a in owner.actors if a.country}
    fallback = None
    for k in index.of_type_back_from(owner.type, owner.trigger.idx):
        d = index.drafts[k]
        if d.trigger.idx >= owner.trigger.idx or d is owner or d.modality != "actual":
            continue
        if not own or not ({a.country for a in d.actors} & own):
            return d
        fallback = fallback or d
    return fallback
