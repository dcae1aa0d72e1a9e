"""Language identification with lingua (models ship in the wheel; nothing is downloaded)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Languages we tell apart. Analysis exists for English only; the others are named so that the
# error message can say which language an article is in.
_CANDIDATES = (
    "ENGLISH", "RUSSIAN", "UKRAINIAN", "FRENCH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE",
    "POLISH", "DUTCH", "TURKISH", "ARABIC", "CHINESE", "JAPANESE", "KOREAN", "PERSIAN", "HEBREW",
    "BELARUSIAN", "BULGARIAN", "ROMANIAN",
)
SUPPORTED = ("en",)


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _CANDIDATES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> tuple[str | None, float]:
    """Return (ISO 639-1 code, confidence) for ``text``; (None, 0.0) when undecidable."""
    sample = text[:4000]
    if sum(ch.isalpha() for ch in sample) < 3:
        return None, 0.0
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return None, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)
