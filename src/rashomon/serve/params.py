"""The event filter's query parameters, written once: the event list and every export take the same ones,
so an export is exactly what the list shows."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query

from rashomon.model import EVENT_TYPES
from rashomon.serve.catalog import Catalog, EventFilter

__all__ = ["event_filter", "check_filter"]


def event_filter(
    date_from: Annotated[date | None, Query(description="events ending on or after this day (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="events starting on or before this day (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3 code")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="first-level region, exact name")] = None,
    event_type: Annotated[str | None, Query(max_length=100, description="event or sub-event type")] = None,
    disputed: Annotated[bool, Query(description="only events with at least one dispute")] = False,
    source: Annotated[str | None, Query(max_length=300, description="only events with a claim by this source")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text search in places, actors and claims")] = None,
    historical: Annotated[bool, Query(description="include events reported as history")] = False,
) -> EventFilter:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from ({date_from}) is after date_to ({date_to})")
    return EventFilter(
        date_from,
        date_to,
        country,
        admin1 or None,
        event_type or None,
        disputed,
        source or None,
        (q or "").strip() or None,
        historical,
    )


def check_filter(c: Catalog, f: EventFilter) -> None:
    """Refuse an event type nobody knows (a typo would otherwise answer 'no events')."""
    if not f.event_type:
        return
    known = {t.casefold() for e in c.events for t in (e["event_type"], e["sub_event_type"]) if t}
    if f.event_type.casefold() not in known and not _known_type(f.event_type):
        raise HTTPException(422, f"event_type: unknown event type {f.event_type!r}")


def _known_type(name: str) -> bool:
    names = {t.casefold() for t in EVENT_TYPES} | {t.casefold() for t in EVENT_TYPES.values()}
    return name.casefold() in names
