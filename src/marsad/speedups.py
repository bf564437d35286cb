"""The inner loops, chosen once: the C module `marsad._speedups` (src/marsad/_speedups.c) when it
was built, else its Python twin `marsad._native` (no C compiler at install time, or MARSAD_PURE=1
in the environment). The two have the same names and give the same answers (tests/test_fast.py);
the rest of the package imports from here and never knows which runs.

    Folding(table).fold(text, offsets, lower)   normalize.fold
    word_runs(text)                             clean.lines.split_words
    tokens(text)                                extract.people.tokenize
    positions(text, part)                       normalize.positions
    matches_at(pattern, text, starts, s, e)     lexicons.matches_at
    Automaton(pairs)                            matching: Gazetteer, Gazetteers, Prefilter, Starts, Cue
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

PURE = os.environ.get("MARSAD_PURE", "") not in ("", "0")

if TYPE_CHECKING or PURE:  # the type checker reads the twin's signatures (the C module has no stub)
    from ._native import Automaton, Folding, matches_at, positions, tokens, word_runs
else:
    try:
        from ._speedups import Automaton, Folding, matches_at, positions, tokens, word_runs
    except ImportError:  # not built: the Python twin does the work
        from ._native import Automaton, Folding, matches_at, positions, tokens, word_runs

IMPLEMENTATION = Folding.__module__  # "marsad._speedups" or "marsad._native", for reports

__all__ = ["IMPLEMENTATION", "PURE", "Automaton", "Folding", "matches_at", "positions", "tokens", "word_runs"]
