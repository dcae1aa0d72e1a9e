"""The attribution lexicon: the curated word lists of ``data/attribution.json`` and the cue
lemmas learned from an annotated corpus (``data/attribution_cues.json``)."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    postposed: frozenset[str] = frozenset()
    cue_phrases: tuple[tuple[str, ...], ...] = (("according", "to"),)
    headline_roles: frozenset[str] = frozenset()
    source_nouns: frozenset[str] = frozenset()
    headline_max_words: int = 20
    negative_preconj: frozenset[str] = frozenset()
    negating_adverbs: frozenset[str] = frozenset()
    negating_verbs: frozenset[str] = frozenset()
    comment_nouns: frozenset[str] = frozenset()
    unavailable: frozenset[str] = frozenset()
    negative_determiners: frozenset[str] = frozenset()
    negated_nouns: dict[str, str] = field(default_factory=dict)
    attitude_adjectives: frozenset[str] = frozenset()
    attitude_nouns: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    doubting: frozenset[str] = frozenset()
    directives: frozenset[str] = frozenset()
    object_directives: frozenset[str] = frozenset()
    object_infinitive_only: frozenset[str] = frozenset()
    directive_preps: frozenset[str] = frozenset()
    advising: frozenset[str] = frozenset()
    exclamations: frozenset[str] = frozenset()
    denials: frozenset[str] = frozenset()
    denial_preps: frozenset[str] = frozenset()
    quote_gap: int = 6
    raised_reports: dict[str, str] = field(default_factory=dict)
    owned_nouns: frozenset[str] = frozenset()
    idioms: tuple[tuple[str, ...], ...] = ()  # "that is to say": no cue inside
    infinitive_nouns: frozenset[str] = frozenset()
    held_nouns: frozenset[str] = frozenset()
    negated_agreement: frozenset[str] = frozenset()
    asked_participles: frozenset[str] = frozenset()
    negated_giving: frozenset[str] = frozenset()
    issuing_verbs: frozenset[str] = frozenset()
    questioning: frozenset[str] = frozenset()
    questioned_people: frozenset[str] = frozenset()
    issued_nouns: frozenset[str] = frozenset()
    given_answers: frozenset[str] = frozenset()
    speech_acts: frozenset[str] = frozenset()  # all the lemmas (and pairs) of the four above

    @classmethod
    def from_dicts(cls, curated: dict[str, Any], learned: dict[str, Any]) -> AttributionLexicon:
        rule = curated["learned_cues"]
        acts = curated.get("speech_acts", {})
        owned = curated.get("owned_nouns", {})
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
            postposed=frozenset(curated["postposed_cues"]["lemmas"]),
            cue_phrases=tuple(tuple(p.split()) for p in curated["cue_phrases"]["phrases"]),
            headline_roles=frozenset([*curated["headline_dash"]["roles"], *curated["person_nouns"],
                                      *curated["ministry_nouns"], *curated["media_nouns"]]),
            headline_max_words=int(curated["headline_dash"]["max_words"]),
            source_nouns=frozenset([*curated["headline_dash"]["roles"], *curated["person_nouns"],
                                    *curated["ministry_nouns"], *curated["media_nouns"],
                                    *curated["document_nouns"], *curated["anonymous_heads"]]),
            negative_preconj=frozenset(curated["negated_subjects"]["preconj"]),
            negating_adverbs=frozenset(curated["negating_heads"]["adverbs"]),
            negating_verbs=frozenset(curated["negating_heads"]["verbs"]),
            comment_nouns=frozenset(curated["unavailable_for_comment"]["nouns"]),
            unavailable=frozenset(curated["unavailable_for_comment"]["adjectives"]),
            negative_determiners=frozenset(curated["negated_nouns"]["determiners"]),
            negated_nouns=dict(curated["negated_nouns"]["nouns"]),
            attitude_adjectives=frozenset(curated["attitudes"]["adjectives"]),
            attitude_nouns=frozenset(curated["attitudes"]["nouns"]),
            light_verbs=frozenset(curated["attitudes"]["light_verbs"]),
            doubting=frozenset(curated["attitudes"]["doubting"]),
            directives=frozenset(acts.get("directives", ())),
            object_directives=frozenset(acts.get("object_lemmas", ())),
            object_infinitive_only=frozenset(acts.get("object_infinitive_only", ())),
            directive_preps=frozenset(acts.get("preps", ())),
            advising=frozenset(acts.get("advising", ())),
            exclamations=frozenset(acts.get("exclamations", ())),
            denials=frozenset(acts.get("denials", ())),
            questioning=frozenset(acts.get("questioning", ())),
            questioned_people=frozenset(acts.get("questioned_people", ())),
            denial_preps=frozenset(acts.get("denial_preps", ())),
            speech_acts=frozenset(word for part in ("directives", "advising", "exclamations",
                                                    "denials") for word in acts.get(part, ())),
            quote_gap=int(acts.get("quote_gap", 6)),
            raised_reports=dict(curated.get("raised_reports", {}).get("lemmas", {})),
            owned_nouns=frozenset(owned.get("nouns", ())),
            idioms=tuple(tuple(p.split()) for p in curated.get("idioms", {}).get("phrases", ())),
            infinitive_nouns=frozenset(owned.get("infinitive_nouns", ())),
            held_nouns=frozenset(owned.get("held_nouns", ())),
            negated_agreement=frozenset(curated.get("negated_agreement", {}).get("lemmas", ())),
            asked_participles=frozenset(curated.get("asked_participles", {}).get("lemmas", ())),
            negated_giving=frozenset(curated.get("negated_giving", {}).get("verbs", ())),
            issuing_verbs=frozenset(curated.get("issuing_verbs", {}).get("lemmas", ())),
            issued_nouns=frozenset(curated.get("issuing_verbs", {}).get("nouns", ())),
            given_answers=frozenset(curated.get("negated_giving", {}).get("objects", ())),
        )
