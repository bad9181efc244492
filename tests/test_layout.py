"""The package's layout (issue 13): no import cycle, and no development tooling in the package.

The import graph is grimp's (the library import-linter uses), so imports inside functions count;
imports under ``if TYPE_CHECKING:`` are left out because they never run (``compare.model.json``
names ``Comparison`` for its annotations while ``Comparison.to_dict`` imports it). The layers
themselves are import-linter's contract in ``pyproject.toml`` (``make check``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter (dev dependency group)")

PACKAGE = Path(__file__).resolve().parent.parent / "compare"
DEV_TOOLS = frozenset({"compare.train", "compare.evaluate", "compare.measure_differences"})
"""Development scripts still inside the package; they move to dev/ (issue 13, item 5)."""


def _graph(*, external: bool = False) -> grimp.ImportGraph:
    return grimp.build_graph("compare", include_external_packages=external, exclude_type_checking_imports=True)


def _cycle(graph: grimp.ImportGraph) -> list[str] | None:
    """One import cycle among the graph's modules (as a path that returns to its start), or ``None``."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph.find_modules_directly_imported_by(m)):
            if state.get(n) == 1:
                return [*path[path.index(n) :], n]
            if n not in state and (found := visit(n)) is not None:
                return found
        path.pop()
        state[m] = 2
        return None

    for m in sorted(graph.modules):
        if m not in state and (found := visit(m)) is not None:
            return found
    return None


class TestImportGraph:
    def test_no_import_cycle(self) -> None:
        """No module of compare imports, directly or through others, a module that imports it back."""
        assert _cycle(_graph()) is None

    def test_the_cycle_check_finds_a_cycle(self) -> None:
        """The check itself reports a cycle when there is one (a graph with a -> b -> a)."""
        graph = grimp.ImportGraph()
        graph.add_import(importer="p.a", imported="p.b")
        graph.add_import(importer="p.b", imported="p.a")
        graph.add_module("p.c")
        assert _cycle(graph) == ["p.a", "p.b", "p.a"]

    def test_text_imports_no_stage(self) -> None:
        """compare.text, the shared lexical primitives, imports only compare.text and compare.model."""
        graph = _graph()
        for m in graph.find_descendants("compare.text") | {"compare.text"}:
            for n in graph.find_modules_directly_imported_by(m):
                assert n.startswith(("compare.text", "compare.model", "compare.options")), f"{m} imports {n}"


class TestNoDevelopmentTooling:
    def test_nothing_imports_scikit_learn(self) -> None:
        """No module of the package (development scripts aside) imports scikit-learn, even inside a function."""
        graph = _graph(external=True)
        importers = graph.find_modules_that_directly_import("sklearn") if "sklearn" in graph.modules else set()
        assert importers <= DEV_TOOLS

    def test_no_module_imports_a_development_script(self) -> None:
        """The package's own modules never import train, evaluate or measure_differences."""
        graph = _graph()
        for tool in DEV_TOOLS & graph.modules:
            assert graph.find_modules_that_directly_import(tool) <= DEV_TOOLS, tool

    def test_nothing_reads_shared(self) -> None:
        """No module of the package (development scripts aside) names ../shared, the development data."""
        for path in sorted(PACKAGE.rglob("*.py")):
            module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
            if module in DEV_TOOLS:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    assert "../shared" not in node.value and node.value != "--shared", f"{module}: {node.value!r}"
