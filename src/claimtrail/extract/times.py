"""Time expressions, resolved to calendar intervals.

Recognition is by rules over the text (month and weekday names are case-sensitive, so "may" and
"we" never become dates), plus the statistical model's DATE spans that no rule explains, which are
kept as ``unresolved`` rather than guessed. Resolution works against an anchor: the publication
date, or else the first full date in the text (recorded as ``anchor_kind='text_date'``).
Relative phrases such as "a few days later" count from the previously resolved expression.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..records import TimeExpression
from ._util import IntervalIndex, SentenceIndex, doc_text
from .time_resolve import month_number, resolve


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    vague: dict[str, tuple[int, int]]
    seasons: dict[str, dict[str, Any]]
    parts_of_day: tuple[str, ...]
    not_dates: frozenset[str]
    patterns: _Patterns

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeLexicon:
        """Build the lexicon (and compile its patterns once) from ``data/times.json``."""
        months: dict[str, int] = data["months"]
        return cls(
            months=months, weekdays=data["weekdays"], numbers=data["numbers"],
            vague={k: (v[0], v[1]) for k, v in data["vague"].items()},
            seasons=data["seasons"], parts_of_day=tuple(data["parts_of_day"]),
            not_dates=frozenset(data["not_dates"]),
            patterns=_Patterns(months, data["weekdays"], data["numbers"], data["vague"]),
        )


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    kind: str
    groups: dict[str, str | None]
    modifier: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)




class _Patterns:
    """The recognition rules, compiled once per lexicon."""

    def __init__(self, months: dict[str, int], weekdays: dict[str, int],
                 numbers: dict[str, int], vague_words: dict[str, Any]) -> None:
        names = sorted(months, key=len, reverse=True)
        full = [m for m in names if len(m) > 4 or m in ("May", "June", "July")]
        # Abbreviations ("Jan", "Mar") only before a day number: "Mar-a-Lago" is no month.
        month = "(?P<month>" + "|".join(
            re.escape(m) + (r"\.?" if m not in full else "") for m in names) + ")"
        month_full = "(?P<month>" + "|".join(full) + ")"
        weekday = "(?P<wd>" + "|".join(weekdays) + ")"
        num_words = "|".join(sorted(numbers, key=len, reverse=True))
        vague = "|".join(sorted(vague_words, key=len, reverse=True))
        num = rf"(?P<n>\d+|(?i:{vague})|(?i:{num_words}))"
        unit = r"(?P<unit>(?i:day|week|month|year|decade|hour))s?"
        day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
        day2 = r"(?:\s*(?:-|–|to|and)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"
        year = r"(?P<year>(?:1[89]|20)\d\d)"
        self.rules: list[tuple[str, re.Pattern[str]]] = [
            ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
            ("month_day", re.compile(
                rf"\b{month}\s+{day}{day2}(?:,?\s+{year})?(?![\d:])\b")),
            ("day_month", re.compile(
                rf"\b{day}{day2}\s+(?:of\s+)?{month}(?:,?\s+{year})?\b")),
            ("month_year", re.compile(
                rf"\b(?:(?P<mod>(?i:early|mid|late|the end of|the beginning of|the start of))"
                rf"[\s-]+)?{month_full}(?:\s+of)?,?\s+{year}\b")),
            ("month", re.compile(
                rf"\b(?P<prep>(?i:in|since|by|until|through|during|from|last|next|this|early|mid|"
                rf"late|the end of|the beginning of|the start of|mid-))[\s-]+{month_full}\b"
                r"(?!\s*\d|-)")),
            ("weekday", re.compile(
                rf"\b(?:(?P<rel>(?i:last|next|this|on|by|until|since|from|early|late))\s+)?"
                rf"{weekday}(?:'s|’s)?(?:\s+(?P<part>morning|afternoon|evening|night))?\b")),
            ("season", re.compile(
                r"\b(?:(?P<rel>(?i:this|last|next|past|coming|previous))\s+|"
                r"(?P<det>(?i:in the|during the|the|in|over the))\s+)?"
                r"(?:(?P<mod>(?i:early|late|mid))[\s-]+)?"
                r"(?P<season>(?i:spring|summer|autumn|fall|winter))"
                rf"(?:\s+(?:of\s+)?{year})?\b")),
            ("year", re.compile(
                rf"\b(?P<prep>(?i:in|since|by|until|during|from|before|after|of|early|mid|late|"
                rf"the end of|the beginning of))[\s-]+{year}\b(?![-–/]\d)")),
            ("decade", re.compile(r"\b(?:the\s+)?(?P<dec>(?:1[89]|20)\d0)s\b")),
            ("deictic", re.compile(
                r"\b(?P<word>(?i:today|yesterday|tomorrow|tonight|last night|this morning|"
                r"this afternoon|this evening|yesterday morning|yesterday afternoon|"
                r"yesterday evening))\b")),
            ("this_unit", re.compile(
                r"\b(?P<rel>(?i:last|this|next|past|coming|previous|earlier this|later this|"
                r"early this|late last|early last|late this|earlier in the))\s+"
                r"(?P<unit>(?i:week|weekend|month|year))\b(?!s)")),
            ("past_n", re.compile(
                rf"\b(?:(?i:the)\s+)?(?P<rel>(?i:past|last|previous|next|coming))\s+{num}\s+{unit}")),
            ("recent", re.compile(
                r"\b(?P<rel>(?i:recent))\s+(?P<unit>(?i:days|weeks|months|years))\b")),
            ("ago", re.compile(rf"\b{num}\s+{unit}\s+(?i:ago)\b")),
            ("later", re.compile(
                rf"\b{num}\s+{unit}\s+(?P<dir>(?i:later|earlier|after that|before that|"
                rf"afterwards|afterward|on))\b")),
            ("later_bare", re.compile(
                r"\b(?P<unit>(?i:days|weeks|months|years|hours))\s+(?P<dir>(?i:later|earlier))\b")),
            ("next_unit", re.compile(
                r"\b(?i:the)\s+(?P<which>(?i:next|following|previous|preceding))\s+"
                r"(?P<unit>(?i:day|week|month|year|morning|evening|night))\b")),
            ("same_day", re.compile(
                r"\b(?P<which>(?i:that|the same)\s+day|(?i:the day)\s+(?:before|after)|"
                r"(?i:later that day|earlier that day))\b")),
            ("offset", re.compile(rf"\b{num}\s+{unit}\s+(?P<dir>(?i:before|after|prior to))\s+")),
        ]
        # Words without which a rule cannot match: a text that lacks them skips the rule (most
        # texts name no season, many no weekday), which saves a scan of the whole text each.
        anchor = {
            "month": re.compile("|".join(re.escape(m) for m in names)),
            "weekday": re.compile("|".join(re.escape(w) for w in weekdays)),
            "season": re.compile("spring|summer|autumn|fall|winter", re.IGNORECASE),
            "year": re.compile(r"(?:1[89]|20)\d\d"),
            "unit": re.compile("day|week|month|year|decade|hour", re.IGNORECASE),
            "ago": re.compile("ago", re.IGNORECASE),
        }
        needs = {"iso": ("year",), "month_day": ("month",), "day_month": ("month",),
                 "month_year": ("month", "year"), "month": ("month",), "weekday": ("weekday",),
                 "season": ("season",), "year": ("year",), "decade": ("year",),
                 "this_unit": ("unit",), "past_n": ("unit",), "recent": ("unit",),
                 "ago": ("unit", "ago"), "later": ("unit",), "later_bare": ("unit",),
                 "offset": ("unit",)}
        self.anchors: dict[str, re.Pattern[str]] = anchor
        self.needs: dict[str, tuple[str, ...]] = needs


def extract_times(
    doc: Any, lexicon: TimeLexicon, published: dt.date | None = None
) -> list[TimeExpression]:
    """All time expressions of ``doc``, resolved against ``published`` where given."""
    text = doc_text(doc)
    candidates = _select(_candidates(doc, text, lexicon.patterns, lexicon))
    candidates += _model_dates(doc, candidates, lexicon)
    candidates.sort(key=lambda c: c.start)

    anchor, anchor_kind = published, "publication" if published else None
    if anchor is None:
        anchor = _text_anchor(candidates, lexicon)
        anchor_kind = "text_date" if anchor else None

    sentence_of = SentenceIndex(doc)
    out: list[TimeExpression] = []
    previous: tuple[dt.date, str] | None = None
    for cand in candidates:
        res = resolve(cand, doc, lexicon, anchor, previous)
        used_anchor: str | None
        used_kind: str | None
        if res.resolution == "relative_to_previous" and previous:
            used_anchor, used_kind = previous[0].isoformat(), "previous_time"
        elif res.uses_anchor and res.resolution != "absolute" and anchor:
            used_anchor, used_kind = anchor.isoformat(), anchor_kind
        else:
            used_anchor, used_kind = None, None
        note = res.note
        if used_kind == "text_date" and res.resolution != "absolute":
            note = _join(note, "no publication date given; anchored to the first full date in the text")
        out.append(TimeExpression(
            text=text[cand.start:cand.end], start_char=cand.start, end_char=cand.end,
            sentence=sentence_of(cand.start), value=res.value, grain=res.grain,
            start=res.start.isoformat() if res.start else None,
            end=res.end.isoformat() if res.end else None,
            resolution=res.resolution, anchor=used_anchor, anchor_kind=used_kind,
            modifier=cand.modifier, note=note,
        ))
        if res.start and res.grain in ("day", "interval"):
            previous = (res.start, cand.kind)
    return out


def _join(a: str | None, b: str) -> str:
    return f"{a}; {b}" if a else b


# --------------------------------------------------------------------------- recognition

def _candidates(doc: Any, text: str, patterns: _Patterns, lex: TimeLexicon) -> Iterator[_Candidate]:
    part_re = re.compile(
        r"(?:\b[Tt]he\s+)?(?P<part>" + "|".join(lex.parts_of_day) + r")\s+of\s+$"
    )
    # A weekday or month inside a name is no date: "Sunday Times", "Wednesday Addams".
    names = IntervalIndex((e.start_char, e.end_char) for e in doc.ents
                          if e.label_ in ("PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT"))
    present: dict[str, bool] = {}
    for kind, pattern in patterns.rules:
        if not all(present[a] if a in present else present.setdefault(
                a, patterns.anchors[a].search(text) is not None) for a in patterns.needs.get(kind, ())):
            continue
        for m in pattern.finditer(text):
            groups = m.groupdict()
            start, end = m.start(), m.end()
            if kind in ("weekday", "month") and next(
                    names.overlapping(m.start(), m.start() + 1), None) is not None:
                continue
            modifier = None
            if kind in ("month", "year", "weekday") and groups.get("prep"):
                prep = groups["prep"].lower().rstrip("-")
                if prep in ("early", "mid", "late", "the end of", "the beginning of",
                            "the start of", "last", "next", "this"):
                    modifier = prep if prep not in ("last", "next", "this") else None
                else:
                    start = m.start("month") if kind == "month" else m.start("year")
            if kind == "weekday" and groups.get("rel") and groups["rel"].lower() not in (
                    "last", "next", "this", "early", "late"):
                start = m.start("wd")
            if kind == "season" and groups.get("det"):
                det = groups["det"].lower()
                start = m.start("det") + (len(det) - 3 if det.endswith("the") else len(det) + 1)
                if not det.endswith("the"):
                    start = m.start("mod") if groups.get("mod") else m.start("season")
            if kind == "season" and groups["season"].lower() == "fall" and not (
                    groups.get("rel") or groups.get("det") or groups.get("year")):
                continue
            if kind == "month_year" and groups.get("mod"):
                modifier = groups["mod"].lower()
            if kind == "season" and groups.get("mod"):
                modifier = groups["mod"].lower()
            if kind in ("month_day", "day_month", "iso"):
                before = part_re.search(text[max(0, start - 30):start])
                if before:
                    start -= len(before.group(0))
                    modifier = before.group("part")
            if kind == "weekday" and groups.get("part"):
                modifier = groups["part"]
            if kind == "offset":
                anchor_end = _offset_object_end(doc, m.end("dir"))
                if anchor_end is None:
                    continue
                cand = _Candidate(start, anchor_end, kind, groups, modifier)
                cand.extra["object"] = (m.end(), anchor_end)
                yield cand
                continue
            yield _Candidate(start, end, kind, groups, modifier)


def _offset_object_end(doc: Any, char: int) -> int | None:
    """End of the noun phrase governed by 'before'/'after' at ``char``."""
    span = doc.char_span(char - 1, char, alignment_mode="expand")
    if span is None:
        return None
    prep = span[0]
    if prep.lower_ == "to" and prep.i > 0:
        prep = doc[prep.i]
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objects:
        return None
    obj = objects[0]
    last = max(t.i for t in obj.subtree)
    return int(doc[last].idx + len(doc[last].text))


def _select(cands: Iterator[_Candidate]) -> list[_Candidate]:
    """Keep the longest of overlapping candidates, and merge 'Tuesday, November 19'."""
    chosen: list[_Candidate] = []
    # the chosen spans are disjoint: kept sorted, the one that starts last before a candidate's
    # end is the only one that can overlap it
    starts: list[int] = []
    ends: list[int] = []
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        k = bisect.bisect_left(starts, cand.end)
        if k > 0 and ends[k - 1] > cand.start:
            continue
        starts.insert(k, cand.start)
        ends.insert(k, cand.end)
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    merged: list[_Candidate] = []
    for cand in chosen:
        prev = merged[-1] if merged else None
        if (prev is not None and prev.kind == "weekday" and cand.kind in ("month_day", "day_month")
                and 0 <= cand.start - prev.end <= 2):
            cand.start = prev.start
            merged[-1] = cand
            continue
        merged.append(cand)
    return merged


def _model_dates(doc: Any, chosen: list[_Candidate], lex: TimeLexicon) -> list[_Candidate]:
    """The model's DATE spans that no rule covers: a bare year is resolved, the rest are kept
    as unresolved (never guessed); durations and frequencies are not dates and are left out."""
    out = []
    spans = IntervalIndex((c.start, c.end) for c in chosen)
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        if next(spans.overlapping(ent.start_char, ent.end_char), None) is not None:
            continue
        low = ent.text.lower().strip()
        if low in lex.not_dates or _is_duration(low):
            continue
        kind = "bare_year" if re.fullmatch(r"(?:19|20)\d\d", low) else "model"
        out.append(_Candidate(ent.start_char, ent.end_char, kind, {"year": low}))
    return out


_DURATION = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?:last\s+|past\s+|next\s+|first\s+|few\s+|several\s+|many\s+)?"
    r"(?:\S+\s+)?(?:-\s*)?(?:hours?|days?|weeks?|months?|years?|decades?|centuries?)(?:-long|\s+old)?$"
)


_AGE = re.compile(r"[-\s](?:old|long)$")  # "4-year-old", "a quarter-century-old treaty", "decade-long"


def _is_duration(low: str) -> bool:
    if _AGE.search(low):
        return True  # an age or a length, never a date
    return bool(_DURATION.match(low)) and not re.search(r"\b(?:ago|later|earlier)\b", low)


def _text_anchor(cands: list[_Candidate], lex: TimeLexicon) -> dt.date | None:
    for cand in cands:
        g = cand.groups
        try:
            if cand.kind == "iso":
                return dt.date(int(g["year"] or 0), int(g["m"] or 0), int(g["d"] or 0))
            if cand.kind in ("month_day", "day_month") and g.get("year"):
                return dt.date(int(g["year"] or 0), month_number(lex, g["month"]), int(g["day"] or 0))
        except ValueError:
            continue
    return None
