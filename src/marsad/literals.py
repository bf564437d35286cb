"""Literal strings that every match of a regular expression starts with (`leads`) or contains
(`anchors`), read from the parse tree of CPython's `re` module. The prefilters (`matching.Prefilter`)
use them to try an expression only where one of its literals is written.

The walk uses `re._parser`, a private module: its shape is checked by the doctests below and by
tests/test_topics.py, which run on every supported Python.
"""

from __future__ import annotations

import re
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any


def anchors(pattern: str, most: int = 24) -> set[str] | None:
    """Literal strings one of which every match of `pattern` contains, or None if none are found.

    >>> sorted(anchors(r"(?:جريمة|جرائم)\\s+(?:ال)?منظمة"))
    ['جرائم', 'جريمة']
    >>> sorted(anchors(r"(?:تبادل|تقاسم)(?:\\s+\\S+){0,3}?\\s+(?:معلومات|معطيات)"))
    ['معطيات', 'معلومات']
    """
    try:
        found = _anchors(list(sre_parser.parse(pattern)), most)
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    return found if found and min(map(len, found)) >= 3 else None


def _anchors(items: list[Any], most: int) -> set[str] | None:
    """The best anchor set of a parsed sequence: a run of literals (alternatives multiplied out), or
    the anchors of one mandatory group inside it; the one whose shortest string is longest wins."""
    best: set[str] | None = None
    run: set[str] = {""}

    def better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
        if not b or b == {""}:
            return a
        return b if a is None or min(map(len, b)) > min(map(len, a)) else a

    for op, av in items + [(None, None)]:
        alternatives = _literal_alternatives(op, av)
        if alternatives is not None and len(run) * len(alternatives) <= most:
            run = {x + y for x in run for y in alternatives}
            continue
        best = better(best, run)
        run = {""} if alternatives is None else alternatives
        if alternatives is None and op is not None:
            best = better(best, _mandatory(op, av, most))
    return best


def _literal_alternatives(op: Any, av: Any) -> set[str] | None:
    """The strings a parsed item matches if it is a literal or an alternation of literals (the
    complete case of `_item_leads`)."""
    found = _item_leads(op, av, 64)
    return found[0] if found is not None and found[1] else None


def _mandatory(op: Any, av: Any, most: int) -> set[str] | None:
    """Anchors inside a group or a repeat that must match at least once."""
    if op is sre_constants.SUBPATTERN:
        return _anchors(list(av[3].data), most)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] >= 1:
        return _anchors(list(av[2].data), most)
    if op is sre_constants.BRANCH:
        options = [_anchors(list(b.data), most) for b in av[1]]
        return set().union(*options) if all(options) else None  # type: ignore[arg-type]
    return None


def leads(pattern: str, most: int = 64) -> set[str] | None:
    """Literal strings one of which every match of `pattern` starts with (3 characters or more), or
    None: the pattern can then be tried only where one is written (`pattern.match` there).

    >>> sorted(leads(r"(?:جريمة|جرائم)\\s+(?:ال)?منظمة"))
    ['جرائم', 'جريمة']
    >>> sorted(leads(r"و?(?:ال)?حدود"))
    ['الحدود', 'حدود', 'والحدود', 'وحدود']
    >>> leads(r"\\S+\\s+حدود") is None
    True
    """
    try:
        parsed = sre_parser.parse(pattern)
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found, _ = _leads(list(parsed), most)
    return found if min(map(len, found)) >= 3 else None


ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)


def _leads(items: list[Any], most: int) -> tuple[set[str], bool]:
    """(prefixes, complete) of a parsed sequence: every match starts with one of the prefixes;
    complete if they are all the strings the sequence can match."""
    out = {""}
    for op, av in items:
        if op in ZERO_WIDTH:
            continue
        sub = _item_leads(op, av, most)
        if sub is None or len(out) * len(sub[0]) > most:
            return out, False
        out = {x + y for x in out for y in sub[0]}
        if not sub[1]:
            return out, False
    return out, True


def _item_leads(op: Any, av: Any, most: int) -> tuple[set[str], bool] | None:
    if op is sre_constants.LITERAL:
        return {chr(av)}, True
    if op is sre_constants.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _leads(list(av[3].data), most)  # (?i:...): not literal
    if op is sre_constants.BRANCH:
        subs = [_leads(list(b.data), most) for b in av[1]]
        return set().union(*(s for s, _ in subs)), all(c for _, c in subs)
    if op is sre_constants.IN and all(o is sre_constants.LITERAL for o, _ in av) and len(av) <= 4:
        return {chr(c) for _, c in av}, True
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[1] == 1:  # optional, or once
        inner, complete = _leads(list(av[2].data), most)
        return (inner | {""} if av[0] == 0 else inner), complete
    return None
