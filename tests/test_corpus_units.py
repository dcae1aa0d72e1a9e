"""The corpus layer's parts on invented inputs: near-duplicate resemblance, event compatibility
and evidence, origins within a cluster, flags and contradictions."""

from __future__ import annotations

import datetime as dt

import numpy as np

from claimtrail.corpus.clusters import Cluster, Clustering, EventItem, Party, compatible
from claimtrail.corpus.corroborate import (
    Report,
    contradictions,
    count_field,
    flags,
    origin_groups,
    same_outlet,
    source_kinds,
    weapon_classes,
)
from claimtrail.corpus.embed import sentence_around
from claimtrail.corpus.origins import resemblance, shingles

WIRE = ("Russia struck the Black Sea port of Odesa with cruise missiles overnight, killing three "
        "people and wounding nine, the regional governor said on Wednesday. Russia fired 14 "
        "missiles at the region and air defence units shot down 11 of them, the air force said. "
        "The missiles that got through hit a grain terminal and several warehouses, he said. "
        "Fires broke out at the site and were put out by morning. Emergency crews were still "
        "searching the damaged buildings on Wednesday afternoon.")
OTHER = ("A Russian missile attack on Odesa overnight killed three people, local officials told "
         "our correspondent, as residents swept glass from the streets near the harbour. The air "
         "force reported that most of the incoming missiles were destroyed before they reached "
         "the city. A teacher who lives near the port described hearing at least five blasts.")


def test_a_copy_and_a_cut_copy_resemble_their_original_and_an_independent_report_does_not():
    original = shingles(WIRE)
    assert resemblance(original, shingles(WIRE + " Reporting by an agency.")).copy
    cut = WIRE.rsplit(". Emergency", 1)[0]
    assert resemblance(original, shingles(cut)).copy  # (the last sentence dropped)
    assert not resemblance(original, shingles(OTHER)).copy
    assert resemblance(set(), original).score == 0.0


def test_one_shared_sentence_is_no_copy():
    shared = "Fires broke out at the site and were put out by morning."
    a = shingles(OTHER + " " + shared)
    b = shingles("Ukraine's grain exports leave from three ports near Odesa, and insurers have "
                 "raised their premiums for ships calling there after months of attacks on the "
                 "terminals and silos. " + shared)
    assert not resemblance(a, b).copy


def item(article: str, *, kind: str = "ASSAULT", place: str | None = "Odesa",
         place_id: str | None = "place:odesa", country: str | None = "UKR",
         day: dt.date | None = dt.date(2026, 10, 14), actors: tuple[tuple[str, str], ...] = (
             ("country:RUS", "RUS"),), recipients: tuple[tuple[str, str], ...] = (),
         vector: list[float] | None = None, modality: str = "actual",
         event: str = "e1") -> EventItem:
    vec = np.asarray(vector or [1.0, 0.0], dtype=np.float32)
    return EventItem(
        article_id=article, event_id=event, type=kind, mode=None, modality=modality, main=True,
        published=dt.date(2026, 10, 14), start=day, end=day, place=place, place_id=place_id,
        place_country=country, place_kind=None, actors=[Party(i, i, c) for i, c in actors],
        recipients=[Party(i, i, c) for i, c in recipients], vector=vec / np.linalg.norm(vec))


def test_two_strikes_on_two_cities_stay_apart_however_alike_their_sentences():
    odesa = item("a")
    dnipro = item("b", place="Dnipro", place_id="place:dnipro")
    assert not compatible(odesa, dnipro)
    clustering = Clustering()
    assert clustering.add(odesa).id != clustering.add(dnipro).id
    assert clustering.add(item("c")).id == clustering.add(item("d")).id == \
        clustering.clusters[next(iter(clustering.clusters))].id


def test_dates_a_day_apart_may_be_one_event_two_days_apart_may_not():
    assert compatible(item("a"), item("b", day=dt.date(2026, 10, 15)))
    assert not compatible(item("a"), item("b", day=dt.date(2026, 10, 16)))
    assert not compatible(item("a"), item("b", modality="planned"))
    assert not compatible(item("a"), item("b", kind="AID"))


def test_swapped_roles_are_one_meeting_but_other_countries_are_not():
    met = item("a", kind="CONSULT", place=None, place_id=None,
               actors=(("country:TUR", "TUR"),), recipients=(("country:UKR", "UKR"),))
    held = item("b", kind="CONSULT", place=None, place_id=None,
                actors=(("country:UKR", "UKR"),), recipients=(("country:TUR", "TUR"),))
    other = item("c", kind="CONSULT", place=None, place_id=None,
                 actors=(("country:FRA", "FRA"),), recipients=(("country:DEU", "DEU"),))
    assert compatible(met, held)
    assert not compatible(met, other)


def test_unlike_sentences_do_not_join_and_an_articles_further_event_is_attached():
    clustering = Clustering()
    first = clustering.add(item("a"))
    assert clustering.add(item("b", vector=[0.0, 1.0], actors=())) is not first
    part = clustering.add(item("a", event="e2", vector=[0.8, 0.6]))
    assert part is first and [m.event_id for m in first.attached] == ["e2"]
    assert [m.article_id for m in first.core] == ["a"]


def test_a_cluster_is_checked_against_its_core_only():
    cluster = Cluster("k-1")
    cluster.add(item("a"), 1.0)
    cluster.add(item("a", event="e2", place="Kyiv", place_id="place:kyiv"), 0.5)  # attached
    assert cluster.match(item("b")) is not None


def report(article: str, *, outlet: str, origin: str, sources: dict[str, tuple[str, str | None]],
           said: list[str], quantities: list[tuple[float, str]] = (),  # type: ignore[assignment]
           day: str | None = "2026-10-14", sentence: str = "", agency: str | None = None,
           actors: list[str] = (), recipients: list[str] = (),  # type: ignore[assignment]
           credits: list[str] = ()) -> Report:  # type: ignore[assignment]
    event = {
        "type": "ASSAULT", "trigger": {"text": "struck"},
        "reports": [{"source_id": s, "status": "reported"} for s in said],
        "quantities": [{"value": v, "counts": c} for v, c in quantities],
        "when": {"precision": "day", "start": day} if day else {"precision": "none"},
        "actors": [{"name": a, "country": a} for a in actors],
        "recipients": [{"name": r, "country": r} for r in recipients],
        "weapons": [], "location": {"name": "Odesa", "country": "UKR"}}
    return Report(article, "e1", True, outlet, dt.date(2026, 10, 14), agency, origin,
                  event, {sid: {"name": n, "kind": k, "country": c}
                          for sid, (n, k, c) in ((s, (s, *sources[s])) for s in sources)},
                  sentence=sentence, credits=list(credits))


def test_outlets_are_matched_by_name_or_initials():
    assert same_outlet("MPA", "Meridian Press Agency")
    assert same_outlet("the Capital Ledger", "Capital Ledger")
    assert not same_outlet("Capital Ledger", "Northern Tribune")
    assert not same_outlet(None, "Capital Ledger")


def test_a_report_that_credits_an_outlet_shares_its_origin():
    wire = report("w", outlet="Meridian Press Agency", origin="o-w", sources={}, said=[])
    pickup = report("p", outlet="Northern Tribune", origin="o-p", sources={}, said=[],
                    credits=["Meridian Press Agency"])
    dateline = report("d", outlet="Evening Courier", origin="o-d", sources={}, said=[],
                      agency="MPA")
    own = report("k", outlet="Kyiv Morning", origin="o-k", sources={}, said=[])
    groups = origin_groups([wire, pickup, dateline, own])
    assert groups["w"] == groups["p"] == groups["d"] != groups["k"]


def test_flags():
    anon = {"officials": ("anonymous", None)}
    one = [report("a", outlet="X", origin="o-a", sources=anon, said=["officials"])]
    assert flags(one, 1, [{"kind": "anonymous", "country": None}]) == [
        "single_origin", "anonymous_only"]
    ukr = [{"kind": "military", "country": "UKR"}]
    attacked = [report("a", outlet="X", origin="o-a", sources={}, said=[], actors=["RUS"])]
    assert flags(attacked, 2, ukr) == ["one_side"]  # Russia's side is not heard
    assert flags(attacked, 2, [*ukr, {"kind": "government", "country": "RUS"}]) == []
    assert flags(attacked, 2, []) == ["unsourced"]
    assert source_kinds(attacked, [*ukr, {"kind": "anonymous", "country": None}]) == {
        "named": 1, "anonymous": 1, "document": 0, "media": 0, "author": 1}


def test_contradictions_list_each_value_with_its_reports_and_sources():
    src = {"gov": ("person", "UKR"), "council": ("person", "UKR")}
    a = report("a", outlet="X", origin="o-a", sources=src, said=["gov"],
               quantities=[(3, "killing")], sentence="Russia fired cruise missiles at Odesa.")
    b = report("b", outlet="Y", origin="o-b", sources=src, said=["council"],
               quantities=[(5, "killed")], day="2026-10-15",
               sentence="Russia used ballistic Iskander-M missiles.")
    c = report("c", outlet="Z", origin="o-c", sources=src, said=["gov"],
               quantities=[(3, "killed")], sentence="Cruise missiles hit the port.")
    found = {x["field"]: x for x in contradictions([a, b, c])}
    assert set(found) == {"killed", "date", "weapon"}
    assert found["killed"]["values"] == [
        {"value": "3", "reports": ["a", "c"], "sources": ["gov"],
         "said": [{"article_id": "a", "source": "gov"}, {"article_id": "c", "source": "gov"}]},
        {"value": "5", "reports": ["b"], "sources": ["council"],
         "said": [{"article_id": "b", "source": "council"}]}]
    assert [v["value"] for v in found["weapon"]["values"]] == ["cruise missile", "ballistic missile"]
    assert contradictions([a, c]) == []


def test_counting_words_and_weapon_classes():
    assert count_field("killing") == "killed"
    assert count_field("shot down") == "intercepted"
    assert count_field("exchanged prisoners") == "exchanged"
    assert count_field("involved") is None
    assert weapon_classes("fired Kalibr missiles", []) == {"cruise missile"}
    assert weapon_classes("", ["Iskander-M"]) == {"ballistic missile"}


def test_sentence_around_a_span():
    text = "First one. Russia struck Odesa overnight, officials said. Third one."
    start = text.index("struck")
    assert sentence_around(text, start, start + 6) == "Russia struck Odesa overnight, officials said."


def test_two_people_calling_for_things_the_same_day_need_more_than_a_place_and_a_day():
    def call(article: str, who: str, vector: list[float]) -> EventItem:
        return item(article, kind="REQUEST", place="United States", place_id="country:USA",
                    country="USA", actors=((who, "USA"),), vector=vector)

    clustering = Clustering()
    first = clustering.add(call("a", "person:a", [1.0, 0.0]))
    alike = [0.6, 0.8]  # (cosine 0.6 with the first)
    assert clustering.add(call("b", "person:b", alike)) is not first
    assert clustering.add(call("c", "person:a", [0.6, -0.8])) is first  # (cosine 0.6 too)


def test_a_one_letter_credit_is_no_acronym():
    assert not same_outlet("R", "Reuters")
    assert same_outlet("Reuters", "Reuters") and same_outlet("AP", "Associated Press")
