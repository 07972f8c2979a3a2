#!/usr/bin/env python3
"""Derive Rashomon's party tables from the PETRARCH2 / Phoenix actor dictionaries (MIT).

    python3 scripts/build_parties.py PHOENIX_DIR OUT_DIR

PHOENIX_DIR holds Phoenix.MilNonState.actors.txt, Phoenix.Countries.actors.txt and
Phoenix.agents.txt (repository openeventdata/petrarch2, petrarch2/data/dictionaries/) and their
LICENSE. Writes into OUT_DIR:

- parties_named.tsv: alias<TAB>name<TAB>ISO3<TAB>kind - named armed groups (MilNonState: every
  entry, kind "rebels") and named state forces (Countries: institutions whose current CAMEO code is
  a country's MIL, COP or SPY, kind "state forces"; their name is ACLED's "Military Forces of X" /
  "Police Forces of X", filled in when read, so the name column holds "MIL"/"COP").
- parties_agents.tsv: phrase<TAB>role - generic agent nouns ("soldier", "gunmen", "protester") with
  the CAMEO role of their code (MIL, COP, REB, UAF, CVL, OPP, LAB, EDU, CRM, SPY), singular and plural.
- parties_country_words.tsv: alias<TAB>ISO3 - a country's other names in the Countries dictionary (its
  regions, cities, spellings: "Puntland", "Lagos"), which give a state's forces their country
  ("Lagos police").
- PETRARCH2-LICENSE: the dictionaries' licence.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pycountry

ROLES_AGENT = {"MIL", "COP", "REB", "UAF", "CVL", "OPP", "LAB", "EDU", "CRM", "SPY"}
STATE_ROLES = {"MIL": "MIL", "COP": "COP", "SPY": "MIL"}
_SMALL = {"of", "the", "and", "in", "for", "al", "de", "la", "du", "des", "el"}
_CODE = re.compile(r"\[([A-Z~]*)(?:\s+([^\]]*))?\]")


def _iso3(code: str) -> str | None:
    c = pycountry.countries.get(alpha_3=code[:3]) if len(code) >= 3 else None
    return c.alpha_3 if c else None


def _phrase(raw: str) -> str:
    """'ISLAMIC_ARMY_OF_ADEN_(IAA)_' -> 'ISLAMIC ARMY OF ADEN (IAA)'."""
    return re.sub(r"\s+", " ", raw.replace("_", " ")).strip(" +")


def _split_acronym(p: str) -> list[str]:
    """A name with its bracketed acronym gives both: 'BASQUE ... (ETA)' -> name, 'ETA'; a bracketed
    country or translation ('PEOPLE'S REVOLUTIONARY ARMY (ARGENTINA)', 'TANZIM (ORGANIZATION)') is
    no name of the group: the name alone."""
    m = re.fullmatch(r"(.*?)\s*\(([^)]+)\)\s*", p)
    if not m:
        return [p]
    return [m.group(1), m.group(2)] if _abbreviates(m.group(2), m.group(1)) else [m.group(1)]


def _abbreviates(short: str, long: str) -> bool:
    """Whether short is an abbreviation of long (Schwartz and Hearst): its letters appear in long in
    order, the first at the start of one of long's words."""
    s = re.sub(r"[^a-z0-9]", "", short.lower())
    words = re.findall(r"[a-z0-9]+", long.lower())
    if not s or not any(w.startswith(s[0]) for w in words):
        return False
    rest = " ".join(w for i, w in enumerate(words) if i >= next(i for i, w in enumerate(words) if w.startswith(s[0])))
    k = 0
    for ch in rest:
        if k < len(s) and ch == s[k]:
            k += 1
    return k == len(s)


def _title(p: str) -> str:
    """'AL-SHABAAB' -> 'Al Shabaab', 'LORD'S RESISTANCE ARMY' -> "Lord's Resistance Army": ACLED writes
    the Arabic article without a hyphen."""
    p = re.sub(r"\b(AL|EL|AS|ASH|AN)-", r"\1 ", p)
    words = []
    for i, w in enumerate(p.split(" ")):
        lw = w.lower()
        if i and lw in _SMALL and lw not in ("al", "el"):
            words.append(lw)
        elif len(w) <= 4 and w.isupper() and w.isalpha() and len(re.findall(r"[AEIOUY]", w)) <= 1:
            words.append(w)  # an acronym
        else:
            words.append("-".join(x[:1].upper() + x[1:].lower() for x in w.split("-")))
    return " ".join(words)


def blocks(path: Path):
    """(names, codes) per dictionary entry: a name line, '+' alias lines, then '[CODE dates]' lines
    (or the code on the name line)."""
    names: list[str] = []
    codes: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            if names:
                yield names, codes
            names, codes = [], []
            continue
        found = _CODE.findall(line)
        text = _CODE.sub("", line).strip()
        if raw[:1] in (" ", "\t") and found:
            codes.extend(found)
            continue
        if text.startswith("+"):
            names.extend(t for t in text.split("+") if t.strip())
        elif text:
            if codes:  # a new entry starts right after the last one's codes
                yield names, codes
                names, codes = [], []
            names.append(text)
        codes.extend(found)
    if names:
        yield names, codes


def _current(codes: list[tuple[str, str]]) -> str | None:
    """The code in force now: undated, or '>date' (open-ended)."""
    for code, dates in reversed(codes):
        if not dates.strip() or dates.strip().startswith(">"):
            return code
    return None


def named(phoenix: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    for names, codes in blocks(phoenix / "Phoenix.MilNonState.actors.txt"):
        code = _current(codes) or ""
        canon = _title(_split_acronym(_phrase(names[0]))[0])
        for n in names:
            for alias in _split_acronym(_phrase(n)):
                rows.append((alias, canon, _iso3(code) or "", "rebels"))
    for names, codes in blocks(phoenix / "Phoenix.Countries.actors.txt"):
        code = _current(codes) or ""
        iso, role = _iso3(code), code[3:6]
        if iso and role in STATE_ROLES:
            kind, name = "state forces", STATE_ROLES[role]
        elif iso and role == "REB":
            kind, name = "rebels", _title(_split_acronym(_phrase(names[0]))[0])
        else:
            continue
        for n in names:
            for alias in _split_acronym(_phrase(n)):
                rows.append((alias, name, iso, kind))
    out, seen = [], set()
    for alias, name, iso, kind in rows:
        key = alias.casefold()
        if len(alias) < 2 or key in seen or not re.search(r"[A-Za-z]", alias):
            continue
        seen.add(key)
        out.append((alias, name, iso, kind))
    return sorted(out, key=lambda r: r[0].casefold())


def country_words(phoenix: Path) -> list[tuple[str, str]]:
    """Other names the Countries dictionary gives a country (its regions, cities and spellings:
    'PUNTLAND' under SOMALIA, 'LAGOS' under NIGERIA): alias, ISO3."""
    out: dict[str, tuple[str, str]] = {}
    for names, codes in blocks(phoenix / "Phoenix.Countries.actors.txt"):
        iso = _iso3(codes[0][0]) if len(codes) == 1 and len(codes[0][0]) == 3 and not codes[0][1] else None
        if not iso:
            continue
        for n in names:
            alias = _title(_phrase(n))
            if len(alias) > 2 and re.fullmatch(r"[A-Za-z][A-Za-z .'\-]*", alias):
                out.setdefault(alias.casefold(), (alias, iso))
    return sorted(out.values())


def _plural(w: str) -> str:
    if w.endswith("man"):
        return w[:-3] + "men"
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    if w.endswith(("s", "x", "ch", "sh")):
        return w + "es"
    return w + "s"


def agents(phoenix: Path) -> list[tuple[str, str]]:
    out: dict[str, str] = {}
    for raw in (phoenix / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0]
        m = re.match(r"\s*([A-Z][A-Z_'\-]*)\s*(?:\{([^}]*)\})?\s*\[~([A-Z]{3})", line)
        if not m or m.group(3) not in ROLES_AGENT or "!" in line:
            continue
        word = _phrase(m.group(1)).lower()
        forms = [word]
        forms += [_phrase(x).lower() for x in (m.group(2) or "").split()] or []
        if not m.group(2) and not word.endswith("s"):
            forms.append(_plural(word))
        for f in forms:
            if f:
                out.setdefault(f, m.group(3))
    return sorted(out.items())


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    phoenix, dest = Path(argv[1]), Path(argv[2])
    dest.mkdir(parents=True, exist_ok=True)
    head = ("# Derived by scripts/build_parties.py from the PETRARCH2 / Phoenix actor dictionaries\n"
            "# (openeventdata/petrarch2, petrarch2/data/dictionaries/; MIT, see PETRARCH2-LICENSE).\n")
    with open(dest / "parties_named.tsv", "w", encoding="utf-8") as f:
        f.write(head + "# alias\tname (MIL/COP: the country's military/police forces)\tISO3\tkind\n")
        for row in named(phoenix):
            f.write("\t".join(row) + "\n")
    with open(dest / "parties_agents.tsv", "w", encoding="utf-8") as f:
        f.write(head + "# phrase\tCAMEO role\n")
        for row in agents(phoenix):
            f.write("\t".join(row) + "\n")
    with open(dest / "parties_country_words.tsv", "w", encoding="utf-8") as f:
        f.write(head + "# a country's other name (a region, a city, a spelling)\tISO3\n")
        for row in country_words(phoenix):
            f.write("\t".join(row) + "\n")
    shutil.copyfile(phoenix / "LICENSE", dest / "PETRARCH2-LICENSE")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
