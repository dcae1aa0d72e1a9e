"""Is this mention an event? A learned filter over the rules' PLOVER events.

The rules find a trigger wherever a word of the lexicon stands in a fitting place. Real news is full
of such words that tell no happening: an attitude ("is willing to"), a weapon named for what it is
("a hydrogen bomb"), campaign talk ("attacks on his rival" stays ACCUSE, but "calibrate her
attacks" is none), a warning that only predicts. A logistic regression over the trigger's words,
its place in the parse and what the rules found around it (actors, recipients, modality, claims)
gives each PLOVER-type event a probability; events under the model's threshold are dropped.
Extensions (STATEMENT, POLICY, NO_COMMENT) are never filtered.

The model is ``data/event_model.json``, learned by ``claimtrail train events`` from the labelled
candidates in ``tests/fixtures/event-candidates`` (see the model card in the README).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ...records import Event, EventArgument, Structure
from .syntax import trigger_token

# how far up from the trigger the clause words are looked for
_UP = 3


@dataclass(frozen=True, slots=True)
class EventModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventModel:
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                   float(data["threshold"]))

    def probability(self, features: Sequence[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def accepts(self, features: Sequence[str]) -> bool:
        return self.probability(features) >= self.threshold


def headline_end(structure: Structure | None) -> int:
    """Where the article's headline ends (0 when it has none): the ``headline`` feature."""
    return structure.headline.end_char if structure is not None and structure.headline else 0


def _args(prefix: str, args: Sequence[EventArgument]) -> list[str]:
    if not args:
        return [f"{prefix}=none"]
    out = [f"{prefix}=some"]
    for a in args[:2]:
        out.append(f"{prefix}.named={a.entity_id is not None}")
        out.append(f"{prefix}.sector={a.sector}")
        out.append(f"{prefix}.kind={a.kind}")
        if a.inferred:
            out.append(f"{prefix}.inferred")
    return out


def event_features(event: Event, doc: Any, headline_end: int = 0) -> list[str]:
    """The features of one event for :class:`EventModel`: string names, present or absent."""
    t = event.plover_type
    feats = [f"type={t}", f"modality={event.modality}", f"negated={event.negated}",
             f"status={event.reports[0].status if event.reports else event.status}",
             f"author={event.source_id == 'author'}", f"mentions={min(len(event.mentions), 3)}",
             f"location={event.location is not None}", f"when={event.when.precision}",
             f"weapons={bool(event.weapons)}", f"quantities={bool(event.quantities)}",
             f"links={bool(event.links)}", f"headline={event.trigger.start_char < headline_end}"]
    feats += _args("actor", event.actors) + _args("recipient", event.recipients)
    feats += [f"context={c}" for c in event.contexts[:3]]
    token = trigger_token(event, doc)
    if token is None:
        return feats
    lemma = token.lemma_.lower()
    sent = token.sent
    feats += [f"lemma={lemma}", f"lemma+type={lemma}|{t}", f"pos={token.pos_}", f"tag={token.tag_}",
              f"dep={token.dep_}", f"pos+dep={token.pos_}|{token.dep_}",
              f"phrase={len(event.trigger.text.split()) > 1}",
              f"title={token.text[:1].isupper() and token.i != sent.start}"]
    head = token.head
    feats += [f"head={head.lemma_.lower()}", f"head.pos={head.pos_}",
              f"head+dep={head.lemma_.lower()}|{token.dep_}"]
    for child in token.children:
        dep = child.dep_
        if dep in ("det", "poss", "aux", "auxpass", "neg", "mark", "prt", "case", "amod",
                   "compound", "nummod"):
            word = child.lemma_.lower() if dep not in ("poss", "compound", "amod") else child.pos_
            feats.append(f"child.{dep}={word}")
            if dep in ("amod", "compound"):
                feats.append(f"child.{dep}.ent={child.ent_type_ or '-'}")
        elif dep in ("dobj", "pobj", "nsubj", "nsubjpass", "attr", "xcomp", "ccomp", "prep"):
            feats.append(f"child.{dep}")
            if dep in ("dobj", "prep"):
                feats.append(f"child.{dep}={child.lemma_.lower()}")
            if dep in ("dobj", "nsubj", "nsubjpass"):
                feats.append(f"child.{dep}.ent={child.ent_type_ or child.pos_}")
    # the clause words above the trigger: "is willing to", "helped to", "if", "would"
    node = token
    for step in range(_UP):
        if node.head.i == node.i:
            feats.append(f"root@{step}")
            break
        if node.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "pobj", "prep",
                         "conj", "acomp", "dobj", "nsubj", "nsubjpass", "attr"):
            feats.append(f"up{step}={node.dep_}|{node.head.lemma_.lower()}")
        node = node.head
    if token.tag_ == "NNS":
        feats.append("plural")
    left = doc[token.i - 1] if token.i > sent.start else None
    right = doc[token.i + 1] if token.i + 1 < sent.end else None
    feats.append(f"left={left.lower_ if left is not None else '<s>'}")
    feats.append(f"right={right.lower_ if right is not None else '</s>'}")
    feats.append(f"in_quote={_in_quote(doc, token.i, sent.start)}")
    return feats


_QUOTES = frozenset({'"', "“", "”", "''", "``"})


def _in_quote(doc: Any, i: int, sent_start: int) -> bool:
    """Whether an odd number of quotation marks stand before token ``i`` in its sentence (from
    the doc's running count of them, made once: a sentence of many events is read once)."""
    counts: list[int] | None = doc.user_data.get("claimtrail.quote_counts")
    if counts is None:
        counts = [0]
        for t in doc:
            counts.append(counts[-1] + (t.text in _QUOTES))
        doc.user_data["claimtrail.quote_counts"] = counts
    return (counts[i] - counts[sent_start]) % 2 == 1


def filter_events(events: Sequence[Event], doc: Any, model: EventModel | None,
                  headline_end: int = 0) -> list[Event]:
    """The events the model accepts (all of them when there is no model); extensions always stay.
    The kept events are renumbered in order and links to a dropped event are dropped."""
    if model is None:
        return list(events)
    kept = [e for e in events
            if e.extension or model.accepts(event_features(e, doc, headline_end))]
    if len(kept) == len(events):
        return list(events)
    numbers = {e.id: f"e{k}" for k, e in enumerate(kept, start=1)}
    words = {e.id: e.trigger.text for e in events}
    out = []
    for e in kept:
        # a link to a dropped event keeps its cue, with the words it pointed to and no target
        links = tuple(lnk if lnk.target is None else
                      replace(lnk, target=numbers[lnk.target]) if lnk.target in numbers else
                      replace(lnk, target=None, target_text=lnk.target_text or words.get(lnk.target))
                      for lnk in e.links)
        out.append(replace(e, id=numbers[e.id], links=links))
    return out
