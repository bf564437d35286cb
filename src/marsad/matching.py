"""Matching folded text against many words at once: the gazetteer (`Gazetteer`, with proclitics
and word boundaries), keyed regular expressions behind one scan (`Prefilter`), and the starts of
listed words (`Starts`, `matches_at`). All go through the one Aho-Corasick automaton of
`speedups` (C when built, else its pure-Python twin).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .literals import anchors, leads
from .normalize import fold_word  # noqa: F401 (the doctests)
from .speedups import Automaton
from .speedups import matches_at as _matches_at

# Proclitics before a gazetteer entry: و ف ب ل ك and their chains (وب، ول، فب، وك ...).
PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "لل", "ولل", "بل")
PROCLITIC_SET = frozenset(PROCLITICS)
# Before a place name, ك (like) is most often a letter of a person's name: كلاوس is Klaus, not ك + لاوس
# (Laos); كمالي is Kamali, not Mali. "كالمغرب" (like Morocco) compares and places nothing.
PLACE_PROCLITICS = PROCLITIC_SET - {"ك", "وك"}


@dataclass(slots=True)
class Entry:
    """A gazetteer hit: what it names (`key`), its kind and attributes."""

    kind: str  # country | nisba | city | agency | title | ...
    key: str
    form: str  # the folded form as listed
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def state(self) -> str | None:
        """The state it names: a city's country, else its key (a country's or a nisba's ISO3)."""
        return self.attrs.get("iso3") if self.kind == "city" else self.key


def one_state(entries: list[Entry]) -> str | None:
    """The state every reading of a gazetteer hit names, or None when they differ (عمان: Oman or Amman)."""
    states = {e.state for e in entries}
    return states.pop() if len(states) == 1 else None


class Gazetteer:
    """Aho-Corasick over folded text, accepting proclitics and word boundaries.

    >>> g = Gazetteer([Entry("country", "BEL", fold_word("بلجيكا"))])
    >>> [(s, e, h.key) for s, e, h in g.find("زيارة بمملكة بلجيكا ووبلجيكا")]
    [(13, 19, 'BEL')]
    """

    def __init__(self, entries: list[Entry], proclitics: frozenset[str] = PROCLITIC_SET):
        self.proclitics = proclitics  # those an entry may carry
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
        return self.automaton.words(folded, self.proclitics)


class Gazetteers:
    """Several gazetteers read in one walk of a text: `find_all` gives each one's `find_all`, in
    their order (a segment is walked once for its places, agencies and title heads, not three times).

    >>> g = Gazetteers([Gazetteer([Entry("country", "BEL", "بلجيكا")]), Gazetteer([Entry("title", "x", "وزير")])])
    >>> [[(s, e) for s, e, _ in found] for found in g.find_all("وزير بلجيكا")]
    [[(5, 11)], [(0, 4)]]
    """

    def __init__(self, gazetteers: list[Gazetteer]):
        table: dict[str, list[tuple[int, int, list[Entry], bool]]] = {}
        for which, gaz in enumerate(gazetteers):
            for form, (length, hits, dropped) in gaz.pairs:
                table.setdefault(form, []).append((which, length, hits, dropped))
        self.pairs = [(form, tuple(entries)) for form, entries in table.items()]
        self.automaton = automaton(self.pairs)
        self.proclitics = tuple(gaz.proclitics for gaz in gazetteers)

    def find_all(self, folded: str) -> list[list[tuple[int, int, list[Entry]]]]:
        return self.automaton.words_each(folded, self.proclitics)


def automaton(pairs: list[tuple[str, Any]]) -> Any:
    """An Aho-Corasick automaton over (key, value) pairs: `iter`, `starts`, `words` (speedups)."""
    return Automaton(pairs)


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
        self.always: list[tuple[str, re.Pattern[str]]] = []
        owners: dict[str, list[tuple[str, re.Pattern[str], bool]]] = {}  # literal -> (key, cue, is a lead)
        for key, cues in self.compiled.items():
            for compiled in cues:
                lead = leads(compiled.pattern)
                found = lead or anchors(compiled.pattern)
                if found is None:
                    self.always.append((key, compiled))
                for literal in found or ():
                    owners.setdefault(literal, []).append((key, compiled, lead is not None))
        self.pairs = [(a, (len(a), tuple(keys))) for a, keys in owners.items()]
        self.automaton = automaton(self.pairs)
        self.empty = not owners

    def matching(self, text: str) -> set[str]:
        """The keys one of whose expressions matches somewhere in `text`."""
        found = {key for key, pattern in self.always if pattern.search(text)}
        if self.empty:
            return found
        windows: dict[tuple[str, re.Pattern[str]], list[int]] = self.automaton.prefilter(text, found)  # the walk
        for (key, pattern), ends in windows.items():
            if key not in found and self._near(pattern, text, ends):
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


class Cue:
    """A regular expression behind a literal test: every match of it contains one of a few
    literals (`anchors`, reduced to those holding no other), so a text holding none of them is
    answered without running it. `search`, `match` and `finditer` are those of `re.Pattern`.

    >>> cue = Cue(r"(?<!\\w)(?:ال)?(?:ثلاثي|ثلاثيه|رباعي)(?!\\w)")
    >>> cue.needles
    ('ثلاثي', 'رباعي')
    >>> cue.search("اجتماع ثنائي") is None, cue.search("اجتماع ثلاثيه").group()
    (True, 'ثلاثيه')
    """

    __slots__ = ("regex", "pattern", "needles", "scan")

    FEW = 3  # needles looked for one by one (str.find); more, by one automaton pass

    def __init__(self, pattern: str):
        self.regex = re.compile(pattern)
        self.pattern = pattern
        found = None if self.regex.flags & re.IGNORECASE else anchors(pattern)
        self.needles = tuple(sorted(n for n in found if not any(m != n and m in n for m in found))) \
            if found else None
        self.scan = automaton([(n, len(n)) for n in self.needles]) \
            if self.needles and len(self.needles) > self.FEW else None

    def _absent(self, text: str, pos: int, endpos: int) -> bool:
        needles = self.needles
        if needles is None:
            return False
        if self.scan is not None:
            return not self.scan.found(text, pos, min(endpos, len(text)))
        for n in needles:  # noqa: SIM110 - a loop, not a generator: this runs ~50 times a page
            if text.find(n, pos, endpos) >= 0:
                return False
        return True

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._absent(text, pos, endpos) else self.regex.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._absent(text, pos, endpos) else self.regex.match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return iter(()) if self._absent(text, pos, endpos) else self.regex.finditer(text, pos, endpos)


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


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int] | tuple[int, ...], start: int = 0,
               end: int | None = None) -> list[re.Match[str]]:
    """`pattern.finditer(text, start, end)` for a pattern that can only match at `starts`."""
    return _matches_at(pattern, text, starts, start, end)
