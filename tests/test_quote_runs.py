"""Issue 18, pattern 1: quotations that run on keep their speaker. A quotation after the one a
cue introduces, the rest of a quotation broken by its cue, a quotation that opens in one paragraph
and closes paragraphs later, one introduced by a colon, and one after 'she continued' are the
speaker's, not the author's; a quotation someone else is credited with, one two sentences away
and a scare quote in the author's own sentence are not. (Invented examples.)"""

from __future__ import annotations

import pytest

from claimtrail.analyze import analyze_text
from claimtrail.extract.quotes import find_quotes
from claimtrail.options import AnalyzeOptions


def attributions(nlp, text):
    from claimtrail.extract.attribution import extract_attributions
    from claimtrail.resources import load_attribution_lexicon, load_cue_model

    doc = nlp(text)
    return [(text[slice(*a.cue)], text[slice(*a.source)] if a.source else None,
             text[slice(*a.content)] if a.content else None)
            for a in extract_attributions(doc, load_attribution_lexicon(), load_cue_model())]


def claims(nlp, text):
    result = analyze_text(text, AnalyzeOptions(language="en"), nlp=nlp).as_dict()
    return [(c["source_id"], c["text"]) for c in result["claims"]]


def speaker_of(items, fragment):
    [source] = [source for source, text in items if fragment in text]
    return source


# ----------------------------------------------------------------------------- quotations found

def test_a_quotation_reopened_in_each_paragraph_is_one_quotation():
    text = ('Mayor Lena Vogt described the night:\n\n"The shelling started at midnight.\n\n'
            '"By morning the school was gone."\n\nRescue teams came later.')
    assert [text[s:e] for s, e in find_quotes(text)] == [
        '"The shelling started at midnight.\n\n"By morning the school was gone."']
    curly = "“One road is open.\n“The other is mined.\n\n“Nobody should travel,” she said."
    assert [curly[s:e] for s, e in find_quotes(curly)] == [curly[:curly.index(" she")]]
    guillemets = "«Nous tiendrons.\n\n«Nous gagnerons.» Fin."
    assert [guillemets[s:e] for s, e in find_quotes(guillemets)] == [guillemets[:-5]]


def test_a_paragraph_left_open_without_a_reopening_mark_opens_nothing():
    text = 'He called it "a mistake\n\nThe council met on "Friday" night.'
    assert [text[s:e] for s, e in find_quotes(text)] == ['"Friday"']
    # a transcript's turns, each opened with its speaker's label, are quotations of their own
    text = ('"HOST: Will you be there?\n\n"GUEST: I will not be there. Nobody will."\n\n'
            '"HOST: Why not?"')
    assert [text[s:e] for s, e in find_quotes(text)] == [
        '"GUEST: I will not be there. Nobody will."', '"HOST: Why not?"']
    # nor does a run of paragraphs that reopen but never close
    text = '"One\n\n"two\n\n"three\n\nThen a "plain quote" here.'
    assert [text[s:e] for s, e in find_quotes(text)] == ['"plain quote"']


# ----------------------------------------------------------------------------- runs of quotation

def test_a_quotation_over_lines_of_one_sentence_each_closes_on_a_later_line():
    # some corpora print one sentence a line: a quotation opened on one line may close lines later
    text = ("“We waited for months.\nNo more delays.\nOpen the files.” the lawyer said.\n"
            "The court met on Monday.")
    assert [text[s:e] for s, e in find_quotes(text)] == [text[:text.index(" the lawyer")]]
    # but not over a blank line, nor past a second opening mark
    assert find_quotes("“We waited.\n\nNo more delays.” he said.") == []
    text = "“We waited.\nHe called it “a delay,” later."
    assert [text[s:e] for s, e in find_quotes(text)] == ["“a delay,”"]
    # a mark that cannot close there (before a word) closes nothing
    text = '"We waited.\nThe council called it "a delay" later.'
    assert [text[s:e] for s, e in find_quotes(text)] == ['"a delay"']


def test_an_unattributed_quotation_after_a_speakers_quotation_is_the_speakers(nlp):
    text = ("“The ruling is clear,” said Maria Lenz, a lawyer for the families.\n"
            "“They have delayed this for too long.\nNo more games.\nRelease the records.”\n"
            "The coroner did not respond.")
    items = claims(nlp, text)
    for fragment in ("delayed this", "No more games", "Release the records"):
        assert speaker_of(items, fragment).endswith("maria-lenz"), items


@pytest.mark.parametrize(("text", "speaker", "fragments"), [
    ("«We will not be intimidated,» Defence Minister Karl Brandt said. «Every strike will be "
     "answered. Our patience has limits.»",
     "Karl Brandt", ["«We will not be intimidated,»", "Every strike will be answered",
                     "Our patience has limits"]),
    ('"The harvest was the worst in a decade," said farmer Joan Mills. "We lost half the wheat."',
     "Joan Mills", ['"The harvest was the worst', '"We lost half the wheat."']),
    # after an indirect statement of the same speaker
    ('Ambassador Lina Park said the talks had collapsed. "There is nothing left to discuss."',
     "Lina Park", ["the talks had collapsed", '"There is nothing left to discuss."']),
    # two quotations in a row, each a sentence of its own
    ('"The bridge is gone," engineer Tomas Krol said. "We saw it fall." "Nobody was on it."',
     "Tomas Krol", ['"The bridge is gone,"', '"We saw it fall."', '"Nobody was on it."']),
    # a quotation broken by its cue: both halves
    ('"Every strike," Olena Marchuk said, "will be answered."',
     "Olena Marchuk", ['"Every strike,"', '"will be answered."']),
    # "adding that" chains keep working, and a quotation after them continues the speaker
    ('"We will win," General Ivan Petrenko said, adding that reinforcements had arrived. '
     '"The enemy is exhausted."',
     "Ivan Petrenko", ['"We will win,"', "reinforcements had arrived", '"The enemy is exhausted."']),
])
def test_a_quotation_that_runs_on_keeps_its_speaker(nlp, text, speaker, fragments):
    items = claims(nlp, text)
    sources = {speaker_of(items, fragment) for fragment in fragments}
    assert len(sources) == 1, items
    [source] = sources
    assert source != "author" and source.endswith(speaker.lower().replace(" ", "-")), items


def test_the_run_attribution_repeats_cue_and_source(nlp):
    text = ('"The harvest was the worst in a decade," said farmer Joan Mills. '
            '"We lost half the wheat."')
    assert attributions(nlp, text) == [
        ("said", "farmer Joan Mills", '"The harvest was the worst in a decade,"'),
        ("said", "farmer Joan Mills", '"We lost half the wheat."')]


def test_a_quotation_over_paragraphs_is_the_speakers_to_its_last_sentence(nlp):
    text = ('Senator Tom Reyes said on Tuesday:\n\n"This bill is a disgrace. It will not pass.\n\n'
            '"We have the votes to stop it, and we will use them."\n\n'
            'The vote is expected next week.')
    items = claims(nlp, text)
    reyes = speaker_of(items, "This bill is a disgrace")
    assert reyes.endswith("tom-reyes")
    assert speaker_of(items, "It will not pass") == reyes
    assert speaker_of(items, "We have the votes") == reyes
    assert speaker_of(items, "The vote is expected") == "author"


def test_a_quotation_over_paragraphs_after_a_cue_with_a_colon(nlp):
    text = ('Mayor Lena Vogt described the night:\n\n“The shelling started at midnight. Nobody '
            'slept.\n\n“By morning the school was gone.”\n\nRescue teams arrived at noon.')
    items = claims(nlp, text)
    vogt = speaker_of(items, "The shelling started")
    assert vogt.endswith("lena-vogt")
    assert speaker_of(items, "Nobody slept") == vogt
    assert speaker_of(items, "By morning") == vogt
    assert speaker_of(items, "Rescue teams") == "author"


# ----------------------------------------------------------------------------- colons

@pytest.mark.parametrize(("text", "source"), [
    ("The president ended his speech with a warning:\n\n"
     '"Those who attack us will pay a price. We are ready."', "The president"),
    ('Governor Ruth Alvarez issued a statement:\n\n"The roads will reopen on Monday."',
     "Governor Ruth Alvarez"),
    ('Governor Ruth Alvarez said:\n\n"The roads will reopen on Monday."',
     "Governor Ruth Alvarez"),
])
def test_a_colon_at_the_end_of_a_sentence_introduces_its_subjects_quotation(nlp, text, source):
    found = [(cue, src) for cue, src, content in attributions(nlp, text)
             if content and content.startswith('"')]
    assert found and {src for _, src in found} == {source}, found


def test_a_colon_with_no_one_named_before_it_names_no_source(nlp):
    text = 'It ended with a warning: "Whoever attacks us will regret it."'
    found = [src for _, src, content in attributions(nlp, text)
             if content and content.startswith('"Whoever')]
    assert found == [None]


# ----------------------------------------------------------------------------- continuation cues

def test_she_continued_and_he_went_on_are_the_speakers_cues(nlp):
    text = ('"The budget is balanced," Finance Minister Clara Holm said. '
            'She continued: "Nobody will pay more taxes next year."')
    found = attributions(nlp, text)
    assert ("continued", "She", '"Nobody will pay more taxes next year."') in found
    items = claims(nlp, text)
    assert speaker_of(items, "Nobody will pay") == speaker_of(items, "The budget is balanced")
    assert speaker_of(items, "Nobody will pay").endswith("clara-holm")

    text = ('"The budget is balanced," Finance Minister Clara Holm said. "We will cut spending," '
            'she went on. "Nobody will pay more taxes."')
    found = attributions(nlp, text)
    assert ("went on", "she", '"We will cut spending,"') in found
    assert ("went on", "she", '"Nobody will pay more taxes."') in found
    items = claims(nlp, text)
    assert {speaker_of(items, f) for f in ("The budget", "We will cut", "Nobody will")} == {
        speaker_of(items, "The budget")}


def test_continue_and_go_on_with_an_object_are_not_cues(nlp):
    text = ('"We are ready," Colonel Anna Weiss said. The army continued its advance. '
            'Troops went on patrol at dawn.')
    found = attributions(nlp, text)
    assert [cue for cue, _, _ in found] == ["said"]
    assert speaker_of(claims(nlp, text), "continued its advance") == "author"


# ----------------------------------------------------------------------------- what stops a run

def test_a_quotation_of_someone_else_in_between_takes_the_run(nlp):
    text = ('"We will win," General Ivan Petrenko said. "Our lines hold," Colonel Anna Weiss told '
            'reporters. "The enemy is exhausted."')
    found = attributions(nlp, text)
    assert ("told", "Colonel Anna Weiss", '"The enemy is exhausted."') in found
    assert not any(src == "General Ivan Petrenko" and content == '"The enemy is exhausted."'
                   for _, src, content in found)


def test_a_new_attribution_in_the_next_paragraph_starts_its_own_run(nlp):
    text = ('"We will win," General Ivan Petrenko said.\n\n"Our lines hold," Colonel Anna Weiss '
            'said. "The enemy is exhausted."')
    found = attributions(nlp, text)
    assert [(src, content) for _, src, content in found] == [
        ("General Ivan Petrenko", '"We will win,"'),
        ("Colonel Anna Weiss", '"Our lines hold,"'),
        ("Colonel Anna Weiss", '"The enemy is exhausted."')]
    text = ('"We will win," General Ivan Petrenko said.\n\nColonel Anna Weiss said the army was '
            'ready.\n\n"The enemy is exhausted."')
    found = attributions(nlp, text)
    assert ("said", "Colonel Anna Weiss", '"The enemy is exhausted."') in found
    assert ("said", "General Ivan Petrenko", '"The enemy is exhausted."') not in found


def test_a_quotation_after_an_author_sentence_is_not_continued(nlp):
    text = ('"We will win," General Ivan Petrenko said.\n\nTalks resumed in Geneva on Monday. '
            '"Nothing has changed."')
    items = claims(nlp, text)
    assert speaker_of(items, "Nothing has changed") == "author"


@pytest.mark.parametrize("text", [
    '"We will win," General Ivan Petrenko said. The so-called "peace plan" has stalled since '
    'March.',
    '"We will win," General Ivan Petrenko said. The "ceasefire" lasted less than an hour.',
    'Ambassador Lina Park said the talks had collapsed. The "ceasefire" never began.',
])
def test_a_scare_quote_in_the_authors_sentence_stays_the_authors(nlp, text):
    items = claims(nlp, text)
    second = text[text.index(". ") + 2:]
    assert [source for source, claim in items if claim == second] == ["author"], items


# ----------------------------------------------------------------------------- cost

@pytest.mark.slow
def test_runs_of_quotation_cost_work_linear_in_the_article(nlp):
    from claimtrail.extract.attribution import extract_attributions
    from claimtrail.resources import load_attribution_lexicon, load_cue_model

    from .test_scaling import _work

    lex, model = load_attribution_lexicon(), load_cue_model()
    names = ("General Ivan Petrenko", "Colonel Anna Weiss", "Mayor Lena Vogt", "Senator Tom Reyes")

    def article(paragraphs: int) -> str:
        return "\n\n".join(
            f'"The line at kilometre {k} holds," {names[k % 4]} said. "We lost no ground." '
            f'"Supplies arrived at dawn," {names[(k + 1) % 4]} said, "and more are coming."\n\n'
            f'"The night was quiet.\n\n"Nobody slept," she went on. The so-called "plan {k}" '
            "stalled." for k in range(paragraphs))

    def work(paragraphs: int) -> int:
        doc = nlp(article(paragraphs))
        found: list = []
        counts = _work([("attribution", lambda: found.extend(extract_attributions(doc, lex, model)))])
        assert len(found) >= 5 * paragraphs
        return counts["attribution"]

    work(5)
    short, long = work(20), work(80)
    assert long <= 4.6 * short, (short, long)


@pytest.mark.parametrize(("text", "first", "second"), [
    ('Governor Nadia Ruiz insisted that the program had "saved the region," claiming that '
     'unemployment had halved.', '"saved the region,"', "unemployment had halved"),
    ('Minister Karl Brandt said the border "will stay closed until spring," adding, '
     '"Nobody should plan a trip."', '"will stay closed until spring,"', '"Nobody should plan a trip."'),
])
def test_a_speech_participle_after_a_closed_quotation_is_the_same_speakers(nlp, text, first,
                                                                           second):
    # the comma sits inside the quotation marks; the participle still ends the first content
    found = attributions(nlp, text)
    [outer] = [a for a in found if a[2] is not None and first in a[2]]
    [trailing] = [a for a in found if a[2] is not None and second in a[2]]
    assert outer[1] == trailing[1] and outer[1] is not None
    assert outer[1].endswith(text.split()[2]), found
    assert second not in outer[2], found


@pytest.mark.parametrize(("text", "source", "content"), [
    # the rest of the line after the colon
    ("The Ledger's Mara Quint reported on Friday: The depot had been empty for a week.",
     "The Ledger's Mara Quint", "The depot had been empty for a week"),
    # the colon ends its line: the next line with words
    ("The regional governor said in a statement:\n\nThe evacuation of the valley will go on.",
     "The regional governor", "The evacuation of the valley will go on"),
])
def test_words_after_a_colon_that_closes_the_cue_are_its_content(nlp, text, source, content):
    found = attributions(nlp, text)
    assert any(a[1] == source and a[2] is not None and a[2].startswith(content) for a in found), found


def test_a_colon_after_the_cues_own_content_adds_nothing(nlp):
    text = "The mayor said the bridge was safe: engineers checked it twice."
    found = attributions(nlp, text)
    [said] = [a for a in found if a[0] == "said"]
    assert said[2] is not None and "engineers" not in said[2], found


@pytest.mark.parametrize(("text", "source", "content"), [
    # unquoted words of the speaker's own after a comma that ends the cue's clause and its line
    ("Harbour Police Chief Dana Ilic said in a statement Tuesday,\nThe council's decision put my "
     "officers at risk. The council did not reply.",
     "Harbour Police Chief Dana Ilic", "The council's decision put my officers at risk"),
    # a that-clause the parser hung on the statement's participle is the verb's content
    ("The Interior Ministry said in a brief statement issued Saturday that the extradition of "
     "the suspect had been requested.",
     "The Interior Ministry", "that the extradition of the suspect had been requested"),
])
def test_what_a_statement_says_goes_to_its_verb(nlp, text, source, content):
    found = attributions(nlp, text)
    [said] = [a for a in found if a[0].startswith("said")]
    assert said[1] == source and said[2] is not None and said[2].startswith(content), found
    assert "did not reply" not in said[2]
