"""Shared fixtures: the real small model loaded once per session (textacy's lang_en style)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from claimtrail.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def schema():
    import json

    return json.loads((ROOT / "src/claimtrail/schema/analysis.schema.json").read_text())


@pytest.fixture(scope="session")
def validate(schema):
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    def check(data):
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])

    return check


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real ``claimtrail`` entry point in a subprocess."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "claimtrail", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )
