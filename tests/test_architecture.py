"""The structure: data flows ingest -> read -> link -> reconcile -> store/export/serve with no arrow
back, and the facts several layers share are written once (issue 18). The import graph is read from
the source with ``ast`` (nothing is imported), so a forbidden edge fails here, before anyone notices
the web app loading spaCy."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from rashomon import model

SRC = Path(model.__file__).parent  # src/rashomon


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    return _imports_in(path.read_text(encoding="utf-8"), _module(path), path.name == "__init__.py")


def _imports_in(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every rashomon module a module's source imports, at the top or inside a function, absolute or
    relative."""
    tree = ast.parse(source)
    package = module.split(".") if is_package else module.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}  # "from rashomon import read" imports read
    return {m for m in out if m == "rashomon" or m.startswith("rashomon.")}


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in sorted(SRC.rglob("*.py"))}


def _edges(source: str, target: str) -> list[str]:
    """'importer -> imported' for every import from the ``source`` layer into the ``target`` layer."""

    def inside(module: str, layer: str) -> bool:
        return module == layer or module.startswith(layer + ".")

    return sorted(
        f"{m} -> {i}"
        for m, imported in _graph().items()
        if inside(m, source)
        for i in imported
        if inside(i, target)
    )


FORBIDDEN = [
    ("rashomon.store", "rashomon.link"),  # the store is handed linking's block keys, never computes them
    ("rashomon.ingest", "rashomon.read"),  # time expressions are shared through rashomon.timex
    ("rashomon.timex", "rashomon"),  # shared by ingest and read, it depends on neither
    # the terminal renders through rashomon.present, not the web layer; its `serve` command hands
    # uvicorn the web app's factory by name (cli.SERVE_FACTORY), it imports nothing of serve
    ("rashomon.cli", "rashomon.serve"),
    ("rashomon.serve", "rashomon.read"),  # the web app lists event types from model, without spaCy
    ("rashomon.serve", "rashomon.link"),
    ("rashomon.present", "rashomon.serve"),
    ("rashomon.present", "rashomon.read"),
    ("rashomon.model", "rashomon"),  # model is the bottom layer: it imports no other stage
    ("rashomon.country_names", "rashomon"),
]


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_no_import_against_the_flow(source: str, target: str) -> None:
    edges = [e for e in _edges(source, target) if not e.startswith(f"{source} -> {source}")]
    assert edges == []


def test_the_walker_sees_imports_inside_functions_and_relative_ones() -> None:
    source = "import os\nfrom . import labels\n\ndef f():\n    from rashomon.read.classify import EVENT_TYPES\n"
    assert _imports_in(source, "rashomon.serve.params") == {
        "rashomon.serve", "rashomon.serve.labels", "rashomon.read.classify", "rashomon.read.classify.EVENT_TYPES"
    }


def test_the_walker_finds_known_edges() -> None:
    # pipeline runs every stage (reading through the local pool): if the walker missed these, the
    # checks above would prove nothing
    assert "rashomon.scale.pool -> rashomon.read" in _edges("rashomon.scale.pool", "rashomon.read")
    assert "rashomon.pipeline -> rashomon.link" in _edges("rashomon.pipeline", "rashomon.link")


# -- one schema -----------------------------------------------------------------------------------


def test_event_fields_are_what_a_mention_and_an_event_both_say() -> None:
    mention = [f.name for f in dataclasses.fields(model.Mention)]
    event = [f.name for f in dataclasses.fields(model.Event)]
    assert set(model.EVENT_FIELDS) <= set(mention) & set(event)


def test_tables_store_and_export_use_the_event_fields() -> None:
    from rashomon.export import event_json
    from rashomon.store.tables import EventColumns, EventRow, MentionRow

    declared = [n for n in EventColumns.__annotations__]
    assert declared == list(model.EVENT_FIELDS)
    for row in (EventRow, MentionRow):
        assert set(model.EVENT_FIELDS) <= set(row.__table__.columns.keys())
    e = model.Event("e1", "Battles", "Armed clash", None, None, "day", False, "UKR", None, None, None, None, 3,
                    None, None)
    keys = list(event_json(e))
    assert keys[1 : 1 + len(model.EVENT_FIELDS)] == list(model.EVENT_FIELDS)


def test_claim_fields_key_every_count_kind_and_every_contested_field() -> None:
    # Claim.fields is typed by model.ClaimFields: a count kind or a disputable field it lacks would be
    # a key reading writes and reconcile reads with no type behind it
    from typing import get_args

    from rashomon.reconcile import DISPUTABLE

    keys = model.ClaimFields.__optional_keys__
    assert model.ClaimFields.__required_keys__ == frozenset()
    assert set(model.COUNT_KINDS) <= keys
    assert set(DISPUTABLE) == set(get_args(model.DisputableField)) and set(DISPUTABLE) <= keys
    assert {"location", "territory", "initiator"} <= keys


def test_the_taxonomy_is_the_readers() -> None:
    # reading classifies into model's taxonomy (classify re-exports it)
    from rashomon.read.classify import EVENT_TYPES

    assert EVENT_TYPES == model.EVENT_TYPES
    assert set(model.EVENT_TYPES.values()) == set(model.FAMILY)
