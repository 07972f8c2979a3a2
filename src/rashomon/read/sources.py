"""Who is speaking: a noun phrase ("the Azerbaijani Defense Ministry", "Baku", "Russian media",
"Prime Minister of Israel Benjamin Netanyahu", "he", "the ministry") to one normalised ``Source``.

Names are canonical so that one body gets one name: "Ministry of Defense of Azerbaijan" for
"Azerbaijan's Ministry of Defense", "the Azerbaijani Defense Ministry" and "the Ministry of
Defense of Azerbaijan"; a capital or a bare country speaking becomes "Government of <country>".
``SourceContext`` remembers the sources a document has named, so "he", "the ministry" and
"the country's foreign ministry" resolve to what came before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from rashomon.country_names import country_name
from rashomon.model import Source, SourceKind, as_source_kind
from rashomon.read import speaker
from rashomon.read.countries import countries_in, country_code

_MINISTRIES: list[tuple[re.Pattern[str], str, SourceKind]] = [
    (re.compile(r"\bnational defen[cs]e\b", re.I), "Ministry of National Defense", "military"),
    (re.compile(r"\b(defen[cs]e|mod)\b", re.I), "Ministry of Defense", "military"),
    (re.compile(r"\b(foreign (affairs )?(ministry|office|minister)|ministry of foreign affairs|mfa|foreign affairs)\b", re.I),
     "Ministry of Foreign Affairs", "government"),
    (re.compile(r"\b(interior|internal affairs|home office)\b", re.I), "Ministry of Interior", "government"),
    (re.compile(r"\bhealth\b", re.I), "Ministry of Health", "government"),
]
_MINISTRY_WORD = re.compile(r"\b(ministry|ministries|department|office|minister)\b", re.I)
_MILITARY = re.compile(r"\b(army|armed forces|military|troops|forces|general staff|border (guards?|service)|"
                       r"navy|air force|command|defen[cs]e forces?|units)\b", re.I)
_GOVERNMENT = re.compile(r"\b(government|authorities|officials?|cabinet|administration|presidency|"
                         r"parliament|security council|state|leadership|side)\b", re.I)
_MEDIA = re.compile(r"\b(media|press|newspaper|edition|outlet|outlets|television|tv|channel|news agency|"
                    r"agency|journalists?|reporters?|sources|portal|website|daily|weekly|broadcaster)\b", re.I)
# capitalised only because they open the sentence: "Local sources said", "Security sources told"
_GENERIC = {"the", "news", "agency", "local", "security", "military", "medical", "hospital", "official", "informed",
            "reliable", "several", "other", "some", "two", "three", "many", "independent", "opposition", "tribal",
            "diplomatic", "government", "police", "intelligence", "western", "foreign", "state", "regional"}
_TITLE = re.compile(r"\b(prime minister|president|minister|secretary|spokes(wo)?man|spokesperson|"
                    r"commander|chief|general|ambassador|governor|mayor|leader|head|envoy|official|"
                    r"chairman|speaker|ombudsman|aide|adviser|advisor|secretary-general)\b", re.I)
# "KHARTOUM, Nov 3 (Reuters) - The army said", "New York (AFP) – Joe Biden said": where the story was filed
_DATELINE_PREFIX = re.compile(r"^(?:[A-Z][A-Z .'-]+(?:,[^–—\n]{0,40}?)?\s*(?:\([^)]{1,40}\))?|"
                              r"[A-Z][\w.' ]{1,30}?(?:,[^–—\n(]{0,30}?)?\s*\([^)]{1,40}\))\s*[–—-]\s+")


def strip_dateline(text: str) -> str:
    """The text without the dateline that opens it (where the story was filed is not who speaks)."""
    return _DATELINE_PREFIX.sub("", text)


_PRONOUN = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "i"}
# roles only one person holds at a time, so "the senator" is someone the text has named
_PERSON_ROLES = {"senator", "nominee", "candidate", "congressman", "congresswoman", "governor", "businessman",
                 "businesswoman", "mogul", "billionaire", "president", "secretary", "chairman", "chairwoman",
                 "mayor", "minister", "premier", "chancellor", "lawmaker", "representative", "ambassador"}
_DETS = re.compile(r"^(the|a|an|some|several|other|many|its|his|her|their|our)\s+", re.I)


# the pronouns of a man and of a woman: the gender a "he"/"she" asks of the person it stands for
HE = frozenset({"he", "him", "his", "himself"})
SHE = frozenset({"she", "her", "hers", "herself"})


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    raw = resources.files("rashomon.read").joinpath("data/first_names.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in raw.splitlines() if line and not line.startswith("#"))


def name_gender(name: str) -> str | None:
    """"m" or "f" when the first of a full name's words is a first name given mostly to one sex
    ("Hope Hicks": f), else None (a surname alone, or a first name given to both)."""
    words = name.split()
    if len(words) < 2:
        return None
    return _first_names().get(words[0].lower().strip(".,"))


class PersonMention(NamedTuple):
    """A person the text names: where, as written, gender ("m" | "f" | None), whether a subject
    (outside quotations), the start of its sentence, and whether the subject of its sentence's
    main verb or of a reporting verb (the one a later "he" most likely means)."""

    char: int
    name: str
    gender: str | None
    subject: bool
    sent: int
    main: bool
    role: str | None = None  # the title written before the name ("Sen." -> "senator")
    # the words the text describes the person with, before the name or set beside it ("republican",
    # "presidential", "candidate" in "Republican presidential candidate X" or "X, the Republican candidate")
    described: frozenset[str] = frozenset()
    quoted: bool = False  # named inside a quotation


@dataclass(frozen=True)
class _Org:
    name: str
    kind: str
    country: str | None


@lru_cache(maxsize=1)
def _orgs() -> dict[str, _Org]:
    out = {}
    raw = resources.files("rashomon.read").joinpath("data/organisations.tsv").read_text(encoding="utf-8")
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            alias, name, kind = parts[0], parts[1], parts[2]
            iso = parts[3].strip() if len(parts) > 3 and parts[3].strip() else None
            out[alias] = _Org(name, kind, iso)
    return out


@lru_cache(maxsize=1)
def _org_regex() -> re.Pattern[str]:
    """One pattern for every known organisation alias, longest first."""
    alts = sorted(_orgs(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")


@dataclass
class SourceContext:
    """What a document has said so far about who speaks."""

    outlet: Source
    named: list[Source] = field(default_factory=list)
    persons: dict[str, Source] = field(default_factory=dict)  # surname -> person source
    previous_country: str | None = None  # first country named in the previous sentence ("its")
    last_country: str | None = None  # the country named last before this sentence ("the country's")
    default_country: str | None = None  # the country the article is mostly about
    people: list[PersonMention] = field(default_factory=list)  # every person the text names, in order
    layout: speaker.Layout = field(default_factory=speaker.Layout)  # where sentences and paragraphs start

    def person_before(self, char: int, pronoun: str) -> Source | None:
        """The person a "he"/"she" at ``char`` most likely means: the named person the learned chooser
        (read.speaker) scores highest; without its weights or the document's layout, the rule
        (``person_by_rule``). With nobody named before, the last speaker."""
        w = speaker.weights()
        if w is None or not self.layout.sentences:
            return self.person_by_rule(char, pronoun)
        name = speaker.choose(self.speaker_candidates(char, pronoun), w)
        if name is None:
            return self.last(lambda s: s.kind == "person")
        return self._person(name)

    def speaker_candidates(self, char: int, pronoun: str) -> list[speaker.Candidate]:
        """The people named before ``char``, with the features the chooser scores them on."""
        want = "f" if pronoun in SHE else "m"
        quoted = [_surname(s.name) for s in self.named if s.kind == "person"]

        def spoke(name: str) -> tuple[bool, int]:
            sur = name.split()[-1]
            return bool(quoted) and quoted[-1] == sur, quoted.count(sur)

        return speaker.candidates(self.people, char, want, self.layout, spoke)

    def person_by_rule(self, char: int, pronoun: str) -> Source | None:
        """Among the people named as subjects before ``char`` whose gender does not clash, those of the
        latest sentence that has any; there, the subject of the main or reporting verb ("Nevins said he
        chose it because Lynch agreed. 'We persuaded him,' he said": Nevins), else the last one named.
        With none, the last speaker."""
        want = "f" if pronoun in SHE else "m"
        gender = {p.name.split()[-1]: p.gender for p in self.people if p.gender}
        speaker = self.last(lambda s: s.kind == "person" and gender.get(_surname(s.name)) in (None, want))
        cands = [p for p in self.people if p.char < char and p.gender in (None, want) and p.subject]
        if not cands:
            return speaker
        latest = [p for p in cands if p.sent == cands[-1].sent]
        return self._person(next((p.name for p in latest if p.main), latest[-1].name))

    def _person(self, name: str) -> Source:
        """The person source for a name the text gives: the one remembered under its surname, unless
        that is someone else of the same surname ("Chelsea Clinton" is not "Hillary Clinton")."""
        known = self.persons.get(name.split()[-1])
        if known is not None and (len(name.split()) == 1 or name in known.name):
            return known
        return Source(name, None, "person")

    def described(self, char: int, role: str, words: frozenset[str] = frozenset()) -> Source | None:
        """The speaker a definite description at ``char`` ("the senator", "the Republican nominee",
        "the official", with its ``words``) most likely means: the person the text described before with
        that role word, sharing most of the description's words (latest on a tie); the latest source
        remembered with that role in its name; for a role only people hold, the latest person the text
        gave that title ("Sen. X"), else the person named most often as a subject before it."""
        desc = [p for p in self.people if p.char < char and role in p.described]
        if desc:
            return self._person(max(desc, key=lambda p: (len(p.described & words), p.char)).name)
        titled = [p for p in self.people if p.char < char and p.role == role]
        if titled:
            return self._person(titled[-1].name)
        had = self.last(lambda s: re.search(rf"\b{re.escape(role)}\b", s.name, re.I) is not None)
        if had is not None or role not in _PERSON_ROLES:
            return had
        cands = [p for p in self.people if p.char < char and p.subject]
        if not cands:
            return None
        return self._person(cands[-1].name)

    def surname(self, word: str) -> Source | None:
        """The person a lone capitalised word names when it is the surname of someone the text has named
        ("Cuban said" after "Mark Cuban", which is no country's people speaking)."""
        known = self.persons.get(word)
        if known is not None and _surname(known.name) == word:
            return known
        named = next((p.name for p in reversed(self.people) if len(p.name.split()) > 1 and p.name.split()[-1] == word),
                     None)
        return self._person(named) if named else None

    def remember(self, src: Source) -> None:
        if src.kind != "outlet":
            self.named.append(src)
        if src.kind == "person":
            for part in re.findall(r"[A-Z][\w'-]+", src.name.split(",")[0]):
                self.persons.setdefault(part, src)

    def last(self, pred=lambda s: True) -> Source | None:
        for s in reversed(self.named):
            if pred(s):
                return s
        return None


_TITLE_SITE = re.compile(r"\s[|–—-]\s+(?P<site>[A-Z][\w.&' -]{1,40}?)\s*$")


def _surname(name: str) -> str:
    words = re.findall(r"[A-Z][\w'-]+", name.split(",")[0])
    return words[-1] if words else ""


def outlet_name(outlet: str | None, url: str | None = None, title: str | None = None,
                source: str | None = None) -> str:
    """Who speaks in an article's own voice: its outlet, else the site of its address, else the site
    its title names ("... | Daily Mail Online"), else the outlet of that document by name - never
    one voice shared by every article."""
    if outlet and outlet.strip():
        return outlet.strip()
    if url:
        host = re.sub(r"^www\d?\.", "", re.sub(r"^[a-z]+://", "", url.strip(), flags=re.I).split("/")[0])
        if host:
            return host.lower()
    m = _TITLE_SITE.search(title or "")
    if m:
        return m.group("site").strip()
    return f"the outlet of {source}" if source else "the outlet"


def outlet_source(outlet: str | None, url: str | None = None, title: str | None = None,
                  source: str | None = None) -> Source:
    return Source(name=outlet_name(outlet, url, title, source), country=None, kind="outlet")


# the title in any case, the name capitalised ("spokesman for the Taliban" names nobody)
_TITLED_NAME = re.compile(r"\b(?i:prime minister|president|minister|secretary|spokes(?:wo)?man|spokesperson|"
                          r"commander|journalist|governor|mayor|ambassador|envoy|general)\b(?:\s+(?i:of)\s+(?:(?i:the)\s+)?"
                          r"[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)?\s+(?P<name>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+){1,2})\s*$")


def normalise(phrase: str, ctx: SourceContext, persons: list[str] | None = None) -> Source | None:
    """A canonical source for the phrase naming a speaker, or None when it names nobody.
    ``persons`` are PERSON entity strings found inside the phrase."""
    p = _DATELINE_PREFIX.sub("", re.sub(r"\s+", " ", phrase)).strip(" ,.;:\"'“”‘’()")
    if not p:
        return None
    low = p.casefold()
    if low in _PRONOUN:
        return _pronoun_source(low, ctx)
    bare = _DETS.sub("", p)
    known = _org_source(bare, ctx)
    if known is not None:
        return known
    # "a spokesman for the Taliban", "an official of the ministry": the body speaks through them
    m = _SPEAKS_FOR.match(bare)
    if m and not _TITLED_NAME.search(bare):
        body = normalise(m.group("body"), ctx)
        if body is not None and body.kind not in ("person", "outlet"):
            return body
    if _LONE_NAME.fullmatch(bare) and (person := ctx.surname(bare)) is not None:
        return person
    # the tagger sometimes calls a capital speaking for its government a person ("Yerevan replied")
    persons = [x for x in (persons or []) if not _is_country_word(x)]
    iso = _country_of(p, ctx)
    if iso is None and ctx.default_country and _STATE_BODY.search(bare) and not _NON_STATE.search(bare):
        iso = ctx.default_country  # "the army", "the military government": the article's own country
    if not persons:
        m = _TITLED_NAME.search(bare)
        if m and not countries_in(m.group("name")):
            persons = [m.group("name")]
    if persons:
        return _person_source(persons, bare, iso, ctx)
    if _MINISTRY_WORD.search(bare) or re.search(r"\bmod\b|\bmfa\b", bare, re.I):
        found = _ministry_source(p, bare, iso, ctx)
        if found is not None:
            return found
    return _body_source(p, bare, iso, ctx)


_LONE_NAME = re.compile(r"[A-Z][\w'-]+")
_STATE_BODY = re.compile(r"\b(army|military|government|junta|armed forces|troops|police|spokes\w+|authorities|ministry)\b",
                         re.I)
_NON_STATE = re.compile(r"\b(rebels?|militants?|insurgents?|group)\b", re.I)


def _pronoun_source(low: str, ctx: SourceContext) -> Source | None:
    """A pronoun speaking: the source named last ("he": the last person, if any)."""
    if low in ("we", "i"):
        return ctx.last() or None
    if low in ("he", "she", "him", "her", "his"):
        return ctx.last(lambda s: s.kind == "person") or ctx.last()
    return ctx.last()


def _org_source(bare: str, ctx: SourceContext) -> Source | None:
    """A known organisation or agency the phrase names (a security council: that of its country)."""
    orgs = _orgs()
    for m in _org_regex().finditer(bare):
        alias = m.group(0)
        if alias in orgs:
            o = orgs[alias]
            if o.name == "Security Council":
                iso = _country_of(bare, ctx)
                if iso:
                    return Source(f"Security Council of {country_name(iso)}", iso, "government")
                continue
            return Source(o.name, o.country, as_source_kind(o.kind))
    return None


def _person_source(persons: list[str], bare: str, iso: str | None, ctx: SourceContext) -> Source:
    """A person named in the phrase (the longest PERSON entity), the one remembered under that
    surname where it is the same person, with a title that gives the country."""
    person = max(persons, key=len).strip()
    known = ctx.persons.get(person.split()[-1]) if person else None
    if known and len(person.split()) > 1 and person not in known.name:
        known = None  # another person of that surname ("Chelsea Clinton" after "Hillary Clinton")
    if known and len(person.split()) == 1:
        return known
    title = _TITLE.search(bare)
    if title:
        label = f"{person}, {_title_words(bare, person, title, iso)}"
        if known and known.name.startswith(person):
            return known
        return Source(label, iso, "person")
    return known or Source(person, iso, "person")


def _ministry_source(p: str, bare: str, iso: str | None, ctx: SourceContext) -> Source | None:
    """A ministry, department or office: canonical by its portfolio and country ("Ministry of Defense
    of Azerbaijan"), else the one named before; None when the phrase is no ministry we can name."""
    for pat, name, kind in _MINISTRIES:
        if pat.search(bare):
            if iso is None:
                prev = ctx.last(lambda s, n=name: s.name.startswith(n))
                if prev:
                    return prev
            return Source(f"{name} of {country_name(iso)}" if iso else name, iso, kind)
    if re.fullmatch(r"(the )?(ministry|department|office)", p, re.I):
        # "the ministry": the ministry named before; else that of the country the article is about
        prev = ctx.last(lambda s: "Ministry" in s.name)
        if prev or not iso:
            return prev or Source("ministry", None, "government")
        return Source(f"Government of {country_name(iso)}", iso, "government")
    if iso and re.fullmatch(r"(the )?\w+ (ministry|department)", p, re.I):
        # "the Azerbaijani Ministry": the ministry of that country named before
        prev = ctx.last(lambda s, c=iso: s.country == c and s.name.startswith("Ministry"))
        if prev:
            return prev
    title = _TITLE.search(bare)
    if title and iso:
        return Source(f"{title.group(0).title()} of {country_name(iso)}", iso, "government")
    return None


def _body_source(p: str, bare: str, iso: str | None, ctx: SourceContext) -> Source | None:
    """A body, group or role that is not a person or a ministry: the group or statement named before,
    media, armed forces, a role or the government of a country, unnamed speakers kept as written,
    a surname known from before, or a proper name we do not know."""
    if re.fullmatch(r"(the )?(group|organi[sz]ation|movement|militia|faction)", p, re.I):
        # "the group": the group or organisation named last (not a person, not a state body)
        prev = ctx.last(lambda s: s.kind in ("unnamed", "media", "international") and s.name[:1].isupper())
        if prev:
            return prev
    if re.fullmatch(r"(the )?(statement|report|release|press release|announcement)", p, re.I):
        return ctx.last()
    if media := _MEDIA.search(bare):
        return _media_source(bare, media.group(0).lower(), iso)
    if iso is not None and (state := _state_source(bare, iso)) is not None:
        return state
    if re.search(r"\bauthorities\b|\bofficials\b", bare, re.I):
        return Source(re.sub(r"^the ", "", bare, flags=re.I), None, "government")
    if _UNNAMED.search(bare):
        # kept as written and unnamed: an anonymous official weighs less than a named body
        return Source(bare, iso, "unnamed")
    for word in re.findall(r"[A-Z][\w'-]+", bare):
        if word in ctx.persons:
            return ctx.persons[word]
    if re.fullmatch(r"([A-Z][\w.&'-]*\s?){1,5}", bare):  # a proper name we do not know
        return Source(bare, iso, "media" if len(bare.split()) == 1 else "unnamed")
    return None


_UNNAMED = re.compile(r"\b(witness(es)?|residents?|activists?|sources?|officials?|observers?|medics?|doctors?|"
                      r"locals?|villagers?|survivors?)\b", re.I)


def _media_source(bare: str, noun: str, iso: str | None) -> Source:
    """Media speaking: "Azerbaijani media" by their country, an outlet by its capitalised name."""
    if iso and noun not in ("agency",):
        return Source(f"{_adjective(bare, iso)} {noun}", iso, "media")
    names = [w for w in re.findall(r"\b[A-Z][\w-]+\b", bare) if w.lower() not in _GENERIC]
    if names:
        return Source(" ".join(names), None, "media")
    return Source(bare, None, "unnamed")


def _state_source(bare: str, iso: str) -> Source | None:
    """A state body of a known country: its armed forces, a role ("Security Official of Lebanon") or
    its government."""
    if _MILITARY.search(bare):
        return Source(f"Armed Forces of {country_name(iso)}", iso, "military")
    if title := _TITLE.search(bare):
        return Source(f"{_role(bare, title)} of {country_name(iso)}", iso, "government")
    if _GOVERNMENT.search(bare) or _is_country_word(bare):
        return Source(f"Government of {country_name(iso)}", iso, "government")
    return None


_SPEAKS_FOR = re.compile(r"^(?:[\w-]+\s+){0,2}?(?:spokes(?:wo)?m[ae]n|spokespe(?:rson|ople)|representatives?|"
                         r"officials?|commanders?|members?)\s+(?:for|of|from|at|with)\s+(?P<body>(?:the\s+)?[A-Z].*)$")
def _title_words(bare: str, person: str, title: re.Match[str], iso: str | None) -> str:
    """The title as the text gives it before the name ("Defence Minister" in "Defence Minister Jaime
    Neto"), else the title word; with the country when the title does not already name it."""
    head = bare.split(person)[0].strip(" ,") if person in bare else ""
    words = head.split()
    if not (title.start() < len(head) and 1 <= len(words) <= 5 and not countries_in(head)):
        words = [title.group(0)]
    label = " ".join(w[:1].upper() + w[1:] for w in words)
    return f"{label} of {country_name(iso)}" if iso else label


def _role(bare: str, title: re.Match[str]) -> str:
    """A role as the text qualifies it, without its country ("a Lebanese security official" ->
    "Security Official"), else the title word alone."""
    words = bare
    for s, e, _ in reversed(countries_in(bare)):
        words = words[:s] + words[e:]
    words = _DETS.sub("", " ".join(words.split()))
    if title.group(0).lower() in words.lower() and 1 <= len(words.split()) <= 4 and words.lower().endswith(
            title.group(0).lower()):
        return " ".join(w[:1].upper() + w[1:] for w in words.split())
    return title.group(0).title()


def _is_country_word(p: str) -> bool:
    spans = countries_in(p)
    return bool(spans) and len(p.strip()) - sum(e - s for s, e, _ in spans) <= 4


def _adjective(p: str, iso: str) -> str:
    m = re.search(r"\b([A-Z][a-z]+(?:ian|ani|ese|ish|ch|i|an))\b", p)
    if m and country_code(m.group(1)) == iso:
        return m.group(1)
    from rashomon.country_names import demonym

    return demonym(iso) or country_name(iso) or iso


def _country_of(p: str, ctx: SourceContext) -> str | None:
    if re.search(r"\b(its|their)\b", p, re.I) and ctx.previous_country:
        return ctx.previous_country
    if re.search(r"\bthe country['’]?s?\b", p, re.I) and ctx.last_country:
        return ctx.last_country  # "the country's military": the country the text named last
    if re.search(r"\b(the country['’]?s|its|their)\b", p, re.I):
        prev = ctx.last(lambda s: s.country is not None)
        if prev:
            return prev.country
    spans = countries_in(p)
    return spans[0][2] if spans else None
