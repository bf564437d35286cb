"""Date engine: one table row per linguistic fact (tests/data/dates.tsv), plus named cases."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import REF, read_table

from marsad.extract.date_words import words
from marsad.extract.dates import find_dates

ROWS = read_table("dates.tsv")


def values(text: str, published: str | None, ref: dt.date = REF) -> list[str]:
    out = []
    for m in find_dates(text, published or None, ref):
        if m.value:
            out.append(f"{m.value}..{m.extra['until']}" if m.extra.get("until") else m.value)
    return out


def test_table_is_large_and_varied():
    assert len(ROWS) >= 200
    assert sum(1 for r in ROWS if not r["expected"].strip()) >= 40


def test_table_f1_at_least_098():
    tp = fp = fn = 0
    for row in ROWS:
        want = [v.strip() for v in row["expected"].split("|") if v.strip()]
        got = values(row["text"], row["published"], dt.date.fromisoformat(row["ref_date"]))
        common = sum(min(got.count(v), want.count(v)) for v in set(want))
        tp, fp, fn = tp + common, fp + len(got) - common, fn + len(want) - common
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.98, f"F1 {f1:.3f} (tp={tp} fp={fp} fn={fn})"


@pytest.mark.parametrize("row", ROWS, ids=[f"{i:03d}" for i in range(len(ROWS))])
def test_row(row):
    want = [v.strip() for v in row["expected"].split("|") if v.strip()]
    assert values(row["text"], row["published"], dt.date.fromisoformat(row["ref_date"])) == want, row["note"]


@pytest.mark.parametrize("text, published, expected, how", [
    ("استقبل الوزير، اليوم الاثنين 20 يناير 2025، سفير فرنسا", None, "2025-01-20", "explicit"),
    ("يوم الثلاثاء 23 شتنبر الجاري", None, "2025-09-23", "weekday-inferred"),
    ("يوم 23 شتنبر الجاري", "2024-09-25", "2024-09-23", "year-from-publication"),
    ("الموافق 10 ذو الحجة 1446 هـ", None, "2025-06-06", "hijri"),
    ("استقبل أمس الوزير", "2025-03-04", "2025-03-03", "relative-to-publication"),
    ("بتاريخ 14-09-1432 هـ", None, "2011-08-14", "hijri"),
    ("في الأول من رمضان 1446 هـ", None, "2025-03-01", "hijri"),
    ("يوم الاثنين 10 رمضان", None, "2025-03-10", "weekday-inferred"),
    ("منذ يومين", "2025-03-12", "2025-03-10", "relative-to-publication"),
    ("وصل يوم 5 مايو 2025، وفي اليوم التالي", None, "2025-05-06", "relative-to-date"),
])
def test_how_each_date_was_resolved(text, published, expected, how):
    (m,) = [m for m in find_dates(text, published, REF) if m.value][-1:]
    assert (m.value, m.extra["how"]) == (expected, how)


def test_every_day_has_an_ordinal_word():
    assert sorted(set(words().ordinals.values())) == list(range(1, 32))


@pytest.mark.parametrize("text", ["في 12 مارس 1850", "بتاريخ 12/03/1850", "في 5 مايو 2035"])
def test_a_year_marsad_cannot_place_has_no_value(text):
    (m,) = find_dates(text, None, REF)
    assert m.value is None and m.extra["how"] == "unplaceable-year"


def test_a_shift_read_within_a_sentence_counts_from_the_date_before_it():
    text = "وصل الوزير يوم 5 مايو 2025 إلى الرباط. وفي اليوم التالي استقبله رئيس الحكومة."
    start = text.index("وفي")
    (m,) = find_dates(text, None, REF, within=[(start, len(text))])
    assert m.value == "2025-05-06" and m.extra["how"] == "relative-to-date"


def test_offsets_point_at_the_written_text():
    text = "وذلك يوم ٢٠ يناير ٢٠٢٥ بالرباط"
    (m,) = find_dates(text, None, REF)
    assert text[m.start:m.end] == m.text and "٢٠ يناير ٢٠٢٥" in m.text


def test_weekday_contradicting_the_date_is_flagged_not_obeyed():
    (m,) = find_dates("الأحد 20 يناير 2025", None, REF)
    assert m.value == "2025-01-20" and m.extra["conflict"] == "weekday"


@pytest.mark.parametrize("text", ["المصدر: اليوم 24", "عفو ملكي يشمل 1526 سجيناً", "كأس العالم 2030",
                                  "في عام 2024 تراجعت الجريمة", "صلاة المغرب", "يمارس الضغط منذ مارس"])
def test_no_false_dates(text):
    assert values(text, "2025-01-01") == []
