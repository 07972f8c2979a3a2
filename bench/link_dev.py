"""Linking on the dev sets, in process: read each set once into a cached database, then re-link and
score it as often as linking changes.

    PYTHONPATH=src .venv/bin/python bench/link_dev.py [--sets gvc,acled2016,articles] [--threshold T]
                                                     [--cache DIR] [--fresh]

The sets are read from ../shared/dev (or $BENCH_DATA) and scored by the shared harness's own
functions (../shared/eval), so the figures are the benchmarks' figures. Reading is not repeated: a
set's articles are ingested once into DIR/<hash of the records>.db (delete it, or --fresh, after
reading changes); each run re-links the whole database with the current ``rashomon.link``.

Beyond the harness's measures it prints:
  * gvc B-cubed on each half of the incidents (even and odd incident ids), to tune on one half and
    confirm on the other;
  * acled2016.own_event: share of the ACLED notes (each one a separate event by construction) whose
    event holds claims of no other note (notes with no event count against it); and of the notes
    with an event, on even and odd rows.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


class CachedProject:
    """Stands in for benchmarks.Project: ingests a set's records once, then only re-links."""

    def __init__(self, cache: Path, fresh: bool, threshold: float | None) -> None:
        self.cache, self.fresh, self.threshold = cache, fresh, threshold
        self.refused = 0
        self.last_db: Path | None = None

    def run(self, records: list[dict], work: Path) -> dict:
        from rashomon import link as link_mod
        from rashomon.export import export_json
        from rashomon.pipeline import ingest, relink
        from rashomon.store import Store

        db = database(self.cache, records)
        key = db.stem
        done = db.with_suffix(".done")  # written once the ingest finished
        t0 = time.time()
        if self.fresh or not done.exists():
            for f in self.cache.glob(f"{key}.*"):
                f.unlink()
            src = Path(work) / "in.jsonl"
            src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
            ingest(Store.open(db), [src])
            done.write_text("")
        store = Store.open(db)
        if self.threshold is not None:
            link_mod.THRESHOLD = self.threshold
        relink(store)
        data = export_json(store)
        data["_seconds"] = time.time() - t0
        self.last_db = db
        return data


def database(cache: Path, records: list[dict]) -> Path:
    """Where the database of these records is cached."""
    return cache / (hashlib.sha256(json.dumps(records, sort_keys=True).encode()).hexdigest()[:16] + ".db")


def acled_records(rows: list[dict]) -> list[dict]:
    return [{"source": f"acled-{r['event_id_cnty']}", "text": r["notes"], "published": r["event_date"]} for r in rows]


def gvc_halves(pj: CachedProject, data_dir: Path) -> dict[str, Any]:
    """B-cubed and split share of the gvc set on each half of its incidents (by id parity)."""
    import gvc

    data = json.loads((data_dir / "gvc.json").read_text(encoding="utf-8"))
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        export = pj.run(_gvc_records(data["documents"]), Path(tmp))
    assign = _doc_events(export, "gvc-")
    for half, parity in (("even", 0), ("odd", 1)):
        docs = [d for d in data["documents"] if int(d["incident"]) % 2 == parity]
        gold = {d["id"]: d["incident"] for d in docs}
        pred = {x: assign.get(x) or f"none:{x}" for x in gold}
        p, r, f = gvc.bcubed(gold, pred)
        members = collections.defaultdict(set)
        for x, inc in gold.items():
            members[inc].add(pred[x])
        multi = [i for i, s in members.items() if sum(g == i for g in gold.values()) > 1]
        split = sum(len(members[i]) > 1 for i in multi)
        out.update({f"{half}_b3_precision": p, f"{half}_b3_recall": r, f"{half}_b3_f1": f,
                    f"{half}_incidents_split": split / max(1, len(multi))})
    return out


def _gvc_records(docs: list[dict]) -> list[dict]:
    return [{"source": f"gvc-{d['id']}", "text": d["text"], "title": d.get("title"),
             "published": d.get("published"), "url": d.get("url"), "outlet": d.get("outlet")} for d in docs]


def _doc_events(export: dict, prefix: str) -> dict[str, str]:
    """document source (without prefix) -> the non-historical event holding most of its claims
    (ties: more claims in all, then the smaller id), as the gvc harness maps them."""
    source_of = {d["id"]: d["source"] for d in export["documents"]}
    claims = {c["id"]: c for c in export["claims"]}
    events = {e["id"]: e for e in export["events"] if not e.get("historical")}
    per_doc: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for e in events.values():
        for cid in e.get("claims", []):
            c = claims.get(cid)
            if c and c.get("document") in source_of:
                per_doc[source_of[c["document"]]][e["id"]] += 1
    out = {}
    for src, cnt in per_doc.items():
        best = min(cnt, key=lambda k: (-cnt[k], -len(events[k].get("claims", [])), k))
        out[src.removeprefix(prefix)] = best
    return out


def acled_own_event(pj: CachedProject, data_dir: Path) -> dict[str, float]:
    """Share of ACLED notes whose event holds no other note's claims."""
    import csv

    rows = [r for r in csv.DictReader(io.StringIO((data_dir / "acled2016.csv").read_text(encoding="utf-8"), newline="")) if r["notes"].strip()]
    recs = acled_records(rows)
    with tempfile.TemporaryDirectory() as tmp:
        export = pj.run(recs, Path(tmp))
    assign = _doc_events(export, "acled-")
    holders = collections.Counter(assign.values())
    own = sum(1 for r in rows if r["event_id_cnty"] in assign and holders[assign[r["event_id_cnty"]]] == 1)
    shared = sum(1 for r in rows if r["event_id_cnty"] in assign and holders[assign[r["event_id_cnty"]]] > 1)
    out = {"own_event": own / len(rows), "own_event_of_found": own / max(1, own + shared),
           "notes_merged": shared}
    for half, parity in (("even", 0), ("odd", 1)):  # by the note's row in the file
        ids = [r["event_id_cnty"] for n, r in enumerate(rows) if n % 2 == parity]
        found = [x for x in ids if x in assign]
        mine = sum(1 for x in found if holders[assign[x]] == 1)
        out[f"{half}_own_event_of_found"] = mine / max(1, len(found))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="gvc,acled2016,articles")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--cache", default=os.environ.get("LINK_DEV_CACHE", "/tmp/link-dev-cache"))
    ap.add_argument("--fresh", action="store_true", help="read the sets again")
    ap.add_argument("--json", help="also write the measures to this file")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(EVAL))
    import benchmarks

    data_dir = benchmarks.DATA
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    pj = CachedProject(cache, args.fresh, args.threshold)
    res: dict[str, Any] = {}
    for name in args.sets.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            measures = benchmarks.SETS[name](pj, Path(tmp), None)
        keep = {"gvc": ("b3_precision", "b3_recall", "b3_f1", "incidents_split", "events_merged",
                        "predicted_clusters", "killed_exact", "injured_exact", "date_exact", "location"),
                "articles": ("dated_merge", "dated_event_recall", "dated_event_precision", "merge",
                             "event_recall", "event_precision"),
                "acled2016": ("event_found", "fatalities_exact", "event_type", "within_50km")}.get(name)
        res.update({f"{name}.{k}": v for k, v in measures.items() if keep is None or k in keep})
        if name == "gvc":
            res.update({f"gvc.{k}": v for k, v in gvc_halves(pj, data_dir).items()})
        if name == "acled2016":
            res.update({f"acled2016.{k}": v for k, v in acled_own_event(pj, data_dir).items()})
    for k, v in res.items():
        print(f"{k:34s} {v:.3f}" if isinstance(v, float) else f"{k:34s} {v}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
