"""Plain words for what the pages show: country names for ISO codes, dates with their certainty, field
and dispute labels, counts per party ("Police Forces of Russia: 5 killed"). One place for every label,
used by the pages, the API's ``*_text`` fields and the terminal alike."""

from __future__ import annotations

from datetime import date
from typing import Any

from rashomon.country_names import country_name, demonym

__all__ = [
    "country_label",
    "date_label",
    "date_note",
    "field_label",
    "value_label",
    "count_label",
    "counts_label",
    "actor_label",
    "place_label",
    "FIELD_LABELS",
]

# a question or a heading people read, for each field a claim or a dispute can carry
FIELD_LABELS = {
    "territory": "On whose territory",
    "initiator": "Who started it",
    "civilian_targeting": "Were civilians targeted?",
    "activity": "What the people involved were doing",
    "killed": "Killed",
    "wounded": "Wounded",
    "captured": "Captured",
    "missing": "Missing",
    "displaced": "Displaced",
    "actor1": "Who acted",
    "actor2": "Against whom",
    "location": "Where",
    "date": "When",
    "event_type": "What happened",
}
_COUNTRY_FIELDS = {"territory", "initiator", "country", "side"}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def country_label(iso3: str | None) -> str | None:
    """'ARM' -> 'Armenia'; a value that is not a known code comes back unchanged."""
    if not iso3:
        return None
    if not (isinstance(iso3, str) and len(iso3) == 3 and iso3.isupper()):
        return iso3
    return country_name(iso3) or iso3


def _demonym(iso3: str) -> str:
    return demonym(iso3) or country_label(iso3) or iso3


def _day(d: str | date | None) -> date | None:
    if d is None or isinstance(d, date):
        return d
    try:
        return date.fromisoformat(d)
    except ValueError:
        return None


def _fmt(d: date, precision: str) -> str:
    if precision == "month":
        return f"{_MONTHS[d.month - 1]} {d.year}"
    if precision == "year":
        return str(d.year)
    text = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    return f"week of {text}" if precision == "week" else text


def date_label(e: dict[str, Any]) -> str:
    """An event's date as people read it, with its precision: '27 May 2021', 'week of 3 Mar 2024',
    'Feb 2024', '5 Mar 2024 to 6 Mar 2024', 'undated'. Certainty is said by ``date_note``."""
    start, end = _day(e.get("date")), _day(e.get("date_end"))
    if start is None:
        return "undated"
    precision = e.get("date_precision") or "day"
    text = _fmt(start, precision)
    if end and end != start:
        text += f" to {_fmt(end, 'day')}"
    return text


def date_note(e: dict[str, Any]) -> str | None:
    """How sure the date is, when it is not simply read from the text: None when it is."""
    if not e.get("date"):
        return "no date in the reports"
    if e.get("year_guessed"):
        return "inferred; the year is a guess"
    if e.get("date_inferred"):
        return "inferred from the publication date"
    return None


def value_label(field: str, value: Any) -> str:
    """A field's value in plain words: True -> 'Yes', 'ARM' -> 'Armenia', {'not': 'AZE'} -> 'not Azerbaijan',
    {'side': 'ARM', 'value': 6} -> 'Armenian side: 6'."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None:
        return "not said"
    if isinstance(value, dict):
        if set(value) == {"not"}:
            return f"not {value_label(field, value['not'])}"
        if "value" in value and ("side" in value or "party" in value):
            who = value.get("party") or (f"{_demonym(value['side'])} side" if value.get("side") else None)
            inner = value["value"]
            amount = "some, no figure given" if inner is None or inner is True else value_label(field, inner)
            return f"{who}: {amount}" if who else amount
        return ", ".join(f"{field_label(k)}: {value_label(k, v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(value_label(field, v) for v in value)
    if isinstance(value, str) and (field in _COUNTRY_FIELDS or (len(value) == 3 and value.isupper())):
        return country_label(value) or value
    return str(value)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field) or field.replace("_", " ").capitalize()


def _number(low: int, best: int, high: int | None) -> str:
    if high is None:
        return f"{best} or more" if low >= best else f"{best} ({low} or more)"
    if low == high:
        return str(best)
    return f"{best} ({low} to {high} in the reports)"


def count_label(c: dict[str, Any]) -> str:
    """One count: 'Police Forces of Russia: 5 killed', 'Armenian side: 49 or more killed',
    'side not stated: 3 wounded'."""
    who = c.get("party") or (f"{_demonym(c['side'])} side" if c.get("side") else "side not stated")
    return f"{who}: {_number(c['low'], c['best'], c.get('high'))} {c['kind']}"


def counts_label(counts: list[dict[str, Any]]) -> str:
    return "; ".join(count_label(c) for c in counts)


_KIND_WORDS = {
    "state forces": "state forces",
    "rebels": "rebels",
    "political militia": "political militia",
    "identity militia": "identity militia",
    "rioters": "rioters",
    "protesters": "protesters",
    "civilians": "civilians",
    "external forces": "foreign forces",
    "unidentified armed group": "unidentified armed group",
}
_ROLE_WORDS = {"actor1": "acted", "actor2": "acted against", "associated": "with", "victim": "hit"}


def actor_label(a: dict[str, Any]) -> str:
    """'Police Forces of Russia (state forces, Russia)'."""
    kind = _KIND_WORDS.get(a.get("kind") or "", a.get("kind") or "")
    bits = [kind if kind.casefold() not in a["name"].casefold() else ""]
    if a.get("country") and (country_label(a["country"]) or "") not in a["name"]:
        bits.append(country_label(a["country"]) or a["country"])
    extra = ", ".join(b for b in bits if b)
    return f"{a['name']} ({extra})" if extra else a["name"]


def role_label(role: str) -> str:
    return _ROLE_WORDS.get(role, role)


def place_label(e: dict[str, Any]) -> str:
    """'El Fasher, North Darfur, Sudan': the place from most to least precise, with the country's name."""
    parts = [e.get("location"), e.get("admin1"), country_label(e.get("country"))]
    out: list[str] = []
    for p in parts:
        if p and p not in out:
            out.append(p)
    return ", ".join(out) or "place unknown"
