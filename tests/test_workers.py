"""Reading on several local processes gives exactly the one-process output, in input order."""

from __future__ import annotations

import contextlib
import json
from datetime import date

from rashomon.export import export_json
from rashomon.model import Document
from rashomon.pipeline import ingest
from rashomon.scale.pool import read_stream
from rashomon.scale.synth import write_corpus
from rashomon.store import Store


def _export(store: Store) -> str:
    return json.dumps(export_json(store), sort_keys=True, default=str)


def test_two_workers_give_the_one_worker_export(tmp_path, cli):
    corpus = write_corpus(tmp_path / "feed.jsonl", 40)  # more than two batches: the pool starts
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": ""}\n', encoding="utf-8")
    one = Store.open(tmp_path / "one.db")
    rep = ingest(one, [corpus, bad], workers=1)
    res = cli("ingest", "--workers", "2", "--db", tmp_path / "two.db", corpus, bad, ok=False)
    assert res.exit_code == 1 and "40 document(s) added" in res.output and "1 failed" in res.output
    assert rep.added == 40 and rep.failed == 1
    assert _export(Store.open(tmp_path / "two.db")) == _export(one)


def test_pool_keeps_input_order_and_reports_errors_per_document(monkeypatch):
    import rashomon.read as reader

    real = reader._read

    def flaky(document, sdoc):
        if document.source == "20.txt":
            raise ValueError("broken reader")
        return real(document, sdoc)

    monkeypatch.setattr(reader, "_read", flaky)  # the forked workers inherit the patch
    docs = [
        Document(text=f"Clashes near Gondar killed {i + 2} people on May {i % 28 + 1}, 2024.", source=f"{i}.txt",
                 published=date(2024, 6, 1))
        for i in range(37)
    ]
    pairs = list(read_stream(iter(docs), workers=2, batch_size=4, window=3))
    assert [d.source for d, _ in pairs] == [d.source for d in docs]
    (err,) = [r for d, r in pairs if d.source == "20.txt"]
    assert isinstance(err, Exception) and "broken reader" in str(err)
    killed = [r.claims[0].fields.get("killed", {}).get("value") for d, r in pairs if d.source != "20.txt"]
    assert killed == [i + 2 for i in range(37) if i != 20]


def _children(pid: int) -> set[int]:
    from pathlib import Path

    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out |= {int(c) for c in (task / "children").read_text().split()}
    return out


def test_readers_end_when_the_ingest_is_killed(tmp_path):
    """An ingest killed mid-run (power cut, OOM killer, ^C twice) leaves no reading process behind."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    import pytest

    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs Linux /proc")
    corpus = write_corpus(tmp_path / "feed.jsonl", 400)
    exe = Path(sys.executable).with_name("rashomon")
    proc = subprocess.Popen([str(exe), "ingest", "--quiet", "--workers", "2", "--db", str(tmp_path / "k.db"),
                             str(corpus)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.time() + 120
    while time.time() < deadline and len(workers) < 2 and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.2)
    assert len(workers) >= 2, "the pool never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 20
    while time.time() < deadline and any(Path(f"/proc/{w}").exists() and
                                         "Z" not in Path(f"/proc/{w}/stat").read_text().split()[2] for w in workers):
        time.sleep(0.2)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()
             and Path(f"/proc/{w}/stat").read_text().split()[2] != "Z"]
    assert alive == []
