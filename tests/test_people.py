"""People, titles and countries: the table tests/data/people.tsv, plus named cases."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import ROOT, read_table
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extract.document import analyse
from marsad.extract.events import _location
from marsad.extract.honorifics import Honorifics
from marsad.extract.people import PeopleFinder
from marsad.extract.roles import assign_roles
from marsad.extract.sides import engagements
from marsad.extract.tokens import TOKEN, tokenize
from marsad.lexicons import lexicons
from marsad.model import Segment
from marsad.normalize import fold, fold_word
from marsad.settings import Settings

ROWS = read_table("people.tsv")
FLOORS = {k: v["accuracy"] for k, v in json.loads((ROOT / "eval" / "baseline.json").read_text()).items()
          if k.startswith("people")}
FLOOR = FLOORS["people_table"]


def people_of(sentence: str) -> list[tuple[str | None, str | None, str | None]]:
    """(name, title, country) per person, the home side's country taken from the meeting place."""
    a = analyse(Segment("t", 0, sentence), Settings(ref_date=dt.date(2026, 11, 22)))
    for eng in engagements(a):
        parts = assign_roles(a, eng, _location(a, eng), eng.kind)
        for ent, part in zip((a.entities[eng.subject], a.entities[eng.obj]), parts, strict=True):
            ent.country = ent.country or part.country
    return [(p.name, p.title, p.country or (a.entities[p.entity].country if p.entity >= 0 else None))
            for p in a.people]


def row_ok(row: dict[str, str], found) -> bool:
    def n(x):
        return fold_word(x) if x else None

    want = (row["name"] or None, row["title"] or None, row["country"] or None)
    same = [p for p in found if (want[0] and n(p[0]) == n(want[0])) or (not want[0] and n(p[1]) == n(want[1]))]
    return bool(same) and n(same[0][1]) == n(want[1]) and same[0][2] == want[2]


@pytest.mark.parametrize("table, floor", [("people.tsv", "people_table"), ("people_unseen.tsv", "people_unseen")])
def test_people_tables_meet_their_floors(table, floor):
    rows = read_table(table)
    cache: dict[str, list] = {}
    ok = sum(row_ok(r, cache.setdefault(r["sentence"], people_of(r["sentence"]))) for r in rows)
    assert ok / len(rows) >= FLOORS[floor], f"{ok}/{len(rows)}"


def test_people_table_accuracy_meets_the_floor():
    cache: dict[str, list] = {}
    ok = sum(row_ok(r, cache.setdefault(r["sentence"], people_of(r["sentence"]))) for r in ROWS)
    assert len(ROWS) >= 150
    assert ok / len(ROWS) >= FLOOR, f"{ok}/{len(ROWS)}"


@pytest.mark.parametrize("sentence, name, title, country", [
    ("استقبل عبد الله الكريمي المدير العام للأمن الوطني، الاثنين بالرباط، خالد سليم المفتش العام للشرطة "
     "بوزارة الداخلية الباكستانية.", "خالد سليم", "المفتش العام للشرطة بوزارة الداخلية الباكستانية", "PAK"),
    ("وعقد لقاء مع مدير جهاز أمن الدولة الإماراتي، سالم عبيد الكتبي، بحضور عدد من المسؤولين.",
     "سالم عبيد الكتبي", "مدير جهاز أمن الدولة الإماراتي", "ARE"),
    ("واستهل برنامجه بلقاء John Carter، سفير المملكة المتحدة بالمغرب، حيث تباحثا.",
     "John Carter", "سفير المملكة المتحدة بالمغرب", "GBR"),
    ("استقبل الوزير السيدة ماري دوبوا، المديرة العامة لأمن الدولة بمملكة بلجيكا، بمكتبه.",
     "ماري دوبوا", "المديرة العامة لأمن الدولة بمملكة بلجيكا", "BEL"),
    ("التقى وزير الداخلية الفرنسي جان مارتان نظيره المغربي.", "جان مارتان", "وزير الداخلية الفرنسي", "FRA"),
    ("استقبل صاحب السمو الملكي الأمير فيصل بن مشعل، ولي ولي العهد وزير الداخلية السعودي، أمس بالرياض، وزير "
     "الداخلية البحريني راشد الخليفي.", "فيصل بن مشعل", "ولي ولي العهد وزير الداخلية السعودي", "SAU"),
    ("واستقبل رئيس الأركان العامة الليبي الفريق ركن سالم الحداد، أمس بطرابلس، قائد القوات البحرية التركية.",
     "سالم الحداد", "رئيس الأركان العامة الليبي", "LBY"),  # a rank with ركن, the article on one word only
    ("استقبل حسن الشافعي – وزير الداخلية المصري، أمس بالقاهرة، نظيره اليوناني.", "حسن الشافعي",
     "وزير الداخلية المصري", "EGY"),  # a dash between the name and its title
    ("أكد وزير الداخلية والجماعات المحلية الجزائري السعيد بلقاسمي، أن الاجتماع كان مثمرا.", "السعيد بلقاسمي",
     "وزير الداخلية والجماعات المحلية الجزائري", "DZA"),  # a definite first name ends the title
    ("استقبل رئيس الجمهورية السيد عبد الكريم بوزيد، وزير الداخلية البرتغالي السيد جواو فيريرا.", "جواو فيريرا",
     "وزير الداخلية البرتغالي", "PRT"),  # the next title has its own honorific and name
    ("استقبل وزير الخارجية السوداني بمكتبه اليوم السفير خالد بن ناصر العطية؛ سفير دولة قطر لدى السودان.",
     "خالد بن ناصر العطية", "سفير دولة قطر لدى السودان", "QAT"),  # a semicolon before the apposition
    ("بحث وزير الخارجية الأردني في اتصال هاتفي مع وزير خارجية المملكة العربية السعودية، سمو الأمير فهد بن سلطان "
     "آل سعود، آخر التطورات.", "فهد بن سلطان آل سعود", "وزير خارجية المملكة العربية السعودية", "SAU"),  # سمو الأمير
    ("استقبل نائب رئيس الوزراء في حكومة الوحدة الوطنية الليبية سالم الورفلي، أمس، سفير مالطا بطرابلس.",
     "سالم الورفلي", "نائب رئيس الوزراء في حكومة الوحدة الوطنية الليبية", "LBY"),  # في حكومة ... goes on
    ("استقبل الوزير أمس سفير جمهورية كوريا غير المقيم لدى موريتانيا لي جاي سونغ، في مكتبه.", "لي جاي سونغ",
     "سفير جمهورية كوريا غير المقيم لدى موريتانيا", "KOR"),  # غير المقيم, a qualifier
    ("استقبل رئيس مجلس الوزراء الكويتي الشيخ صباح سالم الحمود، أمس، وزير الداخلية البحريني.", "صباح سالم الحمود",
     "رئيس مجلس الوزراء الكويتي", "KWT"),  # صباح (morning), a first name after an honorific
    ("التقى الوزير نائب رئيس الوزراء الفلسطيني عضو اللجنة التنفيذية لمنظمة التحرير الفلسطينية سامي الخطيب، أمس.",
     "سامي الخطيب", "نائب رئيس الوزراء الفلسطيني عضو اللجنة التنفيذية لمنظمة التحرير الفلسطينية", "PSE"),  # عضو
    ("كما رأس وزير الخارجية الليبي وحسام الدين عامر وزير الخارجية اجتماع اللجنة المشتركة.", "حسام الدين عامر",
     "وزير الخارجية", None),  # و + a first name (حسام, first_names.txt) begins the next person
    ("وبحث وزير الداخلية البحريني في اتصال هاتفي مع وزير الأمن الداخلي الإسرائيلي أمير كوهين التعاون الأمني.",
     "أمير كوهين", "وزير الأمن الداخلي الإسرائيلي", "ISR"),  # أمير after a nisba, a first name
    ("استقبل وزير الشؤون المدنية الفلسطيني الوزير ماجد الشيخ، اليوم، المبعوث الألماني.", "ماجد الشيخ",
     "وزير الشؤون المدنية الفلسطيني الوزير", "PSE"),  # an honorific word as a family name
    ("وتجري محادثات بين أمين مجلس الأمن القومي الإيراني حسين رضائي ونظيره العراقي في بغداد.", "حسين رضائي",
     "أمين مجلس الأمن القومي الإيراني", "IRN"),  # أمين مجلس, the construct without the article
    ("واستقبل وزير الدفاع العماني سالم البلوشي مستشار الأمن القومي السعودي مسعد الحربي في مسقط.", "مسعد الحربي",
     "مستشار الأمن القومي السعودي", "SAU"),  # a town named like a first name does not go on with a title
    ("استقبل وزير الداخلية اللبناني اليوم سفير جمهورية النمسا كلاوس فيبر في مكتبه.", "كلاوس فيبر",
     "سفير جمهورية النمسا", "AUT"),  # كلاوس is Klaus: ك is no proclitic of a place name (لاوس)
    ("التقى وزير الداخلية السوداني الفريق شرطة عمر الطيب، أمس ببورتسودان، السفير التركي.", "عمر الطيب",
     "وزير الداخلية السوداني", "SDN"),  # a Sudanese police rank: the grade, then شرطة
    ("التقى وزير الداخلية الأردني، أمس في تونس، وزير الداخلية بالمملكة العربية السعودية الأمير عبدالعزيز بن "
     "سعود بن نايف.", "عبدالعزيز بن سعود بن نايف", "وزير الداخلية بالمملكة العربية السعودية", "SAU"),  # الأمير: an honorific here
    ("واستقبل النائب العام المصري المستشار حسام عبد الرحيم، أمس، وفدا قضائيا تونسيا.", "حسام عبد الرحيم",
     "النائب العام المصري", "EGY"),  # المستشار, a judge's honorific, is no second office
    ("استقبل وزير العدل، أمس، سفير دولة الإمارات العربية المتحدة لدى مصر جمعة مبارك الكعبي.", "جمعة مبارك الكعبي",
     "سفير دولة الإمارات العربية المتحدة لدى مصر", "ARE"),  # جمعة without the article, then a first name: a name
    ("وأكد وزير الدفاع الأميركي لنظيره السعودي، الأمير فهد بن سلطان، أهمية الشراكة.", "فهد بن سلطان", None,
     "SAU"),  # the counterpart's name, not the American's
    ("أجرى قائد أركان الدرك الوطني الموريتاني الفريق السلطان ولد محمد الأمين، أمس، لقاء مع الوفد الجزائري.",
     "السلطان ولد محمد الأمين", "قائد أركان الدرك الوطني الموريتاني", "MRT"),  # a title's word before ولد: a first name
    ("وضم الاجتماع كلا من وزراء الخارجية الأردني سامي الحسن، والتركي أحمد يلدز، والقطري خالد المري.",
     "أحمد يلدز", "وزراء الخارجية", "TUR"),  # a plural title, then each member by his nisba and his name
    ("وضم الاجتماع القائم بالأعمال في السفارة الإيطالية لدى ليبيا، ماركو روسي، إلى جانب الوفد المرافق.",
     "ماركو روسي", "القائم بالأعمال في السفارة الإيطالية لدى ليبيا", "ITA"),  # وضم (a verb with و) is no name
    ("استقبل رئيس هيئة الأركان العامة الكويتي الفريق الركن طيار ناصر سالم العتيبي، أمس، الوفد العسكري.",
     "ناصر سالم العتيبي", "رئيس هيئة الأركان العامة الكويتي", "KWT"),  # a grade, then its corps: ركن طيار
    ("التقى وزير الدفاع الفريق أول مهندس ركن حسن عبد الرحيم، أمس، الملحق العسكري البريطاني العقيد بحار "
     "جون كولنز.", "جون كولنز", "الملحق العسكري البريطاني", "GBR"),  # مهندس ركن; بحار (navy)
    ("استقبل المدير العام للحرس الوطني الكويتي، قائد المنطقة الشمالية، الفريق أول سالم العنزي، الوفد العماني.",
     "سالم العنزي", "المدير العام للحرس الوطني الكويتي", "KWT"),  # two offices, one comma apart, before a name
    ("وبحث الوزير مع قائد القيادة العسكرية لأفريقيا «أفريكوم»، الجنرال توماس ميلر، أمن منطقة الساحل.",
     "توماس ميلر", "قائد القيادة العسكرية لأفريقيا «أفريكوم»", "USA"),  # the agency's short name in quotes, then the apposition
    ("واستقبل مدير الشرطة الجنائية الأوروبية (يوروبول)، السيدة كاترين ديبول، وفدا من الأمن التونسي.",
     "كاترين ديبول", "مدير الشرطة الجنائية الأوروبية", None),  # in brackets
    ("وأجرى وزير الخارجية القطري اتصالا هاتفيا مع نظيره الإيراني محمد أمير كاظمي، أمس.",
     "محمد أمير كاظمي", None, "IRN"),  # أمير after a first name, inside a name, is no emir
    ("واستقبل الوزير بمكتبه وزير الأمن الداخلي في جمهورية جيبوتي، عثمان عيديد علي.",
     "عثمان عيديد علي", "وزير الأمن الداخلي في جمهورية جيبوتي", "DJI"),  # علي closing a clause is the name Ali
    ("وبحث مدير الشرطة مع القائم بأعمال سفارة جمهورية كازاخستان لدى عمان، نورلان بيك سيتوف سبل تعزيز التعاون.",
     "نورلان بيك سيتوف", "القائم بأعمال سفارة جمهورية كازاخستان لدى عمان", "KAZ"),  # "TITLE، NAME" with no closing comma
    ("والتقى رئيس المكتب السياسي لحركة حماس خالد مشعل، أمس في الدوحة، وزير الخارجية التركي.",
     "خالد مشعل", "رئيس المكتب السياسي لحركة حماس", "PSE"),
    ("واستقبل وزير الداخلية الليبي عماد الطرابلسي في طرابلس قائد “أفريكوم” الجنرال مايكل لانغلي.",
     "مايكل لانغلي", "قائد “أفريكوم”", "USA"),  # an agency's name in quotes goes on with the title
    ("واستقبل وزير الداخلية الليبي اللواء خالد مازن التونسي في طرابلس السفير الإيطالي.", "خالد مازن التونسي",
     "وزير الداخلية الليبي", "LBY"),  # after a title that has its state, a nisba after the name is his family name
    ("بحث مدير الأمن العام الأردني مع الشيخ حمد بن خليفة آل ثاني، مدير إدارة التعاون الدولي، سبل التعاون.",
     "حمد بن خليفة آل ثاني", "مدير إدارة التعاون الدولي", "QAT"),  # a ruling family's member in office is of its state
    ("ونقل الوزير إلى الرئيس تحيات الملك حمد بن عيسى آل خليفة.", "حمد بن عيسى آل خليفة", "الملك", None),
    # ... but not the monarch, named as the sender of greetings or a letter: no side, no state from his name
    ("واستقبل وزير الداخلية الكويتي الفريق أول متقاعد الشيخ سالم النواف، أمس، السفير الهندي.",
     "سالم النواف", "وزير الداخلية الكويتي", "KWT"),  # a retired officer's grade (متقاعد) is no name
    ("وشارك في الاجتماع رئيس المخابرات العامة السوري حسين سلامة مترئسا وفد بلاده.",
     "حسين سلامة", "رئيس المخابرات العامة السوري", "SYR"),  # "presiding" (مترئسا) ends the name
    ("واستقبل مدير الشرطة القضائية ومدير مكتب الإنتربول بالمغرب محمد الإدريسي السفير البريطاني.",
     "محمد الإدريسي", "مدير الشرطة القضائية ومدير مكتب الإنتربول بالمغرب", "MAR"),  # an IGO's office in a state
    ("التقى وزير الداخلية الليبي فتحي باشاغا بوزير الخارجية الإيطالي لويجي دي مايو في طرابلس.",
     "لويجي دي مايو", "وزير الخارجية الإيطالي", "ITA"),  # after a foreign particle, a month's name is a family name
    ("استقبل رئيس الجمهورية، السيد/ عمر حسن علي، يوم الخميس، وزير الدفاع الفرنسي، السيد/ جان بيار مارتان.",
     "جان بيار مارتان", "وزير الدفاع الفرنسي", "FRA"),  # a slash after the honorific (السيد/ X), Horn of Africa style
    ("وأجرى وزير الداخلية التونسي خالد النوري اتصالا هاتفيا مع نظيره الليبي بحكومة الوحدة الوطنية بدولة ليبيا، "
     "اللواء عماد الطرابلسي.", "عماد الطرابلسي", "اللواء", "LBY"),  # a counterpart's government, then his name
    ("وبحث الوزير مع سفير دولة قطر الشقيقة علي آل محمود سبل تعزيز العلاقات.", "علي آل محمود",
     "سفير دولة قطر الشقيقة", "QAT"),  # علي before آل (a family) is the name Ali, not the preposition
    ("وترأس الوفد الجنرال فرانسوا د لامار قائد العمليات الفرنسية في منطقة الساحل.",
     "فرانسوا د لامار", "قائد العمليات الفرنسية في منطقة الساحل", "FRA"),  # the French particle d' inside a name
    ("واستقبل قائد الشرطة السوري العميد فادي الخطيب الليلة الماضية السفير الإيطالي في دمشق.",
     "فادي الخطيب", "قائد الشرطة السوري", "SYR"),  # a part of the day ends a name  # a movement (حركة، حزب) goes on with the title, and names its state
])
def test_named_patterns(sentence, name, title, country):
    found = PeopleFinder().find(sentence)
    assert (name, title, country) in [(p.name, p.title, p.country) for p in found]


def test_offsets_point_at_the_written_name():
    text = "واستقبل السيد عمر الفاسي، وزير العدل، سفيرَ فرنسا."
    (p, *_) = PeopleFinder().find(text)
    assert text[p.name_span[0]:p.name_span[1]] == "عمر الفاسي"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="اب تثجحخ لمنهوي abcXYZ019_-'،.,:؛؟!«»()\"/\n\t", max_size=60))
def test_tokenize_gives_the_tokens_of_the_token_pattern(text: str) -> None:
    """The fast tokenizer (str methods on space-separated pieces) cuts exactly like TOKEN."""
    folded = fold(text)
    toks = tokenize(folded, text)
    expected = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(folded.text)]
    assert list(zip(toks.text, toks.start, toks.end, strict=True)) == expected


def test_the_honorific_forms_cover_every_word_that_can_start_an_honorific() -> None:
    """`Honorifics.marks` only looks at tokens in `honorific_forms`: it must hold every written form
    `_candidates` accepts (بالسيد، وللسيدة، فالشيخ ...), here for every word of the page fixtures."""
    finder = Honorifics(lexicons())
    words = {w for path in (ROOT / "tests" / "pages").rglob("*.txt")
             for w in fold_word(path.read_text(encoding="utf-8", errors="replace")).split()}
    words |= {p + h for p in ("و", "ف", "ب", "ل", "وب", "بال", "وبال", "لل", "ولل", "فال") for h in finder.by_first}
    accepted = {w for w in words if w and finder._candidates(w)}
    assert accepted and accepted <= finder.honorific_forms


def test_a_title_after_the_capacity_proclitic_names_no_new_person():
    """"الذي يزور القاهرة كمبعوث شخصي للرئيس": كـ (as) gives the capacity of someone already named."""
    sentence = ("استقبل وزير الداخلية المصري حسن الشافعي، أمس، وزير الأمن الكيني جون موانغي، الذي يزور القاهرة "
                "كمبعوث شخصي للرئيس الكيني.")
    found = people_of(sentence)
    assert [p[0] for p in found][:2] == ["حسن الشافعي", "جون موانغي"]
    assert [p for p in found if p[1] and "مبعوث" in p[1]] == []


def test_an_adverb_after_a_title_is_no_name():
    """"للرئيس التونسي فور وصوله": فور (upon) opens a clause; the title names nobody new."""
    sentence = ("واستقبل الرئيس الجزائري عبد الكريم بلقاسم الرئيس التونسي سامي المرزوقي، وأقيمت مراسم استقبال رسمية "
                "للرئيس التونسي فور وصوله إلى قصر المرادية.")
    names = [p[0] for p in people_of(sentence)]
    assert "عبد الكريم بلقاسم" in names and "سامي المرزوقي" in names
    assert not any(n and n.startswith("فور") for n in names)


@pytest.mark.parametrize("adverb", ["خصوصا", "لاسيما", "تحديدا"])
def test_an_adverb_opening_a_list_of_people_is_no_name(adverb):
    """"مع عدد من نظرائه الإسبان، خصوصا X المدير العام ...": the adverb opens the list."""
    sentence = (f"وأجرى الوفد المغربي مباحثات مع عدد من نظرائه الإسبان، {adverb} خوان مارتينيث لوبيث المدير العام للشرطة "
                "الوطنية الإسبانية.")
    assert "خوان مارتينيث لوبيث" in [p[0] for p in people_of(sentence)]


def test_the_offices_after_a_name_up_to_the_verb_are_his():
    """"X، ولي عهد دبي، نائب رئيس مجلس الوزراء، وزير الدفاع، تلقى اتصالا": one person, not three."""
    sentence = ("أفادت وزارة الدفاع بأن الشيخ راشد بن سعيد آل نهيان، ولي عهد أبوظبي، نائب رئيس مجلس الوزراء، وزير "
                "الدفاع، تلقى اتصالا هاتفيا من وزير الدفاع الكويتي فهد الصباح.")
    found = people_of(sentence)
    assert [p[0] for p in found] == ["راشد بن سعيد آل نهيان", "فهد الصباح"]


def test_for_his_part_and_greetings_are_no_names():
    """"من جهته نقل وزير الخارجية العماني تحيات وتقدير السلطان X": no name left of either title."""
    sentence = "من جهته نقل وزير الخارجية الكويتي تحيات وتقدير الأمير سالم بن جاسم لأخيه ملك البحرين."
    found = people_of(sentence)
    assert ("وزير الخارجية الكويتي", None) in [(p[1], p[0]) for p in found]
    assert all(p[0] is None or not p[0].startswith(("جهته", "تحيات")) for p in found)


def test_amir_before_a_place_word_stays_the_title():
    """"السفير الكويتي أمير منطقة الرياض": أمير before منطقة is the emir of a region, no first name."""
    assert not any(p[0] and p[0].startswith("أمير") for p in people_of("واستقبل السفير الكويتي أمير منطقة الرياض."))


def test_the_offices_after_a_name_up_to_a_full_stop_are_his():
    """"استقبل الفريق أول، X، الوزير المنتدب لدى وزير الدفاع الوطني، رئيس أركان الجيش الوطني الشعبي."
    (a stray stop before the object): one person, of the state his last office names."""
    sentence = ("استقبل الفريق أول، عبد القادر بلعيد، الوزير المنتدب لدى وزير الدفاع الوطني، رئيس أركان الجيش الوطني "
                "الشعبي. قائد القوات البرية الإيطالية الجنرال ماركو بيانكي.")
    found = people_of(sentence)
    assert [(p[0], p[2]) for p in found][:1] == [("عبد القادر بلعيد", "DZA")]
    assert all(p[0] is not None for p in found)


@pytest.mark.parametrize("sentence, phrase", [
    ("وبحث الوزير التونسي مع المدير العام للأمن الوطني الجزائري سبل تبادل الخبرات في مكافحة الجريمة.",
     "سبل تبادل الخبرات"),
    ("وتناول اللقاء مع وزير العدل الموريتاني ملفات التعاون القضائي وتسليم المطلوبين.", "ملفات التعاون القضائي"),
])
def test_a_noun_phrase_of_frequent_words_after_a_title_is_no_name(sentence, phrase):
    """Words that are all frequent, none a first name, with a definite one after the first: the
    construct chain of what was discussed ("سبل تبادل الخبرات"), not the official's name."""
    assert phrase not in [p.name for p in PeopleFinder().find(sentence)]


def test_a_name_of_frequent_words_whose_definite_word_is_no_common_noun_stays_a_name():
    """"سامر الخطيب": both words are frequent (a name, a preacher), neither a listed first name."""
    found = PeopleFinder().find("أجرى وزير الخارجية الأردني سامر الخطيب اتصالا هاتفيا مع نظيره المصري.")
    assert "سامر الخطيب" in [p.name for p in found]


def test_during_it_opens_a_clause_not_a_name():
    """"وزير الداخلية بالمملكة، قدم خلاله التهنئة ...": the clause after the comma tells what was said."""
    found = PeopleFinder().find("تلقى الوزير اتصالا هاتفيا من وزير الداخلية بدولة الكويت، قدم خلاله التهنئة بحلول "
                                "شهر رمضان المبارك.")
    assert [p.name for p in found if p.name and "خلاله" in p.name] == []


def test_keeper_of_the_seals_is_part_of_the_justice_ministers_title():
    found = PeopleFinder().find("والتقى وزير العدل حافظ الأختام، عبد الحميد بوشامة، سفير إيطاليا بالجزائر.")
    assert ("عبد الحميد بوشامة", "وزير العدل حافظ الأختام") in [(p.name, p.title) for p in found]


def test_two_titles_joined_by_and_stay_two_people():
    """"مدير الأمن العام، ومدير الدفاع المدني X": و joins two people, where a bare comma joins one's offices."""
    found = PeopleFinder().find("وحضر اللقاء مدير الأمن العام الأردني، ومدير الدفاع المدني اللواء خالد الرواشدة.")
    assert [(p.name, p.title) for p in found] == [
        (None, "مدير الأمن العام الأردني"), ("خالد الرواشدة", "مدير الدفاع المدني")]


def test_compound_abd_names_are_first_names_joined_or_apart():
    """عبد السلام is written joined as often as apart (عبدالسلام): both are first names."""
    names = lexicons().first_names
    assert {fold_word("عبد"), fold_word("عبدالسلام"), fold_word("عبدالرحيم")} <= names
