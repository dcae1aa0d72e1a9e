"""Time expressions: (sentence, publication date, expected) tables over the real parser."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrail.extract.times import extract_times
from claimtrail.resources import load_time_lexicon

FRI = dt.date(2024, 11, 22)  # a Friday


def times(nlp, text, published=FRI):
    return extract_times(nlp(text), load_time_lexicon(), published)


def brief(items):
    return [(t.text, t.value, t.grain, t.start, t.end, t.resolution) for t in items]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # absolute and partial dates
        ("The strike came on the night of November 19.",
         [("the night of November 19", "2024-11-19", "day", "2024-11-19", "2024-11-19",
           "year_from_anchor")]),
        ("The decree was signed on 19 November 2024.",
         [("19 November 2024", "2024-11-19", "day", "2024-11-19", "2024-11-19", "absolute")]),
        ("The report is dated 2024-11-19.",
         [("2024-11-19", "2024-11-19", "day", "2024-11-19", "2024-11-19", "absolute")]),
        ("Talks were held on November 19-21.",
         [("November 19-21", "2024-11-19/2024-11-21", "interval", "2024-11-19", "2024-11-21",
           "year_from_anchor")]),
        # a December date mentioned in a January article is last year's when in the past tense
        ("The convoy was attacked on December 28.",
         [("December 28", "2023-12-28", "day", "2023-12-28", "2023-12-28", "year_from_anchor")]),
        ("The offensive began in March 2022.",
         [("March 2022", "2022-03", "month", "2022-03-01", "2022-03-31", "absolute")]),
        ("The plant was shelled in late October.",
         [("late October", "2024-10", "month", "2024-10-21", "2024-10-31", "year_from_anchor")]),
        ("Sanctions have applied since 2014.",
         [("2014", "2014", "year", "2014-01-01", "2014-12-31", "absolute")]),
        ("Relations were calmer in the 1990s.",
         [("the 1990s", "199X", "interval", "1990-01-01", "1999-12-31", "absolute")]),
        # weekdays: past tense looks back, present and future look ahead
        ("The talks took place on Sunday.",
         [("Sunday", "2024-11-17", "day", "2024-11-17", "2024-11-17", "relative_to_anchor")]),
        ("The minister will travel to Kyiv on Monday.",
         [("Monday", "2024-11-25", "day", "2024-11-25", "2024-11-25", "relative_to_anchor")]),
        ("Officials expect a decision on Tuesday.",
         [("Tuesday", "2024-11-26", "day", "2024-11-26", "2024-11-26", "relative_to_anchor")]),
        ("Officials said on Tuesday, November 19, that the decision was final.",
         [("Tuesday, November 19", "2024-11-19", "day", "2024-11-19", "2024-11-19",
           "year_from_anchor")]),
        # seasons
        ("Similar attacks occurred this summer.",
         [("this summer", "2024-SU", "season", "2024-06-01", "2024-08-31", "relative_to_anchor")]),
        ("Last winter was hard for the grid.",
         [("Last winter", "2023-WI", "season", "2023-12-01", "2024-02-29", "relative_to_anchor")]),
        ("The calm lasted through the summer of 2023.",
         [("the summer of 2023", "2023-SU", "season", "2023-06-01", "2023-08-31", "absolute")]),
        # deictic and calendar-relative
        ("Fighting intensified last week and yesterday.",
         [("last week", "2024-W46", "week", "2024-11-11", "2024-11-17", "relative_to_anchor"),
          ("yesterday", "2024-11-21", "day", "2024-11-21", "2024-11-21", "relative_to_anchor")]),
        ("The base was hit two weeks ago.",
         [("two weeks ago", "2024-W45", "week", "2024-11-04", "2024-11-10",
           "relative_to_anchor")]),
        ("The ministry said earlier this month that it would respond next year.",
         [("earlier this month", "2024-11", "month", "2024-11-01", "2024-11-22",
           "relative_to_anchor"),
          ("next year", "2025", "year", "2025-01-01", "2025-12-31", "relative_to_anchor")]),
        ("Over the past two weeks attacks grew.",
         [("the past two weeks", "2024-11-08/2024-11-22", "interval", "2024-11-08", "2024-11-22",
           "relative_to_anchor")]),
        # relative to the previous date
        ("On November 3 the army attacked. A few days later, the city fell. "
         "The next day, talks began.",
         [("November 3", "2024-11-03", "day", "2024-11-03", "2024-11-03", "year_from_anchor"),
          ("A few days later", "2024-11-05/2024-11-08", "interval", "2024-11-05", "2024-11-08",
           "relative_to_previous"),
          ("The next day", "2024-11-06", "day", "2024-11-06", "2024-11-06",
           "relative_to_previous")]),
        ("The meeting was held on the morning of 20 November. Later that day, officials spoke.",
         [("the morning of 20 November", "2024-11-20", "day", "2024-11-20", "2024-11-20",
           "year_from_anchor"),
          ("Later that day", "2024-11-20", "day", "2024-11-20", "2024-11-20",
           "relative_to_previous")]),
        # explicitly unresolved
        ("A few days later, the ministry announced the strike.",
         [("A few days later", None, "day", None, None, "unresolved")]),
        ("Two months before the end of his term, the president acted.",
         [("Two months before the end of his term", None, "month", None, None, "unresolved")]),
    ],
)
def test_time_resolution(nlp, text, expected):
    published = dt.date(2024, 1, 10) if "December 28" in text else FRI
    assert brief(times(nlp, text, published)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We may never know what was said. May it be a lesson: leaders may deliver little.",
        "We will see. We are told we must wait, and we may.",
        "The march on the capital was peaceful; the Mar-a-Lago meeting ran long.",
        "He spoke for two hours about the last decades, as he does every day and weekly.",
        "Sunday Times readers disagree with the Washington Post.",
    ],
)
def test_no_false_dates(nlp, text):
    assert [t.text for t in times(nlp, text) if t.value is not None] == []


def test_ages_and_lengths_are_no_times(nlp):
    text = ("The 4-year-old girl and a 30-year-old man died in the attack on Monday; the "
            "quarter-century-old treaty ended a decade-long war.")
    assert [t.text for t in times(nlp, text)] == ["Monday"]


def test_may_as_month_needs_a_preposition_or_a_day(nlp):
    got = brief(times(nlp, "We will know more in May, and the ministers meet on May 20."))
    assert [g[:3] for g in got] == [("May", "2025-05", "month"), ("May 20", "2025-05-20", "day")]


def test_without_publication_date_the_first_full_date_anchors(nlp):
    items = times(nlp, "On March 12, 2024, a missile struck. The next day, rescuers searched. "
                       "On Friday, the mayor spoke.", None)
    assert [(t.text, t.value, t.anchor_kind) for t in items] == [
        ("March 12, 2024", "2024-03-12", None),
        ("The next day", "2024-03-13", "previous_time"),
        ("Friday", "2024-03-08", "text_date"),
    ]
    assert "no publication date" in (items[2].note or "")


def test_without_any_anchor_partial_dates_stay_unresolved(nlp):
    items = times(nlp, "The strike came on November 19 and again on Sunday.", None)
    assert [(t.text, t.value, t.resolution) for t in items] == [
        ("November 19", "XXXX-11-19", "unresolved"),
        ("Sunday", None, "unresolved"),
    ]


def test_offsets_index_the_text(nlp):
    text = "Headline\nOn November 21, a strike hit Kursk. Similar attacks occurred this summer."
    for item in times(nlp, text):
        assert text[item.start_char:item.end_char] == item.text
