"""Where an engagement took place: tests/data/places.tsv, one row per sentence."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import read_table

from marsad.extract.document import analyse
from marsad.extract.events import _location
from marsad.extract.places import find_places
from marsad.extract.sides import engagements
from marsad.model import Segment
from marsad.settings import Settings

ROWS = read_table("places.tsv")


def place_of(sentence: str) -> tuple[str, str]:
    """(city, ISO3) of the first engagement's place, else of the first place said to host something."""
    a = analyse(Segment("t", 0, sentence), Settings(ref_date=dt.date(2026, 11, 22)))
    found = engagements(a)
    if found:
        loc = _location(a, found[0])
        return loc.city or "", loc.country or ""
    local = [p for p in a.places if p.locative]
    city = next((p for p in local if p.kind == "city"), None)
    return (city.name_en or "", city.iso3) if city else ("", local[0].iso3 if local else "")


def test_places_table_accuracy():
    ok = sum(place_of(r["sentence"]) == (r["city"], r["country"]) for r in ROWS)
    assert len(ROWS) >= 70
    assert ok / len(ROWS) >= 0.93, f"{ok}/{len(ROWS)}"


@pytest.mark.parametrize("text, city, country", [
    ("التقى الوزير بنظيره في العاصمة الرباط", "Rabat", "MAR"),
    ("جرى اللقاء بمدينة طرابلس الليبية", "Tripoli", "LBY"),
    ("عقد الاجتماع في تونس", None, "TUN"),  # a country named like its capital
    ("عقد الاجتماع بالعاصمة تونس", "Tunis", "TUN"),
    ("استقبله بالعاصمة الجزائرية", "Algiers", "DZA"),  # the capital named by its nisba
    ("وعقد الوزيران جلسة مباحثات بمقر وزارة الداخلية الإيطالية", None, "ITA"),  # the seat of a state's ministry
    ("والتقى الوزير نظيره الكيني، الذي يزور القاهرة حاليا", "Cairo", "EGY"),  # where the visitor is
    ("وعقد الوزيران جلسة عمل بالمعبر الحدودي بمعتمدية طبرقة", "Tabarka", "TUN"),  # a unit named after its town
    ("وجرت المباحثات ببلدية سوسة", "Sousse", "TUN"),
    ("واستقبل أمير البلاد ضيفه في قصر دسمان", None, "KWT"),  # a seat of state (seats.tsv): its state
    ("واستقبل الرئيس ضيفه بقصر قرطاج", "Carthage", "TUN"),  # a seat named after its town: the town
])
def test_locative_places(text, city, country):
    (p, *_) = [p for p in find_places(text) if p.locative]
    assert (p.name_en if p.kind == "city" else None, p.iso3) == (city, country)


def test_a_common_word_is_not_a_town():
    assert [p for p in find_places("وذلك في إطار التعاون الثنائي") if p.locative] == []


def test_a_month_name_is_not_a_town_but_the_town_with_a_cue_is():
    """إب (Ibb) is written like آب (August) once folded: "في آب" is a month, "بمدينة إب" the town."""
    assert [p for p in find_places("ويعقد الاجتماع المقبل في آب المقبل") if p.locative] == []
    assert [(p.name_en, p.iso3) for p in find_places("جرى اللقاء بمدينة إب اليمنية") if p.locative] == [("Ibb", "YEM")]


def test_a_planned_visit_and_an_embassy_say_nowhere():
    """سيزور is a plan, not where the visitor is; an embassy stands in the host state, not its own."""
    assert [p for p in find_places("وهو الوزير الذي سيزور القاهرة الشهر المقبل") if p.locative] == []
    assert [p for p in find_places("واستقبل الوزير بمقر السفارة الأمريكية وفدا أمنيا") if p.locative] == []


@pytest.mark.parametrize("text, city, country", [
    ("استقبل أمير دولة الكويت الشيخ سالم الأحمد، أمس في قصر بيان، وزير الداخلية العراقي كريم الساعدي، القادم "
     "من بغداد في زيارة رسمية.", None, "KWT"),  # the seat, not the town the guest came from
    ("اجتمع وزير الدفاع البحريني خالد بن علي، في البيت الأبيض بواشنطن، مع وزير الدفاع الأمريكي جون بيكر.",
     "Washington", "USA"),  # a seat, then its town named: the town
])
def test_a_seat_of_state_places_the_meeting(text, city, country):
    seg = Segment(doc="t.txt", index=0, text=text)
    a = analyse(seg, Settings(ref_date=dt.date(2026, 1, 1)))
    (eng, *_) = engagements(a)
    loc = _location(a, eng)
    assert (loc.city, loc.country) == (city, country)


@pytest.mark.parametrize("text", [
    "وبحث الجانبان سبل احتواء التصعيد في العاصمة طرابلس",
    "وتناول اللقاء تطورات الأوضاع بليبيا",
    "واستعرضا الوضع الأمني في السودان",
    "وتطرقا إلى مستجدات الأزمة في اليمن",
    "لبحث الاعتداء على سفارتها في طهران",  # the noun's complement (على ...) between
])
def test_the_place_of_a_situation_is_a_topic_not_the_venue(text):
    """"تطورات الأوضاع في ليبيا": a place after a noun of a situation (data/place_words.yaml
    situation_nouns) and its preposition is what was discussed."""
    assert [p.text for p in find_places(text) if p.locative] == []


@pytest.mark.parametrize("text", [
    "استقبل الوزير وفدا من جمهورية مصر العربية برئاسة مساعد وزير الداخلية",
    "التقى المدير العام وفدا أمنيا من تونس",
    "واستقبل رئيس الأركان بعثة من المملكة المتحدة",
])
def test_where_a_delegation_comes_from_is_not_the_venue(text):
    """"وفدا من جمهورية مصر": a place after a delegation noun (place_words.yaml origin_nouns) and من."""
    assert [p.text for p in find_places(text) if p.locative] == []


@pytest.mark.parametrize("text", ["التقى الشيخ زايد بن حمد رئيس الجهاز", "واستقبل صلالة ولد أحمد"])
def test_a_town_s_name_before_bin_is_a_person(text):
    """"الشيخ زايد بن حمد": a town's name (Sheikh Zayed, Egypt) right before بن or ولد names a person."""
    assert [p.text for p in find_places(text) if p.kind == "city"] == []


def test_a_town_named_like_a_common_word_before_its_complement_is_the_word():
    """"بمعسكر المرتفعة" is "at the Murtafa'a camp": a town named like a common word (Mascara, معسكر),
    then a definite word that names no place, is that word's construct; with its nisba it is the town."""
    assert [p.text for p in find_places("استقبله بمكتبه بمعسكر المرتفعة أمس") if p.locative] == []
    assert [p.iso3 for p in find_places("وصل الوزير إلى مدينة معسكر الجزائرية") if p.locative] == ["DZA"]


def test_the_venue_after_a_meeting_noun_still_counts():
    assert [p.text for p in find_places("وعقد الاجتماع في طرابلس") if p.locative] == ["طرابلس"]


def test_a_town_named_like_a_first_name_needs_a_city_cue():
    """"التقى الوزير بمسعد بولس": the man, not the town of Messaad (ب is no cue for it)."""
    assert [p for p in find_places("والتقى الوزير بمسعد بولس") if p.locative] == []
    assert [p.text for p in find_places("وعقد الاجتماع بمدينة مسعد") if p.locative] == ["مسعد"]


def test_where_a_visitor_is_now_places_his_meeting_when_nothing_nearer_does():
    """"وكان الأمير، الذي يزور واشنطن حاليا، ..." told paragraphs later: the talks were there."""
    text = ("بحث نائب وزير الدفاع السعودي الأمير فهد بن سلطان، الثلاثاء، مع وزير الدفاع الأمريكي جون بيكر "
            "التحديات المشتركة.\n\nوتناول اللقاء التعاون العسكري بين البلدين.\n\nوأكد الجانبان أهمية التنسيق."
            "\n\nوكان نائب وزير الدفاع السعودي، الذي يزور واشنطن حاليا، قد وصل إليها الأحد.")
    seg = Segment(doc="t.txt", index=0, text=text)
    a = analyse(seg, Settings(ref_date=dt.date(2026, 1, 1)))
    (eng, *_) = engagements(a)
    loc = _location(a, eng)
    assert (loc.city, loc.country) == ("Washington", "USA")


@pytest.mark.parametrize("title, city, country", [
    ("وزير الداخلية يوقع مع نظيره الإسباني في نواكشوط اتفاقا أمنيا", "Nouakchott", "MRT"),  # the headline's venue
    ("وزير الداخلية يوقع مع نظيره الإسباني اتفاقا أمنيا", None, None),  # none named anywhere
])
def test_the_headline_gives_the_venue_the_text_does_not(title, city, country):
    text = "وقع وزير الداخلية الموريتاني سيدي ولد أحمد ونظيره الإسباني خوسيه مارين أمس اتفاقا للتعاون الأمني."
    seg = Segment(doc="t.txt", index=0, text=text, title=title)
    a = analyse(seg, Settings(ref_date=dt.date(2026, 1, 1)))
    (eng, *_) = engagements(a)
    loc = _location(a, eng)
    assert (loc.city, loc.country) == (city, country)


def test_a_shadda_marks_amman_not_oman():
    """"عمّان" (with its shadda, folded away for matching) is the city Amman; bare "عمان" stays unsure."""
    *_, p = find_places("والتقى وزير خارجية سلطنة عمان نظيره الأردني في عمّان")  # Oman named: bare عمان is Oman
    assert (p.kind, p.name_en, p.iso3) == ("city", "Amman", "JOR")
