"""Repeated mentions of one event in a sentence or with the same key merge into one draft with
several reports."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .context import _Draft
from .syntax import _unique


def _merge_repeats(drafts: list[_Draft]) -> list[_Draft]:
    """The same event told twice ('Biden appears to have approved…', '…the president authorized…')
    becomes one record with both reports."""
    out: list[_Draft] = []
    # candidates by what _same_event needs equal (none of it changes in a merge)
    candidates: dict[tuple[Any, ...], list[_Draft]] = {}
    # a merged draft's twin, and when it merged: the merge points the links then kept at the
    # merged draft to its twin (those of the drafts before it, and its own)
    merged: dict[str, tuple[int, str]] = {}
    origin = {id(lnk): k for k, draft in enumerate(drafts) for lnk in draft.links}
    for k, draft in enumerate(drafts):
        key = None if draft.type in ("STATEMENT", "NO_COMMENT") else _event_key(draft)
        twin = None if key is None else next(
            (d for d in candidates.get(key, ()) if _same_event(d, draft)), None)
        if twin is None:
            out.append(draft)
            if key is not None:
                candidates.setdefault(key, []).append(draft)
            continue
        twin.reports.extend(r for r in draft.reports if r not in twin.reports)
        twin.links.extend(draft.links)
        if twin.when.precision in ("none", "unresolved") and draft.when.precision not in (
                "none", "unresolved"):
            twin.when = draft.when
        twin.location = twin.location or draft.location
        twin.quantities.extend(draft.quantities)
        twin.weapons = _unique(twin.weapons + draft.weapons)
        if twin.status == "asserted" and draft.status != "asserted":
            twin.status, twin.source_id = draft.status, draft.source_id
        merged[f"@{id(draft)}"] = (k, f"@{id(twin)}")
    # links pointing at a merged draft now point at its twin
    for other in out:
        other.links = [replace(lnk, target=merged[lnk.target][1])
                       if lnk.target in merged and origin[id(lnk)] <= merged[lnk.target][0]
                       else lnk for lnk in other.links]
    return out


def _event_key(draft: _Draft) -> tuple[Any, ...] | None:
    """What two drafts must share to be one event (:func:`_same_event`), or None when no draft
    can be the same event as this one (it has no named actor)."""
    ids = frozenset(x.entity_id for x in draft.actors if x.entity_id)
    if not ids:
        return None
    return (draft.type, draft.modality, draft.negated, ids,
            frozenset(w.entity_id for w in draft.weapons))


def _same_event(a: _Draft, b: _Draft) -> bool:
    if a.type != b.type or a.modality != b.modality or a.negated != b.negated:
        return False
    ids_a = {x.entity_id for x in a.actors if x.entity_id}
    ids_b = {x.entity_id for x in b.actors if x.entity_id}
    if not ids_a or ids_a != ids_b:
        return False
    weapons_a = {w.entity_id for w in a.weapons}
    weapons_b = {w.entity_id for w in b.weapons}
    if weapons_a != weapons_b:
        return False
    if a.when.start and b.when.start and a.when.start != b.when.start:
        return False
    if a.when.text and b.when.text and not (a.when.start and b.when.start) and \
            a.when.text.lower() != b.when.text.lower():
        return False  # "on Monday" and "on Wednesday", unresolved without a publication date
    if a.location is not None and b.location is not None and \
            (a.location.entity_id or a.location.name) != (b.location.entity_id or b.location.name):
        return False  # a strike on Odesa and a strike on Dnipro
    return a.mode == b.mode or a.mode is None or b.mode is None
