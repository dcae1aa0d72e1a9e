"""Output that is safe to print: JSON lines any line reader can split, text a terminal cannot obey.

Article text and file names come from outside. Printed raw, an escape sequence in an article
(ESC [ 31 m, an OSC title change, an 8-bit CSI) would drive the reader's terminal, a bidi override
would reorder what they see, a U+2028 would split a JSON line for line-based readers, and a file name
that is not UTF-8 (which Python hands over as a lone surrogate) would crash the UTF-8 encoder.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

# C1 controls and DEL, the line and paragraph separators, bidi embeddings, overrides and isolates,
# the invisible direction marks, and lone surrogates. json.dumps already escapes C0 controls.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                          "\ud800-\udfff]")
# The same for a terminal, with the C0 controls added (newline and tab are handled by the caller).
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                              "\u2066-\u2069\ud800-\udfff]")


def json_line(data: Any, indent: int | None = None) -> str:
    """``data`` as JSON, non-ASCII text kept readable, with every character escaped (``\\uXXXX``)
    that would break a line reader (U+2028, U+2029), act on a terminal (DEL, C1 controls, bidi
    controls) or fail to encode as UTF-8 (lone surrogates from undecodable file names). The result
    always encodes to UTF-8, and ``json.loads`` gives ``data`` back."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    # Outside strings JSON is ASCII, so every match is inside a string, where \uXXXX is valid.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def safe_for_terminal(text: str, *, multiline: bool = False) -> str:
    """``text`` with control characters, escape sequences, bidi controls, line separators and lone
    surrogates shown escaped (``\\x1b``, ``\\u202e``, ``\\udce9``), so printing it cannot move the
    cursor, recolour, retitle or reorder the terminal, and always encodes to UTF-8. Tabs are kept;
    newlines too when ``multiline`` (a report), else escaped (a one-line message)."""
    keep = "\n\t" if multiline else "\t"
    return _TERMINAL_UNSAFE.sub(lambda m: _escape(m.group(), keep), text)


def _escape(ch: str, keep: str) -> str:
    if ch in keep:
        return ch
    code = ord(ch)
    if code == 0x0A:
        return "\\n"
    if code == 0x0D:
        return "\\r"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def error_line(err: Exception) -> str:
    """The one line the CLI prints on stderr for an error, safe for the terminal."""
    return safe_for_terminal(f"claimtrail: {err}")


class StatusLine:
    """One self-rewriting line on a terminal (progress), cleared before anything else is printed
    there; writes nothing when not ``enabled``."""

    def __init__(self, stream: TextIO, enabled: bool = True) -> None:
        self.stream = stream
        self.enabled = enabled
        self.drawn = False

    def show(self, text: str) -> None:
        if self.enabled:
            self.stream.write(f"\r\x1b[K{text}")
            self.stream.flush()
            self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False
