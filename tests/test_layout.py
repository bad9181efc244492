"""The package's layout (issue 13): no import cycle, imports inside functions only where they keep
start-up fast (each says why with a ``# lazy:`` comment), no development tooling in the package,
and tests that reach the package only through its public names.

The import graph is grimp's (the library import-linter uses), so imports inside functions count;
imports under ``if TYPE_CHECKING:`` are left out because they never run (``compare.model.json``
names ``Comparison`` for its annotations while ``Comparison.to_dict`` imports it). The layers
themselves are import-linter's contract in ``pyproject.toml`` (``make check``).
"""

from __future__ import annotations

import ast
import io
import json
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter (dev dependency group)")

PACKAGE = Path(__file__).resolve().parent.parent / "compare"
TESTS = Path(__file__).resolve().parent
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


def _unmarked_imports(source: str) -> list[int]:
    """The lines of the imports inside a function (or method) that carry no ``# lazy:`` comment."""
    marked = {
        t.start[0]
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type == tokenize.COMMENT and t.string.startswith("# lazy:")
    }
    found: set[int] = set()
    for fn in ast.walk(ast.parse(source)):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.Import | ast.ImportFrom) and node.end_lineno is not None:
                    if not marked & set(range(node.lineno, node.end_lineno + 1)):
                        found.add(node.lineno)
    return sorted(found)


HEAVY = (
    "numpy",
    "scipy",
    "rapidfuzz",
    "rich",
    "wordfreq",
    "blingfire",
    "dateparser",
    "trafilatura",
    "distributed",
    "compare.pipeline",
    "compare.ingest",
    "compare.weights",
    "compare.gate",
    "compare.corpus",
    "compare.report",
)
"""What the lazy imports keep out of ``import compare`` and ``compare-sources --help``."""


def _loaded_by(code: str) -> list[str]:
    """The modules of ``HEAVY`` (or below them) that running ``code`` in a fresh interpreter loads."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(run.stderr.strip().splitlines()[-1])
    return [m for m in loaded if m in HEAVY or m.startswith(tuple(h + "." for h in HEAVY))]


class TestLazyImports:
    def test_every_import_inside_a_function_says_why(self) -> None:
        """An import inside a function of compare carries a ``# lazy:`` comment on one of its lines
        saying what it keeps off start-up; any other import belongs at the top of its module."""
        for path in sorted(PACKAGE.rglob("*.py")):
            assert _unmarked_imports(path.read_text(encoding="utf-8")) == [], path.relative_to(PACKAGE.parent)

    def test_the_check_finds_unmarked_imports(self) -> None:
        """The check itself reports imports in functions, methods and nested blocks without the comment,
        and lets marked ones (the comment on any line of the statement) and top-level ones pass."""
        source = """
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy

def f():
    import numpy as np  # lazy: numpy is not loaded by `import compare`
    import json  # why not
    from rich.progress import (  # lazy: same
        BarColumn,
    )
    from rich.table import (
        Table,  # lazy: same
    )
    if True:
        from rich.text import Text
    # lazy: a comment on its own line does not count
    import re

class C:
    def m(self):
        import io
        def inner():
            import gc
"""
        assert _unmarked_imports(source) == [10, 18, 20, 24, 26]

    @pytest.mark.parametrize(
        "code",
        ["import compare",
         "import contextlib, io\nfrom compare.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n"
         "    main(['--help'], standalone_mode=False)"],
        ids=["import compare", "compare-sources --help"],
    )  # fmt: skip
    def test_start_up_loads_no_heavy_module(self, code: str) -> None:
        """``import compare`` and ``compare-sources --help`` load neither numpy, scipy, rich ... nor the stages."""
        assert _loaded_by(code) == []

    def test_the_start_up_check_sees_heavy_modules(self) -> None:
        """The check itself reports a heavy module that the code loads."""
        assert "compare.weights" in _loaded_by("import compare.weights")


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


def _private(name: str) -> bool:
    """``_x`` is private; ``__x__`` (a dunder such as ``__wrapped__``) is not."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_uses(source: str) -> list[str]:
    """Where a module's code names a private name of ``compare``: ``from compare... import _x``, a
    private module in an import, ``alias._x`` on a name imported from ``compare`` (a module or
    anything in it), and ``setattr``/``getattr`` of such a name with a private attribute name."""
    tree = ast.parse(source)
    bound: set[str] = set()  # names that an import from compare binds
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name == "compare" or a.name.startswith("compare."):
                    if any(_private(p) for p in a.name.split(".")):
                        found.append(f"line {node.lineno}: import {a.name}")
                    bound.add(a.asname or a.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "compare" or node.module.startswith("compare."):
                if any(_private(p) for p in node.module.split(".")):
                    found.append(f"line {node.lineno}: from {node.module} import ...")
                for a in node.names:
                    if _private(a.name):
                        found.append(f"line {node.lineno}: from {node.module} import {a.name}")
                    bound.add(a.asname or a.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            root: ast.expr = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in bound:
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Call) and len(node.args) >= 2:
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            target, attr = node.args[0], node.args[1]
            if (
                name in ("setattr", "getattr", "delattr")
                and isinstance(target, ast.Name)
                and target.id in bound
                and isinstance(attr, ast.Constant)
                and isinstance(attr.value, str)
                and _private(attr.value)
            ):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("compare."):
            if any(_private(p) for p in node.value.split(".")):
                found.append(f"line {node.lineno}: {node.value!r}")
    return sorted(found, key=lambda f: int(f.split(":")[0].removeprefix("line ")))


class TestTestsUsePublicNames:
    def test_no_test_reaches_a_private_name(self) -> None:
        """No test module (the oracles included) imports or touches a private name of ``compare``."""
        for path in sorted(TESTS.rglob("*.py")):
            assert _private_uses(path.read_text(encoding="utf-8")) == [], path.relative_to(TESTS)

    def test_the_check_finds_private_names(self) -> None:
        """The check itself reports each way of reaching a private name, and lets public ones and dunders pass."""
        source = """
import compare.match
import compare.match as m
from compare import match
from compare.text import words as w
from compare.text.words import _name_spans, name_spans
from compare.features import attribution
from compare._private import x
from compare.classify import pair_differences

compare.match._zipf("a")
m._Context.build([], {})
match.zipf("a")
w._hedge_cues("")
w.lower_words.__wrapped__("")
pair_differences._cache
monkeypatch.setattr(attribution, "_TRIGGERS", set())
monkeypatch.setattr(attribution, "TRIGGERS", set())
monkeypatch.setattr("compare.match._zipf", len)
other._private
"""
        found = _private_uses(source)
        assert sorted({int(f.split(":")[0].removeprefix("line ")) for f in found}) == [6, 8, 11, 12, 14, 16, 17, 19]
