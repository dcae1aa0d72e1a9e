"""Verb cues: reporting and belief verbs, non-answers ('declined to comment'), 'made it clear'."""

from __future__ import annotations

from typing import Any

from .._util import doc_text, subtree_span
from ..cue_model import CueModel, cue_features
from .candidates import is_candidate, near_quote
from .content import _adjacent_quote, _content
from .experiencers import _experiencer, _to_experiencer
from .lexicon import AttributionLexicon
from .model import Attribution
from .spans import _cut, _direct, _overlaps, _strip
from .subjects import _impersonal, _source

_CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd")
_LEFT_CUE_DEPS = ("aux", "auxpass", "neg")


def _verb_cue(token: Any, sent: Any, s_i: int, lex: AttributionLexicon, quotes: list[tuple[int, int]],
              model: CueModel) -> Attribution | None:
    if token.pos_ in ("NOUN", "PROPN", "ADP", "PUNCT"):
        return None
    lemma = token.lemma_.lower()
    children = list(token.children)
    negated = any(c.dep_ == "neg" for c in children)
    if not is_candidate(token, lex) and not (negated and token.pos_ == "VERB" and (
            lemma in lex.negated_confirm or lemma in lex.negated_answer)):
        return None  # but "could not be independently verified" is a non-answer
    doc = token.doc

    non_answer = None
    content_token = min((c for c in children if c.dep_ in _CONTENT_DEPS),
                        key=lambda c: _CONTENT_DEPS.index(c.dep_), default=None)
    phrasal = _make_clear(token)
    if phrasal is not None:
        content_token = phrasal
    if lemma in lex.non_answer_verbs:
        if content_token is not None and content_token.lemma_.lower() in lex.non_answer_objects:
            non_answer = "unconfirmed" if content_token.lemma_.lower() in lex.negated_confirm \
                else "no_comment"
        # otherwise a refusal to act ("refused to join the debate"), which the model judges
    elif negated and lemma in lex.negated_confirm:
        non_answer = "unconfirmed"
    elif negated and lemma in lex.negated_answer:
        non_answer = "no_comment"

    content = _content(token, content_token, quotes)
    if phrasal is not None and content is not None:
        clear = _clear_of(token)
        content = _strip(doc_text(doc), (max(content[0], clear.idx + len(clear.text)), content[1]))
    if content is None and non_answer is None:
        content = _adjacent_quote(token, sent, quotes)
    if content is None and non_answer is not None:  # "the claims could not be verified"
        unverified = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if unverified is not None:
            content = _strip(doc_text(doc), subtree_span(unverified))
    clausal = content_token is not None and content_token.dep_ in ("ccomp", "xcomp")
    precision = lex.learned_precision.get(lemma, 0.0)
    if non_answer is None and phrasal is None:
        features = cue_features(token, sent, near_quote(sent, quotes), precision, lex.speech)
        if not model.accepts(features):
            return None

    if lemma in lex.experiencer:
        source, source_token, content = _experiencer(token, lex, content)
    elif lemma in lex.subject_is_content:
        source, source_token = _to_experiencer(token)
    else:
        source, source_token = _source(token, lex, content)
    if source is None and content is None and non_answer is None:
        return None
    if source is not None and content is not None and _overlaps(source, content):
        source = _cut(source, content)
    direct = content is not None and _direct(content, quotes)
    return Attribution(
        _cue_span(token, phrasal), "non_answer" if non_answer else "verb",
        "make clear" if phrasal is not None else lemma, source, content,
        s_i, direct, None, _channel(token, lex), non_answer, lemma in lex.deny and not negated,
        source_token, token.i, clausal or phrasal is not None or direct, None,
        any(c.dep_ == "mark" and c.lower_ == "as" for c in children), _impersonal(token, lex),
    )


def _channel(token: Any, lex: AttributionLexicon) -> str | None:
    if token.lemma_.lower() in lex.social_verbs:
        return "social_media"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "via"):
            obj = " ".join(t.lower_ for t in child.subtree if t.i != child.i)
            if obj in lex.social_media or any(w in obj for w in lex.social_media if len(w) > 2):
                return "social_media"
    return None


def _cue_span(token: Any, phrasal: Any = None) -> tuple[int, int]:
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].head.i == token.i and doc[start - 1].dep_ in _LEFT_CUE_DEPS:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].head.i == token.i and doc[end].dep_ == "prt":
        end += 1
    clear = _clear_of(token) if phrasal is not None else None
    if clear is not None:  # "made it clear", "made clear"
        end = max(end, clear.i + 1)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _clear_of(token: Any) -> Any:
    """The 'clear' of 'made clear' / 'made it clear', or None."""
    if token.lemma_.lower() != "make":
        return None
    doc = token.doc
    for k in (token.i + 1, token.i + 2):
        if k < len(doc) and doc[k].lower_ == "clear" and (doc[k].head.i == token.i or
                                                         doc[k].head.head.i == token.i or
                                                         doc[k].head.i > k):
            return doc[k]
    return None


def _make_clear(token: Any) -> Any:
    """'made (it) clear that X' / 'made clear X': the token whose subtree is the content."""
    clear = _clear_of(token)
    if clear is None:
        return None
    for cand in (*clear.children, *token.children):
        if cand.i > clear.i and cand.dep_ in ("ccomp", "advcl", "dobj", "xcomp"):
            return cand
    if clear.head.i > clear.i and clear.head.dep_ in ("dobj", "pobj", "ccomp"):
        return clear.head
    return None
