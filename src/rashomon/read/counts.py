"""How many people were killed, wounded, captured, missing or displaced, and on which side.

A count is a number (digits, words, "dozens") attached to a word for people ("soldiers",
"civilians", "lives") in a clause with a casualty predicate ("killed", "taken prisoner"). Numbers
that are not people (positions, unit numbers, times, regions) are not counts. "a total of 50"
replaces the parts it sums; "at least", "more than" and "not the final figure" make it open-ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_NUM = (rf"(?=\d|\b[tfsenzoadh])(?:(?<![\d:.,/])\d{{1,3}}(?:,\d{{3}})+(?![\d:]|\.\d)|(?<![\d:.,/])\d+(?![\d:]|\.\d|st\b|nd\b|rd\b|th\b|%)"
        rf"(?:\s+(?:hundred|thousand|million))?|\b{_WORDNUM}\b|\b(?:tens of thousands|a dozen|dozens|scores|"
        rf"hundreds|thousands|several|a few|a number of)\b)")
_PEOPLE = (r"(?:soldiers?|servicem[ae]n|service ?members?|troops|people|persons?|civilians?|fighters?|militants?|"
           r"rebels?|insurgents?|police(?:m[ae]n| officers?)?|officers?|(?:border )?guards?|children|kids|women|men|"
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
    ("wounded", re.compile(r"\b(?=[wih])(wounded|wounding|injured|injuring|injuries|hurt|hospitali[sz]ed)\b", re.I)),
    ("captured", re.compile(r"\b(?=[ctdakhps])(captured|capturing|taken (?:as )?(?:prisoners?|captives?|hostages?)|"
                            r"took (?:them )?(?:prisoners?|captives?|hostages?)|detained|detaining|arrested|"
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

    def as_field(self) -> dict:
        out: dict = {"side": self.side, "value": self.value}
        if self.group and self.side is None:
            out["group"] = self.group
        if self.open_ended:
            out["open_ended"] = True
        if self.approx:
            out["approx"] = True
        return out


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
    rf"arrested|abducted|kidnapped|displaced)\b",
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
    if not _SUBSET.search(text[max(0, f.start - 30) : f.start]):
        return False
    # the figure it belongs to ends just before it, whatever verb the part was given
    return any(o is not f and o.end <= f.start and f.start - o.end <= 40 and o.value and f.value
               and o.value >= f.value for o in facts)


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
    ("forces", re.compile(r"\b(soldiers?|servicem[ae]n|service ?members?|troops|police\w*|officers?|guards?|"
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
    one list ("5 policemen and 2 soldiers"): they add up."""
    out: list[CountFact] = []
    for f in sorted(facts, key=lambda f: f.start):
        same = next((o for o in out if (o.kind, o.side, o.group, o.side_hint) == (f.kind, f.side, f.group, f.side_hint)
                     and o.value is not None and f.value is not None and not o.total and not f.total), None)
        if same is None:
            out.append(f)
        else:
            same.value += f.value
            same.end = max(same.end, f.end)
            same.open_ended = same.open_ended or f.open_ended
            same.approx = same.approx or f.approx
    return out


def find_counts(text: str) -> list[CountFact]:
    """Every casualty figure in a sentence (offsets are into ``text``)."""
    facts: list[CountFact] = []
    open_sentence = bool(OPEN_ENDED.search(text))
    for m in _COUNT_RE.finditer(text):
        if m.group("num"):
            num_s, s, e = m.group("num"), m.start(), m.end()
            noun = m.group("noun").lower()
            mid = m.group("mid") or ""
            if re.search(r"\b(positions?|regions?|villages?|years?|days?|hours?|km|kilometers?|times)\b", mid, re.I):
                continue
            kind_d = _kind_near(text, s, e)
            if noun == "lives" and kind_d is None:
                kind_d = ("killed", 0)
            if noun in ("casualties",) and kind_d is None:
                kind_d = ("killed", 0)
            if kind_d is None:
                continue
            kind = kind_d[0]
        else:
            num_s, s, e = m.group("num2"), m.start(), m.end()
            pred = m.group("pred").lower()
            kind = next(k for k, p in _KINDS if p.search(pred))
        value = parse_number(num_s)
        if value is None or value <= 0 or value > 10_000_000:
            continue
        prefix = text[max(0, s - 25) : s]
        side, hint = _side(text, s, e)
        vague = num_s.lower().strip() in _VAGUE
        facts.append(CountFact(
            kind=kind, side=side, value=value, start=s, end=e, group=_group(m.group(0)),
            open_ended=bool(_OPEN.search(prefix[-14:])) or open_sentence or vague,
            approx=bool(_APPROX.search(prefix)) or vague,
            total=bool(_TOTAL.search(prefix)),
            side_hint=hint,
        ))
    for m in _PRED_NUM.finditer(text):
        if any(f.start <= m.start("num") < f.end for f in facts):
            continue
        value = parse_number(m.group("num"))
        # a predicate no kind pattern recognises is no count (it used to raise StopIteration)
        kind = next((k for k, p in _KINDS if p.search(m.group("pred"))), None)
        if value and kind:
            side, hint = _side(text, m.start(), m.end())
            facts.append(CountFact(kind=kind, side=side, value=value, start=m.start(), end=m.end(),
                                   open_ended=open_sentence, side_hint=hint))
    for m in _TOLL.finditer(text):
        value = parse_number(m.group("num"))
        if value and not any(f.start <= m.start("num") < f.end for f in facts):
            side, hint = _side(text, m.start(), m.end())
            facts.append(CountFact(kind="killed", side=side, value=value, start=m.start(), end=m.end(),
                                   open_ended=bool(m.group("open")) or open_sentence, side_hint=hint,
                                   group=_group(m.group(0))))
    # "a total of 50" stands for the parts it sums (and takes their side when they share one)
    for kind in {f.kind for f in facts if f.total}:
        tot = next(f for f in facts if f.kind == kind and f.total)
        sides = {_side(text, m.start(), m.end())[0] for m in _COUNT_RE.finditer(text[: tot.start])} - {None}
        for f in facts:
            if f.kind == kind and f.total and f.side is None and len(sides) == 1:
                f.side = sides.pop()
        facts = [f for f in facts if f.kind != kind or f.total]
    for m in _PRED_ONE.finditer(text):
        if not any(f.start <= m.start("who") < f.end for f in facts):
            kind = next(k for k, p in _KINDS if p.search(m.group("pred")))
            side, hint = _side(text, m.start("who"), m.end())
            facts.append(CountFact(kind=kind, side=side, value=1, start=m.start(), end=m.end(), side_hint=hint,
                                   group=_group(m.group("who"))))
    # "a soldier and two civilians were killed": the single victim heads a list of figures
    for m in _ONE_AND.finditer(text):
        if any(f.start <= m.start("who") < f.end for f in facts):
            continue
        kind_d = _kind_near(text, m.start("who"), m.end("who"))
        if kind_d is not None:
            side, hint = _side(text, m.start("who"), m.end("who"))
            facts.append(CountFact(kind=kind_d[0], side=side, value=1, start=m.start("who"), end=m.end("who"),
                                   side_hint=hint, group=_group(m.group("who"))))
    # "10 people were killed, among them 4 policemen": a part of a figure already counted
    facts = [f for f in facts if not _subset_of_earlier(text, f, facts)]
    facts = _sum_lists(facts)
    if not facts:
        for m in _BARE.finditer(text):
            if re.search(r"\bin addition to (the )?$", text[: m.start()]):
                continue  # presupposed, not claimed: "in addition to the captured soldiers"
            pred = m.group("pred").lower()
            kind = next((k for k, p in _KINDS if p.search(pred)), "killed")
            if pred == "casualties":
                kind = "killed"
            side, hint = _side(text, m.start(), m.end())
            if side or hint:
                facts.append(CountFact(kind=kind, side=side, value=None, start=m.start(), end=m.end(), side_hint=hint))
        m = re.search(r"\bthere (?:are|were) (?:also )?(dead|killed|casualties)\b", text, re.I)
        if m and not facts:
            side, hint = _side(text, m.end(), min(len(text), m.end() + 60))
            if side:
                facts.append(CountFact(kind="killed", side=side, value=None, start=m.start(), end=m.end()))
    return facts
