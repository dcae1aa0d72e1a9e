"""Issue 4: on the example commentary (published 2024-11-22) the events of the November 2024
escalation come out typed, with their actors, places, dates, counts, modality, links and the claims
that report them."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrail import AnalyzeOptions, analyze

from .conftest import SHARED

EXAMPLE = SHARED / "examples" / "commentary-atacms-2024-11.txt"

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def result(nlp):
    assert EXAMPLE.exists(), f"{EXAMPLE} is missing: this test needs the shared example"
    return analyze(EXAMPLE, AnalyzeOptions(published=dt.date(2024, 11, 22)), nlp=nlp).as_dict()


def ids(args):
    return {a["entity_id"] for a in args}


def one(result, type_, **where):
    """The single event of ``type_`` whose fields contain ``where``'s values."""
    def fits(event):
        for key, value in where.items():
            if key == "weapon" and value not in ids(event["weapons"]):
                return False
            if key == "actor" and value not in ids(event["actors"]):
                return False
            if key == "location" and (event["location"] or {}).get("entity_id") != value:
                return False
            if key == "trigger" and value not in event["trigger"]["text"]:
                return False
            if key == "modality" and event["modality"] != value:
                return False
        return True

    hits = [e for e in result["events"] if e["type"] == type_ and fits(e)]
    assert len(hits) == 1, f"{len(hits)} {type_} events with {where}: {[e['trigger'] for e in hits]}"
    return hits[0]


def test_atacms_authorization_is_reported_by_the_nyt_and_hedged(result):
    event = one(result, "POLICY", weapon="weapon:atacms", actor="person:joe-biden")
    assert event["mode"] == "authorization"
    sources = {r["source_id"]: r["status"] for r in event["reports"]}
    assert sources.get("media:nyt") == "reported"
    assert "hedged" in sources.values()  # "Biden appears to have approved…"
    assert event["when"]["start"] is None  # the text never dates it


def test_bryansk_strike_with_its_counts(result):
    event = one(result, "ASSAULT", location="place:bryansk-oblast")
    assert event["mode"] == "missile"
    assert ids(event["actors"]) == {"org:ukr-military"}
    assert (event["when"]["start"], event["when"]["precision"]) == ("2024-11-19", "day")
    assert event["source_id"] == "org:rus-mod" and event["status"] == "reported"
    counts = {(q["value"], q["unit"], q["counts"]) for q in event["quantities"]}
    assert counts == {(6, "missile", "fired"), (5, "missile", "intercepted"),
                      (1, "missile", "damaged")}
    assert event["actors"][0]["country"] == "UKR" and event["actors"][0]["sector"] == "military"
    assert event["location"]["country"] == "RUS"
    assert event["intensity"] < -5


def test_storm_shadow_strike_on_kursk_region(result):
    event = one(result, "ASSAULT", weapon="weapon:storm-shadow")
    assert event["location"]["entity_id"] == "place:kursk-oblast"
    assert event["when"]["start"] == "2024-11-21"
    assert event["actors"] == []  # the sentence does not say who fired


def test_oreshnik_strike_on_dnipro_answers_the_earlier_strikes(result):
    event = one(result, "ASSAULT", weapon="weapon:oreshnik", modality="actual")
    assert ids(event["actors"]) == {"org:rus-military"}
    assert event["location"]["entity_id"] == "place:dnipro"
    events = {e["id"]: e for e in result["events"]}
    [link] = [lnk for lnk in event["links"] if lnk["type"] == "response"]
    target = events[link["target"]]
    assert target["type"] == "ASSAULT" and target["trigger"]["start_char"] < event["trigger"]["start_char"]
    assert link["asserted_by"] == "author" and link["cue"]["text"] == "In response"


def test_further_retaliatory_strikes_are_planned(result):
    event = one(result, "ASSAULT", trigger="strikes", modality="planned",
                actor="org:rus-military")
    assert any(lnk["type"] == "response" for lnk in event["links"])


def test_trump_biden_meeting(result):
    event = one(result, "CONSULT", actor="person:donald-trump")
    assert ids(event["actors"]) == {"person:donald-trump"}
    assert ids(event["recipients"]) == {"person:joe-biden"}
    assert (event["when"]["start"], event["location"]["entity_id"]) == ("2024-11-13",
                                                                       "place:white-house")


def test_nuclear_doctrine_decree(result):
    event = one(result, "POLICY", actor="person:vladimir-putin")
    assert event["mode"] == "decree" and event["extension"] is True
    assert event["when"]["start"] == "2024-11-19"
    assert "nuclear" in event["contexts"] and "cbrn" in event["contexts"]


def test_scholz_putin_phone_call(result):
    event = one(result, "CONSULT", actor="person:olaf-scholz")
    assert event["mode"] == "phone"
    assert ids(event["recipients"]) == {"person:vladimir-putin"}


def test_non_answers_are_typed_as_an_extension(result):
    no_comment = {(e["source_id"], e["mode"]) for e in result["events"] if e["type"] == "NO_COMMENT"}
    assert no_comment == {("org:usa-dod", "no_comment"), ("person:sabrina-singh", "unconfirmed"),
                          ("org:usa-state-department", "unconfirmed")}


def test_no_event_takes_the_publication_date_silently(result):
    for event in result["events"]:
        when = event["when"]
        if when["precision"] == "none":
            assert when["start"] is None and when["text"] is None
        else:
            assert when["text"], event
