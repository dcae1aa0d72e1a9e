"""Events: who did what to whom, where and when, in the PLOVER ontology — each tied to the claims
that report it.

A pure function over a parsed Doc and the layers already extracted (entities, times, claims):

1. **Triggers** are verbs, event nouns and multiword phrases of the event lexicon
   (``data/events.json``: the 16 PLOVER types and claimtrail's documented extensions STATEMENT,
   POLICY and NO_COMMENT). A lemma listed under several types is settled by the words around it.
2. **Arguments** come from the parse: subjects and passive agents are actors, objects and
   type-specific prepositions recipients ("met with" makes both sides actors, as PLOVER codes
   meetings); a noun trigger takes its possessor, its nationality adjective, "by X", or the subject
   of the light verb that carries it ("carried out its strike"). Each argument resolves to an entity
   of the article, with its country and sector.
3. **Place, weapons, quantities, time** from the trigger's clause; an attack's follow-up sentences
   ("Five missiles were intercepted", "another was damaged", "It struck…") add their counts and
   places to the attack instead of starting new events.
4. **Modality** (actual, planned, threatened, attempted, hypothetical) and negation from the
   governing words and auxiliaries; the status and source come from the claim that contains the
   trigger, so an event known only from a hedged leak is visibly so.
5. **Links** ("in response", "retaliatory", "after", "despite", "because of") to earlier events, with
   the source that asserts the link; repeated mentions of one event merge into one record with
   several reports.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import Any

from ..records import (
    Claim,
    Entity,
    Event,
    EventArgument,
    EventLink,
    EventReport,
    EventTime,
    Quantity,
    TextSpan,
    TimeExpression,
)
from ._util import IntervalIndex, dfs_order, doc_children, doc_text, subtree_bounds
from .cue_model import ParseTable, parse_table

_PLACE_KINDS = frozenset({"country", "region", "city", "locality", "facility", "place", "area",
                          "territory", "sea", "river"})
_SECTOR_BY_KIND = {
    "country": "government", "government": "government", "ministry": "government",
    "agency": "government", "legislature": "government", "diplomatic mission": "government",
    "city": "government", "region": "government", "military": "military", "media": "media",
    "alliance": "igo", "international": "igo", "think tank": "ngo", "ngo": "ngo",
    "organization": "organization",
    "nationality": "civilian", "group": "group", "party": "party",
}
_MILITARY_TITLES = ("general", "commander", "admiral", "colonel", "defense minister",
                    "defence minister", "defense secretary")
_ARG_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_LABEL_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "FAC": 5}
_SUBJECTS = ("nsubj", "csubj")
_LOCATION_PREPS = frozenset({"in", "on", "near", "at", "over", "across", "into", "outside", "inside",
                             "around", "along", "off"})


@dataclass(frozen=True, slots=True)
class TypeSpec:
    name: str
    quad: str
    extension: bool
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    recipient_preps: frozenset[str]
    modes: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    intensity: float
    mode_intensity: dict[str, float]


@dataclass(frozen=True, slots=True)
class EventLexicon:
    types: dict[str, TypeSpec]
    verb_types: dict[str, tuple[str, ...]]
    noun_types: dict[str, tuple[str, ...]]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    contexts: dict[str, frozenset[str]]
    links: dict[str, tuple[tuple[str, ...], ...]]
    old_names: dict[str, str]
    planned: frozenset[str]
    threatened: frozenset[str]
    attempted: frozenset[str]
    hypothetical_aux: frozenset[str]
    future_aux: frozenset[str]
    light_verbs: frozenset[str]
    follow_up: frozenset[str]
    projectiles: frozenset[str]
    reference_heads: frozenset[str]
    numbers: dict[str, float]
    party_nouns: frozenset[str]
    refusal: frozenset[str]
    demand_modals: frozenset[str]
    deed_nouns: frozenset[str]
    owned_things: frozenset[str]
    quantity_heads: frozenset[str]
    asking_nouns: frozenset[str]
    asking_verbs: frozenset[str]
    not_events_after: dict[str, frozenset[str]]
    mutual_fights: frozenset[str]
    statement_verbs: frozenset[str]
    disambiguation: dict[str, dict[str, frozenset[str]]]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventLexicon:
        types: dict[str, TypeSpec] = {}
        verb_types: dict[str, list[str]] = {}
        noun_types: dict[str, list[str]] = {}
        phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        groups = [(name, spec, False) for name, spec in data["types"].items()]
        groups += [(name, spec, True) for name, spec in data["extensions"].items()]
        from_claims = frozenset(data["rules"]["from_claims"])
        for name, spec, extension in groups:
            modes = tuple((mode, tuple(tuple(w.split()) for w in m.get("words", [])))
                          for mode, m in spec.get("modes", {}).items())
            intensity = spec.get("intensity", {})
            types[name] = TypeSpec(
                name, spec.get("quad", ""), extension, frozenset(spec.get("verbs", [])),
                frozenset(spec.get("nouns", [])),
                tuple(tuple(p.split()) for p in spec.get("phrases", [])),
                frozenset(spec.get("recipient_preps", [])), modes,
                float(intensity.get("default", 0.0)),
                {k: float(v) for k, v in intensity.get("modes", {}).items()})
            if name in from_claims:  # made from the claims layer, not from trigger words
                continue
            for verb in spec.get("verbs", []):
                verb_types.setdefault(verb, []).append(name)
            for noun in spec.get("nouns", []):
                noun_types.setdefault(noun, []).append(name)
            for phrase in spec.get("phrases", []):
                words = tuple(phrase.split())
                phrases.setdefault(words[0], []).append((words, name))
        rules = data["rules"]
        return cls(
            types=types,
            verb_types={k: tuple(v) for k, v in verb_types.items()},
            noun_types={k: tuple(v) for k, v in noun_types.items()},
            phrases={k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()},
            contexts={k: frozenset(v) for k, v in data["contexts"].items()},
            links={k: tuple(tuple(c.split()) for c in v) for k, v in data["links"].items()},
            old_names=dict(data.get("old_names", {})),
            planned=frozenset(rules["planned"]), threatened=frozenset(rules["threatened"]),
            attempted=frozenset(rules["attempted"]),
            hypothetical_aux=frozenset(rules["hypothetical_aux"]),
            future_aux=frozenset(rules["future_aux"]), light_verbs=frozenset(rules["light_verbs"]),
            follow_up=frozenset(rules["follow_up"]),
            projectiles=frozenset(rules["projectiles"]),
            reference_heads=frozenset(rules["reference_heads"]),
            numbers={k: float(v) for k, v in rules["numbers"].items()},
            party_nouns=frozenset(rules["party_nouns"]),
            refusal=frozenset(rules["refusal"]),
            demand_modals=frozenset(rules["demand_modals"]),
            deed_nouns=frozenset(rules["deed_nouns"]),
            owned_things=frozenset(rules["owned_things"]),
            quantity_heads=frozenset(rules["quantity_heads"]),
            asking_nouns=frozenset(rules["asking_nouns"]),
            asking_verbs=frozenset(rules["asking_verbs"]),
            not_events_after={k: frozenset(v) for k, v in rules["not_events_after"].items()},
            mutual_fights=frozenset(rules["mutual_fights"]),
            statement_verbs=frozenset(data["extensions"]["STATEMENT"].get("verbs", [])),
            disambiguation={item["lemma"]: {t: frozenset(words) for t, words in item["cues"].items()}
                            for item in data.get("ambiguous", [])},
        )


# ----------------------------------------------------------------------------- working records

@dataclass(slots=True)
class _Draft:
    type: str
    trigger: Any            # token
    predicate: Any          # the token whose arguments the event takes (trigger or light verb)
    trigger_span: tuple[int, int]
    actors: list[EventArgument] = field(default_factory=list)
    recipients: list[EventArgument] = field(default_factory=list)
    location: EventArgument | None = None
    weapons: list[EventArgument] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    when: EventTime = field(default_factory=lambda: EventTime("none"))
    modality: str = "actual"
    negated: bool = False
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    reports: list[EventReport] = field(default_factory=list)
    links: list[EventLink] = field(default_factory=list)
    status: str = "asserted"
    source_id: str = "author"
    phrase: tuple[str, ...] = ()
    subject_noun: bool = False
    plover_type: str = ""
    tokens: list[int] = field(default_factory=list)

    def reported_by(self, claim: Claim) -> None:
        """The event is told by ``claim``: its source and status are the claim's."""
        self.reports = [EventReport(claim.id, claim.source_id, claim.via, claim.status)]
        self.status, self.source_id = claim.status, claim.source_id


class _SentenceTable:
    """What every event of a sentence asks of it, once per sentence: a sentence of many triggers
    would otherwise be read once per trigger."""

    def __init__(self, sent: Any, lex: EventLexicon, starts: AbstractSet[int]) -> None:
        """``starts``: the tokens of the doc that begin an entity (``ent_iob_ == "B"``)."""
        table = parse_table(sent.doc)
        first, end = sent.start, sent.end
        self.lemmas = table.lemma[first:end]
        self.lemma_set = set(self.lemmas)
        self.padded = f" {' '.join(self.lemmas)} "
        self.positions: dict[str, list[int]] = {}  # lemma → its tokens' indices, in order
        for i, lemma in enumerate(self.lemmas, start=first):
            self.positions.setdefault(lemma, []).append(i)
        self.contexts = [name for name, words in lex.contexts.items() if self.lemma_set & words]
        # the tokens that begin a party's mention, in order, with their chars
        ents = table.ent
        self.parties = [sent.doc[i] for i in range(first, end)
                        if i in starts and ents[i] in _PARTY_LABELS]
        self.party_chars = [t.idx for t in self.parties]
        self.party_tokens = [t.i for t in self.parties]
        self._phrases: dict[str, bool] = {}

    def has_phrase(self, joined: str) -> bool:
        """Whether the words ``joined`` (lemmas, space-separated) occur in the sentence."""
        found = self._phrases.get(joined)
        if found is None:
            found = self._phrases[joined] = f" {joined} " in self.padded
        return found

    def distance(self, lemma: str, i: int) -> int:
        """Tokens from ``i`` to the nearest token of ``lemma`` in the sentence (99 when none)."""
        positions = self.positions.get(lemma)
        if not positions:
            return 99
        k = bisect.bisect_left(positions, i)
        return min(abs(positions[j] - i) for j in (k - 1, k) if 0 <= j < len(positions))


class _Context:
    """Per-document lookups shared by the steps."""

    def __init__(self, doc: Any, entities: list[Entity], times: list[TimeExpression],
                 claims: list[Claim], lex: EventLexicon, roles: dict[str, tuple[str, ...]]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lex
        self.roles = roles
        self.entity_at: dict[int, tuple[Entity, int, int]] = {}
        self.mentions: list[tuple[int, int, Entity]] = []
        for entity in entities:
            for m in entity.mentions:
                self.mentions.append((m.start_char, m.end_char, entity))
        self.mentions.sort(key=lambda x: x[0])
        for start, end, entity in self.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            for token in span or []:
                self.entity_at.setdefault(token.i, (entity, start, end))
        self.times = times
        # the times by start, to find a sentence's without scanning them all
        by_start = sorted(range(len(times)), key=lambda k: times[k].start_char)
        self._time_order = by_start
        self._time_starts = [times[k].start_char for k in by_start]
        self.claims = sorted(claims, key=lambda c: c.end_char - c.start_char)
        self._claim_spans = IntervalIndex((c.start_char, c.end_char) for c in self.claims)
        # the mentions of each label, for back-references
        self._mentions_by_label: dict[str, list[tuple[int, int, Entity]]] = {}
        self._sentences: dict[int, _SentenceTable] = {}
        self._entity_starts: set[int] | None = None
        self._mention_rank = {id(m): k for k, m in enumerate(self.mentions)}
        for mention in self.mentions:
            self._mentions_by_label.setdefault(mention[2].label, []).append(mention)
        # the words of attribution cues ("said", "declined to comment") are claims, not events
        # (and so are the names inside time expressions, below)
        self.cue_tokens: set[int] = set()
        self.non_answer_tokens: set[int] = set()
        # (an event verb that is also a cue — "accused", "demanded", "threatened" — stays an event)
        for claim in claims:
            if claim.cue is None or claim.voice != "reported":
                continue
            span = doc.char_span(claim.cue.start_char, claim.cue.end_char, alignment_mode="expand")
            if span is None:
                continue
            if claim.status in ("no_comment", "unconfirmed"):
                self.non_answer_tokens.update(t.i for t in span)
                self.non_answer_tokens.update(c.i for t in span for c in t.children
                                              if c.dep_ == "xcomp")
            else:
                self.cue_tokens.update(t.i for t in span if lemma_of(t, lex.verb_types)
                                       not in lex.verb_types)
        self.cue_tokens |= self.non_answer_tokens
        # the names inside time expressions: "in March", "March 15", "on May 9" hold no event
        for time in times:
            span = doc.char_span(time.start_char, time.end_char, alignment_mode="expand")
            self.cue_tokens.update(t.i for t in span or () if t.pos_ == "PROPN")
        self.entity_by_id = {e.id: e for e in entities}

    # arguments --------------------------------------------------------------------------------
    def argument(self, token: Any) -> EventArgument | None:
        """The entity a noun phrase headed by ``token`` names, or its words."""
        found = self.entity_at.get(token.i)
        if found is None:
            hits = [self.entity_at[t.i] for t in _np_tokens(token) if t.i in self.entity_at
                    and self.entity_at[t.i][0].label in _ARG_LABELS]
            hits.sort(key=lambda h: _LABEL_RANK.get(h[0].label, 9))
            found = hits[0] if hits else None
        if found is None and token.pos_ == "PRON":
            speaker = _reported_speaker(token)
            if speaker is not None:  # "Palestinian leaders said they would boycott…"
                return self.argument(speaker)
            found = self._back_reference(token)
        if found is not None:
            entity, start, end = found
            if token.pos_ == "PRON":
                start, end = token.idx, token.idx + len(token.text)
            return EventArgument(self.text[start:end], start, end, entity.id, entity.name,
                                 entity.country, self.sector(entity), entity.kind)
        if token.pos_ in ("PRON", "DET", "NUM") or token.like_num:
            return None
        start, end = _phrase(token)
        words = self.text[start:end]
        return EventArgument(words, start, end, None, " ".join(words.split()),
                             self._country_within(token, start, end), None, None)

    def _country_within(self, head: Any, start: int, end: int) -> str | None:
        """The country of an unnamed party by the place or nationality its phrase names: 'a village
        in North Darfur' → SDN, 'the government in Bogota' → COL."""
        found = [(abs(t.i - head.i), entity.country) for t in head.subtree
                 if start <= t.idx < end and t.i in self.entity_at
                 and (entity := self.entity_at[t.i][0]).country
                 and (entity.kind in _PLACE_KINDS or entity.label in ("GPE", "NORP"))]
        return min(found)[1] if found else None

    def source_entity(self, claim: Claim) -> Entity | None:
        """The entity a claim's source is, or, for a source named by its own noun ("the Bush
        administration", "the Russian defence ministry"), the entity named inside it."""
        entity = self.entity_by_id.get(claim.source_id)
        if entity is not None or claim.source_span is None:
            return entity
        span = claim.source_span
        k = bisect.bisect_left(self.mentions, (span.start_char,), key=lambda m: (m[0],))
        inside = [m[2] for m in self.mentions[k:] if m[0] < span.end_char
                  and m[1] <= span.end_char and m[2].label in ("PERSON", "ORG", "GPE", "NORP")]
        return inside[0] if inside else None

    def named(self, words: TextSpan, entity: Entity) -> EventArgument:
        """An argument for ``entity`` as these words of the text name it (a claim's source)."""
        return EventArgument(words.text, words.start_char, words.end_char, entity.id, entity.name,
                             entity.country, self.sector(entity), entity.kind)

    def _back_reference(self, pronoun: Any) -> tuple[Entity, int, int] | None:
        lower = pronoun.lower_
        if lower in ("he", "him", "his", "she", "her"):
            labels: tuple[str, ...] = ("PERSON",)
        elif lower in ("it", "its", "they", "them", "their"):
            labels = ("ORG", "GPE", "NORP")
        else:
            return None
        # the last mention (in the order of their starts) of these labels that ends before the
        # pronoun: by bisection in each label's mentions, stepping back over those that start
        # before the pronoun but end after it
        best: tuple[int, int, tuple[int, int, Entity]] | None = None
        for label in labels:
            mentions = self._mentions_by_label.get(label, [])
            j = bisect.bisect_right(mentions, pronoun.idx, key=_mention_start) - 1
            while j >= 0 and mentions[j][1] > pronoun.idx:
                j -= 1
            if j >= 0:
                # (ties in start keep the order of self.mentions, which a stable sort gives)
                key = (mentions[j][0], self._mention_rank[id(mentions[j])])
                if best is None or key > best[:2]:
                    best = (*key, mentions[j])
        if best is None:
            return None
        start, end, entity = best[2]
        return entity, start, end

    def sector(self, entity: Entity) -> str | None:
        if entity.kind == "person":
            titles = self.roles.get(entity.id, ())
            if any(any(m in t for m in _MILITARY_TITLES) for t in titles):
                return "military"
            return "government" if titles else "person"
        if entity.label == "WEAPON":
            return None
        return _SECTOR_BY_KIND.get(entity.kind, "other")

    def claim_at(self, char: int) -> Claim | None:
        """The shortest claim that holds ``char`` (the first of them in ``self.claims``)."""
        return next((self.claims[k] for k in sorted(self._claim_spans.overlapping(char, char + 1))),
                    None)

    def sentence(self, sent: Any) -> _SentenceTable:
        """The lemmas and party mentions of ``sent``, worked out once for all its events."""
        table = self._sentences.get(sent.start)
        if table is None:
            if self._entity_starts is None:
                self._entity_starts = _entity_starts(self.doc)
            table = self._sentences[sent.start] = _SentenceTable(sent, self.lex,
                                                                 self._entity_starts)
        return table

    def times_in(self, start: int, end: int) -> list[TimeExpression]:
        """The times that start in ``[start, end)``, in the order given."""
        first = bisect.bisect_left(self._time_starts, start)
        last = bisect.bisect_left(self._time_starts, end)
        return [self.times[k] for k in sorted(self._time_order[first:last])]


def _entity_starts(doc: Any) -> set[int]:
    """The tokens whose ``ent_iob_`` is "B", from the doc's array (no Token made)."""
    from spacy.attrs import ENT_IOB

    if not len(doc):
        return set()
    return {i for i, iob in enumerate(doc.to_array(ENT_IOB).tolist()) if iob == 3}


# ----------------------------------------------------------------------------- the extractor

def _reported_speaker(pronoun: Any) -> Any:
    """The subject of the saying verb when a third-person pronoun opens its reported clause."""
    if pronoun.lower_ not in ("he", "she", "it", "they", "we") or pronoun.dep_ not in ("nsubj",
                                                                                     "nsubjpass"):
        return None
    clause = pronoun.head
    for _ in range(3):
        if clause.dep_ == "ccomp" and clause.head.i != clause.i:
            speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
            if speaker is not None and speaker.pos_ != "PRON":
                return speaker
            return None
        if clause.dep_ in ("xcomp", "conj", "acomp") and clause.head.i != clause.i:
            clause = clause.head
            continue
        return None
    return None


def _np_tokens(head: Any) -> list[Any]:
    """The noun phrase without its clauses and prepositional phrases, except 'of' ('the president
    of Armenia') and apposition ('the adviser, Richard Grenell')."""
    out = []
    stack = [head]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "conj", "cc", "punct"):
                continue
            if child.dep_ == "prep" and child.lower_ != "of":
                continue
            stack.append(child)
    return out


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
    drafts = [d for d in drafts if not _empty_mention(d)]
    drafts.extend(_demands(ctx, claims, drafts))
    drafts.extend(_non_answers(ctx, claims))
    drafts.extend(_statements(ctx, claims))
    drafts.sort(key=lambda d: d.trigger_span[0])
    _link(ctx, drafts, sents)
    drafts = _merge_repeats(drafts)
    ids = {f"@{id(d)}": f"e{i}" for i, d in enumerate(drafts, start=1)}
    return [_freeze(ctx, d, i, ids) for i, d in enumerate(drafts, start=1)]


def _triggers(ctx: _Context, sent: Any, consumed: set[int]) -> list[_Draft]:
    lex = ctx.lex
    doc = ctx.doc
    p = parse_table(doc)
    lemmas, pos = p.lemma, p.pos
    out: list[_Draft] = []
    own: set[int] = set()  # the tokens taken in this sentence
    # (the document-wide sets are asked, not copied: a copy per sentence is quadratic)
    non_answer = ctx.non_answer_tokens
    # multiword phrases first ("open fire", "impose sanction", "sign decree"), even over a word the
    # claims layer took as a saying ("recalled its ambassador" is none), but never over a
    # non-answer ("declined to comment"); read from the doc's table, a Token made only for a match
    phrases = lex.phrases
    for i in range(sent.start, sent.end):
        candidates = phrases.get(lemmas[i])
        if not candidates or i in own or i in consumed or i in non_answer:
            continue
        for words, name in candidates:
            at = _match_phrase_at(p, i, words, sent.end)
            if at is None or at[-1] - at[0] > len(words) + 3 \
                    or any(j in own or j in consumed or j in non_answer
                           for j in at):  # "suspended military aid": one event
                continue
            matched = [doc[j] for j in at]
            inside = set(at)
            head = next((t for t in matched if t.head.i not in inside or t.head.i == t.i), matched[0])
            if head.pos_ in ("NOUN", "PROPN") and _is_reference(head, lex):
                continue
            span = (matched[0].idx, matched[-1].idx + len(matched[-1].text))
            name = _phrase_type(name, matched, sent, lex)
            out.append(_Draft(name, head, head, span, phrase=words, tokens=list(at)))
            own.update(at)
            break
    cues = ctx.cue_tokens  # (which holds the non-answers too)
    verb_types, noun_types, party_nouns = lex.verb_types, lex.noun_types, lex.party_nouns
    for i in range(sent.start, sent.end):
        tag = pos[i]
        if tag == "VERB":
            names = verb_types.get(_lemma_of_at(p, i, verb_types))
            reference = False
        elif tag in ("NOUN", "PROPN"):
            lemma = lemmas[i]
            names = None if lemma in party_nouns else noun_types.get(lemma)
            reference = True
        else:
            continue
        if not names or i in own or i in consumed or i in cues:
            continue
        token = doc[i]
        if reference and _is_reference(token, lex):
            continue
        if _not_an_act(token, lex):
            continue
        chosen = _choose_type(token, names, sent, lex)
        if chosen is None:
            continue
        out.append(_Draft(chosen, token, token, (token.idx, token.idx + len(token.text)),
                          tokens=[i]))
        own.add(i)
    return _merge_in_clause(ctx, out)


def _not_an_act(token: Any, lex: EventLexicon) -> bool:
    """A question is no request ("was asked about the attack", "asked whether …": only "asked
    the court to …" and "asked for help" ask for something), and a press conference is no
    consultation."""
    lemma = token.lemma_.lower()
    if lemma in lex.asking_verbs and token.pos_ == "VERB":
        return not any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for")
                       for c in token.children)
    blocking = lex.not_events_after.get(lemma, frozenset())
    return any(c.dep_ == "compound" and c.lemma_.lower() in blocking for c in token.children)


def _lemma_of_at(p: ParseTable, i: int, known: Any) -> str:
    """:func:`lemma_of` for token ``i`` of the doc whose table is ``p``, with no Token."""
    lemma = p.lemma[i]
    if lemma in known:
        return lemma
    return _stem(p.lower[i], known) or lemma


def _match_phrase_at(p: ParseTable, i: int, words: tuple[str, ...], end: int) -> list[int] | None:
    """The phrase's lemmas in order from token ``i``, in a sentence that ends at token ``end``, with
    up to two determiners, adjectives, numbers or particles between: the indices of the tokens
    matched (read from the doc's table, no Token made)."""
    lemmas, lowers, pos = p.lemma, p.lower, p.pos
    matched = [i]
    for word in words[1:]:
        for gap in range(3):
            j = i + 1 + gap
            if j >= end:
                return None
            if lemmas[j] == word or lowers[j] == word:
                matched.append(j)
                i = j
                break
            if pos[j] not in ("DET", "ADJ", "NUM", "PART", "PRON", "ADV", "PUNCT", "PROPN"):
                return None
        else:
            return None
    return matched


def lemma_of(token: Any, known: Any) -> str:
    """The token's lemma, or a plain-suffix stem of its text when the model's lemma is unknown
    to ``known`` and the stem is known (the small model lemmatises 'staged' as 'stag')."""
    lemma = str(token.lemma_).lower()
    if lemma in known:
        return lemma
    return _stem(str(token.lower_), known) or lemma


# a stem and the inflection it must have lost: "finds" → "find", "fined" → "fine", "staged" →
# "stage", "shelling" → "shell"; never "find" → "fin" (its final d is no ending)
_ENDINGS = ((0, "", ("s", "d", "ed", "ing", "es")), (1, "", ("s", "ed")), (2, "", ("ed", "es")),
            (3, "", ("ing",)), (3, "e", ("ing",)), (2, "e", ("ed",)))


def _stem(lower: str, known: Any) -> str | None:
    """The first stem of ``lower`` in ``known`` that a plain inflection ending was cut from."""
    for cut, add, endings in _ENDINGS:
        stem = (lower[:-cut] if cut else lower) + add
        if len(stem) > 2 and stem in known and lower.endswith(endings):
            return stem
    return None


def _is_reference(token: Any, lex: EventLexicon) -> bool:
    """'declined to comment on the missile strike', 'reports about the strikes': a noun that only
    names an event being talked about is not a new event."""
    head = token.head
    if head.dep_ == "prep" and head.lower_ in ("on", "about", "of", "over", "regarding"):
        governor = head.head
        return governor.lemma_.lower() in lex.reference_heads
    return False


def _choose_type(token: Any, names: tuple[str, ...], sent: Any, lex: EventLexicon) -> str | None:
    """The type of an ambiguous trigger from cue words in its sentence and the two before
    ('strike' among missiles and drones, or among workers and unions); else the type listed
    first for it. A verb listed with one type only ('provide') is no event without cues among its
    own arguments ('provided helicopters', not 'provided details')."""
    if len(names) == 1 and token.lemma_.lower() not in lex.disambiguation:
        return names[0]
    rules = lex.disambiguation.get(token.lemma_.lower())
    if rules:
        # (a general verb, with one type only, is judged by its own arguments only)
        # ("@PERSON" in a cue list: a named person among them)
        lemmas: AbstractSet[str] = {w for t in token.subtree for w in (
            t.lemma_.lower(), f"@{t.ent_type_}" if t.ent_type_ else "")} if len(rules) == 1 \
            else _cue_window(token, sent)
        scores = {name: len(lemmas & words) for name, words in rules.items() if name in names}
        if scores:
            best = max(scores.items(), key=lambda kv: kv[1])
            if best[1] > 0:
                return best[0]
        if len(rules) == 1:  # a general verb ("provide", "give") is an event only with its cues
            return None
        return next(iter(rules)) if next(iter(rules)) in names else names[0]
    return names[0]


def _cue_window(token: Any, sent: Any) -> AbstractSet[str]:
    """The lemmas an ambiguous trigger's cues are looked for in: its sentence and the text just
    before it (worked out once per sentence, not once per trigger; kept as a dict's keys, which
    a Doc can serialise)."""
    doc = token.doc
    windows = doc.user_data.setdefault("claimtrail.cue_windows", {})
    found: dict[str, None] | None = windows.get(sent.start)
    if found is None:
        found = dict.fromkeys(str(t.lemma_).lower() for t in doc[max(sent.start - 60, 0):sent.end])
        windows[sent.start] = found
    return found.keys()


def _phrase_type(name: str, matched: list[Any], sent: Any, lex: EventLexicon) -> str:
    """A phrase around an ambiguous word goes with the word's cues when they clearly point
    elsewhere: 'launched a general strike' among oil workers is a protest."""
    for token in matched:
        rules = lex.disambiguation.get(token.lemma_.lower())
        if not rules or name not in rules or len(rules) < 2:
            continue
        lemmas = _cue_window(token, sent)
        scores = {other: len(lemmas & words) for other, words in rules.items()}
        best = max(scores, key=lambda other: scores[other])
        if scores[best] > scores[name]:
            return best
    return name


def _merge_in_clause(ctx: _Context, drafts: list[_Draft]) -> list[_Draft]:
    """A noun trigger that is an argument of a verb trigger of the same type is that event
    ('a combined strike … targeted'); a noun carried by a light verb ('carried out its strike',
    'launched an attack') takes the light verb as its predicate."""
    lex = ctx.lex
    by_token = {d.trigger.i: d for d in drafts}
    out: list[_Draft] = []
    for draft in drafts:
        token = draft.trigger
        if token.pos_ in ("NOUN", "PROPN"):
            base = token
            while base.dep_ == "conj" and base.head.i != base.i:  # "Drone and missile strikes hit"
                base = base.head
            governor = base.head
            if base.dep_ == "pobj" and governor.dep_ == "prep":
                governor = governor.head
            other = by_token.get(governor.i)
            if other is not None and other is not draft and other.type == draft.type:
                other.trigger_span = (min(other.trigger_span[0], draft.trigger_span[0]),
                                      max(other.trigger_span[1], draft.trigger_span[1]))
                other.tokens.extend(draft.tokens)
                continue
            carrier, role = base, base.dep_
            if role == "compound" and base.head.lemma_.lower() in _CARRIER_NOUNS:
                carrier = base.head  # "launched a mediation effort between A and B"
                role, governor = carrier.dep_, carrier.head
                draft.tokens.append(carrier.i)
            if role == "pobj" and base.head.lower_ == "of" and base.head.head.pos_ == "NOUN":
                carrier = base.head.head  # "provide 25,000 tons of food aid"
                role = carrier.dep_
                governor = carrier.head
            if role == "dobj" and governor.lemma_.lower() in _STOPPING and draft.type in _COOPERATIVE:
                # "broke off peace talks with the ELN", "scaled back cooperation with Senegal":
                # ending cooperation reduces relations
                draft.predicate = governor
                draft.type = "SANCTION"
                draft.tokens.append(governor.i)
            elif role in ("dobj", "nsubjpass", "attr") and \
                    lemma_of(governor, lex.light_verbs) in lex.light_verbs:
                draft.predicate = governor
            elif role == "pobj" and base.head.lower_ in ("for", "on") and \
                    base.head.head.lemma_.lower() in _MOTION_VERBS and draft.type == "CONSULT":
                draft.predicate = base.head.head  # "arrived in Moscow for an official visit"
            elif role == "pobj" and base.head.lower_ in ("under", "into") and \
                    base.head.head.lemma_.lower() in _PLACING:
                draft.predicate = base.head.head  # "placed the opposition leader under house arrest"
            elif base.dep_ == "nsubj" and governor.pos_ == "VERB" and governor.i not in by_token:
                draft.predicate = governor  # "a combined strike … targeted a command center"
                draft.subject_noun = True
        out.append(draft)
    return out


# ----------------------------------------------------------------------------- arguments

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
    if draft.type == "ASSAULT" and actors and all(t.lemma_.lower() in _CROWDS for t in actors) \
            and trig.lemma_.lower() not in _BODILY_HARM:
        # "Youths torched cars and hurled petrol bombs at police": a riot, PLOVER's PROTEST (but a
        # mob that beats a man to death assaults him)
        draft.type = "PROTEST"
    if draft.type == "REQUEST" and any(c.dep_ == "xcomp" and c.lemma_.lower() in _LEAVING
                                       for c in pred.children):
        # "ordered the UN mission to leave the country within ten days": an expulsion
        draft.type = "SANCTION"
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
    args_r = [r for r in args_r if all(r.entity_id != a.entity_id or r.entity_id is None
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
                  and not (a.entity_id is None and a.country is None and t.lemma_.lower() in _FORCES)]
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
    draft.location = _location(ctx, scope, draft) or (places[0] if places else None)
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


def _nearest_party(ctx: _Context, draft: _Draft, sent: Any, claim: Claim | None) -> EventArgument | None:
    """The named party with a country nearest the trigger (after it first) within the report, that
    is not one of the actors and not a town or region (those are where it happened)."""
    trig = draft.trigger
    actor_ids = {a.entity_id for a in draft.actors if a.entity_id}
    for token in _parties_by_nearness(ctx.sentence(sent), trig.i, claim):
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
        if noun.lemma_.lower() in _BORDERS:  # "closed its border with X"
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
    if verb.lemma_.lower() in _TAKING:  # "confiscated weapons from a separatist group"
        preps = preps | {"from"}
    for child in verb.children:
        if spec.name == "MOBILIZE" and child.dep_ in ("dobj", "nsubjpass"):
            continue  # "deployed troops", "troops were placed on alert": what is mobilized
        if child.dep_ == "prep" and child.lower_ == "out" and "from" in preps:
            out.extend(_prep_objects(child, ("of",)))  # "pulled out of Jenin"
            continue
        if child.dep_ == "dobj" and verb.lemma_.lower() in _TOPIC_VERBS:
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
                    out.extend(_prep_objects(fired, _AIMING_AT))
        elif child.dep_ == "prep" and child.lower_ in preps:
            out.extend(t for c in child.children if c.dep_ == "pobj" for t in _with_conjuncts(c))
        elif child.dep_ == "prep" and spec.name == "MOBILIZE":
            # "massed troops on the border with Ukraine": the other side of the border
            out.extend(t for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() in
                       _BORDERS for t in _prep_objects(c, ("with",)))
        elif child.dep_ == "prt" and child.lower_ == "up":  # "kidnapped up to 16 advisers"
            out.extend(_prep_objects(child, ("to",)))
    return [t for t in out if t.ent_type_ not in ("DATE", "TIME")
            or (t.lemma_.lower() in _SPANS_OF_TIME and _prep_objects(t, ("of",)))]


def _holder(held: Any) -> Any:
    """'two Italian priests kidnapped by rebels' → rebels."""
    for acl in held.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in _HOLDING:
            agents = [c for a in acl.children if a.dep_ == "agent" for c in a.children if c.dep_ == "pobj"]
            if agents:
                return agents[0]
    return None


def _prep_objects(token: Any, words: Any) -> list[Any]:
    """The objects, with their conjuncts, of ``token``'s prepositions among ``words``."""
    return [t for p in token.children if p.dep_ == "prep" and p.lower_ in words
            for c in p.children if c.dep_ == "pobj" for t in _with_conjuncts(c)]


_JOINT = frozenset({"AGREE", "COOPERATE", "CONSULT"})
# types that answer a request: whoever asked is the recipient
_ANSWERING = frozenset({"REJECT", "CONCEDE", "AGREE", "SUPPORT"})
# entities that are no party: "demands for World War Two reparations"
_NOT_PARTIES = frozenset({"event", "law", "product"})
# what a weapon is fired at ("launched 90 missiles and 100 drones at X")
_AIMING_AT = ("at", "on", "against", "toward", "towards", "into")
_BORDERS = frozenset({"border", "frontier", "boundary"})
# nouns of trying or intending: whoever makes the effort does what it is an effort to do
_INTENT_NOUNS = frozenset({"effort", "attempt", "bid", "plan", "decision", "move", "offer",
                           "proposal", "readiness", "willingness", "intention", "push", "drive",
                           "campaign", "initiative", "mission", "pledge", "promise", "threat"})
# nouns an event noun can name the kind of ("a mediation effort", "a military aid package for X")
_CARRIER_NOUNS = _INTENT_NOUNS | {"package", "shipment", "delivery", "convoy", "consignment"}


# who a protest's demand can address without being named
_AUTHORITIES = frozenset({"government", "regime", "administration", "authority", "parliament",
                          "president", "premier", "minister", "mayor", "governor", "police", "army",
                          "junta", "cabinet", "company", "management", "employer"})
# "arrived in Moscow for an official visit": the visit is the traveller's
_MOTION_VERBS = frozenset({"arrive", "come", "travel", "fly", "go", "head", "leave", "return"})
# "placed X under house arrest", "put X into custody": the verb carries the noun's event
_PLACING = frozenset({"place", "put", "keep", "take"})
# verbs of taking: whoever something is taken from is the recipient
_TAKING = frozenset({"confiscate", "seize", "take", "expropriate", "impound", "wrest", "steal",
                     "loot", "grab"})
# "the release of two priests kidnapped by rebels": who holds them is asked to free them
_HOLDING = frozenset({"kidnap", "abduct", "hold", "detain", "capture", "seize", "take", "arrest",
                      "jail", "imprison"})
_FORCES = frozenset({"troop", "soldier", "force", "army", "warship", "navy", "unit", "reservist",
                     "tank", "jet", "plane", "aircraft", "ship", "fleet"})
_OWN_SIDE_KINDS = frozenset({"country", "city", "nationality", "government", "military"})
# verbs whose object is the topic, not the other party ("discussed the crisis in Gaza")
_TOPIC_VERBS = frozenset({"discuss", "negotiate", "debate", "review", "address", "examine"})
_THROWING = frozenset({"fire", "shoot", "launch", "lob", "hurl", "throw", "aim", "point", "direct"})


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
    return head.lemma_.lower() in _THROWING and not any(
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
    if token.lemma_.lower() not in _BORDERS:
        return [token]
    return _prep_objects(token, ("with",)) or [token]


def _through_quantity(token: Any, lex: EventLexicon) -> list[Any]:
    """'scores of Sierra Leonean and Liberian refugees', 'hundreds of protesters': the people
    counted, not the count."""
    if token.lemma_.lower() not in lex.quantity_heads and token.lower_ not in lex.quantity_heads \
            and token.pos_ != "NUM" and token.lemma_.lower() not in _SPANS_OF_TIME:
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
        if token.pos_ == "VERB" and token.lemma_.lower() in _PRESSING:
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
            if token.lemma_.lower() in _AUTHORITIES:  # "demanding the resignation of the government"
                found = ctx.argument(token)
                if found is not None:
                    return [found]
    return []


_CROWDS = frozenset({"protester", "demonstrator", "rioter", "crowd", "mob", "youth", "student",
                     "activist", "striker", "marcher", "fan", "supporter"})
_STOPPING = frozenset({"halt", "suspend", "stop", "break", "scale", "cut", "freeze", "curtail",
                       "reduce", "abandon", "cancel", "terminate", "discontinue"})
_SPANS_OF_TIME = frozenset({"hour", "day", "week", "month", "year"})
_BODILY_HARM = frozenset({"beat", "kill", "lynch", "stab", "shoot", "murder", "hack", "rape",
                          "behead", "torture", "wound", "injure"})
_LEAVING = frozenset({"leave", "quit", "depart", "exit"})
_PRESSING = frozenset({"demand", "press", "pressure", "force", "urge", "push", "compel", "call"})


_HANDING = frozenset({"extradite", "hand", "return", "deport", "deliver", "transfer", "repatriate",
                      "surrender", "send", "ship"})


def _destinations(pred: Any) -> list[Any]:
    """Whom a handing-over verb, or the one it governs ('refused to extradite … to Rome'), hands to."""
    verbs = [pred, *(c for c in pred.children if c.dep_ == "xcomp" and c.pos_ == "VERB")]
    for verb in verbs:
        if verb.lemma_.lower() not in _HANDING or not any(c.dep_ in ("dobj", "nsubjpass")
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


def _noun_actors(noun: Any, party_nouns: frozenset[str] = frozenset()) -> list[Any]:
    """Who a noun's event belongs to: 'Russia's strike', 'a US offer', 'calls by Belarus's rulers',
    'an appeal from President Gbagbo', 'opposition demands' (with ``party_nouns``)."""
    out = []
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ == "NOUN" and child.lemma_.lower() in party_nouns:
            out.append(child)
            continue
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound")
                                    and (child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
                                         or (child.dep_ == "compound" and child.pos_ == "PROPN"
                                             and noun.text.islower()))):
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            out.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "acl":  # "the peace plan proposed by NATO"
            out.extend(c for agent in child.children if agent.dep_ == "agent"
                       for c in agent.children if c.dep_ == "pobj")
    return out


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
    if token.pos_ == "NOUN" and lemma in _TIME_UNITS:
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
        if t.dep_ == "pobj" and t.head.lower_ in _OWNING_PREPS and t.head.head.i != t.i \
                and (_agentive_words(_np_tokens(t), ctx.lex) or any(
                    u.i in ctx.entity_at and ctx.entity_at[u.i][0].label in _PARTY_LABELS
                    for u in _np_tokens(t))):
            return t
    return token


_OWNING_PREPS = frozenset({"to", "from", "by", "of", "with", "against", "between"})
_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


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
    return not any(c.lemma_.lower() in _CONDITIONS for p in token.children
                   if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj")


_CONDITIONS = frozenset({"emergency", "siege", "war", "alert", "mourning", "readiness", "exception"})


_OPEN_TARGETS = frozenset({"ASSAULT", "COERCE"})
_LAUNCH_VERBS = frozenset({"attack", "strike", "launch", "fire", "hit", "bomb", "shell", "target",
                           "use", "send", "fly"})
# types whose target may be a place when no party is named ("demonstrated in Serbia"); an attack's
# place is its location, not a recipient, unless it is the object ("attacked Kharkiv")
_PLACE_TARGETS = frozenset({"COERCE", "PROTEST", "RETREAT", "SANCTION", "MOBILIZE", "ACCUSE", "AID",
                            "CONSULT", "SUPPORT", "COOPERATE", "THREATEN", "REQUEST", "CONCEDE",
                            "AGREE", "REJECT"})
_CONFLICT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "PROTEST", "ACCUSE"})
_CLAUSE_RECIPIENTS = frozenset({"REQUEST", "THREATEN", "ACCUSE"})
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "night", "week", "month", "year", "decade",
                         "dawn", "dusk", "morning", "afternoon", "evening", "midnight", "noon",
                         "km", "kilometre", "kilometer", "mile", "meter", "metre", "percent", "%",
                         "january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december"})


def _token_range(doc: Any, span: tuple[int, int]) -> tuple[int, int]:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return (found.start, found.end) if found is not None else (0, 0)


def _subjects(verb: Any) -> list[Any]:
    seen = verb
    for _ in range(4):
        subjects = [t for c in seen.children if c.dep_ in _SUBJECTS for t in _with_conjuncts(c)]
        if subjects:
            return [_antecedent(t) for t in subjects]
        if seen.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to"
                                                 for c in seen.children):
            intent = seen.head
            if seen.dep_ != "acl" or intent.lemma_.lower() not in _INTENT_NOUNS:
                break  # "missiles … to attack": a purpose, whose doer the clause does not say
            owners = [c for c in intent.children if c.dep_ == "poss"]
            if owners:  # "Russia's decision to invade"
                return [_antecedent(t) for t in owners]
            if intent.dep_ != "dobj":
                break
            seen = intent.head  # "Turkey stepped up efforts to mediate": Turkey mediates
            continue
        if seen.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp") and seen.head.i != seen.i:
            if seen.dep_ == "acl" and seen.head.pos_ in ("NOUN", "PROPN"):
                return [seen.head]
            seen = seen.head
            if seen.dep_ == "prep":
                if seen.lower_ == "of":  # "accused Sudan of backing rebels": Sudan backs them
                    accused = [t for c in seen.head.children if c.dep_ == "dobj"
                               for t in _with_conjuncts(c)]
                    if accused:
                        return accused
                seen = seen.head
            continue
        if seen.dep_ == "relcl":
            return [seen.head]
        break
    return []


def _antecedent(token: Any) -> Any:
    if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _with_conjuncts(token: Any) -> list[Any]:
    out = [token]
    for t in token.conjuncts:
        if t.i > token.i:
            out.append(t)
    return out


def _unique(args: Any) -> list[Any]:
    out: list[Any] = []
    seen: set[Any] = set()
    for a in args:
        key = a.entity_id or (a.start_char, a.end_char) if isinstance(a, EventArgument) else a
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    # "women and girls": an unnamed conjunct inside an unnamed phrase already given is the same party
    return [a for a in out if not (isinstance(a, EventArgument) and a.entity_id is None and any(
        b is not a and b.entity_id is None and b.start_char <= a.start_char and a.end_char <= b.end_char
        and (b.start_char, b.end_char) != (a.start_char, a.end_char) for b in out))]


_CLAUSE_MODIFIERS = ("relcl", "acl", "appos")


def _phrase(token: Any) -> tuple[int, int]:
    """The characters of the phrase ``token`` heads: its subtree without relative clauses,
    clausal modifiers, appositions, punctuation and whitespace (one walk of the subtree)."""
    doc = token.doc
    children = doc_children(doc)
    first = last = -1
    stack = [token.i]
    while stack:
        i = stack.pop()
        t = doc[i]
        if t.dep_ not in ("punct", *_CLAUSE_MODIFIERS) and not t.is_space:
            first = i if first < 0 else min(first, i)
            last = max(last, i)
        # what hangs under a relative clause, clausal modifier or apposition is not the phrase's
        stack.extend(c for c in children[i] if doc[c].dep_ not in _CLAUSE_MODIFIERS)
    if first < 0:
        return token.idx, token.idx + len(token.text)
    return doc[first].idx, doc[last].idx + len(doc[last].text)


_CLAUSES = frozenset({"ccomp", "relcl", "advcl", "xcomp", "acl", "conj", "parataxis"})


def _scope(pred: Any, trig: Any) -> list[Any]:
    """The tokens of the event's clause, without embedded clauses (which carry events and times
    of their own)."""
    doc = pred.doc
    table = parse_table(doc)  # (read from the doc's table: a Token only for the clause's words)
    children, deps, pos = table.children, table.dep, table.pos
    heads = {pred.i, trig.i}
    seen: set[int] = set()
    stack = [pred.i, trig.i]
    while stack:
        i = stack.pop()
        if i in seen:
            continue
        seen.add(i)
        for c in children[i]:
            if deps[c] in _CLAUSES and c not in heads and pos[c] in ("VERB", "AUX"):
                continue
            stack.append(c)
    return [doc[i] for i in sorted(seen)]


def _location(ctx: _Context, scope: list[Any], draft: _Draft) -> EventArgument | None:
    for token in scope:
        if token.dep_ == "pobj" and token.head.lower_ in _LOCATION_PREPS:
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
        else range(sent.start, sent.end)
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
                noun.lemma_.lower() in _TIME_UNITS or noun.ent_type_ in ("DATE", "TIME"):
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
        if governor.i == trigger.i and trigger.lemma_.lower() not in _LAUNCH_VERBS:
            words = [trigger.doc[i].text for i in sorted(draft.tokens or [trigger.i])]
            return " ".join(words).lower()  # "shot down … drones": counted as shot down
        return default
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return str(head.text).lower()
    return "involved"


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
    auxes = [c.lower_ for node in (pred, *governors[:1]) for c in node.children
             if c.dep_ in ("aux", "auxpass")]
    if any(a in lex.hypothetical_aux for a in auxes) or any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in pred.children):
        return "hypothetical", negated
    if any(a in lex.future_aux for a in auxes):
        return "planned", negated
    if any(c.lower_ in ("further", "future", "planned", "possible") for c in trig.children):
        return "planned" if not any(c.lower_ == "possible" for c in trig.children) \
            else "hypothetical", negated
    return "actual", negated


def _governors(pred: Any) -> list[Any]:
    """The words an event's clause hangs on: 'promised to [withdraw]', 'are [strikes] planned'."""
    out = []
    node = pred
    for _ in range(3):
        if node.dep_ in ("xcomp", "dobj", "nsubjpass", "pobj", "acl", "ccomp") and node.head.i != node.i:
            node = node.head
            if node.dep_ == "prep":
                node = node.head
            out.append(node)
        else:
            break
    return out


_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
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


# ----------------------------------------------------------------------------- follow-ups

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


_WALK_STEPS = 8  # the heads a walk up from a trigger is expected to take, for the choice above


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


# ----------------------------------------------------------------------------- extensions

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


# ----------------------------------------------------------------------------- links

def _link(ctx: _Context, drafts: list[_Draft], sents: list[Any]) -> None:
    lex = ctx.lex
    doc = ctx.doc
    first_words = {cue[0] for cues in lex.links.values() for cue in cues}
    cues = sorted(((kind, cue) for kind, group in lex.links.items() for cue in group),
                  key=lambda kc: -len(kc[1]))
    # the cues (longest first) by their first word: only those can match at a token
    by_first: dict[str, list[int]] = {}
    for k, (_, cue) in enumerate(cues):
        by_first.setdefault(cue[0], []).append(k)
    used: set[int] = set()
    index = _DraftIndex(drafts)
    # (read from the doc's table: a Token is made only for the words of a cue that matches)
    table = parse_table(doc)
    lowers, lemmas = table.lower, table.lemma
    n = len(lowers)
    for i, (lower, lemma) in enumerate(zip(lowers, lemmas, strict=True)):
        if lower not in first_words and lemma not in first_words:
            continue
        for kind, cue in (cues[k] for k in sorted({*by_first.get(lower, ()),
                                                   *by_first.get(lemma, ())})):
            if i in used or i + len(cue) > n:
                continue
            if any(lemmas[i + k] != c and lowers[i + k] != c for k, c in enumerate(cue)):
                continue
            words = [doc[i + k] for k in range(len(cue))]
            used.update(w.i for w in words)
            _add_link(ctx, index, kind, words)


class _DraftIndex:
    """The drafts (in text order) by the token of their trigger and by type, so that a link cue
    finds its sentence's events, its target and the earlier events of a type without a scan of
    every event of the article."""

    def __init__(self, drafts: list[_Draft]) -> None:
        self.drafts = drafts
        self._subtrees: dict[int, set[int]] = {}
        self._by_trigger = sorted(range(len(drafts)), key=lambda k: drafts[k].trigger.i)
        self._trigger_tokens = [drafts[k].trigger.i for k in self._by_trigger]
        self._by_char = sorted(range(len(drafts)), key=lambda k: drafts[k].trigger.idx)
        self._trigger_chars = [drafts[k].trigger.idx for k in self._by_char]
        # of each type, the drafts in the order given (by the start of their trigger's span)
        self.of_type: dict[str, list[int]] = {}
        for k, draft in enumerate(drafts):
            self.of_type.setdefault(draft.type, []).append(k)

    def of_type_back_from(self, type_: str, char: int) -> Iterator[int]:
        """Positions of the drafts of ``type_`` whose trigger's span starts at or before ``char``,
        the last first (the others' triggers start after ``char``)."""
        positions = self.of_type.get(type_, [])
        j = bisect.bisect_right(positions, char, key=lambda k: self.drafts[k].trigger_span[0])
        return (positions[i] for i in range(j - 1, -1, -1))

    def subtree(self, token: Any) -> set[int]:
        """The indices of ``token.subtree`` (kept: every link cue of a sentence asks)."""
        found = self._subtrees.get(token.i)
        if found is None:
            found = self._subtrees[token.i] = {t.i for t in token.subtree}
        return found

    def triggered_in(self, start: int, end: int) -> list[_Draft]:
        """The drafts whose trigger is token ``start`` to ``end - 1``, in the order given."""
        first = bisect.bisect_left(self._trigger_tokens, start)
        last = bisect.bisect_left(self._trigger_tokens, end)
        return [self.drafts[k] for k in sorted(self._by_trigger[first:last])]

    def at_chars(self, start: int, end: int) -> list[_Draft]:
        """The drafts whose trigger starts at a char in ``[start, end)``, in the order given."""
        first = bisect.bisect_left(self._trigger_chars, start)
        last = bisect.bisect_left(self._trigger_chars, end)
        return [self.drafts[k] for k in sorted(self._by_char[first:last])]


def _add_link(ctx: _Context, index: _DraftIndex, kind: str, words: list[Any]) -> None:
    first, last = words[0], words[-1]
    sent = first.sent
    here = [d for d in index.triggered_in(sent.start, sent.end) if d.type != "NO_COMMENT"]
    if not here:
        return
    # the event the cue modifies: the one whose clause holds the cue
    inside = index.subtree
    owner = next((d for d in here if first.i in inside(d.predicate) and
                  not any(first.i in inside(o.trigger) for o in here
                          if o is not d and o.trigger.i != d.predicate.i
                          and o.trigger.i in inside(d.predicate))), None)
    if first.dep_ == "amod" or last.dep_ == "amod":  # "retaliatory strikes"
        owner = next((d for d in here if d.trigger.i == first.head.i), owner)
    owner = owner or here[0]
    obj = _cue_object(last)
    target: _Draft | None = None
    target_text = None
    if obj is not None:
        start, end = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
        target_text = ctx.text[start:end]
        target = next((d for d in index.at_chars(start, end) if d is not owner), None)
        if target is None and kind in ("response", "cause"):
            target = _earlier_conflict(index, owner)
    elif kind == "response":
        target = _earlier_conflict(index, owner)
    if target is None and (target_text is None or kind in ("sequence", "cause")):
        return
    claim = ctx.claim_at(first.idx)
    cue = TextSpan(ctx.text[first.idx:last.idx + len(last.text)], first.idx, last.idx + len(last.text))
    link = EventLink(kind, None, cue, claim.source_id if claim else "author", target_text)
    owner.links.append(replace(link, target=f"@{id(target)}") if target is not None else link)


def _cue_object(token: Any) -> Any:
    for child in token.children:
        if child.dep_ in ("pobj", "pcomp", "dobj"):
            return child
        if child.dep_ == "prep":
            found = _cue_object(child)
            if found is not None:
                return found
    return None


def _earlier_conflict(index: _DraftIndex, owner: _Draft) -> _Draft | None:
    """The last earlier actual event of the owner's type by another side (else by any side)."""
    own = {a.country for a in owner.actors if a.country}
    fallback = None
    for k in index.of_type_back_from(owner.type, owner.trigger.idx):
        d = index.drafts[k]
        if d.trigger.idx >= owner.trigger.idx or d is owner or d.modality != "actual":
            continue
        if not own or not ({a.country for a in d.actors} & own):
            return d
        fallback = fallback or d
    return fallback


# ----------------------------------------------------------------------------- repeats

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


# ----------------------------------------------------------------------------- records

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


def _mention_start(mention: tuple[int, int, Entity]) -> int:
    return mention[0]


def _sentence_index(doc: Any, token: Any) -> int:
    starts = doc.user_data.get("claimtrail.sent_starts")
    if starts is None:
        starts = doc.user_data["claimtrail.sent_starts"] = [s.start for s in doc.sents]
    return max(bisect.bisect_right(starts, token.i) - 1, 0)
