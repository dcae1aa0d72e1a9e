"""Step 2, arguments (the helpers): which words stand for a party — owners, speakers, perpetrators,
the side beyond a border, the party a thing goes to — and which are weapons, times or conditions."""

from __future__ import annotations

from typing import Any

from ...records import EventArgument
from .context import _PARTY_LABELS, _PLACE_KINDS, _Context
from .lexicon import EventLexicon
from .syntax import (
    _SUBJECTS,
    _governors,
    _noun_actors,
    _np_tokens,
    _prep_objects,
    _reported_speaker,
    _with_conjuncts,
)
from .words import (
    AUTHORITIES,
    BORDERS,
    CONDITIONS,
    HANDING,
    OWNING_PREPS,
    PRESSING,
    SPANS_OF_TIME,
    THROWING,
    TIME_UNITS,
)


def _aims_at(pobj: Any, projectiles: frozenset[str]) -> bool:
    """'against X' anywhere, 'on X' after an event noun ('an attack on X', 'sanctions on X'), and
    'at X' after a projectile or a verb of firing with no other object ('fired rockets at Tel
    Aviv', 'missiles at X'; but 'shot two men at a checkpoint' says where)."""
    prep = pobj.head
    head = prep.head
    if prep.lower_ == "against" or (prep.lower_ in ("on", "upon") and head.pos_ == "NOUN"):
        return True
    if prep.lower_ not in ("at", "toward", "towards", "into"):
        return False
    if head.pos_ == "NOUN":
        return head.lemma_.lower() in projectiles
    return head.lemma_.lower() in THROWING and not any(
        c.dep_ == "dobj" and c.lemma_.lower() not in projectiles for c in head.children)


def _owner(token: Any, lex: EventLexicon) -> Any:
    """'raided the offices of the opposition party', 'hacked the websites of Estonian banks': a
    building, asset or position stands for whoever owns it."""
    if token.lemma_.lower() not in lex.owned_things:
        return token
    owners = _prep_objects(token, ("of",))
    return owners[0] if owners else token


def _across_border(token: Any) -> list[Any]:
    """'closed its border with Afghanistan': the country on the other side."""
    if token.lemma_.lower() not in BORDERS:
        return [token]
    return _prep_objects(token, ("with",)) or [token]


def _through_quantity(token: Any, lex: EventLexicon) -> list[Any]:
    """'scores of Sierra Leonean and Liberian refugees', 'hundreds of protesters': the people
    counted, not the count."""
    if token.lemma_.lower() not in lex.quantity_heads and token.lower_ not in lex.quantity_heads \
            and token.pos_ != "NUM" and token.lemma_.lower() not in SPANS_OF_TIME:
        return [token]  # ("bowing to weeks of protests by students": the protests')
    return _prep_objects(token, ("of",)) or [token]


def _condition_subject(ctx: _Context, pred: Any) -> EventArgument | None:
    for node in [pred, *_governors(pred)]:
        for clause in node.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                              for m in clause.children):
                subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None:
                    return ctx.argument(subject)
    return None


def _purpose_target(ctx: _Context, pred: Any) -> list[EventArgument]:
    """Whom a protest addresses: 'to demand the resignation of President X', 'demands … from
    President X', 'in protest of the government's refusal'."""
    subjects = [c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")]
    # ("Protesters demanding the resignation of President X set fire to…": the subject's own clause
    # counts)
    subject = {t.i for c in subjects for t in c.subtree} - {
        t.i for c in subjects for a in c.children if a.dep_ == "acl" for t in a.subtree}
    for token in pred.subtree:
        if token.i in subject:
            continue
        if token.pos_ == "VERB" and token.lemma_.lower() in PRESSING:
            # "to demand that the Turkish government grant…", "to press Greek authorities to halt…"
            pressed = [c for clause in token.children if clause.dep_ == "ccomp"
                       for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            pressed += [c for c in token.children if c.dep_ == "dobj"]
            for t in pressed:
                found = ctx.argument(t)
                if found is not None and _is_party(ctx, found):
                    return [found]
        if token.dep_ == "pobj" and token.head.lower_ in ("of", "by", "from", "against"):
            for t in [token, *_np_tokens(token)]:
                hit = ctx.entity_at.get(t.i)
                if hit is not None and hit[0].label in ("PERSON", "ORG", "GPE", "NORP") \
                        and hit[0].kind not in _PLACE_KINDS - {"country"}:
                    entity, start, end = hit
                    return [EventArgument(ctx.text[start:end], start, end, entity.id, entity.name,
                                          entity.country, ctx.sector(entity), entity.kind)]
            if token.lemma_.lower() in AUTHORITIES:  # "demanding the resignation of the government"
                found = ctx.argument(token)
                if found is not None:
                    return [found]
    return []


def _destinations(pred: Any) -> list[Any]:
    """Whom a handing-over verb, or the one it governs ('refused to extradite … to Rome'), hands to."""
    verbs = [pred, *(c for c in pred.children if c.dep_ == "xcomp" and c.pos_ == "VERB")]
    for verb in verbs:
        if verb.lemma_.lower() not in HANDING or not any(c.dep_ in ("dobj", "nsubjpass")
                                                           for c in verb.children):
            continue  # ("negotiators return to Geneva": a journey)
        holders = [verb, *(c for c in verb.children if c.dep_ == "prt")]
        found = [t for h in holders for p in h.children if p.dep_ in ("prep", "dative")
                 and p.lower_ == "to" for c in p.children if c.dep_ == "pobj" for t in _with_conjuncts(c)]
        if found:
            return found
    return []


def _speakers(ctx: _Context, token: Any) -> list[Any]:
    """Who a pronoun or a pronoun's group stands for when a speaker announces it: 'Colombia's
    government and the ELN said they were ready' → both; 'Dahir said his fighters would hand over'
    → Dahir."""
    if token.pos_ == "PRON" and token.lower_ in ("they", "we"):
        speaker = _reported_speaker(token)
        if speaker is not None:
            return [speaker, *speaker.conjuncts]
    if token.pos_ == "NOUN" and token.i not in ctx.entity_at and _party_noun(token, ctx.lex):
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"
                      and c.lower_ in ("his", "her", "their")), None)
        clause = token.head
        if owner is not None and token.dep_ in _SUBJECTS and clause.dep_ == "ccomp":
            speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
            if speaker is not None and speaker.pos_ != "PRON":
                return [speaker]
    return [token]


def _split_modifiers(ctx: _Context, head: Any) -> list[Any]:
    """'Senior Hungarian and Romanian officials', 'U.S. and Russian negotiators': one party per
    conjoined nationality or country modifier."""
    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i in ctx.entity_at
            and ctx.entity_at[c.i][0].label in ("NORP", "GPE")]
    for mod in mods:
        # "US and British forces": "British" may lie inside the head's own mention
        extra = [t for t in mod.conjuncts if t.i in ctx.entity_at
                 and (ctx.entity_at[t.i][0].label in ("NORP", "GPE")
                      or ctx.entity_at[t.i] == ctx.entity_at.get(head.i))]
        if extra:
            return [mod, *extra]
    if head.i not in ctx.entity_at:
        # "Senior officials from Algeria and Mali", "negotiators of Britain and the EU"
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                sides = [t for t in (obj, *obj.conjuncts) if t.i in ctx.entity_at
                         and ctx.entity_at[t.i][0].label in ("NORP", "GPE", "ORG")]
                if len(sides) >= 2 and len(sides) == len(obj.conjuncts) + 1:
                    return sides
    return [head]


def _party_like(ctx: _Context, noun: Any) -> bool:
    """A noun of a trigger phrase that still names a party: 'diplomats' in 'expelled two Russian
    diplomats', 'proposal' in 'rejected an Indian proposal' (through its owner)."""
    lemma = noun.lemma_.lower()
    if lemma in ctx.lex.party_nouns or any(t.i in ctx.entity_at for t in _np_tokens(noun)):
        return True
    return lemma in ctx.lex.noun_types and bool(_noun_actors(noun))


def _names_weapon(ctx: _Context, token: Any) -> bool:
    """'with British Storm Shadow systems': a weapon, not a party."""
    if token.lemma_.lower() in ctx.lex.projectiles:
        return True
    return any(t.i in ctx.entity_at and ctx.entity_at[t.i][0].label == "WEAPON" for t in token.subtree)


def _perpetrator(token: Any, lex: EventLexicon) -> Any:
    """'alleged crimes committed by Croat forces', 'abuses by the police', 'the decision by
    Washington', 'Moscow's move': who did the deed."""
    if token.lemma_.lower() not in lex.deed_nouns:
        return token
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "acl":
            for agent in (c for c in child.children if c.dep_ == "agent"):
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        if child.dep_ == "prep" and child.lower_ == "by":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return token


def _through_event_noun(ctx: _Context, token: Any, trigger_tokens: set[int]) -> Any:
    """An argument that is itself an event noun stands for whoever that event belongs to
    ('rejected an Indian proposal' → Indian); dates and the trigger's own words are no argument."""
    if token.i in trigger_tokens or token.ent_type_ in ("DATE", "TIME"):
        return None
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and lemma in TIME_UNITS:
        return None
    if token.pos_ == "NOUN" and (lemma in ctx.lex.noun_types or lemma in ctx.lex.asking_nouns) \
            and lemma not in ctx.lex.party_nouns:
        owners = [t for t in _noun_actors(token, ctx.lex.party_nouns) if t.i not in trigger_tokens]
        return owners[0] if owners else None
    return token


def _inner_party(ctx: _Context, token: Any) -> Any:
    """A thing handed, refused or suspended stands for the party it goes to, comes from or belongs
    to: '200 buses … to Zimbabwe' → Zimbabwe, 'contact with the German embassy' → the embassy."""
    if token.i in ctx.entity_at or token.pos_ == "PRON" or _agentive_words(_np_tokens(token), ctx.lex):
        return token
    for t in token.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in OWNING_PREPS and t.head.head.i != t.i \
                and (_agentive_words(_np_tokens(t), ctx.lex) or any(
                    u.i in ctx.entity_at and ctx.entity_at[u.i][0].label in _PARTY_LABELS
                    for u in _np_tokens(t))):
            return t
    return token


def _is_party(ctx: _Context, arg: EventArgument) -> bool:
    """A resolved party, or words a party is named by ('the government'), not a thing ('a state of
    emergency')."""
    if arg.entity_id or arg.country:
        return True
    span = ctx.doc.char_span(arg.start_char, arg.end_char, alignment_mode="expand")
    return span is not None and _party_noun(span.root, ctx.lex)


def _agentive_words(words: list[Any], lex: EventLexicon) -> bool:
    return any(t.pos_ == "PROPN" or t.ent_type_ in _PARTY_LABELS or _party_noun(t, lex)
               for t in words)


def _agentive(token: Any, lex: EventLexicon) -> bool:
    """A noun phrase that can act or be acted on as a party, though no entity: 'Shona rebels',
    'the protesters', 'Moslem forces'."""
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") for t in token.subtree):
        return True
    return _party_noun(token, lex)


def _party_noun(token: Any, lex: EventLexicon) -> bool:
    """A noun that names a party ('the protesters', 'the state of Texas'), not a condition ('a state
    of emergency')."""
    if token.lemma_.lower() not in lex.party_nouns:
        return False
    return not any(c.lemma_.lower() in CONDITIONS for p in token.children
                   if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj")
