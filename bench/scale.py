"""Scale benchmarks (issue: PostgreSQL, Ray, streaming memory). Each prints its ratios, measured in one run:

    .venv/bin/python bench/scale.py throughput [N]   # end-to-end ingest vs bare spaCy over the same texts
    .venv/bin/python bench/scale.py ray [N]          # single process vs --engine ray with 2 workers
    .venv/bin/python bench/scale.py memory [N1 N2]   # peak RSS ingesting N1 and N2 articles (default 1000 10000)
    .venv/bin/python bench/scale.py db [N]           # SQLite vs PostgreSQL write throughput ($RASHOMON_TEST_PG)

Articles are synthetic (rashomon.scale.synth): templates varying country, place, forces, figures and dates.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rashomon.scale.synth import synthetic_articles, write_corpus


def _fresh_db(tmp: Path, name: str) -> str:
    return str(tmp / f"{name}.db")


def throughput(n: int = 200) -> None:
    from rashomon.pipeline import ingest
    from rashomon.read.nlp import get_nlp
    from rashomon.store import Store

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        corpus = write_corpus(tmp / "feed.jsonl", n)
        texts = [text for _, text in synthetic_articles(n)]
        nlp = get_nlp()
        nlp(texts[0])  # warm
        from rashomon.model import Document
        from rashomon.read import read  # noqa: F401 - load the reading data before timing

        read(Document(text=texts[0], source="warm"))
        t0 = time.perf_counter()
        for text in texts:
            nlp(text)
        spacy_s = time.perf_counter() - t0
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        pipe_s, pipe_cpu = time.perf_counter() - t0, time.process_time() - c0
        store = Store.open(_fresh_db(tmp, "e2e"))
        t0, c0 = time.perf_counter(), time.process_time()
        rep = ingest(store, [corpus])
        e2e_s, e2e_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"articles: {n} (added {rep.added}, events {rep.events})")
    print(f"bare spaCy, one text at a time: {n / spacy_s:.1f} articles/s ({spacy_s:.1f} s)")
    print(f"bare spaCy, nlp.pipe batches of 16: {n / pipe_s:.1f} articles/s ({pipe_s:.1f} s)")
    print(f"end-to-end ingest: {n / e2e_s:.1f} articles/s ({e2e_s:.1f} s)")
    print(
        f"ratio end-to-end / spaCy time: {e2e_s / spacy_s:.2f} against one text at a time, "
        f"{e2e_s / pipe_s:.2f} against nlp.pipe (the ingest itself uses nlp.pipe; overhead beyond "
        f"spaCy: {e2e_s / pipe_s - 1:.0%})"
    )
    print(
        f"CPU time: nlp.pipe {pipe_cpu:.1f} s, end-to-end {e2e_cpu:.1f} s (overhead {e2e_cpu / pipe_cpu - 1:.0%})"
    )


def ray_vs_local(n: int = 200) -> None:
    import ray

    from rashomon.pipeline import ingest
    from rashomon.store import Store

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        corpus = write_corpus(tmp / "feed.jsonl", n)
        t0 = time.perf_counter()
        ingest(Store.open(_fresh_db(tmp, "local")), [corpus])
        local_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        init_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        ingest(Store.open(_fresh_db(tmp, "ray")), [corpus], engine="ray", workers=2)
        ray_s = time.perf_counter() - t0
        ray.shutdown()
    print(f"articles: {n}, cores: {os.cpu_count()}")
    print(f"single process: {n / local_s:.1f} articles/s ({local_s:.1f} s)")
    print(f"ray, 2 workers: {n / ray_s:.1f} articles/s ({ray_s:.1f} s, plus {init_s:.1f} s to start Ray)")
    print(
        f"speed-up ray / single: {local_s / ray_s:.2f}x (with Ray start-up: {local_s / (ray_s + init_s):.2f}x)"
    )


def _child_peak(n: int) -> tuple[float, float]:
    """Peak RSS (MiB) and seconds of a fresh process ingesting n articles."""
    code = (
        "import sys,time,resource; from rashomon.pipeline import ingest; from rashomon.store import Store; "
        "t=time.perf_counter(); ingest(Store.open(sys.argv[1]), [sys.argv[2]]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024, time.perf_counter()-t)"
    )
    with tempfile.TemporaryDirectory() as t:
        corpus = write_corpus(Path(t) / "feed.jsonl", n)
        out = subprocess.run(
            [sys.executable, "-c", code, str(Path(t) / "m.db"), str(corpus)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    return float(out[0]), float(out[1])


def memory(n1: int = 1000, n2: int = 10000) -> None:
    a, ta = _child_peak(n1)
    b, tb = _child_peak(n2)
    print(f"peak RSS for {n1} articles: {a:.0f} MiB ({ta:.0f} s)")
    print(f"peak RSS for {n2} articles: {b:.0f} MiB ({tb:.0f} s)")
    print(f"ratio: {b / a:.2f} for {n2 / n1:.0f}x the articles")


def db(n: int = 300) -> None:
    """Write throughput of the store alone: the same readings written to SQLite and to PostgreSQL."""
    import uuid

    import psycopg

    from rashomon.link import block_keys
    from rashomon.model import Document
    from rashomon.pipeline import relink
    from rashomon.read import read
    from rashomon.store import Store

    admin = os.environ.get("RASHOMON_TEST_PG", "postgresql://postgres:postgres@127.0.0.1:5432/postgres")
    docs = [Document(text=text, source=f"{i}.txt") for i, text in synthetic_articles(n)]
    readings = [read(d) for d in docs]
    name = f"rashomon_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as t:
            res = {}
            for label, url in (
                ("sqlite", _fresh_db(Path(t), "w")),
                ("postgresql", f"{admin.rsplit('/', 1)[0]}/{name}"),
            ):
                store = Store.open(url)
                t0 = time.perf_counter()
                for d, r in zip(docs, readings, strict=True):
                    store.add_document(d, r, block_keys)  # as ingest writes them
                w = time.perf_counter() - t0
                t0 = time.perf_counter()
                relink(store)
                lk = time.perf_counter() - t0
                store.close()
                res[label] = (w, lk)
                print(f"{label}: {n / w:.0f} documents/s written ({w:.2f} s), full relink {lk:.2f} s")
        print(f"ratio PostgreSQL / SQLite write throughput: {res['sqlite'][0] / res['postgresql'][0]:.2f}")
    finally:
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    what, *args = sys.argv[1:] or ["throughput"]
    fn = {"throughput": throughput, "ray": ray_vs_local, "memory": memory, "db": db}[what]
    fn(*map(int, args))
    print(f"(this process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")
