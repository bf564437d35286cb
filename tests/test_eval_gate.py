"""The evaluation gate of eval/: scores may not fall below the floors pinned in baseline.json.

Without ../shared (the scorer, the seeds and their gold) every test here fails, MARSAD_NO_SHARED=1
or not: a gate that skips lets any change through."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import GOLD, PAGES, ROOT, SCORER, SEEDS, need_shared

sys.path.insert(0, str(ROOT / "eval"))
import gate  # noqa: E402

FLOORS = json.loads((ROOT / "eval" / "baseline.json").read_text())


@pytest.fixture(autouse=True)
def shared() -> None:
    need_shared(SCORER, GOLD, SEEDS, always=True)


def test_seed_scores_meet_the_floors():
    assert gate.check("seeds", gate.score(GOLD, SEEDS), FLOORS["seeds"]) == []


def test_own_event_pages_meet_the_floors():
    result = gate.score(PAGES / "events" / "gold.json", PAGES / "events")
    assert gate.check("own_pages", result, FLOORS["own_pages"]) == []


def test_second_author_pages_meet_the_floors():
    result = gate.score(PAGES / "heldout" / "gold.json", PAGES / "heldout")
    assert gate.check("heldout_pages", result, FLOORS["heldout_pages"]) == []


def test_third_author_pages_meet_the_floors():
    result = gate.score(PAGES / "unseen" / "gold.json", PAGES / "unseen")
    assert gate.check("unseen_pages", result, FLOORS["unseen_pages"]) == []


def test_structure_pages_meet_the_floors():
    """tests/pages/structures: own pages modelled on the real press's structures (series, noun
    triggers, passive roles, home states from the outlet ...), gated at their first score."""
    result = gate.score(PAGES / "structures" / "gold.json", PAGES / "structures")
    assert gate.check("structures_pages", result, FLOORS["structures_pages"]) == []


def test_seed_pakistan_reception_is_fused_with_its_date():
    out = subprocess.run([sys.executable, "-m", "marsad", "extract", str(SEEDS), "--ref-date", "2026-11-22"],
                         capture_output=True, text=True, check=True).stdout
    events = [json.loads(line) for line in out.splitlines()]
    (pak,) = [e for e in events if {p["country"] for p in e["participants"]} == {"MAR", "PAK"}]
    assert pak["date"] == "2025-01-20" and {s["doc"][:3] for s in pak["sources"]} == {"000", "001"}
    assert not any(s["doc"].startswith("000") and "طرابلس" in s["evidence"] for e in events for s in e["sources"])


def test_the_gate_fails_without_shared(monkeypatch: pytest.MonkeyPatch, tmp_path, capsys) -> None:
    """`python eval/gate.py` with ../shared gone: exit status 2 and a message naming what is missing."""
    monkeypatch.setattr(gate, "NEEDED", tuple(tmp_path / "shared" / p.name for p in gate.NEEDED))
    assert gate.main() == 2
    assert "needs ../shared" in capsys.readouterr().err
    with pytest.raises(gate.SharedMissing, match="missing"):
        gate.score(PAGES / "events" / "gold.json", PAGES / "events")
