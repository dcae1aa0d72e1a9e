"""Recipients on 250 news-wire sentences of our own (``tests/fixtures/events_recipients.tsv``),
each with the recipient a PLOVER coder would give its main event. The sentences were written while
the argument rules were developed, so the score is a regression floor, not an unbiased figure
(that is the PLOVER test half: ``claimtrail eval events … --split test``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrail.analyze import analyze_article
from claimtrail.evaluate.events import main_event
from claimtrail.records import Article

FIXTURE = Path(__file__).parent / "fixtures" / "events_recipients.tsv"
FLOOR = 0.88  # measured 0.912 (228 of 250) when the fixture was written


def _rows() -> list[tuple[str, str]]:
    rows = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            sentence, expected = line.split("\t")
            rows.append((sentence, expected))
    return rows


def recipient_agrees(expected: str, found: list[str]) -> bool:
    if not expected:
        return not found
    return any(expected in text or text in expected for text in found)


def test_recipient_agreement_rule():
    assert recipient_agrees("", [])
    assert not recipient_agrees("", ["Iran"])
    assert recipient_agrees("Iranian diplomats", ["three Iranian diplomats"])
    assert recipient_agrees("Turkish counterpart", ["Turkish"])
    assert not recipient_agrees("Chad", ["French troops"])


@pytest.mark.slow
def test_recipients_on_our_own_sentences(nlp):
    rows = _rows()
    assert len(rows) == 250
    agreed = 0
    for (sentence, expected), doc in zip(rows, nlp.pipe([s for s, _ in rows]), strict=True):
        analysis = analyze_article(Article("own", sentence, language="en"), doc, nlp).as_dict()
        event = main_event(analysis["events"], doc, {s["id"]: s for s in analysis["sources"]})
        agreed += recipient_agrees(expected, [r["text"] for r in event.recipients])
    assert agreed / len(rows) >= FLOOR, f"{agreed} of {len(rows)}"
