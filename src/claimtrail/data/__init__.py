"""Versioned rule and lexicon files; read them with :mod:`claimtrail.resources` (which caches
what it builds from them), or with :func:`read_json` where a module below it needs one."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..errors import DataError


def read_json(*parts: str) -> dict[str, Any]:
    ref = resources.files("claimtrail").joinpath("data", *parts)
    try:
        data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataError(f"data file {'/'.join(parts)} cannot be read ({err}); "
                        "reinstall claimtrail") from None
    return data
