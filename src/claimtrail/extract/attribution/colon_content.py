"""Words after a colon that closes a cue's clause: 'The Hill's John Solomon reported on Wednesday:
The informant, …', 'The agency said in a statement:' and the paragraph below it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from .._util import IntervalIndex, doc_text, line_bounds, subtree_span
from .model import Attribution
from .spans import _direct, _strip

# no more than this many words between the cue and its colon ('reported on Wednesday:')
_MAX_GAP = 12


def _colon_content(doc: Any, found: list[Attribution],
                   quotes: list[tuple[int, int]]) -> list[Attribution]:
    """A speech verb with no content whose own words end at a colon says what follows the colon:
    the rest of the line, or, when the colon ends its line, the next line that has words. Its
    start must be no other attribution's content (one inside it is nested, as in any content)."""
    text = doc_text(doc)
    taken = IntervalIndex([a.content for a in found if a.content is not None])
    out: list[Attribution | None] = list(found)
    by_cue = {a.cue_token: k for k, a in enumerate(found) if a.cue_token is not None}
    for k, att in enumerate(found):
        if att.content is not None or att.non_answer is not None or att.cue_kind != "verb" \
                or att.cue_token is None:
            continue
        cue = doc[att.cue_token]
        noun = _statement_cue(cue, found, by_cue)
        if noun is not None:  # "said in a statement issued Saturday that…": one attribution
            out[k] = replace(att, content=found[noun].content, direct=found[noun].direct,
                             clausal=True)
            out[noun] = None
            continue
        clause = _clause_in_statement(cue)
        if clause is not None:  # "said in a statement issued Saturday that…"
            out[k] = replace(att, content=_strip(text, subtree_span(clause)), clausal=True)
            continue
        colon = _closing_colon(doc, cue)
        if colon is None:
            continue
        start = colon.idx + 1
        line_end = line_bounds(doc, colon.idx)[1]
        if colon.text == ",":  # unquoted words of the speaker's own: to the sentence's end
            words = _next_word(doc, colon.i)
            assert words is not None
            start, line_end = words.idx, min(line_bounds(doc, words.idx)[1], words.sent.end_char)
        content = _strip(text, (start, line_end))
        if content[1] <= content[0]:  # the colon ends its line: the next line with words
            nxt = line_end + 1
            while nxt < len(text):
                next_start, next_end = line_bounds(doc, nxt)
                content = _strip(text, (next_start, next_end))
                if content[1] > content[0]:
                    break
                nxt = next_end + 1
            else:
                continue
        if content[1] <= content[0] or next(taken.overlapping(content[0], content[0] + 1),
                                            None) is not None:
            continue  # (an attribution inside it is nested; one over its start is another's)
        out[k] = replace(att, content=content, direct=_direct(content, quotes), clausal=True)
    return [a for a in out if a is not None]


def _closing_colon(doc: Any, cue: Any) -> Any:
    """The colon that ends the cue's own words ('reported on Wednesday:'): the first colon after
    the cue, with only the cue's own modifiers (a time, 'in a statement') between them; or a
    comma there before a capitalised function word that opens unquoted speech."""
    end = min(cue.i + _MAX_GAP + 2, len(doc))
    for i in range(cue.i + 1, end):
        token = doc[i]
        if token.text == ":":
            return token
        if token.text == "," and i > cue.i + 1:
            after = _next_word(doc, i)
            if after is not None and _opens_speech(after):
                return token  # "said in a statement Tuesday, The Oakland mayor's decision…"
        if "\n" in token.text or (token.is_sent_start and i > cue.i + 1):
            return None
        if token.dep_ in ("ccomp", "dobj", "xcomp", "nsubj", "nsubjpass") and token.head.i == cue.i:
            return None  # the cue has a content of its own before any colon
        if not any(a.i == cue.i for a in token.ancestors):
            return None
    return None


def _opens_speech(token: Any) -> bool:
    """Whether a word after a comma opens unquoted direct speech: a capitalised function word
    ('The', 'We', 'It', 'This') in mid-sentence, where only a new utterance capitalises it."""
    return token.is_stop and token.text[:1].isupper() and token.text.lower() != "i" \
        and token.pos_ in ("DET", "PRON", "ADV", "SCONJ", "CCONJ", "AUX")


def _next_word(doc: Any, i: int) -> Any:
    """The first token after ``i`` that is not white space (None at the end)."""
    for j in range(i + 1, min(i + 4, len(doc))):
        if not doc[j].is_space:
            return doc[j]
    return None


_STATEMENT_PREPS = frozenset({"in", "through", "via"})


def _statement_nouns(cue: Any) -> Iterator[Any]:
    """The nouns that name where the verb's words were said ('said in a brief statement…')."""
    for prep in cue.children:
        if prep.dep_ == "prep" and prep.lower_ in _STATEMENT_PREPS:
            yield from (noun for noun in prep.children if noun.dep_ == "pobj")


def _statement_cue(cue: Any, found: list[Attribution], by_cue: dict[int, int]) -> int | None:
    """The noun cue, with a content, that names where the verb's words were said ('said in a
    brief statement issued Saturday that…', the clause hung on the noun): its index."""
    for noun in _statement_nouns(cue):
        k = by_cue.get(noun.i)
        if k is not None and found[k].cue_kind == "noun" and found[k].content is not None:
            return k
    return None


def _clause_in_statement(cue: Any) -> Any:
    """'said in a statement issued Saturday that the extradition has been requested': the parser
    hangs the that-clause on the participle after the statement noun; it is what was said."""
    for noun in _statement_nouns(cue):
        for participle in noun.children:
            if participle.dep_ in ("acl", "relcl"):
                for clause in participle.children:
                    if clause.dep_ == "ccomp" and any(
                            g.dep_ == "mark" and g.lower_ == "that" for g in clause.children):
                        return clause
    return None
