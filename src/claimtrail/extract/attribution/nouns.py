"""Noun cues: report nouns with a that-clause ('the claim that…'), 'in a statement'."""

from __future__ import annotations

from typing import Any

from .._util import doc_text, subtree_span
from ..cue_model import CueModel, cue_features
from .candidates import near_quote
from .content import _adjacent_quote
from .lexicon import AttributionLexicon
from .model import Attribution
from .spans import _direct, _span, _strip
from .subjects import _source


def _noun_cue(token: Any, sent: Any, s_i: int, lex: AttributionLexicon,
              quotes: list[tuple[int, int]], model: CueModel) -> Attribution | None:
    """'Peskov's statement that…', 'in a statement, the ministry…', 'in Bolton's view'."""
    if token.pos_ != "NOUN":
        return None
    lemma = token.lemma_.lower()
    if lemma in lex.negated_nouns:
        refused = _no_answer(token, lemma, s_i, lex)
        if refused is not None:
            return refused
    if lemma not in lex.noun_cues and f"{lemma}|NOUN" not in lex.candidates:
        return None  # (before its children are read)
    clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp")
                   and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
    infinitive = next((c for c in token.children if c.dep_ == "acl" and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    listed = lemma in lex.noun_cues and (clause is not None or (
        infinitive is not None and lemma in lex.infinitive_nouns))  # "Berlin's pledge to add…"
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
                    ("of", "on", "about", "that", "to") and not _addressee(c, lex)), None)
        obj = next((c for c in arg.children if c.dep_ in ("pobj", "pcomp")), None) if arg else None
        content = _strip(doc_text(doc), subtree_span(obj)) if obj is not None else None
    of_thing = content is not None and clause is None  # "a promise of rain"
    if content is None and infinitive is not None:  # "his promise to end the war", "a call to…"
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
    if source_token is not None and doc[source_token].dep_ == "poss":
        holder = _own_subject(token, doc[source_token], lex)
        if holder is not None:  # "Bush pinned his hopes on…": Bush's hopes
            source, source_token = holder
    start = token.idx
    head = token.head
    if head.dep_ == "prep" and head.lower_ == "in" and head.i < token.i:
        if content is None and head.head.lemma_.lower() in lex.speech:
            return None  # "said in a statement that…": one attribution, the verb's
        start = head.idx  # "in a statement": the cue starts at "in"
        if source is None and head.head.pos_ in ("VERB", "AUX"):
            source, source_token = _source(head.head, lex)
    elif source is None and content is not None and token.dep_ == "dobj" and head.pos_ == "VERB" \
            and head.lemma_.lower() not in lex.receiving_verbs:
        source, source_token = _source(head, lex)  # "Sanders started a petition calling on…"
    elif source is None and clause is not None and token.dep_ == "pobj" and head.dep_ == "prep":
        # "came to the conclusion that…", "are growing comfortable with the notion that…": the
        # one who holds it is the subject of the verb (or of the adjective's verb) above
        governor = head.head
        while governor.pos_ == "ADJ" and governor.dep_ in ("acomp", "oprd", "xcomp"):
            governor = governor.head
        if governor.pos_ in ("VERB", "AUX") and governor.lemma_.lower() not in lex.receiving_verbs:
            source, source_token = _source(governor, lex)
    if source is None and (content is None or (of_thing and lemma in lex.owned_nouns)
                           or lemma in lex.held_nouns):
        return None  # "a promise of rain", "the threat of war", "the idea that…": no one's
    return Attribution((start, token.idx + len(token.text)), "noun", lemma, source, content, s_i,
                       content is not None and _direct(content, quotes), source_token=source_token,
                       cue_token=token.i, clausal=clause is not None)


_OWN = {"his": ("he", "PERSON"), "her": ("she", "PERSON"), "their": ("they", "PLURAL"),
        "its": ("it", "THING")}


def _own_subject(token: Any, owner: Any, lex: AttributionLexicon
                 ) -> tuple[tuple[int, int] | None, int | None] | None:
    """The subject of the verb whose object is ``token`` when the owner is a pronoun that stands
    for it ('Trump kept up his criticism', 'she pinned her hopes on…'), else None. A verb of
    receiving ('rejected his criticism') takes someone else's."""
    own = _OWN.get(owner.lower_)
    verb = token.head
    if own is None or token.dep_ != "dobj" or verb.pos_ != "VERB" \
            or verb.lemma_.lower() in lex.receiving_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    word = subject.lower_
    if subject.pos_ == "PRON":
        if word != own[0]:
            return None  # "I kept up his criticism", "she … his …": someone else's
    elif (own[1] == "PLURAL") != (subject.tag_ in ("NNS", "NNPS")):
        return None  # "their" for one, "his" for many
    return _source(verb, lex)


def _no_answer(token: Any, lemma: str, s_i: int, lex: AttributionLexicon) -> Attribution | None:
    """'There was no immediate comment from the ministry', 'no confirmation from Kyiv': a report
    noun under a negative determiner (``negated_nouns``), its source after 'from', is that
    source's non-answer."""
    det = next((c for c in token.children if c.dep_ == "det"
                and c.lower_ in lex.negative_determiners), None)
    if det is None:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return Attribution((det.idx, token.idx + len(token.text)), "non_answer", lemma,
                                   subtree_span(obj), None, s_i, False, source_token=obj.i,
                                   cue_token=token.i, non_answer=lex.negated_nouns[lemma])
    # "No reason has been given by the campaign": the agent of the passive verb gives none
    verb = token.head
    if token.dep_ == "nsubjpass" and verb.lemma_.lower() in lex.negated_giving:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        obj = None if agent is None else next((c for c in agent.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return Attribution((det.idx, verb.idx + len(verb.text)), "non_answer", lemma,
                               subtree_span(obj), None, s_i, False, source_token=obj.i,
                               cue_token=token.i, non_answer=lex.negated_nouns[lemma])
    return None


_ADDRESSEE_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _addressee(prep: Any, lex: AttributionLexicon) -> bool:
    """Whether 'to' names whom a statement goes to, not what it says: a person, a body or a
    country ('Scholz's phone call to the Russian leader', 'his letter to Putin', 'a warning to
    them'), which is no content."""
    if prep.lower_ != "to":
        return False
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and (obj.pos_ == "PRON" or obj.ent_type_ in _ADDRESSEE_TYPES
                                or obj.lemma_.lower() in lex.headline_roles)
