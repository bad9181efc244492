"""Who reports what: the coverage matrix, per-source counts and ranked omissions.

Shared by the terminal, Markdown and HTML reports (and by the CI gate), so that every format
counts the same way. Pure data in, data out; nothing here renders.

A *fact* is a group holding at least one body sentence, or a matched group of headlines (two
sources' titles that state one fact: the summary counts it as agreeing or differing); a headline
alone is left out, and a fact of headlines is never an omission, as the summary counts neither
(``compare.model.counts``). For each fact and source the matrix says whether
the source reports it, reports it differently, or leaves it out:

- ``reported``: one of the source's units is in the group and no conflicting detail sets it apart;
- ``different``: the source's unit conflicts with more than half of the other members of a
  ``differ`` group (with two members, both sides count as different; with three, the odd one
  out does);
- ``missing``: none of the source's units is in the group.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from compare.model import Comparison, Group, Unit, UnitKind, Verdict


class Cell(enum.Enum):
    """What one source does with one fact."""

    REPORTED = "reported"
    """The source reports the fact, and no detail of its report conflicts with most others."""
    DIFFERENT = "different"
    """The source reports the fact, but a detail conflicts with most other sources' reports."""
    MISSING = "missing"
    """The source leaves the fact out."""


@dataclass(frozen=True)
class Fact:
    """One row of the coverage matrix."""

    group: Group
    """The group the row stands for."""
    cells: tuple[Cell, ...]
    """One cell per source, in the order of ``Coverage.sources``."""
    units: tuple[Unit, ...]
    """The group's units, in source order."""
    importance: float
    """How much a reader would miss the fact (the highest importance of its units)."""

    @property
    def carriers(self) -> int:
        """How many sources report the fact (differently or not)."""
        return sum(1 for x in self.cells if x is not Cell.MISSING)

    @property
    def omissible(self) -> bool:
        """Whether a source can leave the fact out: one of its units is a body sentence (a source
        without a headline, or whose headline states something else, omits nothing)."""
        return any(u.kind is UnitKind.SENTENCE for u in self.units)


@dataclass(frozen=True)
class SourceCounts:
    """Per-source tallies over all facts."""

    source: str
    """Source id."""
    reported: int
    """Facts the source reports in agreement with most others (or alone)."""
    different: int
    """Facts the source reports with a conflicting detail."""
    missing: int
    """Facts other sources report and this one leaves out."""
    only: int
    """Facts no other source reports ("only C reports")."""
    all_but: int
    """Facts every other source reports and this one leaves out ("all but B report"); with two
    sources this equals the other source's ``only``."""


@dataclass(frozen=True)
class Omission:
    """A fact some sources leave out."""

    fact: Fact
    carriers: tuple[str, ...]
    """Ids of the sources that report it."""
    missing: tuple[str, ...]
    """Ids of the sources that leave it out."""


@dataclass(frozen=True)
class Coverage:
    """The coverage of every fact by every source."""

    sources: tuple[str, ...]
    """Source ids, in input order (the matrix's columns)."""
    facts: tuple[Fact, ...]
    """The matrix's rows, in group order."""
    counts: tuple[SourceCounts, ...]
    """One entry per source, in the order of ``sources``."""
    omissions: tuple[Omission, ...]
    """Facts missing from at least one source, the most widely carried first (then the most
    important, then in group order)."""

    @property
    def shared_omissions(self) -> tuple[Omission, ...]:
        """Omissions of facts that two or more sources carry (the ones an N-way report adds to
        the per-source "only in" lists)."""
        return tuple(o for o in self.omissions if len(o.carriers) >= 2)


def importance(c: Comparison, unit: Unit) -> float:
    """How much a reader would miss a unit: the ranking of "Only in X" and of the facts listed.

    ``2 x (1 - index / units)`` for position (the lead scores 2, the last sentence near 0), plus 1
    if it holds a direct quotation, 0.7 per number or date (at most two), 0.4 per named person,
    organisation or place (at most three). Ties keep the article's order.
    """
    f = c.features.get(unit.id)
    n = c.units_per_source.get(unit.source) or 1
    score = 2.0 * (1.0 - unit.index / n)
    if f is not None:
        score += 1.0 * bool(f.quotes) + 0.7 * min(2, len(f.numbers)) + 0.4 * min(3, len(f.names))
    return score


def coverage(c: Comparison) -> Coverage:
    """Build the coverage matrix, the per-source counts and the ranked omissions of a comparison."""
    ids = tuple(a.id for a in c.sources)
    by_id = {u.id: u for u in c.units}
    weights: dict[str, float] = {}
    facts: list[Fact] = []
    for g in c.groups:
        units = tuple(by_id[i] for i in g.units)
        if g.verdict is Verdict.ONLY and units[0].kind is not UnitKind.SENTENCE:
            continue  # a headline alone (or a byline): not a fact; a matched group holds two sources
        present = {u.source for u in units}
        different = conflicting_sources(g, [u.source for u in units])
        cells = tuple(
            Cell.MISSING if s not in present else Cell.DIFFERENT if s in different else Cell.REPORTED for s in ids
        )
        for u in units:
            if u.id not in weights:
                weights[u.id] = importance(c, u)
        weight = max(weights[u.id] for u in units)
        facts.append(Fact(group=g, cells=cells, units=units, importance=weight))
    counts = tuple(_counts(ids, k, facts, c.counts.only[ids[k]]) for k in range(len(ids)))
    omissions = [
        Omission(
            fact=f,
            carriers=tuple(s for s, x in zip(ids, f.cells, strict=True) if x is not Cell.MISSING),
            missing=tuple(s for s, x in zip(ids, f.cells, strict=True) if x is Cell.MISSING),
        )
        for f in facts
        if Cell.MISSING in f.cells and f.omissible
    ]
    order = {f.group.id: k for k, f in enumerate(facts)}
    omissions.sort(key=lambda o: (-len(o.carriers), -o.fact.importance, order[o.fact.group.id]))
    return Coverage(sources=ids, facts=tuple(facts), counts=counts, omissions=tuple(omissions))


def conflicting_sources(g: Group, sources: Sequence[str]) -> frozenset[str]:
    """Sources of a group whose report conflicts with more than half of the other members.

    ``sources`` are the source ids of the group's units. Each difference names the value each
    source gives; two sources conflict when a difference gives them unequal values. A ``differ``
    group without any such pair marks all its sources.
    """
    if g.verdict is not Verdict.DIFFER:
        return frozenset()
    members = list(dict.fromkeys(sources))
    against: dict[str, set[str]] = {s: set() for s in members}
    for d in g.differences:
        for (a, va), (b, vb) in combinations(sorted(d.values.items()), 2):
            if va != vb and a in against and b in against:
                against[a].add(b)
                against[b].add(a)
    others = len(members) - 1
    marked = frozenset(s for s, xs in against.items() if others and 2 * len(xs) > others)
    return marked or frozenset(members)


def _counts(ids: Sequence[str], k: int, facts: Sequence[Fact], only: int) -> SourceCounts:
    """Source ``k``'s tallies over ``facts``; ``only`` is its count of facts only it reports
    (``Comparison.counts``, the one definition)."""
    reported = different = missing = all_but = 0
    for f in facts:
        cell = f.cells[k]
        n = f.carriers
        if cell is Cell.REPORTED:
            reported += 1
        elif cell is Cell.DIFFERENT:
            different += 1
        elif f.omissible:
            missing += 1
            if n == len(ids) - 1:
                all_but += 1
    return SourceCounts(ids[k], reported, different, missing, only, all_but)


@dataclass(frozen=True)
class PairCounts:
    """What two sources share: one summary line of the reports."""

    sources: tuple[str, str]
    """The two source ids, in source order."""
    both: int
    """Facts both report (differently or not)."""
    different: int
    """Of those, facts one of the two reports with a conflicting detail."""
    only: tuple[int, int]
    """Facts the first reports and the second leaves out, and the other way round."""


def pairs(cov: Coverage) -> tuple[PairCounts, ...]:
    """The counts of every pair of sources, read from the coverage matrix (with two sources,
    ``both`` is agree + differ of ``Comparison.summary`` and ``only`` its per-source counts)."""
    out = []
    for i, j in combinations(range(len(cov.sources)), 2):
        both = different = only_i = only_j = 0
        for f in cov.facts:
            a, b = f.cells[i], f.cells[j]
            if a is not Cell.MISSING and b is not Cell.MISSING:
                both += 1
                different += Cell.DIFFERENT in (a, b)
            elif a is not Cell.MISSING:
                only_i += 1
            elif b is not Cell.MISSING:
                only_j += 1
        out.append(PairCounts((cov.sources[i], cov.sources[j]), both, different, (only_i, only_j)))
    return tuple(out)


def agreement(c: Comparison) -> float:
    """Share of the facts two or more sources report that they report without a conflicting
    detail: ``agree / (agree + differ)``, 0.0 when no fact is shared."""
    s = c.summary()
    shared = s["agree"] + s["differ"]
    return s["agree"] / shared if shared else 0.0


def excerpt(text: str, limit: int = 80) -> str:
    """The text cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"


def reason(kind: str, detail: str) -> str:
    """A difference as one phrase: its detail, prefixed with its kind unless it starts with it."""
    return detail if detail.lower().startswith(kind.lower()) else f"{kind}: {detail}"


def facts(n: int) -> str:
    """``1 fact`` or ``n facts``."""
    return "1 fact" if n == 1 else f"{n} facts"
