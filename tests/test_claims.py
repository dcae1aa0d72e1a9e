"""Claims: attribution constructions, source resolution and epistemic status, sentence by sentence
over the real parser."""

from __future__ import annotations

import pytest

from claimtrail.analyze import analyze_text
from claimtrail.extract.attribution import Attribution, outermost
from claimtrail.options import AnalyzeOptions


def claims(nlp, text):
    result = analyze_text(text, AnalyzeOptions(language="en"), nlp=nlp).as_dict()
    return result["claims"], {s["id"]: s for s in result["sources"]}


def reported(items):
    return [(c["source_id"], (c["cue"] or {}).get("text"), c["text"], c["status"])
            for c in items if c["voice"] == "reported"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # direct quotes, in three kinds of marks, one across two sentences
        ("“We will respond to any attack,” Sergei Shoigu said on Monday.",
         [("person:sergei-shoigu", "said", "“We will respond to any attack,”", "reported")]),
        ("«The situation is stable», Dmitry Peskov said.",
         [("person:dmitry-peskov", "said", "«The situation is stable»", "reported")]),
        ('"The situation is stable. Our forces hold the line," Zelensky said.',
         [("person:volodymyr-zelenskyy", "said", '"The situation is stable.', "reported"),
          ("person:volodymyr-zelenskyy", "said", 'Our forces hold the line,"', "reported")]),
        # indirect speech
        ("Zelenskyy told reporters that the front was holding.",
         [("person:volodymyr-zelenskyy", "told", "that the front was holding", "reported")]),
        ("Reuters reported that the convoy had been hit.",
         [("media:reuters", "reported", "that the convoy had been hit", "reported")]),
        ("The Russian Defense Ministry warned that any strike would be answered.",
         [("org:rus-mod", "warned", "that any strike would be answered", "reported")]),
        # according to
        ("According to the Kyiv Independent, three people were killed.",
         [("media:kyiv-independent", "According to", "three people were killed", "reported")]),
        # passive and impersonal
        ("It was reported that the bridge had been damaged.",
         [("anonymous:unnamed-reports", "was reported", "that the bridge had been damaged",
           "hedged")]),  # reported by no one named: as hedged as "reportedly"
        ("It is believed that the commander was killed.",
         [("anonymous:unnamed-reports", "is believed", "that the commander was killed",
           "hedged")]),
        # report adverbs
        ("Troops allegedly shelled the village.",
         [("anonymous:unnamed-reports", "allegedly", "Troops allegedly shelled the village",
           "hedged")]),
        # non-answers
        ("The Kremlin declined to comment.",
         [("org:rus-government", "declined", "to comment", "no_comment")]),
        ("The Pentagon did not confirm the figures.",
         [("org:usa-dod", "did not confirm", "the figures", "unconfirmed")]),
        ("A spokesman refused to say whether troops had crossed.",
         [("anonymous:a-spokesman", "refused", "to say whether troops had crossed", "no_comment")]),
        # denial and speculation in reported speech
        ("The army denied that it had targeted civilians.",
         [("unresolved:the-army", "denied", "that it had targeted civilians", "denied")]),
        ("Analysts say the offensive could resume in spring.",
         [("anonymous:analysts", "say", "the offensive could resume in spring", "speculative")]),
        # social media is the channel, the person the source
        ("Richard Grenell wrote on social media that no one expected an escalation.",
         [("person:richard-grenell", "wrote", "that no one expected an escalation", "reported")]),
    ],
)
def test_attribution_constructions(nlp, text, expected):
    items, _ = claims(nlp, text)
    assert reported(items) == expected


def test_social_media_post_as_source(nlp):
    items, sources = claims(nlp, "A post on Telegram said that the bridge had been hit.")
    [claim] = [c for c in items if c["voice"] == "reported"]
    assert sources[claim["source_id"]]["kind"] == "social_media"


def test_citing_chain_names_the_cited_source(nlp):
    items, sources = claims(nlp, "The Wall Street Journal, citing people familiar with the matter, "
                                 "reported that talks had stalled.")
    [claim] = items
    assert claim["source_id"] == "media:wsj"
    assert claim["via"] == ["anonymous:people-familiar-with-the-matter"]
    assert sources["anonymous:people-familiar-with-the-matter"]["kind"] == "anonymous"


def test_noun_cue_with_possessive_source(nlp):
    items, _ = claims(nlp, "Peskov's statement that the talks were over came late.")
    assert [(c["source_id"], c["cue"]["text"]) for c in items if c["voice"] == "reported"] == [
        ("person:dmitry-peskov", "statement")]


@pytest.mark.parametrize(
    ("text", "source_id", "mention"),
    [
        ("The Washington Post published the leak on Friday. The newspaper said the documents were "
         "authentic.", "media:wapo", "The newspaper"),
        ("The Russian Defense Ministry issued a statement. The ministry said 20 drones had been "
         "destroyed.", "org:rus-mod", "The ministry"),
        ("Dmitry Peskov spoke to journalists on Tuesday. He said the talks were over.",
         "person:dmitry-peskov", "He"),
        ("Sergei Lavrov met the ambassador. The official said no agreement had been reached.",
         "person:sergey-lavrov", "The official"),
        ("The New York Times was the first to report the leak. «The president authorized the "
         "strikes», the publication said.", "media:nyt", "the publication"),
    ],
)
def test_source_back_references(nlp, text, source_id, mention):
    items, sources = claims(nlp, text)
    said = [c for c in items if c["cue"] and c["cue"]["text"] == "said"]
    assert [c["source_id"] for c in said] == [source_id]
    assert mention in [m["text"] for m in sources[source_id]["mentions"]]


def test_unresolvable_reference_is_kept_as_words(nlp):
    items, sources = claims(nlp, "“We will respond,” the defence minister said.")
    [claim] = items
    source = sources[claim["source_id"]]
    assert (source["name"], source["kind"], source["entity_id"]) == (
        "the defence minister", "person", None)


@pytest.mark.parametrize(
    ("text", "status", "negated"),
    [
        ("The bridge was destroyed on Tuesday.", "asserted", False),
        ("The bridge was not destroyed.", "asserted", True),
        ("It appears that cluster warheads were used.", "hedged", False),
        ("The launch site was presumably in the Chernihiv region.", "hedged", False),
        ("Biden seems to be dragging London into this.", "hedged", False),
        ("Biden and Trump may be acting in tandem.", "speculative", False),
        ("There are several theories about the leak.", "speculative", False),
        ("It’s possible that the leak was planned.", "speculative", False),
        ("A deception?", "question", False),
        ("Coincidence?", "question", False),
        ("Unlikely.", "hedged", False),
    ],
)
def test_author_voice_status(nlp, text, status, negated):
    items, sources = claims(nlp, text)
    [claim] = items
    assert (claim["voice"], claim["source_id"], claim["status"], claim["negated"]) == (
        "author", "author", status, negated)
    assert sources["author"]["kind"] == "author"


def test_reported_claims_leave_no_author_duplicate(nlp):
    items, _ = claims(nlp, "Reuters reported that the convoy had been hit. The convoy burned.")
    assert [(c["voice"], c["text"]) for c in items] == [
        ("reported", "that the convoy had been hit"), ("author", "The convoy burned.")]


def test_offsets_index_the_article(nlp):
    text = "«The line holds», Zelensky said. Reuters reported that a convoy was hit. Why now?"
    result = analyze_text(text, AnalyzeOptions(language="en"), nlp=nlp).as_dict()
    body = result["article"]["text"]
    for claim in result["claims"]:
        assert body[claim["start_char"]:claim["end_char"]] == claim["text"]
        for part in ("cue", "source_span"):
            if claim[part]:
                span = claim[part]
                assert body[span["start_char"]:span["end_char"]] == span["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name opening the line, a colon: headlines and transcripts
        ("TAPPER: Do you think the sanctions will work?\n\nFALLIN: I think they will work in time.",
         [("other:tapper", ":", "Do you think the sanctions will work?", "question"),
          ("local:org:fallin", ":", "I think they will work in time", "hedged")]),
        ("Kovalenko: We will hold the city whatever it costs.\n\nThe mayor spoke on Monday.",
         [("other:kovalenko", ":", "We will hold the city whatever it costs", "reported")]),
        # an interview's Q and A lines
        ("Q: Did the army withdraw from the town?\n\nA: No, the army did not withdraw at all.",
         [("interview:interviewer", ":", "Did the army withdraw from the town?", "question"),
          ("interview:interviewee", ":", "No, the army did not withdraw at all", "reported")]),
        # a quotation or a post signed with a dash
        ("“We will not retreat from the city, whatever happens.” ― Olena Kovalenko",
         [("local:person:olena-kovalenko", "―", "“We will not retreat from the city, whatever happens.”",
           "reported")]),
        ("The convoy was hit near the border overnight. pic.example.com/abc — Jane Doe (@janedoe) "
         "May 1, 2024",
         [("local:person:jane-doe", "—", "The convoy was hit near the border overnight.",
           "reported")]),
        # the source of a relative clause is the noun it hangs on
        ("Dmitry Peskov, who said the talks had stalled, left early.",
         [("person:dmitry-peskov", "said", "the talks had stalled", "reported")]),
        # "by saying": the subject of the verb the preposition hangs on
        ("Peskov distanced himself from the plan by saying it had never been discussed.",
         [("person:dmitry-peskov", "saying", "it had never been discussed", "reported")]),
    ],
)
def test_headline_transcript_and_signature_attributions(nlp, text, expected):
    items, _ = claims(nlp, text)
    assert reported(items) == expected


@pytest.mark.parametrize("text", [
    "UPDATE: The bridge was reopened on Monday after repairs.",
    "The result: after the vote the bridge was reopened.",
    "He said it was over — and it was, for a while.",
    "Editor’s note: The following is the second part of a series on the harbour.",
    "Contributing: Jane Roe in Odesa and John Doe in Kyiv.",
    "Twitter: @harbourdesk.",
])
def test_labels_and_dashes_are_not_sources(nlp, text):
    items, _ = claims(nlp, text)
    assert [c for c in items if c["voice"] == "reported" and (c["cue"] or {}).get("text") in
            (":", "—")] == []


@pytest.mark.parametrize(("text", "cue", "source", "content"), [
    ("The decision worried European diplomats.", "worried", "European diplomats", "The decision"),
    ("Business leaders were unsettled by the protests.", "unsettled", "Business leaders", "the protests"),
])
def test_experiencer_is_the_source_of_a_feeling(nlp, text, cue, source, content):
    from claimtrail.extract.attribution.experiencers import _experiencer
    from claimtrail.resources import load_attribution_lexicon

    doc = nlp(text)
    [token] = [t for t in doc if t.text == cue]
    found, _, about = _experiencer(token, load_attribution_lexicon(), None)
    assert (doc.text[slice(*found)], doc.text[slice(*about)]) == (source, content)


def _attributions(nlp, text):
    from claimtrail.extract.attribution import extract_attributions
    from claimtrail.resources import load_attribution_lexicon, load_cue_model

    doc = nlp(text)
    return [(text[slice(*a.cue)], text[slice(*a.source)] if a.source else None,
             text[slice(*a.content)] if a.content else None)
            for a in extract_attributions(doc, load_attribution_lexicon(), load_cue_model())]


@pytest.mark.parametrize(("text", "expected"), [
    # a poll named by "in" is the source of the clause it modifies
    ("In a Kyiv International Institute poll released Monday, 60 percent of respondents backed "
     "talks.",
     ("In", "a Kyiv International Institute poll released Monday",
      "60 percent of respondents backed talks")),
    ("The governor led the challenger by nine points in the same poll.",
     ("in", "the same poll", "The governor led the challenger by nine points")),
])
def test_a_poll_named_by_in_is_a_source(nlp, text, expected):
    assert expected in _attributions(nlp, text)


def test_polls_in_general_are_not_a_source(nlp):
    found = _attributions(nlp, "The governor is rising in the polls after the debate.")
    assert [a for a in found if a[0] == "in"] == []


@pytest.mark.parametrize("text", [
    "The governor seemed to accept the ceasefire terms on Monday.",
    "The ministry appears to have withdrawn the order.",
])
def test_seem_and_appear_take_no_source_from_their_subject(nlp, text):
    [(_cue, source, content)] = [a for a in _attributions(nlp, text)
                                if a[0].split()[-1].startswith(("seem", "appear"))]
    assert source is None and content and content.startswith("to ")


@pytest.mark.parametrize(("text", "source"), [
    # an "it" that names something before it is a source; an expletive "it" is not
    ("The agency suspended her account on Thursday; it did not explain why.", "it"),
    ("It was reported that the bridge had been damaged.", None),
])
def test_expletive_it_and_referring_it(nlp, text, source):
    found = [a for a in _attributions(nlp, text) if a[0].endswith(("explain", "reported"))]
    assert found and found[0][1] == source


def test_double_apostrophe_quotation_is_a_quotation():
    from claimtrail.extract.quotes import find_quotes

    text = ("''We will hold the line,'' said the mayor. ''There is no doubt.''\n\n"
            "``Typewriter quotes'' too, and a plain \"one\".")
    assert [text[s:e] for s, e in find_quotes(text)] == [
        "''We will hold the line,''", "''There is no doubt.''", "``Typewriter quotes''", '"one"']


def test_mixed_quotation_marks_close_each_other():
    from claimtrail.extract.quotes import find_quotes

    text = '“It is over," he said. "We hold the line.” And "not yet,“ she said.'
    assert [text[s:e] for s, e in find_quotes(text)] == [
        '“It is over,"', '"We hold the line.”', '"not yet,“']


def test_an_opening_mark_typed_as_the_closer_closes(nlp):
    from claimtrail.extract.quotes import find_quotes

    text = "“It is unusual,“ said Ana Lima, a lawyer. “We will see.”"
    assert [text[s:e] for s, e in find_quotes(text)] == ["“It is unusual,“", "“We will see.”"]
    # (the second quotation runs on: it is Ana Lima's too, under the same cue)
    assert [(cue, source) for cue, source, _ in _attributions(nlp, text)] == [
        ("said", "Ana Lima, a lawyer"), ("said", "Ana Lima, a lawyer")]


def test_a_refusal_to_act_is_an_attribution_but_neither_a_non_answer_nor_a_claim(nlp):
    text = "Paul refused to join the earlier debate on Monday."
    assert [a[0] for a in _attributions(nlp, text)] == ["refused"]  # as PolNeAR marks it
    items, _ = claims(nlp, text)
    assert [c for c in items if c["voice"] == "reported"] == []  # an act, no statement


@pytest.mark.parametrize(("text", "source"), [
    ("LONDON (Reuters) - Donald Trump said he was unlikely to meet the prime minister.",
     "Donald Trump"),
    ("KYIV, Ukraine (AP) — The mayor said the city was calm overnight.", "The mayor"),
    # the parser may hang the dateline inside the subject: keep the words after the dash
    ("MACAU (Reuters) – Top party donor Sheldon Adelson said on Friday he met the candidate.",
     "Top party donor Sheldon Adelson"),
])
def test_a_dateline_is_not_the_speaker(nlp, text, source):
    [(_cue, found, _)] = [a for a in _attributions(nlp, text) if a[0] == "said"]
    assert found == source


def test_a_promise_belongs_to_the_subject_of_its_clause(nlp):
    # the last source named before it is Putin; the pronoun's own clause names Trump
    items, sources = claims(nlp, "Vladimir Putin said the talks were over. Donald Trump must now "
                                 "fulfill his campaign promise to end the war.")
    [promise] = [c for c in items if (c["cue"] or {}).get("text") == "promise"]
    assert sources[promise["source_id"]]["name"] == "Donald Trump"
    assert promise["text"] == "to end the war"


def test_a_report_noun_without_content_is_no_claim(nlp):
    items, _ = claims(nlp, "The minister kept his promise.")
    assert [c for c in items if (c["cue"] or {}).get("text") == "promise"] == []


@pytest.mark.parametrize(("text", "expected"), [
    # "in a statement" belongs to the saying verb: one attribution, not two
    ("The ministry said in a statement that the talks had failed.",
     [("said", "The ministry", "that the talks had failed")]),
    ("Zelensky, in his nightly address, warned of new attacks.",
     [("warned of", "Zelensky", "new attacks")]),  # PolNeAR: the preposition is the cue's
])
def test_one_attribution_per_saying(nlp, text, expected):
    assert _attributions(nlp, text) == expected


@pytest.mark.parametrize(("text", "content"), [
    ("The claims could not be independently verified.", "The claims"),
    ("Reuters could not immediately verify the report.", "the report"),
])
def test_could_not_verify_is_unconfirmed(nlp, text, content):
    items, _ = claims(nlp, text)
    [claim] = [c for c in items if c["voice"] == "reported"]
    assert (claim["status"], claim["text"]) == ("unconfirmed", content)


def test_of_two_attributions_holding_each_other_the_longer_content_is_outer():
    # "X told aides that…, according to Y": a loose parse can put each cue in the other's content
    told = Attribution((10, 14), "verb", "tell", (0, 9), (20, 60), 0, False)
    according = Attribution((62, 74), "according_to", "according to", (75, 90), (0, 61), 0, False)
    inner = Attribution((30, 34), "verb", "say", (25, 29), (35, 55), 0, False)
    assert outermost([told, according, inner]) == [according]


def test_a_trailing_speech_participle_belongs_to_the_speaker(nlp):
    text = ("The mayor argued that the new bridge would keep lorries out of the old town, "
            "saying it was “a matter of safety.”")
    found = _attributions(nlp, text)
    assert ("argued", "The mayor",
            "that the new bridge would keep lorries out of the old town") in found
    assert ("saying", "The mayor", "it was “a matter of safety.”") in found


def test_a_participle_with_its_own_subject_keeps_it(nlp):
    text = "The mayor argued that the bridge was safe, the engineers saying it needed repairs."
    saying = [row for row in _attributions(nlp, text) if row[0] == "saying"]
    assert [source for _, source, _ in saying] == ["the engineers"]


@pytest.mark.parametrize(("text", "first", "second"), [
    ("Rivera said that he will try to form a stable government and insisted that his party "
     "was still the first force in Spain.",
     ("said", "Rivera", "that he will try to form a stable government"),
     ("insisted", "Rivera", "that his party was still the first force in Spain")),
    ("The minister conceded that the talks had stalled but implied that Kyiv was to blame.",
     ("conceded", "The minister", "that the talks had stalled"),
     ("implied", "The minister", "that Kyiv was to blame")),
])
def test_a_second_coordinated_speech_verb_closes_the_first_content(nlp, text, first, second):
    # the parser hangs the second verb on the first one's reported clause
    found = _attributions(nlp, text)
    assert first in found
    assert second in found


def test_a_word_of_another_quotation_is_not_the_speaker(nlp):
    # the parser may take the last word of a quotation for a second subject of the cue after it
    text = ("“There are places that are more dangerous,” the candidate said.\u00a0\n\n"
            "“Like Oakland. Or Ferguson,”\u00a0Trump said.\u00a0“The crime numbers are worse.”")
    sources = {source for cue, source, _ in _attributions(nlp, text) if cue == "said"}
    assert sources == {"the candidate", "Trump"}


@pytest.mark.parametrize(("text", "cue", "source"), [
    # the passive subject of "quoted as saying" speaks; "saying" is no second cue
    ("“The border stays closed,” Larijani was quoted as saying.", "was quoted", "Larijani"),
    # a second "said" the parser hung on a clause of the first has the first one's speaker
    ("Clark said Brooks had begun making calls - there are two from each district - but said "
     "the outcome was still up in the air.", "said", "Clark"),
    # a speaker the parser made an apposition of the noun before the cue
    ("Instead the suspect chose to travel to Jordan, a statement of facts filed with his plea "
     "agreement said.", "said", "a statement of facts filed with his plea agreement"),
])
def test_speakers_the_parser_hides(nlp, text, cue, source):
    found = [(c, s) for c, s, _ in _attributions(nlp, text) if s is not None]
    assert found and all(s == source for _, s in found), found
    assert [c for c, _ in found if c == cue], found
    assert "saying" not in [c for c, _ in found]


@pytest.mark.parametrize(("text", "source"), [
    # a thing the speaking clause hangs on is no speaker
    ("The general was heard on a microphone telling the pilots to turn back.", "The general"),
    # a report noun is one
    ("The agency published a report suggesting that the dam was weak.", "a report"),
])
def test_a_thing_is_not_the_speaker_of_a_clause_hung_on_it(nlp, text, source):
    found = [s for c, s, _ in _attributions(nlp, text) if c in ("telling", "suggesting")]
    assert found == [source]


def test_an_outlet_quoting_someone_as_saying_passes_their_words_on(nlp):
    text = "The radio quoted a local farmer as saying he saw two drones over the village."
    analysis = analyze_text(text, AnalyzeOptions(language="en"), nlp=nlp)
    names = {s.id: s.name for s in analysis.sources}
    [claim] = [c for c in analysis.claims if c.voice == "reported"]
    assert (names[claim.source_id], [names[v] for v in claim.via], claim.text) == (
        "a local farmer", ["The radio"], "he saw two drones over the village")
    # PolNeAR annotates the outlet as the source: its view of the same attribution
    from claimtrail.evaluate.attribution import polnear_view
    from claimtrail.extract.attribution import extract_attributions
    from claimtrail.resources import load_attribution_lexicon, load_cue_model

    [att] = [a for a in extract_attributions(nlp(text), load_attribution_lexicon(),
                                             load_cue_model()) if a.source]
    seen = polnear_view(att)
    assert (text[slice(*seen.source)], text[slice(*seen.content)]) == (
        "The radio", "a local farmer as saying he saw two drones over the village")
    # citing something as proof is no quotation
    assert [s for c, s, _ in _attributions(nlp, "The senator cited the report as proof of "
                                                "fraud.") if c == "cited"] in ([], ["The senator"])


def test_asked_before_the_clause_is_an_unnamed_question(nlp):
    from .claim_helpers import claims

    found = claims(nlp, "Asked about the ceasefire, the envoy said the talks would resume.")
    asked = [c for c in found if c[3].startswith("Asked")]
    said = [c for c in found if c[3] == "said"]
    assert [(c[0], c[2]) for c in asked] == [("unnamed reports", "question")]
    assert [(c[0], c[2]) for c in said] == [("the envoy", "reported")]


def test_a_title_and_a_name_split_into_two_subjects_are_one_source(nlp):
    from .claim_helpers import claims

    found = claims(nlp, "Former Foreign Secretary and opposition frontrunner Maria Lindqvist is "
                        "calling for the government to recall its ambassador.")
    [(name, kind, status, _cue, text)] = found
    assert (name, kind, status) == ("Maria Lindqvist", "person", "reported")
    assert text.startswith("for the government to recall")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a negated giving of details is a non-answer; giving anything else is no claim
        ("Police sources wouldn’t offer any details about the second car.",
         [("Police sources", "no_comment")]),
        ("The ministry has not given a reason for the delay.", [("The ministry", "no_comment")]),
        ("The ministry did not give the money back.", []),
        # a dare, a push and a reassurance with what they ask or assure are said by their subject
        ("The admiral dared the rebels to attack the port again.", [("The admiral", "reported")]),
        ("The senator has been pushing the agency to release the files.",
         [("The senator", "reported")]),
        ("The mayor reassured residents that the water was safe.", [("The mayor", "reported")]),
        # but an experience is the one who feels it
        ("The news worried investors.", []),
    ],
)
def test_acts_and_non_answers_with_objects(nlp, text, want):
    from .claim_helpers import claims

    assert [(c[0], c[2]) for c in claims(nlp, text)] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # who issues a statement speaks through it
        ("The ministry issued a statement saying the convoy had turned back.",
         [("The ministry", "reported")]),
        ("The mayor's office released a statement disavowing the remarks.",
         [("The mayor's office", "denied")]),
        # an infinitive hung on a thing: the subject of the verb it belongs to speaks
        ("The governor went out of her way to say that the budget was balanced.",
         [("The governor", "reported")]),
        # "all" after a coordination names each conjunct
        ("The president and the defence ministers all urged a larger role for the army.",
         [("The president", "reported"), ("the defence ministers", "reported")]),
    ],
)
def test_who_speaks_through_a_thing(nlp, text, want):
    from .claim_helpers import claims

    assert [(c[0], c[2]) for c in claims(nlp, text)] == want


@pytest.mark.parametrize("text", [
    "The governor spoke for an hour, before clarifying that the tax would stay.",
    "The admiral underlined that the fleet would stay in the strait.",
    "In her memoir she recounts that the talks nearly collapsed twice.",
    "The ministry did not specify how many soldiers were wounded.",
])
def test_more_speech_verbs(nlp, text):
    from .claim_helpers import claims

    assert len(claims(nlp, text)) == 1


@pytest.mark.parametrize(("text", "source"), [
    # "as" opening a clause of time is no parenthetical "as they say"
    ("The bill stalled as Democrats blasted the senator for blocking the vote.", "Democrats"),
    # a call made in a phrase hung on an adjective: the subject of its verb calls
    ("The senator has been aggressive in pushing the agency to release the files.",
     "The senator"),
])
def test_clauses_that_hide_their_speaker(nlp, text, source):
    from .claim_helpers import claims

    assert [c[0] for c in claims(nlp, text)] == [source]


def test_a_quotation_of_its_own_after_someone_who_saw_it_is_theirs(nlp):
    from .claim_helpers import claims

    text = ("The depot burned for hours. The guard's brother, Tomas, saw it too. "
            "“It kept exploding, again and again.”")
    assert [(c[0], c[4]) for c in claims(nlp, text)] == [
        ("Tomas", "“It kept exploding, again and again.”")]


def test_a_title_after_a_verb_is_no_quotation_of_its_own(nlp):
    from .claim_helpers import claims

    assert claims(nlp, "The senator watched “the evening news” with her staff.") == []


@pytest.mark.parametrize(("text", "n"), [
    ("The president ordered the release of the text messages.", 0),  # a decision
    ("The judge ordered the agency to release the files.", 1),  # a directive
    ("The president has ordered that the files be released.", 1),
    ("The police will be asking the public for help.", 0),  # a request, no question
    ("Staff could ask questions at the meeting.", 0),
    ("Reporters asked whether the talks would resume.", 1),
])
def test_an_order_of_a_thing_says_nothing(nlp, text, n):
    from .claim_helpers import claims

    assert len(claims(nlp, text)) == n


@pytest.mark.parametrize(("text", "want"), [
    ("The former adviser also questioned the logic of the plan.", [("The former adviser", "denied")]),
    ("Analysts questioned the minister's claim.", [("Analysts", "denied")]),
    ("Detectives questioned the suspect for six hours.", []),
    ("Senators questioned whether the plan would work.", [("Senators", "question")]),
])
def test_questioning_a_claim_denies_it(nlp, text, want):
    from .claim_helpers import claims

    assert [(c[0], c[2]) for c in claims(nlp, text)] == want


def test_a_possibility_in_what_someone_believes_stays_one(nlp):
    from .claim_helpers import claims

    text = "The envoy said he believes there may be a deal by Friday."
    assert [c[2] for c in claims(nlp, text)] == ["speculative"]


@pytest.mark.parametrize(("text", "want"), [
    ("No reason has been given by the campaign.",
     [("the campaign", "no_comment")]),
    ("There was no explanation from the embassy.", [("the embassy", "no_comment")]),
    ("There was no reason for the delay.", []),
])
def test_no_reason_given_is_a_non_answer(nlp, text, want):
    from .claim_helpers import claims

    assert [(c[0], c[2]) for c in claims(nlp, text)] == want


def test_a_forecast_in_an_absolute_phrase_is_an_unnamed_report(nlp):
    from .claim_helpers import claims

    text = ("With the number of retirees projected to double by 2040, the fund will need more "
            "money.")
    [(name, _kind, status, _cue, claimed)] = claims(nlp, text)
    assert (name, status) == ("unnamed reports", "hedged")
    assert claimed.startswith("the number of retirees projected to double")


def test_someone_speaking_inside_according_to_speaks_via_the_outlet(nlp):
    from claimtrail.analyze import analyze_text

    an = analyze_text("The driver says the convoy never stopped at the border, according to the "
                      "Gazette.", nlp=nlp)
    sources = {s.id: s for s in an.sources}
    [claim] = [c for c in an.claims if c.voice == "reported"]
    assert sources[claim.source_id].name == "The driver"
    assert [sources[v].name for v in claim.via] == ["Gazette"]
    assert claim.text == "the convoy never stopped at the border"


def test_according_to_over_a_plain_clause_is_the_outlet_s(nlp):
    from .claim_helpers import claims

    found = claims(nlp, "The strike killed three people, according to the ministry.")
    assert [(c[0], c[4]) for c in found] == [("the ministry", "The strike killed three people")]
