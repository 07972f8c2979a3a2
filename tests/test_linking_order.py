"""Linking and reconciliation do not depend on the order or the batches articles arrive in."""

from __future__ import annotations

import shutil

import pytest

from conftest import SEEDS, need_shared


def _summary(store):
    out = []
    for e in store.events():
        if e.historical:
            continue
        docs = sorted({m.split("-m")[0] for m in e.mentions})
        out.append((
            e.date.isoformat() if e.date else None, e.event_type, e.country, tuple(docs),
            tuple(sorted((c.kind, c.side, c.low, c.best, c.high) for c in e.counts)),
            tuple(sorted((d.field, len(d.positions)) for d in e.disputes)),
        ))
    return sorted(out, key=repr)


@pytest.mark.slow
def test_seed_events_do_not_depend_on_order_or_batches(tmp_path, seeds_export):
    need_shared()
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    reference = _summary(Store.open(seeds_export["_db"]))
    files = sorted(SEEDS.glob("*.txt"))
    runs = {
        "reversed": [list(reversed(files))],
        "two batches": [files[3:], files[:3]],
        "interleaved": [files[1::2], files[0::2]],
    }
    for name, batches in runs.items():
        store = Store.open(tmp_path / f"{name.replace(' ', '_')}.db")
        for batch in batches:
            folder = tmp_path / f"{name}-{len(list(tmp_path.iterdir()))}"
            folder.mkdir()
            for f in batch:
                shutil.copy(f, folder / f.name)
            ingest(store, [folder])
        assert _summary(store) == reference, name
