"""Errors and their messages, in one place (as spaCy keeps its Errors)."""

from __future__ import annotations


class RashomonError(Exception):
    """Base class: a message meant for the user, no traceback needed."""


class IngestError(RashomonError):
    """A file (or one line of it) that could not be ingested."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class Messages:
    EMPTY = "file is empty or holds only whitespace"
    BINARY = "file looks binary (NUL bytes or mostly non-text bytes), not an article"
    ENCODING = "cannot decode the text as UTF-8, UTF-16 or a single-byte encoding"
    UNSUPPORTED_EXT = "unsupported file type {ext!r}: use .txt, .html/.htm or .jsonl"
    NOT_FOUND = "no such file or folder"
    JSON_LINE = "not a JSON object: {err}"
    JSON_NO_TEXT = "has neither a non-empty 'text' nor 'html' string"
    JSON_FIELD_TYPE = "field {field!r} must be a string, got {kind}"
    JSON_BAD_DATE = "field 'published' is not a valid YYYY-MM-DD date: {value!r}"
    NO_TEXT_AFTER_CLEANING = "nothing left of the article after removing boilerplate"
    NOT_ENGLISH = "text is not English (detected {lang}); only English is supported"
