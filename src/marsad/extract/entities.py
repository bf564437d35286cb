"""People mentions linked into entities: one entity per person, whatever the mentions call them
(a full name, a short reference such as the surname alone, a title-only mention).

`link` groups the mentions of a segment; beyond a few dozen entities it looks them up in an
`EntityIndex` instead of scanning them (the scans would be quadratic on long pages).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..normalize import Folded, fold, fold_word, positions
from .mentions import Person


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
                return e if _one_state(p, e) else None  # "أحمد محمد" of Niger is not "محمد ولد الشيخ محمد أحمد" of Mauritania
        return _named_by_head(p, entities)
    title = fold_word(p.title or "")
    for e in entities:  # a title-only mention: the start of a known title, or the same state's official
        if title and fold_word(e.title or "").startswith(title) and (not p.country or p.country == e.country):
            return e
    same_state = [e for e in entities if p.country and e.country == p.country and e.name]
    return same_state[0] if len(same_state) == 1 else _head_and_surname(p, entities)


def _one_state(p: Person, e: Entity) -> bool:
    """Can the mention `p` be of the entity `e`: not two different states (one person, one state)?"""
    return not (p.country and e.country and p.country != e.country)


def _named_by_head(p: Person, entities: list[Entity]) -> Entity | None:
    """"بحث وكيل وزارة الداخلية ... وقال الوكيل، الفريق ركن عدنان الربيعي": a name given with the
    bare head of a title (one definite word) is the one earlier official of that title left nameless."""
    title = fold_word(p.title or "")
    if not title.startswith("ال") or " " in title:
        return None
    found = [e for e in entities if not e.name and e.title and fold_word(e.title).split()[0] in (title, title[2:])
             and (not p.country or not e.country or p.country == e.country)]
    return found[0] if len(found) == 1 else None


def _head_and_surname(p: Person, entities: list[Entity]) -> Entity | None:
    """"بحث الوزير العبادي مع نظيره": a bare head and one word, the surname of the one person of that
    surname named before, is a short reference to him."""
    words = fold_word(p.title or "").split()
    if len(words) != 2 or not words[0].startswith("ال"):
        return None
    found = [e for e in entities if e.name and len(parts := fold_word(e.name).split()) > 1 and parts[-1] == words[1]
             and (not p.country or not e.country or p.country == e.country)]
    return found[0] if len(found) == 1 else None


def _words(name: str, known: dict[str, frozenset[str]]) -> frozenset[str]:
    """The folded words of a name, folded once per segment (`known`)."""
    words = known.get(name)
    if words is None:
        first, *rest = fold_word(name).split() or [""]  # "محمد الخالد" is "محمد خالد الحمد الصباح":
        words = known[name] = frozenset([first, *(w.removeprefix("ال") if len(w) > 4 else w for w in rest)])
        # a Gulf short form names a man by his father's name with the article
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
        if found is None:  # the rare mentions `_same_entity` reads last, by a scan
            return _named_by_head(p, self.entities) if p.name else _head_and_surname(p, self.entities)
        return self.entities[found] if not p.name or _one_state(p, self.entities[found]) else None

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
