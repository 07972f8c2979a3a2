"""The typed Python API behind the CLI: each command is one function here.

from rashomon.pipeline import ingest
report = ingest(Store.open("conflict.db"), ["articles/"])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rashomon.errors import IngestError
from rashomon.ingest import iter_documents
from rashomon.link import block_keys, link
from rashomon.model import Document, Event, Reading
from rashomon.reconcile import reconcile
from rashomon.store import Store

__all__ = ["ingest", "IngestReport", "relink", "redate", "LINK_EVERY"]

LINK_EVERY = 1000  # link what was stored every this many new documents, so memory stays bounded


MAX_KEPT_ERRORS = 1000


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    failed: int = 0
    unread: int = 0  # stored, but reading them failed: kept with what could be read, error reported
    errors: list[IngestError] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    events: int = 0

    def error(self, err: IngestError, on_error: Callable[[IngestError], None] | None = None) -> None:
        """Report one error: all are counted and passed on; the first ones are kept."""
        if len(self.errors) < MAX_KEPT_ERRORS:
            self.errors.append(err)
        if on_error:
            on_error(err)

    def summary(self) -> str:
        return (
            f"{self.added} document(s) added, {self.skipped} skipped as already present, "
            f"{self.failed} failed; {self.events} event(s) updated"
            + (f"; {self.unread} stored without a full reading (see the errors)" if self.unread else "")
        )


def ingest(
    store: Store,
    inputs: Iterable[str | Path],
    *,
    on_item: Callable[[str], None] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    engine: str = "local",
    address: str | None = None,
    workers: int | None = None,
    link_every: int = LINK_EVERY,
) -> IngestReport:
    """Read every article under ``inputs`` into the store, then re-date and re-link what changed.

    Documents stream through one at a time (each committed on its own, so an interrupted run loses
    nothing and a re-run skips what is stored); every ``link_every`` new documents, what was stored
    is linked. The local engine reads on ``workers`` processes (default: this machine's cores) while
    this process writes and links; ``engine="ray"`` reads on a Ray cluster (``address``, or a local
    one with ``workers`` processes). The result is the same whatever the engine and workers."""
    report = IngestReport()

    def failed(err: IngestError) -> None:
        report.failed += 1
        report.error(err, on_error)

    def fresh() -> Iterator[Document]:
        for item in iter_documents(inputs):
            if isinstance(item, IngestError):
                failed(item)
            elif store.has_document(item.id):
                report.skipped += 1
            else:
                yield item
                continue
            if on_item:
                on_item(item.path if isinstance(item, IngestError) else item.source)

    if engine == "ray":
        from rashomon.scale.ray_engine import read_stream

        pairs: Iterable[tuple[Document, Reading | Exception]] = read_stream(
            fresh(), address=address, workers=workers
        )
    elif engine == "local":
        from rashomon.scale.pool import read_stream as read_on_cores

        pairs = read_on_cores(fresh(), workers=workers)
    else:
        raise ValueError(f"unknown engine {engine!r} (local or ray)")
    since_link = 0
    for doc, result in pairs:
        added = _store(store, doc, result, report, on_error)
        if added is None:
            pass  # reported by _store
        elif added:
            report.added += 1
            report.documents.append(doc.id)
            since_link += 1
        else:
            report.skipped += 1
        if on_item:
            on_item(doc.source)
        if link_every and since_link >= link_every:
            report.events += relink(store, store.unlinked_documents())
            since_link = 0
    # documents stored but never linked (this batch's last ones, or those an interrupted run left behind)
    pending = store.unlinked_documents()
    if report.added or pending:
        changed = redate(store, on_error=lambda err: report.error(err, on_error))
        # re-dated documents were re-read: their old events were dissolved, their mates are unlinked
        report.events += relink(store, changed | pending | store.unlinked_documents())
    return report


def _store(
    store: Store,
    doc: Document,
    result: Reading | Exception,
    report: IngestReport,
    on_error: Callable[[IngestError], None] | None,
) -> bool | None:
    """Store one document with its reading. Where reading it failed (``result`` is the exception) or
    its reading cannot be written, the document is stored with what could be read (itself, with no
    mentions) and the error is reported: a crash in reading one article never loses the article.
    True if added, False if already there, None if not even the bare document could be stored."""

    if not isinstance(result, Exception):
        try:
            return store.add_document(doc, result, block_keys)
        except Exception as e:  # one bad document must not stop the batch
            result = e
    try:
        added = store.add_document(doc, Reading(), block_keys)
    except Exception as e:
        report.failed += 1
        report.error(IngestError(doc.source, f"could not be processed: {type(e).__name__}: {e}"), on_error)
        return None
    if added:
        report.unread += 1
        why = f"{type(result).__name__}: {result}"
        report.error(IngestError(doc.source, f"stored without its reading, which failed: {why}"), on_error)
    return added


def redate(store: Store, on_error: Callable[[IngestError], None] | None = None) -> set[str]:
    """Let the collection fix publication years that single articles leave open; re-read the
    documents whose date changed. Returns their ids. Streams the collection from the store.
    A document whose re-reading fails keeps its new date with no mentions; ``on_error`` hears why."""
    from rashomon.ingest.dates import resolve_corpus_years
    from rashomon.scale.pool import read_one

    if not store.has_open_years():
        return set()
    resolved = resolve_corpus_years(_StoredGuesses(store))
    changed = set()
    for doc_id, _, published, year_known, inferred, _ in store.iter_date_facts(with_text=False):
        g = resolved.get(doc_id)
        if g is None or not inferred or (g.date == published and g.year_known == year_known):
            continue
        row = store.document(doc_id)
        assert row is not None
        doc = store.to_document(row)
        doc.published, doc.year_known, doc.date_evidence = g.date, g.year_known, g.evidence
        reading = read_one(doc)
        if isinstance(reading, Exception):
            if on_error:
                why = f"{type(reading).__name__}: {reading}"
                on_error(IngestError(doc.source, f"re-dated but its reading failed, stored without it: {why}"))
            reading = Reading()
        store.replace_reading(doc, reading, block_keys)
        changed.add(doc_id)
    return changed


class _StoredGuesses(Mapping[str, Any]):
    """doc id -> (text, DateGuess) for every stored document, read from the store as it is iterated
    (the texts are never all in memory at once)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _guess(self, published: Any, year_known: bool, inferred: bool, evidence: str | None) -> Any:
        from rashomon.ingest.dates import DateGuess

        return DateGuess(published, year_known or not inferred, evidence or "")

    def items(self) -> Any:
        store, guess = self.store, self._guess

        class _Items:
            def __iter__(self) -> Iterator[tuple[str, tuple[str, Any]]]:
                for doc_id, text, pub, known, inferred, evidence in store.iter_date_facts():
                    yield doc_id, (text or "", guess(pub, known, inferred, evidence))

        return _Items()

    def __getitem__(self, doc_id: str) -> tuple[str, Any]:
        row = self.store.document(doc_id)
        if row is None:
            raise KeyError(doc_id)
        return row.text, self._guess(row.published, row.year_known, row.published_inferred, row.date_evidence)

    def __iter__(self) -> Iterator[str]:
        return (f[0] for f in self.store.iter_date_facts(with_text=False))

    def __len__(self) -> int:
        return self.store.counts()["documents"]


def relink(store: Store, documents: Iterable[str] | None = None) -> int:
    """Re-link the mentions of these documents and everything they may touch (their blocks, and the
    events already holding those mentions), then reconcile and store the resulting events.
    With no documents, re-link everything. Only the affected mentions are loaded."""
    if documents is None:
        todo = store.mention_records()
    else:
        todo = store.mention_records(ids=store.link_scope(documents))
    if not todo:
        return 0
    by_id = {r.id: r for r in todo}
    clusters = link(todo)
    events: list[Event] = [reconcile(c, by_id) for c in clusters]
    store.replace_events(events, [r.id for r in todo])
    return len(events)
