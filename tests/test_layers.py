"""The package's layers: no module imports from a layer above its own, no import cycles
between modules, no module over MAX_LINES. Read from the source with `ast` (nothing imported)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "articlekit"

# Lowest first. A module may import from its own layer and the layers below it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "version", "limits", "load", "fetch", "vocab", "phrases", "blocks", "outline", "render", "report",
     "article", "folding", "dates", "data"),
    ("html", "segment", "text", "structure"),  # the front ends: page -> blocks (and their structure)
    ("classify", "fallback"),  # blocks -> body or not
    ("metadata",),  # candidates -> one value per field
    ("header_out", "pipeline"),  # header_out: the stage after metadata, called by pipeline
    ("cli", "batch", "dask", "__init__", "__main__"),
)
# Known upward imports, each with the reason it is still there.
EXCEPTIONS: dict[tuple[str, str], str] = {}
MAX_LINES = 750
OVER_LIMIT: dict[str, str] = {}


def _unit(path: Path) -> str:
    """The layer unit of a module: its top-level module or subpackage name."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["articlekit", *parts])


def _imports(path: Path) -> set[str]:
    """Absolute names of the articlekit modules `path` imports (at any depth of the file; not
    under `if TYPE_CHECKING:`, which never runs: a type named there makes no import)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module(path).split(".") if path.name == "__init__.py" else _module(path).split(".")[:-1]
    typing_only = {
        id(inner) for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for stmt in node.body for inner in ast.walk(stmt)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("articlekit"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if not name.startswith("articlekit"):
                continue
            if node.module:  # ('from . import html' imports the module html, not the package)
                found.add(name)
            found.update(f"{name}.{a.name}" for a in node.names if _is_module(f"{name}.{a.name}"))
    return found


def _is_module(name: str) -> bool:
    rel = Path(*name.split(".")[1:])
    return (PACKAGE / rel).with_suffix(".py").exists() or (PACKAGE / rel / "__init__.py").exists()


def _layer_of(unit: str) -> int:
    for i, units in enumerate(LAYERS):
        if unit in units:
            return i
    raise AssertionError(f"{unit!r} is in no layer: add it to LAYERS")


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    for path in SOURCES:
        _layer_of(_unit(path))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_from_a_higher_layer(path: Path) -> None:
    unit = _unit(path)
    for name in _imports(path):
        target = name.split(".")[1] if "." in name else "__init__"
        if target == unit or (unit, target) in EXCEPTIONS:
            continue
        assert _layer_of(target) <= _layer_of(unit), f"{unit} imports {name}, a higher layer"


def test_no_import_cycles() -> None:
    """Module by module (a package's __init__ counts as the package)."""
    graph = {_module(p): {n for n in _imports(p) if n != _module(p)} for p in SOURCES}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt):], nxt] if nxt in path else [node, nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


def test_exceptions_are_still_needed() -> None:
    """An exception that no import needs any more is removed from the list."""
    used = {(_unit(p), n.split(".")[1]) for p in SOURCES for n in _imports(p) if "." in n}
    assert set(EXCEPTIONS) <= used


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_over_the_line_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    name = str(path.relative_to(PACKAGE))
    if name in OVER_LIMIT:
        return
    assert lines <= MAX_LINES, f"{name}: {lines} lines (limit {MAX_LINES})"
