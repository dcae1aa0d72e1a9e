"""Cue phrases: "according to", a source named by "in" ('in a CNN poll'), report adverbs
('reportedly')."""

from __future__ import annotations

from typing import Any

from .._util import doc_text, subtree_bounds, subtree_span
from .lexicon import AttributionLexicon
from .model import Attribution
from .spans import _direct, _span, _strip


def _according_to(token: Any, sent: Any, s_i: int,
                  quotes: list[tuple[int, int]]) -> Attribution | None:
    return _phrase_cue(token, sent, s_i, quotes, ("according", "to"))


def _phrase_cue(token: Any, sent: Any, s_i: int, quotes: list[tuple[int, int]],
                words: tuple[str, ...], names: frozenset[str] | None = None
                ) -> Attribution | None:
    """'according to the ministry, …', 'as per the decree, …' (the phrases of ``cue_phrases``):
    the object of the phrase's last word is the source, the rest of the sentence on the far side
    of the phrase the content. With ``names``, the object must be a name or one of these nouns
    ('as per the decree', not 'as per custom')."""
    doc = token.doc
    if token.lower_ != words[0] or token.i + len(words) > len(doc) or any(
            doc[token.i + k].lower_ != word for k, word in enumerate(words)):
        return None
    to = doc[token.i + len(words) - 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects or (names is not None and objects[0].pos_ != "PROPN"
                       and objects[0].lemma_.lower() not in names):
        return None
    source = subtree_span(objects[0])
    phrase_start = token.idx
    phrase_end = source[1]
    if phrase_start - sent.start_char > sent.end_char - phrase_end:
        content = (sent.start_char, phrase_start)
    else:
        content = (phrase_end, sent.end_char)
    content = _strip(doc_text(token.doc), content)
    return Attribution((token.idx, to.idx + len(to.text)), "according_to", " ".join(words), source,
                       content, s_i, _direct(content, quotes), source_token=objects[0].i,
                       cue_token=token.i, clausal=True)


def _source_phrase(token: Any, s_i: int, lex: AttributionLexicon,
                   quotes: list[tuple[int, int]]) -> Attribution | None:
    """'In an NBC poll released Monday, 50 percent chose Clinton', 'Clinton led in the same poll':
    "in" is the cue, the poll the source, and the clause it modifies the content. A clause whose
    verb is itself a speech or belief verb ('said in an interview') is left to that verb, and polls
    in general ('rising in the polls') name no source. The other cue phrases of the lexicon ('as
    per the decree') are read here too."""
    for words in lex.cue_phrases:
        if words != ("according", "to") and token.lower_ == words[0]:
            phrase = _phrase_cue(token, token.sent, s_i, quotes, words, lex.source_nouns)
            if phrase is not None:
                return phrase
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


def _report_adverb(token: Any, s_i: int, lex: AttributionLexicon,
                   quotes: list[tuple[int, int]]) -> Attribution | None:
    if token.lower_ not in lex.report_adverbs or token.head.i == token.i:
        return None
    head = token.head
    content = subtree_span(head)
    # "X allegedly covered…, but she says…": a clause with its own subject joined on is not what
    # is alleged
    doc = token.doc
    joined = [c for c in head.children if c.dep_ == "conj" and c.i > token.i
              and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    if joined:
        last = min(c.left_edge.i for c in joined) - 1
        while last > token.i and (doc[last].is_punct or doc[last].dep_ == "cc"):
            last -= 1
        content = (content[0], doc[last].idx + len(doc[last].text))
    content = _strip(doc_text(doc), content)
    return Attribution((token.idx, token.idx + len(token.text)), "adverb", token.lower_, None,
                       content, s_i, _direct(content, quotes), cue_token=token.i, clausal=True)


def _raised_report(token: Any, s_i: int, lex: AttributionLexicon,
                   quotes: list[tuple[int, int]]) -> Attribution | None:
    """'Inflation is expected to rise', 'the general is said to be furious', 'he is alleged to have
    fled' (``raised_reports``): a passive report verb with a raised subject and an infinitive. The
    subject and the infinitive are the content; no one is named, so it is an unnamed report,
    hedged, as 'reportedly' and 'it is believed that…' are, unless a 'by' agent names the source
    ('is alleged by prosecutors to…'). 'the expected result' has no infinitive: no report."""
    lemma = token.lemma_.lower()
    if token.tag_ not in ("VBN", "VBD") or lemma not in lex.raised_reports:
        return None
    children = list(token.children)
    # "with the number of retirees projected to swell…": an absolute phrase, no auxiliary (the
    # tagger may take the participle for a past tense there)
    absolute = token.dep_ == "advcl" and any(c.dep_ in ("mark", "prep") and c.lower_ == "with"
                                             and c.i < token.i for c in children)
    passive = ("nsubjpass",) if token.tag_ == "VBN" and any(
        c.dep_ == "auxpass" for c in children) else ("nsubj",) if absolute else ()
    if not passive:
        return None
    subject = next((c for c in children if c.dep_ in passive and c.i < token.i
                    and c.lower_ not in ("it", "there")), None)
    infinitive = next((c for c in children if c.dep_ == "xcomp" and c.i > token.i and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if subject is None or infinitive is None:
        return None
    doc = token.doc
    lo, hi = subtree_bounds(doc)
    agent = next((g for c in children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"), None)
    source = _strip(doc_text(doc), subtree_span(agent)) if agent is not None else None
    last = doc[hi[infinitive.i]]
    content = _strip(doc_text(doc), (doc[lo[subject.i]].idx, last.idx + len(last.text)))
    first = min((c for c in children if c.dep_ in ("aux", "auxpass", "neg")
                 and subject.i < c.i < token.i), key=lambda c: c.i, default=token)
    hedge = lex.raised_reports[lemma] if agent is None else None
    said = infinitive.lemma_.lower()
    if agent is None and said in lex.speech and hi[infinitive.i] > infinitive.i:
        # "Obama is reported to have called the Saudis free riders": Obama's word, hedged
        clause = next((c for c in infinitive.children if c.dep_ == "ccomp"), None)
        start = doc[lo[clause.i]] if clause is not None else doc[infinitive.i + 1]
        content = _strip(doc_text(doc), (start.idx, last.idx + len(last.text)))
        return Attribution((first.idx, infinitive.idx + len(infinitive.text)), "verb", said,
                           _strip(doc_text(doc), subtree_span(subject)), content, s_i,
                           _direct(content, quotes), source_token=subject.i,
                           cue_token=infinitive.i, clausal=True, hedge=hedge)
    return Attribution((first.idx, token.idx + len(token.text)), "verb", lemma, source, content,
                       s_i, _direct(content, quotes), source_token=agent.i if agent else None,
                       cue_token=token.i, clausal=True, hedge=hedge, impersonal=agent is None)
