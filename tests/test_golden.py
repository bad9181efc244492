"""Golden reports of the seed articles: the current output must equal ``tests/golden/``."""

from __future__ import annotations

import difflib
import json

import pytest

from dev.golden_update import GOLDEN, REPORTS, ROOT, WIDTH, read, render
from tests.contract import assert_valid

MAX_DIFF_LINES = 80


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_matches_golden(name: str) -> None:
    """The seed report equals the reviewed golden file."""
    expected = read(name)
    assert expected is not None, f"tests/golden/{name} is missing: run `make golden` and commit it"
    actual = render(name)
    if actual != expected:
        diff = list(
            difflib.unified_diff(
                expected.splitlines(), actual.splitlines(), f"tests/golden/{name}", "current output", lineterm=""
            )
        )
        shown = "\n".join(diff[:MAX_DIFF_LINES])
        more = f"\n... {len(diff) - MAX_DIFF_LINES} more diff lines" if len(diff) > MAX_DIFF_LINES else ""
        pytest.fail(
            f"The {name} report of the seed articles changed.\n"
            f"If the change is intended, review it and run `make golden` to update tests/golden/, "
            f"then commit.\n{shown}{more}",
            pytrace=False,
        )


def test_golden_json_is_valid() -> None:
    """The stored JSON report satisfies the contract, so it is a fair reference."""
    text = read("seeds.json")
    assert text is not None
    report = json.loads(text)
    texts = {}
    for s in report["sources"]:
        with open(ROOT / s["path"], encoding="utf-8", newline="") as f:
            texts[s["id"]] = f.read()
    assert_valid(report, texts)


def test_golden_text_fits_width() -> None:
    """The stored terminal report has no line wider than its width and no colour codes."""
    from rich.cells import cell_len

    text = read("seeds.txt")
    assert text is not None
    assert "\x1b[" not in text
    assert max(cell_len(line) for line in text.splitlines()) <= WIDTH
    assert GOLDEN.is_dir()
