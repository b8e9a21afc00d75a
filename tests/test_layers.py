"""The floor plan, read from the imports: each layer imports only its own and the layers below,
no two modules import each other in a circle, and only the store speaks SQL.

    content -> nlu -> engine -> store -> service -> channels -> cli

`settings` and `logs` import nothing of the package; the service and the layers above use them.
Every import counts: at the top, inside functions and under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "imhbot"
LAYERS = ("content", "nlu", "engine", "store", "service", "channels", "cli")
BESIDE = {"settings": "service", "logs": "service", "__main__": "cli"}
"""Top-level modules that are no layer of their own, and the layer they count as."""
DATABASE = ("sqlalchemy", "sqlmodel", "alembic", "psycopg")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[str]:
    """Every module `path` imports, as a dotted name (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


MODULES = {_module(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _internal(path: Path) -> set[str]:
    """The package's own modules that `path` imports."""
    return {name for name in _imports(path) if name in MODULES} - {_module(path)}


def _layer(module: str) -> str:
    first = module.split(".")[1] if "." in module else module
    return BESIDE.get(first, first)


def test_every_module_belongs_to_a_layer() -> None:
    strays = [m for m in MODULES if m != "imhbot" and _layer(m) not in LAYERS]
    assert strays == []


@pytest.mark.parametrize("module", [m for m in MODULES if m != "imhbot"])
def test_a_module_imports_only_its_layer_and_the_layers_below(module: str) -> None:
    rank = LAYERS.index(_layer(module))
    upward = sorted(
        name
        for name in _internal(MODULES[module])
        if name != "imhbot" and LAYERS.index(_layer(name)) > rank
    )
    assert upward == [], f"{module} imports from a layer above it"


def test_content_imports_nothing_else_of_the_package() -> None:
    outside = {
        f"{module} -> {name}"
        for module, path in MODULES.items()
        if _layer(module) == "content"
        for name in _internal(path)
        if _layer(name) != "content" and name != "imhbot"
    }
    assert outside == set()


def test_settings_and_logs_import_nothing_of_the_package() -> None:
    for name in ("imhbot.settings", "imhbot.logs"):
        assert _internal(MODULES[name]) - {"imhbot"} == set(), name


def test_no_two_modules_import_each_other_in_a_circle() -> None:
    graph = {module: _internal(path) - {"imhbot"} for module, path in MODULES.items()}
    circle = _find_circle(graph)
    assert circle is None, " -> ".join(circle or [])


def test_only_the_store_speaks_to_the_database() -> None:
    speaking = sorted(
        module
        for module, path in MODULES.items()
        if _layer(module) != "store"
        and any(name.split(".")[0] in DATABASE for name in _imports(path))
    )
    assert speaking == []


def _find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """A circle of imports, as the modules along it, or None (depth-first search)."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        trail.append(module)
        for name in sorted(graph.get(module, ())):
            if state.get(name) == "open":
                return [*trail[trail.index(name) :], name]
            if name not in state:
                found = visit(name)
                if found:
                    return found
        trail.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state:
            found = visit(module)
            if found:
                return found
    return None
