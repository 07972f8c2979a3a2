"""`rashomon events` and `rashomon show` in the terminal."""

from __future__ import annotations


def test_events_and_show_on_the_seeds(seeds_export, cli):
    db = seeds_export["_db"]
    listing = cli("events", "--db", db).output
    capture = next(e for e in seeds_export["events"] if e["date"] == "2021-05-27" and not e["historical"])
    assert capture["id"] in listing and "territory" in listing
    shown = cli("show", capture["id"][:10], "--db", db).output
    assert "Why these mentions are one event" in shown and "same day 2021-05-27" in shown
    assert "territory:" in shown and "Ministry of Defense of Azerbaijan" in shown
    assert "[unconfirmed]" in shown and "[asserted]" in shown  # stances are printed, not eaten as markup
    missing = cli("show", "ev-nosuchevent", "--db", db, ok=False)
    assert missing.exit_code == 2 and "no event matches" in missing.output
