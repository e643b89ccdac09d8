"""The shape of the code: kg's modules import one another without cycles.

The import graph is read from the source with :mod:`ast` (nothing is imported): every
``import`` and ``from ... import`` of a ``kg`` module, relative or absolute, at module level or
inside a function or an ``if TYPE_CHECKING:`` block. ``from P import n`` is an edge to ``P``
(Python runs ``P`` and reads ``n`` from it) and, when ``P.n`` is a module, to ``P.n`` too;
``import a.b.c`` is an edge to ``a.b.c``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"

def module_name(path: Path) -> str:
    """``kg/resolve/coref/__init__.py`` → ``kg.resolve.coref``."""
    parts = list(path.relative_to(KG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def kg_modules() -> dict[str, Path]:
    """Every module under kg/ by dotted name."""
    return {module_name(p): p for p in sorted(KG.rglob("*.py"))}


def _imported(node: ast.AST, module: str, is_package: bool) -> Iterator[tuple[str, list[str]]]:
    """(module named by the statement, the names it takes from it) for one import node."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, []
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            package = module if is_package else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{node.module}" if node.module else package
        else:
            base = node.module or ""
        yield base, [alias.name for alias in node.names]


def imports_of(source: str, module: str, modules: set[str], is_package: bool = False) -> set[str]:
    """The kg modules that one module's source imports (anywhere in it), itself left out."""

    def owner(name: str) -> str | None:
        # The module a dotted name lives in: the longest prefix that is a kg module.
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    edges: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        for base, names in _imported(node, module, is_package):
            if not (base == "kg" or base.startswith("kg.")):
                continue
            target = owner(base)
            if target is not None:
                edges.add(target)
            edges.update(f"{base}.{n}" for n in names if f"{base}.{n}" in modules)
    edges.discard(module)
    return edges


def import_graph() -> dict[str, set[str]]:
    """kg module → the kg modules it imports (anywhere in its source)."""
    modules = kg_modules()
    return {
        module: imports_of(
            path.read_text(encoding="utf-8"), module, set(modules), path.name == "__init__.py"
        )
        for module, path in modules.items()
    }


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module, each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def cycle_in(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One import loop through a component's first module: ``[a, b, ..., a]``."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v] & members):
            if w == start:
                return [*paths[v], start]
            if w not in paths:
                paths[w] = [*paths[v], w]
                queue.append(w)
    raise AssertionError(f"no loop in {component}")  # a component always has one


def describe(graph: dict[str, set[str]], components: list[list[str]]) -> str:
    return "\n".join(" -> ".join(cycle_in(graph, c)) for c in components)


def test_import_graph_reads_function_level_imports():
    """The graph sees what a cycle hides behind: an import inside a function."""
    graph = import_graph()
    # kg.analyse imports kg.extract and kg.resolve inside analyse_article.
    assert {"kg.extract", "kg.resolve"} <= graph["kg.analyse"]
    # kg/parse/__init__.py: "from kg.parse._article import ..." reaches the private module.
    assert "kg.parse._article" in graph["kg.parse"]
    assert "kg.model" in graph["kg.parse._article"]
    # "from kg import vocab" is an edge to the package kg and to kg.vocab.
    assert {"kg", "kg.vocab"} <= graph["kg.rdf._build"]


@pytest.mark.parametrize(
    ("source", "module", "is_package", "want"),
    [
        ("from . import names", "kg.resolve.coref", False, ["kg.resolve", "kg.resolve.names"]),
        ("from .names import key", "kg.resolve.coref", False, ["kg.resolve.names"]),
        ("from ._spans import f", "kg.resolve.coref", True, ["kg.resolve.coref._spans"]),
        ("from ..merge import f", "kg.resolve.coref", True, ["kg.resolve.merge"]),
        ("import kg.resolve.names as n", "kg.resolve.coref", False, ["kg.resolve.names"]),
        ("if TYPE_CHECKING:\n    from kg.model import X", "kg.resolve", True, ["kg.model"]),
        ("from kg.model import Fact, Span", "kg.resolve", True, ["kg.model"]),
        ("import spacy\nfrom rdflib import Graph", "kg.resolve", True, []),
    ],
)
def test_relative_and_absolute_imports_resolve_to_modules(source, module, is_package, want):
    modules = {
        "kg.model",
        "kg.resolve",
        "kg.resolve.coref",
        "kg.resolve.coref._spans",
        "kg.resolve.merge",
        "kg.resolve.names",
    }
    assert sorted(imports_of(source, module, modules, is_package)) == want


def test_cycle_detection_finds_a_loop_through_a_package_face():
    """``from kg.resolve import places`` inside kg.resolve.coref would tie it to the package."""
    graph = {
        "kg.resolve": {"kg.resolve.coref", "kg.resolve.places"},
        "kg.resolve.coref": {"kg.resolve", "kg.resolve.places"},
        "kg.resolve.places": set(),
    }
    components = strongly_connected(graph)
    assert components == [["kg.resolve", "kg.resolve.coref"]]
    assert describe(graph, components) == "kg.resolve -> kg.resolve.coref -> kg.resolve"


def test_resolve_imports_downward_only():
    """No cycle touches kg.resolve: its modules import one another downward only."""
    graph = import_graph()
    cycles = [c for c in strongly_connected(graph) if any(m.startswith("kg.resolve") for m in c)]
    assert not cycles, "import cycles in kg.resolve:\n" + describe(graph, cycles)


def test_no_import_cycles():
    """No two modules of kg import each other, directly or through others."""
    graph = import_graph()
    components = strongly_connected(graph)
    assert not components, "import cycles among kg's modules:\n" + describe(graph, components)


# ---------------------------------------------------------------- docs/architecture.md

ARCHITECTURE = KG.parent / "docs" / "architecture.md"


def _room_rows() -> list[tuple[list[str], str]]:
    """The rows of the page's "Where to find things" table: (the rooms' paths, what they hold)."""
    table = ARCHITECTURE.read_text(encoding="utf-8").split("## Where to find things", 1)[1]
    rows = []
    for line in table.splitlines():
        if line.startswith("| `"):
            room, holds = line.split("|")[1:3]
            rows.append((re.findall(r"`(kg/[^`]*)`", room), holds))
    return rows


def test_architecture_page_names_only_code_that_exists():
    """Every ``kg.…`` name in the page imports, every ``kg/…`` path and every file or folder a
    room lists (``coref/``, ``_spans.py``) exists: the page walks the code as it is."""
    import importlib

    def resolves(name: str) -> bool:
        parts = name.split(".")
        for i in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:i]))
            except ImportError:
                continue
            return all((obj := getattr(obj, p, None)) is not None for p in parts[i:])
        return False

    text = ARCHITECTURE.read_text(encoding="utf-8")
    code = re.findall(r"`([^`]+)`", text)
    names = {n for c in code for n in re.findall(r"\bkg(?:\.\w+)+", c)}
    paths = {p.rstrip("/.") for c in code for p in re.findall(r"\bkg/[\w/.]*", c)}
    listed = {
        f"{room.rstrip('/')}/{rel.rstrip('/')}"
        for rooms, holds in _room_rows()
        for room in rooms
        if (KG.parent / room).is_dir()
        for rel in re.findall(r"`([\w.]+(?:/|\.py))`", holds)
    }
    assert [n for n in sorted(names) if not resolves(n)] == []
    assert [p for p in sorted(paths | listed) if not (KG.parent / p).exists()] == []


def test_architecture_page_has_a_room_for_every_package_and_module():
    """Each top-level package and module of kg is in the "Where to find things" table."""
    named = {p.rstrip("/") for rooms, _ in _room_rows() for p in rooms}
    top = {
        f"kg/{p.name}"
        for p in KG.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists())
        or (p.suffix == ".py" and p.name != "__init__.py")
    }
    assert sorted(top - named) == []
