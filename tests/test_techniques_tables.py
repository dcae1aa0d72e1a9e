"""The span model's per-doc token table and its chains run side by side give what reading each
token through spaCy and running each sentence's chain alone give."""

from __future__ import annotations

import random

import numpy as np
import pytest

from claimtrail.extract.techniques import TokenCrf, TokenTable, token_table

TEXT = ("The U.S. President told reporters in WASHINGTON on Tuesday that the \"shameful\" deal "
        "was a disaster!  Is it?\n\nA spokesman for the E.U. declined to comment. Really.")


def test_token_table_reads_what_the_tokens_give(nlp):
    doc = nlp(TEXT)
    table = TokenTable.from_doc(doc)
    assert table.lower == [t.lower_ for t in doc]
    assert table.lemma == [t.lemma_.lower() for t in doc]
    assert table.pos == [t.pos_ for t in doc]
    assert table.dep == [t.dep_ for t in doc]
    assert table.ent == [t.ent_type_ for t in doc]
    assert table.upper == [t.is_upper and len(t.text) > 1 for t in doc]
    assert table.punct == [t.is_punct for t in doc]
    assert table.space == [t.is_space for t in doc]
    assert table.idx == [t.idx for t in doc]
    assert table.length == [len(t.text) for t in doc]
    assert table.words(0, len(doc)) == [t.lower_ for t in doc if not t.is_punct and not t.is_space]
    assert token_table(doc) is token_table(doc)  # made once per doc
    assert TokenTable.from_doc(nlp("")).lower == []


def test_chains_side_by_side_match_each_chain_alone():
    rng = random.Random(7)
    labels = ("O", "B-loaded", "I-loaded", "B-other", "I-other")
    names = [f"f{k}" for k in range(30)]
    weights = np.zeros((len(names) + 1, len(labels)))
    weights[:-1] = [[rng.uniform(-2, 2) for _ in labels] for _ in names]
    crf = TokenCrf(labels, {name: k for k, name in enumerate(names)}, weights,
                   np.exp([[rng.uniform(-1, 1) for _ in labels] for _ in labels]), 0.5)
    sentences = [[[rng.choice([*names, "unknown"]) for _ in range(rng.randint(0, 4))]
                  for _ in range(n)] for n in (5, 0, 1, 12, 3, 12, 4, 0)]
    together = crf.marginals_many(sentences)
    assert [len(s) for s in together] == [len(s) for s in sentences]
    for rows, found in zip(sentences, together, strict=True):
        alone = crf.marginals(rows)
        assert [x for pair in found for x in pair] == pytest.approx(
            [x for pair in alone for x in pair], abs=1e-12)
        if 1 < len(rows) <= 5:  # against every labelling summed
            assert [p for p, _ in found] == pytest.approx(_brute_inside(crf, rows), abs=1e-9)
    assert crf.marginals_many([]) == [] and crf.marginals_many([[], []]) == [[], []]


def _brute_inside(crf: TokenCrf, rows: list[list[str]]) -> list[float]:
    """P(label ≠ O) by summing over every labelling (few tokens only)."""
    import itertools

    scores = [crf.weights[[crf.index[f] for f in row if f in crf.index]].sum(axis=0) for row in rows]
    n, k = len(rows), len(crf.labels)
    totals = np.zeros((n, k))
    for path in itertools.product(range(k), repeat=n):
        w = np.exp(sum(scores[t][path[t]] for t in range(n)))
        w *= np.prod([crf.factors[a, b] for a, b in itertools.pairwise(path)])
        for t, label in enumerate(path):
            totals[t, label] += w
    totals /= totals.sum(axis=1, keepdims=True)
    return (1.0 - totals[:, crf.labels.index("O")]).tolist()
