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
    Labels such as 'UPDATE:' or 'Editor's note:' are not sources. A dash closing a headline line
    is read by :func:`_headline_dash`."""
    if token.text in _DASHES:
        return _headline_dash(token, s_i, lex, quotes)
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
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ in _FINITE for t in left):
        return None  # "Coroner Defies Court Order: Won't Release…": a headline's own clause
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


_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})


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


_NAME_TAGS = ("PERSON", "ORG", "NORP", "GPE")


def _headline_dash(dash: Any, s_i: int, lex: AttributionLexicon,
                   quotes: list[tuple[int, int]]) -> Attribution | None:
    """'Strikes will go on — Lavrov', 'Ceasefire holds - defence ministry': a headline line (no
    more than ``headline_max_words`` words, no full stop at its end) closed by a dash and a short
    noun phrase that is a name or ends in a role noun (``headline_dash``). A dash inside a
    sentence ('the road — the only route out — was closed') is no cue: its words do not end the
    line, or they are no source."""
    doc = dash.doc
    text = doc_text(doc)
    line_start, line_end = line_bounds(doc, dash.idx)
    words: list[Any] = []
    i = dash.i + 1
    while i < len(doc) and doc[i].idx < line_end:
        if not doc[i].is_space:
            words.append(doc[i])
            if len(words) > 4:
                return None
        i += 1
    if not words or not _names_source(words, lex):
        return None
    if text[line_start:line_end].rstrip().endswith((".", ":", ",", ";")):
        return None
    count = 0
    i = dash.i - 1
    while i >= 0 and doc[i].idx >= line_start:
        if doc[i].is_alpha:
            count += 1
            if count > lex.headline_max_words:
                return None
        i -= 1
    content = _strip(text, (line_start, dash.idx))
    if count < 2 or content[1] - content[0] < 8 or text[content[1] - 1] in ".,;:(":
        return None
    source = (words[0].idx, words[-1].idx + len(words[-1].text))
    return Attribution((dash.idx, dash.idx + len(dash.text)), "signature", dash.text, source,
                       content, s_i, _direct(content, quotes), source_token=words[-1].i,
                       cue_token=dash.i, clausal=True)


def _names_source(words: list[Any], lex: AttributionLexicon) -> bool:
    """Whether the words after a headline's dash name a source: a name (of a person, an
    organisation, a country or a people), or a noun phrase (adjectives and nouns) ending in a
    role noun ('foreign ministry', 'Kremlin')."""
    last = words[-1]
    if last.pos_ not in ("NOUN", "PROPN") or not last.is_alpha:
        return False
    if " ".join(w.lower_ for w in words) in lex.headline_labels:
        return False
    for word in words[:-1]:
        if word.lower_ in ("'s", "’s"):
            continue
        if not word.is_alpha or word.pos_ not in ("PROPN", "NOUN", "ADJ"):
            return False
    if last.lower_ in lex.headline_roles:
        return True
    return last.text[:1].isupper() and last.ent_type_ in _NAME_TAGS
