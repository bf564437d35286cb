"""Constructions of real reports read in the fifth session, one row per linguistic fact, each in a
sentence of our own: the whole page path (`pipeline.process`) on a short article.
"""

from __future__ import annotations

import pytest
from conftest import article_events, sides

from marsad.extract.events import _same_office
from marsad.extract.sentences import sentences

events = article_events  # the page path on a short article (conftest.py)


@pytest.mark.parametrize(("text", "count"), [
    pytest.param("استقبل وزير العدل د. سامي الحسن سفير اليابان.", 1, id="doctor"),
    pytest.param("وحضر م. خالد العمري اللقاء. ثم غادر الوفد.", 2, id="engineer"),
    pytest.param("وقال أ.د. محمد الصالح إن التعاون مهم.", 1, id="professor-doctor"),
    pytest.param("وجرى اللقاء في عام 2025 م. وأكد الطرفان أهمية التعاون.", 2, id="era-letter-after-a-year"),
    pytest.param("التقى الوزير بنظيره. وبحثا التعاون.", 2, id="a-word-before-the-stop"),
])
def test_the_stop_of_a_one_letter_abbreviation_ends_no_sentence(text: str, count: int) -> None:
    assert len(sentences(text)) == count


def test_a_receiver_called_doctor_is_the_host_of_his_guest() -> None:
    found = events("استقبل وزير العدل د. سامي الحسن، اليوم الأحد، في مكتبه، سفير جمهورية اليابان لدى "
                   "السودان، كينجي ياماموتو، وبحث الجانبان التعاون القضائي بين البلدين.")
    assert len(found) == 1
    assert sides(found[0]) == {"SDN": ("سامي الحسن", "host"), "JPN": ("كينجي ياماموتو", "guest")}


def test_a_town_that_is_a_first_name_after_a_title_is_the_name() -> None:
    """"الرئيس بشار": Bashar (first_names.txt), not the Algerian town of Béchar: no Algerian side."""
    found = events("استقبل الرئيس بشار الحلبي، اليوم، وزير الدفاع العراقي سامي الربيعي، وبحث الجانبان "
                   "ضبط الحدود بين البلدين.", url="https://www.sana.sy/ar/?p=12345")
    assert len(found) == 1
    assert sides(found[0]) == {"SYR": ("بشار الحلبي", "host"), "IRQ": ("سامي الربيعي", "guest")}


def test_a_lede_that_names_only_offices_restates_the_named_meeting() -> None:
    """The offices alone, then the same two named: one meeting, not two."""
    found = events("السفير الياباني لدى الأردن يلتقي وزير الداخلية الأردني\n\n"
                   "التقى وزير الداخلية الأردني سامي الخالدي، اليوم، سفير اليابان لدى الأردن كينجي ساتو، "
                   "وبحث الجانبان التعاون في مجال مكافحة المخدرات.")
    assert len(found) == 1
    assert {p["name"] for p in found[0]["participants"]} == {"سامي الخالدي", "كينجي ساتو"}
    assert "drug_trafficking" in found[0]["topics"]


@pytest.mark.parametrize(("a", "b", "same"), [
    pytest.param("السفير لدى ليبيا", "سفير فرنسا لدى ليبيا", True, id="the-place-cut"),
    pytest.param("وزير الدفاع التونسي", "وزير الدفاع", True, id="the-nisba-cut"),
    pytest.param("الوزير", "وزير الداخلية", True, id="a-bare-head"),
    pytest.param("وزير الدفاع", "وزير الداخلية", False, id="another-ministry"),
    pytest.param("قائد خفر السواحل", "سفير اليابان", False, id="another-head"),
    pytest.param(None, "سفير اليابان", False, id="no-title"),
])
def test_the_same_office_told_shorter_or_longer(a: str | None, b: str, same: bool) -> None:
    assert _same_office(a, b) is same


def test_a_man_named_by_his_father_s_name_with_the_article_is_the_same_man() -> None:
    """"محمد الخالد" after "محمد خالد العتيبي": the Gulf short form, not a second minister."""
    found = events("استقبل وزير الداخلية الكويتي محمد خالد العتيبي، اليوم، رئيس مجلس الوزراء ووزير الداخلية "
                   "القطري سالم بن ناصر آل ثاني.\n\nوعقد وزير الداخلية محمد الخالد جلسة مباحثات مع الشيخ سالم بن "
                   "ناصر آل ثاني تناولت التعاون الأمني بين البلدين.")
    assert len(found) == 1
    assert {p["country"]: p["name"] for p in found[0]["participants"]}["KWT"] == "محمد خالد العتيبي"


def test_a_national_outlet_s_own_official_abroad_is_not_at_home_there() -> None:
    """A Saudi outlet, its minister's state unsaid, a meeting in Algiers with an Iraqi: two visitors."""
    found = events("التقى الأمير فهد بن سلطان وزير الداخلية، في الجزائر اليوم، وزير الداخلية بجمهورية العراق "
                   "سامي الربيعي، وبحثا التعاون الأمني.\nحضر اللقاء سفير خادم الحرمين الشريفين لدى الجمهورية "
                   "الجزائرية خالد بن علي العتيبي.", url="https://sabq.org/saudia/abc123")
    assert len(found) == 1
    assert sides(found[0]) == {"SAU": ("فهد بن سلطان", "participant"), "IRQ": ("سامي الربيعي", "participant")}
    assert found[0]["location"]["country"] == "DZA"


def test_two_sides_before_a_noun_joined_by_the_counterpart_s_own_waw() -> None:
    """"عقد X ونظيره المصري Y جلسة مباحثات": the و is written on the counterpart's word."""
    found = events("عقد وزير الخارجية السوداني علي يوسف ونظيره المصري بدر عبد العاطي جلسة مباحثات رسمية في "
                   "بورتسودان تناولت العلاقات الثنائية.")
    assert len(found) == 1
    assert sides(found[0]) == {"SDN": ("علي يوسف", "host"), "EGY": ("بدر عبد العاطي", "guest")}


def test_two_ministers_who_will_head_somewhere_to_meet_meet_no_one_yet() -> None:
    """The future dual (سيتوجهان، سيلتقيان) before a meeting noun: planned."""
    assert events("أعلنت الوزارة أن وزير الداخلية الفرنسي جان مارتان ونظيرته الألمانية آنا شولتس سيتوجهان "
                  "إلى الرباط الأحد لعقد لقاءات مخصصة للهجرة.") == []


def test_a_phone_conversation_between_two_ministers_is_a_call() -> None:
    """"جرت محادثة هاتفية بين X ونظيره Y": the singular محادثة, not only مباحثات/مكالمة."""
    found = events("جرت اليوم محادثة هاتفية بين وزير الداخلية الليبي سالم الورفلي ونظيره المالطي جون بورغ، "
                   "تناولت الهجرة غير النظامية.")
    assert [ev["kind"] for ev in found] == ["call"]
    assert sides(found[0]) == {"LBY": ("سالم الورفلي", "participant"), "MLT": ("جون بورغ", "participant")}


def test_a_dual_title_before_its_members_nisbas_names_both_sides() -> None:
    """"بحث الرئيسان التونسي X والإيطالي Y": the dual and each member's nisba, no organisation between."""
    found = events("بحث الرئيسان التونسي سامي الورتاني والإيطالي ماركو بيانكي، اليوم في روما، التعاون في مكافحة "
                   "الهجرة غير النظامية.")
    assert len(found) == 1
    assert {c: n for c, (n, _) in sides(found[0]).items()} == {"TUN": "سامي الورتاني", "ITA": "ماركو بيانكي"}


def test_talks_held_by_phone_are_a_call() -> None:
    """"بحث X مع نظيره Y هاتفيا": the adverb, away from the verb, makes the talks a call."""
    found = events("بحث وزير الداخلية الأردني سامي الخالدي مع نظيره العراقي علي الشمري هاتفيا ضبط الحدود "
                   "المشتركة بين البلدين.")
    assert [ev["kind"] for ev in found] == ["call"]


@pytest.mark.parametrize(("text", "kind"), [
    pytest.param("التقى المدير الجهوي للجمارك الجزائرية سمير بن علي نظيره التونسي كمال الورتاني، واختتمت الأشغال "
                 "بالتوقيع على محضر الاجتماع.", "meeting", id="the-minutes-signed"),
    pytest.param("التقى وزير الداخلية التونسي كمال الورتاني نظيره الإيطالي ماركو بيانكي في روما.\nوكان الوزير "
                 "قد حل بروما لحضور الذكرى العشرين لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة.", "meeting",
                 id="a-convention-named"),
    pytest.param("التقى وزير الداخلية التونسي كمال الورتاني نظيره الإيطالي ماركو بيانكي، وتوجت المباحثات "
                 "بالتوقيع على مذكرة تفاهم في مجال الهجرة.", "agreement", id="a-memorandum-signed"),
])
def test_only_an_agreement_signed_makes_the_meeting_an_agreement(text: str, kind: str) -> None:
    assert [ev["kind"] for ev in events(text)] == [kind]


def test_what_is_offered_after_a_name_is_not_part_of_it() -> None:
    """"وقدم سمو الأمير X بن Y التهنئة لـ...": التهنئة is the object, not a family name."""
    found = events("أجرى سمو الأمير فهد بن سلطان بن عبدالعزيز وزير الدفاع اتصالا هاتفيا بوزير الدفاع العراقي "
                   "سامي الربيعي، وقدم سمو الأمير فهد بن سلطان بن عبدالعزيز التهنئة لوزير الدفاع العراقي.",
                   url="https://sabq.org/saudia/xyz")
    assert {p["name"] for p in found[0]["participants"]} == {"فهد بن سلطان بن عبدالعزيز", "سامي الربيعي"}


def test_a_one_word_title_then_an_honorific_and_a_name_is_one_person() -> None:
    """"استقبل فخامة الرئيس الدكتور X، رئيس مجلس ...": not a nameless president beside X."""
    found = events("استقبل فخامة الرئيس الدكتور سالم أحمد العمري، رئيس المجلس الرئاسي، اليوم، سفير المملكة "
                   "المتحدة لدى اليمن جون براون، وبحثا مكافحة الإرهاب.", url="https://www.sabanew.net/story/ar/1")
    assert len(found) == 1
    assert sides(found[0]) == {"YEM": ("سالم أحمد العمري", "host"), "GBR": ("جون براون", "guest")}


def test_the_programme_of_a_visit_told_at_arrival_is_planned() -> None:
    """"وصل ... في زيارة رسمية، يجري خلالها مباحثات مع": talks still to come."""
    assert events("وصل رئيس الوزراء الإثيوبي سامي تاديسي إلى مدينة بورتسودان، الثلاثاء، في زيارة رسمية، يجري "
                  "خلالها مباحثات مع رئيس مجلس السيادة السوداني عمر الأمين.") == []


def test_what_a_meeting_comes_after_is_an_earlier_meeting() -> None:
    """"ويأتي هذا اللقاء بعد أسبوع من زيارة ... حيث التقيا X": background, not a second event."""
    found = events("التقى رئيس جهاز المخابرات المصرية سامي فؤاد، اليوم بالقاهرة، نظيره التركي أحمد يلماز.\n"
                   "ويأتي هذا اللقاء بعد أسبوع من زيارة المسؤولين إلى طرابلس، حيث التقيا رئيس المجلس الرئاسي "
                   "الليبي محمد الكوني.")
    assert [sorted(sides(ev)) for ev in found] == [["EGY", "TUR"]]


def test_an_honorary_president_of_an_arab_council_is_not_the_council_s_official() -> None:
    """"الرئيس الفخري لمجلس وزراء الداخلية العرب": a state's minister wearing a further hat, never IGO."""
    found = events("التقى وزير الداخلية اليمني سالم العمري، على هامش أعمال الدورة في تونس، الرئيس الفخري لمجلس "
                   "وزراء الداخلية العرب الأمير فهد بن سلطان بن عبدالعزيز.")
    assert "IGO" not in {p["country"] for ev in found for p in ev["participants"]}


def test_the_minutes_of_an_agreement_signed_make_an_agreement_and_no_name() -> None:
    """"جرى التوقيع على محضر اتفاق": an agreement's record; على before محضر is no one called Ali."""
    found = events("اجتمع مدير عام أمن الحدود الكويتي اللواء فهد العيسي مع قائد قوات الحدود العراقية اللواء سامي "
                   "جواد كاظم، وجرى خلال الاجتماع التوقيع على محضر اتفاق لضبط الحدود بين البلدين.")
    assert [ev["kind"] for ev in found] == ["agreement"]
    assert "على محضر" not in {p["name"] for p in found[0]["participants"]}


@pytest.mark.parametrize("verb", ["تطرق", "بحث", "ناقش"])
def test_two_sides_told_as_each_of_after_a_verb_of_discussion_met(verb: str) -> None:
    """"تطرق كل من X وY إلى سبل ...": both sides are the verb's subject, listed with كل من."""
    found = events(f"{verb} كل من المدير العام للجمارك الجزائرية، سمير بن علي وسفيرة مملكة هولندا بالجزائر، "
                   "آنا دي فريس، إلى سبل تعزيز التعاون الجمركي.", url="https://www.elmaouid.dz/123")
    assert len(found) == 1
    assert {c: n for c, (n, _) in sides(found[0]).items()} == {"DZA": "سمير بن علي", "NLD": "آنا دي فريس"}


def test_a_plural_title_inside_a_construct_chain_goes_on_with_the_title() -> None:
    """"رئيس لجنة رؤساء الأركان المشتركة الباكستانية": the title's nisba names the guest's state."""
    found = events("استقبل الوزير المسؤول عن شؤون الدفاع العماني سالم بن سعيد البوسعيدي، أمس، الفريق أول أحمد "
                   "شاهد خان رئيس لجنة رؤساء الأركان المشتركة الباكستانية الذي يزور السلطنة حاليا.")
    assert sides(found[0])["PAK"] == ("أحمد شاهد خان", "guest")


def test_the_sidelines_of_a_joint_committee_of_two_states_are_no_neutral_ground() -> None:
    """"على هامش أشغال الدورة ... للجنة المختلطة الجزائرية-التونسية": it sits in one of the two, whose
    official receives at home."""
    found = events("استقبل رئيس أركان الجيش الوطني الشعبي الجزائري الفريق أول سعيد بن علي، بمقر الأركان، رئيس "
                   "أركان جيش البر التونسي محمد الورتاني، على هامش أشغال الدورة السابعة عشر للجنة المختلطة "
                   "الجزائرية-التونسية.")
    assert sides(found[0]) == {"DZA": ("سعيد بن علي", "host"), "TUN": ("محمد الورتاني", "guest")}


def test_the_dual_minister_in_construct_is_a_title() -> None:
    """"مع وزيري الدفاع التركي X ونظيره القطري Y": three sides, the Turk's state from his nisba."""
    found = events("بحث وكيل وزارة الدفاع الليبي صلاح الدين الورفلي، الإثنين، مع وزيري الدفاع التركي أحمد يلماز "
                   "ونظيره القطري خالد الكواري في طرابلس بناء تعاون ثلاثي مشترك.")
    assert len(found) == 1
    assert {c: n for c, (n, _) in sides(found[0]).items()} == {
        "LBY": "صلاح الدين الورفلي", "TUR": "أحمد يلماز", "QAT": "خالد الكواري"}
