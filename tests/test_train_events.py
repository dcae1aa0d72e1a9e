"""`claimtrail train events`: the labelled candidates (tests/fixtures/event-candidates) match the
shared texts, label the rules' events, and give the threshold the model card states."""

from __future__ import annotations

import json

import pytest

from claimtrail.errors import DataError
from claimtrail.evaluate.gold_files import read_text, text_hash
from claimtrail.train.events import (
    CANDIDATES_FORMAT,
    KEEP,
    _folds,
    labelled_events,
    read_candidates,
    recall_threshold,
)

from .conftest import ROOT, SHARED

CANDIDATES = ROOT / "tests" / "fixtures" / "event-candidates" / "candidates.json"
DATA = SHARED / "data"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_the_candidates_are_labelled_consistently():
    articles = read_candidates(CANDIDATES)
    gold = {json.loads(p.read_text())["path"] for p in (ROOT / "tests/gold/events-news").glob("*.json")}
    assert len(articles) >= 100 and not {a["path"] for a in articles} & gold
    for art in articles:
        for c in art["candidates"]:
            assert 0 <= c["start"] < c["end"]
            assert (c["type"] in PLOVER) if c["event"] else c["type"] is None
    labels = [c["event"] for a in articles for c in a["candidates"]]
    assert 0.3 < sum(labels) / len(labels) < 0.8


def test_the_candidates_match_the_shared_texts():
    if not DATA.is_dir():
        pytest.skip(f"the shared data folder is not at {DATA}")
    for art in read_candidates(CANDIDATES):
        text = read_text(DATA, art["path"])
        assert text_hash(text) == art["sha256"], art["path"]
        assert all(c["end"] <= len(text) and text[c["start"]:c["end"]].strip()
                   for c in art["candidates"])


def test_a_changed_text_or_a_wrong_file_is_refused(tmp_path, nlp):
    if not DATA.is_dir():
        pytest.skip(f"the shared data folder is not at {DATA}")
    art = dict(read_candidates(CANDIDATES)[0], sha256="0" * 64)
    with pytest.raises(DataError, match="changed"):
        list(labelled_events([art], DATA, nlp))
    wrong = tmp_path / "c.json"
    wrong.write_text(json.dumps({"format": "something else", "articles": []}))
    with pytest.raises(DataError, match=CANDIDATES_FORMAT):
        read_candidates(wrong)


def test_the_rules_events_take_the_labels_of_their_candidates(nlp):
    if not DATA.is_dir():
        pytest.skip(f"the shared data folder is not at {DATA}")
    articles = read_candidates(CANDIDATES)[:3]
    rows = list(labelled_events(articles, DATA, nlp))
    candidates = sum(len(a["candidates"]) for a in articles)
    assert 0.8 * candidates <= len(rows) <= candidates
    assert {y for _, _, y in rows} == {0, 1}
    assert all(any(f.startswith("lemma=") for f in feats) for _, feats, _ in rows)


def test_the_threshold_keeps_the_stated_share_of_real_events():
    # probabilities of real events 0.05 … 1.0, of non-events 0.05 … 0.5
    scored = [(k / 20, 1) for k in range(1, 21)] + [(k / 20, 0) for k in range(1, 11)]
    threshold = recall_threshold(scored, keep=0.9)
    assert threshold == pytest.approx(0.15)  # keeps 18 of 20; 0.20 would keep 17
    assert recall_threshold(scored, keep=0.95) == pytest.approx(0.10)
    assert recall_threshold(scored) == recall_threshold(scored, keep=KEEP)


def test_folds_keep_an_article_whole():
    groups = ["a", "a", "b", "c", "c", "c", "d", "e", "f"]
    folds = _folds(groups, 5)
    assert sorted(i for f in folds for i in f) == list(range(len(groups)))
    for fold in folds:
        names = {groups[i] for i in fold}
        assert all(groups[i] in names for i in range(len(groups)) if groups[i] in names) \
            and all(i in fold for i in range(len(groups)) if groups[i] in names)
