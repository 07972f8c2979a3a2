"""Throughput of `rashomon ingest` on real news articles, against bare spaCy on the same texts, in one run.

    .venv/bin/python bench/throughput.py [--data ../shared/dev] [--n 150] [--workers 2]

Texts: the TR-News articles (trnews.xml) and the dev articles (articles/*.txt) under --data, real news
of about 450 words each. Measured in the same process, one after the other:
  1. bare spaCy ``nlp.pipe`` (the model as its package loads it) in one process;
  2. the same with ``n_process`` = --workers;
  3. end-to-end ``ingest`` (read, store in SQLite, link, reconcile) with one worker and with --workers,
     and whether the two exports are identical;
  4. the peak memory of each ingest (proportional resident set of the whole process tree, sampled every
     20 ms) in a run of its own: reading /proc/PID/smaps_rollup costs the kernel ~5 ms per process, so
     sampling three processes every 20 ms takes a large share of a core from the run it measures.
Prints articles/s and the ratio of each to (1). Wall-clock figures are only compared within the run.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path


def real_texts(data: Path, n: int) -> list[str]:
    texts = []
    if (data / "trnews.xml").exists():
        for a in ET.parse(data / "trnews.xml").getroot().iter("article"):
            t = (a.findtext("text") or "").strip()
            if t:
                texts.append(t)
    texts += [p.read_text(encoding="utf-8") for p in sorted((data / "articles").glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no article texts under {data}")
    return (texts * (n // len(texts) + 1))[:n] if n > len(texts) else texts[:n]


def _tree_rss(pid: int) -> int:
    """Proportional resident bytes (PSS: pages shared after a fork counted once) of a process and all
    its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
            for t in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (t / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


class PeakMemory:
    def __init__(self) -> None:
        self.peak, self._stop = 0, threading.Event()

    def __enter__(self) -> PeakMemory:
        def watch() -> None:
            while not self._stop.is_set():
                self.peak = max(self.peak, _tree_rss(os.getpid()))
                time.sleep(0.02)

        self._t = threading.Thread(target=watch, daemon=True)
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "dev")
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    texts = real_texts(args.data, args.n)
    n = len(texts)
    words = sum(len(t.split()) for t in texts) / n

    import spacy

    from rashomon.export import export_json
    from rashomon.pipeline import ingest
    from rashomon.read.nlp import MODEL_PACKAGE
    from rashomon.store import Store

    bare = spacy.load(MODEL_PACKAGE)
    list(bare.pipe(texts[:4]))  # warm
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=16):
        pass
    pipe1 = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=16, n_process=args.workers):
        pass
    pipe2 = time.perf_counter() - t0

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        # distinct texts: a repeated text would be skipped as already present
        feed.write_text("".join(json.dumps({"text": f"{t}\n\n(copy {i})", "source": f"a{i}.txt",
                                            "published": "2020-09-15"}) + "\n" for i, t in enumerate(texts)),
                        encoding="utf-8")
        for w in (1, args.workers):
            store = Store.open(Path(tmp) / f"w{w}.db")
            t0 = time.perf_counter()
            rep = ingest(store, [feed], workers=w)
            secs = time.perf_counter() - t0
            results[w] = (secs, json.dumps(export_json(store), sort_keys=True, default=str), rep)
            store.close()
        peaks = {}
        for w in (1, args.workers):
            with PeakMemory() as mem:
                ingest(Store.open(Path(tmp) / f"m{w}.db"), [feed], workers=w)
            peaks[w] = mem.peak

    print(f"articles: {n} real news texts, {words:.0f} words on average")
    print(f"bare spaCy nlp.pipe, 1 process:        {n / pipe1:6.1f} articles/s  ratio 1.00")
    print(f"bare spaCy nlp.pipe, {args.workers} processes:       {n / pipe2:6.1f} articles/s  ratio {pipe1 / pipe2:.2f}")
    for w, (secs, _, rep) in results.items():
        print(f"end-to-end ingest, {w} worker(s):        {n / secs:6.1f} articles/s  ratio {pipe1 / secs:.2f}"
              f"  peak memory {peaks[w] / 2**20:.0f} MiB  ({rep.added} added, {rep.events} events)")
    same = results[1][1] == results[args.workers][1]
    print(f"export with {args.workers} workers identical to 1 worker: {same}")


if __name__ == "__main__":
    main()
