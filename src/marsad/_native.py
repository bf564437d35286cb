"""The inner loops in Python: the twin of `_speedups.c`, used when the C module was not built (no
compiler at install time) or MARSAD_PURE=1 is set. `marsad.speedups` chooses one of the two once,
at import; the rest of the package calls it and never knows which runs. Same names, same
arguments, same answers (tests/test_fast.py compares the two, over the whole BMP where a loop
reads characters):

    Folding(table).fold(text, offsets, lower)  the folded text, where characters were deleted
    word_runs(text)                            re.findall(r"[^\\W_]+", text)
    tokens(text)                               the people tokenizer's matches, as parallel lists
    positions(text, part)                      where `part` occurs, without overlaps
    matches_at(pattern, text, starts, s, e)    pattern.finditer(text, s, e) for matches at `starts`
    Automaton(pairs)                           Aho-Corasick: .iter, .found, .prefilter, .starts, .labelled, .words, .words_each, .size

>>> Folding({"ة": "ه", "\\u064e": ""}).fold("مدينَة", True, True)
('مدينه', [4], [4])
>>> word_runs("الداخلية، (بترا) 13/1/2025 --")
['الداخلية', 'بترا', '13', '1', '2025']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

# ------------------------------------------------------------------------------------ Folding


class Folding:
    """A folding table (character -> "" to delete it, or its one-character replacement), applied
    in one step: no replacement is itself a key. The table is `normalize.FOLDING`, the only copy."""

    def __init__(self, table: dict[str, str]):
        check_table(table)
        codes = sorted(ord(a) for a, b in table.items() if not b)
        self.deleted = re.compile("[" + "".join(_ranges(codes)) + "]") if codes else None
        self.replace = [(a, b) for a, b in table.items() if b]

    def fold(self, text: str, offsets: bool, lower: bool) -> tuple[str, list[int], list[int]]:
        """(folded text, the folded position of each deleted character, their original positions),
        the two lists empty unless `offsets`; with `lower`, the text lowered unless that would
        change its length (offsets stay valid)."""
        deleted = [m.start() for m in self.deleted.finditer(text)] if offsets and self.deleted else []
        if self.deleted and (not offsets or deleted):
            text = self.deleted.sub("", text)
        for a, b in self.replace:  # `in` per character is ten times faster than a character-class search
            if a in text:
                text = text.replace(a, b)
        if lower:
            lowered = text.lower()
            text = lowered if len(lowered) == len(text) else text
        return text, [p - k for k, p in enumerate(deleted)], deleted


def check_table(table: dict[str, str]) -> None:
    """A folding table maps single characters to "" or one character that is not a key."""
    for a, b in table.items():
        if not (isinstance(a, str) and isinstance(b, str) and len(a) == 1 and len(b) <= 1) or b in table:
            raise ValueError(f"bad folding table entry {a!r}: {b!r}")


def _ranges(codes: list[int]) -> Iterable[str]:
    """A character class's body for sorted code points: runs as ranges."""
    start = prev = codes[0]
    for c in codes[1:] + [-1]:
        if c == prev + 1:
            prev = c
            continue
        yield re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else "")
        start = prev = c


# ---------------------------------------------------------------------------------- word_runs

WORD = re.compile(r"[^\W_]+")
# Punctuation around words: "الداخلية،" is the word الداخلية.
WORD_EDGE = "،؛؟«»“”‘’…–—•·.,:;!?\"'()[]{}<>/\\|*%#@&+=~^`$-_"


def word_runs(folded: str) -> list[str]:
    """`WORD.findall(folded)` in less than half the regex's time: a space-separated piece that is
    one word, or one word with punctuation at its ends, is taken with `str` methods; only the rest
    (13/1/2025, كذا-كذا) goes through the regex, which costs ~10 ns a character."""
    out: list[str] = []
    for piece in folded.split():
        if piece.isalnum():
            out.append(piece)
        elif core := piece.strip(WORD_EDGE):
            if core.isalnum():
                out.append(core)
            else:
                out.extend(WORD.findall(piece))
    return out


# ------------------------------------------------------------------------------------- tokens

TOKEN = re.compile(r"[A-Za-z][\w'-]*|[^\W_]+(?:-[^\W_]+)*|[^\w\s]")  # extract.people.TOKEN
# Punctuation that TOKEN makes a token of its own, one character each, at either end of a word.
# Not "-", "'" (inside Latin names) nor "_" (a word character).
EDGE_PUNCT = "،؛؟«»“”‘’…–—•·.,:;!?\"()[]{}<>/\\|*%#@&+=~^`$"


def tokens(folded: str) -> tuple[list[str], list[int], list[int]]:
    """TOKEN.finditer as (words, starts, ends), built faster from the space-separated pieces. A piece
    that is one word, or one word with punctuation at its ends (الداخلية،), is cut with str
    methods; only the rest goes through TOKEN."""
    out: list[tuple[str, int, int]] = []
    add = out.append
    pos = 0
    for piece in folded.split(" "):
        if not piece:
            pos += 1
            continue
        if piece.isalnum():
            add((piece, pos, pos + len(piece)))
        elif not (core := piece.strip(EDGE_PUNCT)) or core.isalnum():
            lead = len(piece) - len(piece.lstrip(EDGE_PUNCT)) if core else len(piece)
            tail = lead + len(core)
            for k in range(lead):
                add((piece[k], pos + k, pos + k + 1))
            if core:
                add((core, pos + lead, pos + tail))
            for k in range(tail, len(piece)):
                add((piece[k], pos + k, pos + k + 1))
        else:
            for m in TOKEN.finditer(piece):
                add((m.group(), pos + m.start(), pos + m.end()))
        pos += len(piece) + 1
    if not out:
        return [], [], []
    words, starts, ends = (list(column) for column in zip(*out, strict=True))
    return words, starts, ends


# ---------------------------------------------------------------------- positions, matches_at


def positions(text: str, part: str) -> list[int]:
    """Where `part` occurs in `text`, left to right, without overlaps (`str.find` in a loop)."""
    if not part:
        raise ValueError("empty part")
    out = []
    at = text.find(part)
    while at >= 0:
        out.append(at)
        at = text.find(part, at + len(part))
    return out


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int] | tuple[int, ...], start: int,
               end: int | None) -> list[re.Match[str]]:
    """`pattern.finditer(text, start, end)` for a pattern that can only match at `starts` (sorted):
    `match` tried there, left to right, past the end of the last match."""
    end = len(text) if end is None else end
    out = []
    pos = start
    for p in starts[bisect_left(starts, start):bisect_left(starts, end)]:
        if p >= pos and (m := pattern.match(text, p, end)):
            pos = m.end()
            out.append(m)
    return out


# ---------------------------------------------------------------------------------- Automaton


def longest_apart(found: list[tuple[int, int, Any]], n: int) -> list[tuple[int, int, Any]]:
    """The longest of the (start, stop, value) occurrences that do not overlap, leftmost first on
    equal length, in text order (`n`: the text's length)."""
    found.sort(key=lambda h: (h[0] - h[1], h[0]))  # longest first, then leftmost
    taken = bytearray(n)
    kept: list[tuple[int, int, Any]] = []
    for h in found:
        start, stop = h[0], h[1]
        if taken.find(1, start, stop) >= 0:
            continue
        taken[start:stop] = b"\x01" * (stop - start)
        kept.append(h)
    kept.sort(key=lambda h: h[0])
    return kept


class Automaton:
    """Aho-Corasick over (key, value) pairs (pyahocorasick; the C twin is a DFA).

    >>> a = Automaton([("ab", (2, "x")), ("b", (1, "y"))])
    >>> a.iter("cab"), a.starts("cab"), a.size()
    ([(2, (2, 'x')), (2, (1, 'y'))], [1, 2], 2)
    """

    def __init__(self, pairs: list[tuple[str, Any]]):
        import ahocorasick  # here: the C path never needs it

        self.values: list[Any] = []
        self.lengths: list[int] = []  # per key
        self.automaton = ahocorasick.Automaton()
        if not isinstance(pairs, list):
            raise TypeError("pairs must be a list")
        for pair in pairs:
            if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
                raise TypeError("pairs must be (str, value) tuples")
            key, value = pair
            if not key:
                raise ValueError("empty key")
            if key not in self.automaton:  # a repeated key: the first one counts
                self.automaton.add_word(key, len(self.values))
                self.values.append(value)
                self.lengths.append(len(key))
        self.keys = len(pairs)
        if self.values:
            self.automaton.make_automaton()

    def size(self) -> int:
        """The number of keys."""
        return self.keys

    def iter(self, text: str) -> list[tuple[int, Any]]:
        """Every key occurrence as (its last character, value), by end position, longest first."""
        values = self.values
        return [(end, values[k]) for end, k in self.automaton.iter(text)] if values else []

    def prefilter(self, text: str, found: set[str]) -> dict[tuple[str, Any], list[int]]:
        """For values (length, owners), each owner (key, pattern, lead): the walk of
        `Prefilter.matching`. Owners whose key is in `found` are passed over; one with a lead is
        tried with pattern.match at the key's start, and adds its key to `found` when it matches;
        the others' windows are returned, {(key, pattern): [the end of each occurrence]}."""
        if not isinstance(found, set):
            raise TypeError("found must be a set")
        windows: dict[tuple[str, Any], list[int]] = {}
        for end, (length, owners) in self.iter(text):
            for key, pattern, lead in owners:
                if key in found:
                    continue
                if not lead:
                    windows.setdefault((key, pattern), []).append(end + 1)
                elif pattern.match(text, end + 1 - length):
                    found.add(key)
        return windows

    def found(self, text: str, pos: int, endpos: int) -> bool:
        """Does a key occur inside text[pos:endpos]?"""
        return bool(self.values) and next(self.automaton.iter(text[pos:endpos]), None) is not None

    def starts(self, text: str) -> list[int]:
        """Sorted distinct start positions of the key occurrences."""
        lengths = self.lengths
        return sorted({end - lengths[k] + 1 for end, k in self.automaton.iter(text)}) if lengths else []

    def labelled(self, text: str, labels: list[str]) -> dict[str, list[int]]:
        """For values (length, labels of the key): every label of `labels`, in sorted order, with
        the sorted distinct starts of its keys' occurrences."""
        out: dict[str, set[int]] = {label: set() for label in sorted(labels)}
        lengths, values = self.lengths, self.values
        for end, k in self.automaton.iter(text) if values else ():
            value = values[k]
            if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], tuple)):
                raise TypeError("values must be (length, labels)")
            for label in value[1]:
                out[label].add(end - lengths[k] + 1)
        return {label: sorted(found) for label, found in out.items()}

    def words(self, folded: str, proclitics: frozenset[str]) -> list[tuple[int, int, Any]]:
        """For values (length, hits, dropped): the occurrences that end a word and start one (after
        `proclitics`; a key whose article was dropped, "لمغرب" of "للمغرب", needs a lam before it),
        then the longest that do not overlap, leftmost first on equal length, as (start, stop, hits)
        in text order."""
        return self._gazetteer_words(folded, (proclitics,), False)[0]

    def words_each(self, folded: str, proclitics: tuple[frozenset[str], ...]) -> list[list[tuple[int, int, Any]]]:
        """`words` of several gazetteers in one walk: values are tuples of (which, length, hits,
        dropped) entries, `proclitics` one set per gazetteer; one list per gazetteer."""
        if not isinstance(proclitics, tuple):
            raise TypeError("proclitics must be a tuple")
        return self._gazetteer_words(folded, proclitics, True)

    def _gazetteer_words(self, folded: str, proclitics: tuple[frozenset[str], ...],
                         each: bool) -> list[list[tuple[int, int, Any]]]:
        n = len(folded)
        values, lengths = self.values, self.lengths
        found: list[list[tuple[int, int, Any]]] = [[] for _ in proclitics]
        for end, k in self.automaton.iter(folded) if values else ():
            value = values[k]
            for entry in (value if each and isinstance(value, tuple) else (value,)):
                if not (isinstance(entry, tuple) and len(entry) == 3 + each):
                    raise TypeError("values must be tuples of (which, length, hits, dropped)" if each
                                    else "values must be (length, hits, dropped)")
                which = entry[0] if each else 0
                if not 0 <= which < len(proclitics):
                    raise ValueError("which out of range")
                hits, dropped = entry[1 + each], entry[2 + each]
                stop = end + 1
                if stop < n and folded[stop].isalnum():
                    continue  # inside a word
                start = stop - lengths[k]
                lead = start
                while lead > 0 and folded[lead - 1].isalpha():
                    lead -= 1
                if lead < start or dropped:  # written with proclitics: و ب ل ... (لل before a dropped alif)
                    prefix = folded[lead:start]
                    if dropped:
                        if not prefix.endswith("ل"):
                            continue
                        prefix = prefix[:-1]
                    if prefix not in proclitics[which]:
                        continue
                found[which].append((start, stop, hits))
        return [longest_apart(hits, n) for hits in found]
