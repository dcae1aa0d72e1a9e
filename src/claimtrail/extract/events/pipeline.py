"""The extractor: the steps in order, and the frozen Event records."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...records import Claim, Entity, Event, TextSpan, TimeExpression
from .arguments import _fill
from .context import _Context, _Draft
from .embedded import _borrow_from_embedded, _conceded, _empty_mention
from .followup import _follow_up
from .from_claims import _demands, _non_answers, _statements
from .lexicon import EventLexicon
from .links import _link
from .modality import open_option
from .repeats import _merge_repeats
from .syntax import _sentence_index
from .triggers import _triggers


def extract_events(doc: Any, entities: list[Entity], times: list[TimeExpression],
                   claims: list[Claim], lex: EventLexicon,
                   roles: dict[str, tuple[str, ...]] | None = None) -> list[Event]:
    """All events of a parsed article, in text order."""
    ctx = _Context(doc, entities, times, claims, lex, roles or {})
    drafts: list[_Draft] = []
    consumed: set[int] = set()
    sents = list(doc.sents)
    attack: _Draft | None = None  # the last attack so far
    for s_i, sent in enumerate(sents):
        if attack is not None:
            _follow_up(ctx, sent, s_i, attack, consumed)
        found = _triggers(ctx, sent, consumed)
        for draft in found:
            _fill(ctx, draft, sent)
        drafts.extend(found)
        attack = next((d for d in reversed(found) if d.type == "ASSAULT"), attack)
    _borrow_from_embedded(drafts)
    _conceded(drafts)
    drafts = [d for d in drafts if not _empty_mention(d) and not open_option(d, lex.options)]
    drafts.extend(_demands(ctx, claims, drafts))
    drafts.extend(_non_answers(ctx, claims))
    drafts.extend(_statements(ctx, claims))
    drafts.sort(key=lambda d: d.trigger_span[0])
    _link(ctx, drafts, sents)
    drafts = _merge_repeats(drafts)
    ids = {f"@{id(d)}": f"e{i}" for i, d in enumerate(drafts, start=1)}
    return [_freeze(ctx, d, i, ids) for i, d in enumerate(drafts, start=1)]


def _freeze(ctx: _Context, draft: _Draft, number: int, ids: dict[str, str]) -> Event:
    spec = ctx.lex.types[draft.type]
    start, end = draft.trigger_span
    intensity = spec.mode_intensity.get(draft.mode or "", spec.intensity)
    return Event(
        id=f"e{number}", type=draft.type, plover_type=draft.plover_type or draft.type,
        extension=spec.extension, mode=draft.mode,
        contexts=draft.contexts, trigger=TextSpan(ctx.text[start:end], start, end),
        sentence=_sentence_index(ctx.doc, draft.trigger),
        actors=tuple(draft.actors), recipients=tuple(draft.recipients), location=draft.location,
        weapons=tuple(draft.weapons), quantities=tuple(draft.quantities), when=draft.when,
        modality=draft.modality, negated=draft.negated, status=draft.status,
        source_id=draft.source_id, reports=tuple(draft.reports), intensity=intensity,
        links=tuple(replace(lnk, target=ids.get(lnk.target)) if lnk.target else lnk
                    for lnk in draft.links),
    )
