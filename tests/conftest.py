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
