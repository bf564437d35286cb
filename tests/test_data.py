"""The data tables of src/marsad/data: keys allowed, ISO codes valid, no collisions after folding."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
import yaml

from marsad.lexicons import lexicons
from marsad.normalize import fold_word

DATA = Path(__file__).resolve().parent.parent / "src" / "marsad" / "data"
TOPICS = {"counterterrorism", "violent_extremism", "illegal_migration", "human_trafficking", "organized_crime",
          "drug_trafficking", "cybercrime", "border_security", "information_sharing", "expertise_exchange",
          "training", "technical_assistance", "operational_cooperation", "regional_security", "major_event_security"}


def tsv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8") as f:
        return [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


ISO3 = {r["iso3"] for r in tsv("countries.tsv")}


def test_countries_cover_iso_3166():
    rows = tsv("countries.tsv")
    assert len(rows) == 249 and len(ISO3) == 249
    assert all(len(r["iso3"]) == 3 and r["iso3"].isupper() for r in rows)


def test_every_nisba_and_name_maps_to_one_country():
    owner: dict[str, set[str]] = {}
    for r in tsv("countries.tsv"):
        for form in r["names"].split("|") + r["nisbas"].split("|"):
            if form.strip():
                owner.setdefault(fold_word(form), set()).add(r["iso3"])
    assert [f for f, isos in owner.items() if len(isos) > 1] == []


@pytest.mark.parametrize("nisba, iso", [("الباكستانية", "PAK"), ("البلجيكية", "BEL"), ("الإماراتي", "ARE"),
                                        ("المغربية", "MAR"), ("البريطاني", "GBR"), ("الأمريكية", "USA"),
                                        ("الجزائريين", "DZA"), ("التونسي", "TUN"), ("الإسبانية", "ESP")])
def test_nisba_examples(nisba, iso):
    (hit,) = [e for _, _, e in lexicons().places.find(fold_word(nisba))]
    assert (hit.kind, hit.key) == ("nisba", iso)


def test_proclitics_are_handled_at_match_time():
    found = lexicons().places.find(fold_word("زيارة بمملكة بلجيكا وللمملكة المغربية والإمارات"))
    assert [e.key for _, _, e in found] == ["BEL", "MAR", "ARE"]


def test_cities_rows_are_valid():
    rows = tsv("cities.tsv")
    assert len(rows) > 1000
    assert {r["iso3"] for r in rows} <= ISO3
    assert all(-90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180 for r in rows)
    assert sum(r["capital"] == "1" for r in rows) >= 190


def test_agencies_rows_are_valid_and_unique():
    rows = tsv("agencies.tsv")
    assert {r["iso3"] for r in rows} <= ISO3 | {"*", "IGO"}
    assert {r["sector"] for r in rows} <= {"COP", "SPY", "GOV", "MIL", "JUD"}
    forms = Counter(fold_word(n) for r in rows for n in r["names"].split("|") if n.strip())
    assert [f for f, c in forms.items() if c > 1] == []
    assert len({r["iso3"] for r in rows} - {"*", "IGO"}) >= 50


def test_agency_cases_table():
    rows = []
    with open(Path(__file__).parent / "data" / "agency_cases.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    gaz = lexicons().agencies
    ok = 0
    for r in rows:
        hits = gaz.find(fold_word(r["text"]))
        country = next((e.key for _, _, e in lexicons().places.find(fold_word(r["text"])) if e.kind in {"nisba", "country"}), None)
        iso = hits[0][2].key if hits else ""
        iso = country if iso == "*" and country else ("" if iso == "*" else iso)
        ok += iso == (r["expected_iso3"] or "")
    assert ok / len(rows) >= 0.9, f"{ok}/{len(rows)}"


def test_months_have_every_variant_named_by_the_spec():
    months = yaml.safe_load((DATA / "months.yaml").read_text(encoding="utf-8"))["gregorian"]
    spec = ["يناير", "فبراير", "مارس", "أبريل", "إبريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه", "أغسطس", "سبتمبر",
            "أكتوبر", "نوفمبر", "ديسمبر", "ماي", "يوليوز", "غشت", "شتنبر", "نونبر", "دجنبر", "جانفي", "فيفري",
            "أفريل", "جوان", "جويلية", "أوت", "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز",
            "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول", "أغشت", "شتمبر", "دجمبر", "يونية", "يولية"]
    listed = {fold_word(v) for vs in months.values() for v in vs}
    assert [m for m in spec if fold_word(m) not in listed] == []
    owner: dict[str, set[int]] = {}
    for month, variants in months.items():
        for v in variants:
            owner.setdefault(fold_word(v), set()).add(month)
    assert [m for m, ms in owner.items() if len(ms) > 1] == []


def test_topics_use_the_spec_vocabulary():
    assert set(yaml.safe_load((DATA / "topics.yaml").read_text(encoding="utf-8"))) == TOPICS


def test_triggers_have_the_families():
    triggers = yaml.safe_load((DATA / "triggers.yaml").read_text(encoding="utf-8"))
    assert {"reception", "meeting", "call", "agreement", "planned", "negated", "background"} <= set(triggers)
