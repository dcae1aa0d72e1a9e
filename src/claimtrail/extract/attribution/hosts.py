"""The attribution whose content holds another's cue (for the passes that split contents)."""

from __future__ import annotations

from .._util import IntervalIndex
from .model import Attribution


def _content_index(found: list[Attribution]) -> IntervalIndex:
    """The contents of ``found`` by position (an attribution with none has an empty one)."""
    return IntervalIndex(a.content or (a.cue[0], a.cue[0]) for a in found)


def _host(found: list[Attribution], k: int, kinds: tuple[str, ...], contents: IntervalIndex,
          with_source: bool = False) -> int | None:
    """The index of the nearest earlier attribution (of ``kinds``) whose content holds the cue of
    ``found[k]``, or None. ``contents`` indexes the contents ``found`` had before the caller began
    to shorten them (a content only ever shrinks), so it lists every possible host."""
    att = found[k]
    near = sorted(contents.overlapping(att.cue[0], att.cue[0] + 1))
    hosts = [j for j in near
             if j != k and (other := found[j]).cue_kind in kinds and other.content is not None
             and other.cue[1] <= att.cue[0] and other.content[0] <= att.cue[0] < other.content[1]
             and (other.source is not None or not with_source)]
    return max(hosts, key=lambda j: found[j].cue[0]) if hosts else None
