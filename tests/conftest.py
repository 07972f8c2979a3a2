from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
SCORE = SHARED / "eval" / "score.py"
SAMPLES = ROOT / "samples" / "articles"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner):
    from rashomon.cli import app

    def run(*args: str, ok: bool = True):
        res = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        if ok:
            assert res.exit_code == 0, res.output
        return res

    return run


def need_shared() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"../shared is absent ({SEEDS} not found): the seed acceptance test needs it")


@pytest.fixture(scope="session")
def seeds_export(tmp_path_factory) -> dict:
    """The seeds ingested into a fresh SQLite file and exported as JSON (once per test run)."""
    need_shared()
    from rashomon.export import export_json
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    tmp = tmp_path_factory.mktemp("seeds")
    store = Store.open(tmp / "seeds.db")
    report = ingest(store, [SEEDS])
    assert report.failed == 0, report.errors
    data = export_json(store)
    (tmp / "out.json").write_text(json.dumps(data), encoding="utf-8")
    data["_path"] = str(tmp / "out.json")
    data["_db"] = str(tmp / "seeds.db")
    return data


def score(export_path: str, *floors: str) -> subprocess.CompletedProcess:
    args = [sys.executable, str(SCORE), export_path, str(GOLD)]
    for f in floors:
        args += ["--min", f]
    return subprocess.run(args, capture_output=True, text=True)


# -- database backends (scale issue): a PostgreSQL server for the backend tests ----------------------
# CI exports RASHOMON_TEST_PG (a URL with rights to create databases); elsewhere the tests look for
# a server on loopback and are skipped, saying so, when none answers. Under CI=true they fail instead.
PG_DEFAULT = "postgresql://postgres:postgres@127.0.0.1:5432/postgres"


@pytest.fixture(scope="session")
def pg_server() -> str:
    """A reachable PostgreSQL server's admin URL (skips without one, fails under CI)."""
    import os

    url = os.environ.get("RASHOMON_TEST_PG") or PG_DEFAULT
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3, autocommit=True) as conn:
            conn.execute("SELECT 1")
    except Exception as e:  # any failure means no usable server
        msg = f"no PostgreSQL server at RASHOMON_TEST_PG={url!r} ({type(e).__name__}: {e})"
        if os.environ.get("CI"):
            pytest.fail(msg + "; .ci/run should have started one")
        pytest.skip(msg + "; start one (see .ci/run) to run the PostgreSQL tests")
    return url


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL database for one test, as a URL for ``Store.open``/``--db``; dropped after."""
    import uuid

    import psycopg

    name = f"rashomon_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = pg_server.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """Each backend in turn: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "rashomon.db")
    return request.getfixturevalue("pg_url")
