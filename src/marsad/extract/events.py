"""Engagement events from one article segment (spec §2): triggers, sides, roles, date, place, topics.

1. Analyse the segment: people (linked into entities), places, dates, sentences, paragraphs.
2. In each sentence, find triggers (data/triggers.yaml); drop those that are planned, negated or
   recalled as background.
3. For each trigger, the subject (the entity right after a verb, else before the trigger, else
   the article's protagonist) and the objects (entities after it): one engagement per object of
   another state. Collective objects ("سفراء كل من ...") give no event by themselves.
4. Engagements between the same two entities in one segment are one event.
5. Each event gets its roles, date, place and topics, scoped to the paragraphs about it.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..lexicons import Entry, Lexicons, Starts, lexicons, matches_at
from ..model import Event, Location, Mention, Participant, Segment, Source
from ..normalize import Folded, fold, fold_word, one_space, positions, word_start
from .dates import find_dates
from .people import WEAK_NISBAS, PeopleFinder, Person
from .places import Place, find_places, states_named
from .topics import topics_in

SENTENCE = re.compile(r"[^.!?؟\n]+(?:[.!?؟]+|(?=\n)|$)")  # a paragraph may end without a full stop
VISIT = re.compile(r"زيار(?:ه|ت\w*)\s*(?:\S+\s+){0,3}?(?:الي|ل)")
AT_HOME = re.compile(r"(?:في|ب)\s*مكتب(?:ه|ها)|بمقر\s+(?:ال)?وزاره|في\s+مقر\s+(?:ال)?وزاره")
DIPLOMAT = re.compile(r"سفير|القايم\s+باعمال|قنصل")
SIDELINES = re.compile(r"(?:علي|في)\s+هامش\s+(?:\S+\s+){0,3}?(?:لل|ال)?(?:اجتماع|مؤتمر|منتدي|قمه|دوره|جمعيه|"
                       r"ملتقي|اشغال|معرض|اجتماعات|منتديات|مؤتمرات|قمم|لجنه)")
ATTENDING_WORDS = ("بحضور", "وبحضور", "رفقه", "برفقه", "بمعيه", "بمشاركه", "وحضر", "حضره")
ATTENDING = re.compile("(?:" + "|".join(ATTENDING_WORDS) + ")")  # literals only: found with str.find
ALL_EVENTS = re.compile(r"(?:هذه|تلك)\s+(?:ال)?(?:لقاءات|اللقاءات|المباحثات|الاجتماعات|الزيارات)|اللقاءات|اللقاءين|الاجتماعين")


@dataclass(slots=True)
class Entity:
    id: int
    name: str | None
    title: str | None
    country: str | None
    organization: str | None = None
    sector: str | None = None
    concept: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    """One segment, read once: its folded text, gazetteer hits and mentions, shared by every step."""

    segment: Segment
    entities: list[Entity]
    people: list[Person]
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    folded: Folded
    ref_date: dt.date = dt.date.min
    hits: list[tuple[int, int, list[Entry]]] = field(default_factory=list)  # places gazetteer, every reading
    votes: dict[str, tuple[int, int]] | None = None  # home-state votes, counted when first needed
    trigger_starts: list[int] | None = None  # where trigger forms may start (folded offsets), once known
    place_hits: list[tuple[int, int, Entry]] = field(default_factory=list)  # gazetteer hits (folded offsets)
    agency_hits: list[tuple[int, int, Entry]] = field(default_factory=list)
    _dates: dict[tuple[int, int] | None, list[Mention]] = field(default_factory=dict)
    _places: dict[tuple[int, int] | None, list[Place]] = field(default_factory=dict)
    _named: dict[str, set[str]] = field(default_factory=dict)  # states the text names (for find_places)
    _order: dict[tuple[int, int] | None, int] = field(default_factory=dict)  # when each span of `_dates` was first stored
    _starts: dict[tuple[int, int] | None, list[int] | None] = field(default_factory=dict)  # its mentions' starts, if sorted
    _roots: list[tuple[list[int], list[tuple[int, int]]]] = field(default_factory=list)  # spans whose dates were read
    memo: dict[tuple[str, Any], Any] = field(default_factory=dict)  # per-sentence and per-paragraph answers

    def fold(self, start: int, end: int) -> str:
        """The folded text of the segment span [start, end)."""
        return self.folded.sub(start, end)

    @property
    def dates(self) -> list[Mention]:
        """Every date mention of the segment (found when first asked for)."""
        return self.dates_within(None)

    @property
    def places(self) -> list[Place]:
        """Every city and country mention of the segment (found when first asked for)."""
        return self.places_within(None)

    def places_within(self, span: tuple[int, int] | None) -> list[Place]:
        """The place mentions that start in `span` (None: the whole segment)."""
        if span not in self._places:
            whole = self._places.get(None)
            if not self._named and self.hits:
                self._named = states_named(self.hits)
            self._places[span] = find_places(self.segment.text, lexicons(), self.folded, self.hits, span, self._named) \
                if whole is None else [p for p in whole if span[0] <= p.start < span[1]]  # type: ignore[index]
        return self._places[span]

    def read_dates(self, spans: list[tuple[int, int]]) -> None:
        """Finds the date mentions of these spans in one pass (`dates_within` then filters them)."""
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(spans):
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        found = find_dates(self.segment.text, self.segment.published, self.ref_date, self.folded, merged)
        starts = _sorted_starts(found)
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
            found = find_dates(self.segment.text, self.segment.published, self.ref_date, self.folded,
                               None if span is None else [span])
            if span is not None:
                self._roots.append(([span[0]], [span]))
        self._store(span, found)
        return found

    def _store(self, span: tuple[int, int] | None, found: list[Mention]) -> None:
        self._order.setdefault(span, len(self._order))
        self._dates[span] = found
        self._starts[span] = _sorted_starts(found)

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


def _sorted_starts(found: Sequence[Mention | Place]) -> list[int] | None:
    """The mentions' starts when they are in text order (else None: filter them one by one)."""
    starts = [d.start for d in found]
    return starts if all(x <= y for x, y in itertools.pairwise(starts)) else None


def _starting_in(found: list, starts: list[int] | None, span: tuple[int, int]) -> list:
    """`[d for d in found if span[0] <= d.start < span[1]]`, by bisection when `starts` is known."""
    if starts is None:
        return [d for d in found if span[0] <= d.start < span[1]]
    return found[bisect_left(starts, span[0]):bisect_left(starts, span[1])]


@dataclass(slots=True)
class Engagement:
    kind: str
    family: str
    subject: int
    obj: int
    sentence: tuple[int, int]


def analyse(segment: Segment, ref_date: dt.date, lex: Lexicons | None = None,
            folded: Folded | None = None) -> Analysis:
    lex = lex or lexicons()
    text = segment.text
    folded = folded or fold(text)
    hits = lex.places.find_all(folded.text)
    place_hits = [(s, e, entries[0]) for s, e, entries in hits]
    agency_hits = lex.agencies.find(folded.text)
    people = _finder().find(text, folded, place_hits, agency_hits)
    entities = link(people, text, folded)
    a = Analysis(
        segment, entities, people,
        sentences(text),
        segment.paragraphs(), folded, ref_date, place_hits=place_hits, agency_hits=agency_hits, hits=hits,
    )
    return a


STOPS = ".!?؟"


def sentences(text: str) -> list[tuple[int, int]]:
    """The spans of `SENTENCE.finditer(text)` that are not blank, from the positions of the few stop
    characters (str.find, no scan of every character by the regex engine).

    >>> sentences("التقى الوزير بنظيره. وبحثا التعاون!؟\\nفي الرباط")
    [(0, 20), (20, 37), (38, 47)]
    """
    out = []
    start, n = 0, len(text)
    for p in sorted(p for c in STOPS + "\n" for p in positions(text, c)):
        if p < start:
            continue  # inside a run of stops already taken
        if p == start:
            start = p + 1  # a sentence has at least one character that is not a stop
            continue
        end = p
        if text[p] != "\n":
            while end < n and text[end] in STOPS:
                end += 1
        if not text[start:end].isspace():
            out.append((start, end))
        start = end + 1 if text[p] == "\n" else end
    if start < n and not text[start:].isspace():
        out.append((start, n))
    return out


@functools.cache
def _finder() -> PeopleFinder:
    return PeopleFinder()


# 1. people -> entities ------------------------------------------------------------------------
def link(people: list[Person], text: str, folded: Folded | None = None) -> list[Entity]:
    """Group mentions of one person: full names, short references, title-only mentions."""
    entities: list[Entity] = []
    words_of: dict[str, frozenset[str]] = {}
    index: EntityIndex | None = None  # built once there are many entities: the scans below would be quadratic
    for p in people:
        if index is None and len(entities) > INDEX_AT:
            index = EntityIndex(entities, words_of)
        ent = _same_entity(p, entities, words_of) if index is None else index.same(p)
        if ent is None:
            ent = Entity(len(entities), p.name, p.title, p.country, p.organization, p.sector, p.concept)
            entities.append(ent)
            if index is not None:
                index.add(ent)
        else:
            before = (ent.name, ent.title, ent.country)
            if p.name and (not ent.name or len(p.name) > len(ent.name)):
                ent.name = p.name
            ent.title = ent.title or p.title
            ent.country = ent.country or p.country
            ent.organization = ent.organization or p.organization
            ent.sector = ent.sector or p.sector
            if index is not None and before != (ent.name, ent.title, ent.country):
                index.changed(ent, *before)
        p.entity = ent.id
        ent.spans.append((p.start, p.end))
    _short_references(entities, text, folded or fold(text))
    return entities


def _same_entity(p: Person, entities: list[Entity], words_of: dict[str, frozenset[str]]) -> Entity | None:
    if p.name:
        words = _words(p.name, words_of)
        for e in entities:
            if e.name and (words <= (other := _words(e.name, words_of)) or other <= words):
                return e
        return None
    title = fold_word(p.title or "")
    for e in entities:  # a title-only mention: the start of a known title, or the same state's official
        if title and fold_word(e.title or "").startswith(title) and (not p.country or p.country == e.country):
            return e
    same_state = [e for e in entities if p.country and e.country == p.country and e.name]
    return same_state[0] if len(same_state) == 1 else None


def _words(name: str, known: dict[str, frozenset[str]]) -> frozenset[str]:
    """The folded words of a name, folded once per segment (`known`)."""
    words = known.get(name)
    if words is None:
        words = known[name] = frozenset(fold_word(name).split())
    return words


INDEX_AT = 24  # entities: from here on `link` looks them up in an EntityIndex
SUBSETS_UP_TO = 8  # words of a name: the subsets of a longer one are not listed (the entities are scanned)


class EntityIndex:
    """`_same_entity` without a scan of every entity, for segments naming many people: named
    entities by the set of their name's words, by each word and by state; titles in a trie. The
    first entity in order is the one with the least id."""

    def __init__(self, entities: list[Entity], words_of: dict[str, frozenset[str]]):
        self.entities, self.words_of = entities, words_of
        self.by_set: dict[frozenset[str], set[int]] = {}
        self.by_word: dict[str, set[int]] = {}
        self.by_state: dict[str, set[int]] = {}  # named entities
        self.titles = TitleTrie()
        for e in entities:
            self.add(e)

    def add(self, e: Entity) -> None:
        self._add_name(e)
        self.titles.add(fold_word(e.title or ""), e.id, e.country)

    def changed(self, e: Entity, name: str | None, title: str | None, country: str | None) -> None:
        """`e` had that name, title and state before a mention of it filled or lengthened them."""
        if name != e.name or country != e.country:
            if name:
                words = _words(name, self.words_of)
                self.by_set[words].discard(e.id)
                for w in words:
                    self.by_word[w].discard(e.id)
                if country:
                    self.by_state[country].discard(e.id)
            self._add_name(e)
        if title != e.title or country != e.country:
            self.titles.add(fold_word(e.title or ""), e.id, e.country)

    def _add_name(self, e: Entity) -> None:
        if e.name:
            words = _words(e.name, self.words_of)
            self.by_set.setdefault(words, set()).add(e.id)
            for w in words:
                self.by_word.setdefault(w, set()).add(e.id)
            if e.country:
                self.by_state.setdefault(e.country, set()).add(e.id)

    def same(self, p: Person) -> Entity | None:
        found = self._same_name(_words(p.name, self.words_of)) if p.name else self._same_title(p)
        return None if found is None else self.entities[found]

    def _same_name(self, words: frozenset[str]) -> int | None:
        """The first named entity whose words hold the name's, or are held by them."""
        if len(words) > SUBSETS_UP_TO:
            return next((e.id for e in self.entities if e.name and (
                words <= (other := _words(e.name, self.words_of)) or other <= words)), None)
        found = [min(self.by_set.get(frozenset(sub), ()), default=None) for sub in _subsets(sorted(words))]
        if words:  # holding them all: among those holding the rarest of them
            rarest = min((self.by_word.get(w, set()) for w in words), key=len)
            found.append(min((i for i in rarest if words <= self._words_of(i)), default=None))
        else:  # no words: every named entity holds them
            found.append(min((i for ids in self.by_set.values() for i in ids), default=None))
        return min((i for i in found if i is not None), default=None)

    def _words_of(self, eid: int) -> frozenset[str]:
        return _words(self.entities[eid].name or "", self.words_of)

    def _same_title(self, p: Person) -> int | None:
        """A title-only mention: the first entity whose title starts with it (of its state, if it
        has one); else the only named entity of its state."""
        title = fold_word(p.title or "")
        found = self.titles.first(title, p.country) if title else None
        if found is not None:
            return found
        same_state = self.by_state.get(p.country, set()) if p.country else set()
        return next(iter(same_state)) if len(same_state) == 1 else None


class TitleTrie:
    """Folded titles by their characters; each node keeps the least id of the entities whose title
    starts there, of any state (key None) and of each state (key (state,)). Titles are only added:
    an entity's title or state is set once."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, title: str, eid: int, state: str | None) -> None:
        node = self.root
        for ch in title:
            node = node.setdefault(ch, {})
            node[None] = min(node.get(None, eid), eid)
            if state:
                node[(state,)] = min(node.get((state,), eid), eid)

    def first(self, title: str, state: str | None) -> int | None:
        """The least id of a title starting with `title` (of `state`, when given)."""
        node = self.root
        for ch in title:
            node = node.get(ch)  # type: ignore[assignment]
            if node is None:
                return None
        return node.get((state,) if state else None)


def _subsets(words: list[str]) -> Iterator[tuple[str, ...]]:
    """Every subset of `words`, the empty one too."""
    for n in range(len(words) + 1):
        yield from itertools.combinations(words, n)


class Covered:
    """A growing union of spans [a, b), as disjoint sorted spans: `holds(s)` is `any(a <= s < b)`
    over every span added."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(spans):
            self.add(a, b)

    def holds(self, at: int) -> bool:
        k = bisect_right(self.starts, at) - 1
        return k >= 0 and at < self.ends[k]

    def add(self, a: int, b: int) -> None:
        if a >= b:
            return  # holds nothing
        i, j = bisect_left(self.ends, a), bisect_right(self.starts, b)  # the spans it meets: [i, j)
        if i < j:
            a, b = min(a, self.starts[i]), max(b, self.ends[j - 1])
        self.starts[i:j], self.ends[i:j] = [a], [b]


def _short_references(entities: list[Entity], text: str, folded: Folded) -> None:
    """A named entity's last word written alone elsewhere (not inside another mention) is a
    mention of it too: "حموشي" after "عبد اللطيف حموشي"."""
    covered = Covered(s for ent in entities for s in ent.spans)
    named = [e for e in entities if e.name]
    runs: dict[str, list[tuple[int, int]]] | None = None
    for e in named:
        last = fold_word(e.name or "").split()[-1]
        if len(last) < 4:
            continue
        whole = WORD_RUN.fullmatch(last) is not None
        if runs is None and whole and len(named) > RUNS_FROM:
            runs = _word_runs(folded.text)
        for at, end in runs.get(last, []) if runs is not None and whole else _occurrences(folded.text, last):
            s, t = folded.span(at, end)
            if not covered.holds(s):
                e.spans.append((s, t))
                covered.add(s, t)


RUNS_FROM = 200  # named entities: from here on the words are listed once, not searched for each (~200 str.find
#                 passes over a text cost what one listing of its words does)
WORD_RUN = re.compile(r"\w+")  # \w: str.isalnum() or "_", the word test of `_occurrences`


def _word_runs(text: str) -> dict[str, list[tuple[int, int]]]:
    """What `_occurrences(text, word)` finds, for every word at once: word -> [(start, end)], in
    text order. A word written with the article is listed under both forms ("الحموشي": حموشي too),
    unless the search for the bare form would have stopped inside the article (الالال)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for m in WORD_RUN.finditer(text):
        word, span = m.group(), m.span()
        out.setdefault(word, []).append(span)
        bare = word[2:]
        if word.startswith("ال") and bare and not word.startswith(bare) and not word.startswith(bare, 1):
            out.setdefault(bare, []).append(span)
    return out


def _occurrences(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Where `word` (or ال + word) stands as a whole word in `text`: str.find, not a regex per name.

    >>> list(_occurrences("التقى حموشي، ثم الحموشي وبحموشي", "حموشي"))
    [(6, 11), (16, 23)]
    """
    for at in positions(text, word):
        end = at + len(word)
        lead = at - 2 if at >= 2 and text.startswith("ال", at - 2) else at
        if (lead == 0 or not text[lead - 1].isalnum() and text[lead - 1] != "_") \
                and (end == len(text) or not text[end].isalnum() and text[end] != "_"):
            yield lead, end


# 2. triggers -------------------------------------------------------------------------------------
@functools.cache
def _trigger_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, bool]], Starts]:
    """The trigger forms as one expression (longest first), their (family, is_verb), and where their
    first words start: the expression is only tried there."""
    table: dict[str, tuple[str, bool]] = {}
    for family, spec in lexicons().triggers.items():
        if not isinstance(spec, dict):
            continue
        for is_verb, key in ((True, "verbs"), (False, "nouns")):
            for form in spec.get(key) or []:
                table.setdefault(fold_word(form), (family, is_verb))
    forms = sorted(table, key=len, reverse=True)
    alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf"({alternation})(?!\w)"), table, Starts([f.split()[0] for f in forms])


@functools.cache
def _guard_pattern(kind: str) -> re.Pattern[str]:
    words = sorted((fold_word(w) for w in lexicons().triggers[kind]), key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<!\w)[وف]?(?:{alternation})(?!\w)")


NEGATED = re.compile(r"(?<!\w)(?:لم|لن|لا)\s+(?:\S+\s+)?$")  # "لم يلتق"، "لن يستقبل"
RECALLED = (re.compile(r"(?<!\w)[وف]?(?:كان|كانت|كانا|كانوا)(?!\w).{0,40}(?<!\w)قد\s+$"),
            re.compile(r"(?<!\w)[وف]?(?:كان|كانت|كانا|كانوا)\s+(?:\S+\s+){0,3}قد\s+\S+"))  # "وكان الطرفان قد التقيا"
TAIL = 80  # the end-anchored guards above match fewer characters: they are searched from here


class Clause:
    """A sentence's folded text, as the guards of its triggers read it: where كان is first written
    and from where on "كان ... قد ..." is (found once, not again for each trigger)."""

    __slots__ = ("text", "start", "end", "kan", "_recalled")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.kan = text.find("كان", start, end)
        self._recalled: float | None = None

    def has_kan(self, end: int) -> bool:
        """`"كان" in text[start:end]`."""
        return self.kan >= 0 and self.kan + 3 <= end

    def recalled(self, end: int) -> bool:
        """`RECALLED[1].search(text[start:end])`: true from the end of its shortest match on."""
        if self._recalled is None:
            self._recalled = _first_match_end(RECALLED[1], self.text[self.start:self.end])
        return end - self.start >= self._recalled


def _first_match_end(pattern: re.Pattern[str], text: str) -> float:
    """The least n for which `pattern.search(text[:n])` matches (inf: none). The answer only grows
    with n for a pattern that looks neither ahead nor at the end: a bisection finds it.

    >>> _first_match_end(re.compile(r"ab+"), "xxabbb ab")
    4
    """
    m = pattern.search(text)
    if m is None:
        return float("inf")
    lo, hi = 0, m.end()  # no match in text[:lo], one in text[:hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if pattern.search(text, 0, mid) else (mid, hi)
    return hi


def _blocked(clause: Clause, end: int) -> bool:
    """Is the trigger at `end` (folded) preceded in its clause by a plan, a negation or a recalled
    meeting? All guards but one read only its last TAIL characters: that one, the clause asks."""
    before = clause.text[max(clause.start, end - TAIL - 1):end]  # = text[start:end][-TAIL - 1:]
    if _guard_pattern("planned").search(before[-60:]):
        return True
    tail = max(0, len(before) - TAIL)  # the lookbehinds still see the text before `tail`
    if NEGATED.search(before, tail) or _guard_pattern("negated").search(before[-40:]):
        return True
    return clause.has_kan(end) and (bool(RECALLED[0].search(before, tail)) or clause.recalled(end)) \
        or bool(_guard_pattern("background").search(before[-40:]))  # "وكان الطرفان قد التقيا ... في اجتماع جمع"


# 3. engagements ---------------------------------------------------------------------------------
def engagements(a: Analysis) -> list[Engagement]:
    pattern, table, first_words = _trigger_pattern()
    found: list[Engagement] = []
    protagonist = next((e.id for e in a.entities if e.name), None)
    folded = a.folded
    starts = a.trigger_starts if a.trigger_starts is not None else first_words.find(folded.text)
    for s, t in a.sentences:
        fs, ft = folded.fpos(s), folded.fpos(t)
        mentions = clause = None
        for m in matches_at(pattern, folded.text, starts, fs, ft):
            if not word_start(folded.text, m.start()):
                continue
            family, is_verb = table[one_space(m.group(1))]
            clause = clause or Clause(folded.text, fs, ft)
            if _blocked(clause, m.start()):
                continue
            p0, p1 = folded.span(m.start(), m.end())
            mentions = _mentions_in(a, s, t) if mentions is None else mentions
            subject = _subject(mentions, p0, p1, is_verb, protagonist, a.segment.text)
            if subject is None:
                continue
            protagonist = protagonist if protagonist is not None else subject
            kind = {"call": "call", "agreement": "agreement"}.get(family, "meeting")
            for obj in _objects(a, mentions, p1, subject):
                found.append(Engagement(kind, family, subject, obj, (s, t)))
    return found


def _has_trigger(folded: str, starts: list[int]) -> bool:
    return any(True for _ in matches_at(_trigger_pattern()[0], folded, starts))


class Mentions:
    """The entity mentions of one sentence, (start, end, entity) in text order, with what every
    trigger asks of them found once: their starts (also folded), the furthest end so far, the
    first mentions of each state, whether one entity alone is mentioned from k on."""

    __slots__ = ("items", "starts", "folded", "fstarts", "reach", "by_state", "alone", "least_end", "ordered")

    def __init__(self, a: Analysis, items: list[tuple[int, int, int]]):
        self.items = items
        self.starts = [x for x, _, _ in items]
        self.folded, self.fstarts = a.folded, None
        self.reach, self.by_state, self.alone = [], {}, [True] * len(items)
        furthest = -1
        for k, (_, y, eid) in enumerate(items):
            furthest = max(furthest, y)
            self.reach.append(furthest)
            ent = a.entities[eid]
            if ent.country or ent.name:  # a side of unknown state without a name is never an object
                self.by_state.setdefault(ent.country or None, []).append(k)
        for k in range(len(items) - 2, -1, -1):
            self.alone[k] = self.alone[k + 1] and items[k][2] == items[k + 1][2]
        self.least_end = min((y for _, y, _ in items), default=float("inf"))
        self.ordered = all(x <= y for x, y, _ in items)

    def first_from(self, fat: float) -> int:
        """The index of the first mention starting at folded offset `fat` or later."""
        if fat == float("inf"):
            return len(self.items)
        if self.fstarts is None:
            self.fstarts = [self.folded.fpos(x) for x in self.starts]
        return bisect_left(self.fstarts, fat)

    def ending_by(self, p0: int) -> int | None:
        """The entity of the last mention (in text order) that ends by `p0`."""
        if self.least_end > p0:
            return None
        if not self.ordered:
            return [m for m in self.items if m[1] <= p0][-1][2]
        k = bisect_right(self.starts, p0) - 1
        while self.items[k][1] > p0:  # mentions holding p0 (few)
            k -= 1
        return self.items[k][2]

    def objects(self, p1: int, cut: int) -> list[int]:
        """Indices, in order, of the mentions ending after `p1` and before index `cut` that could
        be objects: those that start before `p1` (they hold it) and each state's first one after."""
        lo = bisect_left(self.starts, p1)
        picks = [k for k in range(bisect_right(self.reach, p1), lo) if self.items[k][1] > p1]
        for ks in self.by_state.values():
            j = bisect_left(ks, lo)
            while j < len(ks) and self.items[ks[j]][1] <= p1:
                j += 1
            if j < len(ks):
                picks.append(ks[j])
        return sorted(k for k in picks if k < cut)


def _mentions_in(a: Analysis, s: int, t: int) -> Mentions:
    """The mentions that lie inside the sentence [s, t)."""
    key = ("mentions", None)
    if key not in a.memo:
        every = sorted((x, y, e.id) for e in a.entities for x, y in e.spans)
        a.memo[key] = (every, [x for x, _, _ in every], all(x <= y for x, y, _ in every))
    every, starts, ordered = a.memo[key]  # type: ignore[misc]
    if ordered:  # a mention inside [s, t) starts in [s, t]
        inside = [m for m in every[bisect_left(starts, s):bisect_right(starts, t)] if m[1] <= t]
    else:
        inside = [m for m in every if s <= m[0] and m[1] <= t]
    return Mentions(a, inside)


THREE_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S")  # matches where `len(text.split()) > 2`


def _subject(mentions: Mentions, p0: int, p1: int, is_verb: bool, protagonist: int | None,
             text: str) -> int | None:
    items = mentions.items
    i = bisect_left(mentions.starts, p1)  # the mentions after the trigger: items[i:]
    if is_verb and i < len(items) and not THREE_WORDS.match(text, p1, items[i][0]):
        if mentions.alone[i] and mentions.least_end > p0 and protagonist not in {None, items[i][2]}:
            return protagonist  # "ثم استقبل سفيرة كندا ...": the subject is the article's protagonist
        return items[i][2]
    before = mentions.ending_by(p0)
    return before if before is not None else protagonist


class Cuts:
    """Where the ATTENDING words are written in a folded text: `ATTENDING.search(text[i:j])`
    matches when `j >= cuts.after(i)`, the end of the first of them that starts at i or later."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str):
        found = sorted((at, at + len(w)) for w in ATTENDING_WORDS for at in _overlapping(text, w))
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


def _objects(a: Analysis, mentions: Mentions, p1: int, subject: int) -> list[int]:
    ents = a.entities
    out: list[int] = []
    countries = {ents[subject].country}
    cuts = a.memo.get(("cuts", None))
    if cuts is None:
        cuts = a.memo[("cuts", None)] = Cuts(a.folded.text)
    # "بحضور والي مدنين": the mentions after an attending word are attendees, not the other side
    cut = mentions.first_from(cuts.after(a.folded.fpos(p1)))
    for k in mentions.objects(p1, cut):  # the others would be passed over: same state or entity
        eid = mentions.items[k][2]
        ent = ents[eid]
        if eid == subject or eid in out or (ent.country and ent.country in countries):
            continue
        if not ent.country and (out or not ents[subject].country or not ent.name):
            continue  # a side of unknown state: only one named counterpart of a known foreigner
        out.append(eid)
        countries.add(ent.country)
    return out


# 4-5. events ------------------------------------------------------------------------------------
def extract_events(segment: Segment, ref_date: dt.date, folded: Folded | None = None) -> list[Event]:
    """Step 3 of the pipeline: the engagement events stated in one segment (`folded`: its text
    folded, when the caller has it)."""
    folded = folded or fold(segment.text)
    starts = _trigger_pattern()[2].find(folded.text)
    if not _has_trigger(folded.text, starts):
        return []  # no meeting, call or agreement is written here: nothing to read closely
    a = analyse(segment, ref_date, folded=folded)
    a.trigger_starts = starts
    groups: dict[frozenset[int], list[Engagement]] = {}
    for eng in engagements(a):
        groups.setdefault(frozenset((eng.subject, eng.obj)), []).append(eng)
    if groups:  # what `_date` may read, in one pass
        a.read_dates([engs[0].sentence for engs in groups.values()] + (a.paragraphs[:1] or [(0, len(segment.text))]))
    events = [_event(a, engs) for engs in groups.values()]
    _scope_topics(a, events, list(groups.values()))
    pub = segment.published
    kept = []
    for ev in events:
        states = [p.country for p in ev.principals()]
        if None in states or len(set(states)) < 2 or (pub and ev.date and ev.date[:10] > pub):
            continue  # an unknown side, one state only, or a meeting still to come
        kept.append(ev)
    return kept


def _posting_state(participants: list[Participant], known: set[str | None]) -> str | None:
    """The state a known diplomat is posted to, from the second state named in the title."""
    for p in participants:
        if p.country and p.title and DIPLOMAT.search(fold(p.title).text):
            states = [e.key for _, _, e in lexicons().places.find(fold(p.title).text) if e.kind == "country"]
            later = [s for s in states if s not in known]
            if later:
                return later[0]
    return None


def home_country(a: Analysis, exclude: set[str]) -> str | None:
    """The state the article is written from, other than `exclude`: the one its dateline names, else
    the one its title and text name most (names, nisbas, places); a tie goes to the first named."""
    if a.votes is None:
        a.votes = _home_votes(a, a.hits)
    votes = {k: v for k, v in a.votes.items() if k not in exclude}
    return max(votes, key=votes.__getitem__) if votes else None


def _home_votes(a: Analysis, text_hits: list) -> dict[str, tuple[int, int]]:
    """Votes for the article's home state: dateline (a news agency or a place) 5 or 10, title and
    text 1 per mention. Ambiguous names (عمان), common-word towns and weak nisbas do not vote."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    lex = lexicons()
    seg = a.segment
    dateline = fold(seg.dateline or "").text
    for name, iso in lex.extra["news_agencies"]:  # "عمّان-سانا"
        if dateline and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", dateline):
            counts[iso] = counts.get(iso, 0) + 10
            first.setdefault(iso, -1)
    for weight, hits in ((5, lex.places.find_all(dateline) if dateline else []),
                         (1, lex.places.find_all(fold(seg.title or "").text)), (1, text_hits)):
        for _, _, entries in hits:
            if len({x.key if x.kind != "city" else x.attrs["iso3"] for x in entries}) > 1 \
                    and any(x.kind == "country" for x in entries):
                continue  # عمان: Oman or Amman, no vote
            e = next((x for x in entries if x.attrs.get("default", True)), entries[0])  # طرابلس -> Libya
            if e.attrs.get("common") or e.form in WEAK_NISBAS:
                continue  # "إطار" is not the town Atar, "المالية" is finance more often than Mali
            iso = e.key if e.kind in {"country", "nisba"} else e.attrs.get("iso3")
            if iso and iso not in {"ESH", "IGO"}:
                counts[iso] = counts.get(iso, 0) + weight
                first.setdefault(iso, len(first))
    return {iso: (n, -first[iso]) for iso, n in counts.items()}


def _fill_home(a: Analysis, participants: list[Participant], location: Location,
               neutral: bool) -> Participant | None:
    """A side of unknown state facing a foreigner is the home side: the meeting place's state, else
    (and always on neutral ground) the state the article is written from."""
    unknown = [p for p in participants if not p.country and p.role != "attendee"]
    known = {p.country for p in participants if p.country}
    if len(unknown) != 1:
        return None
    posted = _posting_state(participants, known)  # "سفير جمهورية قبرص في لبنان" -> LBN receives
    state = None if neutral or location.country in known else location.country
    state = state or (None if neutral else posted)
    exclude = known | ({location.country} if neutral and location.country else set())
    state = state or home_country(a, {k for k in exclude if k})
    if state and state not in known:
        unknown[0].country = state
        return unknown[0]
    return None


def _event(a: Analysis, engs: list[Engagement]) -> Event:
    first = engs[0]
    kinds = {e.kind for e in engs}
    kind = "agreement" if "agreement" in kinds else "call" if "call" in kinds else "meeting"
    if kind == "meeting" and _signed_nearby(a, first.sentence):
        kind = "agreement"  # "وتوجت هذه المباحثات بالتوقيع على مذكرة تفاهم": one event, an agreement
    date, how = _date(a, first.sentence)
    location = _location(a, first)
    s, t = first.sentence
    text = a.segment.text
    neutral = _says(a, SIDELINES, first.sentence)  # on the sidelines of a conference
    participants = _participants(a, first, location, kind, neutral)
    filled = _fill_home(a, participants, location, neutral)
    if filled and not neutral and kind != "call" and all(p.role == "participant" for p in participants) \
            and (_says(a, AT_HOME, first.sentence) or any(DIPLOMAT.search(fold(p.title or "").text)
                                                         for p in participants if p is not filled)):
        # "اجتمع الوزير، في مكتبه، بسفير المملكة المتحدة": the home side receives the foreigner
        filled.role = "host"
        for p in participants:
            p.role = "guest" if p is not filled else "host"
        location.country = location.country or filled.country
    if not location.country and any(p.role == "host" for p in participants):
        location.country = next(p.country for p in participants if p.role == "host")
    evidence = a.memo.get(("evidence", first.sentence))
    if evidence is None:  # one string per sentence, however many events it states
        evidence = a.memo[("evidence", first.sentence)] = text[s:t].strip()
    source = Source(a.segment.doc, evidence, a.segment.index, s, t, a.segment.outlet)
    ev = Event(kind, date, location, participants, [], [source], date_how=how)
    ev.confidence = _confidence(ev, first)
    return ev


def _says(a: Analysis, pattern: re.Pattern[str], sentence: tuple[int, int]) -> bool:
    """Does `pattern` match in the folded sentence? (Asked once per sentence and pattern.)"""
    key = (pattern.pattern, sentence)
    if key not in a.memo:
        a.memo[key] = bool(pattern.search(a.fold(*sentence)))
    return a.memo[key]


def _paragraph_of(a: Analysis, at: int) -> int:
    """`next((k for k, (x, y) in enumerate(a.paragraphs) if x <= at < y), 0)`, by bisection
    (paragraphs are in text order and do not overlap)."""
    starts = a.memo.get(("paragraph starts", None))
    if starts is None:
        starts = a.memo[("paragraph starts", None)] = [x for x, _ in a.paragraphs]
        ends = [y for _, y in a.paragraphs]
        if any(y > x for y, x in zip(ends, starts[1:], strict=False)) or any(y < x for x, y in a.paragraphs):
            starts = a.memo[("paragraph starts", None)] = False  # not so: the scan
    if starts is False:
        return next((k for k, (x, y) in enumerate(a.paragraphs) if x <= at < y), 0)
    k = bisect_right(starts, at) - 1
    return k if k >= 0 and at < a.paragraphs[k][1] else 0


def _signed_nearby(a: Analysis, sentence: tuple[int, int]) -> bool:
    """Is an agreement signed in the trigger's paragraph or the next one?"""
    k = _paragraph_of(a, sentence[0])
    if ("signed", k) not in a.memo:
        text = " ".join(a.fold(x, y) for x, y in a.paragraphs[k:k + 2])
        pattern, first_words = _signing_pattern()
        a.memo[("signed", k)] = bool(first_words.find(text)) and bool(pattern.search(text))  # no signing word: no regex scan
    return a.memo[("signed", k)]


@functools.cache
def _signing_pattern() -> tuple[re.Pattern[str], Starts]:
    spec = lexicons().triggers["agreement"]
    forms = sorted({fold_word(f) for f in spec.get("verbs", []) + spec.get("nouns", [])}, key=len, reverse=True)
    alternation = "|".join(re.escape(f).replace(chr(92) + " ", chr(92) + "s+") for f in forms)
    return re.compile(rf"(?<!\w)[وف]?(?:ب|ل)?(?:{alternation})(?!\w)"), Starts([f.split()[0] for f in forms])


def _date(a: Analysis, sentence: tuple[int, int]) -> tuple[str | None, str | None]:
    here = a.dates_within(sentence)
    if here:
        best = next((d for d in here if d.value), None)
        return (best.value, best.extra.get("how")) if best else (None, None)
    lede = a.paragraphs[0] if a.paragraphs else (0, 0)
    for d in a.dates_within(lede):
        if d.value:
            return d.value, d.extra.get("how")
    return None, None


def _location(a: Analysis, eng: Engagement) -> Location:
    s, t = eng.sentence
    k = _paragraph_of(a, s)
    para = a.paragraphs[k] if a.paragraphs else (s, t)
    after = a.paragraphs[k + 1] if k + 1 < len(a.paragraphs) else (t, t)
    lede = a.paragraphs[0] if a.paragraphs else (s, t)
    scopes = ((s, t), para, after, lede)  # the sentence, its paragraph, the next one, the lede
    for lo, hi in scopes:
        c = _first_usable(a, "city", lo, hi)
        if c is not None:
            return Location(c.name_en, c.iso3, c.geonameid, c.lat, c.lon)
    for lo, hi in scopes:  # "بمقر الوزارة بالجزائر": only the state
        c = _first_usable(a, "country", lo, hi)
        if c is not None:
            return Location(None, c.iso3)
    if ("visit", None) not in a.memo:
        a.memo[("visit", None)] = next((p.iso3 for p in a.places if p.kind == "country" and p.destination
                                        and VISIT.search(a.fold(max(0, p.start - 40), p.start))), None)
    return Location(None, a.memo[("visit", None)])


def _first_usable(a: Analysis, kind: str, lo: int, hi: int) -> Place | None:
    """The first place of `kind` starting in [lo, hi) that can be the meeting's (per scope, once)."""
    key = ("first usable", (kind, lo, hi))
    if key not in a.memo:
        places = a.places
        if ("place starts", None) not in a.memo:
            a.memo[("place starts", None)] = _sorted_starts(places)
        starts = a.memo[("place starts", None)]
        pool = places if starts is None else places[bisect_left(starts, lo):bisect_left(starts, hi)]
        a.memo[key] = next((p for p in pool if lo <= p.start < hi and p.kind == kind and _usable(a, p)), None)
    return a.memo[key]


def _usable(a: Analysis, p: Place) -> bool:
    """"... على أن تجتمع اللجنة المشتركة المقبلة في برلين": a future venue is not the meeting place;
    nor is a place inside a title (سفير المغرب في تونس)."""
    key = ("usable", (p.start, p.locative))
    if key not in a.memo:
        a.memo[key] = p.locative and not _in_title(a, p.start) \
            and not _guard_pattern("planned").search(a.fold(max(0, p.start - 50), p.start))
    return a.memo[key]


def _in_title(a: Analysis, at: int) -> bool:
    """`any(x <= at < y for x, y in title spans)`: the titles sorted once, with their furthest end."""
    if ("titles", None) not in a.memo:
        spans = sorted(p.title_span for p in a.people if p.title_span)
        reach, furthest = [], -1
        for _, y in spans:
            furthest = max(furthest, y)
            reach.append(furthest)
        a.memo[("titles", None)] = ([x for x, _ in spans], reach)
    starts, reach = a.memo[("titles", None)]
    k = bisect_right(starts, at) - 1
    return k >= 0 and reach[k] > at


def _participants(a: Analysis, eng: Engagement, location: Location, kind: str,
                  neutral: bool = False) -> list[Participant]:
    subj, obj = a.entities[eng.subject], a.entities[eng.obj]
    home = None if neutral else location.country
    countries = [subj.country, obj.country]
    if home and kind != "call":  # the side of unknown state meeting a foreigner at this place is at home
        if subj.country is None and obj.country not in {None, home}:
            countries[0] = home
        elif obj.country is None and subj.country not in {None, home}:
            countries[1] = home
    if eng.family == "reception":
        roles = ("host", "guest")
    elif eng.family == "guest_of":
        roles = ("guest", "host")
    elif kind == "call":
        roles = ("participant", "participant")
    elif home and home == countries[1]:
        roles = ("guest", "host")
    elif home and home == countries[0]:
        roles = ("host", "guest")
    else:
        roles = ("participant", "participant")
    out = []
    for ent, role, known in zip((subj, obj), roles, countries, strict=True):
        country = known or (home if role == "host" else None)
        out.append(Participant(role, ent.name, ent.title, country, ent.organization, ent.sector))
    return out


def _scope_topics(a: Analysis, events: list[Event], groups: list[list[Engagement]]) -> None:
    """Paragraphs about one engagement give it their topics; lede and summing-up ones give to all."""
    if not events:
        return
    lex = lexicons()
    if len(events) == 1:  # one engagement: every paragraph is about it (one scan of the segment)
        events[0].topics = sorted(topics_in(a.folded.text, lex))
        return
    owner: dict[int, int] = {}
    for i, engs in enumerate(groups):
        for eng in engs:
            owner.setdefault(_paragraph_of(a, eng.sentence[0]), i)
    _owners_by_name(a, groups, owner)
    current = None
    shared: set[str] = set()  # the topics of paragraphs about every engagement
    own: list[set[str]] = [set(ev.topics) for ev in events]
    for k, (x, y) in enumerate(a.paragraphs):
        topics = topics_in(a.fold(x, y), lex)
        summing_up = k not in owner and ALL_EVENTS.search(a.fold(x, y))
        current = owner.get(k, current)
        (shared if current is None or summing_up else own[current]).update(topics)
    for ev, topics in zip(events, own, strict=True):
        ev.topics = sorted(topics | shared)


def _owners_by_name(a: Analysis, groups: list[list[Engagement]], owner: dict[int, int]) -> None:
    """"وتناول اللقاء مع السفير الإيطالي ...": a paragraph naming the other side of one engagement
    only (a mention of it starts there) is that engagement's."""
    groups_of: dict[int, list[int]] = {}
    for i, engs in enumerate(groups):
        groups_of.setdefault(engs[0].obj, []).append(i)
    named: dict[int, list[int]] = {}  # paragraph -> the groups whose other side it names
    for eid, gs in groups_of.items():
        for k in sorted({k for k in (_paragraph_in(a, s) for s, _ in a.entities[eid].spans) if k is not None}):
            named.setdefault(k, []).extend(gs)
    for k, gs in named.items():
        if k not in owner and k != 0 and len(gs) == 1:
            owner[k] = gs[0]


def _paragraph_in(a: Analysis, at: int) -> int | None:
    """The paragraph holding `at`, if one does."""
    k = _paragraph_of(a, at)
    x, y = a.paragraphs[k] if a.paragraphs else (0, 0)
    return k if x <= at < y else None


def _confidence(ev: Event, eng: Engagement) -> float:
    score = 0.5
    score += 0.1 * sum(1 for p in ev.participants if p.name)
    score += 0.1 if ev.date and len(ev.date) == 10 else 0.0
    score += 0.05 if ev.location.city else 0.0
    score += 0.05 if eng.family in {"reception", "call", "agreement"} else 0.0
    return min(score, 0.95)
