from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def faults():
    """bench/faults.py as a module: its batch generator and database checks."""
    spec = importlib.util.spec_from_file_location("rashomon_bench_faults", ROOT / "bench" / "faults.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod
