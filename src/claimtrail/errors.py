"""Coded errors. Each says what went wrong and what to do about it; the CLI prints one line."""

from __future__ import annotations


class ClaimtrailError(Exception):
    """Base class: ``code`` is stable (E0xx), ``str(err)`` is ``[code] message``."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(ClaimtrailError):
    """The input cannot be read as an article."""

    code = "E001"


class EmptyInput(InputError):
    code = "E001"


class BinaryInput(InputError):
    code = "E002"


class EncodingError(InputError):
    code = "E003"


class InputTooLarge(InputError):
    code = "E004"


class InputNotFound(InputError):
    code = "E005"


class NoArticleFiles(InputNotFound):
    """A folder with no article or record files in it (never read as stdin instead)."""

    code = "E005"


class NoMainText(InputError):
    code = "E006"


class FetchError(InputError):
    code = "E007"


class MalformedInput(InputError):
    code = "E008"


class MalformedRecord(InputError):
    """One line, row, item or record of a JSON lines, CSV, feed or WARC file cannot be read."""

    code = "E009"


class UnsupportedLanguage(ClaimtrailError):
    code = "E010"

    def __init__(self, message: str, language: str | None = None) -> None:
        super().__init__(message)
        self.language = language


class ModelError(ClaimtrailError):
    code = "E020"


class IncompatibleModel(ModelError):
    code = "E021"


class OptionError(ClaimtrailError):
    code = "E030"


class ArticleTimeout(ClaimtrailError):
    """One article took longer than the per-article time limit (the batch goes on)."""

    code = "E050"


class DataError(ClaimtrailError):
    """A data file shipped with claimtrail is missing or malformed (a packaging bug)."""

    code = "E040"


class StoreError(ClaimtrailError):
    """The corpus file cannot be opened, read or written."""

    code = "E060"


class StoreBusy(StoreError):
    """Another ``claimtrail ingest`` holds the corpus file (one writer at a time)."""

    code = "E061"


class StoreVersionError(StoreError):
    """The corpus file was written by a newer claimtrail than this one."""

    code = "E062"


class StoreNotFound(StoreError):
    """The corpus file named does not exist (queries never create one)."""

    code = "E063"


class QueryRefused(StoreError):
    """``sql`` was given something other than one read-only statement."""

    code = "E064"


class CorpusUpdateError(StoreError):
    """The corpus layer (origins, event clusters) could not be brought up to date after an
    ingest; the articles are stored, and the next ingest tries again."""

    code = "E065"
