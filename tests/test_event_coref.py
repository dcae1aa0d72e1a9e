"""Issue 19: mentions of one happening become one event, and distinct happenings stay apart
(invented reports, analysed by the real pipeline)."""

from __future__ import annotations

from claimtrail.analyze import analyze_text


def _assaults(text: str, nlp):
    return [e for e in analyze_text(text, nlp=nlp).events if e.type == "ASSAULT"]


def test_the_main_act_and_its_nominal_mentions_are_one_event_with_its_actor(nlp):
    text = ("Iran fired ballistic missiles at Israel on Tuesday night in an attack on the Nevatim "
            "air base, the army said. The attack caused little damage, officials said.\n")
    events = _assaults(text, nlp)
    assert len(events) == 1, [(e.trigger.text, [a.text for a in e.actors]) for e in events]
    event = events[0]
    assert [a.text for a in event.actors] == ["Iran"]
    # "fired … in an attack on" is one trigger; "The attack caused" is another mention
    assert event.trigger.start_char <= text.index("attack on") < event.trigger.end_char
    assert [(m.text, m.start_char) for m in event.mentions] == [
        ("attack", text.index("attack caused"))]


def test_two_strikes_on_two_cities_stay_two_events(nlp):
    text = ("Russian missiles struck Odesa on Monday, killing three people. "
            "On Wednesday Russian drones struck Dnipro, the governor said.\n")
    events = _assaults(text, nlp)
    places = {e.location.name for e in events if e.location}
    assert {"Odesa", "Dnipro"} <= places
    assert not any(e.mentions and e.location and e.location.name == "Odesa"
                   and any(m.start_char > text.index("Wednesday") for m in e.mentions)
                   for e in events)


def test_the_attack_of_another_actor_is_not_joined(nlp):
    text = ("Israel struck targets in Lebanon on Monday. Hezbollah fired rockets at Israel on "
            "Tuesday. The rockets were intercepted.\n")
    events = _assaults(text, nlp)
    actors = [{a.name for a in e.actors} for e in events]
    assert len(events) >= 2, actors
    assert not any(len(a) > 1 for a in actors)


def test_a_negated_attack_is_not_joined_to_an_actual_one(nlp):
    text = ("Rebels attacked the army base near Goma on Friday. The army said the rebels did not "
            "attack the airport.\n")
    events = _assaults(text, nlp)
    assert {e.negated for e in events} == {True, False}


def test_event_ids_are_renumbered_in_order_and_links_follow(nlp):
    text = ("Iran fired ballistic missiles at Israel in an attack on the Nevatim air base. The "
            "attack came in response to the killing of a Hezbollah leader, Iran said.\n")
    analysis = analyze_text(text, nlp=nlp)
    ids = [e.id for e in analysis.events]
    assert ids == [f"e{n}" for n in range(1, len(ids) + 1)]
    for event in analysis.events:
        for link in event.links:
            assert link.target is None or link.target in ids
            assert link.target != event.id


def test_the_headline_event_takes_the_ledes_words_for_it(nlp):
    text = ("Rebels shell border town as talks stall\n\n"
            "Rebel forces shelled the border town of Kessa on Monday, killing four people, the "
            "regional governor said.\n\nLater the army was put on alert.\n")
    events = _assaults(text, nlp)
    headline = next(e for e in events if e.trigger.text == "shell")
    assert [m.text for m in headline.mentions][:1] == ["shelled"]
    assert [a.text for a in headline.actors] == ["Rebel forces"]
    assert headline.when.text == "Monday" and headline.main
    assert not any(e.trigger.text == "shelled" for e in events)


def test_a_headline_event_is_not_joined_to_a_lede_event_of_other_parties(nlp):
    text = ("Republicans blast Obama after North Korea nuclear test\n\n"
            "The Republican candidates condemned North Korea on Wednesday after it said it had "
            "tested a hydrogen bomb.\n")
    accusations = [e for e in analyze_text(text, nlp=nlp).events if e.type == "ACCUSE"]
    assert len(accusations) == 2, [(e.trigger.text, [a.text for a in e.recipients])
                                   for e in accusations]


def test_the_same_participants_again_nearby_are_the_same_happening(nlp):
    text = ("Gunmen attacked a convoy near Kessa on Monday, killing four soldiers. The gunmen "
            "fired on the convoy from a hillside, the army said.\n")
    events = _assaults(text, nlp)
    assert len(events) == 1, [(e.trigger.text, [a.text for a in e.actors]) for e in events]
    assert {m.text for m in events[0].mentions} == {"killing", "fired on"}


def test_the_attacker_shot_by_police_is_not_the_same_happening_as_his_attack(nlp):
    text = ("Police shot the gunman on Tuesday. The gunman had killed four people at the market, "
            "the police said.\n")
    events = _assaults(text, nlp)
    assert len(events) == 2
    assert not any(e.mentions for e in events)


def test_the_same_attackers_against_another_target_stay_apart(nlp):
    text = ("Gunmen attacked a convoy near Kessa on Monday. The gunmen also attacked a school in "
            "the town, the army said.\n")
    events = _assaults(text, nlp)
    assert len(events) == 2


def test_a_condemnation_of_a_deed_is_aimed_at_whoever_did_it(nlp):
    text = ("Russia fired missiles at Odesa overnight, the governor said. Ukraine's foreign "
            "ministry condemned the strike.\n")
    events = analyze_text(text, nlp=nlp).events
    [condemned] = [e for e in events if e.type == "ACCUSE"]
    assert [a.name for a in condemned.recipients] == ["Russia"]
    assert not any(a.inferred for a in condemned.recipients)

