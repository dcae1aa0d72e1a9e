"""The one options object for an analysis (trafilatura regrets a 26-parameter ``extract()``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .errors import OptionError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# spaCy's own default Doc limit; the parser needs about 1 GB of memory per 100,000 characters.
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """What to analyse and how.

    ``published`` anchors relative dates; ``language`` overrides detection (the caller vouches for
    it); ``max_bytes`` bounds one input as read, ``max_chars`` the text that is analysed (after HTML
    extraction); ``encoding`` reads legacy-encoded text files. ``other_languages`` says what
    reading does with an article not in English: ``"refuse"`` (E010, what ``analyze`` does) or
    ``"keep"`` (the Article, with its language, for a store to keep unanalysed).
    """

    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    model: str | None = None
    language: str | None = None
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS
    fetch_timeout: float = 20.0
    other_languages: str = "refuse"

    def __post_init__(self) -> None:
        if self.other_languages not in ("refuse", "keep"):
            raise OptionError(f"other_languages is 'refuse' or 'keep', not {self.other_languages!r}")

    def with_(self, **changes: object) -> AnalyzeOptions:
        return replace(self, **changes)  # type: ignore[arg-type]


def parse_date(value: str) -> dt.date:
    """Parse an ISO date (``2024-11-22``) or datetime (``2024-11-22T10:00:00Z``)."""
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise OptionError(
            f"cannot read the date {value!r}: write it as YYYY-MM-DD, e.g. 2024-11-22"
        ) from None
