"""Helpers shared by the attribution pattern tests (their examples are invented)."""

from __future__ import annotations

from claimtrail.analyze import analyze_text
from claimtrail.options import AnalyzeOptions


def claims(nlp, text):
    """(source name, source kind, status, cue, text) of each reported claim."""
    result = analyze_text(text, AnalyzeOptions(language="en"), nlp=nlp).as_dict()
    sources = {s["id"]: s for s in result["sources"]}
    return [(sources[c["source_id"]]["name"], sources[c["source_id"]]["kind"], c["status"],
             (c["cue"] or {}).get("text"), c["text"])
            for c in result["claims"] if c["voice"] == "reported"]


def only(items):
    assert len(items) == 1, items
    return items[0]
