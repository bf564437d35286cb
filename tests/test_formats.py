"""One article in every input format (spec §1) gives the same events: a text dump with page
chrome, HTML with and without date markup, a JSON Lines record with text or with html; and the
seed pages wrapped as minimal HTML give the events of the text files."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

TITLE = "الأردن وإيطاليا تبحثان تعزيز التعاون في مكافحة الهجرة غير الشرعية"
DATELINE = "عمّان - الأربعاء 15 تشرين الأول 2025"
PARAGRAPHS = [
    "استقبل وزير الداخلية الأردني سامي الحديد، يوم الأربعاء 15 تشرين الأول 2025 في مكتبه بعمّان، السفير الإيطالي "
    "لدى المملكة ماركو فيراري، وبحث معه سبل تعزيز التعاون الأمني بين البلدين.",
    "وتناول اللقاء التنسيق في مكافحة الهجرة غير الشرعية والاتجار بالبشر، وتبادل المعلومات حول شبكات التهريب "
    "الناشطة في المنطقة.",
    "من جانبه، أشاد السفير الإيطالي بالدور الذي تقوم به الأجهزة الأمنية الأردنية في حفظ الاستقرار، معربا عن تطلع "
    "بلاده إلى توسيع برامج التدريب المشتركة.",
    "حضر اللقاء أمين عام وزارة الداخلية ومدير الشؤون السياسية",
]
MENU = ["الرئيسية", "محليات", "عربي ودولي", "اقتصاد", "رياضة"]
FOOTER = ["شارك الخبر", "اقرأ أيضا", "ارتفاع أسعار المحروقات مطلع الشهر المقبل", "جميع الحقوق محفوظة © 2025"]


def _text_page() -> str:
    return "\n".join(MENU + ["", TITLE, DATELINE, ""] + [p + "\n" for p in PARAGRAPHS] + FOOTER) + "\n"


def _html_page(date_markup: bool) -> str:
    meta = '<meta property="article:published_time" content="2025-10-15T09:30:00+03:00">' if date_markup else ""
    nav = "".join(f'<li><a href="/{i}">{m}</a></li>' for i, m in enumerate(MENU))
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in PARAGRAPHS)
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{TITLE}</title>{meta}</head>'
            f"<body><nav><ul>{nav}</ul></nav><article><h1>{TITLE}</h1><p>{DATELINE}</p>\n{body}</article>"
            f"<footer><p>{FOOTER[-1]}</p></footer></body></html>")


def _record(key: str, value: str) -> str:
    return json.dumps({"id": "record", "url": "https://example.org/news/1", "title": TITLE, key: value},
                      ensure_ascii=False) + "\n"


FORMATS = {
    "page.txt": _text_page,
    "page.html": lambda: _html_page(date_markup=False),
    "dated.html": lambda: _html_page(date_markup=True),
    "record.jsonl": lambda: _record("text", "\n\n".join(PARAGRAPHS)),
    "html_record.jsonl": lambda: _record("html", _html_page(date_markup=True)),
}


def extract(path: Path) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "marsad", "extract", str(path), "--ref-date", "2026-11-22"],
                         capture_output=True, text=True, timeout=300, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def comparable(events: list[dict]) -> list[str]:
    """Events without what names the input (ids are made from the document names)."""
    out = []
    for ev in events:
        ev = {k: v for k, v in ev.items() if k != "id"}
        ev["sources"] = [{k: v for k, v in s.items() if k not in {"doc", "duplicate_of"}} for s in ev["sources"]]
        out.append(json.dumps(ev, ensure_ascii=False, sort_keys=True))
    return sorted(out)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_the_same_article_gives_the_same_event_in_every_format(tmp_path, name):
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "page.txt").write_text(_text_page(), encoding="utf-8")
    (tmp_path / name).write_text(FORMATS[name](), encoding="utf-8")
    expected = extract(reference / "page.txt")
    (event,) = expected
    assert event["date"] == "2025-10-15" and event["kind"] == "meeting"
    assert {(p["role"], p["country"]) for p in event["participants"]} >= {("host", "JOR"), ("guest", "ITA")}
    assert comparable(extract(tmp_path / name)) == comparable(expected)


def _seeds() -> list[Path]:
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SEEDS} is missing: CI must have the shared seeds")
        pytest.skip("../shared/seeds not present")
    return sorted(SEEDS.glob("*.txt"))


def test_the_seeds_as_minimal_html_give_the_events_of_the_text_files(tmp_path):
    """Each seed line becomes a <p>, with no date markup: the cleaning of HTML keeps every event."""
    for seed in _seeds():
        lines = [line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
        page = "<html><head><meta charset='utf-8'></head><body>\n" + \
            "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in lines) + "</body></html>\n"
        (tmp_path / f"{seed.stem}.html").write_text(page, encoding="utf-8")
    from_text, from_html = extract(SEEDS), extract(tmp_path)
    assert len(from_text) == 6
    assert comparable(from_html) == comparable(from_text)
