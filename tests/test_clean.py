"""Cleaning: the seeds scored by the gold scorer, and our own pages with must/must-not lines."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import GOLD, PAGES, SCORER, SEEDS, requires_seeds
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.clean import clean_document
from marsad.clean.lines import WORD, split_words
from marsad.ingest import read_file
from marsad.normalize import fold_word

FIXTURES = sorted(p for p in (PAGES / "clean").iterdir() if p.suffix in {".txt", ".html"})


@requires_seeds
def test_seed_cleaning_meets_the_gold(tmp_path):
    out = tmp_path / "segments.jsonl"
    with out.open("w") as f:
        for page in sorted(SEEDS.glob("*.txt")):
            f.write(subprocess.run([sys.executable, "-m", "marsad", "clean", str(page)], check=True,
                                   capture_output=True, text=True).stdout)
    score = json.loads(subprocess.run([sys.executable, str(SCORER), "--clean", "--json", str(GOLD), str(out)],
                                      check=True, capture_output=True, text=True).stdout)
    assert score["main_article_token_f1"] >= 0.98
    assert score["segment_count_accuracy"] == 1.0


def _segments(path, settings):
    (doc,) = list(read_file(path, settings))
    return clean_document(doc, settings)


@pytest.mark.parametrize("page", FIXTURES, ids=[p.name for p in FIXTURES])
def test_own_pages(page, settings):
    expect = json.loads(page.with_suffix(".expect.json").read_text(encoding="utf-8"))
    segs = _segments(page, settings)
    assert len(segs) == expect["segments"]
    main = segs[0]
    body = fold_word(main.text)
    for line in expect["must_appear"]:
        assert fold_word(line) in body, line
    everything = fold_word(" ".join((s.title or "") + " " + s.text for s in segs))
    for line in expect["must_not_appear"]:
        assert fold_word(line) not in everything, line
    for line in expect.get("appear_once", []):
        assert body.count(fold_word(line)) == 1, line
    if expect.get("title") is not None or page.suffix == ".txt":
        assert fold_word(main.title or "") == fold_word(expect["title"] or "")
    if expect.get("second_title"):
        assert fold_word(segs[1].title or "") == fold_word(expect["second_title"])


def test_there_are_enough_own_pages():
    assert len(FIXTURES) >= 15
    assert sum(p.suffix == ".html" for p in FIXTURES) >= 4


def test_repeated_paragraph_kept_once(settings):
    from marsad.model import Document

    para = "وأكد الطرفان على أهمية تعزيز التعاون الأمني بين البلدين في مجال مكافحة الإرهاب."
    page = f"عنوان الخبر هنا للتجربة\n{para}\n{para}\nوأضاف المصدر أن اللقاء شكل فرصة لتبادل الخبرات بين الجانبين."
    (seg,) = clean_document(Document("r.txt", text=page), settings)
    assert seg.text.count("وأكد الطرفان") == 1


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="اب تثجحخ لمنهوي abcXYZ019_-'،.,:؛؟!«»()\"/\n\t©•", max_size=60))
def test_split_words_gives_the_words_of_the_word_pattern(text: str) -> None:
    """The fast word splitter (str methods on space-separated pieces) finds exactly WORD's words."""
    assert split_words(text) == WORD.findall(text)


# ---- issue 15: cleaning that keeps the article. Each row is one rule, on a page of our own. ----

def _clean(text: str, settings, name: str = "p.txt"):
    from marsad.model import Document

    return clean_document(Document(name, text=text), settings)


def _all_text(segs) -> str:
    return fold_word(" ".join((s.title or "") + "\n" + s.text for s in segs))


LEDE = "وأكد الجانبان في ختام اللقاء على أهمية مواصلة التنسيق الأمني بين البلدين في مواجهة التحديات المشتركة."
TAIL = "وتناولت المباحثات كذلك سبل تطوير برامج التكوين المشترك وتبادل الخبرات بين الأجهزة المعنية في البلدين."

# (rule, page lines, lines that must be in the article, lines that must not be anywhere)
ROWS = [
    ("inline pieces of one sentence are joined (title head, nisba)",
     ["اجتمع وزير", "الداخلية", "الإسباني، خوان مارتين، يوم الإثنين بالرباط، مع نظيره المغربي لبحث ملف الهجرة.", LEDE],
     ["اجتمع وزير الداخلية الإسباني، خوان مارتين"], []),
    ("a line ending with a preposition goes on in the next line",
     ["استقبل المدير العام للأمن الوطني في", "مكتبه بالعاصمة سفير دولة ماليزيا المعتمد لدى المملكة.", LEDE],
     ["استقبل المدير العام للأمن الوطني في مكتبه بالعاصمة سفير دولة ماليزيا"], []),
    ("a line starting with closing punctuation continues the last one",
     ["والتقى المنتخبان في ست مباريات سابقة انتهت أربع منها بالتعادل (1 – 1", ").", LEDE],
     ["بالتعادل (1 – 1)."], []),
    ("a name put on its own line by a link joins its sentence",
     ["استقبل", "عبد الرحيم المنصوري", "، المدير العام للوقاية المدنية، وفدا من الحماية المدنية التونسية بمقر المديرية.", LEDE],
     ["استقبل عبد الرحيم المنصوري، المدير العام للوقاية المدنية"], []),
    ("hard-wrapped lines of one paragraph are one paragraph",
     ["وأوضح البلاغ أن الطرفين استعرضا خلال هذا اللقاء حصيلة التعاون",
      "الثنائي في مجالات مكافحة الإرهاب والجريمة المنظمة العابرة للحدود،",
      "وتبادل المعلومات المتعلقة بتحركات الشبكات الإجرامية النشطة بالمنطقة",
      "إضافة إلى آليات تأمين التظاهرات الرياضية الكبرى.", LEDE],
     ["حصيلة التعاون الثنائي في مجالات مكافحة الإرهاب", "النشطة بالمنطقة إضافة إلى آليات"], []),
    ("headlines of one width in a list are not a wrapped paragraph",
     [LEDE, TAIL, "وزارة الصحة تطلق حملة وطنية للتلقيح ضد الإنفلونزا الموسمية",
      "ارتفاع أسعار الخضر والفواكه في أسواق الجملة مع بداية الشهر",
      "المنتخب الوطني يواجه نظيره الغاني وديا استعدادا للتصفيات",
      "انطلاق الدورة الخريفية للبرلمان بمناقشة مشروع قانون المالية"],
     [LEDE, TAIL], ["حملة وطنية للتلقيح", "اسعار الخضر", "نظيره الغاني"]),
    ("a menu of section names stays a menu",
     ["الرئيسية", "سياسة", "اقتصاد", "مجتمع", "رياضة", "وزير الداخلية يستقبل سفير ماليزيا", LEDE, TAIL],
     [LEDE], ["سياسة اقتصاد", "اقتصاد"]),
    ("a menu naming many cities, one a line or all on one line, stays out",
     ["الرباط", "فاس", "مراكش", "طنجة", "الرباط الدار البيضاء فاس مراكش طنجة أكادير", LEDE, TAIL,
      "جهات المملكة", "وجدة", "الناظور", "بركان"],
     [LEDE, TAIL], ["مراكش", "الناظور", "جهات المملكة"]),
    ("a one-sentence page is its article",
     ["استقبل وزير الداخلية، يوم الثلاثاء 12 مارس 2024، سفير إسبانيا بالجزائر."],
     ["استقبل وزير الداخلية، يوم الثلاثاء 12 مارس 2024، سفير إسبانيا بالجزائر."], []),
    ("a feed description under its headline is the article",
     ["الرئيسية", "أخبار", "تونس وليبيا تبحثان إعادة فتح معبر رأس جدير",
      "بحث وزير الداخلية التونسي مع نظيره الليبي، اليوم، ترتيبات إعادة فتح المعبر.", "جميع الحقوق محفوظة © 2025"],
     ["بحث وزير الداخلية التونسي مع نظيره الليبي"], ["جميع الحقوق محفوظة"]),
    ("feed and CMS footers in Arabic, French and English are chrome",
     [LEDE, TAIL,
      "ظهرت المقالة وزير الداخلية يستقبل سفير ماليزيا أولاً على موقع الأفق.",
      "The post Interior minister receives the ambassador appeared first on Al Ofoq.",
      "L'article Le ministre reçoit l'ambassadeur est apparu en premier sur Al Ofoq.",
      "اترك تعليقاً", "لن يتم نشر بريدك الإلكتروني، والحقول المطلوبة عليها علامة *",
      "تم إضافة تعليقك سوف يظهر بعد المراجعة", "زر الذهاب إلى الأعلى"],
     [LEDE, TAIL], ["ظهرت المقالة", "appeared first on", "est apparu", "اترك تعليقا", "بريدك", "تعليقك", "الذهاب الى الاعلي"]),
    ("share, print, comment and read-more widgets are chrome",
     [LEDE, "شارك الخبر", "طباعة", "0 تعليق", "اقرأ المزيد", "Lire la suite", "Read more", TAIL],
     [LEDE, TAIL], ["شارك الخبر", "طباعه", "تعليق", "اقرا المزيد", "lire la suite", "read more"]),
    ("photo credits are chrome",
     ["صورة أرشيفية من اجتماع سابق للجنة الأمنية المشتركة", LEDE, "تصوير: محمد العلمي", TAIL],
     [LEDE, TAIL], ["صوره ارشيفيه", "تصوير"]),
    ("an attendance list closes the article, without function words or full stop",
     [LEDE, "حضر اللقاء القنصل العام لماليزيا بالدار البيضاء ورئيس قسم الشراكات الدولية"],
     ["حضر اللقاء القنصل العام لماليزيا بالدار البيضاء"], []),
    ("a closing 'in the presence of' paragraph belongs to the article",
     [LEDE, "وجرى اللقاء بحضور السفير الماليزي بالرباط وعدد من أطر المديرية العامة", "جميع الحقوق محفوظة"],
     ["وجرى اللقاء بحضور السفير الماليزي بالرباط"], ["جميع الحقوق محفوظة"]),
    ("a closing quote belongs to the article",
     [LEDE, "وختم الوزير بالقول: \"سنواصل العمل معا من أجل أمن المنطقة واستقرارها\""],
     ["سنواصل العمل معا من اجل امن المنطقه واستقرارها"], []),
    ("a last paragraph cut mid-sentence belongs to the article",
     [LEDE, TAIL, "ولفت المسؤول إلى أن الجانبين اتفقا على عقد الاجتماع المقبل للجنة المشتركة في"],
     ["ولفت المسؤول الى ان الجانبين اتفقا علي عقد الاجتماع المقبل"], []),
    ("a headline of the next story after the article is not its closing paragraph",
     [LEDE, TAIL, "وزير الصحة يطلع على سير العمل في المستشفى الجامعي بالمدينة", "جميع الحقوق محفوظة"],
     [LEDE, TAIL], ["سير العمل في المستشفي"]),
    ("a paragraph that lost its full stop between two paragraphs is kept",
     [LEDE, "ووصل الوزير إلى العاصمة صباح اليوم على رأس وفد أمني رفيع المستوى", TAIL],
     ["ووصل الوزير الي العاصمه صباح اليوم"], []),
    ("a subheading inside the article is kept",
     [LEDE, "برنامج الزيارة", TAIL],
     ["برنامج الزياره"], []),
    ("a 'read also' link inside the article does not cut it",
     [LEDE, "اقرأ أيضا: الأرصاد تتوقع أمطارا رعدية بعدد من المناطق الشمالية", TAIL],
     [LEDE, TAIL], ["الارصاد تتوقع"]),
    ("a 'related news' heading opens a list, even with the article",
     [LEDE, TAIL, "الأخبار ذات الصلة", "وزير الدفاع يلتقي نظيره القطري في الدوحة", "افتتاح معرض الكتاب بالعاصمة"],
     [LEDE, TAIL], ["وزير الدفاع يلتقي", "افتتاح معرض"]),
    ("a masthead date, a ticker and a weather widget stay out",
     ["الأحد 22 نونبر 2026", "عاجل | الحكومة تصادق على مشروع قانون المالية", "الرباط 18° غائم جزئيا",
      "وزير الداخلية يستقبل سفير ماليزيا", LEDE, TAIL],
     [LEDE, TAIL], ["22 نونبر", "قانون الماليه", "18°"]),
    ("an excerpt cut after a list introduction is not prose",
     [LEDE, TAIL, "اترك تعليقا", "وزارة الداخلية تعلن نتائج مباراة ولوج سلك الشرطة في جميع الجهات"],
     [LEDE, TAIL], ["نتايج مباراه"]),
]


@pytest.mark.parametrize("rule,page,kept,dropped", ROWS, ids=[r[0] for r in ROWS])
def test_cleaning_rule(rule, page, kept, dropped, settings):
    segs = _clean("\n".join(page), settings)
    assert segs, rule
    body = fold_word(segs[0].text)
    for line in kept:
        assert fold_word(line) in body, line
    everything = _all_text(segs)
    for line in dropped:
        assert fold_word(line) not in everything, line


TITLE_ROWS = [
    ("a city and outlet line is not the headline", ["الرباط - الأفق 24", LEDE, TAIL], None),
    ("an outlet and city line is not the headline", ["قناة الساحل | طرابلس", LEDE, TAIL], None),
    ("a bare time is not the headline", ["09:40 م", LEDE, TAIL], None),
    ("a photo caption between headline and body is not the headline",
     ["الجانبان يؤكدان أهمية مواصلة التنسيق الأمني", "الوزير خلال استقباله الوفد", LEDE, TAIL],
     "الجانبان يؤكدان أهمية مواصلة التنسيق الأمني"),
    ("a lede without its full stop is the first paragraph, not the headline",
     ["استقبل وزير الدفاع، اليوم الخميس بمقر الوزارة، نظيره الإيطالي على رأس وفد عسكري رفيع المستوى يزور البلاد", LEDE],
     None),
    ("a first paragraph with a comma and a day is not a headline",
     ["غادر العاصمة، مساء الأحد، وزير الخارجية السوداني بعد زيارة رسمية.", LEDE + " " + TAIL], None),
    ("a first short paragraph without comma before a long one is the headline",
     ["تعزيز التعاون الأمني بين البلدين.", LEDE + " " + TAIL], "تعزيز التعاون الأمني بين البلدين."),
]


@pytest.mark.parametrize("rule,page,title", TITLE_ROWS, ids=[r[0] for r in TITLE_ROWS])
def test_headline_rule(rule, page, title, settings):
    (seg,) = _clean("\n".join(page), settings)
    assert seg.title == title, rule


def test_the_dateline_beside_a_source_gives_the_publication_date(settings):
    page = ["الخميس 4 سبتمبر 2025 الساعة 10 صباحاً / عدن نت - قسم الأخبار", LEDE, TAIL]
    (seg,) = _clean("\n".join(page), settings)
    assert seg.title is None and seg.published == "2025-09-04"


@pytest.mark.parametrize("stamp, published", [
    ("تاريخ الإضافة: 18-11-2024 14:49:52 |", "2024-11-18"),  # a labelled stamp after the article
    ("ثلاثاء, 31/12/2024 - 16:15", "2024-12-31"),  # a CMS's weekday, date and time
    ("تاريخ الإضافة: 18-11-2024 14:49:52 | عدد المشاهدات: 215", "2024-11-18"),  # with a page counter
])
def test_a_dated_line_right_after_the_body_is_the_publication_stamp(stamp, published, settings):
    (seg,) = _clean("\n".join(["وزير الدفاع يستقبل سفير جمهورية مالي", LEDE, TAIL, stamp, "القراءة رقم : 512"]), settings)
    assert seg.published == published


def test_a_date_after_a_list_of_related_articles_is_not_the_stamp(settings):
    page = ["وزير الدفاع يستقبل سفير جمهورية مالي", LEDE, TAIL, "مقالات ذات صلة", "ثلاثاء, 31/12/2024 - 16:15"]
    (seg,) = _clean("\n".join(page), settings)
    assert seg.published is None


def test_share_buttons_glued_to_a_paragraph_are_removed(settings):
    para = ("* email * facebook * twitter * google+ نفت المديرية العامة للأمن الوطني أمس كل الأخبار التي لا تصدر "
            "عن قنواتها الرسمية، ودعت المواطنين إلى عدم تداول الإشاعات عبر مواقع التواصل الاجتماعي.")
    (seg,) = _clean(para, settings)
    assert seg.text.startswith("نفت المديرية")


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl"])
def test_a_one_sentence_document_is_its_article_in_every_format(tmp_path, suffix, settings):
    sentence = "استقبل وزير الداخلية، يوم الثلاثاء 12 مارس 2024، سفير إسبانيا بالجزائر."
    path = tmp_path / f"s{suffix}"
    body = {".txt": sentence + "\n", ".html": f"<html><body><p>{sentence}</p></body></html>",
            ".jsonl": json.dumps({"id": "s1", "text": sentence}, ensure_ascii=False) + "\n"}[suffix]
    path.write_text(body, encoding="utf-8")
    (doc,) = list(read_file(path, settings))
    (seg,) = clean_document(doc, settings)
    assert seg.text == sentence


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=300)


def test_a_one_sentence_file_goes_through_every_command(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("استقبل وزير الداخلية، يوم الثلاثاء 12 مارس 2024، سفير إسبانيا بالجزائر.\n", encoding="utf-8")
    segs = _run("clean", str(path)).stdout.splitlines()
    labels = {json.loads(m)["label"] for m in _run("annotate", str(path)).stdout.splitlines()}
    (event,) = [json.loads(e) for e in _run("extract", str(path), "--ref-date", "2026-11-22").stdout.splitlines()]
    assert len(segs) == 1 and {"date", "title", "country"} <= labels
    assert event["date"] == "2024-03-12" and {p["country"] for p in event["participants"]} == {"DZA", "ESP"}
    done = _run("--db", str(tmp_path / "s.db"), "ingest", str(path))
    assert done.returncode == 0 and "1 events" in done.stderr and "without article text" not in done.stderr


@pytest.mark.parametrize("command", ["clean", "annotate", "extract", "ingest"])
def test_a_document_without_article_text_is_reported_not_failed(tmp_path, command):
    menu = tmp_path / "menu.txt"
    menu.write_text("الرئيسية\nسياسة\nاقتصاد\nرياضة\n", encoding="utf-8")
    records = tmp_path / "feed.jsonl"
    records.write_text(json.dumps({"id": "a", "text": "استقبل وزير الداخلية، يوم الثلاثاء 12 مارس 2024، سفير إسبانيا بالجزائر."},
                                  ensure_ascii=False) + "\n" + json.dumps({"id": "b", "text": "الرئيسية\nرياضة"}) + "\n",
                       encoding="utf-8")
    args = ["--db", str(tmp_path / "x.db"), "ingest"] if command == "ingest" else [command]
    res = _run(*args, str(menu), str(records))
    assert res.returncode == 0, res.stderr
    assert f"marsad: {menu}: no article text found" in res.stderr
    assert f"marsad: {records}:2: no article text found" in res.stderr
    assert f"marsad: {records}:1:" not in res.stderr
    if command == "ingest":
        assert ", 2 without article text" in res.stderr


def test_the_html_fallback_keeps_one_paragraph_a_line():
    """When trafilatura finds nothing, the markup's own blocks still end lines (a page read as
    one run-on line would lose its paragraphs and its chrome lines would glue to them)."""
    from marsad.clean.html import _fallback

    page = "<html><body><nav>الرئيسية</nav><p>الفقرة الأولى.</p><p>الفقرة الثانية.</p><ul><li>أ</li><li>ب</li></ul></body></html>"
    assert [line for line in _fallback(page).splitlines() if line.strip()] == ["الفقرة الأولى.", "الفقرة الثانية.", "أ", "ب"]
