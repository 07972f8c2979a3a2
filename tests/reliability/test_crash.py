"""Crash safety: SIGKILL ``rashomon ingest`` while it stores, while it links, while it starts;
the database stays consistent and a re-run finishes the job without duplicates, with the same
events as a run that was never interrupted."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RASHOMON = ROOT / ".venv" / "bin" / "rashomon"


def _events(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("SELECT id FROM events")}
    finally:
        con.close()


@pytest.mark.skipif(not RASHOMON.exists(), reason="needs the rashomon command in .venv")
def test_sigkill_at_any_moment_then_rerun(tmp_path, faults):
    rng = random.Random(int(os.environ.get("RASHOMON_FAULT_SEED", "7")))
    folder = tmp_path / "batch"
    batch = faults.make_batch(folder, n_files=30, seed=3, big_file=False)
    n = len(batch.good)
    db = tmp_path / "killed.db"
    # one kill while documents are being stored, one after all are stored (re-dating and linking);
    # bench/faults.py adds kills at random times, including during start-up
    k1, link_delay = rng.randint(1, n - 2), rng.uniform(0, 0.5)
    linking_since: list[float] = []

    def while_linking(t: float, c: int) -> bool:
        if c >= n and not linking_since:
            linking_since.append(t)
        return bool(linking_since) and t - linking_since[0] >= link_delay

    plans = [
        (f"after {k1} stored", lambda t, c: c >= k1),
        ("while linking", while_linking),
    ]
    kills = 0
    for what, when in plans:
        killed, _, _ = faults.run_ingest(folder, db, when)
        kills += killed
        if db.exists():  # consistent after every single kill, not only at the end
            facts = faults.check(db)
            assert facts["integrity"] == "ok" and facts["foreign_key_violations"] == 0, (what, facts)
            assert facts["duplicates"] == 0 and facts["orphan_claims"] == 0, (what, facts)
        if not killed:
            break
    assert kills >= 1  # the kill while storing cannot miss: the run stores more than it kills at
    _, _, stderr = faults.run_ingest(folder, db)
    errors = [ln for ln in stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == batch.bad, stderr[-2000:]
    facts = faults.check(db)
    assert faults.stored_sources(db) == batch.good
    assert facts["documents"] == n and facts["duplicates"] == 0
    assert facts["unlinked_mentions"] == 0 and facts["empty_events"] == 0, facts
    # the same events as one uninterrupted run
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    clean = tmp_path / "clean.db"
    ingest(Store.open(clean), [folder])
    assert _events(db) == _events(clean)


def test_failed_write_leaves_no_partial_rows(tmp_path, monkeypatch):
    """An error half-way through storing a document rolls the whole document back."""
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    texts = {
        "a.txt": "Shelling in Sumy\n\nRussian forces shelled Sumy on Monday, killing three civilians, the "
        "regional governor said.",
        "b.txt": "Clashes in Darfur\n\nThe Rapid Support Forces attacked El Fasher on Tuesday, killing 14 "
        "people, a local medical group said.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    store = Store.open(tmp_path / "t.db")
    real = Store._write_reading

    def half(self, s, doc_id, reading, block_keys=None):
        sources = real(self, s, doc_id, reading, block_keys)
        s.flush()  # rows really sent to the database before the failure
        if "Darfur" in s.get(_doc_row(), doc_id).text:
            raise OSError("disk full (simulated)")
        return sources

    monkeypatch.setattr(Store, "_write_reading", half)
    report = ingest(store, [tmp_path])
    assert report.added == 1 and report.failed == 1 and "disk full" in report.errors[0].reason
    con = sqlite3.connect(tmp_path / "t.db")
    docs = {r[0] for r in con.execute("SELECT text FROM documents")}
    assert len(docs) == 1 and "Sumy" in next(iter(docs))
    for table in ("mentions", "claims", "places"):
        orphans = con.execute(
            f"SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)"
        )
        assert orphans.fetchone()[0] == 0, table
    monkeypatch.undo()
    again = ingest(store, [tmp_path])  # the failed one goes in on the next run, the other is skipped
    assert (again.added, again.skipped, again.failed) == (1, 1, 0)


def _doc_row():
    from rashomon.store.tables import DocumentRow

    return DocumentRow
