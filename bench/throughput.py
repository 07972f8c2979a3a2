"""Throughput of `rashomon ingest` on real news articles, against bare spaCy on the same texts, in one run.

    .venv/bin/python bench/throughput.py [--data ../shared/dev] [--n 150] [--workers 2]

Texts: the TR-News articles (trnews.xml) and the dev articles (articles/*.txt) under --data, real news
of about 450 words each. Measured in the same process, one after the other:
  1. bare spaCy ``nlp.pipe`` (the model as its package loads it) in one process;
  2. the same with ``n_process`` = --workers;
  3. Rashomon's own spaCy pipeline (``rashomon.read.nlp.get_nlp``: faster equivalents of two components,
     matrix products through numpy's BLAS) with ``nlp.pipe`` in one process, to tell spaCy's share;
  4. end-to-end ``ingest`` (read, store in SQLite, link, reconcile) with one worker and with --workers,
     and whether the two exports are identical;
  5. the peak memory of each ingest (proportional resident set of the whole process tree, sampled every
     20 ms) in a run of its own: reading /proc/PID/smaps_rollup costs the kernel ~5 ms per process, so
     sampling three processes every 20 ms takes a large share of a core from the run it measures.
Each of 3-5 starts from a freshly loaded model (loaded before its clock starts, as the bare model is),
so none reads with look-up caches another run filled. Prints articles/s and the ratio of each to (1), and the CPU time (user + system) each spent, for
the whole process tree: ``getrusage`` of this process and of its reaped children, so the workers count
once the pool has ended. Wall-clock figures are only compared within the run; on a machine shared with
other jobs only the CPU figures mean something: with W workers, the wall ratio of an idle W-core
machine can at best be W x (bare CPU / ingest CPU).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any


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


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its children that have ended."""
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


class Clock:
    """Wall and CPU seconds of a ``with`` block."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, _cpu() - self.cpu


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
    load = os.getloadavg()[0]
    texts = real_texts(args.data, args.n)
    n = len(texts)
    words = sum(len(t.split()) for t in texts) / n

    import spacy

    from rashomon.export import export_json
    from rashomon.pipeline import ingest
    from rashomon.read.nlp import MODEL_PACKAGE, get_nlp
    from rashomon.store import Store

    def fresh_model() -> Any:
        get_nlp.cache_clear()
        gc.collect()  # the previous copy goes before the next is loaded
        return get_nlp()

    bare = spacy.load(MODEL_PACKAGE)
    list(bare.pipe(texts[:4]))  # warm
    with Clock() as pipe1:
        for _ in bare.pipe(texts, batch_size=16):
            pass
    with Clock() as pipe2:
        for _ in bare.pipe(texts, batch_size=16, n_process=args.workers):
            pass

    ours = fresh_model()
    list(ours.pipe(texts[:4]))  # warm, as the bare model is
    with Clock() as ours1:
        for _ in ours.pipe(texts, batch_size=16):
            pass
    del ours

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        # distinct texts: a repeated text would be skipped as already present
        feed.write_text("".join(json.dumps({"text": f"{t}\n\n(copy {i})", "source": f"a{i}.txt",
                                            "published": "2020-09-15"}) + "\n" for i, t in enumerate(texts)),
                        encoding="utf-8")
        for w in (1, args.workers):
            store = Store.open(Path(tmp) / f"w{w}.db")
            fresh_model()
            with Clock() as clock:
                rep = ingest(store, [feed], workers=w)
            results[w] = (clock, json.dumps(export_json(store), sort_keys=True, default=str), rep)
            store.close()
        peaks = {}
        for w in (1, args.workers):
            fresh_model()
            with PeakMemory() as mem:
                ingest(Store.open(Path(tmp) / f"m{w}.db"), [feed], workers=w)
            peaks[w] = mem.peak

    def row(label: str, c: Clock, extra: str = "") -> str:
        return (f"{label:38s} {n / c.wall:6.1f} articles/s  ratio {pipe1.wall / c.wall:.2f}"
                f"  CPU {1000 * c.cpu / n:4.0f} ms/article (bare/this {pipe1.cpu / c.cpu:.2f}){extra}")

    print(f"articles: {n} real news texts, {words:.0f} words on average; load average before the run "
          f"{load:.1f}, after {os.getloadavg()[0]:.1f}")
    print(row("bare spaCy nlp.pipe, 1 process:", pipe1))
    print(row(f"bare spaCy nlp.pipe, {args.workers} processes:", pipe2))
    print(row("Rashomon's spaCy pipeline, 1 process:", ours1))
    for w, (c, _, rep) in results.items():
        print(row(f"end-to-end ingest, {w} worker(s):", c,
                  f"  peak memory {peaks[w] / 2**20:.0f} MiB  ({rep.added} added, {rep.events} events)"))
    c = results[args.workers][0]
    print(f"{args.workers} workers on {args.workers} idle cores, from CPU time: at best "
          f"{args.workers * pipe1.cpu / c.cpu:.2f}x bare single-process nlp.pipe")
    same = results[1][1] == results[args.workers][1]
    print(f"export with {args.workers} workers identical to 1 worker: {same}")


if __name__ == "__main__":
    main()
