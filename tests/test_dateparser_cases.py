"""dateparser's own Arabic test cases (tests/data/dateparser_ar.tsv, BSD 3-Clause, see its header).

marsad must never give a wrong date on them (no value is allowed: a duration in hours is not a day),
and must be right at least as often as dateparser as a user runs it on text: `dateparser.parse`
(languages=["ar"], the row's RELATIVE_BASE), `search_dates` for running text. Through each test's
own API (HijriCalendar for the Hijri rows) dateparser is right on all 30: they are its tests.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from conftest import DATA, REF

from marsad.extract.dates import find_dates

MARSAD_RIGHT_FLOOR = 25  # of the 30 rows with a date; dateparser.parse: 23 (see test_at_least_as_often_as_dateparser)


def _rows() -> list[dict[str, str]]:
    with open(DATA / "dateparser_ar.tsv", encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()
DATED = [r for r in ROWS if r["expected"].strip()]


def expected(row: dict[str, str]) -> list[str]:
    return [v.strip() for v in row["expected"].split("|") if v.strip()]


def base(row: dict[str, str]) -> dt.datetime | None:
    return dt.datetime.fromisoformat(row["relative_base"]) if row["relative_base"] else None


def marsad(row: dict[str, str]) -> list[str]:
    """marsad's values: the relative base is the publication date (and the reference date)."""
    now = base(row)
    mentions = find_dates(row["text"], now.date() if now else None, now.date() if now else REF)
    return [m.value for m in mentions if m.value]


def dateparser_values(row: dict[str, str], own_api: bool = False) -> list[str]:
    """dateparser's dates for a row: by `parse` (search_dates for running text), or through the API
    its test uses (`own_api`: HijriCalendar for the Hijri rows, whose calendar a user would not know)."""
    import dateparser
    from dateparser.calendars.hijri import HijriCalendar
    from dateparser.conf import settings as global_settings
    from dateparser.search import search_dates

    now = base(row)
    settings = {"RELATIVE_BASE": now} if now else {}
    if row["api"] == "search":
        found = search_dates(row["text"], languages=["ar"], settings=settings) or []
        return [d.date().isoformat() for _, d in found]
    if row["api"] == "hijri" and own_api:
        global_settings.DATE_ORDER = "DMY"  # as tests/test_hijri.py does
        try:
            data = HijriCalendar(row["text"]).get_date()
        finally:
            global_settings.DATE_ORDER = "MDY"
        return [data["date_obj"].date().isoformat()] if data and data["date_obj"] else []
    found = dateparser.parse(row["text"], languages=["ar"], settings=settings)
    return [found.date().isoformat()] if found else []


def test_table_has_the_rows_with_a_date():
    assert len(DATED) == 30 and len(ROWS) - len(DATED) == 3


@pytest.mark.parametrize("row", ROWS, ids=[f"{i:02d}" for i in range(len(ROWS))])
def test_marsad_is_never_wrong(row):
    got, want = marsad(row), expected(row)
    assert all(v in want for v in got), f"{row['source']}: {row['text']!r} gave {got}, expected {want or 'no date'}"


def test_marsad_right_count():
    right = [r["text"] for r in DATED if marsad(r) == expected(r)]
    assert len(right) >= MARSAD_RIGHT_FLOOR, f"marsad right on {len(right)} of {len(DATED)}"


def test_at_least_as_often_as_dateparser():
    pytest.importorskip("dateparser")
    ours = sum(marsad(r) == expected(r) for r in DATED)
    theirs = sum(dateparser_values(r) == expected(r) for r in DATED)
    own = sum(dateparser_values(r, own_api=True) == expected(r) for r in DATED)
    assert ours >= theirs, f"marsad {ours}, dateparser {theirs} (through its tests' APIs: {own}) of {len(DATED)}"
