"""Every marsad module imports, and marsad's modules import one another without a cycle.

The graph is read from the source (`ast`): every `import` and `from ... import` of a marsad
module, at the top of a module or inside a function, except those under `if TYPE_CHECKING:`
(never run). `from . import x` is an edge to the module `marsad.x` when there is one (compiled
ones included), else to the package. A package's own import of its parent is implicit in Python and not an edge.
"""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import marsad

ROOT = Path(marsad.__file__).parent


def module_name(path: Path) -> str:
    parts = ("marsad", *path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}
COMPILED = {module_name(p.with_name(p.name.split(".")[0] + ".py")) for p in ROOT.rglob("*")
            if p.name.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))}  # _fast.*.so: no source, no edges
MODULES = set(SOURCES) | COMPILED


class Imports(ast.NodeVisitor):
    """The marsad modules one module imports (TYPE_CHECKING blocks left out)."""

    def __init__(self, name: str, is_package: bool):
        self.package = name if is_package else name.rpartition(".")[0]
        self.found: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
                isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.found |= {alias.name for alias in node.names if alias.name in MODULES}

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = self.package.split(".")
        base = base[:len(base) - node.level + 1] if node.level else []
        full = ".".join([*base, *([node.module] if node.module else [])])
        for alias in node.names:
            target = f"{full}.{alias.name}"
            self.found.add(target if target in MODULES else full)
        self.found &= MODULES


def graph() -> dict[str, set[str]]:
    """Each marsad module -> the marsad modules it imports."""
    edges = {}
    for name, path in SOURCES.items():
        visitor = Imports(name, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        edges[name] = visitor.found - {name}
    return edges | {name: set() for name in COMPILED - set(SOURCES)}


@pytest.mark.parametrize("name", sorted(n for n in SOURCES if n != "marsad.__main__"))  # __main__ runs the CLI
def test_every_module_imports(name: str):
    if name.startswith("marsad.web"):
        pytest.importorskip("fastapi", reason="the web extra is not installed")
    importlib.import_module(name)


def test_no_import_cycle_among_marsad_modules():
    try:
        tuple(TopologicalSorter(graph()).static_order())
    except CycleError as err:
        pytest.fail(f"import cycle: {' -> '.join(err.args[1])}")


def test_the_graph_sees_imports_inside_functions_and_skips_type_checking():
    edges = graph()
    assert "marsad.pipeline" in edges["marsad"]  # inside extract_events_from()
    assert {"marsad.cli_pages", "marsad.cli_store", "marsad.cli_web", "marsad.cli_common"} <= edges["marsad.cli"]
    assert "marsad.store" in edges["marsad.cli_store"]  # inside the commands; TYPE_CHECKING ones do not count
    assert "marsad.cli_common" in edges["marsad.cli_store"]
    detector = Imports("marsad.x", False)
    detector.visit(ast.parse("if TYPE_CHECKING:\n    from .store import Store\nelse:\n    from . import fuse\n"))
    assert detector.found == {"marsad.fuse"}


def test_stages_never_import_later_ones():
    """Only the command modules and the web app import the command group's helpers or the store."""
    edges = graph()
    importers = {name for name, targets in edges.items() if targets & {"marsad.cli", "marsad.cli_common"}}
    assert importers <= {"marsad.__main__", "marsad.cli", "marsad.cli_pages", "marsad.cli_store", "marsad.cli_web"}
    of_store = {name for name, targets in edges.items() if {t for t in targets if t.startswith("marsad.store")}}
    readers = {"marsad", "marsad.cli_store", "marsad.cli_web"}  # marsad: the lazy `marsad.Store`
    assert {n for n in of_store if not n.startswith(("marsad.store", "marsad.web"))} <= readers


def test_every_module_has_one_job_and_under_400_lines() -> None:
    """CONTRIBUTING.md: a module past 400 lines is doing several jobs and is split."""
    long = {name: n for name, path in SOURCES.items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
