"""Embedded events: a draft inside another's clause ("agreed to withdraw") borrows the arguments it
lacks; a concession answers the demand it yields to."""

from __future__ import annotations

import bisect
from typing import Any

from .._util import dfs_order, subtree_bounds
from ..cue_model import parse_table
from .arguments import _JOINT, _PLACE_TARGETS
from .context import _Draft
from .triggers import _COOPERATIVE

_WALK_STEPS = 8  # the heads a walk up from a trigger is expected to take, for the choice above


def _borrow_from_embedded(drafts: list[_Draft]) -> None:
    """'is prepared to lift the ban on the FIS', 'threatened to impose a curfew in Algiers': an
    intention takes the recipients and place of the act it announces (an act under a verbal xcomp
    anywhere in the intention's subtree)."""
    if not drafts:
        return
    doc = drafts[0].trigger.doc
    by_position = sorted(range(len(drafts)), key=lambda k: drafts[k].trigger.i)
    positions = [drafts[k].trigger.i for k in by_position]
    lo, hi = subtree_bounds(doc)
    # Few triggers to ask about (at most this many: a draft only gains recipients and places
    # below): a walk up the heads from each (``_XcompWalk``). Many (a nest of clauses, each in
    # the subtree of the one before): one walk of the doc answers them all.
    asked = sum(bisect.bisect_right(positions, hi[d.predicate.i])
                - bisect.bisect_left(positions, lo[d.predicate.i])
                for d in drafts if not (d.recipients and d.location))
    walk: _XcompWalk | None = None
    trig = [d.trigger.i for d in drafts]
    enter: list[int] = []
    leave: list[int] = []
    low_at: list[int] = []  # by draft, where its trigger's nearest verbal xcomp is in the walk order
    if asked * _WALK_STEPS > len(doc):
        enter, leave, parent = dfs_order(doc)
        lowest = _lowest_xcomp(doc, enter, parent)
        low_at = [enter[lowest[i]] if lowest[i] >= 0 else -1 for i in trig]
    else:
        walk = _XcompWalk(doc)
    for draft in drafts:
        if draft.recipients and draft.location:
            continue
        pred = draft.predicate.i
        threatened = {c.i for c in draft.predicate.children if c.dep_ == "ccomp" and c.pos_ == "VERB"} \
            if draft.type == "THREATEN" else set()  # "warned that he would declare an emergency…"
        # the triggers under an xcomp that lies in the predicate's subtree, by position
        first, last = bisect.bisect_left(positions, lo[pred]), bisect.bisect_right(positions, hi[pred])
        if walk is None:
            start, stop = enter[pred], leave[pred]
            embedded = [drafts[k] for k in sorted(
                k for k in by_position[first:last]
                if drafts[k] is not draft and (trig[k] in threatened or start <= low_at[k] < stop))]
        else:
            embedded = [drafts[k] for k in sorted(
                k for k in by_position[first:last]
                if drafts[k] is not draft and (trig[k] in threatened or walk(trig[k], pred)))]
        if not embedded:
            continue
        own = {a.entity_id for a in draft.actors if a.entity_id}
        joint = len(draft.actors) >= 2 and draft.type in _JOINT
        for other in embedded:
            if draft.location is not None and (draft.recipients or joint):
                break  # (nothing more to take)
            # ("India and China agreed to pull back troops from their border": not China)
            borrowed = [r for r in other.recipients if r.entity_id not in own or r.entity_id is None]
            if not draft.recipients and borrowed and not joint:
                draft.recipients = borrowed
            if draft.location is None and other.location is not None:
                draft.location = other.location
                if not draft.recipients and other.type in _PLACE_TARGETS:
                    draft.recipients = [other.location]


class _XcompWalk:
    """Whether the nearest verbal xcomp among a token and its ancestors lies in the subtree of
    another token, by walking up the heads of the doc's table from the few tokens asked about:
    most docs need no walk of the whole doc. A walk up that goes on for more than ``steps`` heads
    (a deep nest of clauses, or heads that are no forest) switches to the doc's walk order
    (:func:`dfs_order`), one walk of the doc that answers every question at once, as before: a
    nest of clauses would otherwise cost a walk up its depth for each of its events."""

    def __init__(self, doc: Any, steps: int = 40) -> None:
        self.doc = doc
        table = parse_table(doc)
        self.heads, self.deps, self.pos = table.head, table.dep, table.pos
        self.steps = steps
        self._order: tuple[list[int], list[int], list[int]] | None = None
        self._lowest: list[int] = []

    def __call__(self, token: int, pred: int) -> bool:
        if self._order is None:
            heads, deps, pos = self.heads, self.deps, self.pos
            i = token
            found = False  # the xcomp is found, and now ``pred`` is looked for above it
            for _ in range(self.steps):
                if not found and deps[i] == "xcomp" and pos[i] == "VERB":
                    found = True
                if found and i == pred:
                    return True
                if heads[i] == i:
                    return False
                i = heads[i]
            self._order = dfs_order(self.doc)
            self._lowest = _lowest_xcomp(self.doc, self._order[0], self._order[2])
        enter, leave, _ = self._order
        lowest = self._lowest[token]
        return lowest >= 0 and enter[pred] <= enter[lowest] < leave[pred]


def _lowest_xcomp(doc: Any, enter: list[int], parent: list[int]) -> list[int]:
    """For every token, the nearest verbal xcomp among itself and its ancestors (-1 for none),
    filled parents first."""
    table = parse_table(doc)
    deps, pos = table.dep, table.pos
    lowest = [-1] * len(doc)
    for i in sorted(range(len(doc)), key=lambda t: enter[t]):
        if deps[i] == "xcomp" and pos[i] == "VERB":
            lowest[i] = i
        elif parent[i] >= 0:
            lowest[i] = lowest[parent[i]]
    return lowest


def _conceded(drafts: list[_Draft]) -> None:
    """'Bowing to weeks of protests by students, the president agreed to dismiss the cabinet': an
    act done in concession is a CONCEDE, to whoever it yields to."""
    # the concessions by the head of their predicate (no draft's type changes here)
    conceding: dict[int, list[_Draft]] = {}
    for other in drafts:
        pred = other.predicate
        if other.type == "CONCEDE" and pred.dep_ == "advcl" and pred.tag_ == "VBG":
            conceding.setdefault(pred.head.i, []).append(other)
    for draft in drafts:
        if draft.type not in _COOPERATIVE or draft.plover_type == "CONCEDE" or draft.negated:
            continue
        yielded = conceding.get(draft.predicate.i)
        if yielded:
            other = yielded[0]
            draft.plover_type = "CONCEDE"
            named = [r for r in other.recipients if not r.inferred]
            if named or not draft.recipients:
                draft.recipients = named or list(other.recipients)


def _empty_mention(draft: _Draft) -> bool:
    """A bare event noun with nothing around it ('the threats', 'coordination') is a mention of
    an idea, not an event of the article."""
    if draft.trigger.pos_ not in ("NOUN", "PROPN") or draft.predicate.i != draft.trigger.i:
        return False
    if draft.phrase and len(draft.phrase) > 1:
        return False
    named = [r for r in draft.recipients if not r.inferred]
    return not (draft.actors or named or draft.location or draft.weapons
                or draft.quantities or draft.when.precision != "none")
