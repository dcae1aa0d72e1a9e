"""The PLOVER type of a draft (extension types map to a PLOVER root), its mode and its contexts."""

from __future__ import annotations

from typing import Any

from .context import _Context, _Draft
from .lexicon import TypeSpec
from .syntax import _governors, _noun_actors
from .triggers import _COOPERATIVE

_MATERIAL_CONFLICT = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


def _plover_type(ctx: _Context, draft: _Draft) -> str:
    """How a PLOVER coder codes the report of this act (the manual codes the statement, not the act
    it announces): a promise or intention to cooperate is AGREE; an announced or conditional
    hostile act is THREATEN; saying someone must act is REQUEST; refusing or failing to cooperate
    is REJECT. Otherwise the event's own type."""
    if ctx.lex.types[draft.type].extension:
        return draft.type
    pred = draft.predicate
    nodes = [pred, *_governors(pred)]
    auxes = {c.lower_ for n in nodes[:2] for c in n.children if c.dep_ in ("aux", "auxpass")}
    lemmas = {n.lemma_.lower() for n in nodes[1:]}
    conditional = any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                      for c in pred.children if c.dep_ == "advcl" for g in c.children)
    # "Israel rejected a ceasefire proposal by Egypt": the proposal is still Egypt's offer (but
    # "reneged on his commitment" is the refuser's own)
    owned = draft.trigger.pos_ in ("NOUN", "PROPN") and pred.i == draft.trigger.i \
        and any(t.pos_ != "PRON" for t in _noun_actors(draft.trigger))
    refused = draft.negated or (not owned and bool(lemmas & ctx.lex.refusal))
    intended = draft.modality in ("planned", "threatened") or bool(auxes & {"will", "would", "shall"})
    if auxes & ctx.lex.demand_modals and draft.type != "REQUEST":
        return "REQUEST"
    if draft.type in _COOPERATIVE and refused:
        return "REJECT"
    if intended and (conditional or draft.modality == "threatened") and draft.type != "AGREE":
        return "THREATEN"
    if intended and draft.type in _COOPERATIVE:
        return "AGREE"
    if intended and draft.type in _MATERIAL_CONFLICT:
        return "THREATEN"
    return draft.type


def _mode(ctx: _Context, draft: _Draft, sent: Any) -> str | None:
    spec = ctx.lex.types[draft.type]
    if not spec.modes:
        return None
    trigger_words = {draft.trigger.lemma_.lower(), draft.predicate.lemma_.lower(), *draft.phrase}
    if draft.phrase:
        phrase = draft.phrase
        for mode, words in spec.modes:
            if phrase in words:
                return mode
    weapon_words = {w for a in draft.weapons for w in (a.kind or "").split()}
    table = ctx.sentence(sent)
    singles = _mode_words(spec)
    for pool in (trigger_words, weapon_words):
        for mode, one in singles:
            if not one.isdisjoint(pool):
                return mode
    best: tuple[int, str] | None = None
    for mode, words in spec.modes:
        for w in words:
            if (len(w) == 1 and w[0] in table.lemma_set) or (
                    len(w) > 1 and table.has_phrase(" ".join(w))):
                distance = table.distance(w[0], draft.trigger.i)
                if best is None or distance < best[0]:
                    best = (distance, mode)
    return best[1] if best else None


_MODE_WORDS: dict[int, tuple[TypeSpec, tuple[tuple[str, frozenset[str]], ...]]] = {}


def _mode_words(spec: TypeSpec) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each mode of ``spec`` (in order) with its one-word cues, kept per spec: every event of the
    type asks."""
    found = _MODE_WORDS.get(id(spec))
    if found is None or found[0] is not spec:
        found = _MODE_WORDS[id(spec)] = (spec, tuple(
            (mode, frozenset(w[0] for w in words if len(w) == 1)) for mode, words in spec.modes))
    return found[1]


def _contexts(ctx: _Context, sent: Any, draft: _Draft) -> tuple[str, ...]:
    found = list(ctx.sentence(sent).contexts)
    if draft.weapons and "military" in ctx.lex.contexts and "military" not in found:
        found.append("military")
    return tuple(found)
