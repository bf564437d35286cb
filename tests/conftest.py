"""Shared fixtures: paths to the seeds and test pages, a fresh Settings."""

from __future__ import annotations

import csv
import datetime as dt
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


def read_table(name: str) -> list[dict[str, str]]:
    """A tab-separated table of tests/data as dicts (one row per linguistic fact)."""
    with open(DATA / name, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture
def settings() -> Settings:
    return Settings(ref_date=REF)


requires_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
