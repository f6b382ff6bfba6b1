"""The package's imports point one way, as DESIGN.md's Architecture says
(ui -> (sync, exchange) -> storage -> domain), and no module imports itself
round a cycle. Every ``from leaderjournal... import`` run counts, at the
top or inside a function; names imported only for type checking (under
``if TYPE_CHECKING:``) do not, as nothing runs them."""

from __future__ import annotations

import ast
from pathlib import Path

import leaderjournal

ROOT = Path(leaderjournal.__file__).parent

#: What each layer may import of the package (beside itself and the small
#: top-level modules every layer shares: errors, paths, settings, logs).
ALLOWED = {
    "domain": set(),
    "storage": {"domain"},
    "exchange": {"domain", "storage"},
    "sync": {"domain", "storage"},
    "ui": {"domain", "storage", "exchange", "sync"},
    # The command line opens the window when no command is given.
    "cli": {"domain", "storage", "exchange", "sync", "ui"},
}
SHARED = {"errors", "paths", "settings", "logs", "__init__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, package: str | None = None) -> set[str]:
    """The leaderjournal modules ``path`` imports, resolved to module names
    (relative imports from ``package``, by default the module's own)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if package is None:
        package = module_name(path)
        if path.name != "__init__.py":
            package = package.rpartition(".")[0]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.If)
            and isinstance(node.test, ast.Name)
            and node.test.id == "TYPE_CHECKING"
        ):
            node.body = []
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(n for n in names if n.split(".")[0] == "leaderjournal")
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in ROOT.rglob("*.py")}
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {t for t in imports_of(path) if t in modules and t != name}
        edges[name] = targets
    return edges


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_import_points_down_the_layers() -> None:
    upward = sorted(
        f"{source} imports {target}"
        for source, targets in graph().items()
        for target in targets
        if layer(source) in ALLOWED
        and layer(target) != layer(source)
        and layer(target) not in SHARED
        and layer(target) not in ALLOWED[layer(source)]
    )
    assert upward == []


def test_no_module_imports_itself_round_a_cycle() -> None:
    edges = graph()
    # Tarjan's strongly connected components: a component of two or more
    # modules is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
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
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert cycles == []


def test_the_walk_sees_every_kind_of_import(tmp_path: Path) -> None:
    # The walk must resolve both spellings of an import, or it proves nothing.
    source = tmp_path / "probe.py"
    source.write_text(
        "from leaderjournal.ui.app import main\n"
        "import leaderjournal.sync.engine\n"
        "from .journal import Journal\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from leaderjournal.ui.window.main_window import MainWindow\n"
    )
    found = imports_of(source, "leaderjournal.storage")
    assert {
        "leaderjournal.ui.app",
        "leaderjournal.sync.engine",
        "leaderjournal.storage.journal",
    } <= found
    assert "leaderjournal.ui.window.main_window" not in found  # types only
    edges = graph()
    assert "leaderjournal.storage.sync_outbox" in edges["leaderjournal.storage.entries"]
    assert "leaderjournal.storage" in edges["leaderjournal.sync.engine"] or (
        "leaderjournal.storage.journal" in edges["leaderjournal.sync.engine"]
    )
