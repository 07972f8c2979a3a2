"""Export: the store as the JSON contract, an ACLED-style CSV, or GeoJSON.

    data = export_json(store)            # dict following ../shared/spec/export-contract.md
    write(store, "csv", "events.csv")

Public surface: ``export_json``, ``export_csv``, ``export_geojson``, ``write``, ``FORMATS``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from rashomon.model import EVENT_FIELDS, INTER_CODE, Event
from rashomon.store import Store

__all__ = ["export_json", "export_csv", "export_geojson", "write", "FORMATS", "SCHEMA_VERSION", "event_json"]

SCHEMA_VERSION = 2


def _day(d) -> str | None:
    return d.isoformat() if d else None


# how the event fields that are not plain JSON values are written; the rest go as they are
_EVENT_JSON: dict[str, Callable[[Any], Any]] = {
    "date": _day,
    "date_end": _day,
    "actors": lambda actors: [a.to_json() for a in actors],
}


def event_json(e: Event) -> dict[str, Any]:
    """One event as the contract writes it: its id, the event fields (``model.EVENT_FIELDS``), then
    what merging found (counts, disputes, claims, mentions, why)."""
    fields = {f: getattr(e, f) for f in EVENT_FIELDS}
    for f, write in _EVENT_JSON.items():
        fields[f] = write(fields[f])
    return {
        "id": e.id, **fields,
        "counts": [c.to_json() for c in e.counts], "disputes": [d.to_json() for d in e.disputes],
        "claims": list(e.claims), "mentions": list(e.mentions), "explanation": list(e.explanation),
    }


def export_json(store: Store, event_ids: Collection[str] | None = None) -> dict[str, Any]:
    """The whole store, or with ``event_ids`` only those events with their claims and documents."""
    keep_events = None if event_ids is None else set(event_ids)
    events = [event_json(e) for e in store.events() if keep_events is None or e.id in keep_events]
    keep_claims = None if keep_events is None else {c for e in events for c in e["claims"]}
    event_of = store.claim_events()
    claims = [{
        "id": c.id, "document": c.document_id, "start": c.start, "end": c.end, "text": c.text,
        "source": {"name": c.source.name, "country": c.source.country, "kind": c.source.kind},
        "stance": c.stance, "event": event_of.get(c.id), "fields": c.fields,
    } for c in store.claims() if keep_claims is None or c.id in keep_claims]
    keep_docs = None if keep_claims is None else {c["document"] for c in claims}
    docs = []
    for d in store.documents():
        if keep_docs is not None and d.id not in keep_docs:
            continue
        docs.append({
            "id": d.id, "source": d.source, "title": d.title, "outlet": d.outlet, "url": d.url,
            "published": _day(d.published), "published_inferred": d.published_inferred, "text": d.text,
            "places": [{"start": p.start, "end": p.end, "name": p.name, "latitude": p.latitude,
                        "longitude": p.longitude, "country": p.country, "admin1": p.admin1,
                        "feature": p.feature, "gazetteer_id": p.gazetteer_id} for p in d.places],
        })
    # an event from an article with no date at all has date null (and a null country when the article
    # names none): still an event, with its claims, for the analyst to date and place
    return {"schema_version": SCHEMA_VERSION, "documents": docs, "events": events, "claims": claims}


# ACLED's column names where ACLED has the column; the rest are Rashomon's own.
CSV_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country", "iso3", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "date_end", "historical", "n_sources",
    "n_claims", "disputed_fields", "counts",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """Spreadsheets execute cells that begin with = + - @ (and tab/CR): prefix those with a quote.
    Numbers stay numbers (a negative longitude is not a formula); a bare CR, which some readers take
    for a row break, becomes a newline so the cell stays quoted and whole."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        return str(value)
    s = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "'" + s if s.startswith(_FORMULA_START) else s


def _country_name(iso3: str | None) -> str:
    if not iso3:
        return ""
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    return getattr(c, "common_name", None) or (c.name if c else iso3)


def _disorder(event_type: str) -> str:
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type in ("Strategic developments", "Diplomacy"):
        return "Strategic developments"
    return "Political violence"


def _event_sources(store_data: dict[str, Any]) -> dict[str, list[str]]:
    docs = {d["id"]: d for d in store_data["documents"]}
    claims = {c["id"]: c for c in store_data["claims"]}
    out: dict[str, list[str]] = {}
    for e in store_data["events"]:
        names = []
        for cid in e["claims"]:
            c = claims.get(cid)
            if c:
                d = docs.get(c["document"], {})
                for n in (d.get("outlet") or d.get("source"), c["source"]["name"]):
                    if n and n not in names:
                        names.append(n)
        out[e["id"]] = names
    return out


def acled_parties(e: dict[str, Any]) -> dict[str, Any]:
    """ACLED's party columns from an exported event: actor1/actor2 (the victims stand as actor2 when
    no one fought back), their associated actors, inter codes and the interaction code (the two inter
    codes, smaller first; one actor alone is its code times ten)."""
    actors = e.get("actors") or []
    by_role: dict[str, list[dict[str, Any]]] = {}
    for a in actors:
        by_role.setdefault(a["role"], []).append(a)
    first = next(iter(by_role.get("actor1") or []), None)
    second = next(iter(by_role.get("actor2") or by_role.get("victim") or []), None)
    assoc = [a["name"] for a in by_role.get("associated", [])]
    inter = [INTER_CODE.get(a["kind"], 3) if a else None for a in (first, second)]
    codes = sorted(i for i in inter if i is not None)
    return {
        "actor1": first["name"] if first else e.get("actor1"),
        "assoc_actor_1": "; ".join(assoc),
        "inter1": inter[0] if inter[0] is not None else "",
        "actor2": second["name"] if second else e.get("actor2"),
        "assoc_actor_2": "; ".join(a["name"] for a in by_role.get("victim", [])[1:] if second),
        "inter2": inter[1] if inter[1] is not None else "",
        "interaction": (codes[0] * 10 + codes[1] if len(codes) == 2 else codes[0] * 10) if codes else "",
    }


def export_csv(store: Store, event_ids: Collection[str] | None = None) -> str:
    data = export_json(store, event_ids)
    sources = _event_sources(data)
    claims = {c["id"]: c for c in data["claims"]}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    prec = {"day": 1, "week": 2, "month": 3, "year": 3}
    for e in data["events"]:
        killed = [c for c in e["counts"] if c["kind"] == "killed"]
        notes = " ".join(claims[c]["text"] for c in e["claims"][:3] if c in claims)
        docs = {claims[c]["document"] for c in e["claims"] if c in claims}
        row = {
            "event_id_cnty": e["id"], "event_date": e["date"], "year": (e["date"] or "")[:4],
            "time_precision": prec.get(e["date_precision"], 3),
            "disorder_type": _disorder(e["event_type"]), "event_type": e["event_type"],
            "sub_event_type": e["sub_event_type"], **acled_parties(e),
            "country": _country_name(e["country"]), "iso3": e["country"], "admin1": e["admin1"],
            "location": e["location"], "latitude": e["latitude"], "longitude": e["longitude"],
            "geo_precision": e["geo_precision"], "source": "; ".join(sources.get(e["id"], [])),
            "source_scale": "", "notes": notes[:2000],
            "fatalities": sum(c["low"] for c in killed), "tags": "historical" if e["historical"] else "",
            "date_end": e["date_end"], "historical": e["historical"], "n_sources": len(docs),
            "n_claims": len(e["claims"]), "disputed_fields": "; ".join(d["field"] for d in e["disputes"]),
            "counts": "; ".join(f"{c['kind']} {c.get('party') or c['side'] or '?'} {c['low']}/{c['best']}/"
                                f"{c['high'] if c['high'] is not None else '+'}" for c in e["counts"]),
        }
        w.writerow([safe_cell(row[k]) for k in CSV_COLUMNS])
    return buf.getvalue()


def export_geojson(store: Store, event_ids: Collection[str] | None = None) -> dict[str, Any]:
    data = export_json(store, event_ids)
    feats = []
    for e in data["events"]:
        if e["latitude"] is None or e["longitude"] is None:
            continue
        props = {k: v for k, v in e.items() if k not in ("latitude", "longitude")}
        feats.append({"type": "Feature", "id": e["id"],
                      "geometry": {"type": "Point", "coordinates": [e["longitude"], e["latitude"]]},
                      "properties": props})
    return {"type": "FeatureCollection", "features": feats}


FORMATS: dict[str, Callable[[Store], str]] = {
    "json": lambda s: json.dumps(export_json(s), ensure_ascii=False, indent=1),
    "csv": export_csv,
    "geojson": lambda s: json.dumps(export_geojson(s), ensure_ascii=False),
}


def write(store: Store, fmt: str, output: str | Path) -> None:
    """Write one export; output '-' is standard output."""
    text = FORMATS[fmt](store)
    if str(output) == "-":
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
    else:
        Path(output).write_text(text, encoding="utf-8")
