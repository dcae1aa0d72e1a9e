"""The attribution lexicon: the curated word lists of ``data/attribution.json`` and the cue
lemmas learned from an annotated corpus (``data/attribution_cues.json``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class AttributionLexicon:
    """The curated word lists of ``attribution.json`` and the learned cue lemmas, as
    :meth:`from_dicts` reads them. The later fields default to empty, so a lexicon built by hand
    may leave them out."""

    learned_precision: dict[str, float]
    candidates: frozenset[str]
    speech: frozenset[str]
    belief: frozenset[str]
    non_answer_verbs: frozenset[str]
    non_answer_objects: frozenset[str]
    negated_confirm: frozenset[str]
    negated_answer: frozenset[str]
    deny: frozenset[str]
    noun_cues: frozenset[str]
    report_adverbs: dict[str, str]
    social_media: frozenset[str]
    social_verbs: frozenset[str]
    experiencer: frozenset[str] = frozenset()
    headline_sources: frozenset[str] = frozenset()
    headline_labels: frozenset[str] = frozenset()
    in_sources: frozenset[str] = frozenset()
    subject_is_content: frozenset[str] = frozenset()
    receiving_verbs: frozenset[str] = frozenset()
    raising_verbs: frozenset[str] = frozenset()
    headline_fillers: frozenset[str] = frozenset()
    contrast_marks: frozenset[str] = frozenset()
    joiners: frozenset[str] = frozenset()
    continuation: frozenset[str] = frozenset()

    @classmethod
    def from_dicts(cls, curated: dict[str, Any], learned: dict[str, Any]) -> AttributionLexicon:
        rule = curated["learned_cues"]
        candidates: set[str] = set()
        precision: dict[str, float] = {}
        for key, (hits, seen) in learned["counts"].items():
            lemma, pos = key.split("|")
            if pos == "VERB":
                precision[lemma] = hits / seen
            verbal = pos in ("VERB", "ADJ") and hits >= rule["min_candidate_count"]
            nominal = (pos == "NOUN" and hits >= rule["min_noun_count"]
                       and hits / seen >= rule["min_noun_precision"])
            if verbal or nominal:
                candidates.add(key)
        return cls(
            learned_precision=precision, candidates=frozenset(candidates),
            speech=frozenset(curated["speech_verbs"]), belief=frozenset(curated["belief_verbs"]),
            non_answer_verbs=frozenset(curated["non_answer"]["verbs"]),
            non_answer_objects=frozenset(curated["non_answer"]["objects"]),
            negated_confirm=frozenset(curated["negated_confirm"]),
            negated_answer=frozenset(curated["negated_answer"]),
            deny=frozenset(curated["deny_verbs"]), noun_cues=frozenset(curated["noun_cues"]),
            report_adverbs=dict(curated["report_adverbs"]),
            social_media=frozenset(curated["social_media"]),
            social_verbs=frozenset(curated["social_verbs"]),
            experiencer=frozenset(curated["experiencer_verbs"]),
            headline_sources=frozenset(curated["headline_sources"]),
            headline_labels=frozenset(curated["headline_labels"]),
            in_sources=frozenset(curated["source_phrases"]["in"]),
            subject_is_content=frozenset(curated["subject_is_content"]["lemmas"]),
            receiving_verbs=frozenset(curated["receiving_verbs"]["lemmas"]),
            raising_verbs=frozenset(curated["raising_verbs"]["lemmas"]),
            headline_fillers=frozenset(curated["headline_fillers"]["words"]),
            contrast_marks=frozenset(curated["coordinated_cues"]["contrast_marks"]),
            joiners=frozenset(curated["coordinated_cues"]["joiners"]),
            continuation=frozenset(curated.get("continuation_cues", {}).get("lemmas", ())),
        )
