"""Time expressions resolved against the publication date."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from rashomon.timex import TimeRef, find_times, resolve_relative

D = dt.date
PUB = D(2021, 5, 27)  # a Thursday
PUB_SEP = D(2022, 9, 13)  # a Tuesday
PUB_NOV = D(2021, 11, 16)  # a Tuesday


def one(text: str, published: dt.date | None = PUB) -> TimeRef:
    refs = find_times(text, published)
    assert len(refs) == 1, refs
    return refs[0]


@pytest.mark.parametrize(
    ("text", "published", "date", "date_end", "precision"),
    [
        # day dates, with and without year, newswire spellings
        ("Early on May 27, clashes broke out on the border.", PUB, D(2021, 5, 27), None, "day"),
        ("At 3:00 am on May 27, a patrol crossed the line.", PUB, D(2021, 5, 27), None, "day"),
        ("On May 27th, six soldiers were taken prisoner.", PUB, D(2021, 5, 27), None, "day"),
        ("The newspaper reported on May 16that troops had moved.", PUB, D(2021, 5, 16), None, "day"),
        ("Fighting erupted in Khartoum on 15 April 2023.", PUB, D(2023, 4, 15), None, "day"),
        ("The strike on Kramatorsk station on April 8, 2022 killed 61.", PUB, D(2022, 4, 8), None, "day"),
        ("Two car bombs exploded in Mogadishu on 2022-10-29.", None, D(2022, 10, 29), None, "day"),
        ("On the 3rd of March rebels took the town.", PUB, D(2021, 3, 3), None, "day"),
        ("On Sept. 5 the junta closed the border.", PUB, D(2020, 9, 5), None, "day"),
        # a year-less day after publication belongs to the previous year ...
        ("The ceasefire was signed on November 10.", PUB, D(2020, 11, 10), None, "day"),
        ("On March 15, two border guards were killed by smugglers.", PUB, D(2021, 3, 15), None, "day"),
        # ... unless the sentence speaks of the future
        ("Talks are scheduled to resume on June 20 in Geneva.", PUB, D(2021, 6, 20), None, "day"),
        ("Armenia said troops had been there since May 12th.", PUB, D(2021, 5, 12), None, "day"),
        ("On Wednesday, May 12, troops crossed into Syunik.", PUB, D(2021, 5, 12), None, "day"),
        # multi-day
        (
            "Shelling continued on the night of September 12 and the morning of September 13 along the line.",
            PUB_SEP,
            D(2022, 9, 12),
            D(2022, 9, 13),
            "day",
        ),
        (
            "Clashes raged between 12 and 14 March 2022 near Mariupol.",
            PUB,
            D(2022, 3, 12),
            D(2022, 3, 14),
            "day",
        ),
        ("The siege lasted from May 30 to June 2, 2019.", PUB, D(2019, 5, 30), D(2019, 6, 2), "day"),
        ("Displacement peaked on July 4-6 in North Kivu.", PUB, D(2020, 7, 4), D(2020, 7, 6), "day"),
        # weekdays and words relative to publication
        ("Armenia on Tuesday reported deaths among its troops.", PUB_NOV, D(2021, 11, 16), None, "day"),
        ("On Sunday, they exchanged accusations of opening fire.", PUB_NOV, D(2021, 11, 14), None, "day"),
        ("Clashes were ongoing on Tuesday evening.", PUB_NOV, D(2021, 11, 16), None, "day"),
        ("Gunmen attacked the village last Tuesday.", PUB_NOV, D(2021, 11, 9), None, "day"),
        ("Yesterday an agreement was reached in Khartoum.", PUB, D(2021, 5, 26), None, "day"),
        ("The violence has decreased as of this morning.", PUB_SEP, D(2022, 9, 13), None, "day"),
        ("Drones struck Odesa overnight, officials said.", PUB, D(2021, 5, 27), None, "day"),
        ("Two days ago militants stormed the base.", PUB, D(2021, 5, 25), None, "day"),
        ("Rebels seized the airport over the weekend.", PUB, D(2021, 5, 22), D(2021, 5, 23), "day"),
        (
            "Earlier this week, hundreds of special forces crossed the border.",
            PUB,
            D(2021, 5, 24),
            PUB,
            "week",
        ),
        ("Last week the army retook the town.", PUB, D(2021, 5, 17), D(2021, 5, 23), "week"),
        # months and years
        (
            "The war ended last November with a deal brokered by Moscow.",
            PUB_NOV,
            D(2020, 11, 1),
            D(2020, 11, 30),
            "month",
        ),
        ("The offensive began last March.", PUB, D(2021, 3, 1), D(2021, 3, 31), "month"),
        ("Fighting intensified in mid-January.", PUB, D(2021, 1, 11), D(2021, 1, 20), "month"),
        (
            "They disagree about the agreements reached in November 2020.",
            PUB_SEP,
            D(2020, 11, 1),
            D(2020, 11, 30),
            "month",
        ),
        (
            "Since last year's war, exchanges of fire have been reported.",
            PUB_NOV,
            D(2020, 1, 1),
            D(2020, 12, 31),
            "year",
        ),
        ("The Soviet Union collapsed in 1991.", PUB, D(1991, 1, 1), D(1991, 12, 31), "year"),
        ("Aid deliveries have fallen sharply this month.", PUB, D(2021, 5, 1), D(2021, 5, 31), "month"),
        ("Casualties doubled compared with a year ago.", PUB, D(2020, 1, 1), D(2020, 12, 31), "year"),
    ],
)
def test_find_times(
    text: str, published: dt.date | None, date: dt.date, date_end: dt.date | None, precision: str
) -> None:
    ref = one(text, published)
    assert (ref.date, ref.date_end, ref.precision) == (date, date_end, precision)
    assert text[ref.start_char : ref.end_char] == ref.text


@pytest.mark.parametrize(
    "text",
    [
        "Russia's 102nd military base is transferring troops.",
        "As of now, we have 49 people who died, but this is not the final figure.",
        "At about 03.00 a group tried to mine the supply routes.",
        "The attack at 3:00 am left 12 dead and 30,000 displaced.",
        "This may be the biggest escalation since the war.",
        "Troops march on the capital while 2,000 civilians flee.",
        "Unit 8200 intercepted the messages.",
        "The war in the 1990s left deep scars.",
        "A year after sworn enemies waged war, fighting returned.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_times(text, PUB) == []


def test_year_less_needs_publication() -> None:
    assert find_times("Rebels attacked on March 15 and on Tuesday.", None) == []
    assert one("The coup of February 1, 2021 ended the transition.", None).date == D(2021, 2, 1)


def test_day_before_uses_the_last_named_day() -> None:
    refs = find_times("On Sunday, they exchanged fire; the day before, the road was closed.", PUB_NOV)
    assert [r.date for r in refs] == [D(2021, 11, 14), D(2021, 11, 13)]
    # the caller may pass the day of the previous sentence
    refs = find_times("The day before, the corridor was briefly closed.", PUB_NOV, anchor=D(2021, 11, 14))
    assert [r.date for r in refs] == [D(2021, 11, 13)]
    # no day in the sentence: against publication
    assert one("The day before, the corridor was briefly closed.", PUB_NOV).date == D(2021, 11, 15)


def test_resolve_relative() -> None:
    anchor = D(2021, 11, 14)
    assert resolve_relative("The day before", anchor).date == D(2021, 11, 13)  # type: ignore[union-attr]
    assert resolve_relative("two days later", anchor).date == D(2021, 11, 16)  # type: ignore[union-attr]
    assert resolve_relative("the next morning", anchor).date == D(2021, 11, 15)  # type: ignore[union-attr]
    assert resolve_relative("on Friday", anchor).date == D(2021, 11, 12)  # type: ignore[union-attr]
    assert resolve_relative("shots were fired", anchor) is None


def test_several_expressions_in_order() -> None:
    text = "Troops entered on May 12; on May 27 six soldiers were captured, and talks are due on June 3."
    refs = find_times(text, PUB)
    assert [r.date for r in refs] == [D(2021, 5, 12), D(2021, 5, 27), D(2021, 6, 3)]
    assert [r.text for r in refs] == ["May 12", "May 27", "June 3"]


def test_speed_on_sentences_without_dates() -> None:
    sentences = [
        "The Azerbaijani troops surrounded them and took them captive near the border.",
        "He said the number of casualties was being verified and that the army had lost two positions.",
        "As of now, 49 people have died, and 102 more were wounded in the shelling of the 3rd district.",
        "Calls for an urgent de-escalation and a total ceasefire came from the European Union.",
    ] * 250
    start = time.perf_counter()
    for s in sentences:
        find_times(s, PUB)
    per_sentence_ms = (time.perf_counter() - start) / len(sentences) * 1000
    assert per_sentence_ms < 0.5  # measured ~0.05 ms; generous bound for slow CI machines


def test_a_weekday_beside_a_date_that_falls_on_it_is_that_date() -> None:
    refs = find_times("06/05/2010: On Saturday night, the shop was set on fire.", dt.date(2012, 1, 9))
    assert [r.date for r in refs] == [dt.date(2010, 6, 5), dt.date(2010, 6, 5)]
    # a weekday that is not the stated date's is read as before
    refs = find_times("Rebels attacked on Monday, ten days after the June 5 accord.", dt.date(2015, 6, 20))
    assert refs[0].date == dt.date(2015, 6, 15)


def test_yesterday_after_a_stated_day_is_the_day_before_it() -> None:
    refs = find_times("UPDATE 9 p.m., Jan. 3 - the sheriff named the victims of yesterday's shooting.",
                      dt.date(2015, 1, 2))
    assert refs[-1].text == "yesterday" and refs[-1].date == dt.date(2015, 1, 2)


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        ("The bodies were found on Father's Day in their home.", dt.date(2015, 6, 22), dt.date(2015, 6, 21)),
        ("A man was shot on Christmas Eve outside a bar in Dunmore.", dt.date(2016, 1, 3), dt.date(2015, 12, 24)),
        ("Police said it happened on New Year’s Eve.", dt.date(2016, 1, 2), dt.date(2015, 12, 31)),
        ("He was wounded on Thanksgiving night.", dt.date(2016, 11, 25), dt.date(2016, 11, 24)),
        ("The store was robbed on Memorial Day.", dt.date(2016, 6, 1), dt.date(2016, 5, 30)),
        ("Two men were arrested on Easter Sunday.", dt.date(2016, 3, 29), dt.date(2016, 3, 27)),
        ("The march will be held on Labor Day.", dt.date(2016, 8, 20), dt.date(2016, 9, 5)),
    ],
)
def test_a_named_holiday_is_its_day_of_the_year(text: str, published: dt.date, want: dt.date) -> None:
    assert [(r.date, r.precision) for r in find_times(text, published)] == [(want, "day")]


def test_a_bare_feast_name_is_no_date_without_on() -> None:
    assert find_times("Christmas shopping was slow in the town.", dt.date(2015, 12, 20)) == []
    assert find_times("Nobody knew where he spent Christmas Eve.", None) == []


def test_a_weekday_in_a_part_of_a_month_is_the_one_inside_it():
    pub = dt.date(2016, 8, 20)
    (t,) = find_times("The clerk was robbed on a Friday in mid-July near the depot.", pub)
    assert (t.date, t.date_end, t.precision) == (dt.date(2016, 7, 15), None, "day")
    # several Fridays in July: the month alone, not the last Friday before publication
    (t,) = find_times("The clerk was robbed one Friday in July near the depot.", pub)
    assert (t.date, t.date_end, t.precision) == (dt.date(2016, 7, 1), dt.date(2016, 7, 31), "month")
