"""Event coreference within an article (issue 19): mentions of one happening become one event.

A report tells its main happening several times: "Iran fired ballistic missiles at Israel … in
an attack on the Nevatim air base", then "The attack caused little damage", "the strike". The
extractor finds an event at each trigger; this step joins them:

- in one sentence, two events of the same type join when one of them names no actor (the bare
  mention "in an attack on …" beside "Iran fired …");
- across sentences, a noun trigger with a definite or demonstrative determiner or a possessive
  pronoun ("the attack", "this strike", "his praise") joins the nearest earlier event of its
  type: it refers back;
- a noun trigger said again within five sentences ("violence … violence") joins the event it
  was said for;
- within three sentences, an event that names the same actor as an earlier one of its type and
  a recipient that is the same or unnamed in one of them (or the same recipient, and an actor the
  same or unnamed) joins it: "Gunmen attacked a convoy … The gunmen fired on the convoy"; never
  when the actor of one is the recipient of the other ("police shot the gunman", "the gunman had
  killed four people");
- a participle that tells what an act did joins it ("attacked a convoy, killing four soldiers");
- an event of the lede joins the first headline event of its type: the headline tells the same
  happening in title case, which the parser reads worse, so the joined event keeps the
  headline's trigger but takes its arguments from the lede.

A condemnation or praise of a deed the article tells, with no recipient of its own, is aimed at
whoever did the deed ("Russia fired missiles at Odesa … Ukraine condemned the strike": Russia).

Two events join only when nothing in them disagrees: the same modality and negation, no actors
or recipients that share no party, no two different places, no two dates that do not overlap
(so a strike on Odesa never joins a strike on Dnipro). Only the words an entity stands for can
disagree: "the truck" and "the driver" may be one actor. The joined event keeps the first mention as
its trigger, lists the others in ``mentions``, takes what it lacks (actor, recipient, place, date, manner)
from them, and gathers their reports, weapons, quantities and links; events are renumbered in text
order and links follow them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ...records import Event, EventArgument, Structure, TextSpan
from .syntax import span_root, trigger_token

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_UNKNOWN_TIME = frozenset({"none", "unresolved"})
_REPEAT_WINDOW = 5  # sentences within which a noun said again is the same happening
_SCENE_WINDOW = 3  # sentences within which the same participants tell the same happening


def merge_coreferent(events: Sequence[Event], doc: Any, structure: Structure | None = None,
                     noun_types: Mapping[str, tuple[str, ...]] | None = None) -> list[Event]:
    """``events`` (in text order) with the mentions of one happening joined into one event
    (``noun_types``: the event nouns and their types, for a deed judged by name, "condemned the
    strike")."""
    kept: list[Event] = []
    nouns: list[set[str]] = []  # per kept event, the lemmas of its noun mentions
    renamed: dict[str, str] = {}
    headline, lede = _headline_and_lede(structure)
    told_in_lede: set[int] = set()  # the headline events that a lede event has joined
    heads = _ArgumentHeads(doc)
    for event in events:
        token = trigger_token(event, doc)
        k = _headline_event(event, kept, headline, lede, told_in_lede)
        if k is not None:  # the lede tells the headline's event, in words a parser reads better
            told_in_lede.add(k)
            renamed[event.id] = kept[k].id
            kept[k] = _joined(kept[k], event, later_first=True)
            continue
        k = None if event.extension else _antecedent(event, token, kept, nouns, heads)
        noun = {token.lemma_.lower()} if token is not None and _is_noun(token) else set()
        if k is None:
            kept.append(event)
            nouns.append(noun)
            continue
        renamed[event.id] = kept[k].id
        kept[k] = _joined(kept[k], event)
        nouns[k] |= noun
    kept = _judged_deeds(kept, doc, noun_types or {})
    if not renamed:
        return kept
    numbers = {e.id: f"e{n}" for n, e in enumerate(kept, start=1)}
    numbers.update({old: numbers[new] for old, new in renamed.items()})
    out = []
    for event in kept:
        new_id = numbers[event.id]
        links = tuple(replace(lnk, target=numbers.get(lnk.target, lnk.target)) if lnk.target
                      else lnk for lnk in event.links)
        out.append(replace(event, id=new_id,
                           links=tuple(lnk for lnk in links if lnk.target != new_id)))
    return out


_JUDGING = frozenset({"ACCUSE", "SUPPORT"})
_ABOUT = frozenset({"of", "for", "over", "about"})


def _judged_deeds(events: list[Event], doc: Any,
                  noun_types: Mapping[str, tuple[str, ...]]) -> list[Event]:
    """A condemnation or praise of a deed the article tells ("Hollande condemned the attack",
    "praise for the strike") is aimed at whoever did it: with no recipient of its own, it takes
    the actors of that deed's event, the one its object is a mention of, or else the nearest
    earlier event of that noun's type within five sentences."""
    by_start = {m.start_char: k for k, e in enumerate(events) if not e.extension
                for m in (e.trigger, *e.mentions)}
    out = list(events)
    for k, event in enumerate(events):
        if event.type not in _JUDGING or _named(event.recipients):
            continue
        token = trigger_token(event, doc)
        if token is None:
            continue
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += [o for c in token.children if c.dep_ == "prep" and c.lower_ in _ABOUT
                    for o in c.children if o.dep_ == "pobj"]
        deed = next((by_start[t.idx] for o in objects for t in o.subtree
                     if t.idx in by_start and by_start[t.idx] != k), None)
        if deed is None:
            deed = _named_deed(events, k, [o for o in objects if o.pos_ == "NOUN"], noun_types)
        own = {a.entity_id or a.name for a in event.actors}
        doers = [] if deed is None else [a for a in events[deed].actors
                                         if (a.entity_id or a.name) not in own]
        if doers:  # (never its own actors: "signed a treaty of friendship and cooperation")
            out[k] = replace(event, recipients=tuple(doers))
    return out


def _named_deed(events: list[Event], k: int, nouns: list[Any],
                noun_types: Mapping[str, tuple[str, ...]]) -> int | None:
    """The nearest event before ``events[k]`` (within five sentences) of a type that one of
    ``nouns`` names ("the strike" → the last ASSAULT)."""
    types = {t for n in nouns for t in noun_types.get(n.lemma_.lower(), ())}
    if not types:
        return None
    for j in range(k - 1, -1, -1):
        other = events[j]
        if events[k].sentence - other.sentence > _REPEAT_WINDOW:
            return None
        if other.type in types and not other.extension and other.actors:
            return j
    return None


def _headline_and_lede(structure: Structure | None
                       ) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    if structure is None or structure.headline is None:
        return None, None
    headline = (structure.headline.start_char, structure.headline.end_char)
    if structure.lede is not None:
        return headline, (structure.lede.start_char, structure.lede.end_char)
    return headline, structure.paragraphs[0] if structure.paragraphs else None


def _inside(event: Event, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= event.trigger.start_char < span[1]


def _headline_event(event: Event, kept: list[Event], headline: tuple[int, int] | None,
                    lede: tuple[int, int] | None, told_in_lede: set[int]) -> int | None:
    """The headline event that ``event``, in the lede, tells again: the first of its type that
    no lede event has joined yet and that nothing in it contradicts (see :func:`_compatible`)."""
    if event.extension or not _inside(event, lede):
        return None
    return next((k for k, other in enumerate(kept)
                 if k not in told_in_lede and _inside(other, headline) and other.type == event.type
                 and _compatible(other, event)), None)


def _is_noun(token: Any) -> bool:
    return bool(token.pos_ in ("NOUN", "PROPN"))


def _antecedent(event: Event, token: Any, kept: list[Event], nouns: list[set[str]],
                heads: _ArgumentHeads) -> int | None:
    """The index in ``kept`` of the event ``event`` is another mention of, if any."""
    noun = token is not None and _is_noun(token)
    referring = noun and any(
        (child.dep_ in ("det", "predet") and child.lower_ in _DEFINITE)
        or (child.dep_ == "poss" and child.pos_ == "PRON") for child in token.children)
    lemma = token.lemma_.lower() if noun else None
    for k in range(len(kept) - 1, -1, -1):
        other = kept[k]
        if other.type != event.type or other.extension:
            continue
        same_sentence = other.sentence == event.sentence
        # a noun said again nearby ("violence … the violence", "the sanctions … sanctions")
        repeated = lemma in nouns[k] and event.sentence - other.sentence <= _REPEAT_WINDOW
        # the same participants again nearby ("A truck rammed a crowd … The truck struck the crowd")
        scene = (event.sentence - other.sentence <= _SCENE_WINDOW
                 and heads.same_scene(other, event)) or _consequence(token, other)
        if same_sentence and not referring and event.actors and other.actors and not scene:
            continue  # two acts with actors of their own in one sentence
        if not (same_sentence or referring or repeated or scene):
            continue
        if _compatible(other, event):
            return k
        if referring and not same_sentence:
            return None  # "the attack" refers to the nearest attack or to none
    return None


def _consequence(token: Any, other: Event) -> bool:
    """Whether ``token`` is a participle that tells what ``other``'s act did ("attacked a convoy,
    killing four soldiers")."""
    if token is None or token.tag_ != "VBG" or token.dep_ != "advcl":
        return False
    head = token.head
    return bool(other.trigger.start_char <= head.idx < other.trigger.end_char)


class _ArgumentHeads:
    """The head words of events' actors and recipients ("truck" for "The truck"), pronouns left
    out, read once per argument."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._seen: dict[tuple[int, int], str | None] = {}

    def _head(self, arg: EventArgument) -> str | None:
        key = (arg.start_char, arg.end_char)
        if key not in self._seen:
            root = span_root(self.doc, arg.start_char, arg.end_char)
            self._seen[key] = (None if root is None or root.pos_ in ("PRON", "NUM", "DET")
                               else str(root.lemma_).lower())
        return self._seen[key]

    def heads(self, args: Sequence[EventArgument]) -> set[str]:
        found = {self._head(a) for a in args if not a.inferred}
        found.discard(None)
        return found  # type: ignore[return-value]

    def same_scene(self, a: Event, b: Event) -> bool:
        """Whether ``a`` and ``b`` name the same actor (or the same recipient) and nothing else
        of theirs differs: the other role the same or unnamed in one of them, and no party that is
        the actor of one and the recipient of the other ("police shot the driver", "the driver
        killed 80 people")."""
        act_a, act_b = self.heads(a.actors), self.heads(b.actors)
        rec_a, rec_b = self.heads(a.recipients), self.heads(b.recipients)
        if act_a & rec_b or act_b & rec_a:
            return False
        if _parties(a.actors) & _parties(b.recipients) or _parties(b.actors) & _parties(a.recipients):
            return False
        same_actor = bool(act_a & act_b or _parties(a.actors) & _parties(b.actors))
        same_recipient = bool(rec_a & rec_b or _parties(a.recipients) & _parties(b.recipients))
        actors_fit = same_actor or not (act_a and act_b)
        recipients_fit = same_recipient or not (rec_a and rec_b)
        return (same_actor and recipients_fit) or (same_recipient and actors_fit)


def _parties(args: Sequence[EventArgument]) -> set[str]:
    """The entities the arguments name (words no entity stands for, "the crowd", never
    disagree with anything)."""
    return {a.entity_id for a in args if a.entity_id and not a.inferred}


def _disagree(a: set[str], b: set[str]) -> bool:
    return bool(a) and bool(b) and not (a & b)


def _compatible(a: Event, b: Event) -> bool:
    if a.modality != b.modality or a.negated != b.negated:
        return False
    if _disagree(_parties(a.actors), _parties(b.actors)):
        return False
    if _disagree(_parties(a.recipients), _parties(b.recipients)):
        return False
    if a.location is not None and b.location is not None and _disagree(
            _parties((a.location,)), _parties((b.location,))):
        return False
    apart = bool(a.when.start and b.when.start and a.when.end and b.when.end) and (
        str(a.when.end) < str(b.when.start) or str(b.when.end) < str(a.when.start))
    return not apart


def _named(args: tuple[EventArgument, ...]) -> bool:
    return any(not a.inferred for a in args)


def _joined(first: Event, later: Event, later_first: bool = False) -> Event:
    """``first`` with ``later`` as another of its mentions. Each argument comes from ``first``
    when it has one, else from ``later`` (the other way round with ``later_first``: a headline
    event takes the lede's arguments)."""
    if later_first:
        joined = _joined(replace(later, trigger=first.trigger, mentions=()), first)
        # the headline's trigger stays the first mention; the lede's comes next
        return replace(joined, id=first.id, trigger=first.trigger,
                       mentions=(later.trigger, *later.mentions, *first.mentions),
                       sentence=first.sentence)
    recipients = first.recipients
    if not _named(recipients) and _named(later.recipients):
        recipients = later.recipients  # a recipient the grammar names beats an inferred one
    when = first.when
    if when.precision in _UNKNOWN_TIME and later.when.precision not in _UNKNOWN_TIME:
        when = later.when
    mentions: tuple[TextSpan, ...] = (*first.mentions, later.trigger, *later.mentions)
    # the manner ("a phone call") and the intensity that goes with it, from the mention that says it
    mode, intensity = ((later.mode, later.intensity) if first.mode is None and later.mode
                       else (first.mode, first.intensity))
    return replace(
        first,
        mode=mode,
        intensity=intensity,
        contexts=first.contexts + tuple(c for c in later.contexts if c not in first.contexts),
        actors=first.actors or later.actors,
        recipients=recipients,
        location=first.location or later.location,
        when=when,
        weapons=first.weapons + tuple(w for w in later.weapons if w not in first.weapons),
        quantities=first.quantities + tuple(q for q in later.quantities
                                            if q not in first.quantities),
        reports=first.reports + tuple(r for r in later.reports if r not in first.reports),
        links=first.links + later.links,
        mentions=mentions,
    )
