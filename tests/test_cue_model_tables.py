"""The cue model's compiled trees score as walking each tree does, and its per-doc parse table
reads what spaCy's tokens give."""

from __future__ import annotations

import math
import random

from claimtrail.extract.cue_model import CueModel, Forest, ParseTable, Tree, parse_table


def _random_tree(rng: random.Random, features: list[str], splits: int) -> Tree:
    """A tree grown by splitting random leaves ``splits`` times."""
    split: list[str] = []
    left: list[int] = []
    right: list[int] = []
    leaves = [rng.uniform(-1, 1)]
    parent_of: dict[int, tuple[int, bool]] = {}  # leaf → (node, is right child)
    for _ in range(splits):
        leaf = rng.randrange(len(leaves))
        node = len(split)
        split.append(rng.choice(features))
        new = len(leaves)
        leaves.append(rng.uniform(-1, 1))
        left.append(~leaf)
        right.append(~new)
        if leaf in parent_of:
            above, is_right = parent_of[leaf]
            (right if is_right else left)[above] = node
        parent_of[leaf], parent_of[new] = (node, False), (node, True)
    return Tree(tuple(split), tuple(left), tuple(right), tuple(leaves))


def test_compiled_trees_score_as_each_tree_walked():
    rng = random.Random(3)
    features = [f"f{k}" for k in range(12)]
    trees = tuple(_random_tree(rng, features, rng.randint(0, 15)) for _ in range(40))
    forest = Forest.of(trees)
    for _ in range(300):
        present = rng.sample([*features, "other"], rng.randint(0, 8))
        assert forest.total(present) == sum(tree.value(set(present)) for tree in trees)
    model = CueModel({"f1": 0.5}, 0.1, 0.5, trees, floor=0.0)
    walked = sum(t.value({"f1", "f2"}) for t in trees)
    assert model.probability(["f1", "f2"]) == (model.linear(["f1", "f2"]) + 1 / (1 + math.exp(-walked))) / 2


def test_parse_table_reads_what_the_tokens_give(nlp):
    doc = nlp("The president told reporters on Tuesday that the deal, which Congress signed, "
              "had failed. \"Really?\" asked Ms. Smith.")
    table = ParseTable.from_doc(doc)
    assert table.text == [t.text for t in doc]
    assert table.lower == [t.lower_ for t in doc]
    assert table.lemma == [t.lemma_.lower() for t in doc]
    assert (table.pos, table.tag, table.dep) == ([t.pos_ for t in doc], [t.tag_ for t in doc],
                                                 [t.dep_ for t in doc])
    assert table.ent == [t.ent_type_ for t in doc]
    assert table.head == [t.head.i for t in doc]
    assert table.children == [[c.i for c in t.children] for t in doc]
    assert parse_table(doc) is parse_table(doc)
