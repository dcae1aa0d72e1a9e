"""How sure a source is (issue 18, patterns 6 and 7, and status from the main clause). Every
example is invented."""

from __future__ import annotations

import pytest

from claimtrail.analyze import analyze_text


@pytest.fixture(scope="module")
def statuses(nlp):
    def run(text: str) -> list[tuple[str, str]]:
        analysis = analyze_text(text, nlp=nlp)
        return [(c.text, c.status) for c in analysis.claims if c.voice == "reported"]
    return run


def assert_ends(got, want):
    """Each claim ends as wanted, with the wanted status (a call's content may or may not take
    in whom it calls on, so only the ends are compared)."""
    assert len(got) == len(want), got
    assert [(c[-len(w[0]):], s) for (c, s), w in zip(got, want, strict=True)] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a rule in a document: its "may" is permission, not a guess
        ("The new doctrine says Russia may use nuclear weapons in response to an attack.",
         [("Russia may use nuclear weapons in response to an attack", "reported")]),
        ("The decree states that the army can open fire on armed intruders.",
         [("that the army can open fire on armed intruders", "reported")]),
        # the same modal from a person is a possibility
        ("The minister said Russia may use nuclear weapons in response to an attack.",
         [("Russia may use nuclear weapons in response to an attack", "speculative")]),
        # the month May is not a hedge
        ("The ministry said the drills would start in May.",
         [("the drills would start in May", "reported")]),
        # a modal inside a clause under the main verb does not make the whole claim a guess
        ("The senator said the administration knows that the deal could collapse.",
         [("the administration knows that the deal could collapse", "reported")]),
    ],
)
def test_modals(statuses, text, want):
    assert statuses(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # beliefs and wishes are held, not asserted
        ("The general believes the offensive will fail.",
         [("the offensive will fail", "hedged")]),
        ("Western diplomats fear that the truce will not hold.",
         [("that the truce will not hold", "hedged")]),
        # a quoted "I think" heading the sentence is the speaker's hedge…
        ('"I think the sanctions are working," the minister said.',
         [('"I think the sanctions are working,"', "hedged")]),
        # …but not when it governs half of it
        ('"The talks went well, and I think we will meet again," the minister said.',
         [('"The talks went well, and I think we will meet again,"', "reported")]),
        # a transcript's question without its question mark, and a question asked
        ('"What was the minister\'s role in this deal." Harris said.',
         [('"What was the minister\'s role in this deal."', "question")]),
        ("Reporters asked whether the border would reopen.",
         [("whether the border would reopen", "question")]),
        # a denial in the first person
        ('"I categorically deny these allegations," the governor said.',
         [('"I categorically deny these allegations,"', "denied")]),
    ],
)
def test_beliefs_questions_denials(statuses, text, want):
    assert statuses(text) == want


def test_a_quotation_of_several_sentences_gives_a_claim_per_sentence(statuses):
    got = statuses('"We will not give up. We may have to wait," the mayor said.')
    assert got == [('"We will not give up.', "reported"), ('We may have to wait,"', "speculative")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # "possible" in an idiom or after its noun hedges nothing
        ("The commander said the army must retreat as quickly as possible.",
         [("the army must retreat as quickly as possible", "reported")]),
        ("Experts noted that the militia urged attacks by any means possible.",
         [("that the militia urged attacks by any means possible", "reported")]),
        # "could not" states an inability, not a possibility; "could" alone is one
        ("The embassy said it could not attend the talks.",
         [("it could not attend the talks", "reported")]),
        ("The embassy said the illness could be linked to the earlier cases.",
         [("the illness could be linked to the earlier cases", "speculative")]),
        # declining to speculate is a non-answer
        ("The minister declined to speculate on a second round of talks.",
         [("to speculate on a second round of talks", "no_comment")]),
    ],
)
def test_speculation_words_that_hedge_nothing(statuses, text, want):
    assert statuses(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # asking someone to do something is a request, not a question
        ("The officer asked to see the driver's papers.",
         [("to see the driver's papers", "reported")]),
        # a quotation after "asked" is a question only when it is one
        ('"Are we going to change?" the governor asked. "We are not changing."',
         [('"Are we going to change?"', "question"), ('"We are not changing."', "reported")]),
        ("Journalists asked whether the convoy had crossed the border.",
         [("whether the convoy had crossed the border", "question")]),
    ],
)
def test_asking_cues_make_questions_only_of_questions(statuses, text, want):
    assert statuses(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # what a source means to do is no statement
        ("The senator plans to enter the race for governor.", []),
        ("The agency refused to release the records.", []),
        ("The rebels want to join the talks.", []),
        # a refusal to comment is a non-answer, and a call is a claim
        ("The agency refused to comment on the records.",
         [("to comment on the records", "no_comment")]),
        ("The mayor urged residents to leave the city.", [("to leave the city", "reported")]),
    ],
)
def test_intentions_are_not_claims(statuses, text, want):
    assert_ends(statuses(text), want)


def test_the_authors_own_words_are_no_reported_claim(nlp):
    analysis = analyze_text("I wrote last week that the bridge would not reopen before May.",
                            nlp=nlp)
    assert [c.voice for c in analysis.claims] == ["author"]
    # but "I" in someone's quotation is that someone
    analysis = analyze_text('"I think the bridge will reopen," the mayor said.', nlp=nlp)
    assert [c.voice for c in analysis.claims] == ["reported"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a report with no one named is as hedged as "reportedly"
        ("It is reported that the dam was damaged in the night.",
         [("that the dam was damaged in the night", "hedged")]),
        # hinting and implying are no plain statement
        ("The senator is hinting that the agency covered up the leak.",
         [("that the agency covered up the leak", "hedged")]),
        # a source that could not establish its content leaves it unconfirmed
        ("The embassy said it could not link the illness to the earlier cases.",
         [("it could not link the illness to the earlier cases", "unconfirmed")]),
        # a question asked about something
        ("Reporters asked about the convoy.", [("the convoy", "question")]),
        # but questioning a plan challenges it
        ("The general questioned the plan.", [("the plan", "denied")]),
    ],
)
def test_reports_hints_inability_and_questions(statuses, text, want):
    assert statuses(text) == want


def test_a_negated_link_is_unconfirmed_and_advice_takes_its_own_quotation(statuses):
    assert statuses("The ministry has not linked the fire to the earlier attacks.") == [
        ("the fire to the earlier attacks", "unconfirmed")]
    # advice after its quotation, with the next paragraph's quotation closer to the cue
    got = statuses('The embassy issued a warning.\n"If you hear sirens, do not go outside," '
                   'the alert advised.\n"Stay away from windows."\n')
    assert got == [('"If you hear sirens, do not go outside,"', "reported"),
                   ('"Stay away from windows."', "reported")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # evidence is not someone's word…
        ("Photos from the scene showed that the bridge had collapsed.", []),
        ("The findings echo earlier reports of damage to the dam.", []),
        # …but a document, a person or an organisation showing something is
        ("The report showed that the bridge had collapsed.",
         [("that the bridge had collapsed", "reported")]),
    ],
)
def test_evidence_is_no_source(statuses, text, want):
    assert statuses(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # not denying is not confirming
        ("The minister did not deny the report.", [("the report", "unconfirmed")]),
        # playing something down is a view of it, not a denial
        ("The ambassador played down the remarks as campaign talk.",
         [("the remarks as campaign talk", "reported")]),
        # a belief quoting a question is still a belief
        ('The columnist imagined the governor was thinking: "What have I done?"',
         [('the governor was thinking: "What have I done?"', "hedged")]),
        # a suggestion of what should be done is stated, one of what might be is a guess
        ("The senator suggested the army should send more troops.",
         [("the army should send more troops", "reported")]),
        ("The senator suggested the army might send more troops.",
         [("the army might send more troops", "speculative")]),
        # "we hope" heading a quotation is a hedge
        ('"We hope the talks will resume," the envoy said.',
         [('"We hope the talks will resume,"', "hedged")]),
    ],
)
def test_denials_beliefs_and_suggestions(statuses, text, want):
    assert_ends(statuses(text), want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # acts with nothing said
        ("The leading candidates lashed out on Tuesday.", []),
        ("The agency declined an offer to extend the mission.", []),
        ("The Security Council called an emergency session.", []),
        # also after a phrase of time the parser hangs on the verb
        ("In the first week of the war, chairman Omar Haddad called a closed meeting of the "
         "council.", []),
        # but a name called and a call for something are said
        ("The senator called the plan a disgrace.", [("the plan a disgrace", "reported")]),
        ("The senator called for an inquiry.", [("an inquiry", "reported")]),
        # a headline's own clause before a colon is no source
        ("Governor Defies Court Ruling: Won't Open The Files\n\nThe governor met the press.", []),
    ],
)
def test_acts_with_nothing_said(statuses, text, want):
    assert_ends(statuses(text), want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a conclusion or a notion someone comes to or holds is theirs
        ("The inspectors came to the conclusion that the dam was safe.",
         [("that the dam was safe", "hedged")]),
        ("Party leaders are growing comfortable with the notion that the army must grow.",
         [("that the army must grow", "hedged")]),
        # an idea no one is said to hold reports nothing
        ("There is wide support for the idea that the war will end soon.", []),
    ],
)
def test_conclusions_and_notions_held(statuses, text, want):
    assert statuses(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # fearing or expecting a thing is believing in it
        ("The neighbours feared a new offensive in the spring.",
         [("a new offensive", "hedged")]),
        # ruling out doing something denies it
        ("The governor ruled out running for a third term.",
         [("running for a third term", "denied")]),
        # a denial is a claim even when nothing follows it
        ("The ministry dismissed the report as propaganda.",
         [("the report as propaganda", "denied")]),
    ],
)
def test_fears_and_rulings_out(statuses, text, want):
    assert_ends(statuses(text), want)


def test_considering_something_is_holding_it(statuses):
    assert statuses("Most economists consider the new debt level sustainable.") == [
        ("the new debt level sustainable", "hedged")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a cue set inside the clause it reports: the clause around it is the content
        ("The strike, the ministry said, killed three people.",
         [("The strike, the ministry said, killed three people", "reported")]),
        ("The army, he said, may well have fired first.",
         [("The army, he said, may well have fired first", "speculative")]),
        # and a cue after its clause keeps the clause before it
        ("The bridge was destroyed, the mayor said.", [("The bridge was destroyed", "reported")]),
    ],
)
def test_a_cue_inside_its_clause(statuses, text, want):
    assert statuses(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # not agreeing with a statement, or not believing it, denies it
        ("The mayor does not agree that the bridge is unsafe.",
         [("that the bridge is unsafe", "denied")]),
        ("The union disagrees that the strike was illegal.",
         [("that the strike was illegal", "denied")]),
        ("The general does not believe the convoy was attacked.",
         [("the convoy was attacked", "denied")]),
        # agreeing does not
        ("The mayor agrees that the bridge is unsafe.",
         [("that the bridge is unsafe", "reported")]),
    ],
)
def test_negated_agreement_denies(statuses, text, want):
    assert_ends(statuses(text), want)


def test_a_belief_outside_a_quotation_holds_all_of_it(statuses):
    text = ('Asked about the plan, the envoy said he believes "the talks will resume soon. '
            'Both sides want a deal."')
    assert [s for _, s in statuses(text)][-2:] == ["hedged", "hedged"]


def test_a_belief_inside_a_quotation_holds_its_own_sentence(statuses):
    text = '"I think we will win the vote. We have the numbers," the senator said.'
    assert [s for _, s in statuses(text)] == ["hedged", "reported"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # an attitude heading the content, with a pronoun for the source, hedges it
        ("The envoy said she is concerned about the fighting near the port.",
         [("she is concerned about the fighting near the port", "hedged")]),
        ("The agency added that it is not sure what caused the outage.",
         [("that it is not sure what caused the outage", "hedged")]),
        # a quotation after whom it was said to is what was said
        ("The senator turned to the witness, chiding him, “Who signed the order?”",
         [("“Who signed the order?”", "question")]),
        # whoever was asked does not ask
        ("The minister smiled when asked about the talks.", [("the talks", "question")]),
    ],
)
def test_attitudes_conclusions_and_questions(statuses, text, want):
    assert statuses(text) == want


def test_what_the_speaker_believes_to_be_so_is_hedged(statuses):
    assert statuses("“I have seen what I believe to be credible evidence of a second shooter,” "
                    "the senator said.") == [
        ("“I have seen what I believe to be credible evidence of a second shooter,”", "hedged")]
    assert statuses("“We received what we feel to be reliable warnings,” the mayor said.")[0][1] \
        == "hedged"
    # what someone else believes hedges nothing of the speaker's
    assert statuses("“I have seen what they believe to be credible evidence,” the senator "
                    "said.")[0][1] == "reported"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # whom a statement goes to is not what it says: no claim
        ("One sign of this is the recent phone call by outgoing Austrian Chancellor Karl Moser to "
         "the Hungarian leader.", []),
        ("The envoy's letter to Minister Tomas Berg arrived on Monday.", []),
        # what it says still is
        ("The envoy's warning that talks could fail reached Minister Tomas Berg.",
         [("that talks could fail", "speculative")]),
    ],
)
def test_a_noun_cue_addressed_to_someone_says_nothing_of_them(statuses, text, want):
    assert statuses(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a relative pronoun stands for the noun the clause describes
        ("The guarantees that the coalition promised have not materialised.",
         [("The guarantees", "reported")]),
        # a free relative says nothing the text spells out: no claim of "what"
        ("Contrary to what the ministry is asserting, the depot was empty.", []),
    ],
)
def test_a_pronoun_alone_is_no_claim_text(statuses, text, want):
    assert statuses(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the author's own framing of what follows: no one else's claim
        ("There is something important to note: nobody had shelled the port.", []),
        # nothing to say is a non-answer
        ("The governor had nothing to say about the evacuation.",
         [("the evacuation", "no_comment")]),
        # but a clause said in such an infinitive is said
        ("The envoy went out of her way to say that the talks had not failed.",
         [("that the talks had not failed", "reported")]),
    ],
)
def test_a_speech_infinitive_that_describes_a_noun(statuses, text, want):
    assert statuses(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the writer's own connectives built on "say" attribute nothing
        ("That is to say, the ceasefire never held.", []),
        ("Having said that, the convoy did reach the town.", []),
        ("Needless to say, the minister said the port was open.",
         [("the port was open", "reported")]),
        # a question word is no source
        ("Who can really say?", []),
        # a relative pronoun is the person it stands for
        ("The envoy, who said the talks were over, flew home.",
         [("the talks were over", "reported")]),
    ],
)
def test_connectives_and_question_words_are_no_one_speaking(statuses, text, want):
    assert statuses(text) == want
