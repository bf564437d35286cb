"""The real development set (eval/real/): its manifest and gold hold together, and no tracked file
holds its third-party text. The texts are git-ignored; the text checks run where they were rebuilt."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "eval" / "real"
sys.path.insert(0, str(ROOT / "tools"))
from real_pages import LATER_SETS, is_reserved, read_manifest, sha, split_date  # noqa: E402

ROWS = read_manifest(REAL / "MANIFEST.tsv")
GOLD = json.loads((REAL / "gold.json").read_text(encoding="utf-8"))
SETS = {"first": (ROWS, GOLD)} | {d.name: (read_manifest(d / "MANIFEST.tsv"),
                                           json.loads((d / "gold.json").read_text(encoding="utf-8")))
                                  for d in LATER_SETS}
EVERY_ROW = [r for rows, _ in SETS.values() for r in rows]
PRESENT = [r for r in EVERY_ROW if (REAL / "docs" / r["file"]).exists()]
RESERVED = ROOT.parent / "shared" / "eval" / "reserved.tsv"


def test_the_sets_share_no_page():
    assert len({r["file"] for r in EVERY_ROW}) == len({r["url"] for r in EVERY_ROW}) == len(EVERY_ROW)


@pytest.mark.parametrize("name", sorted(SETS))
def test_manifest_and_gold_describe_the_same_pages(name):
    rows, gold = SETS[name]
    files = {r["file"] for r in rows}
    assert len(files) == len(rows) and len({r["url"] for r in rows}) == len(rows)
    assert len({r["sha256"] for r in rows}) == len(rows)
    assert set(gold["pages"]) == files == set(gold["articles"])
    assert {d for ev in gold["events"] for d in ev["docs"]} <= files
    for ev in gold["events"]:
        countries = [p["country"] for p in ev["participants"]]
        assert all(isinstance(c, str) and len(c) == 3 for c in countries), ev["docs"]
        assert len(set(countries)) == len(countries) >= 2, ev["docs"]


def test_the_set_is_as_broad_as_asked():
    outlets = {r["source"] for r in ROWS}
    countries = {r["country"] for r in ROWS}
    negatives = [p for p, v in GOLD["pages"].items() if v["class"].startswith("negative")]
    pairs = [ev for ev in GOLD["events"] if len(ev["docs"]) > 1]
    assert len(ROWS) >= 150 and len(outlets) >= 40 and len(countries) >= 12
    assert len(negatives) >= 30 and len(pairs) >= 20


@pytest.mark.skipif(not RESERVED.exists(), reason="needs ../shared/eval/reserved.tsv")
def test_no_page_is_reserved():
    hashes = {h for line in RESERVED.read_text().splitlines()[1:] for h in line.split("\t") if h}
    assert not [r["file"] for r in EVERY_ROW if sha(r["url"]) in hashes or r["sha256"] in hashes]
    for row in PRESENT:
        text = (REAL / "docs" / row["file"]).read_text(encoding="utf-8")
        assert not is_reserved(row["url"], text, hashes)


@pytest.mark.skipif(not PRESENT, reason="the real texts are not rebuilt here (tools/real_pages.py)")
def test_rebuilt_texts_match_their_hash():
    for row in PRESENT:
        data = (REAL / "docs" / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["file"]
        assert split_date(data.decode())[1] is None


@pytest.mark.skipif(not PRESENT, reason="the real texts are not rebuilt here (tools/real_pages.py)")
def test_no_tracked_file_holds_a_line_of_the_real_texts():
    """Every line of 30+ characters of every real text is looked for in every tracked file (the
    manifest's query columns excepted: a query is how the page is found again)."""
    lines = {ln.strip() for r in PRESENT for ln in (REAL / "docs" / r["file"]).read_text(encoding="utf-8").split("\n")
             if len(ln.strip()) >= 30}
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    found = []
    for name in tracked:
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        manifests = {"eval/real/MANIFEST.tsv": ROWS} | {f"eval/real/{d.name}/MANIFEST.tsv": SETS[d.name][0] for d in LATER_SETS}
        if name in manifests:
            text = "\n".join("\t".join(v for k, v in r.items() if "query" not in k) for r in manifests[name])
        found += [(name, ln[:40]) for ln in lines if ln in text]
    assert not found
