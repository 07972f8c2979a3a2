"""The store keeps linking blocks but knows no blocking rule: the caller hands it one."""

from __future__ import annotations

from datetime import date

from rashomon.model import Document, Mention, Reading
from rashomon.store import Store


def _reading() -> Reading:
    return Reading(mentions=[Mention("Battles", "Armed clash", date(2022, 3, 1), country="UKR")])


def _doc(text: str = "Fighting near Kharkiv on 1 March.") -> Document:
    return Document(text=text, source="a.txt", published=date(2022, 3, 2))


def test_blocks_come_from_the_rule_the_caller_gives(tmp_path) -> None:
    store = Store.open(tmp_path / "b.db")
    store.add_document(_doc(), _reading(), lambda m: [f"{m.country}:x", f"{m.country}:y"])
    assert store.counts()["mention_blocks"] == 2
    other = _doc("Shelling near Kharkiv on 1 March.")
    store.add_document(other, _reading(), lambda m: [f"{m.country}:y"])
    # the first document's mention shares block UKR:y with the second one: re-linking it needs both
    assert store.link_scope([_doc().id]) == {f"{_doc().id}-m0", f"{other.id}-m0"}


def test_without_a_rule_no_blocks_are_stored(tmp_path) -> None:
    store = Store.open(tmp_path / "b.db")
    assert store.add_document(_doc(), _reading())
    assert store.counts()["mention_blocks"] == 0


def test_rebuild_blocks_applies_the_new_rule(tmp_path) -> None:
    store = Store.open(tmp_path / "b.db")
    store.add_document(_doc(), _reading(), lambda m: ["old"])
    assert store.rebuild_blocks(lambda m: [f"{m.country}:1", f"{m.country}:2", f"{m.country}:3"]) == 3
    assert store.counts()["mention_blocks"] == 3
