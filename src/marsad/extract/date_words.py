"""The date vocabulary, folded once, and where in a text each date expression may start.

Words come from `data/date_words.yaml` (relative days, shifts, qualifiers, ordinal days,
durations, words that make a date a name) and, through `lexicons()`, from `months.yaml` and
`weekdays.yaml`. Every date pattern starts at a run of digits or at one of a few words; the
finders of `dates.py` and `relative_dates.py` try their pattern only there (`at_digits`, `scan`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..lexicons import Starts, lexicons, matches_at
from ..normalize import fold_word, positions

Scope = tuple[tuple[int, int], ...] | None  # folded spans where a mention may start (None: anywhere)
Day = dt.date | None  # the publication date, when known


@dataclass(frozen=True, slots=True)
class DateWords:
    """data/date_words.yaml, folded (see that file for what each table means)."""

    relative_days: dict[str, int]
    shifts: dict[str, int]
    past: frozenset[str]
    next: frozenset[str]
    current: frozenset[str]
    year_words: tuple[str, ...]
    year_nouns: tuple[str, ...]  # "عام 2025"
    this_year: tuple[str, ...]
    periods: dict[str, str]  # word -> week | month
    month_parts: tuple[str, ...]
    not_day_before_weekday: tuple[str, ...]
    not_relative_after: tuple[str, ...]
    not_relative_before: tuple[str, ...]
    named_before: tuple[str, ...]
    range_starts: tuple[str, ...]  # "من" 30 يناير إلى 2 فبراير
    range_links: tuple[str, ...]  # من 30 يناير "إلى" 2 فبراير
    ordinals: dict[str, int]
    bare_ordinals: tuple[str, ...]  # "فاتح ماي": written right before the month
    before_ordinal: frozenset[str]
    back: tuple[str, ...]
    forward: tuple[str, ...]
    units: dict[str, str]  # form -> day | week | month | year
    one: frozenset[str]  # forms that mean a single unit
    two: frozenset[str]  # dual forms
    many: frozenset[str]  # forms after a number
    one_words: tuple[str, ...]
    numbers: dict[str, int]
    not_followed_by: tuple[str, ...]

    @property
    def qualifiers(self) -> frozenset[str]:
        return self.past | self.next | self.current


def _folded(words: list[str]) -> tuple[str, ...]:
    return tuple(fold_word(w) for w in words)


def _units(spec: dict[str, dict[str, list[str]]]) -> dict[str, Any]:
    forms = {kind: frozenset(fold_word(w) for unit in spec.values() for w in unit.get(kind, []))
             for kind in ("one", "two", "many")}
    return {"units": {fold_word(w): unit for unit, kinds in spec.items() for ws in kinds.values() for w in ws}, **forms}


@functools.cache
def words() -> DateWords:
    """The tables of data/date_words.yaml, folded once per process."""
    d = lexicons().date_words
    q, dur = d["qualifiers"], d["durations"]
    return DateWords(
        relative_days={fold_word(k): int(v) for k, v in d["relative_days"].items()},
        shifts={fold_word(k): int(v) for k, v in d["shifts"].items()},
        past=frozenset(_folded(q["past"])), next=frozenset(_folded(q["next"])),
        current=frozenset(_folded(q["current"])),
        year_words=_folded(d["year_words"]), year_nouns=_folded(d["year_nouns"]), this_year=_folded(d["this_year"]),
        periods={fold_word(w): kind for kind, ws in d["periods"].items() for w in ws},
        month_parts=_folded(d["month_parts"]), not_day_before_weekday=_folded(d["not_day_before_weekday"]),
        not_relative_after=_folded(d["not_relative_after"]), not_relative_before=_folded(d["not_relative_before"]),
        named_before=_folded(d["named_before"]),
        range_starts=_folded(d["range_starts"]), range_links=_folded(d["range_links"]),
        ordinals={fold_word(w): int(day) for day, ws in d["ordinals"].items() for w in ws},
        bare_ordinals=_folded(d["bare_ordinals"]),
        before_ordinal=frozenset(_folded(d["before_ordinal"])),
        back=_folded(dur["back"]), forward=_folded(dur["forward"]), **_units(dur["units"]),
        one_words=_folded(dur["one"]), numbers={fold_word(k): int(v) for k, v in dur["numbers"].items()},
        not_followed_by=_folded(dur["not_followed_by"]),
    )


def alternation(forms: Sequence[str]) -> str:
    """A regex alternation of folded words, longest first; a space inside a form matches any run
    of spaces, and "و" before a word may be written apart ("الثاني و العشرين")."""
    def one(w: str) -> str:
        return re.escape(w).replace(r"\ و", r"\s+و\s*").replace(r"\ ", r"\s+")
    return "|".join(one(w) for w in sorted(set(forms), key=len, reverse=True))


def before(t: str, start: int, forms: Sequence[str], reach: int) -> bool:
    """Does the folded text end with one of these words (as a whole word) just before `start`?"""
    return bool(_ends_with(tuple(forms)).search(t, max(0, start - reach), start))


@functools.cache
def _ends_with(forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(forms)})\s*$")


def previous_word(t: str, start: int, reach: int) -> str:
    """The word just before `start` in folded text ("" after punctuation or at the start)."""
    m = _PREVIOUS.search(t, max(0, start - reach), start)
    return m.group(1) if m else ""


_PREVIOUS = re.compile(r"(?<!\S)(\w+)\s+$")


@functools.cache
def _starts() -> Starts:
    """The words the non-numeric patterns start with, by pattern."""
    lex, w = lexicons(), words()
    first = lambda forms: sorted({f.split()[0] for f in forms})  # noqa: E731
    return Starts({
        "month_year": first(lex.months),
        "ordinal": first(w.ordinals),
        "relative": first(w.relative_days),
        "shift": first(w.shifts),
        "weekday": first(lex.weekdays),
        "period": first(w.periods),
        "duration": first(w.back + w.forward),
        "year": list(w.year_words),
    })


@functools.lru_cache(maxsize=4)
def word_starts(t: str) -> dict[str, list[int]]:
    return _starts().find_labelled(t)


def in_scope(found: list[int] | tuple[int, ...], scope: Scope) -> list[int] | tuple[int, ...]:
    if scope is None:
        return found
    return [p for lo, hi in scope for p in found[bisect_left(found, lo):bisect_left(found, hi)]]


@functools.lru_cache(maxsize=32)
def _scoped(t: str, label: str, scope: Scope) -> list[int] | tuple[int, ...]:
    """The starts of `label` (a word label, or "digits") inside `scope`: several finders share them."""
    return in_scope(digit_starts(t) if label == "digits" else word_starts(t)[label], scope)


def scan(pattern: re.Pattern[str], label: str, t: str, scope: Scope = None) -> list[re.Match[str]]:
    """`pattern.finditer(t)` for a pattern that starts with one of the words labelled `label`."""
    return matches_at(pattern, t, _scoped(t, label, scope))


@functools.lru_cache(maxsize=4)
def digit_starts(t: str) -> tuple[int, ...]:
    """Where runs of digits start that are not glued to a word or a number ("ال23" counts: "الـ23
    من شتنبر"). Found with str.find per digit (folded text has ASCII digits only): a
    character-class regex scans ten times slower."""
    found = sorted(at for digit in "0123456789" for at in positions(t, digit))
    return tuple(p for p in found if not p or _free(t, p))


FREE_BEFORE = frozenset("/.:-_")


def _free(t: str, p: int) -> bool:
    c = t[p - 1]
    if c.isdigit() or c in FREE_BEFORE:
        return False
    return not c.isalpha() or (t[p - 2:p] == "ال" and (p == 2 or not t[p - 3].isalpha()))


def at_digits(pattern: re.Pattern[str], t: str, scope: Scope = None) -> list[re.Match[str]]:
    """Non-overlapping matches of `pattern` starting at a digit run not glued to a word or a number."""
    return matches_at(pattern, t, _scoped(t, "digits", scope))


def weekday_year(day: int, month: int, weekday: int, ref: dt.date, iso, last_year: int, years: int) -> str | None:
    """The most recent date on or before `ref` (years back from `last_year`, by `iso(y, m, d)`)
    that falls on `weekday`."""
    for year in range(last_year, last_year - years, -1):
        value = iso(year, month, day)
        if value and value <= ref.isoformat() and dt.date.fromisoformat(value).weekday() == weekday:
            return value
    return None
