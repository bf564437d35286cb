"""Cross-source fusion (issue 6): one real-world event, one record; syndicated copies; stable ids.

Unit tests build `Event` objects directly (no extraction, no mocks); the fixture tests run the real
CLI on `tests/pages/fusion/` and check the outcome against `tests/pages/fusion/expected.json`.
A test marked xfail(strict=True) is a gap of fuse.py/pipeline.py known today: it must start
failing the day the gap is closed, so that the marker is removed.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest
from conftest import PAGES, REF
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from marsad.fuse import fuse, same_event, same_name, stable_id
from marsad.model import Event, Location, Participant, Source
from marsad.pipeline import mark_duplicates, pages, run
from marsad.settings import Settings

FUSION = PAGES / "fusion"
EXPECTED = json.loads((FUSION / "expected.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------- builders
def make(doc: str, sides: list[tuple[str | None, str | None]], date: str | None = "2025-01-20",
         kind: str = "meeting", city: str | None = None, start: int = 0, outlet: str | None = None,
         titles: tuple[str | None, ...] = (None, None), duplicate_of: str | None = None) -> Event:
    """One extracted report: `sides` = [(state, name)], the first hosts (a call: all participate)."""
    roles = ["participant"] * len(sides) if kind == "call" else ["host"] + ["guest"] * (len(sides) - 1)
    people = [Participant(role, name, title, state)
              for role, (state, name), title in zip(roles, sides, titles + (None,) * len(sides), strict=False)]
    home = sides[0][0] if kind != "call" else None
    return Event(kind, date, Location(city, home), people, [],
                 [Source(doc, f"evidence of {doc} at {start}", 0, start, start + 50, outlet,
                         duplicate_of)])


def docs_of(ev: Event) -> set[str]:
    return {s.doc for s in ev.sources}


def by_docs(events: list[Event]) -> dict[frozenset[str], Event]:
    return {frozenset(docs_of(e)): e for e in events}


def names(ev: Event) -> dict[str | None, str | None]:
    return {p.country: p.name for p in ev.principals()}


def settings() -> Settings:
    return Settings(ref_date=REF)


WINDOW = settings().fusion_date_window_days
HOST = ("MAR", "كريم الودغيري")
GUEST = ("PAK", "عمران علي شاه")


# --------------------------------------------------------------- stable ids, order independence
STATES = ["MAR", "PAK", "ESP", "FRA"]
PEOPLE = {"MAR": ["كريم الودغيري", "الودغيري", "رضوان الشرقاوي", None],
          "PAK": ["عمران علي شاه", "عمران شاه", "نويد أختر", None],
          "ESP": ["خابيير رويث ألونسو", "رويث ألونسو", "لوسيا مارتين", None],
          "FRA": ["فريديريك مارشان", "مارشان", "سيلين دوبوا", None]}
DATES = [None, "2025-01-20", "2025-01-21", "2025-01-23", "2025-01-24", "2025-02-20", "2025-01", "2025"]
KINDS = ["meeting", "meeting", "call", "agreement"]
DOC_NAME = st.text(alphabet="abcdef0123_", min_size=1, max_size=8)


@st.composite
def reports(draw, states: list[str] = STATES, min_size: int = 1, max_size: int = 12, ext: str = ".txt") -> list[Event]:
    """A list of extracted reports, one source each, distinct document names."""
    docs = draw(st.lists(DOC_NAME, min_size=min_size, max_size=max_size, unique=True))
    out = []
    for doc in docs:
        pair = draw(st.lists(st.sampled_from(states), min_size=2, max_size=2, unique=True))
        sides = [(c, draw(st.sampled_from(PEOPLE.get(c, ["ياماموتو تاكيشي", None])))) for c in pair]
        out.append(make(doc + ext, sides, date=draw(st.sampled_from(DATES)), kind=draw(st.sampled_from(KINDS)),
                        city=draw(st.sampled_from([None, None, "Rabat"])), start=draw(st.integers(0, 5000)),
                        outlet=draw(st.sampled_from([None, "hespress", "le360"]))))
    return out


def records(events: list[Event]) -> dict[str, dict]:
    return {e.id: e.to_dict() for e in events}


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_order_gives_the_same_ids_and_records(data):
    evs = data.draw(reports())
    shuffled = data.draw(st.permutations(evs))
    first = fuse(copy.deepcopy(evs), settings())
    second = fuse(copy.deepcopy(shuffled), settings())
    assert records(first) == records(second)
    assert [e.id for e in first] == [e.id for e in second]  # the output order too
    assert len({e.id for e in first}) == len(first)  # no two events share an id
    assert sorted(s.doc for e in first for s in e.sources) == sorted(s.doc for e in evs for s in e.sources)


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), reports(states=["JPN", "BRA"], max_size=3, ext=".html"))
def test_unrelated_reports_change_no_existing_id(evs, unrelated):
    before = records(fuse(copy.deepcopy(evs), settings()))
    after = records(fuse(copy.deepcopy(evs) + unrelated, settings()))
    foreign = {u.sources[0].doc for u in unrelated}
    assert {i: r for i, r in after.items() if not {s["doc"] for s in r["sources"]} & foreign} == before


def test_an_unrelated_page_sorting_first_changes_no_id():
    evs = [make("m.txt", [HOST, GUEST]), make("n.txt", [HOST, GUEST]), make("p.txt", [HOST, ("ESP", None)])]
    before = records(fuse(copy.deepcopy(evs), settings()))
    after = fuse(copy.deepcopy(evs) + [make("0000.txt", [("JPN", "تاكيشي"), ("BRA", "سيلفا")])], settings())
    assert {e.id: e.to_dict() for e in after if "0000.txt" not in docs_of(e)} == before


def test_id_changes_only_when_a_source_sorting_earlier_joins():
    """Documented in docs/fusion.md: the id is that of the earliest-sorting source."""
    (alone,) = fuse([make("m.txt", [HOST, GUEST])], settings())
    (later,) = fuse([make("m.txt", [HOST, GUEST]), make("z.txt", [HOST, GUEST], date=None)], settings())
    (earlier,) = fuse([make("m.txt", [HOST, GUEST]), make("a.txt", [HOST, GUEST], date=None)], settings())
    assert later.id == alone.id and docs_of(later) == {"m.txt", "z.txt"}
    assert earlier.id != alone.id and earlier.id == stable_id(make("a.txt", [HOST, GUEST]))


def test_id_changes_when_a_later_report_turns_the_meeting_into_an_agreement():
    """Documented in docs/fusion.md: the kind is part of the id, and an agreement report upgrades a
    meeting (spec: a meeting in which something is signed is one `agreement`)."""
    (alone,) = fuse([make("m.txt", [HOST, GUEST])], settings())
    (upgraded,) = fuse([make("m.txt", [HOST, GUEST]), make("z.txt", [HOST, GUEST], kind="agreement")], settings())
    assert upgraded.kind == "agreement" and upgraded.id != alone.id


def test_one_sentence_stating_two_events_gives_two_ids():
    a = make("p.txt", [HOST, GUEST], start=10)
    b = make("p.txt", [HOST, ("ESP", "لوسيا مارتين")], start=10)
    out = fuse([a, b], settings())
    assert len(out) == 2 and len({e.id for e in out}) == 2


# ----------------------------------------------------------------- distinct events stay distinct
AMBASSADORS = [("SEN", "شيخ تيديان نيانغ"), ("USA", "ريبيكا ستيوارت"), ("PAK", "عمران علي شاه")]


def three_audiences(doc: str, host_name: str) -> list[Event]:
    return [make(doc, [("MAR", host_name), guest], date="2026-02-05", city="Rabat", start=300 * i)
            for i, guest in enumerate(AMBASSADORS)]


def test_one_official_receiving_three_ambassadors_stays_three_events():
    out = fuse(three_audiences("p1.txt", "كريم الودغيري"), settings())
    assert len(out) == 3
    assert sorted(c for e in out for c in names(e)) == ["MAR", "MAR", "MAR", "PAK", "SEN", "USA"]


def test_a_second_page_reporting_the_same_three_audiences_still_gives_three():
    out = fuse(three_audiences("p1.txt", "كريم الودغيري") + three_audiences("p2.txt", "الودغيري"), settings())
    assert len(out) == 3
    for ev in out:
        assert docs_of(ev) == {"p1.txt", "p2.txt"}
        guest = next(p for p in ev.principals() if p.role == "guest")
        assert {s.start for s in ev.sources} == {300 * [c for c, _ in AMBASSADORS].index(guest.country)}


def test_two_guests_of_one_state_the_same_day_reported_twice_pair_up_by_name():
    """Same block (MAR|ESP), same day: only the names tell the ambassador from the police chief."""
    day = [make("p1.txt", [HOST, ("ESP", "لوسيا مارتين")], start=0),
           make("p1.txt", [HOST, ("ESP", "خابيير رويث ألونسو")], start=400),
           make("p2.txt", [HOST, ("ESP", "رويث ألونسو")], start=0),
           make("p2.txt", [HOST, ("ESP", "لوسيا مارتين")], start=500)]
    out = fuse(day, settings())
    assert len(out) == 2
    pairs = {names(e)["ESP"]: {(s.doc, s.start) for s in e.sources} for e in out}
    assert pairs == {"لوسيا مارتين": {("p1.txt", 0), ("p2.txt", 500)},
                     "خابيير رويث ألونسو": {("p1.txt", 400), ("p2.txt", 0)}}


def test_same_host_same_day_different_nameless_guests_stay_apart():
    a = make("a.txt", [HOST, ("ESP", None)], titles=("المدير العام للأمن الوطني", "سفير مملكة إسبانيا"))
    b = make("b.txt", [HOST, ("ESP", None)], titles=("المدير العام للأمن الوطني", "المدير العام للشرطة الإسبانية"))
    assert len(fuse([a, b], settings())) == 2


def test_same_host_same_day_named_guests_of_one_state_stay_apart():
    a = make("a.txt", [HOST, ("ESP", "لوسيا مارتين")])
    b = make("b.txt", [HOST, ("ESP", "خابيير رويث ألونسو")])
    assert len(fuse([a, b], settings())) == 2


@pytest.mark.parametrize("gap", [WINDOW + 1, 10, 30, 365])
def test_the_same_pair_beyond_the_date_window_stays_two_events(gap):
    later = (dt.date(2025, 1, 20) + dt.timedelta(days=gap)).isoformat()
    out = fuse([make("a.txt", [HOST, GUEST]), make("b.txt", [HOST, GUEST], date=later)], settings())
    assert sorted(e.date for e in out) == ["2025-01-20", later]


@pytest.mark.parametrize("gap", range(WINDOW + 1))
def test_the_same_pair_within_the_window_is_one_event(gap):
    later = (dt.date(2025, 1, 20) + dt.timedelta(days=gap)).isoformat()
    out = fuse([make("a.txt", [HOST, GUEST]), make("b.txt", [HOST, GUEST], date=later)], settings())
    assert len(out) == 1 and docs_of(out[0]) == {"a.txt", "b.txt"}


def test_a_call_and_a_meeting_of_the_same_pair_the_same_day_stay_apart():
    out = fuse([make("a.txt", [HOST, GUEST]), make("b.txt", [HOST, GUEST], kind="call")], settings())
    assert sorted(e.kind for e in out) == ["call", "meeting"]


def test_a_meeting_and_the_agreement_signed_in_it_are_one_agreement():
    out = fuse([make("a.txt", [HOST, GUEST]), make("b.txt", [HOST, GUEST], kind="agreement")], settings())
    assert [e.kind for e in out] == ["agreement"]


def test_different_cities_are_different_events():
    a = make("a.txt", [HOST, GUEST], city="Rabat")
    b = make("b.txt", [HOST, GUEST], city="Casablanca")
    assert len(fuse([a, b], settings())) == 2


def test_a_reception_at_home_and_a_visit_abroad_of_the_same_pair_stay_two_events():
    """One meeting has one host: X receiving Y is not X's visit to Y, even undated."""
    home = make("a.txt", [HOST, GUEST], date=None)
    away = make("b.txt", [GUEST, HOST], date=None)  # the guest's state hosts this one
    assert len(fuse([home, away], settings())) == 2
    assert len(fuse([home, make("c.txt", [HOST, GUEST], date=None)], settings())) == 1


# ------------------------------------------------------------------------------ dates, conflicts
@pytest.mark.parametrize("undated", ["a.txt", "z.txt"])
def test_an_undated_report_takes_the_date_of_the_dated_one(undated):
    dated = make("m.txt", [HOST, GUEST], date="2025-01-20")
    dated.date_how = "absolute"
    (ev,) = fuse([make(undated, [HOST, GUEST], date=None), dated], settings())
    assert (ev.date, ev.date_how, ev.conflicts) == ("2025-01-20", "absolute", [])
    assert docs_of(ev) == {undated, "m.txt"}


def test_a_month_only_report_takes_the_day_of_the_precise_one():
    (ev,) = fuse([make("a.txt", [HOST, GUEST], date="2025-01"), make("b.txt", [HOST, GUEST])], settings())
    assert ev.date == "2025-01-20"


def test_a_refined_date_is_not_a_conflict():
    (ev,) = fuse([make("a.txt", [HOST, GUEST], date="2025-01"), make("b.txt", [HOST, GUEST])], settings())
    assert ev.conflicts == []


def test_two_dates_within_the_window_merge_and_the_conflict_names_both():
    (ev,) = fuse([make("b.txt", [HOST, GUEST], date="2025-01-22"), make("a.txt", [HOST, GUEST])], settings())
    assert docs_of(ev) == {"a.txt", "b.txt"}
    assert ev.date in {"2025-01-20", "2025-01-22"}
    assert ev.conflicts == [{"field": "date", "values": {"2025-01-20": ["a.txt"], "2025-01-22": ["b.txt"]}}]
    assert ev.to_dict()["conflicts"] == ev.conflicts


def test_a_conflict_names_only_the_documents_that_gave_each_date():
    evs = [make("a.txt", [HOST, GUEST], date=None), make("b.txt", [HOST, GUEST], date="2025-01-20"),
           make("c.txt", [HOST, GUEST], date="2025-01-21")]
    (ev,) = fuse(evs, settings())
    assert ev.conflicts == [{"field": "date", "values": {"2025-01-20": ["b.txt"], "2025-01-21": ["c.txt"]}}]


def test_the_date_given_by_more_documents_wins():
    evs = [make("a.txt", [HOST, GUEST], date="2025-01-20"), make("b.txt", [HOST, GUEST], date="2025-01-21"),
           make("c.txt", [HOST, GUEST], date="2025-01-21")]
    (ev,) = fuse(evs, settings())
    assert ev.date == "2025-01-21"


def test_merge_fills_missing_fields_from_later_reports():
    a = make("a.txt", [("MAR", "كريم الودغيري"), ("PAK", None)], titles=(None, None))
    b = make("b.txt", [("MAR", None), ("PAK", "عمران علي شاه")], city="Rabat",
             titles=("المدير العام للأمن الوطني", "سفير باكستان"))
    b.topics = ["counterterrorism"]
    (ev,) = fuse([a, b], settings())
    assert names(ev) == {"MAR": "كريم الودغيري", "PAK": "عمران علي شاه"}
    assert ev.location.city == "Rabat" and ev.topics == ["counterterrorism"]
    assert [p.title for p in ev.principals()] == ["المدير العام للأمن الوطني", "سفير باكستان"]


# ------------------------------------------------------------------------------------------ names
@pytest.mark.parametrize(("short", "full"), [
    ("حموشي", "عبد اللطيف حموشي"),
    ("السيد عبد اللطيف حموشي", "عبد اللطيف حموشي"),
    ("بدر العتيبي", "بدر مساعد العتيبي"),
    ("عبدالرحمن الحربي", "عبد الرحمن الحربي"),
    ("إلياس حداد", "الياس حدّاد"),
])
def test_partial_and_variant_names_match(short, full):
    assert same_name(short, full) and same_name(full, short)


def test_different_people_do_not_match():
    assert not same_name("محمد حموشي", "عبد اللطيف حموشي")
    assert not same_name("نويد أختر", "عمران علي شاه")


@pytest.mark.parametrize("first", ["a.txt", "z.txt"])
def test_a_partial_name_report_merges_with_the_full_name_report(first):
    evs = [make(first, [("MAR", "حموشي"), GUEST]), make("m.txt", [("MAR", "عبد اللطيف حموشي"), GUEST])]
    (ev,) = fuse(evs, settings())
    assert docs_of(ev) == {first, "m.txt"}


def test_the_merged_event_keeps_the_fullest_name():
    evs = [make("a.txt", [("MAR", "حموشي"), GUEST]), make("m.txt", [("MAR", "عبد اللطيف حموشي"), GUEST])]
    (ev,) = fuse(evs, settings())
    assert names(ev)["MAR"] == "عبد اللطيف حموشي"


@pytest.mark.parametrize(("latin", "arabic"), [
    ("Abdellatif Hammouchi", "عبد اللطيف حموشي"),
    ("Hammouchi", "عبد اللطيف حموشي"),
    ("Céline Dubois", "سيلين دوبوا"),
    ("Jan Peeters", "يان بيترز"),
])
def test_latin_and_arabic_script_of_one_name_match(latin, arabic):
    assert same_name(latin, arabic) and same_name(arabic, latin)


def test_latin_and_arabic_script_of_different_names_do_not_match():
    assert not same_name("Céline Dubois", "هيلين كارتر")
    assert not same_name("Jan Peeters", "عبد اللطيف حموشي")


def test_reports_naming_the_guest_in_two_scripts_merge():
    a = make("a.txt", [("DZA", "عبد القادر مزيان"), ("FRA", "سيلين دوبوا")])
    b = make("b.txt", [("DZA", "عبد القادر مزيان"), ("FRA", "Céline Dubois")])
    assert same_event(a, b, settings())


# -------------------------------------------------------------------------- outlets, duplicates
def test_outlets_count_distinct_outlets_and_skip_duplicate_copies():
    ev = make("a.txt", [HOST, GUEST], outlet="hespress")
    ev.sources += [Source("b.txt", "", outlet="hespress"), Source("c.txt", "", outlet="le360"),
                   Source("d.txt", "", outlet="alyaoum24", duplicate_of="a.txt"), Source("e.txt", "")]
    assert ev.outlets() == 3  # hespress, le360, e.txt (no outlet: its document)
    assert ev.to_dict()["outlets"] == 3


ORIGINAL = FUSION / "f08a_ma_agency_original_senegal.txt"
COPY = FUSION / "f08b_ma_portal_copy_trimmed.txt"


def read_pages(paths, errors):
    got = list(pages([str(p) for p in paths], settings(), errors.append))
    mark_duplicates(got, settings())
    return got


def test_a_trimmed_syndicated_copy_is_corroboration_not_a_new_event():
    errors: list = []
    original, copy_ = read_pages([ORIGINAL, COPY], errors)
    assert errors == [] and original.events and copy_.events
    assert original.duplicate_of is None and copy_.duplicate_of == ORIGINAL.name
    assert all(s.duplicate_of == ORIGINAL.name for ev in copy_.events for s in ev.sources)
    fused = fuse([ev for p in (original, copy_) for ev in p.events], settings())
    alone = run([str(ORIGINAL)], settings(), errors.append)
    assert len(fused) == len(alone) == 1
    (ev,) = fused
    assert docs_of(ev) == {ORIGINAL.name, COPY.name}
    assert ev.outlets() == 1 == ev.to_dict()["outlets"]
    assert ev.id == alone[0].id


def test_an_independent_report_is_a_second_outlet(tmp_path):
    """The control: two outlets' own wording (no shared paragraph) are two outlets."""
    errors: list = []
    a, b = FUSION / "f04a_mr_agency_mali_fulldate.txt", FUSION / "f04b_mr_site_mali_weekday.txt"
    got = read_pages([a, b], errors)
    assert [p.duplicate_of for p in got] == [None, None]
    (ev,) = run([str(a), str(b)], settings(), errors.append)
    assert ev.outlets() == 2


def _paragraphs(path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n\n")


def test_a_heavily_trimmed_copy_sorting_first_is_still_a_copy(tmp_path):
    paras = _paragraphs(ORIGINAL)
    (tmp_path / "a_copy.txt").write_text("\n\n".join(paras[:4]) + "\n\nجميع الحقوق محفوظة\n", encoding="utf-8")
    shutil.copy(ORIGINAL, tmp_path / "b_original.txt")
    errors: list = []
    got = read_pages([tmp_path / "a_copy.txt", tmp_path / "b_original.txt"], errors)
    assert sorted(str(p.duplicate_of) for p in got) == ["None", "a_copy.txt"]
    (ev,) = run([str(tmp_path)], settings(), errors.append)
    assert ev.outlets() == 1


def test_a_trimmed_copy_sorting_first_marks_the_original_when_most_is_shared(tmp_path):
    shutil.copy(COPY, tmp_path / "a_copy.txt")
    shutil.copy(ORIGINAL, tmp_path / "b_original.txt")
    errors: list = []
    copy_, original = read_pages([tmp_path / "a_copy.txt", tmp_path / "b_original.txt"], errors)
    assert copy_.duplicate_of is None and original.duplicate_of == "a_copy.txt"  # 4 of 5 paragraphs seen
    (ev,) = run([str(tmp_path)], settings(), errors.append)
    assert ev.outlets() == 1 and len(ev.sources) == 2


# ---------------------------------------------------------------- fixture pages through the CLI
@pytest.fixture(scope="module")
def extracted() -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "marsad", "extract", str(FUSION), "--ref-date", EXPECTED["ref_date"]],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def _case(entry: dict, check: str, ident: str):
    reason = (entry.get("known_failure") or {}).get(check) if isinstance(entry.get("known_failure"), dict) \
        else entry.get("known_failure")
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(entry, marks=marks, id=ident)


def _docs(record: dict) -> set[str]:
    return {s["doc"] for s in record["sources"]}


@pytest.mark.parametrize("want", [_case(e, "together", e["name"]) for e in EXPECTED["events"]])
def test_fixture_reports_of_one_event_become_one_record(extracted, want):
    holding = [r for r in extracted if _docs(r) & set(want["docs"])]
    assert [sorted(_docs(r)) for r in holding] == [sorted(want["docs"])]


@pytest.mark.parametrize("want", [_case(e, "fields", e["name"]) for e in EXPECTED["events"]
                                  if "together" not in (e.get("known_failure") or {})])
def test_fixture_fused_record_fields(extracted, want):
    (rec,) = [r for r in extracted if _docs(r) == set(want["docs"])]
    got = {"kind": rec["kind"], "date": rec["date"], "outlets": rec["outlets"],
           "states": sorted(p["country"] for p in rec["participants"] if p["role"] != "attendee"),
           "duplicates": {s["doc"]: s["duplicate_of"] for s in rec["sources"] if s.get("duplicate_of")}}
    assert got == {"kind": want["kind"], "date": want["date"], "outlets": want["outlets"],
                   "states": want["states"], "duplicates": want.get("duplicates", {})}


@pytest.mark.parametrize("pair", [_case(p, "", "-".join(d[:3] for d in p["docs"])) for p in EXPECTED["apart"]])
def test_fixture_near_misses_stay_apart(extracted, pair):
    for doc in pair["docs"]:
        assert any(doc in _docs(r) for r in extracted), f"{doc} yields no event: the near miss is not tested"
    assert not [r for r in extracted if set(pair["docs"]) <= _docs(r)], pair["why"]


def test_fixture_no_record_mixes_two_expected_events(extracted):
    groups = [set(e["docs"]) for e in EXPECTED["events"]]
    for rec in extracted:
        assert sum(1 for g in groups if _docs(rec) & g) == 1, sorted(_docs(rec))
        assert any(_docs(rec) <= g for g in groups), sorted(_docs(rec))


def test_fixture_every_page_is_listed_in_expected():
    listed = {d for e in EXPECTED["events"] for d in e["docs"]}
    assert listed == {p.name for p in FUSION.iterdir() if p.suffix in {".txt", ".html"}}


def test_two_reports_placed_in_different_states_are_two_events():
    """A Cairo reception of the Palestinian minister and his talks with the Egyptian one on the
    sidelines of a council in Tunis, neither dated nor in a named town of the other: two events."""
    cairo = make("a.txt", [("EGY", "محمود توفيق"), ("PSE", "زياد هب الريح")], date=None)
    tunis = make("b.txt", [("EGY", "محمود توفيق"), ("PSE", "زياد هب الريح")], date=None)
    tunis.location = Location("Tunis", "TUN")
    assert not same_event(cairo, tunis, settings())
    assert len(fuse([cairo, tunis], settings())) == 2


def test_a_report_naming_a_side_by_title_only_joins_the_event_with_that_title():
    """Two undated agreements of Iraq and Iran, each signed by a named adviser and a named visitor;
    a third report names neither and gives the titles of the second pair: it joins the second,
    not the first that sorts earlier."""
    iraq, iran = ("مستشار الأمن الوطني العراقي", "مستشار الأمن القومي العراقي"), \
        ("أمين المجلس الأعلى للأمن القومي الإيراني", "الأمين العام للمجلس الأعلى للأمن القومي الإيراني")
    first = make("a.txt", [("IRQ", "سالم الجبوري"), ("IRN", "حسين رضائي")], date=None, kind="agreement",
                 titles=(iraq[0], iran[0]))
    second = make("b.txt", [("IRQ", "كريم الموسوي"), ("IRN", "مهدي كاظمي")], date=None, kind="agreement",
                  titles=(iraq[1], iran[1]))
    nameless = make("c.txt", [("IRQ", None), ("IRN", None)], date=None, kind="agreement", titles=(iraq[1], iran[1]))
    records = by_docs(fuse([first, second, nameless], settings()))
    assert set(records) == {frozenset({"a.txt"}), frozenset({"b.txt", "c.txt"})}


def test_a_report_whose_sides_are_all_named_joins_the_first_event_they_name():
    """Names decide: a fully named report joins the first kept event with those names, whatever
    the titles (a later event is not searched)."""
    a = make("a.txt", [HOST, ("ESP", "لوسيا مارتين")], titles=("المدير العام للأمن الوطني", "سفيرة إسبانيا"))
    b = make("b.txt", [HOST, ("ESP", None)], titles=("المدير العام للأمن الوطني", "المديرة العامة للشرطة"))
    c = make("c.txt", [HOST, ("ESP", "لوسيا مارتين")], titles=("المدير العام للأمن الوطني", "المديرة العامة للشرطة"))
    records = by_docs(fuse([a, b, c], settings()))
    assert frozenset({"a.txt", "c.txt"}) in records
