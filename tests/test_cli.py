"""The command group through real processes: help, version, docs that cannot drift, extract."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS, requires_seeds

from marsad.cli import main


def marsad(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=300)


def test_version_and_help():
    assert marsad("--version").stdout.startswith("marsad, version")
    assert "extract" in marsad("--help").stdout


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example_and_is_documented(command):
    res = marsad(command, "--help")
    assert res.returncode == 0 and "Example:" in res.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8") + (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"marsad {command}" in readme


@requires_seeds
def test_extract_on_the_seeds_is_stable_and_evidence_is_verbatim():
    first = marsad("extract", str(SEEDS), "--ref-date", "2026-11-22")
    again = marsad("extract", str(SEEDS), "--ref-date", "2026-11-22")
    assert first.returncode == 0 and first.stdout == again.stdout
    for line in first.stdout.splitlines():
        event = json.loads(line)
        for src in event["sources"]:
            page = (SEEDS / src["doc"]).read_text(encoding="utf-8")
            assert src["evidence"] in page


@requires_seeds
def test_annotate_finds_the_seed_dates():
    res = marsad("annotate", str(SEEDS), "--ref-date", "2026-11-22")
    mentions = [json.loads(line) for line in res.stdout.splitlines()]
    dates = {(m["doc"][:3], m["segment"], m["value"]) for m in mentions if m["label"] == "date" and m["value"]}
    assert {("001", 0, "2025-01-20"), ("002", 0, "2026-01-21"), ("003", 0, "2024-11-25"), ("004", 0, "2025-09-23"),
            ("000", 1, "2025-06-06")} <= dates
    assert not [d for d in dates if d[0] == "000" and d[1] == 0]
    people = {(m["value"], m["country"]) for m in mentions if m["label"] == "person"}
    assert {("سلمان الشودري", "PAK"), ("Alex Pinfield", "GBR"), ("طلال راشد الزعابي", "ARE")} <= people
    places = [m for m in mentions if m["label"] == "place" and m["doc"].startswith("002") and m["start"] > 1500]
    assert places == []  # the footer's city list is chrome
