"""The attribution record: cue, source and content spans."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution. Spans are (start_char, end_char); ``source`` None means unattributed
    ("it was reported", "reportedly")."""

    cue: tuple[int, int]
    cue_kind: str
    cue_lemma: str
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    sentence: int
    direct: bool
    via: tuple[int, int] | None = None
    channel: str | None = None
    non_answer: str | None = None
    denied: bool = False
    source_token: int | None = None
    cue_token: int | None = None
    clausal: bool = False
    hedge: str | None = None
    parenthetical: bool = False
    impersonal: bool = False
