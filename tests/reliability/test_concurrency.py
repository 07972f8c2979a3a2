"""Concurrency (issue 7): the web server keeps answering while an ingest writes to the same database.

The real ``rashomon serve`` runs in one process and ``rashomon ingest`` of a batch of synthetic articles
in another, against the same SQLite file (WAL) or PostgreSQL database; the test polls the API all through
the ingest. Every answer must be a 200, the counts it shows never go back, and once the ingest is done
the new events are what the API lists. Bounded in requests and time: it stops by itself."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from rashomon.model import Claim, Document, Event, Mention, Reading, Source
from rashomon.store import Store

N_ARTICLES = 40
MAX_REQUESTS = 5000
DEADLINE_S = 120.0
POLLS = [
    "/api/events?historical=true&limit=500",
    "/api/stats",
    "/api/events?q=killed&limit=50",
    "/api/facets",
    "/api/documents?limit=500",
    "/documents",
]
COLOMBIA = "A roadside bomb killed 3 soldiers near Tumaco in Narino on 2 June 2021, the Colombian army said."


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _seed(db: str) -> set[str]:
    """One document and one event already in the database before the ingest starts; the event ids."""
    store = Store.open(db)
    doc = Document(COLOMBIA, "tumaco.txt", title="Bomb near Tumaco", published=date(2021, 6, 3))
    m = Mention("Explosions/Remote violence", "Remote explosive/landmine/IED", date(2021, 6, 2), country="COL",
                admin1="Narino", location="Tumaco")  # fmt: skip
    army = Source("Colombian army", "COL", "military")
    claim = Claim(0, len(COLOMBIA), COLOMBIA, army, "asserted", {"killed": {"side": None, "value": 3}}, mention=0)
    assert store.add_document(doc, Reading(mentions=[m], claims=[claim]))
    ev = Event("ev-col", m.event_type, m.sub_event_type, m.date, None, "day", False, "COL", "Narino", "Tumaco",
               1.8, -78.8, 1, None, None, mentions=[f"{doc.id}-m0"], claims=[f"{doc.id}-c0"])  # fmt: skip
    store.replace_events([ev], [f"{doc.id}-m0"])
    ids = {e.id for e in store.events()}
    store.close()
    return ids


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def served(db_url: str, tmp_path: Path) -> Iterator[tuple[str, str, set[str]]]:
    """``rashomon serve`` over a seeded database: (base URL, database, ids of the events seeded)."""
    seeded = _seed(db_url)
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "rashomon.cli", "serve", "--db", db_url, "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "rashomon serve did not start in 30 s"
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base, db_url, seeded
    finally:
        _stop(proc)
        log.close()


def test_server_answers_during_ingest(served: tuple[str, str, set[str]], tmp_path: Path) -> None:
    from rashomon.scale.synth import write_corpus

    base, db, seeded = served
    corpus = write_corpus(tmp_path / "batch.jsonl", N_ARTICLES, seed=11)
    ingest = subprocess.Popen(
        [sys.executable, "-m", "rashomon.cli", "ingest", "--db", db, "-q", str(corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    failures: list[str] = []
    doc_counts: list[int] = []
    during = 0
    start = time.monotonic()
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            i = 0
            while ingest.poll() is None:
                assert i < MAX_REQUESTS and time.monotonic() - start < DEADLINE_S, (
                    "ingest did not finish in bounds"
                )
                path = POLLS[i % len(POLLS)]
                i += 1
                try:
                    resp = client.get(path)
                except httpx.HTTPError as e:
                    failures.append(f"{path}: {type(e).__name__}: {e}")
                    continue
                if ingest.poll() is None:
                    during += 1
                if resp.status_code != 200:
                    failures.append(f"{path}: {resp.status_code} {resp.text[:200]}")
                elif path == "/api/stats":
                    doc_counts.append(resp.json()["documents"])
        output = ingest.communicate(timeout=30)[0].decode(errors="replace")
    finally:
        _stop(ingest)
    elapsed = time.monotonic() - start
    print(
        f"{during} requests during a {elapsed:.1f} s ingest; document counts seen: {sorted(set(doc_counts))}"
    )
    assert ingest.returncode == 0, output
    assert failures == [], failures[:10]
    assert during >= 20, f"only {during} requests overlapped the ingest ({elapsed:.1f} s)"
    assert doc_counts == sorted(doc_counts), "the document count went backwards"
    assert doc_counts and doc_counts[0] >= 1
    # the server read the database between the ingest's commits, not only before and after it
    assert len({n for n in doc_counts if 1 < n < 1 + N_ARTICLES}) >= 2, sorted(set(doc_counts))

    # after the ingest: every document is counted, and the API lists exactly the events the store holds
    store = Store.open(db)
    expected = {e.id for e in store.events(include_historical=True)}
    n_docs = store.counts()["documents"]
    store.close()
    assert n_docs == 1 + N_ARTICLES, output
    assert len(expected - seeded) >= 3, f"the ingest made too few events: {expected}"
    deadline = time.monotonic() + 15
    with httpx.Client(base_url=base, timeout=30) as client:
        while True:
            assert client.get("/api/stats").json()["documents"] == n_docs
            got = {e["id"] for e in client.get("/api/events?historical=true&limit=500").json()["items"]}
            if got == expected:
                break
            assert time.monotonic() < deadline, (
                f"the API still lists {sorted(got)}, the store {sorted(expected)}"
            )
            time.sleep(0.2)
        countries = {
            e["country"] for e in client.get("/api/events?historical=true&limit=500").json()["items"]
        }
    assert "COL" in countries and len(countries) >= 2
