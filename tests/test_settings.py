"""Every threshold of extraction and cleaning is a field of `Settings` (issue 16): the stages read
it from there, so changing the field changes what they find, and no rule module keeps a number
of its own."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from marsad.extract.dates import find_dates
from marsad.extract.events import extract_events
from marsad.model import Segment
from marsad.settings import Reach, Settings

REF = dt.date(2026, 11, 22)
SRC = Path(__file__).resolve().parent.parent / "src" / "marsad"
# Switch points of an algorithm, not thresholds: the output is the same on either side of them
# (tests/fuzz/test_long_pages.py runs both sides and compares).
ALGORITHMIC = {"INDEX_AT", "SUBSETS_UP_TO", "RUNS_FROM"}


def states(text: str, **reach: int) -> list[list[str | None]]:
    settings = Settings(ref_date=REF, reach=Reach(**reach))
    return [[p.country for p in ev.participants] for ev in extract_events(Segment("t.txt", 0, text), settings)]


def test_the_plan_guard_reads_as_far_as_its_reach() -> None:
    text = "ومن المقرر أن يستقبل وزير الداخلية المغربي خالد الناصري نظيره الإسباني فرناندو مارين في الرباط."
    assert states(text) == []  # a planned reception is no event
    assert states(text, planned_before=0) == [["MAR", "ESP"]]  # a guard that reads nothing lets it through


def test_the_first_placeable_year_is_a_setting() -> None:
    text = "في 12 مارس 1950"
    assert [m.value for m in find_dates(text, None, REF)] == ["1950-03-12"]
    assert [m.value for m in find_dates(text, None, REF, reach=Reach(first_year=1960))] == [None]


def test_a_relative_day_counts_from_a_date_within_its_reach() -> None:
    text = "وصل الوزير يوم 3 مارس 2025 إلى العاصمة، وفي اليوم التالي التقى نظيره."
    (_, shift) = [m for m in find_dates(text, None, REF) if m.value]
    assert shift.value == "2025-03-04"
    assert [m.value for m in find_dates(text, None, REF, reach=Reach(shift_anchor=5))][1:] == [None]


@pytest.mark.parametrize("path", sorted([*(SRC / "extract").glob("*.py"), *(SRC / "clean").glob("*.py"), SRC / "fuse.py"]),
                         ids=lambda p: p.name)
def test_no_rule_module_keeps_a_threshold_of_its_own(path: Path) -> None:
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        for target in targets:
            if isinstance(target, ast.Name) and isinstance(value, ast.Constant) \
                    and type(value.value) in (int, float) and target.id not in ALGORITHMIC:
                found.append(f"{path.name}:{node.lineno} {target.id} = {value.value}")
    assert not found, "thresholds belong in Settings: " + ", ".join(found)
