#!/usr/bin/env python3
"""Check src/marsad/data/countries.tsv for collisions after folding and bad ISO codes.

Usage::

    python3 tools/check_countries.py [PATH]

Folding is marsad's own (``marsad.normalize.fold_word``: no diacritics or tatweel,
أ/إ/آ/ٱ -> ا, ى -> ي, ة -> ه, ...), with a local copy when marsad is not importable.
Reported, one line each:

  * a name or nisba that two countries share (names vs names, nisbas vs nisbas, name vs nisba);
  * a name of one country that the matcher's generic state prefixes (دولة، مملكة، جمهورية،
    سلطنة، إمارة) or proclitics (و ب ل ك ف، بال، لل) turn into a name or nisba of another;
  * malformed rows, malformed or duplicate ISO codes, and (when pycountry is installed)
    codes that are not ISO 3166-1 or a table that misses some of its 249 countries;
  * empty entries, stray spaces, non-Arabic characters, duplicates inside one row.

A name that is also a nisba of the SAME country (السعودية) is allowed.
When the table is clean it prints a single summary line and exits 0; otherwise 1.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "src" / "marsad" / "data" / "countries.tsv"
HEADER = ["iso3", "iso2", "name_en", "names", "nisbas"]
STATE_PREFIXES = ("دولة", "مملكة", "جمهورية", "سلطنة", "إمارة")
PROCLITICS = ("و", "ب", "ل", "ك", "ف", "وب", "ول", "وك", "فب", "فل")
ENTRY = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+(?:[ -][\u0621-\u063a\u0641-\u064a]+)*$")

try:
    sys.path.insert(0, str(ROOT / "src"))
    from marsad.normalize import fold_word as _fold
except Exception:  # marsad not importable: same folding, kept in step with marsad.normalize
    _DEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f]")
    _REP = [
        ("أ", "ا"),
        ("إ", "ا"),
        ("آ", "ا"),
        ("ٱ", "ا"),
        ("ى", "ي"),
        ("ة", "ه"),
        ("ؤ", "و"),
        ("ئ", "ي"),
        ("ک", "ك"),
        ("ی", "ي"),
    ]

    def _fold(text: str) -> str:
        text = _DEL.sub("", text)
        for a, b in _REP:
            text = text.replace(a, b)
        return text.lower()


def fold(text: str) -> str:
    return " ".join(_fold(text).split())


def clitic_forms(entry: str) -> set[str]:
    """Surface forms of a folded entry with a proclitic in front."""
    forms = {p + entry for p in PROCLITICS}
    if entry.startswith("ال"):
        forms |= {p + "ل" + entry[2:] for p in ("ل", "ول", "فل")}  # للمغرب، وللمغرب
    return forms


def check(path: Path) -> tuple[list[str], str]:
    problems: list[str] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != HEADER:
        return [f"{path}: header must be {' '.join(HEADER)}"], ""
    iso3s: dict[str, int] = {}
    iso2s: dict[str, int] = {}
    owners: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # fold -> kind -> isos
    n_names = n_nisbas = no_nisba = 0
    rows = []
    for lineno, line in enumerate(lines[1:], 2):
        cols = line.split("\t")
        if len(cols) != 5:
            problems.append(f"line {lineno}: {len(cols)} columns, expected 5")
            continue
        iso3, iso2, name_en, names, nisbas = cols
        rows.append((iso3, iso2))
        if not re.fullmatch("[A-Z]{3}", iso3):
            problems.append(f"line {lineno}: invalid iso3 {iso3!r}")
        if not re.fullmatch("[A-Z]{2}", iso2):
            problems.append(f"line {lineno}: invalid iso2 {iso2!r}")
        for code, seen in ((iso3, iso3s), (iso2, iso2s)):
            if code in seen:
                problems.append(f"line {lineno}: {code} already on line {seen[code]}")
            seen[code] = lineno
        if not name_en.strip():
            problems.append(f"line {lineno}: {iso3} has no English name")
        name_list = names.split("|") if names else []
        nisba_list = nisbas.split("|") if nisbas else []
        if not name_list:
            problems.append(f"line {lineno}: {iso3} has no Arabic name")
        if not nisba_list:
            no_nisba += 1
        n_names += len(name_list)
        n_nisbas += len(nisba_list)
        for kind, items in (("name", name_list), ("nisba", nisba_list)):
            seen_here: set[str] = set()
            for it in items:
                if not ENTRY.match(_fold(it)):
                    problems.append(
                        f"line {lineno}: {iso3} {kind} {it!r}: empty, stray space or non-Arabic character"
                    )
                f = fold(it)
                if f in seen_here:
                    problems.append(f"line {lineno}: {iso3} {kind} {it!r} listed twice (after folding)")
                seen_here.add(f)
                owners[f][kind].add(iso3)
                if kind == "nisba" and not f.startswith("ال"):
                    problems.append(f"line {lineno}: {iso3} nisba {it!r} lacks the article")

    # 1. the same folded string for two countries
    for f, kinds in sorted(owners.items()):
        isos = set().union(*kinds.values())
        if len(isos) > 1:
            where = "; ".join(f"{k}: {' '.join(sorted(v))}" for k, v in sorted(kinds.items()))
            problems.append(f"collision {f!r} -> {where}")

    def owner(f: str) -> set[str]:
        return set().union(*owners[f].values()) if f in owners else set()

    # 2. matcher-generated forms that land on another country
    for f, kinds in sorted(owners.items()):
        mine = set().union(*kinds.values())
        if "name" in kinds:
            for p in STATE_PREFIXES:
                other = owner(fold(p + " " + f)) - mine
                if other:
                    problems.append(
                        f"prefix collision {p} + {f!r} ({' '.join(sorted(mine))}) -> {' '.join(sorted(other))}"
                    )
        for form in clitic_forms(f):
            other = owner(form) - mine
            if other:
                problems.append(
                    f"proclitic collision {form!r} = clitic + {f!r} ({' '.join(sorted(mine))}) -> {' '.join(sorted(other))}"
                )

    # 3. ISO 3166-1 membership, when pycountry is at hand
    iso_note = "ISO codes: format only (pycountry not installed)"
    try:
        import pycountry
    except ImportError:
        if len(rows) != 249:
            problems.append(f"{len(rows)} countries, ISO 3166-1 has 249")
    else:
        iso = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
        for iso3, iso2 in rows:
            if iso3 not in iso:
                problems.append(f"{iso3}: not an ISO 3166-1 alpha-3 code")
            elif iso[iso3] != iso2:
                problems.append(f"{iso3}: alpha-2 is {iso[iso3]}, not {iso2}")
        missing = sorted(set(iso) - set(iso3s))
        if missing:
            problems.append(f"missing ISO 3166-1 countries: {' '.join(missing)}")
        iso_note = "ISO codes checked against pycountry"
    summary = (
        f"{path.name}: {len(rows)} countries, {n_names} names, {n_nisbas} nisbas "
        f"({no_nisba} countries without nisba), {len(problems)} problems; {iso_note}"
    )
    return problems, summary


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else DEFAULT
    problems, summary = check(path)
    for p in problems:
        print(p)
    print(summary)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
