"""The sections every human-readable report shows, in reading order, as plain data.

The terminal, Markdown and HTML reports lay out the same answers in the same order:

1. the summary: one line per pair of sources (same story?, facts both report, how many differ,
   how many each leaves out), read from :func:`compare.analyze.coverage.pairs`;
2. **Reported differently**: each conflicting fact, every wording, the differing detail
   (``Difference.values``) highlighted in each (:func:`highlights`);
3. **Reported by both**: one row per unit with every fact it serves (:func:`shared_rows`), so that
   a unit linked to several units of another source appears once, with its counterparts;
4. **Only in X**: per source, its own facts ranked by :func:`compare.analyze.coverage.importance`;
5. the quotations that matter for comparing (:func:`quotes_that_matter`);
6. related units (``Comparison.related``) as "see also" on the rows above, never as agreement.

Nothing here renders; each renderer decides how to show the rows and how many.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass

from compare.analyze.coverage import Coverage, Fact, PairCounts, importance, pairs
from compare.model import Comparison, Group, LedgerEntry, Unit, Verdict

STATUS_TEXT = {
    "identical": "identical",
    "altered": "altered",
    "speaker": "different speakers",
    "paraphrased": "paraphrased only",
    "single": "one source",
}
"""How each report names a quotation's status (``LedgerEntry.status``)."""


@dataclass(frozen=True)
class SharedRow:
    """One row of "Reported by both": a unit and the facts it serves with other sources' units."""

    anchor: Unit
    """The unit the row is about (the one with the most facts among those not yet shown)."""
    groups: tuple[Group, ...]
    """The matched groups the anchor belongs to, each shown once in the whole table."""
    importance: float
    """The highest importance of the row's units (rows are listed most important first)."""

    def counterparts(self, g: Group) -> tuple[str, ...]:
        """The units of ``g`` other than the anchor."""
        return tuple(u for u in g.units if u != self.anchor.id)


def shared_rows(c: Comparison, *, verdicts: Sequence[Verdict] = (Verdict.AGREE,)) -> list[SharedRow]:
    """The matched groups of the given verdicts as rows: each group in exactly one row, under the
    unit that serves the most of the remaining groups (ties: the earlier group's first unit);
    rows ranked by importance, then in group order."""
    groups = [g for g in c.groups if g.verdict in verdicts]
    order = {g.id: k for k, g in enumerate(groups)}
    remaining = {g.id: g for g in groups}
    of_unit: dict[str, list[Group]] = {}
    for g in groups:
        for uid in g.units:
            of_unit.setdefault(uid, []).append(g)
    count = {uid: len(gs) for uid, gs in of_unit.items()}
    first = {uid: order[gs[0].id] for uid, gs in of_unit.items()}
    # the next anchor: most remaining groups, then the earliest first group, then the lowest index,
    # then the unit met first; a heap of (the key when pushed, unit), an entry stale once the count
    # fell (counts only fall): near-linear, where a scan of every unit per row was quadratic
    rank = {uid: (first[uid], c.unit(uid).index, k) for k, uid in enumerate(count)}
    heap = [(-n, *rank[uid], uid) for uid, n in count.items()]
    heapq.heapify(heap)
    weight: dict[str, float] = {}
    rows: list[tuple[int, SharedRow]] = []
    while remaining:
        n, *_, uid = heapq.heappop(heap)
        if -n != count[uid] or not count[uid]:
            continue  # stale: pushed again with its new count when it fell
        taken = [g for g in of_unit[uid] if g.id in remaining]
        for g in taken:
            del remaining[g.id]
            for v in g.units:
                count[v] -= 1
                if count[v]:
                    heapq.heappush(heap, (-count[v], *rank[v], v))
        members = {v for g in taken for v in g.units}
        for v in members:
            if v not in weight:
                weight[v] = importance(c, c.unit(v))
        row = SharedRow(c.unit(uid), tuple(taken), max(weight[v] for v in members))
        rows.append((min(order[g.id] for g in taken), row))
    rows.sort(key=lambda r: (-r[1].importance, r[0]))
    return [r for _, r in rows]


def ranked_pairs(cov: Coverage) -> list[PairCounts]:
    """The pairs of sources, those with the most facts reported differently first, then those
    sharing the most facts (with many sources, the pairs worth a line come first)."""
    counts = pairs(cov)
    order = {p.sources: k for k, p in enumerate(counts)}
    return sorted(counts, key=lambda p: (-p.different, -p.both, order[p.sources]))


def only_facts(cov: Coverage, source: str) -> list[Fact]:
    """The facts only ``source`` reports, most important first (the coverage's ranking)."""
    return [o.fact for o in cov.omissions if o.carriers == (source,)]


def see_also(c: Comparison) -> dict[str, tuple[str, ...]]:
    """By unit id, the units of other sources related to it (same event, other facts), closest first."""
    pairs: dict[str, list[tuple[float, str]]] = {}
    for r in c.related:
        a, b = r.units
        pairs.setdefault(a, []).append((-r.score, b))
        pairs.setdefault(b, []).append((-r.score, a))
    return {uid: tuple(v for _, v in sorted(xs)) for uid, xs in pairs.items()}


QUOTE_ORDER = ("speaker", "altered", "identical", "paraphrased")
"""Ledger statuses that matter for comparing, most telling first: attributed differently, worded
differently, carried by two or more sources, quoted by one and reported by another."""


def quotes_that_matter(c: Comparison) -> tuple[list[LedgerEntry], int]:
    """The ledger entries worth listing (statuses of :data:`QUOTE_ORDER`, most telling first) and
    how many quotations only one source carries (counted, not listed)."""
    listed = sorted((e for e in c.quotes if e.status in QUOTE_ORDER), key=lambda e: QUOTE_ORDER.index(e.status))
    return listed, sum(1 for e in c.quotes if e.status not in QUOTE_ORDER)


_PART = re.compile(r"\(([^)]*)\)")


_PLURAL = re.compile(r"\b(fact|row|quotation|pair)s\b")
_SINGULAR = r"\1"


def counted(n: int, what: str) -> str:
    """``n`` and ``what``, which is said of many ("more facts reported differently"); for one, its
    first plural noun in the singular ("1 more fact reported differently")."""
    return f"{n} {_PLURAL.sub(_SINGULAR, what, count=1) if n == 1 else what}"


def highlights(text: str, value: str) -> list[tuple[int, int]]:
    """Where a difference's value for one source stands in that source's text: spans to highlight.

    The value as a whole if the text holds it (case-insensitive); else each of its comma-separated
    parts or the words in its parentheses (``"negated (not)"``, ``"may, reportedly"``); else, for a
    name, its last word (``"Dmitry Peskov"`` in a text that says only ``"Peskov"``).
    """
    low = text.lower()
    found: list[tuple[int, int]] = []

    def find(needle: str) -> bool:
        needle = needle.strip().strip("'\"“”‘’")
        if len(needle) < 1:
            return False
        k = low.find(needle.lower())
        if k < 0:
            return False
        found.append((k, k + len(needle)))
        return True

    if find(value):
        return found
    inner = _PART.findall(value)
    parts = [p for chunk in (inner or [value]) for p in chunk.split(",")]
    if any([find(p) for p in parts]):
        return sorted(found)
    words = value.split()
    if len(words) > 1 and words[-1][:1].isupper():
        find(words[-1])
    return found


def difference_spans(c: Comparison, g: Group, unit_id: str) -> list[tuple[int, int]]:
    """The spans of a unit's text that its group's differences name as this source's value."""
    u = c.unit(unit_id)
    spans = [s for d in g.differences if u.source in d.values for s in highlights(u.text, d.values[u.source])]
    return sorted(set(spans))


def segments(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut at sorted ``spans`` into ``(piece, highlighted)`` runs, in order; a span that
    overlaps the one before is skipped. Every renderer marks differences from these runs."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for a, b in spans:
        if a < pos:
            continue
        out += [(text[pos:a], False), (text[a:b], True)]
        pos = b
    out.append((text[pos:], False))
    return out
