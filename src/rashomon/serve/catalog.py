"""An in-memory index of a store for the web: events with what the pages need, claims, documents and
sources, plus the event filter. Rebuilt when the store's row counts change (a new ingest)."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from rashomon.export import event_json
from rashomon.model import Event
from rashomon.present.labels import (
    actor_label,
    count_label,
    country_label,
    counts_label,
    date_label,
    date_note,
    field_label,
    place_label,
    role_label,
)
from rashomon.store import Store

__all__ = ["Catalog", "EventFilter", "CatalogCache", "format_value"]


def format_value(value: Any) -> str:
    """A dispute position's value as people read it: {'not': 'AZE'} -> 'not AZE'."""
    if isinstance(value, dict):
        if set(value) == {"not"}:
            return f"not {format_value(value['not'])}"
        return ", ".join(f"{k}: {format_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value)
    if value is None:
        return "?"
    return str(value)


def _site(url: str | None) -> str | None:
    """The site a document's address names ('https://www.reuters.com/x' -> 'reuters.com'), to stand for
    its outlet when none is given; None for no address or one that is not http(s)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return host if parts.scheme.lower() in ("http", "https") and "." in host else None


@dataclass
class EventFilter:
    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    disputed: bool = False
    source: str | None = None
    q: str | None = None
    historical: bool = False

    def match(self, e: dict[str, Any]) -> bool:
        start, end = e["_start"], e["_end"]
        if self.date_from and (end is None or end < self.date_from):
            return False
        if self.date_to and (start is None or start > self.date_to):
            return False
        if self.country and (e["country"] or "").upper() != self.country.upper():
            return False
        if self.admin1 and (e["admin1"] or "").casefold() != self.admin1.casefold():
            return False
        if self.event_type:
            t = self.event_type.casefold()
            if t not in ((e["event_type"] or "").casefold(), (e["sub_event_type"] or "").casefold()):
                return False
        if self.disputed and not e["disputes"]:
            return False
        if self.source and self.source.casefold() not in {s.casefold() for s in e["source_names"]}:
            return False
        if self.q and self.q.casefold() not in e["_text"]:
            return False
        return self.historical or not e["historical"]


@dataclass
class Catalog:
    events: list[dict[str, Any]] = field(default_factory=list)
    event_by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[int, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def build(cls, store: Store) -> Catalog:
        cat = cls()
        for d in store.documents():
            cat._add_document(d)
        event_of = store.claim_events()
        for c in store.claims():
            cat._add_claim(c, event_of.get(c.id))
        for ev in store.events():
            cat._add_event(ev)
        return cat

    def _add_document(self, d: Any) -> None:
        self.documents[d.id] = {
            "id": d.id,
            "source": d.source,
            "title": d.title,
            "outlet": d.outlet,
            "outlet_name": d.outlet or _site(d.url),
            "url": d.url,
            "published": d.published.isoformat() if d.published else None,
            "published_inferred": d.published_inferred,
            "year_known": d.year_known,
            "language": d.language,
            "text": d.text,
            "claims": [],
            "events": [],
        }

    def _add_claim(self, c: Any, event: str | None) -> None:
        src = c.source
        doc = self.documents.get(c.document_id)
        claim = {
            "id": c.id,
            "document": c.document_id,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "source": src.name,
            "source_id": src.id,
            "source_kind": src.kind,
            "source_country": src.country,
            "stance": c.stance,
            "fields": c.fields,
            "event": event,
            "document_title": doc["title"] if doc else None,
            "document_source": doc["source"] if doc else None,
            "outlet": doc["outlet_name"] if doc else None,
            "published": doc["published"] if doc else None,
            "published_inferred": doc["published_inferred"] if doc else False,
        }
        self.claims[c.id] = claim
        if doc is not None:
            doc["claims"].append(c.id)
        s = self.sources.setdefault(
            src.id,
            {
                "id": src.id,
                "name": src.name,
                "kind": src.kind,
                "country": src.country,
                "claims": [],
                "disputed": [],
            },
        )
        s["claims"].append(c.id)

    def _add_event(self, ev: Event) -> None:
        e = event_json(ev)
        names: list[str] = []
        docs: list[str] = []
        for cid in e["claims"]:
            c = self.claims.get(cid)
            if c is None:
                continue
            if c["source"] not in names:
                names.append(c["source"])
            if c["document"] not in docs:
                docs.append(c["document"])
        killed = [c for c in e["counts"] if c["kind"] == "killed"]
        e["year_guessed"] = any(not self.documents[d]["year_known"] for d in docs if d in self.documents)
        for n in e["counts"]:
            n["label"] = count_label(n)
        for a in e["actors"]:
            a["label"], a["role_label"] = actor_label(a), role_label(a["role"])
        e.update(
            {
                "place": place_label(e),
                "country_name": country_label(e["country"]),
                "date_text": date_label(e),
                "date_note": date_note(e),
                "counts_text": counts_label(e["counts"]),
                "type": e["sub_event_type"] or e["event_type"],
                "source_names": names,
                "documents": docs,
                "n_sources": len(docs),
                "fatalities": sum(c["best"] for c in killed),
                "disputed_fields": sorted({d["field"] for d in e["disputes"]}),
                "disputed_labels": [field_label(f) for f in sorted({d["field"] for d in e["disputes"]})],
                "_start": ev.date,
                "_end": ev.date_end or ev.date,
            }
        )
        texts = [e["place"], e["type"], e["event_type"], e["actor1"] or "", e["actor2"] or "", *names]
        texts += [self.claims[c]["text"] for c in e["claims"] if c in self.claims]
        e["_text"] = "\n".join(texts).casefold()
        self.events.append(e)
        self.event_by_id[e["id"]] = e
        for did in docs:
            if did in self.documents:
                self.documents[did]["events"].append(e["id"])
        for d in e["disputes"]:
            self._mark_disputed(d)

    def _mark_disputed(self, d: dict[str, Any]) -> None:
        """A claim is disputed by others when another position of the same dispute is held by another
        source."""
        holders = [{self.claims[c]["source_id"] for c in p["claims"] if c in self.claims} for p in d["positions"]]
        for p, mine in zip(d["positions"], holders, strict=True):
            others = set().union(*(h for h in holders if h is not mine)) if len(holders) > 1 else set()
            for cid in p["claims"]:
                c = self.claims.get(cid)
                if c and others - {c["source_id"]}:
                    disputed = self.sources[c["source_id"]]["disputed"]
                    if cid not in disputed:
                        disputed.append(cid)

    def filter(self, f: EventFilter) -> list[dict[str, Any]]:
        return [e for e in self.events if f.match(e)]

    def undated_hidden(self, f: EventFilter) -> int:
        """Undated events the filter leaves out only because it asks for dates: said, never silent."""
        if not (f.date_from or f.date_to):
            return 0
        undated = replace(f, date_from=None, date_to=None)
        return sum(1 for e in self.events if e["_start"] is None and undated.match(e))

    def inferred_hidden(self, f: EventFilter) -> int:
        """Events the date filter leaves out whose date is only inferred (it may be the wrong year)."""
        if not (f.date_from or f.date_to):
            return 0
        undated = replace(f, date_from=None, date_to=None)
        return sum(
            1
            for e in self.events
            if e["_start"] is not None
            and (e["date_inferred"] or e["year_guessed"])
            and undated.match(e)
            and not f.match(e)
        )

    def history_hidden(self, f: EventFilter) -> int:
        """Events reported as history that the filter would show if history were asked for."""
        if f.historical:
            return 0
        history = replace(f, historical=True)
        return sum(1 for e in self.events if e["historical"] and history.match(e))

    def facets(self) -> dict[str, Any]:
        def uniq(key: str) -> list[str]:
            return sorted({e[key] for e in self.events if e.get(key)})

        days = [e["_start"] for e in self.events if e["_start"]] + [
            e["_end"] for e in self.events if e["_end"]
        ]
        regions: dict[str, set[str]] = {}
        for e in self.events:
            if e["admin1"]:
                regions.setdefault(e["country"] or "", set()).add(e["admin1"])
        return {
            "countries": uniq("country"),
            "country_names": {c: country_label(c) for c in uniq("country")},
            "admin1": uniq("admin1"),
            "admin1_by_country": {c: sorted(r) for c, r in sorted(regions.items())},
            "undated": sum(1 for e in self.events if not e["_start"] and not e["historical"]),
            "event_types": uniq("event_type"),
            "sub_event_types": uniq("sub_event_type"),
            "sources": sorted({s["name"] for s in self.sources.values()}, key=str.casefold),
            "date_min": min(days).isoformat() if days else None,
            "date_max": max(days).isoformat() if days else None,
        }

    def event_summary(self, e: dict[str, Any]) -> dict[str, Any]:
        keys = (
            "id",
            "event_type",
            "sub_event_type",
            "type",
            "date",
            "date_end",
            "date_precision",
            "date_inferred",
            "year_guessed",
            "date_text",
            "date_note",
            "historical",
            "country",
            "country_name",
            "admin1",
            "location",
            "place",
            "latitude",
            "longitude",
            "geo_precision",
            "actor1",
            "actor2",
            "fatalities",
            "n_sources",
            "source_names",
            "disputed_fields",
            "disputed_labels",
            "counts",
            "counts_text",
            "actors",
        )
        return {k: e[k] for k in keys}

    def source_summary(self, s: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": s["id"],
            "name": s["name"],
            "kind": s["kind"],
            "country": s["country"],
            "n_claims": len(s["claims"]),
            "n_disputed": len(s["disputed"]),
        }


class CatalogCache:
    """The catalog of a store, rebuilt when the store changed: its row counts or its set of events (a
    relink can keep the counts and change the events). Checked at most every ``interval`` seconds."""

    def __init__(self, store: Store, interval: float = 1.0) -> None:
        self.store = store
        self.interval = interval
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._checked = 0.0
        self._catalog: Catalog | None = None

    def _fingerprint(self) -> tuple[Any, ...]:
        from sqlalchemy import select

        from rashomon.store.tables import EventRow

        digest = hashlib.blake2b(digest_size=16)
        with self.store.session() as s:
            for eid in s.scalars(select(EventRow.id).order_by(EventRow.id)):
                digest.update(eid.encode() + b"\0")
        return (*self.store.counts().values(), digest.hexdigest())

    def get(self) -> Catalog:
        with self._lock:
            now = time.monotonic()
            if self._catalog is None or now - self._checked >= self.interval:
                key = self._fingerprint()
                self._checked = now
                if self._catalog is None or key != self._key:
                    self._catalog = Catalog.build(self.store)
                    self._key = key
            return self._catalog
