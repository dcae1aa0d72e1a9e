"""Issue 18, coverage of the long tail of speech acts (invented examples): calls, proposals and
demands; promises and pledges as verbs and as nouns with an infinitive; denials and rejections
('ruled out', 'played down'; 'did not rule out' is no denial); raised passive reports with no
named source ('X is expected to rise', 'X is said to be…'); shouting and chanting with a direct
quotation; advising and informing with a clause, an infinitive or a quotation. Each class with
cases that must not become claims: 'the proposed law', 'a promise of rain', 'the expected
result', shouting with no quotation, 'reminded me of my father'."""

from __future__ import annotations

import pytest

from .claim_helpers import claims, only

# ------------------------------------------------------------ 1. calls, proposals, pledges

@pytest.mark.parametrize(("text", "source", "content"), [
    ("The mayor proposed a new tax on tourists.", "mayor", "a new tax on tourists"),
    ("The union demanded higher wages for nurses.", "union", "higher wages for nurses"),
    ("Residents urged the council to reopen the bridge.", "Residents", "to reopen the bridge"),
    ("Activists pressed for an independent inquiry into the shooting.", "Activists",
     "an independent inquiry into the shooting"),
    ("The envoy pushed for a ceasefire in the north.", "envoy", "a ceasefire in the north"),
    ("Farmers clamored for relief from the drought.", "Farmers", "relief"),
    ("The mother pleaded with the kidnappers to release her son.", "mother", "to release her son"),
    ("Berlin's pledge to add 7,000 soldiers alarmed its neighbours.", "Berlin",
     "to add 7,000 soldiers"),
    ("The minister made a promise to end the strike by Friday.", "minister",
     "to end the strike by Friday"),
    ("The government's announcement to spend 2 billion euros on roads surprised economists.",
     "government", "to spend 2 billion euros on roads"),
    ("The bank's prediction that rates will fall was wrong.", "bank", "that rates will fall"),
    ("The ministry repeated its position that the border will stay closed.", "ministry",
     "that the border will stay closed"),
])
def test_calls_proposals_and_pledges(nlp, text, source, content):
    name, _, status, _, claimed = only(claims(nlp, text))
    assert source in name
    assert content in claimed
    assert status == "reported"


@pytest.mark.parametrize("text", [
    "The proposed law would ban smoking.",
    "There is a promise of rain in the forecast.",
    "The threat of war hung over the talks.",
    "The company pushed to expand into new markets.",
])
def test_no_call_or_promise(nlp, text):
    assert claims(nlp, text) == []


# ------------------------------------------------------------ 2. denials and rejections

@pytest.mark.parametrize(("text", "source", "content"), [
    ("The minister ruled out a second referendum.", "minister", "a second referendum"),
    ("The company contested the findings of the audit.", "company", "the findings of the audit"),
    ("Officials discounted reports of a coup.", "Officials", "reports of a coup"),
    ("The lawyer challenged the claim that his client fled.", "lawyer",
     "the claim that his client fled"),
    ("The mayor fired back at critics of the plan.", "mayor", "critics of the plan"),
])
def test_denials(nlp, text, source, content):
    name, _, status, _, claimed = only(claims(nlp, text))
    assert source in name
    assert content in claimed
    assert status == "denied"


def test_playing_down_is_a_claim_but_no_denial(nlp):
    name, _, status, _, claimed = only(claims(nlp, "The army played down the threat of an attack."))
    assert ("army" in name, claimed, status) == (True, "the threat of an attack", "reported")


def test_not_ruling_out_is_no_denial(nlp):
    name, _, status, cue, claimed = only(claims(
        nlp, "The minister did not rule out a second referendum."))
    assert "minister" in name and claimed == "a second referendum"
    assert status == "speculative"
    assert "rule out" in cue


# ------------------------------------------------------------ 3. raised passive reports

@pytest.mark.parametrize(("text", "content"), [
    ("Inflation is expected to rise next year.", "Inflation is expected to rise next year"),
    ("The deficit is projected to be $500 billion.", "The deficit is projected to be $500 billion"),
    ("The suspect is alleged to have stolen the car.", "to have stolen the car"),
    ("The president is reported to have met the rebels on Sunday.",
     "to have met the rebels on Sunday"),
    ("The general is said to be furious.", "The general is said to be furious"),
    ("The hostages are believed to be alive.", "The hostages are believed to be alive"),
])
def test_raised_reports_have_no_named_source(nlp, text, content):
    name, kind, status, _, claimed = only(claims(nlp, text))
    assert kind == "anonymous" and name == "unnamed reports"
    assert content in claimed
    assert status == "hedged"


def test_a_raised_saying_is_the_subjects_hedged(nlp):
    name, _, status, _, claimed = only(claims(
        nlp, "The minister is said to have told aides that the plan was dead."))
    assert "minister" in name
    assert claimed == "that the plan was dead"
    assert status == "hedged"


def test_a_raised_report_with_an_agent_is_the_agents(nlp):
    name, _, _, _, claimed = only(claims(
        nlp, "The suspect is alleged by prosecutors to have stolen the car."))
    assert name == "prosecutors"
    assert "to have stolen the car" in claimed


@pytest.mark.parametrize("text", [
    "The expected result never came.",
    "The projected figures were revised twice.",
    "The alleged theft was never solved.",
])
def test_no_raised_report(nlp, text):
    assert claims(nlp, text) == []


# ------------------------------------------------------------ 4. shouting and chanting

@pytest.mark.parametrize(("text", "source", "content"), [
    ('The attacker shouted "God is great" before opening fire.', "attacker", '"God is great"'),
    ('Protesters chanted "No more war" outside the embassy.', "Protesters", '"No more war"'),
    ('"Get out!" the man yelled.', "man", '"Get out!"'),
    ('She screamed, "Help me, he has a gun!"', "She", '"Help me, he has a gun!"'),
    ('The crowd cried "Freedom!" as the statue fell.', "crowd", '"Freedom!"'),
])
def test_shouting_a_quotation(nlp, text, source, content):
    name, _, status, _, claimed = only(claims(nlp, text))
    assert source in name
    assert claimed == content
    assert status == "reported"


@pytest.mark.parametrize("text", [
    "The crowd was shouting in the square.",
    "He yelled at the referee.",
    "The children screamed with joy.",
])
def test_shouting_without_a_quotation(nlp, text):
    assert claims(nlp, text) == []


# ------------------------------------------------------------ 5. advising and informing

@pytest.mark.parametrize(("text", "source", "content"), [
    ("The embassy advised citizens to leave the country.", "embassy", "to leave the country"),
    ("Officials advised that travellers avoid the border.", "Officials",
     "that travellers avoid the border"),
    ("The ministry informed the families that the soldiers had died.", "ministry",
     "that the soldiers had died"),
    ("Police cautioned that the roads remain icy.", "Police", "that the roads remain icy"),
    ('"Stay indoors," the police advised.', "police", '"Stay indoors,"'),
])
def test_advising_and_informing(nlp, text, source, content):
    name, _, status, _, claimed = only(claims(nlp, text))
    assert source in name
    assert content in claimed
    assert status == "reported"


@pytest.mark.parametrize("text", [
    "He reminded me of my father.",
    "The bank advised on the merger.",
])
def test_no_advice(nlp, text):
    assert claims(nlp, text) == []
