"""The typed Python API behind the CLI: each command is one function here.

    from rashomon.pipeline import ingest
    report = ingest(Store.open("conflict.db"), ["articles/"])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rashomon.errors import IngestError
from rashomon.ingest import iter_documents
from rashomon.link import block_keys, link
from rashomon.model import Document, Event, MentionRecord
from rashomon.read import read
from rashomon.reconcile import reconcile
from rashomon.store import Store

__all__ = ["ingest", "IngestReport", "relink", "redate"]


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[IngestError] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    events: int = 0

    def summary(self) -> str:
        return (f"{self.added} document(s) added, {self.skipped} skipped as already present, "
                f"{self.failed} failed; {self.events} event(s) updated")


def ingest(store: Store, inputs: Iterable[str | Path], *,
           on_item: Callable[[str], None] | None = None,
           on_error: Callable[[IngestError], None] | None = None) -> IngestReport:
    """Read every article under ``inputs`` into the store, then re-date and re-link what changed."""
    report = IngestReport()
    for item in iter_documents(inputs):
        if isinstance(item, IngestError):
            report.failed += 1
            report.errors.append(item)
            if on_error:
                on_error(item)
        else:
            if store.has_document(item.id):
                report.skipped += 1
            else:
                try:
                    store.add_document(item, read(item))
                except Exception as e:  # one bad document must not stop the batch
                    err = IngestError(item.source, f"could not be processed: {type(e).__name__}: {e}")
                    report.failed += 1
                    report.errors.append(err)
                    if on_error:
                        on_error(err)
                else:
                    report.added += 1
                    report.documents.append(item.id)
        if on_item:
            on_item(item.path if isinstance(item, IngestError) else item.source)
    # documents stored but never linked (a new batch, or one an interrupted run left behind)
    pending = store.unlinked_documents()
    if report.added or pending:
        changed = redate(store) | set(report.documents) | pending
        report.events = relink(store, changed)
    return report


def redate(store: Store) -> set[str]:
    """Let the collection fix publication years that single articles leave open; re-read the
    documents whose date changed. Returns their ids."""
    from rashomon.ingest.dates import DateGuess, resolve_corpus_years

    rows = store.documents()
    guesses = {r.id: (r.text, DateGuess(r.published, r.year_known or not r.published_inferred,
                                        r.date_evidence or "")) for r in rows}
    if all(g.year_known for _, g in guesses.values()):
        return set()
    resolved = resolve_corpus_years(guesses)
    changed = set()
    for r in rows:
        g = resolved.get(r.id)
        if g is None or not r.published_inferred or (g.date == r.published and g.year_known == r.year_known):
            continue
        doc = store.to_document(r)
        doc.published, doc.year_known, doc.date_evidence = g.date, g.year_known, g.evidence
        store.replace_reading(doc, read(doc))
        changed.add(r.id)
    return changed


def relink(store: Store, documents: Iterable[str] | None = None) -> int:
    """Re-link the mentions of these documents and everything they may touch (their blocks, and the
    events already holding those mentions), then reconcile and store the resulting events.
    With no documents, re-link everything."""
    records = store.mention_records()
    by_id = {r.id: r for r in records}
    if documents is None:
        todo = records
    else:
        docs = set(documents)
        seeds = {r.id for r in records if r.document in docs}
        todo = [by_id[i] for i in _closure(records, seeds)]
    clusters = link(todo)
    events: list[Event] = [reconcile(c, by_id) for c in clusters]
    store.replace_events(events, [r.id for r in todo])
    return len(events)


def _closure(records: list[MentionRecord], seeds: set[str]) -> set[str]:
    """Mentions that a change to ``seeds`` can affect: the seeds, every mention sharing a block with
    one of them (only those can pair with a new mention), and all current event-mates of those
    (their events are rebuilt whole). Everything else keeps its event untouched."""
    keys = {r.id: block_keys(r.mention) for r in records}
    seed_blocks = {k for mid in seeds for k in keys.get(mid, [])}
    near = {r.id for r in records if r.id in seeds or seed_blocks.intersection(keys[r.id])}
    events = {r.event for r in records if r.id in near and r.event}
    return near | {r.id for r in records if r.event in events}


def read_document(doc: Document):
    """Reading, exposed here for symmetry with the CLI's commands."""
    return read(doc)
