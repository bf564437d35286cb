"""Linking people mentions into entities (extract/entities.py): one entity per person, whatever
the mentions call him. One test per linguistic fact, each a short text written for it; each runs
the real people grammar, then `link`, and, for the same mentions, the `EntityIndex` that long
pages use instead of the scan."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from marsad.extract.document import analyse
from marsad.extract.entities import Entity, EntityIndex, link
from marsad.extract.people import PeopleFinder
from marsad.model import Segment
from marsad.settings import Settings


def entities_of(text: str) -> list[Entity]:
    return link(PeopleFinder().find(text), text)


def names_by_title_start(text: str) -> dict[str, str | None]:
    """{the first word of each entity's title: its name}."""
    return {e.title.split()[0]: e.name for e in entities_of(text) if e.title}


@pytest.mark.parametrize("text, title_word, name", [
    pytest.param("بحث وكيل وزارة الداخلية لشؤون الشرطة، اليوم في بغداد، مع السفير الفرنسي لدى العراق سبل "
                 "التعاون. وقال الوكيل، الفريق ركن سعد الجبوري، إن اللقاء كان مثمرا.", "وكيل", "سعد الجبوري",
                 id="a-name-given-with-the-bare-head-names-the-earlier-official"),
    pytest.param("أجرى نائب رئيس الوزراء وزير الخارجية خالد سليم العموري اتصالات هاتفية. وبحث الوزير العموري مع "
                 "نظيره القطري تطورات المنطقة.", "نائب", "خالد سليم العموري",
                 id="the-bare-head-and-a-surname-is-a-short-reference"),
])
def test_a_later_mention_joins_the_earlier_official(text: str, title_word: str, name: str) -> None:
    entities = entities_of(text)
    assert names_by_title_start(text)[title_word] == name
    assert not any(e.name is None and (e.title or "").startswith(("الوكيل", "الوزير")) for e in entities)


def test_a_bare_head_with_a_name_stays_apart_when_two_officials_could_be_meant():
    """Two nameless undersecretaries before "وقال الوكيل، X": X is not given to either."""
    text = ("التقى وكيل وزارة الداخلية لشؤون الشرطة، اليوم، السفير الفرنسي. كما التقى وكيل وزارة الخارجية "
            "للشؤون القنصلية السفير الإيطالي. وقال الوكيل، الفريق ركن سعد الجبوري، إن اللقاءين كانا مثمرين.")
    named = [e for e in entities_of(text) if e.name == "سعد الجبوري"]
    assert [e.title for e in named] == ["الوكيل"]


@pytest.mark.parametrize("text", [
    "بحث وكيل وزارة الداخلية لشؤون الشرطة، اليوم في بغداد، مع السفير الفرنسي لدى العراق سبل التعاون. وقال "
    "الوكيل، الفريق ركن سعد الجبوري، إن اللقاء كان مثمرا.",
    "أجرى نائب رئيس الوزراء وزير الخارجية خالد سليم العموري اتصالات هاتفية. وبحث الوزير العموري مع نظيره "
    "القطري تطورات المنطقة.",
])
def test_the_index_of_long_pages_links_as_the_scan_does(text: str) -> None:
    people = PeopleFinder().find(text)
    k = next(i for i, p in enumerate(people) if (p.title or "").startswith(("الوكيل", "الوزير")))
    before, later = copy.deepcopy(people[:k]), people[k]
    by_index = EntityIndex(link(before, text), {}).same(copy.deepcopy(later))
    link(people, text)
    assert by_index is not None and by_index.id == later.entity


def test_two_names_sharing_their_words_are_two_people_of_two_states():
    """"الفريق أحمد محمد ... النيجرية" and "الفريق محمد ولد الشيخ محمد أحمد ... الموريتانية": the words of
    one name are among the other's, but one person has one state: two people."""
    text = ("واجتمع الرئيس بالفريق أحمد محمد القائد العام للقوات المسلحة النيجرية، بحضور الفريق محمد ولد الشيخ "
            "محمد أحمد قائد الأركان العامة للجيوش الموريتانية.")
    a = analyse(Segment(doc="t", index=0, text=text), Settings(ref_date=dt.date(2026, 12, 2)))
    assert {(e.name, e.country) for e in a.entities if e.name} == {("أحمد محمد", "NER"), ("محمد ولد الشيخ محمد أحمد", "MRT")}
