"""What the corpus layer needed from the analysis of one article (issue 20), on invented
sentences through the real pipeline: a person's side from their title, a wire's credit in a
dateline it does not list, anonymity that is no request, arms handed over as aid."""

from __future__ import annotations

import pytest

from claimtrail import AnalyzeOptions
from claimtrail.analyze import analyze_text

EN = AnalyzeOptions(language="en")  # (one short line is too little to tell its language)


def _people(text: str, nlp) -> dict[str, str | None]:
    result = analyze_text(text, EN, nlp=nlp)
    found = {e.name: e.country for e in result.entities if e.label in ("PERSON", "ORG")}
    found.update({s.name: s.country for s in result.sources if s.kind == "person"})
    return found


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Turkish Foreign Minister Kemal Aydin met reporters in Ankara on Wednesday.",
     "Kemal Aydin", "TUR"),
    ("Ukrainian Foreign Minister Olena Hrytsenko held talks with Turkey's foreign minister, "
     "Kemal Aydin, in Ankara on Wednesday.", "Kemal Aydin", "TUR"),
    ("The head of the Dnipropetrovsk region, Ihor Lysenko, said two people were killed.",
     "Ihor Lysenko", "UKR"),
    ("Saratov regional governor Pavel Orlov said drones hit the refinery.", "Pavel Orlov", "RUS"),
    # a local official without a place in the title: of the place the sentence has just named
    ("Ukrainian drones attacked an oil refinery in Saratov on Sunday, regional governor "
     "Pavel Orlov said.", "Pavel Orlov", "RUS"),
])
def test_a_person_takes_the_country_of_their_title(text, name, country, nlp):
    assert _people(text, nlp).get(name) == country, _people(text, nlp)


def test_a_person_with_no_such_title_has_no_country(nlp):
    people = _people("Tomasz Wrobel said two men were detained near Rzeszow on Monday.", nlp)
    assert people.get("Tomasz Wrobel") is None, people


def test_an_unlisted_wire_credits_its_copy_in_a_full_dateline(nlp):
    text = ("RZESZOW, Oct 19 (PAP) - Polish police arrested two men on Monday, a police "
            "spokesman said.\n\nThe men were detained near a railway line, he said.")
    dateline = analyze_text(text, EN, nlp=nlp).article.structure.dateline
    assert dateline is not None and dateline.agency == "PAP" and dateline.place == "Rzeszow"
    # a bracketed acronym after a name in mixed case is no dateline
    plain = analyze_text("Senator Smith (NY) - who spoke first - said the bill would pass.\n\n"
                         "The vote is on Friday.", EN, nlp=nlp).article.structure.dateline
    assert plain is None


def _types(text: str, nlp) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in analyze_text(text, EN, nlp=nlp).events]


def test_asking_not_to_be_named_is_no_request(nlp):
    events = _types("The officials, who asked not to be named, said the plan was ready.", nlp)
    assert not [t for t, trigger in events if trigger.startswith("ask")], events


@pytest.mark.parametrize(("text", "kind"), [
    ("Germany is preparing to hand Ukraine four additional air-defence systems.", "AID"),
    ("Germany plans to deliver four more air-defence systems to Ukraine.", "AID"),
])
def test_arms_handed_or_delivered_are_aid(text, kind, nlp):
    assert kind in {t for t, _ in _types(text, nlp)}, _types(text, nlp)


def test_handing_over_a_letter_is_no_aid(nlp):
    events = _types("The ambassador handed the minister a letter of protest.", nlp)
    assert "AID" not in {t for t, _ in events}, events
