"""The events stage reads words, lemmas, tags and heads from the doc's parse table instead of a
Token per word: each helper that does so gives what the Token-based reading gives."""

from __future__ import annotations

from typing import Any

import pytest

from claimtrail.extract._util import dfs_order
from claimtrail.extract.cue_model import parse_table
from claimtrail.extract.events import lemma_of
from claimtrail.extract.events.classify import _mode_words
from claimtrail.extract.events.context import _PARTY_LABELS, _SentenceTable
from claimtrail.extract.events.embedded import _lowest_xcomp, _XcompWalk
from claimtrail.extract.events.syntax import _entity_starts, _lemma_of_at, _match_phrase_at
from claimtrail.resources import load_event_lexicon

TEXTS = [
    "Soldiers opened fire on the protesters in Kabul, and the president imposed new sanctions "
    "on Russia after the talks between Sudan and South Sudan collapsed.",
    "Israel launched retaliatory strikes on Gaza in response to the rocket attack by Hamas, "
    "the army said on Tuesday.",
    "The ministry said it was prepared to lift the ban on the FIS and threatened to impose a "
    "curfew in Algiers unless the rebels agreed to pull back their troops.",
    "The Red Cross said US and British forces must ensure security. They staged a raid and "
    "signed a decree; the UN recalled its ambassador.",
    "",
]


def _match_phrase(token: Any, words: tuple[str, ...], sent: Any) -> list[Any] | None:
    """The Token-based matcher the table's replaced."""
    matched = [token]
    i = token.i
    for word in words[1:]:
        for gap in range(3):
            j = i + 1 + gap
            if j >= sent.end:
                return None
            candidate = token.doc[j]
            if candidate.lemma_.lower() == word or candidate.lower_ == word:
                matched.append(candidate)
                i = j
                break
            if candidate.pos_ not in ("DET", "ADJ", "NUM", "PART", "PRON", "ADV", "PUNCT", "PROPN"):
                return None
        else:
            return None
    return matched


@pytest.fixture(scope="module")
def docs(nlp: Any) -> list[Any]:
    return [nlp(text) for text in TEXTS]


def test_table_columns_are_the_token_attributes(docs: list[Any]) -> None:
    for doc in docs:
        p = parse_table(doc)
        assert p.lemma == [t.lemma_.lower() for t in doc]
        assert p.lower == [t.lower_ for t in doc]
        assert p.pos == [t.pos_ for t in doc]
        assert p.dep == [t.dep_ for t in doc]
        assert p.ent == [t.ent_type_ for t in doc]
        assert p.head == [t.head.i for t in doc]
        assert p.children == [[c.i for c in t.children] for t in doc]


def test_lemma_of_at_is_lemma_of(docs: list[Any]) -> None:
    lex = load_event_lexicon()
    for doc in docs:
        p = parse_table(doc)
        for known in (lex.verb_types, lex.light_verbs, lex.statement_verbs, {"stage", "sign"}):
            assert [_lemma_of_at(p, t.i, known) for t in doc] == [lemma_of(t, known) for t in doc]


def test_match_phrase_at_is_the_token_matcher(docs: list[Any]) -> None:
    lex = load_event_lexicon()
    phrases = sorted({words for group in lex.phrases.values() for words, _ in group})
    found = 0
    for doc in docs:
        p = parse_table(doc)
        for sent in doc.sents:
            for token in sent:
                for words in [*phrases, (token.lemma_.lower(), "the"), (token.lower_, "on")]:
                    expected = _match_phrase(token, words, sent)
                    got = _match_phrase_at(p, token.i, words, sent.end)
                    if words[0] not in (token.lemma_.lower(), token.lower_):
                        continue  # (the caller asks only at a token of the phrase's first word)
                    assert got == (None if expected is None else [t.i for t in expected])
                    found += got is not None
    assert found >= 3  # "opened fire", "imposed … sanctions", "signed a decree", …


def test_entity_starts_and_sentence_table(docs: list[Any]) -> None:
    lex = load_event_lexicon()
    for doc in docs:
        starts = _entity_starts(doc)
        assert starts == {t.i for t in doc if t.ent_iob_ == "B"}
        for sent in doc.sents:
            table = _SentenceTable(sent, lex, starts)
            assert table.lemmas == [t.lemma_.lower() for t in sent]
            positions: dict[str, list[int]] = {}
            for t in sent:
                positions.setdefault(t.lemma_.lower(), []).append(t.i)
            assert table.positions == positions
            parties = [t for t in sent if t.ent_iob_ == "B" and t.ent_type_ in _PARTY_LABELS]
            assert [t.i for t in table.parties] == [t.i for t in parties]
            assert table.party_chars == [t.idx for t in parties]
    assert any(_entity_starts(doc) for doc in docs)


def test_xcomp_walk_is_the_walk_order(docs: list[Any]) -> None:
    xcomps = 0
    for doc in docs:
        enter, leave, parent = dfs_order(doc)
        lowest = _lowest_xcomp(doc, enter, parent)
        # (a walk of a few steps switches to the walk order: both ways must agree)
        for steps in (40, 2):
            under = _XcompWalk(doc, steps)
            for token in range(len(doc)):
                for pred in range(len(doc)):
                    expected = lowest[token] >= 0 and \
                        enter[pred] <= enter[lowest[token]] < leave[pred]
                    assert under(token, pred) == expected
        # (the Token-based reading of the nearest verbal xcomp)
        for token in doc:
            above = [token, *token.ancestors]
            first = next((t.i for t in above if t.dep_ == "xcomp" and t.pos_ == "VERB"), -1)
            assert lowest[token.i] == first
            xcomps += first >= 0
    assert xcomps  # ("prepared to lift", "agreed to pull back")


def test_mode_words_are_the_one_word_cues() -> None:
    lex = load_event_lexicon()
    for spec in lex.types.values():
        assert _mode_words(spec) == tuple(
            (mode, frozenset(w[0] for w in words if len(w) == 1)) for mode, words in spec.modes)
        assert _mode_words(spec) is _mode_words(spec)
