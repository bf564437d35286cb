"""Promises of docs/reliability.md that the other test modules do not hold: concurrent writers,
a database poisoned by an unsound event, and a bug-proof fusion."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from test_cli_store import REF, make_pages

from marsad.fuse import fuse, fuse_guarded
from marsad.model import Event, Location, Participant, Source
from marsad.settings import Settings


def ingest(db: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "marsad", "--db", str(db), "ingest", str(folder), *REF],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def export(db: Path) -> str:
    return subprocess.run([sys.executable, "-m", "marsad", "--db", str(db), "export"], capture_output=True,
                          text=True, check=True).stdout


def test_two_writers_on_one_database_equal_one_after_the_other(tmp_path: Path):
    make_pages(tmp_path / "all", 120)
    halves = [tmp_path / "x", tmp_path / "y"]
    for n, half in enumerate(halves):
        half.mkdir()
        for page in sorted((tmp_path / "all").iterdir())[n::2]:
            (half / page.name).write_bytes(page.read_bytes())
    together, apart = tmp_path / "together.db", tmp_path / "apart.db"
    procs = [ingest(together, half) for half in halves]
    assert [p.wait(timeout=300) for p in procs] == [0, 0], [p.stderr.read() for p in procs if p.stderr]
    for half in halves:
        assert ingest(apart, half).wait(timeout=300) == 0
    assert export(together) == export(apart)


def event(date: str | None, doc: str, countries: tuple[str, str] = ("MAR", "ESP")) -> Event:
    people = [Participant("host", "عبد الوافي لفتيت", "وزير الداخلية", countries[0]),
              Participant("guest", "فرناندو مارلاسكا", "وزير الداخلية", countries[1])]
    return Event("meeting", date, Location(None, countries[0]), people, [], [Source(doc, "...")])


def test_an_unsound_event_is_set_aside_and_the_others_fused():
    events = [event("2025-12-00", "a.txt"), event("2025-12-01", "b.txt"), event("2025-12-01", "c.txt"),
              event("2025-12-01", "d.txt", ("TUN", "ITA"))]
    fused, aside = fuse_guarded(events, Settings())
    assert [(a.doc, a.stage, a.position) for a in aside] == [("a.txt", "check", 0)]
    assert sorted(len(ev.sources) for ev in fused) == [1, 2]


def test_guarded_fusion_equals_fusion_on_sound_events():
    def batch() -> list[Event]:
        return [event("2025-12-01", f"{i}.txt", pair) for i, pair in
                enumerate([("MAR", "ESP"), ("TUN", "ITA"), ("MAR", "ESP"), ("ESP", "MAR")])]
    guarded, aside = fuse_guarded(batch(), Settings())
    assert not aside and [e.to_dict() for e in guarded] == [e.to_dict() for e in fuse(batch(), Settings())]


def test_a_poisoned_database_heals_on_the_next_ingest(tmp_path: Path):
    """A page event stored with an impossible date (as an older marsad wrote it) is moved to the
    quarantine at the next ingest, which stores everything else, and `marsad quarantine` lists it."""
    make_pages(tmp_path / "first", 8)
    db = tmp_path / "t.db"
    assert ingest(db, tmp_path / "first").wait(timeout=120) == 0
    with sqlite3.connect(db) as con:
        doc, n = con.execute("SELECT doc, n FROM page_events WHERE json LIKE '%\"date\": \"20__-__-__\"%' "
                             "ORDER BY doc LIMIT 1").fetchone()
        con.execute("UPDATE page_events SET json = json_set(json, '$.date', '2025-12-00') WHERE doc = ? AND n = ?",
                    (doc, n))
        con.execute("INSERT OR IGNORE INTO pending SELECT block FROM page_events")
    make_pages(tmp_path / "second", 2)
    for page in (tmp_path / "second").iterdir():  # other names and texts: new pages
        (page.parent / ("q" + page.name)).write_text(page.read_text("utf-8") + "\nنسخة ثانية\n", "utf-8")
        page.unlink()
    proc = ingest(db, tmp_path / "second")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and f"marsad: {doc}: event set aside (check): unsound date '2025-12-00'" in err
    listed = subprocess.run([sys.executable, "-m", "marsad", "--db", str(db), "quarantine"], capture_output=True,
                            text=True, check=True).stdout
    assert listed.startswith(f"{doc}\tcheck\t")
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 10
        with_events = {r[0] for r in con.execute("SELECT DISTINCT doc FROM sources")}
    assert len(with_events) == 9 and doc not in with_events  # every other page keeps its event
    again = ingest(db, tmp_path / "second")
    assert again.wait(timeout=120) == 0
