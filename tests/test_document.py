"""The document object of extraction (extract/document.py): one kind of span leaves it.

Its methods take and give offsets into the segment's text as written; the folded text and the
gazetteer hits in folded offsets are private to it. The sentence below is written with tatweel and
diacritics, so that a folded offset passed for an original one (or the reverse) gives another answer.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from marsad.extract.document import Analysis, analyse
from marsad.lexicons import lexicons
from marsad.model import Segment
from marsad.normalize import fold
from marsad.settings import Settings

SRC = Path(__file__).resolve().parents[1] / "src" / "marsad"
PRIVATE = {"_folded", "_hits", "_place_hits", "_agency_hits", "_trigger_starts"}

TEXT = ("الرباط - استقبـــلَ وزيرُ الداخلية المغربي عبد الوافي لفتيت، بحضور والي الجهة، نظيرَه الإسباني "
        "فرناندو غراندي مارلاسكا. كما التقى مديرَ الأمن الوطني. ومن المقرر أن يلتقي الوزيرُ نظيرَه الفرنسي غدا.")


@pytest.fixture(scope="module")
def doc() -> Analysis:
    return analyse(Segment("t", 0, TEXT), Settings())


def test_no_module_reads_the_folded_state_of_the_document_object() -> None:
    readers = sorted(f"{path.relative_to(SRC)}:{node.lineno} .{node.attr}"
                     for path in SRC.rglob("*.py") if path.name != "document.py"
                     for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(node, ast.Attribute) and node.attr in PRIVATE)
    assert readers == []


def test_the_fields_in_folded_offsets_are_private() -> None:
    folded = [f.name for f in dataclasses.fields(Analysis)
              if "Folded" in str(f.type) or "hits" in f.name or "trigger" in f.name]
    assert folded and all(name.startswith("_") for name in folded), folded


def test_a_trigger_is_given_as_written_marks_and_all(doc: Analysis) -> None:
    first = doc.sentences[0]
    [(p0, p1, form, after, guarded)] = doc.triggers_in(first)
    assert TEXT[p0:p1] == "استقبـــلَ"  # the tatweel inside, the final fatha taken along
    assert form == fold(TEXT[p0:p1]).text == "استقبل"
    assert doc.folded_length(p0, p1) == len(form) < p1 - p0
    assert after == doc.fold_after(p1, doc.reach.future_after, first[1]) and after.startswith(" وزير الداخليه")
    assert not guarded


def test_every_trigger_of_a_sentence_and_no_other(doc: Analysis) -> None:
    found = [[TEXT[x.start:x.end] for x in doc.triggers_in(s)] for s in doc.sentences]
    assert found == [["استقبـــلَ"], ["التقى"], ["يلتقي"]]


def test_a_planned_meeting_is_blocked_and_a_told_one_is_not(doc: Analysis) -> None:
    verdicts = [x.blocked for s in doc.sentences for x in doc.triggers_in(s)]
    assert verdicts == [False, False, True]  # "ومن المقرر أن يلتقي"


def test_a_cue_before_a_trigger_is_looked_for_in_folded_characters_from_an_original_offset(doc: Analysis) -> None:
    series, reach = lexicons().cues.series, doc.reach.series_before
    p0 = doc.triggers_in(doc.sentences[0])[0].start
    q0 = doc.triggers_in(doc.sentences[1])[0].start
    assert not doc.search_before(series, p0, reach)
    assert doc.search_before(series, q0, reach, floor=doc.sentences[1][0])  # "كما التقى"
    assert not doc.search_before(series, q0, reach, floor=q0)  # not before the floor


def test_the_attending_word_ends_where_it_is_written(doc: Analysis) -> None:
    p1 = doc.triggers_in(doc.sentences[0])[0].end
    assert TEXT[:doc.attending_after(p1)].endswith("بحضور")
    q1 = doc.triggers_in(doc.sentences[1])[0].end
    assert doc.attending_after(q1) == float("inf")


def test_folded_windows_around_an_offset(doc: Analysis) -> None:
    p0, p1, *_ = doc.triggers_in(doc.sentences[0])[0]
    assert doc.fold_after(p1, 6, len(TEXT)) == " وزير "  # the damma dropped, six folded characters
    assert doc.fold_after(p1, 80, p1 + 5) == fold(TEXT[p1:p1 + 5]).text  # not past the end given
    assert doc.fold_before(p0, 9) == "الرباط - "
    assert doc.fold(p0, p1) == "استقبل"


def test_place_hits_are_spans_of_the_text_as_written(doc: Analysis) -> None:
    hits = list(doc.place_hits())
    assert [TEXT[x:y] for x, y, _ in hits] == ["الرباط", "المغربي", "الإسباني", "الفرنسي"]
    assert [entries[0].key for _, _, entries in hits] == ["Rabat", "MAR", "ESP", "FRA"]
    p1 = doc.triggers_in(doc.sentences[0])[0].end
    s, t = doc.sentences[0]
    assert [TEXT[x:y] for x, y, _ in doc.place_hits(p1, t)] == ["المغربي", "الإسباني"]
    assert [TEXT[x:y] for x, y, _ in doc.place_hits(p1)][:1] == ["المغربي"]
    assert list(doc.place_hits(t, t)) == []


def test_gazetteer_mentions_agree_with_the_place_hits(doc: Analysis) -> None:
    assert [(x, y, e) for x, y, e in doc.gazetteer_mentions("place")] == \
        [(x, y, entries[0]) for x, y, entries in doc.place_hits()]


def test_a_search_over_a_span_reads_its_folded_text(doc: Analysis) -> None:
    series = lexicons().cues.series  # "كما" ending just before the verb
    s, t = doc.sentences[1]
    q0 = doc.triggers_in((s, t))[0].start
    assert doc.search(series, s, q0)
    assert not doc.search(series, q0, t)
