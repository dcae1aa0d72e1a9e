"""Article structure: headline, dateline, byline, lede and paragraphs, and the page furniture that is
set apart from the story (captions, related headlines, licence lines, prompts…).

Works line by line over the text that ingest produced (for HTML, trafilatura's main text, whose
headings it names), with the rules of ``data/furniture.json``. Every pattern is matched against one
line of bounded length, so the cost is linear in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..records import Byline, Dateline, SetApart, Structure, TextSpan, blank_spans

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE_WORD = r"[A-Z][A-Za-z'’.\-]*"
_PLACE_PART = rf"{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,3}}"
_DATE = rf"(?P<date>{_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]*\d{{4}})?|\d{{1,2}}[ \t]+{_MONTH}(?:[ \t]+\d{{4}})?)"
_AGENCY = r"\((?P<agency>[A-Z][\w./&’'-]*(?:[ \t]+[A-Z][\w./&’'-]*){0,2})\)"
_DASH = r"[ \t]*(?:--?|–|—)[ \t]*"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE_PART}(?:,[ \t]+{_PLACE_PART}){{0,2}})(?:,[ \t]*{_DATE})?\.?[ \t]*"
    rf"(?:{_AGENCY}[ \t]*{_DASH}|{_DASH}|/(?P<slash_agency>TASS|Tass|ITAR-TASS)/\.?[ \t]+)"
)
_SOURCE_TAG = re.compile(rf"{_AGENCY}{_DASH}|\[(?P<bracket_agency>[A-Z][\w ]{{1,30}})\][ \t]*{_DASH}")
_MD_HEADING = re.compile(r"(#{1,6})[ \t]+")
_MD_LIST = re.compile(r"(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_MD_QUOTE = re.compile(r"(?:>[ \t]?)+")
_MD_RULE = re.compile(r"(?:-{3,}|\*{3,}|_{3,}|={3,})")
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)")
_MD_LINK = re.compile(r"(\[)[^\]\n]{1,300}(\]\([^)\n]{0,500}\))")
_MD_WRAP = re.compile(r"(\*\*|__|\*|_)(\S(?:.*\S)?)\1")
_MD_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\w)|(?<=\w)\*(?![\w*])")
_BULLET = re.compile(r"[•·▪►»–—-][ \t]+")
_TERMINAL = ".!?:;,\"”’)…"
_NAME_PARTICLES = {"de", "da", "van", "von", "der", "den", "al", "bin", "ibn", "la", "le", "du", "dos", "di"}
_ROLE_WORDS = {"staff", "writer", "reporter", "correspondent", "editor", "senior", "chief", "special",
               "contributor", "bureau", "desk", "team", "news", "in", "the", "for", "of"}


@dataclass(frozen=True, slots=True)
class Block:
    """Furniture of several lines (a poll or sign-up widget): from a ``start`` line to the first
    ``end`` line within ``max_lines``, every line of it at most ``max_words`` words."""

    kind: str
    start: tuple[re.Pattern[str], ...]
    end: tuple[re.Pattern[str], ...]
    max_lines: int
    max_words: int

    def match(self, lines: list[_Line], i: int) -> int | None:
        """The index of the block's last line when one starts at line ``i``."""
        if not any(p.match(lines[i].text) for p in self.start):
            return None
        for j in range(i, min(i + self.max_lines, len(lines))):
            if lines[j].words > self.max_words:
                return None
            if any(p.fullmatch(lines[j].text) for p in self.end):
                return j
        return None


@dataclass(frozen=True, slots=True)
class FurnitureRules:
    """``data/furniture.json``, compiled."""

    max_line_words: int
    agencies: dict[str, str]
    not_places: frozenset[str]
    byline_start: tuple[re.Pattern[str], ...]
    byline_agency: re.Pattern[str]
    kinds: tuple[tuple[str, str, re.Pattern[str]], ...]
    related_start: tuple[re.Pattern[str], ...]
    related_heading: tuple[re.Pattern[str], ...]
    related_item_words: int
    headline_max_words: int
    body_heading_max_words: int
    blocks: tuple[Block, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FurnitureRules:
        agencies = dict(data["agencies"])
        names = "|".join(sorted((re.escape(a) for a in agencies), key=len, reverse=True))
        kinds = tuple(
            (kind, how, re.compile(pattern))
            for kind, rules in data["kinds"].items()
            for how in ("line", "start", "anywhere")
            for pattern in rules.get(how, ())
        )
        return cls(
            max_line_words=int(data["max_line_words"]),
            agencies=agencies,
            not_places=frozenset(data["dateline_not_places"]),
            byline_start=tuple(re.compile(p) for p in data["byline"]["start"]),
            byline_agency=re.compile(data["byline"]["agency_suffix"].replace("{agencies}", names)),
            kinds=kinds,
            related_start=tuple(re.compile(p) for p in data["related"]["start"]),
            related_heading=tuple(re.compile(p) for p in data["related"]["heading"]),
            related_item_words=int(data["related"]["max_item_words"]),
            headline_max_words=int(data["headline_max_words"]),
            body_heading_max_words=int(data["body_heading_max_words"]),
            blocks=tuple(
                Block(b["kind"], tuple(re.compile(p) for p in b["start"]),
                      tuple(re.compile(p) for p in b["end"]), int(b["max_lines"]),
                      int(b["max_line_words"]))
                for b in data.get("blocks", ())
            ),
        )


@lru_cache(maxsize=1)
def load_furniture_rules() -> FurnitureRules:
    from ..resources import read_json

    return FurnitureRules.from_dict(read_json("furniture.json"))


@dataclass(slots=True)
class _Line:
    start: int  # first character that is not markup or space
    end: int  # after the last character that is not space
    line_start: int
    text: str
    words: int
    blank_before: bool
    md_heading: int = 0  # the level of a Markdown heading
    kind: str = "story"


@dataclass(slots=True)
class _Found:
    set_apart: list[SetApart] = field(default_factory=list)
    headings: list[TextSpan] = field(default_factory=list)
    headline: TextSpan | None = None
    dateline: Dateline | None = None
    byline: Byline | None = None

    def apart(self, kind: str, text: str, start: int, end: int) -> None:
        if end > start:
            self.set_apart.append(SetApart(kind, text[start:end], start, end))


def find_structure(
    text: str,
    *,
    title: str | None = None,
    markdown: bool = False,
    headings: Collection[str] = (),
    published: dt.date | None = None,
    rules: FurnitureRules | None = None,
    is_place: Callable[[str], bool] | None = None,
) -> Structure:
    """The structure of ``text``; ``headings`` are the texts of heading elements an HTML extractor
    found (the first of them, at the top, is the headline), ``markdown`` reads ``#`` headings and
    list markers as structure; ``is_place`` says whether a capitalised name is a place (for a
    dateline with neither agency nor date: "Geneva - …"; by default, the gazetteer says)."""
    rules = rules or load_furniture_rules()
    found = _Found()
    lines = list(_lines(text, found, markdown))
    heading_set = {_norm(h) for h in headings}
    _mark_headline(lines, text, found, rules, title, heading_set)
    _mark_furniture(lines, text, found, rules, heading_set)
    paragraphs = _paragraphs(lines, "\n\n" in text)
    lede = None
    for i, (start, end) in enumerate(paragraphs):
        if i < 3 and found.dateline is None:
            start = _mark_dateline(text, start, end, found, rules, published, is_place or gazetteer_place)
            paragraphs[i] = (start, end)
        if start < end:
            lede = lede or TextSpan(text[start:end], start, end)
    paragraphs = [(s, e) for s, e in paragraphs if s < e]
    return Structure(
        headline=found.headline,
        dateline=found.dateline,
        byline=found.byline,
        lede=lede,
        paragraphs=tuple(paragraphs),
        headings=tuple(found.headings),
        set_apart=tuple(sorted(found.set_apart, key=lambda p: p.start_char)),
    )


def story_text(text: str) -> str:
    """``text`` with what :func:`find_structure` sets apart blanked, as the analysers see it (for
    corpora read without ingest, such as an evaluation's)."""
    structure = find_structure(text)
    return blank_spans(text, ((p.start_char, p.end_char) for p in structure.set_apart))


def _lines(text: str, found: _Found, markdown: bool) -> Iterator[_Line]:
    blank_before = True
    pos = 0
    for raw in text.split("\n"):
        line_start, line_end = pos, pos + len(raw)
        pos = line_end + 1
        start = line_start + len(raw) - len(raw.lstrip())
        end = line_start + len(raw.rstrip())
        if start >= end:
            blank_before = True
            continue
        level = 0
        if markdown:
            start, end, level = _markdown_line(text, start, end, found)
            if start >= end:
                blank_before = True
                continue
        content = text[start:end]
        yield _Line(start, end, line_start, content, len(content.split()), blank_before, level)
        blank_before = False


def _markdown_line(text: str, start: int, end: int, found: _Found) -> tuple[int, int, int]:
    """Set Markdown markup apart (as 'markup'); return the content's span and heading level."""
    line = text[start:end]
    if _MD_RULE.fullmatch(line) or line.startswith("```"):
        found.apart("markup", text, start, end)
        return end, end, 0
    level = 0
    for pattern in (_MD_HEADING, _MD_QUOTE, _MD_LIST):
        match = pattern.match(text, start, end)
        if match:
            if pattern is _MD_HEADING:
                level = len(match.group(1))
            found.apart("markup", text, start, match.end())
            start = match.end()
    wrap = _MD_WRAP.fullmatch(text, start, end)
    if wrap:  # "*By Lena Ortiz*": the line is read without its emphasis
        found.apart("markup", text, start, wrap.start(2))
        found.apart("markup", text, wrap.end(2), end)
        start, end = wrap.start(2), wrap.end(2)
    images = [(m.start(), m.end()) for m in _MD_IMAGE.finditer(text, start, end)]
    for image_start, image_end in images:
        found.apart("caption", text, image_start, image_end)
    for match in _MD_LINK.finditer(text, start, end):
        if not any(a <= match.start() < b for a, b in images):
            found.apart("markup", text, match.start(1), match.end(1))
            found.apart("markup", text, match.start(2), match.end(2))
    for match in _MD_EMPHASIS.finditer(text, start, end):
        found.apart("markup", text, match.start(), match.end())
    return start, end, level


def _mark_headline(lines: list[_Line], text: str, found: _Found, rules: FurnitureRules,
                   title: str | None, heading_set: set[str]) -> None:
    if len(lines) < 2:
        return
    first, second = lines[0], lines[1]
    norm = _norm(first.text)
    if first.words <= rules.max_line_words and (_furniture_kind(first, rules)
                                                or _is_byline(first.text, rules)):
        return
    given = (title is not None and _norm(title) == norm) or norm in heading_set or first.md_heading == 1
    short = first.words <= rules.headline_max_words and not first.text.endswith((",", ";", ":"))
    set_off = not first.text.endswith(".") or second.blank_before
    if given or (short and set_off and first.md_heading in (0, 1) and not _DATELINE.match(first.text)):
        first.kind = "headline"
        found.headline = TextSpan(first.text, first.start, first.end)


def _mark_furniture(lines: list[_Line], text: str, found: _Found, rules: FurnitureRules,
                    heading_set: set[str]) -> None:
    in_related = False
    seen_story = False
    block_end = -1
    for i, line in enumerate(lines):
        if line.kind == "headline":
            continue
        kind = None
        if i <= block_end:
            kind = line.kind
        elif line.words <= rules.max_line_words:
            if in_related and _is_related_item(line, rules):
                kind = "related"
            else:
                in_related = False
                for block in rules.blocks:
                    last = block.match(lines, i)
                    if last is not None:
                        block_end, kind = last, block.kind
                        for later in lines[i + 1:last + 1]:
                            later.kind = block.kind
                        break
                else:
                    kind = _classify(line, rules, seen_story, i, lines, heading_set)
                if kind == "related-heading":
                    in_related, kind = True, "related"
        if kind is None:
            seen_story = True
            continue
        line.kind = kind
        if kind == "heading":
            found.headings.append(TextSpan(line.text, line.start, line.end))
        elif kind == "byline" and found.byline is None:
            found.byline = Byline(line.text, line.start, line.end, _byline_names(line.text, rules))
        found.apart(kind, text, line.start, line.end)


def _classify(line: _Line, rules: FurnitureRules, seen_story: bool, i: int, lines: list[_Line],
              heading_set: set[str]) -> str | None:
    if not seen_story and i < 8 and _is_byline(line.text, rules):
        return "byline"
    if any(p.fullmatch(line.text) for p in rules.related_heading):
        return "related-heading"
    if any(p.match(line.text) for p in rules.related_start):
        return "related"
    kind = _furniture_kind(line, rules)
    if kind:
        return kind
    if line.md_heading or _norm(line.text) in heading_set:
        return "heading"
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    label = line.text.rstrip(".:")
    if (line.words <= 5 and label.isupper() and line.blank_before and nxt is not None
            and nxt.blank_before):  # 'ABSTRACT.', 'FULL TEXT.', 'CORRECTION:' between blank lines
        return "heading"
    if (seen_story and line.blank_before and (nxt is None or nxt.blank_before)
            and line.words <= rules.body_heading_max_words and line.text[0].isupper()
            and not line.text.endswith(tuple(_TERMINAL)) and not line.text.startswith(("“", '"', "‘"))
            and nxt is not None):
        return "heading"
    return None


def _furniture_kind(line: _Line, rules: FurnitureRules) -> str | None:
    for kind, how, pattern in rules.kinds:
        if how == "line":
            hit = pattern.fullmatch(line.text)
        elif how == "start":
            hit = pattern.match(line.text)
        else:
            hit = pattern.search(line.text)
        if hit:
            return kind
    return None


def _is_related_item(line: _Line, rules: FurnitureRules) -> bool:
    text = _BULLET.sub("", line.text, count=1) if _BULLET.match(line.text) else line.text
    return 0 < len(text.split()) <= rules.related_item_words and not text.endswith((".", ":", ";", ","))


def _is_byline(line: str, rules: FurnitureRules) -> bool:
    if line.split()[0].rstrip(":").lower() not in ("by", "written", "words", "story", "reported"):
        return False
    return bool(any(p.match(line) for p in rules.byline_start) and _byline_names(line, rules))


def _byline_names(line: str, rules: FurnitureRules) -> tuple[str, ...]:
    """The people a byline names; empty when a part of it is not a name (then it is no byline)."""
    rest = line
    for pattern in rules.byline_start:
        match = pattern.match(rest)
        if match:
            rest = rest[match.end():]
            break
    rest = rules.byline_agency.sub("", rest).strip().rstrip(".")
    if len(rest.split()) > 14:
        return ()
    names = []
    for part in re.split(r"\s*(?:,|;|&|\band\b|\|)\s*", rest):
        if not part or part in rules.agencies:
            continue
        words = part.split()
        if all(w.lower() in _ROLE_WORDS or w[0].isupper() for w in words) and any(
                w.lower() in _ROLE_WORDS for w in words):
            continue  # "Staff Writer", "Moscow Correspondent"
        if not 1 <= len(words) <= 4 or not all(
                w[0].isupper() or w.lower() in _NAME_PARTICLES or w.startswith("al-") for w in words):
            return ()
        names.append(part)
    return tuple(names)


def _paragraphs(lines: list[_Line], blank_separated: bool) -> list[tuple[int, int]]:
    """Runs of story lines: a blank line or a set-apart line ends a paragraph; in text without
    blank lines each line is one."""
    paragraphs: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for line in lines:
        if line.kind != "story":
            current = None
            continue
        if current is not None and blank_separated and not line.blank_before:
            current = (current[0], line.end)
            paragraphs[-1] = current
        else:
            current = (line.start, line.end)
            paragraphs.append(current)
    return paragraphs


def _mark_dateline(text: str, start: int, end: int, found: _Found, rules: FurnitureRules,
                   published: dt.date | None, is_place: Callable[[str], bool]) -> int:
    """Set a dateline or source tag at the start of a paragraph apart; return where the story
    text of the paragraph starts."""
    window = text[start:min(end, start + 200)]
    tag = _SOURCE_TAG.match(window)
    if tag:
        agency = tag.group("agency") or tag.group("bracket_agency")
        if agency in rules.agencies:
            stop = start + tag.end()
            found.dateline = Dateline(text[start:stop].strip(), start, stop, None, None, None,
                                      rules.agencies[agency])
            found.apart("source_tag", text, start, stop)
            return stop
    match = _DATELINE.match(window)
    if not match or match.end() >= len(window):
        return start
    place = match.group("place")
    first_word = place.split()[0].rstrip(",")
    agency = match.group("agency") or match.group("slash_agency")
    if first_word in rules.not_places or (agency and not _known_agency(agency, place, match,
                                                                        rules)):
        return start
    # "Geneva - …": a capitalised name and a dash is a dateline only when the name is a place
    # ("Donald Trump — the…" is not)
    if (not agency and not place.split(",")[0].isupper() and match.group("date") is None
            and not is_place(place.split(",")[0].strip())):
        return start
    stop = start + match.end()
    date_text = match.group("date")
    found.dateline = Dateline(
        text=text[start:stop].strip(), start_char=start, end_char=stop,
        place=_place_name(place), date_text=date_text,
        date=_dateline_date(date_text, published),
        agency=rules.agencies.get(agency, agency) if agency else None,
    )
    found.apart("dateline", text, start, stop)
    return stop


_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _known_agency(agency: str, place: str, match: re.Match[str], rules: FurnitureRules) -> bool:
    """An agency the furniture data lists, or an acronym in the full form of a wire dateline
    ("RZESZOW, Oct 19 (PAP) -": place in capitals, a date, the acronym in brackets): agencies
    the list does not know still credit their copy."""
    if agency in rules.agencies:
        return True
    return bool(_ACRONYM.fullmatch(agency) and place.split(",")[0].isupper()
                and match.group("date") is not None)


def _place_name(place: str) -> str:
    """'KYIV' → 'Kyiv', 'FLINT, Mich.' → 'Flint, Mich.'."""
    parts = []
    for part in place.split(","):
        part = part.strip()
        if part.isupper() and len(part) > 2:
            part = " ".join(w.capitalize() if w.isalpha() else w.title() for w in part.split())
        parts.append(part)
    return ", ".join(parts)


def _dateline_date(date_text: str | None, published: dt.date | None) -> str | None:
    """ISO date of 'Nov 21' / '21 November 2024'; the year from the text or else the publication
    date (the year before when the day would fall after it)."""
    if not date_text:
        return None
    month = day = year = None
    for token in re.findall(r"[A-Za-z]+|\d+", date_text):
        if token.isdigit():
            if len(token) == 4:
                year = int(token)
            else:
                day = int(token)
        else:
            month = _MONTHS.get(token[:3].lower())
    if month is None or day is None:
        return None
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            if dt.date(year, month, day) > published + dt.timedelta(days=1):
                year -= 1
        except ValueError:
            return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def gazetteer_place(name: str) -> bool:
    """A name the gazetteer knows as a country, city or region ("Geneva"), for datelines."""
    from ..nlp.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    entry = gazetteer.by_alias().get(name)
    return entry is not None and gazetteer.entries[entry].label in ("GPE", "LOC")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()
