"""Step 3, details: the place, the weapons and the quantities of an event, from its clause."""

from __future__ import annotations

from typing import Any

from ...records import EventArgument, Quantity
from .context import _PLACE_KINDS, _Context, _Draft
from .lexicon import EventLexicon
from .words import LAUNCH_VERBS, LOCATION_PREPS, TIME_UNITS

_OPEN_TARGETS = frozenset({"ASSAULT", "COERCE"})


def _location(ctx: _Context, scope: list[Any], draft: _Draft) -> EventArgument | None:
    for token in scope:
        if token.dep_ == "pobj" and token.head.lower_ in LOCATION_PREPS:
            found = _place(ctx, token)
            if found is not None:
                return found
    if draft.type in _OPEN_TARGETS:
        for arg in draft.recipients:
            if arg.kind in _PLACE_KINDS:
                return arg
    return None


def _place(ctx: _Context, token: Any) -> EventArgument | None:
    for t in [token, *token.subtree]:
        hit = ctx.entity_at.get(t.i)
        if hit is not None and hit[0].kind in _PLACE_KINDS:
            entity, start, end = hit
            return EventArgument(ctx.text[start:end], start, end, entity.id, entity.name,
                                 entity.country, None, entity.kind)
    return None


def _weapons_in(ctx: _Context, scope: list[Any], sent: Any, name: str) -> list[EventArgument]:
    out = []
    indices = [t.i for t in scope] if name not in ("ASSAULT", "MOBILIZE", "AID", "POLICY") \
        else ctx.weapon_tokens(sent)
    for i in indices:
        hit = ctx.entity_at.get(i)
        if hit is not None and hit[0].label == "WEAPON":
            entity, start, end = hit
            out.append(EventArgument(ctx.text[start:end], start, end, entity.id, entity.name,
                                     entity.country, None, entity.kind))
    return out


def _number(token: Any, lex: EventLexicon) -> float | None:
    word = token.lower_.replace(",", "")
    if word in lex.numbers:
        return lex.numbers[word]
    try:
        return float(word)
    except ValueError:
        return None


def _quantities(ctx: _Context, scope: list[Any], draft: _Draft, default: str) -> list[Quantity]:
    out = []
    for token in scope:
        if token.dep_ != "nummod" or token.head.pos_ not in ("NOUN", "PROPN"):
            continue
        value = _number(token, ctx.lex)
        noun = token.head
        if value is None or token.ent_type_ in ("DATE", "TIME") or \
                noun.lemma_.lower() in TIME_UNITS or noun.ent_type_ in ("DATE", "TIME"):
            continue
        out.append(_quantity(ctx, token, noun, value, _counts(noun, draft, default, ctx.lex.projectiles)))
    return out


def _quantity(ctx: _Context, first: Any, noun: Any, value: float, counts: str) -> Quantity:
    start, end = min(first.idx, noun.idx), max(first.idx + len(first.text), noun.idx + len(noun.text))
    return Quantity(ctx.text[start:end], start, end, value, noun.lemma_.lower(), counts)


def _counts(noun: Any, draft: _Draft, default: str, projectiles: frozenset[str]) -> str:
    """What a number counts: the verb it is the object of ('killed 12 people' → killed), or
    'fired' for the projectiles of an attack."""
    head = noun.head
    governor = head
    while governor.dep_ in ("prep", "pobj", "nummod", "quantmod") or governor.pos_ in ("ADP", "NUM"):
        if governor.head.i == governor.i:
            break
        governor = governor.head  # "shot down 31 of 40 drones" → shot
    if noun.lemma_.lower() in projectiles and draft.type == "ASSAULT":
        trigger = draft.trigger
        if governor.i == trigger.i and trigger.lemma_.lower() not in LAUNCH_VERBS:
            words = [trigger.doc[i].text for i in sorted(draft.tokens or [trigger.i])]
            return " ".join(words).lower()  # "shot down … drones": counted as shot down
        return default
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return str(head.text).lower()
    return "involved"
