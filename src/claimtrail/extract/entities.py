"""Entities, resolved: gazetteer ids and canonical names, plus within-article clustering.

Mentions join one entity when they carry the same gazetteer id, when a one-word person name (or
its full form: "Don" → "Donald") is the first or last name of exactly one person named in full
in the article ("Singh" → "Sabrina Singh"), or when a
role noun ("the president", "the Russian leader") fits exactly one person mentioned before it
who held that role on the publication date.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from typing import Any

from ..nlp.gazetteer import Gazetteer
from ..records import Entity, Mention
from ._util import SentenceIndex, slug

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "WEAPON", "PRODUCT", "EVENT", "LAW"}
_KIND_BY_LABEL = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "NORP": "group",
    "FAC": "facility", "WEAPON": "weapon", "PRODUCT": "product", "EVENT": "event", "LAW": "law",
}
_LEADING = {"the", "The"}
_POSSESSIVE = {"'s", "’s", "'", "’"}


@dataclass(slots=True)
class _Cluster:
    key: str
    label: str
    source: str
    mentions: list[Mention] = field(default_factory=list)


def extract_entities(doc: Any, gazetteer: Gazetteer, published: str | None = None) -> list[Entity]:
    """All entities of ``doc`` with their mentions, ordered by first mention."""
    sentence_of = SentenceIndex(doc)
    aliases = gazetteer.by_alias()
    clusters: dict[str, _Cluster] = {}
    pending_names: list[tuple[Any, Mention]] = []

    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        span = _trim(ent)
        if span is None:
            continue
        mention = Mention(span.text, span.start_char, span.end_char, sentence_of(span.start_char),
                          "gazetteer" if ent.ent_id_ else "model")
        gaz_id = ent.ent_id_ or aliases.get(span.text)
        if gaz_id:
            entry = gazetteer.entries[gaz_id]
            _add(clusters, gaz_id, entry.label, "gazetteer", mention)
        elif ent.label_ == "PERSON" and len(span) == 1:
            pending_names.append((span, mention))
        else:
            key = f"local:{ent.label_.lower()}:{slug(span.text)}"
            _add(clusters, key, ent.label_, "model", mention)

    _reclaim_surnames(doc, clusters, gazetteer)
    _link_name_parts(clusters, gazetteer, pending_names)
    _link_untagged_names(doc, clusters, gazetteer, sentence_of)
    _link_roles(doc, clusters, gazetteer, published, sentence_of)
    entities = [_entity(c, gazetteer) for c in clusters.values()]
    places = sorted((m.start_char, m.sentence, e.country) for e in entities
                    if e.country and e.kind in ("city", "region", "country") for m in e.mentions)
    entities = [_with_title_country(doc, e, gazetteer, aliases, places) for e in entities]
    return sorted(entities, key=lambda e: e.mentions[0].start_char)


_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nn"})
_LOCAL_TITLES = frozenset({"governor", "mayor", "regional", "municipal", "local", "district"})
_PERSON_TITLES = frozenset({"governor", "minister", "spokesman", "spokeswoman", "spokesperson",
                            "president", "mayor", "official", "commander", "chief", "head",
                            "ambassador", "envoy", "general", "leader", "secretary", "premier"})


def _with_title_country(doc: Any, entity: Entity, gazetteer: Gazetteer,
                        aliases: dict[str, str],
                        places: list[tuple[int, int, str]]) -> Entity:
    """A person the gazetteer does not know takes the country of the title it is named with:
    "Turkish Foreign Minister Kemal Aydin", "Saratov regional governor Pavel Orlov", "Turkey's
    foreign minister, Kemal Aydin" (the first country a mention's title names). A local
    official's title with no place ("regional governor Pavel Orlov") is of the place the text
    has just named (in the same sentence or the one before)."""
    if entity.label not in ("PERSON", "ORG") or entity.country is not None \
            or entity.source != "model":
        return entity
    for mention in entity.mentions:
        if mention.how == "role":
            continue
        span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        title: list[Any] = [t for left in root.lefts if left.i < span.start
                            and left.dep_ in _TITLE_DEPS for t in left.subtree]
        if root.dep_ == "appos" and root.head.i < span.start:
            title += [t for t in root.head.subtree if t.i < span.start]
        for child in root.children:
            if child.dep_ == "appos" and child.i >= span.end:
                title += list(child.subtree)
        if entity.label == "ORG" and not any(t.lemma_.lower() in _PERSON_TITLES for t in title):
            continue  # an organisation keeps no country from its words; a person the model
            # took for one ("Saratov regional governor Pavel Orlov") has a title
        for token in title[:12]:
            country = gazetteer.demonyms.get(token.text)
            if country is None and token.text[:1].isupper():
                entry = gazetteer.entries.get(aliases.get(token.text, ""))
                if entry is not None and (token.ent_type_ in ("GPE", "LOC", "NORP")
                                          or entry.kind in ("country", "city", "region")):
                    country = entry.country
            if country:
                return replace(entity, country=country)
        if any(t.lemma_.lower() in _LOCAL_TITLES for t in title):
            before = [c for start, sent, c in places
                      if start < mention.start_char and mention.sentence - sent <= 1]
            if before:
                return replace(entity, country=before[-1])
    return entity


def _trim(ent: Any) -> Any:
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].text in _LEADING:
        start += 1
    while end > start and ent.doc[end - 1].text in _POSSESSIVE:
        end -= 1
    return ent.doc[start:end] if end > start else None


def _add(clusters: dict[str, _Cluster], key: str, label: str, source: str, mention: Mention) -> None:
    cluster = clusters.get(key)
    if cluster is None:
        cluster = clusters[key] = _Cluster(key, label, source)
    cluster.mentions.append(mention)


def _person_names(clusters: dict[str, _Cluster], gazetteer: Gazetteer) -> dict[str, set[str]]:
    """For each person cluster, the single words of its multi-word names."""
    names: dict[str, set[str]] = {}
    for key, cluster in clusters.items():
        if cluster.label != "PERSON":
            continue
        words: set[str] = set()
        texts = [m.text for m in cluster.mentions]
        if key in gazetteer.entries:
            texts += list(gazetteer.entries[key].aliases)
        for text in texts:
            parts = text.split()
            if len(parts) > 1:
                words.update({parts[0], parts[-1]})
        names[key] = words
    return names


def _owners_of(names: dict[str, set[str]]) -> dict[str, set[str]]:
    """Each word of the people's names → the people it names (a look-up per word, not a scan of
    every person per word)."""
    owners: dict[str, set[str]] = {}
    for key, words in names.items():
        for word in words:
            owners.setdefault(word, set()).add(key)
    return owners


def _link_name_parts(
    clusters: dict[str, _Cluster], gazetteer: Gazetteer, pending: list[tuple[Any, Mention]]
) -> None:
    owners_of = _owners_of(_person_names(clusters, gazetteer))
    for span, mention in pending:
        forms = {span.text, *gazetteer.nicknames.get(span.text, ())}
        owners = {key for form in forms for key in owners_of.get(form, ())}
        if len(owners) == 1:
            cluster = clusters[owners.pop()]
            cluster.mentions.append(
                Mention(mention.text, mention.start_char, mention.end_char, mention.sentence,
                        "name_part")
            )
        else:
            _add(clusters, f"local:person:{slug(span.text)}", "PERSON", "model", mention)


def _reclaim_surnames(doc: Any, clusters: dict[str, _Cluster], gazetteer: Gazetteer) -> None:
    """A demonym used as a noun that is the surname of a person named in full here is that
    person: "said Cuban" after "Mark Cuban" (but "the Cuban government", "a Cuban" stay). So is
    a one-word name the model took for an organisation ("Menendez said…" after "Robert
    Menendez"), when no organisation of the gazetteer has that name."""
    owners_of = _owners_of(_person_names(clusters, gazetteer))
    for key in [k for k, c in clusters.items() if c.label == "NORP" or (
            c.label == "ORG" and c.source == "model")]:
        cluster = clusters[key]
        kept = []
        for mention in cluster.mentions:
            owners = owners_of.get(mention.text, set())
            span = doc.char_span(mention.start_char, mention.end_char)
            noun = (span is not None and len(span) == 1 and span[0].pos_ == "PROPN"
                    and span[0].dep_ not in ("amod", "compound")
                    and not any(c.dep_ == "det" for c in span[0].children))
            if len(owners) == 1 and noun:
                clusters[next(iter(owners))].mentions.append(
                    Mention(mention.text, mention.start_char, mention.end_char, mention.sentence,
                            "name_part"))
            else:
                kept.append(mention)
        if kept:
            cluster.mentions[:] = kept
        else:
            del clusters[key]


def _link_untagged_names(
    doc: Any, clusters: dict[str, _Cluster], gazetteer: Gazetteer, sentence_of: SentenceIndex
) -> None:
    """Proper nouns the model left untagged that are the name of exactly one person here."""
    names = _person_names(clusters, gazetteer)
    taken = {(m.start_char) for c in clusters.values() for m in c.mentions}
    in_entity = {t.i for e in doc.ents if e.label_ in ENTITY_LABELS for t in e}
    owners_of = _owners_of(names)
    for token in doc:
        if token.pos_ != "PROPN" or token.i in in_entity or token.idx in taken:
            continue
        if not token.text[:1].isupper():
            continue
        forms = {token.text, *gazetteer.nicknames.get(token.text, ())}
        owners = {key for form in forms for key in owners_of.get(form, ())}
        if len(owners) == 1:
            clusters[owners.pop()].mentions.append(
                Mention(token.text, token.idx, token.idx + len(token.text),
                        sentence_of(token.idx), "name_part"))


def _link_roles(
    doc: Any,
    clusters: dict[str, _Cluster],
    gazetteer: Gazetteer,
    published: str | None,
    sentence_of: SentenceIndex,
) -> None:
    """'the president', 'the Russian leader' → the one person who fits, if exactly one does."""
    people = [(key, gazetteer.entries[key]) for key, c in clusters.items()
              if c.label == "PERSON" and key in gazetteer.entries]
    if not people:
        return
    first_words = {key.split()[0] for key in gazetteer.role_nouns}
    # where each person is first named (a role mention added below comes after it, so it stays)
    first_at = {key: min((m.start_char for m in clusters[key].mentions), default=sys.maxsize)
                for key, _ in people}
    for token in doc:
        if token.lower_ not in first_words:
            continue
        noun = _role_noun(doc, token, gazetteer)
        if noun is None:
            continue
        titles, end = noun
        start = token.i
        country = None
        if start > 0 and doc[start - 1].text in gazetteer.demonyms:
            country = gazetteer.demonyms[doc[start - 1].text]
            start -= 1
        if start == 0 or doc[start - 1].lower_ != "the":
            continue
        named_owner, owner_country = _role_owner(doc, end, gazetteer)
        if named_owner:  # 'the president of Ukraine': only a holder of Ukraine's presidency fits
            if owner_country is None or (country is not None and country != owner_country):
                continue
            country = owner_country
        start -= 1
        span = doc[start:end]
        before = span.start_char
        fits = [
            key for key, entry in people
            if first_at[key] < before
            and any(r.title in titles and r.holds_on(published)
                    and (country is None or r.country == country) for r in entry.roles)
        ]
        if len(fits) == 1:
            clusters[fits[0]].mentions.append(
                Mention(span.text, span.start_char, span.end_char, sentence_of(span.start_char),
                        "role")
            )


def _role_owner(doc: Any, end: int, gazetteer: Gazetteer) -> tuple[bool, str | None]:
    """Whether the role noun ending before ``end`` is followed by 'of' and a known entity ('the
    president of Ukraine', 'the foreign minister of the United States'), and that entity's
    country (None when it has none, as for a company or the UN)."""
    at = end + 1
    if end >= len(doc) or doc[end].lower_ != "of" or at >= len(doc):
        return False, None
    if doc[at].lower_ == "the" and at + 1 < len(doc):
        at += 1
    entry = gazetteer.entries.get(doc[at].ent_id_) if doc[at].ent_id_ else None
    if entry is None:
        return False, None
    return True, entry.country


def _role_noun(doc: Any, token: Any, gazetteer: Gazetteer) -> tuple[tuple[str, ...], int] | None:
    """Role titles for a singular role noun starting at ``token`` (and its end), or None."""
    if token.ent_type_ and token.ent_type_ != "NORP":
        return None
    for words in (3, 2, 1):
        end = token.i + words
        if end > len(doc):
            continue
        phrase = " ".join(doc[token.i:end].text.lower().split())
        titles = gazetteer.role_nouns.get(phrase)
        if titles is None:
            continue
        last = doc[end - 1]
        if last.tag_ in ("NNS", "NNPS"):
            return None
        if end < len(doc) and doc[end].pos_ == "PROPN":
            return None  # a title before a name: "President Joe Biden"
        return titles, end
    return None


def _entity(cluster: _Cluster, gazetteer: Gazetteer) -> Entity:
    mentions = tuple(sorted(cluster.mentions, key=lambda m: m.start_char))
    entry = gazetteer.entries.get(cluster.key)
    if entry is not None:
        return Entity(entry.id, entry.name, entry.label, entry.kind, entry.country, entry.qid,
                      "gazetteer", mentions, entry.note)
    name = max((m.text for m in mentions if m.how != "role"), key=len)
    return Entity(cluster.key, name, cluster.label, _KIND_BY_LABEL.get(cluster.label, "other"),
                  None, None, "model", mentions)
