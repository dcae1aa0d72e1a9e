"""Ingest: every kind of bad input gets a clear, coded error; good input keeps its metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrail.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputNotFound,
    InputTooLarge,
    NoMainText,
    OptionError,
    UnsupportedLanguage,
)
from claimtrail.ingest import ingest, ingest_bytes
from claimtrail.ingest.html import looks_like_html
from claimtrail.options import AnalyzeOptions, parse_date

from .conftest import SAMPLES

ENGLISH = "The ministry said on Tuesday that the bridge had been repaired after the strike."


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyInput, "empty"),
        (b"   \n\t  \n", EmptyInput, "empty"),
        (b"\x00\x01\x02binary\x00data" * 10, BinaryInput, "NUL"),
        (b"%PDF-1.7\n%\xe2\xe3", BinaryInput, "PDF"),
        (b"PK\x03\x04\x14\x00", BinaryInput, "ZIP"),
        (b"\x89PNG\r\n\x1a\n", BinaryInput, "PNG"),
        ("Caf\xe9 au lait, the minister said.".encode("latin-1"), EncodingError, "not UTF-8"),
        (bytes(range(1, 32)) * 20, BinaryInput, "control characters"),
    ],
)
def test_bad_bytes_get_clear_errors(data, error, words):
    with pytest.raises(error) as info:
        ingest_bytes(data, name="sample.txt")
    assert words in str(info.value)
    assert str(info.value).startswith(f"[{error.code}]")


def test_legacy_encoding_reads_with_encoding_option():
    data = f"Caf\xe9 owners in Kyiv said the blackout lasted all night. {ENGLISH}".encode("cp1252")
    article = ingest_bytes(data, AnalyzeOptions(encoding="cp1252"))
    assert article.text.startswith("Café owners")


def test_unknown_encoding_name_is_an_encoding_error():
    with pytest.raises(EncodingError):
        ingest_bytes(ENGLISH.encode(), AnalyzeOptions(encoding="no-such-codec"))


def test_utf16_with_bom_is_read():
    article = ingest_bytes(ENGLISH.encode("utf-16"))
    assert article.text == ENGLISH


def test_crlf_and_bom_are_normalised():
    article = ingest_bytes(b"\xef\xbb\xbfHeadline\r\n" + ENGLISH.encode())
    assert article.text == "Headline\n" + ENGLISH
    assert article.title == "Headline"


def test_too_large_input_names_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 300)
    with pytest.raises(InputTooLarge) as info:
        ingest(big, AnalyzeOptions(max_bytes=1000))
    assert "--max-bytes" in str(info.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputNotFound):
        ingest(tmp_path / "nope.txt")
    with pytest.raises(InputNotFound):
        ingest(tmp_path)


def test_non_english_is_refused_with_the_language_named():
    with pytest.raises(UnsupportedLanguage) as info:
        ingest(SAMPLES / "russian-article.txt")
    assert info.value.language == "ru"
    assert "'ru'" in str(info.value) and "--language en" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "Le gouvernement a annoncé mercredi soir une nouvelle aide militaire à l'Ukraine, "
        "selon un communiqué publié à Paris.",
        "Die Bundesregierung hat am Mittwoch neue Militärhilfe für die Ukraine angekündigt, "
        "teilte ein Sprecher in Berlin mit.",
    ],
)
def test_other_languages_are_refused(text):
    with pytest.raises(UnsupportedLanguage):
        ingest_bytes(text.encode())


def test_declared_language_skips_detection():
    article = ingest_bytes(b"Kyiv. Moscow. Kharkiv.", AnalyzeOptions(language="en"))
    assert article.language == "en"
    assert article.language_confidence is None


def test_english_detected_with_confidence():
    article = ingest_bytes(((ENGLISH + " ") * 3).encode())
    assert article.language == "en"
    assert article.language_confidence is not None and article.language_confidence > 0.9


def test_html_file_gives_text_and_metadata():
    article = ingest(SAMPLES / "html-article.html")
    assert article.input_kind == "file+html"
    assert article.title == "Ministry reports strike on air base"
    assert article.author == "Maria Kovalenko"
    assert article.published == "2024-11-25" and article.published_from == "html"
    assert "Ukrainian forces had fired ATACMS" in article.text
    assert "cookies" not in article.text and "Sport" not in article.text


def test_option_metadata_wins_over_html():
    opts = AnalyzeOptions(published=dt.date(2024, 11, 24), outlet="Herald", title="T")
    article = ingest(SAMPLES / "html-article.html", opts)
    assert (article.published, article.published_from) == ("2024-11-24", "option")
    assert (article.outlet, article.title) == ("Herald", "T")


@pytest.mark.parametrize(
    "html",
    [
        b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        b"<!DOCTYPE html><html><body><script>var a = 1;</script></body></html>",
        b"<html><body><div><p></div></span></body>",
    ],
)
def test_html_without_article_text_is_an_error(html):
    with pytest.raises(NoMainText):
        ingest_bytes(html, name="page.html", html=True)


def test_broken_but_readable_html_still_yields_text():
    html = ("<html><body><article><p>" + ENGLISH * 4 + "<p>" + ENGLISH + "</div></body>").encode()
    article = ingest_bytes(html, name="page.html")
    assert "bridge had been repaired" in article.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!doctype html><html><body>x</body></html>", True),
        ("<p>one</p><p>two</p><div>three</div>", True),
        ("The <b>tag</b> in prose.", False),
        ("Plain text about 3 < 4.", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


def test_bad_published_date_is_an_option_error():
    with pytest.raises(OptionError) as info:
        parse_date("22/11/2024")
    assert "YYYY-MM-DD" in str(info.value)
    assert parse_date("2024-11-22T10:00:00Z") == dt.date(2024, 11, 22)


def test_same_text_same_id():
    assert ingest_bytes(ENGLISH.encode()).id == ingest_bytes(ENGLISH.encode()).id
    assert ingest_bytes(ENGLISH.encode()).id != ingest_bytes((ENGLISH + " Later.").encode()).id


def test_declaring_an_unsupported_language_is_refused():
    with pytest.raises(UnsupportedLanguage) as info:
        ingest_bytes(ENGLISH.encode(), AnalyzeOptions(language="ru"))
    assert info.value.language == "ru"


def test_text_over_max_chars_is_refused_before_parsing():
    text = ("The ministry said the strike hit a depot. " * 30).encode()
    with pytest.raises(InputTooLarge) as info:
        ingest_bytes(text, AnalyzeOptions(max_chars=500))
    assert "--max-chars" in str(info.value)


def test_html_declaring_a_legacy_charset_is_decoded():
    body = "<p>" + "Ministry officials in Kyiv said the café near the bridge was hit. " * 3 + "</p>"
    page = ('<html><head><meta charset="windows-1252"><title>T</title></head><body><article>'
            + body + "</article></body></html>").encode("cp1252")
    article = ingest_bytes(page, name="page.html")
    assert "café" in article.text


def test_russian_page_in_windows_1251_is_named_russian_not_an_encoding_error():
    body = "<p>" + "Министерство обороны сообщило, что беспилотники были сбиты над областью. " * 3
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            "</head><body><article>" + body + "</p></article></body></html>").encode("cp1251")
    with pytest.raises(UnsupportedLanguage) as info:
        ingest_bytes(page, name="page.html")
    assert info.value.language == "ru"


# --- issue 16: messages that misled new users --------------------------------------------------


def _noise(n: int) -> bytes:
    """Bytes that look like compressed or encrypted data: every value, in a scrambled order."""
    return bytes((i * 197 + (i >> 8) * 31 + 7) % 256 for i in range(n))


@pytest.mark.parametrize(
    "data",
    [
        _noise(4096).replace(b"\x00", b"\x01"),  # no NUL byte, so only the byte mix says binary
        bytes(range(128, 256)) * 32,  # only high bytes: no spaces between words
        b"\x1b\x02\x03\x04 \xff\xfe" * 300,  # control bytes among invalid UTF-8
    ],
)
def test_issue16_binary_bytes_are_not_told_to_convert_from_cp1252(data):
    with pytest.raises(BinaryInput) as info:
        ingest_bytes(data, name="blob.txt")
    message = str(info.value)
    assert message.startswith("[E002] blob.txt is binary data")
    assert "cp1252" not in message and "iconv" not in message


def test_issue16_legacy_latin_text_gets_the_cp1252_hint():
    data = f"Caf\xe9 owners in Kyiv said the blackout lasted all night. {ENGLISH}".encode("cp1252")
    with pytest.raises(EncodingError) as info:
        ingest_bytes(data, name="old.txt")
    assert "not UTF-8 (byte 0xe9 at offset 3)" in str(info.value)
    assert "iconv -f cp1252 -t utf-8" in str(info.value)


def test_issue16_legacy_cyrillic_text_gets_a_cyrillic_hint():
    data = "Министерство обороны сообщило, что беспилотники были сбиты.".encode("cp1251")
    with pytest.raises(EncodingError) as info:
        ingest_bytes(data, name="old.txt")
    assert "--encoding cp1251" in str(info.value)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_issue16_utf16_without_bom_is_read(codec):
    text = f"Headline about the bridge\n{ENGLISH} Officials in Kyiv confirmed it on Wednesday."
    article = ingest_bytes(text.encode(codec), name="notepad.txt")
    assert article.text == text


def test_issue16_utf16_without_bom_keeps_accents_and_cyrillic_names():
    text = f"{ENGLISH} The café owner, Олена, said so."
    assert ingest_bytes(text.encode("utf-16-le"), AnalyzeOptions(language="en")).text == text


def test_issue16_broken_utf16_without_bom_is_named_not_called_binary():
    data = ENGLISH.encode("utf-16-le")[:-1]  # cut in the middle of a character
    with pytest.raises(EncodingError) as info:
        ingest_bytes(data, name="cut.txt")
    assert "UTF-16-LE text without a byte-order mark" in str(info.value)


def test_issue16_nul_bytes_that_are_not_utf16_are_still_binary():
    with pytest.raises(BinaryInput, match="NUL"):
        ingest_bytes(b"\x00\x00\x10\x00" * 200 + _noise(800), name="blob.bin")
