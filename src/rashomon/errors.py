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
    CANNOT_READ = "cannot read: {err}"
    FILE_TOO_LARGE = "file is {size:.1f} MiB, over the {limit} MiB limit for one {kind} article"
    TEXT_TOO_LONG = (
        "article is {n:,} characters, over the {limit:,}-character limit (Rashomon reads news articles; "
        "split a long report into articles)"
    )
    JSON_LINE = "not a JSON object: {err}"
    JSON_TOO_DEEP = "not a JSON object: nested too deeply to parse"
    JSON_LINE_TOO_LONG = "line is over {limit} MiB; skipped"
    JSON_LINE_ENCODING = "line is not valid UTF-8 ({err}); JSON Lines must be UTF-8"
    JSON_NO_TEXT = "has neither a non-empty 'text' nor 'html' string"
    JSON_FIELD_TYPE = "field {field!r} must be a string, got {kind}"
    JSON_FIELD_TOO_LONG = "field {field!r} is {n:,} characters, over the {limit:,}-character limit"
    JSON_BAD_DATE = "field 'published' is not a valid YYYY-MM-DD date: {value!r}"
    JSON_IMPLAUSIBLE_DATE = "field 'published' is not a plausible date for a news article: {value!r} ({why})"
    NO_TEXT_AFTER_CLEANING = "nothing left of the article after removing boilerplate"
    NO_HTML_TEXT = "no article text found in the HTML page (empty, script-only or unparseable markup)"
    NOT_ENGLISH = "text is not English (detected {lang}); only English is supported"
    UNDETERMINED_LANGUAGE = "cannot tell the text's language (too few letters or English words); not read"
    UNEXPECTED = "could not be processed: {err}"
