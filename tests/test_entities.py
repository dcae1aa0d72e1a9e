"""Entities: gazetteer corrections of the small model's known errors, spellings, clustering."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from claimtrail.extract.entities import extract_entities
from claimtrail.nlp.gazetteer import load_gazetteer


def entities(nlp, text, published="2024-11-22"):
    return extract_entities(nlp(text), load_gazetteer(), published)


def by_id(items):
    return {e.id: e for e in items}


@pytest.mark.parametrize(
    ("text", "mention", "entity_id", "label"),
    [
        # the small model's known errors on conflict news (PLATFORM.md)
        ("Ukrainian troops advanced in the Kursk region last month.", "Kursk region",
         "place:kursk-oblast", "GPE"),
        ("Bryansk and Kursk are parts of Russia.", "Kursk", "place:kursk", "GPE"),
        ("The Kiev regime continues its strikes.", "Kiev regime", "org:ukr-government", "ORG"),
        ("This is the standard payload for a HIMARS launcher.", "HIMARS", "weapon:himars", "WEAPON"),
        ("Long-range ATACMS missiles were used.", "ATACMS", "weapon:atacms", "WEAPON"),
        ("Attacks hit the beaches of Sevastopol.", "Sevastopol", "place:sevastopol", "GPE"),
        ("It struck a plant with this formidable Oreshnik weapon.", "Oreshnik", "weapon:oreshnik",
         "WEAPON"),
        # variant spellings
        ("Rockets fell on Kiev overnight.", "Kiev", "place:kyiv", "GPE"),
        ("Rockets fell on Kyiv overnight.", "Kyiv", "place:kyiv", "GPE"),
        ("A factory in Dnepropetrovsk was hit.", "Dnepropetrovsk", "place:dnipro", "GPE"),
        ("A factory in Dnipro was hit.", "Dnipro", "place:dnipro", "GPE"),
        ("Launch sites in the Chernigov region were searched.", "Chernigov region",
         "place:chernihiv-oblast", "GPE"),
        ("Launch sites in the Chernihiv Oblast were searched.", "Chernihiv Oblast",
         "place:chernihiv-oblast", "GPE"),
        ("Shelling was reported in Lugansk.", "Lugansk", "place:luhansk", "GPE"),
        ("Shelling was reported in Luhansk.", "Luhansk", "place:luhansk", "GPE"),
        ("Sirens sounded in Kharkov and Odessa.", "Kharkov", "place:kharkiv", "GPE"),
        ("Sirens sounded in Kharkov and Odessa.", "Odessa", "place:odesa", "GPE"),
        # institutions
        ("The Pentagon declined to comment.", "Pentagon", "org:usa-dod", "ORG"),
        ("The Defense Department declined to comment.", "Defense Department", "org:usa-dod", "ORG"),
        ("The Russian Defense Ministry announced the interception.", "Russian Defense Ministry",
         "org:rus-mod", "ORG"),
        ("Russia’s Defence Ministry announced the interception.", "Russia’s Defence Ministry",
         "org:rus-mod", "ORG"),
        ("The State Department also did not confirm the reports.", "State Department",
         "org:usa-state-department", "ORG"),
        ("The New York Times was the first to report the leak.", "New York Times", "media:nyt",
         "ORG"),
        ("Russian soldiers crossed the river.", "Russian soldiers", "org:rus-military", "ORG"),
        ("Polish troops joined the exercise.", "Polish troops", "org:military:POL", "ORG"),
        ("The French Foreign Ministry summoned the ambassador.", "French Foreign Ministry",
         "org:mfa:FRA", "ORG"),
    ],
)
def test_mentions_resolve_to_the_right_entity(nlp, text, mention, entity_id, label):
    found = {(m.text, e.id, e.label) for e in entities(nlp, text) for m in e.mentions}
    assert (mention, entity_id, label) in found


def test_pantsir_and_s400_are_two_weapons(nlp):
    ents = by_id(entities(nlp, "Five missiles were intercepted by Pantsir and S-400 air defense "
                               "systems."))
    assert {"weapon:pantsir", "weapon:s-400"} <= set(ents)
    assert not [e for e in ents.values() if e.label == "ORG" and "Pantsir" in e.name]


def test_title_words_are_not_organisations(nlp):
    ents = entities(nlp, "Deputy Press Secretary Sabrina Singh did not confirm the strikes.")
    assert [e.name for e in ents] == ["Sabrina Singh"]


def test_canonical_record_carries_country_and_qid(nlp):
    ents = by_id(entities(nlp, "Russian President Vladimir Putin signed a decree."))
    putin = ents["person:vladimir-putin"]
    assert (putin.name, putin.label, putin.country, putin.qid) == (
        "Vladimir Putin", "PERSON", "RUS", "Q7747")


def test_surname_and_role_join_the_full_name(nlp):
    text = ("President Joe Biden appears to have approved the strikes. "
            "Two months before the end of his term, the president authorized the system. "
            "Biden promised a peaceful transition.")
    biden = by_id(entities(nlp, text))["person:joe-biden"]
    assert [(m.text, m.how) for m in biden.mentions] == [
        ("Joe Biden", "gazetteer"), ("the president", "role"), ("Biden", "gazetteer")]


def test_role_is_not_linked_when_two_people_fit(nlp):
    text = "Emmanuel Macron met Volodymyr Zelenskyy in Paris. The president said talks went well."
    ents = entities(nlp, text)
    assert not [m for e in ents for m in e.mentions if m.how == "role"]


def test_role_respects_the_publication_date(nlp):
    text = "Donald Trump met his advisers. The president-elect said little. The president smiled."
    trump = by_id(entities(nlp, text, "2024-11-22"))["person:donald-trump"]
    assert [m.text for m in trump.mentions if m.how == "role"] == ["The president-elect"]
    trump_2025 = by_id(entities(nlp, text, "2025-03-01"))["person:donald-trump"]
    assert [m.text for m in trump_2025.mentions if m.how == "role"] == ["The president"]


def test_demonym_in_role_must_match_country(nlp):
    text = "Olaf Scholz called Vladimir Putin. The Russian leader listened; the German leader spoke."
    ents = by_id(entities(nlp, text))
    assert [m.text for m in ents["person:vladimir-putin"].mentions if m.how == "role"] == [
        "The Russian leader"]
    assert [m.text for m in ents["person:olaf-scholz"].mentions if m.how == "role"] == [
        "the German leader"]


def test_role_of_a_named_country_must_match_it(nlp):
    """'the president of Ukraine' is not Putin, though he is the only president named before it;
    'the president of Russia' is. A role of an entity with no country links to nobody."""
    text = ("Vladimir Putin met the president of Ukraine. The president of Russia spoke first. "
            "Later the president of the United Nations General Assembly arrived.")
    putin = by_id(entities(nlp, text, "2024-11-22"))["person:vladimir-putin"]
    assert [m.text for m in putin.mentions if m.how == "role"] == ["The president"]
    assert [m.start_char for m in putin.mentions if m.how == "role"] == [text.index("The president")]


def test_unknown_person_surname_links_within_article(nlp):
    text = "Anna Kovacs, a spokeswoman for the mayor, said the shelter was full. Kovacs added more."
    person = [e for e in entities(nlp, text) if e.label == "PERSON"]
    assert len(person) == 1
    assert person[0].source == "model" and person[0].name == "Anna Kovacs"
    assert [m.how for m in person[0].mentions] == ["model", "name_part"]


def test_nickname_links_to_the_full_name(nlp):
    text = "Donald Trump and Joe Biden met. Analysts call them «Joe and Don»."
    ents = by_id(entities(nlp, text))
    assert "Don" in [m.text for m in ents["person:donald-trump"].mentions]
    assert "Joe" in [m.text for m in ents["person:joe-biden"].mentions]


def test_mentions_point_at_their_text(nlp):
    text = "Headline on Kyiv\nThe Kiev regime and Russia’s Defense Ministry traded claims."
    for ent in entities(nlp, text):
        for m in ent.mentions:
            assert text[m.start_char:m.end_char] == m.text


def test_gazetteer_data_is_consistent():
    gaz = load_gazetteer()
    forms = defaultdict(set)
    for entry in gaz.entries.values():
        assert entry.aliases, entry.id
        assert entry.country is None or re.fullmatch(r"[A-Z]{3}", entry.country), entry.id
        assert entry.qid is None or re.fullmatch(r"Q\d+", entry.qid), entry.id
        assert entry.label in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "WEAPON"}, entry.id
        for alias in entry.aliases:
            forms[alias].add(entry.id)
    shared = {alias: ids for alias, ids in forms.items() if len(ids) > 1}
    assert shared == {}, f"aliases used by more than one entry: {shared}"
