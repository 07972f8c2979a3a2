"""Country borders for the map: Natural Earth TopoJSON (npm ``world-atlas``, installed at setup) decoded
into plain GeoJSON polygons. No tile server, no network."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["topojson_features", "load_borders"]


def _arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    tr = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        if tr:
            (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
            x = y = 0
            pts = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                pts.append((round(x * sx + tx, 3), round(y * sy + ty, 3)))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        out.append(pts)
    return out


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(pts[1:] if ring else pts)
    return ring


def topojson_features(topo: dict[str, Any], obj: str) -> list[dict[str, Any]]:
    """The geometries of one TopoJSON object as GeoJSON features (Polygon and MultiPolygon only)."""
    arcs = _arcs(topo)
    feats = []
    for g in topo["objects"][obj]["geometries"]:
        if g.get("type") == "Polygon":
            polys = [g["arcs"]]
        elif g.get("type") == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        coords = [[_ring(r, arcs) for r in poly] for poly in polys]
        feats.append(
            {
                "type": "Feature",
                "id": g.get("id"),
                "properties": dict(g.get("properties") or {}),
                "geometry": {"type": "MultiPolygon", "coordinates": coords},
            }
        )
    return feats


@lru_cache(maxsize=2)
def load_borders(path: Path) -> dict[str, Any] | None:
    """Country borders as a FeatureCollection, or None when the setup has not installed them."""
    if not path.is_file():
        return None
    topo = json.loads(path.read_text(encoding="utf-8"))
    return {"type": "FeatureCollection", "features": topojson_features(topo, "countries")}
