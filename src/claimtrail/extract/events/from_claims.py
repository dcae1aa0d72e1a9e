"""Events made from the claims layer: refusals to comment (NO_COMMENT), demands and statements."""

from __future__ import annotations

from ...records import Claim, EventTime
from ..cue_model import parse_table
from .classify import _contexts
from .context import _Context, _Draft
from .modality import _modality, _when
from .parties import _party_like, _split_modifiers
from .syntax import _scope, _subjects, _unique, lemma_of


def _non_answers(ctx: _Context, claims: list[Claim]) -> list[_Draft]:
    """'The Pentagon declined to comment', 'did not confirm': NO_COMMENT events from the claims."""
    out = []
    for claim in claims:
        if claim.status not in ("no_comment", "unconfirmed") or claim.cue is None:
            continue
        span = ctx.doc.char_span(claim.cue.start_char, claim.cue.end_char, alignment_mode="expand")
        if span is None:
            continue
        token = span.root
        draft = _Draft("NO_COMMENT", token, token, (claim.cue.start_char, claim.cue.end_char))
        actor = ctx.argument(_subjects(token)[0]) if _subjects(token) else None
        draft.actors = [actor] if actor is not None else []
        draft.mode = claim.status
        draft.negated = claim.negated
        draft.when = EventTime("none")
        draft.reported_by(claim)
        out.append(draft)
    return out


def _demands(ctx: _Context, claims: list[Claim], drafts: list[_Draft]) -> list[_Draft]:
    """'The Red Cross said US and British forces must ensure security': saying that a party must
    or should act is a REQUEST by the speaker to that party (PLOVER codes the statement, not the
    act). Only for an act that is no event of its own: an event verb under "must" is recoded by
    :func:`_plover_type`. "must have been" (a guess about the past) is no demand."""
    taken = {d.predicate.i for d in drafts} | {d.trigger.i for d in drafts}
    table = parse_table(ctx.doc)
    out = []
    for claim in claims:
        if claim.voice != "reported" or claim.status in ("no_comment", "unconfirmed", "question"):
            continue
        entity = ctx.source_entity(claim)
        span = ctx.doc.char_span(claim.start_char, claim.end_char, alignment_mode="expand")
        if entity is None or span is None or claim.source_span is None:
            continue
        for i in range(span.start, span.end):  # (read from the doc's table: no Token for most)
            if table.pos[i] not in ("VERB", "AUX") or i in taken:
                continue
            auxes = [table.lower[c] for c in table.children[i] if table.dep[c] in ("aux", "auxpass")]
            if not auxes or auxes[0] not in ctx.lex.demand_modals or "have" in auxes:
                continue
            verb = ctx.doc[i]
            parties = [a for t in _subjects(verb) if _party_like(ctx, t)
                       for m in _split_modifiers(ctx, t)
                       if (a := ctx.argument(m)) is not None and a.entity_id != entity.id]
            if not parties:
                continue
            draft = _Draft("REQUEST", verb, verb, (verb.idx, verb.idx + len(verb.text)))
            draft.actors = [ctx.named(claim.source_span, entity)]
            draft.recipients = _unique(parties)
            draft.when = _when(ctx, _scope(verb, verb), verb.sent)
            draft.modality, draft.negated = _modality(ctx, draft)
            draft.contexts = _contexts(ctx, verb.sent, draft)
            draft.plover_type = "REQUEST"
            draft.reported_by(claim)
            taken.add(verb.i)
            out.append(draft)
    return out


def _statements(ctx: _Context, claims: list[Claim]) -> list[_Draft]:
    """Official statements ('the Defense Ministry announced…') as STATEMENT events: claims by a
    government, military or international body whose cue is a statement verb. Other sayings stay
    claims only."""
    out = []
    for claim in claims:
        if claim.voice != "reported" or claim.cue is None or claim.status in (
                "no_comment", "unconfirmed"):
            continue
        span = ctx.doc.char_span(claim.cue.start_char, claim.cue.end_char, alignment_mode="expand")
        if span is None:
            continue
        token = span.root
        if lemma_of(token, ctx.lex.statement_verbs) not in ctx.lex.statement_verbs:
            continue
        entity = ctx.source_entity(claim)
        if entity is None or ctx.sector(entity) not in ("government", "military", "igo"):
            continue
        draft = _Draft("STATEMENT", token, token, (claim.cue.start_char, claim.cue.end_char))
        draft.actors = [ctx.named(claim.source_span or claim.cue, entity)]
        sent = token.sent
        draft.when = _when(ctx, _scope(token, token), sent)
        draft.reported_by(claim)
        out.append(draft)
    return out
