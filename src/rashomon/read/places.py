"""Find every place name in an article and resolve it against the gazetteer.

Spotting: spaCy GPE/LOC/FAC entities, plus capitalised n-grams that the gazetteer knows (never
inside a PERSON/ORG/NORP entity, never a demonym or a common word at a sentence start).
Resolution: candidates are ranked by name quality, feature class and population, then by the
countries the whole document talks about; "X region/province/oblast..." prefers admin entries.
A name the gazetteer lacks but written as "X ... in the Y region" falls back to Y, coarser.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from rashomon.model import Place
from rashomon.read.countries import countries_in, country_code, is_country_name, neighbours
from rashomon.read.gazetteer import GazEntry, Gazetteer, Match, fold, get_gazetteer, rank

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

FALLBACK_PREFIX = "near:"
DEMONYM_PREFIX = "of:"  # "Russian", "Turkish": the country an adjective names, not a place where things happen
ADMIN_WORDS = {
    "region", "regions", "province", "provinces", "district", "districts", "oblast", "governorate",
    "governorates", "state", "rayon", "raion", "county", "prefecture", "department", "municipality",
    "canton", "territory", "wilaya", "voivodeship", "krai", "republic", "area", "zone", "division",
}  # fmt: skip
_ADMIN1_WORDS = {"province", "provinces", "oblast", "governorate", "state", "prefecture", "republic", "krai",
                 "wilaya", "voivodeship", "territory"}  # fmt: skip
_ADMIN1_OFFICES = {"governor", "gov", "governors", "legislature", "statehouse"}
_TOWN_WORDS = {"city", "town", "village", "mayor", "municipality"}
_DIRECTIONS = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
               "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower"}  # fmt: skip
_CONNECTORS = {"of", "de", "del", "la", "le", "du", "des", "el", "al", "da", "do", "dos", "das", "and", "on",
               "upon", "am", "im", "an", "der", "di", "i", "ad", "ar", "as", "ash", "az", "bin", "ibn", "'s"}  # fmt: skip
# capitalised words that are never places on their own in news text
_NEVER = {
    "president", "minister", "ministry", "prime", "general", "mr", "mrs", "ms", "dr", "sir", "lord", "king",
    "queen", "prince", "saint", "god", "allah", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "reuters", "police", "army", "government", "parliament",
    "defence", "defense", "foreign", "interior", "state", "national", "international", "news", "agency",
    "university", "church", "mosque", "council", "union", "party", "front", "forces", "force", "court",
    "center", "centre", "media", "press", "times", "post", "twitter", "facebook", "telegram", "islamic",
    "justice", "security", "committee", "office", "people", "republic", "federation", "democratic", "the",
    "christmas", "easter", "ramadan", "eid", "covid", "corona", "coronavirus", "support", "reply", "share",
    "read", "more", "also", "said", "says", "update", "live", "video", "photo", "world", "global", "new",
    "breaking", "home", "city", "capital", "region", "province", "district", "village", "town",
    "road", "street", "avenue", "lane", "drive", "square", "park", "garden", "gardens", "college", "school",
    "airport", "station", "officer", "rest", "north", "south", "east", "west", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "base", "camp", "border", "line", "bridge", "hill", "river", "lake", "mount", "unite", "area", "zone", "saver", "amber", "rose", "marshal", "getty", "images", "ap", "afp", "xinhua", "tass", "ria",
}  # fmt: skip
_AP_ABBREV = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana",
    "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
    "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada",
    "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York",
    "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon",
    "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming", "B.C.": "British Columbia",
    "Alta.": "Alberta", "Sask.": "Saskatchewan", "Man.": "Manitoba", "Ont.": "Ontario", "Que.": "Quebec",
    "N.S.": "Nova Scotia", "N.B.": "New Brunswick", "P.E.I.": "Prince Edward Island",
}  # fmt: skip
_ABBREV_COUNTRY = {k: ("CAN" if k in ("B.C.", "Alta.", "Sask.", "Man.", "Ont.", "Que.", "N.S.", "N.B.", "P.E.I.")
                       else "USA") for k in _AP_ABBREV}  # fmt: skip
_ABBREV_FREE = {"B.C.", "N.Y.", "N.J.", "P.E.I."}  # safe without a preceding "Town," too
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_INITIAL_END = re.compile(r"\b[A-Z]\.$")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_WORD_OF = re.compile(r"\s+\w+\s+of\b")
_TOWN_OF_BEFORE = re.compile(r"\b(city|town|village|hamlet|settlement) of (the )?$")
_OF_BEFORE = re.compile(r"\b(\w+) of (the )?$")
_PLACE_CONTEXT_BEFORE = re.compile(
    r"\b(in|near|at|from|to|outside|into|of|around|toward|towards|across|villages?|towns?|cit(y|ies)|"
    r"region|province|capital|border|northern|southern|eastern|western|central)\s+(the\s+)?$"
)
_COMMA_NAME = re.compile(r",\s+[A-Z]")
_COMMA = re.compile(r",\s*")
_LIST_JOIN = re.compile(r",?\s*(and|or|,)?\s*")


def _list_join_start(text: str, start: int) -> int:
    """The leftmost offset from which ``_LIST_JOIN`` could fullmatch up to ``start``: the run of
    commas, spaces and the letters of "and"/"or" just before it (a cheap bound, checked by the regex)."""
    i = start
    while i > 0 and (text[i - 1] in ",andor" or text[i - 1].isspace()):
        i -= 1
    return i
_STRONG_LABELS = {"GPE", "LOC", "FAC"}
# the words of a local institution's name after its town: "Danbury Police Department", "Litchfield Superior Court"
_SEAT_OF = {
    "police", "department", "dept", "sheriff", "sheriff's", "office", "court", "superior", "circuit", "district",
    "municipal", "city", "town", "county", "council", "fire", "rescue", "school", "schools", "high", "board",
    "public", "hospital", "jail", "township", "regional", "library", "transit", "authority", "of", "education",
    "'s", "pd", "general", "medical", "center", "centre",
}  # fmt: skip
# "Wallace Avenue", "Mill St.": a name followed by one of these names a street, not the town
_STREET_AFTER = re.compile(
    r"\s+(?:avenue|ave|street|st|road|rd|drive|dr|boulevard|blvd|lane|ln|trail|court|ct|place|pl|parkway|"
    r"pkwy|highway|hwy|terrace|circle|way|alley|pike|expressway|freeway|turnpike)\b",
    re.I,
)
_STREET_WORDS = {"avenue", "ave", "street", "st", "road", "rd", "drive", "boulevard", "blvd", "lane", "trail",
                 "court", "parkway", "highway", "terrace", "alley", "pike", "expressway", "freeway"}  # fmt: skip
# "Bamberg County", "Navarro County": the US way of naming a county
_US_COUNTY = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s(?:County|Parish)\b")
# "Toledo, OH", "Dallas, TX": a town and a US postal state code
_POSTAL = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}  # fmt: skip
# what only US news writes: a state named in full ("Georgia" is also a country), a county sheriff and
# his deputies, "911", "the FBI"; a weak vote for the United States when the text names no other country
_US_CUES = re.compile(
    r"\b(?:" + "|".join(sorted(set(_POSTAL.values()) - {"Georgia"}, key=len, reverse=True)) + r")\b"
    r"|\b[Ss]heriff(?:'s|’s|s)? (?:[Oo]ffice|[Dd]epart|[Dd]eput)|\b911\b|\bFBI\b"
)
_US_CUE_VOTE = 0.5
_CAPS_DATELINE = re.compile(r"(?:^|(?<=\n)|(?<=[.!?] ))[ \t]*([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})(?=,| ?[—–]| ?--| ?\()")
_POSTAL_AFTER_TOWN = re.compile(r"(?<=[A-Za-z.]),\s(" + "|".join(_POSTAL) + r")\b(?![a-z'’])")
_BLOCK_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"}


@dataclass
class _Cand:
    start: int
    end: int
    surface: str
    strong: bool  # spaCy says it is a place
    admin_hint: str | None = None  # "admin1" / "admin2" when followed by "region", "province"...
    town_hint: bool = False  # "the city of X", "X Mayor": the town, not the province or country
    country_hint: str | None = None
    context: bool = False  # "in X", "near X", "the city of X", "X, Country"
    blocked: str | None = None  # label of a non-place entity over the span (spaCy often tags towns ORG)
    whole: bool = False  # that entity is exactly this span
    within: GazEntry | None = None  # "London, Ontario": the area (country or admin1) written after it
    within_strict: bool = False  # ...and a place of this name outside that area is not meant
    area_of: GazEntry | None = None  # this name is that area: "Georgia" in "Atlanta, Georgia"
    alias: str | None = None  # the name it stands for: "TX" after "Dallas," is Texas
    seat: bool = False  # leads a local institution's name: "New Milford Police Department"

    @property
    def keys(self) -> tuple[str, ...]:
        return _keys(self.alias or self.surface)


def geo_precision(place: Place) -> int:
    """1 = the named place itself, 2 = near it / its district, 3 = province or wider."""
    if place.gazetteer_id and place.gazetteer_id.startswith(FALLBACK_PREFIX):
        return 3 if place.feature == "country" else 2
    if place.feature in ("populated place", "other"):
        return 1
    return 2 if place.feature == "admin2" else 3


def locate(places: Sequence[Place]) -> tuple[Place | None, int]:
    """The most precise place among some places (e.g. a sentence's) and its geo_precision."""
    best: tuple[tuple[int, int], Place] | None = None
    for i, p in enumerate(places):
        if p.latitude is None or p.feature == "country" and len(places) > 1 and best is not None:
            continue
        key = (geo_precision(p), i)
        if p.feature == "country":
            key = (4, i)
        if best is None or key < best[0]:
            best = (key, p)
    if best is None:
        return None, 3
    return best[1], min(3, best[0][0])


def _is_cap(tok) -> bool:
    return _is_cap_word(tok.text)


def _is_cap_word(t: str) -> bool:
    return t[:1].isupper() and any(c.isalpha() for c in t)


def _sentence_start(tok) -> bool:
    if tok.is_sent_start:
        return True
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is None or prev.text in {'"', "“", "(", "-", "—", ":", "\n"} or "\n" in prev.text_with_ws


@dataclass
class _Tokens:
    """The token attributes the n-gram walk needs, read once per doc (every ``doc[i]`` builds a new
    Token object, and the walk looks at each token several times)."""

    text: list[str]
    ws: list[str]
    lower: list[str]
    idx: list[int]
    cap: list[bool]
    punct: list[bool]
    stop: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        toks = list(doc)
        text = [t.text for t in toks]
        return cls(text, [t.whitespace_ for t in toks], [t.lower_ for t in toks], [t.idx for t in toks],
                   [_is_cap_word(w) for w in text], [t.is_punct for t in toks], [t.is_stop for t in toks])


def _entity_cands(doc: Doc) -> list[_Cand]:
    """spaCy's place entities, without a leading stop word or lower-case direction ("the", "northern")."""
    out = []
    for ent in doc.ents:
        if ent.label_ in _STRONG_LABELS:
            s = ent
            while len(s) > 1 and (s[0].is_stop or s[0].lower_ in _DIRECTIONS and not _is_cap(s[0])):
                s = s[1:]
            out.append(_Cand(s.start_char, s.end_char, s.text, True))
    return out


def _run_end(tk: _Tokens, i: int) -> int:
    """The last token of the run of capitalised words (joined by connectors: "Bosnia and
    Herzegovina", "Bir el-Abd") that starts at token i, at most 6 tokens long."""
    n = len(tk.cap)
    j = i
    while j + 1 < n and j - i < 5:
        if tk.cap[j + 1] and not tk.punct[j + 1] and "\n" not in tk.ws[j] + tk.text[j + 1]:
            j += 1
        elif (
            (tk.lower[j + 1] in _CONNECTORS or tk.text[j + 1] in ("-", "'", "’"))
            and j + 2 < n
            and tk.cap[j + 2]
            and tk.ws[j] != "\n"
        ):
            j += 2
        else:
            break
    return j


def _blocked_cand(ent: Span, a: int, b: int, start: int, end: int, text: str) -> _Cand:
    """An n-gram under one non-place entity: marked with its label, whether it is the whole entity
    and whether it leads a local institution's name."""
    whole = ent.start == a and ent.end == b + 1
    whole = whole or (ent.end == b + 1 and ent.start == a - 1 and ent[0].lower_ == "the")
    lead = ent.start == a or (ent.start == a - 1 and ent[0].lower_ == "the")
    seat = (ent.label_ == "ORG" and lead and b + 1 < ent.end
            and all(t.lower_ in _SEAT_OF for t in ent[b + 1 - ent.start :] if not t.is_punct))  # fmt: skip
    return _Cand(start, end, text[start:end], False, blocked=ent.label_, whole=whole, seat=seat)


def _ngram_cand(tk: _Tokens, ent_label: dict[int, Span], a: int, b: int, text: str) -> _Cand | None:
    """The candidate for tokens a..b, given the entities over them (None: a people, or several entities)."""
    start, end = tk.idx[a], tk.idx[b] + len(tk.text[b])
    over = {ent_label[k] for k in range(a, b + 1) if k in ent_label}
    labels = {e.label_ for e in over}
    if labels & _STRONG_LABELS or not labels & _BLOCK_LABELS:
        fac = next((e for e in over if e.label_ == "FAC"), None)
        # "Bay" in "the Clipper Bay Apartments": a word of a facility's name, not a place
        blocked = "FAC" if fac is not None and _inner(fac, a) else None
        return _Cand(start, end, text[start:end], False, blocked=blocked)
    if len(over) > 1 or ("NORP" in labels and country_code(text[start:end]) is not None):
        return None  # "Russian", "Azerbaijani": a people, not a place
    return _blocked_cand(next(iter(over)), a, b, start, end, text)


def _ngram_cands(tk: _Tokens, ent_label: dict[int, Span], i: int, j: int, text: str) -> list[_Cand]:
    """Every sub-n-gram of the run i..j that starts and ends with a capitalised word."""
    out = []
    for a in range(i, j + 1):
        if not tk.cap[a]:
            continue
        for b in range(a, min(j, a + 5) + 1):
            if not tk.cap[b] or b > a and tk.stop[a] and tk.lower[a] not in _CONNECTORS:
                continue  # "The United States", "As Turkey": the shorter n-gram is tried too
            c = _ngram_cand(tk, ent_label, a, b, text)
            if c is not None:
                out.append(c)
    return out


def _spans(doc: Doc, text: str) -> list[_Cand]:
    """Candidate spans: spaCy place entities and capitalised n-grams (1-5 tokens)."""
    ent_label = {t.i: ent for ent in doc.ents for t in ent}
    cands = _entity_cands(doc)
    tk = _Tokens.of(doc)
    i = 0
    while i < len(tk.cap):
        if not tk.cap[i] or tk.punct[i]:
            i += 1
            continue
        j = _run_end(tk, i)
        cands += _ngram_cands(tk, ent_label, i, j, text)
        i = j + 1
    return cands


def _inner(ent: Span, i: int) -> bool:
    """Token i lies inside the entity's name, after its first word (a leading "the" aside)."""
    first = ent.start + (1 if ent[0].lower_ == "the" and len(ent) > 1 else 0)
    return i > first and not all(t.lower_ in _DIRECTIONS for t in ent[first - ent.start : i - ent.start])


def _clean(c: _Cand, text: str) -> _Cand | None:
    s = c.surface
    m = _POSSESSIVE.search(s)
    if m and len(s) > 3 and s not in _AP_ABBREV:
        s = s[: m.start()]
    s = s.rstrip(".,;:") if s not in _AP_ABBREV and not _INITIAL_END.search(s) else s
    s2 = s.lstrip("“\"'(")
    start = c.start + (len(c.surface) - len(c.surface.lstrip("“\"'("))) if s2 != s else c.start
    s = s2.strip()
    if not s or not any(ch.isalpha() for ch in s):
        return None
    if (start, s) == (c.start, c.surface):
        return c
    return replace(c, start=start, end=start + len(s), surface=s)


# Nigeria's districts are written "X Local Government Area", "X local government" or "X LGA"
_ADMIN2_AFTER = re.compile(r"\s+(?:[Ll]ocal [Gg]overnment(?: [Aa]rea| [Cc]ouncil)?|LGA|L\.G\.A\.)(?!\w)")
_NOT_AREA_ALONE = {"area", "zone", "division", "republic", "department", "state", "territory"}  # "Green Zone", "Police Department"


def _admin_level(word: str) -> str:
    return "admin1" if word in _ADMIN1_WORDS else "admin2" if word in ("district", "rayon", "raion", "county", "districts") else "admin"


def _context(doc: Doc, c: _Cand, text: str) -> _Cand:
    after = text[c.end : c.end + 40]
    m = _NEXT_WORD.match(after)
    if m and m.group(1).lower() in _ADMIN1_OFFICES:  # "Kharkiv Governor", "New York Gov."
        c.admin_hint = "admin1"
    elif m and m.group(1).lower() in _TOWN_WORDS and not _WORD_OF.match(after):
        # "Kherson city", "Kharkiv Mayor"; but "the Hunan city of Yueyang" names a province
        c.town_hint = True
    elif m and m.group(1).lower() in ADMIN_WORDS:
        w = m.group(1).lower()
        c.admin_hint = (
            "admin1"
            if w in _ADMIN1_WORDS
            else "admin2"
            if w in ("district", "rayon", "raion", "county", "districts")
            else "admin"
        )
    if not c.admin_hint and _ADMIN2_AFTER.match(after):
        c.admin_hint = "admin2"  # "Mafa Local Government Area", "Logo local government", "Gwoza LGA"
    own = c.surface.split()[-1].lower()
    if not c.admin_hint and len(c.surface.split()) > 1 and own in ADMIN_WORDS and own not in _NOT_AREA_ALONE:
        c.admin_hint = _admin_level(own)  # "Pasco County" names the county, whatever follows it
    before = text[max(0, c.start - 30) : c.start].lower()
    m = _OF_BEFORE.search(before)
    if m and m.group(1) in ADMIN_WORDS and not c.admin_hint:
        w = m.group(1)
        c.admin_hint = (
            "admin1" if w in _ADMIN1_WORDS else "admin2" if w in ("district", "rayon", "raion") else "admin"
        )
    if _TOWN_OF_BEFORE.search(before):
        c.town_hint = True
    if _PLACE_CONTEXT_BEFORE.search(before):
        c.context = True
    if _COMMA_NAME.match(after):
        c.context = True
    return c


def _km(lat1: float, lon1: float, cos1: float, lat2: float, lon2: float, cos2: float) -> float:
    """Great-circle km between two points, given each latitude's cosine (an anchor's is computed once)."""
    p = math.pi / 180
    h = math.sin((lat2 - lat1) * p / 2) ** 2 + cos1 * cos2 * math.sin((lon2 - lon1) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


# an anchor as _proximity reads it: (name, latitude, longitude, cosine of the latitude, country, admin1)
_Anchor = tuple[str, float, float, float, str | None, str | None]


def _anchor_points(anchors: list[tuple[str, GazEntry]]) -> list[_Anchor]:
    """The anchors that have coordinates, with what _proximity needs of each computed once, each
    once: a place told several times is one anchor (_proximity keeps the best weight per name)."""
    p = math.pi / 180
    points = (
        (name, a.latitude, a.longitude, math.cos(a.latitude * p), a.country, a.admin1)
        for name, a in anchors
        if a.latitude is not None and a.longitude is not None
    )
    return list(dict.fromkeys(points))  # in order: a name's first weight is noted where it was before


def _proximity(e: GazEntry, surface: str, anchors: list[_Anchor]) -> float:
    """Bonus for a candidate lying near the other places of the document: per other name, 0.8
    within 150 km (or inside the candidate when it is an admin1), 0.4 within 400 km; at most 2."""
    near: dict[str, float] = {}
    lat, lon = e.latitude or 0.0, e.longitude or 0.0
    cos_lat = math.cos(lat * (math.pi / 180))
    area = (e.country, e.admin1) if e.feature == "admin1" else None
    for name, a_lat, a_lon, a_cos, country, admin1 in anchors:
        if name == surface:
            continue
        w = 0.8 if area is not None and (country, admin1) == area else 0.0
        if w == 0.0 and abs(lat - a_lat) * 111.19 <= 400:  # else no trigonometry
            d = _km(lat, lon, cos_lat, a_lat, a_lon, a_cos)
            w = 0.8 if d <= 150 else 0.4 if d <= 400 else 0.0
        if w > near.get(name, 0.0):
            near[name] = w
    return min(2.0, sum(near.values()))


def _inside(e: GazEntry, area: GazEntry) -> bool:
    """The entry lies in the area (a country, or an admin1 of one)."""
    if e.country != area.country:
        return False
    return area.feature == "country" or e.admin1 == area.admin1


def _modifies_noun(doc: Doc, c: _Cand) -> bool:
    """The name is used as a modifier of a following word ("U.S. officials", "Texas oil")."""
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return False
    last = span[-1]
    return last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i


def _decisive(c: _Cand) -> bool:
    """The words around the mention say which of the same-named places it is."""
    return bool(c.area_of or c.within or c.town_hint)


def _plainly_area(ms: Sequence[Match]) -> bool:
    """The name reads as that area: no same-named town of 100,000 or more ("Kyiv" the city)."""
    return not any(
        m.entry.feature == "populated place" and m.quality >= 2 and m.entry.population >= 100_000
        for m in ms
    )


def _fallback(area: GazEntry) -> GazEntry:
    """An area standing in for an unknown place inside it (coarser geo_precision)."""
    return replace(area, id=FALLBACK_PREFIX + area.id)


def _small(m: Match) -> bool:
    """A village-sized populated place, or one known by that name only as an alternate name."""
    e = m.entry
    return e.feature == "populated place" and (e.population < 100_000 or m.quality < 3)


# people named by where they live: "a Lakeland woman", "17-year-old Chalmette male"
_PEOPLE_NOUNS = {"man", "men", "woman", "women", "boy", "boys", "girl", "girls", "teen", "teens", "teenager",
                 "teenagers", "male", "female", "resident", "residents", "family", "families", "father", "mother",
                 "child", "children", "toddler", "couple", "native", "youth", "youths", "student", "students",
                 "people", "villagers", "farmer", "farmers", "son", "daughter", "brothers", "sisters", "members",
                 "workers", "teachers", "traders"}  # fmt: skip


def _of_people(doc: Doc, c: _Cand) -> bool:
    """The name modifies a noun for people ("Bulawayo youth members")."""
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return False
    head = span[-1].head
    return span[-1].dep_ in ("compound", "amod", "nmod") and head.i > span[-1].i and head.lower_ in _PEOPLE_NOUNS


def _modifier_of_thing(tok) -> bool:
    """The token modifies a common noun that is not an area word ("Bayraktar drones") or a
    product code ("Bayraktar TB2")."""
    head = tok.head
    if tok.dep_ not in ("compound", "amod", "nmod") or head is tok or head.i < tok.i:
        return False
    if head.lower_ in ADMIN_WORDS or head.ent_type_ in _STRONG_LABELS or head.lower_ in _PEOPLE_NOUNS:
        return False  # "a Chalmette man", "the Denmark family": someone from that town
    return head.pos_ == "NOUN" or (head.pos_ == "PROPN" and any(ch.isdigit() for ch in head.text))


def _misread(c: _Cand, best: Match, text: str, persons: set[str]) -> bool:
    """A name that is not a place here: the first word of a street ("Wallace Avenue", "Mill Street"),
    or a person's name the article uses ("Sidney Davis" ... "Davis' home")."""
    last = c.surface.split()[-1].lower().rstrip(".")
    if last not in ADMIN_WORDS and _STREET_AFTER.match(text, c.end) or last in _STREET_WORDS and best.quality < 3:
        return True
    return c.surface in persons and not (_decisive(c) or c.admin_hint)


def _foreign(c: _Cand, best: Match, weights: dict[str, float], votes_n: float,
             own: tuple[str, float] | None = None, near: dict[str, float] | None = None) -> bool:
    """A place of a country the article never otherwise points to: a village, in an article plainly
    about another country (a hamlet of New Zealand named in a story from Chicago is no place of it),
    or a place found only under another of its names."""
    e = best.entry
    hinted = c.admin_hint is not None and e.feature in ("admin1", "admin2")  # "X district" found as a district
    # "the village of X" says it is a village, not of which country
    if c.area_of or c.within or hinted or e.feature not in ("populated place", "admin2"):
        return False
    # the name's vote for its own country aside, what the article points to
    support = {k: v * votes_n - (own[1] if own and own[0] == k else 0.0) for k, v in weights.items()}
    mine, other = support.get(e.country or "", 0.0), max(support.values(), default=0.0)
    if best.quality < 3 and fold(e.name) != fold(c.surface) and mine <= 0:  # "Halgan", an old name of a Chinese city
        return other >= 0.5
    if e.population >= 100_000 or not weights or weights.get(e.country or "", 0.0) * votes_n > 0.5:
        return False  # its country has support beyond this very name
    if votes_n >= 2 and max(weights.values()) >= 0.6:
        return True
    return mine <= 0 and other >= 1.0 and not (near or {}).get(e.country or "")  # a neighbour may be meant


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|outside|around)\s+(?:the\s+)?$", re.I)


def _locative(c: _Cand, text: str) -> bool:
    """Written right after "in", "near", "at": "protested in Ben Gardane"."""
    return bool(_LOCATIVE_BEFORE.search(text[max(0, c.start - 15) : c.start]))


def _near_spelling_ok(c: _Cand, e: GazEntry, weights: dict[str, float]) -> bool:
    """A vowel-insensitive match: same beginning, about the same length, in a country the article
    otherwise points to."""
    k, n = fold(c.surface), fold(e.name)
    return k[:2] == n[:2] and abs(len(k) - len(n)) <= 2 and weights.get(e.country or "", 0) != 0


def _inside_name_ok(c: _Cand, e: GazEntry, weights: dict[str, float]) -> bool:
    """A place inside an organisation's name: only a country ("Costco Canada"), an area named as
    one ("Ukraine's Kharkiv oblast", which the tagger may call ORG), or the town a local
    institution serves ("the Danbury Police Department")."""
    return (e.feature == "country" and c.blocked == "ORG") or (
        c.admin_hint is not None and e.feature in ("admin1", "admin2")) or (
        c.seat and e.feature in ("populated place", "admin1", "admin2")
        and (weights.get(e.country or "", 0) > 0 or e.population >= 10_000))  # fmt: skip


def _person_ok(c: _Cand, doc: Doc, best: Match, big: bool, weights: dict[str, float]) -> bool:
    """"in Ben Gardane", which the tagger took for a person: a town of some size, spelled exactly;
    a name of several words written "in X" ("in Bir El Hafey") may be a smaller one."""
    e = best.entry
    several = len(c.surface.split()) > 1 and c.whole and best.quality >= 3 and e.population >= 1000
    return (big or several) and (c.town_hint or c.context and (
        weights.get(e.country or "", 0) > 0 or e.population >= 100_000
        or (several or not weights) and best.quality >= 3 and _locative(c, doc.text)))  # fmt: skip


def _blocked_ok(c: _Cand, doc: Doc, best: Match, weights: dict[str, float]) -> bool:
    """A weak candidate under a non-place entity (the tagger often calls towns ORG or PERSON)."""
    e = best.entry
    if best.quality < 2:
        return False
    if not c.whole:
        return _inside_name_ok(c, e, weights)
    if c.within is not None and best.quality >= 3 and e.feature != "country" and _inside(e, c.within):
        return True  # "Clatskanie, Oregon": a town of that state, whatever the tagger took it for
    if e.feature in ("country", "admin1") and c.blocked != "PERSON":
        return True
    big = e.population >= 10_000 or e.feature in ("admin1", "admin2", "other")
    if c.admin_hint and e.feature in ("admin1", "admin2"):
        return True
    if c.blocked == "PERSON":
        return _person_ok(c, doc, best, big, weights)
    if c.whole and best.quality >= 3 and e.population >= 100_000 and (c.blocked == "NORP" or _of_people(doc, c)):
        return True  # "a Kisangani school", "30 Bulawayo youths": a city the tagger took for a people or a body
    return big and (c.context or weights.get(e.country or "", 0) >= 0.1 or c.whole and _of_people(doc, c))


def _one_word_ok(c: _Cand, t: Token, best: Match) -> bool:
    """A weak one-word candidate: a proper noun, not a common word, a sentence's first word or a
    name used as a modifier of a thing ("Bayraktar drones", "Kornet missiles")."""
    low = t.lower_
    e = best.entry
    if low in _NEVER or t.is_stop or len(low) < 3 and c.surface not in _AP_ABBREV:
        return False
    if t.ent_type_ in _BLOCK_LABELS:
        return False
    if t.pos_ not in ("PROPN",) and not (c.context and e.population > 20000):
        return False
    if _sentence_start(t) and e.population < 100_000 and e.feature == "populated place":
        return False
    return not (_modifier_of_thing(t) and not c.context and _small(best))


def _acceptable(c: _Cand, doc: Doc, best: Match, exactish: bool, weights: dict[str, float]) -> bool:
    """Guard weak (non-NER) candidates against person names and common words."""
    e = best.entry
    if best.quality == 0 and not _near_spelling_ok(c, e, weights):
        return False
    if c.strong:
        return True
    if c.surface.lower() in _NEVER:
        return False  # "University" in "University Hospital", "Police" in "Police Department"
    if c.blocked:
        return _blocked_ok(c, doc, best, weights)
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    words = [t for t in span if not t.is_punct] if span is not None else []
    if not words:
        return False
    if len(words) == 1 and not _one_word_ok(c, words[0], best):
        return False
    if len(words) > 1 and all(t.lower_ in _NEVER for t in words):
        return False
    if best.quality < 2 and not c.context:
        return False
    if e.feature == "populated place" and e.population < 1000 and not c.context:
        return False
    return exactish or best.quality >= 2


@lru_cache(maxsize=8192)
def _keys(surface: str) -> tuple[str, ...]:
    """The gazetteer keys a name is looked up under, best first: the name itself (an AP state
    abbreviation spelled out), then without a leading direction word or a trailing area word."""
    s = _AP_ABBREV.get(surface, surface)
    out = [fold(s)]
    words = s.split()
    if len(words) > 1 and words[0].lower() in _DIRECTIONS:
        out.append(fold(" ".join(words[1:])))
    if len(words) > 1 and words[-1].lower() in ADMIN_WORDS and not all(w.lower() in _NEVER for w in words[:-1]):
        out.append(fold(" ".join(words[:-1])))  # "Kharkiv Oblast"; but "Police Department" is no place
    return tuple(out)


def _party_names(cands: Sequence[_Cand]) -> dict[str, tuple[str, str | None]]:
    """Candidate names that the actor tables know as an armed group: surface -> (group, ISO3)."""
    from rashomon.read.actors import _fold, _named

    table = _named()
    out: dict[str, tuple[str, str | None]] = {}
    for c in cands:
        hit = table.get(_fold(c.surface))
        if hit is not None and len(c.surface) > 3:
            out[c.surface] = (hit[1], hit[2])
    return out


_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


_THEN_COUNTRY = re.compile(r",\s*(?:the\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})")


def _country_follows(text: str, end: int, area: GazEntry) -> bool:
    """The area is written with its own country after it: "Gifford, Washington, United States"."""
    m = _THEN_COUNTRY.match(text, end)
    return m is not None and area.feature == "admin1" and country_code(m.group(1)) == area.country


def _title_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in title case ("Two Sets of Shots Ring Out"), where a capital says nothing about a name."""
    out = []
    for m in _LINE.finditer(text):
        words = [w for w in _WORD.findall(m.group()) if len(w) > 3]
        if len(words) >= 3 and all(w[0].isupper() for w in words) and sum(not w.isupper() for w in words) >= 0.8 * len(words):
            out.append((m.start(), m.end()))
    return out


def _within(i: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


def _told_outside(surface: str, text: str, spans: Sequence[tuple[int, int]]) -> bool:
    return any(not _within(m.start(), spans) for m in re.finditer(r"\b" + re.escape(surface) + r"\b", text))


def _abbreviation_cands(text: str) -> list[_Cand]:
    """AP state and province abbreviations: "Louisville, Ky.", "Surrey, B.C."."""
    out = []
    for m in re.finditer(r"(?<![\w.])(?:[A-Z][a-z]{0,4}\.)(?:[A-Z][a-z]?\.)*", text):
        ab = m.group(0)
        if ab in _AP_ABBREV and (
            ab in _ABBREV_FREE or re.search(r"[A-Za-z],\s*$", text[max(0, m.start() - 3) : m.start()])
        ):
            # KNOWN BUG, kept so this pass changes no output: these two positional calls predate
            # _Cand.town_hint, so the country lands in town_hint and True in country_hint. Passing
            # country_hint=..., context=True by keyword is the fix (measured: gvc date_exact +0.009,
            # b3_f1 +0.001; trnews acc161_found -0.002); it belongs with the places work.
            out.append(_Cand(m.start(), m.end(), ab, True, "admin1", country_hint=_ABBREV_COUNTRY[ab], context=True))
    return out


def _dateline_cands(text: str) -> list[_Cand]:
    """"EDMONTON, Ky. (WBKO) --", "BEIRUT —": where the story was filed."""
    return [_Cand(m.start(1), m.end(1), m.group(1), True, context=True)
            for m in _CAPS_DATELINE.finditer(text) if m.group(1).lower() not in _NEVER]  # fmt: skip


def _postal_cands(text: str) -> list[_Cand]:
    """"Toledo, OH", "LITTLE ROCK, AR -": a US state by its postal code after a town."""
    return [_Cand(m.start(1), m.end(1), m.group(1), True, "admin1", country_hint="USA", context=True,
                  alias=_POSTAL[m.group(1)]) for m in _POSTAL_AFTER_TOWN.finditer(text)]  # fmt: skip


def _share_list_context(cands: list[_Cand], text: str) -> None:
    """"in Baku and Gyumri", "Kharkiv, Sumy and Chernihiv": list members share the context."""
    strong_ends = sorted(c.end for c in cands if c.strong or c.context)
    for c in cands:
        if c.context:
            continue
        lo = _list_join_start(text, c.start)
        for end in strong_ends[bisect_left(strong_ends, lo) : bisect_left(strong_ends, c.start)]:
            if _LIST_JOIN.fullmatch(text, end, c.start):
                c.context = True
                break


def _candidates(doc: Doc, text: str) -> list[_Cand]:
    """Every candidate name of the text, with what the words around it say."""
    raw = [c2 for c in _spans(doc, text) if (c2 := _clean(c, text)) is not None]
    raw += _abbreviation_cands(text) + _dateline_cands(text) + _postal_cands(text)
    heads = _title_lines(text)
    if heads:  # in a headline Every Word Is Capitalised: a weak name there must also be written in the body
        raw = [c for c in raw if c.strong or not _within(c.start, heads) or _told_outside(c.surface, text, heads)]
    cands = [_context(doc, c, text) for c in raw]
    _share_list_context(cands, text)
    return cands


_Found = dict[str, list[Match]]


def _named_country_votes(cands: Sequence[_Cand], found: _Found, votes: defaultdict[str, float]) -> None:
    """Countries named outright ("Georgia" speaks for the country and the US state alike) and the
    countries of state abbreviations ("Ind.", "Dallas, TX")."""
    for c in cands:
        ms = found.get(c.keys[0], [])
        for hit in ms:
            if hit.entry.feature == "country" and hit.quality >= 2 and hit.entry.country:
                states = {x.entry.country for x in ms if x.entry.feature == "admin1" and x.quality >= 3
                          and x.entry.country and x.entry.country != hit.entry.country}  # fmt: skip
                for other in states:
                    votes[other] += 0.5 / len(states)
                votes[hit.entry.country] += 0.5 if states else 1.0
                break
        if c.country_hint:
            votes[c.country_hint] += 1.0


def _told_votes(cands: Sequence[_Cand], found: _Found, votes: defaultdict[str, float],
                ) -> tuple[dict[str, tuple[str, float]], list[tuple[str, str]]]:
    """Names that can only be places of one country (spaCy's places, names written "in X", "X County")
    vote for it. Returns the vote each name gave its own country and the admin1s of such names
    that lie in one ("Indianapolis": Indiana)."""
    told = {c.surface for c in cands if c.strong or c.context or _US_COUNTY.fullmatch(c.surface)}
    own_vote: dict[str, tuple[str, float]] = {}
    seats: list[tuple[str, str]] = []
    for surface in told - {c.surface for c in cands if c.blocked}:
        if surface.lower() in ADMIN_WORDS:
            continue  # "State" in "Borno State" is no town of Sicily, whatever the words around it
        ms = [m for m in found.get(fold(surface), []) if m.quality >= 2 and m.entry.feature != "country"]
        ms.sort(key=lambda m: -rank(m))
        if not ms or not ms[0].entry.country:
            continue
        rivals = [m for m in ms[1:] if m.entry.country != ms[0].entry.country]
        if not rivals or ms[0].entry.population > 100 * max(1, rivals[0].entry.population):
            votes[ms[0].entry.country] += 0.5
            own_vote[surface] = (ms[0].entry.country, 0.5)
            home = [m for m in ms if m.entry.country == ms[0].entry.country]
            if ms[0].entry.admin1 and all(m.entry.admin1 == ms[0].entry.admin1 for m in home):
                seats.append((ms[0].entry.country, ms[0].entry.admin1))
    return own_vote, seats


def _us_cue_vote(text: str, votes: defaultdict[str, float]) -> None:
    """A US local story that never names its country ("the Bristol County sheriff's deputies") votes
    weakly for the United States, unless the text points to another country (by name, people or place)."""
    if not any(v > 0 and k != "USA" for k, v in votes.items()) and _US_CUES.search(text):
        votes["USA"] += _US_CUE_VOTE


def _country_weights(cands: Sequence[_Cand], found: _Found, parties: dict[str, tuple[str, str | None]],
                     demonyms: set[str], text: str,
                     ) -> tuple[dict[str, float], float, dict[str, tuple[str, float]], list[tuple[str, str]]]:
    """The countries the document talks about, as shares of its votes; the number of votes; the vote
    each name gave its own country; the admin1s of names that lie in one."""
    votes: defaultdict[str, float] = defaultdict(float)
    _named_country_votes(cands, found, votes)
    # armed groups the actor tables know ("Boko Haram", "al-Shabaab") say which country the story is in,
    # and so do the peoples it names ("Kenyan troops", "a Sudanese militia")
    for iso in {iso for _, iso in parties.values() if iso} | demonyms:
        votes[iso] += 0.5
    own_vote, seats = _told_votes(cands, found, votes)
    _us_cue_vote(text, votes)
    total = sum(votes.values()) or 1.0
    return {k: v / total for k, v in votes.items()}, sum(votes.values()), own_vote, seats


_NEIGHBOUR_SHARE = 0.1
_NEIGHBOUR_RANK = 2.5  # as much as a share of the document's own countries counts in ranking (gazetteer.rank)


def _neighbour_shares(weights: dict[str, float]) -> dict[str, float]:
    """The countries bordering those the document talks about, that it does not name itself, each
    with a tenth of the largest share of the countries it borders: a village across the border in a
    story about the country next door."""
    near: dict[str, float] = {}
    table = neighbours()
    for k, w in weights.items():
        for n in table.get(k, ()):
            if n not in weights:
                near[n] = max(near.get(n, 0.0), _NEIGHBOUR_SHARE * w)
    return near


def _tie_area(c: _Cand, c2: _Cand, found: _Found, text: str, doc: Doc, weights: dict[str, float]) -> bool:
    """Tie a name to the area written right after it ("London, Ontario", "Gao, Mali"), when c2 names
    a country or admin1. Returns whether c2 was such an area (the search for one stops there)."""
    area_ms = found.get(c2.keys[0], [])
    areas = [x.entry for x in area_ms
             if x.quality >= 2 and x.entry.feature in ("country", "admin1") and x.entry.country]  # fmt: skip
    if c2.country_hint:
        areas = [a for a in areas if a.country == c2.country_hint] or areas
    if not areas:
        return False
    own = [x for k in c.keys for x in found.get(k, ())]
    own_top = max(own, key=rank).entry.feature if own else None
    if own_top == "country" or _modifies_noun(doc, c2):
        return True  # "Russia, Ukraine and ...", "in Russia, U.S. officials said": not a town and its area
    # the area that holds a place of that name: "Atlanta, Georgia" is the US state
    holding = [a for a in areas if any(x.entry.feature != "country" and _inside(x.entry, a) for x in own)]
    # "Carlton, Georgia" in a story from the US is the state, elsewhere the country
    a = max(holding or areas, key=lambda e: (weights.get(e.country or "", 0.0) > 0.3, e.feature == "country",
                                             e.population))
    c.within = a
    if holding:
        c2.area_of = a
    elif own_top != "admin1" and (_plainly_area(area_ms) or _country_follows(text, c2.end, a)):
        # "Holliday, Missouri" with no Holliday in Missouri: not a list like "Moscow, Kyiv"
        c.within_strict = True
        c2.area_of = a
    return True


def _tie_areas(cands: list[_Cand], found: _Found, text: str, doc: Doc, weights: dict[str, float]) -> None:
    """"London, Ontario", "Edmonton, Alberta", "Gao, Mali": the area written right after a name."""
    by_start: dict[int, list[_Cand]] = defaultdict(list)
    for c in cands:
        by_start[c.start].append(c)
    for c in cands:
        m = _COMMA.match(text[c.end : c.end + 4])
        if not m:
            continue
        for c2 in by_start.get(c.end + m.end(), ()):
            if _tie_area(c, c2, found, text, doc, weights):
                break


def _admin_weights(cands: Sequence[_Cand], found: _Found, weights: dict[str, float],
                   seats: list[tuple[str, str]]) -> dict[tuple[str, str], float]:
    """Admin1s the document names (a state, province, oblast), as shares: places inside them win ambiguities."""
    admin_votes: defaultdict[tuple[str, str], float] = defaultdict(float)
    for c in cands:
        for hit in found.get(c.keys[0], []):
            e = hit.entry
            if hit.quality >= 2 and e.feature == "admin1" and e.country and e.admin1 \
                    and (weights.get(e.country) or c.country_hint == e.country):
                admin_votes[(e.country, e.admin1)] += 1
    for country, admin1 in seats:
        if weights.get(country, 0) > 0.3:
            admin_votes[(country, admin1)] += 0.5
    admin_total = sum(admin_votes.values()) or 1
    return {k: v / admin_total for k, v in admin_votes.items()}


@dataclass
class _Reading:
    """What the whole document says, read once before any of its names is resolved."""

    text: str
    doc: Doc
    gaz: Gazetteer
    cands: list[_Cand]
    found: _Found
    weights: dict[str, float]
    votes_n: float
    own_vote: dict[str, tuple[str, float]]
    admin_w: dict[tuple[str, str], float]
    near: dict[str, float]  # the countries bordering those it talks about (_neighbour_shares)
    parties: dict[str, tuple[str, str | None]]
    surnames: set[str]  # "Christopher Steele" ... "Steele": a surname the article uses is not a place elsewhere
    persons: set[str]  # the words of people's names, unless the article also writes the name as a place


def _people_words(doc: Doc, cands: Sequence[_Cand], text: str) -> tuple[set[str], set[str]]:
    """The surnames of the people the article names, and every word of their names ("Sidney Davis"
    ... "at Davis' home") unless the article also writes the name as a place ("in Davis", "Davis,
    California"); the tagger's own GPE label on a bare surname is no such sign."""
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    persons = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and not any(t.is_punct for t in e)
               for t in e if _is_cap(t)} - {c.surface for c in cands if _decisive(c) or c.admin_hint
                                           or c.strong and c.context and _locative(c, text)}
    return surnames, persons


def _read_document(doc: Doc, text: str, gaz: Gazetteer) -> _Reading:
    cands = _candidates(doc, text)
    found = gaz.matches({k for c in cands for k in c.keys})
    # armed groups the actor tables know: their names are not places ("Hamas" is not Hamm)
    parties = _party_names(cands)
    weights, votes_n, own_vote, seats = _country_weights(cands, found, parties, _demonym_countries(text, gaz), text)
    _tie_areas(cands, found, text, doc, weights)
    admin_w = _admin_weights(cands, found, weights, seats)
    surnames, persons = _people_words(doc, cands, text)
    return _Reading(text, doc, gaz, cands, found, weights, votes_n, own_vote, admin_w, _neighbour_shares(weights),
                    parties, surnames, persons)


def _lookup(c: _Cand, found: _Found) -> tuple[list[Match], str | None]:
    """The matches of a mention's first key that has any, and that key."""
    for k in c.keys:
        ms = found.get(k, [])
        if ms:
            return ms, k
    return [], None


def _narrowed(c: _Cand, ms: list[Match], used_key: str | None) -> list[Match] | GazEntry | None:
    """The matches the words around a mention allow; an area standing in for it (a village the
    gazetteer lacks, written in a known area); or None when nothing fits."""
    if not ms:
        return _fallback(c.within) if c.within_strict and c.within is not None and c.strong else None
    if used_key != c.keys[0] and c.surface.split()[-1].lower() in ("zone", "area"):
        # "the Green Zone" is no place called Green: read without its last word it must name an area
        ms = [m for m in ms if m.entry.feature in ("admin1", "admin2") and fold(m.entry.name) == used_key]
        if not ms:
            return None
    if c.country_hint:
        ms = [m for m in ms if m.entry.country == c.country_hint] or ms
    if c.area_of:
        ms = [m for m in ms if m.entry.id == c.area_of.id] or ms
    if c.town_hint:
        ms = [m for m in ms if m.entry.feature == "populated place" and m.quality >= 2] or ms
    if c.within:
        inside = [m for m in ms if m.entry.feature != "country" and _inside(m.entry, c.within)]
        if not inside and c.within_strict:  # a village the gazetteer lacks: the area, coarser
            return _fallback(c.within)
        ms = inside or ms
    return ms


def _area_hint(c: _Cand, used_key: str | None) -> str | None:
    """"admin1"/"admin2"/"admin" when the mention names an area: "Kharkiv Oblast" found as "Kharkiv"."""
    if used_key != c.keys[0] and c.surface.split()[-1].lower() in ADMIN_WORDS:
        return c.admin_hint or "admin"
    return c.admin_hint


@dataclass
class _Pass:
    """One resolution pass over the mentions: the anchors it ranks nearness by, and its decisions
    (one sense per discourse)."""

    r: _Reading
    anchors: list[tuple[str, GazEntry]]
    points: list[_Anchor] = field(default_factory=list)
    near: dict[tuple[int, str], float] = field(default_factory=dict)  # (entry, surface) -> _proximity
    chosen: dict[str, tuple[Match, str]] = field(default_factory=dict)  # surface -> decision

    def score(self, m: Match, hint: str | None, surface: str, town: bool) -> float:
        s = rank(m, surface, self.r.weights)
        e = m.entry
        if hint and e.feature in ("admin1", "admin2"):
            s += 3.0 + (1.0 if hint == e.feature else 0.0)
        elif town and e.feature == "populated place":
            s += 3.0
        if e.feature == "country" and e.country in self.r.weights:
            s += 1.0
        s += _NEIGHBOUR_RANK * self.r.near.get(e.country or "", 0.0)
        if e.feature != "admin1" and e.admin1:
            s += 2.0 * self.r.admin_w.get((e.country or "", e.admin1), 0.0)
        if self.anchors and e.latitude is not None and e.feature not in ("country", "other"):
            key = (id(e), surface)
            if key not in self.near:
                self.near[key] = _proximity(e, surface, self.points)
            s += self.near[key]
        return s

    def choose(self, c: _Cand, ms: list[Match], hint: str | None) -> Match:
        """The entry a mention names: the best scored, or what the same name was found to be."""

        def score(m: Match) -> float:
            return self.score(m, hint, c.surface, c.town_hint)

        if _decisive(c) or hint:  # the text says which one
            best = max(ms, key=score)
            self.chosen.setdefault(c.surface, (best, c.surface))
            return best
        if c.surface in self.chosen:
            return self.chosen[c.surface][0]
        best = max(ms, key=score)
        if best.entry.feature == "admin1":  # "Kharkiv" is the city, "Kharkiv Oblast" the oblast...
            best = _town_over_admin1(self.r.gaz, best, ms, score)
        self.chosen[c.surface] = (best, c.surface)
        return best


def _town_over_admin1(gaz: Gazetteer, best: Match, ms: list[Match], score: Callable[[Match], float]) -> Match:
    """A big town of an admin1's name, when the name is not plainly the admin1."""
    b = best.entry
    towns = [m for m in ms if m.entry.feature == "populated place" and m.quality >= 2
             and m.entry.country == b.country and m.entry.population >= 100_000]  # fmt: skip
    # ...but "Quebec" is the province: its same-named town is not its biggest one
    if b.country and b.admin1:
        top = gaz.largest_town(b.country, b.admin1)
        towns = [m for m in towns if m.entry.admin1 != b.admin1 or m.entry.population >= top]
    # ...and "Toledo" is the city of 270,000, not a district of 30,000 in another country
    towns += [m for m in ms if m.entry.feature == "populated place" and m.quality >= 3
              and m.entry.country != b.country and m.entry.population >= max(100_000, 3 * b.population)]
    return max(towns, key=score) if towns else best


def _rejected(r: _Reading, c: _Cand, best: Match) -> bool:
    """The best entry is no place here: a common word or person's name, a misread street, a village
    of a country the article never points to."""
    exactish = best.quality >= 2 or best.entry.name.lower() == c.surface.lower()
    return (not _acceptable(c, r.doc, best, exactish, r.weights) or _misread(c, best, r.text, r.persons)
            or _foreign(c, best, r.weights, r.votes_n, r.own_vote.get(c.surface), r.near))


_Resolved = list[tuple[_Cand, GazEntry, bool]]


def _resolve(r: _Reading, anchors: list[tuple[str, GazEntry]]) -> tuple[_Resolved, list[_Cand]]:
    """Resolve every mention: (mention, entry, fuzzy) for those found, and the place names the
    gazetteer lacks."""
    p = _Pass(r, anchors, _anchor_points(anchors))
    resolved: _Resolved = []
    unknown: list[_Cand] = []
    accepted: dict[str, GazEntry] = {}
    rejected: list[tuple[_Cand, Match]] = []
    # mentions whose words say which place is meant go first: their choice also settles the
    # bare mentions of the same name ("the city of Turkey" ... "returns to Turkey")
    for c in sorted(r.cands, key=lambda c: not _decisive(c)):
        ms, used_key = _lookup(c, r.found)
        got = _narrowed(c, ms, used_key)
        if got is None:
            if c.strong:
                unknown.append(c)
            continue
        if isinstance(got, GazEntry):
            resolved.append((c, got, False))
            continue
        best = p.choose(c, got, _area_hint(c, used_key))
        if c.surface in r.parties and best.entry.feature not in ("country", "admin1"):
            continue
        if _rejected(r, c, best):
            rejected.append((c, best))
            continue
        accepted[c.surface] = best.entry
        resolved.append((c, best.entry, best.quality == 0))
    # one sense per discourse: once "the city of Kherson" shows a name is that place, a bare
    # "Kherson" (which the tagger may call a person) elsewhere in the article is that place too
    for c, best in rejected:
        if (c.blocked == "PERSON" and c.whole and c.surface not in r.surnames
                and accepted.get(c.surface) == best.entry and best.quality >= 2):  # fmt: skip
            resolved.append((c, best.entry, False))
    return resolved, unknown


def _without_inner_guesses(resolved: _Resolved, unknown: list[_Cand]) -> _Resolved:
    """A word inside a place name the gazetteer lacks is no small town of that word ("Abu" in "in Abu
    Sleem" is no village of Japan), unless the words around it say which place it is."""
    def inner(c: _Cand, e: GazEntry) -> bool:
        return not c.strong and not _decisive(c) and _small(Match(e, 3)) and any(
            u.start <= c.start and c.end <= u.end and u.end - u.start > c.end - c.start for u in unknown)

    return [x for x in resolved if not inner(x[0], x[1])]


def _fall_back_to_areas(unknown: list[_Cand], resolved: _Resolved, text: str) -> _Resolved:
    """Unknown names written "X ... in the Y region/district": X falls back to Y."""
    out: _Resolved = []
    admin_spots = [(c, e) for c, e, _ in resolved if c.admin_hint or e.feature in ("admin1", "admin2")]
    for u in unknown:
        if u.surface.isupper() or not u.surface[0].isalpha() or any(ch.isdigit() for ch in u.surface) \
                or u.surface.split()[-1].lower().rstrip(".") in _STREET_WORDS:
            continue  # "College Avenue in the area of X" is a street there, not a village
        sent_end = text.find(".", u.end)
        sent_end = len(text) if sent_end < 0 else sent_end
        for c, e in admin_spots:
            if u.end <= c.start <= min(sent_end, u.end + 120) and e.latitude is not None \
                    and re.search(r"\b(in|of|near)\b", text[u.end : c.start].lower()):
                out.append((u, _fallback(e), False))
                break
    return out


# "the East Hills neighborhood of Grand Rapids", "Hanna Furi area of Lafto sub-city of Addis Ababa"
_PART_OF = re.compile(
    r"\s+(?:area|neighbou?rhood|sub-?city|suburb|section|quarter|district|township|locality|ward|estate)"
    r"\s+of\s+(?:the\s+)?", re.I,
)
# "in Auckland Park, Johannesburg.": a part of a town, the town written after it (not a list)
_THEN_TOWN_END = re.compile(r"\s*(?:[.;:)]|,(?!\s*(?:and|or)\b)|$)")
_PART_KM = 50.0


def _container(start: int, text: str, by_start: dict[int, tuple[_Cand, GazEntry]],
               starts: dict[int, _Cand]) -> GazEntry | None:
    """The town or area a part of a place is said to lie in, following "X area of Y sub-city of Z"."""
    for _ in range(3):
        hit = by_start.get(start)
        if hit is not None and hit[1].feature != "country" and hit[1].latitude is not None:
            return hit[1]
        c = starts.get(start)
        m = _PART_OF.match(text, c.end) if c is not None else None
        if m is None:
            return None
        start = m.end()
    return None


def _holds(area: GazEntry, e: GazEntry) -> bool:
    """The place lies in the area: inside an admin1 or country, or within a town's reach."""
    if area.feature in ("admin1", "country"):
        return _inside(e, area)
    if area.latitude is None or e.latitude is None or area.longitude is None or e.longitude is None:
        return False
    p = math.pi / 180
    return _km(area.latitude, area.longitude, math.cos(area.latitude * p), e.latitude, e.longitude,
               math.cos(e.latitude * p)) <= _PART_KM


def _part_of(c: _Cand, text: str, by_start: dict[int, tuple[_Cand, GazEntry]],
             starts: dict[int, _Cand], unknown: bool = False) -> GazEntry | None:
    """The place a mention is written as part of: "X neighborhood of Y", or, for a name the
    gazetteer lacks, "X, Y" before a town."""
    m = _PART_OF.match(text, c.end)
    if m is not None:
        return _container(m.end(), text, by_start, starts)
    m = _COMMA.match(text, c.end)
    hit = by_start.get(m.end()) if m is not None and unknown else None
    if hit is None or hit[1].feature != "populated place" or not _THEN_TOWN_END.match(text, hit[0].end):
        return None
    return hit[1]


def _parts_of_places(cands: Sequence[_Cand], resolved: _Resolved, text: str) -> _Resolved:
    """A neighbourhood, suburb or village written as part of a place ("the East Hills neighborhood of
    Grand Rapids", "in Auckland Park, Johannesburg") lies there: a same-named place elsewhere is
    not meant, and one the gazetteer lacks falls back to the place it is part of (coarser)."""
    by_start: dict[int, tuple[_Cand, GazEntry]] = {}
    for c, e, _ in sorted(resolved, key=lambda x: x[0].end - x[0].start):
        by_start[c.start] = (c, e)
    starts = {c.start: c for c in sorted(cands, key=lambda c: c.end - c.start)}
    span_of = {(c.start, c.end) for c, _, _ in resolved}
    out: _Resolved = []
    for c, e, fz in resolved:
        area = _part_of(c, text, by_start, starts) if e.feature == "populated place" else None
        # "the Cincinnati suburb of West Chester" says it the other way round: the part is the smaller
        part = area is not None and (area.feature != "populated place" or area.population > e.population)
        out.append((c, _fallback(area), False) if area is not None and part and not _holds(area, e) else (c, e, fz))
    for c in cands:
        if c.strong and (c.start, c.end) not in span_of:
            area = _part_of(c, text, by_start, starts, unknown=True)
            if area is not None:
                out.append((c, _fallback(area), False))
    return out


def _to_places(resolved: _Resolved, text: str, gaz: Gazetteer) -> list[Place]:
    """One place per span: longest wins, then strong over weak."""
    resolved = sorted(resolved, key=lambda x: (x[0].start, -(x[0].end - x[0].start), not x[0].strong))
    out: list[Place] = []
    last_end = -1
    for c, e, _fuzzy in resolved:
        if c.start < last_end or text[c.start : c.end] != c.surface:
            continue
        out.append(Place(start=c.start, end=c.end, name=e.name, latitude=e.latitude, longitude=e.longitude,
                         country=e.country, admin1=gaz.admin1_of(e) if e.feature != "admin1" else e.admin1 or e.name,
                         feature=e.feature, gazetteer_id=e.id))  # fmt: skip
        last_end = c.end
    return out


def find_places(text: str, doc: Doc | None = None, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Every place mention in text, resolved (offsets into text; text[start:end] is the name as written)."""
    if not text.strip():
        return []
    if doc is None:
        from rashomon.read.nlp import get_nlp

        doc = get_nlp()(text)
    gaz = gazetteer or get_gazetteer()
    r = _read_document(doc, text, gaz)
    # two passes: the second prefers, among same-named places, the one near the other places
    # the first pass found (Edmonton next to Enfield and Tottenham is the London one)
    resolved, unknown = _resolve(r, [])
    anchors = [(c.surface, e) for c, e, fz in resolved
               if not fz and e.latitude is not None and e.longitude is not None
               and e.feature in ("populated place", "admin2", "admin1")]  # fmt: skip
    if len({a[0] for a in anchors}) >= 2:
        resolved, unknown = _resolve(r, anchors)
    resolved = _without_inner_guesses(resolved, unknown)
    resolved += _fall_back_to_areas(unknown, resolved, text)
    resolved = _parts_of_places(r.cands, resolved, text)
    resolved += _projected(r.cands, resolved, text, gaz)
    resolved += _demonyms(doc, text, gaz, {(c.start, c.end) for c, _, _ in resolved})
    return _to_places(resolved, text, gaz)


_BEARING = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225, "west": 270,
            "northwest": 315}  # fmt: skip
# ", 30 miles south of", "(10kms east of": the distance and the direction from a known place
_FROM = re.compile(
    r"[\s,(]*(?:about|some|around|roughly|approximately|nearly|almost)?\s*(\d+(?:\.\d+)?)\s*(km|kms|kilometers|kilometres|"
    r"miles|mi)\.?\s+(?:to\s+the\s+)?((?:north|south)?-?(?:east|west)?)(?:ern)?\s+of\s+(?:the\s+)?",
    re.I,
)


def _from_place(text: str, end: int) -> tuple[float, float, int] | None:
    """(km, bearing, where the reference place starts) for ", 30 miles south of " written at end."""
    m = _FROM.match(text, end)
    if not m or not m.group(3):
        return None
    km = float(m.group(1)) * (1.609 if m.group(2).lower().startswith("mi") else 1.0)
    bearing = _BEARING.get(m.group(3).lower().replace("-", ""))
    return None if bearing is None or km > 500 else (km, bearing, m.end())


def _projected(cands: list[_Cand], resolved: list[tuple[_Cand, GazEntry, bool]], text: str,
               gaz: Gazetteer) -> list[tuple[_Cand, GazEntry, bool]]:
    """A village the gazetteer lacks, written "X, 30 miles south of Y": the point that far
    from the known place, in the province of the town nearest it, coarser (geo_precision 2)."""
    out = []
    starts = {c.start: e for c, e, _ in resolved if e.latitude is not None and e.feature != "country"}
    known = {(c.start, c.end) for c, _, _ in resolved}
    longest: dict[int, _Cand] = {}
    for c in cands:
        if not c.surface[:1].isupper() or c.surface.isupper() or any(ch.isdigit() for ch in c.surface):
            continue
        if c.end not in longest or c.start < longest[c.end].start:
            longest[c.end] = c
    for u in longest.values():
        if any(a <= u.start and u.end <= b for a, b in known):
            continue
        rel = _from_place(text, u.end)
        ref = starts.get(rel[2]) if rel else None
        if rel is None or ref is None or ref.latitude is None or ref.longitude is None:
            continue
        km, bearing, _ = rel
        b = math.radians(bearing)
        lat = ref.latitude + km * math.cos(b) / 111.0
        lon = ref.longitude + km * math.sin(b) / (111.0 * max(0.1, math.cos(math.radians(ref.latitude))))
        town = gaz.nearest_town(lat, lon, ref.country)
        entry = GazEntry(FALLBACK_PREFIX + ref.id, u.surface, round(lat, 4), round(lon, 4), ref.country,
                         town.admin1 if town else ref.admin1, "populated place")
        out.append((u, entry, False))
    return out


def reference_points(places: Sequence[Place], text: str) -> set[int]:
    """The starts of places that only say where another is ("30 miles south of Beirut"): not where
    a happening is."""
    out = set()
    for p in places:
        rel = _from_place(text, p.end) if p.gazetteer_id and p.gazetteer_id.startswith(FALLBACK_PREFIX) else None
        if rel:
            out.add(rel[2])
    return out


_REGION_OF = {"european": "Europe", "asian": "Asia", "african": "Africa", "northamerican": "North America",
              "southamerican": "South America", "latinamerican": "Latin America", "middleeastern": "Middle East",
              "southeastasian": "Southeast Asia", "scandinavian": "Scandinavia"}  # fmt: skip
_REGION_ADJ = re.compile(r"\b(?:European|Asian|African|North American|South American|Latin American|Middle Eastern|"
                         r"South ?[Ee]ast Asian|Scandinavian)\b")


def _demonym_word(text: str, a: int, b: int, gaz: Gazetteer) -> str | None:
    """The word at a..b as an adjective of a country ("Turkish"), not the country's name nor a capital
    speaking for it ("Moscow said")."""
    word = _POSSESSIVE.sub("", text[a:b])
    if is_country_name(word) or any(m.entry.feature != "country" and m.quality >= 2 and m.entry.population >= 100_000
                                    for m in gaz.matches([fold(word)])[fold(word)]):
        return None
    return word


def _demonym_countries(text: str, gaz: Gazetteer) -> set[str]:
    """The countries whose adjectives the text uses."""
    return {iso for a, b, iso in countries_in(text) if _demonym_word(text, a, b, gaz) is not None}


def _demonyms(doc: Doc, text: str, gaz: Gazetteer, taken: set[tuple[int, int]]) -> list[tuple[_Cand, GazEntry, bool]]:
    """The countries that adjectives name ("Turkish officials", "a South African court"), marked
    DEMONYM_PREFIX: a document's places, but never where one of its happenings is."""
    out = []
    for a, b, iso in countries_in(text):
        word = None if any(x < b and a < y for x, y in taken) else _demonym_word(text, a, b, gaz)
        if word is None:
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or any(t.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART") for t in span):
            continue
        e = gaz.country(iso)
        if e is not None:
            out.append((_Cand(a, b, word, True), replace(e, id=DEMONYM_PREFIX + e.id), False))
    for m in _REGION_ADJ.finditer(text):  # "European leaders", "South East Asian markets"
        region = _REGION_OF[m.group(0).lower().replace(" ", "")]
        if any(x < m.end() and m.start() < y for x, y in taken):
            continue
        hits = [x.entry for x in gaz.matches([fold(region)])[fold(region)] if x.entry.feature == "other"]
        if hits:
            out.append((_Cand(m.start(), m.end(), m.group(0), True), replace(hits[0], id=DEMONYM_PREFIX + hits[0].id),
                        False))
    return out


def countries_of(places: Sequence[Place]) -> list[str]:
    """The countries of some places, most mentioned first."""
    c: defaultdict[str, int] = defaultdict(int)
    for p in places:
        if p.country:
            c[p.country] += 1
    return sorted(c, key=lambda k: -c[k])


__all__ = ["DEMONYM_PREFIX", "FALLBACK_PREFIX", "countries_of", "find_places", "geo_precision", "locate",
           "reference_points"]

_ = (Span,) if TYPE_CHECKING else None
