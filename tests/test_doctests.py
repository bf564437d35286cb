"""The examples in the modules' docstrings are run as tests (they document real behaviour)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import marsad

MODULES = sorted(m.name for m in pkgutil.walk_packages(marsad.__path__, "marsad.") if ".web" not in m.name and m.name != "marsad.__main__")


def test_every_module_is_collected() -> None:
    """A folder without __init__.py is not walked, and its doctests would silently never run."""
    src = Path(marsad.__file__).parent
    files = {".".join(("marsad", *p.relative_to(src).with_suffix("").parts)).removesuffix(".__init__")
             for p in src.rglob("*.py") if "web" not in p.relative_to(src).parts and p.name != "__main__.py"}
    assert files - set(MODULES) - {"marsad"} == set()
    assert any(name.startswith("marsad.extract.") for name in MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
