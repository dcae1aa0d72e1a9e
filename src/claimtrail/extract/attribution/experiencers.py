"""Feeling and seeming cues, whose source is not their subject: 'That worries environmentalists',
'It seems to me that…'."""

from __future__ import annotations

from typing import Any

from .._util import doc_text, subtree_span
from .lexicon import AttributionLexicon
from .spans import _span, _strip
from .subjects import RELATIVE_TAGS, _may_speak, _source, antecedent

_FRONTED_WORDS = 12  # the longest "To …," phrase read as the one it seems to


def _to_infinitive(children: list[Any]) -> bool:
    """Whether a verb has a complement in 'to' ('encouraged voters to turn out')."""
    return any(c.dep_ in ("xcomp", "ccomp") and any(a.dep_ == "aux" and a.lower_ == "to"
                                                   for a in c.children) for c in children)


def _to_experiencer(token: Any) -> tuple[tuple[int, int] | None, int | None]:
    """'It seems to me that…', 'appeared to investigators to be…': the one named after 'to'."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _strip(doc_text(token.doc), subtree_span(obj)), obj.i
            fronted = _fronted_object(child, token)
            if fronted is not None:
                return fronted
    return None, None


def _fronted_object(to: Any, verb: Any) -> tuple[tuple[int, int], int] | None:
    """'To political scientist Ana Weld, the stare seemed to reflect sadness', parsed with the
    name as the verb's subject and 'To' left without an object: the words from 'To' to the
    comma."""
    doc = to.doc
    limit = min(verb.i, to.i + _FRONTED_WORDS + 2)
    comma = next((t for t in doc[to.i + 1:limit] if t.text == ","), None)
    if comma is None or comma.i == to.i + 1:
        return None
    last = doc[comma.i - 1]
    if last.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return (doc[to.i + 1].idx, last.idx + len(last.text)), last.i


def _experiencer(token: Any, lex: AttributionLexicon, content: tuple[int, int] | None
                 ) -> tuple[tuple[int, int] | None, int | None, tuple[int, int] | None]:
    """'That worries environmentalists', 'Business leaders have been unsettled by the protests':
    the one who feels is the source, the cause is the content."""
    text = doc_text(token.doc)
    children = list(token.children)
    holder = next((c for c in children if c.dep_ == "nsubjpass"), None)
    cause = None
    if holder is not None:
        agent = next((c for c in children if c.dep_ == "agent"), None)
        cause = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    else:
        holder = next((c for c in children if c.dep_ == "dobj"), None)
        cause = next((c for c in children if c.dep_ in ("nsubj", "csubj")), None)
        if holder is not None and (_to_infinitive(children) or (
                cause is not None and cause.pos_ in ("PROPN", "PRON") and not _may_speak(holder, lex))):
            # "encouraged voters to turn out", "she encouraged a boycott": a call on someone or
            # for something, made by the subject; nobody's feeling (but "the ruling worried the
            # market" is the market's)
            holder = None
    if holder is None:
        return (*_source(token, lex, content), content)
    if cause is not None:
        content = _strip(text, _span(antecedent(cause).subtree if cause.tag_ in RELATIVE_TAGS
                                     else cause.subtree))
    return _strip(text, subtree_span(holder)), holder.i, content
