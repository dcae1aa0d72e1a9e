"""Headline verbs the tagger reads as nouns (issue 18, pattern 2). Every example is invented."""

from __future__ import annotations

import pytest

from .claim_helpers import claims


@pytest.mark.parametrize(("text", "want"), [
    ("Harbour workers rebuke port plan for night shifts\n\nThe plan was published on Monday.",
     [("Harbour workers", "rebuke", "port plan for night shifts", "denied")]),
    ("Coastal Villages Blame Storm Damage on Late Warnings\n\nThe storm hit on Friday.",
     [("Coastal Villages", "Blame", "Storm Damage on Late Warnings", "reported")]),
    ("Finance Ministry Denies Budget Leak\n\nThe leak was reported on Friday.",
     [("Finance Ministry", "Denies", "Budget Leak", "denied")]),
])
def test_a_headline_verb_read_as_a_noun_is_a_cue(nlp, text, want):
    found = [(c[0], c[3], c[4], c[2]) for c in claims(nlp, text)]
    assert found[:1] == want


@pytest.mark.parametrize("text", [
    "Port Blame Game Continues\n\nThe row went on.",  # the headline has its own verb
    "Harbour Plans\n\nThe plan was published on Monday.",  # no speech verb
])
def test_a_headline_without_a_speech_verb_gives_no_claim(nlp, text):
    assert [c for c in claims(nlp, text) if c[3] and c[3].lower() in ("blame", "plans")] == []
