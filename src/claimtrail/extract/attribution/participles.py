"""Trailing speech participles ('…, saying…') close the content before them and share its source."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .._util import doc_text
from .hosts import _content_index, _host
from .lexicon import AttributionLexicon
from .model import Attribution
from .spans import _strip
from .subjects import _SUBJECT_DEPS


def _lift_trailing_participles(doc: Any, found: list[Attribution],
                               lex: AttributionLexicon) -> list[Attribution]:
    """'Trump argued that a database would help, saying it's “all about management.”': the parser
    hangs "saying" on the reported clause, but the speaker of both is Trump. A speech participle
    after a comma, with no subject of its own, closes the content of the speech verb before it and
    takes that verb's source. A quotation may close between the comma and the participle
    ('insisted that he has “expanded the party,” claiming that…'): it stays in the content."""
    text = doc_text(doc)
    out = list(found)
    contents = _content_index(found)
    for k, att in enumerate(found):
        if att.cue_kind != "verb" or att.cue_token is None:
            continue
        token = doc[att.cue_token]
        if token.tag_ != "VBG" or token.lemma_.lower() not in lex.speech or token.i == 0 \
                or any(c.dep_ in _SUBJECT_DEPS for c in token.children):
            continue
        comma = _comma_before(doc, token.i)
        if comma is None:
            continue
        j = _host(out, k, ("verb",), contents, with_source=True)
        if j is None:
            continue
        host = out[j]
        assert host.content is not None
        if comma <= host.content[0]:
            continue
        out[j] = replace(host, content=_strip(text, (host.content[0], comma)))
        out[k] = replace(out[k], source=host.source, source_token=host.source_token)
    return out


_CLOSING_QUOTES = frozenset({"\"", "\u201d", "\u2019", "''", "\u00bb"})


def _comma_before(doc: Any, i: int) -> int | None:
    """Where the content before the participle at ``i`` ends: at the comma just before it, or
    after the closing quotation marks that follow such a comma ('…the party,” claiming…');
    None when no comma comes first."""
    before = i - 1
    while before > 0 and doc[before].text in _CLOSING_QUOTES:
        before -= 1
    if doc[before].text != ",":
        return None
    if before == i - 1:
        return int(doc[before].idx)
    return int(doc[i - 1].idx + len(doc[i - 1].text))
