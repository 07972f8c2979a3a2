"""Read: one cleaned Document -> its places, event mentions and claims. A pure function of the text
(and the publication date it is read against); no database.

    reading = read(Document(text=..., source="a.txt", published=date(2021, 5, 27)))

Per sentence: the event it reports (``classify``), when (``timex``), where (``places``), who says
it and with what stance (``attribution``), how many people (``counts``) and what else it asserts
(``fields``). Sentences telling the same happening in one document become one Mention; every
sentence that says something about a mention becomes a Claim with its evidence span.
Public surface: ``read``, ``read_many``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from rashomon.model import FAMILY, PRECISION_RANK, Claim, Document, Mention, Place, Reading, Source
from rashomon.read.attribution import Attribution, attribute, is_reporting_verb, quote_spans
from rashomon.read.classify import EventClass, classify_sentences, trigger_weight
from rashomon.read.countries import countries_in, country_name
from rashomon.read.counts import OPEN_ENDED, CountFact, find_counts
from rashomon.read.fields import claim_fields
from rashomon.read.nlp import get_nlp
from rashomon.read.sources import SourceContext, normalise, outlet_source
from rashomon.read.timex import TimeRef, find_times

__all__ = ["read", "read_many"]

HISTORICAL_DAYS = 120  # a happening this long before publication, told in passing, is background
# A pattern that opens with a lookahead on the first letters of its words is tried only where one of them
# stands: a necessary condition, so the matches are the same, but re skips most positions without trying
# the case-insensitive alternation there.
_BACKGROUND = re.compile(r"\b(?=[sltaewcmy])(since (the )?(last|the)\b|last year'?s|(the|a) (\w+[- ])?(war|conflict) (that )?"
                         r"(ended|ensued|broke out|claimed|left)|ensuing (war|conflict)|(weeks?|months?|years?|decades?) (after|before|since)|anniversary|after the (\w+ )?"
                         r"(war|fighting)|when the soviet union|collapsed in|we remind you|as we (wrote|reported))",
                         re.I)
# "BAKU, YEREVAN, (BM) –" / "KHARKIV, Ukraine (Reuters) -": where the story was filed, not where it happened
_DATELINE = re.compile(r"(?m)^[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w .'-]*){0,3},?\s*(?:\([^)]{1,40}\))?\s*[–—-]\s")
# asides about the source, not events: "who asked not to be named", "speaking on condition of anonymity"
_ASIDES = re.compile(r"(?=[wso])(?:\b(?:who|which)\s+(?:asked|requested|spoke|declined)\s+(?:not\s+to\s+be\s+(?:named|identified)|"
                     r"on\s+condition\s+of\s+anonymity|anonymously|to\s+be\s+identified)[^,.;]*|"
                     r"\b(?:speaking\s+)?on\s+condition\s+of\s+anonymity\b)", re.I)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


_ANAPHOR = re.compile(r"(?=[tbdrc])(?:\b(this|that|these|those) (information|report|reports|claim|claims|news|"
                      r"allegations?|figures?|numbers?)\b|\b(the|these|both) (figures|numbers|claims|reports|"
                      r"accounts|tolls?|casualty figures)\s+(could|can|cannot|have|has|were|was|are|is)\b|\b(dismissed|denied|rejected|refuted) the (reports?|claims?|accusations?|"
                      r"allegations?)\b|\b(confirmed|denied|does not confirm|did not confirm) (it|this|that)(?=\s*(?:[.,;]|$)))", re.I)
_CONFIRM_ONLY = re.compile(r"\b(?=[acdr])(also )?(confirmed|denied|does not confirm|did not confirm|cannot confirm|"
                           r"could not confirm|dismissed|rejected)\b", re.I)


@dataclass
class _Sent:
    span: Span
    start: int
    end: int
    text: str
    cls: EventClass | None
    times: list[TimeRef]
    counts: list[CountFact]
    places: list[Place]
    att: Attribution | None = None
    date: date | None = None
    date_end: date | None = None
    precision: str = "day"
    historical: bool = False
    mention: int | None = None
    paragraph: int = 0
    extras: dict = field(default_factory=dict)


def _sentences(doc: Doc, text: str) -> Iterator[tuple[int, int]]:
    """spaCy's sentences of ``text`` (the doc's text: ``doc.text`` would rebuild it token by token),
    also cut at line breaks (a paragraph never continues a sentence) and at semicolons outside
    quotations, which join clauses that each have their own speaker ("media report that 63 soldiers
    were killed; the government did not confirm the toll")."""
    quotes = quote_spans(text)
    for s in doc.sents:
        a = s.start_char
        for part in re.split(r"(\n+)", text[s.start_char : s.end_char]):
            if part.startswith("\n"):
                a += len(part)
                continue
            b = a + len(part)
            for x, y in _clauses(doc, text, a, b, quotes):
                clause = text[x:y]
                if clause.strip():
                    yield x + len(clause) - len(clause.lstrip()), y - len(clause) + len(clause.rstrip())
            a = b


_MIN_CLAUSE = 25  # shorter pieces ("2014; 2015") stay with their sentence


def _clauses(doc: Doc, text: str, a: int, b: int, quotes: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Cut text[a:b] at semicolons (outside quotations) that introduce a speaker of their own: a
    reporting verb after the semicolon ("...; the government did not confirm the toll"). Other
    clauses share their sentence's time, place and event."""
    if ";" not in text[a:b]:
        yield a, b
        return
    cuts = [i + 1 for i in range(a, b) if text[i] == ";" and not any(q0 < i < q1 for q0, q1 in quotes)]
    start = a
    for n, c in enumerate(cuts):
        end = cuts[n + 1] if n + 1 < len(cuts) else b
        if c - start < _MIN_CLAUSE or end - c < _MIN_CLAUSE:
            continue
        piece = doc.char_span(c, end, alignment_mode="expand")
        if piece is not None and any(is_reporting_verb(t) for t in piece):
            yield start, c
            start = c
    yield start, b


def _places_in(text: str, doc: Doc) -> list[Place]:
    try:
        from rashomon.read.places import find_places
    except ImportError:  # pragma: no cover - during bootstrapping only
        return []
    return find_places(text, doc)


def read(document: Document) -> Reading:
    """Everything Rashomon reads in one document."""
    nlp = get_nlp()
    return _read(document, nlp(document.text))


def read_many(documents: Iterable[Document], batch_size: int = 16) -> Iterator[Reading]:
    """Read many documents with spaCy's batched pipe."""
    nlp = get_nlp()
    docs = list(documents)
    for d, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True):
        yield _read(d, sdoc)


def _read(document: Document, sdoc: Doc) -> Reading:
    text = document.text
    pub = document.published
    places = _places_in(text, sdoc)
    datelines = [(m.start(), m.end()) for m in _DATELINE.finditer(text)]
    event_places = [p for p in places if not any(a <= p.start < b for a, b in datelines)
                    and not _is_agent(sdoc, p)]
    bounds = list(_sentences(sdoc, text))
    spans = [sdoc.char_span(a, b, alignment_mode="expand") for a, b in bounds]
    # a statement is something a source says (a claim), not a happening of its own
    paragraphs = _paragraphs(text, bounds)
    classes = [None if c is not None and c.sub_event_type == "Statement" else c
               for c in classify_sentences([_ASIDES.sub(_blank, text[a:b]) for a, b in bounds], paragraphs)]
    sents: list[_Sent] = []
    for (a, b), span, cls, para in zip(bounds, spans, classes, paragraphs, strict=True):
        st = text[a:b]
        sents.append(_Sent(span=span, start=a, end=b, text=st, cls=cls, times=[],
                           counts=find_counts(st), places=[p for p in event_places if a <= p.start and p.end <= b],
                           paragraph=para))
    ctx = SourceContext(outlet=outlet_source(document.outlet), default_country=_main_country(text, places))
    _attribute(sents, ctx, text)
    _date(sents, pub)
    mentions = _mentions(sents, pub)
    side: dict[int, list[Place]] = {}  # places of sentences that only comment on a mention
    claims = _claims(sents, mentions, side)
    for i, m in enumerate(mentions):
        _locate(m, side.get(i, []))
    return Reading(places=places, mentions=mentions, claims=claims)


def _paragraphs(text: str, bounds: list[tuple[int, int]]) -> list[int]:
    """Each sentence's paragraph number (a line break between two sentences starts a new one)."""
    out, para, last_end = [], 0, 0
    for a, b in bounds:
        if "\n" in text[last_end:a]:
            para += 1
        last_end = b
        out.append(para)
    return out


def _main_country(text: str, places: list[Place]) -> str | None:
    """The country an article is mostly about: its places' and country words' most frequent country,
    when one clearly leads."""
    from collections import Counter

    c = Counter(p.country for p in places if p.country)
    c.update(iso for _, _, iso in countries_in(text))
    top = c.most_common(2)
    if not top or (len(top) > 1 and top[1][1] * 1.5 > top[0][1]):
        return None
    return top[0][0]


def _attribute(sents: list[_Sent], ctx: SourceContext, text: str) -> None:
    """Attribute every sentence. A quotation's speaker is named in the sentence that opens or
    closes it ('X said, "..."', '"...," X said'), or introduced just before it ("Journalist X:");
    failing that, it is the source named last before the quotation."""
    quotes = quote_spans(text)
    speakers: dict[tuple[int, int], Source] = {}
    intro: Source | None = None
    prev_country: str | None = None
    for s in sents:
        ctx.previous_country = prev_country
        s.att = attribute(s.span, ctx, None)
        inside = [q for q in quotes if q[0] <= s.start < q[1] or s.start <= q[0] < s.end]
        verb = s.att.verb_char
        quoted_verb = verb is not None and any(q[0] < verb < q[1] for q in inside)
        if quoted_verb:
            # "we ... state that" inside a quotation: the quotation's speaker says it
            s.extras["quoted_verb"] = True
        elif s.att.explicit:
            ctx.remember(s.att.source)
            for q in inside:
                speakers.setdefault(q, s.att.source)
        elif s.text.rstrip().endswith(":") and len(s.text) < 120:
            # a speaker introduced on a line of its own: "Russian military journalist X:"
            src = normalise(s.text.rstrip(" :"), ctx, [e.text for e in s.span.ents if e.label_ == "PERSON"])
            if src is not None and src.kind != "outlet":
                intro = src
                ctx.remember(src)
        for q in inside:
            if q not in speakers and intro is not None and q[0] >= s.start:
                speakers[q] = intro
        c = countries_in(s.text)
        prev_country = c[0][2] if c else None
    for s in sents:
        if s.att is None or (s.att.explicit and not s.extras.get("quoted_verb")):
            continue
        for q in quotes:
            if q[0] <= s.start + 1 and s.end <= q[1] + 2:
                speaker = speakers.get(q)
                if speaker is None:
                    before = [t for t in sents if t.end <= q[0] + 1 and t.att and t.att.explicit]
                    speaker = before[-1].att.source if before else None
                if speaker is not None:
                    s.att = Attribution(speaker, s.att.stance, True, s.start)
                break


def _date(sents: list[_Sent], pub: date | None) -> None:
    """Each sentence's date: its own time expression, else the narrative time (the last date the
    article gave before it), else the document's lead (the first dated event sentence, or the
    publication date)."""
    lead: tuple[date, date | None, str] | None = None
    anchor: date | None = None
    for s in sents:
        # "the same day", "the day before" are read against the last day the article named
        s.times = find_times(s.text, pub, anchor=anchor)
        days = [t.date for t in s.times if t.precision == "day"]
        if days:
            anchor = days[-1]
    for s in sents:
        t = _event_time(s)
        if t and s.cls is not None:
            lead = (t.date, t.date_end, t.precision)
            break
    if lead is None and pub is not None:
        lead = (pub, None, "day")
    current: tuple[date, date | None, str] | None = None
    for s in sents:
        t = _event_time(s)
        if t:
            s.date, s.date_end, s.precision = t.date, t.date_end, t.precision
            if t.precision != "year":
                current = (t.date, t.date_end, t.precision)
        elif current or lead:
            # a date carried over from earlier sentences is only known to within about a week
            s.date, s.date_end, s.precision = current or lead  # type: ignore[misc]
            s.extras["inherited"] = True
            if s.precision == "day":
                s.precision = "week"
        if s.precision == "day" and s.date_end and s.date_end == s.date:
            s.date_end = None
        s.historical = _is_historical(s, pub)


_REPORT_TIME = re.compile(r"\b(?=[rsatwc])(reported|said|announced|stated|told|wrote|claimed|confirmed|added)\s+(later\s+)?(on\s+|in\s+)?$",
                          re.I)


def _event_time(s: _Sent) -> TimeRef | None:
    """The time expression that dates the event (not a 'since', and not a bare year in a name).
    A time that dates a report ("reported on May 16") only bounds the happening: week precision."""
    cands = [t for t in s.times if not re.match(r"since\b", t.text, re.I)]
    if not cands:
        return None
    cands = [TimeRef(t.start_char, t.end_char, t.text, t.date, t.date_end, "week")
             if t.precision == "day" and _REPORT_TIME.search(s.text[: t.start_char]) else t for t in cands]
    if s.cls and s.cls.trigger:
        trig = s.cls.trigger[0]
        return min(cands, key=lambda t: (t.precision != "day", abs(t.start_char - trig)))
    return min(cands, key=lambda t: (t.precision != "day", t.start_char))


PAST_MONTH_DAYS = 7  # a happening known only to a month (or year) that ended this long before publication


def _is_historical(s: _Sent, pub: date | None) -> bool:
    """Background, not news: long before publication, known only to a month that is over ("last month
    the two sides reached a deal"), or told as background ("since the war", "weeks after the disaster")."""
    if pub and s.date:
        end = s.date_end or s.date
        if end < pub - timedelta(days=HISTORICAL_DAYS):
            return True
        if s.precision in ("month", "year") and end < pub - timedelta(days=PAST_MONTH_DAYS):
            return True
    return bool(_BACKGROUND.search(s.text)) and not any(t.precision == "day" and pub and
                                                        abs((t.date - pub).days) < 30 for t in s.times)


def _family(cls: EventClass) -> str:
    return FAMILY.get(cls.event_type, "other")


# commentary on a pattern of violence, not one happening: "the group has recently intensified attacks",
# "the hospital is regularly attacked", "a series of attacks over the past three years"
_GENERIC = re.compile(r"\b(?=[rfoutsdawi])(?:regularly|frequently|often|routinely|usually|typically|"
                      r"(?:a |the )?(?:series|spate|wave|string) of|over the (?:past|last) (?:\w+ )?(?:years|months|decades?)|"
                      r"in recent (?:years|months|weeks)|(?:has|have) (?:recently )?(?:intensified|stepped up|escalated)|"
                      r"(?:decade|years)-long|since (?:it|they) (?:began|started)|"
                      r"still (?:being )?(?:detained|held|jailed|imprisoned|in custody)|remains? (?:in custody|detained|jailed))\b",
                      re.I)
# a sentence that tells a second happening: "the blast came hours after two rockets were fired",
# "rockets were fired, prompting the air force to strike"
_SECOND = re.compile(r"(?:,\s*|\b(?:came|comes|happened|occurred|was|were)\s+)?\b(?:(?:\w+\s+)?(?:hours|minutes|days|shortly|soon|just)\s+after|"
                     r"after|following|prompting|in (?:response|retaliation) (?:to|for))\b", re.I)
# a relative clause in the pluperfect or perfect tells the background of who is named: "arrested 74 members of
# a militia which had been involved in killings" is an arrest
_RELATIVE = re.compile(r"\b(?:which|who|that)\s+(?:had|has|have)\s+(?:long\s+)?(?:been\s+)?", re.I)
# kinds of violence a clause names as a happening of its own; "fighting ... following an attack" is one
_DISTINCT = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Suicide bomb",
             "Grenade", "Chemical weapon", "Abduction/forced disappearance", "Sexual violence"}
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _mentions(sents: list[_Sent], pub: date | None) -> list[Mention]:
    mentions: list[Mention] = []
    weights: list[dict[tuple[str, str | None], float]] = []  # per mention: type -> summed confidence

    def add(s: _Sent, target: int | None) -> int:
        if target is None:
            mentions.append(_new_mention(s))
            weights.append({})
            target = len(mentions) - 1
            _extend(mentions[target], s, weights[target], first=True)
        else:
            _extend(mentions[target], s, weights[target])
        return target

    for s in sents:
        if s.cls is None:
            continue
        inherited = s.extras.get("inherited", False)
        if inherited and s.cls.event_type == "Diplomacy" and mentions:
            # talks or calls mentioned in passing, with no time of their own, are context for the
            # happening being told, not a codable event
            s.cls = None
            continue
        if inherited and _GENERIC.search(s.text):
            s.cls = None
            continue
        head, second = _happenings(s)
        if head is not None:
            s.cls = head  # the type comes from what the main clause tells, not from its background
        target = _target(mentions, s, inherited)
        if target is None and inherited and s.precision in ("month", "year"):
            # a happening told with no time of its own after a month or a year named in passing is
            # background ("he had said he was tortured", after "in late August")
            s.cls = None
            continue
        s.mention = add(s, target)
        if second is not None:
            add(second, _target(mentions, second, True, same_kind=True))
    return mentions


def _target(mentions: list[Mention], s: _Sent, inherited: bool, same_kind: bool = False) -> int | None:
    """The mention a sentence continues, if any. A sentence with no time of its own continues the latest
    compatible happening of its own kind told, else the latest compatible one."""
    cls = s.cls
    assert cls is not None
    fallback = None
    for i in reversed(range(len(mentions))):
        m = mentions[i]
        if m.historical != s.historical or FAMILY.get(m.event_type) != _family(cls):
            continue
        if inherited:
            if m.date and m.date - timedelta(days=1) <= (s.date_end or s.date) \
                    and s.date <= (m.date_end or m.date) + timedelta(days=1):
                if m.sub_event_type == cls.sub_event_type:
                    return i
                if fallback is None:
                    fallback = i
            continue
        if not _same_time(m, s) or _elsewhere(m, s):
            continue
        if m.date_precision == "day" and s.precision == "day" or m.sub_event_type == cls.sub_event_type \
                or m.date_precision != "day":
            return i
    if same_kind or fallback is not None or not inherited or not _refers_back(s):
        return None if same_kind else fallback
    # "the execution", "Afkari's execution": a happening already told, whatever time was said since
    return next((i for i in reversed(range(len(mentions))) if mentions[i].historical == s.historical
                 and mentions[i].sub_event_type == cls.sub_event_type), None)


_DEFINITE = re.compile(r"(?:\b(?:the|this|that|these|those|its|his|her|their)|['’]s)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _refers_back(s: _Sent) -> bool:
    """The sentence names its happening with a definite noun phrase ("the blast", "Afkari's execution")."""
    trig = s.cls.trigger if s.cls else None
    return bool(trig) and bool(_DEFINITE.search(s.text[: trig[0]]))  # type: ignore[index]


def _happenings(s: _Sent) -> tuple[EventClass | None, _Sent | None]:
    """What a sentence's main clause tells, when a clause of its own tells something else ("X was
    executed on Saturday after being convicted of stabbing a guard during the 2018 protests"), and the
    other happening, as a sentence of its own, when that is another kind of violence told as news
    ("the blast came hours after two rockets were fired into the Green Zone")."""
    if s.cls is None:
        return None, None
    for m in sorted([*_SECOND.finditer(s.text), *_RELATIVE.finditer(s.text)], key=lambda m: m.start()):
        head, tail = s.text[: m.start()], s.text[m.end() :]
        if len(tail) < 15 or len(head) < 15:
            continue
        got = classify_sentences([head, tail])
        if got[0] is None or got[1] is None or got[1].sub_event_type == got[0].sub_event_type:
            continue
        if m.re is _SECOND and trigger_weight(head) < 3 <= trigger_weight(tail):
            # "a man was injured following the explosion of a mine": the casualties of what the clause tells
            return got[1], None
        background = m.re is _RELATIVE or bool(_YEAR.search(tail) or _BACKGROUND.search(tail) or _LONG_BEFORE.search(head))
        if background:
            return got[0], None  # the main clause's happening, not its background, is the type
        if got[1].sub_event_type not in _DISTINCT or got[0].event_type not in _VIOLENT:
            # "forces were killed following an ambush": one happening, typed by the whole sentence
            return None, None
        a = s.start + m.end()
        return got[0], replace(s, cls=got[1], text=tail, start=a, places=[p for p in s.places if p.start >= a],
                               extras=dict(s.extras), mention=None)
    return None, None


_LONG_BEFORE = re.compile(r"\b(?:weeks?|months?|years?|decades?)\s*$", re.I)  # "a year after the war": background
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


_TYPE_PAIRS = {frozenset({"Battles", "Strategic developments"}),
               frozenset({"Battles", "Explosions/Remote violence"}),
               frozenset({"Explosions/Remote violence", "Violence against civilians"}),
               frozenset({"Battles", "Violence against civilians"})}


def _elsewhere(m: Mention, s: _Sent) -> bool:
    """A sentence that tells another kind of happening somewhere else the same day is a new one:
    an arrest in one city is not the air strike in another."""
    if s.cls is None or s.cls.event_type == m.event_type:
        return False
    if frozenset({s.cls.event_type, m.event_type}) not in _TYPE_PAIRS:
        return True
    mine = {p.area for p in m.places if p.feature != "country"} - {None}
    theirs = {p.area for p in s.places if p.feature != "country"} - {None}
    return bool(mine and theirs and not mine & theirs)


def _overlaps(m: Mention, s: _Sent) -> bool:
    if m.date is None or s.date is None:
        return m.date is None and s.date is None
    one = timedelta(days=1)
    return m.date - one <= (s.date_end or s.date) and s.date <= (m.date_end or m.date) + one


def _same_time(m: Mention, s: _Sent) -> bool:
    a0, a1 = m.date, m.date_end or m.date
    b0, b1 = s.date, s.date_end or s.date
    if a0 is None or b0 is None:
        return a0 is None and b0 is None  # an undated article: its happenings are told without time
    if m.date_precision == "day" and s.precision == "day":
        return a0 <= b1 and b0 <= a1
    return a0 - timedelta(days=1) <= b1 and b0 <= a1 + timedelta(days=1)


def _new_mention(s: _Sent) -> Mention:
    m = Mention(event_type=s.cls.event_type, sub_event_type=s.cls.sub_event_type, date=s.date,
                date_end=s.date_end, date_precision=s.precision, historical=s.historical,  # type: ignore[arg-type]
                start=s.start, end=s.end)
    return m


def _extend(m: Mention, s: _Sent, w: dict[tuple[str, str | None], float], first: bool = False) -> None:
    """Add a sentence to a mention: better dates, the type most confidently told, places, actors."""
    key = (s.cls.event_type, s.cls.sub_event_type)
    w[key] = w.get(key, 0.0) + s.cls.score
    if not first:
        if PRECISION_RANK.get(s.precision, 9) < PRECISION_RANK.get(m.date_precision, 9):
            m.date, m.date_end, m.date_precision = s.date, s.date_end, s.precision  # type: ignore[assignment]
        elif s.precision == m.date_precision == "day" and s.date and m.date:
            lo = min(m.date, s.date)
            hi = max(m.date_end or m.date, s.date_end or s.date)
            m.date, m.date_end = lo, (hi if hi > lo else None)
        m.event_type, m.sub_event_type = max(w.items(), key=lambda kv: kv[1])[0]
    for p in s.places:
        m.places.append(p)
    for iso in [c for _, _, c in countries_in(s.text)] + [p.country for p in s.places if p.country]:
        if iso and iso not in m.countries:
            m.countries.append(iso)
    a1, a2 = _actors(s)
    if a1 and not m.actor1:
        m.actor1 = a1
    if a2 and not m.actor2 and a2 != m.actor1:
        m.actor2 = a2


def _locate(m: Mention, side_places: list[Place]) -> None:
    """The mention's place: the area named most often with it (places in sentences that only comment
    on it count less), inside that area the most precise place; its country the country of that place,
    else the most named country."""
    rank = {"populated place": 1, "admin2": 2, "admin1": 3, "other": 2, "country": 4}
    cands = [p for p in m.places if p.latitude is not None]
    side = [p for p in side_places if p.latitude is not None]
    if cands or side:
        weight = {id(p): 1.0 for p in cands} | {id(p): 0.4 for p in side}
        groups: dict[tuple, list[Place]] = {}
        for p in cands + side:
            key = (p.country, p.area) if p.feature != "country" else (p.country, None)
            groups.setdefault(key, []).append(p)
        area = max(groups.values(), key=lambda ps: (sum(weight[id(p)] for p in ps if rank.get(p.feature, 5) < 4),
                                                    len(ps), -min(rank.get(p.feature, 5) for p in ps)))
        m.places.extend(side)
        best = min(area, key=lambda p: (rank.get(p.feature, 5), p.start))
        m.location, m.latitude, m.longitude = best.name, best.latitude, best.longitude
        m.country, m.admin1 = best.country, best.area if best.feature != "country" else None
        m.geo_precision = {1: 1, 2: 2, 3: 3, 4: 3}.get(rank.get(best.feature, 5), 3)
    elif m.countries:
        m.country = m.countries[0]


_ACTOR_NOUN = re.compile(r"\b(?P<c>[A-Z][\w-]+)\s+(?:(?:special|armed|military|border|security|government|"
                         r"ground)\s+)?(?P<n>troops|forces|army|military|soldiers|servicemen|units|border guards|"
                         r"police|militants|rebels|drones|aircraft|warplanes|artillery)\b")
_OF_ACTOR = re.compile(r"\b(?P<n>troops|forces|army|military|soldiers|servicemen|units|armed forces|group)\s+of\s+"
                       r"(?:the\s+)?(?P<c>[A-Z][\w-]+)(?:\s+(?:armed forces|army|military))?")


def _actors(s: _Sent) -> tuple[str | None, str | None]:
    """Actors as 'Military Forces of <country>', actor1 the one acting (subject before the trigger)."""
    found: list[tuple[int, str]] = []
    for pat in (_ACTOR_NOUN, _OF_ACTOR):
        for m in pat.finditer(s.text):
            iso = countries_in(m.group("c"))
            if iso:
                kind = "Police Forces" if m.group("n") == "police" else "Military Forces"
                found.append((m.start(), f"{kind} of {country_name(iso[0][2])}"))
    found.sort()
    names = []
    for _, n in found:
        if n not in names:
            names.append(n)
    if not names:
        return None, None
    # passive voice ("were captured by X troops"): the agent acts
    by = re.search(r"\bby\s+(?:the\s+)?(?P<c>[A-Z][\w-]+)", s.text)
    if by:
        iso = countries_in(by.group("c"))
        if iso:
            for n in names:
                if n.endswith(country_name(iso[0][2]) or iso[0][2]):
                    others = [x for x in names if x != n]
                    return n, (others[0] if others else None)
    return names[0], (names[1] if len(names) > 1 else None)


def _is_agent(doc: Doc, p: Place) -> bool:
    """A place name that is the subject of a verb ("Moscow ordered", "Baku does not confirm") names
    a government acting, not where something happened."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX")


_ACCUSED = re.compile(r"\bby (?:the )?(?P<a>[A-Z][\w-]+) (?:army|armed forces|forces|troops|military)|"
                      r"\b(?P<b>[A-Z][\w-]+)['’]s (?:intervention|attack|aggression|incursion|invasion|involvement)")


def _accused_speaker(s: _Sent, att: Attribution, sources: list[Source]) -> Attribution:
    """A denial that 'the ministry' made, about what country X's forces did, is X's ministry's
    denial when X's ministry spoke before: the accused deny."""
    if att.source.country or not re.search(r"\bthe (ministry|statement|government)\b", s.text):
        return att
    m = _ACCUSED.search(s.text)
    if not m:
        return att
    accused = countries_in(m.group("a") or m.group("b") or "")
    if not accused:
        return att
    iso = accused[0][2]
    kind_word = att.source.name.split(" of ")[0]
    for src in reversed(sources):
        if src.country == iso and src.name.split(" of ")[0].startswith(kind_word.split()[0]):
            return replace(att, source=src)
    return att


def _claims(sents: list[_Sent], mentions: list[Mention], side: dict[int, list[Place]]) -> list[Claim]:
    claims: list[Claim] = []
    ctx_sources: list[Source] = []
    last_mention: int | None = None
    last_fields: dict = {}
    for s in sents:
        att = s.att
        if att is None:
            continue
        if att.explicit and att.source not in ctx_sources:
            ctx_sources.append(att.source)
        mention = s.mention
        # a sentence that only comments ("Baku does not confirm this information", "He said the
        # number was being verified") is about the happening just told
        if (mention is None and last_mention is not None
                and s.historical == mentions[last_mention].historical
                and (s.counts or att.explicit or att.stance != "asserted" or OPEN_ENDED.search(s.text))):
            mention = last_mention
            if not s.extras.get("inherited") and not _overlaps(mentions[last_mention], s):
                # its own date says it is about another happening told in the article, if any
                mention = next((i for i in reversed(range(len(mentions))) if _overlaps(mentions[i], s)
                                and mentions[i].historical == s.historical), None)
        if mention is None:
            continue
        if s.mention is None:
            # places in sentences that only comment on a happening count, but less
            side.setdefault(mention, []).extend(p for p in s.places if p not in mentions[mention].places)
        content = s.text[max(0, att.content_start - s.start) :]
        if att.stance == "denied":
            att = _accused_speaker(s, att, ctx_sources)
        speaker = att.source.country
        fields = claim_fields(content, speaker, s.places)
        counts = [_resolve_side(c, speaker, mentions[mention]) for c in s.counts]
        anaphoric = bool(_ANAPHOR.search(s.text)) and not fields and not counts
        if anaphoric and s.mention is None and last_fields:
            fields = dict(last_fields)
        if not counts and anaphoric and last_fields:
            fields = dict(last_fields)
        if not counts and OPEN_ENDED.search(s.text):
            # "The toll could rise." / "this is not the final figure": the figure just given is open-ended
            for kind, v in last_fields.items():
                if kind in ("killed", "wounded", "captured", "missing", "displaced") and isinstance(v, dict):
                    fields[kind] = {**v, "open_ended": True}
        first = True
        for c in counts or [None]:
            f = dict(fields)
            if c is not None:
                f[c.kind] = c.as_field()
            if not f and att.source.kind == "outlet" and s.mention is None:
                continue
            if not first and not f:
                continue
            stance = att.stance
            if (c is not None and stance == "denied" and att.content_end is not None
                    and not att.content_start <= s.start + c.start < att.content_end):
                # "X denied that the town had fallen, saying it had killed dozens": the figure is
                # outside what is denied, so it is asserted
                stance = "asserted"
            claims.append(Claim(start=s.start, end=s.end, text=s.text, source=att.source, stance=stance,  # type: ignore[arg-type]
                                fields=f, mention=mention))
            first = False
        # what the next "this information" / "the reports" refers to: this sentence's assertions
        last_fields = {}
        for c in claims:
            if c.start == s.start:
                last_fields.update({k: v for k, v in c.fields.items() if k not in ("territory", "location")})
        last_mention = mention
    return claims


def _resolve_side(c: CountFact, speaker: str | None, m: Mention) -> CountFact:
    if c.side is None and c.side_hint and speaker:
        if c.side_hint == "own":
            c.side = speaker
        elif c.side_hint == "enemy":
            others = [x for x in m.countries if x != speaker]
            c.side = others[0] if others else None
    return c
