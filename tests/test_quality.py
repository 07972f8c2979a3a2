"""The code checks CI runs with the tests (issue 18): ruff (its rules in pyproject.toml, the complexity
limit C901 among them) over src and tests, and mypy (configured in pyproject's [tool.mypy]) over src.
Each fails with the tool's own report."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_passes() -> None:
    done = _run("ruff", "check", "--no-cache", "src", "tests")
    assert done.returncode == 0, f"ruff check src tests:\n{done.stdout}{done.stderr}"


@pytest.mark.slow  # a cold type check takes a minute or two; later runs reuse the cache
def test_mypy_passes() -> None:
    cache = Path(tempfile.gettempdir()) / "rashomon-mypy-cache"
    done = _run("mypy", "--cache-dir", str(cache), "--no-error-summary")
    assert done.returncode == 0, f"mypy (src, as configured in pyproject.toml):\n{done.stdout}{done.stderr}"
