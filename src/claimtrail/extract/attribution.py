"""Attribution: who (source) says (cue) what (content), as character spans over a parsed Doc.

Cues are reporting and belief verbs (a hand-written list plus lemmas learned from an annotated
corpus, see ``claimtrail train attribution``), "according to", report adverbs ("reportedly"),
report nouns with a that-clause ("the claim that…") and non-answers ("declined to comment").
Contents are complement clauses, objects, or the direct quotation next to the cue; sources are
subjects, passive agents, "according to" objects, or the subject of the verb a participle hangs on
("…, adding that…").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from ._util import IntervalIndex, SentenceIndex, doc_text, line_bounds, subtree_span
from .cue_model import CueModel, cue_features
from .quotes import find_quotes, quotes_overlapping

_CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_LEFT_CUE_DEPS = ("aux", "auxpass", "neg")
_PARTICIPLE_DEPS = ("advcl", "conj", "xcomp", "dep", "parataxis")
_DASHES = frozenset({"-", "--", "–", "—", "―"})
_CLOSING_QUOTES = "\"”’'»"
# '― Jane Doe' / '— Jane Doe (@jdoe) May 1, 2016' under a quotation or a post
_SIGNATURE = re.compile(r"(―|—|–|--?)[ \t\u00a0]*([A-Z][\w'’.\-]*(?:[ \t\u00a0]+[A-Z][\w'’.\-]*){0,4})"
                        r"[ \t\u00a0]*(?=\(@|,|\.?[ \t\u00a0]*(?:\n|$))")


@dataclass(frozen=True, slots=True)
class AttributionLexicon:
    learned_precision: dict[str, float]
    candidates: frozenset[str]
    speech: frozenset[str]
    belief: frozenset[str]
    non_answer_verbs: frozenset[str]
    non_answer_objects: frozenset[str]
    negated_confirm: frozenset[str]
    negated_answer: frozenset[str]
    deny: frozenset[str]
    noun_cues: frozenset[str]
    report_adverbs: dict[str, str]
    social_media: frozenset[str]
    social_verbs: frozenset[str]
    experiencer: frozenset[str] = frozenset()
    headline_sources: frozenset[str] = frozenset()
    headline_labels: frozenset[str] = frozenset()
    in_sources: frozenset[str] = frozenset()
    subject_is_content: frozenset[str] = frozenset()
    receiving_verbs: frozenset[str] = frozenset()

    @classmethod
    def from_dicts(cls, curated: dict[str, Any], learned: dict[str, Any]) -> AttributionLexicon:
        rule = curated["learned_cues"]
        candidates: set[str] = set()
        precision: dict[str, float] = {}
        for key, (hits, seen) in learned["counts"].items():
            lemma, pos = key.split("|")
            if pos == "VERB":
                precision[lemma] = hits / seen
            verbal = pos in ("VERB", "ADJ") and hits >= rule["min_candidate_count"]
            nominal = (pos == "NOUN" and hits >= rule["min_noun_count"]
                       and hits / seen >= rule["min_noun_precision"])
            if verbal or nominal:
                candidates.add(key)
        return cls(
            learned_precision=precision, candidates=frozenset(candidates),
            speech=frozenset(curated["speech_verbs"]), belief=frozenset(curated["belief_verbs"]),
            non_answer_verbs=frozenset(curated["non_answer"]["verbs"]),
            non_answer_objects=frozenset(curated["non_answer"]["objects"]),
            negated_confirm=frozenset(curated["negated_confirm"]),
            negated_answer=frozenset(curated["negated_answer"]),
            deny=frozenset(curated["deny_verbs"]), noun_cues=frozenset(curated["noun_cues"]),
            report_adverbs=dict(curated["report_adverbs"]),
            social_media=frozenset(curated["social_media"]),
            social_verbs=frozenset(curated["social_verbs"]),
            experiencer=frozenset(curated["experiencer_verbs"]),
            headline_sources=frozenset(curated["headline_sources"]),
            headline_labels=frozenset(curated["headline_labels"]),
            in_sources=frozenset(curated["source_phrases"]["in"]),
            subject_is_content=frozenset(curated["subject_is_content"]["lemmas"]),
            receiving_verbs=frozenset(curated["receiving_verbs"]["lemmas"]),
        )


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution. Spans are (start_char, end_char); ``source`` None means unattributed
    ("it was reported", "reportedly")."""

    cue: tuple[int, int]
    cue_kind: str
    cue_lemma: str
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    sentence: int
    direct: bool
    via: tuple[int, int] | None = None
    channel: str | None = None
    non_answer: str | None = None
    denied: bool = False
    source_token: int | None = None
    cue_token: int | None = None
    clausal: bool = False
    hedge: str | None = None
    parenthetical: bool = False
    impersonal: bool = False


def extract_attributions(doc: Any, lex: AttributionLexicon, model: CueModel) -> list[Attribution]:
    """All attributions in ``doc``, in text order; the cue model decides which candidate words
    are cues."""
    text = doc_text(doc)
    quotes = find_quotes(text)
    quote_of = _quote_index(len(text), quotes)
    sents = list(doc.sents)
    found: list[Attribution] = []
    used: set[int] = set()
    for s_i, sent in enumerate(sents):
        for token in sent:
            if token.i in used or quote_of[token.idx] >= 0:
                continue
            att = (_according_to(token, sent, s_i, quotes)
                   or _source_phrase(token, s_i, lex, quotes)
                   or _headline_colon(token, s_i, lex, quotes)
                   or _report_adverb(token, s_i, lex, quotes)
                   or _verb_cue(token, sent, s_i, lex, quotes, model)
                   or _noun_cue(token, sent, s_i, lex, quotes, model))
            if att is None:
                continue
            used.update(t.i for t in doc.char_span(*att.cue, alignment_mode="expand") or [])
            if att.non_answer and att.cue_token is not None:  # "refused to say": one non-answer
                used.update(c.i for c in doc[att.cue_token].children if c.dep_ == "xcomp")
            found.append(att)
    found = _attach_signatures(doc, sents, found, quotes)
    found = _merge_report_adverbs(doc, found)
    found = _attach_citing(doc, found)
    found = _lift_trailing_participles(doc, found, lex)
    found = _split_coordinated_cues(doc, found)
    return _attach_orphan_quotes(doc, sents, found, quotes)


def outermost(attributions: list[Attribution]) -> list[Attribution]:
    """PolNeAR is univocal (a token belongs to one attribution at most), so an attribution whose
    cue lies inside another's content is not annotated there; score the outer ones."""
    def inside(span: tuple[int, int], content: tuple[int, int] | None) -> bool:
        return content is not None and content[0] <= span[0] and span[1] <= content[1]

    def length(content: tuple[int, int] | None) -> int:
        return content[1] - content[0] if content else 0

    # Two attributions can hold each other's cue when the parse is loose ("X told aides that…,
    # according to Y"): the one with the longer content is the outer one. (Only the attributions
    # whose content holds a's cue are looked at, found through an index of the contents.)
    with_content = [b for b in attributions if b.content is not None]
    contents = IntervalIndex(b.content for b in with_content if b.content is not None)
    return [a for a in attributions
            if not any(b.content != a.content
                       and not (inside(b.cue, a.content) and length(a.content) > length(b.content))
                       for b in (with_content[k] for k in contents.containing(*a.cue)))]


# ----------------------------------------------------------------------------- cue kinds

def _according_to(token: Any, sent: Any, s_i: int,
                  quotes: list[tuple[int, int]]) -> Attribution | None:
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    to = token.doc[token.i + 1]
    if to.lower_ != "to":
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = subtree_span(objects[0])
    phrase_start = token.idx
    phrase_end = source[1]
    if phrase_start - sent.start_char > sent.end_char - phrase_end:
        content = (sent.start_char, phrase_start)
    else:
        content = (phrase_end, sent.end_char)
    content = _strip(doc_text(token.doc), content)
    return Attribution((token.idx, to.idx + len(to.text)), "according_to", "according to", source,
                       content, s_i, _direct(content, quotes), source_token=objects[0].i,
                       cue_token=token.i, clausal=True)


def _source_phrase(token: Any, s_i: int, lex: AttributionLexicon,
                   quotes: list[tuple[int, int]]) -> Attribution | None:
    """'In an NBC poll released Monday, 50 percent chose Clinton', 'Clinton led in the same poll':
    "in" is the cue, the poll the source, and the clause it modifies the content. A clause whose
    verb is itself a speech or belief verb ('said in an interview') is left to that verb, and polls
    in general ('rising in the polls') name no source."""
    if token.dep_ != "prep" or token.lower_ != "in":
        return None
    head = token.head
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in lex.speech \
            or head.lemma_.lower() in lex.belief:
        return None
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    if obj.lemma_.lower() not in lex.in_sources or obj.tag_ != "NN":
        return None
    doc = token.doc
    after = max(t.i for t in obj.subtree) + 1
    source = subtree_span(obj)
    clause = [t for t in head.subtree if not (token.i <= t.i < after)]
    text = doc_text(doc)
    if token.i < head.i:
        content = _strip(text, _span(t for t in clause if t.i >= after))
    else:
        content = _strip(text, _span(t for t in clause if t.i < token.i))
    if content[1] - content[0] < 3:
        return None
    return Attribution((token.idx, token.idx + len(token.text)), "phrase", "in", source, content,
                       s_i, _direct(content, quotes), source_token=obj.i, cue_token=token.i,
                       clausal=True)


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
    left = _words_before_colon(token, line_start)
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


_HEADLINE_FILLERS = ("more", "from")


def _words_before_colon(colon: Any, line_start: int) -> list[Any] | None:
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
            return None if first else _drop_fillers(back[::-1])
        back.append(word)
        if len(back) > 5 and word.lower_ not in _HEADLINE_FILLERS:
            return None  # (only a run of "more"/"from" before the last five words could go)
    return _drop_fillers(back[::-1])


def _tokens_from(doc: Any, i: int, line_start: int) -> Iterator[Any]:
    """The tokens from ``i`` back to the start of the line."""
    while i >= 0 and doc[i].idx + len(doc[i].text) > line_start:
        yield doc[i]
        i -= 1


def _drop_fillers(words: list[Any]) -> list[Any]:
    k = 0
    while k < len(words) and words[k].lower_ in _HEADLINE_FILLERS:
        k += 1
    return words[k:]


def _report_adverb(token: Any, s_i: int, lex: AttributionLexicon,
                   quotes: list[tuple[int, int]]) -> Attribution | None:
    if token.lower_ not in lex.report_adverbs or token.head.i == token.i:
        return None
    head = token.head
    content = _strip(doc_text(token.doc), subtree_span(head))
    return Attribution((token.idx, token.idx + len(token.text)), "adverb", token.lower_, None,
                       content, s_i, _direct(content, quotes), cue_token=token.i, clausal=True)


def is_candidate(token: Any, lex: AttributionLexicon) -> bool:
    """Verbs, predicative adjectives and report nouns the cue model considers."""
    if token.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return False
    if token.pos_ == "NOUN":
        return f"{token.lemma_.lower()}|NOUN" in lex.candidates
    lemma = token.lemma_.lower()
    if token.pos_ == "AUX":
        return lemma in lex.speech
    return (f"{lemma}|{token.pos_}" in lex.candidates or lemma in lex.speech
            or lemma in lex.belief or lemma in lex.non_answer_verbs)


def near_quote(sent: Any, quotes: list[tuple[int, int]]) -> bool:
    """Whether a quotation (of :func:`find_quotes`) touches the sentence or ends just before it."""
    return bool(quotes_overlapping(quotes, sent.start_char - 3, sent.end_char + 1))


def _verb_cue(token: Any, sent: Any, s_i: int, lex: AttributionLexicon, quotes: list[tuple[int, int]],
              model: CueModel) -> Attribution | None:
    if token.pos_ in ("NOUN", "PROPN", "ADP", "PUNCT"):
        return None
    lemma = token.lemma_.lower()
    children = list(token.children)
    negated = any(c.dep_ == "neg" for c in children)
    if not is_candidate(token, lex) and not (negated and token.pos_ == "VERB" and (
            lemma in lex.negated_confirm or lemma in lex.negated_answer)):
        return None  # but "could not be independently verified" is a non-answer
    doc = token.doc

    non_answer = None
    content_token = min((c for c in children if c.dep_ in _CONTENT_DEPS),
                        key=lambda c: _CONTENT_DEPS.index(c.dep_), default=None)
    phrasal = _make_clear(token)
    if phrasal is not None:
        content_token = phrasal
    if lemma in lex.non_answer_verbs:
        if content_token is not None and content_token.lemma_.lower() in lex.non_answer_objects:
            non_answer = "unconfirmed" if content_token.lemma_.lower() in lex.negated_confirm \
                else "no_comment"
        # otherwise a refusal to act ("refused to join the debate"), which the model judges
    elif negated and lemma in lex.negated_confirm:
        non_answer = "unconfirmed"
    elif negated and lemma in lex.negated_answer:
        non_answer = "no_comment"

    content = _content(token, content_token, quotes)
    if phrasal is not None and content is not None:
        clear = _clear_of(token)
        content = _strip(doc_text(doc), (max(content[0], clear.idx + len(clear.text)), content[1]))
    if content is None and non_answer is None:
        content = _adjacent_quote(token, sent, quotes)
    if content is None and non_answer is not None:  # "the claims could not be verified"
        unverified = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if unverified is not None:
            content = _strip(doc_text(doc), subtree_span(unverified))
    clausal = content_token is not None and content_token.dep_ in ("ccomp", "xcomp")
    precision = lex.learned_precision.get(lemma, 0.0)
    if non_answer is None and phrasal is None:
        features = cue_features(token, sent, near_quote(sent, quotes), precision, lex.speech)
        if not model.accepts(features):
            return None

    if lemma in lex.experiencer:
        source, source_token, content = _experiencer(token, content)
    elif lemma in lex.subject_is_content:
        source, source_token = _to_experiencer(token)
    else:
        source, source_token = _source(token, content)
    if source is None and content is None and non_answer is None:
        return None
    if source is not None and content is not None and _overlaps(source, content):
        source = _cut(source, content)
    direct = content is not None and _direct(content, quotes)
    return Attribution(
        _cue_span(token, phrasal), "non_answer" if non_answer else "verb",
        "make clear" if phrasal is not None else lemma, source, content,
        s_i, direct, None, _channel(token, lex), non_answer, lemma in lex.deny and not negated,
        source_token, token.i, clausal or phrasal is not None or direct, None,
        any(c.dep_ == "mark" and c.lower_ == "as" for c in children), _impersonal(token),
    )


def _noun_cue(token: Any, sent: Any, s_i: int, lex: AttributionLexicon,
              quotes: list[tuple[int, int]], model: CueModel) -> Attribution | None:
    """'Peskov's statement that…', 'in a statement, the ministry…', 'in Bolton's view'."""
    if token.pos_ != "NOUN":
        return None
    lemma = token.lemma_.lower()
    clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp")
                   and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
    listed = lemma in lex.noun_cues and clause is not None
    if not listed:
        if f"{lemma}|NOUN" not in lex.candidates:
            return None
        features = cue_features(token, sent, near_quote(sent, quotes),
                                lex.learned_precision.get(lemma, 0.0), lex.speech)
        if not model.accepts(features):
            return None
    doc = token.doc
    content = _strip(doc_text(doc), subtree_span(clause)) if clause is not None else None
    if content is None:
        arg = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in
                    ("of", "on", "about", "that", "to")), None)
        obj = next((c for c in arg.children if c.dep_ in ("pobj", "pcomp")), None) if arg else None
        content = _strip(doc_text(doc), subtree_span(obj)) if obj is not None else None
    if content is None:  # "his promise to end the war", "a call to withdraw"
        infinitive = next((c for c in token.children if c.dep_ == "acl" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if infinitive is not None:
            content = _strip(doc_text(doc), subtree_span(infinitive))
    if content is None:
        content = _adjacent_quote(token, sent, quotes)
    source, source_token = None, None
    for child in token.children:
        if child.dep_ == "poss":
            source, source_token = _span(child.subtree, drop_possessive=True), child.i
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                source, source_token = subtree_span(obj), obj.i
        elif child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            source, source_token = (child.idx, child.idx + len(child.text)), child.i
    start = token.idx
    head = token.head
    if head.dep_ == "prep" and head.lower_ == "in" and head.i < token.i:
        if content is None and head.head.lemma_.lower() in lex.speech:
            return None  # "said in a statement that…": one attribution, the verb's
        start = head.idx  # "in a statement": the cue starts at "in"
        if source is None and head.head.pos_ in ("VERB", "AUX"):
            source, source_token = _source(head.head)
    elif source is None and content is not None and token.dep_ == "dobj" and head.pos_ == "VERB" \
            and head.lemma_.lower() not in lex.receiving_verbs:
        source, source_token = _source(head)  # "Sanders started a petition calling on…"
    if source is None and content is None:
        return None
    return Attribution((start, token.idx + len(token.text)), "noun", lemma, source, content, s_i,
                       content is not None and _direct(content, quotes), source_token=source_token,
                       cue_token=token.i, clausal=clause is not None)


# ----------------------------------------------------------------------------- arguments

def _content(token: Any, content_token: Any, quotes: list[tuple[int, int]]
             ) -> tuple[int, int] | None:
    doc = token.doc
    if content_token is None:
        prep = next((c for c in token.children if c.dep_ == "prep"
                     and c.lower_ in ("for", "about", "of")), None)  # "warned of new attacks"
        if prep is None:
            return None
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            return None
        content_token = obj
    if content_token.lower_ == "it" and content_token.dep_ == "dobj":
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return None
        content_token = clause
    span = _strip(doc_text(doc), subtree_span(content_token))
    if span[1] <= span[0]:
        return None
    # a content that runs into a quotation (inside its marks) is the quotation
    hit = quotes_overlapping(quotes, span[0] + 1, span[1] - 1)
    if hit:
        first, last = hit[0], hit[-1]
        span = (min(span[0], first[0]), max(span[1], last[1]))
        if span[0] < token.idx < span[1]:  # the cue sits inside: keep the quotation alone
            span = first if first[1] <= token.idx else last
    return span


def _adjacent_quote(token: Any, sent: Any, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation in the cue's sentence (or ending right before it)."""
    best = None
    for start, end in quotes_overlapping(quotes, sent.start_char - 3, sent.end_char + 1):
        distance = min(abs(token.idx - end), abs(start - token.idx))
        if best is None or distance < best[0]:
            best = (distance, (start, end))
    return best[1] if best else None


def _source(token: Any, avoid: tuple[int, int] | None = None
            ) -> tuple[tuple[int, int] | None, int | None]:
    """The source span and its head token; ``avoid`` (the content) is never the source: in
    '“…amendment,” said Cruz' the parser may take a word of the quotation as a second subject."""
    doc = token.doc
    for child in token.children:
        if avoid is not None and avoid[0] <= child.idx < avoid[1]:
            continue
        if child.dep_ in _SUBJECT_DEPS:
            if _dateline(child):  # "LONDON (Reuters) - Donald Trump said…"
                rest = _after_dateline(child, token)
                if rest is None:
                    continue
                return rest, child.i
            if child.lower_ == "it" and _expletive_it(token, child):
                return None, None  # "it was reported that…", "it is believed that…"
            if child.dep_ == "nsubjpass":
                agent = _agent(token)
                if agent is not None:
                    return agent
                continue
            tokens = [t for t in child.subtree if t.i < token.i] if child.i < token.i \
                else list(child.subtree)
            return _strip(doc_text(doc), _span(tokens)), child.i
    agent = _agent(token)
    if agent is not None:
        return agent
    if token.dep_ in _PARTICIPLE_DEPS and token.head.i != token.i and token.head.pos_ in ("VERB", "AUX"):
        return _source(token.head, avoid)
    if token.dep_ == "acomp" and token.head.pos_ in ("AUX", "VERB"):  # "loyalists were adamant that"
        return _source(token.head, avoid)
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX"):
        return _source(token.head.head, avoid)  # "distanced himself by saying…"
    if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("ADJ", "NUM"):
        # "was the first to report": the subject of the clause the adjective belongs to
        holder = token.head.head
        if holder.i != token.head.i and holder.pos_ in ("VERB", "AUX"):
            return _source(holder, avoid)
    if token.dep_ == "acl" and token.tag_ != "VBN" and token.head.pos_ in ("PROPN", "NOUN", "PRON"):
        # "a report suggesting…" (but not "Lazar, known online as…": the noun is what is known)
        head = token.head
        left = [t for t in head.subtree if (t.i < token.i and t.dep_ != "punct") or t is head]
        return _strip(doc_text(doc), _span(left)), head.i
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    if token.dep_ == "relcl" and not passive and token.head.pos_ in ("PROPN", "NOUN", "PRON"):
        head = token.head
        return _strip(doc_text(doc), (head.left_edge.idx, head.idx + len(head.text))), head.i
    return _misparsed_subject(token, avoid)


_MISPARSED_LEFT = ("compound", "advmod", "npadvmod", "dep", "nmod")
_MISPARSED_RIGHT = ("dobj", "attr", "npadvmod", "advmod", "dep", "appos", "oprd", "nsubj")


def _dateline(token: Any) -> bool:
    """'LONDON (Reuters) -', 'PHILADELPHIA, July 29 (UPI) —', 'KYIV, Ukraine (AP) —': a place in
    capitals opening its line, closed by a dash, which the parser may take for the subject."""
    text = doc_text(token.doc)
    subtree = list(token.subtree)
    first = subtree[0]
    line_start = line_bounds(token.doc, first.idx)[0]
    if text[line_start:first.idx].strip() or not first.is_upper or len(first.text) < 2:
        return False
    return any(t.text in _DASHES for t in subtree)


def _after_dateline(subject: Any, verb: Any) -> tuple[int, int] | None:
    """The words of a subject after its dateline's dash ('MACAU (Reuters) – Top donor Sheldon
    Adelson'), or None when the dateline is all there is."""
    tokens = [t for t in subject.subtree if t.i < verb.i]
    dash = max(k for k, t in enumerate(tokens) if t.text in _DASHES)
    rest = [t for t in tokens[dash + 1:] if not t.is_punct]
    return _span(rest) if rest else None


def _misparsed_subject(token: Any, avoid: tuple[int, int] | None
                       ) -> tuple[tuple[int, int] | None, int | None]:
    """The speaker of a verb the parser gave no subject: '“…,” Conway notes' (taken for a compound
    noun), 'Bill Skelly, an RNC operative, vouched…' (an adverb), '“…,” added another Democrat' and
    '“…,” said Skelly' after a quotation (an object)."""
    def named(child: Any) -> bool:
        return child.pos_ in ("PROPN", "NOUN", "PRON") and child.ent_type_ not in ("DATE", "TIME")

    left = [c for c in token.children if c.i < token.i and c.dep_ in _MISPARSED_LEFT and named(c)]
    if left:
        child = max(left, key=lambda c: c.i)
    elif avoid is not None and avoid[1] <= token.idx:
        child = min((c for c in token.children if c.i > token.i and c.dep_ in _MISPARSED_RIGHT
                     and named(c)), key=lambda c: c.i, default=None)
        if child is None:
            return None, None
    else:
        return None, None
    return _strip(doc_text(token.doc), subtree_span(child)), child.i


def _to_experiencer(token: Any) -> tuple[tuple[int, int] | None, int | None]:
    """'It seems to me that…', 'appeared to investigators to be…': the one named after 'to'."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _strip(doc_text(token.doc), subtree_span(obj)), obj.i
    return None, None


def _experiencer(token: Any, content: tuple[int, int] | None
                 ) -> tuple[tuple[int, int] | None, int | None, tuple[int, int] | None]:
    """'That worries environmentalists', 'Business leaders have been unsettled by the protests':
    the one who feels is the source, the cause is the content."""
    text = doc_text(token.doc)
    children = list(token.children)
    holder = next((c for c in children if c.dep_ == "nsubjpass"), None)
    cause = None
    if holder is not None:
        agent = next((c for c in children if c.dep_ == "agent"), None)
        cause = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    else:
        holder = next((c for c in children if c.dep_ == "dobj"), None)
        cause = next((c for c in children if c.dep_ in ("nsubj", "csubj")), None)
    if holder is None:
        return (*_source(token, content), content)
    if cause is not None:
        content = _strip(text, _span(antecedent(cause).subtree if cause.tag_ in RELATIVE_TAGS
                                     else cause.subtree))
    return _strip(text, subtree_span(holder)), holder.i, content


RELATIVE_TAGS = ("WDT", "WP")


def antecedent(pronoun: Any) -> Any:
    """The noun a relative clause hangs on ('a company that had declared' → company)."""
    clause = pronoun.head
    while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
        if clause.dep_ not in ("conj", "ccomp", "xcomp", "aux"):
            return pronoun
        clause = clause.head
    return clause.head if clause.dep_ in ("relcl", "acl") else pronoun


def _agent(token: Any) -> tuple[tuple[int, int], int] | None:
    for child in token.children:
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _strip(doc_text(token.doc), subtree_span(obj)), obj.i
    return None


def _channel(token: Any, lex: AttributionLexicon) -> str | None:
    if token.lemma_.lower() in lex.social_verbs:
        return "social_media"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "via"):
            obj = " ".join(t.lower_ for t in child.subtree if t.i != child.i)
            if obj in lex.social_media or any(w in obj for w in lex.social_media if len(w) > 2):
                return "social_media"
    return None


def _cue_span(token: Any, phrasal: Any = None) -> tuple[int, int]:
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].head.i == token.i and doc[start - 1].dep_ in _LEFT_CUE_DEPS:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].head.i == token.i and doc[end].dep_ == "prt":
        end += 1
    clear = _clear_of(token) if phrasal is not None else None
    if clear is not None:  # "made it clear", "made clear"
        end = max(end, clear.i + 1)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _clear_of(token: Any) -> Any:
    """The 'clear' of 'made clear' / 'made it clear', or None."""
    if token.lemma_.lower() != "make":
        return None
    doc = token.doc
    for k in (token.i + 1, token.i + 2):
        if k < len(doc) and doc[k].lower_ == "clear" and (doc[k].head.i == token.i or
                                                         doc[k].head.head.i == token.i or
                                                         doc[k].head.i > k):
            return doc[k]
    return None


def _make_clear(token: Any) -> Any:
    """'made (it) clear that X' / 'made clear X': the token whose subtree is the content."""
    clear = _clear_of(token)
    if clear is None:
        return None
    for cand in (*clear.children, *token.children):
        if cand.i > clear.i and cand.dep_ in ("ccomp", "advcl", "dobj", "xcomp"):
            return cand
    if clear.head.i > clear.i and clear.head.dep_ in ("dobj", "pobj", "ccomp"):
        return clear.head
    return None


def _impersonal(token: Any) -> bool:
    """'it was reported that…', 'it is believed…', 'it seems that…', 'there are reports that…'."""
    return any((c.dep_ == "expl" and c.lower_ in ("it", "there"))
               or (c.lower_ == "it" and _expletive_it(token, c)) for c in token.children)


_RAISING = frozenset({"seem", "appear", "emerge", "transpire", "turn", "remain", "look", "sound"})


def _expletive_it(token: Any, it: Any) -> bool:
    """'it' stands for the clause that follows ('it was reported that…', 'it seems that…'), not
    for something named before ('The ministry… It said that…', 'it did not explain why')."""
    if it.dep_ not in ("nsubj", "nsubjpass"):
        return False
    children = list(token.children)
    if any(c.dep_ == "acomp" for c in children) and any(c.dep_ == "xcomp" and c.i > token.i
                                                        for c in children):
        return True  # "it's easy to see why…", "it is important to note…"
    clause = next((c for c in children if c.dep_ == "ccomp" and c.i > token.i), None)
    if clause is None:
        return False
    return it.dep_ == "nsubjpass" or token.lemma_.lower() in _RAISING


# ----------------------------------------------------------------------------- merging

def _merge_report_adverbs(doc: Any, found: list[Attribution]) -> list[Attribution]:
    """'Officials reportedly fear that…': one attribution (officials, fear), hedged by the adverb."""
    by_cue = {a.cue_token: k for k, a in enumerate(found) if a.cue_kind in ("verb", "non_answer")}
    out = list(found)
    drop = set()
    for k, att in enumerate(found):
        if att.cue_kind != "adverb" or att.cue_token is None:
            continue
        head = doc[att.cue_token].head.i
        if head in by_cue:
            verb = out[by_cue[head]]
            out[by_cue[head]] = replace(verb, hedge=att.cue_lemma)
            drop.add(k)
    return [a for k, a in enumerate(out) if k not in drop]


def _attach_citing(doc: Any, found: list[Attribution]) -> list[Attribution]:
    """'X reported the leak, citing unnamed officials': the officials become the report's via."""
    out = list(found)
    drop = set()
    in_sentence: dict[int, list[int]] = {}
    for j, other in enumerate(found):
        if other.cue_kind != "adverb" and other.cue_lemma != "cite":
            in_sentence.setdefault(other.sentence, []).append(j)
    for k, att in enumerate(found):
        if att.cue_lemma != "cite" or att.cue_token is None or doc[att.cue_token].tag_ != "VBG":
            continue
        hosts = [j for j in in_sentence.get(att.sentence, ()) if j != k]
        if not hosts or att.content is None:
            continue
        host = min(hosts, key=lambda j: abs(out[j].cue[0] - att.cue[0]))
        out[host] = replace(out[host], via=att.content)
        drop.add(k)
    return [a for k, a in enumerate(out) if k not in drop]


def _content_index(found: list[Attribution]) -> IntervalIndex:
    """The contents of ``found`` by position (an attribution with none has an empty one)."""
    return IntervalIndex(a.content or (a.cue[0], a.cue[0]) for a in found)


def _host(found: list[Attribution], k: int, kinds: tuple[str, ...], contents: IntervalIndex,
          with_source: bool = False) -> int | None:
    """The index of the nearest earlier attribution (of ``kinds``) whose content holds the cue of
    ``found[k]``, or None. ``contents`` indexes the contents ``found`` had before the caller began
    to shorten them (a content only ever shrinks), so it lists every possible host."""
    att = found[k]
    near = sorted(contents.overlapping(att.cue[0], att.cue[0] + 1))
    hosts = [j for j in near
             if j != k and (other := found[j]).cue_kind in kinds and other.content is not None
             and other.cue[1] <= att.cue[0] and other.content[0] <= att.cue[0] < other.content[1]
             and (other.source is not None or not with_source)]
    return max(hosts, key=lambda j: found[j].cue[0]) if hosts else None


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


_CONTRAST_MARKS = frozenset({"while", "whereas"})
_JOINERS = frozenset({"and", "but", "while", "whereas", "then", "also", ",", ";", "-", "--", "—", "–"})


def _split_coordinated_cues(doc: Any, found: list[Attribution]) -> list[Attribution]:
    """'Rivera said that he will try to form a government and insisted that his party was first':
    the parser often hangs the second speech verb on the first one's reported clause, so that
    clause swallows a second attribution. A cue verb joined by "and"/"but" (or "while X said")
    inside another verb cue's content closes that content; with no subject of its own it shares
    the first verb's source."""
    text = doc_text(doc)
    out = list(found)
    contents = _content_index(found)
    for k, att in enumerate(found):
        if att.cue_kind not in ("verb", "non_answer") or att.cue_token is None:
            continue
        token = doc[att.cue_token]
        contrast = token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in token.children)
        if token.dep_ != "conj" and not contrast:
            continue
        j = _host(out, k, ("verb", "non_answer"), contents)
        if j is None:
            continue
        host = out[j]
        assert host.content is not None
        first = token.left_edge.i
        while first > 0 and doc[first - 1].lower_ in _JOINERS:
            first -= 1
        cut = doc[first].idx
        if cut <= host.content[0] or host.content[1] < att.cue[1]:
            continue
        out[j] = replace(host, content=_strip(text, (host.content[0], cut)))
        own_subject = any(c.dep_ in _SUBJECT_DEPS for c in token.children)
        if not own_subject and host.source is not None:
            out[k] = replace(out[k], source=host.source, source_token=host.source_token, via=host.via)
    return out


# ----------------------------------------------------------------------------- signatures

def _attach_signatures(doc: Any, sents: list[Any], found: list[Attribution],
                       quotes: list[tuple[int, int]]) -> list[Attribution]:
    """A quotation or a post signed with a dash and a name: '“…” ― Jane Doe', '… — Jane Doe
    (@jdoe) May 1, 2016'. The dash is the cue, the name the source, the quotation (or the post's
    line) the content."""
    text = doc_text(doc)
    out = list(found)
    # (the signatures added here never overlap a later match: the matches are disjoint)
    cues = IntervalIndex(a.cue for a in found)
    quote_ending = {q[1]: q for q in reversed(quotes)}
    sentence_of = SentenceIndex(doc)
    for m in _SIGNATURE.finditer(text):
        dash_start, dash_end = m.span(1)
        if next(cues.overlapping(dash_start, m.end(2)), None) is not None:
            continue
        before = _rstripped(text, dash_start)  # len(text[:dash_start].rstrip())
        if not before:
            continue
        content: tuple[int, int] | None = None
        if text[before - 1] in _CLOSING_QUOTES:
            content = quote_ending.get(before)
        elif _HANDLE_NEXT.match(text, m.end(2)):
            newline = line_bounds(doc, dash_start)[0] - 1
            line_start = max(newline, text.rfind(">", newline + 1, dash_start)) + 1
            content = _strip(text, (line_start, dash_start))
        if content is None or content[1] - content[0] < 8:
            continue
        names = doc.char_span(*m.span(2), alignment_mode="expand")
        if names is None or not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")
                                    for t in names):
            continue
        cue_span = doc.char_span(dash_start, dash_end, alignment_mode="expand")
        out.append(Attribution((dash_start, dash_end), "signature", m.group(1), m.span(2), content,
                               sentence_of(dash_start), _direct(content, quotes),
                               source_token=names[-1].i,
                               cue_token=None if cue_span is None else cue_span[0].i, clausal=True))
    return sorted(out, key=lambda a: a.cue[0])


_HANDLE_NEXT = re.compile(r"[ \t\u00a0]*\(@")


def _rstripped(text: str, end: int) -> int:
    """``len(text[:end].rstrip())``, without copying the text before ``end``."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# ----------------------------------------------------------------------------- quotes left over

def _attach_orphan_quotes(doc: Any, sents: list[Any], found: list[Attribution],
                          quotes: list[tuple[int, int]]) -> list[Attribution]:
    """A quotation no attribution claimed, in a sentence next to a cue that has no content,
    becomes that cue's content."""
    # (a quotation claimed here overlaps no other quotation: quotations are disjoint)
    claimed = IntervalIndex(a.content for a in found if a.content)
    cues = IntervalIndex(a.cue for a in found)
    colons: set[int] = set()
    starts = [a.cue[0] for a in found]  # in order (found is sorted by cue)
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


# ----------------------------------------------------------------------------- span helpers

def _span(tokens: Any, drop_possessive: bool = False) -> tuple[int, int]:
    toks = list(tokens)
    if drop_possessive:
        toks = [t for t in toks if t.dep_ != "case"]
    if not toks:
        return 0, 0
    first = min(toks, key=lambda t: t.i)
    last = max(toks, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


_TRIM_LEFT = " \t\n,;:—–-"
_TRIM_RIGHT = " \t\n,;:—–-."


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start] in _TRIM_LEFT:
        start += 1
    while end > start and text[end - 1] in _TRIM_RIGHT:
        end -= 1
    return start, end


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _cut(source: tuple[int, int], content: tuple[int, int]) -> tuple[int, int]:
    if source[0] < content[0]:
        return source[0], min(source[1], content[0])
    return max(source[0], content[1]), source[1]


def _direct(span: tuple[int, int] | None, quotes: list[tuple[int, int]]) -> bool:
    return span is not None and bool(quotes_overlapping(quotes, span[0], span[1]))


def _quote_index(length: int, quotes: list[tuple[int, int]]) -> list[int]:
    index = [-1] * (length + 1)
    for k, (start, end) in enumerate(quotes):
        for i in range(start + 1, end - 1):
            index[i] = k
    return index
