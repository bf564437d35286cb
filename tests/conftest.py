"""Shared fixtures: paths to the seeds and test pages, a fresh Settings.

Tests that read ../shared (the spec's seeds, gold and scorer) fail when it is missing, with a
message saying so: a suite that skips them stays green while testing much less. MARSAD_NO_SHARED=1
says the absence is intended, and they skip; the evaluation gate (tests/test_eval_gate.py) fails
without ../shared even then.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
SCORER = SHARED / "gold" / "score.py"
PAGES = Path(__file__).parent / "pages"
DATA = Path(__file__).parent / "data"
REF = dt.date(2026, 11, 22)

NO_SHARED = os.environ.get("MARSAD_NO_SHARED", "") not in ("", "0")


def need_shared(*paths: Path, always: bool = False) -> None:
    """Fail the calling test when one of `paths` (inside ../shared) is missing; skip it instead under
    MARSAD_NO_SHARED=1, unless `always` (the evaluation gate, which has nothing to score without it)."""
    missing = ", ".join(str(p) for p in paths if not p.exists())
    if not missing:
        return
    if NO_SHARED and not always:
        pytest.skip(f"MARSAD_NO_SHARED=1 and {missing} not present")
    pytest.fail(f"{missing} missing: this test needs ../shared (the spec's seeds, gold and scorer) next to "
                "the clone" + ("" if always else "; set MARSAD_NO_SHARED=1 to skip such tests on purpose"),
                pytrace=False)


def article_events(text: str, url: str | None = None, outlet: str | None = None) -> list[dict]:
    """The events of one short article through the whole page path (`pipeline.process`), with the
    metadata a scraper gives (ref date 2026-12-02): how the grammar rows check a rule where it acts."""
    from marsad.model import Document
    from marsad.pipeline import process

    doc = Document("t", text=text, url=url, outlet=outlet)
    return [ev.to_dict() for ev in process(doc, Settings(ref_date=dt.date(2026, 12, 2))).events]


def sides(ev: dict) -> dict[str | None, tuple[str | None, str]]:
    """Each principal's country -> (name, role)."""
    return {p["country"]: (p["name"], p["role"]) for p in ev["participants"] if p["role"] != "attendee"}


def read_table(name: str) -> list[dict[str, str]]:
    """A tab-separated table of tests/data as dicts (one row per linguistic fact)."""
    with open(DATA / name, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture
def settings() -> Settings:
    return Settings(ref_date=REF)


# A test (or a pytest.param) marked so runs only with ../shared/seeds: it fails without them.
requires_seeds = pytest.mark.needs_shared(SEEDS)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_shared(*paths): the test reads these paths of ../shared; "
                                       "it fails when one is missing, unless MARSAD_NO_SHARED=1")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs_shared"):
        need_shared(*mark.args)


# Older tests skip by themselves when ../shared is missing (pytest.skip("../shared/seeds not present"),
# or a skipif whose reason names ../shared): their skip is turned into a failure too, unless
# MARSAD_NO_SHARED=1.

def _shared_skip(report: pytest.CollectReport | pytest.TestReport) -> str:
    """The reason of a skip that names ../shared, else "" (and always "" under MARSAD_NO_SHARED=1)."""
    if NO_SHARED or not report.skipped or hasattr(report, "wasxfail") or not isinstance(report.longrepr, tuple):
        return ""
    reason = str(report.longrepr[2])
    return reason if "../shared" in reason else ""


def _as_failure(report: pytest.CollectReport | pytest.TestReport, reason: str) -> None:
    report.outcome = "failed"
    report.longrepr = (f"skipped ({reason.removeprefix('Skipped: ')}), which is a failure: put ../shared (the spec's "
                       "seeds, gold and scorer) next to the clone, or set MARSAD_NO_SHARED=1 to skip such tests on purpose")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if reason := _shared_skip(report):
        _as_failure(report, reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if reason := _shared_skip(report):
        _as_failure(report, reason)
