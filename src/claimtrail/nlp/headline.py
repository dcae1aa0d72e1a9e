"""Headlines in title case, parsed as the sentence they are.

Many outlets capitalise every word of a headline ("Coroner Defies Court Order: Won't Release Las
Vegas Shooter's Autopsy Report"). The statistical tagger reads a capitalised word as a proper noun,
so such a headline parses as one long name: no verb, no subject, no event, and entities such as
"Coroner Defies Court" (ORG). The headline is where a reader learns an article's main event, so
its parse matters more than any other sentence's.

:func:`sentence_case` writes the headline as a sentence would be written: each capitalised word
that the article's body never writes capitalised in mid-sentence is lowercased ("Defies" →
"defies"), and names keep their capital ("Las Vegas", "Al-Qaeda"), as do acronyms and the first
word. The string keeps its length, so every offset still holds. :func:`reparse_headline` parses
that string with the same pipeline and copies its annotations (tags, lemmas, parse, entities) onto
the headline's tokens in the article's Doc; the text itself is untouched.

A headline also drops the words that tell a verb from a noun: "Clinton attacks Trump over
remarks" parses as the noun "attacks" with a verb "Trump". When a headline sentence opens with a
name or noun phrase followed by a word that can be an event verb (``verbs``) and the parse reads
that word as no verb, :func:`reparse_headline` parses the sentence again with a pronoun in place
of the opening phrase ("It attacks Trump over remarks"), which leaves the model no noun reading,
and keeps that parse when it has the word as a verb with the pronoun as its subject: the opening
phrase takes the pronoun's place in the tree (its last word the subject, the words before it
compounds of that word) and its entities stay as they were.

A headline is read as title case when at least three of its words of four or more letters
(after the first) are capitalised and they are at least three in four of such words. A headline
without a body to compare with is left as it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container
from typing import Any

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_END = re.compile(r"(?:[.!?:;\"”’]\s*|\n\s*)$")
MIN_BODY_WORDS = 50
MIN_TITLE_WORDS = 3
TITLE_SHARE = 0.75
MAX_HEADLINE_CHARS = 400


def is_title_case(headline: str) -> bool:
    """Whether ``headline`` capitalises its words the way titles do (see the module docstring)."""
    words = [m.group() for m in _WORD.finditer(headline)][1:]
    long = [w for w in words if len(w) >= 4 and not w.isupper()]
    capital = sum(w[0].isupper() for w in long)
    return capital >= MIN_TITLE_WORDS and capital >= TITLE_SHARE * len(long)


def _body_cases(body: str) -> tuple[Counter[str], Counter[str]]:
    """How often each word is written capitalised in mid-sentence, and in lower case."""
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for match in _WORD.finditer(body):
        word = match.group()
        if word[0].islower():
            lower[word] += 1
        elif not _SENTENCE_END.search(body[max(0, match.start() - 3):match.start()]) \
                and match.start() > 0:
            upper[word] += 1
    return upper, lower


def sentence_case(headline: str, body: str) -> str | None:
    """``headline`` as a sentence would write it, or None when it is not in title case or there is
    too little body to tell names from words. The result has the same length as ``headline``."""
    if not is_title_case(headline) or len(_WORD.findall(body)) < MIN_BODY_WORDS:
        return None
    upper, lower = _body_cases(body)
    out = list(headline)
    for k, match in enumerate(_WORD.finditer(headline)):
        word = match.group()
        if k == 0 or not word[0].isupper() or (word.isupper() and len(word) > 1):
            continue
        if upper[word] > 0 and upper[word] >= lower[word.lower()]:
            continue  # a name: the body writes it capitalised
        if any(c.isupper() for c in word[1:]):
            continue  # "McCain", "iPhone": mixed case is a name
        out[match.start()] = word[0].lower()
    recased = "".join(out)
    return recased if recased != headline else None


def reparse_headline(doc: Any, nlp: Any, start: int, end: int, body: str,
                     verbs: Container[str] = frozenset(), text: str | None = None) -> Any:
    """``doc`` with the headline at ``[start, end)`` annotated as :func:`sentence_case` writes it
    (unchanged when the headline is not in title case, is not whole sentences of ``doc``, or
    tokenizes differently once recased), then each of its sentences that opens with a phrase
    before an event verb of ``verbs`` parsed as a noun, read with that word as the verb.
    ``text``: the Doc's text, when the caller has it (``Doc.text`` joins every token)."""
    if end - start > MAX_HEADLINE_CHARS:
        return doc  # (no headline is this long; a twin parse stays small)
    text = doc.text if text is None else text
    doc = _recased(doc, nlp, start, end, body, text)
    if verbs:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for sent in _sentences(span):
                _verb_reading(doc, nlp, sent, verbs, text)
    return doc


def _sentences(span: Any) -> list[Any]:
    """The sentences that start in ``span`` (``Span.sents`` walks the whole Doc)."""
    doc = span.doc
    starts = [t.i for t in span if t.is_sent_start or t.i == span.start]
    out = []
    for k, first in enumerate(starts):
        last = starts[k + 1] if k + 1 < len(starts) else span.end
        while last < len(doc) and not doc[last].is_sent_start:
            last += 1  # (the last sentence may run past the span)
        out.append(doc[first:last])
    return out


def _recased(doc: Any, nlp: Any, start: int, end: int, body: str, text: str) -> Any:
    recased = sentence_case(text[start:end], body)
    if recased is None:
        return doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not span[0].is_sent_start:
        return doc
    last = span.end
    while last < len(doc) and doc[last].is_space and not doc[last].is_sent_start:
        last += 1  # the line break after it stays attached as it was
    if any(not (span.start <= t.head.i < last) for t in doc[span.start:last]):
        return doc  # the headline is not its own sentences
    if last < len(doc) and not doc[last].is_sent_start:
        return doc
    twin = nlp(text[span.start_char:start] + recased + text[end:span.end_char])
    if twin.vocab is not doc.vocab or len(twin) != len(span) or any(
            a.idx - span.start_char != b.idx or len(a) != len(b)
            for a, b in zip(span, twin, strict=True)):
        return doc
    return _transplant(doc, span.start, twin)


def _transplant(doc: Any, first: int, twin: Any) -> Any:
    """Copy ``twin``'s annotations onto ``doc``'s tokens from ``first`` on (one shared vocab)."""
    from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

    attrs = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE, ENT_ID]
    whole = doc.to_array(attrs)
    part = twin.to_array(attrs)
    whole[first:first + len(twin)] = part
    iob, label, ent_id = attrs.index(ENT_IOB), attrs.index(ENT_TYPE), attrs.index(ENT_ID)
    k = first + len(twin)
    while k < len(doc) and whole[k, iob] == 1:  # ("I") the rest of a name the old parse began
        whole[k, iob], whole[k, label], whole[k, ent_id] = 2, 0, 0  # ("O")
        k += 1
    doc.from_array(attrs, whole)
    return doc


_MODIFIER = {"DET": "det", "ADJ": "amod", "NUM": "nummod"}
# (the verb reading takes tags, lemmas and the parse; the names stay as they were)
_NOT_FOR_PARSE = ["ner", "claimtrail_gazetteer", "claimtrail_entity_fixes"]
_SUBJECT_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"})


def _verb_candidate(sent: Any, verbs: Container[str]) -> int | None:
    """The index in ``sent`` of the first word after an opening noun phrase that can be an event
    verb but is parsed as none, or None."""
    for k, token in enumerate(sent):
        if k == 0:
            continue
        word = token.lower_
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("compound", "amod"):
            return None  # the sentence has its verb where a verb can be
        stems = (word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else "")
        if token.is_lower and any(s in verbs for s in stems if s):
            return k
        if token.pos_ not in _SUBJECT_POS:
            return None
    return None


def _verb_reading(doc: Any, nlp: Any, sent: Any, verbs: Container[str], text: str) -> None:
    k = _verb_candidate(sent, verbs)
    if k is None:
        return
    verb = sent[k]
    pronoun = "They" if not verb.lower_.endswith("s") else "It"
    twin = nlp(pronoun + " " + text[verb.idx:sent.end_char], disable=_NOT_FOR_PARSE)
    if twin.vocab is not doc.vocab or len(twin) != len(sent) - k + 1:
        return
    if twin[1].pos_ != "VERB" or twin[0].head.i != 1 or twin[0].dep_ != "nsubj":
        return
    if any(t.sent.start != 0 for t in twin):
        return  # the twin is more than one sentence
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    attrs = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
    whole = doc.to_array(attrs)
    part = twin.to_array(attrs)
    first = sent.start + k - 1  # the opening phrase's last word stands where the pronoun stood
    head, dep = attrs.index(HEAD), attrs.index(DEP)
    for j in range(1, len(twin)):
        whole[first + j] = part[j]
    whole[first, head] = part[0, head]
    whole[first, dep] = part[0, dep]
    for j in range(sent.start, first):  # the words before it hang from it, as in a name
        if not sent.start <= doc[j].head.i <= first:
            whole[j, head] = first - j
            whole[j, dep] = doc.vocab.strings[_MODIFIER.get(doc[j].pos_, "compound")]
    doc.from_array(attrs, whole)
