"""Issue 18, more runs of quotation. A quotation that follows a cued quotation ('“…,” she said.
“…”') continues that speaker even when a cue further on took it as its content (in the next
paragraph, or further on in the next sentence); a cue right after the quotation ('“…?” the mayor
replied') keeps it. The marks inside a markup tag's attributes quote nothing. A quotation after
a colon that ends what a cue says ('Ruiz quotes an adviser: “…”') goes on with that cue; one after
a colon that ends a clause with no cue has the clause's verb in its cue ('The envoy delivered a
blunt answer: “…”'). A cue with no content nearby takes an unclaimed quotation only when it is a
sentence of its own, not a title or a scare quote. A title quoted inside the cue's clause ('told
NBC's “Today”') does not stop the run after it. A quotation right before a speech verb's clause
('“…?” Kale asked reporters') is what the verb says, not the object after it. A no-break space
after a mark is a space. (Invented examples.)"""

from __future__ import annotations

import pytest

from claimtrail.extract.quotes import find_quotes


def attributions(nlp, text):
    from claimtrail.extract.attribution import extract_attributions
    from claimtrail.resources import load_attribution_lexicon, load_cue_model

    doc = nlp(text)
    return [(text[slice(*a.cue)], text[slice(*a.source)] if a.source else None,
             text[slice(*a.content)] if a.content else None)
            for a in extract_attributions(doc, load_attribution_lexicon(), load_cue_model())]


_FIRST = "“The port will reopen on Monday,” harbour master Ilse Brandt said. "
_SECOND = "“Ships are already waiting outside.”"


@pytest.mark.parametrize("after", [
    # a cue in the next paragraph
    "\n\nShe also compared it.",
    # a cue further on in the next sentence
    " While fishermen welcomed the news, they were less pleased by the new fees.",
])
def test_a_quotation_after_a_cued_quotation_is_taken_back_from_a_later_cue(nlp, after):
    found = attributions(nlp, _FIRST + _SECOND + after)
    assert ("said", "harbour master Ilse Brandt", _SECOND) in found, found
    assert [cue for cue, _, content in found if content == _SECOND] == ["said"], found


def test_the_later_cue_that_lost_the_quotation_stays_a_cue(nlp):
    found = attributions(nlp, _FIRST + _SECOND + "\n\nShe also compared it.")
    assert "compared" in [cue for cue, _, _ in found]


@pytest.mark.parametrize("answer", [
    "“Are the ships ready?” Mayor Tom Ruiz replied.",
    "“The ships are not ready,” Mayor Tom Ruiz replied.",
    "“The ships are not ready.” Mayor Tom Ruiz later replied.",
])
def test_a_quotation_with_its_own_cue_right_after_it_is_not_taken_back(nlp, answer):
    text = "“We are ready for the storm,” harbour master Ilse Brandt said. " + answer
    quote = answer[:answer.index("”") + 1]
    found = attributions(nlp, text)
    assert [(cue, source) for cue, source, content in found if content == quote] == [
        ("replied", "Mayor Tom Ruiz")], found


def test_the_marks_of_a_markup_tags_attributes_quote_nothing():
    text = ('The minister posted on Monday. <tweet id="8812" author="@minister"> "We are ready," '
            "she wrote. <a href='https://example.org/a'>link</a>")
    assert [text[s:e] for s, e in find_quotes(text)] == ['"We are ready,"']
    # an angle bracket without a tag's attributes leaves the marks as they are
    text = 'Turnout was < 40% in "safe" districts and > 60% in "open" ones.'
    assert [text[s:e] for s, e in find_quotes(text)] == ['"safe"', '"open"']


def test_a_quotation_run_next_to_a_tag_takes_no_attribute_as_content(nlp):
    text = ('“The count is rigged,” Senator Karl Odum said on Tuesday. “Watch the machines.”\n\n'
            'His spokesman Dan Wu responded online. <tweet id="4417" author="@danwu">')
    found = attributions(nlp, text)
    assert ("said", "Senator Karl Odum", "“Watch the machines.”") in found, found
    assert not any(content and "4417" in content for _, _, content in found), found


@pytest.mark.parametrize(("text", "cue", "source", "first"), [
    ("In his new book, Ruiz quotes a former adviser to the king:\n“Nobody ever reads the budget.”",
     "quotes", "Ruiz", "a former adviser to the king"),
    ('Voters said that given the choice on both ballots:\n\n"There is only one option left for us."',
     "said", "Voters", "that given the choice on both ballots"),
    ("The minister praised the rescue teams:\n\n“They worked through the night without rest.”",
     "praised", "The minister", "the rescue teams"),
])
def test_a_quotation_after_a_colon_that_ends_a_cues_content_goes_on_with_that_cue(
        nlp, text, cue, source, first):
    quote = text[text.index(":") + 1:].strip()
    found = attributions(nlp, text)
    assert (cue, source, first) in found, found
    assert (cue, source, quote) in found, found
    assert ":" not in [c for c, _, _ in found]


def test_the_verb_of_the_clause_a_colon_ends_is_part_of_the_colons_cue(nlp):
    text = 'The envoy delivered a blunt answer:\n\n"There will be no ceasefire this winter."'
    assert attributions(nlp, text) == [
        ("delivered a blunt answer:", "The envoy", '"There will be no ceasefire this winter."')]
    # 'be' introduces nothing of its own: the colon alone is the cue
    text = 'Here is the letter:\n\n"We regret to inform you that the plant will close."'
    assert [cue for cue, _, _ in attributions(nlp, text)] == [":"]


def test_a_cue_with_no_content_takes_a_quoted_sentence_nearby_but_not_a_title(nlp):
    text = "Mayor Dana Lee responded angrily.\n\n“Nobody asked us about the closure.”"
    assert attributions(nlp, text) == [
        ("responded", "Mayor Dana Lee", "“Nobody asked us about the closure.”")]
    text = ("Mayor Dana Lee responded angrily. The council later watched “The Long Night” at the "
            "library.")
    assert attributions(nlp, text) == [("responded", "Mayor Dana Lee", None)]


def test_a_title_quoted_in_the_cue_clause_does_not_stop_the_run(nlp):
    text = ("“I could not hear the question,” Governor Ann Stroud told NBC’s “Today” on Monday. "
            "“The earpiece was broken.”\n\nLater the governor met with aides.")
    found = attributions(nlp, text)
    assert ("told", "Governor Ann Stroud", "“The earpiece was broken.”") in found, found
    assert not any(content == "“Today”" for _, _, content in found), found
    # a quotation in a sentence of the author's own, between, still stops it
    text = ("“I could not hear the question,” Governor Ann Stroud told reporters. Her interview on "
            "“Today” was cut short. “The earpiece was broken.”")
    assert [content for _, _, content in attributions(nlp, text)] == [
        "“I could not hear the question,”"]


def test_a_quotation_before_the_cue_clause_is_its_content_rather_than_the_object(nlp):
    text = "“You think I am going to change?” Mayor Ruth Kale asked reporters."
    assert attributions(nlp, text) == [
        ("asked", "Mayor Ruth Kale", "“You think I am going to change?”")]
    # a title inside the sentence is not what the verb after it says
    text = "Speaking on “Morning Desk,” Mayor Ruth Kale praised the volunteers."
    assert ("praised", "Mayor Ruth Kale", "the volunteers") in attributions(nlp, text)


def test_a_no_break_space_between_a_quotation_and_its_cue_is_a_space(nlp):
    text = "“Every strike,”\u00a0Defence Minister Olga Brandt said,\u00a0“will be answered.”"
    found = attributions(nlp, text)
    assert ("said", "Defence Minister Olga Brandt", "“Every strike,”") in found, found
    assert ("said", "Defence Minister Olga Brandt", "“will be answered.”") in found, found
