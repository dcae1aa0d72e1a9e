"""Bytes to text, with clear errors for empty, binary, oversized and mis-encoded input."""

from __future__ import annotations

import codecs
import re
import unicodedata

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
        raise EncodingError(
            f"{name} is not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "convert it (iconv -f cp1252 -t utf-8) or name its encoding with --encoding"
        ) from None


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
