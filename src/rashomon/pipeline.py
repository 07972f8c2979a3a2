"""The typed Python API behind the CLI: each command is one function here.

from rashomon.pipeline import ingest
report = ingest(Store.open("conflict.db"), ["articles/"])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rashomon.errors import IngestError
from rashomon.ingest import iter_documents
from rashomon.ingest.dates import DateGuess, year_open
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
    """Read every article under ``inputs`` into the store, then link what changed.

    Documents stream through one at a time (each committed on its own, so an interrupted run loses
    nothing and a re-run skips what is stored); every ``link_every`` new documents, what was stored
    is linked. A document whose publication year its own text leaves open waits until the collection
    (the stored documents and this batch) has settled it, and is then read once, with that date;
    stored documents whose date the batch changes are re-read. The local engine reads on ``workers``
    processes (default: this machine's cores) while this process writes and links; ``engine="ray"``
    reads on a Ray cluster (``address``, or a local one with ``workers`` processes). The result is
    the same whatever the engine and workers."""
    report = IngestReport()
    held: dict[str, Document] = {}  # new documents whose publication date the collection may change

    def failed(err: IngestError) -> None:
        report.failed += 1
        report.error(err, on_error)

    def fresh() -> Iterator[Document]:
        for item in iter_documents(inputs):
            if isinstance(item, IngestError):
                failed(item)
            elif store.has_document(item.id) or item.id in held:
                report.skipped += 1
            elif year_open(item.published_inferred, item.year_known):
                held[item.id] = item
                continue
            else:
                yield item
                continue
            if on_item:
                on_item(item.path if isinstance(item, IngestError) else item.source)

    read = _reader(engine, address, workers)
    since_link = 0

    def store_all(pairs: Iterable[tuple[Document, Reading | Exception]]) -> None:
        nonlocal since_link
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

    store_all(read(fresh()))
    # documents stored but never linked (this batch's last ones, or those an interrupted run left behind)
    if not (report.added or held or store.unlinked_documents()):
        return report
    dates = collection_dates(store, held)
    store_all(read(_dated(doc, dates.pop(doc.id, None)) for doc in held.values()))
    # stored documents whose date the batch changed are re-read (their old events are dissolved)
    changed = _reread(store, dates, on_error=lambda err: report.error(err, on_error))
    report.events += relink(store, changed | store.unlinked_documents())
    return report


def _reader(
    engine: str, address: str | None, workers: int | None
) -> Callable[[Iterable[Document]], Iterable[tuple[Document, Reading | Exception]]]:
    """Documents -> (document, its Reading or the Exception reading raised), in order, on the engine."""
    if engine == "ray":
        from rashomon.scale.ray_engine import read_stream

        return lambda docs: read_stream(docs, address=address, workers=workers)
    if engine == "local":
        from rashomon.scale.pool import read_stream as read_on_cores

        return lambda docs: read_on_cores(docs, workers=workers)
    raise ValueError(f"unknown engine {engine!r} (local or ray)")


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
    documents whose date changed. Returns their ids. A document whose re-reading fails keeps its
    new date with no mentions; ``on_error`` hears why."""
    return _reread(store, collection_dates(store), on_error)


def collection_dates(store: Store, new: Mapping[str, Document] | None = None) -> dict[str, DateGuess]:
    """doc id -> its new publication date, for every document (stored, or ``new``: not stored yet)
    whose inferred date the collection changes. Empty where no year is open."""
    from rashomon.ingest.dates import resolve_corpus_years

    new = new or {}
    if not (store.has_open_years() or any(year_open(d.published_inferred, d.year_known) for d in new.values())):
        return {}
    facts = sorted([
        *store.iter_date_facts(),
        *((d.id, d.text, d.published, d.year_known, d.published_inferred, d.date_evidence) for d in new.values()),
    ])  # in id order, as the store streams them: the votes are settled in that order
    resolved = resolve_corpus_years(
        {doc_id: (text or "", _own_guess(pub, known, inferred, why)) for doc_id, text, pub, known, inferred, why in facts}
    )
    return {
        doc_id: g
        for doc_id, _, pub, known, inferred, _ in facts
        if inferred and (g := resolved[doc_id]) is not None and (g.date != pub or g.year_known != known)
    }


def _own_guess(published: date | None, year_known: bool, inferred: bool, evidence: str | None) -> DateGuess:
    """A document's date as its own text (or its metadata: a year always known) gives it."""
    return DateGuess(published, year_known or not inferred, evidence or "")


def _dated(doc: Document, guess: DateGuess | None) -> Document:
    if guess is not None:
        doc.published, doc.year_known, doc.date_evidence = guess.date, guess.year_known, guess.evidence
    return doc


def _reread(
    store: Store, dates: Mapping[str, DateGuess], on_error: Callable[[IngestError], None] | None = None
) -> set[str]:
    """Re-read the stored documents whose publication date changed to ``dates``. Their ids."""
    from rashomon.scale.pool import read_one

    for doc_id, guess in sorted(dates.items()):
        row = store.document(doc_id)
        assert row is not None
        doc = _dated(store.to_document(row), guess)
        reading = read_one(doc)
        if isinstance(reading, Exception):
            if on_error:
                why = f"{type(reading).__name__}: {reading}"
                on_error(IngestError(doc.source, f"re-dated but its reading failed, stored without it: {why}"))
            reading = Reading()
        store.replace_reading(doc, reading, block_keys)
    return set(dates)


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
