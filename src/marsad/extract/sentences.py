"""A segment's sentences: spans between the stops (. ! ? ؟) and line ends, where the full stop of a
one-letter abbreviation (د. م. أ.د.) ends none. `sentences` is the fast path; `by_regex` says the
same with `SENTENCE` (tests/test_fast.py compares the two)."""

from __future__ import annotations

import re

from ..normalize import positions

SENTENCE = re.compile(r"[^.!?؟\n]+(?:[.!?؟]+|(?=\n)|$)")  # a paragraph may end without a full stop

STOPS = ".!?؟"


def sentences(text: str) -> list[tuple[int, int]]:
    """The spans of `SENTENCE.finditer(text)` that are not blank, from the positions of the few stop
    characters (str.find, no scan of every character by the regex engine).

    >>> sentences("التقى الوزير بنظيره. وبحثا التعاون!؟\\nفي الرباط")
    [(0, 20), (20, 36), (37, 46)]
    """
    out = []
    start, n = 0, len(text)
    for p in sorted(p for c in STOPS + "\n" for p in positions(text, c)):
        if p < start:
            continue  # inside a run of stops already taken
        if p == start:
            start = p + 1  # a sentence has at least one character that is not a stop
            continue
        if text[p] == "." and _abbreviation(text, p):
            continue  # "وزير العدل د. عبد الله": the stop of a one-letter abbreviation ends no sentence
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


def _abbreviation(text: str, p: int) -> bool:
    """Is the full stop at `p` that of a one-letter abbreviation before a name (د. for doctor, م. for
    engineer, أ.د.): one Arabic letter standing alone before it, a word after it on the same line,
    and no number before the letter ("عام 2025 م." ends with the era's letter)?

    >>> _abbreviation("استقبل الوزير د. عبد الله", 15), _abbreviation("في عام 2025 م. وقال", 13)
    (True, False)
    """
    def arabic(c: str) -> bool:
        return "\u0621" <= c <= "\u064a"

    after = text[p + 1:p + 3]
    follows = after[:1] == " " and arabic(after[1:]) or arabic(after[:1]) and after[1:] == "."
    if p < 1 or not arabic(text[p - 1]) or not follows:
        return False  # one letter, then a word after a space or the next letter of "أ.د."
    before = text[p - 2:p - 1]
    if before == ".":
        return True  # "أ.د."
    if before not in ("", " ", "(", "\n"):
        return False
    word = text[max(0, p - 12):p - 2].rsplit(None, 1)
    return not (word and word[-1][-1:].isdigit())


def by_regex(text: str) -> list[tuple[int, int]]:
    """`sentences`, from `SENTENCE.finditer`: its non-blank spans, one joined to the next where it
    ends with an abbreviation's stop."""
    out: list[tuple[int, int]] = []
    joining = False
    for m in SENTENCE.finditer(text):
        if not m.group().strip():
            continue
        if joining and out:
            out[-1] = (out[-1][0], m.end())
        else:
            out.append((m.start(), m.end()))
        joining = m.group().endswith(".") and not m.group().endswith("..") and _abbreviation(text, m.end() - 1)
    return out
