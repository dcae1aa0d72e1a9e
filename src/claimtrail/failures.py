"""A :class:`Failure`: one input, or one record of an input, that could not be analysed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that could not be analysed, and why (a batch carries on past it).

    ``source`` is the file, URL or ``standard input``; ``record`` says where inside it for JSON
    lines, CSV, feeds and WARC files (``line 12``, ``row 3``, ``item 2``, ``record 5``).
    """

    source: str
    code: str
    message: str
    record: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"ok": False, "source": self.source, "record": self.record, "code": self.code,
                "error": self.message}
