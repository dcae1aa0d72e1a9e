"""Within-article coreference facts for people: gender and roles, and where each is a subject.

What a back-reference may point to depends on what the article says about each person:
- **gender**, from an honorific or a gendered title right before a name ("Mrs.", "First Lady",
  "Congresswoman"), a gendered noun in apposition ("Ana Torres, his wife,"), and a common first
  name; unknown or conflicting evidence leaves it open (either pronoun fits);
- **roles**, from a title before a name ("President Luis Torres") or an apposition ("Oleg
  Petrenko, a spokesman for the ministry"), grouped into classes ("spokesman", "spokeswoman" and
  "press secretary" are one role), so "the spokesperson" points back only to a person the article
  gave that role, never to the chancellor they speak for.

The vocabulary is data (``data/coref.json``). One pass over the entities' mentions; each mention
looks at a few tokens around it, so the cost is linear in the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import Entity

_SUBJECT = ("nsubj", "nsubjpass")
_TITLE_WINDOW = 4
_HONORIFIC_WEIGHT = 3
_NAME_WEIGHT = 1


@dataclass(frozen=True, slots=True)
class CorefLexicon:
    male_honorifics: frozenset[str] = frozenset()
    female_honorifics: frozenset[str] = frozenset()
    male_nouns: frozenset[str] = frozenset()
    female_nouns: frozenset[str] = frozenset()
    male_names: frozenset[str] = frozenset()
    female_names: frozenset[str] = frozenset()
    role_of: dict[str, str] = field(default_factory=dict)
    male_pronouns: frozenset[str] = frozenset()
    female_pronouns: frozenset[str] = frozenset()
    person_heads: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CorefLexicon:
        roles = {noun: role for role, nouns in data["role_classes"].items()
                 if not role.startswith("_") for noun in nouns}
        return cls(
            frozenset(data["honorifics"]["male"]), frozenset(data["honorifics"]["female"]),
            frozenset(data["gendered_nouns"]["male"]), frozenset(data["gendered_nouns"]["female"]),
            frozenset(data["first_names"]["male"]), frozenset(data["first_names"]["female"]),
            roles, frozenset(data["pronouns"]["male"]), frozenset(data["pronouns"]["female"]),
            frozenset(data.get("person_heads", {}).get("nouns", ())))

    def pronoun_gender(self, word: str) -> str | None:
        lowered = word.lower()
        if lowered in self.male_pronouns:
            return "m"
        if lowered in self.female_pronouns:
            return "f"
        return None

    def noun_gender(self, phrase: str) -> str | None:
        """The gender a role or kinship noun phrase gives ('the spokeswoman' → f)."""
        words = phrase.lower().replace("’", "'").split()
        grams = set(words) | {" ".join(words[k:k + 2]) for k in range(len(words) - 1)}
        male, female = bool(grams & self.male_nouns), bool(grams & self.female_nouns)
        return "m" if male and not female else "f" if female and not male else None

    def name_gender(self, name: str) -> str | None:
        """The gender a full name's first name gives ('Maryam Violet'), if it is a common one."""
        words = name.split()
        if len(words) < 2:
            return None
        return "m" if words[0] in self.male_names else "f" if words[0] in self.female_names else None

    def roles_in(self, phrase: str) -> frozenset[str]:
        """The role classes a noun phrase names ('the press secretary' → spokesperson)."""
        words = phrase.lower().replace("’", "'").split()
        found: set[str] = set()
        k = 0
        while k < len(words):  # the longest role noun first: "press secretary", not "secretary"
            pair = " ".join(words[k:k + 2])
            if k + 1 < len(words) and pair in self.role_of:
                found.add(self.role_of[pair])
                k += 2
                continue
            if words[k] in self.role_of:
                found.add(self.role_of[words[k]])
            k += 1
        return frozenset(found)


@dataclass(frozen=True, slots=True)
class PersonFacts:
    gender: str | None
    roles: frozenset[str]


@dataclass(slots=True)
class Coreference:
    """Facts about the article's people, and the places where a person is a clause's subject."""

    lexicon: CorefLexicon
    people: dict[str, PersonFacts] = field(default_factory=dict)
    subjects: list[tuple[int, str]] = field(default_factory=list)  # (char, entity id), in order
    # where a person is named only as an owner ("Trump's claims"): no one a pronoun turns to
    possessors: set[int] = field(default_factory=set)

    def gender(self, entity_id: str | None) -> str | None:
        facts = self.people.get(entity_id or "")
        return facts.gender if facts else None

    def roles(self, entity_id: str | None) -> frozenset[str]:
        facts = self.people.get(entity_id or "")
        return facts.roles if facts else frozenset()


def build_coreference(doc: Any, entities: list[Entity], lexicon: CorefLexicon,
                      known_roles: dict[str, tuple[str, ...]] | None = None) -> Coreference:
    """Gender and roles of every person entity of ``doc``; ``known_roles`` are the gazetteer's
    role titles by entity id (a president named only by name still holds the role)."""
    coref = Coreference(lexicon)
    subjects: list[tuple[int, str]] = []
    for entity in entities:
        if entity.label != "PERSON":
            continue
        votes = {"m": 0, "f": 0}
        roles: set[str] = set()
        for title in (known_roles or {}).get(entity.id, ()):
            roles |= lexicon.roles_in(title)
        for mention in entity.mentions:
            span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            _vote_name(span, mention.how, lexicon, votes)
            _vote_title(doc, span, lexicon, votes, roles)
            _vote_apposition(span, lexicon, votes, roles)
            if span.root.dep_ in _SUBJECT:
                subjects.append((mention.start_char, entity.id))
            elif span.root.dep_ == "poss":
                coref.possessors.add(mention.start_char)
        gender = "m" if votes["m"] > votes["f"] else "f" if votes["f"] > votes["m"] else None
        coref.people[entity.id] = PersonFacts(gender, frozenset(roles))
    coref.subjects = sorted(subjects)
    return coref


def _vote_name(span: Any, how: str, lexicon: CorefLexicon, votes: dict[str, int]) -> None:
    words = [t.text for t in span if t.pos_ == "PROPN" or t.text[:1].isupper()]
    if len(words) < 2 or how in ("role", "name_part"):
        return
    first = words[0]
    if first in lexicon.male_names:
        votes["m"] += _NAME_WEIGHT
    elif first in lexicon.female_names:
        votes["f"] += _NAME_WEIGHT


def _vote_title(doc: Any, span: Any, lexicon: CorefLexicon, votes: dict[str, int],
                roles: set[str]) -> None:
    """Honorifics and titles right before the name ('Mrs.', 'First Lady', 'German Chancellor');
    the name's own first words count too, for a model that put the title inside the name."""
    start = span.start
    while start > 0 and span.start - start < _TITLE_WINDOW:
        prev = doc[start - 1]
        if not (prev.text[:1].isupper() or prev.text in (".",)) or prev.is_sent_end:
            break
        start -= 1
    before = [t.text for t in doc[start:span.start]] + [t.text for t in span][:2]
    if not before:
        return
    for word in before:
        if word in lexicon.male_honorifics:
            votes["m"] += _HONORIFIC_WEIGHT
        elif word in lexicon.female_honorifics:
            votes["f"] += _HONORIFIC_WEIGHT
    title = " ".join(t.text for t in doc[start:span.start])
    if title:
        _vote_noun(title, lexicon, votes, roles)


def _vote_apposition(span: Any, lexicon: CorefLexicon, votes: dict[str, int],
                     roles: set[str]) -> None:
    """'Oleg Petrenko, a spokesman for the ministry,' and 'The ministry's spokesman, Oleg
    Petrenko,': the noun phrase in apposition to the name."""
    root = span.root
    phrases = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        phrases.append(root.head)
    for head in phrases:
        words = [t for t in head.subtree if t.i < head.i or t.i == head.i]
        # the phrase up to its head noun: 'a spokesman', 'the first lady' (not what follows 'for')
        _vote_noun(" ".join(t.text for t in words[-4:]), lexicon, votes, roles)


def _vote_noun(phrase: str, lexicon: CorefLexicon, votes: dict[str, int], roles: set[str]) -> None:
    gender = lexicon.noun_gender(phrase)
    if gender is not None:
        votes[gender] += _HONORIFIC_WEIGHT
    roles |= lexicon.roles_in(phrase)


_PRONOUN_WINDOW = 3  # sentences back that a pronoun may reach


def link_pronouns(doc: Any, entities: list[Entity], sources: list[Any], claims: list[Any],
                  lexicon: CorefLexicon, coref: Coreference | None = None) -> list[Entity]:
    """The entities with their personal pronouns added as mentions (``how`` ``pronoun``), so
    that events and every later layer read "he" as the person it stands for.

    A pronoun that is a claim's source takes the person the claims layer resolved it to (the
    last speaker of its gender); any other takes the last person of its gender who was the
    subject of a sentence's main verb within a few sentences, else the last person of its
    gender named there; none when no one fits."""
    from ..records import Mention

    people = [(m.start_char, e.id) for e in entities if e.label == "PERSON" for m in e.mentions]
    if not people:
        return entities
    people.sort()
    coref = coref or build_coreference(doc, entities, lexicon)
    by_id = {e.id: e for e in entities}
    source_entity = {s.id: s.entity_id for s in sources if s.entity_id in by_id}
    spoken: dict[int, str] = {}
    for claim in claims:
        span = claim.source_span
        if span is not None and claim.source_id in source_entity and \
                lexicon.pronoun_gender(span.text) is not None:
            spoken[span.start_char] = source_entity[claim.source_id]
    starts_sorted = [sent.start_char for sent in doc.sents]
    added: dict[str, list[Mention]] = {}
    for token in doc:
        gender = lexicon.pronoun_gender(token.text) if token.pos_ == "PRON" else None
        if gender is None:
            continue
        target = spoken.get(token.idx) or _nearest_person(
            coref, people, token, gender, starts_sorted)
        if target is None:
            continue
        added.setdefault(target, []).append(
            Mention(token.text, token.idx, token.idx + len(token.text),
                    _sentence_index(starts_sorted, token.idx), "pronoun"))
    if not added:
        return entities
    from dataclasses import replace

    return [replace(e, mentions=tuple(sorted((*e.mentions, *added[e.id]),
                                             key=lambda m: m.start_char)))
            if e.id in added else e for e in entities]


def _sentence_index(starts: list[int], char: int) -> int:
    import bisect

    return max(bisect.bisect_right(starts, char) - 1, 0)


def _nearest_person(coref: Coreference, people: list[tuple[int, str]], token: Any, gender: str,
                    starts: list[int]) -> str | None:
    """Sentence by sentence back from the pronoun's own: in each, a person of the pronoun's
    gender who is a clause's subject (the nearest one in the pronoun's own sentence, the first
    one in a sentence before), else the first such person named in it (as a reader
    takes "the call by Chancellor Scholz to the Russian leader. … he acted" for Scholz)."""
    import bisect

    here = _sentence_index(starts, token.idx)
    subjects = {char for char, _ in coref.subjects}
    for k in range(here, max(here - _PRONOUN_WINDOW, -1), -1):
        begin = starts[k] if starts else 0
        end = token.idx if k == here else (starts[k + 1] if k + 1 < len(starts) else token.idx)
        lo, hi = bisect.bisect_left(people, (begin, "")), bisect.bisect_left(people, (end, ""))
        fitting = [(char, eid) for char, eid in people[lo:hi]
                   if coref.gender(eid) in (None, gender)]
        if not fitting:
            continue
        # in the pronoun's own sentence the nearest subject before it ("Biden cannot…, while
        # Trump must fulfill his promise"); in one before, the first
        order = reversed(fitting) if k == here else iter(fitting)
        subject = next((eid for char, eid in order if char in subjects), None)
        return subject or fitting[0][1]
    return None
