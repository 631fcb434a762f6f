"""The package's rooms (docs/architecture.md) as a test: each room imports only rooms below it, no module
imports another module's private names, and no two modules import each other, directly or in a ring.

Imports inside functions count too: they are lazy for speed, not to hide a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "gdnn_cli"

# A room may import the rooms of a lower rank, never one of its own rank or above (common imports nothing).
RANK = {"common": 0, "core": 1, "tracking": 2, "review": 2, "documents": 3, "exchange": 4, "repo": 4,
        "site": 5, "cli": 6}
ROOT_MODULES = {"gdnn_cli", "gdnn_cli.__main__"}
MAX_LINES = 400

# What the move into rooms found and the issue "house in order" is removing. Each entry is a defect; the
# tests fail on any new one AND on an entry that is gone (delete it here when you fix it), so the lists
# stay true and can only shrink.
KNOWN_ROOM: set[str] = set()
KNOWN_PRIVATE: set[str] = set()
KNOWN_CYCLES: set[str] = set()  # as the depth-first search meets them; fixing one may show another
KNOWN_LONG: set[str] = set()


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, imported names) for every gdnn_cli import, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] == "gdnn_cli":
                out.append((node.lineno, module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name, []) for a in node.names if a.name.split(".")[0] == "gdnn_cli")
    return out


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else None


def _edges() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for _, module, names in _imports(name, path):
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in modules] or [module]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def test_every_module_is_in_a_room():
    stray = [m for m in _modules() if m not in ROOT_MODULES and _room(m) is None]
    assert stray == [], f"modules outside the rooms {sorted(RANK)}: {stray}"


def test_rooms_import_only_rooms_below():
    wrong = []
    for name, path in _modules().items():
        here = _room(name)
        if here is None:
            continue
        for _line, module, _ in _imports(name, path):
            there = _room(module)
            if there is not None and there != here and RANK[there] >= RANK[here]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert set(wrong) - KNOWN_ROOM == set(), "a room imports a room of its rank or above (docs/architecture.md)"
    assert KNOWN_ROOM - set(wrong) == set(), "fixed: delete these from KNOWN_ROOM"


def test_no_private_names_across_modules():
    modules = _modules()
    wrong = []
    for name, path in modules.items():
        for _line, module, names in _imports(name, path):
            private = [n for n in names if n.startswith("_") and not n.startswith("__") and n != "_"
                       and f"{module}.{n}" not in modules]
            if module != name and private:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}.{', '.join(private)}")
            if any(part.startswith("_") and not part.startswith("__") for part in module.split(".")):
                wrong.append(f"{path.relative_to(PACKAGE)} imports private module {module}")
    assert set(wrong) - KNOWN_PRIVATE == set(), "make the name public (and document it) or move the code"
    assert KNOWN_PRIVATE - set(wrong) == set(), "fixed: delete these from KNOWN_PRIVATE"


def test_no_import_cycles():
    graph = _edges()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            # a package's __init__ re-exporting its modules is not a cycle of the modules themselves
            if nxt in ROOT_MODULES or (node.startswith(nxt + ".") and _modules()[nxt].name == "__init__.py"):
                continue
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    found = {" → ".join(m.removeprefix("gdnn_cli.") for m in c) for c in cycles}
    assert found - KNOWN_CYCLES == set(), "modules that import each other: split or move the shared part down"
    assert KNOWN_CYCLES - found == set(), "fixed: delete these from KNOWN_CYCLES"


def test_no_module_over_400_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert set(long) - KNOWN_LONG == set(), f"split by concern: {long}"
    assert KNOWN_LONG - set(long) == set(), "fixed: delete these from KNOWN_LONG"
