"""How sure a source is (issue 18, patterns 6 and 7, and status from the main clause). Every
example is invented."""

from __future__ import annotations

import pytest

from claimtrail.analyze import analyze_text


@pytest.fixture(scope="module")
def statuses(nlp):
    def run(text: str) -> list[tuple[str, str]]:
        analysis = analyze_text(text, nlp=nlp)
        return [(c.text, c.status) for c in analysis.claims if c.voice == "reported"]
    return run


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a rule in a document: its "may" is permission, not a guess
        ("The new doctrine says Russia may use nuclear weapons in response to an attack.",
         [("Russia may use nuclear weapons in response to an attack", "reported")]),
        ("The decree states that the army can open fire on armed intruders.",
         [("that the army can open fire on armed intruders", "reported")]),
        # the same modal from a person is a possibility
        ("The minister said Russia may use nuclear weapons in response to an attack.",
         [("Russia may use nuclear weapons in response to an attack", "speculative")]),
        # the month May is not a hedge
        ("The ministry said the drills would start in May.",
         [("the drills would start in May", "reported")]),
        # a modal inside a clause under the main verb does not make the whole claim a guess
        ("The senator said the administration knows that the deal could collapse.",
         [("the administration knows that the deal could collapse", "reported")]),
    ],
)
def test_modals(statuses, text, want):
    assert statuses(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # beliefs and wishes are held, not asserted
        ("The general believes the offensive will fail.",
         [("the offensive will fail", "hedged")]),
        ("Western diplomats fear that the truce will not hold.",
         [("that the truce will not hold", "hedged")]),
        # a quoted "I think" heading the sentence is the speaker's hedge…
        ('"I think the sanctions are working," the minister said.',
         [('"I think the sanctions are working,"', "hedged")]),
        # …but not when it governs half of it
        ('"The talks went well, and I think we will meet again," the minister said.',
         [('"The talks went well, and I think we will meet again,"', "reported")]),
        # a transcript's question without its question mark, and a question asked
        ('"What was the minister\'s role in this deal." Harris said.',
         [('"What was the minister\'s role in this deal."', "question")]),
        ("Reporters asked whether the border would reopen.",
         [("whether the border would reopen", "question")]),
        # a denial in the first person
        ('"I categorically deny these allegations," the governor said.',
         [('"I categorically deny these allegations,"', "denied")]),
    ],
)
def test_beliefs_questions_denials(statuses, text, want):
    assert statuses(text) == want


def test_a_quotation_of_several_sentences_gives_a_claim_per_sentence(statuses):
    got = statuses('"We will not give up. We may have to wait," the mayor said.')
    assert got == [('"We will not give up.', "reported"), ('We may have to wait,"', "speculative")]
