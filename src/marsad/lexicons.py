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
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

import yaml

from .normalize import fold, fold_word
from .outlets import OutletTable, outlet_table
from .speedups import Automaton
from .speedups import matches_at as _matches_at

# Proclitics before a gazetteer entry: و ف ب ل ك and their chains (وب، ول، فب، وك ...).
PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "لل", "ولل", "بل")
PROCLITIC_SET = frozenset(PROCLITICS)


DATA = Path(__file__).parent / "data"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _yaml(name: str) -> Any:
    return yaml.load(_read(name), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when built


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
        table: dict[str, list[Entry]] = {}
        for entry in entries:
            for form in self._forms(entry.form):
                table.setdefault(form, []).append(entry)
        self.pairs = [(form, (len(form), hits, hits[0].form.startswith("ال") and not form.startswith("ال")))
                      for form, hits in table.items()]  # dropped: "لمغرب" of "للمغرب"
        self.automaton = automaton(self.pairs)

    @staticmethod
    def _forms(form: str) -> list[str]:
        # "لل" + "المغرب" is written "للمغرب": the article's alif drops after lam.
        return [form, form[1:]] if form.startswith("ال") else [form]

    def find(self, folded: str) -> list[tuple[int, int, Entry]]:
        """Longest non-overlapping hits (start, end, entry) in `folded` text."""
        return [(start, stop, hits[0]) for start, stop, hits in self.find_all(folded)]

    def find_all(self, folded: str) -> list[tuple[int, int, list[Entry]]]:
        """Like `find` but keeps every entry sharing a form (ambiguous names)."""
        return self.automaton.words(folded, PROCLITIC_SET)


def automaton(pairs: list[tuple[str, Any]]) -> Any:
    """An Aho-Corasick automaton over (key, value) pairs: `iter`, `starts`, `words` (speedups)."""
    return Automaton(pairs)


def anchors(pattern: str, most: int = 24) -> set[str] | None:
    """Literal strings one of which every match of `pattern` contains, or None if none are found.

    >>> sorted(anchors(r"(?:جريمة|جرائم)\\s+(?:ال)?منظمة"))
    ['جرائم', 'جريمة']
    >>> sorted(anchors(r"(?:تبادل|تقاسم)(?:\\s+\\S+){0,3}?\\s+(?:معلومات|معطيات)"))
    ['معطيات', 'معلومات']
    """
    try:
        found = _anchors(list(sre_parser.parse(pattern)), most)
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    return found if found and min(map(len, found)) >= 3 else None


def _anchors(items: list[Any], most: int) -> set[str] | None:
    """The best anchor set of a parsed sequence: a run of literals (alternatives multiplied out), or
    the anchors of one mandatory group inside it; the one whose shortest string is longest wins."""
    best: set[str] | None = None
    run: set[str] = {""}

    def better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
        if not b or b == {""}:
            return a
        return b if a is None or min(map(len, b)) > min(map(len, a)) else a

    for op, av in items + [(None, None)]:
        alternatives = _literal_alternatives(op, av)
        if alternatives is not None and len(run) * len(alternatives) <= most:
            run = {x + y for x in run for y in alternatives}
            continue
        best = better(best, run)
        run = {""} if alternatives is None else alternatives
        if alternatives is None and op is not None:
            best = better(best, _mandatory(op, av, most))
    return best


def _literal_alternatives(op: Any, av: Any) -> set[str] | None:
    """The strings a parsed item matches if it is a literal or an alternation of literals (the
    complete case of `_item_leads`)."""
    found = _item_leads(op, av, 64)
    return found[0] if found is not None and found[1] else None


def _mandatory(op: Any, av: Any, most: int) -> set[str] | None:
    """Anchors inside a group or a repeat that must match at least once."""
    if op is sre_constants.SUBPATTERN:
        return _anchors(list(av[3].data), most)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] >= 1:
        return _anchors(list(av[2].data), most)
    if op is sre_constants.BRANCH:
        options = [_anchors(list(b.data), most) for b in av[1]]
        return set().union(*options) if all(options) else None  # type: ignore[arg-type]
    return None


def leads(pattern: str, most: int = 64) -> set[str] | None:
    """Literal strings one of which every match of `pattern` starts with (3 characters or more), or
    None: the pattern can then be tried only where one is written (`pattern.match` there).

    >>> sorted(leads(r"(?:جريمة|جرائم)\\s+(?:ال)?منظمة"))
    ['جرائم', 'جريمة']
    >>> sorted(leads(r"و?(?:ال)?حدود"))
    ['الحدود', 'حدود', 'والحدود', 'وحدود']
    >>> leads(r"\\S+\\s+حدود") is None
    True
    """
    try:
        parsed = sre_parser.parse(pattern)
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found, _ = _leads(list(parsed), most)
    return found if min(map(len, found)) >= 3 else None


ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)


def _leads(items: list[Any], most: int) -> tuple[set[str], bool]:
    """(prefixes, complete) of a parsed sequence: every match starts with one of the prefixes;
    complete if they are all the strings the sequence can match."""
    out = {""}
    for op, av in items:
        if op in ZERO_WIDTH:
            continue
        sub = _item_leads(op, av, most)
        if sub is None or len(out) * len(sub[0]) > most:
            return out, False
        out = {x + y for x in out for y in sub[0]}
        if not sub[1]:
            return out, False
    return out, True


def _item_leads(op: Any, av: Any, most: int) -> tuple[set[str], bool] | None:
    if op is sre_constants.LITERAL:
        return {chr(av)}, True
    if op is sre_constants.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _leads(list(av[3].data), most)  # (?i:...): not literal
    if op is sre_constants.BRANCH:
        subs = [_leads(list(b.data), most) for b in av[1]]
        return set().union(*(s for s, _ in subs)), all(c for _, c in subs)
    if op is sre_constants.IN and all(o is sre_constants.LITERAL for o, _ in av) and len(av) <= 4:
        return {chr(c) for _, c in av}, True
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[1] == 1:  # optional, or once
        inner, complete = _leads(list(av[2].data), most)
        return (inner | {""} if av[0] == 0 else inner), complete
    return None


class Prefilter:
    """Which of many keyed regular expressions match a text, from one Aho-Corasick pass. An
    expression whose matches all start with one of a few literals (`leads`) is tried with
    `match` only where one is written; one with a literal elsewhere inside (`anchors`), in a
    window around it; one with neither, everywhere.

    >>> f = Prefilter({"drugs": ["(?:ال)?مخدرات", "كوكايين"], "terror": ["ارهاب"], "arms": [r"\\S+ الاسلحه"]})
    >>> sorted(f.matching("مكافحة المخدرات وتهريب الاسلحه"))
    ['arms', 'drugs']
    """

    REACH = 160  # characters a match may extend on either side of its anchor

    def __init__(self, patterns: dict[str, list[str]]):
        self.compiled = {key: [re.compile(cue) for cue in cues] for key, cues in patterns.items()}
        self.always: list[tuple[str, int]] = []
        owners: dict[str, list[tuple[str, int, bool]]] = {}  # literal -> (key, cue, is a lead)
        for key, cues in patterns.items():
            for n, cue in enumerate(cues):
                lead = leads(cue)
                found = lead or anchors(cue)
                if found is None:
                    self.always.append((key, n))
                for literal in found or ():
                    owners.setdefault(literal, []).append((key, n, lead is not None))
        self.automaton = automaton([(a, (len(a), tuple(keys))) for a, keys in owners.items()])
        self.empty = not owners

    def matching(self, text: str) -> set[str]:
        """The keys one of whose expressions matches somewhere in `text`."""
        found = {key for key, n in self.always if self.compiled[key][n].search(text)}
        if self.empty:
            return found
        windows: dict[tuple[str, int], list[int]] = {}
        for end, (length, owners) in self.automaton.iter(text):
            for key, n, lead in owners:
                if key in found:
                    continue
                if not lead:
                    windows.setdefault((key, n), []).append(end + 1)
                elif self.compiled[key][n].match(text, end + 1 - length):
                    found.add(key)
        for (key, n), ends in windows.items():
            if key not in found and self._near(self.compiled[key][n], text, ends):
                found.add(key)
        return found

    def _near(self, pattern: re.Pattern[str], text: str, ends: list[int]) -> bool:
        """Does `pattern` match `text` near one of the anchor `ends`? (windows merged when they overlap)"""
        lo = hi = -1
        for end in ends + [len(text) + 3 * self.REACH]:  # a last window past any anchor
            if end - self.REACH > hi:
                if hi > lo and pattern.search(text, max(0, lo), hi):
                    return True
                lo = end - self.REACH
            hi = end + self.REACH
        return False


class Starts:
    """Where any of a set of words starts in a text, from one Aho-Corasick pass. An expression that
    begins with one of them can then be tried only there (`matches_at`) instead of scanning.
    Words may be grouped under labels (one pass serves several expressions).

    >>> Starts(["يناير", "كانون"]).find("في 3 يناير و8 كانون الثاني")
    [5, 14]
    >>> Starts({"month": ["يناير"], "day": ["اليوم"]}).find_labelled("اليوم 3 يناير")
    {'day': [0], 'month': [8]}
    """

    def __init__(self, words: list[str] | dict[str, list[str]]):
        labelled = words if isinstance(words, dict) else {"": words}
        labels: dict[str, list[str]] = {}
        for label, group in labelled.items():
            for word in group:
                labels.setdefault(word, []).append(label)
        self.automaton = automaton([(word, (len(word), tuple(where))) for word, where in labels.items()])
        self.labels = list(labelled)

    def find(self, text: str) -> list[int]:
        return self.automaton.starts(text)

    def find_labelled(self, text: str) -> dict[str, list[int]]:
        return self.automaton.labelled(text, self.labels)


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int], start: int = 0,
               end: int | None = None) -> list[re.Match[str]]:
    """`pattern.finditer(text, start, end)` for a pattern that can only match at `starts`."""
    return _matches_at(pattern, text, starts, start, end)


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
    topics: Prefilter  # topic -> its cue expressions
    triggers: dict[str, Any]
    extra: dict[str, Any]  # org_words, not_names, trigger_words: word sets for the people grammar
    outlets: OutletTable  # data/outlets.tsv: domain and name -> outlet, country (outlets.outlet_of)


def _places(common: set[str], calendar: set[str] = frozenset()) -> tuple[list[Entry], dict[str, dict[str, str]]]:
    """Countries, nisbas and cities. A small town named like a common word (إطار، العين), and any
    city named like a month or a weekday (إب is written آب, August, once folded), is marked
    `common`: it needs a city cue (مدينة، ب) before it to count as a place."""
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
            entries.append(Entry("city", row["name_en"], form,
                                 {**attrs, "common": small and form in common or form in calendar}))
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


def _topic_cues(spec: dict[str, list[str]]) -> dict[str, list[str]]:
    return {topic: [fold(p, lower=False).text for p in cues] for topic, cues in spec.items()}


@functools.cache
def lexicons() -> Lexicons:
    """All lexicons, loaded and folded once per process."""
    months = _yaml("months.yaml")
    titles = _yaml("titles.yaml")
    function_words = {fold_word(w) for w in _lines("function_words.txt")}
    common = {fold_word(w) for w in _lines("common_words.txt")} | function_words
    weekdays = {fold_word(v): int(k) for k, vs in _yaml("weekdays.yaml").items() for v in vs}
    calendar = {fold_word(v) for part in ("gregorian", "hijri") for vs in months[part].values() for v in vs} | set(weekdays)
    place_entries, countries = _places(common, calendar)
    triggers = _yaml("triggers.yaml")
    topic_cues = _topic_cues(_yaml("topics.yaml"))
    return Lexicons(
        months={fold_word(v): int(k) for k, vs in months["gregorian"].items() for v in vs},
        hijri_months={fold_word(v): int(k) for k, vs in months["hijri"].items() for v in vs},
        ambiguous_months={fold_word(v) for v in months["ambiguous"]},
        weekdays=weekdays,
        chrome={k: [fold_word(v) for v in vs] for k, vs in _yaml("chrome.yaml").items()},
        function_words=function_words,
        honorifics=sorted((fold_word(h) for h in _lines("honorifics.txt")), key=len, reverse=True),
        titles=titles,
        places=Gazetteer(place_entries),
        agencies=Gazetteer(_agencies()),
        title_heads=Gazetteer(_title_heads(titles)),
        countries=countries,
        topics=Prefilter(topic_cues),
        triggers=triggers,
        extra={
            "date_words": _yaml("date_words.yaml"),  # folded by extract/date_words.py
            "org_words": {fold_word(w) for w in _lines("org_words.txt")},
            "not_names": {fold_word(w) for w in _lines("not_names.txt")},
            "common_words": common,
            "first_names": {fold_word(w) for line in _lines("first_names.txt") for w in line.split()},
            "news_agencies": [(fold_word(n), r["iso3"]) for r in _tsv("news_agencies.tsv") for n in _split(r["names"])],
            "capitals": {e.attrs["iso3"]: e for e in place_entries if e.kind == "city" and e.attrs["capital"]},
            "trigger_words": {fold_word(f.split()[0]) for fam in triggers.values() if isinstance(fam, dict)
                              for forms in fam.values() for f in forms} - function_words,
        },
        outlets=outlet_table(_tsv("outlets.tsv")),
    )
