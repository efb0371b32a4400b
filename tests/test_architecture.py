"""The package's layering, read from the source with ``ast``: the store is the only module that
speaks SQL, no two parts of sitrep import each other (directly or around a loop), and spaCy
components meet only through the data they keep on the Doc."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import sitrep

SRC = Path(sitrep.__file__).resolve().parent
#: spaCy's ``doc._`` methods, which read and write extensions rather than call what they hold.
UNDERSCORE_METHODS = frozenset({"get", "set", "has"})


def modules() -> Iterator[tuple[str, Path, ast.Module]]:
    """(dotted name, path, syntax tree) of every module of the package."""
    for path in sorted(SRC.rglob("*.py")):
        parts = ("sitrep", *path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path, ast.parse(path.read_text("utf-8"), str(path))


def imports(name: str, path: Path, tree: ast.Module) -> set[str]:
    """Every module the source imports, anywhere in it (function-level imports included), as
    absolute dotted names; ``from package import name`` counts as importing the submodule
    when there is one, else the package."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                found.add(submodule if _is_module(submodule) else module)
    return found


def _is_module(dotted: str) -> bool:
    if not dotted.startswith("sitrep."):
        return False
    relative = Path(*dotted.split(".")[1:])
    return (SRC / relative).is_dir() or (SRC / relative).with_suffix(".py").is_file()


def part(module: str) -> str:
    """The part of sitrep a module belongs to: its sub-package, or the top-level module."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else pieces[0]


def test_only_the_store_speaks_sql():
    """Outside sitrep.store no module imports SQLAlchemy or the store's tables, nor touches a
    store's engine: every query is a Store method (or a method of the link tables a Store
    hands out)."""
    offenders = []
    for name, path, tree in modules():
        if name == "sitrep.store" or name.startswith("sitrep.store."):
            continue
        for module in imports(name, path, tree):
            if module.split(".")[0] == "sqlalchemy" or module == "sitrep.store.tables":
                offenders.append(f"{name} imports {module}")
        offenders += [
            f"{name}:{node.lineno} uses .engine"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "engine"
        ]
    assert offenders == []


def test_no_import_cycle_between_parts_of_the_package():
    graph: dict[str, set[str]] = {}
    for name, path, tree in modules():
        source = part(name)
        for module in imports(name, path, tree):
            if module == "sitrep" or module.startswith("sitrep."):
                target = part(module)
                if target != source:
                    graph.setdefault(source, set()).add(target)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"api": {"web"}, "web": {"api", "store"}, "store": set()}) == [["api", "web"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_a_component_is_built_only_by_its_factory():
    """No code builds another component's machinery (as attribution once built certainty's
    cues a second time): each class a ``@Language.factory`` returns is constructed in that
    factory alone. What one component needs of another's it reads from the Doc."""
    factories = {}  # component class -> its factory function's node
    trees = [(name, tree) for name, _, tree in modules()]
    for name, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(map(_is_factory, node.decorator_list)):
                made = [r.value for r in ast.walk(node) if isinstance(r, ast.Return)]
                assert len(made) == 1 and isinstance(made[0], ast.Call), f"{name}.{node.name}"
                factories[_called(made[0])] = node
    assert len(factories) >= 7, sorted(factories)
    offenders = []
    for name, tree in trees:
        inside = set()
        for factory in factories.values():
            inside.update(id(n) for n in ast.walk(factory))
        offenders += [
            f"{name}:{node.lineno} builds {_called(node)}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _called(node) in factories and id(node) not in inside
        ]
    assert offenders == []


def test_no_code_calls_what_a_component_left_on_the_doc():
    """Doc extensions hold data, never an object to call (``doc._.x(...)``,
    ``doc._.x.method(...)``): a component that needs another's work reads its records."""
    offenders = [
        f"{name}:{node.lineno}"
        for name, _, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _reaches_underscore(node.func)
    ]
    assert offenders == []


def _is_factory(decorator: ast.expr) -> bool:
    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr == "factory"
    )


def _called(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _reaches_underscore(func: ast.expr) -> bool:
    """Whether a called expression goes through a value kept under ``._`` (``doc._.x(...)``,
    ``doc._.x.y(...)``); the Underscore's own ``get``/``set``/``has`` are not such values."""
    after = None
    while isinstance(func, ast.Attribute):
        if func.attr == "_":
            return after not in UNDERSCORE_METHODS
        after, func = func.attr, func.value
    return False
