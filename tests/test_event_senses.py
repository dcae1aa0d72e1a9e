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
