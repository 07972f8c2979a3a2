"""HTML pages to text and metadata, through trafilatura (the field's own extractor)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import trafilatura


@dataclass
class HtmlContent:
    text: str
    title: str | None
    author: str | None
    outlet: str | None
    url: str | None
    published: date | None


def extract_html(html: str) -> HtmlContent:
    """Main text of a page (comments, navigation and footers dropped) with its metadata."""
    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, favor_precision=True, with_metadata=True
    )
    if doc is None:
        return HtmlContent("", None, None, None, None, None)
    published = None
    if doc.date:
        try:
            published = date.fromisoformat(str(doc.date)[:10])
        except ValueError:
            published = None
    return HtmlContent(
        text=doc.text or "",
        title=doc.title or None,
        author=doc.author or None,
        outlet=doc.sitename or None,
        url=doc.url or None,
        published=published,
    )
