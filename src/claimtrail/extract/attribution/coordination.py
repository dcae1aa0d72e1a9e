"""Coordinated cues ('said that… and insisted that…') close the content of the first."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .._util import doc_text
from .hosts import _content_index, _host
from .lexicon import AttributionLexicon
from .model import Attribution
from .spans import _strip
from .subjects import _SUBJECT_DEPS


def _split_coordinated_cues(doc: Any, found: list[Attribution],
                            lex: AttributionLexicon) -> list[Attribution]:
    """'Rivera said that he will try to form a government and insisted that his party was first':
    the parser often hangs the second speech verb on the first one's reported clause, so that
    clause swallows a second attribution. A cue verb joined by "and"/"but" (or "while X said")
    inside another verb cue's content closes that content; with no subject of its own it shares
    the first verb's source."""
    text = doc_text(doc)
    out = list(found)
    contents = _content_index(found)
    for k, att in enumerate(found):
        if att.cue_kind not in ("verb", "non_answer") or att.cue_token is None:
            continue
        token = doc[att.cue_token]
        contrast = token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in lex.contrast_marks for c in token.children)
        if token.dep_ != "conj" and not contrast:
            continue
        j = _host(out, k, ("verb", "non_answer"), contents)
        if j is None:
            continue
        host = out[j]
        assert host.content is not None
        first = token.left_edge.i
        while first > 0 and doc[first - 1].lower_ in lex.joiners:
            first -= 1
        cut = doc[first].idx
        if cut <= host.content[0] or host.content[1] < att.cue[1]:
            continue
        out[j] = replace(host, content=_strip(text, (host.content[0], cut)))
        own_subject = any(c.dep_ in _SUBJECT_DEPS for c in token.children)
        if not own_subject and host.source is not None:
            out[k] = replace(out[k], source=host.source, source_token=host.source_token, via=host.via)
    return out
