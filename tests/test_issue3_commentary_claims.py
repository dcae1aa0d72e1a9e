"""Issue 3: on the example commentary every attributed statement has the right source, the
non-answers are no_comment/unconfirmed and the author's theories are speculative."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrail import AnalyzeOptions, analyze

from .conftest import SHARED

EXAMPLE = SHARED / "examples" / "commentary-atacms-2024-11.txt"

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def result(nlp):
    assert EXAMPLE.exists(), f"{EXAMPLE} is missing: this test needs the shared example"
    return analyze(EXAMPLE, AnalyzeOptions(published=dt.date(2024, 11, 22)), nlp=nlp).as_dict()


def find(result, words):
    """The claim whose content or sentence contains ``words``."""
    hits = [c for c in result["claims"] if words in c["text"]]
    assert hits, f"no claim contains {words!r}"
    return hits[0]


@pytest.mark.parametrize(
    ("words", "source_id", "cue", "status", "quote"),
    [
        ("the leak", "media:nyt", "to report", "reported", "indirect"),
        ("authorized the use of the ATACMS system", "media:nyt", "said", "reported", "direct"),
        ("The formal pretext", "media:nyt", "according to", "reported", "direct"),
        ("Ukrainian forces had attacked the Bryansk region", "org:rus-mod", "announced",
         "reported", "indirect"),
        ("to comment on the missile strike", "org:usa-dod", "declined", "no_comment", "indirect"),
        ("whether the U.S. had authorized strikes", "person:sabrina-singh", "did not confirm",
         "unconfirmed", "indirect"),
        ("media reports about the lifting", "org:usa-state-department", "did not confirm",
         "unconfirmed", "indirect"),
        ("No one expected Joe Biden to escalate", "person:richard-grenell", "noted", "reported",
         "direct"),
        ("Ukraine’s use of long-range missiles was impossible", "person:vladimir-putin",
         "had made it clear", "reported", "indirect"),
        ("could provoke the Kremlin", "anonymous:some-officials", "fear", "speculative", "direct"),
        ("these concerns are exaggerated", "anonymous:others-equally-influential", "argue",
         "reported", "direct"),
        ("a peculiar «seesaw» dynamic", "media:nyt", "mentioned", "reported", "direct"),
    ],
)
def test_attributed_statements(result, words, source_id, cue, status, quote):
    claim = find(result, words)
    assert (claim["source_id"], claim["cue"]["text"], claim["status"], claim["quote"]) == (
        source_id, cue, status, quote)
    assert claim["voice"] == "reported"


def test_nyt_cites_unnamed_officials(result):
    claim = find(result, "the leak")
    assert claim["via"] == ["anonymous:unnamed-officials"]
    sources = {s["id"]: s for s in result["sources"]}
    assert sources["anonymous:unnamed-officials"]["kind"] == "anonymous"
    assert sources["media:nyt"]["kind"] == "media"
    assert {"the publication", "the report"} <= {m["text"] for m in sources["media:nyt"]["mentions"]}


def test_grenell_on_social_media(result):
    claim = find(result, "No one expected Joe Biden to escalate")
    assert claim["channel"] == "social_media"


def test_washington_reportedly_is_hedged(result):
    claim = find(result, "to authorize such deep strikes")
    assert claim["status"] == "hedged" and "reportedly" in claim["markers"]


@pytest.mark.parametrize(
    ("words", "status"),
    [
        ("Biden and Trump may be acting in tandem", "speculative"),
        ("Let’s return to the theory of a joint conspiracy", "speculative"),
        ("One piece of evidence supporting this hypothesis", "speculative"),
        ("It’s possible that «Joe and Don»", "speculative"),
        ("probably on the instructions of one of the presidents", "speculative"),
        ("appears to have approved", "hedged"),
        ("It appears that cluster warheads were used", "hedged"),
        ("presumably in the Chernigov region", "hedged"),
        ("Biden seems to be dragging London and Paris", "hedged"),
        ("A deception?", "question"),
        ("Coincidence?", "question"),
        ("Why did the U.S. provoke", "question"),
        ("This is the standard payload for a HIMARS launcher.", "asserted"),
    ],
)
def test_author_voice(result, words, status):
    claim = find(result, words)
    assert (claim["voice"], claim["source_id"], claim["status"]) == ("author", "author", status)


def test_every_claim_has_a_known_source(result, validate):
    validate(result)
    ids = {s["id"] for s in result["sources"]}
    for claim in result["claims"]:
        assert claim["source_id"] in ids
        assert set(claim["via"]) <= ids
