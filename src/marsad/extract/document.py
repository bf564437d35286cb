"""The document object of extraction: one segment, read once (`analyse`).

An `Analysis` holds the segment, its sentences and paragraphs, its people linked into entities,
and, privately, its folded text and gazetteer hits; dates and places are found when first asked
for, span by span. Every later step reads it through its methods, which take and give offsets
into the segment's text only: where a rule's question is about folded text (a cue before an
offset, the few folded characters after a trigger, the places gazetteer hits of a span), the
method answers it inside. The answers the steps share are cached inside it (`cached`); the one
change made from outside is a new side named by its state alone (`state_side`).
"""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from ..lexicons import Cue, Entry, lexicons, matches_at
from ..model import Mention, Segment
from ..normalize import Folded, fold, word_start
from ..settings import Reach, Settings
from .dates import find_dates
from .entities import Entity, link
from .mentions import Person
from .people import PeopleFinder
from .places import Place, find_places, states_named
from .sentences import sentences
from .tokens import place_readings
from .triggers import Clause, blocked, trigger_pattern

T = TypeVar("T")


class Trigger(NamedTuple):
    """A trigger form found in a sentence (offsets of the text as written)."""

    start: int
    end: int
    form: str  # as written in folded text
    after: str  # the folded words right after it (`Reach.future_after`), not past its sentence
    blocked: bool  # preceded in its sentence by a plan, a negation or a recalled meeting




@dataclass(slots=True)
class Analysis:
    """One segment, read once: its folded text, gazetteer hits and mentions, shared by every step."""

    segment: Segment
    entities: list[Entity]
    people: list[Person]
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    _folded: Folded  # the segment's text folded: its offsets never leave the object
    settings: Settings = field(default_factory=Settings)
    _hits: list[tuple[int, int, list[Entry]]] = field(default_factory=list)  # places gazetteer, every reading (folded)
    _trigger_starts: list[int] | None = None  # where trigger forms may start (folded offsets), once known
    _place_hits: list[tuple[int, int, Entry]] = field(default_factory=list)  # their first readings (folded)
    _agency_hits: list[tuple[int, int, Entry]] = field(default_factory=list)
    _dates: dict[tuple[int, int] | None, list[Mention]] = field(default_factory=dict)
    _places: dict[tuple[int, int] | None, list[Place]] = field(default_factory=dict)
    _named: dict[str, set[str]] = field(default_factory=dict)  # states the text names (for find_places)
    _order: dict[tuple[int, int] | None, int] = field(default_factory=dict)  # when each span of `_dates` was first stored
    _starts: dict[tuple[int, int] | None, list[int] | None] = field(default_factory=dict)  # its mentions' starts, if sorted
    _roots: list[tuple[list[int], list[tuple[int, int]]]] = field(default_factory=list)  # spans whose dates were read
    _memo: dict[tuple[str, Any], Any] = field(default_factory=dict)  # per-sentence and per-paragraph answers

    def state_side(self, iso3: str, span: tuple[int, int]) -> int:
        """The entity of a side named by its state only ("مع وزراء الداخلية: السعودية ..."), made once."""
        def make() -> int:
            self.entities.append(Entity(len(self.entities), None, None, iso3, spans=[span]))
            return len(self.entities) - 1
        return self.cached(("state side", iso3), make)

    def cached(self, key: tuple[str, Any], compute: Callable[[], T]) -> T:
        """The answer to `key` (a question and the span or item it is about), computed once."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def gazetteer_mentions(self, kind: str) -> list[tuple[int, int, Entry]]:
        """The agency (`kind="agency"`) or place-gazetteer (`"place"`) hits, as (start, end, entry)
        in offsets of the segment's text: what leaves the document object is never folded."""
        hits = self._agency_hits if kind == "agency" else self._place_hits
        return [(*self._folded.span(s, e), entry) for s, e, entry in hits]

    def place_hits(self, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, list[Entry]]]:
        """The places gazetteer hits (every reading) that start in [start, end) (None: to the end),
        as (start, end, entries) in text order, each read as it is asked for."""
        starts = self.cached(("hit starts", None), lambda: [x for x, _, _ in self._hits])
        f = self._folded
        hi = len(starts) if end is None else bisect_left(starts, f.fpos(end))
        for x, y, entries in itertools.islice(self._hits, bisect_left(starts, f.fpos(start)), hi):
            yield f.pos(x), f.pos(y), entries

    def search(self, pattern: Cue, start: int, end: int) -> bool:
        """Does `pattern` match in the folded text of [start, end) (read in its context: lookarounds
        see past the span's edges)?"""
        f = self._folded
        return pattern.search(f.text, f.fpos(start), f.fpos(end)) is not None

    def where(self, pattern: Cue, start: int, end: int) -> int | None:
        """Where `pattern` first matches in [start, end), as an offset of the text as written."""
        f = self._folded
        found = pattern.search(f.text, f.fpos(start), f.fpos(end))
        return f.pos(found.start()) if found else None

    def search_before(self, pattern: Cue, at: int, chars: int, floor: int = 0) -> bool:
        """Does `pattern` match in the `chars` folded characters before `at` (not before `floor`)?"""
        f = self._folded
        fat = f.fpos(at)
        return pattern.search(f.text, max(f.fpos(floor) if floor else 0, fat - chars), fat) is not None

    def fold_before(self, at: int, chars: int) -> str:
        """The `chars` folded characters before `at`."""
        fat = self._folded.fpos(at)
        return self._folded.text[max(0, fat - chars):fat]

    def fold_after(self, at: int, chars: int, end: int) -> str:
        """The `chars` folded characters from `at` on, not past `end`."""
        f = self._folded
        fat = f.fpos(at)
        return f.text[fat:min(f.fpos(end), fat + chars)]

    def folded_length(self, start: int, end: int) -> int:
        """How many folded characters [start, end) holds (the reaches are counted in them)."""
        return self._folded.fpos(end) - self._folded.fpos(start)

    def triggers_in(self, sentence: tuple[int, int]) -> list[Trigger]:
        """The trigger forms of a sentence that start a word, in text order, each with the folded
        words right after it and whether a guard before it blocks it (triggers.py)."""
        pattern, _, first_words = trigger_pattern()
        f, reach = self._folded, self.reach
        if self._trigger_starts is None:
            self._trigger_starts = first_words.find(f.text)
        fs, ft = f.fpos(sentence[0]), f.fpos(sentence[1])
        found: list[Trigger] = []
        clause = None
        for m in matches_at(pattern, f.text, self._trigger_starts, fs, ft):
            x, y = m.span()
            if word_start(f.text, x):
                clause = clause or Clause(f.text, fs, ft)
                found.append(Trigger(f.pos(x), f.pos(y), m.group(1), f.text[y:min(ft, y + reach.future_after)],
                                     blocked(clause, x, reach)))
        return found

    def attending_after(self, at: int) -> float:
        """Where the first attending word ("بحضور") written from `at` on ends (inf: none)."""
        cuts = self.cached(("cuts", None), lambda: Cuts(self._folded.text))
        end = cuts.after(self._folded.fpos(at))
        return end if end == float("inf") else self._folded.pos(int(end))

    @property
    def reach(self) -> Reach:
        """How far the rules look (`Settings.reach`)."""
        return self.settings.reach

    def fold(self, start: int, end: int) -> str:
        """The folded text of the segment span [start, end)."""
        return self._folded.sub(start, end)

    @property
    def dates(self) -> list[Mention]:
        """Every date mention of the segment (found when first asked for)."""
        return self.dates_within(None)

    @property
    def places(self) -> list[Place]:
        """Every city and country mention of the segment (found when first asked for)."""
        return self.places_within(None)

    def places_within(self, span: tuple[int, int] | None) -> list[Place]:
        """The place mentions that start in `span` (None: the whole segment). They are read one
        paragraph at a time, the paragraphs `span` meets (a meeting's place is looked for in its
        sentence, paragraph, the next one and the lede: the rest is seldom read)."""
        if span not in self._places:
            whole = self._places.get(None)
            if whole is not None:
                self._places[span] = [p for p in whole if span[0] <= p.start < span[1]]  # type: ignore[index]
            elif span is None or span in self.paragraphs or not self.paragraphs:
                if not self._named and self._hits:
                    self._named = states_named(self._hits)
                self._places[span] = find_places(self.segment.text, lexicons(), self._folded, self._hits, span,
                                                 self._named, self.reach)
            else:
                lo, hi = span
                met = [p for p in self.paragraphs if p[0] < hi and lo < p[1] or p[0] == lo]
                self._places[span] = [p for para in met for p in self.places_within(para) if lo <= p.start < hi]
        return self._places[span]

    def read_dates(self, spans: list[tuple[int, int]]) -> None:
        """Finds the date mentions of these spans in one pass (`dates_within` then filters them)."""
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(spans):
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        found = find_dates(self.segment.text, self.segment.published, self.settings.ref_date, self._folded, merged,
                           reach=self.reach)
        starts = sorted_starts(found)
        for span in merged:
            self._store(span, _starting_in(found, starts, span))
        self._roots.append(([lo for lo, _ in merged], merged))

    def dates_within(self, span: tuple[int, int] | None) -> list[Mention]:
        """The date mentions that start in `span` (None: the whole segment); an event reads only
        its sentence and the lede, so the rest of a long segment is never searched for dates."""
        if span in self._dates:
            return self._dates[span]
        key = None if span is None or None in self._dates else self._container(span)  # read already?
        if span is not None and (key is not None or None in self._dates):
            found = _starting_in(self._dates[key], self._starts[key], span)
        else:
            found = find_dates(self.segment.text, self.segment.published, self.settings.ref_date, self._folded,
                               None if span is None else [span], reach=self.reach)
            if span is not None:
                self._roots.append(([span[0]], [span]))
        self._store(span, found)
        return found

    def _store(self, span: tuple[int, int] | None, found: list[Mention]) -> None:
        self._order.setdefault(span, len(self._order))
        self._dates[span] = found
        self._starts[span] = sorted_starts(found)

    def _container(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """The first stored span (in storing order) holding `span`, as a scan of every stored span
        in order finds it. Only spans whose dates were read can be first (a span filtered from
        another is held by it, stored earlier); those of one reading are disjoint: one bisection."""
        if span[0] > span[1]:
            return next((k for k in self._dates if k and k[0] <= span[0] and span[1] <= k[1]), None)
        best = None
        for los, spans in self._roots:
            k = bisect_right(los, span[0]) - 1
            if k >= 0 and span[1] <= spans[k][1] and (best is None or self._order[spans[k]] < self._order[best]):
                best = spans[k]
        return best


def sorted_starts(found: Sequence[Mention | Place]) -> list[int] | None:
    """The mentions' starts when they are in text order (else None: filter them one by one)."""
    starts = [d.start for d in found]
    return starts if all(x <= y for x, y in itertools.pairwise(starts)) else None


def _starting_in(found: list, starts: list[int] | None, span: tuple[int, int]) -> list:
    """`[d for d in found if span[0] <= d.start < span[1]]`, by bisection when `starts` is known."""
    if starts is None:
        return [d for d in found if span[0] <= d.start < span[1]]
    return found[bisect_left(starts, span[0]):bisect_left(starts, span[1])]


def analyse(segment: Segment, settings: Settings, folded: Folded | None = None,
            trigger_starts: list[int] | None = None) -> Analysis:
    """The document object of `segment` (`folded`: its text folded, and `trigger_starts`: where
    trigger forms may start in it, when the caller has them)."""
    lex = lexicons()
    text = segment.text
    folded = folded or fold(text)
    places, agencies, titles = lex.segment_gazetteers.find_all(folded.text)  # one walk for the three
    hits = place_readings(lex, folded.text, places)
    place_hits = [(s, e, entries[0]) for s, e, entries in hits]
    agency_hits = [(s, e, entries[0]) for s, e, entries in agencies]
    title_hits = [(s, e, entries[0]) for s, e, entries in titles]
    people = _finder(settings.reach).find(text, folded, place_hits, agency_hits, title_hits)
    entities = link(people, text, folded)
    a = Analysis(
        segment, entities, people,
        sentences(text),
        segment.paragraphs(), folded, settings, _place_hits=place_hits, _agency_hits=agency_hits, _hits=hits,
        _trigger_starts=trigger_starts,
    )
    return a


@functools.cache
def _finder(reach: Reach) -> PeopleFinder:
    return PeopleFinder(reach=reach)


def says(a: Analysis, pattern: Cue, sentence: tuple[int, int]) -> bool:
    """Does `pattern` match in the folded sentence? (Asked once per sentence and pattern.)"""
    return a.cached((pattern.pattern, sentence), lambda: bool(pattern.search(a.fold(*sentence))))


def paragraph_of(a: Analysis, at: int) -> int:
    """`next((k for k, (x, y) in enumerate(a.paragraphs) if x <= at < y), 0)`, by bisection
    (paragraphs are in text order and do not overlap)."""
    starts = a.cached(("paragraph starts", None), lambda: _ordered_starts(a.paragraphs))
    if starts is None:
        return next((k for k, (x, y) in enumerate(a.paragraphs) if x <= at < y), 0)
    k = bisect_right(starts, at) - 1
    return k if k >= 0 and at < a.paragraphs[k][1] else 0


def _ordered_starts(paragraphs: list[tuple[int, int]]) -> list[int] | None:
    """The paragraphs' starts, if they are in text order and do not overlap (else None: the scan)."""
    starts = [x for x, _ in paragraphs]
    ends = [y for _, y in paragraphs]
    if any(y > x for y, x in zip(ends, starts[1:], strict=False)) or any(y < x for x, y in paragraphs):
        return None
    return starts


def in_title(a: Analysis, at: int) -> bool:
    """`any(x <= at < y for x, y in title spans)`: the titles sorted once, with their furthest end."""
    starts, reach = a.cached(("titles", None), lambda: _title_reach(a.people))
    k = bisect_right(starts, at) - 1
    return k >= 0 and reach[k] > at


def paragraph_in(a: Analysis, at: int) -> int | None:
    """The paragraph holding `at`, if one does."""
    k = paragraph_of(a, at)
    x, y = a.paragraphs[k] if a.paragraphs else (0, 0)
    return k if x <= at < y else None


def _title_reach(people: list[Person]) -> tuple[list[int], list[int]]:
    """The title spans' starts, sorted, and the furthest end of the titles up to each."""
    spans = sorted(p.title_span for p in people if p.title_span)
    reach, furthest = [], -1
    for _, y in spans:
        furthest = max(furthest, y)
        reach.append(furthest)
    return [x for x, _ in spans], reach


class Cuts:
    """Where the attending words (cues.yaml) are written in a folded text: a search for any of them in `text[i:j]`
    matches when `j >= cuts.after(i)`, the end of the first of them that starts at i or later."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str):
        found = sorted((at, at + len(w)) for w in lexicons().cues.attending for at in _overlapping(text, w))
        self.starts = [at for at, _ in found]
        self.ends = [end for _, end in found]
        for k in range(len(found) - 2, -1, -1):
            self.ends[k] = min(self.ends[k], self.ends[k + 1])

    def after(self, i: int) -> float:
        k = bisect_left(self.starts, i)
        return self.ends[k] if k < len(self.ends) else float("inf")


def _overlapping(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)
