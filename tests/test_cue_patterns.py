"""Issue 18, patterns 2, 3 and 6 (invented examples):

2. cues after the content or around it ('…, the document continues', '…, the official said,
   though…', 'as per the decree') and headline attributions ('Ankara: …', '… — minister');
3. negated and joint non-answers ('Neither the ministry nor the army has commented', 'could not
   be reached for comment', 'has yet to confirm'), and no claim where no saying happened ('did
   not say that…');
6. attitudes with a clause ('is concerned that…', 'voiced concern that…'), hedged, speculative
   when the clause says may/might/could, denied when the attitude doubts.

Each with cases that must not change: a comma splice, 'as per custom', a dash inside a sentence,
'concerned' before a noun, a negated attitude."""

from __future__ import annotations

import pytest

from .claim_helpers import claims, only

# ------------------------------------------------------------------ 2. cues after the content

@pytest.mark.parametrize(("text", "source", "content"), [
    ("The bridge will stay closed until spring, the document continues.", "document",
     "The bridge will stay closed until spring"),
    ("Aid deliveries will resume next week, the spokeswoman went on.", "spokeswoman",
     "Aid deliveries will resume next week"),
    ("The harbour will be rebuilt, the report concluded, though it gave no date.", "report",
     "The harbour will be rebuilt"),
    ("The harbour will be rebuilt, the official said, though he gave no date.", "official",
     "The harbour will be rebuilt"),
    ("Troops will stay in the region for now, the official added.", "official",
     "Troops will stay in the region for now"),
    ("The talks collapsed after two hours, the newspaper wrote.", "newspaper",
     "The talks collapsed after two hours"),
    ("The ministry is ready to resume negotiations, said a spokesman for the ministry.",
     "spokesman", "The ministry is ready to resume negotiations"),
    ("As per the decree, all reservists must report to their units.", "decree",
     "all reservists must report to their units"),
])
def test_a_cue_after_its_content(nlp, text, source, content):
    name, _, status, _, claimed = only(claims(nlp, text))
    assert source in name
    assert claimed == content
    assert status == "reported"


@pytest.mark.parametrize("text", [
    "Prices rose sharply, the economy grew.",  # two clauses, no cue
    "As per custom, the ceremony began at noon.",  # 'as per' with no source
])
def test_no_cue_after_a_clause_that_names_no_source(nlp, text):
    assert claims(nlp, text) == []


@pytest.mark.parametrize(("text", "source", "content"), [
    ("Ankara: strikes will not go unanswered\n\nThe statement came late on Sunday.", "Ankara",
     "strikes will not go unanswered"),
    ("Strikes will go on — minister\n\nThe statement came late on Sunday.", "minister",
     "Strikes will go on"),
    ("Ceasefire holds in the south - defence ministry\n\nThe statement came late on Sunday.",
     "defence ministry", "Ceasefire holds in the south"),
    ("Talks will resume next week — Anna Lindqvist\n\nThe statement came late on Sunday.",
     "Anna Lindqvist", "Talks will resume next week"),
    ("Talks will resume next week - Kremlin\n\nThe statement came late on Sunday.",
     "Government of Russia", "Talks will resume next week"),
])
def test_a_headline_names_its_source_after_a_colon_or_a_dash(nlp, text, source, content):
    name, _, status, _, claimed = only(claims(nlp, text))
    assert source in name
    assert claimed == content
    assert status == "reported"


@pytest.mark.parametrize("text", [
    "The road to the port — the only route out — was closed on Monday.",
    "He was joined on stage by the foreign minister — Anders Lindqvist.",
    "Ukraine war — live\n\nThe shelling continued overnight.",
    "Strikes will go on — tonight\n\nThe shelling continued overnight.",
    "Strikes will go on — and more\n\nThe shelling continued overnight.",
    "Debate night — Second Speech\n\nThe shelling continued overnight.",  # no name, no role
])
def test_a_dash_in_a_sentence_or_before_other_words_names_no_source(nlp, text):
    assert claims(nlp, text) == []


# ------------------------------------------------------------------ 3. negated non-answers

def test_neither_nor_gives_each_source_its_non_answer(nlp):
    found = claims(nlp, "Neither the ministry nor the army has commented on the reports.")
    assert sorted((name, status) for name, _, status, _, _ in found) == [
        ("the army", "no_comment"), ("the ministry", "no_comment")]
    found = claims(nlp, "Neither the ministry nor the army has confirmed the strike.")
    assert sorted((name, status) for name, _, status, _, _ in found) == [
        ("the army", "unconfirmed"), ("the ministry", "unconfirmed")]


@pytest.mark.parametrize(("text", "source", "status"), [
    ("The ministry has not commented on the reports.", "ministry", "no_comment"),
    ("The army has not confirmed the strike.", "army", "unconfirmed"),
    ("The army has not confirmed that the strike took place.", "army", "unconfirmed"),
    ("The embassy did not respond to requests for comment.", "embassy", "no_comment"),
    ("The governor could not be reached for comment.", "governor", "no_comment"),
    ("The governor could not immediately be reached for comment on Tuesday.", "governor",
     "no_comment"),
    ("A spokesman was not available for comment.", "spokesman", "no_comment"),
    ("The ministry was unavailable for comment.", "ministry", "no_comment"),
    ("The company did not immediately respond to a request for comment.", "company",
     "no_comment"),
    ("The spokesman wouldn't discuss the details.", "spokesman", "no_comment"),
    ("The minister declined to elaborate on the plan.", "minister", "no_comment"),
    ("The ministry has yet to comment on the reports.", "ministry", "no_comment"),
    ("The army has yet to confirm the strike.", "army", "unconfirmed"),
    ("There was no immediate comment from the ministry.", "ministry", "no_comment"),
    ("There was no confirmation from the army.", "army", "unconfirmed"),
    ("Police did not say how many people were arrested.", "Police", "no_comment"),
    ("Officials would not say whether the talks had failed.", "Officials", "no_comment"),
])
def test_a_non_answer(nlp, text, source, status):
    name, _, found, _, _ = only(claims(nlp, text))
    assert source in name
    assert found == status


def test_did_not_say_with_a_that_clause_is_no_claim(nlp):
    # the minister said nothing: neither a non-answer nor a reported claim of the clause
    assert claims(nlp, "The minister did not say that the talks had failed.") == []
    assert claims(nlp, "The minister did not claim that the talks had failed.") == []
    name, _, status, _, _ = only(claims(nlp, "The minister said that the talks had failed."))
    assert (name, status) == ("The minister", "reported")


def test_an_embassy_is_an_institution(nlp):
    _, kind, status, _, _ = only(claims(nlp, "The embassy did not respond."))
    assert (kind, status) == ("government", "no_comment")
    _, kind, _, _, _ = only(claims(nlp, "The consulate did not respond."))
    assert kind != "other"


# ------------------------------------------------------------------ 6. attitudes with a clause

@pytest.mark.parametrize(("text", "source", "status", "content"), [
    ("The minister is concerned that the ceasefire could collapse.", "minister", "speculative",
     "that the ceasefire could collapse"),
    ("Officials are worried that the conflict will spread.", "Officials", "hedged",
     "that the conflict will spread"),
    ("The general is confident that the offensive will succeed.", "general", "hedged",
     "that the offensive will succeed"),
    ("The president is convinced that sanctions are working.", "president", "hedged",
     "that sanctions are working"),
    ("The UN has voiced concern that civilians may be trapped in the city.", "United Nations",
     "speculative", "that civilians may be trapped in the city"),
    ("The minister expressed hope that talks would resume soon.", "minister", "hedged",
     "that talks would resume soon"),
    ("The report raised fears that the virus is spreading.", "report", "hedged",
     "that the virus is spreading"),
    ("Analysts have concerns that the economy could shrink.", "Analysts", "speculative",
     "that the economy could shrink"),
    ("The senator expressed doubt that the sanctions would work.", "senator", "denied",
     "that the sanctions would work"),
])
def test_an_attitude_with_a_clause_is_a_claim_of_its_holder(nlp, text, source, status, content):
    name, _, found, _, claimed = only(claims(nlp, text))
    assert source in name
    assert found == status
    assert claimed == content


@pytest.mark.parametrize("text", [
    "Concerned residents gathered outside the town hall.",
    "The concerned officials left the meeting.",
    "The minister was not convinced that sanctions are working.",
    "It is certain that the talks will resume.",
])
def test_an_attitude_word_without_a_holder_and_a_clause_is_no_claim(nlp, text):
    assert claims(nlp, text) == []
