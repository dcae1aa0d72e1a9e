"""Signed quotations and posts: '“…” ― Jane Doe', '… — Jane Doe (@jdoe) May 1, 2016'."""

from __future__ import annotations

import re
from typing import Any

from .._util import IntervalIndex, SentenceIndex, doc_text, line_bounds
from .model import Attribution
from .spans import _direct, _rstripped, _strip

_CLOSING_QUOTES = "\"”’'»"
# '― Jane Doe' / '— Jane Doe (@jdoe) May 1, 2016' under a quotation or a post
_SIGNATURE = re.compile(r"(―|—|–|--?)[ \t\u00a0]*([A-Z][\w'’.\-]*(?:[ \t\u00a0]+[A-Z][\w'’.\-]*){0,4})"
                        r"[ \t\u00a0]*(?=\(@|,|\.?[ \t\u00a0]*(?:\n|$))")
_HANDLE_NEXT = re.compile(r"[ \t\u00a0]*\(@")


def _attach_signatures(doc: Any, sents: list[Any], found: list[Attribution],
                       quotes: list[tuple[int, int]]) -> list[Attribution]:
    """A quotation or a post signed with a dash and a name: '“…” ― Jane Doe', '… — Jane Doe
    (@jdoe) May 1, 2016'. The dash is the cue, the name the source, the quotation (or the post's
    line) the content."""
    text = doc_text(doc)
    out = list(found)
    # (the signatures added here never overlap a later match: the matches are disjoint)
    cues = IntervalIndex(a.cue for a in found)
    quote_ending = {q[1]: q for q in reversed(quotes)}
    sentence_of = SentenceIndex(doc)
    for m in _SIGNATURE.finditer(text):
        dash_start, dash_end = m.span(1)
        if next(cues.overlapping(dash_start, m.end(2)), None) is not None:
            continue
        before = _rstripped(text, dash_start)  # len(text[:dash_start].rstrip())
        if not before:
            continue
        content: tuple[int, int] | None = None
        if text[before - 1] in _CLOSING_QUOTES:
            content = quote_ending.get(before)
        elif _HANDLE_NEXT.match(text, m.end(2)):
            newline = line_bounds(doc, dash_start)[0] - 1
            line_start = max(newline, text.rfind(">", newline + 1, dash_start)) + 1
            content = _strip(text, (line_start, dash_start))
        if content is None or content[1] - content[0] < 8:
            continue
        names = doc.char_span(*m.span(2), alignment_mode="expand")
        if names is None or not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")
                                    for t in names):
            continue
        cue_span = doc.char_span(dash_start, dash_end, alignment_mode="expand")
        out.append(Attribution((dash_start, dash_end), "signature", m.group(1), m.span(2), content,
                               sentence_of(dash_start), _direct(content, quotes),
                               source_token=names[-1].i,
                               cue_token=None if cue_span is None else cue_span[0].i, clausal=True))
    return sorted(out, key=lambda a: a.cue[0])
