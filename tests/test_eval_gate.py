"""The evaluation gate of eval/: scores may not fall below the floors pinned in baseline.json."""

from __future__ import annotations

import json
import sys

import pytest
from conftest import GOLD, PAGES, ROOT, SCORER, SEEDS

sys.path.insert(0, str(ROOT / "eval"))
import gate  # noqa: E402

FLOORS = json.loads((ROOT / "eval" / "baseline.json").read_text())


@pytest.mark.skipif(not (SEEDS.is_dir() and SCORER.exists()), reason="../shared not present")
def test_seed_scores_meet_the_floors():
    assert gate.check("seeds", gate.score(GOLD, SEEDS), FLOORS["seeds"]) == []


@pytest.mark.skipif(not SCORER.exists(), reason="../shared not present")
def test_own_event_pages_meet_the_floors():
    result = gate.score(PAGES / "events" / "gold.json", PAGES / "events")
    assert gate.check("own_pages", result, FLOORS["own_pages"]) == []


@pytest.mark.skipif(not SCORER.exists(), reason="../shared not present")
def test_second_author_pages_meet_the_floors():
    result = gate.score(PAGES / "heldout" / "gold.json", PAGES / "heldout")
    assert gate.check("heldout_pages", result, FLOORS["heldout_pages"]) == []


@pytest.mark.skipif(not SCORER.exists(), reason="../shared not present")
def test_third_author_pages_meet_the_floors():
    result = gate.score(PAGES / "unseen" / "gold.json", PAGES / "unseen")
    assert gate.check("unseen_pages", result, FLOORS["unseen_pages"]) == []


@pytest.mark.skipif(not (SEEDS.is_dir() and SCORER.exists()), reason="../shared not present")
def test_seed_pakistan_reception_is_fused_with_its_date():
    import subprocess

    out = subprocess.run([sys.executable, "-m", "marsad", "extract", str(SEEDS), "--ref-date", "2026-11-22"],
                         capture_output=True, text=True, check=True).stdout
    events = [json.loads(line) for line in out.splitlines()]
    (pak,) = [e for e in events if {p["country"] for p in e["participants"]} == {"MAR", "PAK"}]
    assert pak["date"] == "2025-01-20" and {s["doc"][:3] for s in pak["sources"]} == {"000", "001"}
    assert not any(s["doc"].startswith("000") and "طرابلس" in s["evidence"] for e in events for s in e["sources"])
