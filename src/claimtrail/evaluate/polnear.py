"""Read the PolNeAR attribution corpus (BRAT standoff: Source, Cue, Content spans joined by
Attribution events). Only the spans that take part in an attribution count as gold."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputNotFound, MalformedInput

ROLES = ("source", "cue", "content")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    role: str
    fragments: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    spans: tuple[GoldSpan, ...]

    def mask(self, role: str) -> bytearray:
        """One byte per character of the text: 1 inside a gold span of ``role``."""
        marks = bytearray(len(self.text) + 1)
        for span in self.spans:
            if span.role == role:
                for start, end in span.fragments:
                    marks[start:end] = b"\x01" * (end - start)
        return marks


def _fragments(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(out)


def read_ann(text: str) -> list[GoldSpan]:
    """Gold spans of one .ann file."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    used: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            if kind in ("Source", "Cue", "Content"):
                spans[parts[0]] = (kind.lower(), _fragments(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            for arg in parts[1].split()[1:]:
                role, _, ref = arg.partition(":")
                if role in ("Source", "Cue", "Content"):
                    used[ref] = role.lower()
    return [GoldSpan(spans[ref][0], spans[ref][1]) for ref in sorted(used, key=lambda r: int(r[1:]))
            if ref in spans]


def iter_polnear(path: str | Path, limit: int | None = None) -> Iterator[GoldArticle]:
    """Articles of one PolNeAR split folder (with ``text/`` and ``attributions/``)."""
    root = Path(path)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputNotFound(f"{root} is not a PolNeAR split: it needs text/ and attributions/ "
                            "(e.g. ../shared/data/polnear/dev)")
    anns = sorted(ann_dir.glob("*.ann"))
    if not anns:
        raise InputNotFound(f"{ann_dir} has no .ann files")
    seen: set[str] = set()
    for ann in anns:
        if limit is not None and len(seen) >= limit:
            return
        stem = ann.stem.rsplit("_", 1)[0]  # annotator id suffix
        if stem in seen:  # a text annotated by several annotators: keep the first annotation
            continue
        seen.add(stem)
        txt = text_dir / f"{stem}.txt"
        if not txt.exists():
            raise MalformedInput(f"{ann.name} has no text file {txt.name}")
        yield GoldArticle(stem, txt.read_text(encoding="utf-8"),
                          tuple(read_ann(ann.read_text(encoding="utf-8"))))
