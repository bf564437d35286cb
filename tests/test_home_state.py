"""Home states (spec §3 "Countries"): the ISO3 state each participant is coded with.

One row per linguistic fact, each a short news sentence written for this table. A row expects
exactly one event and, for the participants it names (by name, or by title when the text gives
no name), the `country` the spec's gold gives them: `None` when the text does not tell the state.
Rows marked xfail (strict) are grammar still to build: the reason says what marsad does instead.
"""

from __future__ import annotations

import pytest
from conftest import REF

from marsad.extract.events import extract_events
from marsad.model import Segment
from marsad.settings import Settings

ABSENT = "<not a participant>"


def countries_of(text: str, outlet_home: str | None = None) -> list[dict[str, str | None]]:
    """Per event, {name or, failing a name, title: country} of its participants."""
    segment = Segment(doc="t.txt", index=0, text=text, outlet_home=outlet_home, outlet_country=outlet_home)
    return [{p.name or p.title: p.country for p in ev.participants} for ev in extract_events(segment, Settings(ref_date=REF))]


def gap(text: str, want: dict[str, str | None], fact: str, instead: str, outlet_home: str | None = None):
    return pytest.param(text, want, outlet_home, id=fact, marks=pytest.mark.xfail(strict=True, reason=instead))


def row(text: str, want: dict[str, str | None], fact: str, outlet_home: str | None = None):
    return pytest.param(text, want, outlet_home, id=fact)


ROWS = [
    # --- a nisba after the title ----------------------------------------------------------------
    row("استقبل وزير الداخلية الأردني مازن الفراية، أمس في عمان، سفير المملكة المتحدة لدى الأردن جيمس ووترز.",
        {"مازن الفراية": "JOR"}, "nisba-after-title-masculine"),
    row("التقى وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، وزيرة الداخلية الإسبانية ماريا غونثاليث.",
        {"ماريا غونثاليث": "ESP"}, "nisba-after-title-feminine"),
    row("استقبل وزير الداخلية الإماراتي سيف بن زايد، أمس بأبوظبي، وزير الداخلية الكوري الجنوبي كيم سونغ.",
        {"كيم سونغ": "KOR"}, "nisba-of-two-words"),
    row("استقبل وزير الدفاع الأميركي روبرت هايز، أمس في البنتاغون، وزير الدفاع العراقي خالد العبيدي.",
        {"روبرت هايز": "USA"}, "nisba-spelling-amirki"),
    row("استقبل وزير الدفاع الامريكي روبرت هايز، أمس في البنتاغون، وزير الدفاع العراقي خالد العبيدي.",
        {"روبرت هايز": "USA"}, "nisba-spelling-amriki-without-hamza"),
    row("استقبل المدير العام للشرطة الوطنية الإسبانية فرانسيسكو باردو، أمس بمدريد، المفتش العام للشرطة بوزارة "
        "الداخلية الباكستانية خالد سليم.", {"خالد سليم": "PAK"}, "nisba-after-the-ministry-in-the-title"),
    row("استقبل المدير العام للشرطة الوطنية الإسبانية فرانسيسكو باردو، أمس بمدريد، المفتش العام للشرطة بوزارة "
        "الداخلية الباكستانية خالد سليم.", {"فرانسيسكو باردو": "ESP"}, "nisba-after-the-agency-in-the-title"),
    row("استقبل وزير الخارجية المغربي ناصر بوريطة، أمس بالرباط، نائب وزير الخارجية الروسي ميخائيل بوغدانوف.",
        {"ميخائيل بوغدانوف": "RUS"}, "nisba-after-a-modified-title-naib"),
    row("استقبل رئيس أركان الجيش الجزائري الفريق أول سعيد شنقريحة، أمس بالجزائر العاصمة، قائد القوات البرية "
        "الإيطالية كارلو لامانا.", {"سعيد شنقريحة": "DZA", "كارلو لامانا": "ITA"}, "nisba-before-a-rank"),
    row("عقد مدير عام الهيئة العامة للجمارك سالم جواد، أمس في بغداد، اجتماعا مع وفد السفارة الإيطالية برئاسة "
        "الممثل التجاري ماركو بيانكي.", {"ماركو بيانكي": "ITA"}, "the-leader-of-a-delegation-of-a-state"),
    row("أجرى قائد أركان الدرك الوطني الفريق سالم ولد أحمد، أمس، لقاء مع وفد من قيادة الدرك بالجمهورية الجزائرية "
        "يقوده العميد كمال بن يوسف؛ قائد الدرك الوطني الجزائري. وبحث الفريق ولد أحمد مع نظيره الجزائري سبل التعاون.",
        {"سالم ولد أحمد": None, "كمال بن يوسف": "DZA"}, "a-delegation-s-state-goes-to-its-leader-only"),
    row("التقى وزير الداخلية الليبي سالم الزروق، أمس في طرابلس، وفد اللجنة الدائمة الليبية التونسية برئاسة "
        "المدير العام للحدود فتحي بن صالح.", {"سالم الزروق": "LBY", "فتحي بن صالح": "TUN"},
        "a-joint-committee-s-delegation-is-not-of-its-first-state"),
    row("استقبل رئيس الأمن العام الفريق خالد المري، بمكتبه أمس، الأدميرال جون هاريس نائب قائد خفر السواحل "
        "الأمريكي، والوفد المرافق له.", {"خالد المري": None, "جون هاريس": "USA"}, "an-agency-named-with-its-nisba"),
    row("استقبل رئيس الوزراء الفلسطيني محمد مصطفى، أمس في رام الله، القنصل البريطاني العام في القدس ديان كوري.",
        {"ديان كوري": "GBR"}, "nisba-inside-consul-general-not-the-post-city"),
    row("استقبل والي جهة مراكش آسفي كريم قسي لحلو، أمس بمراكش، القنصل العام الفرنسي بمراكش برونو لوفيفر.",
        {"برونو لوفيفر": "FRA", "كريم قسي لحلو": "MAR"}, "nisba-consul-posted-in-a-city-of-the-host"),
    gap("استقبل وزير الداخلية التونسي خالد النوري، أمس بتونس، قائد الحرس المالي الإيطالي أندريا دي لوكا.",
        {"أندريا دي لوكا": "ITA"}, "nisba-al-mali-financial-is-not-mali",
        "MLI: المالي (financial) in الحرس المالي الإيطالي is read as the nisba of Mali"),
    # --- the state's name in the title ------------------------------------------------------------
    row("استقبل وزير خارجية مصر حسام عبد الفتاح، أمس بالقاهرة، وزير خارجية اليونان نيكوس باباس.",
        {"حسام عبد الفتاح": "EGY", "نيكوس باباس": "GRC"}, "state-name-in-construct-wazir-kharijiyat-X"),
    row("استقبل وزير داخلية مملكة البحرين راشد بن عبد الله، أمس بالمنامة، سفير جمهورية ألمانيا الاتحادية لدى "
        "المملكة ميخائيل شولتز.", {"راشد بن عبد الله": "BHR"}, "state-name-with-mamlaka"),
    row("استقبل وزير داخلية مملكة البحرين راشد بن عبد الله، أمس بالمنامة، سفير جمهورية ألمانيا الاتحادية لدى "
        "المملكة ميخائيل شولتز.", {"ميخائيل شولتز": "DEU"}, "state-name-long-official-form"),
    row("استقبل أمير دولة قطر الشيخ تميم بن حمد آل ثاني، أمس بالدوحة، رئيس وزراء باكستان شهباز شريف.",
        {"تميم بن حمد آل ثاني": "QAT", "شهباز شريف": "PAK"}, "state-name-after-amir-and-rais-wuzara"),
    row("استقبل الرئيس الموريتاني محمد ولد الغزواني، أمس بنواكشوط، المديرة العامة لأمن الدولة بمملكة بلجيكا ماري "
        "دوبوا.", {"ماري دوبوا": "BEL"}, "state-name-bi-mamlakat-after-the-agency"),
    # --- ambassadors: the sending state, never the state they are accredited to ------------------
    row("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، يوم الثلاثاء بالرباط، سفير فرنسا لدى المغرب كريستوف "
        "لوكورتيي.", {"كريستوف لوكورتيي": "FRA", "عبد الرحيم العلوي": "MAR"}, "ambassador-of-X-lada-Y-is-X"),
    row("التقى وزير الداخلية البلجيكي يان بيترز، أمس ببروكسل، سفيرة المغرب لدى بلجيكا سميرة بنعلي.",
        {"سميرة بنعلي": "MAR", "يان بيترز": "BEL"}, "ambassador-abroad-meets-the-host-state"),
    row("استقبل وزير الداخلية الأردني مازن الفراية، أمس في عمان، سفير المملكة المتحدة لدى الأردن جيمس ووترز.",
        {"جيمس ووترز": "GBR"}, "ambassador-of-the-united-kingdom"),
    row("استقبل وزير الداخلية الأردني مازن الفراية، أمس في عمان، السفير الهندي المعتمد لدى الأردن راجيف كومار.",
        {"راجيف كومار": "IND"}, "ambassador-nisba-then-al-mutamad-lada"),
    row("استقبل وزير الداخلية التونسي خالد النوري، أمس بتونس، سفير المغرب في تونس حسن طارق.",
        {"حسن طارق": "MAR", "خالد النوري": "TUN"}, "ambassador-of-X-fi-Y-is-X"),
    row("استقبل وزير الخارجية المغربي ناصر بوريطة، أمس بالرباط، القائم بأعمال سفارة الولايات المتحدة لدى المملكة "
        "ديفيد غرين.", {"ديفيد غرين": "USA"}, "charge-daffaires-of-an-embassy"),
    row("استقبل والي جهة طنجة تطوان الحسيمة يونس التازي، أمس بطنجة، القنصل العام لإسبانيا بطنجة أنطونيو ريوس.",
        {"أنطونيو ريوس": "ESP"}, "consul-general-li-X-bi-city"),
    # --- نظيره / نظيرته: the other state, from the nisba or from the context ----------------------
    row("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، نظيره الموريتاني محمد ولد أحمد.",
        {"محمد ولد أحمد": "MRT"}, "nazir-with-nisba"),
    row("التقى وزير الخارجية الجزائري رشيد بن علي، أمس بمدريد، نظيرته الإسبانية كارمن لوبيث.",
        {"كارمن لوبيث": "ESP"}, "nazira-feminine-with-nisba"),
    row("التقى وزير الداخلية المغربي عبد الرحيم العلوي، أمس بمدريد، نظيره فرناندو مارتينيث.",
        {"فرناندو مارتينيث": "ESP", "عبد الرحيم العلوي": "MAR"}, "nazir-bare-takes-the-state-of-the-meeting-place"),
    gap("بدأ وزير الخارجية المغربي ناصر بوريطة زيارة رسمية إلى موريتانيا، حيث أجرى مباحثات مع نظيره محمد سالم "
        "ولد مرزوك.", {"محمد سالم ولد مرزوك": "MRT", "ناصر بوريطة": "MAR"},
        "nazir-bare-takes-the-state-of-the-visit-destination",
        "no event: the visit's destination (زيارة إلى موريتانيا) does not give نظيره a state"),
    # --- the home side of a reception from its place, or from a national outlet -----------------
    row("استقبل وزير الداخلية عبد الرحيم العلوي، أمس بالرباط، نظيره الموريتاني محمد ولد أحمد.",
        {"عبد الرحيم العلوي": "MAR"}, "host-without-nisba-from-the-reception-city"),
    row("استقبل وزير الخارجية ناصر بوريطة سفير اليابان لدى المملكة هيروشي تاناكا.",
        {"ناصر بوريطة": "MAR", "هيروشي تاناكا": "JPN"}, "host-without-nisba-from-a-national-outlet",
        outlet_home="MAR"),
    row("تلقى وزير الخارجية ناصر بوريطة اتصالا هاتفيا من وزير الخارجية الأمريكي جون ميلر. وتناول الاتصال "
        "الأوضاع في القدس.", {"ناصر بوريطة": "MAR"}, "national-outlet-a-third-state-named-once-is-a-topic",
        outlet_home="MAR"),
    row("استقبل وزير الداخلية العراقي ناصر الخالدي، أمس ببغداد، وكيل وزارة الداخلية خالد العنزي. وبحث الجانبان "
        "التعاون بين العراق والكويت، ودعم أمن الحدود مع الكويت.", {"خالد العنزي": "KWT"},
        "national-outlet-abroad-a-third-state-named-twice-wins", outlet_home="SAU"),
    row("واستقبل وزير الداخلية فهد بن عبد الله في مقر إقامته بالعاصمة التونسية مساء أمس وزير الداخلية اللبناني نبيل "
        "حداد.", {"فهد بن عبد الله": "SAU"}, "at-his-residence-abroad-the-place-is-not-his-state", outlet_home="SAU"),
    row("عمّان – أجرى وزير الخارجية ماجد العبادي، اليوم، اتصالا هاتفيا مع وزير الخارجية المصري حسام عبد الغني.",
        {"ماجد العبادي": "JOR"}, "the-lede-dateline-with-a-dash-gives-the-home-state"),
    # --- agencies and bodies that belong to one state --------------------------------------------
    row("التقى مدير مكتب التحقيقات الفيدرالي كريستوفر هيل، أمس بالرباط، وزير العدل المغربي محمد الإدريسي.",
        {"كريستوفر هيل": "USA"}, "agency-fbi-is-usa"),
    row("استقبل المدير العام للأمن الوطني المغربي عبد اللطيف حموشي، أمس بالرباط، قائد الحرس المدني لويس مورينو.",
        {"لويس مورينو": "ESP"}, "agency-guardia-civil-is-esp"),
    row("التقى قائد الدرك الملكي محمد حرمو، أمس بمدريد، قائد الحرس المدني لويس مورينو.",
        {"محمد حرمو": "MAR"}, "agency-royal-gendarmerie-is-mar-away-from-home"),
    row("استقبل وزير الخارجية الليبي محمد الطاهر، أمس بطرابلس، المبعوث الأمريكي الخاص إلى ليبيا ريتشارد نورلاند.",
        {"ريتشارد نورلاند": "USA"}, "envoy-serves-the-sender-not-the-destination"),
    row("تلقى وزير الخارجية المصري حسام عبد الفتاح اتصالا هاتفيا من مستشار الأمن القومي الأمريكي جيك ويلسون.",
        {"جيك ويلسون": "USA"}, "national-security-advisor-nisba"),
    # --- no state in the text: null, never a guessed state -----------------------------------------
    row("استقبل وزير الخارجية ناصر بوريطة سفير اليابان لدى المملكة هيروشي تاناكا.",
        {"ناصر بوريطة": None, "هيروشي تاناكا": "JPN"}, "no-state-no-place-no-outlet-is-null"),
    row("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، الخبير الأمني الدولي بيتر هانسن.",
        {"بيتر هانسن": None}, "no-state-guest-is-not-given-the-reception-city-state"),
    row("التقى وزير الخارجية التونسي محمد النفطي، أمس في جنيف، رئيس الوفد المفاوض جون سميث.",
        {"جون سميث": None, "محمد النفطي": "TUN"}, "no-state-is-not-given-the-neutral-city-state"),
    # --- an agency of one state with another state's adjective ---------------------------------------
    row("استقبل وزير الداخلية الجزائري كمال بلعربي، أمس بالجزائر، رئيس جهاز المباحث العامة الليبي فرج الورفلي.",
        {"فرج الورفلي": "LBY"}, "agency-followed-by-a-nisba-is-that-states"),
]


@pytest.mark.parametrize("text, want, outlet_home", ROWS)
def test_participant_home_state(text: str, want: dict[str, str | None], outlet_home: str | None) -> None:
    events = countries_of(text, outlet_home)
    assert len(events) == 1, events
    assert {key: events[0].get(key, ABSENT) for key in want} == want


SERIES_IN_VIENNA = (
    "على هامش مشاركته في أشغال المؤتمر الدولي لأمن الحدود والهجرة المنعقد بالعاصمة النمساوية فيينا، أجرى "
    "المدير العام للأمن الوطني، كريم العياري، سلسلة من اللقاءات الثنائية، وفق بلاغ لوزارة الداخلية التونسية.\n\n"
    "فقد التقى العياري قائد الشرطة الإيطالية جوفاني روسو، وتناول اللقاء التعاون بين تونس وإيطاليا في التصدي "
    "لشبكات تهريب المهاجرين نحو السواحل الإيطالية.\n\n"
    "كما التقى في اليوم نفسه مفوض الشرطة المالطية بول فاسالو، حيث تم التطرق إلى قوارب الهجرة المنطلقة نحو "
    "الموانئ الإيطالية.")


def test_a_series_told_after_a_lede_on_the_sidelines_is_on_them():
    """The meetings of a series, each in its own paragraph after a lede on a conference's sidelines
    in Vienna, are on neutral ground: the director is not Austrian, and no one hosts."""
    events = extract_events(Segment(doc="t.txt", index=0, text=SERIES_IN_VIENNA), Settings(ref_date=REF))
    assert [{p.role for p in ev.participants} for ev in events] == [{"participant"}, {"participant"}]
    assert [ev.location.country for ev in events] == ["AUT", "AUT"]


def test_one_person_keeps_one_state_across_the_events_of_a_page():
    """The page names Italy more often than Tunisia; the director, Tunisian in his meeting with the
    Italian, stays Tunisian in his next meeting, with the Maltese."""
    assert [ev["كريم العياري"] for ev in countries_of(SERIES_IN_VIENNA)] == ["TUN", "TUN"]


def test_an_envoys_state_is_not_the_state_the_article_is_written_from():
    """"سفير جمهورية جيبوتي لدى البلاد": an ambassador received here came from his state; a host of
    unsaid state is never coded with it (the page names no state of its own)."""
    text = ("استقبل وزير الداخلية الشيخ فهد العلي، اليوم، سفير دولة قطر الشقيقة لدى البلاد علي المحمود.\n"
            "كما استقبل سفير جمهورية جيبوتي لدى البلاد حسن عمر، وبحث معه التعاون الأمني بين جيبوتي والبلاد. وأكد "
            "السفير الجيبوتي حرص جيبوتي على تعزيز التعاون مع الأجهزة الأمنية.")
    hosts = [c.get("فهد العلي", ABSENT) for c in countries_of(text)]
    assert hosts and not {"DJI", "QAT"} & set(hosts)


def test_a_deputy_of_a_known_officials_office_is_of_his_state():
    """"وقع وزير الداخلية السعودي X ... بحضور ... ونائب وزير الداخلية الأمير Y": a deputy of the very office
    a known side holds is his colleague, of his state; never a state named once in passing."""
    text = ("استقبل وزير الداخلية السعودي الأمير عبدالعزيز بن سعود، اليوم في الرياض، نائب وزير الداخلية المكلف "
            "الأمير فيصل بن محمد، وبحثا تنظيم مؤتمر يشارك فيه وفد من المغرب.")
    assert [c for c in countries_of(text) if c.get("فيصل بن محمد", ABSENT) not in {ABSENT, "SAU"}] == []
