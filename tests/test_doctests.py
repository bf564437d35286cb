"""The examples in the modules' docstrings are run as tests (they document real behaviour)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import marsad

MODULES = sorted(m.name for m in pkgutil.walk_packages(marsad.__path__, "marsad.") if ".web" not in m.name and m.name != "marsad.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
