"""Follow-ups: sentences after an attack ("Five missiles were intercepted") add their counts and places
to it instead of starting new events."""

from __future__ import annotations

from typing import Any

from ...records import Quantity
from .context import _Context, _Draft
from .details import _location, _number, _place
from .lexicon import EventLexicon
from .syntax import _sentence_index


def _follow_up(ctx: _Context, sent: Any, s_i: int, attack: _Draft, consumed: set[int]) -> None:
    """'Five missiles were intercepted…', 'another was damaged', 'It struck … in Dnepropetrovsk':
    counts and places that continue the last attack."""
    lex = ctx.lex
    if s_i - _sentence_index(ctx.doc, attack.trigger) > 2:
        return
    for token in sent:
        if token.pos_ != "VERB" or token.lemma_.lower() not in lex.follow_up:
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or not _about_projectiles(ctx, subject, attack):
            continue
        consumed.add(token.i)
        counts = token.text.lower() if token.tag_ in ("VBN", "VBD") else token.lemma_.lower()
        if any(c.dep_ == "nsubjpass" for c in token.children) or token.tag_ == "VBN":
            counts = token.text.lower()
        value = _subject_count(subject, lex)
        if value is not None:
            unit = subject if subject.pos_ == "NOUN" else None
            unit_word = unit.lemma_.lower() if unit is not None else _last_unit(attack)
            first = next((c for c in subject.children if c.dep_ == "nummod"), subject)
            start = min(first.idx, subject.idx)
            end = max(first.idx + len(first.text), subject.idx + len(subject.text))
            attack.quantities.append(Quantity(ctx.text[start:end], start, end, value, unit_word,
                                              counts))
        if token.lemma_.lower() in lex.verb_types and \
                "ASSAULT" in lex.verb_types[token.lemma_.lower()]:
            scope = list(token.subtree)
            if attack.location is None:
                attack.location = _location(ctx, scope, attack)
            if attack.location is None:
                attack.location = next((p for t in scope if (p := _place(ctx, t)) is not None), None)


def _about_projectiles(ctx: _Context, subject: Any, attack: _Draft) -> bool:
    lemma = subject.lemma_.lower()
    if lemma in ctx.lex.projectiles:
        return True
    hit = ctx.entity_at.get(subject.i)
    if hit is not None and hit[0].label == "WEAPON":
        return True
    if subject.lower_ in ("it", "another", "one", "they", "the rest", "others"):
        return bool(attack.weapons) or any(q.unit in ctx.lex.projectiles for q in attack.quantities)
    return False


def _subject_count(subject: Any, lex: EventLexicon) -> float | None:
    num = next((c for c in subject.children if c.dep_ == "nummod"), None)
    if num is not None:
        return _number(num, lex)
    if subject.lower_ in ("another", "one"):
        return 1.0
    return None


def _last_unit(attack: _Draft) -> str:
    return attack.quantities[-1].unit if attack.quantities else "item"
