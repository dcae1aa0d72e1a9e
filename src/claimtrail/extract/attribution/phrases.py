"""Cue phrases: "according to", a source named by "in" ('in a CNN poll'), report adverbs
('reportedly')."""

from __future__ import annotations

from typing import Any

from .._util import doc_text, subtree_span
from .lexicon import AttributionLexicon
from .model import Attribution
from .spans import _direct, _span, _strip


def _according_to(token: Any, sent: Any, s_i: int,
                  quotes: list[tuple[int, int]]) -> Attribution | None:
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    to = token.doc[token.i + 1]
    if to.lower_ != "to":
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = subtree_span(objects[0])
    phrase_start = token.idx
    phrase_end = source[1]
    if phrase_start - sent.start_char > sent.end_char - phrase_end:
        content = (sent.start_char, phrase_start)
    else:
        content = (phrase_end, sent.end_char)
    content = _strip(doc_text(token.doc), content)
    return Attribution((token.idx, to.idx + len(to.text)), "according_to", "according to", source,
                       content, s_i, _direct(content, quotes), source_token=objects[0].i,
                       cue_token=token.i, clausal=True)


def _source_phrase(token: Any, s_i: int, lex: AttributionLexicon,
                   quotes: list[tuple[int, int]]) -> Attribution | None:
    """'In an NBC poll released Monday, 50 percent chose Clinton', 'Clinton led in the same poll':
    "in" is the cue, the poll the source, and the clause it modifies the content. A clause whose
    verb is itself a speech or belief verb ('said in an interview') is left to that verb, and polls
    in general ('rising in the polls') name no source."""
    if token.dep_ != "prep" or token.lower_ != "in":
        return None
    head = token.head
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in lex.speech \
            or head.lemma_.lower() in lex.belief:
        return None
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    if obj.lemma_.lower() not in lex.in_sources or obj.tag_ != "NN":
        return None
    doc = token.doc
    after = max(t.i for t in obj.subtree) + 1
    source = subtree_span(obj)
    clause = [t for t in head.subtree if not (token.i <= t.i < after)]
    text = doc_text(doc)
    if token.i < head.i:
        content = _strip(text, _span(t for t in clause if t.i >= after))
    else:
        content = _strip(text, _span(t for t in clause if t.i < token.i))
    if content[1] - content[0] < 3:
        return None
    return Attribution((token.idx, token.idx + len(token.text)), "phrase", "in", source, content,
                       s_i, _direct(content, quotes), source_token=obj.i, cue_token=token.i,
                       clausal=True)


def _report_adverb(token: Any, s_i: int, lex: AttributionLexicon,
                   quotes: list[tuple[int, int]]) -> Attribution | None:
    if token.lower_ not in lex.report_adverbs or token.head.i == token.i:
        return None
    head = token.head
    content = _strip(doc_text(token.doc), subtree_span(head))
    return Attribution((token.idx, token.idx + len(token.text)), "adverb", token.lower_, None,
                       content, s_i, _direct(content, quotes), cue_token=token.i, clausal=True)
