"""The README documents every command, and starts with the two commands that matter."""

from __future__ import annotations

from conftest import ROOT


def test_every_command_is_documented():
    from rashomon.cli import app

    readme = (ROOT / "README.md").read_text()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names, "no commands registered"
    for name in names:
        assert f"### `rashomon {name}`" in readme, f"command {name!r} is not documented in README.md"


def test_quick_start_commands_come_first():
    readme = (ROOT / "README.md").read_text()
    blocks = readme.split("```bash")[1:3]
    assert "scripts/setup.sh" in blocks[0] and "ingest" in blocks[0] and "samples/" in blocks[0]
    assert "scripts/setup.sh --dev" in blocks[1] and "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert blocks[1].strip().splitlines()[0] in ci
