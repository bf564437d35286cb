"""Folding of Arabic text for matching, with a map back to the original offsets.

Problem: the same word is written with or without diacritics, tatweel, hamza on alef, ta
marbuta or alef maqsura, and digits come in three scripts. Idea: `fold()` builds a folded copy
in which every one-to-one replacement keeps its position and the few deleted characters
(diacritics, tatweel) are remembered, so a match in the folded text maps back to the exact
characters that were written.

>>> f = fold("لقاءً رسمياً")
>>> f.text
'لقاء رسميا'
>>> f.span(5, 10)
(6, 12)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from .fast import C

DELETED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f\u202a-\u202e]")
# One-to-one replacements: the folded text keeps every position.
REPLACE = [("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"),
           ("ئ", "ي"), ("ک", "ك"), ("ی", "ي"), ("\u00a0", " ")]
DIGITS = {**{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)}}


@dataclass(slots=True)
class Folded:
    text: str
    shifts: list[int]  # folded position of each deleted character, ascending
    deleted: list[int] = field(default_factory=list)  # their original positions

    def pos(self, i: int) -> int:
        """Original offset of folded offset `i`."""
        return i + bisect_right(self.shifts, i) if self.shifts else i

    def fpos(self, i: int) -> int:
        """Folded offset of original offset `i` (the inverse of `pos`)."""
        if not self.shifts:
            return i
        return i - bisect_right(self.deleted, i - 1)

    def sub(self, start: int, end: int) -> str:
        """The folded text of the original span [start, end): fold(text[start:end]).text."""
        return self.text[self.fpos(start):self.fpos(end)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a folded span; the end takes trailing marks along."""
        return self.pos(start), self.pos(end)


def fold_word(text: str) -> str:
    """Fold a lexicon entry (or any text) the same way as text, without the offset map."""
    return fold(text, offsets=False).text  # fold() lowers Latin letters already


def fold(text: str, lower: bool = True, offsets: bool = True) -> Folded:
    """The folded text and its offset map (see the module's docstring); Latin letters lowered."""
    if C is None:
        return fold_py(text, lower, offsets)
    text, deleted, cased = C.fold(text, offsets, lower)  # ASCII lowered there unless `cased`
    return Folded(_lowered(text) if cased else text, [p - k for k, p in enumerate(deleted)], deleted)


def fold_py(text: str, lower: bool = True, offsets: bool = True) -> Folded:
    """`fold` in Python (the C twin is `_fast.fold`)."""
    text, deleted = _fold_chars(text, offsets)
    return Folded(_lowered(text) if lower else text, [p - k for k, p in enumerate(deleted)], deleted)


def _lowered(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text  # offsets stay valid


def _fold_chars(text: str, offsets: bool) -> tuple[str, list[int]]:
    """Deletions and one-to-one replacements (the C twin is `_fast.fold`): the new text, and the
    original positions of the deleted characters when `offsets`."""
    deleted = [m.start() for m in DELETED.finditer(text)] if offsets else []
    if not offsets or deleted:
        text = DELETED.sub("", text)
    for a, b in REPLACE:
        if a in text:
            text = text.replace(a, b)
    for a, b in DIGITS.items():  # `in` per digit is ten times faster than a character-class search
        if a in text:
            text = text.replace(a, b)
    return text, deleted


def one_space(text: str) -> str:
    """Runs of whitespace as one space (`re.sub(r"\\s+", " ", text)` for text that neither starts
    nor ends with a space, as a matched word group; str methods, no regex).

    >>> one_space("اول  من\\nامس")
    'اول من امس'
    """
    return " ".join(text.split())


def positions(text: str, part: str) -> Iterator[int]:
    """Where `part` occurs in `text`, left to right, without overlaps. `str.find` in a loop: for
    a few fixed strings this is several times faster than a character-class regex.

    >>> list(positions("أمس وأمس", "أمس"))
    [0, 5]
    """
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + len(part))


def word_start(t: str, i: int, proclitic: bool = True) -> bool:
    """Does a word start at i in `t` (after an optional و/ف when `proclitic`)? Matchers check this
    in Python instead of opening their patterns with a lookbehind, which keeps `re` fast."""
    if i == 0 or not t[i - 1].isalnum():
        return True
    return proclitic and t[i - 1] in "وف" and (i == 1 or not t[i - 2].isalnum())

