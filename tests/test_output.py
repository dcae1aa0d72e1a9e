"""Issue 16: safe output. Article text and file names never drive the terminal, JSON lines stay
one line each and valid UTF-8, whatever characters the input carries."""

from __future__ import annotations

import json
import os
import re

import pytest

from claimtrail.output import json_line, safe_for_terminal
from claimtrail.report import render_text

from .conftest import run_cli

ESC_RED = "\x1b[31m"
OSC_TITLE = "\x1b]0;owned\x07"
CSI_8BIT = "\x9b2J"
RLO = "\u202e"
# What must never be printed raw: C0 controls other than newline and tab, DEL, C1 controls,
# bidi embeddings, overrides, isolates and marks, line and paragraph separators, surrogates.
RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                        "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
NOT_UTF8_NAME = os.fsdecode(b"caf\xe9-report.txt")  # what the OS hands over for a Latin-1 name


# --- json_line ---------------------------------------------------------------------------------


@pytest.mark.parametrize("indent", [None, 2])
def test_issue16_json_line_escapes_separators_controls_and_surrogates(indent):
    data = {
        "path": NOT_UTF8_NAME,
        "text": f"First line\u2028second\u2029third {ESC_RED}red {CSI_8BIT} {RLO}txet",
        "title": "Café in Kyiv — “quoted”",
        "names": [OSC_TITLE, "\u2066isolated\u2069"],
    }
    out = json_line(data, indent)
    assert not RAW_UNSAFE.search(out)
    out.encode("utf-8")  # would raise on a lone surrogate
    assert json.loads(out) == data
    assert "Café in Kyiv — “quoted”" in out  # ordinary non-ASCII text stays readable
    assert "\\u2028" in out and "\\udce9" in out and "\\u202e" in out and "\\u009b" in out
    if indent is None:
        assert "\n" not in out and len(out.splitlines()) == 1


def test_json_line_matches_json_dumps_for_plain_data():
    data = {"a": [1, 2.5, None, True], "b": "plain text, accents: é ü", "c": {"d": "e"}}
    assert json_line(data) == json.dumps(data, ensure_ascii=False)
    assert json_line(data, 2) == json.dumps(data, ensure_ascii=False, indent=2)


# --- safe_for_terminal -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (f"{ESC_RED}alarm", "\\x1b[31malarm"),
        (OSC_TITLE, "\\x1b]0;owned\\x07"),
        (CSI_8BIT, "\\x9b2J"),
        (f"{RLO}gpj.exe", "\\u202egpj.exe"),
        ("a\u2028b", "a\\u2028b"),
        (NOT_UTF8_NAME, "caf\\udce9-report.txt"),
        ("line one\nline two\r", "line one\\nline two\\r"),
        ("tab\tkept", "tab\tkept"),
        ("Café “ok” — 1\u00a0000", "Café “ok” — 1\u00a0000"),
    ],
)
def test_issue16_safe_for_terminal(raw, shown):
    assert safe_for_terminal(raw) == shown
    safe_for_terminal(raw).encode("utf-8")


def test_safe_for_terminal_multiline_keeps_line_breaks_only():
    assert safe_for_terminal(f"one\ntwo{ESC_RED}\r\n", multiline=True) == "one\ntwo\\x1b[31m\\r\n"


# --- the text report ---------------------------------------------------------------------------


def _analysis(evil: str) -> dict:
    """A hand-built ``Analysis.as_dict()`` with ``evil`` in every field the report prints."""
    text = f"The minister {evil}said{evil} on Monday that the {evil}bridge{evil} was hit."
    span = {"text": f"bridge{evil}", "start_char": text.index("bridge"),
            "end_char": text.index("bridge") + 6}
    return {
        "article": {"title": f"Headline {evil}", "published": "2024-11-22",
                    "published_from": "option", "outlet": f"Outlet{evil}", "language": "en",
                    "language_confidence": 0.99, "words": 14, "url": None,
                    "path": f"/tmp/{evil}{NOT_UTF8_NAME}", "text": text},
        "model": {"name": "en_core_web_sm", "version": "3.8.0"},
        "warnings": [f"warning {evil}"],
        "sources": [{"id": "s1", "name": f"The minister{evil}", "kind": "person", "country": None,
                     "mentions": [{"text": f"minister{evil}"}]}],
        "claims": [
            {"voice": "reported", "source_id": "s1", "status": "reported", "negated": False,
             "quote": "indirect", "channel": None, "via": [], "markers": [f"mark{evil}"],
             "cue": {"text": f"said{evil}"}, "text": f"the bridge{evil} was hit"},
            {"voice": "author", "source_id": None, "status": "hedged", "negated": False,
             "quote": None, "channel": None, "via": [], "markers": [], "cue": None,
             "text": f"it may {evil} fall"},
        ],
        "events": [{"id": "e1", "type": "ASSAULT", "mode": None, "modality": "actual",
                    "negated": False, "when": {"start": None, "end": None, "precision": "none",
                                               "text": None},
                    "trigger": {**span, "text": f"hit{evil}"},
                    "actors": [{"name": f"Army{evil}"}], "recipients": [{"name": f"City{evil}"}],
                    "location": {"name": f"Kyiv{evil}", "country": "UA"},
                    "weapons": [{"name": f"drone{evil}"}], "quantities": [],
                    "reports": [{"source_id": "s1", "via": [], "status": "reported"}],
                    "links": []}],
        "techniques": [{**span, "technique": "Loaded_Language", "sentence": 0,
                        "source": "model", "score": 0.9, "explanation": f"why{evil}"}],
        "entities": [{"label": "GPE", "name": f"Kyiv{evil}", "kind": "city", "country": "UA",
                      "qid": None, "source": "model", "note": f"note{evil}",
                      "mentions": [{"text": f"Kyiv{evil}"}]}],
        "times": [{**span, "text": f"Monday{evil}", "value": "2024-11-18", "start": "2024-11-18",
                   "end": "2024-11-18", "grain": "day", "resolution": "relative",
                   "anchor": None, "note": f"note{evil}"}],
    }


@pytest.mark.parametrize("evil", [ESC_RED, OSC_TITLE, CSI_8BIT, RLO, "\u2028", "\x00\x08\x7f"])
def test_issue16_text_report_escapes_controls_in_every_field(evil):
    report = render_text(_analysis(evil))
    assert not RAW_UNSAFE.search(report)
    report.encode("utf-8")
    shown = safe_for_terminal(evil)
    if evil.isspace():  # the report folds whitespace (U+2028 too) inside wrapped text
        return
    # every field still appears, with the sequence shown escaped
    for field in ("Headline ", "Outlet", "warning ", "The minister", "mark", "it may ",
                  "Army", "City", "Kyiv", "drone", "why", "note"):
        assert f"{field}{shown}" in report, field
    assert f"/tmp/{shown}caf\\udce9-report.txt" in report


def test_text_report_keeps_its_own_layout():
    report = render_text(_analysis(""))
    assert report.startswith("Headline \n")
    assert "\nCLAIMS BY SOURCE (1 attributed, from 1 source)\n" in report


# --- the real CLI ------------------------------------------------------------------------------


@pytest.mark.slow
def test_issue16_cli_output_is_safe_for_terminals_and_line_readers(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9 \x1b[2J.txt"
    text = (f"Kyiv {ESC_RED}under attack{OSC_TITLE}\n\nThe mayor of Kyiv said on Monday that "
            f"the bridge\u2028had been {RLO}repaired after the strike, officials told reporters.")
    with open(name, "wb") as handle:
        handle.write(text.encode("utf-8"))
    as_text = run_cli("analyze", os.fsdecode(name), "--format", "text", "--language", "en")
    assert as_text.returncode == 0, as_text.stderr.decode()
    report = as_text.stdout.decode("utf-8")
    assert not RAW_UNSAFE.search(report)
    assert "Kyiv \\x1b[31munder attack\\x1b]0;owned\\x07" in report
    assert "caf\\udce9 \\x1b[2J.txt" in report

    as_json = run_cli("analyze", os.fsdecode(name), "--language", "en")
    assert as_json.returncode == 0, as_json.stderr.decode()
    out = as_json.stdout.decode("utf-8")  # strict: the output is valid UTF-8
    assert not RAW_UNSAFE.search(out)
    lines = out.splitlines()  # str.splitlines also splits at U+2028: there must be none
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["article"]["path"] == os.fsdecode(name)
    assert "\u2028" in data["article"]["text"] and ESC_RED in data["article"]["text"]
