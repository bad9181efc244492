"""How strongly the members of a matched group state the same thing, in words a person reads.

Tables show a *strength* instead of a bare 0-100 number (the number stays in the JSON report):

- ``same statement``: the fact model finds it more likely than not that the units state the same
  fact (``Group.score`` >= 50; the score is its calibrated probability x 100);
- ``paraphrase``: close to one statement (at or above the level that 95% of MRPC's paraphrase pairs
  reach, ``paraphrase_p5`` in ``compare/weights/fact.json``, also ``compare.classify.SAME_STATEMENT``);
- ``partial``: the units share part of a fact, not the whole statement.

``Group.score`` is the fact similarity of the group's members (``similarity`` of the two texts for
a group of two), so the strength reads it directly. :func:`levels` is the one place that knows the
levels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from compare.model import Comparison, Group, Verdict
from compare.weights import load

if TYPE_CHECKING:
    from collections.abc import Iterable

SAME = "same statement"
PARAPHRASE = "paraphrase"
PARTIAL = "partial"
LABELS = (SAME, PARAPHRASE, PARTIAL)
"""The strengths, strongest first."""


def levels() -> tuple[float, float]:
    """``(same statement, paraphrase)``: the lowest fact similarity of each strength.

    ``Group.score`` is the fact model's calibrated probability (x 100) that the units state the
    same fact: from 50 the model finds it more likely than not (``same statement``); from the level
    that 95% of MRPC's paraphrase pairs reach (``paraphrase_p5`` in ``compare/weights/fact.json``)
    the units are close to one statement (``paraphrase``); below, they share part of a fact.
    """
    return 50.0, min(50.0, load("fact").thresholds["paraphrase_p5"])


def label(fact: float) -> str:
    """The strength of a fact similarity (0..100)."""
    same, para = levels()
    return SAME if fact >= same else PARAPHRASE if fact >= para else PARTIAL


def strengths(c: Comparison, groups: Iterable[Group] | None = None) -> dict[str, str]:
    """The strength of each matched group, by group id, from its ``score`` (the fact similarity of
    its members, ``similarity`` for two units)."""
    chosen = [g for g in (c.groups if groups is None else groups) if g.verdict is not Verdict.ONLY]
    return {g.id: label(g.score or 0.0) for g in chosen}
