"""Issue 19: a headline in title case is parsed as the sentence it is (invented articles)."""

from __future__ import annotations

import pytest

from claimtrail.analyze import analyze_text
from claimtrail.nlp.headline import is_title_case, sentence_case

BODY = ("Rebel forces shelled the border town of Kessa on Monday, killing four people, and the "
        "regional governor ordered a curfew, officials of the UN mission said.\n\n"
        "The governor said the army had been put on alert in the region. Residents of the town "
        "said the shelling began at dawn and went on for three hours, and that the rebels had "
        "also shelled a school in the north of the town last week.\n")
HEADLINE = "Rebels Shell Border Town As Governor Orders Curfew In Kessa, UN Says"


@pytest.mark.parametrize("headline, title", [
    (HEADLINE, True),
    ("Rebels shell border town as governor orders curfew", False),
    ("UN says Kessa shelled", False),  # too few long words to tell
    ("Putin Chides Turkey", False),
    ("Putin Chides Turkey, Praises Trump", True),
])
def test_title_case_is_most_long_words_capitalised(headline, title):
    assert is_title_case(headline) is title


def test_words_the_body_writes_in_lower_case_are_lowered_and_names_and_acronyms_kept():
    recased = sentence_case(HEADLINE, BODY)
    assert recased == "Rebels shell border town as governor orders curfew in Kessa, UN says"
    assert len(recased) == len(HEADLINE)


def test_no_change_without_title_case_or_without_a_body_to_compare_with():
    assert sentence_case("Rebels shell border town as governor orders curfew", BODY) is None
    assert sentence_case(HEADLINE, "Rebel forces shelled Kessa.") is None


def test_a_title_case_headline_gives_its_event_and_no_made_up_name(nlp):
    analysis = analyze_text(HEADLINE + "\n\n" + BODY, nlp=nlp)
    headline_events = [e for e in analysis.events if e.trigger.end_char <= len(HEADLINE)]
    shelling = [e for e in headline_events if e.type == "ASSAULT"]
    assert shelling and shelling[0].trigger.text == "Shell"  # the text itself is untouched
    assert shelling[0].main
    names = {e.name for e in analysis.entities}
    assert not any("Shell" in n or "Border" in n for n in names), names
    assert "Kessa" in names


@pytest.mark.parametrize("headline, verb, actor, recipient", [
    ("Clinton attacks Trump over his remarks on Muslims", "attacks", "Clinton", "Trump"),
    ("Russia fires missiles at Kyiv as Zelensky vows revenge", "fires", "Russia", "Kyiv"),
    ("Terrorism experts rebuke Trump proposal for more airstrikes", "rebuke", "experts", "Trump"),
])
def test_a_headline_verb_parsed_as_a_noun_is_read_as_the_verb(nlp, headline, verb, actor, recipient):
    body = ("The remarks came on Monday, officials said. " * 12).strip()
    analysis = analyze_text(headline + "\n\n" + body + "\n", nlp=nlp)
    found = [e for e in analysis.events if e.trigger.text.startswith(verb)]
    assert found, [(e.type, e.trigger.text) for e in analysis.events]
    assert any(actor in a.text for a in found[0].actors), found[0].actors
    assert any(recipient in a.text for a in found[0].recipients), found[0].recipients


@pytest.mark.parametrize("text, planned", [
    ("Russia to deploy nuclear weapons in Belarus, officials say.", True),
    ("Germany to send more troops to Lithuania next year.", True),
    ("It is time for the army to deploy troops to the border.", False),  # no headline future
])
def test_a_subject_with_a_bare_infinitive_is_a_headlines_future(nlp, text, planned):
    found = [e for e in analyze_text(text, nlp=nlp).events if e.type == "MOBILIZE"]
    assert found and (found[0].modality == "planned") is planned, \
        [(e.type, e.modality) for e in found]


@pytest.mark.parametrize("headline, kind, actor, recipient", [
    ("Opposition leader arrested by police in Moscow", "COERCE", "police", "Opposition leader"),
    ("Two soldiers killed in rocket attack near Kessa", "ASSAULT", None, "Two soldiers"),
])
def test_a_headline_participle_tells_what_was_done_to_its_noun(nlp, headline, kind, actor,
                                                                recipient):
    found = [e for e in analyze_text(headline, nlp=nlp).events if e.type == kind]
    assert found, [(e.type, e.trigger.text) for e in analyze_text(headline, nlp=nlp).events]
    assert [a.text for a in found[0].actors] == ([actor] if actor else [])
    assert recipient in [r.text for r in found[0].recipients]


def test_a_sentence_with_a_full_stop_is_no_headline_passive(nlp):
    text = "An official newspaper called on Arabs on Thursday to unite against the plan."
    found = [e for e in analyze_text(text, nlp=nlp).events if e.type == "REQUEST"]
    assert found and "newspaper" in " ".join(a.text for a in found[0].actors)


def test_a_name_the_old_parse_ran_past_the_headline_does_not_break_the_doc(nlp):
    # the title-case parse reads "The Las Vegas Massacre Reveals" as a name that runs on into
    # the line break; the sentence-case parse ends it at "Vegas"
    body = ("In yet another striking turn, the sheriff said on Friday that the gunman had acted "
            "alone, and that the investigation of the Las Vegas shooting would go on for months. "
            "Officials in Las Vegas said the victims' families would be told first, and that the "
            "hotel would stay closed while the police searched the rooms on the upper floors.\n")
    text = "The Las Vegas Massacre Reveals Something New\n\n" + body
    analysis = analyze_text(text, nlp=nlp)
    names = {e.name for e in analysis.entities}
    assert "Las Vegas" in names
    assert not any("Reveals" in n for n in names)
