"""The store commands through real subprocesses: `python -m marsad --db X ...`.

Includes the killed-ingest test: SIGKILL a real ingest mid-run, re-run it, and compare with a
clean run (nothing lost, nothing duplicated, integrity_check ok).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from conftest import PAGES, ROOT, SEEDS, requires_seeds

from marsad.cli import main

REF = ["--ref-date", "2026-11-22"]
STORE_COMMANDS = ["ingest", "events", "search", "show", "export"]
SEED_000 = "000_23f120a28ab6ac46.txt"
SEED_001 = "001_b5a8de8f3c704cbb.txt"


def marsad(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_DB"}
    done = subprocess.run([sys.executable, "-m", "marsad", "--db", str(db), *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    db = tmp_path_factory.mktemp("cli") / "seeds.db"
    marsad(db, "ingest", str(SEEDS), *REF)
    return db


@requires_seeds
def test_ingest_twice_gives_the_same_six_events(tmp_path: Path):
    db = tmp_path / "x.db"
    first = marsad(db, "ingest", str(SEEDS), *REF)
    assert "5 pages read, 5 new, 0 skipped, 6 events" in first.stderr
    events = marsad(db, "events", "--jsonl").stdout
    second = marsad(db, "ingest", str(SEEDS), *REF)
    assert "5 pages read, 0 new, 5 skipped, 6 events" in second.stderr
    assert len(jsonl(events)) == 6 and marsad(db, "events", "--jsonl").stdout == events


@requires_seeds
def test_ingest_exit_code_1_when_an_input_is_skipped(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("")
    done = marsad(tmp_path / "x.db", "ingest", str(SEEDS / SEED_000), str(tmp_path / "empty.txt"), *REF,
                  check=False)
    assert done.returncode == 1
    assert re.search(r"marsad: .*empty.txt: ", done.stderr)
    assert "1 pages read, 1 new" in done.stderr


def test_events_country_pak(seeds_db: Path):
    (event,) = jsonl(marsad(seeds_db, "events", "--country", "PAK", "--jsonl").stdout)
    assert (event["date"], event["kind"]) == ("2025-01-20", "meeting")
    assert sorted(s["doc"] for s in event["sources"]) == [SEED_000, SEED_001]


def test_events_table_and_csv(seeds_db: Path):
    table = marsad(seeds_db, "events", "--country", "PAK").stdout
    assert "سلمان الشودري (PAK, guest)" in table  # Arabic as stored, never reversed
    assert "2025-01-20" in table and "1 events" in table
    rows = list(csv.DictReader(io.StringIO(marsad(seeds_db, "events", "--csv", "--since", "2026").stdout)))
    assert rows and all(r["date"] >= "2026" for r in rows)


def test_search(seeds_db: Path):
    hits = jsonl(marsad(seeds_db, "search", "الاتجار بالبشر", "--jsonl").stdout)
    assert {h["doc"] for h in hits} == {SEED_000, SEED_001}
    assert all("«الاتجار بالبشر»" in h["snippet"] and len(h["events"]) == 1 for h in hits)
    text = marsad(seeds_db, "search", "الاتجار بالبشر", "--limit", "1").stdout
    assert text.count("events: ") == 1 and "«الاتجار بالبشر»" in text


def test_show(seeds_db: Path):
    (event,) = jsonl(marsad(seeds_db, "events", "--country", "PAK", "--jsonl").stdout)
    shown = json.loads(marsad(seeds_db, "show", event["id"]).stdout)
    assert shown["id"] == event["id"] and all(s["evidence"] for s in shown["sources"])
    assert {s["document"]["doc"] for s in shown["sources"]} == {SEED_000, SEED_001}
    missing = marsad(seeds_db, "show", "nope", check=False)
    assert missing.returncode == 1 and "no event with id" in missing.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "plover", "cameo"])
def test_export_keeps_every_event(seeds_db: Path, fmt: str):
    ids = {e["id"] for e in jsonl(marsad(seeds_db, "events", "--jsonl").stdout)}
    out = marsad(seeds_db, "export", "--format", fmt).stdout
    records = jsonl(out) if fmt in {"jsonl", "plover"} else list(csv.DictReader(io.StringIO(out)))
    assert len(ids) == 6 and {r["id"] for r in records} == ids
    since = marsad(seeds_db, "export", "--format", fmt, "--since", "2026-01").stdout
    assert 0 < len(since) < len(out)


def test_read_commands_do_not_create_a_database(tmp_path: Path):
    done = marsad(tmp_path / "none.db", "events", check=False)
    assert done.returncode == 1 and "no such database" in done.stderr
    assert not (tmp_path / "none.db").exists()


def test_every_store_command_has_an_example_and_is_documented():
    doc = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    for name in STORE_COMMANDS:
        command = main.commands[name]
        assert isinstance(command, click.Command) and "Example:" in (command.help or ""), name
        assert f"marsad {name}" in doc, name


# -- a killed ingest -------------------------------------------------------------------------

def make_pages(folder: Path, count: int) -> None:
    """`count` distinct pages: the event test pages, each copy with its years shifted and a numbered line."""
    sources = sorted((PAGES / "events").glob("*.txt"))
    folder.mkdir()
    for i in range(count):
        shift, k = divmod(i, len(sources))
        text = re.sub(r"20(2[3-6])", lambda m, s=shift: str(int(m.group(0)) - s), sources[k].read_text("utf-8"))
        (folder / f"p{i:04d}_{sources[k].name}").write_text(f"{text}\n\nرقم المرجع {i}\n", "utf-8")


def documents(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=rw", uri=True, timeout=10)
    except sqlite3.OperationalError:
        return 0  # not created yet
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # no schema yet
    finally:
        con.close()


def test_killed_ingest_loses_nothing_and_duplicates_nothing(tmp_path: Path):
    folder, batch = tmp_path / "pages", 20
    make_pages(folder, 300)
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    marsad(clean, "ingest", str(folder), *REF, "--batch", str(batch))

    cmd = [sys.executable, "-m", "marsad", "--db", str(killed), "ingest", str(folder), *REF, "--batch", str(batch)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while documents(killed) < 2 * batch and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    with sqlite3.connect(killed) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 2 * batch <= stored < 300 and stored % batch == 0  # whole batches only

    resumed = marsad(killed, "ingest", str(folder), *REF, "--batch", str(batch))
    assert f"300 pages read, {300 - stored} new, {stored} skipped" in resumed.stderr
    with sqlite3.connect(killed) as a, sqlite3.connect(clean) as b:
        assert a.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in ("documents", "segments", "segments_fts", "page_events", "events", "sources", "pending"):
            count = f"SELECT count(*) FROM {table}"
            assert a.execute(count).fetchone() == b.execute(count).fetchone(), table
        dupes = "SELECT count(*) FROM (SELECT doc FROM sources GROUP BY doc, event_key, n HAVING count(*) > 1)"
        assert a.execute(dupes).fetchone()[0] == 0
    assert marsad(killed, "export").stdout == marsad(clean, "export").stdout
