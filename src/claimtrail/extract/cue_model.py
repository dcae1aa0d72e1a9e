"""A small model that decides whether a candidate word is an attribution cue, from its lemma and
its place in the parse: a logistic regression, averaged with boosted decision trees over the same
binary features when the model file has them (the trees catch combinations of features, such as a
lemma that is a cue only with a named subject and a that-clause). Trained by ``claimtrail train
attribution`` and shipped as JSON; inference is a sum of weights and the trees' leaves reached
(found for all the trees at once, see :class:`Forest`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import numpy as np
import numpy.typing as npt

from ._util import doc_children, doc_text

QUOTE_MARKS = ("\"", "\u201c", "\u201d", "\u00ab", "\u00bb")


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree over binary features, stored flat: internal node ``i`` asks whether
    ``split[i]`` is among the features and goes to ``right[i]`` if so, else ``left[i]``; a child
    ``c >= 0`` is another internal node, ``c < 0`` is leaf ``~c`` with value ``leaf[~c]``. A tree
    with no split is a single leaf."""
    split: tuple[str, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    leaf: tuple[float, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tree:
        tree = cls(tuple(data["split"]), tuple(data["left"]), tuple(data["right"]),
                   tuple(float(v) for v in data["leaf"]))
        if not (len(tree.split) == len(tree.left) == len(tree.right) == len(tree.leaf) - 1):
            raise ValueError("a tree needs one more leaf than splits, and two children per split")
        return tree

    def value(self, present: frozenset[str] | set[str]) -> float:
        if not self.split:
            return self.leaf[0]
        node = 0
        while node >= 0:
            node = self.right[node] if self.split[node] in present else self.left[node]
        return self.leaf[~node]


@dataclass(frozen=True, slots=True)
class Forest:
    """Trees compiled to score many at once from the features present alone (QuickScorer, Lucchese
    et al. 2015): number each tree's leaves from left to right and start with all of them; a node
    whose feature is present sends the walk right, so no leaf of its left subtree can be the one
    reached, and the leaf reached is the leftmost one that no such node rules out (a leaf to its
    left is in the left subtree of the node where the two paths part, which went right). So only
    the nodes of the features present are looked at, not a walk down every tree."""

    full: tuple[int, ...]  # per tree, a bit for each of its leaves, leftmost lowest
    kept: dict[str, tuple[tuple[int, int], ...]]  # feature → (tree, leaves its nodes leave in)
    leaves: tuple[tuple[float, ...], ...]  # per tree, the leaves' values from left to right
    # the same as numpy arrays (None when a tree has more than 64 leaves): see _ForestArrays
    arrays: _ForestArrays | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        arrays = None
        if self.leaves and max(len(values) for values in self.leaves) <= 64:
            every = (1 << 64) - 1
            masks = np.full((len(self.kept) + 1, len(self.full)), every, dtype=np.uint64)
            masks[0] = self.full
            rows: dict[str, int] = {}
            for feature, nodes in self.kept.items():
                row = rows[feature] = len(rows) + 1
                for t, mask in nodes:
                    masks[row, t] &= np.uint64(mask & every)
            table = np.zeros((len(self.leaves), max(len(values) for values in self.leaves)))
            for t, values in enumerate(self.leaves):
                table[t, :len(values)] = values
            arrays = _ForestArrays(rows, masks, table, np.arange(len(self.leaves)))
        object.__setattr__(self, "arrays", arrays)

    @classmethod
    def of(cls, trees: tuple[Tree, ...]) -> Forest:
        kept: dict[str, list[tuple[int, int]]] = {}
        orders = [_leaves_in_order(tree, t, kept) for t, tree in enumerate(trees)]
        return cls(tuple((1 << len(order)) - 1 for order in orders),
                   {feature: tuple(nodes) for feature, nodes in kept.items()},
                   tuple(tuple(tree.leaf[k] for k in order)
                         for tree, order in zip(trees, orders, strict=True)))

    def total(self, features: list[str]) -> float:
        """``sum(tree.value(set(features)) for tree in trees)``, added up in the same order.
        With :attr:`arrays`, the masks are cut and the leaves read by numpy, one call for all
        the trees, and the leaves' values added up by ``sum`` as before."""
        arrays = self.arrays
        if arrays is not None:
            rows = [0, *(row for row in map(arrays.rows.get, features) if row is not None)]
            masks = np.bitwise_and.reduce(arrays.masks[rows], axis=0)
            # the lowest bit left is the leaf reached; 2**k as a float has exponent k + 1
            lowest = np.frexp((masks & (~masks + np.uint64(1))).astype(np.float64))[1] - 1
            return float(sum(arrays.leaves[arrays.trees, lowest].tolist()))
        return self._total(features)

    def _total(self, features: list[str]) -> float:
        masks = list(self.full)
        kept = self.kept
        for feature in features:
            for t, mask in kept.get(feature, ()):
                masks[t] &= mask
        return sum(values[(m & -m).bit_length() - 1]
                   for values, m in zip(self.leaves, masks, strict=True))


@dataclass(frozen=True, slots=True)
class _ForestArrays:
    """A :class:`Forest` as numpy arrays: per feature its row of ``masks`` (the leaves its nodes
    leave in, per tree; all bits where it has no node), row 0 the trees' full masks; the leaves'
    values, one row per tree (zero-padded); and the trees' numbers."""
    rows: dict[str, int]
    masks: npt.NDArray[np.uint64]
    leaves: npt.NDArray[np.float64]
    trees: npt.NDArray[np.intp]


def _leaves_in_order(tree: Tree, t: int, kept: dict[str, list[tuple[int, int]]]) -> list[int]:
    """Tree ``t``'s leaves from left to right; adds to ``kept`` each node's feature with the
    leaves that stay possible when it is present (all but those of the node's left subtree)."""
    order: list[int] = []

    def walk(child: int) -> None:
        if child < 0:  # leaf ``~child``
            order.append(~child)
            return
        first = len(order)
        walk(tree.left[child])
        left = (1 << len(order)) - (1 << first)  # the bits of its left subtree's leaves
        kept.setdefault(tree.split[child], []).append((t, ~left))
        walk(tree.right[child])

    walk(0 if tree.split else ~0)
    return order


@dataclass(frozen=True, slots=True)
class CueModel:
    """A candidate is a cue when :meth:`probability` reaches ``threshold``. The probability is the
    logistic regression's alone below ``floor`` (in cross-validation the trees never lifted such a
    candidate over the threshold, and skipping them keeps the extractor fast), and otherwise the
    mean of the regression's and the trees' probabilities."""
    weights: dict[str, float]
    bias: float
    threshold: float
    trees: tuple[Tree, ...] = ()
    floor: float = 0.0
    # probabilities already computed, by feature list (training scores one model at many thresholds)
    memo: dict[tuple[str, ...], float] | None = field(default=None, compare=False, repr=False)
    forest: Forest = field(init=False, compare=False, repr=False)  # the trees, compiled

    def __post_init__(self) -> None:
        object.__setattr__(self, "forest", Forest.of(self.trees))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CueModel:
        trees = tuple(Tree.from_dict(t) for t in data.get("trees", ()))
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]), trees,
                   float(data.get("floor", 0.0)))

    def linear(self, features: list[str]) -> float:
        """The logistic regression's probability."""
        return _sigmoid(self.bias + sum(map(self.weights.get, features, repeat(0.0))))

    def probability(self, features: list[str]) -> float:
        if self.memo is not None:
            key = tuple(features)
            found = self.memo.get(key)
            if found is None:
                found = self.memo[key] = self._probability(features)
            return found
        return self._probability(features)

    def _probability(self, features: list[str]) -> float:
        linear = self.linear(features)
        if not self.trees or linear < self.floor:
            return linear
        return (linear + _sigmoid(self.forest.total(features))) / 2

    def accepts(self, features: list[str]) -> bool:
        """Whether the candidate is a cue: ``probability(features) >= threshold``, without walking
        the trees when the regression alone settles it (a mean with a probability over 0 reaches
        the threshold whenever the regression reaches twice the threshold)."""
        if self.trees and self.memo is None:
            linear = self.linear(features)
            if linear < self.floor:
                return linear >= self.threshold
            if linear >= 2 * self.threshold:
                return True
            return (linear + _sigmoid(self.forest.total(features))) / 2 >= self.threshold
        return self.probability(features) >= self.threshold


@dataclass(frozen=True, slots=True)
class ParseTable:
    """What the cue features read of every token of a doc, taken in one pass (``Doc.to_array``):
    spaCy makes a new Token object on every access (and ``Token.children`` scans the head's whole
    span), which cost more than the features themselves. Get it with :func:`parse_table`."""

    text: list[str]
    lower: list[str]
    lemma: list[str]  # lowercased
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]  # "" outside entities
    head: list[int]  # the head's index (a root is its own head)
    children: list[list[int]]  # as ``Token.children`` gives them (see ``doc_children``)
    morph: list[int] = field(default_factory=list)  # the morphology's key (``Doc.to_array``)
    # the ``morph=`` feature by morphology key, made from the first token that has it
    morph_features: dict[int, str] = field(default_factory=dict, compare=False)

    @classmethod
    def from_doc(cls, doc: Any) -> ParseTable:
        from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, MORPH, ORTH, POS, TAG

        if not len(doc):
            return cls([], [], [], [], [], [], [], [], [])
        columns = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, MORPH]).T.tolist()
        morph = columns.pop()
        heads = columns.pop()
        strings = doc.vocab.strings
        names = {key: strings[key] for key in set().union(*columns)}
        lemmas = {key: names[key].lower() for key in set(columns[2])}
        text, lower, _, pos, tag, dep, ent = ([names[key] for key in column] for column in columns)
        return cls(text, lower, [lemmas[key] for key in columns[2]], pos, tag, dep, ent,
                   [i + (offset - (1 << 64) if offset >> 63 else offset)  # (a uint64 offset)
                    for i, offset in enumerate(heads)], doc_children(doc), morph)


def parse_table(doc: Any) -> ParseTable:
    """The doc's :class:`ParseTable`, made once per Doc (kept in ``user_data``)."""
    table = doc.user_data.get("claimtrail.cue_model.tokens")
    if not isinstance(table, ParseTable):
        table = doc.user_data["claimtrail.cue_model.tokens"] = ParseTable.from_doc(doc)
    return table


def cue_features(token: Any, sent: Any, near_quote: bool, precision: float,
                 speech: frozenset[str] | set[str]) -> list[str]:
    """Features of a candidate cue token (a verb, noun or adjective): its lemma and form, its
    place in the parse, its subject and complements, and the words around it (see
    :func:`context_features`). ``speech`` is the lexicon's speech-verb lemmas."""
    p = parse_table(token.doc)
    i = token.i
    lemma = p.lemma[i]
    children = p.children[i]
    deps = {p.dep[c] for c in children}
    subject = next((c for c in children if p.dep[c] in ("nsubj", "nsubjpass")), None)
    if subject is None:
        subj = "none"
    elif p.pos[subject] == "PRON":
        subj = "pron:" + p.lower[subject]
    else:
        subj = p.pos[subject]
    has_that = any(p.dep[g] == "mark" and p.lower[g] in ("that", "whether", "if")
                   for c in children if p.dep[c] == "ccomp" for g in p.children[c])
    bucket = min(int(precision * 10), 9)
    pos, tag, dep = p.pos[i], p.tag[i], p.dep[i]
    feats = [
        f"lemma={lemma}", f"pos={pos}", f"tag={tag}", f"dep={dep}",
        f"head={p.pos[p.head[i]]}", f"subj={subj}", f"prec={bucket}",
        f"lemma+ccomp={lemma}:{'ccomp' in deps}", f"lemma+xcomp={lemma}:{'xcomp' in deps}",
        f"lemma+dobj={lemma}:{'dobj' in deps}", f"lemma+subj={lemma}:{subj if subj == 'none' else 'yes'}",
        f"ccomp={'ccomp' in deps}", f"xcomp={'xcomp' in deps}", f"dobj={'dobj' in deps}",
        f"that={has_that}", f"neg={'neg' in deps}", f"quote_near={near_quote}",
        f"prec+ccomp={bucket}:{'ccomp' in deps}", f"prec+near={bucket}:{near_quote}",
    ]
    if any(p.dep[c] == "prep" and p.lower[c] in ("about", "on", "for", "to") for c in children):
        feats.append("prep_arg")
    nxt = p.lower[i + 1] if i + 1 < len(p.lower) else "<end>"
    prev = p.lower[i - 1] if i > 0 else "<start>"
    obj = next((c for c in children if p.dep[c] in ("dobj", "pobj", "attr")), None)
    if obj is None:
        prep = next((c for c in children if p.dep[c] == "prep"), None)
        if prep is not None:
            obj = next((c for c in p.children[prep] if p.dep[c] == "pobj"), None)
    obj_ent = (p.ent[obj] or p.pos[obj]) if obj is not None else "none"
    subj_ent = (p.ent[subject] or p.pos[subject]) if subject is not None else "none"
    feats += [
        f"lemma+dep={lemma}:{dep}", f"lemma+tag={lemma}:{tag}",
        f"next={nxt}", f"prev={prev}", f"lemma+next={lemma}:{nxt}",
        f"obj={obj_ent}", f"lemma+obj={lemma}:{obj_ent}", f"subj_ent={subj_ent}",
        f"lemma+subj_ent={lemma}:{subj_ent}",
    ]
    return feats + _context_features(p, token, lemma, subject, sent, speech)


def context_features(token: Any, lemma: str, subject: Any, sent: Any,
                     speech: frozenset[str] | set[str]) -> list[str]:
    """Who the subject is, what governs the candidate, how big its complements are, and the
    two words either side. A cue is usually a finite verb near the root, with a named or
    pronoun subject and a long clausal complement; the same lemma deep in a clause under
    another speech verb usually is not."""
    return _context_features(parse_table(token.doc), token, lemma,
                             None if subject is None else subject.i, sent, speech)


def _context_features(p: ParseTable, token: Any, lemma: str, subject: int | None, sent: Any,
                      speech: frozenset[str] | set[str]) -> list[str]:
    """:func:`context_features`, the subject given by its index."""
    i = token.i
    head = p.head[i]
    morph = p.morph_features.get(p.morph[i]) if p.morph else None
    if morph is None:
        analysis = token.morph
        morph = f"morph={analysis.get('Tense')}{analysis.get('VerbForm')}"
        if p.morph:
            p.morph_features[p.morph[i]] = morph
    feats = [
        morph,
        f"head_lemma={p.lemma[head]}", f"lemma+head={lemma}:{p.lemma[head]}",
        f"headdep={p.dep[head]}:{p.dep[i]}", f"depth={_depth(token, 4)}",
        f"under_speech={_under_speech(token, speech)}",
        f"place={min((i - sent.start) * 5 // max(len(sent), 1), 4)}",
        f"sent_quote={_sentence_has_quote(sent)}",
        "prev2=" + " ".join(p.lower[max(i - 2, 0):i]),
        "next2=" + " ".join(p.lower[i + 1:i + 3]),
    ]
    if subject is not None:
        subject_lemma = p.lemma[subject]
        feats += [f"subj_lemma={subject_lemma}", f"lemma+subj_lemma={lemma}:{subject_lemma}"]
    for child in p.children[i]:
        dep = p.dep[child]
        if dep in ("ccomp", "xcomp", "advcl", "dobj"):
            size = _count_subtree(p.children, child, 18)  # (only up to 18 counts: 18 // 3 is the cap)
            has_subject = any(p.dep[g] in ("nsubj", "nsubjpass") for g in p.children[child])
            feats += [f"{dep}_len={min(size // 3, 6)}", f"{dep}_tag={p.pos[child]}:{p.tag[child]}",
                      f"{dep}_subj={has_subject}"]
        elif dep == "prep":
            feats += [f"prep={p.lower[child]}", f"lemma+prep={lemma}:{p.lower[child]}"]
        elif dep == "punct":
            feats.append(f"punct={p.text[child]}:{'L' if child < i else 'R'}")
    return feats


def _depth(token: Any, cap: int) -> int:
    """``min(len(list(token.ancestors)), cap)``, walking up no more than ``cap`` heads."""
    heads = parse_table(token.doc).head
    i = token.i
    depth = 0
    while depth < cap and heads[i] != i:
        i = heads[i]
        depth += 1
    return depth


def _under_speech(token: Any, speech: frozenset[str] | set[str]) -> bool:
    """Whether an ancestor of ``token`` is a speech verb. Kept per Doc, so that each head is
    looked at once: walking every candidate's ancestors is quadratic in a sentence of nested
    "X said that Y said that…"."""
    doc = token.doc
    memo: dict[int, bool] = doc.user_data.setdefault(
        f"claimtrail.under_speech.{hash(frozenset(speech))}", {})
    table = parse_table(doc)
    heads, lemmas = table.head, table.lemma
    path: list[int] = []
    i = token.i
    found = memo.get(i)
    while found is None:
        head = heads[i]
        if head == i:
            found = False
        elif lemmas[head] in speech:
            found = True
        else:
            found = memo.get(head)
        path.append(i)
        i = head
    for k in path:
        memo[k] = found
    return found


def _subtree_size(token: Any, cap: int) -> int:
    """``min(len(list(token.subtree)), cap)``, visiting no more than ``cap`` tokens."""
    return _count_subtree(doc_children(token.doc), token.i, cap)


def _count_subtree(children: list[list[int]], token: int, cap: int) -> int:
    count = 0
    stack = [token]
    while stack and count < cap:
        i = stack.pop()
        count += 1
        stack.extend(children[i])
    return count


def _sentence_has_quote(sent: Any) -> bool:
    """Whether the sentence holds a quotation mark (kept per Doc: every candidate asks)."""
    cache = sent.doc.user_data.setdefault("claimtrail.sent_quote", {})
    found = cache.get(sent.start)
    if found is None:
        words = doc_text(sent.doc)[sent.start_char:sent.end_char]
        found = cache[sent.start] = any(mark in words for mark in QUOTE_MARKS)
    return bool(found)
