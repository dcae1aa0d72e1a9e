"""Which events an article is about: its *main* events, the PLOVER events its headline and lede
report (issue 19). A reader of a news report learns the main event from the headline and the
first paragraph; the rest of the story adds detail, reactions and background.

The main events are the PLOVER-type events (never STATEMENT, POLICY or NO_COMMENT) whose trigger
lies in the headline, then those in the lede (the first paragraph of the story, or the text's
first paragraph when no structure was found), at most :data:`MAX_MAIN`, headline first. An
article whose headline and lede hold no such event has no main event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ...records import Event, Structure

MAX_MAIN = 3


def mark_main_events(events: Sequence[Event], structure: Structure) -> list[Event]:
    """``events`` with ``main`` set on the article's main events (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    if structure.headline is not None:
        spans.append((structure.headline.start_char, structure.headline.end_char))
    if structure.lede is not None:
        spans.append((structure.lede.start_char, structure.lede.end_char))
    elif structure.paragraphs:
        spans.append(structure.paragraphs[0])
    chosen: list[str] = []
    for start, end in spans:
        for event in events:
            if len(chosen) >= MAX_MAIN:
                break
            inside = start <= event.trigger.start_char and event.trigger.end_char <= end
            if inside and not event.extension and event.id not in chosen:
                chosen.append(event.id)
    return [replace(e, main=e.id in chosen) for e in events]
