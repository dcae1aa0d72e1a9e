"""Small helpers shared by the extractors."""

from __future__ import annotations

import bisect
import re
from typing import Any


class SentenceIndex:
    """Maps a character offset to the 0-based index of its sentence."""

    def __init__(self, doc: Any) -> None:
        self.starts = [sent.start_char for sent in doc.sents]

    def __call__(self, char: int) -> int:
        return max(bisect.bisect_right(self.starts, char) - 1, 0)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def doc_text(doc: Any) -> str:
    """``doc.text`` joins every token on each call; keep it once per Doc (in ``user_data``)."""
    text = doc.user_data.get("claimtrail.text")
    if text is None:
        text = doc.user_data["claimtrail.text"] = doc.text
    return str(text)
