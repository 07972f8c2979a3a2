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
_ACTIVITY = re.compile(r"(?=[wta])(?:\b(?:while|when)\s+(?:they\s+were\s+)?(?P<a>(?:conducting|carrying out|doing|performing|"
                       r"building|constructing|repairing|patrolling|trying to|attempting to)\s+[^,.;:]{3,60})|"
                       r"\b(?:tried|trying|attempted|attempting)\s+to\s+(?P<b>(?:mine|build|carry out|cross|"
                       r"construct|fortify|repair|plant|set up|install|dig)\b[^,.;:]{0,50}))", re.I)


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
    i = content.find(name)
    return i > 0 and bool(_LOCATIVE.search(content[max(0, i - 60) : i]))


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
    m = _ACTIVITY.search(content)
    if not m:
        return None
    a = (m.group("a") or m.group("b") or "").strip().lower()
    a = re.sub(r"^(trying to|attempting to)\s+", "", a)
    return " ".join(a.split()[:6]) or None


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
