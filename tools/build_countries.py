#!/usr/bin/env python3
"""Regenerate ``src/marsad/data/countries.tsv``, marsad's Arabic country gazetteer.

One row per ISO 3166-1 country (all 249), columns ``iso3 iso2 name_en names nisbas``;
``names`` and ``nisbas`` are ``|``-separated Arabic lists (nisbas carry the article).

Where the data comes from
  * CLDR short names: ``babel.Locale('ar').territories``;
  * ISO names, common names and official long forms in Arabic: pycountry's gettext
    catalogue ``iso3166-1`` for ``ar`` (diacritics and shadda, U+064B-U+065F and U+0670,
    are stripped);
  * ``tools/countries_curated.tsv``: the hand-curated overlay. Its names are ADDED to the
    generated ones (an entry written ``-NAME`` removes a wrong generated name); its nisbas,
    when present, REPLACE the rule-derived ones (``-`` means "no nisba"). Countries without
    curated nisbas get nisbas derived by rule from a one-word CLDR short name
    (بنما -> البنمي/البنمية/البنميون/البنميين/البنميات); multi-word names get none.

marsad's runtime never imports babel or pycountry: only this script does, offline.

How to run (from the repository root)::

    python3 -m venv /tmp/h-countries
    /tmp/h-countries/bin/pip install babel pycountry
    /tmp/h-countries/bin/python tools/build_countries.py
    python3 tools/check_countries.py      # collisions after folding; must print one line

The script also runs the checker and exits non-zero when it finds a problem.
"""

from __future__ import annotations

import gettext
import re
import sys
from pathlib import Path

import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "tools" / "countries_curated.tsv"
OUTPUT = ROOT / "src" / "marsad" / "data" / "countries.tsv"
HEADER = ["iso3", "iso2", "name_en", "names", "nisbas"]

DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, shadda, dagger alef, tatweel
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
PARENS = re.compile(r"\s*\([^)]*\)")
CONJ = re.compile(r"(?<=\S)\s+و\s+")  # "البوسنة و الهرسك" -> "البوسنة والهرسك"
NISBA_SUFFIXES = ("ي", "ية", "يون", "يين", "يات")


def fold(text: str) -> str:
    """Same folding as marsad.normalize (kept local: this script must not need marsad)."""
    text = DIACRITICS.sub("", text)
    for a, b in (
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
    ):
        text = text.replace(a, b)
    return " ".join(text.split())


def clean(name: str) -> list[str]:
    """One raw CLDR/pycountry string -> the usable Arabic names in it."""
    name = DIACRITICS.sub("", name)
    name = PARENS.sub("", name)
    out = []
    for part in re.split(r"[،,]", name):  # pycountry's inverted forms "إيران، الجمهورية ..."
        part = CONJ.sub(" و", " ".join(part.split()))
        part = re.sub(r"\s*-\s*", "-", part)  # "الكونغو - كينشاسا" -> "الكونغو-كينشاسا"
        if len(part) >= 3 and ARABIC_LETTER.search(part) and not re.search("[A-Za-z]", part):
            out.append(part)
    return out


def variants(name: str) -> list[str]:
    """Spelling variants the folding does not cover."""
    out = [name]
    if "ديموقراط" in name:
        out.append(name.replace("ديموقراط", "ديمقراط"))
    elif "ديمقراط" in name:
        out.append(name.replace("ديمقراط", "ديموقراط"))
    for n in list(out):
        if "-" in n:
            out.append(" ".join(n.replace("-", " ").split()))
    return out


def derive_nisbas(short: str) -> list[str]:
    """Rule-derived nisbas from a one-word short name; [] when the rule does not apply."""
    if " " in short or "-" in short:
        return []
    w = short
    if w.endswith("يا") and len(w) > 4:  # كولومبيا -> كولومب
        stem = w[:-2]
    elif w.endswith(("ا", "ى", "ة", "ي", "و")) and not w.endswith("او"):
        stem = w[:-1]  # بنما -> بنم, جيبوتي -> جيبوت, بورتوريكو -> بورتوريك
    else:  # لبنان, كوراساو
        stem = w
    if not stem.startswith("ال"):
        stem = "ال" + stem
    return [stem + s for s in NISBA_SUFFIXES]


def split_list(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def load_curated(path: Path = CURATED) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    header_seen = False
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            if cols[:3] != ["iso3", "names", "nisbas"]:
                sys.exit(f"{path}:{lineno}: expected header iso3/names/nisbas/note")
            header_seen = True
            continue
        cols += [""] * (4 - len(cols))
        iso3, names, nisbas, note = cols[:4]
        if iso3 in rows:
            sys.exit(f"{path}:{lineno}: {iso3} listed twice")
        add = [n for n in split_list(names) if not n.startswith("-")]
        remove = [n[1:].strip() for n in split_list(names) if n.startswith("-")]
        rows[iso3] = {"add": add, "remove": remove, "nisbas": nisbas.strip(), "note": note}
    return rows


def unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for it in items:
        k = fold(it)
        if k and k not in seen:
            seen.add(k)
            out.append(it)
    return out


def build() -> list[list[str]]:
    curated = load_curated()
    known = {c.alpha_3 for c in pycountry.countries}
    unknown = sorted(set(curated) - known)
    if unknown:
        sys.exit(f"{CURATED}: not ISO 3166-1 alpha-3: {' '.join(unknown)}")
    ar = Locale("ar").territories
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"]).gettext
    rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        cur = curated.get(c.alpha_3, {"add": [], "remove": [], "nisbas": "", "note": ""})
        short = clean(ar.get(c.alpha_2, ""))
        raw = list(short)
        for attr in ("common_name", "name", "official_name"):
            en = getattr(c, attr, None)
            if en:
                raw += clean(tr(en))
        removed = {fold(n) for n in cur["remove"]}
        generated = [v for n in raw for v in variants(n) if fold(n) not in removed]
        names = unique(generated + [v for n in cur["add"] for c_ in clean(n) for v in variants(c_)])
        if cur["nisbas"] == "-":
            nisbas: list[str] = []
        elif cur["nisbas"]:
            nisbas = split_list(cur["nisbas"])
        else:
            nisbas = derive_nisbas(short[0]) if short else []
        name_en = getattr(c, "common_name", None) or c.name
        rows.append([c.alpha_3, c.alpha_2, name_en, "|".join(names), "|".join(unique(nisbas))])
    return rows


def main() -> int:
    rows = build()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(HEADER) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(rows)} countries")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import check_countries

    return check_countries.main([str(OUTPUT)])


if __name__ == "__main__":
    sys.exit(main())
