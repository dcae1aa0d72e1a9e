"""Resolution of recognised time expressions to calendar intervals (see :mod:`.times`)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._util import doc_text

if TYPE_CHECKING:
    from .times import TimeLexicon, _Candidate


@dataclass(frozen=True, slots=True)
class _Resolved:
    value: str | None
    grain: str
    start: dt.date | None
    end: dt.date | None
    resolution: str
    note: str | None = None
    uses_anchor: bool = True


def month_number(lex: TimeLexicon, name: str | None) -> int:
    return lex.months[(name or "").rstrip(".")]


def _number(lex: TimeLexicon, word: str | None) -> tuple[int, int] | None:
    if word is None:
        return None
    low = word.lower()
    if low.isdigit():
        return int(low), int(low)
    if low in lex.vague:
        return lex.vague[low]
    if low in lex.numbers:
        return lex.numbers[low], lex.numbers[low]
    return None


def _tense(doc: Any, start: int, end: int) -> str | None:
    """'past', 'present', 'future' or None, from the verb that governs the expression."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    aux = [c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(w in ("will", "'ll", "shall", "wo", "gonna") for w in aux) or "going" in aux:
        return "future"
    if token.tag_ == "VBD" or any(w in ("was", "were", "had", "did") for w in aux):
        return "past"
    if token.tag_ == "VBN" and any(w in ("has", "have") for w in aux):
        return "past"
    if token.tag_ in ("VBP", "VBZ") or any(w in ("is", "are", "am", "'s", "'re") for w in aux):
        return "present"
    if token.tag_ == "VBN":
        return "past"
    return None


def _pick_year(anchor: dt.date, make: Callable[[int], dt.date], tense: str | None) -> dt.date:
    """Choose the year for a date given without one: past tense → on or before the anchor,
    future → on or after, otherwise the nearest."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(make(year))
        except ValueError:
            continue
    if tense == "past":
        past = [d for d in options if d <= anchor]
        if past:
            return max(past)
    if tense == "future":  # "present" ("the talks are set for May 20") falls to the nearest
        future = [d for d in options if d >= anchor]
        if future:
            return min(future)
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(day, n)
    if unit == "year":
        return _add_months(day, 12 * n)
    if unit == "decade":
        return _add_months(day, 120 * n)
    return day


def _unit_grain(unit: str) -> str:
    unit = unit.lower().rstrip("s")
    return unit if unit in ("day", "week", "month", "year") else "interval"


def _day(d: dt.date, resolution: str, note: str | None = None) -> _Resolved:
    return _Resolved(d.isoformat(), "day", d, d, resolution, note)


def _interval(a: dt.date, b: dt.date, resolution: str, note: str | None = None) -> _Resolved:
    if a == b:
        return _day(a, resolution, note)
    return _Resolved(f"{a.isoformat()}/{b.isoformat()}", "interval", a, b, resolution, note)


def _no_anchor(grain: str, note: str = "no publication date and no full date in the text") -> _Resolved:
    return _Resolved(None, grain, None, None, "unresolved", note, uses_anchor=False)


def _season_interval(lex: TimeLexicon, season: str, year: int) -> tuple[dt.date, dt.date, str]:
    info = lex.seasons[season]
    sm, sd = info["start"]
    em, _ = info["end"]
    start = dt.date(year, sm, sd)
    end_year = year + 1 if em < sm else year
    end = _month_end(end_year, em)
    return start, end, f"{year}-{info['code']}"


def resolve(
    cand: _Candidate, doc: Any, lex: TimeLexicon, anchor: dt.date | None,
    previous: tuple[dt.date, str] | None,
) -> _Resolved:
    g = cand.groups
    kind = cand.kind
    try:
        handler = _HANDLERS[kind]
    except KeyError:
        return _Resolved(None, "interval", None, None, "unresolved",
                         "recognised by the statistical model; no rule resolves it", False)
    try:
        return handler(cand, g, doc, lex, anchor, previous)
    except (ValueError, KeyError, OverflowError):
        return _Resolved(None, "day", None, None, "unresolved",
                         "not a valid calendar date", False)


def _r_iso(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon, anchor: dt.date | None,
           prev: Any) -> _Resolved:
    return _day(dt.date(int(g["year"]), int(g["m"]), int(g["d"])), "absolute")


def _r_month_day(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
                 anchor: dt.date | None, prev: Any) -> _Resolved:
    month = month_number(lex, g["month"])
    day = int(g["day"])
    day2 = int(g["day2"]) if g.get("day2") else None
    if g.get("year"):
        year = int(g["year"])
        first = dt.date(year, month, day)
        if day2:
            return _interval(first, dt.date(year, month, day2), "absolute")
        return _day(first, "absolute")
    if anchor is None:
        dt.date(2000, month, day)  # validates day and month
        value = f"XXXX-{month:02d}-{day:02d}"
        return _Resolved(value, "day", None, None, "unresolved",
                         "no year, and no publication date to infer it from", False)
    tense = _tense(doc, c.start, c.end)
    first = _pick_year(anchor, lambda y: dt.date(y, month, day), tense)
    if day2:
        return _interval(first, dt.date(first.year, month, day2), "year_from_anchor")
    return _day(first, "year_from_anchor")


def _r_month_year(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
                  anchor: dt.date | None, prev: Any) -> _Resolved:
    month, year = month_number(lex, g["month"]), int(g["year"])
    start, end = _part_of_month(dt.date(year, month, 1), c.modifier)
    return _Resolved(f"{year}-{month:02d}", "month", start, end, "absolute")


def _part_of_month(first: dt.date, modifier: str | None) -> tuple[dt.date, dt.date]:
    last = _month_end(first.year, first.month)
    if modifier in ("early", "the beginning of", "the start of"):
        return first, first.replace(day=10)
    if modifier == "mid":
        return first.replace(day=11), first.replace(day=20)
    if modifier in ("late", "the end of"):
        return first.replace(day=21), last
    return first, last


def _r_month(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
             anchor: dt.date | None, prev: Any) -> _Resolved:
    month = month_number(lex, g["month"])
    if anchor is None:
        return _no_anchor("month")
    prep = (g.get("prep") or "").lower()
    tense = "past" if prep in ("last", "since") else "future" if prep == "next" else _tense(
        doc, c.start, c.end)
    if prep == "this":
        first = dt.date(anchor.year, month, 1)
    else:
        first = _pick_year(anchor.replace(day=1), lambda y: dt.date(y, month, 1), tense)
        if prep == "last" and first >= anchor.replace(day=1):
            first = dt.date(first.year - 1, month, 1)
        if prep == "next" and first <= anchor:
            first = dt.date(first.year + 1, month, 1)
    start, end = _part_of_month(first, c.modifier)
    return _Resolved(f"{first.year}-{month:02d}", "month", start, end, "year_from_anchor")


def _r_weekday(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
               anchor: dt.date | None, prev: Any) -> _Resolved:
    if anchor is None:
        return _no_anchor("day")
    target = lex.weekdays[g["wd"]]
    rel = (g.get("rel") or "").lower()
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    if rel == "last":
        day = anchor - dt.timedelta(days=back or 7)
    elif rel == "next":
        day = anchor + dt.timedelta(days=ahead or 7)
    elif rel == "this":
        day = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=target)
    else:
        # News reports the past ("said on Tuesday"); the present and future tense point ahead
        # ("talks are expected on Monday", "will meet on Thursday").
        tense = _tense(doc, c.start, c.end)
        day = anchor + dt.timedelta(days=ahead) if tense in ("future", "present") \
            else anchor - dt.timedelta(days=back)
    return _day(day, "relative_to_anchor")


def _r_season(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
              anchor: dt.date | None, prev: Any) -> _Resolved:
    season = g["season"].lower()
    if g.get("year"):
        start, end, value = _season_interval(lex, season, int(g["year"]))
        return _Resolved(value, "season", start, end, "absolute")
    if anchor is None:
        return _no_anchor("season")
    rel = (g.get("rel") or "").lower()
    occurrences = [_season_interval(lex, season, y) for y in range(anchor.year - 2, anchor.year + 2)]
    current = next((o for o in occurrences if o[0] <= anchor <= o[1]), None)
    ended = [o for o in occurrences if o[1] < anchor]
    upcoming = [o for o in occurrences if o[0] > anchor]
    if rel in ("last", "past", "previous"):
        chosen = ended[-1]
    elif rel in ("next", "coming"):
        chosen = upcoming[0]
    elif current:
        chosen = current
    elif rel == "this":
        same_year = [o for o in occurrences if o[0].year == anchor.year]
        chosen = same_year[0]
    else:
        tense = _tense(doc, c.start, c.end)
        if tense == "past":
            chosen = ended[-1]
        elif tense == "future":
            chosen = upcoming[0]
        else:  # nearest: "as winter approaches"
            chosen = min(ended[-1], upcoming[0], key=lambda o: min(abs((o[0] - anchor).days),
                                                                   abs((o[1] - anchor).days)))
    return _Resolved(chosen[2], "season", chosen[0], chosen[1], "relative_to_anchor")


def _r_year(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
            anchor: dt.date | None, prev: Any) -> _Resolved:
    year = int(g["year"])
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if c.modifier in ("early", "the beginning of"):
        end = dt.date(year, 4, 30)
    elif c.modifier == "mid":
        start, end = dt.date(year, 5, 1), dt.date(year, 8, 31)
    elif c.modifier in ("late", "the end of"):
        start = dt.date(year, 9, 1)
    return _Resolved(str(year), "year", start, end, "absolute")


def _r_decade(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
              anchor: dt.date | None, prev: Any) -> _Resolved:
    first = int(g["dec"])
    return _Resolved(f"{first // 10}X", "interval", dt.date(first, 1, 1),
                     dt.date(first + 9, 12, 31), "absolute")


def _r_deictic(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
               anchor: dt.date | None, prev: Any) -> _Resolved:
    if anchor is None:
        return _no_anchor("day")
    word = g["word"].lower()
    offset = -1 if word.startswith(("yesterday", "last night")) else 1 if word == "tomorrow" else 0
    return _day(anchor + dt.timedelta(days=offset), "relative_to_anchor")


def _r_this_unit(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
                 anchor: dt.date | None, prev: Any) -> _Resolved:
    unit = g["unit"].lower()
    if anchor is None:
        return _no_anchor("week" if unit == "weekend" else unit)
    rel = g["rel"].lower().split()
    step = -1 if rel[-1] in ("last", "past", "previous") else 1 if rel[-1] in ("next", "coming") \
        else 0
    if unit in ("week", "weekend"):
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
        if unit == "weekend":
            sat = monday + dt.timedelta(days=5)
            if step == 0 and sat > anchor and _tense(doc, c.start, c.end) == "past":
                sat -= dt.timedelta(weeks=1)
            return _interval(sat, sat + dt.timedelta(days=1), "relative_to_anchor")
        iso = monday.isocalendar()
        start, end = monday, monday + dt.timedelta(days=6)
        if rel[0] == "earlier":
            end = min(end, anchor)
        return _Resolved(f"{iso.year}-W{iso.week:02d}", "week", start, end, "relative_to_anchor")
    if unit == "month":
        first = _add_months(anchor.replace(day=1), step)
        start, end = first, _month_end(first.year, first.month)
        if rel[0] == "earlier":
            end = min(end, anchor)
        return _Resolved(f"{first.year}-{first.month:02d}", "month", start, end,
                         "relative_to_anchor")
    year = anchor.year + step
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if rel[0] == "earlier":
        end = min(end, anchor)
    return _Resolved(str(year), "year", start, end, "relative_to_anchor")


def _r_past_n(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
              anchor: dt.date | None, prev: Any) -> _Resolved:
    if anchor is None:
        return _no_anchor("interval")
    n = _number(lex, g["n"])
    if n is None:
        return _Resolved(None, "interval", None, None, "unresolved", "unknown quantity", False)
    if g["rel"].lower() in ("next", "coming"):
        return _interval(anchor, _shift(anchor, g["unit"], n[1]), "relative_to_anchor")
    return _interval(_shift(anchor, g["unit"], -n[1]), anchor, "relative_to_anchor")


def _r_recent(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
              anchor: dt.date | None, prev: Any) -> _Resolved:
    if anchor is None:
        return _no_anchor("interval")
    _, high = lex.vague["several"]
    return _interval(_shift(anchor, g["unit"], -high), anchor, "relative_to_anchor",
                     "vague: 'recent' read as the last few units")


def _r_ago(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
           anchor: dt.date | None, prev: Any) -> _Resolved:
    unit = g["unit"]
    if anchor is None:
        return _no_anchor(_unit_grain(unit))
    n = _number(lex, g["n"])
    if n is None:
        return _Resolved(None, _unit_grain(unit), None, None, "unresolved", "unknown quantity", False)
    a, b = _shift(anchor, unit, -n[1]), _shift(anchor, unit, -n[0])
    grain = _unit_grain(unit)
    if a == b:
        return _in_grain(a, grain, "relative_to_anchor")
    return _Resolved(_approx_value(a, b, grain), "interval", a, b, "relative_to_anchor",
                     "approximate")


def _in_grain(day: dt.date, grain: str, resolution: str, note: str | None = None) -> _Resolved:
    """The week, month or year (or the day) that contains ``day``."""
    if grain == "week":
        start = day - dt.timedelta(days=day.weekday())
        end = start + dt.timedelta(days=6)
    elif grain == "month":
        start, end = day.replace(day=1), _month_end(day.year, day.month)
    elif grain == "year":
        start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    else:
        return _day(day, resolution, note)
    return _Resolved(_approx_value(day, day, grain), grain, start, end, resolution, note)


def _approx_value(a: dt.date, b: dt.date, grain: str) -> str:
    if a == b:
        if grain == "month":
            return f"{a.year}-{a.month:02d}"
        if grain == "year":
            return str(a.year)
        if grain == "week":
            iso = a.isocalendar()
            return f"{iso.year}-W{iso.week:02d}"
        return a.isoformat()
    return f"{a.isoformat()}/{b.isoformat()}"


def _r_later(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
             anchor: dt.date | None, prev: tuple[dt.date, str] | None) -> _Resolved:
    unit = g["unit"]
    grain = _unit_grain(unit)
    if prev is None:
        return _Resolved(None, grain, None, None, "unresolved",
                         "no earlier resolved date in the text to count from", False)
    n = _number(lex, g.get("n")) or lex.vague["several"]
    direction = -1 if (g.get("dir") or "").lower() in ("earlier", "before that") else 1
    a, b = _shift(prev[0], unit, direction * n[0]), _shift(prev[0], unit, direction * n[1])
    a, b = min(a, b), max(a, b)
    if a == b:
        return _in_grain(a, grain, "relative_to_previous")
    return _interval(a, b, "relative_to_previous")


def _r_next_unit(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
                 anchor: dt.date | None, prev: tuple[dt.date, str] | None) -> _Resolved:
    unit = g["unit"].lower()
    if prev is None:
        return _Resolved(None, "day", None, None, "unresolved",
                         "no earlier resolved date in the text to count from", False)
    step = 1 if g["which"].lower() in ("next", "following") else -1
    if unit in ("morning", "evening", "night"):
        unit = "day"
    return _in_grain(_shift(prev[0], unit, step), unit, "relative_to_previous")


def _r_same_day(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
                anchor: dt.date | None, prev: tuple[dt.date, str] | None) -> _Resolved:
    if prev is None:
        return _Resolved(None, "day", None, None, "unresolved",
                         "no earlier resolved date in the text to count from", False)
    which = g["which"].lower()
    offset = -1 if "before" in which else 1 if "after" in which else 0
    return _day(prev[0] + dt.timedelta(days=offset), "relative_to_previous")


def _r_offset(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
              anchor: dt.date | None, prev: Any) -> _Resolved:
    unit = g["unit"]
    grain = _unit_grain(unit)
    start, end = c.extra["object"]
    phrase = doc_text(doc)[start:end]  # (doc.text joins every token on each call)
    return _Resolved(None, grain, None, None, "unresolved",
                     f"counted from '{phrase}', which is not a date claimtrail can place", False)


def _r_bare_year(c: _Candidate, g: dict[str, Any], doc: Any, lex: TimeLexicon,
                 anchor: dt.date | None, prev: Any) -> _Resolved:
    year = int(g["year"])
    return _Resolved(str(year), "year", dt.date(year, 1, 1), dt.date(year, 12, 31), "absolute")


if TYPE_CHECKING:
    _Handler = Callable[
        [_Candidate, dict[str, Any], Any, TimeLexicon, dt.date | None, tuple[dt.date, str] | None],
        _Resolved,
    ]


_HANDLERS: dict[str, _Handler] = {
    "iso": _r_iso, "month_day": _r_month_day, "day_month": _r_month_day,
    "month_year": _r_month_year, "month": _r_month, "weekday": _r_weekday,
    "season": _r_season, "year": _r_year, "decade": _r_decade, "deictic": _r_deictic,
    "this_unit": _r_this_unit, "past_n": _r_past_n, "recent": _r_recent, "ago": _r_ago,
    "later": _r_later, "later_bare": _r_later, "next_unit": _r_next_unit,
    "same_day": _r_same_day, "offset": _r_offset, "bare_year": _r_bare_year,
}
