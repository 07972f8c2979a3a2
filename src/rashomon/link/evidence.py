"""Pair evidence: how two mentions agree or clash, from what each carries.

A ``Profile`` gathers, once per mention, what the comparisons need: the date span, countries,
first-level areas, coordinates of its places, parties, victims (ages, counts), weapon and setting
words, whether it follows an earlier happening up (an arrest, a funeral, a trial), and the weighted
words of its own sentences (TF-IDF over the mentions being linked together). ``pair_evidence`` adds
the agreements and clashes on a log-odds scale and returns a probability with the reasons.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from rashomon.model import FAMILY, CountKind, MentionRecord, is_generic_party
from rashomon.timex import scan

__all__ = ["MAX_GAP", "FOLLOW_DAYS", "NAMED_FOLLOW_DAYS", "SHARED_WORDS", "Profile", "profiles", "pair_evidence", "pair_features", "siblings_agree", "km", "WEIGHTS"]


class _Add(Protocol):
    """Records one piece of evidence: its weight key, a reason told only when explaining, a multiple."""

    def __call__(self, key: str, reason: Callable[[], str], times: float = 1.0) -> None: ...


_SLACK = {"day": 0, "week": 3, "month": 0, "year": 0}

# log-odds weights of each kind of evidence: a logistic fit (L2 5.0, each set's pairs weighing as much in all,
# every weight kept to its sign: an agreement is never evidence against) on the candidate pairs of gvc (even
# incident ids; documents of one incident are positives) and acled2016 (even rows; all negatives), by
# bench/link_tune.py --fit --balance 1 --shift 2,4 (data: sha256 gvc.json 611a8032ba26d94d..., acled2016.csv
# 2c164678f3e8ad36...). --shift: "prior" +2 and "brief" -2 (two full accounts gain, a short passage of a long
# article keeps its odds), "note" -6 (a whole document of a few words, as ACLED's notes are, says too little
# to tell one happening from its neighbours'). Set by hand (FIXED there): "far", "other_age", the parties
# (no positive pair of those sets names one) and "shared_name" 5 (a victim's or a suspect's name, a street:
# the long dev articles share names as distinctive words too, so the fit leaves it little weight, and two
# short reports naming one victim must still join). Even halves: gvc B-cubed F1 0.856, ACLED notes in an
# event of their own 0.915; odd halves (not tuned on): 0.872, 0.932 (link_tune, clustered as link does). "other_area" and "other_country" are
# weighed only for pairs whose places may agree (near, or named alike): both placed, one area misread.
WEIGHTS = {
    "prior": -0.98,
    "same_day": 0.79,
    "overlap": 0.64,
    "day_apart": 0.31,
    "per_day_apart": -0.21,
    "follow_up_apart": 0.0,
    "other_day": 0.0,  # both day-precise, on different days, no follow-up
    "same_type": 0.0,
    "same_sub_type": 0.64,
    "near": 1.03,  # places within _NEAR_KM
    "close": 0.34,  # within _CLOSE_KM
    "far": -5.0,  # all places farther apart than _FAR_KM
    "shared_area": 4.37,
    "same_place_name": 0.16,  # both name a place (finer than a first-level area) alike
    "other_area": 2.28,  # different areas, places near or named alike (see above)
    "other_country": 0.42,  # as other_area
    "country_apart": 0.11,  # no country in common (met only through shared distinctive words)
    "shared_actor": 3.0,  # per distinctive shared party (at most 2), set by hand (see link_tune FIXED)
    "other_actor": -0.5,
    "shared_age": 2.28,
    "other_age": -1.5,
    "same_count": 0.29,
    "other_count": -0.83,
    "shared_gear": 0.0,
    "shared_name": 5.0,  # words of a proper name (a victim, a suspect, a street) both give: 1 for two or more, _ONE_NAME for one
    "rare_words": 0.84,  # per two shared distinctive words (at most 6)
    "text": 0.84,  # times the cosine of the sentences' weighted words
    "brief": -2.0,  # one of the two told in under _BRIEF words, in a longer document
    "note": -8.27,  # one of the two a whole document of under _BRIEF words (a coder's note, a wire brief)
    "note_detail": 6.0,  # set by hand (see link_tune FIXED): a "note" that agrees on _NOTE_DETAILS of _DETAILS and
    # clashes on none takes back the -6 shift (2: nothing joins; 3..8: gvc even half splits 7 -> 6, odd 14 -> 13,
    # ACLED notes unchanged; with 3 details instead of 4, or the sub-type needed and 3, ACLED notes join)
    "long_text": 0.14,  # times the cosine, when both are told in at least _BRIEF words
    "text_alike": 1.65,  # sentences at least _ALIKE similar
    "text_much_alike": 0.0,  # at least _MUCH_ALIKE
    "vague": -3.0,  # set by hand (see link_tune FIXED): none of _SPECIFIC; -1..-4 tried, even half unchanged
}
_SPECIFIC = frozenset(("near", "same_place_name", "shared_age", "shared_name", "rare_words", "text_alike", "shared_actor"))
_DETAILS = (("same_sub_type",), ("same_day",), ("near", "same_place_name"), ("same_count",), ("shared_age",), ("shared_name",))
_CLASHES = frozenset(("other_day", "other_count", "other_age", "far"))
_NOTE_DETAILS = 4  # details of _DETAILS a short document must share (and none of _CLASHES) to lose its "note"
_NEAR_KM, _CLOSE_KM, _FAR_KM = 8.0, 30.0, 120.0
_ONE_NAME = 0.1  # what one name word both give counts (a first name, or a surname many share, as a governor's),
# against 1 for two or more (a full name) (0.5 before: gvc unchanged, ACLED notes in an event of their own 0.94 -> 0.97)
_STORY_WORDS = 6  # distinctive words two mentions share that outweigh places read apart (3, 4, 6 tried on gvc's
# even half: 4 and 3 join ACLED notes; 6 joins one more gvc incident and one articles event told in three papers)
_RARE_DF = 5  # a word in at most this many (and 10%) of the mentions linked together is distinctive
FOLLOW_DAYS = 60  # a follow-up may come this many days after what it follows up
NAMED_FOLLOW_DAYS = 3 * 365  # ... and this many when the two share a person's or a street's name (a trial)
_ALIKE, _MUCH_ALIKE = 0.2, 0.35
_BRIEF = 30  # a mention told in fewer words says too little to tell it from its neighbours
SHARED_WORDS = 2  # distinctive words two mentions of different countries must share to be weighed
_RARE_ACTOR = 2  # a party named by at most this many articles of one country and week (the pair's) is distinctive
_COMMON_ACTOR = 0.25  # what a party named by more counts, against 1 for a distinctive one
_SIBLING_GAP = 10  # two mentions of one document, of one type, at most this many days apart may tell one
# happening (one shooting dated once by its day, once by a later report's; 0, 3, 10 tried on gvc's even half)
MAX_GAP = 10  # beyond this many days apart, two reports that are no follow-up are not weighed

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d+(?:-year-old)?")
_AGE = re.compile(r"\b(\d{1,3})(?:-| )(?:year|yr)s?(?:-| )old\b", re.I)
_FOLLOW = re.compile(
    r"\b(?:funeral|vigil|memorial|mourn\w*|buried|burial|arrest(?:ed|s)?|charged|charges|arraign\w*|"
    r"trial|sentenc\w*|convicted|pleaded|plea|indicted|court|jury|judge|verdict|bond|bail)\b",
    re.I,
)
_NAME = re.compile(r"\b[A-Z][a-z'’]+(?:[ -](?:[A-Z][a-z'’]+|[A-Z]\.))+")  # Tyrone Baxter, Maple Street
_CALENDAR = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
     "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
)
_GEAR = re.compile(
    r"\b(?:handgun|pistol|revolver|rifle|shotgun|ar-15|assault weapon|bb gun|knife|machete|grenade|"
    r"rocket|mortar|drone|airstrike|air strike|ied|car bomb|suicide bomber|"
    r"home|house|apartment|bedroom|backyard|car|vehicle|truck|school|park|store|bar|nightclub|club|church|"
    r"mosque|market|checkpoint|restaurant|motel|hotel|parking lot|street|highway|gas station)\b",
    re.I,
)


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "told", "according", "reported", "news"}


_STOP = _stop_words()


@dataclass
class Profile:
    id: str
    document: str
    family: str
    event_type: str
    sub_event_type: str | None
    historical: bool
    span: tuple[date, date] | None
    day: date | None  # the day, when the mention is day-precise
    stated: date | None  # that day, when its own sentences state it in full ("May 3, 2002", "05/03/2002")
    countries: set[str]
    country: str | None
    areas: set[str]
    points: list[tuple[float, float]]
    actors: set[str]
    actor1: str | None
    ages: set[int]
    counts: dict[str, set[int]]
    gear: set[str]
    follow_up: bool
    words: dict[str, float] = field(default_factory=dict)  # unit-length TF-IDF vector
    rare: dict[str, float] = field(default_factory=dict)  # distinctive words (not place names) -> IDF
    place_words: set[str] = field(default_factory=set)
    place_names: set[str] = field(default_factory=set)  # names of its places finer than a first-level area
    names: set[str] = field(default_factory=set)  # words of the proper names it gives (not places nor parties)
    lower: set[str] = field(default_factory=set, repr=False)  # words its sentences write in lower case
    actor_df: dict[str, int] = field(default_factory=dict)  # party -> articles naming it in its country and week
    size: int = 0  # words in its sentences (stop words left out)
    doc_size: int = 0  # words in the sentences of all its document's mentions (among those linked together)
    borrowed: bool = False  # its places are those of its article's other mentions


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p = math.pi / 180
    h = math.sin((b[0] - a[0]) * p / 2) ** 2 + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin(
        (b[1] - a[1]) * p / 2
    ) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _tokens(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(text):
        lw = w.lower().replace("’", "'")
        if lw in _STOP or len(lw) < 3 and not lw.isdigit():
            continue
        out.append(lw)
    return out


def _profile(r: MentionRecord) -> tuple[Profile, Counter]:
    m = r.mention
    span = None
    if m.date is not None:
        slack = timedelta(days=_SLACK.get(m.date_precision, 0))
        span = (m.date - slack, (m.date_end or m.date) + slack)
    text = "\n".join(c.text for c in r.claims)
    points = [(p.latitude, p.longitude) for p in m.places
              if p.latitude is not None and p.longitude is not None and p.feature not in ("country", "admin1")]
    if m.latitude is not None and m.longitude is not None and m.geo_precision <= 2:
        points.append((m.latitude, m.longitude))
    counts: dict[str, set[int]] = {}
    kind: CountKind
    for c in r.claims:
        for kind in ("killed", "wounded"):
            v = c.fields.get(kind)
            if v is not None and v["value"] is not None:
                counts.setdefault(kind, set()).add(v["value"])
    areas = {m.admin1} | {p.area for p in m.places if p.feature != "country"}
    prof = Profile(
        id=r.id,
        document=r.document,
        family=FAMILY.get(m.event_type, "other"),
        event_type=m.event_type,
        sub_event_type=m.sub_event_type,
        historical=m.historical,
        span=span,
        day=m.date if m.date_precision == "day" and not m.date_end else None,
        stated=m.date if m.date_precision == "day" and not m.date_end and m.date in _full_days(text) else None,
        countries=set(m.countries) | ({m.country} if m.country else set()),
        country=m.country,
        areas={a.casefold() for a in areas if a},
        points=sorted(set(points)),
        # a generic party ("Protesters (Kenya)", "Civilians (Mali)", a state's police at home) is no
        # evidence that two accounts tell one event, nor that they tell two
        actors={a for a in (m.actor1, m.actor2) if a and not is_generic_party(a, m.actors, m.country)},
        actor1=m.actor1 if m.actor1 and not is_generic_party(m.actor1, m.actors, m.country) else None,
        ages={int(a) for a in _AGE.findall(text)} if text else set(),
        counts=counts,
        gear={g.lower() for g in _GEAR.findall(text)} if text else set(),
        follow_up=m.sub_event_type == "Arrests" or bool(text and _FOLLOW.search(text)),
    )
    names = [p.name for p in m.places] + [x for x in (m.location, m.admin1) if x]
    prof.place_words = set(_tokens(" ".join(names)))
    prof.place_names = {p.name.casefold() for p in m.places if p.feature not in ("country", "admin1")}
    parties = set(_tokens(" ".join(a for a in (m.actor1, m.actor2) if a)))
    prof.names = {w for n in _NAME.findall(text) for w in _tokens(n)} - prof.place_words - parties - _CALENDAR
    prof.lower = {w.replace("’", "'") for w in _WORD.findall(text) if w.islower()}
    tokens = _tokens(text)
    prof.size = len(tokens)
    return prof, Counter(tokens)


def _full_days(text: str) -> set[date]:
    """The single days a text states in full, with month, day and year ("May 3, 2002", "05/03/2002")."""
    out = set()
    for t in scan(text):
        if t.kind == "date" and t.year and t.month and t.day and t.end_day is None:
            try:
                out.add(date(t.year, t.month, t.day))
            except ValueError:
                continue
    return out


def profiles(records: Sequence[MentionRecord]) -> list[Profile]:
    """One profile per record, in order; word weights are TF-IDF over these records."""
    built = [_profile(r) for r in records]
    df: Counter = Counter()
    for _, tf in built:
        df.update(tf.keys())
    n = len(built)
    out = []
    for prof, tf in built:
        vec = {w: (1 + math.log(c)) * math.log((n + 1) / df[w]) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        prof.words = {w: v / norm for w, v in vec.items()} if norm else {}
        prof.rare = {w: math.log((n + 1) / df[w]) for w in tf
                     if df[w] <= min(_RARE_DF, n / 10) and not w.isdigit() and w not in prof.place_words}
        out.append(prof)
    name_df: Counter = Counter()
    lower: set[str] = set()
    for p in out:
        name_df.update(p.names)
        lower |= p.lower
    for p in out:  # a name many give (a city's mayor, a standing party) is no one's own; a word also
        # written in lower case ("Medical Centre", "South District", "President") is no name at all
        p.names = {w for w in p.names if name_df[w] <= _RARE_DF and w not in lower}
    _placed_by_siblings(out)
    doc_size: Counter = Counter()
    for p in out:
        doc_size[p.document] += p.size
    for p in out:
        p.doc_size = doc_size[p.document]
    _count_actors(out)
    return out


def _count_actors(profs: list[Profile]) -> None:
    """How many articles, among the mentions of a mention's own country and week, name each of its
    parties: the standing sides of a war are named by many, a gang or a militia of one clash by few."""
    def week(p: Profile) -> tuple[int, int]:
        return p.span[0].isocalendar()[:2] if p.span else (0, 0)

    docs: dict[tuple, set[str]] = {}
    for p in profs:
        for x in p.actors:
            docs.setdefault((x, p.country, week(p)), set()).add(p.document)
    for p in profs:
        p.actor_df = {x: len(docs[(x, p.country, week(p))]) for x in p.actors}


def _placed_by_siblings(profs: list[Profile]) -> None:
    """A mention its own sentences place nowhere happened, as far as its article says, where the
    article's other mentions are: it takes their countries, areas and places (marked as borrowed)."""
    by_doc: dict[str, list[Profile]] = {}
    for p in profs:
        by_doc.setdefault(p.document, []).append(p)
    for p in profs:
        if p.countries or p.points or p.areas:
            continue
        mates = [q for q in by_doc[p.document] if q is not p and (q.countries or q.points)]
        if not mates:
            continue
        p.countries = set().union(*(q.countries for q in mates))
        p.areas = set().union(*(q.areas for q in mates))
        p.points = sorted(set().union(*(q.points for q in mates)))
        p.borrowed = True


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two spans (0 when they overlap)."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def may_match(a: Profile, b: Profile) -> bool:
    """A cheap first test: whether the pair is worth weighing at all (distinct documents, the same
    kind of event, dates no farther apart than a follow-up may be, places not apart)."""
    if a.document == b.document or a.family != b.family or a.historical != b.historical:
        return False
    if a.span is None or b.span is None:
        return False
    gap = _gap(a.span, b.span)
    if gap > MAX_GAP and _follow_reach(a, b) < gap:
        return False
    return not _places_apart(a, b) or _alike_story(a, b)


def _alike_story(a: Profile, b: Profile) -> bool:
    """Whether two mentions tell one story in their own words so alike (``_STORY_WORDS`` distinctive
    words, or a full name) that places read far apart are likelier a misread place than two happenings."""
    return len(a.rare.keys() & b.rare.keys()) >= _STORY_WORDS or len(a.names & b.names) >= 2


def _follow_reach(a: Profile, b: Profile) -> int:
    """How many days the later of two mentions may come after the earlier as its follow-up (an
    arrest, a funeral, a trial): ``FOLLOW_DAYS``, or ``NAMED_FOLLOW_DAYS`` when both give one
    person's or street's name; 0 when the later is no follow-up, or when the two tell nothing of
    their own alike (a name, ``SHARED_WORDS`` distinctive words): a first-level area shared over
    weeks says little."""
    assert a.span and b.span
    later = a if a.span[0] > b.span[0] else b
    if not later.follow_up:
        return 0
    if a.names & b.names:
        return NAMED_FOLLOW_DAYS
    return FOLLOW_DAYS if len(a.rare.keys() & b.rare.keys()) >= SHARED_WORDS else 0


def siblings_agree(a: Profile, b: Profile) -> bool:
    """Whether two mentions of one document may tell one happening (reading parted them on a date
    or a place its sentences give differently: one shooting told again further down, its day read
    once as Friday and once as the week): both news or both history, places not apart, and of one
    type and sub-type dated at most ``_SIBLING_GAP`` days apart, or an arrest following a violent
    happening up (``_arrest_after``). Two happenings of one article differ in
    kind (the rockets and the air strike answering them) or in day or place; these pairs are then
    weighed as any other (``pair_evidence`` with ``kin``)."""
    if a.historical != b.historical or a.span is None or b.span is None or _places_apart(a, b):
        return False
    gap = _gap(a.span, b.span)
    if (a.event_type, a.sub_event_type) == (b.event_type, b.sub_event_type):
        return gap <= _SIBLING_GAP
    return _arrest_after(a, b, gap) or _arrest_after(b, a, gap)


def _arrest_after(a: Profile, b: Profile, gap: int) -> bool:
    """Whether ``a`` is an arrest that may follow up ``b``, a violent happening told in the same
    article: not dated before it and at most ``FOLLOW_DAYS`` after (the shooting and the arrest of
    its suspect, told together, are one story)."""
    assert a.span and b.span
    return (a.sub_event_type == "Arrests" and b.family == "force" and b.sub_event_type != "Arrests"
            and a.span[1] >= b.span[0] and gap <= FOLLOW_DAYS)


def _places_apart(a: Profile, b: Profile) -> bool:
    """Both are placed, in no common first-level area, no place of one is near one of the other and
    they name no place alike: two towns of different provinces, not a town and its province, nor one
    town's name resolved to two namesakes (one of them misread)."""
    if not (a.areas and b.areas) or a.areas & b.areas or a.place_names & b.place_names:
        return False
    if a.points and b.points:
        return all(km(p, q) > _CLOSE_KM for p in a.points for q in b.points)
    return True


def pair_evidence(a: Profile, b: Profile, explain: bool = True, kin: bool = False) -> tuple[float, list[str]]:
    """Probability (0..1) that two mentions tell one happening, and the reasons (only when asked to
    explain). 0 where they cannot: one document (unless ``kin``: see ``siblings_agree``), history
    against news, unrelated kinds of event, no dates, or no country in common (unless they share
    distinctive words or a place name)."""
    feats = pair_features(a, b, explain, kin)
    if feats is None:
        return 0.0, []
    values, why = feats
    logit = WEIGHTS["prior"] + sum(WEIGHTS[k] * v for k, v in values.items())
    return 1 / (1 + math.exp(-logit)), why


def pair_features(
    a: Profile, b: Profile, explain: bool = True, kin: bool = False
) -> tuple[dict[str, float], list[str]] | None:
    """The evidence of a pair as feature values (weighted by ``WEIGHTS``) with a reason for each (when
    ``explain``; the reasons cost more than the values); None where the two cannot tell one happening.
    ``kin``: the two may be of one document."""
    if not _comparable(a, b, kin):
        return None
    rare = a.rare.keys() & b.rare.keys()
    ev = _Evidence(explain)
    if a.countries and b.countries and not a.countries & b.countries:
        if len(rare) < SHARED_WORDS and not a.place_names & b.place_names:
            return None
        ev.add("country_apart", lambda: "no country in common: " + ", ".join(sorted(a.countries | b.countries)[:4]))
    _dates(a, b, ev.add)
    _types(a, b, ev.add)
    _places(a, b, ev.add)
    _parties(a, b, ev.add)
    _victims(a, b, ev.add)
    _names(a, b, rare, ev.add)
    _text(a, b, ev)
    _note_detail(ev)
    if not _SPECIFIC & ev.values.keys():
        ev.add("vague", lambda: "nothing of their own alike (a name, an age, a near place, their words)")
    return ev.values, ev.why


def _note_detail(ev: _Evidence) -> None:
    """A whole document of a few words that agrees with the other on at least ``_NOTE_DETAILS`` of
    what (the sub-type), when (the day), where (a near or alike-named place) and who (the victims'
    count, an age, a full name), and clashes on none of them, tells something of its own after all."""
    v = ev.values
    if "note" not in v or _CLASHES & v.keys():
        return
    agree = sum(any(v.get(k, 0.0) >= 1.0 for k in keys) for keys in _DETAILS)
    if agree >= _NOTE_DETAILS:
        ev.add("note_detail", lambda: f"a short document agreeing on {agree} details")


def _comparable(a: Profile, b: Profile, kin: bool = False) -> bool:
    """Whether two mentions may tell one happening at all: other documents, both news or both
    history, kinds of event of one family, both dated, not each on a day of its own stated in full."""
    if (a.document == b.document and not kin) or a.historical != b.historical or a.family != b.family:
        return False
    return a.span is not None and b.span is not None and not _days_stated_apart(a, b)


def _days_stated_apart(a: Profile, b: Profile) -> bool:
    """Each states its own day in full (month, day and year) and the days differ, and the later is no
    arrest or trial following the earlier up: two happenings, however alike (two arsons of one group in
    one state a week apart), as neither day is a report's."""
    if not (a.stated and b.stated) or a.stated == b.stated:
        return False
    early, late = (a, b) if a.stated < b.stated else (b, a)
    return not (late.sub_event_type == "Arrests" and early.sub_event_type != "Arrests")


class _Evidence:
    """The feature values of one pair and, when explaining, a reason for each piece of evidence."""

    def __init__(self, explain: bool) -> None:
        self.explain = explain
        self.values: dict[str, float] = {}
        self.why: list[str] = []

    def add(self, key: str, reason: Callable[[], str], times: float = 1.0) -> None:
        self.values[key] = self.values.get(key, 0.0) + times
        if self.explain:
            self.why.append(reason())

    def flag(self, key: str) -> None:
        """A feature set to 1 without a reason of its own (it qualifies one already given)."""
        self.values[key] = 1.0


def _types(a: Profile, b: Profile, add: _Add) -> None:
    if a.event_type == b.event_type:
        add("same_type", lambda: f"same type {a.event_type}")
        if a.sub_event_type and a.sub_event_type == b.sub_event_type:
            add("same_sub_type", lambda: f"same sub-type {a.sub_event_type}")


def _parties(a: Profile, b: Profile, add: _Add) -> None:
    shared = a.actors & b.actors
    if shared:
        add("shared_actor", lambda: "shared actors " + ", ".join(sorted(shared)), _actor_weight(a, shared))
    elif a.actor1 and b.actor1:
        add("other_actor", lambda: f"different actors {a.actor1} / {b.actor1}")


def _names(a: Profile, b: Profile, rare: set[str], add: _Add) -> None:
    """Weapon and setting words, proper names and distinctive words both give."""
    gear = a.gear & b.gear
    if gear:
        add("shared_gear", lambda: "same weapon/setting " + ", ".join(sorted(gear)[:4]))
    names = a.names & b.names
    if names:
        add("shared_name", lambda: "same names " + ", ".join(sorted(names)[:4]), 1.0 if len(names) > 1 else _ONE_NAME)
    if rare:
        add("rare_words", lambda: "shared distinctive words " + ", ".join(sorted(rare)[:6]), min(6, len(rare)) / 2)


def _text(a: Profile, b: Profile, ev: _Evidence) -> None:
    """How alike the words of the two mentions' sentences are, and how long each is told."""
    cos = _cosine(a.words, b.words)
    ev.add("text", lambda: f"sentences alike {cos:.2f}", cos)
    if min(a.size, b.size) < _BRIEF:
        if min(p.doc_size for p in (a, b) if p.size < _BRIEF) < _BRIEF:
            ev.add("note", lambda: f"one a whole document of under {_BRIEF} words")
        else:
            ev.add("brief", lambda: f"one told in under {_BRIEF} words of a longer document")
    else:  # two full accounts: how alike their words are says more than of two brief notes
        ev.add("long_text", lambda: f"both told at length, alike {cos:.2f}", cos)
    if cos >= _ALIKE:
        ev.flag("text_alike")
    if cos >= _MUCH_ALIKE:
        ev.flag("text_much_alike")


def _actor_weight(a: Profile, shared: set[str]) -> float:
    """How much the parties two mentions share say: a party no other article of its country and
    week names counts 1, one that many of its country and week name (the standing sides of a war) counts
    ``_COMMON_ACTOR``; at most 2 in all."""
    return min(2.0, sum(1.0 if a.actor_df.get(x, 1) <= _RARE_ACTOR else _COMMON_ACTOR for x in shared))


def _dates(a: Profile, b: Profile, add: _Add) -> None:
    assert a.span and b.span
    gap = _gap(a.span, b.span)
    if a.day and a.day == b.day:
        add("same_day", lambda: f"same day {a.day}")
    elif gap == 0:
        add("overlap", lambda: "overlapping dates")
    elif gap == 1:
        add("day_apart", lambda: "one day apart")
    else:
        if gap <= _follow_reach(a, b):
            add("follow_up_apart", lambda: f"{gap} days apart, the later a follow-up")
            return
        add("per_day_apart", lambda: f"{gap} days apart", min(gap, 10))
    if a.day and b.day and a.day != b.day and not (a.follow_up or b.follow_up):
        # both told to the day, on different days, and neither follows the other up
        first, last = min(a.day, b.day), max(a.day, b.day)
        add("other_day", lambda: f"told on different days {first} / {last}")


def _places(a: Profile, b: Profile, add: _Add) -> None:
    named = a.place_names & b.place_names
    if named:
        add("same_place_name", lambda: "both name " + ", ".join(sorted(named)[:3]))
    if a.country and b.country and a.country != b.country and not a.areas & b.areas:
        add("other_country", lambda: f"told in different countries {a.country} / {b.country}")
    if a.points and b.points:
        d = min(km(p, q) for p in a.points for q in b.points)
        if d <= _NEAR_KM:
            add("near", lambda: f"places {d:.0f} km apart")
        elif d <= _CLOSE_KM:
            add("close", lambda: f"places {d:.0f} km apart")
        elif d > _FAR_KM and not named and not _alike_story(a, b):  # one place misread: the distance says nothing
            add("far", lambda: f"places {d:.0f} km apart")
            return
    if a.areas & b.areas:
        add("shared_area", lambda: "shared areas " + ", ".join(sorted(a.areas & b.areas)))
    elif a.areas and b.areas:
        add("other_area", lambda: "different areas " + ", ".join(sorted(a.areas | b.areas)[:4]))


def _told(reason: str) -> Callable[[], str]:
    """A reason already worded (bound now, not when a loop has moved on)."""
    return lambda: reason


def _victims(a: Profile, b: Profile, add: _Add) -> None:
    if a.ages and b.ages:
        if a.ages & b.ages:
            add("shared_age", lambda: "same ages " + ", ".join(map(str, sorted(a.ages & b.ages))))
        else:
            add("other_age", lambda: "different ages")
    for kind in ("killed", "wounded"):
        va, vb = a.counts.get(kind), b.counts.get(kind)
        if va and vb:
            if va & vb:
                same = f"same {kind} " + ", ".join(map(str, sorted(va & vb)))
                add("same_count", _told(same))
            else:
                other = f"different {kind}"
                add("other_count", _told(other))
