"""Parties: who fought whom, named as ACLED names them.

    parties = find_parties(span)              # every party a sentence names, with its role there
    actors = mention_actors([parties, ...], event_type, sub_event_type, country)   # a mention's Actors
    party = count_party(start, end, group, parties, actors)    # whose people a figure counts
    who = initiator_party(parties, actors)    # who started it, where both sides are of one country

A party is recognised from general data (``data/parties_named.tsv`` and ``data/parties_agents.tsv``,
derived by scripts/build_parties.py from the PETRARCH2 actor dictionaries; ``data/parties_extra.tsv``
for widely reported names they lack) and normalised to ACLED's naming: state forces by country and
branch ("Nigerian troops" -> "Military Forces of Nigeria", "riot police" -> "Police Forces of <the
event's country>"), named groups by their usual name ("ISWAP" -> "Islamic State West Africa
Province"), generic parties by their kind and the event's country ("gunmen" -> "Unidentified Armed
Group (Mali)", "protesters" -> "Protesters (Belarus)", "villagers" -> "Civilians (Mali)"), generic
militias by ACLED's codebook (a "local", "communal", "ethnic" or "tribal" militia, or one the words
imply, "communal clashes", "a land dispute" -> identity militia "Unidentified Communal Militia (Kenya)";
a "paramilitary group" -> pro-government "Militia (Pro-Government)", a political militia). A named
group the tables lack ("the Zanga militia", "UPND cadres", "a rebel group called the X (ABBR)") keeps
the name the text gives.

Roles come from spaCy's parse: the subject of an active verb, the agent of a passive and the "X" of
"attack by X" acted (actor1); the object, the passive subject and the subject of "died" were acted on
(actor2, or victim when they are civilians).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from rashomon.country_names import country_name
from rashomon.model import GENERIC_PARTIES, Actor, as_actor_kind, as_actor_role, is_generic_party
from rashomon.read.countries import countries_in
from rashomon.read.nlp import doc_text

__all__ = ["Party", "find_parties", "mention_actors", "count_party", "initiator_party", "party_name", "is_generic_party"]

_MAX_WORDS = 7


@dataclass(frozen=True)
class Party:
    """One party named in a sentence: text[start:end], what it is, and what the sentence says it did."""

    start: int  # character offsets in the text the span was taken from
    end: int
    text: str
    category: str  # MIL, COP (state forces), ARM (non-state armed), CVL, PROTEST, RIOT, NAMED, a _MILITIA
    name: str | None = None  # a named party's name; None for a generic one (named once the country is known)
    country: str | None = None  # the country the text gives ("Nigerian troops"), else None
    kind: str = "unidentified armed group"
    role: str = "other"  # actor, target, other
    unidentified: bool = False  # "gunmen", "unknown attackers": not a group the article names elsewhere
    violent: bool = False  # the subject of a violent verb ("attacked", "beat", "clashed")
    of: str | None = None  # the body whose supporters or members they are ("PF" of "PF cadres")
    implied: bool = False  # a party the words imply ("communal clashes": communal militias), not one they name
    definite: bool = False  # "the attackers": someone the account has already told of


# --- the tables ---------------------------------------------------------------------------------------

def _rows(name: str) -> list[list[str]]:
    raw = resources.files("rashomon.read").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in raw.splitlines() if line and not line.startswith("#") and "\t" in line]


_FOLD_SPACES = re.compile(r"[\s_\-]+")
_SPACED_POSSESSIVE = re.compile(r" ' s$")  # "Boko Haram ' s" as the words' texts join


@lru_cache(maxsize=65536)  # a word or a few: the same ones recur in every sentence
def _fold(s: str) -> str:
    return _FOLD_SPACES.sub(" ", s.replace("’", "'")).strip().casefold()


@lru_cache(maxsize=1)
def _named() -> dict[str, tuple[str, str, str | None, str]]:
    """folded alias -> (alias as written, name or MIL/COP, ISO3, kind)."""
    out: dict[str, tuple[str, str, str | None, str]] = {}
    for table in ("parties_named.tsv", "parties_extra.tsv"):
        for alias, name, iso, kind in (r[:4] for r in _rows(table) if len(r) >= 4):
            out[_fold(alias)] = (alias, name, iso or None, kind)
    return out


# generic nouns the PETRARCH2 agents file lacks, or files under a role that ACLED codes otherwise
_AGENTS_EXTRA = {
    "gendarme": "COP", "gendarmes": "COP", "policeman": "COP", "policemen": "COP", "police": "COP", "cop": "COP", "cops": "COP",
    "riot police": "COP", "security forces": "MIL", "security personnel": "MIL", "government forces": "MIL",
    "serviceman": "MIL", "servicemen": "MIL", "armed forces": "MIL", "forces": "MIL", "military": "MIL",
    "air force": "MIL", "navy": "MIL", "warplanes": "MIL", "jets": "MIL", "fighter jets": "MIL",
    "assailant": "UAF", "assailants": "UAF", "attacker": "UAF", "attackers": "UAF", "gunman": "UAF",
    "gunmen": "UAF", "armed men": "UAF", "armed individuals": "UAF", "bandits": "UAF", "bandit": "UAF",
    "kidnappers": "UAF", "militiamen": "UAF", "militias": "UAF", "militia": "UAF", "insurgents": "REB",
    "rebels": "REB", "rebel": "REB", "militants": "UAF", "fighters": "UAF", "jihadists": "UAF",
    "extremists": "UAF", "terrorists": "UAF", "suicide bomber": "UAF", "suicide bombers": "UAF",
    "people": "CVL", "persons": "CVL", "residents": "CVL", "locals": "CVL", "youths": "CVL",
    "demonstrators": "OPP", "protesters": "OPP", "protestors": "OPP", "rioters": "OPP", "mob": "OPP",
    "farmers": "CVL", "herders": "CVL", "herdsmen": "CVL", "traders": "CVL", "women": "CVL",
    "children": "CVL", "men": "CVL", "man": "CVL", "woman": "CVL", "boy": "CVL", "girl": "CVL",
    "villagers": "CVL", "civilians": "CVL", "civilian": "CVL", "worshippers": "CVL", "journalists": "CVL",
    "idps": "CVL", "refugees": "CVL", "pupils": "EDU", "employees": "LAB", "staff": "LAB",
    "armed group": "UAF", "armed groups": "UAF", "unknown group": "UAF", "unidentified group": "UAF",
    "opponents": "CVL", "supporters": "CVL", "members": "CVL", "crowd": "CVL", "crowds": "CVL",
    "raiders": "UAF", "sniper": "UAF", "snipers": "UAF", "gang": "UAF", "gangs": "UAF",
    # ACLED's identity militias (inter 4): armed men organised by community, ethnicity, clan or locality
    "local militia": "IDM", "local militias": "IDM", "communal militia": "IDM", "communal militias": "IDM",
    "community militia": "IDM", "community militias": "IDM", "ethnic militia": "IDM", "ethnic militias": "IDM",
    "tribal militia": "IDM", "tribal militias": "IDM", "clan militia": "IDM", "clan militias": "IDM",
    "self-defense group": "IDM", "self-defence group": "IDM", "self-defense groups": "IDM",
    "self-defence groups": "IDM", "self-defense militia": "IDM", "self-defence militia": "IDM",
    # vigilantes: a locality's armed self-policing, an identity militia of its own name in ACLED's codebook
    "vigilante": "VIG", "vigilantes": "VIG", "vigilante group": "VIG", "vigilante groups": "VIG",
    "vigilante militia": "VIG", "vigilante militias": "VIG",
    # violence the text calls communal, or a fight over land: communal militias are its parties
    "communal clash": "IDM", "communal clashes": "IDM", "communal violence": "IDM", "communal fighting": "IDM",
    "intercommunal clashes": "IDM", "inter-communal clashes": "IDM", "intercommunal violence": "IDM",
    "inter-communal violence": "IDM", "tribal clashes": "IDM", "tribal fighting": "IDM", "ethnic clashes": "IDM",
    "clan clashes": "IDM", "clan fighting": "IDM", "land dispute": "IDM", "land disputes": "IDM",
    "land issue": "IDM", "land conflict": "IDM",
    # cattle raiding: violence between herding communities, by their militias in ACLED's codebook
    "cattle raiders": "IDM", "cattle rustlers": "IDM", "cattle raid": "IDM", "cattle raids": "IDM",
    "cattle rustling": "IDM", "cattle raiding": "IDM",
    # a "paramilitary group" is an armed group on the state's side but outside its forces: ACLED's
    # pro-government militia (a political militia, inter 3); "paramilitary forces/police" stay the state's
    "paramilitary": "PGM", "paramilitaries": "PGM", "paramilitary group": "PGM", "paramilitary groups": "PGM",
    "paramilitary militia": "PGM", "paramilitary militias": "PGM",
    # a party's people, not an armed group: their clashes are riots
    "political groups": "CVL", "party supporters": "CVL", "party members": "CVL", "party activists": "CVL",
}
_ROLE = {"MIL": "MIL", "SPY": "MIL", "COP": "COP", "REB": "ARM", "UAF": "ARM", "CRM": "ARM", "CVL": "CVL",
         "LAB": "CVL", "EDU": "CVL", "OPP": "OPP", "IDM": "IDM", "VIG": "VIG", "PGM": "PGM"}
# a fight over land, whatever word says what about it ("a land ownership dispute"): communal militias
_LAND_DISPUTE = re.compile(r"^land (\w+ )?(dispute|disputes|issue|issues|conflict|conflicts|row|feud)$")
# words of violence or of its cause that imply a militia without naming it
_IMPLIED = re.compile(r"\b(clash|clashes|violence|fighting|dispute|disputes|issue|conflict|raid|raids|rustling|raiding)$")
# generic militias: an armed group the account names by its kind only, as ACLED names them
_MILITIA = {"IDM": ("identity militia", GENERIC_PARTIES["communal militia"]),
            "VIG": ("identity militia", GENERIC_PARTIES["vigilante militia"]),
            "PGM": ("political militia", GENERIC_PARTIES["pro-government militia"])}
# nouns that name someone the article does not identify: never the group it names elsewhere
_UNIDENTIFIED = re.compile(r"\b(gunm[ae]n|armed (men|individuals)|assailants?|attackers?|bandits?|kidnappers?|"
                           r"unknown|unidentified|anonymous|masked)\b", re.I)
# words that head a state force only with a country ("Kenyan forces"), not alone
_NEEDS_COUNTRY = {"forces", "air force", "navy", "jets", "warplanes", "fighter jets"}


@lru_cache(maxsize=1)
def _agents() -> dict[str, str]:
    """folded phrase -> MIL, COP, ARM, CVL or OPP."""
    out: dict[str, str] = {}
    for phrase, code in (r[:2] for r in _rows("parties_agents.tsv")):
        role = _ROLE.get(code.strip())
        if role:
            out[_fold(phrase)] = role
    for phrase, code in _AGENTS_EXTRA.items():
        out[_fold(phrase)] = _ROLE[code]
    return out


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(k.split(" ")[0] for k in list(_named()) + list(_agents()))


# --- finding parties in a sentence ------------------------------------------------------------------------

_GROUP_NOUN = re.compile(r"^(militia|militias|militiamen|rebels|fighters|militants|cadres|supporters|members|"
                         r"brigade|brigades|movement|faction|forces|group|insurgents|gunmen|men|troops|"
                         r"herdsmen|herders|tribesmen|clansmen)$", re.I)
# a people's armed men: ACLED's "<people> Ethnic Militia"
_ETHNIC_NOUN = {"herdsmen", "herders", "tribesmen", "clansmen"}
# a body's people, not an armed group of its own ("PF cadres", "ANC members"): ACLED codes their
# violence as a riot and their demonstration as a protest, the body as associated actor
_PARTISAN_NOUN = {"cadres", "supporters", "members"}
# group nouns that end a group's own name when capitalised ("the Zanga Brigade", "the Kana Militia")
_NAMING_NOUN = {"militia", "brigade", "brigades", "movement", "faction", "group", "rebels"}
_DETERMINERS = {"the", "a", "an", "suspected", "alleged", "some", "several", "two", "three", "unknown",
                "unidentified", "armed", "heavily", "local", "rival", "pro", "anti"}
_PROTEST_WORD = re.compile(r"protest|demonstrat|march|strik|picket|rall(y|ied)|sit-in", re.I)
_RIOT_WORD = re.compile(r"riot|\bmob\b", re.I)


def _text_of(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins every token on each access)."""
    return doc_text(doc)


def find_parties(span: Span) -> list[Party]:
    """Every party the sentence names, with its role. Offsets are in span.doc's text."""
    toks = [t for t in span if not t.is_space]
    found: list[Party] = []
    i = 0
    while i < len(toks):
        hit = _match_at(toks, i)
        if hit is None:
            i += 1
            continue
        party, n = hit
        found.append(party)
        i += n
    found = _called(span, _merge_countries(span, found)) + _acting_states(span, found)
    text = _text_of(span.doc)
    found = [p for k, p in enumerate(found) if not (k + 1 < len(found) and _part_of(p, found[k + 1], text))]
    out = []
    for p in found:
        role, head = _role(span, p)
        if role == "actor" and head is not None and _protests(head) and p.category in ("CVL", "NAMED", "PROTEST"):
            # "students protested", "workers went on strike": the crowd of a protest
            p = replace(p, category="PROTEST", kind="protesters", name=None) if p.category == "CVL" else \
                replace(p, role="associated")
            out.append(replace(p, role=role) if p.category == "PROTEST" else p)
            continue
        out.append(replace(p, role=role, violent=head is not None and bool(_VIOLENT_LEMMA.match(head.lemma_.lower()))))
    return out


def _part_of(p: Party, q: Party, text: str) -> bool:
    """p names some of q's people, so q is the party: "members of the Zanga militia", "supporters
    of X"; "commanders from the X brigade", "fighters of X" (a named group's, not a state's)."""
    if not re.fullmatch(r"\s+(of|from)\s+(the\s+)?", text[p.end : q.start]):
        return False
    if p.category == "CVL":
        return q.category != "CVL" and text[p.end : q.start].strip().startswith("of")
    return p.category in ("MIL", "COP", "ARM") and p.country is None and q.category == "NAMED"


_PROTEST_LEMMA = re.compile(r"^(protest|demonstrate|march|strike|picket|rally|gather|chant|riot|boycott)$")


def _protests(verb: Token) -> bool:
    """The verb, or its 'on strike' / 'in protest' complement, tells a protest."""
    if _PROTEST_LEMMA.match(verb.lemma_.lower()):
        return True
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "in") and any(_PROTEST_LEMMA.match(g.lemma_.lower()) for g in c.children):
            return True
        if c.dep_ == "dobj" and _PROTEST_LEMMA.match(c.lemma_.lower()):
            return True  # "staged a protest", "held a rally"
    return False


def _match_at(toks: list[Token], i: int) -> tuple[Party, int] | None:
    """The longest named group, agent phrase or unknown named group starting at toks[i]."""
    first = _fold(toks[i].text)
    if first in _first_words():
        named, agents = _named(), _agents()
        for n in range(min(_MAX_WORDS, len(toks) - i), 0, -1):
            span_toks = toks[i : i + n]
            key = _fold(" ".join(t.text for t in span_toks))
            key = _SPACED_POSSESSIVE.sub("'s", key)
            a, b = span_toks[0].idx, span_toks[-1].idx + len(span_toks[-1].text)
            text = _text_of(span_toks[0].doc)[a:b]
            hit = named.get(key)
            if hit and _named_ok(hit[0], text, span_toks) and not _longer_name(toks, i + n) \
                    and not (n == 1 and _name_tail(toks, i)):
                alias, name, iso, kind = hit
                if name in ("MIL", "COP"):
                    return Party(a, b, text, name, None, iso, "state forces"), n
                return Party(a, b, text, "NAMED", name, iso, kind), n
            role = agents.get(key) or ("IDM" if _LAND_DISPUTE.match(key) else None)
            if role:
                return _agent(a, b, text, key, role, span_toks), n
    return _unknown_group(toks, i)


# the head nouns of an organisation's or a building's name: an alias followed by one ("National
# Resistance Movement", "the Kana Youth Council") is the start of another name, not the group's alias
_NAME_HEAD = {"movement", "party", "council", "union", "congress", "committee", "association", "league",
              "forum", "network", "campaign", "commission", "office", "offices", "court", "ministry",
              "university", "college", "school", "bank", "company", "corporation", "hospital", "church",
              "mosque", "radio", "television", "agency", "foundation", "institute", "society"}


def _longer_name(toks: list[Token], k: int) -> bool:
    """toks[k], just after a matched alias, continues the name as the head of another: "Movement"."""
    return k < len(toks) and toks[k].text[:1].isupper() and toks[k].lower_ in _NAME_HEAD


def _name_tail(toks: list[Token], i: int) -> bool:
    """toks[i], a one-word alias, ends a longer name that a capitalised word begins ("the Treaty
    Organization", "the Kana Mavericks"): another body's name; a country word before it is no name
    ("Afghan Taliban")."""
    if i == 0 or toks[i].text.isupper():
        return False
    prev = toks[i - 1]
    return prev.text[:1].isupper() and prev.is_alpha and prev.i > prev.sent.start \
        and prev.text.casefold() not in _DETERMINERS and not countries_in(prev.text)


def _named_ok(alias: str, text: str, toks: list[Token]) -> bool:
    """A named group is written as a name: capitalised, and a short all-capitals alias in capitals."""
    if not any(t.text[:1].isupper() for t in toks):
        return False
    letters = re.sub(r"[^A-Za-z]", "", alias)
    if len(letters) <= 5 and alias.isupper():
        return re.sub(r"[^A-Za-z]", "", text) == letters
    return not (len(toks) == 1 and toks[0].pos_ not in ("PROPN", "NOUN", "ADJ") and not toks[0].text.isupper())


def _agent(a: int, b: int, text: str, key: str, role: str, toks: list[Token]) -> Party:
    if role == "OPP":
        if _RIOT_WORD.search(key) and "police" not in key:
            return Party(a, b, text, "RIOT", kind="rioters")
        if _PROTEST_WORD.search(key):
            return Party(a, b, text, "PROTEST", kind="protesters")
        return Party(a, b, text, "CVL", kind="civilians")
    if role == "ARM" and key in ("militia", "militias", "militiamen") \
            and re.match(r"\s+from\s+(?:the\s+)?[A-Z]", _text_of(toks[0].doc)[b : b + 30]):
        role = "IDM"  # "a militia from <town>": a community's militia (ACLED's communal militia)
    if role in _MILITIA:
        implied = bool(_IMPLIED.search(key))
        return Party(a, b, text, role, kind=_MILITIA[role][0], unidentified=implied, implied=implied)
    kind = {"MIL": "state forces", "COP": "state forces", "ARM": "unidentified armed group", "CVL": "civilians"}[role]
    before = toks[0].doc[max(0, toks[0].i - 2) : toks[0].i].text
    unidentified = bool(_UNIDENTIFIED.search(key) or _UNIDENTIFIED.search(before))
    definite = role == "ARM" and toks[0].i > 0 and toks[0].nbor(-1).lower_ in ("the", "these", "those")
    return Party(a, b, text, role, kind=kind, unidentified=unidentified, definite=definite)


def _unknown_group(toks: list[Token], i: int) -> tuple[Party, int] | None:
    """A name the tables lack, written before a group noun: 'the Zanga militia', 'UPND cadres',
    'NDC-R fighters'. Proper nouns or capitals only, and not a country word ('Kenyan troops')."""
    t = toks[i]
    ethnic = _ethnic_militia(toks, i)
    if ethnic is not None:
        return ethnic
    if not (t.pos_ == "PROPN" or (t.text.isupper() and len(t.text) > 1)) or t.text.casefold() in _DETERMINERS:
        return None
    if i > 0 and (toks[i - 1].pos_ == "PROPN" or toks[i - 1].text.isupper()) and toks[i - 1].text[:1].isupper() \
            and toks[i - 1].text.casefold() not in _DETERMINERS:
        return None  # only from the start of the name ("Suspected" at a sentence's start is none of it)
    j = i
    while j < len(toks) and j - i < 5 and (toks[j].pos_ == "PROPN" or toks[j].text.isupper()
                                          or toks[j].text in ("-", "'s")) and toks[j].text[:1] not in ",.;:(":
        j += 1
    if j == i:
        return None
    if j < len(toks) and _GROUP_NOUN.match(toks[j].text):
        name_toks = toks[i:j]
    elif j - i > 1 and _GROUP_NOUN.match(toks[j - 1].text) and toks[j - 1].lower_ in _NAMING_NOUN:
        name_toks, j = toks[i:j], j - 1  # the noun is part of the name: "the Zanga Brigade"
    else:
        return None
    a, b = name_toks[0].idx, name_toks[-1].idx + len(name_toks[-1].text)
    text = _text_of(t.doc)[a:b]
    if countries_in(text) and len(countries_in(text)[0]) and countries_in(text)[0][1] - countries_in(text)[0][0] >= len(text) - 3:
        return None
    end = toks[j].idx + len(toks[j].text)
    noun = toks[j].text.lower()
    if noun in ("troops", "forces") and not re.fullmatch(r"[A-Z][A-Z\-]+", text):
        return None  # "Haftar forces": a commander's forces, not a group name we can keep
    if noun in _PARTISAN_NOUN:
        return Party(a, end, _text_of(t.doc)[a:end], "CVL", kind="civilians", of=text), j - i + 1
    if _local_militia(toks, i, noun):
        return Party(a, end, _text_of(t.doc)[a:end], "NAMED", f"{text} Communal Militia", None, "identity militia"), \
            j - i + 1
    kind = "rebels" if noun in ("rebels", "insurgents") else "political militia"
    return Party(a, end, _text_of(t.doc)[a:end], "NAMED", text, None, kind), j - i + 1


def _local_militia(toks: list[Token], i: int, noun: str) -> bool:
    """"a Zanga militia": one of a place's or a community's militias, not a group of that name (which
    the text would write with "the"): ACLED's "<place> Communal Militia", an identity militia."""
    return noun in ("militia", "militias", "militiamen") and i > 0 and toks[i - 1].lower_ in ("a", "an")


def _ethnic_militia(toks: list[Token], i: int) -> tuple[Party, int] | None:
    """A people's armed men: "Fulani herdsmen"; each of "Fulani and Konkomba herdsmen"; a known
    people's militia or youths ("Hutu militiamen"), and a known people named as a body ("Tutsis",
    "the Tuareg")."""
    t = toks[i]
    if not _people_word(t):
        return None
    people = _people(t.text)
    if i + 1 < len(toks) and _armed_noun(toks[i + 1], people):
        n, end = 2, toks[i + 1].idx + len(toks[i + 1].text)
    elif i + 3 < len(toks) and _armed_noun(toks[i + 3], people) and toks[i + 1].lower_ == "and" \
            and _people_word(toks[i + 2]):
        n, end = 1, t.idx + len(t.text)
    elif people and (people != t.text or (i > 0 and toks[i - 1].lower_ == "the")) \
            and not (i + 1 < len(toks) and toks[i + 1].pos_ in ("NOUN", "PROPN", "ADJ")):
        # "Tutsis attacked", "the Tuareg": not "the Tuareg Council", "the Fula ethnic group"
        n, end = 1, t.idx + len(t.text)
    else:
        return None
    name = f"{people or t.text} Ethnic Militia"
    return Party(t.idx, end, _text_of(t.doc)[t.idx : end], "NAMED", name, None, "identity militia"), n


# the men a known people arms: "Hutu militiamen", "Tiv youths"
_PEOPLE_ARMED_NOUN = {"militia", "militias", "militiamen", "fighters", "gunmen", "youths", "youth", "men",
                      "community", "communities", "warriors"}


def _armed_noun(tok: Token, people: str | None) -> bool:
    """A people's armed men: herdsmen of any people the text names, militia or youths of a known one
    (in lower case: "the Tiv Youth Council" is a body)."""
    return tok.lower_ in _ETHNIC_NOUN or (people is not None and tok.text in _PEOPLE_ARMED_NOUN)


@lru_cache(maxsize=1)
def _peoples() -> dict[str, str]:
    """A people's name or other name, singular and plural, folded -> the name as the text writes it
    in the singular (data/ethnic_groups.tsv)."""
    out: dict[str, str] = {}
    for row in _rows("ethnic_groups.tsv"):
        for name in [row[0], *(x.strip() for x in row[1].split(",") if x.strip())]:
            out.setdefault(_fold(name), name)
            out.setdefault(_fold(name) + "s", name)
    return out


def _people(word: str) -> str | None:
    """The people a word names ("Fulanis" -> "Fulani"), or None."""
    return _peoples().get(_fold(word))


def _people_word(t: Token) -> bool:
    """A capitalised word that may name a people ("Fulani"), not a country's ("Kenyan") or a determiner."""
    return t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN") and not countries_in(t.text) \
        and t.text.casefold() not in _DETERMINERS


# a group the text names after a generic noun: "a new rebel group called the National Council for Renewal
# (NCR)"; ACLED writes such a name as "NCR: National Council for Renewal"
_CALLED = re.compile(r"\b(?:called|named|known as|calling itself|dubbed)\s+(?:the\s+)?[\"“]?"
                     r"([A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the|de|du|des|la|al|el)\s+)*[A-Z][\w'’-]*)*)[\"”]?"
                     r"(?:\s+\(([A-Z][A-Za-z-]{1,9})\))?")


# nouns of a whole group, which a name names, rather than of its members
_COLLECTIVE = {"group", "groups", "militia", "movement", "faction", "organisation", "organization", "coalition",
               "alliance", "front", "army"}


def _called(span: Span, found: list[Party]) -> list[Party]:
    """A generic armed group the sentence goes on to name ("a rebel group ..., called X") is that
    named group: the group whose noun the naming verb hangs on, else the one just before it."""
    text = _text_of(span.doc)
    out = list(found)
    for m in _CALLED.finditer(text, span.start_char, span.end_char):
        if countries_in(m.group(1)):
            continue
        verb = span.doc.char_span(m.start(), m.start() + len(m.group(0).split()[0]), alignment_mode="expand")
        head = verb.root.head.idx if verb is not None else -1
        generic = [k for k, p in enumerate(out) if p.category == "ARM" and not p.unidentified and p.end <= m.start()]
        named_on = [k for k in generic if out[k].start <= head < out[k].end]
        just_before = [k for k in generic if re.fullmatch(r"[\s,]*", text[out[k].end : m.start()])]
        pick = (named_on or just_before)[-1:]
        whole = [k for k in generic if _fold(out[k].text).split(" ")[-1] in _COLLECTIVE]
        if pick and whole and pick[0] not in whole:
            pick = whole[:1]  # "a group of former fighters, called X": the group is X, not its fighters
        for k in pick:
            p = out[k]
            name = f"{m.group(2)}: {m.group(1)}" if m.group(2) else m.group(1)
            # "a rebel group of former fighters, called X": the sentence's words for the group say its kind
            rebels = re.search(r"\b(rebel|insurg)", text[span.start_char : p.end], re.I)
            out[k] = replace(p, category="NAMED", name=name, kind="rebels" if rebels else "political militia")
    return out


def _merge_countries(span: Span, found: list[Party]) -> list[Party]:
    """Give state forces the country the text puts with them: 'Nigerian troops', 'troops of Chad',
    "Kenya's army"."""
    text = _text_of(span.doc)
    out = []
    for p in found:
        if p.category in ("MIL", "COP") and p.country is None:
            before = text[max(span.start_char, p.start - 40) : p.start]
            after = text[p.end : min(span.end_char, p.end + 40)]
            iso = None
            m = re.search(r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)(?:['’]s)?\s+(?:(?:[a-z]+|[A-Z][a-z]+)\s+){0,2}$", before)
            if m:
                # the country word nearest the noun: "Jubbaland and Ethiopian troops" are Ethiopia's
                c = countries_in(before[m.start():])
                iso = c[-1][2] if c else None
            if iso is None and not _person_before(span, p.start):
                iso = _country_word_before(before)
            if iso is None:
                m = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)", after)
                if m:
                    c = countries_in(m.group(1))
                    iso = c[0][2] if c else None
            if iso is None and _fold(p.text) in _NEEDS_COUNTRY:
                continue
            if iso is None and _fold(p.text) == "military" and _is_adjective(span, p):
                continue  # "a military convoy": not a party by itself
            p = replace(p, country=iso)
        out.append(p)
    return out


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    """A country's other names (a region, a city: "Puntland", "Lagos"; data/parties_country_words.tsv) -> ISO3."""
    return {_fold(r[0]): r[1].strip() for r in _rows("parties_country_words.tsv") if len(r) >= 2}


def _person_before(span: Span, start: int) -> bool:
    """The word just before offset start is (part of) a person's name ("the Galan forces": a commander's)."""
    toks = [t for t in span if t.idx + len(t.text) <= start and not t.is_space]
    return bool(toks) and toks[-1].ent_type_ == "PERSON"


def _country_word_before(before: str) -> str | None:
    """The country of a region's or a city's name just before a state force ("Lagos police")."""
    m = re.search(r"((?:[A-Z][\w'’-]+ ){1,3})$", before)
    if not m:
        return None
    words = m.group(1).split()
    for k in range(len(words)):  # the longest name ending at the noun
        iso = _country_words().get(_fold(" ".join(words[k:])))
        if iso:
            return iso
    return None


_VIOLENT_LEMMA = re.compile(r"^(attack|shell|bomb|strike|launch|fire|kill|invade|carry|raid|ambush|shoot|storm|capture|seize|"
                            r"retake|advance|pound|target|hit|clash|beat|assault|burn|torch|loot|stone|destroy|"
                            r"injure|wound|lynch|set|vandalise|vandalize|block)$")


def _acting_states(span: Span, found: list[Party]) -> list[Party]:
    """A country that is the subject of a violent verb ("Azerbaijan carried out an offensive") acts
    through its forces."""
    out = []
    for a, b, iso in countries_in(span.text):
        a, b = a + span.start_char, b + span.start_char
        if any(p.start <= a < p.end or a <= p.start < b for p in found):
            continue
        sub = span.doc.char_span(a, b, alignment_mode="expand")
        if sub is None or sub.root.dep_ != "nsubj" or not _VIOLENT_LEMMA.match(sub.root.head.lemma_.lower()):
            continue
        out.append(Party(a, b, _text_of(span.doc)[a:b], "MIL", None, iso, "state forces"))
    return out


def _is_adjective(span: Span, p: Party) -> bool:
    sub = span.doc.char_span(p.start, p.end, alignment_mode="expand")
    return sub is not None and sub.root.dep_ in ("amod", "compound")


# verbs whose subject suffers rather than acts
_SUFFER = {"die", "perish", "suffer", "flee", "lose", "sustain", "succumb", "come", "fall", "remain", "go"}
_HARM = {"kill", "injure", "wound", "abduct", "kidnap", "arrest", "capture", "shoot", "detain", "behead", "massacre"}
_TARGET_PREP = {"with", "against", "on", "at", "upon"}
_HEARSAY = {"report", "say", "believe", "understand", "think", "allege", "expect", "suspect"}


def _role(span: Span, p: Party) -> tuple[str, Token | None]:
    """actor (did it), target (had it done to them) or other, from the parse; and the verb."""
    doc = span.doc
    sub = doc.char_span(p.start, p.end, alignment_mode="expand")
    if sub is None:
        return "other", None
    tok = sub.root
    role = _dep_role(tok)
    while tok.dep_ in ("compound", "amod", "nmod", "conj") and tok.head is not tok:
        tok = tok.head
    return role, tok.head if tok.dep_ == "nsubj" else None


def _dep_role(tok: Token) -> str:
    """actor, target or other, from where the party's head word stands in the parse."""
    tok_or_role = _climb(tok)
    if isinstance(tok_or_role, str):
        return tok_or_role
    tok = tok_or_role
    dep = tok.dep_
    if dep == "nsubj":
        return _subject_role(tok.head)
    if dep == "nsubjpass":
        return _passive_subject_role(tok.head)
    if dep == "pobj":
        role = _object_of_preposition_role(tok.head)
        if role is not None:
            return role
    if dep in ("dobj", "attr", "oprd"):
        return "target"
    if dep == "agent":
        return "actor"
    if dep == "ROOT" and tok.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_ in _HARM for c in tok.children):
            return "target"  # a report's shorthand: "2 soldiers killed in ..." parsed as a noun phrase
        return "actor"  # a headline: "Gunmen kill two in ..." parsed as a noun phrase
    return "other"


def _climb(tok: Token) -> Token | str:
    """From a modifier to the noun it modifies, and from a conjunct to the first: the token whose
    relation gives the role, or the role itself where the climb already tells it."""
    # "the Boko Haram fighters", "al Shabaab mortar shells": climb from a modifier to its noun
    while tok.dep_ in ("compound", "amod", "nmod", "poss") and tok.head is not tok:
        if tok.dep_ == "poss" or tok.head.lemma_.lower() in _ATTACK_NOUN:
            return "actor"  # "X's attack", "an al Shabaab ambush", "a rebel mortar"
        tok = tok.head
    while tok.dep_ == "conj" and tok.head is not tok:
        # "between X and Y": Y stands against X; "X and Y attacked": both acted
        if tok.head.dep_ == "pobj" and tok.head.head.lower_ == "between":
            return "target"
        tok = tok.head
    return tok


# nouns of an attack or of its weapon: the party that modifies one made it ("an al Shabaab ambush")
_ATTACK_NOUN = {"attack", "ambush", "raid", "assault", "offensive", "bombing", "shelling", "airstrike", "strike",
                "incursion", "mortar", "shell", "rocket", "bomb", "landmine", "mine", "ied", "grenade", "missile"}
# nouns of a part of a group: "a number of X were killed", "a unit of X attacked": X in the part's role
_PART_NOUN = {"member", "supporter", "fighter", "militant", "soldier", "troop", "unit", "element", "force",
              "number", "group", "dozen", "hundred", "score", "handful", "contingent", "convoy", "detachment",
              "commander", "leader", "officer"}


def _subject_role(verb: Token) -> str:
    """The subject of an active verb acted, unless the verb says it suffered."""
    if verb.lemma_ in _SUFFER:
        return "target"
    if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return "target"  # a report's shorthand passive: "three soldiers killed"
    if verb.lemma_ in _HARM and not any(c.dep_ in ("dobj", "aux", "auxpass", "ccomp", "xcomp") for c in verb.children):
        return "target"  # a headline's passive, parsed as past tense: "Soldiers killed in ambush"
    if verb.lemma_ in ("report", "confirm", "say", "believe") and any(
            c.dep_ in ("xcomp", "oprd", "acomp", "ccomp") and c.tag_ in ("VBN", "JJ") for c in verb.children):
        return "target"  # "four civilians reported dead"
    return "actor"


# verbs whose passive subject is what the news is about, not who suffered: "a new group was formed"
_FOUNDED = {"form", "create", "establish", "found", "dissolve", "disband", "merge"}


def _passive_subject_role(verb: Token) -> str:
    """The subject of a passive suffered, but for hearsay of an active deed and a group's founding."""
    if verb.lemma_ in _FOUNDED:
        return "actor"
    told = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if verb.lemma_ in _HEARSAY and told is not None:
        # "X is reported to have taken the town": X took it; "... to have been killed": X suffered
        return "target" if any(c.dep_ == "auxpass" for c in told.children) else "actor"
    return "target"


_TARGET_OF = {"killing", "death", "arrest", "abduction"}


def _object_of_preposition_role(prep: Token) -> str | None:
    """The role of a preposition's object: "by X" and "between X" acted, "against X" and "the killing
    of X" were acted on, "members of X" take the members' role; None where the preposition does not say."""
    word, governor = prep.lower_, prep.head
    if word in ("of", "from") and ((governor.pos_ == "NOUN" and governor.lemma_ in _PART_NOUN) or governor.pos_ == "NUM"):
        return _dep_role(governor)  # "members of X attacked": X acted; "two commanders from X were killed"
    if word in ("by", "between") or (word == "from" and governor.lemma_ in ("attack", "fire", "shelling")):
        return "actor"
    if word in _TARGET_PREP or (word == "of" and governor.lemma_ in _TARGET_OF):
        return "target"
    return None


# --- a mention's parties ------------------------------------------------------------------------------

_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_STATE_FIRST = {"Battles", "Explosions/Remote violence"}


def party_name(p: Party, country: str | None) -> str:
    """ACLED's name of a party, a generic one named after the event's country."""
    if p.category in ("MIL", "COP"):
        iso = p.country or country
        branch = "Police Forces" if p.category == "COP" else "Military Forces"
        return f"{branch} of {country_name(iso)}" if iso else branch
    if p.name:
        return p.name
    if p.category == "PGM":
        return _MILITIA["PGM"][1]  # ACLED's name has no country
    if p.category in ("IDM", "VIG"):
        base = _MILITIA[p.category][1]
        return f"{base} ({country_name(country)})" if country else base
    generic = {"CVL": "civilians", "PROTEST": "protesters", "RIOT": "rioters"}
    base = GENERIC_PARTIES[generic.get(p.category, "armed group")]
    return f"{base} ({country_name(country)})" if country else base


def _told_before(parties: list[Party]) -> list[Party]:
    """"The attackers", "the culprits" after a party the account has told acting are that party, not
    another (an unidentified armed group): they are left to it."""
    out: list[Party] = []
    for p in parties:
        if not (p.definite and any(q.role == "actor" and q.category != "ARM" for q in out)):
            out.append(p)
    return out


def _resolve_generic(parties: list[Party]) -> list[Party]:
    """Generic rebels and militants are the one non-state armed group the account names, when it
    names exactly one ('Boko Haram ... the insurgents'); gunmen and unknown attackers stay unidentified."""
    groups = {p.name: p for p in parties if p.category == "NAMED" and p.kind in ("rebels", "political militia")}
    if len(groups) != 1:
        return parties
    g = next(iter(groups.values()))
    return [replace(p, category="NAMED", name=g.name, country=g.country, kind=g.kind)
            if p.category == "ARM" and not p.unidentified else p for p in parties]


def _own_forces(parties: list[Party]) -> list[Party]:
    """Soldiers or police the account gives no country are those of the one state whose forces of that
    branch it names ("Kenyan troops ... six soldiers were killed"), rather than of the place's country."""
    out = []
    for p in parties:
        if p.category in ("MIL", "COP") and p.country is None:
            named = {q.country for q in parties if q.category == p.category and q.country}
            if len(named) == 1:
                p = replace(p, country=named.pop())
        out.append(p)
    return out


def _with_bodies(parties: list[Party], event_type: str) -> list[Party]:
    """A body's supporters or members ("ANC members"): a crowd in a demonstration or riot, civilians
    when they suffer, the body associated with them; in a battle or an attack on civilians that they
    carry out the body acts through them, as ACLED codes a party's armed cadres (a political militia)."""
    out = []
    for p in parties:
        if p.of and event_type in _VIOLENT and p.role == "actor":
            out.append(replace(p, category="NAMED", name=p.of, kind="political militia", of=None))
            continue
        out.append(p)
        if p.of:
            out.append(Party(p.start, p.end, p.text, "NAMED", p.of, None, "political militia", role="associated"))
    return out


def mention_actors(parties: list[list[Party]], event_type: str, sub_event_type: str | None,
                   country: str | None) -> list[Actor]:
    """A mention's parties (per sentence, the first sentence first) as Actors with ACLED roles."""
    flat = _with_bodies(_own_forces(_resolve_generic(_told_before([p for ps in parties for p in ps]))), event_type)
    if event_type not in ("Protests", "Riots"):
        flat = _violent_crowds(flat)
    tally = _tally(flat, event_type, country)
    if not tally.meta and event_type not in ("Protests", "Riots") and event_type not in _VIOLENT \
            and sub_event_type != "Arrests":
        return []  # no party told and none implied
    crowd_told = any(p.category in ("PROTEST", "RIOT") for p in tally.meta.values())
    if event_type in ("Protests", "Riots") or (crowd_told and event_type not in ("Battles", "Explosions/Remote violence")):
        return _crowd_actors(tally, event_type, country)
    return _armed_actors(tally, event_type, sub_event_type, country)


def _is_armed(p: Party) -> bool:
    return p.category in ("MIL", "COP", "ARM", "NAMED") or p.category in _MILITIA


def _is_state(p: Party) -> bool:
    return p.category in ("MIL", "COP")


def _is_force(p: Party) -> bool:
    """A state's forces, or a force sent by states (a peace operation: "AMISOM")."""
    return _is_state(p) or p.kind == "external forces"


def _violent_crowds(flat: list[Party]) -> list[Party]:
    """People who are no armed group, doing violence where no armed group acts ("a mob beat...",
    "supporters attacked..."): rioters."""
    if any(p.role == "actor" and _is_armed(p) for p in flat):
        return flat
    return [replace(p, category="RIOT", kind="rioters") if p.category in ("CVL", "PROTEST") and p.role == "actor"
            and p.violent else p for p in flat]


@dataclass
class _Tally:
    """A mention's parties by name: each name's weight in each role (the earlier named, the more), the
    party each name stands for, and the ACLED roles given so far."""

    score: dict[tuple[str, str], float] = field(default_factory=dict)
    meta: dict[str, Party] = field(default_factory=dict)
    actors: dict[str, str] = field(default_factory=dict)  # name -> role

    def best(self, role: str, ok: Callable[[Party], bool], but: str | None = None) -> str | None:
        """The heaviest name not yet given a role, found in this role, whose party passes ok."""
        cands = [(s, n) for (n, r), s in self.score.items()
                 if r == role and ok(self.meta[n]) and n not in self.actors and n != but]
        return max(cands)[1] if cands else None

    def supply(self, p: Party, country: str | None) -> str:
        """A party the account does not name but the event implies; its name."""
        name = party_name(p, country)
        self.meta[name] = p
        return name


def _tally(flat: list[Party], event_type: str, country: str | None) -> _Tally:
    tally = _Tally()
    for k, p in enumerate(flat):
        if p.category in ("PROTEST", "RIOT") and event_type == "Riots":
            p = replace(p, category="RIOT", kind="rioters")
        name = party_name(p, country)
        tally.meta.setdefault(name, p)
        tally.score[(name, p.role)] = tally.score.get((name, p.role), 0.0) + 1.0 / (1 + 0.1 * k)
    return tally


def _crowd_actors(tally: _Tally, event_type: str, country: str | None) -> list[Actor]:
    """A demonstration or riot: the crowd is actor1 (ACLED), whoever intervenes actor2, else the
    people the crowd turned on (rioters against civilians: mob violence); rioters where the event is a
    riot or the account calls them so ("police clashed with rioters")."""
    riot = event_type == "Riots" or any(p.category == "RIOT" for p in tally.meta.values())
    crowd = party_name(Party(0, 0, "", "RIOT" if riot else "PROTEST"), country)
    force = tally.best("actor", _is_state) or tally.best("other", _is_state) or tally.best("target", _is_state)
    tally.actors[crowd] = "actor1"
    other = force or tally.best("target", lambda p: p.category == "CVL", crowd)
    if other:
        tally.actors[other] = "actor2"
    for n, p in tally.meta.items():
        if n not in tally.actors and p.category == "NAMED":
            tally.actors[n] = "associated"
    kind = "rioters" if riot else "protesters"
    return [_actor(n, r, tally.meta.get(n), country, kind if n == crowd else None) for n, r in tally.actors.items()]


def _armed_actors(tally: _Tally, event_type: str, sub_event_type: str | None, country: str | None) -> list[Actor]:
    """A fight, a strike or an attack: who did it, against whom, the civilians who suffered it as
    victims and the other named armed parties as associated."""
    a1 = _first_actor(tally, event_type, sub_event_type, country)
    named = lambda p: _is_armed(p) and not p.implied  # noqa: E731
    a2 = tally.best("target", named, a1) or tally.best("other", named, a1) or tally.best("actor", named, a1)
    if a1 is not None and a2 is not None and _state_listed_first(tally.meta[a1], tally.meta[a2], event_type):
        a1, a2 = a2, a1
    if a1 is not None:
        tally.actors[a1] = "actor1"
    if a2 is not None and a2 != a1:
        tally.actors[a2] = "actor2"
    for n, p in tally.meta.items():
        if n in tally.actors:
            continue
        if p.category == "CVL":
            tally.actors[n] = "victim"
        elif _is_armed(p) and p.category != "ARM" and p.category not in _MILITIA:
            tally.actors[n] = "associated"
    return [_actor(n, r, tally.meta.get(n), country) for n, r in tally.actors.items()]


def _first_actor(tally: _Tally, event_type: str, sub_event_type: str | None, country: str | None) -> str | None:
    """Who did it: an armed party that acted, else a crowd that did; in violence, an armed group the
    account names without an act; an air strike no one is named for is the state's air force, other
    violence where only the victims are told ("two soldiers were killed in an ambush") an unidentified
    armed group."""
    a1 = tally.best("actor", _is_armed) or tally.best("actor", lambda p: p.category in ("RIOT", "PROTEST"))
    if a1 is None and event_type in _VIOLENT:
        a1 = tally.best("other", lambda p: p.category in ("ARM", "NAMED") or p.category in _MILITIA)
    if a1 is None and sub_event_type == "Arrests":
        # an arrest no one is named for: the state's police (ACLED's arrests are by state forces)
        return tally.supply(Party(0, 0, "", "COP", kind="state forces"), country)
    if a1 is None and sub_event_type == "Air/drone strike":
        return tally.supply(Party(0, 0, "", "MIL", kind="state forces"), country)
    if a1 is None and event_type in _VIOLENT:
        return tally.supply(Party(0, 0, "", "ARM", unidentified=True), country)
    if a1 is None:
        a1 = tally.best("actor", lambda p: True) or tally.best("other", _is_armed)
    return a1


def _state_listed_first(first: Party, second: Party, event_type: str) -> bool:
    """ACLED lists the state's forces first in a fight with a group (the order does not say who
    started it; the claims' initiator does), but unknown assailants who fell on them first; violence
    against civilians keeps its perpetrator first."""
    return event_type in _STATE_FIRST and _is_force(second) and not _is_force(first) \
        and not (event_type == "Battles" and first.unidentified)


def _actor(name: str, role: str, p: Party | None, country: str | None, kind: str | None = None) -> Actor:
    if p is None:
        return Actor(name=name, country=country, kind=as_actor_kind(kind or "unidentified armed group"),
                     role=as_actor_role(role))
    iso = p.country if p.category in ("MIL", "COP", "NAMED") and p.country else country
    k = kind or p.kind
    if p.category in ("MIL", "COP") and p.country and country and p.country != country:
        k = "external forces"  # a state's forces fighting abroad
    return Actor(name=name, country=iso, kind=as_actor_kind(k), role=as_actor_role(role))


# --- whose people a count counts ------------------------------------------------------------------------

_GROUP_CATEGORY = {"civilians": "CVL", "forces": "MIL", "fighters": "ARM"}


def count_party(start: int, end: int, group: str | None, sentence_parties: list[Party],
                actors: list[Actor]) -> str | None:
    """The Actor whose people a figure counts: the party named in the figure's own phrase ("20
    militants", "three soldiers", "two al Shabaab"), matched to the event's parties by kind."""
    inside = [p for p in sentence_parties if p.start < end and start < p.end]
    if not inside:
        inside = [p for p in sentence_parties if 0 <= p.start - end < 12]  # "12 of the attackers"
    if not inside and group in _GROUP_CATEGORY:
        # the figure's own words say whose people ("eight civilians", "two servicemen"), no party named there
        inside = [Party(start, end, "", _GROUP_CATEGORY[group])]
    if not inside:
        return None
    p = inside[0]
    for a in actors:
        if _counts_of(p, a, actors):
            return a.name
    return None


def _counts_of(p: Party, a: Actor, actors: list[Actor]) -> bool:
    """Whether the party a figure's phrase names is the event's party a."""
    if p.category in ("MIL", "COP"):
        if a.kind not in ("state forces", "external forces") or (p.country and a.country != p.country):
            return False
        branch = "Police" if p.category == "COP" else "Military"
        # "three policemen" are the police, when the event has them; else the state's forces
        return p.country is not None or a.name.startswith(branch) or not any(x.name.startswith(branch) for x in actors)
    if p.category == "NAMED":
        return a.name == p.name
    if p.category in _MILITIA:
        return a.name == party_name(p, a.country)
    if p.category == "ARM":
        return a.kind not in ("state forces", "external forces", "civilians", "protesters", "rioters")
    if p.category == "CVL":
        return a.kind == "civilians"
    return p.category in ("PROTEST", "RIOT") and a.kind in ("protesters", "rioters")


def initiator_party(sentence_parties: list[Party], actors: list[Actor]) -> str | None:
    """Who started it, as a party, where both sides are of one country (a civil war, a militia
    against the police): the event's party that is the subject of the sentence's violent verb. Between
    two states the country already says it (fields.initiator)."""
    sides = [a for a in actors if a.role in ("actor1", "actor2")]
    if len(sides) != 2 or sides[0].country is None or sides[0].country != sides[1].country:
        return None
    for p in sentence_parties:
        if p.role == "actor" and p.violent:
            for a in sides:
                if _counts_of(p, a, actors):
                    return a.name
    return None
