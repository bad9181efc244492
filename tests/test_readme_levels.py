"""The README quotes the fitted levels that the shipped weights hold: a refit that moves them
(``make train``) must update the text a user reads, or this fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compare.weights import load

README = Path(__file__).resolve().parents[1] / "README.md"


def readme() -> str:
    return " ".join(README.read_text(encoding="utf-8").split())


def current_levels() -> dict[str, float]:
    fact, story = load("fact").thresholds, load("story").thresholds
    return {
        "link": fact["link"],
        "link_other_story": fact["link_other_story"],
        "split": fact["split"],
        "distinct": fact["distinct"],
        "story level": story["same"],
    }


def test_thresholds_sentence_quotes_the_weights() -> None:
    """The sentence that lists the cross-validated levels gives each one's shipped value."""
    m = re.search(r"The thresholds \((.*?)\) are chosen together", readme())
    assert m, "README no longer has the sentence 'The thresholds (...) are chosen together'"
    quoted = {k.strip("`"): float(v) for k, v in re.findall(r"(`\w+`|story level) ([0-9.]+)", m.group(1))}
    assert quoted == pytest.approx(current_levels())


@pytest.mark.parametrize(
    ("pattern", "name"),
    [(r"story level \(([0-9.]+)\)", "story level"), (r"`link_other_story` \(([0-9.]+)\)", "link_other_story")],
)
def test_levels_in_parentheses_are_the_shipped_ones(pattern: str, name: str) -> None:
    """Where the README names a level with its value in parentheses, the value is today's."""
    found = [float(v) for v in re.findall(pattern, readme())]
    assert found, f"README no longer names {name} with its value"
    assert found == pytest.approx([current_levels()[name]] * len(found))
