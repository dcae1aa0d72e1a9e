"""Issue 18, pattern 8: where an attribution's spans begin and end, as PolNeAR draws them. A content
ends where the attributed content ends (a second clause after ", but" and a relative clause set
off at its end are the author's) and never swallows the next attribution; a raised subject and
what is said of an object belong to the content; the preposition that introduces the content
is the cue's ("complained about"); a quotation broken by its cue is one content for PolNeAR.
(Invented examples.)"""

from __future__ import annotations

import pytest


def attributions(nlp, text):
    from claimtrail.extract.attribution import extract_attributions
    from claimtrail.resources import load_attribution_lexicon, load_cue_model

    return extract_attributions(nlp(text), load_attribution_lexicon(), load_cue_model())


def spans(nlp, text):
    return [(text[slice(*a.cue)], text[slice(*a.source)] if a.source else None,
             text[slice(*a.content)] if a.content else None) for a in attributions(nlp, text)]


def content_of(nlp, text, cue):
    [content] = [c for q, _, c in spans(nlp, text) if q == cue or q.endswith(" " + cue)]
    return content


# ----------------------------------------------------------------------------- where a content ends

def test_a_second_clause_after_but_is_the_authors(nlp):
    text = "Officials said the bridge was destroyed, but the damage was in fact minor."
    assert content_of(nlp, text, "said") == "the bridge was destroyed"


def test_a_relative_clause_set_off_at_the_end_is_the_authors(nlp):
    text = "Garcia said the new plant would be built by Meridian Energy, which lost a lawsuit last year."
    assert content_of(nlp, text, "said") == "the new plant would be built by Meridian Energy"


def test_a_restrictive_relative_clause_stays_in_the_content(nlp):
    text = "Garcia said the company that built the dam had ignored every warning."
    assert content_of(nlp, text, "said") == \
        "the company that built the dam had ignored every warning"


def test_a_comma_inside_the_speakers_quotation_cuts_nothing(nlp):
    text = 'Garcia said "the dam was safe, but nobody inspected it."'
    assert "nobody inspected it" in content_of(nlp, text, "said")


def test_a_content_does_not_swallow_the_next_attribution(nlp):
    text = "The governor said the port was closed, and the mayor said it was open."
    found = spans(nlp, text)
    first = next(c for q, s, c in found if s == "The governor")
    assert "mayor" not in first
    assert ("said", "the mayor", "it was open") in found


# ----------------------------------------------------------------------------- what a content holds

@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The new runway is expected to open in the spring.", "expected",
     "The new runway is expected to open in the spring"),
    ("The ceasefire was widely believed to be fragile.", "believed",
     "The ceasefire was widely believed to be fragile"),
])
def test_a_raised_subject_belongs_to_the_content(nlp, text, cue, content):
    assert content_of(nlp, text, cue) == content


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("Critics described the harbour plan as reckless and expensive.", "described",
     "the harbour plan as reckless and expensive"),
    ("The union criticized the railway for the repeated delays.", "criticized",
     "the railway for the repeated delays"),
])
def test_what_is_said_of_the_object_belongs_to_the_content(nlp, text, cue, content):
    assert content_of(nlp, text, cue) == content


def test_whom_it_was_told_to_is_not_the_content(nlp):
    text = '"We will rebuild the school," the mayor told reporters.'
    found = spans(nlp, text)
    assert ("told", "the mayor", '"We will rebuild the school,"') in found


# ----------------------------------------------------------------------------- the cue's words

@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The farmers complained about the new water tariffs.", "complained about",
     "the new water tariffs"),
    ("The senator warned against a hasty withdrawal.", "warned against", "a hasty withdrawal"),
])
def test_the_preposition_before_the_content_is_part_of_the_cue(nlp, text, cue, content):
    assert (cue, content) in [(q, c) for q, _, c in spans(nlp, text)]


# ----------------------------------------------------------------------------- one content per cue

def test_a_quotation_broken_by_its_cue_is_one_polnear_content(nlp):
    from claimtrail.extract.attribution import one_content_per_cue, outermost

    text = ('"The shelling started at midnight," the mayor said. "By morning the school was '
            'gone."\n\nRescue teams came later.')
    found = one_content_per_cue(outermost(attributions(nlp, text)))
    [said] = [a for a in found if text[slice(*a.cue)] == "said"]
    assert said.content is not None
    assert text[slice(*said.content)] == ('"The shelling started at midnight," the mayor said. '
                                          '"By morning the school was gone."')

