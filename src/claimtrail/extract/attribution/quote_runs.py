"""Quotations that run on: the sentences and paragraphs of a quotation after the one its cue
introduces are the same speaker's.

News quotes a speaker in runs: '“We will not be intimidated,” the minister said. “Every strike
will be answered. Our patience has limits.”' The second quotation has no cue of its own; it
continues the attribution right before it. So does the second half of a quotation broken by its
cue ('“Every strike,” she said, “will be answered.”'), a quotation after a continuation cue ('she
continued:', '…, he went on') and a quotation after a colon that ends a sentence naming its
speaker ('The president ended his speech with a warning:').

A run continues only what is next to it: a quotation that is a sentence (or more) of its own,
starting in the sentence right after the attribution (or right after its cue clause), with no
other quotation and no other cue in between. A quotation inside the author's sentence (a scare
quote) continues nothing, and a cue in between (someone else quoted, or the same speaker quoted
anew) starts its own run."""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any

from .._util import IntervalIndex, SentenceIndex, doc_text, subtree_span, with_lemma
from .lexicon import AttributionLexicon
from .model import Attribution
from .spans import _rstripped, _strip
from .subjects import _source
from .verbs import _cue_span

# what may stand between a cue clause and the rest of the quotation it broke: "…,” she said, “…"
# (a quotation after a colon is the colon's: see orphans)
_BREAK = " \t\u00a0,;—–-"  # (a no-break space too, as some sites type after a mark)
_SENTENCE_END = ".!?…"
_SPACES = " \t\u00a0"
_CLOSING = "\"”’'»“"
# the words other than its source that may stand between a quotation and the cue of the clause
# right after it ('“…” Lee later said')
_CLAUSE_WORDS = 2
# a continuation cue's arguments other than a quotation: 'continued to fight', 'went on television'
_NOT_SPEECH = ("dobj", "xcomp", "ccomp", "prep", "attr", "acomp", "oprd", "agent", "nsubjpass",
               "auxpass", "advcl", "pobj")


def _attach_continuation_cues(doc: Any, found: list[Attribution], quotes: list[tuple[int, int]],
                              lex: AttributionLexicon) -> list[Attribution]:
    """'she continued: “…”', '“…,” he went on': a continuation verb (``continuation_cues`` in
    attribution.json) whose only argument besides its subject is a quotation no attribution
    claimed, right before its clause or right after it, is a speech cue for that quotation."""
    if not lex.continuation or not quotes:
        return found
    heads = {phrase.split()[0] for phrase in lex.continuation}
    verbs = [(t, phrase) for t in (doc[i] for i in with_lemma(doc, heads))
             if (phrase := _continuation(t, lex)) is not None]
    if not verbs:  # most articles: nothing to look at, no index to build
        return found
    text = doc_text(doc)
    claimed = IntervalIndex(a.content for a in found if a.content)
    cues = IntervalIndex(a.cue for a in found)
    ends = [q[1] for q in quotes]
    sentence_of = SentenceIndex(doc)
    out = list(found)
    by_token = {a.cue_token: k for k, a in enumerate(found) if a.cue_kind == "verb"}
    taken: set[tuple[int, int]] = set()
    for token, phrase in verbs:
        k = by_token.get(token.i)
        if k is not None:  # the cue model took "went" of '“…,” she went on' for a cue
            if out[k].direct:
                out[k] = replace(out[k], cue_lemma=phrase)
            continue
        if next(cues.overlapping(token.idx, token.idx + 1), None) is not None:
            continue
        quote = _quote_next_to(token, text, quotes, ends)
        if quote is None or quote in taken or next(claimed.overlapping(*quote), None) is not None:
            continue
        if any(c.dep_ in _NOT_SPEECH and not quote[0] <= c.idx < quote[1] for c in token.children):
            continue
        source, source_token = _source(token, lex, quote)
        if source is None:
            continue
        taken.add(quote)
        out.append(Attribution(_cue_span(token), "verb", phrase, source, quote,
                               sentence_of(token.idx), True, source_token=source_token,
                               cue_token=token.i, clausal=True))
    return sorted(out, key=lambda a: a.cue[0])


def _continuation(token: Any, lex: AttributionLexicon) -> str | None:
    """The continuation cue ('continue', 'go on') ``token`` is the verb of, or None."""
    if token.pos_ not in ("VERB", "AUX"):
        return None
    lemma: str = token.lemma_.lower()
    if lemma in lex.continuation:
        return lemma
    for child in token.children:
        phrase = f"{lemma} {child.lower_}"
        if child.dep_ == "prt" and phrase in lex.continuation:
            return phrase
    return None


def _quote_next_to(token: Any, text: str, quotes: list[tuple[int, int]], ends: list[int]
                   ) -> tuple[int, int] | None:
    """The quotation that ends right before the clause of ``token`` ('“…,” she went on') or begins
    right after it ('she continued: “…”'): only its subject, particles and marks between."""
    doc = token.doc
    first = last = token.i
    for child in token.children:  # the subject and auxiliaries before the verb; "went on",
        if child.is_punct:        # "continued calmly", "continued the minister" after it
            continue
        if child.i < token.i:
            first = min(first, child.left_edge.i)
        elif child.dep_ in ("prt", "advmod", "nsubj"):
            last = max(last, child.right_edge.i)
    k = bisect.bisect_right(ends, doc[first].idx) - 1
    if k >= 0 and not text[quotes[k][1]:doc[first].idx].strip(_BREAK + ":\n"):
        return quotes[k]
    after = doc[last].idx + len(doc[last].text)
    k = bisect.bisect_left(ends, after + 1)
    if k < len(quotes) and quotes[k][0] >= after \
            and not text[after:quotes[k][0]].strip(_BREAK + ":\n"):
        return quotes[k]
    return None


def _colon_sources(doc: Any, sents: list[Any], found: list[Attribution]) -> list[Attribution]:
    """'The president ended his speech with a warning: “…”': a report noun with no source of its
    own, whose sentence ends in the colon that introduces its quotation, takes the sentence's
    subject as its source (a person or a thing named, not 'it' or 'this')."""
    text = doc_text(doc)
    out = list(found)
    for k, att in enumerate(found):
        if att.cue_kind != "noun" or att.source is not None or att.content is None \
                or att.impersonal or att.non_answer or att.cue_token is None:
            continue
        colon = _rstripped(text, att.content[0]) - 1
        if colon < att.cue[1] or text[colon] != ":" or not att.direct:
            continue
        cue = doc[att.cue_token]
        sent = sents[att.sentence]
        if not sent.start_char <= colon < sent.end_char or cue.sent.start != sent.start:
            continue
        subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i > cue.i or not _names_someone(subject):
            continue
        span = _strip(text, subtree_span(subject))
        if span[0] <= att.cue[0] < span[1]:
            continue  # "A warning came from the ministry:" names no speaker before the noun
        out[k] = replace(att, source=span, source_token=subject.i)
    return out


def _names_someone(token: Any) -> bool:
    if token.pos_ in ("PROPN", "NOUN"):
        return True
    return (token.pos_ == "PRON" and token.dep_ != "expl" and "Prs" in token.morph.get("PronType")
            and "Neut" not in token.morph.get("Gender"))


def _continue_quotes(doc: Any, found: list[Attribution], quotes: list[tuple[int, int]],
                     lex: AttributionLexicon) -> list[Attribution]:
    """Each quotation no attribution claimed that continues the attribution right before it (see
    the module) becomes an attribution of its own: same cue and source, the quotation as content.
    One walk over the quotations and the attributions ordered by where they end."""
    if not quotes or not found:
        return found
    text = doc_text(doc)
    sentence_of = SentenceIndex(doc)
    holders = [k for k, a in enumerate(found) if a.content]
    claimed = IntervalIndex(c for k in holders if (c := found[k].content))
    cue_starts = sorted(a.cue[0] for a in found)
    begins = sorted((_start(a), k) for k, a in enumerate(found))
    order = sorted(range(len(found)), key=lambda k: _end(found[k]))
    out = list(found)
    dropped: set[int] = set()  # the attributions whose quotation a run took back
    p = 0
    last: Attribution | None = None  # the attribution that ends last before the quotation
    direct: Attribution | None = None  # the last one with a quotation, in last's sentence
    previous_quote = (-1, -1)
    for quote in quotes:
        while p < len(order) and _end(found[order[p]]) <= quote[0]:
            att = found[order[p]]
            if last is None or sentence_of(_end(last) - 1) != sentence_of(_end(att) - 1):
                direct = None
            last = att
            if att.direct and _heads_run(att, lex):
                direct = att
            p += 1
        seen_quote, previous_quote = previous_quote, quote
        takers = [holders[j] for j in claimed.overlapping(*quote)]
        if takers and not all(_loose_claim(text, quote, found[k]) for k in takers):
            continue
        head = None if last is None else _run_head(text, quote, last, direct, seen_quote,
                                                   cue_starts, sentence_of, lex)
        if takers:  # a cue further on took the quotation the run goes on with
            if head is None:
                continue
            dropped.update(takers)
        if head is None:
            # '“Every strike,” she said, “will be answered.”' when the cue took the second half
            k = bisect.bisect_left(begins, (quote[1], -1))
            after = found[begins[k][1]] if k < len(begins) else None
            if after is None or not after.direct or after.content is None \
                    or after.content[0] < after.cue[1] or not _heads_run(after, lex) \
                    or not _broken_by(text, _inner_end(text, quote), _start(after), sentence_of):
                continue
            head = after
        run = replace(head, content=quote, sentence=sentence_of(quote[0]), direct=True,
                      clausal=True, denied=False, parenthetical=False)
        out.append(run)
        last = direct = run
    for k in dropped:  # (the cue stays a cue: 'Lee also compared the two')
        out[k] = replace(out[k], content=None, direct=False)
    return sorted(out, key=lambda a: a.cue[0])


def _loose_claim(text: str, quote: tuple[int, int], att: Attribution) -> bool:
    """Whether ``att`` holds ``quote`` only loosely: the quotation, a sentence of its own, is its
    whole content, and its cue comes after it but not in the clause right after it: in a later
    paragraph ('“…,” Lee said. “…” ¶ Lee also compared the two'), or further on in the sentence
    after it. A run before the quotation has the better claim to it."""
    if att.content != quote or att.cue[0] < quote[1] or not _ends_sentence(text, quote):
        return False
    gap = text[quote[1]:att.cue[0]]
    if "\n" in gap:
        return True
    if att.source is not None and quote[1] <= att.source[0] and att.source[1] <= att.cue[0]:
        gap = text[quote[1]:att.source[0]] + " " + text[att.source[1]:att.cue[0]]
    return len(gap.split()) > _CLAUSE_WORDS


def _run_head(text: str, quote: tuple[int, int], last: Attribution, direct: Attribution | None,
              seen_quote: tuple[int, int], cue_starts: list[int], sentence_of: SentenceIndex,
              lex: AttributionLexicon) -> Attribution | None:
    """The attribution ``quote`` continues, given the one that ends last before it (and the last
    one with a quotation in that sentence), or None."""
    head = last if last.direct or direct is None else direct
    end = reach = _end(last)
    if seen_quote[1] > end:  # another quotation in between: only a title in the cue's clause
        if not _in_clause(text, seen_quote, end, sentence_of):  # ('told NBC's “Today”') lets
            return None                                          # the run go on after it
        reach = seen_quote[1]
    if not _heads_run(head, lex) or \
            bisect.bisect_left(cue_starts, end) != bisect.bisect_left(cue_starts, quote[0]):
        return None  # another cue in between
    if head.direct and reach == end and _broken_by(text, end, quote[0], sentence_of):
        return head  # '“Every strike,” she said, “will be answered.”'
    if sentence_of(quote[0]) - sentence_of(reach - 1) <= 1 and _opens_sentence(text, quote) \
            and _ends_sentence(text, quote):
        return head
    return None


def _in_clause(text: str, quote: tuple[int, int], end: int, sentence_of: SentenceIndex) -> bool:
    """Whether ``quote``, after an attribution that ends at ``end``, is a name or a phrase inside
    the sentence of that attribution's cue clause ('“…,” he told NBC's “Today” on Monday.'): it
    opens no sentence and nothing ends a sentence between."""
    gap = text[end:quote[0]]
    return quote[0] >= end and not any(stop in gap for stop in _SENTENCE_END + "\n") \
        and sentence_of(quote[0]) == sentence_of(end - 1) and not _opens_sentence(text, quote)


def _broken_by(text: str, start: int, end: int, sentence_of: SentenceIndex) -> bool:
    """Whether ``text[start:end]`` is only the marks that set a cue clause off a quotation it
    breaks, within one sentence."""
    gap = text[start:end]
    return not gap.strip(_BREAK + _CLOSING) and any(mark in gap for mark in _BREAK.strip()) \
        and start > 0 and sentence_of(start - 1) == sentence_of(end)


def _inner_end(text: str, quote: tuple[int, int]) -> int:
    """The index of the last character of ``quote`` before its closing marks."""
    inner = quote[1] - 1
    while inner > quote[0] and text[inner] in _CLOSING:
        inner -= 1
    return inner


def _start(att: Attribution) -> int:
    return min(att.cue[0], att.source[0] if att.source else att.cue[0])


def _end(att: Attribution) -> int:
    return max(att.cue[1], att.content[1] if att.content else 0, att.source[1] if att.source else 0)


def _heads_run(att: Attribution, lex: AttributionLexicon) -> bool:
    """Whether what follows ``att`` may continue it: someone's statement with a content, a
    quotation or a speech verb's."""
    if att.source is None or att.content is None or att.non_answer or att.parenthetical \
            or att.impersonal:
        return False
    return att.direct or (att.cue_kind == "verb" and att.cue_lemma in lex.speech)


def _opens_sentence(text: str, quote: tuple[int, int]) -> bool:
    """The quotation begins its sentence: after a full stop, a closed quotation or a paragraph
    break (not after a colon: that quotation is the colon's)."""
    before = _rstripped(text, quote[0])
    if before == 0:
        return True
    mark = text[before - 1]
    if mark == ":":
        return False
    if "\n" in text[before:quote[0]]:
        return True
    if mark in _CLOSING and before > 1:
        mark = text[before - 2]
    return mark in _SENTENCE_END


def _ends_sentence(text: str, quote: tuple[int, int]) -> bool:
    """The quotation ends its sentence: a full stop inside or right after its closing mark, and no
    lower-case word after it ('“…,” she said' is a cue's, not the end of a sentence)."""
    inner = _inner_end(text, quote)
    after = quote[1]
    while after < len(text) and text[after] in _SPACES:
        after += 1
    stop = text[inner] in _SENTENCE_END
    if after < len(text) and text[after] in _SENTENCE_END:
        stop = True
        after += 1
        while after < len(text) and text[after] in _SPACES:
            after += 1
    return stop and not (after < len(text) and text[after].islower())

