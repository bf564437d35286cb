"""Roles (spec §2): who is host, who is guest, who is a neutral participant, who only attends.

One row per linguistic fact, each a short news sentence written for this table. A row expects
exactly one event and the set of (role, name) of its principals (every participant but the
`attendee`s): an accompanying official is never a principal.
Rows marked xfail (strict) are grammar still to build: the reason says what marsad does instead.
"""

from __future__ import annotations

import pytest
from conftest import REF

from marsad.extract.events import extract_events
from marsad.model import Segment
from marsad.settings import Settings


def principals_of(text: str) -> list[set[tuple[str, str | None]]]:
    """Per event, the (role, name or, failing a name, title) of its principals."""
    events = extract_events(Segment(doc="t.txt", index=0, text=text), Settings(ref_date=REF))
    return [{(p.role, p.name or p.title) for p in ev.participants if p.role != "attendee"} for ev in events]


def gap(text: str, want: set[tuple[str, str]], fact: str, instead: str):
    return pytest.param(text, want, id=fact, marks=pytest.mark.xfail(strict=True, reason=instead))


ROWS = [
    # --- reception, active voice: the subject is at home -------------------------------------
    pytest.param("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، يوم الثلاثاء بالرباط، وزير الداخلية البلجيكي "
                 "يان بيترز.", {("host", "عبد الرحيم العلوي"), ("guest", "يان بيترز")},
                 id="active-istaqbala-subject-hosts"),
    pytest.param("استقبلت وزيرة الخارجية الموريتانية فاطمة بنت أحمد، أمس الأربعاء بنواكشوط، سفير جمهورية الصين "
                 "الشعبية لي وي.", {("host", "فاطمة بنت أحمد"), ("guest", "لي وي")},
                 id="active-feminine-istaqbalat-subject-hosts"),
    pytest.param("يستقبل رئيس الحكومة التونسي منير الحامدي، اليوم الاثنين بقصر الحكومة بالقصبة، وزير الداخلية "
                 "الإيطالي ماركو روسي.", {("host", "منير الحامدي"), ("guest", "ماركو روسي")},
                 id="active-present-yastaqbilu-subject-hosts"),
    pytest.param("استقبل وزير العدل المغربي محمد الإدريسي سفير جمهورية البرازيل لدى المملكة فرناندو كوستا بمكتبه.",
                 {("host", "محمد الإدريسي"), ("guest", "فرناندو كوستا")}, id="active-bimaktabihi-after-object"),
    pytest.param("استقبل، بمكتبه في الرباط، وزير الداخلية المغربي عبد الرحيم العلوي، سفير جمهورية البرازيل لدى "
                 "المملكة فرناندو كوستا.", {("host", "عبد الرحيم العلوي"), ("guest", "فرناندو كوستا")},
                 id="reversed-bimaktabihi-before-subject"),
    pytest.param("وزار سفير فرنسا لدى تونس فرانسوا لوبلان، أمس، مقر وزارة الداخلية، حيث استقبله وزير الداخلية "
                 "التونسي خالد النوري.", {("guest", "فرانسوا لوبلان"), ("host", "خالد النوري")},
                 id="reversed-istaqbalahu-object-pronoun-first"),
    pytest.param("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، وفدا أمنيا إسبانيا برئاسة المدير "
                 "العام للشرطة الوطنية الإسبانية فرانسيسكو باردو.",
                 {("host", "عبد الرحيم العلوي"), ("guest", "فرانسيسكو باردو")},
                 id="delegation-head-birisat-is-the-guest"),
    # --- reception, passive and noun forms: the receiver is the host, wherever it stands ------
    pytest.param("استُقبل وزير الداخلية الإيطالي ماركو روسي، أمس بتونس، من قبل الرئيس التونسي قيس سعيد.",
                 {("host", "قيس سعيد"), ("guest", "ماركو روسي")}, id="passive-ustuqbila-min-qibal"),
    pytest.param("حظي وزير الداخلية الموريتاني محمد ولد أحمد، أمس بداكار، باستقبال من الرئيس السنغالي مامادو ديوب.",
                 {("host", "مامادو ديوب"), ("guest", "محمد ولد أحمد")}, id="passive-hazia-bi-istiqbal-min"),
    pytest.param("وكان في استقبال وزير الداخلية الإيطالي ماركو روسي، لدى وصوله إلى مطار تونس قرطاج الدولي، وزير "
                 "الداخلية التونسي خالد النوري.", {("host", "خالد النوري"), ("guest", "ماركو روسي")},
                 id="noun-kana-fi-istiqbal-X-Y"),
    pytest.param("زار قائد الحرس المدني الإسباني لويس مورينو، الثلاثاء، مقر المديرية العامة للأمن الوطني بالرباط، "
                 "حيث كان في استقباله المدير العام عبد اللطيف حموشي.",
                 {("guest", "لويس مورينو"), ("host", "عبد اللطيف حموشي")}, id="noun-kana-fi-istiqbalihi-hosts"),
    gap("وخلال استقباله سفير اليابان لدى المملكة هيروشي تاناكا، أمس بالرباط، أكد وزير الداخلية المغربي عبد "
        "الرحيم العلوي متانة العلاقات بين البلدين.", {("host", "عبد الرحيم العلوي"), ("guest", "هيروشي تاناكا")},
        "noun-khilal-istiqbalihi-subject-after", "no event: the receiver of خلال استقباله named later in the sentence"),
    # --- meeting nouns: the place tells who hosts ------------------------------------------
    pytest.param("وجرى لقاء وزير الداخلية المغربي عبد الرحيم العلوي مع نظيره الفرنسي لوران دوبون بمقر الوزارة "
                 "في الرباط.", {("host", "عبد الرحيم العلوي"), ("guest", "لوران دوبون")},
                 id="noun-liqaa-X-maa-Y-at-X-home"),
    pytest.param("جمع لقاء، أمس بالرباط، وزير الداخلية المغربي عبد الرحيم العلوي ونظيره الفرنسي لوران دوبون.",
                 {("host", "عبد الرحيم العلوي"), ("guest", "لوران دوبون")}, id="noun-jamaa-liqaa-X-wa-Y"),
    gap("وخلال لقائه بوزير الخارجية الهولندي بيتر دي فريس في لاهاي، أكد وزير الخارجية المغربي ناصر بوريطة "
        "متانة العلاقات.", {("guest", "ناصر بوريطة"), ("host", "بيتر دي فريس")}, "noun-khilal-liqaihi-bi",
        "no event: the subject of خلال لقائه named after the noun phrase"),
    # --- talks: بحث X مع نظيره Y ------------------------------------------------------------
    pytest.param("بحث وزير الداخلية العراقي عبد الأمير الشمري مع نظيره الإيراني إسكندر مؤمني سبل ضبط الحدود "
                 "المشتركة.", {("participant", "عبد الأمير الشمري"), ("participant", "إسكندر مؤمني")},
                 id="talks-bahatha-maa-nazirihi-no-place"),
    pytest.param("تباحث وزير الخارجية التركي أحمد يلماز، أمس في أنقرة، مع نظيره الليبي محمد الطاهر.",
                 {("host", "أحمد يلماز"), ("guest", "محمد الطاهر")}, id="talks-at-subject-home-subject-hosts"),
    pytest.param("أجرى وزير الخارجية الجزائري رشيد بن علي، أمس بمدريد، مباحثات مع نظيرته الإسبانية كارمن لوبيث.",
                 {("guest", "رشيد بن علي"), ("host", "كارمن لوبيث")}, id="talks-at-object-home-object-hosts"),
    # --- meeting verbs: no host unless the place tells ---------------------------------------
    pytest.param("التقى وزير الخارجية الأردني أيمن الصفدي، أمس، وزير الخارجية المصري حسام عبد الفتاح.",
                 {("participant", "أيمن الصفدي"), ("participant", "حسام عبد الفتاح")},
                 id="iltaqa-no-place-no-host"),
    pytest.param("التقى وزير الخارجية الجزائري رشيد بن علي، أمس بالجزائر العاصمة، نظيره الإيطالي جوفاني بيانكي.",
                 {("host", "رشيد بن علي"), ("guest", "جوفاني بيانكي")}, id="iltaqa-in-subject-capital"),
    pytest.param("التقى وزير الخارجية الجزائري رشيد بن علي، أمس في روما، بنظيره الإيطالي جوفاني بيانكي.",
                 {("guest", "رشيد بن علي"), ("host", "جوفاني بيانكي")}, id="iltaqa-in-object-capital"),
    pytest.param("التقى وزير الخارجية المصري حسام عبد الفتاح ونظيره الأردني فيصل العلي، أمس في القاهرة، وبحثا "
                 "العلاقات الثنائية.", {("host", "حسام عبد الفتاح"), ("guest", "فيصل العلي")},
                 id="iltaqa-conjoined-subject-place-tells"),
    pytest.param("التقى وزير الخارجية المصري حسام عبد الفتاح نظيره الإثيوبي تاي أسفاو، أمس في الخرطوم.",
                 {("participant", "حسام عبد الفتاح"), ("participant", "تاي أسفاو")},
                 id="iltaqa-third-state-city-neutral"),
    pytest.param("التقى وزير الخارجية السعودي فهد بن ناصر نظيره الصيني وانغ لي، على هامش اجتماعات الجمعية العامة "
                 "للأمم المتحدة في نيويورك.", {("participant", "فهد بن ناصر"), ("participant", "وانغ لي")},
                 id="iltaqa-on-the-sidelines-neutral"),
    pytest.param("وأجرى وزير الخارجية الجزائري رشيد بن علي، على هامش أشغال القمة العربية في بغداد، مباحثات مع نظيره "
                 "السعودي فهد بن ناصر.", {("participant", "رشيد بن علي"), ("participant", "فهد بن ناصر")},
                 id="talks-on-the-sidelines-neutral"),
    pytest.param("التقى الرئيس التونسي سليم بوعزة، على هامش أشغال المؤتمر العربي لوزراء الداخلية في تونس، وزير "
                 "الداخلية البحريني خالد بن راشد.", {("host", "سليم بوعزة"), ("guest", "خالد بن راشد")},
                 id="sidelines-in-the-hosts-own-state-he-hosts"),
    pytest.param("واستقبل وزير الداخلية القطري سالم بن جاسم، على هامش أعمال الدورة العادية لمجلس وزراء الداخلية العرب "
                 "في تونس، وزير الداخلية اليمني عبد الله الحميري.",
                 {("participant", "سالم بن جاسم"), ("participant", "عبد الله الحميري")},
                 id="istaqbala-on-the-sidelines-abroad-no-host"),
    pytest.param("وقع وزير الداخلية الموريتاني سيدي ولد أحمد، ونظيره الإسباني خوسيه مارين، مساء أمس بالوزارة، مذكرة "
                 "تفاهم في مجال مكافحة الهجرة غير النظامية.", {("host", "سيدي ولد أحمد"), ("guest", "خوسيه مارين")},
                 id="signing-bil-wizara-at-the-subjects-ministry"),
    pytest.param("واستقبل وزير الداخلية السعودي فهد بن عبد الله في مقر إقامته بالعاصمة التونسية مساء أمس وزير الداخلية "
                 "اللبناني نبيل حداد.", {("participant", "فهد بن عبد الله"), ("participant", "نبيل حداد")},
                 id="istaqbala-at-his-residence-abroad-no-host"),
    pytest.param("أعلنت الوزارة أن الشيخ راشد بن سعيد، ولي عهد أبوظبي، وزير الدفاع، استقبل أمس في أبوظبي وزير الدفاع "
                 "الكويتي فهد الصباح.", {("host", "راشد بن سعيد"), ("guest", "فهد الصباح")},
                 id="subject-before-the-comma-closing-its-apposition"),
    pytest.param("شهدت العاصمة القطرية الدوحة اليوم اجتماعا ثلاثيا بين وزير الخارجية الأمريكي جون ميلر، ومدير "
                 "المخابرات المصرية حسن الشافعي، ورئيس الوزراء القطري خالد بن حمد.",
                 {("guest", "جون ميلر"), ("guest", "حسن الشافعي"), ("host", "خالد بن حمد")},
                 id="trilateral-in-one-sides-capital-the-others-are-guests"),
    pytest.param("وعقد وزير الخارجية الأمريكي جون ميلر ومدير المخابرات المصرية حسن الشافعي محادثات ثلاثية مع رئيس "
                 "الوزراء القطري خالد بن حمد في الدوحة.",
                 {("guest", "جون ميلر"), ("guest", "حسن الشافعي"), ("host", "خالد بن حمد")},
                 id="trilateral-both-visitors-before-the-noun"),
    pytest.param("أجرى الرئيس اللبناني سليم حداد اليوم لقاء في قصر بعبدا مع مدير المخابرات الأردني خالد الزعبي، وذلك "
                 "في حضور سفير دولة الإمارات لدى لبنان حمد الشامسي.",
                 {("host", "سليم حداد"), ("guest", "خالد الزعبي")}, id="fi-hudur-names-an-attendee"),
    pytest.param("اجتمع وزير الداخلية المغربي عبد الرحيم العلوي، في مكتبه، بسفير المملكة المتحدة لدى المغرب سيمون "
                 "مارتن.", {("host", "عبد الرحيم العلوي"), ("guest", "سيمون مارتن")},
                 id="ijtamaa-fi-maktabihi-with-resident-ambassador"),
    pytest.param("بحث السفير الإيطالي لدى تونس ماركو روسي ووزير الداخلية التونسي خالد النوري، اليوم، ملف الهجرة غير "
                 "النظامية.", {("guest", "ماركو روسي"), ("host", "خالد النوري")}, id="envoy-posted-to-the-officials-state"),
    pytest.param("عقد قائد الأركان العامة للجيوش الموريتانية الفريق سيدي ولد محمد، اليوم بمكتبه في نواكشوط، اجتماعا "
                 "مع بعثة عسكرية من القيادة الأمريكية في أفريقيا، حيث ضمت على وجه الخصوص كلا من الجنرال مارك سميث، "
                 "والسفير جون يونغ.", {("host", "سيدي ولد محمد"), ("guest", "مارك سميث")},
                 id="delegation-members-listed-are-no-series"),
    pytest.param("وعقد الوفد العسكري الإيطالي برئاسة الجنرال ماركو فيرّي اجتماعا مع رئيس أركان الجيش التونسي الفريق "
                 "سامي الورتاني بمكتبه في تونس.", {("guest", "ماركو فيرّي"), ("host", "سامي الورتاني")},
                 id="meeting-own-office-of-the-side-named-last"),
    pytest.param("بحث مدير الأمن العام الأردني اللواء سالم الخوالدة في مكتبه أمس، مع السفير الكويتي في عمّان الشيخ فهد "
                 "الصباح، سبل تعزيز التعاون الأمني بين البلدين.",
                 {("host", "سالم الخوالدة"), ("guest", "فهد الصباح")}, id="talks-fi-maktabihi-the-subject-hosts"),
    pytest.param("التقى وزير الداخلية المصري حسن الشافعي، أمس، وزير الأمن الكيني جون موانغي، الذي يزور القاهرة على "
                 "رأس وفد أمني.", {("host", "حسن الشافعي"), ("guest", "جون موانغي")},
                 id="iltaqa-the-other-side-yazuru-the-city"),
    # --- visits: the visitor is the guest ------------------------------------------------------
    pytest.param("حل وزير الداخلية الموريتاني محمد ولد أحمد، أمس بالرباط، ضيفا على نظيره المغربي عبد الرحيم العلوي.",
                 {("guest", "محمد ولد أحمد"), ("host", "عبد الرحيم العلوي")}, id="visit-halla-dayfan-ala"),
    pytest.param("يزور وزير الخارجية الإسباني ألبرتو رويث، منذ أمس، العاصمة الرباط حيث أجرى مباحثات مع وزير "
                 "الخارجية المغربي ناصر بوريطة.", {("guest", "ألبرتو رويث"), ("host", "ناصر بوريطة")},
                 id="visit-yazuru-capital-then-talks"),
    pytest.param("وفي إطار زيارته إلى القاهرة، التقى وزير الخارجية الأردني أيمن الصفدي بوزير الخارجية المصري حسام "
                 "عبد الفتاح.", {("guest", "أيمن الصفدي"), ("host", "حسام عبد الفتاح")},
                 id="visit-fi-itar-ziyaratihi-ila"),
    gap("قام وزير الدفاع الإيطالي جوزيبي ريتشي بزيارة عمل إلى الجزائر، التقى خلالها رئيس أركان الجيش الجزائري "
        "سعيد شنقريحة.", {("guest", "جوزيبي ريتشي"), ("host", "سعيد شنقريحة")},
        "visit-qama-bi-ziyara-iltaqa-khilalaha", "no event: the visitor of قام بزيارة is not the subject of التقى خلالها"),
    # --- calls: neither side hosts ------------------------------------------------------------
    pytest.param("أجرى وزير الخارجية الإماراتي راشد المنصوري اتصالا هاتفيا مع نظيره الإيراني علي رضائي.",
                 {("participant", "راشد المنصوري"), ("participant", "علي رضائي")}, id="call-ajra-both-participants"),
    pytest.param("تلقى وزير الخارجية المغربي ناصر بوريطة اتصالا هاتفيا من نظيره الإسباني ألبرتو رويث.",
                 {("participant", "ناصر بوريطة"), ("participant", "ألبرتو رويث")},
                 id="call-talaqqa-min-both-participants"),
    # --- agreements: the place tells who hosts --------------------------------------------------
    pytest.param("وقع وزير الداخلية المغربي عبد الرحيم العلوي ونظيره البرتغالي جواو سيلفا، أمس بالرباط، مذكرة تفاهم "
                 "في مجال مكافحة الجريمة المنظمة.", {("host", "عبد الرحيم العلوي"), ("guest", "جواو سيلفا")},
                 id="agreement-signed-at-subject-home"),
    # --- attendees are not principals ------------------------------------------------------------
    pytest.param("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، سفيرة مملكة بلجيكا لدى المغرب صوفي "
                 "دوبوا، بحضور الكاتب العام للوزارة محمد الهاشمي.",
                 {("host", "عبد الرحيم العلوي"), ("guest", "صوفي دوبوا")}, id="attendee-bihudur"),
    pytest.param("استقبل رئيس الجمهورية التونسية قيس سعيد، بقصر قرطاج، وزير الخارجية الجزائري رشيد بن علي، بحضور "
                 "وزير الشؤون الخارجية التونسي محمد النفطي.", {("host", "قيس سعيد"), ("guest", "رشيد بن علي")},
                 id="attendee-bihudur-a-minister-of-the-host"),
    pytest.param("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، سفير الولايات المتحدة لدى المغرب "
                 "ريتشارد بيل، رفقة الملحق الأمني بالسفارة مايكل براون.",
                 {("host", "عبد الرحيم العلوي"), ("guest", "ريتشارد بيل")}, id="attendee-rifqat"),
    pytest.param("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، وزير الداخلية الفرنسي لوران دوبون، "
                 "الذي كان مرفوقا بسفير فرنسا لدى المغرب كريستوف لوكورتيي.",
                 {("host", "عبد الرحيم العلوي"), ("guest", "لوران دوبون")}, id="attendee-marfuqan-bi"),
    gap("استقبل الرئيس التونسي قيس سعيد، أمس بقصر قرطاج، وزير الداخلية الإيطالي ماركو روسي، على رأس وفد ضم قائد "
        "الحرس المالي الإيطالي أندريا دي لوكا.", {("host", "قيس سعيد"), ("guest", "ماركو روسي")},
        "attendee-wafd-damma", "a second event: the delegation member after وفد ضم is made a guest of his own"),
]


@pytest.mark.parametrize("text, want", ROWS)
def test_roles_of_the_principals(text: str, want: set[tuple[str, str]]) -> None:
    assert principals_of(text) == [want]


def test_an_office_named_in_an_earlier_clause_is_not_the_next_meetings():
    """"... مع الفريق X بمكتبه، كما عقد اجتماعا آخر مع الوزير Y": X's office says nothing of the second
    meeting, whose host is the home side of the place."""
    text = ("وعقد الوفد العسكري الإيطالي برئاسة الجنرال ماركو فيرّي أمس بتونس اجتماعا مع رئيس أركان الجيش التونسي "
            "الفريق سامي الورتاني بمكتبه، كما عقد اجتماعا آخر مع وزير الدفاع الوطني التونسي عماد الدريدي.")
    assert principals_of(text) == [{("guest", "ماركو فيرّي"), ("host", "سامي الورتاني")},
                                   {("guest", "ماركو فيرّي"), ("host", "عماد الدريدي")}]


@pytest.mark.parametrize("text, want", [
    ("بحث وزير الداخلية سمير المبيضين، اليوم الاثنين، مع وزير الداخلية العراقي عبد الأمير الشمري سبل تعزيز "
     "التعاون الأمني بين البلدين.", {("host", "سمير المبيضين"), ("guest", "عبد الأمير الشمري")}),
    ("بحث وزير الداخلية سمير المبيضين، خلال زيارته إلى العراق، مع وزير الداخلية العراقي عبد الأمير الشمري سبل "
     "تعزيز التعاون الأمني.", {("guest", "سمير المبيضين"), ("host", "عبد الأمير الشمري")}),
])
def test_a_national_outlets_own_official_meets_a_foreigner_at_home_unless_a_visit_or_place_is_told(text, want):
    """A national outlet names its own minister without his state; with no place and no visit told, he
    receives the foreigner at home (the outlet's state is JOR)."""
    segment = Segment(doc="t.txt", index=0, text=text)
    segment.outlet_home = "JOR"
    events = extract_events(segment, Settings(ref_date=REF))
    assert [{(p.role, p.name) for p in ev.participants if p.role != "attendee"} for ev in events] == [want]
