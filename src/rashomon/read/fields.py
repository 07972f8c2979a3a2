"""What a claim asserts, in the Event's field names: territory, initiator, civilian_targeting,
activity (counts come from ``counts``). Each is a small general pattern over the reported content,
with country words resolved by ``countries``; "our"/"its" territory resolves to the speaker."""

from __future__ import annotations

import re

from rashomon.model import ClaimFields, LocationField, Place
from rashomon.read.countries import countries_in

_AGGRESSION_VERB = (r"(?:attack(?:ed|s|ing)?|launch(?:ed|es)?|open(?:ed|s)? fire|shell(?:ed|s|ing)?|fired|"
                    r"struck|strikes?|provok(?:ed|es|ing)|provocations?|invad(?:ed|es|ing)|entered|enter(?:s|ing)?|"
                    r"cross(?:ed|es|ing)?|encroach(?:ed|es|ing)?|infiltrat(?:ed|es|ing)|violat(?:ed|es|ing)|"
                    r"intrud(?:ed|es|ing)|breach(?:ed|es)?|carried out (?:a |an )?(?:[\w-]+ ){0,2}"
                    r"(?:provocations?|attacks?|offensive|assault)|advanc(?:ed|es|ing)|bomb(?:ed|s|ing)?)")
_ACTOR_HEAD = (r"(?:troops|forces|army|military|soldiers|servicemen|units|side|armed forces|special forces|"
               r"group|sabotage groups?|reconnaissance-sabotage group|drones?|artillery|aircraft|militants|fighters)")
# A pattern that opens with a lookahead on the first letters of its words is tried only where one of them
# stands: a necessary condition, so the matches are the same, but re skips most positions without trying
# the case-insensitive alternation there.
_NOUN_BY = re.compile(r"\b(?=[apiebos])(?:attacks?|provocations?|aggression|invasion|incursion|encroachment|breach|offensive|"
                      r"assault|shelling|intervention)\s+(?:of|by|from)\s+(?:the\s+)?([^,.;:]{2,60})", re.I)
_POSSESSIVE_NOUN = re.compile(r"\b([A-Z][\w-]+)(?:['’]s)\s+(?:[\w-]+\s+){0,2}(?:provocations?|aggression|attacks?|"
                              r"invasion|incursion|intervention|provocative actions|actions)\b")
_TERRITORY = [
    re.compile(r"\b(?:on|in|into|onto|inside|within|to)\s+(?:the\s+)?(?:sovereign\s+)?territor(?:y|ies)\s+of\s+"
               r"(?:the\s+|an?\s+)?(?P<c>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)"),
    re.compile(r"\b(?P<c>[A-Z][\w-]+)(?:['’]s)?\s+(?:sovereign\s+)?territor(?:y|ies)\b"),
    re.compile(r"\b(?:entered|invaded|crossed into|infiltrated into|encroached on|into|inside)\s+(?:the\s+)?"
               r"(?P<c>[A-Z][\w-]+)\b"),
]
_OUR_TERRITORY = re.compile(r"\b(?=[oit])(?:our|its|their)\s+(?:own\s+)?(?:sovereign\s+)?(?:territor(?:y|ies)|soil|land)\b", re.I)
_CIVILIAN = re.compile(r"\b(?=[csrhmdf])(civilians?|civilian (?:population|infrastructure|areas?|targets?|objects?|homes?)|"
                       r"settlements?|residential|hospitals?|schools?|markets?|homes|houses|refugee camps?|displacement camps?|"
                       r"(?:displaced )?families|displaced people)\b", re.I)
_TARGETING = re.compile(r"\b(target\w*|attack\w*|shell\w*|strik\w*|struck|hit|bomb\w*|fir(?:ed|ing) (?:at|on)|"
                        r"kill\w*|massacre\w*)\b", re.I)
_MILITARY_ONLY = re.compile(r"\b(?=[lom])(legitimate military targets?|only military (?:targets?|objects?|positions?)|"
                            r"military targets? only)\b", re.I)
# What the people an event befell were doing, as a label two accounts can agree or disagree on ("she was
# fleeing" / "it was a forcible expulsion"): each label with the words that tell it, the first told wins.
ACTIVITIES: tuple[tuple[str, str], ...] = (
    ("killing", r"murder\w*|homicide|stabb\w*(?: \w+){0,4} to death|kill(?:ed|ing) (?:a|an|the|his|her|two|three|\d+)\b"),
    ("being expelled", r"deport\w*|expel\w*|expulsion|against (?:his|her|their) will|"
                       r"forcibly (?:removed|taken|transported|driven|sent)"),
    ("fleeing", r"fle(?:e|es|eing|d)|escap(?:e|ed|es|ing)|run(?:ning)? away"),
    ("crossing the border", r"cross\w*(?: (?:the|a))? (?:border|frontier|line)|infiltrat\w*"),
    ("protesting", r"protest\w*|demonstrat\w*|rall(?:y|ies|ying)|march(?:ed|es|ing)?\b|sit-ins?"),
    ("fighting", r"fight(?:s|ing)?|brawl\w*|became (?:violent|aggressive)|resist\w* arrest"),
    ("working", r"engineering works?|\bwork(?:s|ing)?\b|on duty|farming|harvest\w*|construct\w*|repair\w*|"
                r"fortif\w*|build(?:ing)?|dig(?:ging)?"),
    ("shopping", r"(?:go|going|went|gone|way) to buy|buy(?:ing)? (?:\w+ )?(?:food|groceries|bread|drinks?)|shopping"),
)
_LABELS = [(label, re.compile(rf"\b(?:{words})", re.I)) for label, words in ACTIVITIES]
# the phrases that tell what someone was doing (or is said to have done): the activity is in what follows
_ACTIVITY = re.compile(r"(?=[wtaecfgsjdhioplrn])(?:\b(?:while|when)\s+(?:(?:he|she|they|it)\s+(?:was|were)\s+)?(?P<a>[^,.;:]{3,60})|"
                       r"\b(?:(?:tried|trying|attempted|attempting|attempts?|in order)\s+to|aim of)\s+(?P<b>[^,.;:]{2,60})|"
                       r"\b(?:convicted|accused|suspected|guilty|responsible)\s+(?:\w+\s+){0,3}?(?:of|for)\s+(?P<c>[^,.;:]{3,60})|"
                       r"\b(?:charged with|executed for|arrested for|sentenced (?:\w+\s+){0,3}?for)\s+(?P<d>[^,.;:]{3,60})|"
                       r"\b(?:sole|only)\s+(?:act|crime|offence|offense)\s+(?:was|is)\s+(?P<e>[^,.;:]{3,60})|"
                       r"\b(?:went|go|going|gone|took part|joined|attended|were at|was at)\s+(?:to|in|on)?\s*(?P<f>(?:a|an|the)\s[^,.;:]{3,60})|"
                       r"\b(?:was|were)\s+(?:not\s+(?:only|just)\s+)?(?P<h>\w+ing\b(?:\s+[\w-]+){0,2})|"
                       r"\b(?P<no>there\s+(?:was|were|had been)\s+no|(?:was|were)\s*n[o'’]t|not)\s+(?!only\b|just\b|merely\b|simply\b)(?P<g>(?:a\s+)?[\w-]+(?:\s+[\w-]+)?))",
                       re.I)
_OLD_FREE_TEXT = re.compile(r"^(?:conducting|carrying out|doing|performing|building|constructing|repairing|patrolling|"
                            r"mine|build|carry out|cross|construct|fortify|repair|plant|set up|install|dig)\b", re.I)
# a forced removal told of someone in any words ("her forcible expulsion", "deported him"; not "Iran's expulsion
# from world sport")
_EXPELLED = re.compile(r"\b(?=[hftdea])(?:(?:his|her|their|forcible|forced|violent)\s+(?:expulsion|deportation)|"
                       r"(?:deport|expel)\w*\s+(?:him|her|them)\b|against (?:his|her|their) will|"
                       r"forcibly (?:removed|taken|transported|driven|sent))", re.I)


def _country(phrase: str) -> str | None:
    c = countries_in(phrase)
    return c[0][2] if c else None


def territory(content: str, speaker_country: str | None, places: list[Place]) -> str | None:
    """The country the content says the event happened in."""
    m = re.search(r"\bon the territory of (\w+),? not (\w+)", content)
    if m:
        return _country(m.group(1))
    for pat in _TERRITORY:
        for m in pat.finditer(content):
            c = _country(m.group("c"))
            if c:
                return c
    if _OUR_TERRITORY.search(content) and speaker_country:
        return speaker_country
    for p in places:
        # a sub-national place the event is located at ("in the region of X", "near X", "in X's Y
        # province"); a capital speaking for its government ("Baku does not confirm") is not one
        if p.country and p.feature in ("admin1", "admin2", "populated place") and _locative(content, p.name):
            return p.country
    return None


_LOCATIVE = re.compile(r"\b(in|near|at|outside|around|into|inside|of|towards?|from|across|along)\s+"
                       r"(?:the\s+)?(?:[\w’'-]+\s+){0,4}$", re.I)


def _locative(content: str, name: str) -> bool:
    """The name stands where a place is told ("in X", "near the X"); not as the first half of a compound
    ("the X-backed government", "an X-led force")."""
    i = content.find(name)
    if i <= 0 or _COMPOUND.match(content, i + len(name)):
        return False
    return bool(_LOCATIVE.search(content[max(0, i - 60) : i]))


_COMPOUND = re.compile(r"-[a-z]")


# "Armenian armed forces opened fire": the agent phrase (up to four words before a head) of an aggression
_HEAD = rf"{_ACTOR_HEAD}(?:\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?"
_ACTS = (
    r"(?:\s+(?:had|have|has|were|was|also|then|reportedly|allegedly|tried to|attempted to|continue|continued)){0,2}"
    rf"\s+{_AGGRESSION_VERB}\b"
)
_ACTOR_ACTS = re.compile(rf"(?P<subj>(?:[\w’'-]+\s+){{0,4}}?{_HEAD}){_ACTS}", re.I)
# the same without the words before the head: a cheap necessary condition (those lazy words are slow)
_HEAD_ACTS = re.compile(r"(?=[tfamsugrd])" + _HEAD + _ACTS, re.I)
_NAME_ACTS = re.compile(rf"\b(?P<c>[A-Z][\w-]+)\s+(?:has\s+|had\s+)?{_AGGRESSION_VERB}\b")


def initiator(content: str) -> str | None:
    """Who started it: the country of the agent of an aggressive act."""
    m = _ACTOR_ACTS.search(content) if _HEAD_ACTS.search(content) else None
    if m:
        c = _country(m.group("subj"))
        if c:
            return c
    m = _NOUN_BY.search(content)
    if m:
        c = _country(m.group(1))
        if c:
            return c
    m = _POSSESSIVE_NOUN.search(content)
    if m:
        c = _country(m.group(1))
        if c:
            return c
    m = _NAME_ACTS.search(content)
    if m:
        return _country(m.group("c"))
    return None


def civilian_targeting(content: str) -> bool | None:
    if _MILITARY_ONLY.search(content):
        return False
    for m in _CIVILIAN.finditer(content):
        lo = max(0, m.start() - 60)
        window = content[lo : m.end() + 40]
        hits = list(_TARGETING.finditer(window))
        if hits:
            t = min(hits, key=lambda h: abs(h.start() - (m.start() - lo)))
            before = window[: t.start()][-25:]
            return not re.search(r"\b(not|never|no|nor|did not|didn't|without)\b", before, re.I)
    return None


def activity(content: str) -> str | None:
    """What the people the event befell were doing, by this account: a label of ``ACTIVITIES`` told in a
    phrase that says what someone did ("while fleeing", "an attempt to flee", "convicted of murder", "went to
    a protest", "his sole act was a demonstration"), "not <label>" where it is denied ("there was no fight");
    a forced removal told in any words ("her forcible expulsion"); else the phrase itself ("conducting
    engineering works", "tried to mine the roads")."""
    for m in _ACTIVITY.finditer(content):
        phrase = next(g for g in (m.group(k) for k in "abcdefgh") if g)
        # "they were fleeing": the verb itself tells it ("were smoking outside the works" does not)
        label = _label(phrase, at_start=bool(m.group("h")))
        if label:
            return f"not {label}" if m.group("no") else label
        if not m.group("no") and _OLD_FREE_TEXT.match(phrase.strip()):
            return _phrase(phrase)
    return "being expelled" if _EXPELLED.search(content) else None


def _label(phrase: str, at_start: bool = False) -> str | None:
    phrase = phrase.strip()
    return next((label for label, pat in _LABELS if (pat.match(phrase) if at_start else pat.search(phrase))), None)


def _phrase(phrase: str) -> str:
    a = re.sub(r"^(trying to|attempting to)\s+", "", phrase.strip().lower())
    return " ".join(a.split()[:6])


def location(content: str, places: list[Place]) -> LocationField | None:
    """The sub-national place the content locates the happening at ("in the region of X")."""
    rank = {"populated place": 0, "admin2": 1, "admin1": 2}
    found = [p for p in places if p.feature in rank and p.latitude is not None and _locative(content, p.name)]
    if not found:
        return None
    p = min(found, key=lambda p: rank[p.feature])
    return {"name": p.name, "admin1": p.admin1 or (p.name if p.feature == "admin1" else None),
            "country": p.country, "latitude": p.latitude, "longitude": p.longitude, "feature": p.feature}


def claim_fields(content: str, speaker_country: str | None, places: list[Place]) -> ClaimFields:
    out: ClaimFields = {}
    loc = location(content, places)
    if loc:
        out["location"] = loc
    t = territory(content, speaker_country, places)
    if t:
        out["territory"] = t
    i = initiator(content)
    if i:
        out["initiator"] = i
    c = civilian_targeting(content)
    if c is not None:
        out["civilian_targeting"] = c
    a = activity(content)
    if a:
        out["activity"] = a
    return out
