"""A small logistic-regression model that decides whether a candidate word is an attribution
cue, from its lemma and its place in the parse. Weights are trained by ``claimtrail train
attribution`` and shipped as JSON; inference is a sum of weights (no numpy needed)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ._util import doc_text

QUOTE_MARKS = ("\"", "\u201c", "\u201d", "\u00ab", "\u00bb")


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CueModel:
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))


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
    ancestors = list(token.ancestors)
    feats = [
        f"morph={token.morph.get('Tense')}{token.morph.get('VerbForm')}",
        f"head_lemma={head.lemma_.lower()}", f"lemma+head={lemma}:{head.lemma_.lower()}",
        f"headdep={head.dep_}:{token.dep_}", f"depth={min(len(ancestors), 4)}",
        f"under_speech={any(a.lemma_.lower() in speech for a in ancestors)}",
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
            size = sum(1 for _ in child.subtree)
            has_subject = any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children)
            feats += [f"{dep}_len={min(size // 3, 6)}", f"{dep}_tag={child.pos_}:{child.tag_}",
                      f"{dep}_subj={has_subject}"]
        elif dep == "prep":
            feats += [f"prep={child.lower_}", f"lemma+prep={lemma}:{child.lower_}"]
        elif dep == "punct":
            feats.append(f"punct={child.text}:{'L' if child.i < token.i else 'R'}")
    return feats


def _sentence_has_quote(sent: Any) -> bool:
    """Whether the sentence holds a quotation mark (kept per Doc: every candidate asks)."""
    cache = sent.doc.user_data.setdefault("claimtrail.sent_quote", {})
    found = cache.get(sent.start)
    if found is None:
        words = doc_text(sent.doc)[sent.start_char:sent.end_char]
        found = cache[sent.start] = any(mark in words for mark in QUOTE_MARKS)
    return bool(found)
