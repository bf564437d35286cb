"""Event extraction on single segments: cases the page fixtures do not isolate."""

from __future__ import annotations

import datetime as dt

from marsad.extract.events import extract_events
from marsad.extract.sentences import SENTENCE
from marsad.model import Segment
from marsad.settings import Settings

REF = dt.date(2026, 11, 22)
LEDE = ("استقبل وزير الداخلية المغربي عبد الوافي لفتيت، يوم الثلاثاء 14 أكتوبر 2025 بالرباط، "
        "سفير جمهورية ألمانيا الاتحادية لدى المملكة، روبرت دولغر")
BODY = "وتناول اللقاء سبل تعزيز التعاون الأمني بين البلدين في مجال مكافحة الإرهاب والهجرة غير النظامية."


def test_a_paragraph_without_a_full_stop_is_a_sentence() -> None:
    text = f"{LEDE}\n\n{BODY}"
    sentences = [text[s:e] for s, e in ((m.start(), m.end()) for m in SENTENCE.finditer(text))]
    assert sentences == [LEDE, BODY]


def test_the_event_of_a_lede_without_a_full_stop_is_found() -> None:
    events = extract_events(Segment(doc="a.txt", index=0, text=f"{LEDE}\n\n{BODY}"), Settings(ref_date=REF))
    assert len(events) == 1
    ev = events[0]
    assert ev.date == "2025-10-14"
    assert sorted(p.country for p in ev.participants) == ["DEU", "MAR"]
    assert {"counterterrorism", "illegal_migration"} <= set(ev.topics)


def test_a_segment_without_any_trigger_gives_no_event() -> None:
    text = "قال وزير الداخلية المغربي عبد الوافي لفتيت إن الحصيلة السنوية للمديرية تعكس جهود الأمن الوطني."
    assert extract_events(Segment(doc="b.txt", index=0, text=text), Settings(ref_date=REF)) == []


def test_a_meeting_dated_months_before_its_report_and_told_past_the_lede_is_background() -> None:
    """A September report recalling, in its body, talks held on 21 July: no event of its own
    (Reach.recalled_days); the same talks in the lede of a report of the day are one."""
    lede = "يبدأ وزير الدفاع الروسي اليوم زيارة إلى طهران تستمر يومين."
    body = ("وكان نائب وزير الدفاع الروسي ألكسندر فومين، أجرى يوم 21 يوليو الماضي، محادثات في طهران مع نائب وزير "
            "الدفاع الإيراني رضا قريشي.")
    settings = Settings(ref_date=dt.date(2023, 9, 30))
    late = Segment(doc="t.txt", index=0, text=lede + "\n\n" + body, published="2023-09-19")
    assert extract_events(late, settings) == []
    fresh = Segment(doc="t.txt", index=0, text=body, published="2023-07-22")
    assert [ev.date for ev in extract_events(fresh, settings)] == ["2023-07-21"]


COORDINATION = ("الرياض في 14 أبريل /واس/ عقد بمقر وزارة الداخلية في الرياض أمس الاثنين الاجتماع التنسيقي الثالث بين وزارتي "
                "الداخلية في البلدين.\n\n"
                "وترأس الجانب الكويتي اللواء فهد العنزي مدير عام الأمن العام الكويتي، فيما ترأس الجانب السعودي الفريق "
                "سعود الحربي مدير الأمن العام السعودي.\n\n"
                "كما ناقش الجانبان آليات تبادل المعلومات، واتفقا على أن يعقد الاجتماع المقبل في مدينة الكويت.")


def test_the_dateline_dates_the_report_and_a_later_date_of_the_lede_the_meeting() -> None:
    """"الرياض في 14 أبريل /واس/ عقد ... أمس الاثنين": the lede's first date is its dateline's."""
    events = extract_events(Segment(doc="c.txt", index=0, text=COORDINATION, published="2026-04-14"),
                            Settings(ref_date=REF))
    assert [ev.date for ev in events] == ["2026-04-13"]


def test_the_venue_agreed_for_the_next_meeting_is_not_this_ones() -> None:
    """"على أن يعقد الاجتماع المقبل في مدينة الكويت": the next meeting's place; this one was in Riyadh."""
    events = extract_events(Segment(doc="c.txt", index=0, text=COORDINATION, published="2026-04-14"),
                            Settings(ref_date=REF))
    assert [(ev.location.city, ev.location.country) for ev in events] == [("Riyadh", "SAU")]
