"""Quotations no attribution claimed become the content of a nearby cue that has none."""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any

from .._util import IntervalIndex, SentenceIndex, doc_text, subtree_span
from .model import Attribution
from .quote_runs import _BREAK, _CLOSING, _end, _ends_sentence, _inner_end, _opens_sentence
from .spans import _rstripped, _strip

# the last mark inside a quotation that a cue clause after it continues: '“…,” she said'
_CLAUSE_MARKS = ",?!—–-"
# verbs that introduce nothing of their own before a colon ('Here is what she wrote:')
_NO_PREDICATE = frozenset({"be", "have", "do"})
# how far before the colon the verb of its clause may stand to be part of its cue
_PREDICATE_TOKENS = 8


def _attach_orphan_quotes(doc: Any, sents: list[Any], found: list[Attribution],
                          quotes: list[tuple[int, int]]) -> list[Attribution]:
    """A quotation no attribution claimed right before a speech verb's clause is what the verb
    says, rather than the object after it ('“…?” Kale asked reporters'). Else a quotation that is
    a sentence of its own near a cue that has no content becomes that cue's content (a title or a
    scare quote does not). One after a colon that ends
    what a cue says goes on with that cue ('Kall quotes an adviser: “…”'); one after another colon
    becomes the content of the colon (with the verb of its clause: 'She delivered a retort: “…”'),
    whose speaker is that of the cue the colon closes ('…, Kall said: “…”'), else the sentence's
    subject."""
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
        k = _cue_clause_after(doc, text, quote, found, starts)
        if k is not None:  # '“…,” she told Face the Nation': the quotation, not the object
            out[k] = _quoted(doc, text, found[k], quote)
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
                    if _closes_content(speaker, colon):
                        # 'Lee said that on both sides: “…”': the rest of what the cue says
                        out.append(replace(speaker, content=quote, direct=True, clausal=True,
                                           sentence=sentence_of(quote[0])))
                        colons.add(colon)
                        continue
                    source, source_token = speaker.source, speaker.source_token
                cue = (colon, colon + 1) if span is None else _introducing(span[0], colon, cues)
                out.append(Attribution(cue, "colon", ":", source, quote, sent_i, True,
                                       source_token=source_token, clausal=True))
                colons.add(colon)
                continue
        if not (_opens_sentence(text, quote) and _ends_sentence(text, quote)):
            continue  # a title or a scare quote ('“The View”', 'called it “a disgrace”')
        # the first cue within 400 characters that has no content (those added above have one)
        k = bisect.bisect_right(starts, quote[0] - 400)
        while k < len(starts) and starts[k] < quote[0] + 400:
            att = out[k]
            if att.content is None and att.non_answer is None:
                out[k] = replace(att, content=quote, direct=True, clausal=True)
                break
            k += 1
    return sorted(out, key=lambda a: a.cue[0])


def _cue_clause_after(doc: Any, text: str, quote: tuple[int, int], found: list[Attribution],
                      starts: list[int]) -> int | None:
    """The verb attribution whose clause follows ``quote`` right after its comma ('“…,” he told
    Face the Nation', '“…?” asked the senator') and whose content is an object after the verb
    (not a quotation, not a clause): the quotation is what it says. Else None."""
    if text[_inner_end(text, quote)] not in _CLAUSE_MARKS or not _opens_sentence(text, quote):
        return None  # (a title inside a sentence: 'on “Fox and Friends,” he pointed to…')
    k = bisect.bisect_left(starts, quote[1])
    if k >= len(found):
        return None
    att = found[k]
    first = min(att.cue[0], att.source[0]) if att.source is not None else att.cue[0]
    if first < quote[1] or text[quote[1]:first].strip(_BREAK + _CLOSING) \
            or att.cue_kind != "verb" or att.content is None or att.direct \
            or att.content[0] < att.cue[1] or att.non_answer is not None:
        return None
    content = doc.char_span(*att.content, alignment_mode="expand")
    return None if content is None or content.root.pos_ in ("VERB", "AUX") else k


def _quoted(doc: Any, text: str, att: Attribution, quote: tuple[int, int]) -> Attribution:
    """``att`` with ``quote`` as its content. With no source, an object right after the verb is
    the speaker the parser took for an object ('“…,” added a New Hampshire Democrat')."""
    source, source_token, old = att.source, att.source_token, att.content
    obj = None if old is None else doc.char_span(*old, alignment_mode="expand")
    if source is None and obj is not None and old is not None and att.cue_token is not None \
            and obj.root.head.i == att.cue_token and obj.root.dep_ in ("dobj", "attr", "nsubj") \
            and not text[att.cue[1]:old[0]].strip():
        source, source_token = old, obj.root.i
    return replace(att, content=quote, direct=True, clausal=True, source=source,
                   source_token=source_token)


def _introducing(token: Any, colon: int, cues: IntervalIndex) -> tuple[int, int]:
    """The cue of a quotation after the colon at ``colon`` (in ``token``): the colon, with the
    verb of the clause it ends when that verb is near and no cue already ('As the senator put it:',
    'She delivered a retort:'); a clause of 'be' or 'have' ('Here is the letter:') is the colon's."""
    verb = token.head
    if token.text != ":" or verb.i >= token.i or token.dep_ != "punct" or verb.pos_ != "VERB" \
            or verb.lemma_.lower() in _NO_PREDICATE or token.i - verb.i > _PREDICATE_TOKENS \
            or next(cues.overlapping(verb.idx, colon + 1), None) is not None:
        return colon, colon + 1
    return verb.idx, colon + 1


def _closes_content(att: Attribution, colon: int) -> bool:
    """Whether the colon at ``colon`` ends the content of ``att`` (a cue of speech or thought
    before it): what follows the colon goes on with what the cue says."""
    return att.content is not None and att.cue[1] <= att.content[0] and att.content[1] <= colon \
        and att.non_answer is None and not att.denied


def _sentence_subject(token: Any, sent: Any) -> tuple[tuple[int, int] | None, int | None]:
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i > token.i:
        return None, None
    return _strip(doc_text(token.doc), subtree_span(subject)), subject.i
