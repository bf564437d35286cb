"""What the rules of sides read in one sentence: the entity mentions it holds (`Mentions`, found
once per sentence) and the `Engagement` a trigger gives (extract/sides.py, extract/pairs.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .document import Analysis


@dataclass(slots=True)
class Engagement:
    kind: str
    family: str
    subject: int
    obj: int
    sentence: tuple[int, int]


class Mentions:
    """The entity mentions of one sentence, (start, end, entity) in text order, with what every
    trigger asks of them found once: their starts, the furthest end so far, the
    first mentions of each state, whether one entity alone is mentioned from k on."""

    __slots__ = ("items", "starts", "reach", "by_state", "alone", "least_end", "ordered")

    def __init__(self, a: Analysis, items: list[tuple[int, int, int]]):
        self.items = items
        self.starts = [x for x, _, _ in items]
        self.reach: list[int] = []
        self.by_state: dict[str | None, list[int]] = {}
        self.alone = [True] * len(items)
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

    def first_from(self, at: float) -> int:
        """The index of the first mention starting at `at` or later (inf: none)."""
        return len(self.items) if at == float("inf") else bisect_left(self.starts, at)

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


def _every_mention(a: Analysis) -> tuple[list[tuple[int, int, int]], list[int], bool]:
    """Every mention (start, end, entity), sorted; their starts; whether their ends are in order too."""
    every = sorted((x, y, e.id) for e in a.entities for x, y in e.spans)
    return every, [x for x, _, _ in every], all(x <= y for x, y, _ in every)


def mentions_in(a: Analysis, s: int, t: int) -> Mentions:
    """The mentions that lie inside the sentence [s, t)."""
    every, starts, ordered = a.cached(("mentions", None), lambda: _every_mention(a))
    if ordered:  # a mention inside [s, t) starts in [s, t]
        inside = [m for m in every[bisect_left(starts, s):bisect_right(starts, t)] if m[1] <= t]
    else:
        inside = [m for m in every if s <= m[0] and m[1] <= t]
    return Mentions(a, inside)


THREE_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S")  # matches where `len(text.split()) > 2`
