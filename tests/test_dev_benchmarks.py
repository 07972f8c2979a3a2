"""Quality gate on the public dev sets (../shared/dev), driven through the CLI by the shared script.

Floors are pinned at or just under what the project reaches; raise them when quality rises, never
lower them to make a change pass. trnews.acc161_found is pinned at today's level (0.8); the reading
issue asks for 0.9.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

FLOORS = {
    "case2021.weighted_f1": 0.6,
    "case2021.disasters_rejected": 0.8,
    "trnews.toponym_recall": 0.75,
    "trnews.acc161_found": 0.8,
    # issue 13 (attribution): pinned just under what the project reaches; the issue asks for
    # source_acc 0.75, source_acc_pronoun 0.6, dated_claims 0.7 and dated_disputes 0.6
    "polnear.content_recall": 0.72,
    "polnear.claim_precision": 0.94,
    "polnear.source_acc": 0.68,
    "polnear.source_acc_named": 0.82,
    "articles.dated_claims": 0.4,
}


@pytest.mark.slow
def test_dev_sets_meet_floors(tmp_path):
    script = SHARED / "eval" / "benchmarks.py"
    if not (SHARED / "dev").is_dir() or not script.exists():
        pytest.skip(f"../shared/dev is absent ({SHARED / 'dev'}): the dev-set gate needs it")
    args = [sys.executable, str(script), "--project", str(ROOT), "--sets", "case2021,trnews,polnear,articles",
            "--json", str(tmp_path / "dev.json")]
    for name, value in FLOORS.items():
        args += ["--min", f"{name}={value}"]
    res = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=1500)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
