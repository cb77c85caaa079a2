"""The layer order of ``src/channelvalue``, enforced over every import (issue 13, item 9).

Every ``import`` / ``from ... import`` in the package is read with :mod:`ast` — at module
level, inside functions and methods, and under ``if TYPE_CHECKING:`` — relative imports are
resolved, and ``from pkg import name`` counts as an import of the submodule ``pkg.name``
when that is a module. The layers, lowest first::

    errors, _optional                      shared by everything
    model, metrics                         domain objects; measures (metrics: errors only)
    core                                   ChannelNetwork and the only code seeing its internals
    mapping < building < aligning          the three disciplines, in this order
    io, plotting, datasets, testing,       the edges; among them datasets and testing may
    cli, __main__                          use io, cli uses all of them, __main__ uses cli
    channelvalue (the package facade)      may import anything; the disciplines only lazily

A module may import its own top-level package (``mapping.gaps`` -> ``mapping.routes``)
and any lower layer, never a higher one nor a sibling not named above.

``if TYPE_CHECKING:`` imports are held to the same rules: an annotation naming a class of a
higher layer is a dependency on that layer (the lower module's meaning then rests on the
higher one, and the two must change together), so it is refused like a runtime import. Only
the facade uses them for the lazy disciplines. They are *not* part of the cycle check:
they never run, and a module naming in an annotation the class that imports it
(``core._staging`` -> ``core.network``) is the usual way to type a helper.

The runtime import graph (module level plus inside functions) must be acyclic; a package's
``__init__`` importing its own submodules is fine, since the parent-package edge that
Python adds implicitly is not drawn.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import networkx as nx
import pytest

PACKAGE = "channelvalue"
SRC = Path(__file__).resolve().parents[1] / "src" / PACKAGE

# rank of each top-level part of the package (its first dotted name after ``channelvalue``);
# "" is the package root, the facade
RANK: dict[str, int] = {
    "errors": 0,
    "_optional": 0,
    "_text": 0,
    "_types": 0,
    "_html": 0,
    "_files": 0,
    "model": 1,
    "metrics": 1,
    "core": 2,
    "mapping": 3,
    "building": 4,
    "aligning": 5,
    "io": 6,
    "transactions": 6,
    "plotting": 6,
    "datasets": 6,
    "testing": 6,
    "cli": 6,
    "__main__": 6,
    "": 7,
}

# imports allowed between different parts of the same rank (importer -> what it may import)
SIDEWAYS: dict[str, frozenset[str]] = {
    "_optional": frozenset({"errors"}),
    "_html": frozenset({"_text"}),
    "_files": frozenset({"errors"}),
    "datasets": frozenset({"io", "transactions"}),
    "transactions": frozenset({"io"}),
    "testing": frozenset({"io"}),
    # the command line is built on everything, the facade included (for ``__version__``)
    "cli": frozenset({"io", "plotting", "datasets", "testing", "transactions", ""}),
    "__main__": frozenset({"cli"}),
}

# parts held to fewer imports than their layer allows (importer -> all it may import)
ONLY: dict[str, frozenset[str]] = {
    # plain functions of numbers, shared by the disciplines and the plots
    "metrics": frozenset({"errors", "_types"}),
}

# parts the facade must import lazily (``__getattr__``), never at module level
LAZY_IN_FACADE = frozenset({"mapping", "building", "aligning", "plotting", "testing"})

# Violations in modules that other work on issue 13 is rewriting, allowed here until it lands.
# Each entry is an import (importer, imported) that breaks the layer order or closes a cycle.
# The lead empties this set when merging; an entry that is no longer a violation fails
# ``test_known_violations_are_still_there``, so none can linger.
KNOWN: frozenset[tuple[str, str]] = frozenset()


class Import(NamedTuple):
    """One import of a ``channelvalue`` module found in the source."""

    importer: str
    imported: str
    line: int
    where: str  # "module", "function" or "type-checking"

    def __str__(self) -> str:
        return f"{self.importer} -> {self.imported} (line {self.line})"


def module_names(src: Path = SRC) -> dict[str, Path]:
    """Dotted name of every module under ``src`` (a package is named by its ``__init__``)."""
    out: dict[str, Path] = {}
    for path in sorted(src.rglob("*.py")):
        parts = [src.name, *path.relative_to(src).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _dynamic_target(call: ast.Call) -> str | None:
    """The module of ``importlib.import_module("x")`` / ``import_module(f"{__name__}.x")``."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name != "import_module" or not call.args:
        return None
    arg = call.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if (
        isinstance(arg, ast.JoinedStr)
        and len(arg.values) == 2
        and isinstance(arg.values[0], ast.FormattedValue)
        and isinstance(arg.values[0].value, ast.Name)
        and arg.values[0].value.id == "__name__"
        and isinstance(arg.values[1], ast.Constant)
    ):
        return "{__name__}" + str(arg.values[1].value)
    return "?"


def imports_of(
    module: str, source: str, *, is_package: bool, modules: frozenset[str]
) -> Iterator[Import]:
    """Every import of a ``channelvalue`` module in ``source`` (the text of ``module``).

    ``modules`` is the set of existing module names, used to tell ``from pkg import sub``
    (an import of the submodule) from ``from pkg import name`` (an import of ``pkg``).
    """
    package = module if is_package else module.rpartition(".")[0]

    def absolute(level: int, name: str | None) -> str:
        if not level:
            return name or ""
        base = package.split(".")
        if level - 1 > len(base) - 1:
            raise ValueError(f"{module}: relative import beyond the top-level package")
        base = base[: len(base) - (level - 1)]
        return ".".join([*base, *([name] if name else [])])

    def ours(name: str) -> bool:
        return name == PACKAGE or name.startswith(PACKAGE + ".")

    def visit(node: ast.AST, where: str) -> Iterator[Import]:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if ours(alias.name):
                    yield Import(module, alias.name, node.lineno, where)
            return
        if isinstance(node, ast.ImportFrom):
            base = absolute(node.level, node.module)
            if ours(base):
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    yield Import(module, sub if sub in modules else base, node.lineno, where)
            return
        if isinstance(node, ast.Call):
            target = _dynamic_target(node)
            if target is not None:
                target = target.replace("{__name__}", module)
                if target.startswith("."):
                    target = absolute(len(target) - len(target.lstrip(".")), target.lstrip("."))
                if target == "?" or ours(target):
                    yield Import(module, target, node.lineno, where)
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                yield from visit(child, "type-checking")
            for child in node.orelse:
                yield from visit(child, where)
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            inner = "type-checking" if where == "type-checking" else "function"
            for child in ast.iter_child_nodes(node):
                yield from visit(child, inner)
            return
        for child in ast.iter_child_nodes(node):
            yield from visit(child, where)

    yield from visit(ast.parse(source), "module")


def part_of(module: str) -> str:
    """The top-level part of the package a module belongs to ("" for the facade)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def allowed(importer: str, imported: str) -> bool:
    """Whether the layer order lets ``importer`` import ``imported``."""
    low, high = part_of(imported), part_of(importer)
    if low == high or high == "":
        return True
    if high in ONLY:
        return low in ONLY[high]
    return RANK[low] < RANK[high] or low in SIDEWAYS.get(high, frozenset())


@pytest.fixture(scope="module")
def all_imports() -> list[Import]:
    modules = module_names()
    names = frozenset(modules)
    found: list[Import] = []
    for name, path in modules.items():
        found.extend(
            imports_of(name, path.read_text(), is_package=path.name == "__init__.py", modules=names)
        )
    return found


def _listing(imports: list[Import]) -> str:
    return "\n".join(
        f"  {imp}{'' if imp.where == 'module' else f' [{imp.where}]'}" for imp in imports
    )


def test_every_module_has_a_layer() -> None:
    unplaced = sorted({part_of(m) for m in module_names()} - set(RANK))
    assert not unplaced, f"give these parts of {PACKAGE} a layer in RANK: {unplaced}"


def test_every_import_resolves_to_a_module(all_imports: list[Import]) -> None:
    names = set(module_names())
    # the facade's ``__getattr__`` loads its lazy submodules by a computed name
    unresolved = [
        imp for imp in all_imports if imp.imported not in names and imp.importer != PACKAGE
    ]
    assert not unresolved, (
        "imports this test cannot follow (dynamic, or naming no module):\n" + _listing(unresolved)
    )


def test_lower_layers_never_import_higher_ones(all_imports: list[Import]) -> None:
    bad = [
        imp
        for imp in all_imports
        if not allowed(imp.importer, imp.imported) and (imp.importer, imp.imported) not in KNOWN
    ]
    assert not bad, (
        "imports against the layer order (errors, _optional < model, metrics < core < mapping"
        " < building < aligning < io, plotting, datasets, testing, cli; see CONTRIBUTING.md):\n"
        + _listing(bad)
    )


def test_the_facade_imports_the_disciplines_lazily(all_imports: list[Import]) -> None:
    eager = [
        imp
        for imp in all_imports
        if imp.importer == PACKAGE
        and imp.where == "module"
        and part_of(imp.imported) in LAZY_IN_FACADE
    ]
    assert not eager, (
        "`import channelvalue` must stay light: load these in __getattr__:\n" + _listing(eager)
    )


def _runtime_graph(imports: list[Import], *, skip: frozenset[tuple[str, str]]) -> nx.DiGraph:
    """The modules and their runtime imports (module level and inside functions)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(module_names())
    for imp in imports:
        pair = (imp.importer, imp.imported)
        if imp.where != "type-checking" and imp.importer != imp.imported and pair not in skip:
            graph.add_edge(*pair, line=imp.line)
    return graph


def test_no_import_cycles(all_imports: list[Import]) -> None:
    graph = _runtime_graph(all_imports, skip=KNOWN)
    cycles = sorted(sorted(cycle) for cycle in nx.simple_cycles(graph))
    lines = [
        "  cycle: "
        + "; ".join(
            f"{a} -> {b} (line {graph.edges[a, b]['line']})"
            for a, b in nx.find_cycle(graph.subgraph(cycle))
        )
        for cycle in cycles
    ]
    assert not cycles, "import cycles (imports inside functions included):\n" + "\n".join(lines)


def test_known_violations_are_still_there(all_imports: list[Import]) -> None:
    found = {(imp.importer, imp.imported) for imp in all_imports}
    graph = _runtime_graph(all_imports, skip=KNOWN)
    stale = sorted(
        (importer, imported)
        for importer, imported in KNOWN
        if (importer, imported) not in found
        or (allowed(importer, imported) and not nx.has_path(graph, imported, importer))
    )
    assert not stale, f"fixed: now remove from KNOWN in {__name__}: {stale}"


# --- the import reader itself ------------------------------------------------------------

_MODULES = frozenset(
    {"channelvalue", "channelvalue.core", "channelvalue.core.network", "channelvalue.io"}
    | {"channelvalue.io.networkx", "channelvalue.model", "channelvalue.errors"}
)


def _read(module: str, source: str, *, is_package: bool = False) -> list[tuple[str, int, str]]:
    found = imports_of(module, source, is_package=is_package, modules=_MODULES)
    return [(imp.imported, imp.line, imp.where) for imp in found]


def test_reader_resolves_relative_imports_and_submodules() -> None:
    source = (
        "from ..errors import Problem\n"
        "from ..io import networkx, loads\n"
        "from . import network\n"
        "import channelvalue.model\n"
        "import numpy\n"
        "from numpy import ndarray\n"
    )
    assert _read("channelvalue.core._staging", source) == [
        ("channelvalue.errors", 1, "module"),
        ("channelvalue.io.networkx", 2, "module"),
        ("channelvalue.io", 2, "module"),
        ("channelvalue.core.network", 3, "module"),
        ("channelvalue.model", 4, "module"),
    ]
    # in a package's __init__, "." is the package itself
    assert _read("channelvalue.core", "from .network import X\n", is_package=True) == [
        ("channelvalue.core.network", 1, "module")
    ]


def test_reader_sees_imports_in_functions_type_checking_and_import_module() -> None:
    source = (
        "import importlib\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from ..io import networkx\n"
        "else:\n"
        "    from .. import errors\n"
        "class C:\n"
        "    def m(self):\n"
        "        from ..io.networkx import to_networkx\n"
        "def f():\n"
        "    importlib.import_module(f'{__name__}.network')\n"
        "    return importlib.import_module(NAME)\n"
    )
    assert _read("channelvalue.core", source, is_package=True) == [
        ("channelvalue.io.networkx", 4, "type-checking"),
        ("channelvalue.errors", 6, "module"),
        ("channelvalue.io.networkx", 9, "function"),
        ("channelvalue.core.network", 11, "function"),
        ("?", 12, "function"),
    ]


def test_rules() -> None:
    assert allowed("channelvalue.building.levers", "channelvalue.mapping")
    assert not allowed("channelvalue.mapping.gaps", "channelvalue.building.levers")
    assert not allowed("channelvalue.core.network", "channelvalue.io.networkx")
    assert allowed("channelvalue.datasets", "channelvalue.io")
    assert not allowed("channelvalue.io.json", "channelvalue.datasets")
    assert not allowed("channelvalue.plotting.maps", "channelvalue.io")
    assert allowed("channelvalue.cli", "channelvalue")
    assert not allowed("channelvalue.mapping", "channelvalue")
    assert allowed("channelvalue", "channelvalue.plotting")
    assert not allowed("channelvalue.model.kinds", "channelvalue.metrics")
    assert allowed("channelvalue.metrics", "channelvalue.errors")
    assert not allowed("channelvalue.metrics", "channelvalue._optional")
    assert not allowed("channelvalue.metrics", "channelvalue.model")
