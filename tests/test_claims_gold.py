"""The real-news claim gold: drafts become offsets and a hash, texts that changed are refused, and
the scorer counts a claim right only with its source and status (invented texts, plus a check of
the shipped gold files against the shared data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimtrail.errors import DataError
from claimtrail.evaluate.claims_gold import build_gold, load_gold
from claimtrail.evaluate.claims_news import ClaimScores, Predicted, score_article

TEXT = ("First Lady Ana Torres visited the hospital. She said the victims would receive free care. "
        "President Luis Torres said the budget was balanced. The ministry reportedly froze the "
        "funds.\n")


@pytest.fixture()
def gold_article(tmp_path):
    data = tmp_path / "data"
    (data / "news").mkdir(parents=True)
    (data / "news" / "a.txt").write_text(TEXT, encoding="utf-8")
    draft = {"path": "news/a.txt", "topic": "other",
             "sources": {"ana": {"kind": "person", "names": ["Ana Torres"]},
                         "luis": {"kind": "person", "names": ["President Luis Torres"]}},
             "claims": [
                 {"source": "ana", "mention": "She", "cue": "said", "status": "reported",
                  "content": "the victims would receive free care"},
                 {"source": "luis", "mention": "President Luis Torres", "cue": "said",
                  "status": "reported", "content": "the budget was balanced"},
                 {"source": None, "mention": None, "cue": "reportedly", "status": "hedged",
                  "content": "The ministry reportedly froze the funds"}]}
    gold, problems = build_gold(draft, data)
    assert problems == []
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder, data


def test_a_draft_becomes_offsets_that_point_at_its_strings(gold_article):
    folder, data = gold_article
    art = load_gold(folder, data)[0]
    assert [art.text[slice(*c.content)] for c in art.claims] == [
        "the victims would receive free care", "the budget was balanced",
        "The ministry reportedly froze the funds"]
    assert [art.text[slice(*c.mention)] for c in art.claims if c.mention] == [
        "She", "President Luis Torres"]
    assert [art.text[a:b] for a, b in art.sources["ana"].mentions] == ["Ana Torres"]
    assert TEXT not in (folder / "a.json").read_text()  # offsets and a hash, never the text


def test_a_string_missing_from_the_text_is_a_problem(tmp_path):
    (tmp_path / "t.txt").write_text("The army said the road was open.", encoding="utf-8")
    draft = {"path": "t.txt", "sources": {"army": {"kind": "military", "names": ["The army"]}},
             "claims": [{"source": "army", "cue": "said", "status": "reported",
                         "content": "the bridge was open"}]}
    _, problems = build_gold(draft, tmp_path)
    assert problems and "content not found" in problems[0]


def test_a_changed_text_is_refused(gold_article):
    folder, data = gold_article
    (data / "news" / "a.txt").write_text(TEXT.replace("free", "costly"), encoding="utf-8")
    with pytest.raises(DataError, match="has changed"):
        load_gold(folder, data)


def _pred(text: str, words: str, names: tuple[str, ...], status: str = "reported",
          unnamed: bool = False) -> Predicted:
    start = text.index(words)
    return Predicted((start, start + len(words)), None, names, unnamed, "person", status)


def test_right_needs_the_right_person_and_status(gold_article):
    folder, data = gold_article
    art = load_gold(folder, data)[0]
    scores = ClaimScores()
    score_article(art, [
        _pred(art.text, "the victims would receive free care", ("Luis Torres", "She")),  # wrong
        _pred(art.text, "the budget was balanced", ("Luis Torres",)),                      # right
        _pred(art.text, "froze the funds", (), "reported", unnamed=True),                  # status
    ], scores)
    assert (scores.claims.predicted, scores.claims.right) == (3, 1)
    assert (scores.claims.gold, scores.claims.found) == (3, 1)
    assert scores.sources.right == 2  # the unnamed report's source is right, its status is not


def test_the_shipped_gold_matches_the_shared_texts():
    data = Path(__file__).resolve().parents[2] / "shared" / "data"
    if not data.is_dir():
        pytest.skip(f"the shared data folder is not at {data}: the gold's texts cannot be read")
    articles = load_gold(Path(__file__).parent / "gold" / "claims-news", data)
    assert len(articles) >= 40
    assert sum(a.topic == "war" for a in articles) >= 15
    assert sum(len(a.claims) for a in articles) > 800
    for art in articles:
        for claim in art.claims:
            assert 0 <= claim.content[0] < claim.content[1] <= len(art.text)
            assert claim.source is None or claim.source in art.sources
