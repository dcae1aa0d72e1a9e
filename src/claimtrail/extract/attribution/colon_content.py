"""Words after a colon that closes a cue's clause: 'The Hill's John Solomon reported on Wednesday:
The informant, …', 'The agency said in a statement:' and the paragraph below it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .._util import IntervalIndex, doc_text, line_bounds
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
    out = list(found)
    for k, att in enumerate(found):
        if att.content is not None or att.non_answer is not None or att.cue_kind != "verb" \
                or att.cue_token is None:
            continue
        cue = doc[att.cue_token]
        colon = _closing_colon(doc, cue)
        if colon is None:
            continue
        start = colon.idx + 1
        line_end = line_bounds(doc, colon.idx)[1]
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
    return out


def _closing_colon(doc: Any, cue: Any) -> Any:
    """The colon that ends the cue's own words ('reported on Wednesday:'): the first colon after
    the cue, with only the cue's own modifiers (a time, 'in a statement') between them."""
    end = min(cue.i + _MAX_GAP + 2, len(doc))
    for i in range(cue.i + 1, end):
        token = doc[i]
        if token.text == ":":
            return token
        if "\n" in token.text or (token.is_sent_start and i > cue.i + 1):
            return None
        if token.dep_ in ("ccomp", "dobj", "xcomp", "nsubj", "nsubjpass") and token.head.i == cue.i:
            return None  # the cue has a content of its own before any colon
        if not any(a.i == cue.i for a in token.ancestors):
            return None
    return None
