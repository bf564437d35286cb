"""Store: migrations, idempotent and order-independent ingest, queries, search, exports.

Real SQLite files in tmp_path, real pages from tests/pages/events and ../shared/seeds.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from conftest import PAGES, SEEDS, requires_seeds
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from marsad.export import FORMATS, cameo_rows, export
from marsad.model import Event, Location, Participant, Source
from marsad.pipeline import Page, mark_duplicates, pages, run
from marsad.search import highlight
from marsad.settings import Settings
from marsad.store import MIGRATIONS, Store, schema

EVENT_PAGES = PAGES / "events"
SEED_000 = "000_23f120a28ab6ac46.txt"
SEED_001 = "001_b5a8de8f3c704cbb.txt"


def read(paths: list[Path | str], settings: Settings) -> list[Page]:
    errors: list = []
    found = list(pages([str(p) for p in paths], settings, errors.append))
    assert not errors
    return found


def dicts(events: list[Event]) -> list[dict]:
    return [ev.to_dict() for ev in events]


@pytest.fixture
def store(tmp_path: Path):
    with Store(str(tmp_path / "marsad.db")) as s:
        yield s


# -- migrations ------------------------------------------------------------------------------

def test_migrations_from_empty_database(tmp_path: Path):
    path = str(tmp_path / "m.db")
    with Store(path) as s:
        assert s.migrations() == [name for name, _ in MIGRATIONS]
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(path) as s:
        assert s.migrate() == []  # re-opening applies nothing
        assert s.migrations() == [name for name, _ in MIGRATIONS]


def test_migrations_from_older_schema(tmp_path: Path):
    path = str(tmp_path / "old.db")
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    db.executescript(MIGRATIONS[0][1])
    db.execute("INSERT INTO migrations VALUES (?, '2025-01-01T00:00:00')", (MIGRATIONS[0][0],))
    db.execute("INSERT INTO documents (doc, hash, text) VALUES ('old.txt', 'h', 'نص قديم')")
    db.commit()
    db.close()
    with Store(path) as s:
        assert s.migrations() == [name for name, _ in MIGRATIONS]
        assert s.counts()["documents"] == 1  # data of the old schema kept
        applied = dict(s.db.execute("SELECT name, applied FROM migrations"))
        assert applied[MIGRATIONS[0][0]] == "2025-01-01T00:00:00"  # not re-applied
        assert s.search("قديم") == []  # the search table exists (old rows are not indexed)


def test_failed_migration_leaves_nothing_half_done(tmp_path: Path, monkeypatch):
    path = str(tmp_path / "bad.db")
    Store(path).close()
    monkeypatch.setattr(schema, "MIGRATIONS", [*MIGRATIONS, ("9999_bad", "CREATE TABLE x (a); CREATE TABLE x (a);")])
    with pytest.raises(sqlite3.OperationalError):
        Store(path)
    monkeypatch.undo()
    with Store(path) as s:
        assert "9999_bad" not in s.migrations()
        assert not s.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'x'").fetchone()


# -- round trip ------------------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
MAYBE = st.none() | TEXT
ISO3 = st.none() | st.from_regex(r"[A-Z]{3}", fullmatch=True)
DATE = st.none() | st.from_regex(r"20[0-9]{2}(-0[1-9](-[0-2][1-9])?)?", fullmatch=True)
FLOAT = st.floats(-180, 180, allow_nan=False)
LOCATION = st.builds(Location, MAYBE, ISO3) | st.builds(Location, MAYBE, ISO3, st.integers(1, 10**7), FLOAT, FLOAT)
PARTICIPANT = st.builds(Participant, st.sampled_from(["host", "guest", "participant", "attendee"]), MAYBE, MAYBE,
                        ISO3, MAYBE, st.none() | st.sampled_from(["GOV", "COP", "SPY", "MIL"]))
SOURCE = st.builds(Source, TEXT, TEXT, st.integers(0, 5), st.integers(0, 10**5), st.integers(0, 10**5), MAYBE, MAYBE)
CONFLICT = st.fixed_dictionaries({"field": st.just("date"), "values": st.dictionaries(TEXT, st.lists(TEXT), max_size=2)})
EVENT = st.builds(
    Event, st.sampled_from(["meeting", "call", "agreement"]), DATE, LOCATION, st.lists(PARTICIPANT, max_size=4),
    st.lists(st.sampled_from(["counterterrorism", "training", "cybercrime"]), unique=True),
    st.lists(SOURCE, min_size=1, max_size=3), id=st.from_regex(r"[0-9a-f]{16}", fullmatch=True),
    date_how=MAYBE, confidence=st.floats(0, 1), conflicts=st.lists(CONFLICT, max_size=2))


@given(EVENT)
@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_event_round_trip(store: Store, ev: Event):
    store.save([ev])
    back = store.event(ev.id)
    assert back is not None and back.to_dict() == ev.to_dict()
    assert ev.to_dict() in dicts(store.events(kind=ev.kind))


def test_save_replaces_by_id(store: Store):
    ev = Event("call", "2025-01-02", Location(), [], [], [Source("a.txt", "...")], id="e1")
    store.save([ev])
    ev.date = "2025-01-03"
    store.save([ev])
    assert [e.date for e in store.events()] == ["2025-01-03"]
    assert store.counts()["sources"] == 1


# -- ingest ----------------------------------------------------------------------------------

def test_store_equals_a_single_pipeline_run(store: Store, settings: Settings):
    """Any batches, any order: the stored events are those of `marsad extract` on all pages."""
    found = read([EVENT_PAGES], settings)
    store.ingest(found[::-1][:20], settings, batch=3, fuse_every=5)
    store.ingest(found, settings, batch=7)
    assert dicts(store.events()) == dicts(run([str(EVENT_PAGES)], settings, lambda e: None))


@requires_seeds
def test_reingest_changes_nothing(store: Store, settings: Settings):
    first = store.ingest(read([SEEDS], settings), settings)
    assert (first.read, first.new, first.skipped, first.events) == (5, 5, 0, 6)
    before, counts = dicts(store.events()), store.counts()
    again = store.ingest(read([SEEDS], settings), settings)
    assert (again.new, again.skipped, again.events) == (0, 5, 6)
    assert dicts(store.events()) == before and store.counts() == counts


@requires_seeds
def test_syndicated_copy_marked_across_runs(store: Store, settings: Settings, tmp_path: Path):
    copy = tmp_path / "zzz_copy.txt"
    copy.write_text((SEEDS / SEED_000).read_text(encoding="utf-8") + "\nنقلا عن وكالة\n", encoding="utf-8")
    store.ingest(read([copy], settings), settings)  # the copy arrives first ...
    store.ingest(read([SEEDS / SEED_000, SEEDS / SEED_001], settings), settings)  # ... its original later
    both = read([SEEDS / SEED_000, SEEDS / SEED_001, copy], settings)
    mark_duplicates(both, settings)
    assert {p.document.doc: store.document(p.document.doc)["duplicate_of"] for p in both} == \
        {p.document.doc: p.duplicate_of for p in both}
    assert store.document("zzz_copy.txt")["duplicate_of"] == SEED_000
    expected = run([str(SEEDS / SEED_000), str(SEEDS / SEED_001), str(copy)], settings, lambda e: None)
    assert dicts(store.events()) == dicts(expected)


@requires_seeds
def test_new_version_of_a_page_replaces_the_old(store: Store, settings: Settings, tmp_path: Path):
    page = tmp_path / SEED_000
    page.write_text((SEEDS / SEED_000).read_text(encoding="utf-8"), encoding="utf-8")
    store.ingest(read([page, SEEDS / SEED_001], settings), settings)
    page.write_text("تحديث: هذه الصفحة لم تعد تتحدث عن أي لقاء.\n", encoding="utf-8")
    stats = store.ingest(read([page], settings), settings)
    assert (stats.new, stats.replaced) == (1, 1)
    assert store.counts()["documents"] == 2
    assert dicts(store.events()) == dicts(run([str(page), str(SEEDS / SEED_001)], settings, lambda e: None))
    assert {h.doc for h in store.search("الشودري")} == {SEED_001}  # the old text left the index


# -- queries ---------------------------------------------------------------------------------

@pytest.fixture
def loaded(store: Store, settings: Settings) -> Store:
    store.ingest(read([EVENT_PAGES], settings), settings)
    return store


@pytest.mark.parametrize(("filters", "check"), [
    ({"country": "esp"}, lambda e: "ESP" in {p.country for p in e.participants} | {e.location.country}),
    ({"kind": "call"}, lambda e: e.kind == "call"),
    ({"topic": "cybercrime"}, lambda e: "cybercrime" in e.topics),
    ({"person": "الودغيرى"}, lambda e: any("الودغيري" in (p.name or "") for p in e.participants)),  # ى folded
    ({"since": "2025-10", "until": "2025-12-31"}, lambda e: e.date and "2025-10" <= e.date[:7] <= "2025-12"),
    ({"since": "2026"}, lambda e: e.date and e.date >= "2026"),
])
def test_event_filters(loaded: Store, filters: dict, check):
    found = loaded.events(**filters)
    assert found, filters
    assert all(check(e) for e in found)
    assert len(found) == sum(bool(check(e)) for e in loaded.events())


def test_event_filters_combine_and_partial_dates_overlap(store: Store):
    month = Event("meeting", "2025-01", Location(None, "MAR"), [Participant("host", "أ", None, "MAR")], [],
                  [Source("a.txt", "...", outlet="Hespress")], id="m")
    store.save([month])
    assert [e.id for e in store.events(since="2025-01-15", until="2025-01-20")] == ["m"]
    assert store.events(since="2025-02") == [] and store.events(until="2024-12-31") == []
    assert [e.id for e in store.events(outlet="hespress", country="MAR")] == ["m"]
    assert store.events(outlet="hespress", kind="call") == []


def test_event_by_id(loaded: Store):
    ev = loaded.events()[0]
    assert loaded.event(ev.id).to_dict() == ev.to_dict()
    assert loaded.event("no-such-id") is None


# -- search ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "query", "snippet"), [
    ("بحث مكافحة الإرهابِ والتطرف", "الارهاب", "بحث مكافحة «الإرهابِ» والتطرف"),  # diacritic kept, alef folded
    ("مكافحة الإرهـــاب", "الارهاب", "مكافحة «الإرهـــاب»"),  # tatweel
    ("تعزيز التعاون والإرهاب", "الارهاب", "تعزيز التعاون و«الإرهاب»"),  # part of a word
    ("وزارة الداخلية", "وزاره", "«وزارة» الداخلية"),  # ta marbuta
    ("ضمن الجريمة المنظمة\nو الجريمة", "الجريمه", "ضمن «الجريمة» المنظمة و «الجريمة»"),  # every match
    ("لا شيء هنا", "الارهاب", ""),
])
def test_highlight(text: str, query: str, snippet: str):
    assert highlight(text, query) == snippet


def test_highlight_context_is_cut_at_words():
    text = " ".join(["كلمة"] * 100) + " الهدف " + " ".join(["نص"] * 100)
    snippet = highlight(text, "الهدف", context=20)
    assert snippet.startswith("… كلمة") and snippet.endswith("نص …") and "«الهدف»" in snippet


@requires_seeds
def test_search_folds_both_sides_and_shows_the_original(store: Store, settings: Settings):
    store.ingest(read([SEEDS], settings), settings)
    for query in ("الاتجار بالبشر", "الإتّجار  بالبشر", "الاتجار بالبشــر"):
        hits = store.search(query)
        assert {SEED_000, SEED_001} <= {h.doc for h in hits}, query
        assert all("«الاتجار بالبشر»" in h.snippet for h in hits)
    hit = next(h for h in store.search("الاتجار بالبشر") if h.doc == SEED_000)
    assert hit.events == [e.id for e in store.events(country="PAK")]
    assert len(store.search("حموشي", limit=2)) == 2
    assert store.search("") == [] and store.search("zzzz") == []
    assert {h.doc for h in store.search("ما")}  # shorter than a trigram: scanned


# -- exports ---------------------------------------------------------------------------------

def _ev(kind: str, roles: list[tuple[str, str, str | None]]) -> Event:
    return Event(kind, "2025-05-05", Location(), [Participant(r, None, None, c, sector=s) for r, c, s in roles],
                 [], [Source("d.txt", "جملة")], id="x")


@pytest.mark.parametrize(("event", "rows"), [
    (_ev("call", [("participant", "TUN", "GOV"), ("participant", "DZA", None)]), [("TUNGOV", "DZAGOV", "041")]),
    (_ev("meeting", [("host", "MAR", "COP"), ("guest", "PAK", "COP")]),
     [("PAKCOP", "MARCOP", "042"), ("MARCOP", "PAKCOP", "043")]),
    (_ev("meeting", [("participant", "MAR", "SPY"), ("participant", "BEL", "SPY"), ("attendee", "MAR", None)]),
     [("MARSPY", "BELSPY", "044")]),
    (_ev("agreement", [("host", "JOR", None), ("guest", "IRQ", "GOV")]), [("JORGOV", "IRQGOV", "057")]),
    (_ev("meeting", [("host", "MAR", None)]), [("MARGOV", "", "044")]),  # never drops an event
    (_ev("call", [("participant", None, None), ("participant", "ESP", "COP")]), [("---GOV", "ESPCOP", "041")]),
])
def test_cameo_rows(event: Event, rows: list[tuple[str, str, str]]):
    assert [tuple(r[2:]) for r in cameo_rows(event)] == rows


def test_every_export_format_parses_and_keeps_every_event(loaded: Store):
    events = loaded.events()
    ids = {e.id for e in events}
    for fmt in FORMATS:
        text = "".join(export(events, fmt))
        if fmt in {"jsonl", "plover"}:
            records = [json.loads(line) for line in text.splitlines()]
            assert len(records) == len(events)
        else:
            records = list(csv.DictReader(io.StringIO(text)))
        assert {r["id"] for r in records} == ids, fmt
    assert [json.loads(x) for x in export(events, "jsonl")] == dicts(events)
    with pytest.raises(ValueError):
        export(events, "xml")
