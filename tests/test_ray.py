"""The Ray engine reads in parallel and gives exactly the local engine's output."""

from __future__ import annotations

import json
import os

import pytest

from rashomon.export import export_json
from rashomon.pipeline import ingest
from rashomon.scale.synth import write_corpus
from rashomon.store import Store

if os.environ.get("CI"):  # CI must run these for real
    import ray
else:
    ray = pytest.importorskip("ray", reason="the ray extra is not installed (scripts/setup.sh --dev installs it)")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _export(store: Store) -> str:
    return json.dumps(export_json(store), sort_keys=True, default=str)


def test_ray_engine_output_is_identical_to_local(local_ray, tmp_path, cli):
    corpus = write_corpus(tmp_path / "feed.jsonl", 12)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": ""}\n', encoding="utf-8")
    local = Store.open(tmp_path / "local.db")
    rep_local = ingest(local, [corpus, bad], link_every=5)
    res = cli("ingest", "--engine", "ray", "--db", tmp_path / "ray.db", corpus, bad, ok=False)
    assert res.exit_code == 1  # the empty line is reported as a failure by both engines
    assert "12 document(s) added" in res.output and "1 failed" in res.output
    assert rep_local.added == 12 and rep_local.failed == 1
    remote = Store.open(tmp_path / "ray.db")
    assert _export(remote) == _export(local)
    assert json.loads(_export(local))["events"]
    # resumable: a second run skips everything
    again = ingest(remote, [corpus], engine="ray")
    assert again.added == 0 and again.skipped == 12


def test_read_stream_keeps_input_order_and_reports_errors(local_ray):
    from datetime import date

    from rashomon.model import Document
    from rashomon.scale.ray_engine import read_stream

    docs = [
        Document(
            text=f"Clashes near Gondar killed {i + 2} people on May {i + 1}, 2024.",
            source=f"{i}.txt",
            published=date(2024, 5, 20),
        )
        for i in range(5)
    ]
    out = list(read_stream(iter(docs), workers=2, batch_size=2, window=2))
    assert [d.source for d, _ in out] == [d.source for d in docs]
    assert all(not isinstance(r, Exception) for _, r in out)
