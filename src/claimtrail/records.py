"""Frozen records that make up an analysis; ``as_dict()`` of these is the JSON contract.

Character offsets (``start_char``/``end_char``) always index ``Article.text``; ``sentence`` is the
0-based index of the sentence in the parsed article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = "1.7"


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class SetApart:
    """A stretch of the page that is not the story (a dateline, a caption, a related-headlines
    block, a licence line…): kept in ``Article.text`` for the record, blanked for the analysers."""

    kind: str
    text: str
    start_char: int
    end_char: int

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        return data


@dataclass(frozen=True, slots=True)
class Dateline:
    """'KYIV, Nov 21 (Reuters) -': where and when the story was filed, and by which agency."""

    text: str
    start_char: int
    end_char: int
    place: str | None
    date_text: str | None
    date: str | None
    agency: str | None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        return data


@dataclass(frozen=True, slots=True)
class Byline:
    """'By Jane Roe and John Doe, Reuters': the line and the names in it."""

    text: str
    start_char: int
    end_char: int
    names: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _clean(asdict(self))
        return data


@dataclass(frozen=True, slots=True)
class Structure:
    """The article's parts, as offsets into ``Article.text``.

    ``paragraphs`` are the story's paragraphs (the lede first), each ``(start_char, end_char)``;
    ``headings`` are headings inside the body (structure, not sentences); ``set_apart`` is all
    that the analysers never see, the dateline and byline included.
    """

    headline: TextSpan | None = None
    dateline: Dateline | None = None
    byline: Byline | None = None
    lede: TextSpan | None = None
    paragraphs: tuple[tuple[int, int], ...] = ()
    headings: tuple[TextSpan, ...] = ()
    set_apart: tuple[SetApart, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline.as_dict() if self.headline else None,
            "dateline": self.dateline.as_dict() if self.dateline else None,
            "byline": self.byline.as_dict() if self.byline else None,
            "lede": self.lede.as_dict() if self.lede else None,
            "paragraphs": [{"start_char": s, "end_char": e} for s, e in self.paragraphs],
            "headings": [h.as_dict() for h in self.headings],
            "set_apart": [p.as_dict() for p in self.set_apart],
        }


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every character of ``spans`` but line breaks turned into spaces, so that
    every offset stays valid and sentence breaks stay where they were."""
    parts: list[str] = []
    last = 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end <= start:
            continue
        parts.append(text[last:start])
        parts.append("".join("\n" if ch == "\n" else " " for ch in text[start:end]))
        last = end
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Article:
    """One article as ingested: the text every offset points into, and its metadata.

    ``text`` is the whole text read (the story and what was set apart from it);
    ``analysed_text`` is what the analysers parse: the same length, with the set-apart spans
    blanked.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    published_from: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    input_kind: str = "text"
    path: str | None = None
    record: str | None = None
    record_id: str | None = None
    structure: Structure = field(default_factory=Structure)

    @property
    def analysed_text(self) -> str:
        return blank_spans(self.text, ((p.start_char, p.end_char) for p in self.structure.set_apart))

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: getattr(self, name) for name in self.__dataclass_fields__ if name != "structure"
        }
        data["chars"] = len(self.text)
        data["words"] = len(self.text.split())
        data["structure"] = self.structure.as_dict()
        return data


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text where an entity is named."""

    text: str
    start_char: int
    end_char: int
    sentence: int
    how: str

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        return data


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place, group or weapon, with all its mentions in the article."""

    id: str
    name: str
    label: str
    kind: str
    country: str | None
    qid: str | None
    source: str
    mentions: tuple[Mention, ...]
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _clean(asdict(self))
        data["mentions"] = [m.as_dict() for m in self.mentions]
        return data


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression and the calendar interval it resolves to (or why it does not)."""

    text: str
    start_char: int
    end_char: int
    sentence: int
    value: str | None
    grain: str
    start: str | None
    end: str | None
    resolution: str
    anchor: str | None
    anchor_kind: str | None
    modifier: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        return data


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of the article text."""

    text: str
    start_char: int
    end_char: int

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        return data


@dataclass(frozen=True, slots=True)
class Source:
    """Who a claim comes from: a resolved entity, an anonymous group, a document, or the author.

    ``collective`` is true when the source speaks for many: an institution, a government, the
    media of a country, a group, or unnamed sources in the plural ("officials", "several
    Telegram channels")."""

    id: str
    name: str
    kind: str
    entity_id: str | None
    country: str | None
    mentions: tuple[TextSpan, ...]
    collective: bool = False

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        data["mentions"] = [m.as_dict() for m in self.mentions]
        return data


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement, with who makes it (``source_id``), how (``cue``) and how sure (``status``).

    ``start_char``/``end_char`` span the content; ``voice`` is ``author`` for the article's own
    statements and ``reported`` for attributed ones; ``via`` lists the sources the source cites.
    """

    id: str
    text: str
    start_char: int
    end_char: int
    sentence: int
    source_id: str
    source_span: TextSpan | None
    cue: TextSpan | None
    cue_kind: str
    via: tuple[str, ...]
    voice: str
    status: str
    negated: bool
    quote: str
    channel: str | None
    markers: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _clean(asdict(self))
        data["source_span"] = self.source_span.as_dict() if self.source_span else None
        data["cue"] = self.cue.as_dict() if self.cue else None
        return data


@dataclass(frozen=True, slots=True)
class EventArgument:
    """An actor, recipient, place or weapon of an event: the words and what they resolve to."""

    text: str
    start_char: int
    end_char: int
    entity_id: str | None
    name: str
    country: str | None
    sector: str | None
    kind: str | None = None
    # a recipient no grammatical relation names, taken from the nearest party of the sentence
    inferred: bool = False

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        return data


@dataclass(frozen=True, slots=True)
class Quantity:
    """'six missiles': 6 of 'missile', counted as 'fired'."""

    text: str
    start_char: int
    end_char: int
    value: float
    unit: str
    counts: str

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        return data


@dataclass(frozen=True, slots=True)
class EventTime:
    """When an event happened, from the times layer; ``precision`` none when the text gives no
    time for it (the publication date is never used silently)."""

    precision: str
    value: str | None = None
    start: str | None = None
    end: str | None = None
    text: str | None = None
    start_char: int | None = None
    end_char: int | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        return data


@dataclass(frozen=True, slots=True)
class EventReport:
    """One claim that reports the event, with its source and status."""

    claim_id: str
    source_id: str
    via: tuple[str, ...]
    status: str

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _clean(asdict(self))
        return data


@dataclass(frozen=True, slots=True)
class EventLink:
    """A typed link to another event ('in response to' → response), and who asserts it."""

    type: str
    target: str | None
    cue: TextSpan
    asserted_by: str
    target_text: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        return data


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where and when, in the PLOVER ontology (or a documented extension),
    tied to the claims that report it."""

    id: str
    type: str
    plover_type: str
    extension: bool
    mode: str | None
    contexts: tuple[str, ...]
    trigger: TextSpan
    sentence: int
    actors: tuple[EventArgument, ...]
    recipients: tuple[EventArgument, ...]
    location: EventArgument | None
    weapons: tuple[EventArgument, ...]
    quantities: tuple[Quantity, ...]
    when: EventTime
    modality: str
    negated: bool
    status: str
    source_id: str
    reports: tuple[EventReport, ...]
    intensity: float
    links: tuple[EventLink, ...] = ()
    # one of the events the article's headline and lede report (extract/events/main.py)
    main: bool = False
    # the other words that tell the same happening ("the attack", "the strike"), in text order
    # (extract/events/coreference.py)
    mentions: tuple[TextSpan, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "plover_type": self.plover_type,
            "extension": self.extension, "mode": self.mode,
            "contexts": list(self.contexts), "trigger": self.trigger.as_dict(),
            "sentence": self.sentence,
            "actors": [a.as_dict() for a in self.actors],
            "recipients": [a.as_dict() for a in self.recipients],
            "location": self.location.as_dict() if self.location else None,
            "weapons": [w.as_dict() for w in self.weapons],
            "quantities": [q.as_dict() for q in self.quantities],
            "when": self.when.as_dict(), "modality": self.modality, "negated": self.negated,
            "status": self.status, "source_id": self.source_id,
            "reports": [r.as_dict() for r in self.reports], "intensity": self.intensity,
            "links": [link.as_dict() for link in self.links], "main": self.main,
            "mentions": [m.as_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Technique:
    """A persuasion technique span (PTC's 14 techniques), with its score and why it was found."""

    id: str
    technique: str
    text: str
    start_char: int
    end_char: int
    sentence: int
    score: float
    source: str
    explanation: str

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        return data


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything claimtrail found in one article."""

    article: Article
    entities: tuple[Entity, ...]
    times: tuple[TimeExpression, ...]
    model: dict[str, str]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    sources: tuple[Source, ...] = field(default_factory=tuple)
    claims: tuple[Claim, ...] = field(default_factory=tuple)
    events: tuple[Event, ...] = field(default_factory=tuple)
    techniques: tuple[Technique, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        from . import __version__

        return {
            "schema_version": SCHEMA_VERSION,
            "claimtrail_version": __version__,
            "model": dict(self.model),
            "article": self.article.as_dict(),
            "entities": [e.as_dict() for e in self.entities],
            "times": [t.as_dict() for t in self.times],
            "sources": [s.as_dict() for s in self.sources],
            "claims": [c.as_dict() for c in self.claims],
            "events": [e.as_dict() for e in self.events],
            "techniques": [t.as_dict() for t in self.techniques],
            "warnings": list(self.warnings),
        }
