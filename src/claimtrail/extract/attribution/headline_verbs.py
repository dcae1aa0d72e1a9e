"""Headline verbs the tagger read as nouns: 'Terrorism experts rebuke Trump proposal',
'French Authorities Blame Attack on Excitement'. Headlines drop articles and auxiliaries and often
capitalise every word, so the small model tags their verb a noun or a name and no verb cue is
found."""

from __future__ import annotations

import bisect
from typing import Any

from .._util import IntervalIndex, doc_text, line_bounds
from .lexicon import AttributionLexicon
from .model import Attribution
from .spans import _direct, _strip

# the parts of speech a headline's subject may have before its verb
_SUBJECT_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"})
_MAX_SUBJECT = 6
_MIN_CONTENT = 2  # words
# a verb the parser hung inside a name ('Harbour workers…', 'Ministry Denies Budget Leak') is
# no verb of the headline
_IN_A_NAME = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})


_FORMS: dict[int, tuple[AttributionLexicon, dict[str, str]]] = {}


def headline_verb_forms(lex: AttributionLexicon) -> dict[str, str]:
    """Present-tense third-person forms of the speech and denial verbs ('rebukes', 'blame',
    'admits', 'denies'), each to its lemma (made once per lexicon)."""
    cached = _FORMS.get(id(lex))
    if cached is not None and cached[0] is lex:
        return cached[1]
    forms: dict[str, str] = {}
    for lemma in (*lex.speech, *lex.deny, *lex.denials):
        if " " in lemma:
            continue
        forms[lemma] = lemma
        if lemma.endswith(("s", "sh", "ch", "x", "z")):
            forms[lemma + "es"] = lemma
        elif lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "i", "o", "u"):
            forms[lemma[:-1] + "ies"] = lemma
        else:
            forms[lemma + "s"] = lemma
    _FORMS[id(lex)] = (lex, forms)
    return forms


def _headline_verb(doc: Any, sents: list[Any], found: list[Attribution],
                   lex: AttributionLexicon, quotes: list[tuple[int, int]]) -> list[Attribution]:
    """The first sentence, when it is a line of its own with no verb and no attribution: a speech
    or denial verb after a short subject is its cue, the words before it the source and the words
    after it the content."""
    if not sents:
        return found
    sent = sents[0]
    text = doc_text(doc)
    words = [t for t in sent if not t.is_space]
    if not words:
        return found
    _, end = line_bounds(doc, sent.start_char)
    if words[-1].idx >= end or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in _IN_A_NAME
                                   for t in words):
        return found  # not a headline line, or the parser found its verb
    forms = headline_verb_forms(lex)
    for k, token in enumerate(words):
        if k == 0 or k > _MAX_SUBJECT:
            continue
        lemma = forms.get(token.lower_)
        if lemma is None or not token.text[:1].isalpha():
            continue
        subject, rest = words[:k], [t for t in words[k + 1:] if not t.is_punct]
        if len(rest) < _MIN_CONTENT or any(
                t.pos_ not in _SUBJECT_POS and t.dep_ not in _IN_A_NAME for t in subject) \
                or not any(t.pos_ in ("PROPN", "NOUN") for t in subject):
            return found
        source = _strip(text, (subject[0].idx, subject[-1].idx + len(subject[-1].text)))
        last = words[-1]
        content = _strip(text, (words[k + 1].idx, min(last.idx + len(last.text), end)))
        if content[1] <= content[0]:
            return found
        mine = [a for a in found if a.sentence == 0 and a.cue_token != token.i]
        if mine:
            return found  # the headline has an attribution of its own
        found = [a for a in found if a.sentence != 0]  # (one on this word, read as a name)
        denied = lemma in lex.deny or lemma in lex.denials
        att = Attribution((token.idx, token.idx + len(token.text)), "verb", lemma, source,
                          content, 0, _direct(content, quotes), source_token=subject[-1].i,
                          cue_token=token.i, clausal=True, denied=denied)
        return sorted([*found, att], key=lambda a: a.cue[0])
    return found


def _verb_after_quotation(doc: Any, sents: list[Any], found: list[Attribution],
                          lex: AttributionLexicon, quotes: list[tuple[int, int]]
                          ) -> list[Attribution]:
    """'“…,” the Saudis state in the paper', with 'the Saudis state' read as one noun phrase: a
    quotation that ends in a comma and belongs to no attribution, followed by a short subject and
    a present-tense speech verb the tagger took for a noun."""
    text = doc_text(doc)
    ending = [(start, end) for start, end in quotes if end - start >= 3 and text[end - 2] == ","]
    if not ending:
        return found
    forms = headline_verb_forms(lex)
    taken = IntervalIndex(a.content for a in found if a.content is not None)
    sent_starts = [sent.start_char for sent in sents]
    added: list[Attribution] = []
    for start, end in ending:
        if next(taken.overlapping(start, end), None) is not None:
            continue
        mark = doc.char_span(end - 1, end, alignment_mode="expand")  # the closing mark
        if mark is None:
            continue
        first = mark.end
        words = [t for t in doc[first:first + _MAX_SUBJECT + 1] if not t.is_space]
        for k, token in enumerate(words):
            if token.is_punct or (token.is_sent_start and k > 0):
                break
            lemma = forms.get(token.lower_)
            if lemma is None or token.pos_ not in ("NOUN", "PROPN") or k == 0:
                continue
            subject = words[:k]
            if any(t.pos_ not in _SUBJECT_POS for t in subject) or \
                    not any(t.pos_ in ("PROPN", "NOUN") for t in subject):
                break
            source = (subject[0].idx, subject[-1].idx + len(subject[-1].text))
            content = _strip(text, (start, end))
            added.append(Attribution(
                (token.idx, token.idx + len(token.text)), "verb", lemma, source, content,
                max(bisect.bisect_right(sent_starts, start) - 1, 0), True,
                source_token=subject[-1].i, cue_token=token.i, clausal=True,
                denied=lemma in lex.deny or lemma in lex.denials))
            break
    if not added:
        return found
    return sorted([*found, *added], key=lambda a: a.cue[0])

