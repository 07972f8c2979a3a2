"""HTML pages to text and metadata, through trafilatura (the field's own extractor).

Hostile pages are expected: markup nested past the parser's depth limit (libxml2 gives up at 255
levels) is flattened to its text-bearing tags and extracted again; truncated markup is recovered
by the parser; a date outside any plausible publication range is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import trafilatura

_DROP = re.compile(r"<(script|style|noscript|template)\b[^<>]{0,2000}>.*?(</\1\s*>|$)", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?(-->|$)", re.S)
# tags kept when flattening: the ones that carry an article's structure and metadata
_KEEP = r"(?:html|head|title|meta|link|body|article|main|h[1-6]|p|br|li|ul|ol|blockquote|time)"
MAX_DEPTH = 200  # libxml2 stops building the tree at 255 levels; flatten well before that
# a run of MAX_DEPTH opening tags with nothing between them: the usual shape of a hostile nest
_DEEP_RUN = re.compile(rf"(?:<[a-zA-Z][^<>/]{{0,300}}>\s*){{{MAX_DEPTH},}}")
_OTHER_TAG = re.compile(rf"</?(?!{_KEEP}\b)[a-zA-Z][^<>]{{0,2000}}>")


@dataclass
class HtmlContent:
    text: str
    title: str | None
    author: str | None
    outlet: str | None
    url: str | None
    published: date | None


def _extract(html: str):
    try:
        return trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, favor_precision=True, with_metadata=True
        )
    except RecursionError:
        return None


def flatten(html: str) -> str:
    """The page with scripts, comments and every layout tag (div, span, table ...) removed, so that
    no nesting is left deeper than paragraphs inside the body."""
    html = _DROP.sub(" ", _COMMENT.sub(" ", html))
    return _OTHER_TAG.sub(" ", html)


def extract_html(html: str) -> HtmlContent:
    """Main text of a page (comments, navigation and footers dropped) with its metadata."""
    doc = None if _DEEP_RUN.search(html) else _extract(html)
    if doc is None or not (doc.text or "").strip():
        flat = _extract(flatten(html))
        if flat is not None and (flat.text or "").strip():
            doc = flat
    if doc is None:
        return HtmlContent("", None, None, None, None, None)
    published = None
    if doc.date:
        try:
            published = date.fromisoformat(str(doc.date)[:10])
        except ValueError:
            published = None
    if published is not None and not (1900 <= published.year <= date.today().year + 1):
        published = None
    return HtmlContent(
        text=doc.text or "",
        title=doc.title or None,
        author=doc.author or None,
        outlet=doc.sitename or None,
        url=doc.url or None,
        published=published,
    )
