"""What the event and source pages (and their API twins) show, built from the catalog: an event with its
counts, disputes and evidence cards in plain words; the "Rashomon view" (sources down the side, fields
across); a source's claims over time; the outlets one by one; filtered exports."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from fastapi.responses import Response

from rashomon.export import export_csv, export_geojson, export_json
from rashomon.present.labels import actor_label, date_label, field_label, place_label, value_label
from rashomon.serve.catalog import Catalog
from rashomon.store import Store

__all__ = [
    "event_detail",
    "rashomon_view",
    "reports",
    "source_detail",
    "outlets",
    "export_response",
    "cards",
]

# the columns of the Rashomon view, in reading order; fields a claim carries that are not here follow
COLUMNS = (
    ("actor1", "Who acted"),
    ("initiator", "Who started it"),
    ("territory", "On whose territory"),
    ("location", "Where"),
    ("date", "When"),
    ("killed", "Killed"),
    ("wounded", "Wounded"),
    ("captured", "Captured"),
    ("missing", "Missing"),
    ("displaced", "Displaced"),
    ("civilian_targeting", "Were civilians targeted?"),
    ("activity", "What they were doing"),
)
_MEDIA = {"json": "application/json", "csv": "text/csv; charset=utf-8", "geojson": "application/geo+json"}


def cards(claims: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Evidence cards: one per statement (the same span of the same document is one card, however many
    claims were read from it), each with the claim's source, stance, and its document's outlet, title, date."""
    out: dict[tuple[str, int, int], dict[str, Any]] = {}
    for c in claims:
        key = (c["document"], c["start"], c["end"])
        if key in out:
            if c["source"] not in out[key]["also"] and c["source"] != out[key]["source"]:
                out[key]["also"].append(c["source"])
            continue
        out[key] = {**c, "text": c["text"].strip().strip("\"“”").strip(), "also": []}
    return list(out.values())


def speaker(c: dict[str, Any]) -> str:
    """Who speaks, with the outlet's own voice named by its outlet."""
    if c["source_kind"] == "outlet" and c.get("outlet"):
        return f"{c['outlet']} (own voice)"
    return c["source"]


def event_detail(c: Catalog, e: dict[str, Any]) -> dict[str, Any]:
    """An event with its claims grouped by source and its disputes laid out position by position."""
    claims = [c.claims[i] for i in e["claims"] if i in c.claims]
    by_source: dict[str, list[dict[str, Any]]] = {}
    for cl in sorted(claims, key=lambda x: (speaker(x).casefold(), x["document"], x["start"])):
        by_source.setdefault(speaker(cl), []).append(cl)
    disputes = []
    for d in e["disputes"]:
        positions = []
        for p in d["positions"]:
            ev = [c.claims[i] for i in p["claims"] if i in c.claims]
            positions.append(
                {
                    "value": p["value"],
                    "label": value_label(d["field"], p["value"]),
                    "claims": p["claims"],
                    "sources": sorted({x["source"] for x in ev}, key=str.casefold),
                    "evidence": cards(ev),
                }
            )
        disputes.append({"field": d["field"], "label": field_label(d["field"]), "positions": positions})
    counts = [
        {**n, "sources": sorted({c.claims[i]["source"] for i in n["claims"] if i in c.claims})}
        for n in e["counts"]
    ]
    event = {k: v for k, v in e.items() if not k.startswith("_")}
    return {
        "event": event,
        "place": e["place"],
        "counts": counts,
        "disputes": disputes,
        "claims": claims,
        "by_source": {k: cards(v) for k, v in by_source.items()},
        "compare": rashomon_view(claims),
    }


def _cell_value(field: str, value: Any) -> Any:
    if field == "location" and isinstance(value, dict):
        return value.get("name") or value_label(field, value)
    return value


def rashomon_view(claims: list[dict[str, Any]]) -> dict[str, Any]:
    """Sources down the side, fields across; each cell lists what that source claims for that field, with
    its stance ('denied' reads 'not X'). ``values`` in a cell is what it amounts to, for comparing cells."""
    rows: dict[str, dict[str, Any]] = {}
    fields: set[str] = set()
    for cl in claims:
        who = speaker(cl)
        row = rows.setdefault(
            who,
            {
                "source": who,
                "kind": cl["source_kind"],
                "country": cl["source_country"],
                "source_id": cl["source_id"],
                "cells": {},
            },
        )
        for f, v in cl["fields"].items():
            fields.add(f)
            v = _cell_value(f, v)
            label = value_label(f, v)
            cell = row["cells"].setdefault(f, {"items": [], "values": []})
            amounts = label if cl["stance"] != "denied" else f"not {label}"
            if amounts in cell["values"]:
                continue
            cell["values"].append(amounts)
            cell["items"].append({"label": label, "stance": cl["stance"], "claim": cl["id"], "document": cl["document"]})
    known = [(f, t) for f, t in COLUMNS if f in fields]
    others = [(f, field_label(f)) for f in sorted(fields - {f for f, _ in COLUMNS})]
    columns = [{"field": f, "label": t} for f, t in known + others]
    ordered = sorted(rows.values(), key=lambda r: (r["kind"] == "outlet", r["source"].casefold()))
    return {"columns": columns, "rows": ordered}


def reports(store: Store, c: Catalog, e: dict[str, Any]) -> list[dict[str, Any]]:
    """How each report tells the event: per document that mentions it, the date, place, type and
    parties that document gives (reports often disagree on the date as much as on the toll)."""
    out = []
    for r in store.mention_records(ids=e["mentions"]):
        m = r.mention
        doc = c.documents.get(r.document, {})
        when = {
            "date": m.date.isoformat() if m.date else None,
            "date_end": m.date_end.isoformat() if m.date_end else None,
            "date_precision": m.date_precision,
        }
        where = {"location": m.location, "admin1": m.admin1, "country": m.country}
        parties = [actor_label({"name": a.name, "country": a.country, "kind": a.kind}) for a in m.actors]
        if not parties:
            parties = [a for a in (m.actor1, m.actor2) if a]
        out.append(
            {
                "document": r.document,
                "title": doc.get("title") or doc.get("source") or r.document,
                "outlet": doc.get("outlet_name"),
                "published": doc.get("published"),
                "when": date_label(when),
                "inferred": m.date_inferred or bool(doc.get("published_inferred") and m.date),
                "where": place_label(where),
                "what": m.sub_event_type or m.event_type,
                "who": "; ".join(parties),
            }
        )
    return sorted(out, key=lambda x: (x["published"] or "", x["title"]))


def _claim_day(c: Catalog, cl: dict[str, Any]) -> str | None:
    ev = c.event_by_id.get(cl["event"] or "")
    return (ev and ev["date"]) or cl["published"]


def source_detail(c: Catalog, s: dict[str, Any]) -> dict[str, Any]:
    """One source's claims over time (by the event's date, else the document's), each with its event,
    fields in plain words, stance, and whether another source disputes it."""
    disputed = set(s["disputed"])
    items = []
    for cid in s["claims"]:
        cl = c.claims[cid]
        ev = c.event_by_id.get(cl["event"] or "")
        items.append(
            {
                **cl,
                "day": _claim_day(c, cl),
                "event_obj": ev,
                "disputed": cid in disputed,
                "says": [f"{field_label(f)}: {value_label(f, _cell_value(f, v))}" for f, v in cl["fields"].items()],
            }
        )
    items.sort(key=lambda x: (x["day"] is None, x["day"] or "", x["document"], x["start"]))
    return {"source": s, "claims": items, "undated": sum(1 for x in items if x["day"] is None)}


def outlets(c: Catalog) -> list[dict[str, Any]]:
    """Every outlet (or, when a document names none, its source file or address) one by one, with its
    documents, the claims read from them, and how many of those are in the outlet's own voice."""
    out: dict[str, dict[str, Any]] = {}
    for d in c.documents.values():
        name = d["outlet_name"] or d["source"]
        o = out.setdefault(
            name, {"name": name, "named": bool(d["outlet_name"]), "documents": [], "claims": 0, "own_voice": 0}
        )
        o["documents"].append(d)
        o["claims"] += len(d["claims"])
        o["own_voice"] += sum(1 for i in d["claims"] if c.claims[i]["source_kind"] == "outlet")
    return sorted(out.values(), key=lambda o: (not o["named"], -o["claims"], o["name"].casefold()))


def export_response(store: Store, fmt: str, event_ids: list[str]) -> Response:
    """An export of exactly these events; ``x-total-count`` says how many before anyone opens the file."""
    if fmt == "csv":
        body = export_csv(store, event_ids)
    elif fmt == "geojson":
        body = json.dumps(export_geojson(store, event_ids), ensure_ascii=False)
    else:
        body = json.dumps(export_json(store, event_ids), ensure_ascii=False, indent=1)
    return Response(
        body,
        media_type=_MEDIA[fmt],
        headers={
            "content-disposition": f'attachment; filename="rashomon-events.{fmt}"',
            "x-total-count": str(len(event_ids)),
        },
    )
