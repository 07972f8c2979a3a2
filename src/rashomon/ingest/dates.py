"""Publication date of an article, inferred from its text when the metadata has none.

Per document (``infer_published``) the clues are, strongest first:

* a weekday next to a date ("Wednesday, May 12") fixes the year: the most recent year, not after
  ``today`` (nor before the article's explicit dates), in which that day fell on that weekday;
* explicit full dates ("September 13, 2022", "13 Sept 2022", "2022-09-13") are lower bounds;
* month/day mentions without a year: the article is published on or after the latest event it
  reports, and all of them lie within the year before publication, so the publication day is the
  mention that ends the largest circular gap between them ("March 15", "May 14", "November 10" ->
  May 14, with November 10 in the previous year). Mentions after a future cue ("scheduled for
  June 20", "will meet on...") are ignored;
* "Month YYYY" without a day ("agreements reached in November 2020") is background, not news: the
  article is taken to be at least a year later (within a year writers say "last November"); bare
  years ("collapsed in 1991") are only lower bounds and never the publication date.

Across one collection (``resolve_corpus_years``) documents whose year is unknown take it from the
documents whose year is known: a vote over candidate years, each mention of a month/day counting
for the years in which another document dates the same or a neighbouring day (weight falls with
the distance in days). A document with no month/day at all but "last November" takes the year from
the Novembers the other documents date, preferring those told in similar words ("ended ... deal" /
"ended ... ceasefire"); with "a year after" it is placed on that anniversary, on the weekday it
reports its news on. Votes are weighted (a publication day counts most, explicit dates far before
their own document's time little), must beat the runner-up clearly, and the strongest are settled
first so that a settled year can vote for others in turn. A document still undated after that gets,
of the years its own text allows, the one nearest the collection's dated documents (still
``year_known=False``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rashomon.timex import RawTime, scan, year_for

__all__ = ["DateGuess", "infer_published", "resolve_corpus_years"]

_MONTH_NAMES = [
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
]  # fmt: skip
_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "first": 1}
_ANNIVERSARY = re.compile(
    r"\b(?P<n>an?|one|two|three|four|five|ten|\d{1,2})\s+years?\s+(?:after|since|on\s+from)\b"
    r"|\b(?P<first>first|1st)\s+anniversary\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]{4,}")
_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "been",
        "were",
        "which",
        "their",
        "there",
        "they",
        "them",
        "than",
        "then",
        "when",
        "what",
        "will",
        "would",
        "also",
        "said",
        "says",
        "into",
        "over",
        "after",
        "before",
        "about",
        "more",
        "most",
        "some",
        "such",
        "only",
        "other",
        "its",
        "it's",
        "being",
        "year",
        "years",
        "last",
        "month",
        "week",
        "day",
        "days",
        "since",
    ]
)
_DAY_WINDOW = 14  # days: how near two month/day mentions must be to vote for the same year
_MIN_VOTE = 0.5  # least total vote that settles a year
_MARGIN = 1.5  # the winning year must beat the runner-up by this factor


@dataclass(frozen=True)
class DateGuess:
    date: dt.date | None  # best guess of the publication day
    year_known: bool  # False when the text fixes month/day but not the year
    evidence: str  # short human-readable why


def year_open(published_inferred: bool, year_known: bool) -> bool:
    """Whether the collection may still change a document's publication date: the date was inferred and
    its year is only a guess (a guess whose year is known always has its day). ``Store.has_open_years``
    asks the same of the stored documents; the others only vote (see ``resolve_corpus_years``)."""
    return published_inferred and not year_known


# ------------------------------------------------------------------------------------------- analysis


@dataclass
class _Clues:
    """What one text says about time, unresolved."""

    text: str
    full: list[tuple[dt.date, RawTime]] = field(default_factory=list)  # explicit day dates with a year
    mdays: list[RawTime] = field(default_factory=list)  # day dates without a year (news, not future)
    month_years: list[RawTime] = field(default_factory=list)  # "November 2020"
    years: list[RawTime] = field(default_factory=list)  # "in 1991"
    weekdays: list[RawTime] = field(default_factory=list)  # "on Tuesday"
    last_months: list[RawTime] = field(default_factory=list)  # "last November"
    anniversary: int = 0  # "a year after" -> 1
    upper: list[tuple[dt.date, RawTime]] = field(default_factory=list)  # future dated: published before
    since: list[RawTime] = field(default_factory=list)  # "since August 12": year-less, a state still going on

    def news_md(self) -> tuple[int, int] | None:
        """Month/day of the latest year-less mention: the one ending the largest circular gap."""
        if not self.mdays:
            return None
        points = sorted({_ordinal(*_last_md(r)) for r in self.mdays})
        if len(points) == 1:
            return _from_ordinal(points[0])
        gaps = [((points[(i + 1) % len(points)] - p) % 366, p) for i, p in enumerate(points)]
        return _from_ordinal(max(gaps)[1])

    def news_weekday(self) -> int | None:
        counts = Counter(r.weekday for r in self.weekdays if r.weekday is not None)
        if not counts:
            return None
        best = max(counts.values())
        tied = [wd for wd, c in counts.items() if c == best]
        return (
            tied[0]
            if len(tied) == 1
            else max(tied, key=lambda wd: max(r.start for r in self.weekdays if r.weekday == wd))
        )


def _last_md(r: RawTime) -> tuple[int, int]:
    if r.end_day is not None and r.end_month is not None:
        return r.end_month, r.end_day
    assert r.month is not None and r.day is not None
    return r.month, r.day


def _ordinal(month: int, day: int) -> int:
    return dt.date(2000, month, day).timetuple().tm_yday  # leap reference year: 29 February fits


def _from_ordinal(n: int) -> tuple[int, int]:
    d = dt.date(2000, 1, 1) + dt.timedelta(days=n - 1)
    return d.month, d.day


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_ADJACENT = re.compile(r"\s*[,(]?\s*(?:on\s+)?")


def _publication_witnesses(text: str, raws: list[RawTime]) -> list[RawTime]:
    """'yesterday, May 12' / 'today (May 13)': the publication day itself, as a year-less or full date."""
    out = []
    for a, b in zip(raws, raws[1:], strict=False):
        rel, date = (a, b) if a.kind == "rel" else (b, a)
        if rel.kind != "rel" or rel.unit != "day" or rel.modifier or date.kind != "date" or date.end_day:
            continue
        if not _ADJACENT.fullmatch(text, a.end, b.start) or date.month is None or date.day is None:
            continue
        ref = _valid(date.year or 2000, date.month, date.day)
        if ref is None:
            continue
        pub = ref - dt.timedelta(days=rel.amount)
        year = pub.year if date.year else None
        span = (min(a.start, b.start), max(a.end, b.end))
        out.append(
            RawTime(*span, text[span[0] : span[1]], "date", year, pub.month, pub.day, modifier="witness")
        )
    return out


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W{0,3}$")


def _word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return m.group(1).lower() if m else ""


_YEAR_AS_BOUND = frozenset(
    {"in", "since", "of", "from", "during", "after", "between", "and", "early", "late", "mid"}
)
_YEAR_AS_FUTURE = frozenset({"by", "until", "till", "to"})


@lru_cache(maxsize=2048)
def _analyse(text: str) -> _Clues:
    """What ``text`` says about time (cached: the corpus step reads the same texts again; never mutated)."""
    clues = _Clues(text)
    raws = scan(text)
    for raw in raws + _publication_witnesses(text, raws):
        _file(clues, raw, _word_before(text, raw.start))
    m = _ANNIVERSARY.search(text)
    if m:
        clues.anniversary = 1 if m["first"] else int(m["n"]) if m["n"].isdigit() else _NUM[m["n"].lower()]
    return clues


def _file(clues: _Clues, raw: RawTime, before: str) -> None:
    """File one time expression with the clues it gives (``before``: the word written before it)."""
    if raw.kind in ("date", "month") and raw.year is not None and before in _YEAR_AS_FUTURE | {"before"}:
        raw = replace(raw, future=True)  # "by May 2021": a deadline, ahead of the article
    if raw.future and raw.modifier != "last":
        if raw.year is not None and raw.month is not None:  # "scheduled for July 1, 2017"
            d = _valid(raw.year, raw.month, raw.day or 1)
            if d is not None:
                clues.upper.append((d, raw))
    elif raw.kind == "date" and raw.month and raw.day:
        _file_day(clues, raw, before)
    elif raw.kind == "month":
        if raw.year is not None:
            clues.month_years.append(raw)
        elif raw.modifier == "last":
            clues.last_months.append(raw)
    elif raw.kind == "year" and raw.year is not None:
        if raw.modifier in _YEAR_AS_BOUND:  # "in 1991", "since 2014"; not "the 2018 World Cup"
            clues.years.append(raw)
        elif raw.modifier in _YEAR_AS_FUTURE:  # "by 2030"
            clues.upper.append((dt.date(raw.year, 12, 31), raw))
    elif raw.kind == "weekday" and raw.modifier not in ("next", "until", "by"):
        clues.weekdays.append(raw)


def _file_day(clues: _Clues, raw: RawTime, before: str) -> None:
    """A date with its day: a full date, a day the news is later than, or a month/day to place."""
    assert raw.month is not None and raw.day is not None
    if raw.year is not None:
        d = _valid(raw.year, *_last_md(raw))
        if d is not None:
            clues.full.append((d, raw))
    elif before == "since":  # "occupied since August 12": the news is later
        clues.since.append(raw)
    elif _valid(2000, raw.month, raw.day):
        clues.mdays.append(raw)


def _md(month: int, day: int) -> str:
    return f"{_MONTH_NAMES[month]} {day}"


def _quote(r: RawTime) -> str:
    return f"'{' '.join(r.text.split())}'"


def _first_on_or_after(lower: dt.date, month: int, day: int) -> dt.date:
    for year in range(lower.year, lower.year + 5):
        d = _valid(year, month, day)
        if d is not None and d >= lower:
            return d
    raise ValueError("no such day")  # pragma: no cover - 29 February within 5 years always exists


def _bounds(clues: _Clues, today: dt.date) -> tuple[tuple[dt.date, str, str] | None, dt.date]:
    """(lower, upper) bounds on publication from the article's explicit years.

    lower: the latest of (explicit full date; a year after a 'Month YYYY' background reference;
    1 January of a year the article places something in), with its quote and its kind ("date",
    "month" or "year"). upper: today, or earlier where the article dates something in its future."""
    best: tuple[dt.date, str, str] | None = None

    def offer(d: dt.date, why: str, kind: str) -> None:
        nonlocal best
        if d <= today and (best is None or d > best[0]):
            best = (d, why, kind)

    for d, raw in clues.full:
        offer(d, f"explicit date {_quote(raw)}", "date")
    for raw in clues.month_years:
        assert raw.year is not None and raw.month is not None
        offer(dt.date(raw.year + 1, raw.month, 1), f"a year or more after {_quote(raw)}", "month")
    for raw in clues.years:
        assert raw.year is not None
        offer(dt.date(raw.year, 1, 1), f"not before {_quote(raw)}", "year")
    upper = min([d for d, _ in clues.upper if best is None or d >= best[0]] + [today])
    return best, upper


def _hard_lower(clues: _Clues) -> dt.date | None:
    """Publication is certainly not before the explicit dates, months and years the article states."""
    found = [d for d, _ in clues.full]
    found += [dt.date(r.year, r.month, 1) for r in clues.month_years if r.year and r.month]
    found += [dt.date(r.year, 1, 1) for r in clues.years if r.year]
    return max(found, default=None)


def _most_recent(month: int, day: int, upper: dt.date) -> dt.date:
    for year in range(upper.year, upper.year - 5, -1):
        d = _valid(year, month, day)
        if d is not None and d <= upper:
            return d
    raise ValueError("no such day")  # pragma: no cover


def infer_published(text: str, title: str | None = None, *, today: dt.date | None = None) -> DateGuess:
    """Best guess of an article's publication day from its own text (see the module docstring)."""
    today = today or dt.date.today()
    clues = _analyse(f"{title}\n{text}" if title else text)
    return _infer(clues, today)


def _infer(clues: _Clues, today: dt.date) -> DateGuess:
    """The publication day, only from evidence about the article itself; the year stays unknown
    (no date) where nothing fixes it. In order: a publication witness ("yesterday (2023-10-31)"); an
    anniversary ("a year after the coup of February 1, 2021"); a weekday beside a year-less date
    ("Wednesday, May 12"), among the years the text allows; a full date that is the article's own time
    (see ``_anchor``); a 'Month YYYY' background reference, which places the year-less news a year or
    more later (year inferred, not known)."""
    lower, upper = _bounds(clues, today)
    witness = [(d, r) for d, r in clues.full if r.modifier == "witness" and d <= upper]
    if witness:
        d, raw = max(witness, key=lambda x: x[0])
        return DateGuess(d, True, f"publication day from {_quote(raw)}")
    news = clues.news_md()
    if news is None and clues.anniversary:
        found = _anniversary_of(clues, upper)
        if found is not None:
            return DateGuess(found[0], True, found[1])
    if news is not None:
        fixed = _year_from_weekday(clues, news, lower, upper)
        if fixed is not None:
            return fixed
    anchored = _anchor(clues, upper)
    if anchored is not None:
        return anchored
    if news is not None and lower is not None and lower[2] == "month":
        pub = _first_on_or_after(lower[0], *news)
        if pub <= upper:
            why = f"latest mentioned date {_md(*news)}; year inferred: first {_md(*news)} {lower[1]}"
            return DateGuess(pub, False, why)
    why = _describe_relative(clues)
    if news is not None:
        why = f"latest mentioned date {_md(*news)}, year not fixed by the text" + (f"; {why}" if why else "")
    return DateGuess(None, False, why or "no date in the text")


def _year_from_weekday(
    clues: _Clues, news: tuple[int, int], lower: tuple[dt.date, str, str] | None, upper: dt.date
) -> DateGuess | None:
    """A weekday beside a year-less date fixes the year up to the calendar's 5-11 year cycle: of the
    years the text allows (not before its explicit years, not after today or its future dates), the
    first after its explicit years, else the most recent."""
    hard = _hard_lower(clues)
    for raw in clues.mdays:
        if raw.weekday is None:
            continue
        assert raw.month is not None and raw.day is not None
        fits = []  # most recent first
        for year in range(upper.year, upper.year - 80, -1):
            mention = _valid(year, raw.month, raw.day)
            if mention is None or mention.weekday() != raw.weekday or mention > upper:
                continue
            pub = _first_on_or_after(mention, *news)
            if hard is not None and pub < hard:
                break
            if pub <= upper:
                fits.append(pub)
        if fits:
            after = [f for f in fits if lower is not None and f >= lower[0]]
            pub = after[-1] if after else fits[0]
            return DateGuess(pub, True, f"latest mentioned date {_md(*news)}; year from {_quote(raw)}")
    return None


_HEAD = 60  # characters: a date this near the start is the dateline's...
_TITLE = 200  # ...as is one in a first line this short (a title) followed by the body


def _in_head(text: str, raw: RawTime) -> bool:
    first = text.find("\n")
    return raw.start < _HEAD or 0 < first <= _TITLE and raw.end <= first


_NEWS_WINDOW = 14  # days: a year-less date this soon after a full date belongs to the same story


def _anchor(clues: _Clues, upper: dt.date) -> DateGuess | None:
    """The latest full date is the article's own time, and fixes its year, when it is not older than
    the other years the text names and the story goes on from it: the weekday it fell on is told
    apart from it ("on September 11, 2020 ... arrived late on Friday"), or a year-less date follows
    it within two weeks ("15 April 2023 ... on April 16"), or it is the only time the text gives.
    A full date off the story's weekdays is background ("the bombing of November 13, 2015") and only
    bounds the publication. The publication is the latest news day: the year-less dates that follow,
    then the first day on the weekday the news is told on, within a week."""
    full = [(d, r) for d, r in clues.full if d <= upper]
    if not full:
        return None
    d, raw = max(full, key=lambda x: x[0])
    years = [r.year for r in clues.years + clues.month_years if r.year is not None]
    if years and max(years) > d.year:
        return None
    following = []
    for r in clues.mdays:
        m = _first_on_or_after(d, *_last_md(r))
        if m > d and (m - d).days <= _NEWS_WINDOW and m <= upper:
            following.append(m)
    told = [w for w in clues.weekdays if not (raw.start <= w.start < raw.end)]
    if not (following or any(w.weekday == d.weekday() for w in told) or (not told and not clues.mdays)):
        return None
    news = max([d, *following])
    why = f"latest explicit date {_quote(raw)}" + (f", news to {news.isoformat()}" if news != d else "")
    wd = clues.news_weekday()
    if wd is not None:
        day = news + dt.timedelta(days=(wd - news.weekday()) % 7)
        if day <= upper and day != news:
            why += f", told on the {_WEEKDAY_NAMES[wd]} after"
            news = day
    if news == d and not _in_head(clues.text, raw):
        # a full date in the body with nothing told after it (a caption, a report "on September 26,
        # 2020") is when something happened; the article may be days later: the day is not fixed
        return None
    return DateGuess(news, True, why)


def _anniversary_of(clues: _Clues, upper: dt.date) -> tuple[dt.date, str] | None:
    """'a year after the coup of February 1, 2021': the anniversary of the full date nearest the cue,
    moved on to the weekday the news is told on (a month, "a year after the January 2015 attacks", gives
    no day)."""
    m = _ANNIVERSARY.search(clues.text)
    assert m is not None
    refs = [(abs(r.start - m.start()), d, _quote(r)) for d, r in clues.full]
    months = [abs(r.start - m.start()) for r in clues.month_years]
    if not refs or (months and min(months) < min(refs)[0]):
        return None  # "five years after the January 2015 attacks" names a year, not a day
    _, anchor, why = min(refs)
    pub = _valid(anchor.year + clues.anniversary, anchor.month, anchor.day) or anchor + dt.timedelta(days=365)
    text = f"{clues.anniversary} year(s) after {why}"
    wd = clues.news_weekday()
    if wd is not None:
        pub += dt.timedelta(days=(wd - pub.weekday()) % 7)
        text += f", first {_WEEKDAY_NAMES[wd]} (the day the news is told on) from then"
    return (pub, text) if pub <= upper else None


def _describe_relative(clues: _Clues) -> str:
    parts = []
    wd = clues.news_weekday()
    if wd is not None:
        parts.append(f"news on a {_WEEKDAY_NAMES[wd]}")
    parts += [f"mentions {_quote(r)}" for r in clues.last_months[:2]]
    if clues.anniversary:
        parts.append(f"{clues.anniversary} year(s) after an earlier event")
    parts += [f"after {_quote(r)}" for r in (clues.month_years + clues.years)[-2:]]
    return "; ".join(parts)


# ------------------------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class _Dated:
    """A dated mention in one document of the collection."""

    doc: str
    first: dt.date
    last: dt.date
    precision: str  # day | month
    label: str
    words: frozenset[str]
    weight: float  # how much it says about when the collection's news happened


def _context(text: str, start: int, end: int) -> frozenset[str]:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 150)
    right_dot = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    right = min([*right_dot, end + 150])
    return frozenset(w for w in _WORD.findall(text[left + 1 : right].lower()) if w not in _STOP)


def _dated_of(doc: str, clues: _Clues, pub: dt.date | None, *, explicit: bool = True) -> Iterable[_Dated]:
    """Dated mentions of one document: its explicit dates (``explicit``) and, with its publication day
    ``pub``, its year-less ones resolved."""
    text = clues.text
    # explicit dates well before the document's own time are history, and weigh little
    ref = pub or max((d for d, _ in clues.full), default=None)

    def weight(d: dt.date, base: float) -> float:
        return base if ref is None or (ref - d).days <= 400 else base / 5

    for d, raw in clues.full if explicit else ():
        label = f"{_quote(raw)} ({doc})"
        yield _Dated(doc, d, d, "day", label, _context(text, raw.start, raw.end), weight(d, 0.6))
    for raw in clues.month_years if explicit else ():
        assert raw.year is not None and raw.month is not None
        first = dt.date(raw.year, raw.month, 1)
        last = (dt.date(raw.year + raw.month // 12, raw.month % 12 + 1, 1)) - dt.timedelta(days=1)
        label = f"{_quote(raw)} ({doc})"
        yield _Dated(doc, first, last, "month", label, _context(text, raw.start, raw.end), weight(last, 0.3))
    if pub is None:
        return
    yield _Dated(doc, pub, pub, "day", f"publication {pub.isoformat()} ({doc})", frozenset(), 1.0)
    for raw in clues.mdays:
        assert raw.month is not None and raw.day is not None
        year = year_for(raw.month, raw.day, pub)
        told = _valid(year, raw.month, raw.day) if year else None
        if told is not None:
            label = f"{_quote(raw)} = {told.isoformat()} ({doc})"
            yield _Dated(doc, told, told, "day", label, _context(text, raw.start, raw.end), 0.8)
    for raw in clues.last_months:
        assert raw.month is not None
        year = pub.year if raw.month < pub.month else pub.year - 1
        first = dt.date(year, raw.month, 1)
        last = dt.date(year + raw.month // 12, raw.month % 12 + 1, 1) - dt.timedelta(days=1)
        label = f"{_quote(raw)} = {_MONTH_NAMES[raw.month]} {year} ({doc})"
        yield _Dated(doc, first, last, "month", label, _context(text, raw.start, raw.end), 0.3)


def _distance(d: dt.date, e: _Dated) -> int:
    if e.first <= d <= e.last:
        return 0
    return min(abs((d - e.first).days), abs((d - e.last).days))


class _Pool:
    """Dated mentions of the documents whose year is known (and explicit dates of all), by month and
    by week of the year."""

    def __init__(self) -> None:
        self.by_month: dict[int, list[_Dated]] = defaultdict(list)
        self.by_week: dict[int, list[_Dated]] = defaultdict(list)  # day entries
        self.months: dict[int, list[_Dated]] = defaultdict(list)  # month entries

    def add(self, entries: Iterable[_Dated]) -> None:
        for e in entries:
            for month in {e.first.month, e.last.month}:
                self.by_month[month].append(e)
                if e.precision != "day":
                    self.months[month].append(e)
            if e.precision == "day":
                self.by_week[_ordinal(e.first.month, e.first.day) // 7].append(e)

    def near(self, month: int, doc: str) -> list[_Dated]:
        """Entries of other documents in ``month`` or the months either side."""
        months = ((month - 2) % 12 + 1, month, month % 12 + 1)
        return [e for m in months for e in self.by_month.get(m, ()) if e.doc != doc]

    def near_day(self, month: int, day: int, doc: str) -> list[_Dated]:
        """Entries of other documents that may lie within the vote window of month/day (any year)."""
        week = _ordinal(month, day) // 7
        weeks = {(week + k) % 53 for k in range(-3, 4)}
        months = ((month - 2) % 12 + 1, month, month % 12 + 1)
        found = [e for w in weeks for e in self.by_week.get(w, ())]
        found += [e for m in months for e in self.months.get(m, ())]
        return [e for e in found if e.doc != doc]


def _vote_md(
    doc: str, clues: _Clues, pool: _Pool, today: dt.date, related: Mapping[str, float]
) -> tuple[dt.date, str, float] | None:
    """Year for a document with year-less month/day mentions, voted by the other documents: each
    mention counts for the years in which another document dates the same or a neighbouring day."""
    news = clues.news_md()
    assert news is not None
    lower = _hard_lower(clues)
    _, upper = _bounds(clues, today)
    scores: dict[int, float] = defaultdict(float)
    reasons: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for (month, day), raw in {(r.month, r.day): r for r in clues.mdays}.items():
        assert month is not None and day is not None
        for e in pool.near_day(month, day, doc):
            if e.doc not in related:
                continue
            # the mention's nearest occurrence to e, and the publication that reads it so
            options = [_valid(y, month, day) for y in (e.first.year - 1, e.first.year, e.first.year + 1)]
            near = [(dist, d) for d in options if d is not None and (dist := _distance(d, e)) <= _DAY_WINDOW]
            if not near:
                continue
            dist, mention = min(near)
            pub = _first_on_or_after(mention - dt.timedelta(days=2), *news)
            if (
                year_for(month, day, pub) != mention.year
                or pub > upper
                or (lower is not None and pub < lower)
            ):
                continue
            w = (1.0 - dist / (_DAY_WINDOW + 1)) * e.weight
            scores[pub.year] += w
            reasons[pub.year].append((w, f"{_quote(raw)} ~ {e.label}"))
    if not scores:
        return None
    ranked = sorted(scores, key=lambda y: (-scores[y], -y))
    best = ranked[0]
    runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
    if scores[best] < _MIN_VOTE or scores[best] < _MARGIN * runner_up:
        return None
    latest = _valid(best, *news)
    assert latest is not None
    pub = _on_news_weekday(latest, clues, upper)
    top = [r for _, r in sorted(reasons[best], key=lambda x: -x[0])[:2]]
    against = f"; vs {ranked[1]} {runner_up:.1f}" if len(ranked) > 1 else ""
    why = f"latest mentioned date {_md(*news)}; year {best} by collection vote {scores[best]:.1f}{against}: "
    return pub, why + ", ".join(top), scores[best]


def _vote_last_month(
    doc: str, clues: _Clues, pool: _Pool, today: dt.date, related: Mapping[str, float]
) -> tuple[dt.date | None, int, str] | None:
    """Year (and with an anniversary cue, the day) for a document that only says 'last November'."""
    scores: dict[int, float] = defaultdict(float)
    anchors: dict[int, list[tuple[float, _Dated]]] = defaultdict(list)
    for raw in clues.last_months:
        assert raw.month is not None
        words = _context(clues.text, raw.start, raw.end)
        for e in pool.near(raw.month, doc):
            if e.doc not in related or (e.first.month != raw.month and e.last.month != raw.month):
                continue
            w = e.weight * (1.0 + len(words & e.words))
            scores[e.first.year] += w
            anchors[e.first.year].append((w, e))
    if not scores:
        return None
    year = max(scores, key=lambda y: (scores[y], y))
    month = clues.last_months[0].month
    assert month is not None
    pub_year = year + 1
    best_anchor = max(anchors[year], key=lambda x: (x[1].precision == "day", x[0]))[1]
    why = (
        f"{_quote(clues.last_months[0])} = {_MONTH_NAMES[month]} {year} by collection vote {scores[year]:.1f}"
        f" (e.g. {best_anchor.label})"
    )
    if not clues.anniversary or best_anchor.precision != "day":
        return None, pub_year, why + f"; published in {pub_year}, day unknown"
    first = best_anchor.first
    anniversary = _valid(first.year + clues.anniversary, first.month, first.day) or first + dt.timedelta(
        days=365
    )
    pub = anniversary
    wd = clues.news_weekday()
    why += f"; {clues.anniversary} year(s) after {first.isoformat()}"
    if wd is not None:
        pub = anniversary + dt.timedelta(days=(wd - anniversary.weekday()) % 7)
        why += f", first {_WEEKDAY_NAMES[wd]} (the day the news is told on) from {anniversary.isoformat()}"
    if pub > today:
        return None, pub_year, why + f"; published in {pub_year}, day unknown"
    return pub, pub.year, why


_NAME = re.compile(r"(?<![.!?:\n]\s)(?<![.!?:\n])(?<!^)\b([A-Z][a-zA-Z-]{2,}|\d{1,3}(?:,\d{3})+|\d{2,})\b")
_LOWER_WORD = re.compile(r"\b[a-z][a-z-]{2,}\b")
_CALENDAR = frozenset(_MONTH_NAMES[1:] + _WEEKDAY_NAMES)
_SAME_HAPPENING = 0.25  # least share of names in common for two documents to report the same happening
_MIN_SHARED = 5  # and at least this many names or figures in common


def _names(text: str, common: set[str]) -> set[str]:
    """Names and figures of one text: capitalised words inside sentences that the collection never
    writes in lower case (not "Minister", "Forces"), and numbers that are not years."""
    out = set()
    for m in _NAME.finditer(text):
        w = m.group(1)
        if w in _CALENDAR or w.lower() in common or (len(w) == 4 and w.isdigit() and 1800 <= int(w) <= 2099):
            continue
        out.add(w)
    return out


def _related(texts: Mapping[str, str]) -> dict[str, dict[str, float]]:
    """doc -> {other doc: overlap} for the documents that report the same happening as it: they share
    at least ``_MIN_SHARED`` names and figures (places, people, groups, tolls), and these are at least
    ``_SAME_HAPPENING`` of the shorter list (so a name in every world story, or two articles that both
    quote one president, do not make two happenings one)."""
    common = {w for t in texts.values() for w in _LOWER_WORD.findall(t)}
    names = {doc: _names(t, common) for doc, t in texts.items()}
    holders: dict[str, list[str]] = defaultdict(list)
    for doc, ns in names.items():
        for w in ns:
            holders[w].append(doc)
    limit = max(10, len(texts) // 2)  # a name in most of a large collection links nothing
    shared: dict[str, Counter[str]] = {doc: Counter() for doc in texts}
    for docs in holders.values():
        if 2 <= len(docs) <= limit:
            for a in docs:
                shared[a].update(b for b in docs if b != a)
    out: dict[str, dict[str, float]] = {}
    for doc, others in shared.items():
        out[doc] = {}
        for other, n in others.items():
            overlap = n / max(1, min(len(names[doc]), len(names[other])))
            if n >= _MIN_SHARED and overlap >= _SAME_HAPPENING:
                out[doc][other] = overlap
    return out


def _on_news_weekday(day: dt.date, clues: _Clues, upper: dt.date) -> dt.date:
    """The first day from ``day`` on the weekday the article tells its news on (within a week)."""
    wd = clues.news_weekday()
    if wd is None:
        return day
    moved = day + dt.timedelta(days=(wd - day.weekday()) % 7)
    return moved if moved <= upper else day


def _same_week(
    doc: str, clues: _Clues, related: Mapping[str, float], known: Mapping[str, dt.date]
) -> DateGuess | None:
    """A document told only by weekday ("Rouhani spoke out on Wednesday") that reports the same
    happening as a dated one: on that weekday nearest the dated document's publication day."""
    wd = clues.news_weekday()
    dated = [(w, other) for other, w in related.items() if other in known]
    if wd is None or not dated:
        return None
    _, other = max(dated)
    ref = known[other]
    offsets = sorted(range(-3, 4), key=lambda k: (abs(k), -k))
    day = next(ref + dt.timedelta(days=k) for k in offsets if (ref + dt.timedelta(days=k)).weekday() == wd)
    why = (
        f"news on a {_WEEKDAY_NAMES[wd]}, the one nearest {ref.isoformat()}, when {other} (same happening:"
        f" shared names) was published"
    )
    return DateGuess(day, True, why)


@dataclass
class _Collection:
    """What resolving a collection's years works on: each document's clues and current guess, the
    documents that report the same happening as each, the publication days known so far and the
    dated mentions they anchor."""

    clues: dict[str, _Clues]
    result: dict[str, DateGuess]
    related: dict[str, dict[str, float]]
    known: dict[str, dt.date] = field(default_factory=dict)
    pool: _Pool = field(default_factory=_Pool)

    def settle(self, doc: str, guess: DateGuess) -> None:
        assert guess.date is not None
        self.result[doc] = guess
        self.known[doc] = guess.date
        self.pool.add(
            e for e in _dated_of(doc, self.clues[doc], guess.date) if e.precision == "day" or e.label[:1] == "'"
        )


def resolve_corpus_years(
    guesses: Mapping[str, tuple[str, DateGuess]], *, today: dt.date | None = None
) -> dict[str, DateGuess]:
    """Let the documents of one collection anchor each other's years (see the module docstring).

    ``guesses`` maps doc id -> (text, the document's own guess); returns a guess for every doc,
    unchanged where the collection has nothing to add."""
    today = today or dt.date.today()
    clues = {doc: _analyse(text) for doc, (text, _) in guesses.items()}
    col = _Collection(clues, {doc: guess for doc, (_, guess) in guesses.items()},
                      _related({doc: c.text for doc, c in clues.items()}))
    for doc, c in clues.items():
        g = col.result[doc]
        if g.year_known and g.date is not None:
            col.known[doc] = g.date
        col.pool.add(_dated_of(doc, c, col.known.get(doc)))
    changed = True
    while changed:  # first the documents with month/day mentions, then those that only say "last November"
        changed = _settle_month_days(col, today) or _settle_last_months(col, today)
    _settle_weekdays(col)
    return col.result


def _settle_month_days(col: _Collection, today: dt.date) -> bool:
    """Settle the strongest votes for documents with month/day mentions first: a year settled by the
    collection votes for others in turn. Whether any was settled."""
    votes = []
    for doc, c in col.clues.items():
        if doc not in col.known and c.mdays:
            voted = _vote_md(doc, c, col.pool, today, col.related[doc])
            if voted is not None:
                votes.append((voted[2], doc, voted[0], voted[1]))
    votes.sort(reverse=True)
    for _score, doc, pub, why in votes[: max(1, len(votes) // 4)]:
        col.settle(doc, DateGuess(pub, True, why))
    return bool(votes)


def _settle_last_months(col: _Collection, today: dt.date) -> bool:
    """The documents that only say "last November". Whether any publication day was settled."""
    changed = False
    for doc, c in col.clues.items():
        if doc in col.known or c.mdays or not c.last_months:
            continue
        found = _vote_last_month(doc, c, col.pool, today, col.related[doc])
        if found is None:
            continue
        pub, _year, why = found
        if pub is not None:
            col.settle(doc, DateGuess(pub, True, why))
            changed = True
        elif col.result[doc].date is None:
            col.result[doc] = DateGuess(None, False, why)
    return changed


def _settle_weekdays(col: _Collection) -> None:
    """Last, those told only by weekday, on the week of a dated report of the same happening."""
    changed = True
    while changed:
        changed = False
        for doc, c in col.clues.items():
            if doc not in col.known and not c.mdays and col.result[doc].date is None:
                guess = _same_week(doc, c, col.related[doc], col.known)
                if guess is not None and guess.date is not None:
                    col.result[doc], col.known[doc] = guess, guess.date
                    changed = True
