"""Issue 18: where a content span ends, as PolNeAR draws it (invented examples)."""

from __future__ import annotations

from .claim_helpers import claims


def spans(nlp, text):
    from claimtrail.extract.attribution import extract_attributions
    from claimtrail.resources import load_attribution_lexicon, load_cue_model

    found = extract_attributions(nlp(text), load_attribution_lexicon(), load_cue_model())
    return [(text[slice(*a.cue)], text[slice(*a.content)] if a.content else None) for a in found]


def content_of(nlp, text, cue):
    [content] = [c for q, c in spans(nlp, text) if q == cue or q.endswith(" " + cue)]
    return content


# ------------------------------------------- what a verb says of its object belongs to the content

def test_a_second_object_is_part_of_the_content(nlp):
    text = "She called her opponent a dangerous fraud."
    assert content_of(nlp, text, "called") == "her opponent a dangerous fraud"


def test_the_preposition_that_completes_the_object_is_part_of_the_content(nlp):
    text = "He dedicated his victory to the miners of the valley."
    assert content_of(nlp, text, "dedicated") == "his victory to the miners of the valley"


def test_a_time_or_occasion_after_the_complement_is_not(nlp):
    text = "The council devoted its whole budget to the harbour at a meeting on Monday."
    assert content_of(nlp, text, "devoted") == "its whole budget to the harbour"


# ------------------------------------------------ the passive subject is what the cue says of it

def test_a_passive_subject_with_its_predicate_is_the_content(nlp):
    text = "The senator was named the new chair of the finance committee."
    assert content_of(nlp, text, "named") == \
        "The senator was named the new chair of the finance committee"


def test_a_passive_subject_with_no_predicate_is_the_content(nlp):
    text = "The plan was first reported by the Gazette."
    assert content_of(nlp, text, "reported") == "The plan"


# ------------------------------------- the one urged to do something is the infinitive's subject

def test_the_object_of_a_call_to_act_is_part_of_the_content(nlp):
    text = "The bishop urged lawmakers to reject the bill."
    assert content_of(nlp, text, "urged") == "lawmakers to reject the bill"


def test_what_is_said_of_an_object_after_a_preposition_is_part_of_the_content(nlp):
    text = "The mayor referred to the protesters as vandals."
    assert content_of(nlp, text, "referred to") == "the protesters as vandals"


# ----------------------------- a clause before the cue is not its content when one follows it

def test_the_clause_after_the_cue_is_its_content_not_the_one_before(nlp):
    text = "The governor signed the order on Monday, then says the state will appeal."
    assert content_of(nlp, text, "says") == "the state will appeal"


# ------------------------------------ the topic of a verb with no object, after 'on' or 'with'

def test_the_topic_after_on_is_the_content(nlp):
    text = "The report touched on the failures of the agency."
    assert spans(nlp, text) == [("touched on", "the failures of the agency")]



# ------------------------------------------------------ one clause the parser split in two

def test_a_clause_split_into_two_complements_is_one_content(nlp):
    text = "Investigators say the evidence gathered so far still does not point to a motive."
    assert content_of(nlp, text, "say") == \
        "the evidence gathered so far still does not point to a motive"


# ------------------------------------ an absolute phrase with its own speaker ends the content

def test_an_absolute_phrase_with_a_speaker_is_a_second_attribution(nlp):
    text = ("Witnesses say the convoy did not stop at the border, with one driver saying that "
            "the checkpoint was a formality.")
    found = spans(nlp, text)
    assert ("say", "the convoy did not stop at the border") in found
    assert ("saying", "that the checkpoint was a formality") in found
    [(source, *_)] = [c for c in claims(nlp, text) if c[3] == "saying"]
    assert source == "one driver"


def test_an_absolute_phrase_without_a_speech_verb_stays_in_the_content(nlp):
    text = "Officials said the bridge reopened on Monday, with traffic moving slowly."
    assert content_of(nlp, text, "said") == \
        "the bridge reopened on Monday, with traffic moving slowly"
