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

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from rashomon.model import (
    COUNT_KINDS,
    FAMILY,
    PRECISION_RANK,
    Actor,
    Claim,
    ClaimFields,
    Document,
    Mention,
    Place,
    Reading,
    Source,
    Stance,
    as_count_kind,
    as_precision,
)
from rashomon.read.actors import Party, count_party, find_parties, initiator_party, mention_actors
from rashomon.read.attribution import Attribution, attribute, is_reporting_verb, people_in, quote_spans
from rashomon.read.classify import EventClass, classify_sentences, trigger_weight
from rashomon.read.countries import countries_in, country_code, is_country_name
from rashomon.read.counts import (
    _NUM,
    FATAL_CUE,
    OPEN_ENDED,
    CountFact,
    find_counts,
    parse_number,
    same_victims_died,
)
from rashomon.read.fields import claim_fields
from rashomon.read.nlp import get_nlp
from rashomon.read.places import DEMONYM_PREFIX, reference_points
from rashomon.read.sources import SourceContext, normalise, outlet_source
from rashomon.read.speaker import layout_of
from rashomon.timex import TimeRef, find_times

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
_ASIDES = re.compile(r"(?=[wsohtd])(?:\b(?:who|which)\s+(?:asked|requested|spoke|declined)\s+(?:not\s+to\s+be\s+(?:named|identified)|"
                     r"on\s+condition\s+of\s+anonymity|anonymously|to\s+be\s+identified)[^,.;]*|"
                     r"\b(?:speaking\s+)?on\s+condition\s+of\s+anonymity\b|"
                     # what a person once did, told to plead for him: "whose only crime was a protest"
                     r"\b(?:whose|his|her|their)\s+['‘“\"]?(?:sole|only)\s+(?:act|crime|offen[cs]e)\s+(?:was|is)\s[^,.;]*)", re.I)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


_ANAPHOR = re.compile(r"(?=[tbdrc])(?:\b(this|that|these|those) (information|report|reports|claim|claims|news|"
                      r"allegations?|figures?|numbers?)\b|\b(the|these|both) (figures|numbers|claims|reports|"
                      r"accounts|tolls?|casualty figures)\s+(could|can|cannot|have|has|were|was|are|is)\b|\b(dismissed|denied|rejected|refuted) the (reports?|claims?|accusations?|"
                      r"allegations?)\b|\b(confirmed|denied|does not confirm|did not confirm) (it|this|that)(?=\s*(?:[.,;]|$))|"
                      r"\b(the|this|that|its|their) (claim|report|account|figure|toll|video|footage|statement)\s+"
                      r"(could|can|cannot|has|was|is)\b)", re.I)
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
    date: dt.date | None = None
    date_end: dt.date | None = None
    precision: str = "day"
    historical: bool = False
    mention: int | None = None
    paragraph: int = 0
    extras: dict = field(default_factory=dict)


def _sentences(doc: Doc, text: str) -> Iterator[tuple[int, int]]:
    """spaCy's sentences of ``text`` (the doc's text: ``doc.text`` would rebuild it token by token),
    also cut at line breaks (a paragraph never continues a sentence) and at semicolons outside
    quotations, which join clauses that each have their own speaker ("media report that 63 soldiers
    were killed; the government did not confirm the toll"). Two apostrophes that open a quotation
    (''...'') go with the sentence they open, not the one before, where the parser leaves them."""
    carry: int | None = None
    head: tuple[int, int] | None = None  # a date heading the sentence after it ("10/15/2001:")
    for a, b in _split_sentences(doc, text):
        if carry is not None and not text[carry + 2 : a].strip() and "\n" not in text[carry:a]:
            a = carry
        carry = None
        if head is not None:
            if "\n" in text[head[1] : a]:
                yield head  # on a line of its own, it stays a sentence of its own
            else:
                a = head[0]
            head = None
        piece = text[a:b]
        if _date_heading(piece):
            head = (a, b)
            continue
        if piece.endswith(_OPENING_APOSTROPHES) and (len(piece) == 2 or piece[-3].isspace()):
            carry = b - 2
            b = a + len(piece[:-2].rstrip())
            if b <= a:
                continue
        yield a, b
    if head is not None:
        yield head


_OPENING_APOSTROPHES = "''"


def _date_heading(piece: str) -> bool:
    """A piece that is only a date heading what follows ("10/15/2001:", "Monday, June 27:")."""
    if not piece.rstrip().endswith(":"):
        return False
    times = find_times(piece, None)
    rest = piece
    for t in times:
        rest = rest[: t.start_char] + " " * (t.end_char - t.start_char) + rest[t.end_char :]
    return bool(times) and not re.search(r"\w", rest)


def _split_sentences(doc: Doc, text: str) -> Iterator[tuple[int, int]]:
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
    cuts = [i + 1 for i in range(a, b) if text[i] == ";" and not any(q0 < i < q1 for q0, q1 in quotes)]
    cuts = sorted(set(cuts) | set(_speaker_turns(doc, a, b, quotes)))
    if not cuts:
        yield a, b
        return
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


_CONTRAST = {"but", "while", "whereas", "although", "though", "yet"}


def _speaker_turns(doc: Doc, a: int, b: int, quotes: list[tuple[int, int]]) -> list[int]:
    """Where a second speaker takes over inside one sentence: a conjoined reporting verb with a subject
    of its own ("The minister said four were hurt, | but the prosecutor later clarified that there were two"),
    or the main one after a reporting clause set before it ("While one agency says ten died, | another
    says twelve")."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return []
    out = []
    for tok in span:
        if tok.dep_ not in ("conj", "advcl") or not is_reporting_verb(tok):
            continue
        start = _turn_after(tok) if tok.head.i < tok.i else _turn_before(tok)
        if start is not None and not any(q0 < start.idx < q1 for q0, q1 in quotes) and a < start.idx < b:
            out.append(start.idx)
    return out


_NOT_SPEAKER_SUBJECT = {"it", "that", "this", "which", "who"}


def _own_subject(verb: Token) -> Token | None:
    """The subject a reporting verb has before it, when it can name a speaker."""
    subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    return subj[0] if subj and subj[0].lower_ not in _NOT_SPEAKER_SUBJECT else None


def _turn_after(tok: Token) -> Token | None:
    """Where a reporting verb conjoined to (or subordinate to) an earlier verb takes over: its "but",
    "while", "whereas", or its subject after a comma."""
    subj = _own_subject(tok)
    if subj is None:
        return None
    first = subj.left_edge
    if tok.dep_ == "conj":
        links = [c for c in tok.head.children if c.dep_ == "cc" and tok.head.i < c.i < first.i]
    else:  # "..., while a Lebanese security official said ..."
        links = [c for c in tok.children if c.dep_ == "mark" and c.i < first.i and c.lower_ in _CONTRAST]
        if not links:
            return None
    start = links[-1] if links else first
    # "but", "while", "whereas" turn to another speaker by themselves; anything else after a comma
    if start.i == 0 or (tok.doc[start.i - 1].text != "," and start.lower_ not in _CONTRAST):
        return None
    return start


def _turn_before(tok: Token) -> Token | None:
    """Where the main reporting verb takes over from a reporting clause set before it, each with a
    subject of its own ("After the mayor said ..., | the governor denied it"): the first word after
    the clause and its comma."""
    head = tok.head
    subj, head_subj = _own_subject(tok), _own_subject(head)
    if subj is None or head_subj is None or not is_reporting_verb(head) or subj.lower_ == head_subj.lower_:
        return None
    end = tok.right_edge.i + 1
    if end >= len(tok.doc) or tok.doc[end].text != ",":
        return None
    nxt = tok.doc[end + 1] if end + 1 < len(tok.doc) else None
    return nxt if nxt is not None and nxt.i <= head_subj.left_edge.i else None


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
    named = [p for p in places if not (p.gazetteer_id or "").startswith(DEMONYM_PREFIX)]  # not "Russian"
    refs = reference_points(named, text)  # "Y" in "X, 30 miles south of Y"
    event_places = [p for p in named if not any(a <= p.start < b for a, b in datelines) and p.start not in refs
                    and not _is_agent(sdoc, p) and not _where_said(sdoc, p)]
    bounds = list(_sentences(sdoc, text))
    spans = [sdoc.char_span(a, b, alignment_mode="expand") for a, b in bounds]
    # a statement is something a source says (a claim), not a happening of its own
    paragraphs = _paragraphs(text, bounds)
    classes = [None if c is not None and c.sub_event_type == "Statement" else c
               for c in classify_sentences([_ASIDES.sub(_blank, text[a:b]) for a, b in bounds], paragraphs)]
    sents: list[_Sent] = []
    for (a, b), span, cls, para in zip(bounds, spans, classes, paragraphs, strict=True):
        assert span is not None  # "expand" always finds the tokens inside a sentence's bounds
        st = text[a:b]
        sents.append(_Sent(span=span, start=a, end=b, text=st, cls=cls, times=[],
                           counts=find_counts(st, span, a), places=[p for p in event_places if a <= p.start and p.end <= b],
                           paragraph=para))
    _wounded_who_died(sents)
    main_country = _main_country(text, named)
    ctx = SourceContext(outlet=outlet_source(document.outlet, document.url, document.title, document.source),
                        default_country=main_country, people=people_in(sdoc),
                        layout=layout_of(text, [a for a, _ in bounds]))
    _attribute(sents, ctx, text)
    _date(sents, pub, document.year_known)
    mentions = _mentions(sents, pub)
    _told_in_passing(mentions, sents, pub)
    side: dict[int, list[Place]] = {}  # places of sentences that only comment on a mention
    claims = _claims(sents, mentions, side)
    # a mention whose sentences name no place: the article's event places, then its other places
    elsewhere = [p for p in named if p not in event_places]
    filed = [p for p in elsewhere if any(a <= p.start < b for a, b in datelines)]
    for i, m in enumerate(mentions):
        _locate(m, side.get(i, []), event_places, elsewhere, filed)
        m.date_inferred = _date_inferred(m, [s for s in sents if s.mention == i], document)
    _parties(sents, mentions, claims, main_country)
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


def _date_inferred(m: Mention, told: list[_Sent], document: Document) -> bool:
    """A mention's date is a reasoned guess when it rests on an inferred publication date or an inferred
    year: false where a sentence telling it states the date with its year ("on May 3, 2021"), or where
    it is read against a publication date that was given (metadata)."""
    if m.date is None:
        return False
    if any(s.extras.get("year_given") and s.date == m.date for s in told):
        return False
    return document.published_inferred or not document.year_known


def _wounded_who_died(sents: list[_Sent]) -> None:
    """A single victim told wounded in one sentence and dead in another is one of the dead."""
    fatal = any(FATAL_CUE.search(s.text) for s in sents)
    sentence = {id(f): i for i, s in enumerate(sents) for f in s.counts}
    keep = {id(f) for f in same_victims_died([f for s in sents for f in s.counts], fatal, sentence)}
    for s in sents:
        s.counts = [f for f in s.counts if id(f) in keep]


def _main_country(text: str, places: list[Place]) -> str | None:
    """The country an article is mostly about: its places' and country words' most frequent country,
    when one clearly leads."""
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
    labels = _line_speakers(text)
    for s in sents:
        ctx.previous_country = prev_country
        s.att = _labelled(attribute(s.span, ctx, None, quotes), s, labels.get(text.rfind("\n", 0, s.start) + 1),
                          quotes, ctx)
        inside = [q for q in quotes if q[0] <= s.start < q[1] or s.start <= q[0] < s.end]
        intro = _note_speaker(s, s.att, inside + _tagged(s, s.att, quotes, text), ctx, speakers, intro)
        for q in inside:
            if q not in speakers and intro is not None and q[0] >= s.start:
                speakers[q] = intro
        c = countries_in(s.text)
        prev_country = c[0][2] if c else None
        ctx.last_country = c[-1][2] if c else ctx.last_country
    _quoted(sents, quotes, speakers)


def _labelled(att: Attribution, s: _Sent, label: str | None, quotes: list[tuple[int, int]],
              ctx: SourceContext) -> Attribution:
    """A line its speaker labels ("PENCE: Well, ...") is that speaker's, unless the sentence names
    another speaker outside a quotation."""
    if label is None or _LABEL_ONLY.fullmatch(s.text):
        return att
    if att.explicit and (att.verb_char is None or not any(q[0] < att.verb_char < q[1] for q in quotes)):
        return att
    src = ctx.persons.get(label) or Source(label, None, "person")
    return Attribution(src, att.stance, True, s.start)


def _note_speaker(s: _Sent, att: Attribution, inside: list[tuple[int, int]], ctx: SourceContext,
                  speakers: dict[tuple[int, int], Source], intro: Source | None) -> Source | None:
    """Remember who a sentence (attributed ``att``) names as speaker, as the speaker of the quotations
    it opens or closes; return the speaker introduced for the quotations that follow (a line
    "Journalist X:")."""
    if att.verb_char is not None and any(q[0] < att.verb_char < q[1] for q in inside):
        # "we ... state that" inside a quotation: the quotation's speaker says it
        s.extras["quoted_verb"] = True
    elif att.explicit:
        ctx.remember(att.source)
        for q in inside:
            speakers.setdefault(q, att.source)
    elif s.text.rstrip().endswith(":") and len(s.text) < 120:
        # a speaker introduced on a line of its own: "Russian military journalist X:"
        named = normalise(s.text.rstrip(" :"), ctx, [e.text for e in s.span.ents if e.label_ == "PERSON"])
        if named is not None and named.kind != "outlet":
            ctx.remember(named)
            return named
    return intro


def _tagged(s: _Sent, att: Attribution, quotes: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """The quotation a sentence tags when it only names who spoke, right after the quotation closes
    ('"How big is that wall going to be?" | Pence said in response.'): a reporting verb without a
    clause of its own."""
    if not att.explicit or att.verb_char is None or att.content_end is not None or att.content_start != s.start:
        return []
    return [q for q in quotes if q[1] <= s.start and text[q[1] : s.start].strip(" ") == ""]


def _quoted(sents: list[_Sent], quotes: list[tuple[int, int]], speakers: dict[tuple[int, int], Source]) -> None:
    """A sentence inside a quotation, with no speaker of its own, is the quotation's speaker's: the one
    named where it opens or closes, else the source named last before it."""
    for s in sents:
        if s.att is None or (s.att.explicit and not s.extras.get("quoted_verb")):
            continue
        q = next((q for q in quotes if q[0] <= s.start + 1 and s.end <= q[1] + 2), None)
        if q is None:
            continue
        speaker = speakers.get(q)
        if speaker is None:
            before = [t.att.source for t in sents if t.end <= q[0] + 1 and t.att and t.att.explicit]
            speaker = before[-1] if before else None
        if speaker is not None:
            s.att = Attribution(speaker, s.att.stance, True, s.start)


# "PENCE: Well, the question ..." (a transcript's speaker label) and "“...” ― Karen Bobadilla" (a quote
# signed after a dash, as in vox pops)
_LABEL = re.compile(r"^[\"“']?(?P<name>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2}):\s+\S")
_HEADLINE_SPEAKER = re.compile(r"^(?P<name>[A-Z][a-z][\w.'-]*(?: [A-Z][\w.'-]+){0,3}):\s+\S")
_RUBRICS = {"UPDATE", "UPDATED", "CORRECTION", "EXCLUSIVE", "BREAKING", "WATCH", "VIDEO", "PHOTOS", "LIVE",
            "OPINION", "ANALYSIS", "EDITORIAL", "REVIEW", "FACT", "EXPLAINER", "REPORT"}
_LABEL_ONLY = re.compile(r"[\"“']?[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2}:")
_SIGNED = re.compile(r"[”\"]\s*[―—–]\s*(?P<name>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})\s*$")


def _line_speakers(text: str) -> dict[int, str]:
    """Line start -> the speaker the line itself names: a label that opens two lines or more (one
    opening a single line is a rubric: "UPDATE:", "EXCLUSIVE:"), or a name signing the line's quote."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line.strip()))
        pos += len(line) + 1
    found = [(p, m.group("name")) for p, line in lines if (m := _LABEL.match(line))]
    counts = Counter(n for _, n in found)
    out = {p: n.title() for p, n in found if counts[n] >= 2}
    head = next(((p, line) for p, line in lines if line), None)
    m = _HEADLINE_SPEAKER.match(head[1]) if head else None
    if head and m and m.group("name").split()[0].upper() not in _RUBRICS and not countries_in(m.group("name")):
        out[head[0]] = m.group("name")  # a headline "Pat Caddell: Voters Worried About ..." quotes its speaker
    for p, line in lines:
        m = _SIGNED.search(line.replace("\xa0", " "))
        if m:
            out[p] = m.group("name")
    return out


def _date(sents: list[_Sent], pub: date | None, year_known: bool = True) -> None:
    """Each sentence's date: its own time expression, else the narrative time (the last date the
    article gave before it), else the document's lead (the first dated event sentence, or the
    publication date). A day whose year the text states ("4/9/2000") is not judged old against a
    publication date whose year is only a guess (``year_known`` false)."""
    lead: tuple[date, date | None, str] | None = None
    anchor: date | None = None
    for s in sents:
        # "the same day", "the day before" are read against the last day the article named
        s.times = find_times(s.text, pub, anchor=anchor)
        days = [t.date for t in s.times if t.precision == "day"]
        if days:
            anchor = days[-1]
    _share_times(sents)
    lead_given = False  # whether the lead's year is stated in the text (not the publication's)
    for s in sents:
        t = _event_time(s)
        if t and s.cls is not None:
            lead, lead_given = (t.date, t.date_end, t.precision), t.year_given
            break
    if lead is None:  # no sentence telling a happening has a time: the first day the article names
        # ("a boy dies in shooting" ... "police responded around noon Monday")
        t = next((t for s in sents if (t := _event_time(s)) is not None and t.precision == "day"
                  and not _is_historical_day(t.date, pub)), None)
        if t is not None:
            lead, lead_given = (t.date, t.date_end, t.precision), t.year_given
    if lead is None and pub is not None:
        lead = (pub, None, "day")
    current: tuple[date, date | None, str] | None = None
    current_given = False
    heading = False  # the sentence before is a date alone ("10/15/2001:"), which heads this one
    for s in sents:
        t = _event_time(s)
        if t:
            s.date, s.date_end, s.precision = t.date, t.date_end, t.precision
            s.extras["year_given"] = t.year_given
            if t.precision != "year":
                current, current_given = (t.date, t.date_end, t.precision), t.year_given
        elif carried := current or lead:
            # a date carried over from earlier sentences is only known to within about a week
            s.date, s.date_end, s.precision = carried
            s.extras["year_given"] = current_given if current else lead_given
            s.extras["inherited"] = True
            if s.precision == "day" and not heading:
                s.precision = "week"
        heading = t is not None and _date_alone(s.text, t)
        if s.precision == "day" and s.date_end and s.date_end == s.date:
            s.date_end = None
        stated_day = s.precision in ("day", "week") and s.extras.get("year_given")  # or carried from one
        s.historical = _is_historical(s, pub if year_known or not stated_day else None)


def _date_alone(text: str, t: TimeRef) -> bool:
    """Whether a sentence is only a date heading what follows ("10/15/2001:", "Monday, June 27:")."""
    return not re.search(r"\w", text[: t.start_char] + text[t.end_char :])


def _is_historical_day(d: date, pub: date | None) -> bool:
    return pub is not None and (pub - d).days > HISTORICAL_DAYS


def _share_times(sents: list[_Sent]) -> None:
    """A clause cut from its sentence (at a semicolon or a second speaker) with no time of its own has
    the times of the rest of its sentence: "the girl was shot | while he was showing off a gun Monday
    night, officials said" happened on Monday."""
    by_sentence: dict[int, list[_Sent]] = {}
    for s in sents:
        if s.span is not None:
            by_sentence.setdefault(s.span.sent.start_char, []).append(s)
    for group in by_sentence.values():
        for s in group:
            if s.times or len(group) < 2:
                continue
            end = len(s.text)
            s.times = [replace(t, start_char=end, end_char=end) for o in group if o is not s for t in o.times
                       if t.precision == "day" and not _reports(o.text, t)
                       and not (o.cls and o.cls.trigger and _names_other(o, t, o.cls.trigger))]


# a time that dates a later act of the story rather than the happening: a report ("reported on May 16"), or
# the naming of who was involved or the charges brought ("announced charges Sunday", "on Monday identified")
_REPORT_TIME = re.compile(r"\b(?=[rsatwcin])(reported|said|announced(?:\s+charges)?|stated|told|wrote|claimed|confirmed|added|"
                          r"identified|named)\s+(later\s+)?(on\s+|in\s+)?$", re.I)
_REPORT_AFTER = re.compile(r"^,?\s*(?:identified|named|announced|said|confirmed|released)\b", re.I)


def _reports(text: str, t: TimeRef) -> bool:
    """Whether this time dates a report or a later act of the story, not the happening told."""
    return bool(_REPORT_TIME.search(text[: t.start_char]) or _REPORT_AFTER.match(text[t.end_char :]))


# a death that came a while after the happening told: "was rushed to hospital but died the next day"
_DIED_BEFORE = re.compile(r"\b(?:died|succumbed)\b[^.;]{0,40}$", re.I)
_LATER = re.compile(r"\b(?:next|following|later)\b", re.I)


# "succumbed to his injuries on <day>": the day a victim of the happening died of it, after it
_DIED_OF_WOUNDS = re.compile(r"\b(?:died|succumbed)\s+(?:of|from|to)\s+(?:his|her|their|the)\s+(?:[\w-]+\s+)?"
                             r"(?:injuries|wounds|injury|wound)\b[^.;]{0,25}$", re.I)


def _later_death(text: str, t: TimeRef) -> bool:
    """Whether this time tells when a victim died some time after the happening, which it does not date."""
    before = text[: t.start_char]
    return bool((_LATER.search(t.text) and _DIED_BEFORE.search(before)) or _DIED_OF_WOUNDS.search(before))


_SINCE = re.compile(r"\b(?:since|ever since)\s+$", re.I)  # "since early 2004": when a period began, not a happening


def _event_time(s: _Sent) -> TimeRef | None:
    """The time expression that dates the event (not a 'since', and not a bare year in a name).
    A time that dates a report ("reported on May 16") only bounds the happening: week precision."""
    cands = [t for t in s.times if not _SINCE.search(s.text, 0, t.start_char) and not re.match(r"since\b", t.text, re.I)
             and not _later_death(s.text, t)]
    if s.cls is None:
        # "a fire broke out in a town devastated by last month's blast": in a sentence that tells no
        # happening of its own, a possessive time names another one and does not move the story's time
        cands = [t for t in cands if not re.match(r"['’]s?\b", s.text[t.end_char :])]
    if not cands:
        return None
    cands = [TimeRef(t.start_char, t.end_char, t.text, t.date, t.date_end, "week", t.year_given)
             if t.precision == "day" and _reports(s.text, t) else t for t in cands]
    if s.cls and s.cls.trigger:
        trig = s.cls.trigger[0]
        # "related to contaminations following the September 11, 2001 attacks": a date naming another
        # happening by its noun is not the time of the one the sentence tells
        cands = [t for t in cands if not _names_other(s, t, s.cls.trigger)]
        if not cands:
            return None
        best = min(cands, key=lambda t: (t.precision != "day", abs(t.start_char - trig)))
    else:
        best = min(cands, key=lambda t: (t.precision != "day", t.start_char))
    return _within(best, cands)


def _within(best: TimeRef, cands: list[TimeRef]) -> TimeRef:
    """A span of days narrowed to a day the sentence also names inside it ("05/04/2001: between May 3
    and 7 ...", "over the weekend, on Sunday"): the day is the more exact telling."""
    if best.precision != "day" or best.date_end is None or best.date_end == best.date:
        return best
    inside = [t for t in cands if t.precision == "day" and best.date <= t.date
              and (t.date_end or t.date) <= best.date_end and (t.date_end or t.date) - t.date < best.date_end - best.date]
    return min(inside, key=lambda t: ((t.date_end or t.date) - t.date, t.start_char), default=best)


_NOUN_MODIFIER = frozenset({"nmod", "compound", "amod", "nummod", "poss"})


def _attributive(s: _Sent, t: TimeRef) -> bool:
    """The time stands before a noun and names its happening: "the August 9 election", "the Sept. 11
    announcement of the deal" (not "elections were held on August 9")."""
    span = s.span.doc.char_span(s.start + t.start_char, s.start + t.end_char, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.head.i >= span.end and root.head.pos_ in ("NOUN", "PROPN") and root.dep_ in _NOUN_MODIFIER


def _names_other(s: _Sent, t: TimeRef, trigger: tuple[int, int]) -> bool:
    """A calendar date with its year that names, by the noun it stands before, a happening other than
    the one the sentence's trigger tells ("the September 11, 2001 attacks" beside "contaminations")."""
    if not (t.year_given and t.precision == "day"):
        return False
    noun = _NOUN_AFTER.match(s.text, t.end_char)
    return noun is not None and trigger_weight(noun.group(0)) > 0 and not t.end_char <= trigger[0] < noun.end()


_NOUN_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*(?=\s+(?:on|in|at|against|of|that|which)\b|[,.;]|$)")


def _names_by_date(s: _Sent, t: TimeRef) -> bool:
    """A calendar date naming a happening by a noun ("the Sept. 11 announcement", "the August 9 vote"):
    a happening referred to, not told (news of the last days names its weekday: "Friday's attack")."""
    return t.precision == "day" and any(c.isdigit() for c in t.text) and _attributive(s, t)


def _dated_in_passing(s: _Sent) -> bool:
    """The sentence's date names another happening by a noun: the happening is referred to, not told."""
    t = _event_time(s)
    return t is not None and _names_by_date(s, t)


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
# "the hospital is regularly attacked", "a series of attacks over the past three years", "the fifth such
# shooting since 2013" (but "for the first time since 2012" tells a happening as news)
_GENERIC = re.compile(r"\b(?=[rfoutsdawi])(?:regularly|frequently|often|routinely|usually|typically|"
                      r"(?:a |the )?(?:series|spate|wave|string) of|over the (?:past|last) (?:\w+ )?(?:years|months|decades?)|"
                      r"in recent (?:years|months|weeks)|(?:has|have) (?:recently )?(?:intensified|stepped up|escalated)|"
                      r"(?:decade|years)-long|since (?:it|they) (?:began|started)|(?<!first time )(?<!first )since (?:early |late |mid-?)?(?:19|20)\d\d|"
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


# what a clause only supposes, fears, intends or denies, not a happening: "even if a murder had occurred",
# "the army could attack", "militants threatened to kill", "he faces no protests"
_SUPPOSED = re.compile(r"(?:(?:^|[,;:'\"‘“]\s*|\b(?:even|only|that|and|but)\s+)(?:if|unless)\b[^,;:.!?]*|\b(?-i:could|would|might|may|will|shall|should|must)\s+"
                       r"(?:not\s+|never\s+|also\s+|soon\s+)?(?:be\s+)?(?:\w+ly\s+)?|\b(?:threaten(?:s|ed|ing)?|vow(?:s|ed)?|"
                       r"plan(?:s|ned|ning)?|intend(?:s|ed)?|pledg(?:es|ed))\s+to\s+(?:\w+ly\s+)?)$", re.I)
_DENIED = re.compile(r"\b(?:no|nor|neither|never)\s+(?:[\w-]+\s+)?$", re.I)
# "there were no casualties", "no one was injured": the happening took place, with nobody hurt
_HARM = re.compile(r"(?:casualt|injur|death|dead|kill|wound|fatalit|victim|hurt)", re.I)
# "neither rocket caused any casualties", "no shell hurt anyone": what the denial denies is the harm the
# happening did, told right after its trigger
_HARMED_NOBODY = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:caused|resulted\s+in|left|hurt|injured|wounded|killed)\b"
                            r"(?:\s+(?:any|anyone|anybody))?", re.I)


# "308 officers have also suffered injuries", "two more were also killed": more casualties of what was just told
_ALSO_HARMED = re.compile(r"\b(?=[wihasd])(?:(?:were|was|have|has|had|are|is)\s+(?:also\s+been|been\s+also|also)\s+"
                          r"(?:killed|wounded|injured|hurt|hospitali[sz]ed)|also\s+(?:died|suffered|sustained))\b", re.I)
_ANOTHER_HAPPENING = re.compile(r"\b(?=[saeo])(?:separate|another|elsewhere|other (?:attacks?|incidents?|clashes))\b", re.I)


def _adds_casualties(s: _Sent) -> bool:
    """A sentence with no time of its own that adds figures to the happening just told ("A total of 30
    officers have also suffered injuries"): its casualties are that happening's, not a happening of
    their own (the claim goes to the happening just told), unless it says they were elsewhere."""
    return any(c.value for c in s.counts) and bool(_ALSO_HARMED.search(s.text)) \
        and not _ANOTHER_HAPPENING.search(s.text)


def _hypothetical(s: _Sent) -> bool:
    """The sentence's trigger stands in a supposed or intended happening, not one that took place."""
    trig = s.cls.trigger if s.cls else None
    if trig is None:
        return False
    before, after = s.text[: trig[0]], s.text[trig[1] :]
    harm_denied = bool(_HARM.match(s.text[trig[0] : trig[1]])) or _harmed_nobody(after)
    return bool(_SUPPOSED.search(before)) or (bool(_DENIED.search(before)) and not harm_denied)


def _nobody_harmed(s: _Sent) -> bool:
    """The sentence tells nothing happened but that nobody was harmed ("There were no casualties, and the
    shop reopened two days later"): its trigger is a denied harm and it names no happening of its own."""
    trig = s.cls.trigger if s.cls else None
    if trig is None or trigger_weight(s.text) > 0:
        return False
    return bool(_HARM.match(s.text[trig[0] : trig[1]])) and bool(_DENIED.search(s.text[: trig[0]]))


def _harmed_nobody(after: str) -> bool:
    """The words after a denied trigger deny the harm it did ("... caused any casualties", "... hurt anyone")."""
    m = _HARMED_NOBODY.match(after)
    return m is not None and (bool(_HARM.match(after[m.end() :].lstrip())) or bool(_HARM.search(m.group(0))))


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
        told = _time_told_of(mentions, s)
        if told is not None:
            m = mentions[told]
            m.date, m.date_end, m.date_precision = s.date, s.date_end, "day"
            continue  # what else it says is about that happening, as a sentence that comments on it
        if s.cls is None:
            continue
        inherited = s.extras.get("inherited", False)
        if inherited and s.cls.event_type == "Diplomacy" and mentions:
            # talks or calls mentioned in passing, with no time of their own, are context for the
            # happening being told, not a codable event
            s.cls = None
            continue
        if (inherited and _GENERIC.search(s.text)) or _hypothetical(s) or (inherited and mentions and _adds_casualties(s)):
            s.cls = None
            continue
        if mentions and _claims_back(s):
            s.cls = None  # a claim of a happening already told ("claimed responsibility for the arson")
            continue
        if mentions and s.cls and _nobody_harmed(s):
            # "there were no casualties, and the shop reopened two days later": the toll of the happening just
            # told, whose time the sentence's other clause does not move
            m = mentions[-1]
            s.date, s.date_end, s.precision, s.historical = m.date, m.date_end, m.date_precision, m.historical
            s.extras["inherited"] = True
            s.cls = EventClass(m.event_type, m.sub_event_type or s.cls.sub_event_type, 0.0, s.cls.trigger)  # no vote on the type
            s.mention = add(s, len(mentions) - 1)
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


# "The shooting happened on the 3300 block ... on June 22", "It occurred around 2 a.m. Tuesday": a sentence
# that tells when a happening already told took place
_TOLD_TIME = re.compile(r"^\W*(?:(?:the|this|that)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+|it)\s+(?:had\s+)?"
                        r"(?:happened|occurred|took\s+place|unfolded)\b", re.I)


_OTHER_CLAUSE = re.compile(r",?\s\b(?:who|which|whose|whom)\b", re.I)  # a relative clause of its own, with its own time


def _time_told_of(mentions: list[Mention], s: _Sent) -> int | None:
    """The mention whose time a sentence states ("The shooting happened ... on June 22"), if it does: the
    latest told of its own kind of happening (any, for "It happened ..."). That time is the happening's
    own, whatever later turn of the story (a ruling, a charge) dated it before."""
    told = _TOLD_TIME.match(s.text)
    if s.extras.get("inherited") or s.precision != "day" or s.date is None or told is None:
        return None
    t = _event_time(s)
    if t is not None and _OTHER_CLAUSE.search(s.text, told.end(), t.start_char):
        return None  # "This attack took place amid a manhunt for X, who had attacked on May 3": the time is X's
    live = [i for i in reversed(range(len(mentions))) if not mentions[i].historical]
    if s.cls is None:
        return next(iter(live), None)
    kind = s.cls.event_type
    return next((i for i in live if mentions[i].event_type == kind),
                next((i for i in live if FAMILY.get(mentions[i].event_type) == FAMILY.get(kind)), None))


PASSING_DAYS = 14  # a happening dated this long before publication, told once beside the news, is background


def _told_in_passing(mentions: list[Mention], sents: list[_Sent], pub: date | None) -> None:
    """Background told beside the article's news: a happening other than the lead, whose one sentence
    with a time of its own (others may go on telling it) gives a time over before publication: a day
    weeks earlier told as an aside ("weeks after the disaster on August 4") or a past week ("he said
    last week"). The lead (the
    article's first happening) stays news however old: a follow-up story tells its happening first."""
    if pub is None:
        return
    live = [i for i, m in enumerate(mentions) if not m.historical]
    for i in live[1:]:
        m = mentions[i]
        told = [s for s in sents if s.mention == i and not s.extras.get("inherited")]  # with a time of its own
        if len(told) != 1 or m.date is None:
            continue
        end = m.date_end or m.date
        if (m.date_precision == "day" and (pub - end).days > PASSING_DAYS and _aside(told[0], pub)) or (
            m.date_precision == "week" and end < pub and _past_week(told[0])
        ) or (m.date_precision == "day" and end < pub and _dated_in_passing(told[0])):
            m.historical = True


def _past_week(s: _Sent) -> bool:
    """The sentence's time is a week the text names ("last week", "two weeks ago"), not a day demoted
    to its week because it dates a report."""
    t = _event_time(s)
    return t is not None and t.precision == "week" and "week" in t.text.lower()


_SUBORDINATE = re.compile(r"\b(?:after|before|since|follow(?:s|ed|ing)?|when|as|amid|until)\b", re.I)


def _aside(s: _Sent, pub: date) -> bool:
    """Whether a sentence tells its dated happening beside another story: its date stands in a clause
    that hangs on something else ("comes weeks after the disaster on August 4", "as he arrived on
    August 23"), or the sentence also names a day of the news ("Today's blast follows..."). "On March 15,
    two guards were killed" tells its own happening."""
    t = _event_time(s)
    if t is None:
        return False
    near = any(abs((o.date - pub).days) <= PASSING_DAYS for o in s.times if o is not t)
    return near or bool(_SUBORDINATE.search(s.text[: t.start_char]))


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
            if m.date and s.date and m.date - timedelta(days=1) <= (s.date_end or s.date) \
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
    if not inherited and not same_kind and _refers_back(s):
        return _only_that_day(mentions, s)
    if same_kind or fallback is not None or not inherited or not _refers_back(s):
        return None if same_kind else fallback
    # "the execution", "the general's execution": a happening already told, whatever time was said since
    return next((i for i in reversed(range(len(mentions))) if mentions[i].historical == s.historical
                 and mentions[i].sub_event_type == cls.sub_event_type), None)


_CLAIMED = re.compile(r"\bresponsibility\s+for\s+(?:the|this|that|these|those|its|their)\s+(?:[\w'’-]+\s+){0,2}$", re.I)


def _claims_back(s: _Sent) -> bool:
    """The sentence's happening is one already told, whose responsibility someone claims: the claim is
    a later act, not the happening ("On May 3 the group claimed responsibility for the bombing")."""
    trig = s.cls.trigger if s.cls else None
    return trig is not None and bool(_CLAIMED.search(s.text[: trig[0]]))


def _only_that_day(mentions: list[Mention], s: _Sent) -> int | None:
    """The one happening told on the sentence's day, which a definite noun phrase dated that day ("today's
    blast", "Friday's attack") names whatever type each was read as; None when several were told then."""
    if s.precision != "day" or s.date is None or _dated_in_passing(s):
        return None  # "the protests began after the August 9 vote": the date is the vote's
    that_day = [i for i, m in enumerate(mentions) if m.historical == s.historical and m.date_precision == "day"
                and _same_time(m, s)]
    return that_day[0] if len(that_day) == 1 else None


_DEFINITE = re.compile(r"(?:\b(?:the|this|that|these|those|its|his|her|their)|['’]s)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _refers_back(s: _Sent) -> bool:
    """The sentence names its happening with a definite noun phrase ("the blast", "the general's execution")."""
    trig = s.cls.trigger if s.cls else None
    return trig is not None and bool(_DEFINITE.search(s.text[: trig[0]]))


def _happenings(s: _Sent) -> tuple[EventClass | None, _Sent | None]:
    """What a sentence's main clause tells, when a clause of its own tells something else ("X was
    executed on Saturday after being convicted of stabbing a guard during the 2018 protests"), and the
    other happening, as a sentence of its own, when that is another kind of violence told as news
    ("the blast came hours after two rockets were fired at the airport")."""
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
    a0, b0 = m.date, s.date
    if a0 is None or b0 is None:
        return a0 is None and b0 is None  # an undated article: its happenings are told without time
    a1, b1 = m.date_end or a0, s.date_end or b0
    if m.date_precision == "day" and s.precision == "day":
        return a0 <= b1 and b0 <= a1
    return a0 - timedelta(days=1) <= b1 and b0 <= a1 + timedelta(days=1)


def _new_mention(s: _Sent) -> Mention:
    cls = s.cls
    assert cls is not None
    m = Mention(event_type=cls.event_type, sub_event_type=cls.sub_event_type, date=s.date,
                date_end=s.date_end, date_precision=as_precision(s.precision), historical=s.historical,
                start=s.start, end=s.end)
    return m


def _follow_up_day(m: Mention, s: _Sent) -> bool:
    """A day told after a happening known to the week that ends on an earlier day dates a later turn of the
    story ("was still being sought Friday"), not the happening."""
    return m.date_precision == "week" and s.precision == "day" and bool(m.date and s.date and s.date > (m.date_end or m.date))


def _extend(m: Mention, s: _Sent, w: dict[tuple[str, str | None], float], first: bool = False) -> None:
    """Add a sentence to a mention: better dates, the type most confidently told, places."""
    cls = s.cls
    assert cls is not None
    key = (cls.event_type, cls.sub_event_type)
    w[key] = w.get(key, 0.0) + cls.score
    if not first:
        if PRECISION_RANK.get(s.precision, 9) < PRECISION_RANK.get(m.date_precision, 9) and not _follow_up_day(m, s):
            m.date, m.date_end, m.date_precision = s.date, s.date_end, as_precision(s.precision)
        elif s.precision == m.date_precision == "day" and s.date and m.date:
            m.date, m.date_end = _joined_days((m.date, m.date_end or m.date), (s.date, s.date_end or s.date))
        m.event_type, m.sub_event_type = max(w.items(), key=lambda kv: kv[1])[0]
    for p in s.places:
        m.places.append(p)
    for iso in [c for _, _, c in countries_in(s.text)] + [p.country for p in s.places if p.country]:
        if iso and iso not in m.countries:
            m.countries.append(iso)


def _joined_days(a: tuple[date, date], b: tuple[date, date]) -> tuple[date, date | None]:
    """The days of one happening told twice: the narrower when one lies within the other ("over the
    weekend" ... "on Sunday morning": Sunday), else the span both cover."""
    if b[0] <= a[0] and a[1] <= b[1]:
        lo, hi = a
    elif a[0] <= b[0] and b[1] <= a[1]:
        lo, hi = b
    else:
        lo, hi = min(a[0], b[0]), max(a[1], b[1])
    return lo, (hi if hi > lo else None)


_RANK = {"populated place": 1, "admin2": 2, "admin1": 3, "other": 2, "country": 4}


def _locate(m: Mention, side_places: list[Place], doc_places: Sequence[Place] = (),
            elsewhere: Sequence[Place] = (), filed: Sequence[Place] = ()) -> None:
    """The mention's place: the area named most often with it (places in sentences that only comment
    on it count less), inside that area the most precise place; its country the country of that place,
    else the most named country. A mention whose own sentences name no place is placed where the
    article's other sentences and its dateline put things (nearest first), failing those at the other
    places it names (where officials spoke), coarser (geo_precision 2 at best)."""
    cands = [p for p in m.places if p.latitude is not None]
    side = [p for p in side_places if p.latitude is not None]
    if cands or side:
        weight = {id(p): 1.0 for p in cands} | {id(p): 0.4 for p in side}
        m.places.extend(side)
        _set_place(m, cands + side, weight)
        return
    if m.countries:
        m.country = m.countries[0]
    # the article's places, nearer ones weighing more (the happening is told where the text is); where
    # the story was filed counts as much as the nearest
    around = [p for p in doc_places if p.latitude is not None and p.feature != "country"]
    weight = {id(p): 1.0 / (1.0 + abs(p.start - m.start) / 400) for p in around}
    around += [p for p in filed if p.latitude is not None]
    weight |= {id(p): 1.0 for p in filed}
    if not around:
        around = [p for p in elsewhere if p.latitude is not None]
        weight = {id(p): 1.0 for p in around}
    if not around or (m.countries and not any(p.country in m.countries for p in around)):
        return
    _set_place(m, around, weight)
    m.geo_precision = max(m.geo_precision, 2)


def _set_place(m: Mention, ps: list[Place], weight: dict[int, float]) -> None:
    from rashomon.read.places import geo_precision

    groups: dict[tuple, list[Place]] = {}
    for p in ps:
        key = (p.country, p.area) if p.feature != "country" else (p.country, None)
        groups.setdefault(key, []).append(p)
    area = max(groups.values(), key=lambda g: (sum(weight[id(p)] for p in g if _RANK.get(p.feature, 5) < 4),
                                               len(g), -min(_RANK.get(p.feature, 5) for p in g)))
    best = min(area, key=lambda p: (_RANK.get(p.feature, 5), -weight[id(p)], p.start))
    m.location, m.latitude, m.longitude = best.name, best.latitude, best.longitude
    m.country, m.admin1 = best.country, best.area if best.feature != "country" else None
    m.geo_precision = min(3, geo_precision(best)) if best.feature != "country" else 3


def _is_agent(doc: Doc, p: Place) -> bool:
    """A place name that is the subject of a verb ("Moscow ordered", "Baku does not confirm") names
    a government acting, not where something happened."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX")


def _where_said(doc: Doc, p: Place) -> bool:
    """A capital that belongs to the telling, not to the happening: where a government speaker is or
    spoke ("the ministry in Kabul said", "told reporters in Baghdad"). Up from the name through the parse, a reporting verb comes before any other verb, and
    the way there is through the speaker or the verb's own modifiers, never its reported clause."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not _is_capital(span.text):  # "Overland police say": local police speak where it happened
        return False
    tok = span.root
    for _ in range(8):
        head = tok.head
        if head is tok:
            return False
        if head.pos_ in ("VERB", "AUX"):
            return is_reporting_verb(head) and tok.dep_ in ("nsubj", "nsubjpass", "prep", "dobj", "dative", "agent",
                                                             "npadvmod")
        tok = head
    return False


def _is_capital(name: str) -> bool:
    """A capital that speaks for its country's government ("Kabul", "Moscow")."""
    return country_code(name) is not None and not is_country_name(name)


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
    """Every sentence that says something about a happening told here (or that a named source says
    about none) becomes a claim of its source, with the fields it asserts."""
    claims: list[Claim] = []
    ctx_sources: list[Source] = []
    last_mention: int | None = None
    last_source: Source | None = None
    last_fields: ClaimFields = {}
    for s in sents:
        att = s.att
        if att is None:
            continue
        if att.explicit and att.source not in ctx_sources:
            ctx_sources.append(att.source)
        referred = _referred_claim(s, att, claims, mentions)
        mention = referred.mention if referred else _claim_mention(s, att, sents, mentions, last_mention)
        if referred and att.stance == "denied":
            last_fields = _said(referred)  # "Y denied the accusations": it denies what the accusation said
        if mention is None:
            if att.explicit and att.source.kind != "outlet":
                # a statement about no happening told here is still a claim of its source's
                claims.append(Claim(start=s.start, end=s.end, text=s.text, source=att.source, stance=att.stance,
                                    fields={}, mention=None))
            continue
        s.extras["about"] = mention
        if s.mention is None:
            # places in sentences that only comment on a happening count, but less
            side.setdefault(mention, []).extend(p for p in s.places if p not in mentions[mention].places)
        if att.stance == "denied":
            att = _accused_speaker(s, att, ctx_sources)
        counts = [_resolve_side(c, att.source.country, mentions[mention]) for c in s.counts]
        fields = _asserted_fields(s, att, bool(counts), last_fields, last_source)
        for stance, group in _statements(att, s.start, counts):
            f = fields.copy()
            for c in group:
                f[as_count_kind(c.kind)] = c.as_field()
            if not f and att.source.kind == "outlet" and s.mention is None and att.stance == "asserted":
                continue  # an aside in the outlet's voice; but "this could not be verified" is a stance
            claims.append(Claim(start=s.start, end=s.end, text=s.text, source=att.source, stance=stance,
                                fields=f, mention=mention))
            s.extras.setdefault("counted", []).extend((claims[-1], c) for c in group)
        # what the next "this information" / "the reports" refers to: this sentence's assertions
        last_fields = {}
        for claim in claims:
            if claim.start == s.start:
                last_fields.update(_said(claim))
        last_source = att.source
        last_mention = mention
    return claims


# a denial of a statement told before ("X denied the accusations", "rejected Y's claims") and the words by which
# that statement was told ("accused", "alleged", "claimed", ...)
_DENIED_STATEMENT = re.compile(r"\b(?=[dr])(?:denie[sd]|deny(?:ing)?|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refute[sd]?|"
                               r"disputed?)\s+(?:the|these|those|such|(?:[A-Z][\w-]+|his|her|their|its)(?:['’]s?)?)\s+"
                               r"(?:[\w-]+\s+)?(?P<noun>accusation|allegation|claim|charge|report)s?\b"
                               r"(?=\s*(?:[.,;:'’”\")]|$|\s(?:as|and|but|on|in)\b))")
_STATEMENT_TOLD = {"accusation": r"\baccus\w+", "allegation": r"\balleg\w+", "claim": r"\bclaim\w*|\bsaid\b|\bsays?\b",
                   "charge": r"\bcharg\w+|\baccus\w+", "report": r"\breport\w*"}


def _referred_claim(s: _Sent, att: Attribution, claims: list[Claim], mentions: list[Mention]) -> Claim | None:
    """The claim told before that a sentence about no happening of its own refers to: the accusation a
    denial denies ("Varga denied the accusations" after "his supporters accused the police of ...")."""
    m = _DENIED_STATEMENT.search(s.text) if att.stance == "denied" and s.mention is None else None
    if not m:
        return None
    told = re.compile(_STATEMENT_TOLD[m.group("noun").lower()], re.I)
    return next((c for c in reversed(claims) if c.mention is not None and c.source != att.source
                 and mentions[c.mention].historical == s.historical and c.stance == "asserted"
                 and told.search(c.text)), None)


def _said(c: Claim) -> ClaimFields:
    """What a claim asserts about the happening itself (not where it is told to be)."""
    said = c.fields.copy()
    said.pop("territory", None)
    said.pop("location", None)
    return said


def _claim_mention(s: _Sent, att: Attribution, sents: list[_Sent], mentions: list[Mention],
                   last_mention: int | None) -> int | None:
    """The happening a sentence's claim is about: the one it tells; for a sentence that only comments
    ("Baku does not confirm this information", "He said the number was being verified"), the one just
    told (or, by its own date, another told in the article); for a lead that gives a toll before the
    happening is told, the first one told after it."""
    mention = s.mention
    if (mention is None and last_mention is not None
            and s.historical == mentions[last_mention].historical
            and (s.counts or att.explicit or att.stance != "asserted" or OPEN_ENDED.search(s.text))):
        mention = last_mention
        if not s.extras.get("inherited") and not _overlaps(mentions[last_mention], s):
            # its own date says it is about another happening told in the article, if any
            mention = next((i for i in reversed(range(len(mentions))) if _overlaps(mentions[i], s)
                            and mentions[i].historical == s.historical), None)
    if mention is None and last_mention is None and any(c.value for c in s.counts):
        # "A 9-year-old boy died on Saturday." then "He was shot by his brother...": the figure is
        # about the first happening told
        mention = next((t.mention for t in sents if t.mention is not None and t.start > s.start
                        and mentions[t.mention].historical == s.historical
                        and _overlaps(mentions[t.mention], s)), None)
    return mention


def _asserted_fields(s: _Sent, att: Attribution, counted: bool, last_fields: ClaimFields,
                     last_source: Source | None) -> ClaimFields:
    """The fields a sentence asserts besides its figures (``counted``: it gives some): its own, else
    those of the sentence before when it answers or comments on it ("this information", another
    source that denies or does not confirm, a corrected bare figure), with an open-ended toll."""
    content = s.text[max(0, att.content_start - s.start) :]
    fields = claim_fields(content, att.source.country, s.places)
    anaphoric = bool(_ANAPHOR.search(s.text)) and not fields and not counted
    # "..., but Hezbollah officials have not confirmed any casualties": another source that denies or
    # does not confirm, right after a statement, answers that statement - its content is what it denies
    anaphoric = anaphoric or (att.stance != "asserted" and att.explicit and att.source.kind != "outlet"
                              and last_source not in (None, att.source) and not fields and not counted)
    if anaphoric and s.mention is None and last_fields:
        fields = last_fields.copy()
    if not counted and anaphoric and last_fields:
        fields = last_fields.copy()
    if not counted and not fields and att.explicit and last_source not in (None, att.source):
        fields = _corrected_figure(content, last_fields)
    if not counted and OPEN_ENDED.search(s.text):
        # "The toll could rise." / "this is not the final figure": the figure just given is open-ended
        for kind in [as_count_kind(k) for k in last_fields if k in COUNT_KINDS]:
            fields[kind] = {**last_fields[kind], "open_ended": True}
    return fields


_BARE_FIGURE = re.compile(rf"\b(?:there (?:were|was|are|is|had been) (?P<n>{_NUM})\s+(?:victims?|casualties|people|persons)"
                          rf"|(?P<m>{_NUM})\s+(?:victims?|casualties))\b(?!\s+(?:were|was|had been|have been|are)\s+\w+ed\b)",
                          re.I)


def _corrected_figure(content: str, last: ClaimFields) -> ClaimFields:
    """'The minister said four people were injured, but the prosecutor later clarified that there were two
    victims': another source giving a bare figure right after one figure of one kind gives its own
    value of that kind (the two disagree on the same count)."""
    kinds = [k for k in COUNT_KINDS if k in last]
    m = _BARE_FIGURE.search(content)
    if len(kinds) != 1 or m is None:
        return {}
    value = parse_number(m.group("n") or m.group("m"))
    if value is None:
        return {}
    figure = last[kinds[0]].copy()
    figure["value"] = value
    figure.pop("approx", None)
    figure.pop("open_ended", None)
    figure.pop("superseded", None)
    out: ClaimFields = {}
    out[kinds[0]] = figure
    return out


def _sentence_parties(s: _Sent) -> list[Party]:
    if "parties" not in s.extras:
        s.extras["parties"] = find_parties(s.span) if s.span is not None else []
    return s.extras["parties"]


_SHORT_REPORT = 6  # sentences


def _party_country(m: Mention, ss: list[_Sent], found: list[list[Party]], main_country: str | None) -> str | None:
    """The country a generic party ("gunmen", "troops", "protesters") belongs to: the one the account
    points to most - the mention's place, the article's main country, country words in its sentences
    and the home countries of the groups it names."""
    votes: defaultdict[str, float] = defaultdict(float)  # what the account's own words say
    forces: set[str] = set()  # the countries of the state forces it names ("Rwandan troops"): forces travel
    for s, ps in zip(ss, found, strict=True):
        for _, _, iso in countries_in(s.text):
            votes[iso] += 1
        for p in ps:
            if p.country and p.category == "NAMED":
                votes[p.country] += 1  # a group's home country says where the fighting is
            elif p.country and p.category in ("MIL", "COP"):
                forces.add(p.country)
    told = sorted(((n, iso) for iso, n in votes.items() if iso not in forces), reverse=True)
    clear = bool(told) and (len(told) == 1 or told[0][0] > told[1][0])
    if m.country and clear and m.country not in votes and main_country in (None, m.country):
        # the place was found in a country the account never names while it names another: a village
        # of the same name elsewhere is likelier than a war the account does not mention
        return told[0][1]
    if m.country:
        votes[m.country] += 1.5
    if main_country:
        votes[main_country] += 1
    if not votes:
        return None
    return max(votes.items(), key=lambda kv: (kv[1], kv[0] == m.country))[0]


def _parties(sents: list[_Sent], mentions: list[Mention], claims: list[Claim], main_country: str | None) -> None:
    """Each mention's parties (from the sentences that tell it, named after its country), its
    actor1/actor2 names, and the party whose people each of its figures counts."""
    told: dict[int, list[_Sent]] = {}
    for s in sents:
        about = s.mention if s.mention is not None else s.extras.get("about")
        if about is not None:
            told.setdefault(about, []).append(s)
    current = [i for i, m in enumerate(mentions) if not m.historical]
    if len(current) == 1 and len(sents) <= _SHORT_REPORT:
        # a short report of one happening: every sentence tells about it
        told[current[0]] = [s for s in sents if s.mention in (None, current[0])]
    nationals: dict[int, str | None] = {}  # mention -> the one nationality its civilians are told by
    for i, m in enumerate(mentions):
        ss = told.get(i, [])
        nationals[i] = _civilians_nationality(ss)
        found = [_sentence_parties(s) for s in ss]
        country = _party_country(m, ss, found, main_country)
        m.actors = mention_actors(found, m.event_type, m.sub_event_type, country)
        m.actor1 = next((a.name for a in m.actors if a.role == "actor1"), None)
        m.actor2 = next((a.name for a in m.actors if a.role == "actor2"),
                        next((a.name for a in m.actors if a.role == "victim"), None))
    for s in sents:
        for claim, c in s.extras.get("counted", []):
            v = claim.fields.get(as_count_kind(c.kind))
            if claim.mention is None or v is None or c.side is not None or c.mixed:
                continue
            party = count_party(s.start + c.start, s.start + c.end, c.group, _sentence_parties(s),
                                mentions[claim.mention].actors)
            if party:
                actors = mentions[claim.mention].actors
                side = _state_side(party, actors) or _civilians_side(party, actors, nationals.get(claim.mention))
                claim.fields[as_count_kind(c.kind)] = {**v, "party": party, "side": side}
    by_start = {s.start: s for s in sents}
    for claim in claims:
        told_in = by_start.get(claim.start)
        if claim.mention is None or told_in is None:
            continue
        who = initiator_party(_sentence_parties(told_in), mentions[claim.mention].actors)
        if who and (not claim.fields.get("initiator") or claim.fields["initiator"] == mentions[claim.mention].country):
            claim.fields["initiator"] = who


_CIVILIANS_OF = re.compile(r"\s+(?:civilians|residents|citizens|nationals|villagers)\b")


def _civilians_nationality(ss: list[_Sent]) -> str | None:
    """The country the sentences telling a happening name its civilians by ("Israeli civilians", "Ostmark
    residents"), when they name one; None when they name none or several."""
    told = {iso for s in ss for _, end, iso in countries_in(s.text) if _CIVILIANS_OF.match(s.text, end)}
    return told.pop() if len(told) == 1 else None


def _civilians_side(party: str, actors: list[Actor], nationality: str | None) -> str | None:
    """A count's side when its party is civilians: the nationality the account gives them, where it
    gives one and it is the party's (civilians of no stated side have none; "Ostmark civilians" told of
    an event whose civilians are another country's may be other people than those counted)."""
    a = next((a for a in actors if a.name == party), None)
    return nationality if a is not None and a.kind == "civilians" and a.country == nationality else None


def _state_side(party: str, actors: list[Actor]) -> str | None:
    """A count's side when its party is a state's forces: the state (civilians and non-state groups have none)."""
    a = next((a for a in actors if a.name == party), None)
    return a.country if a is not None and a.kind in ("state forces", "external forces") else None


def _statements(att: Attribution, start: int, counts: list[CountFact]) -> list[tuple[Stance, list[CountFact]]]:
    """One sentence, one claim: its figures go together, and a second claim with the same evidence
    only when a figure cannot share the first (a second figure of the same kind, "5 soldiers killed
    and 14 attackers killed", or another stance: "X denied that the town had fallen, saying it had
    killed dozens" - the figure outside what is denied is asserted)."""
    groups: list[tuple[Stance, list[CountFact]]] = []
    for c in counts:
        stance = att.stance
        if (stance == "denied" and att.content_end is not None
                and not att.content_start <= start + c.start < att.content_end):
            stance = "asserted"
        for st, group in groups:
            if st == stance and all(g.kind != c.kind for g in group):
                group.append(c)
                break
        else:
            groups.append((stance, [c]))
    return groups or [(att.stance, [])]


def _resolve_side(c: CountFact, speaker: str | None, m: Mention) -> CountFact:
    if c.side is None and c.side_hint and speaker:
        if c.side_hint == "own":
            c.side = speaker
        elif c.side_hint == "enemy":
            others = [x for x in m.countries if x != speaker]
            c.side = others[0] if others else None
    return c
