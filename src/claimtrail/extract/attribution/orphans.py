"""Quotations no attribution claimed become the content of a nearby cue that has none."""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any

from .._util import IntervalIndex, SentenceIndex, doc_text, subtree_span
from .model import Attribution
from .quote_runs import _end
from .spans import _rstripped, _strip


def _attach_orphan_quotes(doc: Any, sents: list[Any], found: list[Attribution],
                          quotes: list[tuple[int, int]]) -> list[Attribution]:
    """A quotation no attribution claimed, in a sentence next to a cue that has no content,
    becomes that cue's content. One after a colon becomes the content of the colon, whose speaker
    is that of the cue the colon closes ('…, Kall said: “…”'), else the sentence's subject."""
    # (a quotation claimed here overlaps no other quotation: quotations are disjoint)
    claimed = IntervalIndex(a.content for a in found if a.content)
    cues = IntervalIndex(a.cue for a in found)
    colons: set[int] = set()
    starts = [a.cue[0] for a in found]  # in order (found is sorted by cue)
    ending = sorted((_end(a), k) for k, a in enumerate(found))
    out = list(found)
    text = doc_text(doc)
    sentence_of = SentenceIndex(doc)
    for quote in quotes:
        if next(claimed.overlapping(*quote), None) is not None:
            continue
        before = _rstripped(text, quote[0])
        if before and text[before - 1] == ":":
            colon = before - 1
            if colon not in colons and next(cues.containing(colon, colon + 1), None) is None:
                sent_i = sentence_of(colon)
                span = doc.char_span(colon, colon + 1, alignment_mode="expand")
                source, source_token = (None, None) if span is None else _sentence_subject(
                    span[0], sents[sent_i])
                # "…, Kall said: “…”": the speaker of the cue the colon closes
                k = bisect.bisect_right(ending, (colon, len(found))) - 1
                if k >= 0 and not text[ending[k][0]:colon].strip() \
                        and found[ending[k][1]].source is not None \
                        and sentence_of(ending[k][0] - 1) == sent_i:
                    speaker = found[ending[k][1]]
                    source, source_token = speaker.source, speaker.source_token
                out.append(Attribution((colon, colon + 1), "colon", ":", source, quote, sent_i, True,
                                       source_token=source_token, clausal=True))
                colons.add(colon)
                continue
        # the first cue within 400 characters that has no content (those added above have one)
        k = bisect.bisect_right(starts, quote[0] - 400)
        while k < len(starts) and starts[k] < quote[0] + 400:
            att = out[k]
            if att.content is None and att.non_answer is None:
                out[k] = replace(att, content=quote, direct=True, clausal=True)
                break
            k += 1
    return sorted(out, key=lambda a: a.cue[0])


def _sentence_subject(token: Any, sent: Any) -> tuple[tuple[int, int] | None, int | None]:
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i > token.i:
        return None, None
    return _strip(doc_text(token.doc), subtree_span(subject)), subject.i
