"""Loads the data tables in `src/marsad/data/` once and offers typed look-ups.

Every lexicon entry is folded (see `normalize.fold`) when loaded, so data files are written in
ordinary spelling and matched against folded text. Where a month name or a title lives:
`data/months.yaml`, `data/titles.yaml` (see docs/data.md for how to add one).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from .normalize import fold, fold_word

# Proclitics before a gazetteer entry: و ف ب ل ك and their chains (وب، ول، فب، وك ...).
PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "لل", "ولل", "بل")


DATA = Path(__file__).parent / "data"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _yaml(name: str) -> Any:
    return yaml.safe_load(_read(name))


def _tsv(name: str) -> list[dict[str, str]]:
    rows = csv.DictReader(_read(name).splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [r for r in rows if r and not next(iter(r.values()), "").startswith("#")]


def _lines(name: str) -> list[str]:
    return [ln.strip() for ln in _read(name).splitlines() if ln.strip() and not ln.startswith("#")]


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


@dataclass(slots=True)
class Entry:
    """A gazetteer hit: what it names (`key`), its kind and attributes."""

    kind: str  # country | nisba | city | agency | title | ...
    key: str
    form: str  # the folded form as listed
    attrs: dict[str, Any] = field(default_factory=dict)


class Gazetteer:
    """Aho-Corasick over folded text, accepting proclitics and word boundaries.

    >>> g = Gazetteer([Entry("country", "BEL", fold_word("بلجيكا"))])
    >>> [(s, e, h.key) for s, e, h in g.find("زيارة بمملكة بلجيكا ووبلجيكا")]
    [(13, 19, 'BEL')]
    """

    def __init__(self, entries: list[Entry]):
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[Entry]] = {}
        for entry in entries:
            for form in self._forms(entry.form):
                table.setdefault(form, []).append(entry)
        for form, hits in table.items():
            self.automaton.add_word(form, (len(form), hits))
        if table:
            self.automaton.make_automaton()
        self.empty = not table

    @staticmethod
    def _forms(form: str) -> list[str]:
        # "لل" + "المغرب" is written "للمغرب": the article's alif drops after lam.
        return [form, form[1:]] if form.startswith("ال") else [form]

    def find(self, folded: str) -> list[tuple[int, int, Entry]]:
        """Longest non-overlapping hits (start, end, entry) in `folded` text."""
        if self.empty:
            return []
        found = []
        for end, (length, hits) in self.automaton.iter(folded):
            start, stop = end - length + 1, end + 1
            if stop < len(folded) and folded[stop].isalnum():
                continue
            prefix_start = start
            while prefix_start > 0 and folded[prefix_start - 1].isalpha():
                prefix_start -= 1
            prefix = folded[prefix_start:start]
            alif_dropped = hits[0].form.startswith("ال") and not folded.startswith("ال", start)
            if alif_dropped and not prefix.endswith("ل"):
                continue
            if alif_dropped:
                prefix = prefix[:-1]
            if prefix not in PROCLITICS:
                continue
            found.append((start, stop, hits))
        found.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        kept: list[tuple[int, int, Entry]] = []
        last = -1
        for start, stop, hits in sorted(found, key=lambda h: (-(h[1] - h[0]), h[0])):
            if any(s < stop and start < e for s, e, _ in kept):
                continue
            kept.append((start, stop, hits[0]))
            last = max(last, stop)
        return sorted(kept, key=lambda h: h[0])

    def find_all(self, folded: str) -> list[tuple[int, int, list[Entry]]]:
        """Like `find` but keeps every entry sharing a form (ambiguous names)."""
        out = []
        for start, stop, entry in self.find(folded):
            _, hits = self.automaton.get(folded[start:stop], (0, [entry]))
            out.append((start, stop, hits))
        return out


@dataclass(slots=True)
class Lexicons:
    months: dict[str, int]
    hijri_months: dict[str, int]
    ambiguous_months: set[str]
    weekdays: dict[str, int]
    chrome: dict[str, list[str]]
    function_words: set[str]
    honorifics: list[str]
    titles: dict[str, Any]
    places: Gazetteer  # countries, nisbas, cities
    agencies: Gazetteer
    title_heads: Gazetteer
    countries: dict[str, dict[str, str]]
    topics: dict[str, list[re.Pattern[str]]]
    triggers: dict[str, Any]
    extra: dict[str, Any]  # org_words, not_names, trigger_words: word sets for the people grammar


def _places(common: set[str]) -> tuple[list[Entry], dict[str, dict[str, str]]]:
    """Countries, nisbas and cities. A small town named like a common word (إطار، العين) is
    marked `common`: it needs a city cue (مدينة، ب) before it to count as a place."""
    entries, countries = [], {}
    for row in _tsv("countries.tsv"):
        iso = row["iso3"]
        countries[iso] = {"name_en": row["name_en"], "iso2": row["iso2"]}
        entries += [Entry("country", iso, fold_word(n)) for n in _split(row["names"])]
        entries += [Entry("nisba", iso, fold_word(n)) for n in _split(row["nisbas"])]
    for row in _tsv("cities.tsv"):
        attrs = {"name_en": row["name_en"], "geonameid": int(row["geonameid"]), "iso3": row["iso3"],
                 "lat": float(row["lat"]), "lon": float(row["lon"]), "capital": row["capital"] == "1",
                 "default": row.get("default", "1") != "0", "population": int(row["population"] or 0)}
        for name in _split(row["names_ar"]):
            form = fold_word(name)
            small = attrs["population"] < 500_000 and not attrs["capital"]
            entries.append(Entry("city", row["name_en"], form, {**attrs, "common": small and form in common}))
    return entries, countries


def _agencies() -> list[Entry]:
    return [Entry("agency", row["iso3"], fold_word(n), {"sector": row["sector"], "name_en": row["name_en"]})
            for row in _tsv("agencies.tsv") for n in _split(row["names"])]


def _title_heads(titles: dict[str, Any]) -> list[Entry]:
    out = []
    for concept, spec in (titles.get("functions") or {}).items():
        out += [Entry("title", concept, fold_word(f), {"sector": spec.get("sector")}) for f in spec["forms"]]
    out += [Entry("rank", r, fold_word(r)) for r in titles.get("ranks") or []]
    return out


def _topic_patterns(spec: dict[str, list[str]]) -> dict[str, list[re.Pattern[str]]]:
    """One expression per topic: its cues folded and joined (one search per topic and paragraph)."""
    return {topic: [re.compile("|".join(f"(?:{fold(p, lower=False).text})" for p in cues))]
            for topic, cues in spec.items()}


@functools.cache
def lexicons() -> Lexicons:
    """All lexicons, loaded and folded once per process."""
    months = _yaml("months.yaml")
    titles = _yaml("titles.yaml")
    function_words = {fold_word(w) for w in _lines("function_words.txt")}
    common = {fold_word(w) for w in _lines("common_words.txt")} | function_words
    place_entries, countries = _places(common)
    triggers = _yaml("triggers.yaml")
    return Lexicons(
        months={fold_word(v): int(k) for k, vs in months["gregorian"].items() for v in vs},
        hijri_months={fold_word(v): int(k) for k, vs in months["hijri"].items() for v in vs},
        ambiguous_months={fold_word(v) for v in months["ambiguous"]},
        weekdays={fold_word(v): int(k) for k, vs in _yaml("weekdays.yaml").items() for v in vs},
        chrome={k: [fold_word(v) for v in vs] for k, vs in _yaml("chrome.yaml").items()},
        function_words=function_words,
        honorifics=sorted((fold_word(h) for h in _lines("honorifics.txt")), key=len, reverse=True),
        titles=titles,
        places=Gazetteer(place_entries),
        agencies=Gazetteer(_agencies()),
        title_heads=Gazetteer(_title_heads(titles)),
        countries=countries,
        topics=_topic_patterns(_yaml("topics.yaml")),
        triggers=triggers,
        extra={
            "org_words": {fold_word(w) for w in _lines("org_words.txt")},
            "not_names": {fold_word(w) for w in _lines("not_names.txt")},
            "common_words": common,
            "first_names": {fold_word(w) for line in _lines("first_names.txt") for w in line.split()},
            "news_agencies": [(fold_word(n), r["iso3"]) for r in _tsv("news_agencies.tsv") for n in _split(r["names"])],
            "capitals": {e.attrs["iso3"]: e for e in place_entries if e.kind == "city" and e.attrs["capital"]},
            "trigger_words": {fold_word(f.split()[0]) for fam in triggers.values() if isinstance(fam, dict)
                              for forms in fam.values() for f in forms} - function_words,
        },
    )
