"""Step 2, arguments: actors and recipients from the parse (subjects, passive agents, objects,
type-specific prepositions, owners of event nouns), resolved to the article's entities."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import replace
from itertools import islice
from typing import Any

from ...records import Claim, EventArgument
from .classify import _contexts, _mode, _plover_type
from .context import _PLACE_KINDS, _Context, _Draft, _SentenceTable
from .details import _OPEN_TARGETS, _location, _quantities, _weapons_in
from .lexicon import EventLexicon, TypeSpec
from .modality import _modality, _when
from .parties import (
    _across_border,
    _agentive,
    _aims_at,
    _condition_subject,
    _destinations,
    _inner_party,
    _is_party,
    _names_weapon,
    _owner,
    _party_like,
    _perpetrator,
    _purpose_target,
    _speakers,
    _split_modifiers,
    _through_event_noun,
    _through_quantity,
)
from .syntax import _noun_actors, _prep_objects, _scope, _subjects, _unique, _with_conjuncts, lemma_of
from .words import (
    AIMING_AT,
    BODILY_HARM,
    BORDERS,
    CROWDS,
    FORCES,
    HOLDING,
    LEAVING,
    SPANS_OF_TIME,
    TAKING,
    TOPIC_VERBS,
)

_JOINT = frozenset({"AGREE", "COOPERATE", "CONSULT"})


# types that answer a request: whoever asked is the recipient
_ANSWERING = frozenset({"REJECT", "CONCEDE", "AGREE", "SUPPORT"})


# entities that are no party: "demands for World War Two reparations"
_NOT_PARTIES = frozenset({"event", "law", "product"})


_OWN_SIDE_KINDS = frozenset({"country", "city", "nationality", "government", "military"})


# types whose target may be a place when no party is named ("demonstrated in Serbia"); an attack's
# place is its location, not a recipient, unless it is the object ("attacked Kharkiv")
_PLACE_TARGETS = frozenset({"COERCE", "PROTEST", "RETREAT", "SANCTION", "MOBILIZE", "ACCUSE", "AID",
                            "CONSULT", "SUPPORT", "COOPERATE", "THREATEN", "REQUEST", "CONCEDE",
                            "AGREE", "REJECT"})


_CONFLICT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "PROTEST", "ACCUSE"})


_CLAUSE_RECIPIENTS = frozenset({"REQUEST", "THREATEN", "ACCUSE"})


def _headline_passive(pred: Any) -> bool:
    """A past participle on a noun that stands for a whole sentence, as headlines write a passive
    ("Two soldiers killed in rocket attack"): no verb is the sentence's root, and no full stop
    ends it ("An official Syrian newspaper called Thursday on Arabs to …." is a misparse)."""
    head = pred.head
    if not (pred.tag_ == "VBN" and pred.dep_ == "acl" and head.dep_ == "ROOT"
            and head.pos_ in ("NOUN", "PROPN")):
        return False
    last = next((t for t in reversed(pred.sent) if not t.is_space), pred)
    return last.text not in (".", "!", "?")  # a headline ends without a full stop


def _fill(ctx: _Context, draft: _Draft, sent: Any) -> None:
    lex = ctx.lex
    spec = lex.types[draft.type]
    pred = draft.predicate
    trig = draft.trigger
    span_tokens = set(draft.tokens or [trig.i])
    nouns = [ctx.doc[i] for i in sorted(span_tokens) if ctx.doc[i].pos_ in ("NOUN", "PROPN")]
    # a phrase's nouns may still be arguments: "expelled two Russian diplomats", "rejected an
    # Indian proposal" (→ whoever proposed)
    # ("a state of emergency": a noun whose complement is in the phrase too is part of an idiom)
    trigger_tokens = {i for i in span_tokens if i == trig.i or ctx.doc[i].pos_ not in ("NOUN", "PROPN")
                      or not _party_like(ctx, ctx.doc[i])
                      or any(c.i in span_tokens for p in ctx.doc[i].children if p.dep_ == "prep"
                             for c in p.children)}
    actors, recipients = _raw_arguments(pred, trig, spec, nouns, lex)
    # "Drone and missile strikes hit Kharkiv": a subject coordinated with the trigger's own noun
    # is part of the event, not who did it
    actors = [t for t in actors if not any(c.i in span_tokens for c in t.conjuncts)]
    if draft.phrase and draft.phrase[:2] == ("come", "under"):
        # "Kharkiv came under attack from Russian drones": the subject is hit, "from X" hits it
        recipients = actors
        actors = [t for noun in [pred, *nouns] for t in _prep_objects(noun, ("from", "by"))]
    if _headline_passive(pred):
        # "Opposition leader arrested in Moscow", "Kavanaugh accused in letter of …": a headline's
        # participle on its noun tells what was done to it; "by X" did it
        recipients = [pred.head, *[t for t in recipients if t.i != pred.head.i]]
        actors = [o for c in pred.children if c.dep_ == "agent" for o in c.children
                  if o.dep_ == "pobj"] or _prep_objects(pred, ("by",))
    if draft.subject_noun:  # the verb's subject is the event itself: its actor is the noun's
        actors = _noun_actors(trig)
    if trig.pos_ == "NOUN" and spec.name in _JOINT and not actors:
        # "the talks between Sudan and South Sudan": both sides hold them
        sides = _prep_objects(trig, ("between",))
        if len(sides) >= 2:
            actors = sides
            recipients = [r for r in recipients if r not in sides]
    weapon_phrases = [t for t in recipients if _names_weapon(ctx, t)]
    recipients = [t for t in recipients if t not in weapon_phrases]
    actors = [u for t in actors if (u := _through_event_noun(ctx, t, trigger_tokens)) is not None]
    recipients = [m for t in recipients for b in _across_border(_owner(_perpetrator(t, lex), lex))
                  for q in _through_quantity(b, lex) for m in _split_modifiers(ctx, q)]
    projectiles = [t for t in recipients if t.lemma_.lower() in lex.projectiles]
    recipients = [u for t in recipients if t not in projectiles
                  and (u := _through_event_noun(ctx, t, trigger_tokens)) is not None]
    actors = [m for t in actors for s in _speakers(ctx, t) for m in _split_modifiers(ctx, s)]
    if draft.type == "ASSAULT" and actors and all(t.lemma_.lower() in CROWDS for t in actors) \
            and trig.lemma_.lower() not in BODILY_HARM:
        # "Youths torched cars and hurled petrol bombs at police": a riot, PLOVER's PROTEST (but a
        # mob that beats a man to death assaults him)
        draft.type = "PROTEST"
    if draft.type == "REQUEST" and any(c.dep_ == "xcomp" and c.lemma_.lower() in LEAVING
                                       for c in pred.children):
        # "ordered the UN mission to leave the country within ten days": an expulsion
        draft.type = "SANCTION"
    # "the Las Vegas shooting", "a Kharkiv strike": a city or region that names a noun event says
    # where it happened, not who did it (a country does: "a US strike")
    named_places: list[EventArgument] = []
    if trig.pos_ == "NOUN":
        kept = []
        for t in actors:
            a = ctx.argument(t) if t.dep_ == "compound" and t.head.i == trig.i else None
            if a is not None and a.kind in _PLACE_KINDS and a.kind != "country":
                named_places.append(a)
            else:
                kept.append(t)
        actors = kept
    # "Russian drones and missiles hit Kharkiv": Russia did it; bare projectiles are not parties
    args_a = [a for t in actors if (a := ctx.argument(t)) is not None
              and not (a.entity_id is None and t.lemma_.lower() in lex.projectiles)]
    # each recipient with the token it came from, resolved once
    if draft.type not in _OPEN_TARGETS:
        recipients = [_inner_party(ctx, t) for t in recipients]
    # "refused to extradite Ferrante to Rome", "handed back to Ukraine three vessels": what is handed
    # over goes to the recipient
    destinations = [t for t in _destinations(pred) if t.i in ctx.entity_at]
    if destinations:
        recipients = [t for t in recipients if t.dep_ != "dobj"
                      and t.head.dep_ != "dobj"] + [t for t in destinations if t not in recipients]
    pairs = [(a, t) for t in recipients if (a := ctx.argument(t)) is not None
             and a.kind not in _NOT_PARTIES]
    if draft.type not in _OPEN_TARGETS:
        pairs = [(a, t) for a, t in pairs if a.entity_id is not None or _agentive(t, lex)]
    via_prep = {(a.start_char, a.end_char) for a, t in pairs if t.dep_ == "pobj"}
    args_r = [a for a, _ in pairs]
    weapons = [a for a in args_a + args_r if a.sector is None and a.entity_id
               and a.entity_id.startswith("weapon:")]
    args_a = [a for a in args_a if a not in weapons]
    args_r = [a for a in args_r if a not in weapons]
    draft.actors = _unique(args_a)
    # no party is its own recipient: not the same entity, nor the same words
    args_r = [r for r in args_r if all((r.entity_id != a.entity_id or r.entity_id is None)
                                       and (r.start_char, r.end_char) != (a.start_char, a.end_char)
                                       for a in draft.actors)]
    if draft.type in ("THREATEN", "RETREAT"):
        # "the Serbian president warned that Belgrade would not tolerate…": his own side is who
        # threatens, not who is threatened; "withdrew French troops from Chad": the troops are
        # the actor's own
        own = {a.country for a in draft.actors if a.country}
        kinds = _OWN_SIDE_KINDS if draft.type == "THREATEN" else {"military"}
        args_r = [r for r in args_r if not (r.country in own and r.kind in kinds)]
        # "threatened to send troops": unnamed forces are the actor's own
        args_r = [a for a, t in pairs if a in args_r
                  and not (a.entity_id is None and a.country is None and t.lemma_.lower() in FORCES)]
    if len(draft.actors) >= 2 and draft.type in _JOINT:
        # "The US and Jordan agreed upon a pact between the two countries": a joint act; only a
        # named third party reached by a preposition is a recipient
        args_r = [r for r in args_r if r.entity_id and (r.start_char, r.end_char) in via_prep]
    # a place reached by a preposition is where it happened ("met in Geneva", "beat detainees on
    # the West Bank"), unless the preposition aims at it ("a missile attack on Kyiv", "sanctions
    # against Minsk")
    aimed = {(a.start_char, a.end_char) for a, t in pairs
             if t.dep_ == "pobj" and (_aims_at(t, lex.projectiles) or t in destinations)}
    # ("demands from Athens": the city asks, for its government)
    askers = {(a.start_char, a.end_char) for a, t in pairs
              if t.dep_ == "pobj" and t.head.head.lemma_.lower() in lex.asking_nouns}
    places = [r for r in args_r if r.kind in _PLACE_KINDS and r.kind != "country"
              and pred.pos_ in ("VERB", "AUX") and (r.start_char, r.end_char) in via_prep - aimed - askers]
    args_r = [r for r in args_r if r not in places]
    if any(r.entity_id for r in args_r):  # named parties first: "its troops from Lebanon" → Lebanon
        args_r = [r for r in args_r if r.entity_id]
    if draft.type == "PROTEST":  # whom the protest presses comes first: "… demanding that X resign"
        args_r = _purpose_target(ctx, pred) or args_r
    if not args_r and draft.type in _CONFLICT:
        # "mobilized reservists for a possible war against Iraq"
        against = [c for t in pred.subtree if t.dep_ == "prep" and t.lower_ == "against"
                   for c in t.children if c.dep_ == "pobj"]
        args_r = [a for a in (ctx.argument(t) for t in against) if a is not None and a.entity_id]
    draft.recipients = _unique(args_r)
    scope = _scope(pred, trig)
    draft.location = _location(ctx, scope, draft) or (places[0] if places else None) \
        or (named_places[0] if named_places else None)
    if not draft.recipients and draft.type in _PLACE_TARGETS and draft.location is not None \
            and draft.location.kind != "facility" and len(draft.actors) < 2:
        # "imposed a curfew in the town of Cizre", "demonstrated in Serbia": the place is the target
        draft.recipients = [draft.location]
    draft.weapons = _unique(weapons + _weapons_in(ctx, scope, sent, draft.type))
    draft.quantities = _quantities(ctx, scope, draft, "fired")
    draft.when = _when(ctx, scope, sent)
    draft.modality, draft.negated = _modality(ctx, draft)
    draft.mode = _mode(ctx, draft, sent)
    draft.contexts = _contexts(ctx, sent, draft)
    draft.plover_type = _plover_type(ctx, draft)
    if draft.plover_type == "THREATEN" and not any(_is_party(ctx, r) for r in draft.recipients):
        # "… unless Baghdad accepted its conditions": the threat is aimed at who must comply
        target = _condition_subject(ctx, pred)
        if target is not None:
            draft.recipients = [target]
    claim = ctx.claim_at(trig.idx)
    # (not for an act that is the object of another one: "lifted the state of emergency")
    if not draft.recipients and not spec.extension \
            and (pred.pos_ in ("VERB", "AUX") or lemma_of(pred.head, lex.verb_types) not in lex.verb_types) \
            and not (len(draft.actors) >= 2 and draft.type in _JOINT):
        # no grammatical relation names a recipient: as a PLOVER coder would, take the nearest
        # party the report itself names, marked as inferred
        found = _nearest_party(ctx, draft, sent, claim)
        if found is not None:
            draft.recipients = [found]
    if claim is not None:
        draft.reported_by(claim)


_NEAREST_PARTIES = 12


def _nearest_party(ctx: _Context, draft: _Draft, sent: Any, claim: Claim | None) -> EventArgument | None:
    """The named party with a country nearest the trigger (after it first) within the report, that
    is not one of the actors and not a town or region (those are where it happened)."""
    trig = draft.trigger
    actor_ids = {a.entity_id for a in draft.actors if a.entity_id}
    # (the nearest few only: a sentence that lists hundreds of parties would otherwise cost each
    # of its events a look at all of them)
    for token in islice(_parties_by_nearness(ctx.sentence(sent), trig.i, claim), _NEAREST_PARTIES):
        found = ctx.argument(token)
        if found is None or not found.entity_id or not found.country or found.entity_id in actor_ids \
                or (found.kind in _PLACE_KINDS and found.kind != "country") \
                or any(a.start_char <= found.start_char < a.end_char for a in draft.actors):
            continue
        return replace(found, inferred=True)
    return None


def _parties_by_nearness(table: _SentenceTable, i: int, claim: Claim | None) -> Iterator[Any]:
    """The sentence's party mentions (within the claim, if any) nearest token ``i`` first: those
    at or after it, then those before it (what sorting by ``(t.i < i, abs(t.i - i))`` gives),
    read outwards from ``i`` so that the first fitting one costs no sort of them all."""
    first, last = 0, len(table.parties)
    if claim is not None:
        first = bisect.bisect_left(table.party_chars, claim.start_char)
        last = bisect.bisect_left(table.party_chars, claim.end_char)
    middle = min(max(bisect.bisect_left(table.party_tokens, i), first), last)
    for k in range(middle, last):
        yield table.parties[k]
    for k in range(middle - 1, first - 1, -1):
        yield table.parties[k]


def _raw_arguments(pred: Any, trig: Any, spec: TypeSpec, nouns: list[Any], lex: EventLexicon
                   ) -> tuple[list[Any], list[Any]]:
    """Actor and recipient head tokens from the parse; ``nouns`` are the trigger's nouns ('held
    talks with X': talks)."""
    actors: list[Any] = []
    recipients: list[Any] = []
    if pred.pos_ in ("VERB", "AUX"):
        actors = _subjects(pred)
        recipients = _objects(pred, trig, spec, lex)
        for child in pred.children:
            if child.dep_ == "agent":
                actors.extend(t for c in child.children if c.dep_ == "pobj" for t in _with_conjuncts(c))
        if spec.name == "MOBILIZE" and not actors:  # "troops were placed on alert": they mobilize
            actors = [t for c in pred.children if c.dep_ == "nsubjpass" for t in _with_conjuncts(c)]
        if not recipients:  # "agreed to re-open its borders to UN peacekeepers"
            for child in pred.children:
                if child.dep_ == "xcomp" and child.pos_ == "VERB":
                    # the act's own prepositions too: "threatened to withdraw troops from Chad"
                    own = lex.verb_types.get(lemma_of(child, lex.verb_types), ())
                    extra = ("between", *(p for name in own for p in lex.types[name].recipient_preps))
                    recipients = _objects(child, trig, spec, lex, extra=extra)
                    break
        if spec.name in _OPEN_TARGETS and all(r in nouns for r in recipients):
            # "opened fire to disperse the demonstrators": the purpose clause names the target
            for child in pred.children:
                if child.dep_ in ("advcl", "xcomp") and child.pos_ == "VERB" and any(
                        a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
                    recipients = recipients + _objects(child, trig, spec, lex)
                    break
        if not recipients and spec.name == "REQUEST":
            # "called for the resignation of the prime minister": whoever is to act; "for the
            # release of two priests kidnapped by rebels": whoever holds them
            recipients = [_holder(t) or t for asked in _prep_objects(pred, ("for",))
                          for t in _prep_objects(asked, ("of",))]
        if not recipients and spec.name in _CLAUSE_RECIPIENTS:
            # "demanded that the US cancel the sale": whoever is asked to act
            for child in pred.children:
                if child.dep_ == "ccomp":
                    recipients = [t for c in child.children if c.dep_ in ("nsubj", "nsubjpass")
                                  for t in _with_conjuncts(c)]
                    break
    if not recipients and spec.name in _CLAUSE_RECIPIENTS and trig.pos_ == "NOUN":
        # "its demand that Israel ease restrictions" (the parser may hang the clause on the verb:
        # "reiterated its demand today that Israel ease…")
        holders = [trig, trig.head] if trig.dep_ == "dobj" else [trig]
        recipients = [c for holder in holders for clause in holder.children
                      if clause.dep_ in ("acl", "ccomp", "relcl") and clause.i > trig.i
                      and any(m.lower_ == "that" for m in clause.children)
                      for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")][:1]
    preps = spec.recipient_preps | {"against", "on", "between"}
    if spec.name in _OPEN_TARGETS:
        preps = preps | {"of"}  # "the invasion of South Lebanon", "the arrest of X"
    for noun in nouns:
        if noun.lemma_.lower() in BORDERS:  # "closed its border with X"
            recipients.extend(_prep_objects(noun, ("with",)) + _prep_objects(pred, ("with",)))
        if noun.i == trig.i:
            actors.extend(_noun_actors(noun))
        elif noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by") and noun.head.head.i == pred.i:
            # "three civilians were killed in a Russian airstrike": the strike's owner did it
            actors.extend(_noun_actors(noun))
        elif noun.lemma_.lower() in lex.asking_nouns and spec.name in _ANSWERING:
            # "rejected demands from Athens", "bowed to opposition demands": who asked
            recipients.extend(t for t in _noun_actors(noun) if t.pos_ != "PRON")
        elif pred.pos_ in ("VERB", "AUX") and noun.head.i == pred.i and noun.dep_ == "dobj" \
                and (noun.lemma_.lower() in lex.noun_types or noun.lemma_.lower() in lex.asking_nouns):
            # "rejected recent calls by Belarus's rulers": the calls' owner is the recipient
            recipients.extend(t for t in _noun_actors(noun) if t.pos_ != "PRON")
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                recipients.extend(t for c in child.children if c.dep_ == "pobj"
                                  and c.ent_type_ not in ("DATE", "TIME") for t in _with_conjuncts(c))
    if trig.pos_ == "NOUN":  # "a suspension of air links with Serbia"
        for of in (c for c in trig.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in of.children if c.dep_ == "pobj"):
                recipients.extend(t for p in obj.children if p.dep_ == "prep"
                                  and p.lower_ in spec.recipient_preps
                                  for c in p.children if c.dep_ == "pobj" for t in _with_conjuncts(c))
    return actors, recipients


def _objects(verb: Any, trig: Any, spec: TypeSpec, lex: EventLexicon,
             extra: tuple[str, ...] = ()) -> list[Any]:
    """Objects and type-specific prepositional objects; an object that is itself an event noun
    passes on its own ('continue military aid to Mozambique' → Mozambique)."""
    out: list[Any] = []
    preps = spec.recipient_preps | set(extra)
    if verb.lemma_.lower() in lex.mutual_fights:  # "clashed with protesters"
        preps = preps | {"with"}
    if verb.lemma_.lower() in TAKING:  # "confiscated weapons from a separatist group"
        preps = preps | {"from"}
    for child in verb.children:
        if spec.name == "MOBILIZE" and child.dep_ in ("dobj", "nsubjpass"):
            continue  # "deployed troops", "troops were placed on alert": what is mobilized
        if child.dep_ == "prep" and child.lower_ == "out" and "from" in preps:
            out.extend(_prep_objects(child, ("of",)))  # "pulled out of Jenin"
            continue
        if child.dep_ == "dobj" and verb.lemma_.lower() in TOPIC_VERBS:
            continue  # "discussed the crisis in Gaza": what they talked about
        if child.dep_ == "dative" and child.pos_ == "ADP":  # "granted amnesty to prisoners"
            out.extend(t for c in child.children if c.dep_ == "pobj" for t in _with_conjuncts(c))
        elif child.dep_ in ("dobj", "dative", "nsubjpass") and child.i != trig.i:
            out.extend(_with_conjuncts(child))
            if child.lemma_.lower() in lex.noun_types:  # "lifted the blockade of Gaza"
                out.extend(_prep_objects(child, ("to", "against", "on", "with", "for", "from", "of")))
            for fired in _with_conjuncts(child):
                if fired.lemma_.lower() in lex.projectiles:
                    # "launched 90 missiles and 100 drones at X": the parser hangs "at" on a weapon
                    out.extend(_prep_objects(fired, AIMING_AT))
        elif child.dep_ == "prep" and child.lower_ in preps:
            out.extend(t for c in child.children if c.dep_ == "pobj" for t in _with_conjuncts(c))
        elif child.dep_ == "prep" and spec.name == "MOBILIZE":
            # "massed troops on the border with Ukraine": the other side of the border
            out.extend(t for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() in
                       BORDERS for t in _prep_objects(c, ("with",)))
        elif child.dep_ == "prt" and child.lower_ == "up":  # "kidnapped up to 16 advisers"
            out.extend(_prep_objects(child, ("to",)))
    return [t for t in out if t.ent_type_ not in ("DATE", "TIME")
            or (t.lemma_.lower() in SPANS_OF_TIME and _prep_objects(t, ("of",)))]


def _holder(held: Any) -> Any:
    """'two Italian priests kidnapped by rebels' → rebels."""
    for acl in held.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in HOLDING:
            agents = [c for a in acl.children if a.dep_ == "agent" for c in a.children if c.dep_ == "pobj"]
            if agents:
                return agents[0]
    return None
