"""Issue 19: words that are no event in their sense here (invented sentences, analysed by the real
pipeline): a month's name, a released document, a question, a press conference, a search that
finds something, help that is no aid, a campaign that seeks a nomination."""

from __future__ import annotations

import pytest

from claimtrail.analyze import analyze_text


def _events(text: str, nlp) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in analyze_text(text, nlp=nlp).events
            if not e.extension]


@pytest.mark.parametrize(("text", "word"), [
    ("Rubio lost the Florida primary in March, and again on March 15.", "March"),
    ("The ministry released the documents on Monday.", "released"),
    ("The committee voted to release a memo about the warrant.", "release"),
    ("The minister was asked about the drone strikes by reporters.", "asked"),
    ("Reporters asked whether the army would withdraw.", "asked"),
    ("The police held a press conference on Friday.", "conference"),
    ("The envoy praised the efforts to find a political solution.", "find"),
    ("Better roads would help the economy grow.", "help"),
    ("Three senators are seeking the party's nomination.", "seeking"),
    ("A news photographer captured a small figure covered in a foil sheet.", "captured"),
    ("North Korea claimed to have tested a hydrogen bomb.", "bomb"),
    ("The state department issued a health alert to its citizens.", "alert"),
    ("All countries need to recognize that their prosperity depends on open sea lanes.",
     "recognize"),
    ("The senator criticised the president's proposed ban on the imports.", "proposed"),
    ("The government must strike a balance between security and liberty.", "strike"),
    ("The minister struck a conciliatory tone in his speech.", "struck"),
    ("Here is our daily roundup of the war.", "roundup"),
    ("The company offers AI assistance to its customers.", "assistance"),
    # a person named in the clause beside the verb is not what is released
    ("The town released a statement on Wednesday saying John Smith's comments were wrong.",
     "released"),
])
def test_no_event(text, word, nlp):
    assert not [t for t, trigger in _events(text, nlp) if word in trigger.split()], \
        _events(text, nlp)


@pytest.mark.parametrize(("text", "kind"), [
    ("The rebels released the hostages on Friday.", "RETREAT"),
    ("A judge ordered the release of the imprisoned journalist.", "RETREAT"),
    ("Kyiv asked Washington to send more air defence systems.", "REQUEST"),
    ("The mayor asked the government for help after the floods.", "REQUEST"),
    ("The court found him guilty of treason.", "SANCTION"),
    ("The United States helped Ukraine with weapons and money.", "AID"),
    ("The dissident sought asylum in Germany.", "REQUEST"),
    ("The leaders met at a summit conference in Vienna.", "CONSULT"),
    ("Rebels captured the town of Kessa on Monday.", "COERCE"),
    ("Twelve countries recognized the new government in Kessa.", "SUPPORT"),
    ("The two leaders struck a deal on grain exports.", "AGREE"),
    ("Police carried out a roundup of suspected militants.", "COERCE"),
    ("A car bomb exploded outside the ministry, killing six people.", "ASSAULT"),
])
def test_the_same_words_as_events(text, kind, nlp):
    assert kind in {t for t, _ in _events(text, nlp)}, _events(text, nlp)


@pytest.mark.parametrize(("text", "kind"), [
    ("The senator attacked his rival's record in Tuesday's debate.", "ACCUSE"),
    ("The candidate's campaign attacked the governor in a new ad.", "ACCUSE"),
    ("Militants attacked an army base near the border, killing four soldiers.", "ASSAULT"),
    ("Russia attacked Kharkiv with missiles and drones overnight.", "ASSAULT"),
    ("Gunmen attacked a police station on Sunday.", "ASSAULT"),
])
def test_a_verbal_attack_in_politics_is_an_accusation(text, kind, nlp):
    types = {t for t, trigger in _events(text, nlp) if "attack" in trigger}
    assert types == {kind}, _events(text, nlp)


@pytest.mark.parametrize(("text", "word"), [
    ("Putin chided Turkey over the downing of the jet.", "chided"),
    ("The minister berated the envoy for the remarks.", "berated"),
    ("Opposition leaders mocked the government's plan.", "mocked"),
])
def test_scolding_and_mocking_are_disapproval(text, word, nlp):
    assert ("ACCUSE", word) in _events(text, nlp), _events(text, nlp)


@pytest.mark.parametrize(("text", "kind", "word"), [
    ("A Virginia man pleaded guilty to lying to the FBI.", "CONCEDE", "pleaded guilty"),
    ("The mayor pleaded for calm after the riots.", "REQUEST", "pleaded for"),
    ("Mexico will stand up to the new tariffs, the minister said.", "REJECT", "stand up to"),
    ("The government may use the army against the gangs.", "MOBILIZE", "use the army"),
    ("The prime minister said he was ready to bring in the military.", "MOBILIZE",
     "bring in the military"),
])
def test_phrases_of_pleading_guilty_defiance_and_calling_in_the_army(text, kind, word, nlp):
    assert (kind, word) in _events(text, nlp), _events(text, nlp)


def test_the_army_used_against_gangs_is_aimed_at_them(nlp):
    event = next(e for e in analyze_text("The government may use the army against the gangs.",
                                         nlp=nlp).events if e.type == "MOBILIZE")
    assert [a.text for a in event.recipients] == ["the gangs"]
    assert event.modality == "hypothetical"


def test_not_ruling_out_an_act_is_no_refusal_and_the_act_is_only_possible(nlp):
    events = analyze_text("The minister did not rule out sending troops to the border.",
                          nlp=nlp).events
    assert not [e for e in events if e.type == "REJECT"], [(e.type, e.trigger.text) for e in events]
    sending = [e for e in events if e.type == "MOBILIZE"]
    assert sending and sending[0].modality == "hypothetical"
    ruled = analyze_text("The minister ruled out sending troops to the border.", nlp=nlp).events
    assert "REJECT" in {e.type for e in ruled}
    assert all(e.modality == "hypothetical" for e in ruled if e.type == "MOBILIZE")


@pytest.mark.parametrize(("text", "kind"), [
    ("The embassy warned its citizens in the capital to stay indoors.", "REQUEST"),
    ("The ministry cautioned travellers to avoid the border crossings.", "REQUEST"),
    ("The general warned the rebels against any attack on the town.", "THREATEN"),
    ("The president warned that the army would respond to any incursion.", "THREATEN"),
])
def test_a_warning_that_tells_someone_what_to_do_is_advice_not_a_threat(text, kind, nlp):
    types = {t for t, trigger in _events(text, nlp) if trigger.startswith(("warn", "caution"))}
    assert types == {kind}, _events(text, nlp)
