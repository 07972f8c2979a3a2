"""Reading on this machine's cores: a pool of worker processes, each loading the spaCy pipeline once,
reads batches of documents while the calling process writes to the database and links (one writer
keeps the store consistent, and the output is the same as reading in one process).

    pairs = read_stream(documents, workers=2)   # (document, its Reading or an Exception), input order

Memory stays bounded: at most ``window`` batches are in flight and the input is consumed lazily. A
stream shorter than one batch is read in this process (starting workers would cost more than it saves).
Public surface: ``read_stream``, ``read_batch`` / ``read_one`` (what a worker runs), ``default_workers``.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from rashomon.model import Document, Reading

__all__ = ["read_stream", "read_batch", "read_one", "default_workers"]


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _load_model() -> None:
    from rashomon.read.nlp import get_nlp

    get_nlp()


def _one_thread_each() -> None:
    from rashomon.read.nlp import single_blas_thread

    single_blas_thread()


def _init_worker() -> None:
    """In each worker: the model (already there when forked after loading it), and a watch that ends
    the worker when the ingesting process is gone (killed, say), so no reader outlives its run. Its
    matrix products use one thread: the pool already has a worker per core."""
    _load_model()
    _one_thread_each()
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="rashomon-parent-watch", daemon=True).start()


def read_batch(docs: list[Document]) -> list[Reading | Exception]:
    """Read a batch through spaCy's pipe; if the batch fails, read it again one document at a time so
    an error costs only its own document. Errors come back as picklable exceptions."""
    from rashomon.read import read_many

    try:
        return list(read_many(docs, batch_size=len(docs)))
    except Exception:
        return [read_one(d) for d in docs]


def read_one(doc: Document) -> Reading | Exception:
    """One document's Reading, or the error reading it raised (as a picklable exception, named with
    the original's type: "RuntimeError: ValueError: ...")."""
    from rashomon.read import read

    try:
        return read(doc)
    except Exception as e:  # reported per document by the caller
        return RuntimeError(f"{type(e).__name__}: {e}")


def read_stream(
    docs: Iterable[Document],
    *,
    workers: int | None = None,
    batch_size: int = 8,
    window: int | None = None,
) -> Iterator[tuple[Document, Reading | Exception]]:
    """(document, its Reading or the Exception reading raised) for every document, in input order.

    Batches of 8 keep the workers evenly loaded to the end of the stream (with 16, one worker could
    be left with a whole batch to read alone while the other waits, ~5% of a 150-article run) while
    still giving spaCy's parser and recogniser enough documents per step (with 4 they cost more)."""
    n = workers or default_workers()
    it = iter(docs)
    first = list(islice(it, batch_size))
    if not first:
        return
    second = list(islice(it, batch_size)) if n > 1 else []
    if not second:  # one batch or one worker: no processes to start
        for batch in (first, *_batches(it, batch_size)):
            yield from zip(batch, read_batch(batch), strict=True)
        return
    # fork shares the loaded code and data with the workers; elsewhere a fresh interpreter per worker
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    if method == "fork":
        # load the model before forking: the workers share its pages instead of each loading a copy
        _load_model()
        # what is loaded so far is never collected: the workers' collections then leave those objects'
        # pages alone instead of writing to each (which copies the page into the worker) and walking them
        gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=n, mp_context=mp.get_context(method), initializer=_init_worker) as pool:
            yield from _in_order(pool.submit, [first, second], _batches(it, batch_size), window or 4 * n)
    finally:
        if method == "fork":
            gc.unfreeze()


def _batches(it: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while batch := list(islice(it, size)):
        yield batch


def _in_order(
    submit: Callable[..., Future[list[Reading | Exception]]],
    ready: list[list[Document]],
    rest: Iterator[list[Document]],
    window: int,
) -> Iterator[tuple[Document, Reading | Exception]]:
    inflight: deque[tuple[list[Document], Future[list[Reading | Exception]]]] = deque()
    for batch in ready:
        inflight.append((batch, submit(read_batch, batch)))
    while len(inflight) < window and (more := next(rest, None)) is not None:
        inflight.append((more, submit(read_batch, more)))
    while inflight:
        batch, fut = inflight.popleft()
        try:
            results = fut.result()
        except Exception as e:  # a worker died (killed, out of memory): its documents are reported
            results = [RuntimeError(f"the reading worker failed: {type(e).__name__}: {e}")] * len(batch)
        nxt = next(rest, None)
        if nxt is not None:
            inflight.append((nxt, submit(read_batch, nxt)))
        yield from zip(batch, results, strict=True)
