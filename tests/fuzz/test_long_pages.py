"""Long pages in near-linear time (issue 14), with the answers of the scans they replace.

events.py finds once per segment or sentence what every trigger, event or person used to scan
for again (attendance words, mentions, guards, entities, places, paragraphs, dates). Each index
is checked here against the scan it replaces, written out as it was, on generated inputs; and
the issue's page (one sentence of hundreds of reception clauses) against the clock.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from marsad.extract import document, entities, sides
from marsad.extract.document import Analysis, Cuts
from marsad.extract.entities import Covered, Entity, _occurrences, _same_entity, _word_runs, link
from marsad.extract.events import extract_events
from marsad.extract.mentions import Person
from marsad.extract.sides import Mentions, _objects, _subject
from marsad.extract.triggers import Clause, _first_match_end, blocked
from marsad.extract.triggers import guard_pattern as _guard_pattern
from marsad.lexicons import lexicons
from marsad.model import Segment
from marsad.normalize import fold
from marsad.settings import Reach, Settings

REF = dt.date(2026, 11, 22)
SETTINGS = Settings(ref_date=REF)
TAIL = Reach().guard_tail
CUES = lexicons().cues
ATTENDING = re.compile("(?:" + "|".join(CUES.attending) + ")")  # the cut `Cuts` finds without a regex
NEGATED, RECALLED = CUES.negated, (CUES.recalled_near, CUES.recalled_far)
CLAUSE = "استقبل وزير الداخلية المغربي السفير الإسباني ، و"  # the repro: no full stop anywhere
FEW = settings(max_examples=300, deadline=None)


def _cpu(fn, *args, rounds: int = 3) -> float:
    """The least CPU time of `rounds` runs (the least is the run the machine's load disturbed least)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        fn(*args)
        best = min(best, time.process_time() - start)
    return best


def test_one_long_sentence_of_triggers_takes_near_linear_time() -> None:
    extract_events(Segment("w", 0, CLAUSE * 5), SETTINGS)
    small, large = (_cpu(extract_events, Segment("x", 0, CLAUSE * n), SETTINGS) for n in (400, 800))
    assert large < 1.5, f"800 clauses: {large:.2f} s (the cubic scan took ~17 s)"
    assert large <= 3.5 * max(small, 0.01), f"doubling the sentence: x{large / max(small, 0.01):.1f}"


NOUN_CLAUSES = ("عقد وزير الداخلية المغربي مع نظيره الإسباني جلسة مباحثات ، و", "لقاءات ثنائية مع وزراء الداخلية المغاربة ، و",
                "والتقى الوزيران ، و")  # the sides before a noun, a list of states, a dual subject


@pytest.mark.parametrize("clause", NOUN_CLAUSES)
def test_long_sentences_of_the_newer_structures_take_near_linear_time(clause: str) -> None:
    extract_events(Segment("w", 0, clause * 5), SETTINGS)  # each run ~0.1-0.3 s; the least of 7 on a loaded machine
    small, large = (_cpu(extract_events, Segment("x", 0, clause * n), SETTINGS, rounds=7) for n in (700, 1400))
    assert large <= 3.5 * max(small, 0.01), f"doubling the sentence: x{large / max(small, 0.01):.1f}"


# the scans that were replaced, as they were ------------------------------------------------------
def blocked_scan(before: str) -> bool:
    if _guard_pattern("planned").search(before[-60:]):
        return True
    tail = max(0, len(before) - TAIL)
    if NEGATED.search(before, tail) or _guard_pattern("negated").search(before[-40:]):
        return True
    return "كان" in before and (bool(RECALLED[0].search(before, tail)) or bool(RECALLED[1].search(before))) \
        or bool(_guard_pattern("background").search(before[-40:]))


def subject_scan(mentions, p0, p1, is_verb, protagonist, text):
    after = [m for m in mentions if m[0] >= p1]
    before = [m for m in mentions if m[1] <= p0]
    if is_verb and before:  # a subject right before its verb (only spaces between, or its apposition's comma)
        eid = before[-1][2]
        if re.fullmatch(r"\s*[،,]*\s*", text[max(y for _, y, e in mentions if e == eid and y <= p0):p0]):
            return eid
    x = after[0][0] if after else 0
    glued = text[x - 1:x] == "ب" and not text[x - 2:x - 1].isalpha()  # "التقى برئيس ...": the object
    if is_verb and after and len(text[p1:x].split()) <= 2 and not glued:
        if len({m[2] for m in after}) == 1 and not before and protagonist not in {None, after[0][2]}:
            return protagonist
        return after[0][2]
    if before:
        return before[-1][2]
    return protagonist


def objects_scan(a, mentions, p1, subject):
    ents = a.entities
    out: list[int] = []
    countries = {ents[subject].country}
    for start, _, eid in (m for m in mentions if m[1] > p1):
        ent = ents[eid]
        if ATTENDING.search(a.fold(p1, start)):
            break
        if eid == subject or eid in out or (ent.country and ent.country in countries):
            continue
        if not ent.country and (out or not ents[subject].country or not ent.name):
            continue
        out.append(eid)
        countries.add(ent.country)
    return out


def same_entity_scan(p, entities, words_of):
    return _same_entity(p, entities, words_of)


# generated inputs ---------------------------------------------------------------------------------
PIECES = ["استقبل", " ", "  ", "، ", ". ", "بحضور", "وبحضور", "رفقه", "حضره", "وحضر", "كان", "وكان", "قد",
          "لم", "لن", "سوف", "المقرر", "التقى", "الطرفان", "حموشي", "الحموشي", "بحموشي", "\u064e", "\n", "x", "_",
          "ال", "ا", "ل", "الال", "\n\n"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@FEW
@given(texts, st.data())
def test_the_clause_guards_answer_as_the_scan_of_the_text_before(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    clause = Clause(text, start, len(text))
    for end in range(start, len(text) + 1):
        assert blocked(clause, end, Reach()) == blocked_scan(text[start:end]), (text, start, end)


def test_the_guards_of_a_long_clause_see_the_character_before_their_tail() -> None:
    for pad in range(TAIL - 10, TAIL + 10):  # "بلم <a word of ~76 letters> ": a negation only when not glued
        for word in ("لم ", "لن ", "وكان الطرفان قد ", "لم " + "ت" * (pad - 10) + " "):
            text = "ب" * pad + word + "التقى " + "ب" * 5
            clause = Clause(text, 0, len(text))
            for end in range(len(text) + 1):
                assert blocked(clause, end, Reach()) == blocked_scan(text[:end]), (pad, word, end)


@FEW
@given(texts)
def test_the_first_end_of_a_recalled_meeting_is_where_a_search_first_matches(text: str) -> None:
    first = _first_match_end(RECALLED[1], text)
    for n in range(len(text) + 1):
        assert (n >= first) == bool(RECALLED[1].search(text[:n]))


@FEW
@given(texts)
def test_attendance_cuts_answer_as_a_search_of_each_span(text: str) -> None:
    cuts = Cuts(text)
    for i in range(len(text) + 1):
        after = cuts.after(i)
        for j in range(len(text) + 1):
            assert (j >= after) == bool(ATTENDING.search(text[i:j]))


@FEW
@given(texts.map(lambda t: fold(t).text), st.sampled_from(["حموشي", "الحموشي", "حضره", "الال", "xx_x", "لالا"]))
def test_listed_words_are_found_where_the_search_for_each_finds_them(text: str, word: str) -> None:
    for w in (word, "ال" + word, "الال", "لال", "الالال"):
        assert _word_runs(text).get(w, []) == list(_occurrences(text, w)), (text, w)


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12)


@FEW
@given(spans, spans, st.lists(st.integers(-2, 62), max_size=20))
def test_covered_spans_answer_as_a_scan_of_every_span(first, added, queries) -> None:
    covered, every = Covered(iter(first)), list(first)
    for a, b in added:
        covered.add(a, b)
        every.append((a, b))
        for q in queries:
            assert covered.holds(q) == any(x <= q < y for x, y in every)


@st.composite
def mentions_case(draw):
    text = draw(texts.filter(lambda t: len(t) > 2))
    n = draw(st.integers(1, 6))
    entities = [Entity(i, draw(st.sampled_from([None, "أ", "ب ج"])), None, draw(st.sampled_from([None, "", "MAR", "ESP", "TUN"])))
                for i in range(n)]
    # a mention is never empty and never starts on a diacritic (it starts at a letter of its first word)
    pos = st.integers(0, len(text) - 1).filter(lambda x: not unicodedata.combining(text[x]))
    items = sorted({(x, x + draw(st.integers(1, 8)), draw(st.integers(0, n - 1))) for x in draw(st.lists(pos, max_size=10))})
    items = [(x, min(y, len(text)), e) for x, y, e in items]
    return text, entities, sorted(items)


@FEW
@given(mentions_case(), st.data())
def test_subject_and_objects_answer_as_the_scans_of_every_mention(case, data: st.DataObject) -> None:
    text, entities, items = case
    a = Analysis(Segment("t", 0, text), entities, [], [], [], fold(text))
    mentions = Mentions(a, items)
    for _ in range(10):
        p0 = data.draw(st.integers(0, len(text)))
        p1 = data.draw(st.integers(p0, len(text)))
        is_verb = data.draw(st.booleans())
        protagonist = data.draw(st.sampled_from([None, 0, len(entities) - 1]))
        assert _subject(mentions, p0, p1, is_verb, protagonist, text, False, Reach().mention_chars) == subject_scan(items, p0, p1, is_verb, protagonist, text)
        subject = data.draw(st.integers(0, len(entities) - 1))
        assert _objects(a, mentions, p1, subject) == objects_scan(a, items, p1, subject)


NAMES = ["محمد علي", "علي", "محمد", "عبد اللطيف حموشي", "حموشي", "اللطيف", "سعد بن فيصل", "فيصل", "ب ت ث ج ح خ د ذ ر ز"]
TITLES = [None, "وزير الداخلية", "وزير", "السفير", "السفير الإسباني", "المدير العام للأمن الوطني", "المدير"]


@st.composite
def people(draw) -> list[Person]:
    out = []
    for k in range(draw(st.integers(0, 40))):
        name = draw(st.sampled_from([None, None, *NAMES]))
        out.append(Person(name, draw(st.sampled_from(TITLES)), draw(st.sampled_from([None, "MAR", "ESP"])), 10 * k, 10 * k + 5))
    return out


@FEW
@given(people())
def test_linking_through_the_entity_index_equals_the_scan_of_every_entity(persons: list[Person]) -> None:
    text = " ".join(["x" * 9] * (len(persons) + 1)) + " حموشي علي"
    found = []
    for index_at, runs_from in ((10**9, 10**9), (-1, -1), (3, 2)):
        entities.INDEX_AT, entities.RUNS_FROM = index_at, runs_from
        try:
            copies = [Person(p.name, p.title, p.country, p.start, p.end) for p in persons]
            ents = link(copies, text)
            found.append(([(e.name, e.title, e.country, e.spans) for e in ents], [p.entity for p in copies]))
        finally:
            entities.INDEX_AT, entities.RUNS_FROM = 24, 200
    assert found[0] == found[1] == found[2]


class DatesScan(Analysis):
    """`read_dates` and `dates_within` as they were: the stored spans scanned in order."""

    def read_dates(self, spans):
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(spans):
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        found = document.find_dates(self.segment.text, self.segment.published, self.settings.ref_date, self._folded, merged)
        for span in merged:
            self._dates[span] = [d for d in found if span[0] <= d.start < span[1]]

    def dates_within(self, span):
        if span not in self._dates:
            known = self._dates.get(None)
            if known is None and span is not None:
                known = next((ds for (lo, hi), ds in ((k, v) for k, v in self._dates.items() if k)
                              if lo <= span[0] and span[1] <= hi), None)
            self._dates[span] = document.find_dates(self.segment.text, self.segment.published, self.settings.ref_date, self._folded,
                                              None if span is None else [span]) if known is None \
                else [d for d in known if span[0] <= d.start < span[1]]
        return self._dates[span]


span = st.tuples(st.integers(0, 80), st.integers(0, 80)).map(sorted).map(tuple)
steps = st.lists(st.one_of(st.tuples(st.just("read"), st.lists(span, min_size=1, max_size=4)),
                           st.tuples(st.just("ask"), span), st.just(("ask", None))), max_size=12)


@FEW
@given(steps)
@example([("read", [(26, 70)]), ("read", [(56, 62)]), ("ask", (57, 61))])  # two holders, two answers: the first
@example([("read", [(56, 62)]), ("read", [(26, 70)]), ("ask", (57, 61))])
@example([("ask", (57, 61)), ("read", [(26, 70)]), ("read", [(57, 61)]), ("ask", (58, 60))])  # stored again: first place kept
def test_dates_of_a_span_come_from_the_first_stored_span_that_holds_it(ops) -> None:
    text = "استقبل يوم 20 يناير 2025 ثم في 3 مارس 2025 وبعدها من 9 إلى 11 أبريل 2025 السفير في 1 مايو."
    seg = Segment("t", 0, text, published="2025-12-01")
    a, b = (cls(seg, [], [], [], [], fold(text), SETTINGS) for cls in (Analysis, DatesScan))
    for op, arg in ops:
        if op == "read":
            a.read_dates(arg)
            b.read_dates(arg)
        else:
            assert [(d.start, d.end, d.value) for d in a.dates_within(arg)] == \
                [(d.start, d.end, d.value) for d in b.dates_within(arg)]


@FEW
@given(st.lists(st.sampled_from(["x", "ab", "", " ", "\n"]), max_size=12), st.lists(st.integers(-1, 40), max_size=10))
def test_the_paragraph_of_an_offset_is_the_first_that_holds_it(parts, offsets) -> None:
    text = "\n\n".join(parts)
    a = Analysis(Segment("t", 0, text), [], [], [], Segment("t", 0, text).paragraphs(), fold(text))
    for at in offsets:
        assert document.paragraph_of(a, at) == next((k for k, (x, y) in enumerate(a.paragraphs) if x <= at < y), 0)


def test_the_compiled_patterns_of_the_guards_are_unchanged() -> None:
    assert ATTENDING.pattern == "(?:بحضور|وبحضور|في حضور|رفقه|برفقه|بمعيه|بمشاركه|وحضر|حضره)"
    assert re.compile(r"\s*\S+\s+\S+\s+\S").pattern == sides.THREE_WORDS.pattern
