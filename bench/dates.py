"""Event dates per document, without cross-document linking (the date side of bench/counts.py).

    .venv/bin/python bench/dates.py [--data /work/shared/dev] [--sets gtd_us,gvc] [--half even|odd|all] [--show N]

Each document is read alone, its mentions linked among themselves and reconciled, and its event with
most claims (non-historical) gives the date, compared with the set's own (GTD: iyear-imonth-iday;
GVC: the GVA incident date, every article of an incident against it, so a follow-up published weeks
later counts too). ``--half`` keeps even or odd rows (GVC: incidents), as in bench/counts.py.
``--show N`` prints up to N wrong documents with what was read.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent / "src"))

from counts import documents, keep  # noqa: E402

from rashomon.link import link  # noqa: E402
from rashomon.model import ClaimRecord, Document, MentionRecord  # noqa: E402
from rashomon.read import read_many  # noqa: E402
from rashomon.reconcile import reconcile  # noqa: E402

Item = tuple[str, str | None, dict]  # text, gold date (ISO), JSONL record


def event_date(doc: Document) -> str | None:
    """The date of the document's main non-historical event, as reconciled."""
    reading = next(read_many([doc]))
    recs = []
    for i, m in enumerate(reading.mentions):
        claims = [
            ClaimRecord(id=f"c{i}-{j}", document=doc.id, source=c.source, stance=c.stance, fields=c.fields, text=c.text)
            for j, c in enumerate(x for x in reading.claims if x.mention == i)
        ]
        recs.append(MentionRecord(id=f"m{i}", document=doc.id, mention=m, claims=claims, published=doc.published))
    by_id = {r.id: r for r in recs}
    events = [e for e in (reconcile(c, by_id) for c in link(recs)) if not e.historical]
    if not events:
        return None
    e = max(events, key=lambda e: len(e.claims))
    return e.date.isoformat() if isinstance(e.date, dt.date) else None


def gtd_us(data: Path, half: str) -> list[Item]:
    with open(data / "gtd_us.csv", encoding="latin-1") as fh:
        rows = [r for i, r in enumerate(csv.DictReader(fh)) if keep(i, half)]
    return [
        (
            r["summary"],
            f"{int(r['iyear']):04d}-{int(r['imonth']):02d}-{int(r['iday']):02d}",
            {"source": f"gtd-{r['eventid']}", "text": r["summary"]},
        )
        for r in rows
    ]


def gvc(data: Path, half: str) -> list[Item]:
    d = json.loads((data / "gvc.json").read_text(encoding="utf-8"))
    incs = {i["id"]: (n, i) for n, i in enumerate(d["incidents"])}
    out: list[Item] = []
    for doc in d["documents"]:
        n, inc = incs[doc["incident"]]
        if keep(n, half):
            rec = {"source": f"gvc-{doc['id']}", "text": doc["text"], "title": doc.get("title"),
                   "published": doc.get("published"), "url": doc.get("url"), "outlet": doc.get("outlet")}
            out.append((doc["text"], inc.get("date"), rec))
    return out


SETS = {"gtd_us": gtd_us, "gvc": gvc}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent.parent / "shared" / "dev"))
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--half", default="all", choices=["even", "odd", "all"])
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)
    for name in args.sets.split(","):
        items = SETS[name](Path(args.data), args.half)
        docs = documents([rec for *_, rec in items])
        right, shown = 0, 0
        for (text, want, rec), doc in zip(items, docs, strict=True):
            try:
                got = event_date(doc) if doc is not None else None
            except Exception as err:  # a crash is a miss, and is shown
                got = f"{type(err).__name__}: {err}"
            right += got == want
            if got != want and shown < args.show:
                shown += 1
                print(f"[{name}] want {want} got {got} pub {rec.get('published')} | {' '.join(text.split())[:500]}")
        print(f"{name}.date_exact_doc {right / len(items):.3f} ({right}/{len(items)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
