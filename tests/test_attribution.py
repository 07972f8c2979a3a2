"""Attribution, stance and claims on short news-like strings (issue 13)."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.model import Document
from rashomon.read import read
from rashomon.read.countries import countries_in
from rashomon.read.fields import claim_fields
from rashomon.read.sources import outlet_name


def _claims(text: str, **kw):
    return read(Document(text=text, source="t.txt", published=date(2021, 5, 3), **kw)).claims


def _by_text(claims, words: str):
    return [c for c in claims if words in c.text]


def test_car_bomb_does_not_make_the_central_african_republic_the_initiator():
    text = "Car bomb kills five in Mogadishu\n\nA car bomb exploded near a checkpoint in Mogadishu on Monday."
    for c in _claims(text):
        assert c.fields.get("initiator") != "CAF"
    assert claim_fields("Car bomb kills five in Mogadishu", None, []).get("initiator") is None
    assert countries_in("Car bomb") == []
    assert [iso for *_, iso in countries_in("CAR rebels attacked")] == ["CAF"]


def test_the_outlets_own_voice_is_the_outlet_by_name():
    text = "Gunmen killed five soldiers in Gao on Sunday."
    assert {c.source.name for c in _claims(text, outlet="The Sahel Times")} == {"The Sahel Times"}
    assert outlet_name(None, "https://www.example-news.com/a/1") == "example-news.com"
    assert outlet_name(None, None, "Five killed in Gao | Sahel Daily") == "Sahel Daily"
    assert outlet_name(None, None, None, "b.txt") != outlet_name(None, None, None, "a.txt")


def test_quoted_as_saying_names_the_speaker_with_his_title():
    text = ("Five prisoners were executed in Shiraz on Sunday, provincial prosecutor Kazem Mousavi "
            "was quoted as saying.")
    (c,) = _claims(text)
    assert "Mousavi" in c.source.name and c.source.kind == "person"


def test_title_as_written():
    (c,) = _claims("Israeli jets struck a base near Homs on Sunday, Defence Minister Jaime Neto said.")
    assert c.source.name == "Jaime Neto, Defence Minister"


def test_spokesman_for_a_body_is_that_body():
    (c,) = _claims("Jets struck a base near Homs on Sunday, a spokesman for the Syrian Defence Ministry said.")
    assert c.source.name == "Ministry of Defense of Syria"


def test_anonymous_official_is_kept_unnamed():
    text = ("Militants attacked a checkpoint in Kandahar on Monday, killing three police officers, "
            "a security official who spoke on condition of anonymity said.")
    (c,) = _claims(text)
    assert c.source.name == "security official" and c.source.kind == "unnamed"


def test_unnamed_speaker_kept_as_written():
    (c,) = _claims("The senator's lawyer said he would refuse to answer any questions from the panel.")
    assert c.source.name == "senator's lawyer" and c.stance == "asserted"


def test_a_statement_about_no_event_is_still_a_claim_of_its_speaker():
    claims = _claims("The mayor said the budget would be balanced next year.")
    assert [c.source.name for c in claims] == ["mayor"]


def test_pronoun_resolved_to_the_person_named_before_with_gender_from_honorific():
    text = ("Mrs. Ellen Baker met Mr. Tom Reed in the capital. "
            "She said the talks had failed.")
    (c,) = _by_text(_claims(text), "She said")
    assert "Baker" in c.source.name


def test_participle_speaks_for_its_subject():
    (c,) = _claims("The governor issued a statement on Friday saying that the roads would reopen.")
    assert "governor" in c.source.name


def test_two_speakers_in_one_sentence_are_two_claims():
    text = ("Okafor said four people were injured in Lagos on Friday, but the Lagos prosecutor later "
            "clarified that there were two victims.")
    claims = _claims(text)
    assert {c.source.name for c in claims} >= {"Lagos prosecutor"}
    assert len({(c.start, c.end) for c in claims}) == len(claims) == 2
    assert all(claims[0].end <= c.start or c is claims[0] for c in claims)


def test_non_confirmation_by_another_source_takes_the_statement_it_answers():
    text = "Gunmen killed five soldiers in Gao on Sunday, the army said, but the rebels have not confirmed any casualties."
    claims = _claims(text)
    rebels = [c for c in claims if c.source.name == "rebels"]
    assert rebels and rebels[0].stance == "unconfirmed" and rebels[0].fields["killed"]["value"] == 5


@pytest.mark.parametrize("text,stance", [
    ("Gunmen killed five soldiers in Gao on Sunday, the army said. The rebels rejected the claim.", "denied"),
    ("Gunmen killed five soldiers in Gao on Sunday, the army said. The claim could not be independently "
     "verified.", "unconfirmed"),
])
def test_stance_of_an_answer(text, stance):
    second = [c for c in _claims(text) if not c.text.startswith("Gunmen")]
    assert second and second[0].stance == stance
    assert second[0].fields.get("killed", {}).get("value") == 5


def test_no_group_is_no_speaker():
    text = ("While no group claimed responsibility for the rocket attack on Ashdod on Tuesday, the Israeli "
            "Defence Force laid the blame on Hamas, accusing it of terrorism.")
    assert {c.source.name for c in _claims(text)} == {"Armed Forces of Israel"}


def test_transcript_labels_and_signed_quotes_name_the_speaker():
    text = ("The debate went on late.\n\nWALLACE: Do you really see it that way?\n\n"
            "PENCE: Well, the question really should be about the economy.\n\n"
            "WALLACE: Thank you.\n\nPENCE: Thank you, Chris.\n\n"
            "“He cannot even answer a question.” ― Esther Tapia")
    claims = _claims(text)
    names = {c.text[:12]: c.source.name for c in claims}
    assert names.get("Well, the qu") == "Pence" and names.get("Do you reall") == "Wallace"
    assert not any(c.text.endswith(":") for c in claims)
    assert any(c.source.name == "Esther Tapia" for c in claims)


def test_there_was_no_such_is_a_denial_of_the_claim_before():
    text = ("Soldiers killed ten civilians in Cabo Delgado on Tuesday, a rights group said. "
            "Defence Minister Jaime Neto said there was no such killing.")
    (c,) = [c for c in _claims(text) if "Neto" in c.source.name]
    assert c.stance == "denied" and c.fields["killed"]["value"] == 10


def test_the_ministry_and_the_group_resolve_to_what_came_before():
    text = ("Soldiers killed ten civilians in Cabo Delgado on Tuesday, a rights group said. "
            "The ministry dismissed the reports as lies.")
    (c,) = [c for c in _claims(text) if c.stance == "denied"]
    assert c.source.name == "Government of Mozambique"
    text = "The Taliban claimed responsibility for the attack in Kabul on Friday. The group said 12 soldiers were killed."
    assert {c.source.name for c in _claims(text)} == {"Taliban"}


def test_one_sentence_is_one_claim_with_all_its_figures():
    text = "Rebels killed 12 civilians and wounded 15 others in Gao on Sunday, the army said."
    claims = _claims(text)
    assert len(claims) == 1
    assert claims[0].fields["killed"]["value"] == 12 and claims[0].fields["wounded"]["value"] == 15


def test_a_definite_description_is_the_person_named_before():
    text = ("Senator Bernie Sanders spoke in Ohio on Monday. Sanders still criticises the deal.\n\n"
            "The Vermont senator said the vote would be close.")
    said = _by_text(_claims(text), "vote would be close")
    assert said and said[0].source.name == "Bernie Sanders, Vermont senator"
    assert said[0].source.kind == "person"
    # with nobody named before, the description is kept as written
    alone = _by_text(_claims("The Vermont senator said the vote would be close."), "vote would be close")
    assert alone and alone[0].source.name == "Vermont senator"


def test_a_second_source_correcting_a_figure_gives_its_own_value():
    text = ("Two people were stabbed in Lagos on Friday. Interior Minister Musa Okafor initially said four people "
            "were injured, but the Lagos prosecutor later clarified that there were two victims.")
    by = {c.source.name: c.fields.get("wounded", {}).get("value") for c in _claims(text) if "wounded" in c.fields}
    assert by.get("Lagos prosecutor") == 2
    assert 4 in by.values()
    # the same speaker going on, or a figure of people arrested, corrects nothing
    same = _claims("Police said four people were injured in Lyon on Monday. Police said 3 victims were arrested.")
    assert not [c for c in same if c.fields.get("wounded", {}).get("value") == 3]


def test_he_is_the_main_speaker_of_the_sentence_before_not_a_name_in_its_clause():
    text = ("Senator Arno Velt said he backed the bill because Governor Tomas Irbe had agreed to sign it. "
            "\"We kept our word,\" he said.")
    claims = _by_text(_claims(text), "kept our word")
    assert claims and "Velt" in claims[0].source.name


def test_gender_learnt_from_the_pronoun_the_text_uses_for_a_subject():
    text = ("Dana Kroll said she would vote against the plan. Pim Osei argued that the vote was rushed. "
            "Kroll met Osei on Monday. \"The plan fails the town,\" she said.")
    claims = _by_text(_claims(text), "fails the town")
    assert claims and "Kroll" in claims[0].source.name


def test_a_curly_quotation_closed_with_a_straight_mark_does_not_swallow_the_text():
    from rashomon.read.attribution import quote_spans

    text = "“We will win,\" Osei said.\n\nMarta Lind said the count was wrong."
    assert [text[a:b] for a, b in quote_spans(text)] == ["“We will win,\""]


def test_a_reporting_verb_outside_the_quotation_is_preferred():
    text = "\"Everyone said it could not be done,\" Mayor Ilse Daan said on Monday."
    claims = _claims(text)
    assert claims and all("Daan" in c.source.name for c in claims)


def test_the_senator_is_the_person_the_text_titled_senator():
    text = ('Sen. Arno Velt spoke in Tulsa on Sunday. "Would you run?" Gloria Imre asked. '
            '"I would," the senator said.')
    (c,) = _by_text(_claims(text), "I would")
    assert "Velt" in c.source.name


def test_two_people_of_one_surname_stay_two_sources():
    text = "Hanna Velt said the vote was lost. Piet Velt said the vote was won."
    names = {c.source.name for c in _claims(text)}
    assert any("Hanna" in n for n in names) and any("Piet" in n for n in names)


def test_a_dateline_is_not_the_speaker():
    text = "Tulsa (AFP) – Governor Ilse Daan said on Monday that the bridge would reopen."
    (c,) = _claims(text, outlet="The Plains Post")
    assert "Daan" in c.source.name


def test_harm_without_a_figure_is_disputed_by_a_source_that_does_not_confirm_it():
    text = ("A bomb exploded at an arms depot in Kalba on Monday, killing two guards. Security sources said the "
            "blast had caused a number of injuries, but militia officials have not confirmed any casualties.")
    claims = [c for c in _claims(text) if "wounded" in c.fields]
    assert {c.stance for c in claims} == {"asserted", "unconfirmed"}
    assert all(c.mention is not None for c in claims)


def test_a_possessive_time_in_a_sentence_telling_no_event_does_not_move_the_story_back():
    text = ("A bomb exploded at an arms depot in Kalba today, killing two guards. Fire crews reached the town, "
            "which was shaken by last month's storm. Security sources said the blast had caused a number of injuries.")
    (c,) = [c for c in _claims(text) if "Security" in c.source.name]
    assert c.mention is not None


def test_a_surname_alone_is_the_person_last_named_in_full_with_it():
    from rashomon.read.attribution import people_in
    from rashomon.read.nlp import get_nlp

    doc = get_nlp()("Tom Velt said the mill would close. Later Greta Velt said she would fight it. "
                    "Velt said the town needed it.")
    last = [p for p in people_in(doc) if p.char > 70]
    assert last and last[-1].name == "Greta Velt" and last[-1].gender == "f"


def test_a_quotation_over_several_paragraphs_closes_where_a_later_paragraph_closes_it():
    from rashomon.read.attribution import quote_spans

    text = ("\u201cThe raiders crossed the river at dawn.\n"
            "They burned the granary before the guards arrived.\n"
            "We demand their return,\u201d the district council said.\n"
            "Later, \u201cnothing more\u201d was added.")
    spans = quote_spans(text)
    assert spans[0] == (0, text.index("\u201d the district") + 1)
    # a following paragraph that opens its own quotation first ends the open one at its paragraph
    text2 = "\u201cThe raiders crossed the river.\n\u201cThey burned the granary,\u201d he said."
    assert quote_spans(text2)[0] == (0, text2.index("\n"))


def test_two_apostrophes_quote_speech_and_open_the_sentence_they_belong_to():
    text = ("Mayor Olga Brandt spoke in Tarrow on Monday.\n"
            "''Nobody saw it coming,'' Ms. Brandt said. ''And if the planners believe otherwise, they are wrong.''")
    claims = _claims(text, outlet="The Tarrow Post")
    inside = _by_text(claims, "planners believe")
    assert inside and all("Brandt" in c.source.name for c in inside)
    assert inside[0].text.startswith("''And")  # the opening mark is not left at the end of the sentence before
    assert not [c for c in claims if c.text.strip() == "''"]


def test_a_surname_that_is_also_a_people_is_the_person_named_with_it():
    text = ("Nora Finnish, an investor, spoke in Vell on Sunday.\n"
            "Finnish said she would consider running for the council.")
    assert {c.source.name for c in _by_text(_claims(text), "consider running")} == {"Nora Finnish"}


def test_a_name_in_the_speakers_relative_clause_does_not_speak():
    text = "Okafor, who has campaigned beside Petra Lindqvist for a year, said she expects a close vote in Marlow."
    assert {c.source.name for c in _claims(text, outlet="The Marlow Post")} == {"Okafor"}


def test_a_sentence_naming_only_the_speaker_after_a_quotation_is_the_quotations_speaker():
    text = ("A boy in a green cap asked Governor Ilse Varga about the new bridge.\n"
            "“Let me tell you, how long will the bridge be?” Varga said in response. “As long as the river.”")
    said = _by_text(_claims(text, outlet="The Varga Herald"), "how long will")
    assert said and {c.source.name for c in said} == {"Ilse Varga"}


def test_a_name_beside_the_subject_is_the_one_a_later_she_means():
    text = ("One local woman, Greta Solberg, pulled Councillor Tom Hale aside after the meeting.\n"
            "“I am so glad you came to Osten,” she told him.")
    assert {c.source.name for c in _by_text(_claims(text), "glad you came")} == {"Greta Solberg"}



def test_a_reporting_clause_set_before_the_main_one_is_its_own_claim():
    text = ("While Tomas Verhoek said the warehouse fire in Ostrava was set deliberately, "
            "Anna Kulberg said the fire was an accident.")
    claims = _claims(text)
    assert {c.source.name for c in _by_text(claims, "deliberately")} == {"Tomas Verhoek"}
    assert {c.source.name for c in _by_text(claims, "accident")} == {"Anna Kulberg"}


def test_a_first_name_tells_who_she_is():
    text = ("Margaret Olsvik met Peter Halloran in Ostrava on Monday. Halloran toured the damaged bridge.\n"
            "\"We will rebuild it before winter,\" she said.")
    (c,) = _by_text(_claims(text), "rebuild")
    assert c.source.name == "Margaret Olsvik"


def test_a_description_names_the_person_first_described_so():
    text = ("Peter Halloran, the former finance minister, and Tomas Verhoek, a retired general, visited the "
            "port of Ostrava on Monday. Verhoek inspected the ships.\n"
            "The former finance minister said the port would reopen next week.")
    (c,) = _by_text(_claims(text), "reopen")
    assert c.source.name.startswith("Peter Halloran")


def test_a_speaker_after_the_verb_that_follows_a_quotation_speaks_when_the_parser_gave_no_subject():
    from spacy.tokens import Doc

    from rashomon.read.attribution import _inverted_speaker
    from rashomon.read.nlp import get_nlp

    words = ["“", "It", "is", "valuable", ",", "”", "said", "Varga", ",", "smiling", "."]
    heads = [6, 2, 6, 2, 6, 6, 6, 6, 6, 6, 6]
    deps = ["punct", "nsubj", "ccomp", "acomp", "punct", "punct", "ROOT", "advmod", "punct", "advcl", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "VERB", "ADV", "PUNCT", "VERB", "PUNCT"]
    tags = ["``", "PRP", "VBZ", "JJ", ",", "''", "VBD", "RB", ",", "VBG", "."]
    doc = Doc(get_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
              spaces=[False, True, True, False, False, True, True, False, True, False, False])
    span = _inverted_speaker(doc[6])
    assert span is not None and span.text == "Varga"
    assert _inverted_speaker(doc[9]) is None  # a participle after a comma is no inverted speaker


def test_the_speaker_chooser_describes_each_person_named_before_the_pronoun():
    from rashomon.read.sources import PersonMention
    from rashomon.read.speaker import FEATURES, candidates, layout_of

    text = "Ilse Daan spoke.\nTomas Irbe left. Daan waved.\nHe said no."
    people = [PersonMention(0, "Ilse Daan", "f", True, 0, True), PersonMention(17, "Tomas Irbe", "m", True, 17, True),
              PersonMention(34, "Ilse Daan", "f", True, 34, True)]
    layout = layout_of(text, [0, 17, 34, 46])
    cands = candidates(people, text.index("He"), "m", layout, lambda name: (name == "Ilse Daan", 1))
    feats = {c.name: dict(zip(FEATURES, c.features, strict=True)) for c in cands}
    assert [c.name for c in cands] == ["Ilse Daan", "Tomas Irbe"]  # latest first
    assert feats["Ilse Daan"]["clash"] == 1 and feats["Tomas Irbe"]["agree"] == 1
    assert feats["Ilse Daan"]["prev_sent"] == 1 and feats["Tomas Irbe"]["log_dist"] > feats["Ilse Daan"]["log_dist"]
    assert feats["Tomas Irbe"]["same_para"] == 0 and feats["Ilse Daan"]["same_para"] == 0
    assert feats["Ilse Daan"]["last_speaker"] == 1 and feats["Ilse Daan"]["first_named"] == 1


def test_the_pronoun_speaker_is_not_of_the_other_gender_however_recent():
    text = ("Pavel Dunev told reporters the dam at Krell would hold. Dunev toured the site on Monday.\n"
            "Marta Lind, an engineer, inspected the spillway.\n\"The walls are sound,\" he said.")
    (c,) = _by_text(_claims(text), "walls are sound")
    assert "Dunev" in c.source.name


def test_a_verb_the_lexicon_lacks_speaks_when_it_frames_a_quotation():
    text = ("Ivo Marek continued, \"The count in Ostrava was wrong from the start.\"\n"
            "\"Nobody checked the ballots twice,\" the clerk Anna Sova exclaimed.")
    claims = _claims(text)
    assert {c.source.name for c in _by_text(claims, "count in Ostrava")} == {"Ivo Marek"}
    assert {c.source.name for c in _by_text(claims, "ballots twice")} == {"Anna Sova"}


def test_according_to_him_is_the_man_named_before_not_the_last_speaker():
    text = ("Marta Lind said the spillway at Krell was cracked. Pavel Dunev toured the dam on Monday.\n"
            "The walls would hold through the winter, according to him.")
    (c,) = _by_text(_claims(text), "walls would hold")
    assert "Dunev" in c.source.name
