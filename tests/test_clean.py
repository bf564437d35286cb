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
