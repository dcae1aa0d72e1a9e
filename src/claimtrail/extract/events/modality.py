"""Step 4, modality and time: actual, planned, threatened, attempted or hypothetical, negation,
and the date of the event's own clause."""

from __future__ import annotations

from typing import Any

from ...records import EventTime, TimeExpression
from .context import _Context, _Draft
from .syntax import _CLAUSES, _governors


def _when(ctx: _Context, scope: list[Any], sent: Any) -> EventTime:
    inside = {t.idx for t in scope}
    in_sent = ctx.times_in(sent.start_char, sent.end_char)
    if not in_sent:
        return EventTime("none")
    attached = [t for t in in_sent if t.start_char in inside or any(
        t.start_char <= i < t.end_char for i in inside)]
    # a time of the sentence outside the event's clause counts only when it is not inside another
    # clause ("… added that Kyiv had asked for launchers last week": last week is the asking)
    free = [t for t in in_sent if t not in attached and not _in_other_clause(ctx, t, scope)]
    pool = attached or free
    if not pool:
        return EventTime("none")
    pool.sort(key=lambda t: (t.value is None, 0 if t in attached else 1))
    best = pool[0]
    if best.value is None:
        precision = "unresolved"
    elif best.grain == "day" and best.start == best.end:
        precision = "approximate" if best.modifier in ("around", "about", "early", "late", "mid")\
            else "day"
    else:
        precision = "range"
    return EventTime(precision, best.value, best.start, best.end, best.text, best.start_char,
                     best.end_char)


def _in_other_clause(ctx: _Context, time: TimeExpression, scope: list[Any]) -> bool:
    span = ctx.doc.char_span(time.start_char, time.end_char, alignment_mode="expand")
    if span is None:
        return True
    inside = {t.i for t in scope}
    for ancestor in span.root.ancestors:
        if ancestor.i in inside:
            return False
        if ancestor.dep_ in _CLAUSES and ancestor.pos_ in ("VERB", "AUX"):
            return True
    return False


def _modality(ctx: _Context, draft: _Draft) -> tuple[str, bool]:
    lex = ctx.lex
    pred, trig = draft.predicate, draft.trigger
    negated = any(c.dep_ == "neg" for c in pred.children) or any(
        c.dep_ == "neg" for c in trig.children)
    governors = _governors(pred)
    for gov in governors:
        lemma = gov.lemma_.lower()
        if lemma in lex.threatened:
            return "threatened", negated
        if lemma in lex.attempted:
            return "attempted", negated
        if lemma in lex.planned:
            return "planned", negated
        if _weighs_option(gov, lex.options):
            return "hypothetical", negated
    auxes = [c.lower_ for node in (pred, *governors[:1]) for c in node.children
             if c.dep_ in ("aux", "auxpass")]
    if any(a in lex.hypothetical_aux for a in auxes) or any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in pred.children):
        return "hypothetical", negated
    if any(a in lex.future_aux for a in auxes) or _headline_future(pred):
        return "planned", negated
    if any(c.lower_ in ("further", "future", "planned", "possible") for c in trig.children):
        return "planned" if not any(c.lower_ == "possible" for c in trig.children) \
            else "hypothetical", negated
    return "actual", negated


def _headline_future(pred: Any) -> bool:
    """A subject with a bare infinitive is a headline's future ("Russia to deploy missiles in
    Belarus", "Mexico to stand up to Trump"); "for X to act" is not."""
    children = list(pred.children)
    return (any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in children)
            and not any(c.dep_ == "mark" and c.lower_ == "for" for c in children))


def _weighs_option(gov: Any, options: frozenset[tuple[str, ...]]) -> bool:
    """Whether ``gov`` is a verb that weighs an option ("ruled out", "did not rule out")."""
    particles = [c.lower_ for c in gov.children if c.dep_ == "prt"]
    return (gov.lemma_.lower(), *particles) in options


def open_option(draft: _Draft, options: frozenset[tuple[str, ...]]) -> bool:
    """Whether ``draft`` is a negated phrase that only leaves an option open ("does not rule
    out"): no event, the act it governs is hypothetical."""
    return draft.negated and draft.phrase in options

