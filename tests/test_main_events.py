"""Issue 19: an article's main events are the PLOVER events its headline and lede report
(invented articles, analysed by the real pipeline from text as a user gives it)."""

from __future__ import annotations

from claimtrail.analyze import analyze_text
from claimtrail.extract.events.main import MAX_MAIN, mark_main_events
from claimtrail.records import Event, Structure, TextSpan

ARTICLE = (
    "Rebels shell border town as talks stall\n\n"
    "Rebel forces shelled the border town of Kessa on Monday, killing four people, the regional "
    "governor said.\n\n"
    "The governor said the army had been put on alert. Last year the rebels attacked a convoy "
    "near the same town, and the government imposed a curfew.\n\n"
    "Talks between the two sides have stalled since March, officials said.\n")


def test_the_headline_and_lede_events_are_main_and_later_ones_are_not(nlp):
    analysis = analyze_text(ARTICLE, nlp=nlp)
    lede_end = ARTICLE.index("The governor said the army")
    main = [e for e in analysis.events if e.main]
    assert main, [(e.type, e.trigger.text) for e in analysis.events]
    assert all(e.trigger.start_char < lede_end and not e.extension for e in main)
    later = [e for e in analysis.events if e.trigger.start_char >= lede_end]
    assert later and not any(e.main for e in later)
    assert {e.type for e in main} == {"ASSAULT"}
    assert analysis.as_dict()["events"][0]["main"] in (True, False)


def test_an_article_with_no_event_in_its_headline_or_lede_has_no_main_event(nlp):
    text = ("A quiet week in the capital\n\nThe weather was mild and the markets were calm, "
            "the city's statistics office said.\n\nLater, police arrested two men in the port.\n")
    analysis = analyze_text(text, nlp=nlp)
    assert any(e.type == "COERCE" for e in analysis.events)
    assert not any(e.main for e in analysis.events)


def _event(i: int, start: int, extension: bool = False) -> Event:
    from claimtrail.records import EventTime

    return Event(f"e{i}", "STATEMENT" if extension else "ASSAULT", "ASSAULT", extension, None, (),
                 TextSpan("x", start, start + 1), 0, (), (), None, (), (), EventTime("none"),
                 "actual", False, "reported", "author", (), -10.0)


def test_headline_first_at_most_three_and_no_statements():
    structure = Structure(headline=TextSpan("h", 0, 10), lede=TextSpan("l", 12, 100))
    events = [_event(1, 20), _event(2, 30, extension=True), _event(3, 40), _event(4, 50),
              _event(5, 60), _event(6, 2), _event(7, 200)]
    marked = {e.id for e in mark_main_events(events, structure) if e.main}
    assert len(marked) == MAX_MAIN
    assert marked == {"e6", "e1", "e3"}
