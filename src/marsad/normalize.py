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

from bisect import bisect_right
from dataclasses import dataclass, field

from .speedups import Folding
from .speedups import positions as _positions

# The folding table, the only copy (the C loop receives it here, through `Folding`): what a
# character becomes, "" when it is deleted. Every replacement is one character for one, so the
# folded text keeps every position but the deleted ones.
DELETED = [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE),  # marks
           0x0640, *range(0x200C, 0x2010), *range(0x202A, 0x202F)]  # tatweel; joiners, direction marks
REPLACE = [("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"),
           ("ئ", "ي"), ("ک", "ك"), ("ی", "ي"), ("\u00a0", " ")]
DIGITS = {**{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)}}
FOLDING = {**dict.fromkeys(map(chr, DELETED), ""), **dict(REPLACE), **DIGITS}
_FOLDING = Folding(FOLDING)


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
    return Folded(*_FOLDING.fold(text, offsets, lower))


def one_space(text: str) -> str:
    """Runs of whitespace as one space (`re.sub(r"\\s+", " ", text)` for text that neither starts
    nor ends with a space, as a matched word group; str methods, no regex).

    >>> one_space("اول  من\\nامس")
    'اول من امس'
    """
    return " ".join(text.split())


def positions(text: str, part: str) -> list[int]:
    """Where `part` occurs in `text`, left to right, without overlaps (`speedups.positions`: a
    find loop in C, or `str.find` in a loop: for a few fixed strings this is several times faster
    than a character-class regex).

    >>> positions("أمس وأمس", "أمس")
    [0, 5]
    """
    return _positions(text, part)


def word_start(t: str, i: int, proclitic: bool = True) -> bool:
    """Does a word start at i in `t` (after an optional و/ف when `proclitic`)? Matchers check this
    in Python instead of opening their patterns with a lookbehind, which keeps `re` fast."""
    if i == 0 or not t[i - 1].isalnum():
        return True
    return proclitic and t[i - 1] in "وف" and (i == 1 or not t[i - 2].isalnum())

