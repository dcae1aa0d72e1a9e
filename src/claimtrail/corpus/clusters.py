"""Event clusters: events of different articles that tell one real-world event.

An event joins a cluster when it is compatible with every member (hard constraints: a type of
the same family, the same kind of modality, the same place or one inside the other, dates at
most a day apart, not both actors and recipients disjoint) and resembles one of them enough
(the cosine of their sentences' vectors, plus agreement on place, day and participants). A
strike on Odesa never joins a strike on Dnipro, however alike the sentences: the places differ.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

#: Types that never form clusters: speech acts and policies are what the claims layer holds.
UNCLUSTERED = frozenset({"STATEMENT", "POLICY", "NO_COMMENT"})
#: Types that may be one happening told in two ways.
FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"ACCUSE", "DISAPPROVE"}),
    frozenset({"AID", "COOPERATE"}),
    frozenset({"RETREAT", "CONCEDE", "COOPERATE"}),
)
_REAL = frozenset({"actual", "attempted"})
#: Days an undated event may lie before its article's publication.
UNDATED_WINDOW = 3
#: The most days two dated reports of one event may differ (a night strike is dated either day).
MAX_DATE_GAP = 1
#: What a pair's evidence must reach.
THRESHOLD = 0.72
#: What an event must reach to join a cluster that holds another event of its own article: the
#: article's analysis did not join them, but an article tells mostly one happening of a kind
#: (the strike in the lede, "the attack" and the interceptions further down).
SAME_ARTICLE_THRESHOLD = 0.45
#: Members an event is checked against (the most recent ones), so huge clusters stay cheap.
MAX_CHECKED = 30


def family(kind: str) -> frozenset[str]:
    for fam in FAMILIES:
        if kind in fam:
            return fam
    return frozenset({kind})


@dataclass(slots=True)
class Party:
    entity_id: str | None
    name: str
    country: str | None


@dataclass(slots=True)
class EventItem:
    """One event of one stored article, with what clustering compares."""

    article_id: str
    event_id: str
    type: str
    mode: str | None
    modality: str
    main: bool
    published: dt.date | None
    start: dt.date | None  # the event's own date, where the text gives a day or a short range
    end: dt.date | None
    place: str | None
    place_id: str | None
    place_country: str | None
    place_kind: str | None
    actors: list[Party]
    recipients: list[Party]
    vector: np.ndarray | None = None
    sentence: str = ""
    clause: str = ""  # the words around the trigger, which the vector is of
    lead: bool = False  # its article's first main event (what the headline reports)
    # worked out once: the parties' entity ids and countries, and the place's plain name
    actor_ids: frozenset[str] = frozenset()
    recipient_ids: frozenset[str] = frozenset()
    party_ids: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    place_norm: str = ""
    named_actors: frozenset[str] = frozenset()  # actors named as people or bodies, not countries

    def __post_init__(self) -> None:
        self.actor_ids = frozenset(_ids(self.actors))
        self.recipient_ids = frozenset(_ids(self.recipients))
        self.party_ids = self.actor_ids | self.recipient_ids
        self.countries = frozenset(p.country for p in (*self.actors, *self.recipients)
                                   if p.country)
        self.place_norm = _norm(self.place) if self.place else ""
        self.named_actors = frozenset(p.entity_id for p in self.actors if p.entity_id and not
                                      p.entity_id.startswith(("country:", "people:")))

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.event_id)

    @property
    def dated(self) -> bool:
        return self.start is not None

    def window(self) -> tuple[dt.date, dt.date] | None:
        """The days the event can lie on: its own, or the days before its publication."""
        if self.start is not None and self.end is not None:
            return self.start, self.end
        if self.published is not None:
            return self.published - dt.timedelta(days=UNDATED_WINDOW), self.published
        return None


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def _norm(place: str) -> str:
    words = [w for w in place.lower().replace("’", "'").split()
             if w not in {"the", "region", "oblast", "province", "city", "of", "port"}]
    return " ".join(words)


def place_relation(a: EventItem, b: EventItem) -> str:
    """same, within (one is the other's country), unknown (one has none) or different."""
    if not a.place or not b.place:
        return "unknown"
    if a.place_id and a.place_id == b.place_id:
        return "same"
    na, nb = a.place_norm, b.place_norm
    if na == nb or (na and nb and (na in nb.split() or nb in na.split())):
        return "same"
    for x, y in ((a, b), (b, a)):
        if x.place_kind == "country" and x.place_country and x.place_country == y.place_country:
            return "within"
    return "different"


def _ids(parties: Sequence[Party]) -> set[str]:
    out = set()
    for p in parties:
        if p.entity_id:
            out.add(p.entity_id)
        if p.country:
            out.add("country:" + p.country)
    return out


def _overlap(ia: frozenset[str], ib: frozenset[str]) -> bool | None:
    """True when they share an entity or a country, False when both are known and share
    none, None when either is unknown."""
    if not ia or not ib:
        return None
    return not ia.isdisjoint(ib)


def compatible(a: EventItem, b: EventItem) -> bool:
    """The hard constraints: can these two be one happening at all?"""
    if b.type not in family(a.type):
        return False
    if (a.modality in _REAL) != (b.modality in _REAL):
        return False
    wa, wb = a.window(), b.window()
    if wa and wb:
        limit = MAX_DATE_GAP if a.dated and b.dated else 0
        if _gap(wa, wb) > limit:
            return False
    relation = place_relation(a, b)
    if relation == "different":
        return False
    if relation == "same":
        return True  # the parties as the analysis found them are too partial to overrule a place
    # roles may be swapped ("A met B" / "B held talks with A"; each side blaming the other is
    # a contradiction to show, not two events): only wholly different countries rule it out
    return _overlap(a.countries, b.countries) is not False


def evidence(a: EventItem, b: EventItem) -> float:
    """How strongly two compatible events look like one happening (about 0–1.5): the cosine of
    their vectors, plus agreement on place, actors, recipients and day. Two events whose
    actors are different people or bodies (not countries), neither named among the other's
    parties, are two acts unless much else agrees."""
    score = 0.0
    if a.vector is not None and b.vector is not None:
        score += float(np.dot(a.vector, b.vector))
    relation = place_relation(a, b)
    if relation == "same":
        score += 0.2
    elif relation == "within":
        score += 0.05
    if a.dated and b.dated and a.start == b.start:
        score += 0.05
    if a.named_actors and b.named_actors and a.named_actors.isdisjoint(b.named_actors) \
            and a.named_actors.isdisjoint(b.party_ids) and b.named_actors.isdisjoint(a.party_ids):
        return score - 0.15  # (their countries' agreeing adds nothing then)
    if _overlap(a.actor_ids, b.actor_ids):
        score += 0.1
    if _overlap(a.recipient_ids, b.recipient_ids):
        score += 0.1
    else:
        both = _overlap(a.party_ids, b.party_ids)
        if both:
            score += 0.05
        elif both is False:
            score -= 0.1
    return score


def cluster_id(first: EventItem) -> str:
    digest = hashlib.sha256(f"{first.article_id}/{first.event_id}".encode()).hexdigest()
    return "k-" + digest[:12]


@dataclass(slots=True)
class Cluster:
    """Events of one happening. The ``core`` members are each its article's first event in the
    cluster, and every new event must be compatible with them; an article's further events
    are ``attached``: they bring their sources and counts, but no constraint."""

    id: str
    core: list[EventItem] = field(default_factory=list)
    attached: list[EventItem] = field(default_factory=list)
    scores: dict[tuple[str, str], float] = field(default_factory=dict)
    lo: dt.date | None = None
    hi: dt.date | None = None
    dirty: bool = False

    @property
    def members(self) -> list[EventItem]:
        return [*self.core, *self.attached]

    def add(self, item: EventItem, score: float) -> None:
        self.scores[item.key] = score
        self.dirty = True
        if any(m.article_id == item.article_id for m in self.core):
            self.attached.append(item)
            return
        self.core.append(item)
        window = item.window()
        if window:
            self.lo = window[0] if self.lo is None else min(self.lo, window[0])
            self.hi = window[1] if self.hi is None else max(self.hi, window[1])

    def match(self, item: EventItem) -> float | None:
        """The evidence that ``item`` belongs here, or None when it cannot."""
        checked = self.core[-MAX_CHECKED:]
        if not all(compatible(item, m) for m in checked):
            return None
        own = [m for m in self.core if m.article_id == item.article_id]
        if own:
            best = max(evidence(item, m) for m in own)
            return best if best >= SAME_ARTICLE_THRESHOLD else None
        best = max(evidence(item, m) for m in checked)
        return best if best >= THRESHOLD else None


class _Matrix:
    """Rows of vectors, each with its cluster, that grow without copying them all each time."""

    def __init__(self) -> None:
        self.owners: list[Cluster] = []
        self._data = np.zeros((16, 0), dtype=np.float32)

    def append(self, owner: Cluster, vector: np.ndarray) -> None:
        n = len(self.owners)
        if self._data.shape[1] == 0:
            self._data = np.zeros((16, vector.shape[0]), dtype=np.float32)
        if n == self._data.shape[0]:
            grown = np.zeros((n * 2, self._data.shape[1]), dtype=np.float32)
            grown[:n] = self._data
            self._data = grown
        self._data[n] = vector
        self.owners.append(owner)

    def near(self, vector: np.ndarray, floor: float) -> list[Cluster]:
        if not self.owners:
            return []
        sims = self._data[:len(self.owners)] @ vector
        return [self.owners[int(i)] for i in np.flatnonzero(sims >= floor)]


#: The most the non-vector evidence adds (place 0.2, actors 0.1, recipients 0.1, day 0.05): a
#: cluster none of whose core sentences comes within THRESHOLD minus this is never checked.
MAX_BONUS = 0.45


class Clustering:
    """The clusters of a corpus, to which new events are added one at a time.

    Clusters are listed by type family and day (under every day they span), each with the
    vectors of its core members; a new event is compared in one matrix product with the
    vectors of its days, and checked in full only against the clusters that come near it (or
    that already hold an event of its article)."""

    def __init__(self, clusters: Iterable[Cluster] = ()) -> None:
        self.clusters: dict[str, Cluster] = {}
        self._rows: dict[tuple[frozenset[str], int], _Matrix] = {}
        # every core vector of a family once, for events with no day at all
        self._all: dict[frozenset[str], _Matrix] = {}
        self._undated: dict[frozenset[str], list[Cluster]] = {}
        self._listed: dict[str, tuple[int, int] | None] = {}
        self._of_article: dict[str, list[Cluster]] = {}
        for c in clusters:
            self.clusters[c.id] = c
            self._list(c, list(c.core))
            for m in c.members:
                self._of_article.setdefault(m.article_id, []).append(c)

    def _put(self, key: tuple[frozenset[str], int], c: Cluster, members: list[EventItem]) -> None:
        rows = self._rows.setdefault(key, _Matrix())
        for m in members:
            if m.vector is not None:
                rows.append(c, m.vector)

    def _list(self, c: Cluster, new_core: list[EventItem]) -> None:
        """List ``c`` under the days it spans now, with the vectors of ``new_core`` (and all
        its core vectors under the days it did not span before)."""
        fam = family(c.core[0].type)
        fresh = list(c.core) if c.id not in self._listed else new_core
        everything = self._all.setdefault(fam, _Matrix())
        for m in fresh:
            if m.vector is not None:
                everything.append(c, m.vector)
        span = (c.lo.toordinal(), c.hi.toordinal()) if c.lo and c.hi else None
        before = self._listed.get(c.id)
        if span is None:
            if c.id not in self._listed:
                self._undated.setdefault(fam, []).append(c)
            self._listed[c.id] = None
            return
        old = range(before[0], before[1] + 1) if before else range(0)
        for day in range(span[0], span[1] + 1):
            self._put((fam, day), c, list(c.core) if day not in old else new_core)
        self._listed[c.id] = span

    def _candidates(self, item: EventItem) -> list[Cluster]:
        fam = family(item.type)
        found: dict[str, Cluster] = {c.id: c for c in self._of_article.get(item.article_id, ())
                                     if family(c.core[0].type) == fam}
        window = item.window()
        if item.vector is None:
            keys = [k for k in self._rows if k[0] == fam] if window is None else [
                (fam, d) for d in range(window[0].toordinal() - MAX_DATE_GAP,
                                        window[1].toordinal() + MAX_DATE_GAP + 1)]
            for key in keys:
                matrix = self._rows.get(key)
                for c in matrix.owners if matrix else ():
                    found.setdefault(c.id, c)
        elif window is None:  # no day at all: any cluster of the family whose sentences are near
            matrix = self._all.get(fam)
            for c in matrix.near(item.vector, THRESHOLD - MAX_BONUS) if matrix else ():
                found.setdefault(c.id, c)
            return list(found.values())
        else:
            for day in range(window[0].toordinal() - MAX_DATE_GAP,
                             window[1].toordinal() + MAX_DATE_GAP + 1):
                matrix = self._rows.get((fam, day))
                for c in matrix.near(item.vector, THRESHOLD - MAX_BONUS) if matrix else ():
                    found.setdefault(c.id, c)
        for c in self._undated.get(fam, ()):  # (clusters with no day, for a dated event)
            if c.id not in found and (item.vector is None or any(
                    m.vector is not None and float(m.vector @ item.vector) >= THRESHOLD - MAX_BONUS
                    for m in c.core[-MAX_CHECKED:])):
                found[c.id] = c
        return list(found.values())

    def add(self, item: EventItem) -> Cluster:
        """Put ``item`` in the best cluster it fits, or in a new one."""
        best: tuple[float, Cluster] | None = None
        for c in self._candidates(item):
            score = c.match(item)
            if score is not None and (best is None or score > best[0]):
                best = (score, c)
        if best is not None:
            target = best[1]
            core = not any(m.article_id == item.article_id for m in target.core)
            target.add(item, best[0])
            self._list(target, [item] if core else [])
        else:
            target = Cluster(cluster_id(item))
            while target.id in self.clusters:  # (a re-analysed article's event id used again)
                target.id = "k-" + hashlib.sha256(target.id.encode()).hexdigest()[:12]
            target.add(item, 1.0)
            self.clusters[target.id] = target
            self._list(target, [item])
        self._of_article.setdefault(item.article_id, []).append(target)
        return target
