"""All the attributions of a document: each cue kind in turn, then the passes that join them."""

from __future__ import annotations

from typing import Any

from .._util import doc_text
from ..cue_model import CueModel
from ..quotes import find_quotes
from .citing import _attach_citing
from .colon_content import _colon_content
from .coordination import _split_coordinated_cues
from .headline_verbs import _headline_verb, _verb_after_quotation
from .headlines import _headline_colon
from .hedges import _merge_report_adverbs
from .lexicon import AttributionLexicon
from .model import Attribution
from .nouns import _noun_cue
from .orphans import _attach_orphan_quotes
from .participles import _lift_trailing_participles
from .phrases import _according_to, _report_adverb, _source_phrase
from .quote_runs import _attach_continuation_cues, _colon_sources, _continue_quotes
from .signatures import _attach_signatures
from .spans import _DASHES, _quote_index
from .verbs import _verb_cue

_OPENERS: dict[int, tuple[AttributionLexicon, frozenset[str]]] = {}


def _phrase_openers(lex: AttributionLexicon) -> frozenset[str]:
    """The words (lower case) that can open a cue phrase ('according to', 'as per', 'in a poll'),
    a headline colon or dash, or be a report adverb: any other word can only be a verb or noun
    cue, so the phrase readers are not asked about it."""
    cached = _OPENERS.get(id(lex))
    if cached is not None and cached[0] is lex:
        return cached[1]
    openers = frozenset({words[0] for words in lex.cue_phrases} | {"according", "in", ":"}
                        | set(_DASHES) | set(lex.report_adverbs))
    _OPENERS[id(lex)] = (lex, openers)
    return openers


def extract_attributions(doc: Any, lex: AttributionLexicon, model: CueModel) -> list[Attribution]:
    """All attributions in ``doc``, in text order; the cue model decides which candidate words
    are cues."""
    text = doc_text(doc)
    quotes = find_quotes(text)
    quote_of = _quote_index(len(text), quotes)
    sents = list(doc.sents)
    found: list[Attribution] = []
    used: set[int] = set()
    openers = _phrase_openers(lex)
    for s_i, sent in enumerate(sents):
        for token in sent:
            if token.i in used or quote_of[token.idx] >= 0:
                continue
            att = None
            if token.lower_ in openers:
                att = (_according_to(token, sent, s_i, quotes)
                       or _source_phrase(token, s_i, lex, quotes)
                       or _headline_colon(token, s_i, lex, quotes)
                       or _report_adverb(token, s_i, lex, quotes))
            att = (att or _verb_cue(token, sent, s_i, lex, quotes, model)
                   or _noun_cue(token, sent, s_i, lex, quotes, model))
            if att is None:
                continue
            used.update(t.i for t in doc.char_span(*att.cue, alignment_mode="expand") or [])
            if att.non_answer and att.cue_token is not None:  # "refused to say": one non-answer
                used.update(c.i for c in doc[att.cue_token].children if c.dep_ == "xcomp")
            found.append(att)
    found = _headline_verb(doc, sents, found, lex, quotes)
    found = _verb_after_quotation(doc, sents, found, lex, quotes)
    found = _attach_signatures(doc, sents, found, quotes)
    found = _merge_report_adverbs(doc, found)
    found = _attach_citing(doc, found)
    found = _lift_trailing_participles(doc, found, lex)
    found = _split_coordinated_cues(doc, found, lex)
    # quotations that run on continue the attribution before them, ahead of the orphan pass (which
    # gives a quotation to any cue near it) and once more after it (for the contents it gave)
    found = _continue_quotes(doc, _colon_sources(doc, sents, _attach_continuation_cues(
        doc, found, quotes, lex)), quotes, lex)
    found = _colon_content(doc, _attach_orphan_quotes(doc, sents, found, quotes), quotes)
    return _continue_quotes(doc, found, quotes, lex)
