"""Triggers (data/triggers.yaml) and their guards: a meeting, call or agreement word, unless the
clause before it plans it, negates it or recalls it as background.
"""

from __future__ import annotations

import functools
import re

from ..lexicons import Cue, Starts, lexicons
from ..normalize import fold_word
from ..settings import Reach


@functools.cache
def trigger_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, bool]], Starts]:
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
    return re.compile(rf"({_alternation(forms)})(?!\w)"), table, Starts([f.split()[0] for f in forms])


@functools.cache
def guard_pattern(kind: str) -> Cue:
    """The guard words of `kind` (planned, negated, background), unless the words of
    `{kind}_unless_after` follow them ("في وقت سابق من اليوم" is earlier today)."""
    triggers = lexicons().triggers
    unless = _alternation(triggers.get(f"{kind}_unless_after") or [])
    after = rf"(?!\s+(?:{unless})(?!\w))" if unless else ""
    return Cue(rf"(?<!\w)[وف]?(?:{_alternation(triggers[kind])})(?!\w){after}")


def _alternation(words: list[str]) -> str:
    """The folded words as one alternation, longest first; a space matches any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(map(fold_word, words), key=len, reverse=True))


class Clause:
    """A sentence's folded text, as the guards of its triggers read it: where كان is first written
    and from where on "كان ... قد ..." and "ويأتي هذا اللقاء بعد" are (found once, not again for each
    trigger)."""

    __slots__ = ("text", "start", "end", "kan", "_recalled", "_after")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.kan = text.find("كان", start, end)
        self._recalled: float | None = None
        self._after: float | None = None

    def has_kan(self, end: int) -> bool:
        """`"كان" in text[start:end]`."""
        return self.kan >= 0 and self.kan + 3 <= end

    def recalled(self, end: int) -> bool:
        """`cues.recalled_far.search(text[start:end])`: true from the end of its shortest match on."""
        if self._recalled is None:
            self._recalled = _first_match_end(lexicons().cues.recalled_far, self.text[self.start:self.end])
        return end - self.start >= self._recalled


    def comes_after(self, end: int) -> bool:
        """`cues.comes_after.search(text[start:end])`: true from the end of its shortest match on."""
        if self._after is None:
            self._after = _first_match_end(lexicons().cues.comes_after, self.text[self.start:self.end])
        return end - self.start >= self._after


def _first_match_end(pattern: re.Pattern[str] | Cue, text: str) -> float:
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


def blocked(clause: Clause, end: int, reach: Reach) -> bool:
    """Is the trigger at `end` (folded) preceded in its clause by a plan, a negation or a recalled
    meeting? All guards but one read only its last `reach.guard_tail` characters: that one, the
    clause asks."""
    tail_chars = reach.guard_tail
    before = clause.text[max(clause.start, end - tail_chars - 1):end]  # = text[start:end][-tail_chars - 1:]
    def last(n: int) -> str:
        return before[max(0, len(before) - n):]
    if guard_pattern("planned").search(last(reach.planned_before)):
        return True
    tail = max(0, len(before) - tail_chars)  # the lookbehinds still see the text before `tail`
    cues = lexicons().cues
    if cues.negated.search(before, tail) or guard_pattern("negated").search(last(reach.negated_before)):
        return True
    return clause.has_kan(end) and (bool(cues.recalled_near.search(before, tail)) or clause.recalled(end)) \
        or bool(guard_pattern("background").search(last(reach.background_before))) \
        or clause.comes_after(end)  # "ويأتي هذا اللقاء بعد ... حيث التقيا"


def has_trigger(folded: str, starts: list[int]) -> bool:
    """`any(matches_at(pattern, folded, starts))`, stopping at the first start that matches (a
    page with a trigger most often has one in its lede)."""
    match = trigger_pattern()[0].match
    return any(match(folded, at) for at in starts)


@functools.cache
def signing_pattern() -> tuple[re.Pattern[str], Starts]:
    """A signing written near a meeting: a signing verb or noun (وقع، التوقيع على; an agreement named
    alone, "اتفاقية الأمم المتحدة لمكافحة الجريمة", signs nothing), not of the meeting's minutes
    (triggers.yaml `signed_not_agreement`), unless they are an agreement's (محضر اتفاق)."""
    triggers = lexicons().triggers
    forms = sorted({fold_word(f) for f in triggers["agreement"].get("verbs", [])}, key=len, reverse=True)
    minutes = "|".join(re.escape(fold_word(w)) for w in triggers.get("signed_not_agreement", []))
    return re.compile(rf"(?<!\w)[وف]?(?:ب|ل)?(?:{_alternation(forms)})(?!\w)(?!\s+(?:على\s+)?(?:{minutes})(?!\w)(?!\s+(?:ال)?اتفا))"), \
        Starts([f.split()[0] for f in forms])
