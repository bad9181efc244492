"""Regenerate the golden reports of the seed articles in ``tests/golden/``.

Run ``make golden`` (or ``python -m dev.golden_update``) after a deliberate change to the
matcher or the renderers, review ``git diff tests/golden``, and commit. ``tests/test_golden.py``
compares the current output with these files.

The reports are made through the CLI code path, from the repository root so that the paths in
the JSON report are the relative ``seeds/...``: the terminal report at a fixed width without
colour, and the JSON report.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEEDS = ("seeds/washington-post.txt", "seeds/new-york-post.txt")
WIDTH = 120
REPORTS = {
    "seeds.txt": ("--format", "terminal", "--width", str(WIDTH), "--no-color"),
    "seeds.json": ("--format", "json"),
}
"""Golden file name -> the CLI options that make it (after the seed paths)."""


def render(name: str) -> str:
    """The current report for golden file ``name``, as the CLI prints it."""
    from click.testing import CliRunner

    from compare.cli import cli

    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(cli, [*SEEDS, *REPORTS[name]])
    if result.exit_code != 0 or (result.exception is not None and not isinstance(result.exception, SystemExit)):
        raise RuntimeError(f"compare-sources {' '.join(SEEDS)} {' '.join(REPORTS[name])} failed: {result.stderr}")
    return result.stdout


def read(name: str) -> str | None:
    """The stored golden file, or ``None`` when it does not exist yet."""
    path = GOLDEN / name
    if not path.exists():
        return None
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def main() -> int:
    """Write every golden file, saying which changed."""
    GOLDEN.mkdir(exist_ok=True)
    for name in REPORTS:
        new = render(name)
        old = read(name)
        rel = (GOLDEN / name).relative_to(ROOT)
        if old == new:
            print(f"unchanged {rel}")
            continue
        with open(GOLDEN / name, "w", encoding="utf-8", newline="") as f:
            f.write(new)
        print(f"{'created' if old is None else 'updated'} {rel}")
    print("Review the changes with `git diff tests/golden` before committing them.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
