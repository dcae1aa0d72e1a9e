"""Batches (issue 16, point 3): a per-article time limit, records with their provenance, a
declared language without the too-short warning."""

from __future__ import annotations

import contextlib
import signal
import time

import pytest

from claimtrail import AnalyzeOptions, Failure, analyze_many
from claimtrail.analyze import analyze_text
from claimtrail.deadline import time_limit
from claimtrail.errors import ArticleTimeout, OptionError
from claimtrail.records import Analysis

from .conftest import ROOT

INPUTS = ROOT / "tests/fixtures/inputs"
SENTENCE = ("Officials in Northport said on Tuesday that the harbour bridge would close for repairs, "
            "according to the mayor. ")


def test_time_limit_stops_work_that_runs_past_it():
    started = time.monotonic()
    with pytest.raises(ArticleTimeout), time_limit(0.05):
        while time.monotonic() - started < 60:  # generous: must be stopped long before this
            pass
    assert time.monotonic() - started < 30


def test_time_limit_is_not_swallowed_by_a_broad_except():
    started = time.monotonic()
    with pytest.raises(ArticleTimeout), time_limit(0.05):
        while time.monotonic() - started < 60:
            with contextlib.suppress(Exception):  # what an extractor might do; the limit holds
                sum(range(1000))


def test_time_limit_restores_the_previous_handler_and_timer():
    def mine(signum, frame):
        raise AssertionError("not reached")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100)
        with time_limit(5):
            pass
        assert signal.getsignal(signal.SIGALRM) is mine
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 90 < left <= 100  # the outer timer runs on
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_no_limit_when_none_or_zero():
    for seconds in (None, 0):
        with time_limit(seconds):
            time.sleep(0.01)
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_bad_batch_values_are_option_errors():
    with pytest.raises(OptionError):
        analyze_many([], nlp=object(), batch_size=0)
    with pytest.raises(OptionError):
        analyze_many([], nlp=object(), timeout_per_article=-1)


@pytest.mark.slow
@pytest.mark.parametrize("batch_size", [1, 4])
def test_issue16_one_article_past_the_limit_fails_and_the_batch_goes_on(tmp_path, nlp, batch_size):
    (tmp_path / "a-short.txt").write_text(SENTENCE * 3)
    (tmp_path / "b-long.txt").write_text(SENTENCE * 3000)  # ~330,000 characters: many seconds
    (tmp_path / "c-short.txt").write_text(SENTENCE * 2)
    started = time.monotonic()
    results = list(analyze_many([tmp_path], AnalyzeOptions(language="en"), nlp=nlp,
                                batch_size=batch_size, timeout_per_article=2.0))
    assert [type(r).__name__ for r in results] == ["Analysis", "Failure", "Analysis"]
    failure = results[1]
    assert failure.code == "E050" and failure.source == str(tmp_path / "b-long.txt")
    assert "--timeout-per-article" in failure.message
    assert time.monotonic() - started < 120  # generous: stopped, not run to the end
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None, signal.default_int_handler)


@pytest.mark.slow
def test_records_come_out_with_provenance(nlp, validate):
    path = str(INPUTS / "feed.rss")
    results = list(analyze_many([path], nlp=nlp, timeout_per_article=60))
    assert [(type(r).__name__, r.article.record if isinstance(r, Analysis) else r.record)
            for r in results] == [("Analysis", "item 1"), ("Analysis", "item 2"),
                                  ("Failure", "item 3"), ("Failure", "item 4"), ("Analysis", "item 5")]
    for result in results:
        if isinstance(result, Analysis):
            data = result.as_dict()
            validate(data)
            assert data["article"]["path"] == path and data["article"]["outlet"] == "Valley Courier"
        else:
            assert isinstance(result, Failure) and result.as_dict()["record"] == result.record


@pytest.mark.slow
def test_declared_language_brings_no_too_short_warning(nlp):
    text = "Bridge closed, mayor says."
    declared = analyze_text(text, AnalyzeOptions(language="en"), nlp=nlp)
    assert not any("too short" in w for w in declared.warnings)
    guessed = analyze_text(text, nlp=nlp)
    assert any("too short to identify" in w for w in guessed.warnings)


def test_a_limit_that_runs_out_at_once_is_still_a_timeout():
    """An alarm due before the guarded work starts is the same coded timeout, never a stray
    internal exception."""
    from claimtrail.deadline import time_limit
    from claimtrail.errors import ArticleTimeout

    for _ in range(200):
        with pytest.raises(ArticleTimeout), time_limit(0.000001):
            sum(range(100_000))
