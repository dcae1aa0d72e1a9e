"""Read the package's versioned data files (cached: they are immutable)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from .data import read_json as read_json  # (re-exported: where the data files are read)
from .errors import DataError
from .extract.attribution import AttributionLexicon
from .extract.claims import StatusLexicon
from .extract.cue_model import CueModel
from .extract.events import EventLexicon, EventModel
from .extract.sources import SourceLexicon
from .extract.techniques import (
    SENTENCE_MODEL_FILE,
    SENTENCE_TOKENIZER_FILE,
    SentenceModel,
    SpanModel,
    TechniqueModel,
    TechniqueRules,
)
from .extract.times import TimeLexicon


@lru_cache(maxsize=1)
def load_time_lexicon() -> TimeLexicon:
    return TimeLexicon.from_dict(read_json("times.json"))


@lru_cache(maxsize=1)
def _attribution_data() -> dict[str, Any]:
    """attribution.json, read once for the three lexicons built from it."""
    return read_json("attribution.json")


@lru_cache(maxsize=1)
def load_attribution_lexicon() -> AttributionLexicon:
    return AttributionLexicon.from_dicts(_attribution_data(), read_json("attribution_cues.json"))


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel:
    return CueModel.from_dict(read_json("cue_model.json"))


@lru_cache(maxsize=1)
def load_source_lexicon() -> SourceLexicon:
    return SourceLexicon.from_dict(_attribution_data(), read_json("sources.json"),
                                   read_json("coref.json"))


@lru_cache(maxsize=1)
def load_status_lexicon() -> StatusLexicon:
    return StatusLexicon.from_dict(_attribution_data(), read_json("status.json"))


@lru_cache(maxsize=1)
def load_event_lexicon() -> EventLexicon:
    return EventLexicon.from_dict(read_json("events.json"))


@lru_cache(maxsize=1)
def load_event_model() -> EventModel:
    return EventModel.from_dict(read_json("event_model.json"))


@lru_cache(maxsize=1)
def load_person_roles() -> dict[str, tuple[str, ...]]:
    """Role titles of the gazetteer's people, for an event argument's sector."""
    data = read_json("gazetteer", "people.json")
    return {entry["id"]: tuple(role["title"] for role in entry.get("roles", []))
            for entry in data["entries"]}


@lru_cache(maxsize=1)
def load_span_model() -> SpanModel:
    """The span CRF, with the sentence model when the training run shipped one (its files sit
    next to the JSON, named by ``sentence_model``)."""
    data = read_json("techniques_spans.json")
    sentences = None
    if data.get("sentence_model"):
        folder = resources.files("claimtrail").joinpath("data")
        model_file = folder.joinpath(SENTENCE_MODEL_FILE)
        if not model_file.is_file():
            raise DataError(f"data file {SENTENCE_MODEL_FILE} is missing; reinstall claimtrail")
        with resources.as_file(model_file) as model_path, \
                resources.as_file(folder.joinpath(SENTENCE_TOKENIZER_FILE)) as tokenizer_path:
            sentences = SentenceModel(model_path, tokenizer_path)
    return SpanModel.from_dict(data, sentences)


@lru_cache(maxsize=1)
def load_technique_model() -> TechniqueModel:
    return TechniqueModel.from_dict(read_json("techniques_labels.json"))


@lru_cache(maxsize=1)
def load_technique_rules() -> TechniqueRules:
    return TechniqueRules.from_dict(read_json("techniques.json"))
