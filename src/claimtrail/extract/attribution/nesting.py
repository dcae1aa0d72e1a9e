"""The outermost attributions (PolNeAR annotates one attribution per token)."""

from __future__ import annotations

from dataclasses import replace

from .._util import IntervalIndex
from .model import Attribution


def outermost(attributions: list[Attribution]) -> list[Attribution]:
    """PolNeAR is univocal (a token belongs to one attribution at most), so an attribution whose
    cue lies inside another's content is not annotated there; score the outer ones."""
    def inside(span: tuple[int, int], content: tuple[int, int] | None) -> bool:
        return content is not None and content[0] <= span[0] and span[1] <= content[1]

    def length(content: tuple[int, int] | None) -> int:
        return content[1] - content[0] if content else 0

    # Two attributions can hold each other's cue when the parse is loose ("X told aides that…,
    # according to Y"): the one with the longer content is the outer one. (Only the attributions
    # whose content holds a's cue are looked at, found through an index of the contents.)
    with_content = [b for b in attributions if b.content is not None]
    contents = IntervalIndex(b.content for b in with_content if b.content is not None)
    return [a for a in attributions
            if not any(b.content != a.content
                       and not (inside(b.cue, a.content) and length(a.content) > length(b.content))
                       for b in (with_content[k] for k in contents.containing(*a.cue)))]


def one_content_per_cue(attributions: list[Attribution]) -> list[Attribution]:
    """PolNeAR gives a cue one content, in fragments: a quotation broken by its cue ('“Every
    strike,” she said, “will be answered.”') and the quotations that run on after it are one
    content from the first fragment to the last. Attributions that share a cue (the runs of
    ``quote_runs``) are joined into the first of them, its content spanning them all."""
    first: dict[tuple[int, int], int] = {}
    out: list[Attribution] = []
    for att in attributions:
        k = first.get(att.cue)
        if k is None:
            first[att.cue] = len(out)
            out.append(att)
            continue
        host = out[k]
        if att.content is not None:
            content = att.content if host.content is None else (
                min(host.content[0], att.content[0]), max(host.content[1], att.content[1]))
            out[k] = replace(host, content=content)
    return out
