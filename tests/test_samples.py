"""Our own sample articles (samples/): one per case the issue names, checked end to end."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrail import AnalyzeOptions, analyze

from .conftest import SAMPLES

CASES = {
    "kharkiv-weekday-strikes.txt": "2025-03-14",
    "ceasefire-seasons.txt": "2024-10-10",
    "relative-chain.txt": "2023-03-01",
    "dnipro-no-date.txt": None,
    "no-false-dates.txt": "2024-05-06",
    "html-article.html": None,
}


@pytest.fixture(scope="module")
def results(nlp):
    out = {}
    for name, published in CASES.items():
        opts = AnalyzeOptions(published=dt.date.fromisoformat(published) if published else None)
        out[name] = analyze(SAMPLES / name, opts, nlp=nlp).as_dict()
    return out


def times(result):
    return {t["text"]: (t["value"], t["resolution"]) for t in result["times"]}


def mentions(result, entity_id):
    ent = next(e for e in result["entities"] if e["id"] == entity_id)
    return [m["text"] for m in ent["mentions"]]


def test_all_samples_validate(results, validate):
    for result in results.values():
        validate(result)


def test_weekdays_by_tense(results):
    got = times(results["kharkiv-weekday-strikes.txt"])  # published Friday 2025-03-14
    assert got["Tuesday"] == ("2025-03-11", "relative_to_anchor")   # struck … on Tuesday
    assert got["Wednesday"] == ("2025-03-12", "relative_to_anchor")
    assert got["yesterday"] == ("2025-03-13", "relative_to_anchor")
    assert got["last week"] == ("2025-W10", "relative_to_anchor")
    assert got["Monday"] == ("2025-03-17", "relative_to_anchor")    # expect … on Monday


def test_spellings_and_roles_cluster(results):
    result = results["kharkiv-weekday-strikes.txt"]
    assert mentions(result, "place:kyiv") == ["Kyiv", "Kyiv", "Kiev"]
    assert mentions(result, "person:volodymyr-zelenskyy") == [
        "Volodymyr Zelenskyy", "his", "the president", "his", "Zelensky"]  # "his": pronouns
    assert mentions(result, "place:kharkiv-oblast") == ["Kharkov region"]


def test_seasons(results):
    got = times(results["ceasefire-seasons.txt"])  # published 2024-10-10
    assert got["the summer of 2023"] == ("2023-SU", "absolute")
    assert got["last spring"] == ("2024-SP", "relative_to_anchor")
    assert got["last winter"] == ("2023-WI", "relative_to_anchor")
    assert got["this winter"] == ("2024-WI", "relative_to_anchor")
    assert got["winter"] == ("2024-WI", "relative_to_anchor")  # "as winter approaches"
    assert got["late July"] == ("2024-07", "year_from_anchor")
    assert got["May"] == ("2025-05", "year_from_anchor")       # "we will know more in May"


def test_relative_chain(results):
    got = times(results["relative-chain.txt"])
    assert got["3 February"] == ("2023-02-03", "year_from_anchor")
    assert got["Two days later"] == ("2023-02-05", "relative_to_previous")
    assert got["The following week"] == ("2023-W06", "relative_to_previous")
    assert got["two months before the election"] == (None, "unresolved")


def test_text_date_anchor_without_publication_date(results):
    result = results["dnipro-no-date.txt"]
    assert result["article"]["published"] is None
    assert any("no publication date" in w for w in result["warnings"])
    got = times(result)
    assert got["March 12, 2024"] == ("2024-03-12", "absolute")
    assert got["The next day"] == ("2024-03-13", "relative_to_previous")
    assert mentions(result, "place:dnipro") == ["Dnipro", "Dnepropetrovsk", "Dnipro", "Dnipro"]
    assert mentions(result, "place:luhansk") == ["Lugansk", "Luhansk"]


def test_no_false_dates_from_may_and_we(results):
    got = times(results["no-false-dates.txt"])
    assert set(got) == {"May 20", "Thursday"}
    assert got["May 20"] == ("2024-05-20", "year_from_anchor")
    assert got["Thursday"] == ("2024-05-09", "relative_to_anchor")


def test_html_sample_uses_its_own_date(results):
    result = results["html-article.html"]
    assert result["article"]["published"] == "2024-11-25"
    assert result["article"]["author"] == "Maria Kovalenko"
    got = times(result)
    assert got["Sunday"] == ("2024-11-24", "relative_to_anchor")
    ids = {e["id"] for e in result["entities"]}
    assert {"org:rus-mod", "org:ukr-military", "weapon:atacms", "place:kursk-oblast",
            "weapon:s-400", "org:usa-dod", "org:isw"} <= ids
