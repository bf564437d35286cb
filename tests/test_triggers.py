"""Triggers (spec §2): which wordings state an engagement, and of which kind.

One row per linguistic fact, each a short news sentence written for this table. A row expects
the sorted kinds of the events `extract_events` finds in the sentence (`[]`: no event). Both
sides carry a nisba or a state name, so only the wording under test decides.
Rows marked xfail (strict) are grammar still to build: the reason says what marsad does instead.
"""

from __future__ import annotations

import pytest
from conftest import REF

from marsad.extract.events import extract_events
from marsad.model import Segment
from marsad.settings import Settings


def kinds_of(text: str) -> list[str]:
    return sorted(ev.kind for ev in extract_events(Segment(doc="t.txt", index=0, text=text), Settings(ref_date=REF)))


def gap(text: str, kinds: list[str], fact: str, instead: str):
    return pytest.param(text, kinds, id=fact, marks=pytest.mark.xfail(strict=True, reason=instead))


MEETING, CALL, AGREEMENT = ["meeting"], ["call"], ["agreement"]

ROWS = [
    # --- reception verbs: the subject receives the object ------------------------------------
    pytest.param("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، يوم الثلاثاء بالرباط، وزير الداخلية "
                 "البلجيكي يان بيترز.", MEETING, id="reception-istaqbala"),
    pytest.param("يستقبل رئيس الحكومة التونسي منير الحامدي، اليوم الاثنين بقصر الحكومة بالقصبة، وزير "
                 "الداخلية الإيطالي ماركو روسي.", MEETING, id="reception-present-yastaqbilu"),
    pytest.param("استقبلت وزيرة الخارجية الموريتانية فاطمة بنت أحمد، أمس الأربعاء بنواكشوط، سفير جمهورية "
                 "الصين الشعبية لي وي.", MEETING, id="reception-feminine-istaqbalat"),
    pytest.param("تستقبل وزيرة الخارجية الإسبانية كارمن لوبيث، اليوم الأربعاء بمدريد، وزير الخارجية المصري "
                 "حسام عبد الفتاح.", MEETING, id="reception-feminine-present-tastaqbilu"),
    pytest.param("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، على التوالي، سفير اليابان لدى "
                 "المملكة هيروشي تاناكا، وسفيرة كندا لدى المملكة سارة تومسون.", ["meeting", "meeting"],
                 id="reception-two-audiences-two-events"),
    pytest.param("أكد رئيس الجمهورية التونسي سليم بوعزة، لدى استقباله لوزير الداخلية الليبي سالم الورفلي، "
                 "أهمية تأمين الحدود المشتركة.", MEETING, id="reception-noun-with-pronoun-istiqbaluhu"),
    pytest.param("وكان وزير الداخلية المصري حسن الشربيني على رأس مستقبلي وزير الداخلية النمساوي كارل هوبر "
                 "لدى وصوله إلى مطار القاهرة.", MEETING, id="reception-ala-rasi-mustaqbili"),
    # --- meeting verbs ---------------------------------------------------------------------
    pytest.param("التقى وزير الخارجية المصري حسام عبد الفتاح، يوم الأحد في القاهرة، نظيره اليوناني نيكوس "
                 "باباس.", MEETING, id="meeting-iltaqa"),
    pytest.param("يلتقي وزير الداخلية الجزائري كمال بلقاسم، اليوم بالجزائر العاصمة، نظيره الفرنسي لوران "
                 "دوبون.", MEETING, id="meeting-present-yaltaqi"),
    pytest.param("التقت وزيرة الخارجية الألمانية آنا شميت، الجمعة ببرلين، وزير الخارجية السعودي فهد بن "
                 "ناصر.", MEETING, id="meeting-feminine-iltaqat"),
    pytest.param("اجتمع وزير العدل المغربي محمد الإدريسي، أمس بالرباط، مع المدعي العام الإسباني خافيير "
                 "غارسيا.", MEETING, id="meeting-ijtamaa-maa"),
    pytest.param("اجتمعت وزيرة الداخلية البريطانية سارة هيوز، الخميس في لندن، بوزير الداخلية القطري خالد بن "
                 "سعود.", MEETING, id="meeting-feminine-ijtamaat-bi"),
    pytest.param("عقد وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، جلسة عمل مع وزير الداخلية الإسباني "
                 "فرناندو مارتينيث.", MEETING, id="meeting-aqada-jalsat-amal"),
    pytest.param("وجرى لقاء وزير الداخلية المغربي عبد الرحيم العلوي مع نظيره الفرنسي لوران دوبون بمقر الوزارة "
                 "في الرباط.", MEETING, id="meeting-noun-liqaa-maa"),
    gap("واجتمع وزيرا الداخلية المغربي عبد الرحيم العلوي والإسباني فرناندو مارتينيث، أمس بالرباط.", MEETING,
        "meeting-dual-subject-waziraa", "no event: a dual subject (وزيرا ... و ...) is not split into two sides"),
    gap("وزير الداخلية المغربي عبد الرحيم العلوي ونظيره الإسباني فرناندو مارتينيث يبحثان بالرباط تعزيز "
        "التعاون الأمني.", MEETING, "talks-dual-headline-yabhathan",
        "no event: the dual present يبحثان (subject first) is not a trigger"),
    gap("التقى وزراء خارجية مصر والأردن والعراق، أمس في بغداد، لبحث التعاون الإقليمي.", MEETING,
        "meeting-plural-multilateral", "no event: a plural head with several states (وزراء خارجية X وY وZ) gives no sides"),
    pytest.param("انطلقت اليوم بتونس أشغال الاجتماع الثنائي الذي يجمع بين وزير الداخلية التونسي خالد النوري، "
                 "ونظيره الإيطالي ماركو روسي.", MEETING, id="meeting-relative-alladhi-yajmau-bayna"),
    pytest.param("وأكد الجانبان عمق العلاقات التي تجمع بين البلدين الشقيقين تونس والجزائر.", [],
                 id="no-event-the-relations-that-unite-two-states"),
    # --- talks -------------------------------------------------------------------------------
    pytest.param("بحث وزير الداخلية العراقي عبد الأمير الشمري مع نظيره الإيراني إسكندر مؤمني سبل ضبط الحدود "
                 "المشتركة.", MEETING, id="talks-bahatha-maa"),
    pytest.param("أجرى وزير الخارجية الكويتي ناصر الصباح، أمس في الكويت، مباحثات مع نظيره الهندي راجيف "
                 "شارما.", MEETING, id="talks-ajra-mubahathat"),
    pytest.param("أجرت وزيرة الخارجية النمساوية إليزابيث هوبر، أمس في فيينا، مباحثات مع وزير الخارجية العراقي "
                 "حسن الجبوري.", MEETING, id="talks-feminine-ajrat-mubahathat"),
    pytest.param("أجرى وزير الخارجية الجزائري رشيد بن علي، أمس بالجزائر العاصمة، محادثات مع وزير الخارجية "
                 "الروسي سيرغي بافلوف.", MEETING, id="talks-ajra-muhadathat"),
    pytest.param("تباحث وزير الداخلية السعودي عبد العزيز الفيصل، بالرياض، مع وزير الداخلية الباكستاني أحمد "
                 "نواز حول مكافحة الإرهاب.", MEETING, id="talks-tabahatha"),
    # --- phone and video calls ----------------------------------------------------------------
    pytest.param("أجرى وزير الخارجية الإماراتي راشد المنصوري اتصالا هاتفيا مع نظيره الإيراني علي رضائي.",
                 CALL, id="call-ajra-ittisalan-hatifiyan"),
    pytest.param("تلقى وزير الخارجية العماني سالم البوسعيدي اتصالا هاتفيا من وزير الخارجية البريطاني توم "
                 "ريتشاردز.", CALL, id="call-talaqqa-ittisalan-hatifiyan"),
    pytest.param("أجرت وزيرة الخارجية الليبية سعاد المبروك اتصالا هاتفيا مع وزير الخارجية التركي أحمد يلماز.",
                 CALL, id="call-feminine-ajrat"),
    pytest.param("وفي اتصال هاتفي مع نظيره الأمريكي جون ميلر، بحث وزير الخارجية القطري خالد العطية تطورات "
                 "الأوضاع في غزة.", CALL, id="call-noun-fi-ittisal-hatifi"),
    pytest.param("عقد وزير الداخلية المصري محمود توفيق، أمس، اجتماعا عبر تقنية الاتصال المرئي مع وزير الداخلية "
                 "السعودي عبد العزيز الفيصل.", CALL, id="call-video-meeting"),
    pytest.param("تلقى وزير الخارجية القطري خالد العطية اتصالا من نظيره الفرنسي جان لوك بيرنار.", CALL,
                 id="call-talaqqa-ittisalan-min-without-hatifiyan"),
    pytest.param("تلقت وزيرة الداخلية الفرنسية كلير مارتان اتصالا من وزير الداخلية المغربي عبد الرحيم العلوي.",
                 CALL, id="call-feminine-talaqqat-ittisalan-min"),
    pytest.param("أجرى وزير الداخلية الليبي سالم الورفلي، أمس بتونس، محادثات مع كل من وزير الداخلية، خالد النوري، "
                 "ووزير العدل، ليلى جفال، والمدير العام للأمن الوطني، مراد الخميري.", MEETING * 3,
                 id="meeting-noun-ma-kull-min-three-hosts-three-events"),
    pytest.param("أجرى وزير الخارجية الأردني سامر الخطيب سلسلة اتصالات هاتفية مع نظرائه العرب، شملت:\n"
                 "بحث الخطيب، أمس، مع نظيره المصري حسام عبد الفتاح، جهود التهدئة.", CALL,
                 id="call-an-item-of-a-list-of-calls-after-a-colon"),
    pytest.param("وعقد الوزير عدة لقاءات، شملت:\nبحث وزير الخارجية الأردني سامر الخطيب، أمس في عمان، مع نظيره "
                 "المصري حسام عبد الفتاح، جهود التهدئة.", MEETING, id="meeting-an-item-of-a-list-of-meetings"),
    # --- visits --------------------------------------------------------------------------------
    pytest.param("حل وزير الداخلية الموريتاني محمد ولد أحمد، أمس بالرباط، ضيفا على نظيره المغربي عبد الرحيم "
                 "العلوي.", MEETING, id="visit-halla-dayfan-ala"),
    pytest.param("زار قائد الحرس المدني الإسباني لويس مورينو، الثلاثاء، مقر المديرية العامة للأمن الوطني "
                 "بالرباط، حيث كان في استقباله المدير العام عبد اللطيف حموشي.", MEETING,
                 id="visit-zara-kana-fi-istiqbalihi"),
    pytest.param("زار وزير الداخلية الإيطالي ماركو روسي، أمس، مقر وزارة الداخلية التونسية بتونس العاصمة، حيث "
                 "أجرى مباحثات مع نظيره التونسي خالد النوري.", MEETING, id="visit-zara-then-talks"),
    gap("قام وزير الدفاع الإيطالي جوزيبي ريتشي بزيارة عمل إلى الجزائر، التقى خلالها رئيس أركان الجيش "
        "الجزائري سعيد شنقريحة.", MEETING, "visit-qama-bi-ziyara-iltaqa-khilalaha",
        "no event: the subject of قام بزيارة is not carried to التقى خلالها"),
    pytest.param("استقبل وزير الخارجية القطري خالد بن حمد أمس في الدوحة وزير الخارجية الأمريكي جون ميلر. وفي "
                 "سياق متصل، يزور الشيخ سالم بن جاسم، أمير دولة الكويت، العاصمة السعودية الرياض في زيارة رسمية.",
                 MEETING, id="visit-of-a-place-by-the-one-named-after-the-verb-meets-no-one"),
    # --- signings ---------------------------------------------------------------------------------
    pytest.param("وقع وزير الداخلية المغربي عبد الرحيم العلوي ونظيره البرتغالي جواو سيلفا، أمس بالرباط، مذكرة "
                 "تفاهم في مجال مكافحة الجريمة المنظمة.", AGREEMENT, id="agreement-waqqaa-mudhakkirat-tafahum"),
    pytest.param("وقعت وزيرة العدل الأردنية هالة النسور، الاثنين في عمان، مع نظيرها العراقي حسن الجبوري "
                 "اتفاقية تعاون قضائي.", AGREEMENT, id="agreement-feminine-waqqaat"),
    pytest.param("التقى وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، نظيره البرتغالي جواو سيلفا، "
                 "ووقعا مذكرة تفاهم في مجال الأمن.", AGREEMENT, id="agreement-dual-waqqaa-after-meeting-one-event"),
    pytest.param("واستقبل وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، وزير الداخلية المالي داوودا "
                 "كوليبالي، وتوج اللقاء بالتوقيع على اتفاقية تعاون أمني.", AGREEMENT,
                 id="agreement-reception-crowned-by-signing"),
    gap("جرى، أمس بالرباط، التوقيع على مذكرة تفاهم بين المديرية العامة للأمن الوطني المغربية والشرطة الوطنية "
        "الإسبانية.", AGREEMENT, "agreement-between-two-agencies",
        "no event: a signing between two agencies with no person named gives no sides"),
    # --- proclitics و- and ف- ------------------------------------------------------------------
    pytest.param("واستقبل المدير العام للأمن الوطني المغربي عبد اللطيف حموشي، اليوم بالرباط، رئيس جهاز الشرطة "
                 "الفيدرالية البلجيكية يان بيترز.", MEETING, id="prefix-wa-istaqbala"),
    pytest.param("فاستقبل وزير الدفاع الأردني سالم الخوالدة بمكتبه في عمان قائد القوات البرية الأمريكية جيمس "
                 "كارتر.", MEETING, id="prefix-fa-istaqbala"),
    pytest.param("فالتقى وزير الداخلية الليبي عماد الطرابلسي، في طرابلس، بسفير إيطاليا لدى ليبيا ماسيمو روسو.",
                 MEETING, id="prefix-fa-iltaqa"),
    pytest.param("وتلقى وزير الخارجية السوري أسعد الشيباني اتصالا هاتفيا من نظيره التركي هاكان فيدان.", CALL,
                 id="prefix-wa-talaqqa"),
    pytest.param("ووقع وزير الداخلية المغربي عبد الرحيم العلوي ونظيره السنغالي مامادو ديوب، اليوم بالرباط، "
                 "اتفاقية تعاون أمني.", AGREEMENT, id="prefix-wa-waqqaa"),
    # --- no event: negated, recalled, planned ---------------------------------------------------
    pytest.param("وقالت سفيرة فرنسا بالمغرب إن محادثات وزير العدل الفرنسي جان مارتان مع نظيره المغربي خالد "
                 "الناصري ستتمحور حول التعاون القضائي.", [], id="none-talks-in-the-future-tense"),
    pytest.param("وكانت محادثات وزير العدل الفرنسي جان مارتان مع نظيره المغربي خالد الناصري قد تمحورت حول "
                 "التعاون القضائي.", MEETING, id="talks-in-the-past-tense"),
    pytest.param("لم يلتق وزير الخارجية المصري حسام عبد الفتاح نظيره الإثيوبي تاي أسفاو خلال القمة الإفريقية في "
                 "أديس أبابا.", [], id="none-negated-lam-yaltaqi"),
    pytest.param("لن يستقبل الرئيس الجزائري عبد المجيد تبون السفير الفرنسي الجديد قبل تسوية الأزمة.", [],
                 id="none-negated-lan-yastaqbil"),
    pytest.param("نفى وزير الخارجية الجزائري رشيد بن علي أن يكون قد التقى السفير الفرنسي خلال الأسبوع الماضي.",
                 [], id="none-denied-nafa"),
    pytest.param("وتم تأجيل لقاء وزير الخارجية الجزائري رشيد بن علي مع نظيره الفرنسي جان لوك بيرنار إلى موعد "
                 "لاحق.", [], id="none-postponed-tajil"),
    pytest.param("وكان قد استقبل وزير الداخلية المغربي عبد الرحيم العلوي، في مارس الماضي بالرباط، نظيره الإسباني "
                 "فرناندو مارتينيث.", [], id="none-background-kana-qad-istaqbala"),
    gap("وكان وزير الداخلية المغربي عبد الرحيم العلوي قد استقبل، في مارس الماضي بالرباط، نظيره الإسباني "
        "فرناندو مارتينيث.", [], "none-background-kana-subject-qad-istaqbala",
        "a meeting event: كان ... قد with the subject between them is not read as background"),
    pytest.param("وفي وقت سابق، التقى وزير الخارجية الأردني أيمن الصفدي نظيره القبرصي يانيس كاسوليديس في "
                 "نيقوسيا.", [], id="none-background-fi-waqt-sabiq"),
    pytest.param("وفي وقت سابق من اليوم، استقبل رئيس الوزراء الأردني جعفر حسان وزير الداخلية السوري أنس خطاب "
                 "في عمان.", MEETING, id="earlier-today-fi-waqt-sabiq-min-al-yawm-happened"),
    pytest.param("ومن المقرر أن يستقبل وزير الخارجية الأردني أيمن الصفدي، الأسبوع المقبل في عمان، نظيره الياباني "
                 "كينجي سوزوكي.", [], id="none-planned-min-al-muqarrar"),
    pytest.param("سيستقبل وزير الداخلية التونسي علي الفرجاني، غدا الخميس بتونس، وزير الداخلية الإيطالي ماركو "
                 "روسي.", [], id="none-planned-sa-yastaqbil"),
    pytest.param("يعتزم وزير الداخلية الفرنسي لوران دوبون زيارة الرباط الشهر المقبل للقاء نظيره المغربي عبد الرحيم "
                 "العلوي.", [], id="none-planned-yatazim-ziyara-li-liqaa"),
    pytest.param("وجه وزير الخارجية المغربي ناصر بوريطة دعوة لنظيره الكيني موساليا مودافادي لزيارة الرباط.", [],
                 id="none-invitation"),
    pytest.param("ويلتقي الرئيس اللبناني سليم حداد ظهر اليوم رئيس الوزراء المصري حسن الشافعي.", [],
                 id="planned-present-before-a-later-part-of-today"),
    pytest.param("والتقى الرئيس اللبناني سليم حداد ظهر اليوم رئيس الوزراء المصري حسن الشافعي.", MEETING,
                 id="past-before-a-later-part-of-today-happened"),
    # --- no event: one state only -----------------------------------------------------------------
    pytest.param("التقى وزير العدل المصري عمر مروان، اليوم بالقاهرة، النائب العام المصري محمد شوقي لبحث سير "
                 "العمل.", [], id="none-domestic-both-nisba"),
    pytest.param("استقبل رئيس الحكومة التونسي منير الحامدي، الثلاثاء بقصر الحكومة، وزير الداخلية التونسي خالد "
                 "النوري.", [], id="none-domestic-head-of-government-and-minister"),
    pytest.param("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، عامل إقليم الحسيمة فريد شوراق.",
                 [], id="none-domestic-provincial-governor"),
    gap("استقبل وزير الداخلية المغربي عبد الرحيم العلوي، أمس بالرباط، والي جهة الدار البيضاء سطات محمد مهيدية.",
        [], "none-domestic-regional-wali",
        "a meeting event: the wali of a Moroccan region is coded DZA"),
    # --- no event: sports, arrests, migrants, parliament -------------------------------------------
    pytest.param("ويلتقي المنتخب المغربي نظيره الجزائري، مساء السبت بالرباط، في لقاء ودي استعدادا لكأس إفريقيا.",
                 [], id="none-sports-national-teams"),
    gap("ويلتقي المنتخب المغربي نظيره الجزائري مساء السبت في لقاء ودي بملعب الأمير مولاي عبد الله بالرباط.",
        [], "none-sports-stadium-named-after-a-prince",
        "a meeting event: the stadium's name (الأمير مولاي عبد الله) is taken as a host and نظيره الجزائري as a guest"),
    pytest.param("التقى فريق الوداد الرياضي نظيره الترجي التونسي، أمس بالدار البيضاء، في إياب نصف نهائي دوري "
                 "أبطال إفريقيا.", [], id="none-sports-clubs"),
    pytest.param("أوقفت عناصر الشرطة الإسبانية بمدينة مالقة مواطنا مغربيا يشتبه في تورطه في الاتجار بالمخدرات.",
                 [], id="none-arrest"),
    pytest.param("ألقت الشرطة الفرنسية القبض على مواطن جزائري في مرسيليا، بعد أن التقى بشركائه في شقة بوسط "
                 "المدينة.", [], id="none-arrest-suspect-met-accomplices"),
    pytest.param("تسلمت السلطات المغربية من نظيرتها الإسبانية، أمس بطنجة، مواطنا مغربيا مبحوثا عنه بموجب مذكرة "
                 "توقيف دولية.", [], id="none-extradition-handover"),
    pytest.param("استقبلت السلطات الإيطالية في جزيرة لامبيدوزا أكثر من ثلاثمائة مهاجر تونسي خلال الأسبوع الماضي.",
                 [], id="none-migrants-received"),
    pytest.param("ناقش مجلس النواب الأردني، أمس في عمان، مشروع قانون الجرائم الإلكترونية بحضور وزير الداخلية "
                 "الأردني مازن الفراية.", [], id="none-parliament-debate"),
]


@pytest.mark.parametrize("text, kinds", ROWS)
def test_wording_gives_these_event_kinds(text: str, kinds: list[str]) -> None:
    assert kinds_of(text) == kinds
