"""Which words the cue model considers, and whether a sentence is near a quotation (two of its
features; the cue model's training uses them too)."""

from __future__ import annotations

from typing import Any

from ..quotes import quotes_overlapping
from .lexicon import AttributionLexicon


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
