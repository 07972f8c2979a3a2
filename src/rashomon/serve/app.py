"""The FastAPI application: a JSON API under /api (OpenAPI at /docs) and server-rendered pages.

Everything the pages load comes from this app (no CDN, no tile server). Untrusted text (articles, titles,
source names) reaches the browser only through Jinja2 autoescaping or DOM ``textContent``, and a strict
Content-Security-Policy forbids inline scripts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rashomon.serve.assets import VENDOR, borders_path
from rashomon.serve.borders import load_borders
from rashomon.serve.catalog import Catalog, CatalogCache, EventFilter
from rashomon.serve.detail import event_detail as _event_detail
from rashomon.serve.detail import export_response
from rashomon.serve.pages import ID, Pages, _segments  # noqa: F401 - _segments: the page's text cutter
from rashomon.serve.params import check_filter, event_filter
from rashomon.store import Store

__all__ = ["build_app", "MAX_PAGE", "MAX_BODY", "MAX_URL"]

HERE = Path(__file__).parent
MAX_PAGE = 500  # events or documents per API page
MAX_OFFSET = 1_000_000
MAX_BODY = 16 * 1024  # the API reads no bodies; anything bigger is refused
MAX_URL = 4096
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
CSP_DOCS = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, 1 to {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]


class ParameterError(BaseModel):
    parameter: str
    message: str


class Problem(BaseModel):
    """What every 4xx answer of the API carries: a message for people, and per parameter for programs."""

    detail: str
    errors: list[ParameterError] = []


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "Not found"},
    422: {"model": Problem, "description": "Invalid parameter"},
}


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    geojson = "geojson"


class Limits:
    """Pure ASGI middleware: refuse oversized requests and add security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        url_len = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        try:
            too_big = int(length) > MAX_BODY
        except ValueError:
            too_big = True
        status = 414 if url_len > MAX_URL else 413 if too_big else 0
        csp = CSP_DOCS if path == "/docs" else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        if status:
            text = (
                "the request URL is too long"
                if status == 414
                else f"request bodies over {MAX_BODY} bytes are refused"
            )
            resp = JSONResponse({"detail": text}, status_code=status)
            await resp(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def build_app(store: Store, refresh: float = 1.0) -> FastAPI:
    """The app over a store; what it shows follows the store, checked at most every ``refresh`` seconds."""
    cache = CatalogCache(store, refresh)
    app = FastAPI(
        title="Rashomon",
        summary="Conflict events read from news articles, every claim traced to who made it.",
        description="Read-only API over a Rashomon database. Lists are paged with `limit` (at most "
        f"{MAX_PAGE}) and `offset`; invalid parameters get a 4xx answer with a message.",
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(Limits)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    pages = Pages(cache)
    cat = cache.get
    _error_handlers(app, pages.render)
    # -- API (registered in this order: it is the order of the API docs) --------------------------------
    _event_routes(app, cat)
    _document_routes(app, cat)
    _source_routes(app, cat)
    _meta_routes(app, store, cat)
    # -- pages --------------------------------------------------------------------------------------------
    pages.mount(app)

    app.state.vendor = VENDOR
    return app


def _error_handlers(app: FastAPI, page: Callable[..., Response]) -> None:
    """Clear messages: JSON for the API, a page for people."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = []
        for err in exc.errors():
            loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
            errors.append({"parameter": ".".join(loc), "message": str(err.get("msg", "invalid"))})
        msg = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors) or "invalid request"
        if not request.url.path.startswith("/api"):
            return page("error.html", 422, title="Bad request", message=msg)
        return JSONResponse({"detail": msg, "errors": errors}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith(("/api", "/static", "/openapi")):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return page("error.html", exc.status_code, title=f"{exc.status_code}", message=str(exc.detail))


def _event_routes(app: FastAPI, cat: Callable[[], Catalog]) -> None:
    @app.get("/api/events", tags=["events"], summary="List events, filtered and paged", responses=ERRORS)
    def api_events(
        f: Annotated[EventFilter, Depends(event_filter)], limit: Limit = 100, offset: Offset = 0
    ) -> dict[str, Any]:
        c = cat()
        check_filter(c, f)
        rows = c.filter(f)
        return {
            "total": len(rows),
            "limit": limit,
            "offset": offset,
            "undated_hidden": c.undated_hidden(f),
            "history_hidden": c.history_hidden(f),
            "inferred_hidden": c.inferred_hidden(f),
            "items": [c.event_summary(e) for e in rows[offset : offset + limit]],
        }

    @app.get(
        "/api/events/{event_id}",
        tags=["events"],
        summary="One event with counts, disputes and claims",
        responses=ERRORS,
    )
    def api_event(event_id: Annotated[str, PathParam(pattern=ID)]) -> dict[str, Any]:
        c = cat()
        e = c.event_by_id.get(event_id)
        if e is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return _event_detail(c, e)


def _document_routes(app: FastAPI, cat: Callable[[], Catalog]) -> None:
    @app.get(
        "/api/documents",
        tags=["documents"],
        summary="List documents (without their text), paged",
        responses=ERRORS,
    )
    def api_documents(limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        docs = list(cat().documents.values())
        keys = ("id", "source", "title", "outlet", "url", "published", "published_inferred", "language")
        return {
            "total": len(docs),
            "limit": limit,
            "offset": offset,
            "items": [
                {**{k: d[k] for k in keys}, "n_claims": len(d["claims"]), "events": d["events"]}
                for d in docs[offset : offset + limit]
            ],
        }

    @app.get(
        "/api/documents/{doc_id}",
        tags=["documents"],
        summary="One document with its text and claims",
        responses=ERRORS,
    )
    def api_document(doc_id: Annotated[str, PathParam(pattern=ID)]) -> dict[str, Any]:
        c = cat()
        d = c.documents.get(doc_id)
        if d is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return {**{k: v for k, v in d.items() if k != "claims"}, "claims": [c.claims[i] for i in d["claims"]]}


def _source_routes(app: FastAPI, cat: Callable[[], Catalog]) -> None:
    @app.get("/api/sources", tags=["sources"], summary="Every source with its claim counts", responses=ERRORS)
    def api_sources() -> dict[str, Any]:
        c = cat()
        items = sorted(
            (c.source_summary(s) for s in c.sources.values()), key=lambda s: (-s["n_claims"], s["name"])
        )
        return {"total": len(items), "items": items}

    @app.get(
        "/api/sources/{source_id}", tags=["sources"], summary="One source with its claims", responses=ERRORS
    )
    def api_source(source_id: Annotated[int, PathParam(ge=1, le=2**31)]) -> dict[str, Any]:
        c = cat()
        s = c.sources.get(source_id)
        if s is None:
            raise HTTPException(404, f"no source {source_id}")
        disputed = set(s["disputed"])
        return {
            **c.source_summary(s),
            "claims": [{**c.claims[i], "disputed": i in disputed} for i in s["claims"]],
        }


def _meta_routes(app: FastAPI, store: Store, cat: Callable[[], Catalog]) -> None:
    """Facets, table counts, country borders and exports."""
    state: dict[str, Any] = {}

    @app.get("/api/facets", tags=["events"], summary="Values the event filters can take", responses=ERRORS)
    def api_facets() -> dict[str, Any]:
        return cat().facets()

    @app.get("/api/stats", tags=["meta"], summary="Rows per table", responses=ERRORS)
    def api_stats() -> dict[str, int]:
        return store.counts()

    @app.get(
        "/api/borders",
        tags=["meta"],
        summary="Country borders (GeoJSON, Natural Earth 1:50m)",
        responses=ERRORS,
    )
    def api_borders() -> Response:
        if "borders" not in state:
            b = load_borders(borders_path())
            state["borders"] = None if b is None else json.dumps(b, separators=(",", ":")).encode()
        if state["borders"] is None:
            raise HTTPException(404, "country borders are not installed: run scripts/setup.sh")
        return Response(
            state["borders"], media_type="application/geo+json", headers={"cache-control": "max-age=86400"}
        )

    @app.get(
        "/api/export/{fmt}",
        tags=["export"],
        summary="The events the filter selects (same parameters as /api/events), as a download",
        responses=ERRORS,
    )
    def api_export(fmt: ExportFormat, f: Annotated[EventFilter, Depends(event_filter)]) -> Response:
        c = cat()
        check_filter(c, f)
        return export_response(store, fmt.value, [e["id"] for e in c.filter(f)])
