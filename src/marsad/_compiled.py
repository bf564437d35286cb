"""Compiled modules are used only when they are up to date.

setup.py compiles some modules with Cython (the same source, without the interpreter's dispatch);
`pip install -e .` puts each one beside its .py file, and Python's import system would then prefer
it even after the .py file is edited. The finder installed here is asked first for marsad's
modules: a compiled module older than its source (by more than a second, the spread of one
install), or any compiled module when MARSAD_PURE=1, is skipped and the source imported, as a
stale .pyc is. `make` compiles again when a source changes.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path

PURE = os.environ.get("MARSAD_PURE", "") not in ("", "0")
SLACK = 1.0  # seconds: a wheel install writes a module's two files in either order
skipped: list[str] = []  # compiled modules passed over, for `fast.name()`


def stale(source: Path, compiled: Path) -> bool:
    """Is the source newer than its compiled module?"""
    return source.stat().st_mtime > compiled.stat().st_mtime + SLACK


class SourceWhenStale:  # a meta path finder (importlib.abc would import importlib.resources: 30 ms)
    def find_spec(self, name: str, path: Sequence[str] | None, target: object = None) -> ModuleSpec | None:
        if not name.startswith("marsad.") or path is None or name == "marsad._fast":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader) or not spec.origin:
            return None  # the usual finders take it from here
        compiled = Path(spec.origin)
        source = compiled.with_name(name.rpartition(".")[2] + ".py")
        if source.is_file() and (PURE or stale(source, compiled)):
            skipped.append(name)
            return importlib.util.spec_from_file_location(name, source)
        return spec


def install() -> None:
    if not any(isinstance(f, SourceWhenStale) for f in sys.meta_path):
        sys.meta_path.insert(0, SourceWhenStale())


def compiled_modules() -> list[str]:
    """The marsad modules imported so far from compiled files (other than `_fast`)."""
    return sorted(name for name, module in list(sys.modules.items())
                  if name.startswith("marsad.") and name != "marsad._fast"
                  and isinstance(getattr(module, "__loader__", None), importlib.machinery.ExtensionFileLoader))
