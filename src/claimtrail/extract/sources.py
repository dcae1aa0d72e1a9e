"""Source resolution: turn an attribution's source span into a Source — an entity of the article
("the publication" → The New York Times, "he" → the last person named), an anonymous group
("unnamed officials"), a document ("the decree"), or, when nothing is attributed, the author."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import Any

from ..records import Entity, Source, TextSpan
from ._util import doc_text, slug
from .attribution import RELATIVE_TAGS, antecedent
from .coref import Coreference, CorefLexicon

_INTERVIEW = {"Q": "interviewer", "A": "interviewee"}

AUTHOR = Source("author", "the author", "author", None, None, ())
UNNAMED_REPORTS = "anonymous:unnamed-reports"

_KIND_BY_ENTITY = {
    "media": "media", "ministry": "government", "government": "government", "agency": "government",
    "legislature": "government", "diplomatic mission": "government", "military": "military",
    "alliance": "organization", "international": "organization", "think tank": "organization",
    "ngo": "organization",
    "country": "government", "city": "government", "region": "government",
    "nationality": "group", "group": "group", "person": "person", "organization": "organization",
}
_POSTS = {"post", "posts", "tweet", "tweets", "video", "videos", "message", "messages"}
_PRONOUNS = {"he": "PERSON:m", "she": "PERSON:f", "him": "PERSON:m", "her": "PERSON:f",
             "his": "PERSON:m", "it": "ORG", "its": "ORG", "they": "GROUP", "their": "GROUP",
             "we": "GROUP", "i": "SPEAKER", "you": "SPEAKER"}
# entities that stand for a place: a country may say something ("Moscow said"), but "they" and
# "the ministry" never point back to it
_PLACE_KINDS = frozenset({"country", "city", "region"})
_SUBJECT_LOOKBACK = 8
# kinds that always speak for many; unnamed sources and posts do when named in the plural
_COLLECTIVE_KINDS = frozenset({"government", "military", "media", "organization", "group"})
_MINISTRY_KINDS = frozenset({"ministry", "agency", "government", "legislature", "diplomatic mission"})


@dataclass(frozen=True, slots=True)
class SourceLexicon:
    anonymous_heads: frozenset[str]
    anonymous_markers: tuple[str, ...]
    media_nouns: frozenset[str]
    ministry_nouns: frozenset[str]
    person_nouns: frozenset[str]
    document_nouns: frozenset[str]
    military_nouns: frozenset[str] = frozenset()
    social_nouns: frozenset[str] = frozenset()
    collective_media: frozenset[str] = frozenset()
    report_nouns: frozenset[str] = frozenset()
    coref: CorefLexicon = field(default_factory=CorefLexicon)

    @classmethod
    def from_dict(cls, data: dict[str, Any], sources: dict[str, Any] | None = None,
                  coref: dict[str, Any] | None = None) -> SourceLexicon:
        extra = sources or {}
        return cls(frozenset(data["anonymous_heads"]), tuple(data["anonymous_markers"]),
                   frozenset(data["media_nouns"]), frozenset(data["ministry_nouns"]),
                   frozenset(data["person_nouns"]), frozenset(data["document_nouns"]),
                   frozenset(extra.get("military_nouns", ())),
                   frozenset(extra.get("social_nouns", ())),
                   frozenset(extra.get("collective_media", ())),
                   frozenset(extra.get("report_nouns", ())),
                   CorefLexicon.from_dict(coref) if coref else CorefLexicon())


@dataclass(slots=True)
class SourceTable:
    """Sources found so far in one article, and what was mentioned where (for back-reference)."""

    entities: list[Entity]
    lexicon: SourceLexicon
    coref: Coreference | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    history: list[tuple[int, str]] = field(default_factory=list)  # (char, source id) in text order
    _mentions: list[tuple[int, int, Entity]] = field(default_factory=list)
    _by_id: dict[str, Entity] = field(default_factory=dict)
    # look-ups by position, so that resolving a source never scans the whole article: the
    # mentions' starts; and, for each key of :meth:`_keys`, the history entries (sequence, char,
    # source id) and the mentions (starts, positions in ``_mentions``) that have it
    _starts: list[int] = field(default_factory=list)
    _history_by: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    _mentions_by: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict)
    # sources named by a singular noun ("a lawyer for the families"): "he" or "she" may be them
    singular: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._mentions = sorted(((m.start_char, m.end_char, e) for e in self.entities
                                 for m in e.mentions), key=lambda x: (x[0], x[1]))
        self._by_id = {e.id: e for e in self.entities}
        self._starts = [s for s, _, _ in self._mentions]
        for k, (start, _, entity) in enumerate(self._mentions):
            for key in self._keys(_from_entity(entity)):
                starts, positions = self._mentions_by.setdefault(key, ([], []))
                starts.append(start)
                positions.append(k)

    def add(self, source: Source, span: TextSpan | None) -> str:
        known = self.sources.get(source.id)
        if known is None:
            self.sources[source.id] = source
            self.order.append(source.id)
            known = source
        if span is not None:
            self.sources[source.id] = replace(known, mentions=(*known.mentions, span))
            for key in self._keys(known):  # (a source keeps the kind it was first added with)
                self._history_by.setdefault(key, []).append(
                    (len(self.history), span.start_char, source.id))
            self.history.append((span.start_char, source.id))
        return source.id

    def _keys(self, source: Source) -> list[str]:
        """What back-references ask of a source: the pronoun class it fits, its kind and the kind
        of its entity."""
        entity = self._by_id.get(source.entity_id or "")
        place = entity is not None and entity.kind in _PLACE_KINDS
        keys = [f"fits:{want}" for want in ("PERSON", "ORG", "GROUP")
                if _fits(source, want) and not (place and want == "GROUP")]
        keys.append(f"kind:{source.kind}")
        if entity is not None:
            keys.append(f"entity:{entity.kind}")
        if source.kind == "person" or source.id in self.singular:
            keys.append("fits:PERSON")
            coref = self.lexicon.coref
            gender = self.coref.gender(source.entity_id) if self.coref else None
            gender = gender or coref.noun_gender(source.name) or coref.name_gender(source.name)
            keys += [f"fits:PERSON:{g}" for g in ("m", "f") if gender in (None, g)]
            if gender is not None:
                keys.append(f"known:PERSON:{gender}")
            roles = self.coref.roles(source.entity_id) if self.coref else frozenset()
            keys += [f"role:{r}" for r in sorted(roles | coref.roles_in(source.name))]
        return keys

    def _last_in_history(self, keys: list[str], before: int) -> Source | None:
        """The source added last (of those with any of ``keys``) at a char before ``before``."""
        found = self._last_placed(keys, before)
        return found[1] if found is not None else None

    def _last_placed(self, keys: list[str], before: int) -> tuple[int, Source] | None:
        """Like :meth:`_last_in_history`, with the char where that source was named."""
        best: tuple[int, int, str] | None = None
        for key in keys:
            for seq, char, source_id in reversed(self._history_by.get(key, ())):
                if char < before:
                    if best is None or seq > best[0]:
                        best = (seq, char, source_id)
                    break
        return (best[1], self.sources[best[2]]) if best is not None else None

    def _last_mention(self, keys: list[str], before: int) -> Entity | None:
        """The entity of the last mention (with any of ``keys``) that starts before ``before``."""
        best = -1
        for key in keys:
            starts, positions = self._mentions_by.get(key, ([], []))
            j = bisect.bisect_left(starts, before) - 1
            if j >= 0:
                best = max(best, positions[j])
        return self._mentions[best][2] if best >= 0 else None

    def _within(self, span: tuple[int, int]) -> list[tuple[int, int, Entity]]:
        """The mentions inside ``span``, in order."""
        first = bisect.bisect_left(self._starts, span[0])
        last = bisect.bisect_right(self._starts, span[1])
        return [m for m in self._mentions[first:last] if m[1] <= span[1]]

    def resolve(self, doc: Any, span: tuple[int, int], head: int | None) -> Source:
        """The Source a span names; never fails (an unknown source is kept as its text)."""
        source = self._resolve(doc, span, head)
        plural = head is not None and doc[head].tag_ in ("NNS", "NNPS")
        collective = source.kind in _COLLECTIVE_KINDS or (
            source.kind in ("anonymous", "social_media", "other") and plural
            and source.id not in self.singular)
        return source if source.collective == collective else replace(source, collective=collective)

    def _resolve(self, doc: Any, span: tuple[int, int], head: int | None) -> Source:
        text = doc_text(doc)[span[0]:span[1]]
        words = text.lower().split()
        head_token = doc[head] if head is not None else None
        if text in _INTERVIEW:  # "Q: …" / "A: …" lines of an interview
            role = _INTERVIEW[text]
            return Source(f"interview:{role}", f"the {role}", "person", None, None, ())
        if head_token is not None and head_token.tag_ in RELATIVE_TAGS:
            noun = antecedent(head_token)  # "Graham, who says…": the source is Graham
            if noun.i != head_token.i:
                return self.resolve(doc, (noun.left_edge.idx, noun.idx + len(noun.text)), noun.i)
        owner = _possessor_subject(head_token)
        if owner is not None:  # "Trump must fulfill his campaign promise": the source is Trump
            return self.resolve(doc, (owner.left_edge.idx, owner.idx + len(owner.text)), owner.i)
        head_word = head_token.lower_ if head_token is not None else (words[-1] if words else "")
        if head_word in _POSTS and not (head_token is not None and head_token.text[:1].isupper()):
            # "a post on Telegram": the post is the source, not Telegram (but "The Washington Post")
            name = " ".join(text.split())
            return Source(f"post:{slug(name)}", name, "social_media", None, None, ())
        untagged = self._untagged_name(doc, span, head_token)
        if untagged is not None:
            return untagged
        collective = self._collective(doc, span, text, head_token, head_word)
        if collective is not None:
            return collective
        entity = self._entity_in(span, head_token)
        if entity is not None and not (entity.label in ("NORP", "GPE") and
                                       head_word in self.lexicon.anonymous_heads):
            if entity.label != "PERSON" and self._looks_like_person(entity, head_token):
                # "Maryam Violet, an Iranian journalist": a person the model took for an ORG
                return replace(_from_entity(entity), kind="person")
            return _from_entity(entity)
        if head_word in ("i", "me") and len(words) == 1:
            return AUTHOR
        if head_word in _PRONOUNS and len(words) <= 2:
            found = self._back_reference(span[0], _PRONOUNS[head_word])
            if found is not None:
                return found
        country = self._country_in(span)
        name = " ".join(text.split())
        if words and words[0] in ("the", "this", "that") and len(words) <= 4:
            found = self._nominal(span[0], head_word, name)
            if found is not None:
                return found
            kind = self._noun_kind(head_word)
            if kind is not None:  # "the ministry", "the defence minister" with nothing to point at
                return Source(f"unresolved:{slug(name)}", name, kind, None, country, ())
        if head_word in _PRONOUNS and _PRONOUNS[head_word].startswith("PERSON"):
            return Source(f"unresolved:{slug(name)}", name, "person", None, None, ())
        if words and words[0] in ("a", "an") and head_word in self.lexicon.person_nouns:
            return self._one_unnamed(Source(f"anonymous:{slug(name)}", name, "anonymous", None,
                                            country, ()), head_token, head_word)
        lowered = text.lower()
        if head_word in self.lexicon.anonymous_heads or any(
                m in lowered for m in self.lexicon.anonymous_markers):
            return self._one_unnamed(Source(f"anonymous:{slug(name)}", name, "anonymous", None,
                                            country, ()), head_token, head_word)
        if head_word in self.lexicon.document_nouns or (  # "surveys show…", "polls"
                head_token is not None and head_token.lemma_.lower() in self.lexicon.document_nouns):
            return Source(f"document:{slug(name)}", name, "document", None, country, ())
        return self._one_unnamed(Source(f"other:{slug(name)}", name, "other", None, country, ()),
                                 head_token, head_word)

    def _one_unnamed(self, source: Source, head: Any, head_word: str) -> Source:
        """An unnamed person ("the unidentified woman", "a witness") may be "she" or "he" later."""
        if head is not None and head.tag_ not in ("NNS", "NNPS") \
                and head_word in self.lexicon.coref.person_heads:
            self.singular.add(source.id)
        return source

    def _people(self, head: Any) -> bool:
        """Whether a plural noun names people ("senators", "analysts", "residents")."""
        lemma = head.lemma_.lower()
        coref = self.lexicon.coref
        return (lemma in coref.person_heads or lemma in self.lexicon.person_nouns
                or lemma in self.lexicon.anonymous_heads or lemma in coref.role_of)

    def _looks_like_person(self, entity: Entity, head: Any) -> bool:
        coref = self.lexicon.coref
        if entity.label not in ("ORG", "PRODUCT", "WORK_OF_ART", "FAC") or entity.kind not in (
                "organization", "product", "facility"):
            return False
        if head is not None and any(c.dep_ == "appos" and c.lower_ in coref.person_heads
                                    for c in head.children):
            return True
        return coref.name_gender(entity.name) is not None

    def _untagged_name(self, doc: Any, span: tuple[int, int], head: Any) -> Source | None:
        """A name the entity model missed ("Maryam Violet, an Iranian journalist visiting Nice"):
        the source is the name, never an entity that only sits in its apposition."""
        if head is None or head.pos_ != "PROPN" or not head.text[:1].isupper():
            return None
        if any(s <= head.idx < e for s, e, _ in self._within(span)):
            return None
        first = head
        while first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and doc[first.i - 1].dep_ in (
                "compound", "flat") and doc[first.i - 1].text[:1].isupper():
            first = doc[first.i - 1]
        name = doc_text(doc)[first.idx:head.idx + len(head.text)]
        coref = self.lexicon.coref
        appos = [c for c in head.children if c.dep_ == "appos"]
        # a known first name, a person noun in apposition ("…, an Iranian journalist") or
        # before the name ("conservative commentator Jonah Goldberg")
        person = (first.i < head.i and (first.text in coref.male_names or first.text in
                                        coref.female_names)) or any(
            c.lower_ in coref.person_heads for c in appos) or any(
            c.dep_ == "compound" and c.i < first.i and c.lemma_.lower() in coref.person_heads
            for c in head.children)
        if not person:
            return None
        return Source(f"local:person:{slug(name)}", name, "person", None, None, ())

    def _collective(self, doc: Any, span: tuple[int, int], text: str, head: Any,
                    head_word: str) -> Source | None:
        """A source named by its own common noun, with a country, a platform, a person or an
        owner only as a modifier: "Russian media" (media, not Russians), "the Russian defence
        ministry" (the ministry), "several Telegram channels" (social media), "Kavanaugh's
        friend" (not Kavanaugh), "Obama administration officials" (anonymous officials), "the
        first lady's office" (her office, not the last government named). A report noun keeps
        the name it carries: "a report in the Register" is the Register's."""
        if head is None or head.pos_ not in ("NOUN", "PROPN") or head_word in self.lexicon.report_nouns:
            return None
        if head.pos_ == "PROPN" and head.text[:1].isupper() and self._noun_kind(head_word) is None:
            return None  # a name ("the Kremlin" is not a common noun); a lower-case "ministry"
            # the tagger took for a name still is one
        inside = self._within(span)
        if any(s <= head.idx < e for s, e, _ in inside):
            return None  # the head is part of a name: "the Defence Ministry of Russia"
        if any(c.dep_ == "appos" and c.pos_ == "PROPN" for t in (head, *head.conjuncts)
               for c in t.children):
            return None  # "his adviser, Richard Grenell": the apposition names the source
        owned = any(c.dep_ == "poss" and c.lower_ not in _PRONOUNS for c in head.children)
        plural = head.tag_ in ("NNS", "NNPS")
        kind = self._noun_kind(head_word)
        if not inside and not owned and not (plural and kind not in (None, "person")):
            return None  # "the ministry" alone points back (see _nominal); "officials" below
        if kind is None or (kind == "person" and plural):
            if head_word in self.lexicon.anonymous_heads:
                kind = "anonymous"
            elif plural and not self._people(head):
                return None  # "satellite images published by Reuters": not a group of people
            else:
                kind = "group" if plural else "other"
        elif kind == "person" and not owned and any(
                c.lower_ in ("a", "an", "one") for c in head.children):
            kind = "anonymous"  # "a U.S. official", "a Pentagon spokesman"
        name = _own_name(doc, head, text, span)
        source = Source(f"{kind}:{slug(name)}", name, kind, None, self._country_in(span), ())
        if not plural and head_word in self.lexicon.coref.person_heads:
            self.singular.add(source.id)  # "a lawyer for the families" may be "she" later
        return source

    def _noun_kind(self, head_word: str) -> str | None:
        if head_word in self.lexicon.social_nouns:
            return "social_media"
        if head_word in self.lexicon.military_nouns:
            return "military"
        if head_word in self.lexicon.media_nouns or head_word in self.lexicon.collective_media:
            return "media"  # "the newspaper", "six newspapers in New Jersey", "Russian media"
        if head_word in self.lexicon.ministry_nouns:
            return "government"
        if head_word in self.lexicon.person_nouns:
            return "person"
        return None

    def _entity_in(self, span: tuple[int, int], head: Any) -> Entity | None:
        inside = self._within(span)
        if not inside:
            return None
        if head is not None:
            for s, e, ent in inside:
                if s <= head.idx < e:
                    return ent
            # "conservative commentator Jonah Goldberg of the anti-Trump National Review": the
            # name in apposition to the head, not a name further along
            for child in head.children:
                if child.dep_ == "appos":
                    for s, e, ent in inside:
                        if s <= child.idx < e:
                            return ent
        for label in ("PERSON", "ORG"):
            named = [ent for _, _, ent in inside if ent.label == label]
            if named:
                return named[-1]
        return inside[-1][2]

    def _country_in(self, span: tuple[int, int]) -> str | None:
        return next((ent.country for _, _, ent in self._within(span) if ent.country), None)

    def _back_reference(self, before: int, want: str) -> Source | None:
        """The last source before ``before`` that a pronoun can stand for (of its gender, when
        the pronoun has one); else the last main-clause subject; else the last fitting entity."""
        keys = [f"fits:{want}"]
        placed = self._last_placed(keys, before)
        if placed is not None:  # the last speaker of that gender is the likeliest
            known = self._known_gender(want, placed, before)
            return known if known is not None else placed[1]
        subject = self._last_subject(want, before)
        if subject is not None:
            return _from_entity(subject[1])
        entity = self._last_mention(keys, before)
        return _from_entity(entity) if entity is not None else None

    def _known_gender(self, want: str, placed: tuple[int, Source], before: int) -> Source | None:
        """When the last speaker a pronoun fits is of unknown gender ("Tucker Carlson" for
        "she"), a person known to be of the pronoun's gender, speaker or not, named since
        ("…asked fellow guest Catherine Lombardo…"), is the likelier referent."""
        if not want.startswith("PERSON:"):
            return None
        key = f"known:{want}"
        if key in self._keys(placed[1]):
            return None  # the speaker's gender is known and fits
        best: tuple[int, Source] | None = None
        spoke = self._last_placed([key], before)
        if spoke is not None and spoke[0] > placed[0]:
            best = spoke
        starts, positions = self._mentions_by.get(key, ([], []))
        j = bisect.bisect_left(starts, before) - 1
        owners = self.coref.possessors if self.coref is not None else set()
        while j >= 0 and starts[j] > placed[0] and starts[j] in owners:
            j -= 1  # named as an owner only ("…must rebut Trump's claims. …, he said")
        if j >= 0 and starts[j] > placed[0] and (best is None or starts[j] > best[0]):
            best = (starts[j], _from_entity(self._mentions[positions[j]][2]))
        return best[1] if best is not None else None

    def _last_subject(self, want: str, before: int) -> tuple[int, Entity] | None:
        """The last person who is the subject of a sentence's main verb before ``before``, of
        the pronoun's gender (a few steps back at most)."""
        if self.coref is None or not want.startswith("PERSON"):
            return None
        gender = want.partition(":")[2] or None
        subjects = self.coref.subjects
        j = bisect.bisect_left(subjects, (before, "")) - 1
        for k in range(j, max(j - _SUBJECT_LOOKBACK, -1), -1):
            char, entity_id = subjects[k]
            entity = self._by_id.get(entity_id)
            if entity is None:
                continue
            known = self.coref.gender(entity_id)
            if gender is None or known in (None, gender):
                return char, entity
        return None

    def _nominal(self, before: int, head_word: str, phrase: str = "") -> Source | None:
        """'the publication', 'the ministry', 'the official' → the last fitting source."""
        if head_word in self.lexicon.media_nouns:
            want = {"media"}
        elif head_word in self.lexicon.ministry_nouns:
            # only a ministry, agency or government named before: never a country or a city
            return self._last_entity_of_kind(before, set(_MINISTRY_KINDS))
        elif head_word in self.lexicon.person_nouns:
            roles = self.lexicon.coref.roles_in(phrase or head_word)
            if roles:  # "the spokesperson": only someone the article made spokesperson
                keys = [f"role:{r}" for r in sorted(roles)]
                source = self._last_in_history(keys, before)
                if source is not None:
                    return source
                entity = self._last_mention(keys, before)
                return _from_entity(entity) if entity is not None else None
            want = {"person"}
        elif head_word in self.lexicon.military_nouns:
            want = {"military"}
        else:
            return None
        keys = [f"kind:{kind}" for kind in sorted(want)]
        source = self._last_in_history(keys, before)
        if source is not None:
            return source
        entity = self._last_mention(keys, before)
        return _from_entity(entity) if entity is not None else None


    def _last_entity_of_kind(self, before: int, kinds: set[str]) -> Source | None:
        keys = [f"entity:{kind}" for kind in sorted(kinds)]
        source = self._last_in_history(keys, before)
        if source is not None:
            return source
        entity = self._last_mention(keys, before)
        return _from_entity(entity) if entity is not None else None


_NOT_NAME = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})
_LISTING = frozenset({"including", "like", "such", "among"})


def _own_name(doc: Any, head: Any, text: str, span: tuple[int, int]) -> str:
    """The words that name a source by its noun: the noun and its modifiers, without a clause,
    an apposition or a list hanging on it ("Six Gannett newspapers in New Jersey, including the
    Asbury Park Press" → "Six Gannett newspapers in New Jersey")."""
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in _NOT_NAME and c.lower_ not in _LISTING]
    while stack:
        token = stack.pop()
        keep.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("relcl", "acl", "appos"))
    keep = [t for t in keep if span[0] <= t.idx < span[1] and not (t.is_punct and t is not head)]
    start = min(t.idx for t in keep)
    end = max(t.idx + len(t.text) for t in keep)
    return " ".join(doc_text(doc)[start:end].split())


def _fits(source: Source, want: str) -> bool:
    if want == "PERSON":
        return source.kind == "person"
    if want == "ORG":
        return source.kind in ("media", "government", "military", "organization", "document")
    if want == "GROUP":  # "they": also several outlets ("six newspapers… They called him…")
        return source.kind in ("anonymous", "group", "government", "military", "organization") \
            or (source.kind in ("media", "social_media") and source.collective)
    return False


def _from_entity(entity: Entity) -> Source:
    kind = _KIND_BY_ENTITY.get(entity.kind, "person" if entity.label == "PERSON" else "organization")
    return Source(entity.id, entity.name, kind, entity.id, entity.country, ())


def _possessor_subject(token: Any) -> Any:
    """The subject a possessive pronoun refers to in its own clause ('Trump must fulfill his
    promise' → Trump), when that subject is a name or a noun."""
    if token is None or token.dep_ != "poss" or token.lower_ not in ("his", "her", "its", "their"):
        return None
    verb = token.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN"):
        return None
    return subject
