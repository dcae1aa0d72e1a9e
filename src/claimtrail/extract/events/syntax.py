"""Parse helpers every step shares: lemmas and stems, phrases, subjects, scopes and noun owners."""

from __future__ import annotations

import bisect
from typing import Any

from ...records import Entity, Event, EventArgument
from .._util import doc_children
from ..cue_model import ParseTable, parse_table
from .words import INTENT_NOUNS

_SUBJECTS = ("nsubj", "csubj")


# a stem and the inflection it must have lost: "finds" → "find", "fined" → "fine", "staged" →
# "stage", "shelling" → "shell"; never "find" → "fin" (its final d is no ending)
_ENDINGS = ((0, "", ("s", "d", "ed", "ing", "es")), (1, "", ("s", "ed")), (2, "", ("ed", "es")),
            (3, "", ("ing",)), (3, "e", ("ing",)), (2, "e", ("ed",)))


_CLAUSE_MODIFIERS = ("relcl", "acl", "appos")


_CLAUSES = frozenset({"ccomp", "relcl", "advcl", "xcomp", "acl", "conj", "parataxis"})


def _entity_starts(doc: Any) -> set[int]:
    """The tokens whose ``ent_iob_`` is "B", from the doc's array (no Token made)."""
    from spacy.attrs import ENT_IOB

    if not len(doc):
        return set()
    return {i for i, iob in enumerate(doc.to_array(ENT_IOB).tolist()) if iob == 3}


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


def _stem(lower: str, known: Any) -> str | None:
    """The first stem of ``lower`` in ``known`` that a plain inflection ending was cut from."""
    for cut, add, endings in _ENDINGS:
        stem = (lower[:-cut] if cut else lower) + add
        if len(stem) > 2 and stem in known and lower.endswith(endings):
            return stem
    return None


def _prep_objects(token: Any, words: Any) -> list[Any]:
    """The objects, with their conjuncts, of ``token``'s prepositions among ``words``."""
    return [t for p in token.children if p.dep_ == "prep" and p.lower_ in words
            for c in p.children if c.dep_ == "pobj" for t in _with_conjuncts(c)]


# verbs that lay a deed at someone's door, with their preposition: "the attack blamed on X",
# "explosions attributed to Y"
_LAID_AT = {"blame": "on", "attribute": "to", "pin": "on", "ascribe": "to"}


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
            if child.lemma_.lower() in _LAID_AT:  # "the attack blamed on Hamas"
                out.extend(c for prep in child.children if prep.dep_ == "prep"
                           and prep.lower_ == _LAID_AT[child.lemma_.lower()]
                           for c in prep.children if c.dep_ == "pobj")
    return out


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
            if seen.dep_ != "acl" or intent.lemma_.lower() not in INTENT_NOUNS:
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
                # "troops attacking the city": the troops attack; but "the attack blamed on X"
                # is blamed by someone the clause does not name
                laid_at = seen.tag_ == "VBN" and seen.lemma_.lower() in _LAID_AT
                return [] if laid_at else [seen.head]
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


def _mention_start(mention: tuple[int, int, Entity]) -> int:
    return mention[0]


def _sentence_index(doc: Any, token: Any) -> int:
    starts = doc.user_data.get("claimtrail.sent_starts")
    if starts is None:
        starts = doc.user_data["claimtrail.sent_starts"] = [s.start for s in doc.sents]
    return max(bisect.bisect_right(starts, token.i) - 1, 0)


def span_root(doc: Any, start: int, end: int) -> Any:
    """The syntactic head of the words at ``[start, end)`` (None when they align with no token)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def trigger_token(event: Event, doc: Any) -> Any:
    """The syntactic head of an event's trigger words (None when they align with no token)."""
    return span_root(doc, event.trigger.start_char, event.trigger.end_char)
