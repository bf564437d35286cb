"""The grammar rules issue 17 added, one row per linguistic fact, each in a sentence of our own.

Each row runs the whole page path (`pipeline.process`: cleaning, then extraction) on a short
article, so a rule is checked where it acts, with the outlet metadata a scraper gives.
"""

from __future__ import annotations

import pytest
from conftest import article_events, sides

events = article_events  # the page path on a short article (conftest.py)


HOME_FROM_OUTLET = [
    pytest.param(  # a national outlet names its own minister without his state
        "https://www.hespress.com/politique/123.html",
        "استقبل وزير الداخلية عبد الوافي لفتيت، يوم الثلاثاء، سفير جمهورية البيرو المعتمد بالمملكة خوان "
        "كارلوس غوميز، وتناول اللقاء سبل تعزيز التعاون الأمني بين البلدين.",
        {"MAR": ("عبد الوافي لفتيت", "host"), "PER": ("خوان كارلوس غوميز", "guest")}, id="national-outlet-home-side"),
    pytest.param(  # "بلادنا": the outlet's own state, never named
        "https://ami.mr/Depeche-1234.html",
        "استقبل وزير الدفاع الوطني حننه ولد سيدي، صباح اليوم بمكتبه، سفير جمهورية مالي المعتمد في بلادنا "
        "موسى كوناتي، وتناولت المقابلة علاقات التعاون العسكري بين البلدين.",
        {"MRT": ("حننه ولد سيدي", "host"), "MLI": ("موسى كوناتي", "guest")}, id="national-outlet-baladuna"),
    pytest.param(  # a third state named: the outlet's state is not the home side of another's meeting
        "https://www.hespress.com/international/456.html",
        "استقبل رئيس الوزراء عبد الحميد الدبيبة، بطرابلس، وزير الداخلية الإيطالي ماتيو بيانتيدوزي، "
        "وبحث الجانبان ملف الهجرة غير النظامية عبر ليبيا.",
        {"LBY": ("عبد الحميد الدبيبة", "host"), "ITA": ("ماتيو بيانتيدوزي", "guest")}, id="third-state-not-outlet"),
    pytest.param(  # an outlet outlets.tsv does not list, on its state's own domain (.tn)
        "https://www.akhbar-assahel.example.com.tn/ar/2025/11/5",
        "استقبل وزير الداخلية خالد النوري، أمس بمقر الوزارة، سفير المملكة الإسبانية خافيير بوينو، وتناول "
        "اللقاء التعاون في مكافحة الهجرة غير النظامية.",
        {"TUN": ("خالد النوري", "host"), "ESP": ("خافيير بوينو", "guest")}, id="national-domain-home-side"),
    pytest.param(  # an aggregator of one state's outlets (maghress.com: Moroccan papers) reports from that state
        "https://www.maghress.com/alalam/123456",
        "استقبل وزير الداخلية عبد الوافي لفتيت، يوم الثلاثاء، سفير جمهورية البيرو المعتمد بالمملكة خوان "
        "كارلوس غوميز، وتناول اللقاء سبل تعزيز التعاون الأمني بين البلدين.",
        {"MAR": ("عبد الوافي لفتيت", "host"), "PER": ("خوان كارلوس غوميز", "guest")}, id="one-state-aggregator-home-side"),
]


@pytest.mark.parametrize(("url", "text", "expected"), HOME_FROM_OUTLET)
def test_the_home_side_of_a_national_outlet(url: str, text: str, expected: dict) -> None:
    (ev,) = events(text, url)
    assert sides(ev) == expected


def test_without_the_outlet_the_unnamed_state_stays_unknown() -> None:
    """The same sentence from an unknown site: no state for the minister, and no wrong one."""
    text = HOME_FROM_OUTLET[0].values[1]
    assert all(p["country"] != "PER" or p["name"] == "خوان كارلوس غوميز"
               for ev in events(text, "https://example.org/a") for p in ev["participants"])
    assert not any(p["country"] == "MAR" for ev in events(text, "https://example.org/a") for p in ev["participants"])


SUBJECT_BEFORE_VERB = [
    pytest.param(  # reported speech: "ذكر البيان أن + subject + verb + object"
        "وأوضح بيان للوزارة أن وزير الداخلية الكويتي الشيخ سالم العبدالله استقبل سفير جمهورية رومانيا "
        "لدى البلاد أدريان بوبيسكو، وتناولا سبل دعم التنسيق الأمني.",
        {"KWT": ("سالم العبدالله", "host"), "ROU": ("أدريان بوبيسكو", "guest")}, id="anna-subject-verb-object"),
    pytest.param(  # a headline-like lede: subject first
        "وزير الداخلية التونسي خالد النوري يستقبل سفير دولة قطر لدى تونس سعد بن ناصر الحميدي "
        "ويبحث معه سبل دعم التعاون في مجال مكافحة الإرهاب.",
        {"TUN": ("خالد النوري", "host"), "QAT": ("سعد بن ناصر الحميدي", "guest")}, id="subject-first-lede"),
    pytest.param(  # verb first: the subject follows the verb, as before
        "استقبل وزير الداخلية التونسي خالد النوري سفير دولة قطر لدى تونس سعد بن ناصر الحميدي بمقر الوزارة.",
        {"TUN": ("خالد النوري", "host"), "QAT": ("سعد بن ناصر الحميدي", "guest")}, id="verb-first"),
]


@pytest.mark.parametrize(("text", "expected"), SUBJECT_BEFORE_VERB)
def test_the_subject_right_before_its_verb(text: str, expected: dict) -> None:
    (ev,) = events(text)
    assert sides(ev) == expected


SERIES = [
    pytest.param(  # "التقى ... كلا من A، وB، وC": one meeting with each
        "حط وزير الداخلية الإيطالي كارلو فيراري رحاله في طرابلس. والتقى خلال زيارته الرسمية إلى ليبيا "
        "كلا من رئيس الحكومة الليبية سالم الورفلي، ووزير الداخلية المكلف نوري العبيدي، "
        "وآمر حرس السواحل فتحي الزوي.",
        {("ITA", "LBY", "سالم الورفلي"), ("ITA", "LBY", "نوري العبيدي"), ("ITA", "LBY", "فتحي الزوي")},
        id="kulla-min-list"),
    pytest.param(  # "كما التقى": the visitor goes on meeting, the name after the verb is the other side
        "عقد المدير العام للأمن الوطني المغربي عبد اللطيف حموشي بمدريد محادثات مع مدير الشرطة "
        "الإسبانية خافيير مورالس. كما التقى قائد الحرس المدني الإسباني ميغيل سانشيز.",
        {("ESP", "MAR", "خافيير مورالس"), ("ESP", "MAR", "ميغيل سانشيز")}, id="kama-iltaqa-series"),
]


@pytest.mark.parametrize(("text", "expected"), SERIES)
def test_a_series_of_meetings_gives_one_event_per_host(text: str, expected: set) -> None:
    found = set()
    for ev in events(text):
        states = sorted(p["country"] for p in ev["participants"] if p["role"] != "attendee")
        other = next(p["name"] for p in ev["participants"] if p["country"] != "ITA" and p["country"] != "MAR"
                     or p["country"] == "ESP")
        found.add((*states, other))
    assert found == expected


def _met(text: str, visitor: str) -> set[tuple[str | None, str | None]]:
    """(state, name) of the other side of each event of `visitor`'s state."""
    return {(p["country"], p["name"]) for ev in events(text) for p in ev["participants"]
            if p["role"] != "attendee" and p["country"] != visitor}


def test_a_comma_list_after_the_verb_is_met_by_the_protagonist() -> None:
    """"التقى X، وY، وZ" with the subject dropped: the visitor of the article meets each of them."""
    text = ("وصل وزير الداخلية الأردني سامي العدوان إلى تونس في زيارة عمل. وخلال زيارته، التقى رئيس الحكومة "
            "التونسي منير الجلاصي، ووزير العدل التونسي رضا بن علي، ومدير الأمن الوطني التونسي كمال الطرابلسي.")
    assert _met(text, "JOR") == {("TUN", "منير الجلاصي"), ("TUN", "رضا بن علي"), ("TUN", "كمال الطرابلسي")}


def test_a_dual_after_a_noun_trigger_is_the_two_sides() -> None:
    """"جلسة مباحثات برئاسة الوزيرين": the article's two sides, the home one of a state not written."""
    text = ("قام وزير الداخلية حسن الشربيني بزيارة رسمية إلى إيطاليا تلبية لدعوة من نظيره الإيطالي كارلو "
            "فيراري. وعقدت جلسة مباحثات موسعة برئاسة الوزيرين بمقر وزارة الداخلية الإيطالية في روما.")
    (ev,) = events(text)
    assert {p["name"] for p in ev["participants"]} == {"حسن الشربيني", "كارلو فيراري"}
    assert ev["location"]["city"] == "Rome"


def test_a_nominative_dual_after_a_noun_trigger_is_the_two_sides() -> None:
    """"خلال لقاء عقده الجانبان": the dual is the subject of a verb right after the noun."""
    text = ("أكد وزير الداخلية الكويتي فهد الصباح ومستشار الأمن الوطني العراقي سالم الدليمي أهمية التنسيق. "
            "وجاء ذلك خلال لقاء عقده الجانبان على هامش مؤتمر إقليمي.")
    (ev,) = events(text)
    assert {state: name for state, (name, _) in sides(ev).items()} == {"KWT": "فهد الصباح", "IRQ": "سالم الدليمي"}


def test_a_dual_in_a_series_speaks_of_the_meeting_just_told() -> None:
    """In a series, "وبحث الجانبان" after the second meeting is that meeting's, not the first's."""
    text = ("استقبل وزير الداخلية المغربي خالد الناصري سفير اليابان هيروشي تاناكا، وبحث الجانبان تبادل "
            "المعلومات.\n\nكما استقبل سفير البرازيل جواو سيلفا.\n\nوبحث الجانبان مكافحة الهجرة غير النظامية.")
    topics = {next(p["country"] for p in ev["participants"] if p["country"] != "MAR"): set(ev["topics"])
              for ev in events(text)}
    assert "illegal_migration" not in topics["JPN"] and "illegal_migration" in topics["BRA"]


def test_states_that_sign_are_the_sides_of_the_agreement() -> None:
    """"وقعت (كل من) تونس واليابان": with no official named, the states alone are the sides."""
    for text in ("وقعت تونس واليابان، اليوم الثلاثاء بالعاصمة، على مذكرة تفاهم في مجال الحماية المدنية.",
                 "وقعت كل من تونس واليابان، اليوم الثلاثاء، مذكرة تفاهم في مجال الحماية المدنية."):
        (ev,) = events(text)
        assert ev["kind"] == "agreement"
        assert sorted((p["country"], p["name"]) for p in ev["participants"]) == [("JPN", None), ("TUN", None)]


def test_states_that_sign_stand_for_the_officials_the_text_names() -> None:
    text = ("وقعت تونس واليابان، اليوم، مذكرة تفاهم في مجال الحماية المدنية. وقال وزير الداخلية التونسي كمال "
            "الطرابلسي إن المذكرة تعزز التعاون، فيما أكد سفير اليابان كينجي ساتو أهميتها.")
    (ev,) = events(text)
    assert sorted((p["country"], p["name"]) for p in ev["participants"]) == [("JPN", "كينجي ساتو"), ("TUN", "كمال الطرابلسي")]


def test_two_sides_joined_through_an_honorific_before_a_noun_trigger() -> None:
    """"عقد X، ومعالي Y، جلسة مباحثات": the و is written on the honorific the mention leaves out."""
    text = ("عقد وزير الداخلية المغربي خالد الناصري، ومعالي وزير الداخلية الكويتي الشيخ فهد الصباح، في الكويت "
            "اليوم، جلسة مباحثات رسمية.")
    (ev,) = events(text)
    assert {state: name for state, (name, _) in sides(ev).items()} == {"MAR": "خالد الناصري", "KWT": "فهد الصباح"}


def test_a_meeting_between_two_states_has_the_officials_of_each_as_sides() -> None:
    """"اجتماع تنسيقي بين وزارتي الداخلية بدولة قطر والمملكة العربية السعودية", then who led each side."""
    text = ("وعقد اليوم بالدوحة اجتماع تنسيقي بين وزارتي الداخلية بدولة قطر والمملكة العربية السعودية. وترأس "
            "الجانب القطري العميد ناصر بن خالد الكواري مدير إدارة المنافذ، فيما ترأس الجانب السعودي اللواء فهد "
            "بن سالم العتيبي مساعد مدير عام الجوازات.")
    (ev,) = events(text)
    assert sides(ev) == {"QAT": ("ناصر بن خالد الكواري", "host"), "SAU": ("فهد بن سالم العتيبي", "guest")}


def test_the_signing_verb_with_its_pronoun() -> None:
    """"المذكرة التي وقعها X ونظيره Y": a signing, its signers after the verb."""
    text = ("وتهدف المذكرة، التي وقعها وزير العدل التونسي، رضا بن علي، ونظيره البرتغالي، جواو سيلفا، إلى تعزيز "
            "التعاون القضائي بين البلدين.")
    (ev,) = events(text)
    assert ev["kind"] == "agreement"
    assert {state: name for state, (name, _) in sides(ev).items()} == {"TUN": "رضا بن علي", "PRT": "جواو سيلفا"}


def test_the_sides_of_a_signing_between_two_people_not_its_sponsor() -> None:
    """"رعى X توقيع مذكرة تفاهم بين Y وZ": Y and Z sign; X, before the trigger, is no side."""
    text = ("ورعى رئيس الحكومة العراقي حيدر الجبوري توقيع مذكرة تفاهم أمنية بين مستشار الأمن الوطني العراقي "
            "سالم الدليمي والأمين العام لوزارة الداخلية الأردنية خالد العبادي.")
    (ev,) = events(text)
    assert {state: name for state, (name, _) in sides(ev).items()} == {"IRQ": "سالم الدليمي", "JOR": "خالد العبادي"}


def test_a_three_party_meeting_between_is_one_event_of_all() -> None:
    """"اجتماعا ثلاثيا بين X وY ... مع Z": the joint meeting keeps its three sides."""
    text = ("وعقد في الدوحة اجتماع ثلاثي بين وزير الخارجية المصري حسام عبد الفتاح، ووزير الخارجية الأردني "
            "سامي العدوان، ووزير الخارجية القطري فهد بن ناصر.")
    (ev,) = events(text)
    assert {p["country"] for p in ev["participants"] if p["role"] != "attendee"} == {"EGY", "JOR", "QAT"}


def test_a_name_right_after_a_meeting_verb_is_its_subject() -> None:
    """"والتقى محمد رضا نوري، الموجود في الدوحة، بوزير الخارجية القطري": a subject named without a
    title; the pair of states named gives his."""
    text = ("والتقى محمد رضا نوري، الموجود في الدوحة، بوزير الخارجية القطري فهد بن ناصر، وبحثا العلاقات "
            "الثنائية بين إيران وقطر.")
    (ev,) = events(text)
    assert {state: name for state, (name, _) in sides(ev).items()} == {"IRN": "محمد رضا نوري", "QAT": "فهد بن ناصر"}


def test_two_sides_after_the_verb_are_subject_and_object() -> None:
    """"التقى X وY": X met Y, as before (a list needs three members)."""
    text = "التقى وزير الداخلية التونسي كمال الطرابلسي وسفير اليابان بتونس كينجي ساتو بمقر الوزارة."
    (ev,) = events(text)
    assert {state: name for state, (name, _) in sides(ev).items()} == {"TUN": "كمال الطرابلسي", "JPN": "كينجي ساتو"}


def test_a_title_with_a_proclitic_takes_no_name_on_its_left() -> None:
    """"واجتمع اللواء الحاج برئيس جهاز الأمن العراقي": الحاج is the subject, not the Iraqi's name."""
    text = ("وصل المدير العام للأمن العام اللبناني اللواء كريم الحاج إلى بغداد. واجتمع اللواء الحاج برئيس جهاز "
            "الأمن الوطني العراقي ماجد الربيعي، وناقشا ضبط الحدود المشتركة.")
    (ev,) = events(text)
    assert sides(ev) == {"LBN": ("كريم الحاج", "guest"), "IRQ": ("ماجد الربيعي", "host")}


NAMES = [
    pytest.param("استقبل وزير الداخلية المغربي عبد الوافي لفتيت مدير المخابرات الأردني اللواء فارس الخطيب "
                 "جولة جديدة من المشاورات الأمنية.",
                 {"فارس الخطيب", "عبد الوافي لفتيت"}, id="name-stops-before-a-frequent-word"),
    pytest.param("استقبل وزير الخارجية العراقي هاشم جعفر التونسي العميد سامر الحاج مدير الأمن العام "
                 "اللبناني في بغداد.", {"هاشم جعفر التونسي", "سامر الحاج"}, id="nisba-family-name-before-a-rank"),
    pytest.param("استقبل وزير الداخلية الجزائري إبراهيم مراد، اليوم بمقر الوزارة، السفير الصيني لدى الجزائر، "
                 "لي جيان مين، وتناول اللقاء التعاون الأمني.", {"لي جيان مين", "إبراهيم مراد"}, id="commas-close-a-name"),
]


@pytest.mark.parametrize(("text", "names"), NAMES)
def test_names_end_where_the_sentence_goes_on(text: str, names: set) -> None:
    (ev,) = events(text)
    assert {p["name"] for p in ev["participants"] if p["role"] != "attendee"} == names


def test_the_united_mexican_states_are_mexico() -> None:
    """"سفير الولايات المتحدة المكسيكية": the longest state name wins, not the United States."""
    (ev,) = events("استقبل وزير الداخلية الكويتي الشيخ سالم العبدالله سفير الولايات المتحدة المكسيكية لدى البلاد "
                   "كارلوس رويث بمكتبه.")
    assert {p["country"] for p in ev["participants"]} == {"KWT", "MEX"}


CALLS = [
    pytest.param("وتباحث وزير الخارجية التونسي نبيل عمار، في اتصال مساء أمس مع وزير الخارجية الموريتاني "
                 "محمد ولد مرزوك، في تطورات المنطقة.", id="bare-ittisal-is-a-call"),
    pytest.param("تلقى وزير الداخلية القطري الشيخ خليفة بن حمد آل ثاني، في الدوحة، اتصالا هاتفيا من وزير "
                 "الداخلية التركي علي يرلي كايا.", id="a-call-has-no-meeting-place"),
]


@pytest.mark.parametrize("text", CALLS)
def test_calls(text: str) -> None:
    (ev,) = events(text)
    assert ev["kind"] == "call" and ev["location"]["city"] is None and ev["location"]["country"] is None
    assert {p["role"] for p in ev["participants"]} == {"participant"}


def test_two_states_named_as_often_give_no_home_state() -> None:
    """The minister's state is never written, and besides his counterpart's the text names Oman and
    Tunisia once each: null, not the first of them."""
    text = ("أجرى وزير الخارجية سامي الحسن اتصالا هاتفيا مع نظيره الجزائري كمال بن علي. "
            "وبحث الوزيران التنسيق مع سلطنة عمان والجمهورية التونسية.")
    (ev,) = events(text)
    assert {p["country"] for p in ev["participants"]} == {None, "DZA"}


MORE_STRUCTURES = [
    pytest.param(  # both sides before the noun: "عقد X مع Y جلسة مباحثات"
        "عقد وزير الدفاع الإماراتي محمد البواردي، مع نظيره البحريني عبدالله النعيمي، جلسة محادثات "
        "موسعة في المنامة.",
        {"ARE": "محمد البواردي", "BHR": "عبدالله النعيمي"}, id="both-sides-before-the-noun"),
    pytest.param(  # a noun with a pronoun: the one it refers to is the subject
        "وصل وزير الخارجية المصري سامح شكري إلى الخرطوم. وجاء ذلك خلال لقائه بوزير الخارجية "
        "السوداني عمر صديق في مقر الوزارة.",
        {"EGY": "سامح شكري", "SDN": "عمر صديق"}, id="khilal-liqaihi-bi"),
    pytest.param(  # a stray full stop between the verb's sentence and its object
        "استقبل قائد الحرس الوطني التونسي مراد الجلاصي، صباح الخميس، بمكتبه بالعاصمة. سفير "
        "جمهورية إندونيسيا لدى تونس زهير مصراوي.",
        {"TUN": "مراد الجلاصي", "IDN": "زهير مصراوي"}, id="stray-full-stop-before-the-object"),
]


@pytest.mark.parametrize(("text", "expected"), MORE_STRUCTURES)
def test_more_structures_of_the_press(text: str, expected: dict) -> None:
    (ev,) = events(text)
    assert {p["country"]: p["name"] for p in ev["participants"] if p["role"] != "attendee"} == expected


def test_a_posting_in_an_ambiguous_capital_names_no_state() -> None:
    """"السفير القطري في عمّان": عمان is Amman or Oman once folded; the outlet then tells the home side."""
    text = ("التقى مدير الأمن العام اللواء عمر الشمايلة في مكتبه، السفير الكويتي في عمّان حمد المري، "
            "وتناولا تبادل الخبرات الشرطية.")
    (ev,) = events(text, "https://alghad.com/article/123")
    assert sides(ev) == {"JOR": ("عمر الشمايلة", "host"), "KWT": ("حمد المري", "guest")}


def test_a_pair_of_states_names_the_other_side() -> None:
    """"التعاون بين مصر وإيطاليا" with Italy a known side: the unnamed minister's state is Egypt,
    though the text also names Libya once."""
    text = ("حل اللواء حسام الدين الشناوي وزير الداخلية ضيفا على وزير الداخلية الإيطالي جوفاني بيانكي في "
            "روما. واستعرض الجانبان التعاون بين مصر وإيطاليا في مراقبة السواحل الليبية.")
    (ev,) = events(text)
    assert sides(ev) == {"EGY": ("حسام الدين الشناوي", "guest"), "ITA": ("جوفاني بيانكي", "host")}


TWO_SIDES = [
    pytest.param("استقبل وزير الداخلية اللبناني أحمد الحجار وزير الدولة النمساوي للشؤون الأوروبية ماركوس باير. "
                 "والتقى الوزيران على هامش مؤتمر الأمن في فيينا.",
                 {"LBN": "أحمد الحجار", "AUT": "ماركوس باير"}, id="dual-subject-the-two-ministers"),
    pytest.param("عقد الرئيس التونسي قيس سعيد، والرئيس الجزائري عبد المجيد تبون، اجتماعا مغلقا "
                 "في قصر قرطاج.", {"TUN": "قيس سعيد", "DZA": "عبد المجيد تبون"},
                 id="two-sides-joined-before-the-noun"),
    pytest.param("أعلن وزير الداخلية اليوناني ميخاليس خريسوخويديس عن مكالمة أجراها مع وزير الداخلية القبرصي "
                 "كونستانتينوس يوانو.", {"GRC": "ميخاليس خريسوخويديس", "CYP": "كونستانتينوس يوانو"},
                 id="mukalama-is-a-call"),
]


@pytest.mark.parametrize(("text", "expected"), TWO_SIDES)
def test_two_sides_told_together(text: str, expected: dict) -> None:
    found = events(text)
    assert len(found) == 1
    assert {p["country"]: p["name"] for p in found[0]["participants"] if p["role"] != "attendee"} == expected


def test_a_name_in_quotes_is_the_name_of_its_title() -> None:
    """'التقى "NAME"، TITLE ... TITLE "NAME"': quotes around a name, on either side of its title."""
    text = ('التقى "خالد الزروالي"، المدير العام للهجرة ومراقبة الحدود المغربي، اليوم بالرباط، مدير الشرطة '
            'الوطنية البرتغالية "جوزيه باربوسا"، وبحثا ملف الهجرة.')
    (ev,) = events(text)
    assert {p["country"]: p["name"] for p in ev["participants"]} == {"MAR": "خالد الزروالي", "PRT": "جوزيه باربوسا"}


def test_qabala_is_a_meeting() -> None:
    """"قابل X ... مع Y": the verb قابل (met) is a meeting; في مكتبه makes the home side the host."""
    text = ("قابل وزير العدل الفلسطيني شرحبيل الزعيم، اليوم، في مكتبه برام الله، القنصل البلجيكي العام "
            "في القدس جيروم دوبوا.")
    (ev,) = events(text)
    assert ev["kind"] == "meeting" and sides(ev) == {"PSE": ("شرحبيل الزعيم", "host"), "BEL": ("جيروم دوبوا", "guest")}


def test_counterparts_named_by_their_state_are_sides_of_their_own() -> None:
    """"لقاءات منفصلة مع وزراء العدل: الأردن، وتونس، والعراق": one event per state, its side with
    neither name nor title; "أبناء شعبنا" makes the national outlet's state the minister's."""
    text = ("وعقد وزير العدل شرحبيل الزعيم، على هامش مؤتمر وزراء العدل العرب في القاهرة، لقاءات منفصلة "
            "مع وزراء العدل: الأردن، وتونس، والعراق، وشدد على حماية حقوق أبناء شعبنا.")
    found = events(text, "https://www.wafa.ps/Pages/Details/1234")
    assert sorted(tuple(sorted((p["country"], p["name"]) for p in ev["participants"])) for ev in found) == [
        (("IRQ", None), ("PSE", "شرحبيل الزعيم")), (("JOR", None), ("PSE", "شرحبيل الزعيم")),
        (("PSE", "شرحبيل الزعيم"), ("TUN", None))]


def test_a_state_whose_official_is_named_is_not_a_state_only_side() -> None:
    """The summary "مع نظرائه في السنغال، والنيجر" is not a second event when the page names the Senegalese."""
    text = ("أجرى وزير الخارجية المغربي ناصر بوريطة اتصالات هاتفية مع نظرائه في السنغال، والنيجر. "
            "وتناول بوريطة في اتصال هاتفي مع نظيره السنغالي ياسين فال التعاون الثنائي.")
    found = events(text)
    assert sorted((p["country"], p["name"]) for ev in found for p in ev["participants"] if p["country"] != "MAR") == [
        ("NER", None), ("SEN", "ياسين فال")]


def test_the_cues_are_written_folded() -> None:
    """data/cues.yaml is matched against folded text: a word written with ة، ى or a hamza seat would never match."""
    import re as regex

    import yaml

    from marsad.lexicons import DATA
    from marsad.normalize import fold_word
    cues = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))
    words = {w for v in cues.values() for w in regex.findall(r"[\u0621-\u064a]+", v if isinstance(v, str) else " ".join(v))}
    assert sorted(w for w in words if fold_word(w) != w) == []


def test_a_three_party_meeting_is_one_event_of_three_sides() -> None:
    """"اجتماع ثلاثي" hosted at home: one event, the host and two guests (not two pairs)."""
    text = ("استضاف وزير الداخلية المصري محمود توفيق بالقاهرة اجتماعا ثلاثيا مع وزير الداخلية الأردني "
            "مازن الفراية ووزير الداخلية العراقي عبد الأمير الشمري.")
    (ev,) = events(text)
    assert sorted((p["country"], p["role"]) for p in ev["participants"]) == [
        ("EGY", "host"), ("IRQ", "guest"), ("JOR", "guest")]


@pytest.mark.parametrize("text", [
    pytest.param("ويختتم الرئيس اللبناني جوزاف عون زيارته صباح الغد بلقاء الأمين العام لجامعة الدول العربية "
                 "أحمد أبو الغيط.", id="sabah-al-ghad"),
    pytest.param("ويلتقي وزير الداخلية المغربي عبد الوافي لفتيت الأسبوع المقبل نظيره الإسباني فرناندو غراندي "
                 "مارلاسكا في مدريد.", id="al-usbu-al-muqbil"),
])
def test_a_meeting_told_with_a_future_time_is_planned(text: str) -> None:
    assert events(text) == []


def test_a_joint_bodys_meeting_has_the_heads_of_its_sides_for_sides():
    """"انعقد اجتماع اللجنة ... المشتركة ... وترأس الجانب العماني X، فيما ترأس الجانب البريطاني Y": the
    meeting names no side; the heads of the sides named by their nisbas are its two."""
    text = ("انعقد أمس بمسقط اجتماع اللجنة الأمنية العمانية البريطانية المشتركة في دورتها الرابعة.\n"
            "وترأس الجانب العماني اللواء سالم بن خميس الحارثي مدير عام العمليات، فيما ترأس الجانب البريطاني "
            "الجنرال توم بيكر مساعد رئيس هيئة الأركان.")
    (ev,) = events(text)
    assert {c: name for c, (name, _) in sides(ev).items()} == {"OMN": "سالم بن خميس الحارثي", "GBR": "توم بيكر"}


def test_a_mention_glued_to_ba_after_the_verb_is_its_object():
    """"وفي بغداد، التقى برئيس الوزراء X، ثم التقى برئيس الجمهورية Y": the visitor (the article's
    protagonist) is the subject of both; "برئيس" is an object, never a subject."""
    text = ("وصل رئيس جهاز المخابرات التركي إبراهيم كالين أمس إلى بغداد في زيارة رسمية.\n"
            "وفي بغداد، التقى برئيس الوزراء العراقي محمد شياع السوداني، ثم التقى برئيس الجمهورية العراقية "
            "عبد اللطيف رشيد، وبحث معهما أمن الحدود.")
    found = [sides(ev) for ev in events(text)]
    assert [(s["TUR"][0], s["IRQ"][0]) for s in found] == [("إبراهيم كالين", "محمد شياع السوداني"),
                                                            ("إبراهيم كالين", "عبد اللطيف رشيد")]


def test_ambassadors_named_by_their_states_are_met_one_by_one():
    """"بحث الوزير مع سفراء قطر وجيبوتي والهند، كل على حدة": each ambassador, named by his state only, is
    a meeting of its own."""
    text = "بحث وزير الداخلية الكويتي الشيخ فهد اليوسف، أمس، مع سفراء قطر وجيبوتي والهند، كل على حدة، سبل التعاون الأمني."
    assert sorted(c for ev in events(text) for c in sides(ev) if c != "KWT") == ["DJI", "IND", "QAT"]


def test_a_relative_day_whose_weekday_contradicts_the_page_date_dates_nothing() -> None:
    """A masthead's date of another day ("أمس الأربعاء" on a page dated a Tuesday) gives no day, and a
    year told later in the sentence ("السنة الحالية") does not stand for the event's date."""
    text = ("18 نوفمبر، 2025\n\nجرت مساء أمس الأربعاء مكالمة هاتفية جمعت وزير الداخلية التونسي نبيل "
            "العياري بنظيره الإيطالي ماركو روسي، تناولت أعداد المهاجرين خلال الثلاثي الأول من السنة الحالية.")
    (ev,) = events(text)
    assert ev["date"] is None and {p["country"] for p in ev["participants"]} == {"TUN", "ITA"}


def test_the_occasion_told_in_the_next_sentence_is_neutral_ground() -> None:
    """"وجاء ذلك على هامش ...": the sentence after the meeting tells its occasion; the national outlet's
    own minister, his state unsaid, is not given the venue's state (Tunis) and no one is at home."""
    text = ("بحث وزير الداخلية المكلف سالم الزروق مع نظيره الجزائري، أحمد بن علي، إعادة فتح المعبر البري "
            "بين البلدين.\nوجاء ذلك، على هامش أعمال الدورة الـ 42 لمجلس وزراء الداخلية العرب المنعقدة في "
            "العاصمة التونسية.")
    (ev,) = events(text, "https://www.alwatan-libya.example.ly/a/1")
    assert sides(ev) == {"LBY": ("سالم الزروق", "participant"), "DZA": ("أحمد بن علي", "participant")}


HOST_AND_PLACE = [
    pytest.param(  # "وفدا من جمهورية مصر العربية": the delegation's origin is not the meeting place; "وفدا ...
        # برئاسة Y": the delegation visits, so its head is the guest; "الشيخ زايد بن ..." is no town
        "التقى الشيخ زايد بن خليفة آل نهيان، رئيس الهيئة الوطنية للأمن الإلكتروني، في مقر الجهاز، وفدا من "
        "جمهورية مصر العربية برئاسة اللواء أحمد سمير، مساعد وزير الداخلية لشؤون التقنية.",
        "https://www.wam.ae/ar/article/abc", {"ARE": ("زايد بن خليفة آل نهيان", "host"), "EGY": ("أحمد سمير", "guest")},
        "ARE", id="delegation-origin-and-agency-seat"),
    pytest.param(  # the delegation led by Y, met by X with a meeting verb (التقى): Y is X's guest
        "والتقى رئيس هيئة الأركان العامة الكويتي خالد الصالح وفدا عسكريا من المملكة الأردنية الهاشمية برئاسة اللواء سامي العمري.",
        None, {"KWT": ("خالد الصالح", "host"), "JOR": ("سامي العمري", "guest")}, "KWT", id="a-delegation-led-by-is-the-guest"),
    pytest.param(  # the lede's other state ("القوات البحرية في دولة الكويت") is no venue of the visit it tells
        "في إطار تعزيز التعاون بين القوات البحرية في دولة الكويت والمملكة الأردنية الهاشمية، قام قائد القوة "
        "البحرية الكويتية اللواء خالد سالم المطيري والوفد المرافق له بزيارة رسمية إلى المملكة الأردنية الهاشمية.\n"
        "وقد استقبل رئيس هيئة الأركان المشتركة الأردني اللواء يوسف أحمد العمري، اللواء خالد المطيري والوفد "
        "المرافق له، حيث جرى خلال اللقاء استعراض العلاقات العسكرية بين البلدين.", None,
        {"JOR": ("يوسف أحمد العمري", "host"), "KWT": ("خالد سالم المطيري", "guest")}, "JOR", id="the-visit-s-state-is-the-venue"),
    pytest.param(  # "Y، ...، والوفد المرافق له": the one his delegation accompanies is the visitor
        "التقى نائب رئيس مجلس الوزراء وزير الداخلية الإماراتي سعيد بن راشد، اليوم، مع وزير الداخلية "
        "الإيطالي ماركو فيراري، والوفد المرافق له، وبحث الجانبان التعاون الأمني.", None,
        {"ARE": ("سعيد بن راشد", "host"), "ITA": ("ماركو فيراري", "guest")}, "ARE", id="the-accompanied-side-visits"),
]


@pytest.mark.parametrize(("text", "url", "expected", "country"), HOST_AND_PLACE)
def test_who_receives_and_where(text: str, url: str, expected: dict, country: str | None) -> None:
    (ev,) = events(text, url)
    assert sides(ev) == expected and ev["location"]["country"] == country


def test_two_calls_told_by_a_dual_are_two_events() -> None:
    """"أجرى ... اتصالين هاتفيين بكل من X، وY": one call with each of the two named after the dual."""
    text = ("أجرى وزير الخارجية الأردني سامي الخطيب، اتصالين هاتفيين بكل من وزير الخارجية المصري كريم "
            "فؤاد، ووزير الخارجية العراقي حسن الجبوري، تناولا التطورات في المنطقة.")
    got = sorted(tuple(sorted(p["country"] for p in ev["participants"])) for ev in events(text) if ev["kind"] == "call")
    assert got == [("EGY", "JOR"), ("IRQ", "JOR")]


def test_a_meeting_that_brought_together_a_list_of_ministers_is_one_event_of_all() -> None:
    """"وضم الاجتماع كلا من وزراء الخارجية العراقي X، والإيراني Y، والسوري Z": a plural title shared by
    its members (each his nisba and his name), all sides of one meeting, its venue's minister the host."""
    text = ("عقد في بغداد، اليوم، اجتماع لبحث الأوضاع في سوريا، وضم الاجتماع كلا من وزراء الخارجية العراقي "
            "حسن الجبوري، والإيراني رضا كريمي، والسوري سامر الخطيب.")
    (ev,) = events(text)
    assert sides(ev) == {"IRQ": ("حسن الجبوري", "host"), "IRN": ("رضا كريمي", "guest"), "SYR": ("سامر الخطيب", "guest")}


def test_a_national_outlet_s_own_envoy_abroad_meets_his_minister_at_home() -> None:
    """"استقبل وزير الداخلية ... سفير السودان لدى ليبيا": in a Sudanese outlet the minister is Sudanese,
    not of the state the envoy is posted to; both serve one state, so no event."""
    text = ("استقبل وزير الداخلية عمر الطيب بمكتبه اليوم سفير السودان لدى ليبيا حسن عثمان، وتناول اللقاء "
            "أوضاع الجالية السودانية.")
    assert events(text, "https://www.suna-sd.example.sd/news/1") == []


def test_the_delegation_as_a_later_verb_s_subject_is_its_leader() -> None:
    """"كما التقى الوفد بالمستشار X": the delegation told before ("وفدا قضائيا رفيع المستوى من المملكة ...
    برئاسة Y") is the subject, its leader Y the guest; its origin is not the venue."""
    text = ("التقى وزير العدل المصري كمال عبد الحميد بمقر الوزارة أمس وفدا قضائيا رفيع المستوى من المملكة العربية "
            "السعودية برئاسة الشيخ فهد بن سالم العتيبي رئيس محكمة الاستئناف السعودي. وبحث اللقاء تبادل الخبرات. "
            "كما التقى الوفد بالمستشار عادل محمد شريف مساعد أول وزير العدل، ثم قام بجولة في الوزارة.")
    got = [sides(ev) for ev in events(text, "https://www.masress.com/alwafd/123")]
    assert {"EGY": ("عادل محمد شريف", "host"), "SAU": ("فهد بن سالم العتيبي", "guest")} in got
