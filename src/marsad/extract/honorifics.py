"""Honorifics and ranks (data/honorifics.txt, titles.yaml `ranks`) as the people grammar reads
them: which one starts at each token of a text, whatever proclitics it carries (بالسيد، وللسيدة).
"""

from __future__ import annotations

import re
from itertools import compress

from ..lexicons import Lexicons
from ..normalize import fold_word
from .tokens import Tokens

HONORIFIC_PROCLITIC = re.compile(r"^[وف]?(?:بال|لل|ب|ل)(?=ال|.)")


class Honorifics:
    """The honorific and rank tables, built once per lexicon set."""

    def __init__(self, lex: Lexicons):
        w = lex.people_words
        self.name_binders = w.name_binders
        self.offices, self.first_names = w.honorific_titles, lex.first_names
        self.ranks = sorted({fold_word(r) for r in lex.titles.get("ranks") or []}, key=len, reverse=True)
        self.rank_forms = frozenset(self.ranks)
        self.rank_qualifiers = frozenset(fold_word(r) for r in lex.titles.get("rank_qualifiers") or [])
        self.honorifics = sorted(set(lex.honorifics) | set(self.ranks), key=len, reverse=True)
        self.last_words = {h.split()[-1] for h in self.honorifics if h.split()[-1].isalpha()}
        self.by_first: dict[str, list[list[str]]] = {}  # first word -> honorifics, longest first
        for h in self.honorifics:
            self.by_first.setdefault(h.split()[0], []).append(h.split())
        self._first_words: dict[str, list[list[str]]] = {}  # written word -> its candidates (a memo)
        # Every written form an honorific's first word can take (بالسيد، وللسيدة، فالشيخ ...): a
        # superset of the words `_candidates` accepts, tested with one set intersection per text.
        prefixes = [p + q for p in ("", *w.honorific_conjunctions) for q in w.honorific_prepositions]
        self.honorific_forms = frozenset(self.by_first) | {p + b for p in prefixes for b in self.by_first} \
            | {p + b[2:] for p in prefixes for b in self.by_first if b.startswith("ال")}

    def marks(self, toks: Tokens) -> list[list[str] | None]:
        """The honorific starting at each token (one pass; words are looked up, not matched)."""
        out: list[list[str] | None] = [None] * len(toks)
        present = self.honorific_forms.intersection(toks.text)  # most tokens are no honorific: a set test
        if not present:
            return out
        known = self._first_words
        for k in compress(range(len(toks)), map(present.__contains__, toks.text)):
            word = toks.text[k]
            candidates = known.get(word)
            if candidates is None:
                candidates = self._candidates(word)
            if not candidates or k > 0 and toks.text[k - 1] in self.name_binders:
                continue  # "عبد الأمير", "ولد الشيخ": part of a name
            for parts in candidates:
                if len(parts) == 1 or toks.text[k + 1:k + len(parts)] == parts[1:]:
                    out[k] = self._qualified(toks, k, parts)
                    break
        return out

    def _qualified(self, toks: Tokens, k: int, parts: list[str]) -> list[str]:
        """A rank with the corps and qualities written after it ("الفريق الركن" + "طيار"), up to three."""
        end = k + len(parts)
        if " ".join(parts) not in self.rank_forms:
            return parts
        while end < len(toks) and end - k - len(parts) < 3 and toks.text[end] in self.rank_qualifiers:
            end += 1
        return parts if end == k + len(parts) else parts + toks.text[k + len(parts):end]

    def office_as_honorific(self, toks: Tokens, k: int) -> bool:
        """An office written as a name's honorific, right before a first name (الأمير، المستشار)."""
        return k + 1 < len(toks) and toks.text[k] in self.offices and toks.text[k + 1] in self.first_names

    def is_rank(self, parts: list[str]) -> bool:
        """Is this honorific (as `marks` gives it) a rank, its qualifiers included?"""
        return any(" ".join(parts[:n]) in self.rank_forms for n in range(len(parts), 0, -1))

    def _candidates(self, first: str) -> list[list[str]]:
        """Honorifics that may start with this written word (بالسيد -> السيد), memoised by word."""
        found = self._first_words.get(first)
        if found is None:
            keys = (first,) if first[0] not in "وفبل" else (first, bare := HONORIFIC_PROCLITIC.sub("", first),
                                                           "ال" + bare)
            found = [parts for key in keys for parts in self.by_first.get(key, ())]
            self._first_words[first] = found
        return found

    @staticmethod
    def at(toks: Tokens, k: int) -> list[str] | None:
        """The honorific or rank (as folded words) that starts at token k (after `marks`), if any."""
        return toks.hon[k] if 0 <= k < len(toks.hon) else None

    def inside(self, toks: Tokens, k: int) -> bool:
        """Is token k the second or third word of an honorific or rank (الفريق *أول*)?"""
        return any((parts := self.at(toks, j)) and j + len(parts) > k for j in range(max(0, k - 6), k))

    def ends_at(self, toks: Tokens, k: int) -> bool:
        """Does an honorific or rank end at token k (السيد، السيدة، صاحب السمو ... الأمير)?"""
        return k >= 0 and (toks.text[k] in self.last_words or bool(self.at(toks, k)))
