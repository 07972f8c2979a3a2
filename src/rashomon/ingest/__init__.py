"""Ingest: files in, clean ``Document`` values out.

    for item in iter_documents(["articles/", "feed.jsonl"]):
        ...  # a Document, or an IngestError naming the file (and line) and the reason

Public surface: ``iter_documents``, ``prepare``, ``clean_text``, ``infer_published``.

Nothing here raises for bad input: every file, line or article that cannot be read becomes an
``IngestError`` and the batch goes on. Articles over ``MAX_ARTICLE_CHARS`` characters of cleaned
text are refused with that reason rather than truncated (a truncated article would be read as if
it were whole); see ``rashomon.ingest.readers`` for the size limits on files and lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rashomon.errors import IngestError, Messages
from rashomon.ingest.clean import clean_text, looks_like_headline
from rashomon.ingest.html import extract_html
from rashomon.ingest.language import detect_language
from rashomon.ingest.readers import MAX_ARTICLE_CHARS, RawArticle, expand, read_path
from rashomon.model import Document

__all__ = ["iter_documents", "prepare", "clean_text", "infer_published", "IngestError", "MAX_ARTICLE_CHARS"]


def infer_published(text: str, title: str | None = None):  # re-exported for the public surface
    from rashomon.ingest.dates import infer_published as _infer

    return _infer(text, title)


def prepare(raw: RawArticle) -> Document | IngestError:
    """Clean one raw article and give it a title, outlet and publication date."""
    where = raw.path
    title, outlet, url, published = raw.title, raw.outlet, raw.url, raw.published
    body = raw.body
    if raw.is_html:
        html = extract_html(body)
        if not html.text.strip():
            return IngestError(where, Messages.NO_HTML_TEXT, line=raw.line)
        body = html.text
        title = title or html.title
        outlet = outlet or html.outlet
        url = url or html.url
        published = published or html.published
    text = clean_text(body)
    if not text.strip():
        return IngestError(where, Messages.NO_TEXT_AFTER_CLEANING, line=raw.line)
    if len(text) > MAX_ARTICLE_CHARS:
        return IngestError(
            where, Messages.TEXT_TOO_LONG.format(n=len(text), limit=MAX_ARTICLE_CHARS), line=raw.line
        )
    lang = detect_language(text)
    if lang == "und":
        return IngestError(where, Messages.UNDETERMINED_LANGUAGE, line=raw.line)
    if lang != "en":
        return IngestError(where, Messages.NOT_ENGLISH.format(lang=lang), line=raw.line)
    if title is None:
        first = text.split("\n", 1)[0]
        if looks_like_headline(first) and "\n" in text:
            title = first
    doc = Document(text=text, source=raw.source, title=title, outlet=outlet, url=url, published=published)
    if published is None:
        from rashomon.ingest.dates import infer_published as _infer

        guess = _infer(text, title)
        doc.published = guess.date
        doc.published_inferred = True
        doc.date_evidence = guess.evidence
        doc.year_known = guess.year_known
    return doc


def iter_documents(inputs: Iterable[str | Path]) -> Iterator[Document | IngestError]:
    """Every article under the inputs, cleaned, or an error for each file or line that failed."""
    for path in expand(inputs):
        if isinstance(path, IngestError):
            yield path
            continue
        items = read_path(path)
        while True:
            try:
                raw = next(items)
            except StopIteration:
                break
            except Exception as e:  # a reader bug costs the rest of this file, never the batch
                yield IngestError(str(path), Messages.UNEXPECTED.format(err=f"{type(e).__name__}: {e}"))
                break
            if isinstance(raw, IngestError):
                yield raw
                continue
            try:
                yield prepare(raw)
            except RecursionError:
                yield IngestError(raw.path, "HTML is nested too deeply to extract", line=raw.line)
            except Exception as e:  # one article's failure must not stop the batch
                yield IngestError(
                    raw.path, Messages.UNEXPECTED.format(err=f"{type(e).__name__}: {e}"), line=raw.line
                )
