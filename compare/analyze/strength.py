"""How strongly the members of a matched group state the same thing, in words a person reads.

Tables show a *strength* instead of a bare 0-100 number (the number stays in the JSON report):

- ``same statement``: the two units count as one statement (fact similarity at or above the fact
  model's F1-best threshold on MRPC, ``compare.match.PARAPHRASE``);
- ``paraphrase``: close to one statement (at or above the level that 95% of MRPC's paraphrase pairs
  reach, ``compare.classify.SAME_STATEMENT``);
- ``partial``: the units share part of a fact or the event around it, not the whole statement.

The levels live on the *fact similarity* scale (the fact model alone, 0..100), not on the scale
of ``Group.score``: between units of two whole articles that score is the link model's, which
also weighs how much the two articles share and reads 85-99 for nearly every link of one story.
So the strength reads the members' fact similarity, computed here from the comparison's own
units and features with the matcher's fact model (the number the matcher itself compares with
``PARAPHRASE``). :func:`levels` and :func:`fact_scores` are the only places that know where
the levels and the scores come from: re-point them when the matcher is refitted or starts to
record the fact similarity in the comparison.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

from compare.model import Comparison, Group, Verdict

if TYPE_CHECKING:
    from collections.abc import Iterable

SAME = "same statement"
PARAPHRASE = "paraphrase"
PARTIAL = "partial"
LABELS = (SAME, PARAPHRASE, PARTIAL)
"""The strengths, strongest first."""


def levels() -> tuple[float, float]:
    """``(same statement, paraphrase)``: the lowest fact similarity of each strength.

    Both come from the fact model's calibration on MRPC (``make eval`` prints them): the F1-best
    threshold and the 5th percentile of paraphrase pairs. Re-point here when they move.
    """
    from compare.classify import SAME_STATEMENT
    from compare.match import PARAPHRASE as SAME_LEVEL

    return SAME_LEVEL, SAME_STATEMENT


def label(fact: float) -> str:
    """The strength of a fact similarity (0..100)."""
    same, para = levels()
    return SAME if fact >= same else PARAPHRASE if fact >= para else PARTIAL


def fact_scores(c: Comparison, groups: Iterable[Group] | None = None) -> dict[str, float]:
    """Fact similarity of each matched group, by group id: the lowest over its pairs of members
    from different sources (a group is only as close to one statement as its weakest pair)."""
    import numpy as np

    from compare.match import fact_similarity, pair_features

    chosen = [g for g in (c.groups if groups is None else groups) if g.verdict is not Verdict.ONLY]
    if not chosen or not c.features:
        return {}
    index = {u.id: k for k, u in enumerate(c.units)}
    left: list[int] = []
    right: list[int] = []
    owner: list[str] = []
    for g in chosen:
        for a, b in combinations(g.units, 2):
            if c.unit(a).source != c.unit(b).source and a in c.features and b in c.features:
                left.append(index[a])
                right.append(index[b])
                owner.append(g.id)
    if not left:
        return {}
    X = pair_features(list(c.units), c.features, np.array(left, dtype=np.int64), np.array(right, dtype=np.int64))
    out: dict[str, float] = {}
    for gid, f in zip(owner, fact_similarity(X).tolist(), strict=True):
        out[gid] = min(out.get(gid, 100.0), float(f))
    return out


def strengths(c: Comparison, groups: Iterable[Group] | None = None) -> dict[str, str]:
    """The strength of each matched group, by group id. A group whose units carry no features (a
    comparison built by hand) is judged on its ``score``."""
    scores = fact_scores(c, groups)
    chosen = [g for g in (c.groups if groups is None else groups) if g.verdict is not Verdict.ONLY]
    return {g.id: label(scores.get(g.id, g.score or 0.0)) for g in chosen}
