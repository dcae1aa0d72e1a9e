"""The fast paths of issue 18 give, to the last bit, what the plain ways give: the span model's
weight rows looked up by template against its feature strings, the trees' leaves found with numpy
against the Python walk of the masks, the children table from the heads against spaCy's
``Token.children``, and the morph feature kept per morphology against each token's own."""

from __future__ import annotations

import random

from spacy.tokens import Doc

from claimtrail.extract._util import _children_table
from claimtrail.extract.cue_model import Forest, Tree, context_features, parse_table
from claimtrail.extract.techniques import (
    _marks,
    _sentence_info,
    quote_mask,
    token_probabilities,
    token_table,
)
from claimtrail.resources import load_span_model

TEXT = ("The U.S. President told reporters in WASHINGTON on Tuesday that the \"shameful\" deal "
        "was a disaster!  Is it?\n\nA spokesman for the E.U. declined to comment. Really.\n"
        "Critics said the so-called reform, which nobody asked for, would ruin everyone.")


def test_span_rows_by_template_match_the_feature_strings(nlp):
    doc = nlp(TEXT)
    model = load_span_model()
    table = token_table(doc)
    quotes = quote_mask(doc.text)
    rows = []
    for sent in doc.sents:
        info = _sentence_info(table.words(sent.start, sent.end),
                              _marks(doc.text[sent.start_char:sent.end_char]), model.priors)
        rows.append([table.features(t.i, model.priors, bool(quotes[t.idx]), info)
                     for t in sent if not t.is_space])
    expected = model.model.marginals_many(rows)
    found = token_probabilities(doc, model)
    assert [[(p, other) for _, p, other in sentence] for sentence in found] == expected
    assert [[t.i for t, _, _ in sentence] for sentence in found] == \
        [[t.i for t in sent if not t.is_space] for sent in doc.sents]
    assert token_probabilities(nlp(""), model) == []


def _tree(rng: random.Random, features: list[str], leaves: int) -> Tree:
    """A tree of ``leaves`` leaves, each split taking the last leaf made (a deep one)."""
    split = [rng.choice(features) for _ in range(leaves - 1)]
    left = [~k for k in range(leaves - 1)]
    right = [k + 1 for k in range(leaves - 2)] + [~(leaves - 1)]
    return Tree(tuple(split), tuple(left), tuple(right),
                tuple(rng.uniform(-1, 1) for _ in range(leaves)))


def test_forest_arrays_total_as_the_masks_walked():
    rng = random.Random(5)
    features = [f"f{k}" for k in range(20)]
    trees = tuple(_tree(rng, features, rng.choice((1, 2, 7, 33, 64))) for _ in range(30))
    forest = Forest.of(trees)
    assert forest.arrays is not None
    for _ in range(300):
        present = rng.sample([*features, "other"], rng.randint(0, 10))
        assert forest.total(present) == forest._total(present)
        assert forest.total(present) == sum(tree.value(set(present)) for tree in trees)
    big = (*trees, _tree(rng, features, 65))  # too many leaves for 64 bits: the Python walk
    wide = Forest.of(big)
    assert wide.arrays is None
    for present in (["f1", "f2"], [], features):
        assert wide.total(present) == sum(tree.value(set(present)) for tree in big)


def test_children_from_heads_match_spacy_even_non_projective(nlp):
    doc = Doc(nlp.vocab, words=["a", "b", "c", "d", "e", "f"],
              heads=[1, 1, 4, 1, 1, 2], deps=["dep", "ROOT", "dep", "dep", "dep", "dep"])
    assert _children_table(doc) == [[c.i for c in t.children] for t in doc]
    parsed = nlp(TEXT)
    assert _children_table(parsed) == [[c.i for c in t.children] for t in parsed]
    assert _children_table(nlp("")) == []


def test_morph_feature_kept_per_morphology(nlp):
    doc = nlp(TEXT)
    table = parse_table(doc)
    assert table.morph == [t.morph.key for t in doc]
    for token in doc:
        morph = token.morph
        feats = context_features(token, token.lemma_.lower(), None, token.sent, frozenset())
        assert feats[0] == f"morph={morph.get('Tense')}{morph.get('VerbForm')}"
