"""The C inner loops, when there are any (the Cython-compiled modules are setup.py's and
_compiled.py's business): `C` is the module `marsad._fast` (src/marsad/_fast.c),
or None when it was not built (no C compiler at install time) or the environment says
MARSAD_PURE=1. Each of its functions has a pure-Python twin beside its caller, used when `C` is
None and compared with it in tests/test_fast.py:

    _fast.fold              normalize.fold_py
    _fast.word_runs         clean.lines.split_words_py
    _fast.tokens            extract.people.tokenize_py
    _fast.Automaton         pyahocorasick.Automaton (lexicons.automaton builds one or the other)
      .starts(text)         Starts.find's set of starts
      .words(text, procl)   lexicons.keep_words over the automaton's matches (Gazetteer.find_all)
"""

from __future__ import annotations

from types import ModuleType

from ._compiled import PURE

C: ModuleType | None = None
if not PURE:
    try:
        from . import _fast as C
    except ImportError:  # not built: the Python twins do the work
        C = None


def name() -> str:
    """What runs compiled, for the benchmark report (import the pipeline first)."""
    from ._compiled import compiled_modules

    loops = "C (marsad._fast)" if C is not None else "Python"
    modules = compiled_modules()
    return f"{loops}; {len(modules)} modules compiled by Cython" if modules else f"{loops}; no compiled modules"
