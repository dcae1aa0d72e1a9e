"""A small model that decides whether a candidate word is an attribution cue, from its lemma and
its place in the parse: a logistic regression, averaged with boosted decision trees over the same
binary features when the model file has them (the trees catch combinations of features, such as a
lemma that is a cue only with a named subject and a that-clause). Trained by ``claimtrail train
attribution`` and shipped as JSON; inference is a sum of weights and a walk down each tree (no
numpy needed)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CueModel:
        trees = tuple(Tree.from_dict(t) for t in data.get("trees", ()))
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]), trees,
                   float(data.get("floor", 0.0)))

    def linear(self, features: list[str]) -> float:
        """The logistic regression's probability."""
        return _sigmoid(self.bias + sum(self.weights.get(f, 0.0) for f in features))

    def probability(self, features: list[str]) -> float:
        if self.memo is not None:
            key = tuple(features)
            found = self.memo.get(key)
            if found is None:
                found = self.memo[key] = replace(self, memo=None).probability(features)
            return found
        linear = self.linear(features)
        if not self.trees or linear < self.floor:
            return linear
        present = set(features)
        return (linear + _sigmoid(sum(tree.value(present) for tree in self.trees))) / 2

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
        return self.probability(features) >= self.threshold


def cue_features(token: Any, sent: Any, near_quote: bool, precision: float,
                 speech: frozenset[str] | set[str]) -> list[str]:
    """Features of a candidate cue token (a verb, noun or adjective): its lemma and form, its
    place in the parse, its subject and complements, and the words around it (see
    :func:`context_features`). ``speech`` is the lexicon's speech-verb lemmas."""
    lemma = token.lemma_.lower()
    deps = {c.dep_ for c in token.children}
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        subj = "none"
    elif subject.pos_ == "PRON":
        subj = "pron:" + subject.lower_
    else:
        subj = subject.pos_
    has_that = any(g.dep_ == "mark" and g.lower_ in ("that", "whether", "if")
                   for c in token.children if c.dep_ == "ccomp" for g in c.children)
    bucket = min(int(precision * 10), 9)
    feats = [
        f"lemma={lemma}", f"pos={token.pos_}", f"tag={token.tag_}", f"dep={token.dep_}",
        f"head={token.head.pos_}", f"subj={subj}", f"prec={bucket}",
        f"lemma+ccomp={lemma}:{'ccomp' in deps}", f"lemma+xcomp={lemma}:{'xcomp' in deps}",
        f"lemma+dobj={lemma}:{'dobj' in deps}", f"lemma+subj={lemma}:{subj if subj == 'none' else 'yes'}",
        f"ccomp={'ccomp' in deps}", f"xcomp={'xcomp' in deps}", f"dobj={'dobj' in deps}",
        f"that={has_that}", f"neg={'neg' in deps}", f"quote_near={near_quote}",
        f"prec+ccomp={bucket}:{'ccomp' in deps}", f"prec+near={bucket}:{near_quote}",
    ]
    if any(c.dep_ == "prep" and c.lower_ in ("about", "on", "for", "to") for c in token.children):
        feats.append("prep_arg")
    doc = token.doc
    nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else "<end>"
    prev = doc[token.i - 1].lower_ if token.i > 0 else "<start>"
    obj = next((c for c in token.children if c.dep_ in ("dobj", "pobj", "attr")), None)
    if obj is None:
        prep = next((c for c in token.children if c.dep_ == "prep"), None)
        if prep is not None:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    obj_ent = (obj.ent_type_ or obj.pos_) if obj is not None else "none"
    subj_ent = (subject.ent_type_ or subject.pos_) if subject is not None else "none"
    feats += [
        f"lemma+dep={lemma}:{token.dep_}", f"lemma+tag={lemma}:{token.tag_}",
        f"next={nxt}", f"prev={prev}", f"lemma+next={lemma}:{nxt}",
        f"obj={obj_ent}", f"lemma+obj={lemma}:{obj_ent}", f"subj_ent={subj_ent}",
        f"lemma+subj_ent={lemma}:{subj_ent}",
    ]
    return feats + context_features(token, lemma, subject, sent, speech)


def context_features(token: Any, lemma: str, subject: Any, sent: Any,
                     speech: frozenset[str] | set[str]) -> list[str]:
    """Who the subject is, what governs the candidate, how big its complements are, and the
    two words either side. A cue is usually a finite verb near the root, with a named or
    pronoun subject and a long clausal complement; the same lemma deep in a clause under
    another speech verb usually is not."""
    doc = token.doc
    head = token.head
    feats = [
        f"morph={token.morph.get('Tense')}{token.morph.get('VerbForm')}",
        f"head_lemma={head.lemma_.lower()}", f"lemma+head={lemma}:{head.lemma_.lower()}",
        f"headdep={head.dep_}:{token.dep_}", f"depth={_depth(token, 4)}",
        f"under_speech={_under_speech(token, speech)}",
        f"place={min((token.i - sent.start) * 5 // max(len(sent), 1), 4)}",
        f"sent_quote={_sentence_has_quote(sent)}",
        "prev2=" + " ".join(w.lower_ for w in doc[max(token.i - 2, 0):token.i]),
        "next2=" + " ".join(w.lower_ for w in doc[token.i + 1:token.i + 3]),
    ]
    if subject is not None:
        subject_lemma = subject.lemma_.lower()
        feats += [f"subj_lemma={subject_lemma}", f"lemma+subj_lemma={lemma}:{subject_lemma}"]
    for child in token.children:
        dep = child.dep_
        if dep in ("ccomp", "xcomp", "advcl", "dobj"):
            size = _subtree_size(child, 18)  # (only up to 18 counts: 18 // 3 is the cap)
            has_subject = any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children)
            feats += [f"{dep}_len={min(size // 3, 6)}", f"{dep}_tag={child.pos_}:{child.tag_}",
                      f"{dep}_subj={has_subject}"]
        elif dep == "prep":
            feats += [f"prep={child.lower_}", f"lemma+prep={lemma}:{child.lower_}"]
        elif dep == "punct":
            feats.append(f"punct={child.text}:{'L' if child.i < token.i else 'R'}")
    return feats


def _depth(token: Any, cap: int) -> int:
    """``min(len(list(token.ancestors)), cap)``, walking up no more than ``cap`` heads."""
    depth = 0
    while depth < cap and token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def _under_speech(token: Any, speech: frozenset[str] | set[str]) -> bool:
    """Whether an ancestor of ``token`` is a speech verb. Kept per Doc, so that each head is
    looked at once: walking every candidate's ancestors is quadratic in a sentence of nested
    "X said that Y said that…"."""
    doc = token.doc
    memo: dict[int, bool] = doc.user_data.setdefault(
        f"claimtrail.under_speech.{hash(frozenset(speech))}", {})
    path: list[int] = []
    found = memo.get(token.i)
    while found is None:
        head = token.head
        if head.i == token.i:
            found = False
        elif head.lemma_.lower() in speech:
            found = True
        else:
            found = memo.get(head.i)
        path.append(token.i)
        token = head
    for i in path:
        memo[i] = found
    return found


def _subtree_size(token: Any, cap: int) -> int:
    """``min(len(list(token.subtree)), cap)``, visiting no more than ``cap`` tokens."""
    children = doc_children(token.doc)
    count = 0
    stack = [token.i]
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
