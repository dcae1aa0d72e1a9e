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
    takes that verb's source."""
    text = doc_text(doc)
    out = list(found)
    contents = _content_index(found)
    for k, att in enumerate(found):
        if att.cue_kind != "verb" or att.cue_token is None:
            continue
        token = doc[att.cue_token]
        if token.tag_ != "VBG" or token.lemma_.lower() not in lex.speech or token.i == 0 \
                or doc[token.i - 1].text != "," or any(c.dep_ in _SUBJECT_DEPS for c in token.children):
            continue
        j = _host(out, k, ("verb",), contents, with_source=True)
        if j is None:
            continue
        host = out[j]
        assert host.content is not None
        comma = doc[token.i - 1].idx
        if comma <= host.content[0]:
            continue
        out[j] = replace(host, content=_strip(text, (host.content[0], comma)))
        out[k] = replace(out[k], source=host.source, source_token=host.source_token)
    return out
