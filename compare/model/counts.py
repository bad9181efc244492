"""The one definition of the counts every output shows: agree, differ, only and omits.

- **agree**, **differ**: groups with that verdict.
- **only** (per source): facts no other source reports, that is ``only`` groups whose unit is a
  sentence (a headline or a byline alone is not a fact).
- **omits** (per source): facts that two or more other sources report and this one does not; a
  group counts as a fact when one of its units is a sentence.

They are computed once, when the result record is made, and stored in ``Comparison.counts``;
``Comparison.summary`` (and so the JSON report's ``summary``), the coverage counts, every
renderer, the gate and corpus mode's story statistics (from the JSON summary) read that field.
It lives in ``compare.model``, not in ``compare.analyze``, because the record computes it and the
model may import no stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: compare.model imports this module
    from compare.model import Comparison


@dataclass(frozen=True)
class Counts:
    """The counts of one comparison."""

    agree: int
    """Groups whose sources agree."""
    differ: int
    """Groups whose sources report a detail differently."""
    only: dict[str, int]
    """By source id: facts only that source reports."""
    omits: dict[str, int]
    """By source id: facts two or more other sources report and that source does not."""


def tally(
    sources: Sequence[str],
    groups: Iterable[tuple[str, Sequence[str]]],
    source_of: Mapping[str, str],
    sentences: Iterable[str],
) -> Counts:
    """Count ``groups`` (each its verdict value and unit ids) over ``sources``.

    ``source_of`` gives each unit's source id and ``sentences`` the ids of the units that are
    sentences (the others are headlines and bylines).
    """
    is_sentence = set(sentences)
    only = dict.fromkeys(sources, 0)
    omits = dict.fromkeys(sources, 0)
    agree = differ = 0
    for verdict, units in groups:
        if verdict == "agree":
            agree += 1
        elif verdict == "differ":
            differ += 1
        elif units[0] in is_sentence:
            only[source_of[units[0]]] += 1
        if len(units) < 2:
            continue  # one unit, one source: it omits nothing
        present = {source_of[u] for u in units}
        if len(present) >= 2 and not is_sentence.isdisjoint(units):
            for s in sources:
                if s not in present:
                    omits[s] += 1
    return Counts(agree, differ, only, omits)


def count(c: Comparison) -> Counts:
    """The counts of a comparison."""
    return tally(
        [a.id for a in c.sources],
        ((g.verdict.value, g.units) for g in c.groups),
        {u.id: u.source for u in c.units},
        (u.id for u in c.units if u.kind.value == "sentence"),
    )
