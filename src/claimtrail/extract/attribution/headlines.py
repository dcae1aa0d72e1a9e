"""Headline colons: 'Lynch: No outside influence on FBI probe'."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._util import doc_text, line_bounds
from .lexicon import AttributionLexicon
from .model import Attribution
from .spans import _DASHES, _direct, _strip


def _headline_colon(token: Any, s_i: int, lex: AttributionLexicon,
                    quotes: list[tuple[int, int]]) -> Attribution | None:
    """'Lynch: No outside influence on FBI probe', 'TAPPER: And obviously…', 'POLLS WRONG - Jane Roe:
    “…”' — a short capitalised name opening the line (or following a dash), a colon, the words.
    Labels such as 'UPDATE:' or 'Editor's note:' are not sources."""
    if token.text != ":":
        return None
    doc = token.doc
    text = doc_text(doc)
    line_start, line_end = line_bounds(doc, token.idx)
    if line_start >= token.idx:
        return None
    left = _words_before_colon(token, line_start, lex.headline_fillers)
    if not left or len(left) > 5 or not left[0].text[:1].isupper():
        return None
    words = " ".join(text[left[0].idx:left[-1].idx + len(left[-1].text)].lower().split())
    if words in lex.headline_labels or (len(left) == 1 and left[0].is_stop
                                        and words not in lex.headline_sources):
        return None
    named = any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.pos_ == "PROPN" for t in left)
    lowercase_ok = ("ADP", "CCONJ", "DET", "NOUN") if named else ("ADP", "CCONJ", "DET")
    if any(t.is_alpha and not t.text[:1].isupper() and t.pos_ not in lowercase_ok
           for t in left) or not any(t.is_alpha for t in left):
        return None
    content = _strip(text, (token.idx + 1, line_end))
    if content[1] - content[0] < 8:
        return None
    source = (left[0].idx, left[-1].idx + len(left[-1].text))
    return Attribution((token.idx, token.idx + 1), "colon", ":", source, content, s_i,
                       _direct(content, quotes), source_token=left[-1].i, cue_token=token.i,
                       clausal=True)


def _words_before_colon(colon: Any, line_start: int, fillers: frozenset[str]) -> list[Any] | None:
    """The words between the line's start (or its last dash that is not the line's first word)
    and the colon, less quotation marks and a leading "more"/"from"; None when they are certainly
    more than five. Read back from the colon, so that a long line with many colons costs no more
    than a few words per colon."""
    doc = colon.doc
    back: list[Any] = []  # the words, nearest the colon first
    i = colon.i - 1
    while i >= 0 and doc[i].idx + len(doc[i].text) > line_start:
        word = doc[i]
        i -= 1
        if word.is_space or word.text in ('"', "“", "'", "‘"):
            continue
        if word.text in _DASHES:
            # a dash after the line's first word cuts the words there; the line's first word
            # being a dash leaves a dash as the first word, which is no name
            first = not any(not w.is_space and w.text not in ('"', "“", "'", "‘")
                            for w in _tokens_from(doc, i, line_start))
            return None if first else _drop_fillers(back[::-1], fillers)
        back.append(word)
        if len(back) > 5 and word.lower_ not in fillers:
            return None  # (only a run of "more"/"from" before the last five words could go)
    return _drop_fillers(back[::-1], fillers)


def _tokens_from(doc: Any, i: int, line_start: int) -> Iterator[Any]:
    """The tokens from ``i`` back to the start of the line."""
    while i >= 0 and doc[i].idx + len(doc[i].text) > line_start:
        yield doc[i]
        i -= 1


def _drop_fillers(words: list[Any], fillers: frozenset[str]) -> list[Any]:
    k = 0
    while k < len(words) and words[k].lower_ in fillers:
        k += 1
    return words[k:]
