"""Hostile requests against the real web app (issue 7): API parameters cannot inject SQL, static file paths
cannot escape their folder, request and page sizes are bounded, HTML pages carry a strict CSP and print
article text escaped.

The store holds hostile text on purpose (a source named like an SQL injection, an article and title with
``<script>``). Parameter tests go through FastAPI's TestClient; path-traversal and size tests send raw
bytes over a socket to uvicorn, because HTTP clients normalise ``..`` before sending it."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from rashomon.model import Claim, Count, Document, Event, Mention, Reading, Source
from rashomon.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "rashomon" / "serve" / "static"

EVIL_SOURCE = "Robert'); DROP TABLE sources;--"
SCRIPT = '<script>alert("pwned")</script>'
IDLIB = (
    f"An airstrike hit a bakery in Maarat al-Numan on 4 February 2020, killing 9 people, {EVIL_SOURCE} said. "
    f"{SCRIPT} The <img src=x onerror=alert(2)> report could not be verified."
)
SAGAING = "Soldiers burned houses in a village in Sagaing Region on 12 May 2022, a local monitor said."

# classic payloads, long strings, NUL bytes and unicode oddities
PAYLOADS = [
    "' OR 1=1 --",
    "' OR '1'='1",
    '"; DROP TABLE events; --',
    "'; DELETE FROM documents; --",
    "%' UNION SELECT id, text, NULL FROM documents --",
    "1; SELECT sqlite_version()",
    "') OR ('a'='a",
    "\\' OR 1=1 #",
    "*",
    "%",
    "_",
    "SYR' --",
    "a\x00b",
    "\x00",
    "x" * 199,
    "y" * 5000,
    "\u202eevil\u202c",
    "\u200b\u200d\ufeff",
    "\U0001f4a3 Idlib",
    "\ud800",
    "Ω≈ç√∫",
    "\r\nSet-Cookie: a=b",
    "{{7*7}}",
    "${7*7}",
    "<script>alert(1)</script>",
]
FILTERS = ["q", "source", "admin1", "country", "event_type", "date_from", "date_to", "limit", "offset"]
DATE_PAYLOADS = ["2024-03-01' OR '1'='1", "0000-00-00", "2024-02-30", "99999-01-01", "-1", "2024-13-01"]
PAGE_PAYLOADS = ["-1", "0", "1e9", "1 OR 1=1", "501", "99999999999999999999999999", "0x10", "nan"]


def _span(text: str, start: str) -> tuple[int, int, str]:
    a = text.index(start)
    b = text.index(".", a) + 1
    return a, b, text[a:b]


def _event(
    eid: str,
    country: str,
    admin1: str,
    place: str,
    day: date,
    mentions: list[str],
    claims: list[str],
    **kw: Any,
) -> Event:
    return Event(eid, "Explosions/Remote violence", "Air/drone strike", day, None, "day", False, country, admin1,
                 place, 35.6, 36.6, 1, None, None, mentions=mentions, claims=claims, **kw)  # fmt: skip


def build_store(path: Path) -> Store:
    store = Store.open(path)
    syr = Document(IDLIB, "idlib.txt", title=f"{SCRIPT} Bakery struck", outlet="<b>Wire</b>",
                   url="javascript:alert(3)", published=date(2020, 2, 5))  # fmt: skip
    mmr = Document(
        SAGAING, "sagaing.txt", title="Village burned", outlet="Wire B", published=date(2022, 5, 13)
    )
    evil = Source(EVIL_SOURCE, None, "unnamed")
    monitor = Source("local monitor", None, "unnamed")
    m_syr = Mention("Explosions/Remote violence", "Air/drone strike", date(2020, 2, 4), country="SYR",
                    admin1="Idlib", location="Maarat al-Numan")  # fmt: skip
    m_mmr = Mention(
        "Violence against civilians", "Attack", date(2022, 5, 12), country="MMR", admin1="Sagaing"
    )
    c_syr = [Claim(*_span(IDLIB, "An airstrike"), evil, "asserted", {"killed": {"side": "SYR", "value": 9}}, mention=0),
             Claim(*_span(IDLIB, "<script>"), evil, "asserted", {}, mention=0)]  # fmt: skip
    c_mmr = [Claim(*_span(SAGAING, "Soldiers"), monitor, "asserted", {}, mention=0)]
    assert store.add_document(syr, Reading(mentions=[m_syr], claims=c_syr))
    assert store.add_document(mmr, Reading(mentions=[m_mmr], claims=c_mmr))
    events = [
        _event("ev-syr", "SYR", "Idlib", "Maarat al-Numan", date(2020, 2, 4), [f"{syr.id}-m0"],
               [f"{syr.id}-c0", f"{syr.id}-c1"], counts=[Count("killed", None, 9, 9, 9, [f"{syr.id}-c0"])]),
        _event("ev-mmr", "MMR", "Sagaing", "Sagaing", date(2022, 5, 12), [f"{mmr.id}-m0"], [f"{mmr.id}-c0"]),
    ]  # fmt: skip
    store.replace_events(events, [f"{syr.id}-m0", f"{mmr.id}-m0"])
    return store


class Web:
    def __init__(self, store: Store, db: Path, client: TestClient, doc_ids: list[str]) -> None:
        self.store, self.db, self.client, self.doc_ids = store, db, client, doc_ids
        self.counts = store.counts()


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    from rashomon.serve import create_app

    db = tmp_path_factory.mktemp("websec") / "web.db"
    store = build_store(db)
    with TestClient(create_app(store), raise_server_exceptions=False) as c:
        yield Web(store, db, c, [d.id for d in store.documents()])


def _ok_or_clear(resp: Any, what: str) -> None:
    """A 2xx, or a 4xx with a readable message; never a server error."""
    assert resp.status_code < 500, f"{what}: {resp.status_code} {resp.text[:300]}"
    if resp.status_code >= 400:
        assert 400 <= resp.status_code < 500
        body = resp.json()
        assert isinstance(body.get("detail"), str) and body["detail"].strip(), f"{what}: {body}"


def _query(params: dict[str, str]) -> str:
    """A query string percent-encoded by hand, so lone surrogates and raw bytes go out as they are."""
    return "&".join(f"{k}={quote(v.encode('utf-8', 'surrogatepass'), safe='')}" for k, v in params.items())


def _ids(resp: Any) -> set[str]:
    return {e["id"] for e in resp.json()["items"]}


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


# -- SQL injection --------------------------------------------------------------------------------------
@pytest.mark.parametrize("param", FILTERS)
def test_filter_parameters_do_not_inject(web: Web, param: str) -> None:
    tables = _tables(web.db)
    everything = _ids(web.client.get("/api/events", params={"historical": "true", "limit": 500}))
    assert everything == {"ev-syr", "ev-mmr"}
    extra = (
        DATE_PAYLOADS if param.startswith("date") else PAGE_PAYLOADS if param in ("limit", "offset") else []
    )
    for payload in PAYLOADS + extra:
        resp = web.client.get("/api/events?" + _query({param: payload, "historical": "true"}))
        _ok_or_clear(resp, f"{param}={payload[:40]!r}")
        if resp.status_code == 200:
            got = _ids(resp)
            assert got <= everything
            assert len(resp.json()["items"]) <= resp.json()["limit"]
            if param in ("source", "admin1", "country", "event_type") or (param == "q" and payload != "_"):
                # exact-match filters and text search: no payload matches anything in this store
                assert got == set(), f"{param}={payload!r} returned {got}"
    assert web.store.counts() == web.counts
    for raw in ("%FF%FE", "%ED%A0%80", "%zz", "%", "%%27", "%C0%A7%20OR%201=1"):  # invalid UTF-8 and escapes
        _ok_or_clear(web.client.get(f"/api/events?{param}={raw}"), f"{param}={raw}")
    assert _tables(web.db) == tables


def test_hostile_source_name_is_matched_as_plain_text(web: Web) -> None:
    """A source literally named like an injection is found by its name, and only its event."""
    assert _ids(web.client.get("/api/events", params={"source": EVIL_SOURCE, "historical": "true"})) == {
        "ev-syr"
    }
    assert _ids(web.client.get("/api/events", params={"q": "DROP TABLE", "historical": "true"})) == {"ev-syr"}
    assert _ids(web.client.get("/api/events", params={"admin1": "sagaing", "historical": "true"})) == {
        "ev-mmr"
    }
    assert web.store.counts() == web.counts


@pytest.mark.parametrize(
    "route", ["/api/events/", "/api/documents/", "/api/sources/", "/events/", "/documents/"]
)
def test_path_ids_do_not_inject(web: Web, route: str) -> None:
    for payload in PAYLOADS + ["1 OR 1=1", "0", "-1", "2147483649", "ev-syr' --", "ev-syr%00"]:
        url = route + quote(payload.encode("utf-8", "surrogatepass"), safe="")
        resp = web.client.get(url)
        assert resp.status_code in (404, 405, 414, 422), f"{url[:80]}: {resp.status_code} {resp.text[:200]}"
        if route.startswith("/api") or resp.status_code == 414:
            assert resp.json()["detail"], url
        else:
            assert "text/html" in resp.headers["content-type"] and "<h1" in resp.text
    # the good ids still answer, so the checks above are not passing on a broken route
    assert web.client.get("/api/events/ev-syr").status_code == 200
    assert web.client.get(f"/api/documents/{web.doc_ids[0]}").status_code == 200
    assert web.client.get("/api/sources/1").status_code == 200
    assert web.store.counts() == web.counts


# -- request and page size ------------------------------------------------------------------------------
def test_page_size_is_bounded(web: Web) -> None:
    from rashomon.serve.app import MAX_PAGE

    for path in ("/api/events", "/api/documents"):
        assert web.client.get(path, params={"limit": MAX_PAGE}).status_code == 200
        resp = web.client.get(path, params={"limit": MAX_PAGE + 1})
        assert resp.status_code == 422 and "limit" in resp.json()["detail"], resp.text
        resp = web.client.get(path, params={"offset": 1_000_000})
        assert resp.status_code == 200 and resp.json()["items"] == []
        resp = web.client.get(path, params={"offset": 10**30})
        assert resp.status_code == 422 and "offset" in resp.json()["detail"]


def test_oversized_requests_are_refused(web: Web) -> None:
    from rashomon.serve.app import MAX_BODY, MAX_URL

    resp = web.client.get("/api/events", params={"q": "a" * (MAX_URL + 10)})
    assert resp.status_code == 414 and resp.json()["detail"]
    resp = web.client.request("POST", "/api/events", content=b"x" * (MAX_BODY + 1))
    assert resp.status_code == 413 and resp.json()["detail"]
    resp = web.client.request("GET", "/api/stats", content=b"x" * (MAX_BODY + 1))
    assert resp.status_code == 413


# -- HTML: CSP on every page, article text escaped ------------------------------------------------------
def test_every_page_has_csp_and_escapes_article_text(web: Web) -> None:
    doc = next(
        d for d in web.doc_ids if web.client.get(f"/api/documents/{d}").json()["source"] == "idlib.txt"
    )
    pages = ["/", "/documents", f"/documents/{doc}", "/events/ev-syr", "/sources", "/docs", "/no-such-page",
             "/events/bad%20id"]  # fmt: skip
    for path in pages:
        resp = web.client.get(path)
        assert resp.status_code < 500, path
        assert resp.headers["content-type"].startswith("text/html"), path
        csp = resp.headers.get("content-security-policy", "")
        script_src = next((d for d in csp.split(";") if d.strip().startswith("script-src")), "")
        assert "'self'" in script_src and "unsafe-inline" not in script_src, (path, csp)
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, (path, csp)
        assert resp.headers.get("x-content-type-options") == "nosniff", path
        # every script the page loads is a file of this app, never inline
        assert "<script>" not in resp.text and "<img" not in resp.text, path
    html = web.client.get(f"/documents/{doc}").text
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html or "&lt;script&gt;" in html
    assert SCRIPT not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "Robert&#39;); DROP TABLE sources;--" in web.client.get("/events/ev-syr").text


# -- static files: raw requests to a real server --------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web: Web) -> Iterator[tuple[str, int]]:
    import uvicorn

    from rashomon.serve import create_app

    port = _free_port()
    srv = uvicorn.Server(
        uvicorn.Config(
            create_app(web.store), host="127.0.0.1", port=port, log_level="critical", lifespan="off"
        )
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "test server did not start"
        time.sleep(0.02)
    yield ("127.0.0.1", port)
    srv.should_exit = True
    thread.join(timeout=10)


def raw_get(addr: tuple[str, int], target: bytes, extra: bytes = b"") -> tuple[int, bytes]:
    """Send ``GET target`` exactly as given (no normalisation); the status (0: connection closed) and body."""
    with socket.create_connection(addr, timeout=10) as s:
        s.sendall(
            b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + b"\r\n"
        )
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    if not data:
        return 0, b""
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def _traversals(db: Path) -> list[str]:
    depth = len(STATIC.relative_to(ROOT).parts)  # static/ -> repository root
    up = "../" * depth
    deep = "../" * 12
    targets = []
    for rel in ("pyproject.toml", "src/rashomon/serve/app.py"):
        targets += [
            f"/static/{up}{rel}",
            f"/static/{up.replace('../', '%2e%2e%2f')}{rel}",
            f"/static/{up.replace('../', '%2E%2E/')}{rel}",
            f"/static/{up.replace('../', '..%2f')}{rel}",
            f"/static/{up.replace('../', '%252e%252e%252f')}{rel}",
            f"/static/{up.replace('../', '..%5c')}{rel}",
            "/static/" + up.replace("../", "..\\") + rel,
            f"/static/{up.replace('../', '%c0%ae%c0%ae/')}{rel}",
            f"/static/vendor/{up}../{rel}",
            f"/static/./{up}{rel}",
        ]
    for rel in ("etc/passwd", str(db).lstrip("/")):
        targets += [
            f"/static/{deep}{rel}",
            f"/static/{deep.replace('../', '%2e%2e%2f')}{rel}",
            f"/static/{deep.replace('../', '%252e%252e%252f')}{rel}",
            f"/static//{rel}",
            f"/static/%2f{quote(rel, safe='')}",
            f"/static/{quote('/' + rel, safe='')}",
            "/static/" + "..\\" * 12 + rel.replace("/", "\\"),
            f"/static/file:///{rel}",
        ]
    targets += ["/static/app.css%00.txt", "/static/%00", "/static/", "/static", "/static/..", "/static/%2e%2e",
                f"/documents/{'..%2f' * 6}pyproject.toml", f"/api/export/{'..%2f' * 6}etc%2fpasswd"]  # fmt: skip
    return targets


def test_static_paths_cannot_escape_their_folder(web: Web, server: tuple[str, int]) -> None:
    secrets = [b"[project]", b"root:x:0:0", b"SQLite format 3", b"def build_app", b"__all__"]
    inside = {p.read_bytes() for p in STATIC.rglob("*") if p.is_file()}
    status, body = raw_get(server, b"/static/app.css")
    assert status == 200 and body == (STATIC / "app.css").read_bytes()  # the mount works
    assert Path("/etc/passwd").is_file() and web.db.is_file()
    for target in _traversals(web.db):
        status, body = raw_get(server, target.encode("utf-8"))
        assert status == 0 or status < 500, f"{target}: {status}"
        assert not any(s in body for s in secrets), f"{target} leaked a file: {body[:120]!r}"
        if status == 200:
            assert body in inside, f"{target} served something outside static/: {body[:120]!r}"
    # the server is still up and the database untouched
    assert raw_get(server, b"/api/stats")[0] == 200
    assert web.store.counts() == web.counts


def test_raw_oversized_requests_are_refused(server: tuple[str, int]) -> None:
    from rashomon.serve.app import MAX_BODY, MAX_URL

    status, body = raw_get(server, b"/api/events?q=" + b"a" * (MAX_URL + 1))
    assert status == 414 and b"too long" in body
    # a request that claims a big body is refused before anything reads it
    status, body = raw_get(server, b"/api/stats", f"Content-Length: {MAX_BODY * 1000}\r\n".encode())
    assert status == 413 and b"refused" in body
    status, _ = raw_get(server, b"/api/stats", b"Content-Length: nonsense\r\n")
    assert 400 <= status < 500 or status == 0
    assert raw_get(server, b"/api/stats")[0] == 200
