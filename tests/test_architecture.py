"""The shape of the code: no import cycles (imports inside functions included), the core
never reaches the UI, the benchmark's hooks never reach into the UI, the docs name every
module, and the README's layout matches the tree."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop" / "replydesk"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import that runs: at module level, in functions and methods; not the ones
    under `if TYPE_CHECKING:` (for the type checker only)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            for other in node.orelse:
                yield from _runtime_imports(ast.Module(body=[other], type_ignores=[]))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _runtime_imports(node)


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project's modules that `name` imports when it runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_imports(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and not _is_parent(target, name):
                found.add(target)
    return found


def _is_parent(package: str, name: str) -> bool:
    return name.startswith(package + ".")


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_even_through_imports_inside_functions() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    source = "def late():\n    from replydesk.core import store\n"
    tree = ast.parse(source)
    assert [type(node).__name__ for node in _runtime_imports(tree)] == ["ImportFrom"]
    hidden = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import replydesk.app\n"
    assert [n for n in _runtime_imports(ast.parse(hidden)) if isinstance(n, ast.Import)] == []


def test_the_core_imports_nothing_outside_the_core() -> None:
    graph = import_graph()
    for name, targets in graph.items():
        if name.startswith("replydesk.core"):
            outside = {t for t in targets if not t.startswith("replydesk.core")}
            assert outside <= {"replydesk"}, f"{name} imports {sorted(outside)}"


def test_the_benchmarks_hooks_do_not_reach_into_the_ui() -> None:
    """The trace is standard library only, and no UI module imports the app (its trace
    used to be reached through it) or the benchmarks."""
    graph = import_graph()
    assert graph["replydesk.trace"] == set()
    for name, targets in graph.items():
        if name.startswith("replydesk.ui"):
            reached = targets & {"replydesk.app", "replydesk.bench", "replydesk.bench_hostile"}
            assert not reached, f"{name} imports {sorted(reached)}"


def _attributes_set(tree: ast.ClassDef, method: str | None) -> dict[str, int]:
    """`self.<name> = …` in `method` (None: in every method but __init__), with a line."""
    found: dict[str, int] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        if (method is None) == (node.name == "__init__") or (method and node.name != method):
            continue
        for inner in ast.walk(node):
            targets = (
                inner.targets
                if isinstance(inner, ast.Assign)
                else [inner.target]
                if isinstance(inner, ast.AnnAssign | ast.AugAssign)
                else []
            )
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                ):
                    found.setdefault(target.attr, getattr(inner, "lineno", 0))
    return found


def test_the_windows_parts_are_declared_in_init() -> None:
    """Every attribute of the main window and of its parts is created in __init__, so a
    reader finds the whole state in one place (no getattr(self, "x", None))."""
    for path in (PACKAGE / "ui").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "getattr(self" not in source, path.name
    for name in ("main_window.py", "reply_panel.py", "undo_delete.py", "resident.py"):
        tree = ast.parse((PACKAGE / "ui" / name).read_text(encoding="utf-8"))
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            declared = _attributes_set(cls, "__init__")
            late = {a: line for a, line in _attributes_set(cls, None).items() if a not in declared}
            assert not late, f"{name}: {cls.name} creates {late} outside __init__"


def test_the_resident_uses_only_the_windows_public_face() -> None:
    """The resident app calls the window's methods and connects its signals; it never
    reaches into its parts (the list, the order bar) or private names."""
    tree = ast.parse((PACKAGE / "ui" / "resident.py").read_text(encoding="utf-8"))
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and (
            (isinstance(node.value, ast.Name) and node.value.id == "window")
            or (
                isinstance(node.value, ast.Attribute)
                and node.value.attr == "window"
                and isinstance(node.value.value, ast.Name)
                and node.value.value.id == "self"
            )
        )
    }
    parts = {"templates", "reply", "order_bar", "form", "preview", "statusBar", "pages"}
    assert not used & parts, sorted(used & parts)
    assert not {a for a in used if a.startswith("_")}, sorted(used)


def _named_modules(text: str) -> set[str]:
    return set(re.findall(r"[\w/]+\.py|[\w]+/", text))


def test_the_architecture_doc_names_every_module() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    ui_text = (ROOT / "docs" / "ui.md").read_text(encoding="utf-8")
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__init__.py" and path.parent != PACKAGE / "cli":
            continue
        relative = path.relative_to(PACKAGE)
        doc = ui_text + text if relative.parts[0] == "ui" else text
        if not re.search(rf"(?<!\w){re.escape(path.name)}(?!\w)", doc):
            missing.append(str(relative))
    assert missing == [], f"docs/architecture.md (or docs/ui.md for ui/) never names {missing}"


def test_the_readme_layout_matches_the_tree() -> None:
    """Every top-level folder and every package of the README's layout block exists, and
    every top-level folder and package that exists is in it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Layout", 1)[1].split("```", 2)[1]
    named = {line.split()[0].rstrip("/") for line in block.splitlines() if line.strip()}
    for entry in named:
        assert (
            (ROOT / entry).exists()
            or (PACKAGE.parent / entry).exists()
            or any(
                (folder / entry).exists() for folder in (PACKAGE, PACKAGE / "core", PACKAGE / "ui")
            )
        ), f"the README's layout names {entry}, which is not in the tree"
    expected = {"pyproject.toml", "desktop", "resources", "templates", "tests", "packaging"}
    expected |= {"docs", "scripts"}
    expected |= {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert expected <= named, f"the README's layout lacks {sorted(expected - named)}"
