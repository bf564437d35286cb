"""Topic cues (data/topics.yaml, spec §4): one table row per linguistic fact (tests/data/topics.tsv).

Each row is a sentence written for this table and the exact set of topics it states (empty: a
phrase that looks like a cue and is not one). Rows are read by the topics module and, after an
engagement sentence, by the event extractor, so the cues are checked where they are used.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import read_table

from marsad.extract.events import extract_events
from marsad.extract.topics import find_topics
from marsad.lexicons import leads, lexicons
from marsad.model import Segment
from marsad.normalize import fold
from marsad.settings import Settings

ROWS = read_table("topics.tsv")
REF = dt.date(2026, 11, 22)
LEDE = ("استقبل وزير الداخلية التونسي، يوم الخميس 5 مارس 2026 بتونس العاصمة، "
        "سفير المملكة الإسبانية لدى الجمهورية التونسية")
NO_LEAD = {r'[«"“”]\s*القاعده'}  # a quotation mark before القاعدة: no literal to start from


def expected(row: dict[str, str]) -> set[str]:
    return {t for t in row["topics"].split(",") if t}


def test_table_covers_every_topic_with_positives_and_negatives() -> None:
    topics = set(lexicons().topics.compiled)
    assert {t for row in ROWS for t in expected(row)} == topics
    assert sum(1 for row in ROWS if not expected(row)) >= 20
    assert len(ROWS) >= 200


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["note"][:40])
def test_row_gives_exactly_its_topics(row: dict[str, str]) -> None:
    assert find_topics(row["text"]) == expected(row), row["text"]


def test_the_lede_alone_has_no_topic() -> None:
    events = extract_events(Segment(doc="lede.txt", index=0, text=LEDE), Settings(ref_date=REF))
    assert len(events) == 1 and events[0].topics == []


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["note"][:40])
def test_row_after_an_engagement_gives_the_event_its_topics(row: dict[str, str]) -> None:
    events = extract_events(Segment(doc="row.txt", index=0, text=f"{LEDE}.\n\n{row['text']}"), Settings(ref_date=REF))
    assert len(events) == 1
    assert set(events[0].topics) == expected(row), row["text"]


def test_every_cue_has_a_row() -> None:
    """A cue no row matches is untested language: write a sentence for it."""
    folded = [(expected(row), fold(row["text"]).text) for row in ROWS]
    missing = [f"{topic}: {cue.pattern}" for topic, cues in lexicons().topics.compiled.items() for cue in cues
               if not any(topic in topics and cue.search(text) for topics, text in folded)]
    assert not missing, missing


def test_cues_start_with_a_literal() -> None:
    """Topics are on the hot path: a cue is tried only where its leading literal is written."""
    slow = [cue.pattern for cues in lexicons().topics.compiled.values() for cue in cues
            if leads(cue.pattern) is None and cue.pattern not in NO_LEAD]
    assert not slow, slow
