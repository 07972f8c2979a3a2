"""Browser tests: the app served by uvicorn on a free loopback port, driven by Playwright in the
system's headless Chromium (/usr/bin/chromium). Skipped, with the reason, when either is missing."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("RASHOMON_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A uvicorn server in a thread; ``url`` is its address."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"the test server did not start on port {self.port}")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve_store(db: str) -> Served:
    from rashomon.serve import create_app
    from rashomon.store import Store

    return Served(create_app(Store.open(db)))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(
            "browser tests need Playwright for Python (pip install playwright; never 'playwright install')"
        )
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True, timeout=30_000)
        yield b
        b.close()


class Watched:
    """A page whose dialogs, console messages, page errors and off-host requests are recorded."""

    def __init__(self, browser: Any, base: str, viewport: tuple[int, int] = (1280, 900)) -> None:
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        phone = viewport[0] < 600
        self.context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, is_mobile=phone, has_touch=phone
        )
        self.context.set_default_timeout(10_000)

        def route(r: Any) -> None:
            if r.request.url.startswith(base) or r.request.url.startswith("data:"):
                r.continue_()
            else:  # the UI must work with the network cut
                self.outside.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def assert_quiet(self) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.errors == [], self.errors
        assert [m for m in self.console if not m.startswith(("debug", "info", "log"))] == [], self.console
        assert self.outside == [], self.outside


@pytest.fixture
def watched(browser: Any, request: Any) -> Iterator[Any]:
    made: list[Watched] = []

    def make(base: str, viewport: tuple[int, int] = (1280, 900)) -> Watched:
        w = Watched(browser, base, viewport)
        made.append(w)
        return w

    yield make
    for w in made:
        w.context.close()
