"""Exports: the JSON contract, ACLED-style CSV with neutralised formulas, GeoJSON."""

from __future__ import annotations

import csv
import io
import json

from rashomon.export import CSV_COLUMNS, safe_cell


def test_safe_cell_neutralises_formulas():
    for bad in ("=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx"):
        assert safe_cell(bad).startswith("'")
    assert safe_cell("Kharkiv") == "Kharkiv" and safe_cell(None) == "" and safe_cell(12) == "12"


def test_exports_of_samples(tmp_path, cli):
    from conftest import SAMPLES

    db = tmp_path / "s.db"
    cli("ingest", "--db", db, SAMPLES)
    cli("export", "--db", db, "--format", "csv", "--output", tmp_path / "e.csv")
    cli("export", "--db", db, "--format", "geojson", "--output", tmp_path / "e.geojson")
    res = cli("export", "--db", db, "--format", "json", "--output", "-")
    data = json.loads(res.output)
    assert data["schema_version"] == 2 and len(data["documents"]) == 5
    for c in data["claims"]:
        doc = next(d for d in data["documents"] if d["id"] == c["document"])
        assert doc["text"][c["start"]:c["end"]] == c["text"]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "e.csv").read_text())))
    assert list(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == len(data["events"])
    gj = json.loads((tmp_path / "e.geojson").read_text())
    assert gj["type"] == "FeatureCollection"
    located = [e for e in data["events"] if e["latitude"] is not None]
    assert len(gj["features"]) == len(located)
    for f in gj["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
