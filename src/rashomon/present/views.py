"""What the terminal shows of events: plain dicts built from the export's JSON (the web builds its own
in ``serve.catalog`` with the same ``labels``)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

__all__ = ["event_detail", "event_rows", "short_place"]

from rashomon.export import event_json
from rashomon.store import Store


def short_place(e: dict[str, Any]) -> str:
    """'El Fasher, North Darfur, SDN': the place from most to least precise, as codes (for the terminal)."""
    parts = [p for p in (e.get("location"), e.get("admin1"), e.get("country")) if p]
    out: list[str] = []
    for p in parts:
        if p not in out:
            out.append(p)
    return ", ".join(out) or "?"


def _counts(e: dict[str, Any]) -> str:
    return "; ".join(f"{c['kind']} {c.get('party') or c['side'] or '?'} {c['best']}"
                     f"{'+' if c['high'] is None else ''}" for c in e["counts"])


def event_rows(store: Store, include_historical: bool = False) -> list[dict[str, Any]]:
    docs_of = {c.id: c.document_id for c in store.claims()}
    rows = []
    for ev in store.events(include_historical=include_historical):
        e = event_json(ev)
        rows.append({
            "id": e["id"], "date": e["date"] + (f"..{e['date_end']}" if e["date_end"] else "") if e["date"] else "?",
            "type": e["sub_event_type"] or e["event_type"], "event_type": e["event_type"], "place": short_place(e),
            "counts": _counts(e), "sources": len({docs_of[c] for c in e["claims"] if c in docs_of}),
            "disputed": ", ".join(sorted({d["field"] for d in e["disputes"]})),
        })
    return rows


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """An event with its claims grouped by source, and its disputes with source names."""
    matches = [e for e in store.events() if e.id == event_id] or [
        e for e in store.events() if e.id.startswith(event_id)]
    if len(matches) != 1:
        return None
    e = event_json(matches[0])
    ids = set(e["claims"])
    docs = {d.id: d for d in store.documents()}
    claims: dict[str, dict[str, Any]] = {}
    for c in store.claims():
        if c.id in ids:
            d = docs.get(c.document_id)
            claims[c.id] = {"id": c.id, "source": c.source.name, "source_kind": c.source.kind,
                            "source_country": c.source.country, "stance": c.stance, "text": c.text,
                            "start": c.start, "end": c.end, "fields": c.fields, "document": c.document_id,
                            "document_source": d.source if d else "?", "document_title": d.title if d else None}
    by_source: dict[str, list[dict[str, Any]]] = OrderedDict()
    for row in sorted(claims.values(), key=lambda c: (c["source"], c["document"], c["start"])):
        by_source.setdefault(row["source"], []).append(row)
    disputes = [{"field": d["field"], "positions": [
        {"value": p["value"], "claims": p["claims"],
         "sources": sorted({claims[c]["source"] for c in p["claims"] if c in claims}),
         "evidence": [claims[c] for c in p["claims"] if c in claims]} for p in d["positions"]]}
        for d in e["disputes"]]
    return {"event": e, "place": short_place(e), "claims": list(claims.values()), "by_source": by_source,
            "disputes": disputes}
