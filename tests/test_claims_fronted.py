"""Claims of seeming with someone it seems to, sources the parser did not coordinate, and speech
verbs the tagger read as nouns after a quotation (invented examples)."""

from __future__ import annotations

import pytest

from claimtrail.analyze import analyze_text


@pytest.fixture(scope="module")
def run(nlp):
    def analyse(text: str):
        a = analyze_text(text, nlp=nlp)
        names = {s.id: s for s in a.sources}
        return [(c.text, names[c.source_id].name, c.status) for c in a.claims
                if c.voice == "reported"]
    return analyse


def test_what_seems_so_to_someone_named_before_the_clause_is_their_hedged_claim(run):
    assert run("To many analysts in Warsaw, the deal seemed to be a surrender.") == [
        ("the deal seemed to be a surrender", "many analysts in Warsaw", "hedged")]
    # the name parsed as the verb's subject and "To" left without an object
    [(text, source, status)] = run(
        "To Vistula University history professor Marta Kowal, the minister's blank stare "
        "seemed to reflect regret.")
    assert (source, status) == ("Marta Kowal", "hedged")
    assert text == "the minister's blank stare seemed to reflect regret"



def test_the_one_it_appears_to_holds_the_clause(run):
    assert run("It appeared to investigators that the fire was set on purpose.") == [
        ("that the fire was set on purpose", "investigators", "hedged")]
    assert run("The deal seems to be a surrender.") == []  # the author's own hedge


def test_two_named_people_joined_by_and_are_two_sources_when_the_parse_joins_nothing(run):
    found = run("Navy spokeswoman Irma Delacroix and Army spokesman Major Tobias Wren declined to "
                "elaborate on the matter or name the driver.")
    assert sorted(source for _, source, _ in found) == ["Irma Delacroix", "Tobias Wren"]
    assert {status for *_, status in found} == {"no_comment"}


def test_a_speech_verb_read_as_a_noun_after_a_quotation_is_the_cue(run):
    found = run('"Today the kingdom leads the fight against terrorism on all fronts," the Saudis '
                "state in the paper, which was shared with lawmakers on Thursday.")
    assert [(source, status) for _, source, status in found] == [("Saudis", "reported")]
    assert found[0][0].startswith('"Today the kingdom leads')


def test_she_after_an_unnamed_woman_is_that_woman(run):
    found = run("The unidentified woman says the incident took place at a party in 1983. She "
                "alleges that the senator cornered her in a room.")
    assert [source for _, source, _ in found] == ["The unidentified woman"] * 2
    found = run("A hospital worker said the ward had been shelled twice. He added that no "
                "patient was hurt.")
    assert [source for _, source, _ in found] == ["A hospital worker"] * 2


def test_what_is_alleged_ends_before_a_clause_with_a_speaker_of_its_own(run):
    found = run("The unidentified woman says the incident took place at a party. The senator then "
                "allegedly grabbed her arm, but she says she managed to free "
                "herself and run out of the room.")
    assert ("The senator then allegedly grabbed her arm", "unnamed reports",
            "hedged") in found
    assert ("she managed to free herself and run out of the room", "The unidentified woman",
            "reported") in found


def test_the_speaker_of_a_relative_clause_is_its_own_subject_not_the_thing_it_describes(run):
    found = run("Mayor Anna Pike backed a new sea wall, which she said the province should pay "
                "for.")
    assert ("the province should pay for", "Anna Pike", "reported") in found
    found = run("The plan, which officials said would cost billions, was shelved.")
    assert found == [("would cost billions", "officials", "reported")]


def test_a_report_noun_owned_by_a_pronoun_for_the_subject_is_the_subjects(nlp):
    from claimtrail.extract.attribution.pipeline import extract_attributions
    from claimtrail.resources import load_attribution_lexicon, load_cue_model

    def sources(text: str) -> dict[str, str | None]:
        doc = nlp(text)
        return {a.cue_lemma: a.source and text[a.source[0]:a.source[1]]
                for a in extract_attributions(doc, load_attribution_lexicon(), load_cue_model())}

    assert sources("Senator Vale kept up his criticism of the budget on Monday.")["criticism"] \
        == "Senator Vale"
    # a verb of receiving takes someone else's criticism; "I" is not "his"
    assert sources("Senator Vale rejected his criticism of the budget.")["criticism"] == "his"
    assert sources("I kept up his criticism of the budget.")["criticism"] == "his"
