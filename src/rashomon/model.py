"""The values that flow between stages: ingest -> read -> link -> reconcile -> store -> export.

Every stage takes and returns these plain dataclasses, so each one is tested on its own with
no database. Field names follow the JSON export contract (docs/export-contract in ../shared/spec).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal, NotRequired, TypedDict, get_args

Stance = Literal["asserted", "denied", "unconfirmed"]
SourceKind = Literal["government", "military", "media", "international", "person", "outlet", "unnamed"]
CountKind = Literal["killed", "wounded", "captured", "missing", "displaced"]
Precision = Literal["day", "week", "month", "year"]
# ACLED's kinds of party (export contract v2, Actor.kind), with its inter codes 1-8; an unidentified
# armed group is coded as a political militia (3), as ACLED does
ActorKind = Literal["state forces", "rebels", "political militia", "identity militia", "rioters", "protesters",
                    "civilians", "external forces", "unidentified armed group"]
ActorRole = Literal["actor1", "actor2", "associated", "victim"]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
INTER_CODE = {"state forces": 1, "rebels": 2, "political militia": 3, "unidentified armed group": 3,
              "identity militia": 4, "rioters": 5, "protesters": 6, "civilians": 7, "external forces": 8}
COUNT_KINDS: tuple[CountKind, ...] = get_args(CountKind)

# A string read back from storage or a data file, as the value of its closed set: a KeyError names a
# value outside the set (stored rows and shipped tables only hold values these sets allow).
_STANCES: dict[str, Stance] = {v: v for v in get_args(Stance)}
_SOURCE_KINDS: dict[str, SourceKind] = {v: v for v in get_args(SourceKind)}
_COUNT_KINDS: dict[str, CountKind] = {v: v for v in get_args(CountKind)}
_PRECISIONS: dict[str, Precision] = {v: v for v in get_args(Precision)}
_ACTOR_KINDS: dict[str, ActorKind] = {v: v for v in get_args(ActorKind)}
_ACTOR_ROLES: dict[str, ActorRole] = {v: v for v in get_args(ActorRole)}


def as_stance(value: str) -> Stance:
    return _STANCES[value]


def as_source_kind(value: str) -> SourceKind:
    return _SOURCE_KINDS[value]


def as_count_kind(value: str) -> CountKind:
    return _COUNT_KINDS[value]


def as_precision(value: str) -> Precision:
    return _PRECISIONS[value]


def as_actor_kind(value: str) -> ActorKind:
    return _ACTOR_KINDS[value]


def as_actor_role(value: str) -> ActorRole:
    return _ACTOR_ROLES[value]


# ACLED's taxonomy: each sub-event type -> its event type. The one list of event types; reading
# classifies into it, the web app checks filters against it.
EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
    "Statement": "Diplomacy",
    "Call": "Diplomacy",
    "Request": "Diplomacy",
    "Talks": "Diplomacy",
    "Sanctions": "Diplomacy",
}


# event types that can tell the same happening: armed force, street action, talk between states
FAMILY = {
    "Battles": "force", "Explosions/Remote violence": "force", "Violence against civilians": "force",
    "Strategic developments": "force", "Protests": "street", "Riots": "street", "Diplomacy": "talk",
}
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}  # finer first


def content_id(text: str) -> str:
    """Stable document id: the same cleaned text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    """One cleaned article, as ingest hands it to reading."""

    text: str
    source: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    published_inferred: bool = False
    language: str = "en"
    date_evidence: str | None = None  # why the publication date is what it is, when inferred
    year_known: bool = True  # False while an inferred date's year is only a guess

    @property
    def id(self) -> str:
        return content_id(self.text)


@dataclass(frozen=True)
class Source:
    """Who makes a claim, normalised: 'Ministry of Defense of Azerbaijan' and 'the Azerbaijani
    Defense Ministry' are one source."""

    name: str
    country: str | None = None
    kind: SourceKind = "unnamed"

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "kind": self.kind}


@dataclass(frozen=True)
class Actor:
    """A party to an event, named as ACLED names it ("Military Forces of Nigeria", "Boko Haram",
    "Protesters (Belarus)", "Civilians (Mali)"), with its kind and its role in the event."""

    name: str
    country: str | None = None
    kind: ActorKind = "unidentified armed group"
    role: ActorRole = "actor1"

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "kind": self.kind, "role": self.role}

    @property
    def inter(self) -> int:
        """ACLED's inter code of the actor's kind (1 state forces ... 8 external forces)."""
        return INTER_CODE.get(self.kind, 3)


# parties named by their kind only, as ACLED names them (reading adds the country in brackets, except
# to the pro-government militia, whose ACLED name has none)
GENERIC_PARTIES = {
    "armed group": "Unidentified Armed Group",
    "communal militia": "Unidentified Communal Militia",
    "vigilante militia": "Vigilante Militia",
    "pro-government militia": "Militia (Pro-Government)",
    "civilians": "Civilians",
    "protesters": "Protesters",
    "rioters": "Rioters",
}
_GENERIC = re.compile(rf"^({'|'.join(map(re.escape, GENERIC_PARTIES.values()))})( \(.*\))?$")
_STATE_FORCES = ("Military Forces", "Police Forces")  # how ACLED's names of a state's forces begin


def party_group(name: str) -> str:
    """Whose people a party is, wherever the event and whoever else is in it: a party named by its
    kind ("Civilians (Mali)") or a state's forces ("Military Forces of X (2013-)"), without the
    bracketed country or years; any other party is its own. Counts of one group are of the same
    people (reconcile), so no event's actors enter here, unlike ``is_generic_party``."""
    if _GENERIC.match(name) or name.startswith(_STATE_FORCES):
        return name.split(" (")[0]
    return name


def is_generic_party(name: str, actors: list[Actor] | None = None, where: str | None = None) -> bool:
    """A party named only by its kind and country ("Protesters (Kenya)"), not a group of its own; a
    state's forces at home too ("Police Forces of Kenya" in Kenya), unless the event sets states
    against each other (the forces of two states among its actors). A state's forces abroad (their
    country is not ``where``, the event's country, when known) are a party of their own. A peace
    operation (external forces that are no state's, "MINUSCA: ...") is in every event where it is
    deployed, like a state's forces at home, so it does not tell one event from another."""
    if _GENERIC.match(name):
        return True
    if not name.startswith(_STATE_FORCES) and any(
            a.name == name and a.kind == "external forces" for a in actors or []):
        return True
    if name.startswith(_STATE_FORCES):
        states = {a.country for a in actors or [] if a.kind in ("state forces", "external forces")}
        if len(states) >= 2:
            return False
        home = {a.country for a in actors or [] if a.name == name and a.country}
        return not (where and home and where not in home)
    return False


@dataclass
class Place:
    """A place name found in a document's text and resolved against the gazetteer."""

    start: int
    end: int
    name: str
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str = "other"
    gazetteer_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        # the fields in order, as dataclasses.asdict gives them (all are scalars), without its deep copy
        return {
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "country": self.country,
            "admin1": self.admin1,
            "feature": self.feature,
            "gazetteer_id": self.gazetteer_id,
        }

    @property
    def area(self) -> str | None:
        """The first-level area the place lies in (an admin1 place is its own area)."""
        return self.name if self.feature == "admin1" and not self.admin1 else self.admin1


class CountField(TypedDict):
    """A figure as one claim gives it (a value of ``ClaimFields`` under a count kind)."""

    side: str | None  # the country whose people are counted (a state's forces, or told "our"/"enemy")
    value: int | None  # None: people were killed/wounded/... but no figure is given
    group: NotRequired[str]  # who, where no side is told: "civilians", "forces", "fighters"
    party: NotRequired[str]  # the Actor.name whose people are counted, when the text says
    open_ended: NotRequired[bool]  # "at least", "the toll could rise"
    approx: NotRequired[bool]  # "about", "dozens"
    superseded: NotRequired[bool]  # told as an earlier figure ("initially said four", "early reports said")


class LocationField(TypedDict):
    """The place a claim locates the happening at (a ``Place`` the text puts it in)."""

    name: str
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    feature: str


# the fields of a claim whose values sources contest as they are (a figure is contested per side)
DisputableField = Literal["territory", "initiator", "civilian_targeting", "activity"]


class ClaimFields(TypedDict, total=False):
    """What a claim asserts, in the Event's field names: the one definition of the keys of
    ``Claim.fields`` (stored and exported as it is). A count kind (``CountKind``) keys its figure."""

    location: LocationField
    territory: str  # the country the event happened in
    initiator: str  # who started it: a country, or the Actor.name of a party
    civilian_targeting: bool
    activity: str  # what the targets were doing ("conducting engineering works")
    killed: CountField
    wounded: CountField
    captured: CountField
    missing: CountField
    displaced: CountField


@dataclass
class Claim:
    """One statement by one source, backed by document.text[start:end]."""

    start: int
    end: int
    text: str
    source: Source
    stance: Stance
    fields: ClaimFields = field(default_factory=ClaimFields)
    mention: int | None = None  # index of the Mention (in the same Reading) it is about


@dataclass
class Mention:
    """One event as one document tells it (several sentences may tell the same mention)."""

    event_type: str
    sub_event_type: str | None
    date: dt.date | None
    date_end: dt.date | None = None
    date_precision: Precision = "day"
    historical: bool = False
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    actor1: str | None = None
    actor2: str | None = None
    start: int = 0  # span of the first sentence that tells it
    end: int = 0
    places: list[Place] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # every country involved, for linking
    actors: list[Actor] = field(default_factory=list)  # every party, with its role
    date_inferred: bool = False  # the date rests on an inferred publication date or a guessed year


# What a Mention and an Event both say of the happening, in the export contract's order: the one
# event column set. The store's mention and event tables, the store's conversions and the JSON
# export's event fields derive from it (tests/test_architecture.py checks they do).
EVENT_FIELDS: tuple[str, ...] = (
    "event_type", "sub_event_type", "date", "date_end", "date_precision", "historical", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "actor1", "actor2", "actors", "date_inferred",
)


@dataclass
class Reading:
    """All that reading found in one document."""

    places: list[Place] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Count:
    kind: CountKind
    side: str | None
    low: int
    best: int
    high: int | None
    claims: list[str] = field(default_factory=list)
    party: str | None = None  # the Actor.name whose people are counted, when the text says

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "side": self.side, "party": self.party, "low": self.low, "best": self.best,
                "high": self.high, "claims": list(self.claims)}


@dataclass
class Position:
    value: Any
    claims: list[str] = field(default_factory=list)


@dataclass
class Dispute:
    field: str
    positions: list[Position]

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "positions": [asdict(p) for p in self.positions]}


@dataclass
class ClaimRecord:
    """A stored claim, as linking and reconciling see it."""

    id: str
    document: str
    source: Source
    stance: Stance
    fields: ClaimFields
    text: str = ""


@dataclass
class MentionRecord:
    """A stored mention with its id, document and claims: the unit that linking clusters."""

    id: str
    document: str
    mention: Mention
    claims: list[ClaimRecord] = field(default_factory=list)
    published: date | None = None
    event: str | None = None  # the event linking last put it in


@dataclass
class Event:
    """One real-world happening, merged across documents."""

    id: str
    event_type: str
    sub_event_type: str | None
    date: dt.date | None
    date_end: dt.date | None
    date_precision: Precision
    historical: bool
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    actor1: str | None
    actor2: str | None
    mentions: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    block: str = ""
    actors: list[Actor] = field(default_factory=list)
    date_inferred: bool = False
