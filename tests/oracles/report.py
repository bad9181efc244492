"""Oracles of ``compare.report``: the rows of "Reported by both"."""

from __future__ import annotations

from collections.abc import Sequence

from compare.analyze.coverage import importance
from compare.model import Comparison, Group, Verdict
from compare.report.sections import SharedRow


def shared_rows(c: Comparison, *, verdicts: Sequence[Verdict] = (Verdict.AGREE,)) -> list[SharedRow]:
    """``sections.shared_rows``: the next anchor found by a scan of every unit for each row."""
    groups = [g for g in c.groups if g.verdict in verdicts]
    order = {g.id: k for k, g in enumerate(groups)}
    remaining = {g.id: g for g in groups}
    of_unit: dict[str, list[Group]] = {}
    for g in groups:
        for uid in g.units:
            of_unit.setdefault(uid, []).append(g)
    count = {uid: len(gs) for uid, gs in of_unit.items()}
    first = {uid: order[gs[0].id] for uid, gs in of_unit.items()}
    rows: list[tuple[int, SharedRow]] = []
    while remaining:
        uid = max((u for u, n in count.items() if n), key=lambda u: (count[u], -first[u], -c.unit(u).index))
        taken = [g for g in of_unit[uid] if g.id in remaining]
        for g in taken:
            del remaining[g.id]
            for v in g.units:
                count[v] -= 1
        members = {v for g in taken for v in g.units}
        row = SharedRow(c.unit(uid), tuple(taken), max(importance(c, c.unit(v)) for v in members))
        rows.append((min(order[g.id] for g in taken), row))
    rows.sort(key=lambda r: (-r[1].importance, r[0]))
    return [r for _, r in rows]
