"""The event steps' word sets are data (data/event_words.json): each says what it is for, and
each is read by a step."""

from __future__ import annotations

import re
from pathlib import Path

from claimtrail.extract.events import words
from claimtrail.resources import read_json

PACKAGE = Path(words.__file__).parent


def test_every_word_set_says_what_it_is_for_and_has_words() -> None:
    data = read_json("event_words.json")
    sets = {k: v for k, v in data.items() if not k.startswith("_")}
    assert len(sets) >= 20
    for key, entry in sets.items():
        assert entry["about"].strip(), key
        assert entry["words"], key
        if isinstance(entry["words"], list):
            assert all(w == w.lower() for w in entry["words"]), key


def test_every_word_set_is_read_and_used() -> None:
    data = read_json("event_words.json")
    names = set(re.findall(r"^([A-Z][A-Z_]*)\b.*=", (PACKAGE / "words.py").read_text(), re.M))
    for key in (k for k in data if not k.startswith("_")):
        assert key.upper() in names or f'"{key}"' in (PACKAGE / "words.py").read_text(), key
    steps = "".join(p.read_text() for p in PACKAGE.glob("*.py") if p.name != "words.py")
    unused = [n for n in names if not re.search(rf"\b{n}\b", steps)]
    assert not unused


def test_word_sets_reach_the_steps_as_sets() -> None:
    assert "fire" in words.THROWING and "launch" in words.LAUNCH_VERBS
    assert words.INTENT_NOUNS < words.CARRIER_NOUNS
    assert words.SECTOR_BY_KIND["military"] == "military"
