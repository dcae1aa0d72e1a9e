"""The working records: a draft event, the per-sentence table and the per-document context."""

from __future__ import annotations

import bisect
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from ...records import (
    Claim,
    Entity,
    EventArgument,
    EventLink,
    EventReport,
    EventTime,
    Quantity,
    TextSpan,
    TimeExpression,
)
from .._util import IntervalIndex, doc_text
from ..cue_model import parse_table
from .lexicon import EventLexicon
from .syntax import _entity_starts, _mention_start, _np_tokens, _phrase, _reported_speaker, lemma_of
from .words import MILITARY_TITLES, SECTOR_BY_KIND

_PLACE_KINDS = frozenset({"country", "region", "city", "locality", "facility", "place", "area",
                          "territory", "sea", "river"})


_ARG_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


_LABEL_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "FAC": 5}


_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


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
        self._weapon_tokens: dict[int, list[int]] = {}
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
        if found is None and token.dep_ == "appos" and token.head.i in self.entity_at:
            # "Mark Cuban, the owner of the Dallas Mavericks": the owner is Mark Cuban
            found = self.entity_at[token.head.i]
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
            if any(any(m in t for m in MILITARY_TITLES) for t in titles):
                return "military"
            return "government" if titles else "person"
        if entity.label == "WEAPON":
            return None
        return SECTOR_BY_KIND.get(entity.kind, "other")

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

    def weapon_tokens(self, sent: Any) -> list[int]:
        """The tokens of ``sent`` inside a weapon's mention, found once per sentence (a sentence
        of many attacks would otherwise be scanned once per attack)."""
        found = self._weapon_tokens.get(sent.start)
        if found is None:
            found = self._weapon_tokens[sent.start] = [
                i for i in range(sent.start, sent.end)
                if (hit := self.entity_at.get(i)) is not None and hit[0].label == "WEAPON"]
        return found

    def times_in(self, start: int, end: int) -> list[TimeExpression]:
        """The times that start in ``[start, end)``, in the order given."""
        first = bisect.bisect_left(self._time_starts, start)
        last = bisect.bisect_left(self._time_starts, end)
        return [self.times[k] for k in sorted(self._time_order[first:last])]
