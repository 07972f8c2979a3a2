"""Reading on Ray: a pool of actors, each loading the spaCy pipeline once, reads documents in
parallel while the calling process writes to the database and links (one writer keeps the store
consistent and the output identical to the local engine's).

    pairs = read_stream(documents, address="ray://head:10001")   # or workers=4 for a local Ray
    for doc, reading in pairs: ...                                # input order; a Reading or an Exception

Memory stays bounded: at most ``window`` batches are in flight; the input is consumed lazily.
Public surface: ``read_stream``, ``connect``.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from rashomon.model import Document, Reading

__all__ = ["read_stream", "connect"]


class _Reader:
    """One per worker process: the spaCy model is loaded once, in the constructor."""

    def __init__(self) -> None:
        from rashomon.read.nlp import get_nlp

        get_nlp()

    def read(self, docs: list[Document]) -> list[Reading | Exception]:
        # the local pool's batch reader: errors come back picklable, one per document
        from rashomon.scale.pool import read_batch

        return read_batch(docs)


def connect(address: str | None = None, workers: int | None = None) -> bool:
    """Join the Ray cluster at ``address`` (or $RAY_ADDRESS), else start a local one with ``workers``
    CPUs. Reuses a Ray already initialised in this process. True if this call started Ray."""
    try:
        import ray
    except ImportError as e:  # pragma: no cover - depends on the install
        raise RuntimeError("the Ray engine needs Ray: pip install 'rashomon[ray]'") from e
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    address = address or os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False, log_to_driver=False)
    return True


def read_stream(
    docs: Iterable[Document],
    *,
    address: str | None = None,
    workers: int | None = None,
    batch_size: int = 8,
    window: int | None = None,
) -> Iterator[tuple[Document, Reading | Exception]]:
    """(document, its Reading or the Exception reading raised) for every document, in input order."""
    import ray

    it = iter(docs)
    first = list(islice(it, batch_size))
    if not first:  # nothing to read: do not start Ray or workers at all
        return
    started = connect(address, workers)
    try:
        n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actors = _actors(n)
        window = window or 2 * n
        inflight: deque[tuple[list[Document], Any]] = deque()
        turn = 0

        def submit(batch: list[Document]) -> bool:
            nonlocal turn
            if not batch:
                return False
            inflight.append((batch, actors[turn % n].read.remote(batch)))
            turn += 1
            return True

        submit(first)
        while len(inflight) < window and submit(list(islice(it, batch_size))):
            pass
        while inflight:
            batch, ref = inflight.popleft()
            results = ray.get(ref)
            submit(list(islice(it, batch_size)))
            yield from zip(batch, results, strict=True)
    finally:
        if started:
            _POOL.clear()
            ray.shutdown()


_POOL: dict[tuple[str, int], list[Any]] = {}


def _actors(n: int) -> list[Any]:
    """``n`` reader actors, kept for the Ray session so that later ingests reuse their loaded models."""
    import ray

    key = (ray.get_runtime_context().get_job_id(), n)
    if key not in _POOL:
        actor_cls: Any = ray.remote(num_cpus=1)(_Reader)
        _POOL[key] = [actor_cls.remote() for _ in range(n)]
    return _POOL[key]
