"""Rewrite imports of names moved by the layout of issue 13 to their new homes (a merge aid).

After merging a branch that still imports ``compare.features.WORD``, ``compare.quotes.ledger``,
``compare.numbers.dimension``, ``compare.model.MatchOptions`` ..., run from the repository root:

    python dev/relayout_imports.py $(git ls-files 'compare/*.py' 'tests/*.py' 'dev/*.py')

Each single-line ``from OLD import a, b`` is split by where each name is defined now (read from
the current tree); a name found nowhere is left on its old line and reported. Module-object
imports (``from compare import quotes``) become aliases of the new module. Then run
``ruff check --fix`` (import order) and ``lint-imports``. Delete this script once merged.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

NEW = {
    "compare.text.words": "compare/text/words.py",
    "compare.text.names": "compare/text/names.py",
    "compare.text.quotations": "compare/text/quotations.py",
    "compare.features": "compare/features/__init__.py",
    "compare.features.attribution": "compare/features/attribution.py",
    "compare.features.quantities": "compare/features/quantities.py",
    "compare.analyze.ledger": "compare/analyze/ledger.py",
    "compare.analyze.coverage": "compare/analyze/coverage.py",
    "compare.analyze.mentions": "compare/analyze/mentions.py",
    "compare.options": "compare/options.py",
    "compare.model": "compare/model/__init__.py",
    "compare.model.json": "compare/model/json.py",
    "compare.report.json": "compare/report/json.py",
    "compare.pipeline": "compare/pipeline.py",
    "compare.match": "compare/match/__init__.py",
    "compare.classify": "compare/classify/__init__.py",
    "compare.report.terminal": "compare/report/terminal.py",
}
OLD = {  # old module -> where its names may be now, in order of preference
    "compare.features": ["compare.features", "compare.text.words"],
    "compare.quotes": [
        "compare.features.attribution",
        "compare.text.names",
        "compare.text.quotations",
        "compare.analyze.ledger",
    ],
    "compare.numbers": ["compare.features.quantities", "compare.text.words"],
    "compare.mentions": ["compare.analyze.mentions"],
    "compare.analyze.coverage": ["compare.analyze.coverage"],
    "compare.report.json": ["compare.report.json", "compare.model.json"],
    "compare.model": ["compare.options", "compare.model"],
    "compare.classify": ["compare.classify", "compare.text.names"],
    "compare.report.terminal": ["compare.report.terminal", "compare.analyze.coverage"],
}
MODULE_OBJECTS = {
    "from compare import quotes": "from compare.features import attribution as quotes",
    "from compare import features": "from compare.text import words as features",
    "from compare import numbers": "from compare.features import quantities as numbers",
    "from compare import mentions": "from compare.analyze import mentions",
    "from compare.report import coverage": "from compare.analyze import coverage",
}
RENAMED = {("compare.classify", "_ROLE_TITLES"): ("compare.text.names", "ROLE_TITLES as _ROLE_TITLES")}
IMPORT = re.compile(r"^(\s*)from (compare(?:\.[\w.]+)?) import ([\w, ]+?)\s*$")


def defined(path: str) -> set[str]:
    """Top-level names defined in ``path`` (functions, classes, assignments)."""
    p = Path(path)
    if not p.exists():
        return set()
    out: set[str] = set()
    for n in ast.parse(p.read_text(encoding="utf-8")).body:
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            out.add(n.name)
        elif isinstance(n, ast.Assign):
            out.update(t.id for t in n.targets if isinstance(t, ast.Name))
        elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            out.add(n.target.id)
        elif isinstance(n, ast.ImportFrom):  # re-exports and submodules count as found
            out.update(a.asname or a.name for a in n.names)
    for sub in p.parent.glob("*.py") if p.name == "__init__.py" else ():
        out.add(sub.stem)
    return out


def main(paths: list[str]) -> None:
    names = {m: defined(p) for m, p in NEW.items()}
    for path in paths:
        f = Path(path)
        lines = f.read_text(encoding="utf-8").split("\n")
        out: list[str] = []
        for ln in lines:
            stripped = ln.strip()
            if stripped in MODULE_OBJECTS:
                out.append(ln[: len(ln) - len(ln.lstrip())] + MODULE_OBJECTS[stripped])
                continue
            m = IMPORT.match(ln)
            if not m or m.group(2) not in OLD:
                out.append(ln)
                continue
            indent, module = m.group(1), m.group(2)
            by_home: dict[str, list[str]] = {}
            for item in (x.strip() for x in m.group(3).split(",")):
                name = item.split(" as ")[0]
                if (module, name) in RENAMED:
                    home, item = RENAMED[(module, name)]
                else:
                    home = next((h for h in OLD[module] if name in names.get(h, set())), module)
                    if home == module and name not in names.get(module, set()):
                        sys.stderr.write(f"{path}: {name} (from {module}) not found; left as is\n")
                by_home.setdefault(home, []).append(item)
            out.extend(f"{indent}from {h} import {', '.join(v)}" for h, v in sorted(by_home.items()))
        new = "\n".join(out)
        if new != f.read_text(encoding="utf-8"):
            f.write_text(new, encoding="utf-8")
            sys.stdout.write(f"rewrote {path}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
