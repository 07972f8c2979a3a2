"""The date of a happening told in a short US news text written for these tests: the happening's own
time, not that of a later turn of the story (a ruling, a charge, a reopening)."""

from __future__ import annotations

from datetime import date

from rashomon.model import Document
from rashomon.read import read

THURSDAY = date(2024, 3, 14)


def _dates(text: str, published: date = THURSDAY) -> list[date | None]:
    reading = read(Document(text=text, source="t.txt", published=published))
    return [m.date for m in reading.mentions if not m.historical]


def test_a_sentence_that_tells_when_the_happening_took_place_dates_it():
    text = (
        "A Brackenford mother is asking for answers after her son died in a shooting. "
        "The county coroner ruled the 15-year-old's death a homicide Thursday. "
        "The shooting happened inside a home on Tallow Street on March 6."
    )
    assert _dates(text)[-1:] == [date(2024, 3, 6)]
    assert date(2024, 3, 14) not in _dates(text)


def test_it_happened_dates_the_happening_just_told():
    text = (
        "Police were still looking on Wednesday for whoever shot a two-year-old girl in Marlow Heights. "
        "It happened on the 400 block of Quarry Road on Tuesday evening, police said."
    )
    assert _dates(text) == [date(2024, 3, 12)]


def test_a_date_heading_dates_the_entry_it_heads_to_the_day():
    text = (
        "03/02/2019:\n"
        "Two men set fire to a timber truck on a county road near Elmsworth, causing heavy damage. "
        "The two were also charged over the New Year's Eve arson of a sawmill in 2018."
    )
    reading = read(Document(text=text, source="t.txt", published=date(2019, 3, 2)))
    lead = reading.mentions[0]
    assert (lead.date, lead.date_precision) == (date(2019, 3, 2), "day")


def test_a_claim_of_responsibility_days_later_does_not_date_the_happening():
    text = (
        "Two men set fire to a timber yard in Ashcombe on March 4. "
        "On March 6, a group calling itself the Green Wolves claimed responsibility for the arson in a letter."
    )
    assert _dates(text) == [date(2024, 3, 4)]


def test_a_day_told_inside_a_weekend_narrows_the_happening_to_that_day():
    # published Monday 2024-03-18: the weekend is March 16-17
    text = (
        "Police say a man shot two people over the weekend outside a bar on Fenwick Road. "
        "Officers are looking for the man, who they say opened fire during a fight on Sunday morning."
    )
    assert _dates(text, date(2024, 3, 18)) == [date(2024, 3, 17)]


def test_a_heading_day_inside_a_span_the_entry_gives_dates_the_entry():
    text = (
        "06/12/2009: Between the dates of June 11-14, 2009, four fire bombs were thrown at farm offices "
        "in the counties around Dellport, causing heavy damage."
    )
    assert _dates(text, date(2009, 6, 20))[:1] == [date(2009, 6, 12)]


def test_a_time_a_period_began_is_not_the_happenings_time():
    for text in ("Four people were killed and 20 wounded when a bomb exploded at a market in Kellberg. Such bomb "
                 "attacks have been blamed on rebels fighting in the province since early 2009.",
                 "A car bomb killed six soldiers at a checkpoint outside Kellberg. The rebels have carried out "
                 "bombings in the province since 2009."):
        r = read(Document(text=text, source="t.txt", published=date(2021, 6, 4)))
        [m] = [m for m in r.mentions if not m.historical]
        assert m.date is not None and m.date.year == 2021


def test_a_happening_counted_since_a_year_is_commentary_not_news():
    text = ("A man shot his wife and two sons before killing himself in their home in Tarvel on Sunday, police "
            "said. Their deaths mark the fifth time since 2013 that the perpetrator of a murder-suicide in Kellner "
            "County killed two or more family members.")
    r = read(Document(text=text, source="t.txt", published=date(2021, 6, 22)))
    [m] = [m for m in r.mentions if not m.historical]
    assert (m.event_type, m.date) == ("Violence against civilians", date(2021, 6, 20))  # the statistic shapes nothing


def test_a_happening_told_as_the_first_since_a_year_is_news():
    text = ("Government troops pushed into the eastern districts of Varnos on February 10, 2020. Troops seized "
            "control of the whole Varnos-Kellberg highway on Tuesday for the first time since 2012, after driving "
            "rebels from their last positions on the road, monitors reported.")
    r = read(Document(text=text, source="t.txt"))
    assert any(m.sub_event_type == "Government regains territory" for m in r.mentions if not m.historical)


def test_a_reopening_days_later_told_with_nobody_harmed_does_not_date_the_happening():
    text = (
        "04/02/2015: An arsonist set fire to a feed store in Harlow Creek, causing heavy damage. "
        "There were no casualties, and the store reopened three days later."
    )
    reading = read(Document(text=text, source="t.txt", published=date(2015, 4, 2)))
    assert [(m.date, m.sub_event_type) for m in reading.mentions] == [(date(2015, 4, 2), "Looting/property destruction")]


def test_a_date_heading_on_the_line_of_its_entry_is_part_of_its_first_sentence():
    from rashomon.read import _sentences
    from rashomon.read.nlp import get_nlp

    text = "02/15/2005: A pipe bomb was found outside a post office in Dunmere. It did not go off."
    bounds = list(_sentences(get_nlp()(text), text))
    assert text[bounds[0][0] : bounds[0][1]].startswith("02/15/2005: A pipe bomb")
    alone = "02/15/2005:\nA pipe bomb was found outside a post office in Dunmere."
    assert [alone[a:b] for a, b in _sentences(get_nlp()(alone), alone)][0] == "02/15/2005:"


def test_a_stated_date_is_not_old_against_a_publication_date_whose_year_is_a_guess():
    text = (
        "5/6/2003: Arsonists set fire to a barn near Kelvale, causing heavy damage. "
        "In June 2004, a farmhand was charged over the fire, and on October 20 he was convicted."
    )
    guessed = read(Document(text=text, source="t.txt", published=date(2005, 10, 20), published_inferred=True,
                            year_known=False))
    assert date(2003, 5, 6) in [m.date for m in guessed.mentions if not m.historical]
    known = read(Document(text=text, source="t.txt", published=date(2005, 10, 20)))
    assert date(2003, 5, 6) not in [m.date for m in known.mentions if not m.historical]


def test_a_time_in_a_relative_clause_does_not_date_the_happening_said_to_take_place():
    text = (
        "A gunman opened fire on two deputies in Harlow Creek on Thursday. "
        "The attack took place during a manhunt for the gunman, who had first attacked a patrol on March 9."
    )
    assert date(2024, 3, 14) in _dates(text)
    told = "A gunman opened fire on two deputies in Harlow Creek. The attack took place on March 9."
    assert _dates(told) == [date(2024, 3, 9)]


def test_a_dated_noun_naming_another_happening_does_not_date_the_one_told():
    text = (
        "03/04/2019: Poisoned letters were found at a council office in Kelvale. "
        "No group claimed responsibility for the attack, although police linked it to other anthrax "
        "letters following the January 9, 2019 bombings in Harlow Creek."
    )
    reading = read(Document(text=text, source="t.txt", published=date(2019, 3, 4)))
    assert date(2019, 1, 9) not in [m.date for m in reading.mentions if not m.historical]
    assert date(2019, 3, 4) in [m.date for m in reading.mentions]
