"""Reconciling one cluster of hand-made mentions into an event: counts, disputes, dates, order."""

from __future__ import annotations

from datetime import date

from rashomon.link import Cluster
from rashomon.model import ClaimRecord, Mention, MentionRecord, Source
from rashomon.reconcile import event_id, reconcile

MOD = Source("Ministry of Defence", "ARM", "military")
AGENCY = Source("News Agency", None, "media")
OUTLET = Source("outlet", None, "outlet")


def claim(cid: str, source: Source, stance: str = "asserted", **fields) -> ClaimRecord:
    return ClaimRecord(id=cid, document=cid.split("-")[0], source=source, stance=stance,  # type: ignore[arg-type]
                       fields=fields, text=f"claim {cid}")


def mention(mid: str, claims: list[ClaimRecord], day: date = date(2020, 9, 27), precision: str = "day",
            etype: str = "Battles", historical: bool = False) -> MentionRecord:
    m = Mention(event_type=etype, sub_event_type="Armed clash", date=day, date_precision=precision,  # type: ignore[arg-type]
                historical=historical, country="ARM", countries=["ARM"])
    return MentionRecord(id=mid, document=mid.split("-")[0], mention=m, claims=claims)


def event(*recs: MentionRecord):
    by_id = {r.id: r for r in recs}
    return reconcile(Cluster(mentions=sorted(by_id)), by_id)


def test_the_same_figure_twice_is_one_figure_not_a_sum():
    a = mention("d1-m0", [claim("d1-c0", MOD, killed={"side": "ARM", "value": 5})])
    b = mention("d2-m0", [claim("d2-c0", AGENCY, killed={"side": "ARM", "value": 5})])
    ev = event(a, b)
    [count] = [c for c in ev.counts if c.kind == "killed"]
    assert (count.low, count.best, count.high) == (5, 5, 5)
    assert count.claims == ["d1-c0", "d2-c0"]
    assert not [d for d in ev.disputes if d.field == "killed"]


def test_different_figures_give_a_range_and_a_dispute():
    a = mention("d1-m0", [claim("d1-c0", MOD, killed={"side": "ARM", "value": 5})])
    b = mention("d2-m0", [claim("d2-c0", OUTLET, killed={"side": "ARM", "value": 9})])
    ev = event(a, b)
    [count] = [c for c in ev.counts if c.kind == "killed"]
    assert (count.low, count.best, count.high) == (5, 5, 9)  # the named ministry's figure is best
    [dispute] = [d for d in ev.disputes if d.field == "killed"]
    assert sorted(p.value["value"] for p in dispute.positions) == [5, 9]


def test_an_open_ended_figure_leaves_the_top_open():
    a = mention("d1-m0", [claim("d1-c0", AGENCY, killed={"side": None, "value": 12, "open_ended": True})])
    [count] = event(a).counts
    assert count.high is None and count.low == 12


def test_a_denial_is_a_dispute_and_no_count():
    a = mention("d1-m0", [claim("d1-c0", AGENCY, killed={"side": "ARM", "value": 3})])
    b = mention("d2-m0", [claim("d2-c0", MOD, stance="denied", killed={"side": "ARM", "value": 3})])
    ev = event(a, b)
    [count] = [c for c in ev.counts if c.kind == "killed"]
    assert count.claims == ["d1-c0"]
    assert any(d.field == "killed" for d in ev.disputes)


def test_the_finest_date_wins_and_a_follow_up_keeps_the_event_type():
    shooting = mention("d1-m0", [claim("d1-c0", AGENCY), claim("d1-c1", AGENCY)], day=date(2020, 9, 27))
    later = mention("d2-m0", [claim("d2-c0", AGENCY)], day=date(2020, 9, 1), precision="month",
                    etype="Strategic developments")
    ev = event(shooting, later)
    assert ev.date == date(2020, 9, 27) and ev.date_precision == "day"
    assert ev.event_type == "Battles"
    assert ev.claims == ["d1-c0", "d1-c1", "d2-c0"]


def test_history_alone_is_historical_news_with_it_is_not():
    old = mention("d1-m0", [claim("d1-c0", AGENCY)], historical=True)
    new = mention("d2-m0", [claim("d2-c0", AGENCY)])
    assert event(old).historical
    assert not event(old, new).historical


def test_the_event_does_not_depend_on_the_order_of_its_mentions():
    a = mention("d1-m0", [claim("d1-c0", MOD, killed={"side": "ARM", "value": 5})])
    b = mention("d2-m0", [claim("d2-c0", AGENCY, killed={"side": "ARM", "value": 7})])
    recs = {r.id: r for r in (a, b)}
    one = reconcile(Cluster(mentions=["d1-m0", "d2-m0"]), recs)
    two = reconcile(Cluster(mentions=["d2-m0", "d1-m0"]), dict(reversed(list(recs.items()))))
    assert one.counts == two.counts and one.disputes == two.disputes and one.date == two.date
    assert one.id == two.id == event_id(["d2-m0", "d1-m0"])


def test_an_event_has_one_actor1_the_best_supported_the_others_associated():
    from rashomon.model import Actor

    a = mention("d1-m1", [claim("d1-c1", AGENCY), claim("d1-c2", AGENCY)])
    b = mention("d2-m1", [claim("d2-c1", OUTLET)])
    a.mention.actors = [Actor("Military Forces of Mali", "MLI", "state forces", "actor1"),
                        Actor("Unidentified Armed Group (Mali)", "MLI", "unidentified armed group", "actor2")]
    b.mention.actors = [Actor("JNIM", "MLI", "rebels", "actor1")]
    ev = event(a, b)
    roles = {x.name: x.role for x in ev.actors}
    assert roles == {"Military Forces of Mali": "actor1", "Unidentified Armed Group (Mali)": "actor2", "JNIM": "associated"}
    assert ev.actor1 == "Military Forces of Mali"


def _dated(mid: str, day: date, **fields) -> MentionRecord:
    r = mention(mid, [claim(mid.replace("m", "c"), AGENCY, **fields)], day=day)
    r.published = day
    return r


def test_victims_told_wounded_then_dead_in_a_later_report_are_among_the_dead():
    early = _dated("d1-m0", date(2021, 5, 1), wounded={"side": None, "value": 2})
    later = _dated("d2-m0", date(2021, 5, 3), killed={"side": None, "value": 1})
    got = {c.kind: c.best for c in event(early, later).counts}
    assert got == {"killed": 1, "wounded": 1}
    # a later report of the same dead adds no death: the wounded stay
    early = mention("d1-m0", [claim("d1-c0", AGENCY, killed={"side": None, "value": 1},
                                    wounded={"side": None, "value": 2})], day=date(2021, 5, 1))
    early.published = date(2021, 5, 1)
    later = _dated("d2-m0", date(2021, 5, 3), killed={"side": None, "value": 1})
    got = {c.kind: c.best for c in event(early, later).counts}
    assert got == {"killed": 1, "wounded": 2}
    # the one wounded has died: no wounded left
    early = _dated("d1-m0", date(2021, 5, 1), wounded={"side": None, "value": 1})
    later = _dated("d2-m0", date(2021, 5, 2), killed={"side": None, "value": 1})
    assert {c.kind: c.best for c in event(early, later).counts} == {"killed": 1}
    # a report of the same day that tells the death is the later one; one of an earlier day is not
    early = _dated("d1-m0", date(2021, 5, 1), wounded={"side": None, "value": 1})
    same_day = _dated("d2-m0", date(2021, 5, 1), killed={"side": None, "value": 1})
    assert {c.kind: c.best for c in event(early, same_day).counts} == {"killed": 1}
    before = _dated("d2-m0", date(2021, 4, 30), killed={"side": None, "value": 1})
    assert {c.kind: c.best for c in event(early, before).counts} == {"killed": 1, "wounded": 1}


def test_a_figure_told_with_and_without_a_side_in_one_document_is_one_figure():
    a = mention("d1-m0", [claim("d1-c0", AGENCY, killed={"side": None, "value": 1, "party": "Civilians"}),
                          claim("d1-c1", AGENCY, killed={"side": "GEO", "value": 1})])
    [count] = event(a).counts
    assert (count.kind, count.side, count.best) == ("killed", "GEO", 1)
    # figures of two sides that are not told again without one stay apart
    b = mention("d1-m0", [claim("d1-c0", AGENCY, killed={"side": "ARM", "value": 3}),
                          claim("d1-c1", AGENCY, killed={"side": "AZE", "value": 5})])
    assert sorted((c.side, c.best) for c in event(b).counts) == [("ARM", 3), ("AZE", 5)]


def test_the_day_most_documents_tell_wins_over_one_account_of_an_earlier_day():
    a = mention("d1-m0", [claim("d1-c0", AGENCY)], day=date(2020, 9, 27))
    b = mention("d2-m0", [claim("d2-c0", AGENCY)], day=date(2020, 9, 27))
    other = mention("d3-m0", [claim("d3-c0", AGENCY)], day=date(2020, 9, 20))  # a follow-up's or another account
    assert event(a, b, other).date == date(2020, 9, 27)
    assert event(a, other).date == date(2020, 9, 20)  # equally told: the earliest


def test_a_count_groups_a_party_by_whose_people_it_is_whatever_the_event() -> None:
    from rashomon.model import Actor, is_generic_party, party_group

    assert party_group("Civilians (Ostrava Vale)") == "Civilians"
    assert party_group("Military Forces of Ostrava Vale (2013-)") == "Military Forces of Ostrava Vale"
    assert party_group("Police Forces of Ostrava Vale") == "Police Forces of Ostrava Vale"
    assert party_group("Vale Liberation Front (Ostrava Vale)") == "Vale Liberation Front (Ostrava Vale)"
    # two states' forces set against each other are parties of their own to linking, yet a count of
    # one state's soldiers is of the same people whichever event it is told in
    army = "Military Forces of Ostrava Vale (2013-)"
    actors = [Actor(army, "OVX", "state forces", "actor1"),
              Actor("Military Forces of Brenland", "BRX", "state forces", "actor2")]
    assert not is_generic_party(army, actors, "OVX")
    assert party_group(army) == "Military Forces of Ostrava Vale"


def test_a_figure_told_as_superseded_yields_to_the_later_one():
    """'The minister initially said four were injured; the prosecutor later said two': two is best,
    the range and the dispute keep both."""
    a = mention("d1-m0", [claim("d1-c0", MOD, wounded={"side": None, "value": 4, "superseded": True}),
                          claim("d1-c1", AGENCY, wounded={"side": None, "value": 2})])
    ev = event(a)
    [count] = [c for c in ev.counts if c.kind == "wounded"]
    assert (count.low, count.best, count.high) == (2, 2, 4)
    assert [d for d in ev.disputes if d.field == "wounded"]


def test_two_accounts_of_what_the_victim_was_doing_are_a_dispute() -> None:
    border = Source("Border Guard of Velmora", "VLM", "government")
    neighbour = Source("Ministry of Interior of Dorsk", "DRK", "government")
    a = mention("d1-m0", [claim("d1-c0", border, activity="fleeing"), claim("d1-c1", OUTLET, activity="fleeing")])
    b = mention("d2-m0", [claim("d2-c0", neighbour, activity="being expelled")])
    [dispute] = [d for d in event(a, b).disputes if d.field == "activity"]
    assert {p.value: p.claims for p in dispute.positions} == {"fleeing": ["d1-c0", "d1-c1"],
                                                              "being expelled": ["d2-c0"]}


def test_an_activity_told_as_not_done_disputes_only_an_account_that_it_was() -> None:
    police = Source("Police of Velmora", "VLM", "government")
    friends = Source("his friends", None, "unnamed")
    said = mention("d1-m0", [claim("d1-c0", police, activity="fighting")])
    denied = mention("d2-m0", [claim("d2-c0", friends, stance="denied", activity="not fighting")])
    [dispute] = [d for d in event(said, denied).disputes if d.field == "activity"]
    assert [p.value for p in dispute.positions] == ["fighting", {"not": "fighting"}]
    alone = mention("d3-m0", [claim("d3-c0", friends, activity="not fighting")])
    assert not [d for d in event(alone).disputes if d.field == "activity"]


def test_a_figure_repeated_within_one_article_is_not_confirmed_by_it() -> None:
    """An article repeating its own figure (headline and lede) is one document telling it once: the
    larger figure another document gives is as well told, and the larger is best."""
    a = mention("d1-m0", [claim("d1-c0", OUTLET, killed={"side": None, "value": 2}),
                          claim("d1-c1", OUTLET, killed={"side": None, "value": 2})])
    b = mention("d2-m0", [claim("d2-c0", OUTLET, killed={"side": None, "value": 4})])
    [count] = event(a, b).counts
    assert (count.low, count.best, count.high) == (2, 4, 4)
    c = mention("d3-m0", [claim("d3-c0", OUTLET, killed={"side": None, "value": 2})])
    [count] = event(a, b, c).counts
    assert count.best == 2  # told by two documents


def _at(name: str, admin1: str) -> dict:
    return {"name": name, "admin1": admin1, "country": "USA", "latitude": 40.0, "longitude": -90.0,
            "feature": "populated place"}


def test_equally_supported_places_are_settled_by_the_first_told_not_the_alphabet():
    # one outlet tells the attack in Zorvale, then recalls an earlier one in Abbotsmere, same state
    a = mention("d1-m0", [claim("d1-c0", AGENCY, location=_at("Zorvale", "Ohio")),
                          claim("d1-c1", AGENCY, location=_at("Abbotsmere", "Ohio"))])
    assert event(a).location == "Zorvale"
    # ...and of two states, the one more claims place it in, then the first told
    b = mention("d1-m0", [claim("d1-c0", AGENCY, location=_at("Zorvale", "Oregon")),
                          claim("d1-c1", AGENCY, location=_at("Abbotsmere", "Alabama"))])
    assert event(b).location == "Zorvale"
    c = mention("d1-m0", [claim("d1-c0", AGENCY, location=_at("Zorvale", "Oregon")),
                          claim("d1-c1", AGENCY, location=_at("Abbotsmere", "Alabama")),
                          claim("d1-c2", AGENCY, location=_at("Quenby", "Alabama"))])
    assert event(c).admin1 == "Alabama"


def test_a_party_told_at_home_and_abroad_is_one_actor_of_its_best_supported_kind():
    from rashomon.model import Actor

    a = mention("d1-m1", [claim("d1-c1", AGENCY), claim("d1-c2", AGENCY)])
    b = mention("d2-m1", [claim("d2-c1", OUTLET)])
    a.mention.actors = [Actor("Military Forces of Ovaria", "OVX", "state forces", "actor1")]
    b.mention.actors = [Actor("Military Forces of Ovaria", "OVX", "external forces", "associated")]
    ev = event(a, b)
    assert [(x.name, x.kind, x.role) for x in ev.actors] == [("Military Forces of Ovaria", "state forces", "actor1")]


def test_a_partys_figure_told_with_a_side_by_one_account_and_none_by_another_is_one_figure() -> None:
    a = mention("d1-m0", [claim("d1-c0", AGENCY, wounded={"side": "ARM", "value": 2, "party": "Civilians (Armenia)"})])
    b = mention("d2-m0", [claim("d2-c0", OUTLET, wounded={"side": None, "value": 2, "party": "Civilians (Azerbaijan)"})])
    [count] = event(a, b).counts
    assert (count.kind, count.side, count.best, count.claims) == ("wounded", "ARM", 2, ["d1-c0", "d2-c0"])
    # two sides told for one party: which side the sideless figure is of is unknown, it stays apart
    c = mention("d3-m0", [claim("d3-c0", MOD, wounded={"side": "AZE", "value": 4, "party": "Civilians (Azerbaijan)"})])
    assert sorted((x.side or "", x.best) for x in event(a, b, c).counts) == [("", 2), ("ARM", 2), ("AZE", 4)]
