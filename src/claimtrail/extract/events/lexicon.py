"""The event lexicon: PLOVER types and extensions, their trigger words, and the rules read from
``data/events.json``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TypeSpec:
    name: str
    quad: str
    extension: bool
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    recipient_preps: frozenset[str]
    modes: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    intensity: float
    mode_intensity: dict[str, float]


@dataclass(frozen=True, slots=True)
class EventLexicon:
    types: dict[str, TypeSpec]
    verb_types: dict[str, tuple[str, ...]]
    noun_types: dict[str, tuple[str, ...]]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    contexts: dict[str, frozenset[str]]
    links: dict[str, tuple[tuple[str, ...], ...]]
    old_names: dict[str, str]
    planned: frozenset[str]
    threatened: frozenset[str]
    attempted: frozenset[str]
    hypothetical_aux: frozenset[str]
    options: frozenset[tuple[str, ...]]
    future_aux: frozenset[str]
    light_verbs: frozenset[str]
    follow_up: frozenset[str]
    projectiles: frozenset[str]
    reference_heads: frozenset[str]
    numbers: dict[str, float]
    party_nouns: frozenset[str]
    refusal: frozenset[str]
    demand_modals: frozenset[str]
    deed_nouns: frozenset[str]
    owned_things: frozenset[str]
    quantity_heads: frozenset[str]
    asking_nouns: frozenset[str]
    asking_verbs: frozenset[str]
    advising_verbs: frozenset[str]
    knowing_verbs: frozenset[str]
    # "asked not to be named": a source's anonymity, no request
    anonymity_verbs: frozenset[str]
    not_events_after: dict[str, frozenset[str]]
    mutual_fights: frozenset[str]
    statement_verbs: frozenset[str]
    disambiguation: dict[str, dict[str, frozenset[str]]]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventLexicon:
        types: dict[str, TypeSpec] = {}
        verb_types: dict[str, list[str]] = {}
        noun_types: dict[str, list[str]] = {}
        phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        groups = [(name, spec, False) for name, spec in data["types"].items()]
        groups += [(name, spec, True) for name, spec in data["extensions"].items()]
        from_claims = frozenset(data["rules"]["from_claims"])
        for name, spec, extension in groups:
            modes = tuple((mode, tuple(tuple(w.split()) for w in m.get("words", [])))
                          for mode, m in spec.get("modes", {}).items())
            intensity = spec.get("intensity", {})
            types[name] = TypeSpec(
                name, spec.get("quad", ""), extension, frozenset(spec.get("verbs", [])),
                frozenset(spec.get("nouns", [])),
                tuple(tuple(p.split()) for p in spec.get("phrases", [])),
                frozenset(spec.get("recipient_preps", [])), modes,
                float(intensity.get("default", 0.0)),
                {k: float(v) for k, v in intensity.get("modes", {}).items()})
            if name in from_claims:  # made from the claims layer, not from trigger words
                continue
            for verb in spec.get("verbs", []):
                verb_types.setdefault(verb, []).append(name)
            for noun in spec.get("nouns", []):
                noun_types.setdefault(noun, []).append(name)
            for phrase in spec.get("phrases", []):
                words = tuple(phrase.split())
                phrases.setdefault(words[0], []).append((words, name))
        rules = data["rules"]
        for idiom in rules.get("idioms", []):  # no event: their words are taken, typed ""
            words = tuple(idiom.split())
            phrases.setdefault(words[0], []).append((words, ""))
        return cls(
            types=types,
            verb_types={k: tuple(v) for k, v in verb_types.items()},
            noun_types={k: tuple(v) for k, v in noun_types.items()},
            phrases={k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()},
            contexts={k: frozenset(v) for k, v in data["contexts"].items()},
            links={k: tuple(tuple(c.split()) for c in v) for k, v in data["links"].items()},
            old_names=dict(data.get("old_names", {})),
            planned=frozenset(rules["planned"]), threatened=frozenset(rules["threatened"]),
            attempted=frozenset(rules["attempted"]),
            hypothetical_aux=frozenset(rules["hypothetical_aux"]),
            options=frozenset(tuple(p.split()) for p in rules.get("options", [])),
            future_aux=frozenset(rules["future_aux"]), light_verbs=frozenset(rules["light_verbs"]),
            follow_up=frozenset(rules["follow_up"]),
            projectiles=frozenset(rules["projectiles"]),
            reference_heads=frozenset(rules["reference_heads"]),
            numbers={k: float(v) for k, v in rules["numbers"].items()},
            party_nouns=frozenset(rules["party_nouns"]),
            refusal=frozenset(rules["refusal"]),
            demand_modals=frozenset(rules["demand_modals"]),
            deed_nouns=frozenset(rules["deed_nouns"]),
            owned_things=frozenset(rules["owned_things"]),
            quantity_heads=frozenset(rules["quantity_heads"]),
            asking_nouns=frozenset(rules["asking_nouns"]),
            asking_verbs=frozenset(rules["asking_verbs"]),
            advising_verbs=frozenset(rules.get("advising_verbs", [])),
            knowing_verbs=frozenset(rules.get("knowing_verbs", [])),
            anonymity_verbs=frozenset(rules.get("anonymity_verbs", [])),
            not_events_after={k: frozenset(v) for k, v in rules["not_events_after"].items()},
            mutual_fights=frozenset(rules["mutual_fights"]),
            statement_verbs=frozenset(data["extensions"]["STATEMENT"].get("verbs", [])),
            disambiguation={item["lemma"]: {t: frozenset(words) for t, words in item["cues"].items()}
                            for item in data.get("ambiguous", [])},
        )
