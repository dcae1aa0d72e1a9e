"""The learned event-mention filter (extract/events/mention_model.py): it drops the rules' PLOVER
events that tell no happening, keeps extensions, renumbers and keeps links; the shipped model keeps
plain reports of acts and drops attitudes, predictions and habits (invented sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrail.analyze import analyze_article, analyze_text
from claimtrail.extract.events import EventModel, filter_events
from claimtrail.extract.events.mention_model import event_features
from claimtrail.ingest import ingest_bytes
from claimtrail.options import AnalyzeOptions
from claimtrail.resources import load_event_model

OPTIONS = AnalyzeOptions(language="en", published=dt.date(2024, 11, 22))


def analysed(nlp, text, event_filter):
    article = ingest_bytes(text.encode("utf-8"), OPTIONS, name="text")
    doc = nlp(article.analysed_text)
    return analyze_article(article, doc, nlp, event_filter=event_filter), doc


def test_the_filter_drops_what_the_model_rejects_and_renumbers(nlp):
    text = ("Russia attacked Kharkiv on Monday. The ministry said Ukraine was willing to hold talks. "
            "Ukraine retaliated against Russia in response to the attack.")
    analysis, doc = analysed(nlp, text, False)
    events = list(analysis.events)
    types = [e.plover_type for e in events]
    assert "ASSAULT" in types and len(events) >= 3
    # a model that rejects exactly the events of one lemma: the rest stay, in order, renumbered
    dropped = events[1]
    lemma = next(f for f in event_features(dropped, doc) if f.startswith("lemma="))
    model = EventModel({lemma: -10.0}, 0.0, 0.25)
    kept = filter_events(events, doc, model)
    assert [e.trigger for e in kept] == [e.trigger for e in events
                                         if e.extension or lemma not in event_features(e, doc)]
    assert [e.id for e in kept] == [f"e{k}" for k in range(1, len(kept) + 1)]
    ids = {e.id for e in kept}
    assert all(lnk.target is None or lnk.target in ids for e in kept for lnk in e.links)


def test_extensions_are_never_filtered(nlp):
    analysis, doc = analysed(nlp, "The Pentagon declined to comment. Russia said it attacked Kyiv.",
                             False)
    everything = EventModel({}, -50.0, 0.5)  # rejects every PLOVER-type event
    kept = filter_events(list(analysis.events), doc, everything)
    assert kept and all(e.extension for e in kept)
    assert len(kept) == sum(e.extension for e in analysis.events)


def test_no_model_keeps_everything(nlp):
    analysis, doc = analysed(nlp, "Russia attacked Kharkiv on Monday.", False)
    assert filter_events(list(analysis.events), doc, None) == list(analysis.events)


def test_a_link_to_a_dropped_event_keeps_its_cue_without_a_target(nlp):
    text = "Russia attacked Kharkiv. Ukraine struck Belgorod in response to the attack."
    analysis, doc = analysed(nlp, text, False)
    events = list(analysis.events)
    linked = [e for e in events if any(lnk.target for lnk in e.links)]
    assert linked, "the rules link the strike to the attack (tests/test_events.py)"
    target = next(lnk.target for lnk in linked[0].links if lnk.target)
    gone = next(e for e in events if e.id == target)
    lemma = next(f for f in event_features(gone, doc) if f.startswith("lemma="))
    kept = filter_events(events, doc, EventModel({lemma: -10.0}, 0.0, 0.25))
    after = next(e for e in kept if e.trigger == linked[0].trigger)
    assert all(lnk.target is None for lnk in after.links)
    assert any(lnk.target_text for lnk in after.links)


@pytest.mark.parametrize(("text", "kind"), [
    ("The rebels released the hostages on Friday.", "RETREAT"),
    ("Russian missiles hit an energy facility in Lviv overnight.", "ASSAULT"),
    ("Chinese warships surrounded Taiwan during the drills.", "COERCE"),
    ("The United Nations appealed to donors for 4 billion dollars for Yemen.", "REQUEST"),
    ("Israeli soldiers beat detainees on the West Bank.", "ASSAULT"),
    ("The European Union imposed new sanctions on Iran on Monday.", "SANCTION"),
])
def test_the_shipped_model_keeps_plain_reports_of_acts(nlp, text, kind):
    found = analyze_text(text, OPTIONS, nlp=nlp).events
    assert kind in [e.plover_type for e in found]


@pytest.mark.parametrize("text", [
    "The campaign said it was open to a second debate.",
    "Analysts warned that the economy could slow next year.",
    "He talks to reporters every week about the budget.",
])
def test_the_shipped_model_drops_attitudes_predictions_and_habits(nlp, text):
    rules = [e for e in analysed(nlp, text, False)[0].events if not e.extension]
    assert rules, "the rules no longer propose an event here: pick another sentence"
    found = [e for e in analyze_text(text, OPTIONS, nlp=nlp).events if not e.extension]
    assert found == []


def test_the_shipped_model_reads_its_own_features():
    model = load_event_model()
    assert 0.0 < model.threshold < 1.0 and len(model.weights) > 500
    assert any(name.startswith("lemma=") for name in model.weights)
