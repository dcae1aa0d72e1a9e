"""Bytes to text, with clear errors for empty, binary, oversized and mis-encoded input."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable

from ..errors import BinaryInput, EmptyInput, EncodingError, InputTooLarge

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of formats people try to feed us by mistake.
_BINARY_MAGIC = {
    b"%PDF": "a PDF file (extract its text first, e.g. with pdftotext)",
    b"PK\x03\x04": "a ZIP archive or an Office document (save it as .txt or .html first)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive (decompress it first)",
    b"\x7fELF": "an executable",
}


def check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise InputTooLarge(
            f"{name} is {size:,} bytes, over the limit of {max_bytes:,}; "
            "split it, or raise the limit with --max-bytes"
        )


# Reads are made in pieces of this size, so a cap far above the input costs no memory up front.
_CHUNK = 1 << 16


def read_capped(read: Callable[[int], bytes], max_bytes: int, name: str) -> bytes:
    """Read from ``read`` until end of input, refusing (E004) as soon as more than ``max_bytes``
    have come: at most ``max_bytes + 1`` bytes are ever read, whatever the source (a device such
    as /dev/zero, a pipe with an endless writer, a server that never stops sending)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputTooLarge(
                f"{name} goes on past the limit of {max_bytes:,} bytes (reading stopped there); "
                "split it, or raise the limit with --max-bytes"
            )


def decode(data: bytes, name: str, *, encoding: str | None = None, max_bytes: int) -> str:
    """Decode ``data`` to text; ``name`` says where it came from in error messages."""
    check_size(len(data), max_bytes, name)
    if not data.strip():
        raise EmptyInput(f"{name} is empty: there is no text to analyse")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise BinaryInput(f"{name} looks like {what}, not text")
    if encoding:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as err:
            raise EncodingError(f"{name} cannot be read as {encoding}: {err}") from None
    else:
        text = _decode_auto(data, name)
    _check_text(text, name)
    return normalize_text(text)


def _decode_auto(data: bytes, name: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as err:
                raise EncodingError(f"{name} has a {codec} mark but is not valid: {err}") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as err:
            raise EncodingError(
                f"{name} looks like {utf16.upper()} text without a byte-order mark, but is not valid "
                f"{utf16.upper()} ({err.reason} at offset {err.start}); if it is another encoding, "
                "name it with --encoding"
            ) from None
    if b"\x00" in data[:4096]:
        raise BinaryInput(f"{name} contains NUL bytes: it is binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        where = f"byte 0x{data[err.start]:02x} at offset {err.start}"
        legacy = _legacy_hint(data)
        if legacy is None:
            raise BinaryInput(
                f"{name} is binary data, not text: it is not UTF-8 ({where}), and its bytes are not "
                "those of text in an 8-bit encoding either (too many control bytes, or too few "
                "spaces); if it is text, name its encoding with --encoding"
            ) from None
        raise EncodingError(
            f"{name} is not UTF-8 ({where}); it looks like text in an older 8-bit encoding: "
            f"convert it (iconv -f {legacy} -t utf-8) or name its encoding with --encoding {legacy}"
        ) from None


# Control bytes that do not occur in text files (tab, line feed, form feed, carriage return and
# the DOS end-of-file mark 0x1a do).
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1A} | {0x7F}
_SPACE_BYTES = frozenset(b" \t\n\r")


def _legacy_hint(data: bytes) -> str | None:
    """The encoding to suggest for bytes that are not UTF-8 but read like 8-bit text, or None
    when they do not: text has almost no control bytes, and spaces between its words."""
    sample = data[:65536]
    counts = [0] * 256
    for byte in sample:
        counts[byte] += 1
    n = len(sample)
    control = sum(counts[b] for b in _CONTROL_BYTES)
    spaces = sum(counts[b] for b in _SPACE_BYTES)
    if control > max(1, n // 200) or (n >= 64 and spaces < n // 30):
        return None
    letters_ascii = sum(counts[0x41:0x5B]) + sum(counts[0x61:0x7B])
    letters_high = sum(counts[0xC0:0x100])
    # Most letters above 0xC0: an alphabet other than Latin (cp1251 Cyrillic, cp1253 Greek…).
    if letters_high > letters_ascii:
        return "cp1251"
    return "cp1252"


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` reads like UTF-16 text without a byte-order
    mark: in text of Latin, Cyrillic, Greek… letters, the high byte of every character is rarely
    NUL on one side of each pair and often NUL on the other (spaces and ASCII)."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0)
    if odd >= pairs * 0.15 and even <= pairs * 0.02:
        return "utf-16-le"
    if even >= pairs * 0.15 and odd <= pairs * 0.02:
        return "utf-16-be"
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.I)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _check_text(text: str, name: str) -> None:
    sample = text[:20000]
    if not sample.strip():
        raise EmptyInput(f"{name} has no visible text to analyse")
    control = sum(
        1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\r\t\f"
    )
    if control / max(len(sample), 1) > 0.05:
        raise BinaryInput(
            f"{name} is {control / len(sample):.0%} control characters: it is binary data, not text"
        )


def normalize_text(text: str) -> str:
    """Unify line ends and drop a BOM; offsets in the output index the text this returns."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return text.strip()
