"""The cue model's candidates (invented sentences): which words are offered to the model."""

from __future__ import annotations

from claimtrail.extract.attribution import is_candidate
from claimtrail.resources import load_attribution_lexicon


def test_speech_verbs_are_candidates_and_function_words_are_not(nlp):
    doc = nlp("Mira Osei said the channel was too shallow for the tankers.")
    lex = load_attribution_lexicon()
    by_word = {t.text: t for t in doc}
    assert is_candidate(by_word["said"], lex)
    assert not is_candidate(by_word["the"], lex)
    assert not is_candidate(by_word["for"], lex)
