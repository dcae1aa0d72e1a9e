"""The English word sets of the event steps, read once from ``data/event_words.json``.

Each set there carries a line that says what it is for; the names here are its keys in capitals.
"""

from __future__ import annotations

from ...data import read_json

_DATA = read_json("event_words.json")


def _words(key: str) -> frozenset[str]:
    return frozenset(_DATA[key]["words"])


SECTOR_BY_KIND: dict[str, str] = dict(_DATA["sector_by_kind"]["words"])
MILITARY_TITLES: tuple[str, ...] = tuple(_DATA["military_titles"]["words"])
AIMING_AT: tuple[str, ...] = tuple(_DATA["aiming_at"]["words"])
LOCATION_PREPS = _words("location_preps")
BORDERS = _words("borders")
INTENT_NOUNS = _words("intent_nouns")
CARRIER_NOUNS = INTENT_NOUNS | _words("carrier_nouns")
AUTHORITIES = _words("authorities")
MOTION_VERBS = _words("motion_verbs")
PLACING = _words("placing")
TAKING = _words("taking")
HOLDING = _words("holding")
FORCES = _words("forces")
TOPIC_VERBS = _words("topic_verbs")
THROWING = _words("throwing")
CROWDS = _words("crowds")
STOPPING = _words("stopping")
SPANS_OF_TIME = _words("spans_of_time")
BODILY_HARM = _words("bodily_harm")
LEAVING = _words("leaving")
PRESSING = _words("pressing")
HANDING = _words("handing")
OWNING_PREPS = _words("owning_preps")
CONDITIONS = _words("conditions")
LAUNCH_VERBS = _words("launch_verbs")
TIME_UNITS = _words("time_units")
