"""The server-rendered pages: one method per page on ``Pages``, registered by ``Pages.mount``. Pages read
the catalog (rebuilt when the store changes) and render Jinja2 templates with autoescaping on."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from rashomon.present.labels import country_label, value_label
from rashomon.serve.assets import map_installed, swagger_dir
from rashomon.serve.catalog import Catalog, CatalogCache, format_value
from rashomon.serve.detail import event_detail, outlets, reports, source_detail

__all__ = ["Pages", "ID"]

HERE = Path(__file__).parent
ID = r"^[A-Za-z0-9_.\-]{1,64}$"


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links are ever rendered as links."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _segments(text: str, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every claim boundary; each piece lists the claims covering it (innermost last)."""
    n = len(text)
    spans = [(max(0, min(c["start"], n)), max(0, min(c["end"], n)), c) for c in claims]
    spans = [s for s in spans if s[0] < s[1]]
    cuts = sorted({0, n, *(s[0] for s in spans), *(s[1] for s in spans)})
    out = []
    first_seen: set[str] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        cover = sorted((s for s in spans if s[0] <= a and b <= s[1]), key=lambda s: (s[0] - s[1], s[0]))
        cs = [s[2] for s in cover]
        anchors = [c["id"] for c in cs if c["id"] not in first_seen]
        first_seen.update(anchors)
        out.append({"text": text[a:b], "claims": cs, "anchors": anchors})
    return out


def _sentence(e: dict[str, Any]) -> str:
    when = "on an unknown date" if not e["date"] else f"on {e['date_text']}"
    if e["date_end"] and e["date"]:
        when = f"from {e['date_text']}"
    if e["date_note"] and e["date"]:
        when += f" ({e['date_note']})"
    actors = " and ".join(a for a in (e["actor1"], e["actor2"]) if a)
    text = f"{e['type']} ({e['event_type']}) {when} at {e['place']}"
    return text + (f", involving {actors}." if actors else ".")


class Pages:
    """Every page of the web UI over a catalog cache."""

    ROUTES = (
        ("/", "events"),
        ("/events/{event_id}", "event"),
        ("/documents", "documents"),
        ("/documents/{doc_id}", "document"),
        ("/sources", "sources"),
        ("/sources/{source_id}", "source"),
        ("/docs", "docs"),
    )

    def __init__(self, cache: CatalogCache) -> None:
        self.cache = cache
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            format_value=format_value, safe_url=_safe_url, country_label=country_label, value_label=value_label
        )

    def mount(self, app: FastAPI) -> None:
        for path, name in self.ROUTES:
            app.add_api_route(
                path,
                getattr(self, name),
                methods=["GET", "HEAD"],
                response_class=HTMLResponse,
                include_in_schema=False,
            )

    def cat(self) -> Catalog:
        return self.cache.get()

    def render(self, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**ctx), status_code=status)

    def events(self) -> HTMLResponse:
        return self.render("events.html", title="Events", nav="events", leaflet=map_installed())

    def event(self, event_id: Annotated[str, PathParam(pattern=ID)]) -> HTMLResponse:
        c = self.cat()
        e = c.event_by_id.get(event_id)
        if e is None:
            raise HTTPException(404, f"No event {event_id}.")
        d = event_detail(c, e)
        title = f"{e['type']}, {e['place']}"
        told = reports(self.cache.store, c, e)
        ctx = {"e": d["event"], "d": d, "sentence": _sentence(e), "reports": told}
        return self.render("event.html", title=title, nav="events", **ctx)

    def documents(self) -> HTMLResponse:
        docs = list(self.cat().documents.values())
        return self.render("documents.html", title="Documents", nav="documents", docs=docs)

    def document(self, doc_id: Annotated[str, PathParam(pattern=ID)]) -> HTMLResponse:
        c = self.cat()
        d = c.documents.get(doc_id)
        if d is None:
            raise HTTPException(404, f"No document {doc_id}.")
        claims = [c.claims[i] for i in d["claims"]]
        return self.render(
            "document.html",
            title=d["title"] or d["source"],
            nav="documents",
            doc=d,
            claims=claims,
            segments=_segments(d["text"], claims),
            events=[c.event_by_id[i] for i in d["events"] if i in c.event_by_id],
        )

    def sources(self) -> HTMLResponse:
        c = self.cat()
        srcs = sorted(c.sources.values(), key=lambda s: (-len(s["claims"]), s["name"].casefold()))
        return self.render(
            "sources.html",
            title="Sources",
            nav="sources",
            sources=srcs,
            claims=c.claims,
            events=c.event_by_id,
            outlets=outlets(c),
        )

    def source(self, source_id: Annotated[int, PathParam(ge=1, le=2**31)]) -> HTMLResponse:
        c = self.cat()
        s = c.sources.get(source_id)
        if s is None:
            raise HTTPException(404, f"No source {source_id}.")
        return self.render("source.html", title=s["name"], nav="sources", **source_detail(c, s))

    def docs(self) -> HTMLResponse:
        installed = (swagger_dir() / "swagger-ui-bundle.js").is_file()
        return self.render("docs.html", title="API", nav="api", installed=installed)
