"""Casualty counts per document, scored as shared/eval/benchmarks.py scores them, without linking.

    .venv/bin/python bench/counts.py [--data /work/shared/dev] [--sets acled2016,gtd_us,gvc]
                                     [--half even|odd|all] [--show N] [--json FILE]

Each document is read alone (rashomon.read.read), its mentions are linked among themselves and
reconciled, and its event with most claims (non-historical) gives the figures: sum of ``best`` over
counts of kind killed (wounded). This measures reading and reconciling without cross-document
linking, which merges distinct notes and mixes their counts. ``--half even`` keeps rows 0, 2, 4...
(GVC: documents of incidents in even positions), for tuning on one half and confirming on the other.
``--show N`` prints up to N wrong documents per measure with what was read.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rashomon.ingest import iter_documents  # noqa: E402
from rashomon.link import link  # noqa: E402
from rashomon.model import ClaimRecord, Document, MentionRecord  # noqa: E402
from rashomon.read import read_many  # noqa: E402
from rashomon.reconcile import reconcile  # noqa: E402


def documents(records: list[dict]) -> list[Document]:
    """The records as ingest would clean them (JSONL through iter_documents)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        docs = list(iter_documents([path]))
    return [d if isinstance(d, Document) else None for d in docs]


def event_of(doc: Document) -> dict | None:
    """The document's main non-historical event as exported: counts only."""
    reading = next(read_many([doc]))
    recs = []
    for i, m in enumerate(reading.mentions):
        claims = [ClaimRecord(id=f"c{i}-{j}", document=doc.id, source=c.source, stance=c.stance, fields=c.fields,
                              text=c.text) for j, c in enumerate(x for x in reading.claims if x.mention == i)]
        recs.append(MentionRecord(id=f"m{i}", document=doc.id, mention=m, claims=claims, published=doc.published))
    if not recs:
        return None
    by_id = {r.id: r for r in recs}
    events = [reconcile(c, by_id) for c in link(recs)]
    events = [e for e in events if not e.historical]
    if not events:
        return None
    e = max(events, key=lambda e: len(e.claims))
    return {"counts": [{"kind": c.kind, "side": c.side, "low": c.low, "best": c.best, "high": c.high}
                       for c in e.counts]}


def total(e: dict | None, kind: str) -> int:
    return sum(c["best"] or 0 for c in (e or {}).get("counts", []) if c["kind"] == kind)


def keep(i: int, half: str) -> bool:
    return half == "all" or (i % 2 == 0) == (half == "even")


def acled2016(data: Path, half: str) -> list[tuple[str, str, dict, dict]]:
    with open(data / "acled2016.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["notes"].strip()]
    rows = [r for i, r in enumerate(rows) if keep(i, half)]
    recs = [{"source": f"acled-{r['event_id_cnty']}", "text": r["notes"], "published": r["event_date"]} for r in rows]
    return [(r["notes"], "acled", {"killed": int(r["fatalities"])}, rec) for r, rec in zip(rows, recs, strict=True)]


def gtd_us(data: Path, half: str) -> list[tuple[str, str, dict, dict]]:
    with open(data / "gtd_us.csv", encoding="latin-1") as fh:
        rows = list(csv.DictReader(fh))
    rows = [r for i, r in enumerate(rows) if keep(i, half)]
    out = []
    for r in rows:
        gold = {"killed": int(float(r["nkill"] or 0)), "wounded": int(float(r["nwound"] or 0))}
        out.append((r["summary"], "gtd", gold, {"source": f"gtd-{r['eventid']}", "text": r["summary"]}))
    return out


def gvc(data: Path, half: str) -> list[tuple[str, str, dict, dict]]:
    d = json.loads((data / "gvc.json").read_text(encoding="utf-8"))
    incs = {i["id"]: (n, i) for n, i in enumerate(d["incidents"])}
    out = []
    for doc in d["documents"]:
        n, inc = incs[doc["incident"]]
        if not keep(n, half):
            continue
        rec = {"source": f"gvc-{doc['id']}", "text": doc["text"], "title": doc.get("title"),
               "published": doc.get("published"), "url": doc.get("url"), "outlet": doc.get("outlet")}
        out.append((doc["text"], "gvc", {"killed": inc["killed"], "wounded": inc["injured"]}, rec))
    return out


SETS = {"acled2016": acled2016, "gtd_us": gtd_us, "gvc": gvc}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "dev"))
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--half", default="all", choices=["even", "odd", "all"])
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--json", help="also write the measures to this file")
    args = ap.parse_args(argv)
    res: dict[str, float] = {}
    for name in args.sets.split(","):
        items = SETS[name](Path(args.data), args.half)
        docs = documents([rec for *_, rec in items])
        right: dict[str, int] = {}
        wrong: dict[str, list[str]] = {}
        for (text, _, gold, _), doc in zip(items, docs, strict=True):
            try:
                e = event_of(doc) if doc is not None else None
            except Exception as err:  # a crash is a miss, and is shown
                e = None
                wrong.setdefault("crash", []).append(f"{type(err).__name__}: {err} | {text[:200]}")
            for kind, want in gold.items():
                got = total(e, kind)
                right[kind] = right.get(kind, 0) + (got == want)
                if got != want:
                    wrong.setdefault(kind, []).append(f"want {want} got {got} | {(e or {}).get('counts')} | "
                                                      f"{' '.join(text.split())[:400]}")
        for kind, n in right.items():
            res[f"{name}.{kind}_exact_doc"] = n / len(items)
        for kind, lines in wrong.items():
            for line in lines[: args.show]:
                print(f"[{name}.{kind}] {line}")
    for k, v in res.items():
        print(f"{k:32s} {v:.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
