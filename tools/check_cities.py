#!/usr/bin/env python3
"""Lint ``src/marsad/data/cities.tsv`` (the city gazetteer).

Run from the repository root with any Python 3.9+ (no third-party package
needed; if pycountry is importable its ISO list is used as well)::

    python3 tools/check_cities.py [--tsv PATH] [--curated PATH]

Reports, one problem per line:
  * an Arabic name (after folding: no diacritics/tatweel, أ/إ/آ/ٱ->ا, ى->ي,
    ة->ه) held by several rows that is not a documented ambiguity (an
    ``ambiguous`` line of tools/cities_curated.tsv), or whose documented
    default row is missing / not flagged ``default`` = 1;
  * a ``default`` = 1 row that wins no shared name; a documented ambiguity
    that is no longer shared;
  * rows without an Arabic name, names with non-Arabic or Persian/Urdu
    letters, the same name twice in one row;
  * an iso3 that is not ISO 3166-1 alpha-3; bad numbers, flags, ids; more
    than one capital per country.
With ``--notes`` it also lists names that read as a clitic + another name
(وجدة = و + جدة): not errors, but the matcher must prefer the longer reading.
Ends with a summary line; prints "clean" and exits 0 when there is nothing to
report, exits 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TSV = ROOT / "src" / "marsad" / "data" / "cities.tsv"
DEFAULT_CURATED = ROOT / "tools" / "cities_curated.tsv"

COLUMNS = ["geonameid", "name_en", "iso3", "lat", "lon", "population",
           "capital", "names_ar", "default"]

_ISO3 = """
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL
BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA
CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM
CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA
FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM
GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY
JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU
LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ
MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL
OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS
RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK
SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV
TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF
ZMB ZWE"""
ISO3 = set(_ISO3.split())

# Letters of Persian, Urdu, Kurdish, Pashto... that Arabic news never uses.
NON_ARABIC_LETTERS = "پچژگکیۀےٹڈڑںڕەۆێڵښږځڅټډړګېۍھہ"
_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A]+([ \-][\u0621-\u063A\u0641-\u064A]+)*$")
_DIACRITICS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")


def fold(s: str) -> str:
    """Same folding as tools/build_cities.py (and the matcher must use it)."""
    s = unicodedata.normalize("NFC", s)
    s = _DIACRITICS.sub("", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub("[\u0622\u0623\u0625\u0671]", "\u0627", s)
    return s.replace("\u0649", "\u064A").replace("\u0629", "\u0647")


def load_ambiguous(path: Path) -> dict[str, int]:
    amb: dict[str, int] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 5 and cells[3] == "ambiguous":
                amb[fold(cells[4])] = int(cells[0])
    return amb


def check(tsv: Path, curated: Path) -> tuple[list[str], dict]:
    problems: list[str] = []
    iso3 = set(ISO3)
    try:  # optional cross-check
        import pycountry
        iso3 = {c.alpha_3 for c in pycountry.countries}
    except ImportError:
        pass

    lines = tsv.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != COLUMNS:
        return [f"header must be: {' '.join(COLUMNS)}"], {}
    rows = []
    seen_ids: set[str] = set()
    capitals: dict[str, list[str]] = collections.defaultdict(list)
    for n, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            problems.append(f"line {n}: {len(cells)} columns")
            continue
        r = dict(zip(COLUMNS, cells, strict=True))
        r["line"] = n
        where = f"line {n} ({r['geonameid']} {r['name_en']}, {r['iso3']})"
        if not r["geonameid"].isdigit():
            problems.append(f"{where}: geonameid not a number")
        elif r["geonameid"] in seen_ids:
            problems.append(f"{where}: geonameid repeated")
        seen_ids.add(r["geonameid"])
        if r["iso3"] not in iso3:
            problems.append(f"{where}: invalid ISO3 {r['iso3']!r}")
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError
        except ValueError:
            problems.append(f"{where}: bad lat/lon")
        if not r["population"].isdigit():
            problems.append(f"{where}: bad population")
        for col in ("capital", "default"):
            if r[col] not in ("0", "1"):
                problems.append(f"{where}: {col} must be 0 or 1")
        if r["capital"] == "1":
            capitals[r["iso3"]].append(r["name_en"])
        names = [x for x in r["names_ar"].split("|")] if r["names_ar"] else []
        if not names:
            problems.append(f"{where}: no Arabic name")
        keys = []
        for name in names:
            if any(ch in NON_ARABIC_LETTERS for ch in name):
                problems.append(f"{where}: Persian/Urdu letter in {name!r}")
            elif not _ARABIC_NAME.match(name):
                problems.append(f"{where}: not a plain Arabic name {name!r}")
            keys.append(fold(name))
        for k, c in collections.Counter(keys).items():
            if c > 1:
                problems.append(f"{where}: {k} twice in the row")
        r["keys"] = set(keys)
        r["where"] = where
        rows.append(r)

    for cc, names in sorted(capitals.items()):
        if len(names) > 1:
            problems.append(f"{cc}: {len(names)} capitals: {', '.join(names)}")

    amb = load_ambiguous(curated)
    holders: dict[str, list[dict]] = collections.defaultdict(list)
    for r in rows:
        for k in r["keys"]:
            holders[k].append(r)
    winners: set[str] = set()
    shared = 0
    for k, rs in sorted(holders.items()):
        if len(rs) < 2:
            continue
        shared += 1
        desc = "; ".join(f"{r['geonameid']} {r['name_en']} {r['iso3']}" for r in rs)
        if k not in amb:
            problems.append(f"shared name not in the ambiguity list: {k} <- {desc}")
            continue
        win = [r for r in rs if int(r["geonameid"]) == amb[k]]
        if not win:
            problems.append(f"ambiguity {k}: default row {amb[k]} does not hold it ({desc})")
            continue
        winners.add(win[0]["geonameid"])
        if win[0]["default"] != "1":
            problems.append(f"ambiguity {k}: {win[0]['where']} should have default = 1")
    for k, gid in sorted(amb.items()):
        if len(holders.get(k, [])) < 2:
            problems.append(f"ambiguity list entry {k} ({gid}) is no longer shared")
    for r in rows:
        if r["default"] == "1" and r["geonameid"] not in winners:
            problems.append(f"{r['where']}: default = 1 but wins no shared name")
    losers = {r["geonameid"] for k, rs in holders.items() if len(rs) > 1 and k in amb
              for r in rs if int(r["geonameid"]) != amb[k]}
    for r in rows:
        if r["geonameid"] in winners and r["geonameid"] in losers:
            problems.append(f"{r['where']}: wins one shared name and loses another")

    # Informational: a name that is another name plus a clitic (باريس =
    # ب + آريس, وجدة = و + جدة): the matcher must prefer the longer reading.
    notes = []
    for k, rs in sorted(holders.items()):
        if k.startswith("ال"):
            longer = [p + k[2:] for p in ("بال", "وال", "فال", "كال", "لل", "وبال")]
        else:
            longer = [p + k for p in ("ب", "و", "ل", "ف", "ك", "وب", "ول")]
        for w in longer:
            for other in holders.get(w, []):
                notes.append(f"note: {w} ({other['name_en']}, {other['iso3']}) also reads as "
                             f"clitic + {k} ({', '.join(r['name_en'] + ' ' + r['iso3'] for r in rs)})")
    stats = {"notes": notes, "rows": len(rows), "names": sum(len(r["keys"]) for r in rows),
             "capitals": sum(len(v) for v in capitals.values()),
             "countries": len({r["iso3"] for r in rows}), "shared": shared}
    return problems, stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Lint the city gazetteer.")
    ap.add_argument("--tsv", type=Path, default=DEFAULT_TSV)
    ap.add_argument("--curated", type=Path, default=DEFAULT_CURATED)
    ap.add_argument("--notes", action="store_true",
                    help="also list names that read as clitic + another name")
    a = ap.parse_args(argv)
    problems, st = check(a.tsv, a.curated)
    for p in problems:
        print(p)
    if a.notes:
        for n in st.get("notes", []):
            print(n)
    print(f"{a.tsv.name}: {st.get('rows', 0)} rows, {st.get('names', 0)} Arabic names, "
          f"{st.get('countries', 0)} countries, {st.get('capitals', 0)} capitals, "
          f"{st.get('shared', 0)} documented shared names; "
          + (f"{len(problems)} problems" if problems else "clean"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
