"""Reading on several local processes gives exactly the one-process output, in input order."""

from __future__ import annotations

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
