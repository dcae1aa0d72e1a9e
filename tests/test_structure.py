"""Issue 16: article structure, and page furniture that never reaches the analysers."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrail import AnalyzeOptions, analyze
from claimtrail.ingest import ingest
from claimtrail.ingest.structure import find_structure
from claimtrail.records import blank_spans

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "structure"


def kinds(text: str, **kwargs) -> dict[str, str]:
    """Each set-apart text (stripped) and its kind."""
    return {p.text.strip(): p.kind for p in find_structure(text, **kwargs).set_apart}


STORY = "The ministry said on Monday that its forces had repelled an attack near the river."


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("REUTERS/Gleb Ivanov/File Photo", "caption"),
        ("Soldiers walk past a ruined school. (AP Photo/Ivan Sereda)", "caption"),
        ("Photo: Rescue workers in Faenza. (Photo by Marco Bellini/Getty Images)", "caption"),
        ("© 2024 Thomson Reuters. All rights reserved.", "licence"),
        ("Copyright 2024 The Associated Press. This material may not be published, broadcast, "
         "rewritten or redistributed.", "licence"),
        ("(Reporting by Olena Harmash; Editing by Mark Heinrich)", "credits"),
        ("Also read: NATO warns Moscow over Baltic drills", "related"),
        ("READ MORE: Kyiv asks allies for more air defence", "related"),
        ("Sign up for our daily briefing newsletter", "prompt"),
        ("Follow Maria Lopez on Twitter @mlopez.", "prompt"),
        ("Advertisement", "prompt"),
        ("Updated 10:32 AM EST, Thu November 21, 2024", "timestamp"),
        ("November 21, 2024", "timestamp"),
        ("Article posted with permission from The Example Ledger", "credits"),
        ("This report was originally published by Jane Roe at Example Weekly", "credits"),
        ("Email This field is for validation purposes and should be left unchanged.", "prompt"),
        ("ABSTRACT.", "heading"),
        ("CORRECTION:", "heading"),
    ],
)
def test_furniture_lines(line, kind):
    text = f"A headline for the story\n\n{STORY}\n\n{line}\n\n{STORY}"
    assert kinds(text) == {line: kind}


@pytest.mark.parametrize(
    "line",
    [
        "The photo agency Reuters/Ipsos poll showed support falling.",
        "Follow-up talks are planned in Geneva next week, officials said.",
        "By Monday, troops had withdrawn from the town.",
        "By contrast, the army said it had lost no positions.",
        "Copying the plan, the army moved east.",
        "Share prices fell in Moscow after the announcement.",
        "Related talks in Doha ended without agreement.",
    ],
)
def test_story_lines_stay(line):
    text = f"A headline for the story\n\n{STORY}\n\n{line}\n\n{STORY}"
    assert kinds(text) == {}


@pytest.mark.parametrize(
    ("lede", "place", "date_text", "agency"),
    [
        ("KYIV, Nov 21 (Reuters) - Russia fired", "Kyiv", "Nov 21", "Reuters"),
        ("WASHINGTON (AP) — The Senate voted", "Washington", None, "AP"),
        ("FLINT, Mich., Oct. 4 (UPI) — Former President", "Flint, Mich.", "Oct. 4", "UPI"),
        ("MOSCOW, November 21. /TASS/. The ministry", "Moscow", "November 21", "TASS"),
        ("KINSHASA, Congo -- Troops", "Kinshasa, Congo", None, None),
        ("Geneva - The World Health Organisation", "Geneva", None, None),
        ("(CNN) — Heavy rain flooded towns", None, None, "CNN"),
    ],
)
def test_datelines(lede, place, date_text, agency):
    text = f"A headline for the story\n\n{lede} across the region on Monday.\n\n{STORY}"
    structure = find_structure(text)
    line = structure.dateline
    assert line is not None
    assert (line.place, line.date_text, line.agency) == (place, date_text, agency)
    assert text[line.start_char:line.end_char].strip() == line.text
    assert structure.lede is not None and structure.lede.start_char == line.end_char


@pytest.mark.parametrize(
    "lede",
    [
        "Donald Trump — the president-elect — said on Monday",
        "The Kremlin - in a rare statement - said",
        "Exclusive - Officials in Kyiv said",
        "Update - Officials in Kyiv said",
    ],
)
def test_not_datelines(lede):
    text = f"A headline for the story\n\n{lede} that talks would resume.\n\n{STORY}"
    assert find_structure(text).dateline is None


def test_dateline_date_takes_the_publication_year():
    text = f"A headline\n\nKYIV, Dec 30 (Reuters) - {STORY}"
    line = find_structure(text, published=dt.date(2025, 1, 2)).dateline
    assert line is not None and line.date == "2024-12-30"
    assert find_structure(text).dateline.date is None  # no year anywhere: no date


def test_byline_names():
    text = f"A headline for the story\n\nBy Anna Petrova and Tom Hale, Reuters\n\n{STORY}"
    byline = find_structure(text).byline
    assert byline is not None and byline.names == ("Anna Petrova", "Tom Hale")


def test_poll_widget_is_one_block():
    widget = ["take our poll - story continues below", "Should the council rebuild the bridge?",
              "* Yes, this year No, never", "Email *",
              "Completing this poll grants you access to Example News updates free of charge.",
              "You may opt out at anytime.",
              "You also agree to this site's Privacy Policy and Terms of Use."]
    text = "\n".join(["A headline for the story", STORY, *widget, STORY])
    structure = find_structure(text)
    assert [(p.kind, p.text) for p in structure.set_apart] == [("prompt", line) for line in widget]
    # an unclosed widget takes its own line only, never the story after it
    unclosed = "\n".join(["A headline for the story", STORY, widget[0], widget[1], STORY])
    assert [p.text for p in find_structure(unclosed).set_apart] == [widget[0]]


def test_related_block_ends_at_the_story():
    text = (f"A headline for the story\n\n{STORY}\n\nRelated stories\nZelenskiy meets Macron in Paris\n"
            f"Poland closes border crossing\n\n{STORY}")
    structure = find_structure(text)
    assert [p.text for p in structure.set_apart] == [
        "Related stories", "Zelenskiy meets Macron in Paris", "Poland closes border crossing"]
    assert len(structure.paragraphs) == 2


def test_headline_and_paragraphs():
    text = f"Talks stall in Doha.\n\n{STORY}\nA second line of the same paragraph.\n\n{STORY}"
    structure = find_structure(text)
    assert structure.headline is not None and structure.headline.text == "Talks stall in Doha."
    assert [text[s:e] for s, e in structure.paragraphs] == [
        f"{STORY}\nA second line of the same paragraph.", STORY]


def test_body_heading_is_structure():
    text = f"A headline for the story\n\n{STORY}\n\nTalks in Istanbul\n\n{STORY}"
    structure = find_structure(text)
    assert [h.text for h in structure.headings] == ["Talks in Istanbul"]
    assert kinds(text) == {"Talks in Istanbul": "heading"}


def test_blank_spans_keep_offsets_and_line_breaks():
    text = "ab\ncd\nef"
    assert blank_spans(text, [(1, 4), (3, 5)]) == "a \n  \nef"
    assert len(blank_spans(text, [(0, 8)])) == len(text)


def test_structure_is_linear_in_lines():
    """A long text of many short lines is read line by line (no pattern sees more than a line)."""
    text = "A headline for the story\n\n" + "\n\n".join([STORY] * 20000)
    structure = find_structure(text)
    assert len(structure.paragraphs) == 20000


# --- end to end: nothing set apart reaches an analyser ------------------------------------------

FURNITURE_NAMES = {
    "wire-story.txt": ["Gleb Ivanov", "Olena Harmash", "Mark Heinrich", "Thomson Reuters", "Macron",
                       "Finland", "Anna Petrova", "Tom Hale", "Hungary", "Poland", "NATO"],
    "tag-story.txt": ["Marco Bellini", "Getty Images", "Faenza", "CNN"],
    "briefing.md": ["Lena Ortiz"],
    "wire-story.html": ["Romania", "Constanta", "Associated Press", "AP"],
}


@pytest.fixture(scope="module")
def analysed(nlp):
    return {name: analyze(FIXTURES / name, AnalyzeOptions(), nlp=nlp).as_dict() for name in FURNITURE_NAMES}


def spans_of(result):
    """Every span an analyser produced: entity mentions, claims (content, source, cue), event
    triggers and arguments, technique spans, time expressions."""
    for entity in result["entities"]:
        for m in entity["mentions"]:
            yield "entity " + entity["name"], m["start_char"], m["end_char"]
    for claim in result["claims"]:
        yield "claim", claim["start_char"], claim["end_char"]
        for part in (claim["source_span"], claim["cue"]):
            if part:
                yield "claim part", part["start_char"], part["end_char"]
    for event in result["events"]:
        yield "event " + event["type"], event["trigger"]["start_char"], event["trigger"]["end_char"]
        for arg in [*event["actors"], *event["recipients"], *event["weapons"],
                    *([event["location"]] if event["location"] else [])]:
            if not arg.get("inferred"):
                yield "argument " + arg["name"], arg["start_char"], arg["end_char"]
    for technique in result["techniques"]:
        yield "technique", technique["start_char"], technique["end_char"]
    for time in result["times"]:
        yield "time " + time["text"], time["start_char"], time["end_char"]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FURNITURE_NAMES))
def test_issue16_furniture_reaches_no_analyser(analysed, validate, name):
    result = analysed[name]
    validate(result)
    apart = [(p["start_char"], p["end_char"]) for p in result["article"]["structure"]["set_apart"]]
    assert apart
    text = result["article"]["text"]
    for what, start, end in spans_of(result):
        for a, b in apart:
            # a claim's content may run past a set-apart line, but never starts inside one
            inside = a <= start < b if what == "claim" else start < b and a < end
            assert not inside, f"{what} {text[start:end]!r} lies in set-apart {text[a:b]!r}"
    names = {e["name"] for e in result["entities"]}
    mentioned = {m["text"] for e in result["entities"] for m in e["mentions"]}
    for furniture_name in FURNITURE_NAMES[name]:
        assert furniture_name not in names | mentioned
    assert len(result["article"]["structure"]["paragraphs"]) >= 2


@pytest.mark.slow
def test_issue16_dateline_in_metadata(analysed):
    wire = analysed["wire-story.txt"]["article"]
    assert wire["structure"]["dateline"]["place"] == "Kyiv"
    assert wire["structure"]["dateline"]["agency"] == "Reuters"
    assert wire["structure"]["byline"]["names"] == ["Anna Petrova", "Tom Hale"]
    html = analysed["wire-story.html"]["article"]
    assert (html["structure"]["dateline"]["place"], html["structure"]["dateline"]["agency"]) == (
        "Odesa, Ukraine", "AP")
    assert html["structure"]["headline"]["text"] == "Grain terminal hit as drones target Odesa"
    assert [h["text"] for h in html["structure"]["headings"]] == ["Exports at risk"]
    tag = analysed["tag-story.txt"]["article"]["structure"]
    assert (tag["dateline"]["place"], tag["dateline"]["agency"]) == (None, "CNN")
    # the lede's claim has its real source, not the wire tag
    lede_claims = [c for c in analysed["wire-story.txt"]["claims"]
                   if c["start_char"] >= wire["structure"]["lede"]["start_char"]]
    assert lede_claims and "Reuters" not in lede_claims[0]["source_id"]


@pytest.mark.slow
def test_issue16_dateline_year_from_text(nlp):
    text = f"A headline for the story\n\nKYIV, Nov 21, 2024 (Reuters) - {STORY}"
    result = analyze_text_(text, nlp)
    assert (result["article"]["published"], result["article"]["published_from"]) == (
        "2024-11-21", "dateline")


def analyze_text_(text, nlp):
    from claimtrail.analyze import analyze_text

    return analyze_text(text, AnalyzeOptions(language="en"), nlp=nlp).as_dict()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("The strike hit the base on November 19.According to the document, ten died.",
         ["The strike hit the base on November 19.", "According to the document, ten died."]),
        ("He said the talks were over.The army moved north on Monday.",
         ["He said the talks were over.", "The army moved north on Monday."]),
        ("Version 3.5 of the plan is out. It cost $3.50 and U.S. officials backed it.",
         ["Version 3.5 of the plan is out.", "It cost $3.50 and U.S. officials backed it."]),
        ("Drones hit Odesa overnight\nThe governor said two people were wounded.",
         ["Drones hit Odesa overnight", "The governor said two people were wounded."]),
    ],
)
def test_issue16_sentence_repair(nlp, text, sentences):
    assert [s.text.strip() for s in nlp(text).sents] == sentences


@pytest.mark.slow
def test_issue16_markdown_markers_are_not_words(analysed):
    result = analysed["briefing.md"]
    structure = result["article"]["structure"]
    assert structure["headline"]["text"] == "Ceasefire talks stall as both sides trade blame"
    assert [h["text"] for h in structure["headings"]] == ["What each side says"]
    assert structure["byline"]["names"] == ["Lena Ortiz"]
    for entity in result["entities"]:
        assert not any(ch in entity["name"] for ch in "#*[]()")


def test_ingested_article_structure_offsets_index_the_text():
    article = ingest(FIXTURES / "wire-story.txt", AnalyzeOptions())
    for part in article.structure.set_apart:
        assert article.text[part.start_char:part.end_char] == part.text
        assert article.analysed_text[part.start_char:part.end_char].strip() == ""
    assert len(article.analysed_text) == len(article.text)
    assert article.analysed_text.count("\n") == article.text.count("\n")


@pytest.mark.slow
def test_issue16_text_report_shows_structure(analysed):
    from claimtrail.report import render_text

    report = render_text(analysed["wire-story.txt"])
    assert "dateline Kyiv, Nov 21 (Reuters) · by Anna Petrova, Tom Hale" in report
    assert "set apart: 1 caption, 1 credits, 1 heading, 1 licence, 1 prompt, 5 related" in report
