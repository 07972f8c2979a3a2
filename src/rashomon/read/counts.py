"""How many people were killed, wounded, captured, missing or displaced, and on which side.

A count is a number (digits, words, "dozens") attached to a word for people ("soldiers",
"civilians", "lives") in a clause with a casualty predicate ("killed", "taken prisoner"). Numbers
that are not people (positions, unit numbers, times, regions) are not counts. "a total of 50"
replaces the parts it sums; "at least", "more than" and "not the final figure" make it open-ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from rashomon.model import CountField
from rashomon.read.countries import countries_in

_UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_VAGUE = {"dozen": 12, "a dozen": 12, "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
          "tens of thousands": 20000, "several": 3, "a few": 3, "a number of": 3}
_WORDNUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
            r"seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
            r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:\s+(?:hundred|thousand))?")
# Figures and predicates open with a lookahead on the characters their matches can start with (a digit,
# the first letters of their words): a necessary condition, so the matches are the same, but Python's re
# then skips most positions without trying the case-insensitive alternations there.
_NUM = (rf"(?=\d|\b[tfsenzoadh])(?:(?<![\w:.,/])\d{{1,3}}(?:,\d{{3}})+(?![\d:]|\.\d)|(?<![\w:.,/])\d+(?![\d:]|\.\d|st\b|nd\b|rd\b|th\b|%)"
        rf"(?:\s+(?:hundred|thousand|million))?|\b{_WORDNUM}\b|\b(?:tens of thousands|a dozen|dozens|scores|"
        rf"hundreds|thousands|several|a few|a number of)\b)")
_PEOPLE = (r"(?:soldiers?|servicem[ae]n|service ?members?|troops|people|persons?|civilians?|fighters?|militants?|"
           r"rebels?|insurgents?|police(?:m[ae]n| officers?)?|officers?|cops?|(?:border )?guards?|children|kids|women|men|"
           r"residents?|villagers?|protesters?|demonstrators?|students?|journalists?|workers?|members?|lives|"
           r"bodies|prisoners?|captives?|hostages?|citizens?|migrants?|refugees?|conscripts?|personnel|"
           r"militiam[ae]n|jihadists?|gunm[ae]n|attackers?|assailants?|victims?|casualties|individuals?|"
           r"farmers?|herders?|worshippers?|pilgrims?|passengers?|doctors?|medics?|aid workers?|staff|"
           r"recruits?|paratroopers?|commandos?|marines?|sailors?|pilots?|volunteers?|mercenaries|"
           r"combatants?|infants?|babies|boys?|girls?|teenagers?|miners?|employees?|peacekeepers?|others)")
_KINDS = [
    ("killed", re.compile(r"\b(?=[kdlmspfecbtn])(killed|kill(?:s|ing)?|dead|died|die[sd]?|dying|deaths?|lost (?:their|his|her) lives?|"
                          r"lives (?:were )?lost|martyred|martyrs|slain|perished|fatalities|fatally|executed|"
                          r"massacred|shot dead|claimed (?:the )?lives|bodies|death toll|toll|neutrali[sz]ed|eliminated)\b", re.I)),
    ("wounded", re.compile(r"\b(?=[wihs])(wounded|wounding|injured|injuring|injuries|hurt|hospitali[sz]ed|"
                           r"suffering from (?:[\w-]+ ){0,3}wounds)\b", re.I)),
    ("captured", re.compile(r"\b(?=[ctdakhps])(captured|capturing|taken (?:as )?(?:prisoners?|captives?|hostages?)|"
                            r"took (?:them )?(?:prisoners?|captives?|hostages?)|detained|detaining|arrested|arresting|"
                            r"abducted|kidnapped|held hostage|prisoners? of war|pows?|seized|surrendered)\b", re.I)),
    ("missing", re.compile(r"\b(?=[mdu])(missing|disappeared|unaccounted for)\b", re.I)),
    ("displaced", re.compile(r"\b(?=[dfehu])(displaced|fled|forced to flee|evacuated|homeless|uprooted)\b", re.I)),
]
_OPEN = re.compile(r"\b(at least|more than|over|upwards of|no fewer than|not less than|in excess of|"
                   r"and counting)\b|\+", re.I)
OPEN_ENDED = re.compile(r"\b(?=[ncmilt])(not (?:the )?final (?:figure|number|toll|count)|(?:could|may|is expected to|"
                            r"likely to) (?:rise|increase|grow)|toll (?:is )?(?:rising|climbing)|"
                            r"not (?:yet )?final)\b", re.I)
_APPROX = re.compile(r"\b(about|around|nearly|almost|some|roughly|approximately|an estimated|estimated|up to|"
                     r"close to|as many as)\s*$", re.I)
_TOTAL = re.compile(r"\b(a total of|in total|total of|totalling|totaling|altogether|overall)\b", re.I)
_ENEMY = re.compile(r"\benemy\b", re.I)
_OWN = re.compile(r"\b(our|own)\b", re.I)


@dataclass
class CountFact:
    kind: str
    side: str | None
    value: int | None  # None: people were killed/wounded/... but no figure is given
    start: int
    end: int
    open_ended: bool = False
    approx: bool = False
    total: bool = False
    side_hint: str | None = None  # "enemy" / "own": resolve against the speaker's country
    group: str | None = None  # who: "civilians", "forces", "fighters" (non-state), or None
    who: str | None = None  # a single victim's word ("boy", a surname), to recognise them told again
    anaphor: bool = False  # a single victim told by a pronoun ("he died"): the one last told of
    marks: frozenset[str] = frozenset()  # what sets a single victim apart from others of its word: age, "older"
    shot: int | None = None  # told shot or stabbed, no word of wounds or death: how many were hit
    self_harm: bool = False  # "turned the gun on himself", "suffered self-inflicted injuries"
    perpetrator: bool = False  # the one who shot or attacked ("the gunman shot two men and was killed")
    superseded: bool = False  # told as an earlier figure ("initially said four"): a later one replaces it
    mixed: bool = False  # counts people of several groups together ("151 officers and protesters"): no one party's

    def as_field(self) -> CountField:
        out: CountField = {"side": self.side, "value": self.value}
        if self.group and self.side is None:
            out["group"] = self.group
        if self.open_ended:
            out["open_ended"] = True
        if self.approx:
            out["approx"] = True
        if self.superseded:
            out["superseded"] = True
        return out


def _is_vague(s: str) -> bool:
    """'several', 'dozens', 'hundreds': no count ('a dozen' is twelve)."""
    t = s.strip().lower()
    return t in _VAGUE and t != "a dozen"


def parse_number(s: str) -> int | None:
    """'6,500' -> 6500, 'twenty-five' -> 25, 'two hundred' -> 200, 'dozens' -> 24 (approximate)."""
    t = s.strip().lower().replace(",", "")
    if not t:
        return None
    if t in _VAGUE:
        return _VAGUE[t]
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(hundred|thousand|million))?", t)
    if m:
        v = float(m.group(1)) * {"hundred": 100, "thousand": 1000, "million": 1_000_000, None: 1}[m.group(2)]
        return int(v)
    parts = re.split(r"[\s-]+", t)
    total, cur = 0, 0
    for p in parts:
        if p in _UNITS:
            cur += _UNITS[p]
        elif p == "hundred":
            cur = max(cur, 1) * 100
        elif p == "thousand":
            total += max(cur, 1) * 1000
            cur = 0
        elif p == "and":
            continue
        else:
            return None
    return total + cur


_COUNT_RE = re.compile(
    rf"(?P<num>{_NUM})(?P<mid>(?:\s+(?!and\b|or\b)[\w'’-]+){{0,4}}?)\s+(?:of\s+(?:the\s+|them|whom)?\s*)?(?P<noun>{_PEOPLE})\b"
    rf"|(?P<num2>{_NUM})\s+(?:were\s+|people\s+)?(?P<pred>killed|dead|wounded|injured|captured|missing|detained|"
    rf"arrested|abducted|kidnapped|displaced|fatalities|deaths)\b",
    re.I,
)
_PRED_NUM = re.compile(rf"\b(?=[kwicda])(?P<pred>killing|killed|wounding|wounded|injuring|injured|capturing|captured|"
                       rf"detaining|detained|arresting|arrested)\s+(?:at least\s+|more than\s+|some\s+)?"
                       rf"(?P<num>{_NUM})(?!\s+{_PEOPLE})", re.I)
_TOLL = re.compile(rf"\b(?=[dtnf])(?:death toll|toll|number of (?:the )?dead|fatalities)\b(?P<who>[^.;]{{0,40}}?)\s+"
                   rf"(?:was|is|(?:has |had )?(?:risen|climbed|grown|increased) to|rose to|climbed to|stood at|stands at|"
                   rf"reached|has reached|had reached|of)\s+"
                   rf"(?P<open>at least\s+|more than\s+|over\s+)?(?P<num>{_NUM})(?!\s*(?:%|percent))", re.I)
_PRED_ONE = re.compile(r"\b(?=[ksbewiacd])(?P<pred>killed|shot dead|shot and killed|stabbed to death|beheaded|executed|wounded|"
                       r"injured|abducted|kidnapped|captured|detained|arrested)\s+(?P<who>(?:a|an|one)\s+"
                       r"(?:[\w'’-]+\s+){0,2}?(?:soldier|serviceman|policeman|police officer|officer|civilian|man|"
                       r"woman|boy|girl|child|farmer|herder|chief|leader|commander|official|journalist|teacher|"
                       r"student|worker|guard|fighter|militant|rebel|priest|imam|doctor|nurse|activist|trader|"
                       r"driver|villager|resident|member))\b", re.I)
_BARE = re.compile(rf"\b(?=[kdwic])(?P<pred>killed|dead|wounded|injured|captured|detained|deaths|casualties)\s+(?:and\s+\w+\s+)?"
                   rf"(?:among\s+)?(?P<mid>(?:[\w'’-]+\s+){{0,2}})(?P<noun>{_PEOPLE})\b", re.I)


# harm told without a figure: "caused a number of injuries", "left several casualties"
_VAGUE_HARM = re.compile(r"\b(?=[clrit])(?:caus(?:ed|es|ing)|left|leaving|result(?:ed|ing)? in|inflict(?:ed|ing)|there (?:were|was))\s+"
                         r"(?:a number of|several|some|many|multiple|numerous|a few|dozens of|scores of)\s+"
                         r"(?P<harm>injuries|injured|wounded|casualties|deaths|fatalities|dead)\b", re.I)


def _kind_of(pred: str) -> str:
    """The kind a casualty predicate's word names ("arresting" -> captured); killed when none does."""
    return next((k for k, p in _KINDS if p.search(pred)), "killed")


def _kind_near(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The casualty predicate closest to text[start:end] inside its clause."""
    best = None
    for kind, pat in _KINDS:
        for m in pat.finditer(text):
            if m.start() >= start and m.end() <= end:
                continue
            dist = m.start() - end if m.start() >= end else start - m.end()
            between = text[end : m.start()] if m.start() >= end else text[m.end() : start]
            if dist > (240 if m.start() >= end else 120) or re.search(r"[;]|\b(whereas|but)\b", between):
                continue
            if m.start() < start and _SOMEONE_ELSES.fullmatch(m.group(0)) and _OF_ANOTHER.match(between):
                continue  # "over the death of the student, they attacked two officers": the student's death
            if re.search(rf"\b{_NUM}\s+(?:[\w'’-]+\s+){{0,2}}{_PEOPLE}\b", between, re.I) \
                    and not _LIST_OF_FIGURES.fullmatch(between):
                continue  # another figure stands between: that predicate is its own (unless it is a list)
            after = m.start() >= end
            if between.count(",") > (4 if after else 3) or (not after and dist > 90 and between.count(",") > 2):
                continue
            if after and _AUX_ONLY.fullmatch(between):
                dist = -1  # "three others were injured": the figure's own verb, whatever came before
            elif after:
                dist -= 1  # a predicate after the figure ("two soldiers were wounded") wins ties
            elif _MODIFIERS_ONLY.fullmatch(between):
                dist = -2  # "killing at least 10 fighters": the predicate governs the figure directly
            if _VAGUE_KILL.fullmatch(m.group(0)):
                dist += 1000  # "neutralised" yields to any plainer predicate ("neutralised and taken prisoner")
            if best is None or dist < best[1]:
                best = (kind, dist)
    return best


# a death told as a noun of someone named after it ("the death of Jane Roe", "the killing of a student"): that
# person's, not a later figure's (unless the figure is coordinated into it: "the death of a boy and two others")
_SOMEONE_ELSES = re.compile(r"deaths?|killing", re.I)
_OF_ANOTHER = re.compile(rf"\s+of\s+(?!(?:the\s+|at least\s+|some\s+|about\s+|nearly\s+)*{_NUM}\s*$)(?![^,;]*\band\s+$)\S", re.I)


# "killing 12 civilians and 3 soldiers" / "4 soldiers and 7 militants killed": the predicate applies to
# every figure of the list
_LIST_OF_FIGURES = re.compile(rf"(?:\s+|,|\band\b|\b(?:were|was|have|has|had|been|are|reportedly)\b|"
                              rf"(?:at least\s+|some\s+)?{_NUM}\s+(?:[\w'’-]+\s+){{0,2}}?{_PEOPLE}\b)*", re.I)
_MODIFIERS_ONLY = re.compile(r"\s*(?:at least|more than|some|about|nearly|around|over|up to|an estimated|"
                             r"as many as|almost|roughly)?\s*", re.I)
_VAGUE_KILL = re.compile(r"neutrali[sz]ed|eliminated", re.I)
_AUX_ONLY = re.compile(r"\s*(?:(?:were|was|are|is|have|has|had|been|being|also|reportedly|allegedly|later|"
                      r"subsequently|all|both|either|each|then)\s+)*", re.I)


_ONE_AND = re.compile(rf"(?:^|(?<=[\s,(]))(?P<who>(?:a|an|one)\s+(?:[\w'’-]+\s+)?{_PEOPLE})\s+and\s+(?={_NUM})",
                      re.I)
_SUBSET = re.compile(r"(?:\b(?:including|among them|among whom|of whom|of them|among the dead|among the victims)"
                     r"|\bincluding\s+(?:at least\s+)?)\W*$", re.I)


def _subset_of_earlier(text: str, f: CountFact, facts: list[CountFact]) -> bool:
    """True when the figure is introduced as part of an earlier figure of the same kind ("killing
    3 people, including 2 soldiers"): counting it again would count its people twice."""
    at, kinds = f.start, {"killed", "wounded", "captured", "missing", "displaced", HIT}
    if not _SUBSET.search(text[max(0, f.start - 30) : f.start]):
        # a later item of the list of parts, of the same kind: "including two Xs from A, five Ys, and one Z"
        m = _LATER_PART.search(text, max(0, f.start - 160), f.start)
        if m is None:
            return False
        at, kinds = m.start(), {f.kind}
    # the figure it belongs to ends just before it, whatever verb the part was given
    return any(o is not f and o.end <= at and at - o.end <= 40 and o.value and f.value
               and o.value >= f.value and o.kind in kinds for o in facts)


# "including" and the items of a list before a figure: no verb, no end of clause between
_LATER_PART = re.compile(r"\bincluding\s+(?:(?![^.;:()]*\b(?:were|was|are|is|had|have|has|been|(?-i:[a-z]{2,}ed))\b)[^.;:()]*"
                         r"(?:,\s*(?:and\s+)?|\s+and\s+))$", re.I)


def _side(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    span = text[start:end]
    c = countries_in(span)
    if c:
        return c[0][2], None
    after = text[end : end + 45]
    m = re.match(r"\s*(?:from|of|in|among)\s+(?:the\s+)?([^,.;]{0,40})", after)
    if m:
        c = countries_in(m.group(1))
        if c:
            return c[0][2], None
    before = text[max(0, start - 30) : start]
    m = re.search(r"\bamong\s+([\w'’ -]+)$", before)
    if m and countries_in(m.group(1)):
        return countries_in(m.group(1))[0][2], None
    if _ENEMY.search(span):
        return None, "enemy"
    if _OWN.search(span) or re.search(r"\b(our|we)\b", text[:start], re.I):
        return None, "own"
    return None, None


_GROUPS = [
    ("civilians", re.compile(r"\b(civilians?|children|kids|women|residents?|villagers?|protesters?|demonstrators?|"
                             r"students?|journalists?|workers?|farmers?|herders?|worshippers?|pilgrims?|passengers?|"
                             r"infants?|babies|refugees?|migrants?|aid workers?|doctors?|medics?|families|displaced)\b", re.I)),
    ("fighters", re.compile(r"\b(militants?|rebels?|insurgents?|jihadists?|gunm[ae]n|attackers?|assailants?|"
                            r"fighters?|militiam[ae]n|mercenaries|combatants?)\b", re.I)),
    ("forces", re.compile(r"\b(soldiers?|servicem[ae]n|service ?members?|troops|police\w*|officers?|cops?|guards?|"
                          r"conscripts?|personnel|paratroopers?|commandos?|marines?|sailors?|pilots?|"
                          r"peacekeepers?|recruits?)\b", re.I)),
]


def _group(phrase: str) -> str | None:
    for name, pat in _GROUPS:
        if pat.search(phrase):
            return name
    return None


def _sum_lists(facts: list[CountFact]) -> list[CountFact]:
    """Figures of one sentence that count the same kind of victims on the same side are parts of
    one list ("5 policemen and 2 soldiers"): they add up (parts of an earlier figure, "including
    2 soldiers", were removed before)."""
    out: list[CountFact] = []
    for f in sorted(facts, key=lambda f: f.start):
        same = next((o for o in out if (o.kind, o.side, o.group, o.side_hint) == (f.kind, f.side, f.group, f.side_hint)
                     and o.value is not None and f.value is not None and not o.total and not f.total), None)
        if same is None:
            out.append(f)
        else:
            assert same.value is not None and f.value is not None  # only figures are added up
            same.value += f.value
            same.end = max(same.end, f.end)
            same.open_ended = same.open_ended or f.open_ended
            same.approx = same.approx or f.approx
    return out


def find_counts(text: str, span: Span | None = None, offset: int | None = None) -> list[CountFact]:
    """Every casualty figure in a sentence (offsets are into ``text``). With the sentence's parse
    (``span``, whose document text holds ``text`` at ``offset``), a figure takes the kind of the
    predicate it is an argument of, agents are not counted and single victims count one."""
    open_sentence = bool(OPEN_ENDED.search(text))
    facts = _figures(text, open_sentence)
    if span is not None:
        facts = _with_parse(text, span, span.start_char if offset is None else offset, facts, open_sentence)
    facts = _totals_replace_parts(text, facts)
    facts += _single_victims(text, facts)
    if _CUMULATIVE.search(text) or _SPREAD.search(text) or _CONFLICT_TOLL.search(text):
        facts = [f for f in facts if f.value is None]
    # "10 people were killed, among them 4 policemen": a part of a figure already counted
    facts = [f for f in facts if not _subset_of_earlier(text, f, facts)]
    facts = _sum_lists(_hits_as_wounded(_ranges_at_their_low(text, facts)))
    for f in facts:
        f.superseded = _told_as_earlier(text, f)
    return facts or _harm_without_figure(text)


# a figure told as one given before another: "initially said four people were injured", "early reports put the toll at"
_EARLIER = re.compile(r"\b(?:(?:initially|originally|at first|first|earlier|previously)\s+(?:had\s+)?(?:said|say|reported|"
                      r"put|gave|stated|told|announced|claimed|counted|estimated)|(?:initial|early|earlier|first|original)\s+"
                      r"(?:reports?|figures?|tolls?|counts?|estimates?))\b", re.I)


def _told_as_earlier(text: str, f: CountFact) -> bool:
    """The figure is what someone first said, with no other figure between ("the toll, initially put at
    five, rose to nine": five is, nine is not)."""
    ends = [m.end() for m in _EARLIER.finditer(text, max(0, f.start - 80), f.start)]
    return bool(ends) and not re.search(_NUM, text[ends[-1] : f.start], re.I)


def _figures(text: str, open_sentence: bool) -> list[CountFact]:
    """The figures the patterns find: "five soldiers", "five killed", "killing five", "the toll rose to five"."""
    facts = [f for m in _COUNT_RE.finditer(text) if (f := _figure(text, m, open_sentence)) is not None]
    for m in _PRED_NUM.finditer(text):
        if any(f.start <= m.start("num") < f.end for f in facts):
            continue
        value = None if _is_vague(m.group("num")) else parse_number(m.group("num"))
        if value:
            kind = _kind_of(m.group("pred"))
            side, hint = _side(text, m.start(), m.end())
            facts.append(CountFact(kind=kind, side=side, value=value, start=m.start(), end=m.end(),
                                   open_ended=open_sentence, side_hint=hint))
    for m in _TOLL.finditer(text):
        value = None if _is_vague(m.group("num")) else parse_number(m.group("num"))
        if value and not any(f.start <= m.start("num") < f.end for f in facts):
            side, hint = _side(text, m.start(), m.end())
            facts.append(CountFact(kind="killed", side=side, value=value, start=m.start(), end=m.end(),
                                   open_ended=bool(m.group("open")) or open_sentence, side_hint=hint,
                                   group=_group(m.group(0))))
    return facts


_NOT_PEOPLE_MID = re.compile(r"\b(positions?|regions?|villages?|years?|days?|hours?|km|kilometers?|times)\b", re.I)


def _figure_kind(text: str, m: re.Match[str]) -> str | None:
    """The kind of a "<figure> <people>" match: the casualty predicate nearest in its clause; None
    when there is none, or the figure counts something else ("five positions", "two years")."""
    noun, mid = m.group("noun").lower(), m.group("mid") or ""
    if _NOT_PEOPLE_MID.search(mid):
        return None
    kind_d = _kind_near(text, m.start(), m.end())
    if noun == "lives" and re.search(r"\bfight", mid, re.I):
        return "wounded"  # "two fight for their lives": critically wounded
    if noun in ("lives", "casualties") and kind_d is None:
        return "killed"
    return None if kind_d is None else kind_d[0]


def _figure(text: str, m: re.Match[str], open_sentence: bool) -> CountFact | None:
    """The count a ``_COUNT_RE`` match gives ("five soldiers were killed", "five killed"), if any."""
    if m.group("num"):
        num_s = m.group("num")
        kind = _figure_kind(text, m)
        if kind is None:
            return None
    else:
        num_s = m.group("num2")
        kind = _kind_of(m.group("pred").lower())
    s, e = m.start(), m.end()
    # "several", "dozens": people were hurt, but no count is given (as ACLED codes it): value None
    value = None if _is_vague(num_s) else parse_number(num_s)
    if not _is_vague(num_s) and (value is None or value <= 0 or value > 10_000_000):
        return None
    prefix = text[max(0, s - 25) : s]
    side, hint = _side(text, s, e)
    vague = num_s.lower().strip() in _VAGUE  # "a dozen" too: approximate
    return CountFact(
        kind=kind, side=side, value=value, start=s, end=e, group=_group(m.group(0)),
        open_ended=bool(_OPEN.search(prefix[-14:])) or open_sentence or vague,
        approx=bool(_APPROX.search(prefix)) or vague,
        total=bool(_TOTAL.search(prefix)),
        side_hint=hint,
    )


def _totals_replace_parts(text: str, facts: list[CountFact]) -> list[CountFact]:
    """"a total of 50" stands for the parts it sums (and takes their side when they share one)."""
    for kind in {f.kind for f in facts if f.total}:
        tot = next(f for f in facts if f.kind == kind and f.total)
        sides = {_side(text, m.start(), m.end())[0] for m in _COUNT_RE.finditer(text[: tot.start])} - {None}
        for f in facts:
            if f.kind == kind and f.total and f.side is None and len(sides) == 1:
                f.side = sides.pop()
        facts = [f for f in facts if f.kind != kind or f.total]
    return facts


def _single_victims(text: str, facts: list[CountFact]) -> list[CountFact]:
    """Single victims the figures leave out: "killed a soldier", "a soldier and two civilians were killed"."""
    out: list[CountFact] = []
    for m in _PRED_ONE.finditer(text):
        if not any(f.start <= m.start("who") < f.end for f in facts + out):
            side, hint = _side(text, m.start("who"), m.end())
            out.append(CountFact(kind=_kind_of(m.group("pred")), side=side, value=1, start=m.start(), end=m.end(),
                                 side_hint=hint, group=_group(m.group("who"))))
    # "a soldier and two civilians were killed": the single victim heads a list of figures
    for m in _ONE_AND.finditer(text):
        if any(f.start <= m.start("who") < f.end for f in facts + out):
            continue
        kind_d = _kind_near(text, m.start("who"), m.end("who"))
        if kind_d is not None:
            side, hint = _side(text, m.start("who"), m.end("who"))
            out.append(CountFact(kind=kind_d[0], side=side, value=1, start=m.start("who"), end=m.end("who"),
                                 side_hint=hint, group=_group(m.group("who"))))
    return out


_THERE_WERE_DEAD = re.compile(r"\bthere (?:are|were) (?:also )?(dead|killed|casualties)\b", re.I)


def _harm_without_figure(text: str) -> list[CountFact]:
    """Where a sentence gives no figure, people told harmed on a named side ("killed among the
    soldiers", "caused a number of injuries", "there were dead among X"): a count without a value."""
    facts: list[CountFact] = []
    for m in _BARE.finditer(text):
        if re.search(r"\bin addition to (the )?$", text[: m.start()]):
            continue  # presupposed, not claimed: "in addition to the captured soldiers"
        pred = m.group("pred").lower()
        kind = "killed" if pred == "casualties" else _kind_of(pred)
        side, hint = _side(text, m.start(), m.end())
        if side or hint:
            facts.append(CountFact(kind=kind, side=side, value=None, start=m.start(), end=m.end(), side_hint=hint))
    if facts:
        return facts
    harm = _VAGUE_HARM.search(text)
    if harm:
        # "the blast caused a number of injuries": people were hurt, no figure given
        kind = "wounded" if harm.group("harm").lower().startswith(("inj", "wou")) else "killed"
        side, hint = _side(text, harm.start(), harm.end())
        return [CountFact(kind=kind, side=side, value=None, start=harm.start(), end=harm.end(), side_hint=hint)]
    there = _THERE_WERE_DEAD.search(text)
    if there:
        side, _ = _side(text, there.end(), min(len(text), there.end() + 60))
        if side:
            return [CountFact(kind="killed", side=side, value=None, start=there.start(), end=there.end())]
    return []


_RANGE = re.compile(rf"\bbetween\s+(?P<low>{_NUM})\s+(?:and|to)\s+$", re.I)


def _ranges_at_their_low(text: str, facts: list[CountFact]) -> list[CountFact]:
    """"between 2 and 5 soldiers were killed": the figure is the lower bound (the conservative reading
    coders take), approximate."""
    for f in facts:
        m = _RANGE.search(text[max(0, f.start - 40) : f.start])
        low = parse_number(m.group("low")) if m else None
        if low is not None and f.value is not None and 0 < low < f.value:
            f.value, f.approx = low, True
    return facts


def _hits_as_wounded(facts: list[CountFact]) -> list[CountFact]:
    """People told shot or stabbed are wounded, less those the sentence tells dead ("shot five people,
    killing two": three wounded; "shot and killed a man": none)."""
    # (the shooter's own death is not among those he shot: "shot two people and then killed himself")
    dead = sum(f.value or 0 for f in facts if f.kind == "killed" and not f.total and not f.self_harm
               and not f.perpetrator)
    dead_who = {f.who for f in facts if f.kind == "killed" and f.who}
    out = []
    for f in facts:
        if f.kind != HIT:
            out.append(f)
        elif f.value is not None and not (f.who and f.who in dead_who) and f.value > dead:
            f.kind, f.shot, f.value = "wounded", f.value, f.value - dead
            out.append(f)
    return out


# ---------------------------------------------------------------- the dependency parse's reading
# A figure's kind is the predicate it is an argument of: the patient of "killed" (its object, or its
# subject in the passive, "five killed"), the subject of "died", "were found dead", "lost their lives".
# The subject of an active "killed" is who killed, never a count. Victims without a figure count one
# each when they are one person ("a man", "his daughter", "Flores", "himself"); plural victims without
# a figure ("several people", "dozens") are not a count.

_KILL = {"kill", "murder", "assassinate", "execute", "behead", "slay", "massacre", "slaughter", "lynch", "martyr"}
_DIE = {"die", "perish", "succumb"}
_WOUND = {"wound", "injure", "hurt", "maim"}
_CAPTURE = {"capture", "abduct", "kidnap", "arrest", "detain"}
# struck by a bullet or a blade, nothing said of death: wounded, unless the text tells them dead ("shot five
# people, killing two" is two dead and three wounded); an internal kind, resolved in find_counts
_HIT = {"shoot", "stab"}
HIT = "hit"
_FATAL_WITH = {"shoot", "stab", "beat", "gun", "hack", "burn", "strike", "hit", "wound", "injure", "hang", "strangle",
               "bludgeon", "crush", "mow"}
_DEAD_WITH = {"find", "pronounce", "declare", "leave", "confirm", "report", "shoot", "gun", "lie", "lay"}
_KIND_OF = {**{w: "killed" for w in _KILL | _DIE}, **{w: "wounded" for w in _WOUND},
            **{w: "captured" for w in _CAPTURE}}
_ONE_PRONOUN = {"he", "she", "him", "her", "himself", "herself"}
_PERSON_WORD = re.compile(rf"^(?:{_PEOPLE}|man|woman|boy|girl|child|kid|teen|teenager|toddler|youth|baby|son|daughter|"
                          r"father|mother|brother|sister|wife|husband|uncle|aunt|nephew|niece|cousin|grandfather|"
                          r"grandmother|grandson|granddaughter|friend|neighbo(?:u)?r|relative|victim|suspect|"
                          r"deputy|sergeant|colonel|general|major|captain|lieutenant|commander|chief|leader|official|"
                          r"governor|mayor|lawmaker|politician|cleric|imam|priest|pastor|bishop|judge|lawyer|"
                          r"teacher|nurse|activist|trader|driver|guard|gendarme|agent|operative|spokesman|"
                          r"spokeswoman|bystander|customer|shopper|patron|student|pupil|minor|juvenile|adult|"
                          r"infant|person|individual|member|couple|pair|\w+(?:man|men|woman|women|ist|ists|ian|ians|er|ers|"
                          r"or|ors|ee|ees|ant|ants|ent|ents))$", re.I)
_NOT_PEOPLE = re.compile(r"^(?:years?|days?|weeks?|months?|hours?|minutes?|times?|percent|dollars?|rounds?|"
                         r"vehicles?|cars?|trucks?|tanks?|buildings?|houses?|homes?|villages?|towns?|cities|city|"
                         r"km|kilometers?|kilometres?|miles?|meters?|metres?|feet|positions?|shots?|bullets?|"
                         r"weapons?|guns?|rifles?|animals?|cattle|cows?|goats?|sheep|dogs?|power|water|order|"
                         r"deal|number|fire|center|centre|corner|border|computer|counter|quarter|letter|"
                         r"paper|number|container|tower|shelter|theater|theatre|motor|sector|floor|door|"
                         r"operation|attack|attempt|plan|time|article|section|area|region|engine)$", re.I)


def _num_value(tok: Token) -> tuple[int | None, bool, bool]:
    """The figure a number token stands for, with (open_ended, approx) from its modifiers."""
    def numeric(t: Token) -> bool:
        return t.like_num or t.lower_ in ("hundred", "thousand", "million", "-")

    a = b = tok.i  # the run of number words around it: "two hundred", "twenty - five"
    while a > 0 and numeric(tok.doc[a - 1]) and tok.doc[a - 1].head.i in (tok.i, a):
        a -= 1
    while b + 1 < len(tok.doc) and numeric(tok.doc[b + 1]) and tok.doc[b + 1].head.i in (tok.i, b):
        b += 1
    text = tok.doc[a : b + 1].text
    mods = " ".join(t.lower_ for t in tok.children if not t.like_num)
    if text.lower() in _VAGUE and text.lower() != "a dozen":
        return None, True, True
    value = parse_number(text)
    before = tok.doc[max(tok.left_edge.i - 3, 0) : tok.i].text
    open_ = bool(re.search(r"\b(at least|more than|over|upwards of|no fewer than|not less than)\b", mods + " " + before,
                           re.I))
    approx = bool(_APPROX.search(before))
    return value, open_, approx


_NOT_COUNTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY", "LAW", "PRODUCT"}


def _is_count(tok: Token) -> bool:
    """A number the tagger does not read as a year, a time, an age, money, a calibre or a law's article."""
    return tok.ent_type_ not in _NOT_COUNTS


def _is_person(tok: Token) -> bool:
    if tok.ent_type_ == "PERSON" or tok.lower_ in _ONE_PRONOUN:
        return True
    if tok.lower_ == "old" and any(c.lower_ in ("year", "month") for c in tok.children):
        return True  # "a 17-year-old" (an age: DATE to the tagger)
    if _NOT_PEOPLE.match(tok.text) or tok.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT",
                                                         "QUANTITY", "ORDINAL", "PRODUCT"):
        return False
    return bool(_PERSON_WORD.match(tok.text) or _PERSON_WORD.match(tok.lemma_)) or tok.tag_ == "NNP"


def _victim_value(tok: Token, kind: str) -> tuple[int | None, bool, bool] | None:
    """How many people the argument ``tok`` stands for: (value, open_ended, approx); None when it
    names no people; value None when they are people of unknown number."""
    if any(c.lower_ in ("no", "none") for c in tok.children) or tok.lower_ in ("nobody", "none", "noone"):
        return None  # "no one was injured"
    if tok.lower_ in ("total", "number"):
        # "a total of 308 cops": the people it counts ("an unknown number of": no count)
        of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        known = not any(c.lower_ in ("unknown", "unspecified", "undisclosed", "large", "small") for c in tok.children)
        return _victim_value(of[0], kind) if of and known else None
    if tok.like_num:
        if not _is_count(tok):
            return None
        if kind == "captured" and not any(_is_person(t) for t in tok.subtree if t is not tok):
            return None if tok.head.lemma_ not in _CAPTURE else _num_value(tok)
        if kind == HIT and not any(_is_person(t) for t in tok.subtree if t is not tok):
            return None  # "shot 30 times"
        return _num_value(tok)
    # (a figure after its word is no count of it: "a father-of-two" is one father)
    nums = [c for c in tok.children if (c.dep_ == "nummod" and c.like_num and _is_count(c) and c.i < tok.i)
            or c.lower_ in _VAGUE]
    if _name_taken_for_place(tok, kind):
        return 1, False, False
    if not _is_person(tok) and not (nums and kind not in ("captured", HIT) and not _NOT_PEOPLE.match(tok.text)):
        return None
    if nums:
        return _num_value(nums[-1])
    if tok.lower_ in ("another", "one"):
        return 1, False, False
    if tok.lower_ in ("couple", "pair") and any(c.dep_ in ("det", "poss") for c in tok.children):
        return 2, False, False
    if any(c.lower_ == "both" and c.dep_ in ("det", "predet", "preconj") for c in tok.children):
        return 2, False, False  # "both assailants were killed"
    if tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("they", "them", "themselves", "others"):
        return None, False, False
    # "a man", "his daughter", "Flores", "himself", and in headline style a bare "kill PF member"
    one = tok.ent_type_ == "PERSON" or tok.lower_ in _ONE_PRONOUN or tok.lower_ == "old" or tok.tag_ == "NNP" \
        or any(c.dep_ in ("det", "poss") for c in tok.children) or (tok.tag_ == "NN" and _PERSON_WORD.match(tok.text))
    return (1, False, False) if one and tok.tag_ in ("NN", "NNP", "PRP", "JJ") else None


def _name_taken_for_place(tok: Token, kind: str) -> bool:
    """A proper name the tagger took for a place, told killed or wounded ("Akonje and Udin were killed"):
    a place is never killed, so the name is a person's (a country's name stays a country)."""
    return kind in ("killed", "wounded") and tok.ent_type_ == "GPE" and tok.tag_ == "NNP" \
        and not any(c.dep_ in ("det", "nummod", "amod") for c in tok.children) and not countries_in(tok.text)


def _voice_passive(p: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in p.children):
        return True
    # "five killed and 63 injured", "several people injured": a bare participle is passive
    return p.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in p.children)


# every lemma for which _predicate_kind can name a verb's kind
_PREDICATE_LEMMAS = (_DIE | _FATAL_WITH | _DEAD_WITH | set(_KIND_OF)
                     | {"lose", "commit", "suffer", "receive", "sustain", "leave", "find", "be", "remain", "lie", "turn",
                        "pass", "take", "list"})


def _predicate_kind(p: Token) -> tuple[str, str] | None:
    """(kind, role) of a casualty predicate: role 'object' (the patient is its object, or its subject
    in the passive) or 'subject' (the subject suffers it: died, is dead, lost their lives)."""
    lemma = p.lemma_.lower()
    verb = p.pos_ == "VERB" or p.tag_.startswith("VB")
    if (lemma not in _PREDICATE_LEMMAS) if verb else (p.lower_ not in ("dead", "death", "deaths")):
        return None  # no branch below can answer (a cheap test before the children are read)
    kids = list(p.children)
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may")) for c in kids):
        return None  # "were not injured", "would have been killed": no one was
    if not verb:
        return _dead_or_death(p)
    dead = any(c.lower_ in ("dead", "death", "deceased") and c.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "advmod", "dobj")
               for c in kids)
    to_death = any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in kids)
    fatally = any(c.lower_ in ("fatally", "summarily") for c in kids)  # "summarily shot": executed
    if lemma in _DIE or (lemma == "pass" and any(c.dep_ in ("prt", "advmod") and c.lower_ == "away" for c in kids)):
        return "killed", "subject"  # "died", "later passed away"
    told = _lost_or_suffered(lemma, kids)
    if told is not None:
        return told
    if lemma in ("leave", "find") and any(c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") and c.lower_ in (
            "injured", "wounded", "hurt") for c in kids):
        return "wounded", "object"  # "left 258 people injured"
    if (lemma in _FATAL_WITH and (to_death or fatally)) or (lemma in _DEAD_WITH and dead):
        return "killed", "object"
    if lemma in _KIND_OF:
        return _KIND_OF[lemma], "object"
    if lemma in _HIT and not any(c.dep_ == "prt" for c in kids):
        return HIT, "object"  # "shot a man" (not "shot up", "shot down")
    if lemma in ("be", "remain", "lie") and any(c.dep_ in ("acomp", "oprd") and c.lower_ in ("dead", "deceased")
                                                for c in kids):
        return "killed", "subject"  # "a 15-year-old is dead", "both were deceased"
    if lemma in ("be", "remain", "list") and _in_condition(kids):
        return "wounded", "subject"  # "her father is listed in critical condition"
    return None


_CONDITION = {"critical", "serious", "stable", "grave", "fair", "good", "life-threatening", "guarded"}


def _in_condition(kids: list[Token]) -> bool:
    """"(is listed / remains) in critical condition": a patient's condition, told of someone hurt."""
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(
        g.lemma_ == "condition" and any(a.lower_ in _CONDITION for a in g.children) for g in c.children) for c in kids)


def _dead_or_death(p: Token) -> tuple[str, str] | None:
    """(kind, role) of "dead" told of someone, or of "the death of" someone."""
    if p.lower_ == "dead" and p.dep_ in ("ROOT", "conj", "ccomp", "advcl"):
        return "killed", "subject"  # "Two al Shabaab dead"
    if p.lower_ == "dead" and (p.dep_ == "acl" or (p.dep_ == "amod" and p.i > p.head.i)):
        return "killed", "head"  # "found a 16-year-old girl dead", "left a boy dead"
    if p.lower_ in ("death", "deaths") and p.pos_ == "NOUN" and _of_whom(p) and _outcome(p):
        return "killed", "of"  # "resulted in the death of X", "caused the deaths of three people"
    return None


def _outcome(p: Token) -> bool:
    """A noun told as what the happening brought about: "resulted in / led to the death", "caused the
    deaths" (not a death the story is about in passing: "protests over the death of X")."""
    h = p.head
    if p.dep_ == "dobj":
        return h.lemma_.lower() == "cause"
    return p.dep_ == "pobj" and h.dep_ == "prep" and (h.lower_, h.head.lemma_.lower()) in (("in", "result"),
                                                                                         ("to", "lead"))


def _of_whom(p: Token) -> list[Token]:
    """The people a noun is "of": "the death of X"."""
    return [g for c in p.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _lost_or_suffered(lemma: str, kids: list[Token]) -> tuple[str, str] | None:
    """(kind, role) of what the subject lost, did to himself or suffered: "lost their lives", "committed
    suicide", "turned the gun on himself", "suffered injuries"."""
    if lemma == "lose" and any(c.dep_ == "dobj" and c.lemma_ == "life" for c in kids):
        return "killed", "subject"
    if lemma == "commit" and any(c.dep_ == "dobj" and c.lower_ == "suicide" for c in kids):
        return "killed", "inflicted"
    if lemma == "take" and any(c.dep_ == "dobj" and c.lemma_ == "life" and any(g.lower_ == "own" for g in c.children)
                               for c in kids):
        return "killed", "inflicted"  # "took his own life"
    if lemma == "turn" and _turned_on_self(kids):
        return "killed", "self"  # "turned the gun on himself"
    if lemma not in ("suffer", "receive", "sustain") or not any(
            c.dep_ == "dobj" and c.lemma_ in _HURTS for c in kids):
        return None
    wound = next((c for c in kids if c.dep_ == "dobj" and _self_inflicted(c)), None)
    if wound is not None:
        # "the assailant suffered self-inflicted injuries": the one who suffered them, figure or none
        # (a self-inflicted gunshot wound, like a shot, may have killed: told dead elsewhere, not wounded)
        if any(c.lower_ == "fatal" for c in wound.children):
            return "killed", "inflicted"
        return (HIT if any(t.lower_ in ("gunshot", "gun") for t in wound.subtree) else "wounded"), "inflicted"
    if any(c.dep_ == "dobj" and _slight(c) for c in kids):
        return "wounded", "subject"  # "she suffered minor injuries", "suffered cuts to her face": one who lived
    # only with a figure: "two people received injuries" (a single victim who "suffered a gunshot
    # wound" has often died of it)
    return ("killed" if any(c.lower_ == "fatal" for d in kids for c in d.children) else "wounded"), "figure"


_HURTS = {"injury", "wound", "cut", "laceration", "bruise", "burn", "fracture", "abrasion"}
_SLIGHT = {"minor", "slight", "superficial", "light", "non-life-threatening", "non-life", "non", "treatable"}


def _slight(hurt: Token) -> bool:
    """Hurts no one dies of: "minor injuries", "non-life-threatening wounds", "cuts", "bruises"."""
    return hurt.lemma_ in ("cut", "bruise", "abrasion", "laceration") or any(
        t.lower_ in _SLIGHT for t in hurt.subtree if t.i < hurt.i)


_WEAPON = {"gun", "weapon", "rifle", "pistol", "handgun", "firearm", "shotgun", "revolver", "knife"}


def _turned_on_self(kids: list[Token]) -> bool:
    """"turned the gun on himself": a weapon turned on the one who holds it."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _WEAPON for c in kids) and any(
        c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ in _SELF for g in c.children) for c in kids)


def _self_inflicted(wound: Token) -> bool:
    """"self-inflicted injuries", "a self-inflicted gunshot wound"."""
    return any(t.lower_ == "self" for t in wound.subtree if t.i < wound.i)


_SELF = {"himself", "herself"}
_SUBJECT_ROLES = ("subject", "inflicted")  # roles whose patient is the predicate's subject


def _patients(p: Token, role: str) -> list[Token]:
    kids = list(p.children)
    if role == "head":
        return [p.head]
    if role == "of":
        return _of_whom(p)
    if role == "self":
        return [g for c in kids if c.dep_ == "prep" and c.lower_ == "on" for g in c.children if g.lower_ in _SELF]
    passive = _voice_passive(p) if role == "object" else False
    if role in ("subject", "figure", "inflicted") or passive:
        out = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        out = [c for c in kids if c.dep_ == "dobj" and c.lemma_ not in ("life", "suicide", "injury", "wound")]
        # "found the 13-year-old and 6-year-old dead", parsed with "dead" the object: the people it qualifies
        out = [v for c in out for v in ([g for g in c.children if g.dep_ == "amod" and _is_person(g)]
                                        if c.lower_ == "dead" and c.pos_ == "NOUN" else [c])]
    if not out and p.dep_ in ("acl", "relcl", "amod") and (p.dep_ != "amod" or p.i > p.head.i) \
            and (passive or role in _SUBJECT_ROLES) and p.head.pos_ in (
            "NOUN", "PROPN", "NUM", "PRON"):
        out = [p.head]  # "four children killed by their father", "several people injured"
    if not out and p.dep_ in ("xcomp", "oprd"):
        # "was found shot to death": the patient of the verb it completes
        h = p.head
        out = [c for c in h.children if c.dep_ == ("nsubjpass" if _voice_passive(h) else "dobj")]
    if not out and p.dep_ == "conj":
        out = _coordinated_patients(p, role, passive)
    if out and (role in _SUBJECT_ROLES or passive):
        out += _along_with(p)  # "X, along with their four children, were found dead"
    # "who was killed": the relative pronoun stands for the noun it follows
    return [p.head if c.tag_ in ("WP", "WDT") and p.dep_ == "relcl" else c for c in out]


def _coordinated_patients(p: Token, role: str, passive: bool) -> list[Token]:
    """"shot and killed X" / "were killed and others wounded": the coordinated verb's argument."""
    h, chain = p.head, [p]
    wanted = ("nsubj", "nsubjpass") if role in _SUBJECT_ROLES or passive else ("dobj",)
    while h.dep_ == "conj" and not any(c.dep_ in wanted for c in h.children):
        chain.append(h)
        h = h.head  # "shot X, wounded Y and then committed suicide": the first verb's subject
    h = _with_own_subject(h, wanted)
    if not (role in _SUBJECT_ROLES or passive):
        return [c for c in h.children if c.dep_ == "dobj"] if not _voice_passive(h) else []
    # "X fled the scene but were located and killed": a passive of its own ("were") after an active verb
    own_passive = passive and any(c.dep_ == "auxpass" for v in chain for c in v.children)
    out = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")
           and (c.dep_ == "nsubjpass" or role in _SUBJECT_ROLES or own_passive or _voice_passive(h))]
    if not out and h.dep_ in ("acl", "relcl") and _voice_passive(h) and h.head.pos_ in ("NOUN", "PROPN",
                                                                                          "NUM", "PRON"):
        out = [h.head]  # "a teen shot and killed by police": the noun the first verb describes
    return out


def _with_own_subject(h: Token, wanted: tuple[str, ...]) -> Token:
    """The verb that holds the arguments of a chain of verbs: ``h``, or where the parse hung the chain's
    verbs side by side on another ("X shot A, wounded B and then committed suicide, police said": two
    clauses of "said"), the nearest verb before it on the same head that has them."""
    if any(c.dep_ in wanted for c in h.children) or h.dep_ not in ("ccomp", "conj"):
        return h
    before = [c for c in h.head.children if c.i < h.i and c.dep_ == h.dep_ and c.pos_ == "VERB"
              and any(g.dep_ in wanted for g in c.children)]
    return before[-1] if before else h


def _along_with(p: Token) -> list[Token]:
    """The people a predicate's "along with" / "together with" adds to its subject."""
    return [g for c in p.children if c.dep_ == "prep" and c.lower_ in ("along", "together")
            for w in c.children if w.dep_ == "prep" and w.lower_ == "with"
            for g in w.children if g.dep_ == "pobj"]


def _conjuncts(tok: Token) -> list[Token]:
    """'Flores and his daughter', 'two officers, a servant and a resident': every coordinated victim."""
    out = [tok]
    # (after "including", figures in apposition are the parts of the first: "nine people, including three
    # nurses, four pilgrims and one guide")
    parts = any(c.dep_ == "prep" and c.lower_ == "including" for c in tok.children)
    for c in tok.children:
        if c.dep_ == "conj" or (c.dep_ == "appos" and not parts and any(g.dep_ == "nummod" for g in c.children)
                                and any(g.dep_ == "nummod" for g in tok.children)):
            out.extend(_conjuncts(c))
        elif c.dep_ == "appos" and _is_person(tok):
            # "his mother, Jane Ross, and his brother": the parse hangs the next victim on the appositive
            out.extend(v for g in c.children if g.dep_ == "conj" for v in _conjuncts(g))
    return out


def dep_counts(span: Span) -> list[tuple[CountFact, set[int]]]:
    """The figures the parse of ``span`` gives (offsets into the span's text), each with its key
    tokens: the victim word and its number."""
    base = span.start_char
    found: dict[int, tuple[str, Token]] = {}
    own: set[int] = set()  # victims who harmed themselves
    for p in span:
        pk = _predicate_kind(p)
        if pk is None:
            continue
        kind, role = pk
        for arg in _patients(p, role):
            victims = _conjuncts(arg)
            for v in victims:
                # "suffered injuries": with a figure, or told of several people ("X and Y suffered gunshot wounds")
                if role == "figure" and len(victims) == 1 and not (
                        v.like_num or v.lower_ in ("total", "number") or any(c.dep_ == "nummod" for c in v.children)):
                    continue
                kind = pk[0] if v is arg else _own_participle(v) or pk[0]
                # a victim both wounded and killed ("the boy who was wounded has died") is among the dead
                if (v.i not in found or _RANK.get(kind, 1) > _RANK.get(found[v.i][0], 1)) \
                        and span.start <= v.i < span.end:
                    found[v.i] = (kind, v)
                    if role in ("self", "inflicted") or v.lower_ in _SELF:
                        own.add(v.i)
    out: list[tuple[CountFact, set[int]]] = []
    for kind, v in found.values():
        val = _victim_value(v, kind)
        if val is None or (val[0] is not None and val[0] <= 0):
            continue
        value, open_, approx = val
        lo = min(t.i for t in v.subtree if t.dep_ not in _CLAUSE_DEPS or t is v)
        last = _counted_noun(v)
        s, e = span.doc[lo].idx - base, last.idx + len(last.text) - base
        key = {v.i} | {c.i for c in v.children if c.dep_ == "nummod"}
        mixed = _with_others(last)
        out.append((CountFact(kind=kind, side=None, value=value, start=s, end=e, open_ended=open_, approx=approx,
                              group=None if mixed else _group(span.doc[lo : last.i + 1].text), mixed=mixed,
                              who=_who(v) if value == 1 else None, marks=_marks(v),
                              anaphor=value == 1 and v.lower_ in _ONE_PRONOUN, self_harm=v.i in own,
                              perpetrator=_attacker(v)), key))
    if any(f.kind == "killed" and f.value == 1 for f, _ in out):
        # "a boy died after he suffered a gunshot wound": the pronoun is the one who died
        out = [(f, k) for f, k in out if not (f.kind == "wounded" and f.anaphor)]
    if any(f.kind == "wounded" and f.value == 1 and not f.anaphor for f, _ in out):
        # "a teenager suffered minor injuries when she was shot": the pronoun is the one hurt
        out = [(f, k) for f, k in out if not (f.kind == HIT and f.anaphor and not f.self_harm)]
    return out


def _with_others(noun: Token) -> bool:
    """A figure's people word coordinated with people of another group and no figure of their own: "151
    officers and protesters" counts both together."""
    return any(c.dep_ == "conj" and not any(g.dep_ == "nummod" for g in c.children) and _group(c.text)
               and _group(c.text) != _group(noun.text) for c in noun.children)


def _attacker(v: Token) -> bool:
    """The victim is who shot, stabbed or attacked someone in the sentence ("the gunman shot two men and
    was killed"): not among those he hit."""
    def attacks(h: Token) -> bool:
        return not _voice_passive(h) and h.lemma_.lower() in _ATTACK and any(c.dep_ == "dobj" for c in h.children)

    # (or "a man who had stabbed two women")
    return (v.dep_ == "nsubj" and attacks(v.head)) or any(
        c.dep_ == "relcl" and attacks(c) and any(g.dep_ == "nsubj" and g.tag_ == "WP" for g in c.children)
        for c in v.children)


_ATTACK = _HIT | _KILL | _WOUND | {"attack"}


def _own_participle(v: Token) -> str | None:
    """The kind a coordinated figure's own participle names, right after it ("2 killed and 4 injured":
    4 are injured, whatever the parse hangs "injured" on)."""
    nxt = v.doc[v.i + 1] if v.i + 1 < len(v.doc) else None
    if nxt is None or not (nxt.tag_ in ("VBN", "VBD") or nxt.lower_ == "dead"):
        return None
    return "killed" if nxt.lower_ == "dead" else _KIND_OF.get(nxt.lemma_.lower())


def _counted_noun(v: Token) -> Token:
    """The word that says who a figure counts: "cops" in "a total of 308 cops", else the victim word."""
    if v.lower_ in ("total", "number"):
        return next((g for c in v.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                     if g.dep_ == "pobj"), v)
    return v


_RANK = {"killed": 3, HIT: 0}  # what a victim told twice in one sentence suffered: death over the rest
_CLAUSE_DEPS = {"relcl", "acl", "conj", "cc", "appos", "punct", "prep"}  # not part of a victim's own phrase


def _marks(v: Token) -> frozenset[str]:
    """The figures (an age) and comparative words ("older", "eldest") before a victim's word."""
    return frozenset(t.lower_ for left in v.lefts for t in left.subtree if t.like_num or t.tag_ in ("JJR", "JJS"))


def _who(v: Token) -> str | None:
    """The word a single victim is named by ("boy", "year-old", a surname); None for a pronoun, a
    figure, or "another"/"a second" (someone else)."""
    if v.like_num or v.pos_ == "PRON" or any(c.lower_ in ("another", "other", "second", "third") for c in v.children):
        return None
    return v.lower_ if v.ent_type_ == "PERSON" else v.lemma_.lower()


# the text calls the shooting deadly (not "attempted murder"): a single victim told only shot is the one who died
FATAL_CUE = re.compile(r"\b(?=[fdshm])(?:(?<!non-)(?<!non)(?:fatal(?:ly)?|deadly)\s+(?:[\w-]+\s+)?(?:shooting|stabbing|shot|stabbed|"
                       r"gunshot|wound)|(?:shooting|stabbing|gunshot) deaths?|(?<!attempted )(?:homicide|murder(?:ed)?)|manslaughter)\b"
                       r"|(?<=['’]s )death\b|\bdeath of\b",
                       re.I)


def same_victims_died(facts: list[CountFact], fatal: bool = False,
                      sentence: dict[int, int] | None = None) -> list[CountFact]:
    """Drop single victims told as wounded whom the text also tells dead ("a boy was critically
    wounded ... the boy died", "a man was shot. He died"): the wounded who died are among the
    dead, not the wounded. ``facts`` are in the text's order; ``sentence`` (id of a fact -> its
    sentence's number) keeps a pronoun to the victim of its own or the previous sentence."""
    where = sentence or {}
    # (in one sentence, two victims told by one word are two people: "killed his brother, wounded an older brother")
    dead = [(f, where.get(id(f), -1 - n)) for n, f in enumerate(facts) if f.kind == "killed" and f.who]
    gone = {id(f) for f in facts if f.kind == "wounded" and f.value == 1 and f.who
            and any(d.who == f.who and at != where.get(id(f)) and _may_be_one(d, f) for d, at in dead)}
    for n, f in enumerate(facts):
        last = next((o for o in reversed(facts[:n]) if o.value == 1 and o.kind in ("wounded", "killed")), None)
        if f.kind == "killed" and f.anaphor:  # "he died": the single victim last told wounded
            if last is not None and last.kind == "wounded" and where.get(id(f), 0) - where.get(id(last), 0) <= 1:
                gone.add(id(last))
        elif f.kind == "wounded" and f.anaphor and f.value == 1 and last is not None and last.kind == "killed":
            gone.add(id(f))  # "I hurt him", after the one told dead: him, not another victim
    return _shot_less_dead([f for f in facts if id(f) not in gone], fatal)


def _may_be_one(a: CountFact, b: CountFact) -> bool:
    """Two single victims told by one word may be one person unless what sets them apart differs
    ("his 6-year-old brother", "an older brother")."""
    return not a.marks or not b.marks or a.marks == b.marks


def _shot_less_dead(facts: list[CountFact], fatal: bool = False) -> list[CountFact]:
    """Figures of people told only shot or stabbed are the same victims told again, and they are the
    wounded only where the text says nothing plainer of wounds: the most told hit, less the dead
    ("a man was shot ... he died": none wounded; "four were shot; one died": three)."""
    hits = [f for f in facts if f.shot is not None]
    if not hits:
        return facts
    rest = [f for f in facts if f.shot is None]
    if any(f.kind == "wounded" and not f.self_harm for f in rest):
        return rest
    top = max(hits, key=lambda f: f.shot or 0)
    dead = max((f.value or 0 for f in rest if f.kind == "killed" and not f.total and not f.self_harm
                and not f.perpetrator), default=0)
    if (top.shot or 0) <= dead:
        return rest
    if fatal and not any(f.kind == "killed" for f in rest):
        if top.shot != 1:
            return rest  # some of them died, the text does not say how many: no figure
        top.kind = "killed"  # "a boy was shot ... the fatal shooting": he is the dead, told no other way
        return [f for f in facts if f.shot is None or f is top]
    top.value = (top.shot or 0) - dead
    return [f for f in facts if f.shot is None or f is top]


def _agent_or_other(span: Span, s: int, e: int) -> bool:
    """True when the figure at span text [s, e) is who acted (the subject of an active verb: "two
    armed men killed", "three militants executed the operation"; the agent of a passive one: "killed by
    two gunmen") or what another verb did to
    ("rescuing 16 of their hostages"): not a casualty figure."""
    base = span.start_char
    toks = [t for t in span if s <= t.idx - base < e]
    num = next((t for t in toks if t.like_num), None)
    if num is None:
        return False
    arg = num.head if num.dep_ == "nummod" else num
    h = arg.head
    if arg.dep_ == "pobj" and h.dep_ == "agent":
        return True  # "was shot dead by three men": who did it
    if arg.dep_ == "nsubj" and h.pos_ == "VERB" and not _voice_passive(h) and h.lemma_.lower() not in _DIE \
            and _predicate_kind(h) not in (("killed", "subject"), ("killed", "inflicted")) and any(c.dep_ == "dobj" for c in h.children):
        return True
    return arg.dep_ == "dobj" and h.pos_ == "VERB" and _predicate_kind(h) is None \
        and not any(c.lower_ in ("dead", "injured", "wounded") and c.dep_ not in ("ccomp", "advcl", "conj")
                    for c in h.children) \
        and h.lemma_.lower() in _OTHER_VERBS


# verbs whose object is people unharmed by the event: "rescuing 16 hostages", "deployed 300 troops"
_OTHER_VERBS = {"rescue", "free", "release", "deploy", "send", "evacuate", "save", "treat", "hold", "charge",
                "sentence", "convict", "arraign", "identify", "question", "threaten", "warn", "help", "protect",
                "escort", "recruit", "train", "meet", "tell", "interview"}


_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# figures that add up several happenings or a period: "12,000 civilians killed since February", "this
# year's toll", "so far this year", "over the past three years", "in the first days of the protests"
_CUMULATIVE = re.compile(
    rf"\b(?=[stolidaep])(?:since (?:the (?:start|beginning|outbreak)|(?:early |late |mid-?)?{_MONTHS}\b|(?:19|20)\d\d\b|"
    rf"last (?:year|month)|then)|so far (?:this|in)\b|this year|last year'?s|the year'?s|"
    rf"(?:over|in|during) the (?:past|last) (?:\w+ )?(?:years?|months?|decades?)\b|in recent (?:years|months)|"
    rf"(?:each|every|per|a) year\b|annual|during the (?:war|conflict|insurgency)|in (?:19|20)\d\d alone|"
    rf"in the (?:first|early|opening) (?:\w+ )?(?:days|weeks|months) of)", re.I)


# a war's own toll, whatever happening the text tells: "the decade-long insurgency in the north has killed 36,000
# people", "the conflict has taken more than 5,000 lives", "a war that has claimed 400 lives" (a long conflict
# is many happenings; protests or unrest that "have left 13 dead" are one story's toll and stay counts)
_CONFLICT_TOLL = re.compile(
    r"\b(?=[cirwu])(?:conflict|insurgency|rebellion|uprising|(?:civil )?war)\b(?:\s+(?:in|of|against|between|with)\s+[^,.;]{1,50}?)?"
    r"(?:,?\s+(?:which|that))?\s+(?:has|have|had)\s+(?:so far\s+|already\s+|now\s+)?(?:killed|taken|claimed|cost|left)\b", re.I)


# figures told over several happenings at once: "wounded in the two attacks", "killed in three separate
# shootings", "collectively causing seven injuries" (no one event's count; twin blasts of one attack are one)
_SPREAD = re.compile(
    r"\b(?=[ifdac])(?:(?:in|during|following|from|across|after)\s+(?:the\s+|these\s+|those\s+|all\s+)?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|multiple|separate|a series of|a string of|a spate of)"
    r"\s+(?:(?:separate|different|related|similar|other|unrelated|[a-z]+-related|shooting|gun)\s+){0,2}"
    r"(?:attacks|shootings|incidents|bombings|blasts|explosions|stabbings|raids|ambushes)|collectively)\b", re.I)


def _with_parse(text: str, span: Span, offset: int, facts: list[CountFact], open_sentence: bool) -> list[CountFact]:
    """The pattern figures checked against the parse: a figure that is the argument of a casualty
    predicate takes that predicate's kind; one that is an agent or the object of another verb goes;
    victims the patterns missed (single people, named people) are added."""
    shift = span.start_char - offset  # span offsets -> text offsets
    deps = dep_counts(span)
    used: set[int] = set()
    out: list[CountFact] = []
    for f in facts:
        toks = {t.i for t in span if f.start <= t.idx - offset < f.end and (t.like_num or t.pos_ in ("NOUN", "PROPN"))}
        hits = [n for n, (_, key) in enumerate(deps) if key & toks]
        if hits:
            used.update(hits)
            # the parse's figure, where it read one; else the pattern's figure with the parse's kind
            d = next((deps[n][0] for n in hits if deps[n][0].value is not None), deps[hits[0]][0])
            f.kind, f.value = d.kind, d.value if d.value is not None else f.value
            f.who = d.who if d.value is not None else None
            f.open_ended = f.open_ended or d.open_ended
            if d.mixed:
                f.group, f.mixed = None, True
            out.append(f)
        elif not _agent_or_other(span, f.start + offset - span.start_char, f.end + offset - span.start_char) \
                and all(_is_count(t) for t in span if f.start <= t.idx - offset < f.end and t.like_num):
            out.append(f)
    for n, (d, _) in enumerate(deps):
        if n in used or d.value is None:
            continue
        if any(o.kind == d.kind and o.start <= d.start + shift < o.end for o in out):
            continue
        d.start += shift
        d.end += shift
        if not 0 <= d.start < len(text):
            continue
        d.side, d.side_hint = _side(text, d.start, d.end)
        d.open_ended = d.open_ended or open_sentence
        out.append(d)
    return out
