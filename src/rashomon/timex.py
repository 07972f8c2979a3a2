"""Time expressions, shared by ingest (publication dates) and read (event dates): when did the reported thing happen.

``find_times(sentence, published)`` finds the time expressions of newswire English ("early on May 27",
"on the night of September 12 and the morning of September 13", "on Tuesday", "the day before",
"earlier this week", "last November", "in 1991") and resolves them to calendar days against the
publication date. It is regex based (no dateparser, no spaCy) because the reading stage calls it on
every sentence: a sentence with no time word costs one regex search.

``scan(text)`` is the lower level: it finds the expressions and parses what the text itself fixes
(month, day, year, weekday, modifiers) without resolving anything. The publication-date inference in
``rashomon.ingest.dates`` builds on it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import dateutil.easter

__all__ = ["RawTime", "TimeRef", "find_times", "resolve_relative", "scan"]


@dataclass(frozen=True)
class TimeRef:
    start_char: int
    end_char: int
    text: str  # span of the expression within the given text
    date: dt.date  # first day
    date_end: dt.date | None  # last day for ranges / multi-day / week / month / year
    precision: str  # "day" | "week" | "month" | "year" (model.Precision; timex imports nothing of rashomon)
    year_given: bool = False  # the text states the year ("May 3, 2021", "in 2019"), not inferred from elsewhere


@dataclass(frozen=True)
class RawTime:
    """One time expression as the text states it, nothing resolved.

    kind: "date" (a day, maybe a range of days), "month", "year", "weekday", "rel" (relative to the
    publication date: yesterday, last week, two days ago), "anchor" (relative to another event: the
    day before, the next day), "holiday" (a named day of the calendar: Christmas Eve, Thanksgiving).
    """

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    end_month: int | None = None  # ranges of days
    end_day: int | None = None
    modifier: str | None = None  # last / next / this / early / mid / late / since / in ...
    unit: str | None = None  # rel/anchor: day, week, weekend, month, year
    amount: int = 0  # rel/anchor: signed offset in units (-1 = yesterday / last week / the day before)
    future: bool = False  # a future cue (will, scheduled, next...) stands just before it
    holiday: str | None = None  # kind "holiday": its key in HOLIDAYS ("christmas eve", "thanksgiving")


_MONTH_NUM = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAY_NUM = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3,
}  # fmt: skip

_MON_FULL = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_MON = rf"(?:{_MON_FULL}|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|[:.]\d)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d,.]\d|s\b)"
_WDP = rf"(?:(?P<wd>{_WD})\s*,?\s+(?:the\s+)?)?"
_PART = r"(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night)"
_RANGE_SEP = r"\s*(?:-|–|—|to|through|until|till)\s*"
_NUM = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"

_F = re.IGNORECASE
# Each pattern below opens with a lookahead on the characters its matches can start with (the first
# letters of its words, case-folded like the rest): a necessary condition, so the matches are the same,
# but Python's re then skips most positions without trying the case-insensitive alternations there.
_P_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")
# numeric dates: 01/14/2016 (US order), 14/01/2016 and 14.01.2016 (day first); a first number over 12
# decides the order, otherwise slashes are read month first (the newswire and GTD convention), dots day first
_P_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>0?[1-9]|[12]\d|3[01])(?P<sep>[/.])(?P<b>0?[1-9]|[12]\d|3[01])(?P=sep)"
                        r"(?P<y>(?:19|20)\d\d)(?![\d/])")
_P_MDY = re.compile(
    rf"\b(?=[jfmasondtw]){_WDP}(?P<mon>{_MON})\s*(?P<d1>{_DAY})"
    rf"(?:{_RANGE_SEP}(?:(?P<mon2>{_MON})\s*)?(?P<d2>{_DAY}))?"
    rf"(?:\s*,?\s*(?:of\s+)?(?P<y>{_YEAR}))?",
    _F,
)
_P_DMY = re.compile(
    rf"\b(?=[\dmtwfs]){_WDP}(?P<d1>{_DAY})(?:(?:{_RANGE_SEP}|\s*(?:and|&)\s*)(?P<d2>{_DAY}))?\s*(?:of\s+)?"
    rf"(?P<mon>{_MON})(?:\s*,?\s*(?P<y>{_YEAR}))?",
    _F,
)
_P_MONTH_YEAR = re.compile(
    rf"\b(?=[jfmasondelb])(?:(?P<mod>early|mid|late|end\s+of|beginning\s+of|start\s+of)[\s-]+)?(?P<mon>{_MON})\s*,?\s+"
    rf"(?:of\s+)?(?P<y>{_YEAR})",
    _F,
)
_P_MONTH = re.compile(
    r"\b(?=[ltnemisubdf])(?P<mod>last|this|next|early|mid|late|in|since|until|till|by|during|from|through|"
    rf"end\s+of|beginning\s+of|start\s+of)[\s-]+(?P<mon>{_MON_FULL})\b(?!\s*\d)",
    _F,
)
_P_YEAR = re.compile(
    r"\b(?=[isofutbdaelmy])(?P<mod>in|since|of|from|until|till|by|during|before|after|between|and|to|through|the|early|"
    rf"late|mid|year|around)[\s-]+(?P<y>{_YEAR})",
    _F,
)
_P_WEEKDAY = re.compile(
    rf"\b(?=[lntoesubmwf])(?:(?P<mod>last|next|this|on|early|late|since|until|by)\s+)?(?P<wd>{_WD})(?:'s)?"
    rf"(?:\s+(?P<part>{_PART}))?\b",
    _F,
)
_P_REL_DAY = re.compile(
    r"\b(?=[tyloe])(?P<rel>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|"
    r"tomorrow|last\s+night|overnight|earlier\s+today|(?:early\s+)?this\s+(?:morning|afternoon|evening))\b",
    _F,
)
_P_ANCHOR_DAY = re.compile(
    r"\b(?=[ta])(?P<rel>the\s+(?:day|night|evening)\s+before|the\s+previous\s+(?:day|night|evening)|"
    r"a\s+day\s+(?:earlier|before)|the\s+(?:next|following)\s+(?:day|morning|night|evening)|"
    r"a\s+day\s+later|the\s+same\s+day|that\s+(?:same\s+)?day)\b",
    _F,
)
_P_PERIOD = re.compile(
    r"\b(?=[eltnpod])(?P<mod>(?:earlier|later)\s+this|this|last|next|past|previous|over\s+the|during\s+the)\s+"
    r"(?P<unit>week|weekend|month|year)\b",
    _F,
)
_P_AGO = re.compile(
    rf"\b(?=[\daotfsentw])(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?\s+(?:(?P<dir>ago|earlier|later)\b|"
    r"(?P<dir2>before|after)(?=\s*[,.;:)]|\s*$))",
    _F,
)
# Named days of the calendar, as English-language news names them (the United States' dates where countries
# differ: Mother's and Father's Day, Thanksgiving, Memorial and Labor Day). A fixed day is (month, day); a
# moveable one (month, weekday, n): the n-th such weekday of the month, n = -1 the last; Easter by its rule.
HOLIDAYS: dict[str, tuple[int, int] | tuple[int, int, int] | str] = {
    "new year's day": (1, 1),
    "valentine's day": (2, 14),
    "independence day": (7, 4),
    "fourth of july": (7, 4),
    "halloween": (10, 31),
    "veterans day": (11, 11),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "new year's eve": (12, 31),
    "martin luther king day": (1, 0, 3),
    "presidents day": (2, 0, 3),
    "mother's day": (5, 6, 2),
    "memorial day": (5, 0, -1),
    "father's day": (6, 6, 3),
    "labor day": (9, 0, 1),
    "thanksgiving": (11, 3, 4),
    "easter": "easter",
    "good friday": "good friday",
}
# A bare feast name ("Christmas", "Thanksgiving") is a day only after "on" or before a part of the day;
# "Christmas Eve", "Father's Day" always are.
_P_HOLIDAY = re.compile(
    r"\b(?=[ocntfmvihlpeg])(?:(?P<on>on|last|this)\s+)?(?P<h>new\s+year['’]?s\s+(?:day|eve)|valentine['’]?s\s+day|"
    r"independence\s+day|fourth\s+of\s+july|veterans['’]?\s+day|christmas\s+(?:eve|day)|"
    r"(?:martin\s+luther\s+king(?:\s+jr\.?)?|mlk)\s+day|presidents['’]?\s+day|mother['’]?s\s+day|memorial\s+day|"
    r"father['’]?s\s+day|labor\s+day|thanksgiving(?:\s+day)?|easter\s+sunday|good\s+friday|"
    r"(?P<bare>christmas|halloween|thanksgiving|easter))(?:\s+(?P<part>morning|afternoon|evening|night))?\b",
    _F,
)
_HAS = {
    "mon": re.compile(rf"\b(?=[jfmasond]){_MON}", _F),
    "wd": re.compile(rf"(?=[mtwfs]){_WD}", _F),
    "year": re.compile(r"\d\d\d\d"),
    "hol": re.compile(r"(?=[cntfmvihlpeg])(?:christmas|new year|thanksgiving|father|mother|memorial|labor|independence|"
                      r"fourth of july|halloween|valentine|easter|good friday|veterans|presidents|king day|mlk)", _F),
    "rel": re.compile(
        r"(?=[ytnmeawd])(?:yesterday|today|tonight|tomorrow|night|morning|evening|afternoon|week|month|year|\bdays?\b)", _F
    ),
}
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|scheduled|planned|plans?|expected|due\s+(?:on|in|by)|upcoming|set\s+to|"
    r"to\s+be\s+held|deadline)\b[^.;]{0,30}$",
    _F,
)


def _month(token: str) -> int:
    return _MONTH_NUM[token.lower().rstrip(".")]


def _day(token: str) -> int:
    digits = re.match(r"\d+", token)
    assert digits is not None  # the patterns only call a run of digits a day
    return int(digits.group())


def _modal_may(mon: str) -> bool:
    """'may' / 'march' in lower case are a verb, not the month."""
    return mon.rstrip(".") in ("may", "march", "mar")


def _is_future(text: str, start: int) -> bool:
    return bool(_FUTURE_CUE.search(text, max(0, start - 40), start))


_Found = tuple[int, int, int, RawTime]  # (start, end, priority, expression)


def _hit(prio: int, m: re.Match[str], raw: RawTime) -> _Found:
    return (m.start(), m.end(), prio, raw)


def _collect(text: str, kinds: set[str]) -> list[_Found]:
    found: list[_Found] = []
    has_mon, has_year, has_rel = "mon" in kinds, "year" in kinds, "rel" in kinds
    if has_year:
        found += _numeric_dates(text)
    if has_mon:
        found += _month_dates(text)
    if has_mon and has_year:
        found += _month_years(text)
    if has_mon:
        found += _months(text)
    if has_year:
        found += _years(text)
    if "wd" in kinds:
        found += _weekdays(text)
    if has_rel:
        found += _relative_days(text) + _periods(text)
    if "hol" in kinds:
        found += _holidays(text)
    return found


def _holiday_key(name: str) -> str:
    key = " ".join(name.lower().replace("’", "'").split())
    key = re.sub(r"^(?:martin luther king(?: jr\.?)?|mlk) day$", "martin luther king day", key)
    key = {"christmas day": "christmas", "thanksgiving day": "thanksgiving", "easter sunday": "easter",
           "veterans' day": "veterans day", "presidents' day": "presidents day"}.get(key, key)
    return key.replace("new years", "new year's").replace("mothers day", "mother's day").replace(
        "fathers day", "father's day").replace("valentines day", "valentine's day")


def _holidays(text: str) -> list[_Found]:
    """ "on Christmas Eve", "Father's Day", "on Thanksgiving night"."""
    found = []
    for m in _P_HOLIDAY.finditer(text):
        if m["bare"] and not (m["on"] or m["part"]):
            continue
        key = _holiday_key(m["h"])
        if key not in HOLIDAYS:
            continue
        start = m.start("h") if (m["on"] or "").lower() == "on" else m.start()
        mod = m["on"].lower() if m["on"] and m["on"].lower() != "on" else None
        found.append((start, m.end(), 5, RawTime(start, m.end(), text[start : m.end()], "holiday", modifier=mod,
                                                 holiday=key)))
    return found


def _numeric_dates(text: str) -> list[_Found]:
    """ "2017-05-12", "12/05/2017", "12.05.2017"."""
    found = []
    for m in _P_ISO.finditer(text):
        raw = RawTime(m.start(), m.end(), m.group(), "date", int(m["y"]), int(m["m"]), int(m["d"]))
        found.append(_hit(0, m, raw))
    for m in _P_NUMERIC.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        month, day = (b, a) if a > 12 or (m["sep"] == "." and b <= 12) else (a, b)
        if month <= 12:
            found.append(_hit(0, m, RawTime(m.start(), m.end(), m.group(), "date", int(m["y"]), month, day)))
    return found


def _month_dates(text: str) -> list[_Found]:
    """ "May 12", "12 May 2017", "Friday, May 12-14"."""
    found = []
    for prio, pat in ((1, _P_MDY), (2, _P_DMY)):
        for m in pat.finditer(text):
            if _modal_may(m["mon"]):
                continue
            month, day = _month(m["mon"]), _day(m["d1"])
            end_month = _month(m["mon2"]) if pat is _P_MDY and m["mon2"] else None
            end_day = _day(m["d2"]) if m["d2"] else None
            if end_day is not None and end_month is None:
                end_month = month
                if end_day <= day:  # "May 12 and 3 ..." is not a range
                    end_day = end_month = None
            wd = _WEEKDAY_NUM[m["wd"].lower()] if m["wd"] else None
            year = int(m["y"]) if m["y"] else None
            raw = RawTime(m.start(), m.end(), m.group(), "date", year, month, day, wd, end_month, end_day)
            found.append(_hit(prio, m, raw))
    return found


def _month_years(text: str) -> list[_Found]:
    found = []
    for m in _P_MONTH_YEAR.finditer(text):
        if _modal_may(m["mon"]):
            continue
        mod = m["mod"].lower().split()[0] if m["mod"] else None
        raw = RawTime(m.start(), m.end(), m.group(), "month", int(m["y"]), _month(m["mon"]), modifier=mod)
        found.append(_hit(3, m, raw))
    return found


def _months(text: str) -> list[_Found]:
    found = []
    for m in _P_MONTH.finditer(text):
        if _modal_may(m["mon"]):
            continue
        mod = m["mod"].lower().split()[0]
        start = m.start() if mod in ("last", "this", "next", "early", "mid", "late") else m.start("mon")
        raw = RawTime(start, m.end(), text[start : m.end()], "month", None, _month(m["mon"]), modifier=mod)
        found.append((start, m.end(), 4, raw))
    return found


def _years(text: str) -> list[_Found]:
    found = []
    for m in _P_YEAR.finditer(text):
        mod = m["mod"].lower()
        start = m.start() if mod in ("early", "late", "mid") else m.start("y")
        raw = RawTime(start, m.end(), text[start : m.end()], "year", int(m["y"]), modifier=mod)
        found.append((start, m.end(), 5, raw))
    return found


def _weekdays(text: str) -> list[_Found]:
    found = []
    for m in _P_WEEKDAY.finditer(text):
        mod = m["mod"].lower() if m["mod"] else None
        start = m.start("wd") if mod == "on" else m.start()
        raw = RawTime(
            start,
            m.end(),
            text[start : m.end()],
            "weekday",
            weekday=_WEEKDAY_NUM[m["wd"].lower()],
            modifier=mod,
        )
        found.append((start, m.end(), 6, raw))
    return found


def _relative_days(text: str) -> list[_Found]:
    """ "yesterday", "last night", "the day before" (anchored on another date told)."""
    found = []
    for m in _P_REL_DAY.finditer(text):
        rel = " ".join(m["rel"].lower().split())
        if rel == "the day before yesterday":
            amount = -2
        elif rel == "the day after tomorrow":
            amount = 2
        elif rel in ("yesterday", "last night"):
            amount = -1
        elif rel == "tomorrow":
            amount = 1
        else:
            amount = 0
        found.append(_hit(7, m, RawTime(m.start(), m.end(), m.group(), "rel", unit="day", amount=amount)))
    for m in _P_ANCHOR_DAY.finditer(text):
        rel = m["rel"].lower()
        amount = (
            -1
            if ("before" in rel or "previous" in rel or "earlier" in rel)
            else 0
            if "same" in rel or (rel.startswith("that"))
            else 1
        )
        found.append(_hit(7, m, RawTime(m.start(), m.end(), m.group(), "anchor", unit="day", amount=amount)))
    return found


def _periods(text: str) -> list[_Found]:
    """ "last week", "over the weekend", "three days ago", "two weeks earlier"."""
    found = []
    for m in _P_PERIOD.finditer(text):
        mod = " ".join(m["mod"].lower().split())
        unit = m["unit"].lower()
        amount = -1 if mod in ("last", "previous") else 1 if mod == "next" else 0
        if mod in ("over the", "during the") and unit != "weekend":
            continue
        if mod in ("over the", "during the", "past"):
            mod = "past"
        found.append(_hit(8, m, RawTime(m.start(), m.end(), m.group(), "rel", modifier=mod, unit=unit, amount=amount)))
    for m in _P_AGO.finditer(text):
        n_tok = m["n"].lower()
        n = int(n_tok) if n_tok.isdigit() else _NUM_WORDS[n_tok]
        direction = (m["dir"] or m["dir2"]).lower()
        sign = -1 if direction in ("ago", "earlier", "before") else 1
        kind = "rel" if direction == "ago" else "anchor"
        found.append(_hit(8, m, RawTime(m.start(), m.end(), m.group(), kind, unit=m["unit"].lower(), amount=sign * n)))
    return found


def scan(text: str) -> list[RawTime]:
    """All time expressions of ``text`` in order, overlaps resolved (longest, then most specific)."""
    kinds = {kind for kind, pattern in _HAS.items() if pattern.search(text)}
    if not kinds:
        return []
    found = _collect(text, kinds)
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[2]))
    out: list[RawTime] = []
    last_end = -1
    for start, end, _prio, raw in found:
        if start < last_end:
            continue
        if raw.kind in ("date", "month", "weekday", "holiday") and _is_future(text, start):
            raw = RawTime(**{**raw.__dict__, "future": True})
        out.append(raw)
        last_end = end
    return out


# ---------------------------------------------------------------------------------------------- resolve


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: dt.date, n: int) -> dt.date:
    idx = d.year * 12 + d.month - 1 + n
    y, m = divmod(idx, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def year_for(month: int, day: int, ref: dt.date, *, future: bool = False, slack: int = 2) -> int | None:
    """Year of a month/day without year, read in an article of day ``ref``: the same year unless the day
    would then lie after ``ref`` (more than ``slack`` days; up to ten months with a future cue), then
    the year before."""
    d = _safe_date(ref.year, month, day)
    if d is None:  # 29 February
        return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
    limit = 300 if future else slack
    return ref.year if (d - ref).days <= limit else ref.year - 1


def _weekday_on_or_before(ref: dt.date, weekday: int) -> dt.date:
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


def _resolve(raw: RawTime, published: dt.date | None, anchor: dt.date | None) -> TimeRef | None:
    if raw.kind == "date":
        return _resolve_date(raw, published)
    if raw.kind == "month":
        return _resolve_month(raw, published)
    if raw.kind == "year":
        assert raw.year is not None
        return _ref(raw, dt.date(raw.year, 1, 1), dt.date(raw.year, 12, 31), "year")
    if raw.kind == "weekday":
        return _resolve_weekday(raw, published)
    if raw.kind == "holiday":
        return _resolve_holiday(raw, published)
    base = anchor if raw.kind == "anchor" and anchor is not None else published
    if base is None:
        return None
    return _resolve_offset(raw, base)


def _ref(raw: RawTime, d: dt.date | None, end: dt.date | None, precision: str) -> TimeRef | None:
    if d is None:
        return None
    return TimeRef(raw.start, raw.end, raw.text, d, end, precision, raw.year is not None)


def _resolve_date(raw: RawTime, published: dt.date | None) -> TimeRef | None:
    assert raw.month is not None and raw.day is not None
    year = raw.year
    if year is None:
        if published is None:
            return None
        year = year_for(raw.month, raw.day, published, future=raw.future)
        if year is None:
            return None
    first = _safe_date(year, raw.month, raw.day)
    last = None
    if raw.end_day is not None and raw.end_month is not None and first is not None:
        end_year = year + 1 if raw.end_month < raw.month else year
        last = _safe_date(end_year, raw.end_month, raw.end_day)
    return _ref(raw, first, last, "day")


def _resolve_month(raw: RawTime, published: dt.date | None) -> TimeRef | None:
    assert raw.month is not None
    year = raw.year
    if year is None:
        if published is None:
            return None
        year = _month_year(raw, raw.month, published)
    first, last = dt.date(year, raw.month, 1), _month_end(year, raw.month)
    if raw.modifier == "early":
        last = dt.date(year, raw.month, 10)
    elif raw.modifier == "mid":
        first, last = dt.date(year, raw.month, 11), dt.date(year, raw.month, 20)
    elif raw.modifier in ("late", "end"):
        first = dt.date(year, raw.month, 21)
    return _ref(raw, first, last, "month")


def _month_year(raw: RawTime, month: int, published: dt.date) -> int:
    """The year of a month named without one ("last March", "in May"), read on day ``published``."""
    if raw.modifier == "last":
        return published.year if month < published.month else published.year - 1
    if raw.modifier == "next":
        return published.year if month > published.month else published.year + 1
    if raw.modifier == "this" or raw.future:
        return published.year if month >= published.month or raw.modifier == "this" else (published.year + 1)
    return published.year if month <= published.month else published.year - 1


def _resolve_weekday(raw: RawTime, published: dt.date | None) -> TimeRef | None:
    assert raw.weekday is not None
    if published is None:
        return None
    day = _weekday_on_or_before(published, raw.weekday)
    if raw.modifier == "last" and day == published:
        day -= dt.timedelta(days=7)
    elif raw.modifier == "next" or (raw.future and raw.modifier != "last"):
        day = published + dt.timedelta(days=(raw.weekday - published.weekday()) % 7 or 7)
    return _ref(raw, day, None, "day")


def holiday_date(key: str, year: int) -> dt.date:
    """The day a named holiday (a key of HOLIDAYS) falls on in ``year``."""
    rule = HOLIDAYS[key]
    if isinstance(rule, str):
        easter = dateutil.easter.easter(year)  # the Gregorian computus
        return easter - dt.timedelta(days=2) if rule == "good friday" else easter
    if len(rule) == 2:
        return dt.date(year, rule[0], rule[1])
    month, weekday, n = rule
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = _month_end(year, month)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _resolve_holiday(raw: RawTime, published: dt.date | None) -> TimeRef | None:
    """The holiday's last occurrence on or just after publication (as a day named without its year is
    read), the next one with a future cue or "this" ahead of it."""
    assert raw.holiday is not None
    if published is None:
        return None
    day = holiday_date(raw.holiday, published.year)
    if raw.future and day < published:
        day = holiday_date(raw.holiday, published.year + 1)
    elif not raw.future and (day - published).days > 2:
        day = holiday_date(raw.holiday, published.year - 1)
    return _ref(raw, day, None, "day")


def _resolve_offset(raw: RawTime, base: dt.date) -> TimeRef | None:
    unit, n = raw.unit, raw.amount

    def ref(d: dt.date, end: dt.date | None, precision: str) -> TimeRef:
        return TimeRef(raw.start, raw.end, raw.text, d, end, precision)

    if unit == "day":
        return ref(base + dt.timedelta(days=n), None, "day")
    if unit == "weekend":
        sat = _weekday_on_or_before(base, 5)
        if n > 0 or (raw.modifier == "this" and base.weekday() < 5 and raw.future):
            sat += dt.timedelta(days=7)
        return ref(sat, sat + dt.timedelta(days=1), "day")
    if unit == "week":
        if raw.modifier == "past":
            return ref(base - dt.timedelta(days=7), base, "week")
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=n)
        if raw.kind == "rel" and raw.modifier is not None and n == 0:  # this week / earlier this week
            return ref(monday, max(monday, base), "week")
        if raw.modifier is None:  # two weeks ago
            start = base + dt.timedelta(weeks=n)
            return ref(start - dt.timedelta(days=start.weekday()), start, "week")
        return ref(monday, monday + dt.timedelta(days=6), "week")
    if unit == "month":
        if raw.modifier == "past":
            return ref(_add_months(base, -1), base, "month")
        first = _add_months(base.replace(day=1), n)
        return ref(first, _month_end(first.year, first.month), "month")
    if unit == "year":
        if raw.modifier == "past":
            return ref(_add_months(base, -12), base, "year")
        year = base.year + n
        return ref(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    return None


_JOIN = re.compile(
    r"\s*,?\s*(?P<op>and|to|through|till|until|-|–|—)\s*(?:the\s+)?(?:(?:early\s+)?"
    r"(?:morning|night|evening|afternoon|hours)\s+of\s+)?",
    re.IGNORECASE,
)


def _merge_ranges(text: str, refs: list[TimeRef]) -> list[TimeRef]:
    """'the night of September 12 and the morning of September 13' -> one two-day TimeRef."""
    out: list[TimeRef] = []
    for r in refs:
        prev = out[-1] if out else None
        if prev is not None and prev.precision == "day" and r.precision == "day" and prev.date_end is None:
            gap = text[prev.end_char : r.start_char]
            m = _JOIN.fullmatch(gap)
            days = (r.date - prev.date).days
            if m and 0 < days <= (1 if m["op"].lower() == "and" else 31):
                end = r.date_end or r.date
                out[-1] = TimeRef(
                    prev.start_char,
                    r.end_char,
                    text[prev.start_char : r.end_char],
                    prev.date,
                    end,
                    "day",
                    prev.year_given or r.year_given,
                )
                continue
        out.append(r)
    return out


def find_times(text: str, published: dt.date | None, *, anchor: dt.date | None = None) -> list[TimeRef]:
    """Time expressions of ``text`` resolved against the publication date (``None``: only those that
    fix their own year). Expressions relative to another event ("the day before", "two days later",
    "the same day") are read against the last day named earlier in ``text``, else against ``anchor``
    (e.g. the day of the previous sentence, when the caller knows it), else against ``published``."""
    refs: list[TimeRef] = []
    raws = scan(text)
    # "06/05/2010: on Saturday night": a weekday beside a date that falls on it restates that date
    stated = {d.date.weekday(): d for raw in raws if raw.kind == "date" and raw.end_day is None
              and (d := _resolve(raw, published, anchor)) is not None and d.precision == "day" and d.date_end is None}
    told: TimeRef | None = None  # the last day the text states outright
    for raw in raws:
        if raw.kind == "weekday" and raw.weekday in stated and raw.modifier in (None, "on", "early", "late"):
            d = stated[raw.weekday]
            r: TimeRef | None = TimeRef(raw.start, raw.end, raw.text, d.date, None, "day", d.year_given)
        elif raw.kind == "rel" and raw.unit == "day" and told is not None:
            # "UPDATE Jan. 3 - ... yesterday afternoon's shooting": yesterday of the day just stated
            r = _resolve(raw, told.date, anchor)
        else:
            r = _resolve(raw, published, anchor)
        if r is None:
            continue
        if raw.kind == "date" and r.precision == "day" and r.date_end is None:
            told = r
        refs.append(r)
        if r.precision == "day" and r.date_end is None:
            anchor = r.date
    return _weekdays_in_months(text, _merge_ranges(text, refs)) if len(refs) > 1 else refs


_IN_MONTH = re.compile(r"\s*,?\s*(?:in|of)\s+", re.I)
_WEEKDAY_WORD = re.compile(rf"\b{_WD}\b", _F)


def _weekdays_in_months(text: str, refs: list[TimeRef]) -> list[TimeRef]:
    """'on a Friday in mid-July': the weekday is one inside that month's span (the day, when only one such
    weekday falls in it; else the span alone), not the last one before publication."""
    out: list[TimeRef] = []
    for r in refs:
        prev = out[-1] if out else None
        wd = _WEEKDAY_WORD.search(prev.text) if prev is not None else None
        if (prev is None or wd is None or r.precision != "month" or prev.precision != "day" or r.date_end is None
                or not _IN_MONTH.fullmatch(text[prev.end_char : r.start_char])):
            out.append(r)
            continue
        weekday = _WEEKDAY_NUM[wd.group().lower()]
        days = [r.date + dt.timedelta(days=n) for n in range((r.date_end - r.date).days + 1)]
        fits = [d for d in days if d.weekday() == weekday]
        out[-1] = (TimeRef(prev.start_char, r.end_char, text[prev.start_char : r.end_char], fits[0], None, "day",
                           r.year_given) if len(fits) == 1 else r)
    return out


def resolve_relative(expr: str, anchor: dt.date) -> TimeRef | None:
    """Resolve one expression against ``anchor`` (another event's day): "the day before", "two days
    later", "the next day", "that evening", "on Sunday" (on or before anchor), "May 12" (year of anchor).
    The span is that of the expression within ``expr``."""
    for raw in scan(expr):
        if raw.kind == "anchor":
            return _resolve_offset(raw, anchor)
        r = _resolve(raw, anchor, anchor)
        if r is not None:
            return r
    return None
