"""Turn matches into groups with a verdict and the typed differences between their members.

A group of two or more sources is ``differ`` when at least one detail conflicts, ``agree``
otherwise; a unit no other source reports becomes an ``only`` group.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from compare.match import Match
from compare.model import Difference, Features, Group, Quantity, Unit, Verdict


def classify(units: Sequence[Unit], features: dict[str, Features], matches: Sequence[Match]) -> list[Group]:
    """The stage's main function: a verdict and differences for every match, and ``only`` groups.

    Parameters
    ----------
    units:
        All units, in source order.
    features:
        Their features, by unit id.
    matches:
        What the matcher linked.

    Returns
    -------
    list[Group]
        Matched groups in the order of their first unit, then ``only`` groups, ids ``g1``, ``g2`` ...
    """
    groups: list[Group] = []
    matched: set[int] = set()
    for m in matches:
        members = [units[i] for i in m.units]
        matched.update(m.units)
        diffs = differences(members, features)
        groups.append(
            Group(
                id="",
                verdict=Verdict.DIFFER if diffs else Verdict.AGREE,
                units=tuple(u.id for u in members),
                score=m.score,
                differences=tuple(diffs),
            )
        )
    pos = {u.id: i for i, u in enumerate(units)}  # built once: a lookup per group would be quadratic
    groups.sort(key=lambda g: min(pos[i] for i in g.units))
    for i, u in enumerate(units):
        if i not in matched:
            groups.append(Group(id="", verdict=Verdict.ONLY, units=(u.id,), score=None))
    return [Group(f"g{k}", g.verdict, g.units, g.score, g.differences) for k, g in enumerate(groups, 1)]


def units_index(units: Sequence[Unit], ids: Sequence[str]) -> list[int]:
    """Positions of the given unit ids in ``units``."""
    pos = {u.id: i for i, u in enumerate(units)}
    return [pos[i] for i in ids]


def differences(members: Sequence[Unit], features: dict[str, Features]) -> list[Difference]:
    """Conflicting details between the members of one group (each pair of sources compared)."""
    out: list[Difference] = []
    seen: set[tuple[str, str]] = set()
    for a, b in combinations(members, 2):
        fa, fb = features[a.id], features[b.id]
        for d in _pair_differences(a, b, fa, fb):
            key = (d.kind, d.detail)
            if key not in seen:
                seen.add(key)
                out.append(d)
    return out


def _fmt(q: Quantity) -> str:
    return q.text


def _pair_differences(a: Unit, b: Unit, fa: Features, fb: Features) -> list[Difference]:
    out: list[Difference] = []
    for kind in ("number", "age", "date"):
        qa = [q for q in fa.numbers if q.kind == kind]
        qb = [q for q in fb.numbers if q.kind == kind]
        by_unit_a: dict[str, list[Quantity]] = {}
        by_unit_b: dict[str, list[Quantity]] = {}
        for q in qa:
            by_unit_a.setdefault(q.unit, []).append(q)
        for q in qb:
            by_unit_b.setdefault(q.unit, []).append(q)
        for unit in sorted(set(by_unit_a) & set(by_unit_b)):
            va = {q.value for q in by_unit_a[unit]}
            vb = {q.value for q in by_unit_b[unit]}
            if va & vb:
                continue
            ta = ", ".join(_fmt(q) for q in by_unit_a[unit])
            tb = ", ".join(_fmt(q) for q in by_unit_b[unit])
            label = "number" if kind == "age" else kind
            what = f" ({unit})" if unit and unit not in ("date", "weekday", "year") else ""
            out.append(
                Difference(label, f"{label}{what}: {ta!r} in {a.source}, {tb!r} in {b.source}", {a.source: ta, b.source: tb})
            )
    if fa.speaker and fb.speaker and fa.speaker != fb.speaker and _shares_quote(fa, fb):
        na, nb = fa.speaker_name or fa.speaker, fb.speaker_name or fb.speaker
        out.append(
            Difference("speaker", f"attributed to {na} in {a.source}, to {nb} in {b.source}", {a.source: na, b.source: nb})
        )
    if fa.negated != fb.negated and _negation_matters(fa, fb):
        yes, no = (a, b) if not fa.negated else (b, a)
        out.append(
            Difference(
                "negation",
                f"{no.source} negates what {yes.source} states",
                {a.source: "negated" if fa.negated else "affirmed", b.source: "negated" if fb.negated else "affirmed"},
            )
        )
    if bool(fa.hedges) != bool(fb.hedges):
        ha = ", ".join(fa.hedges) or "(none)"
        hb = ", ".join(fb.hedges) or "(none)"
        out.append(
            Difference("hedge", f"hedged with {ha if fa.hedges else hb!r} in {a.source if fa.hedges else b.source} only", {a.source: ha, b.source: hb})
        )
    return out


def _shares_quote(fa: Features, fb: Features) -> bool:
    """Whether the two units quote the same words (fuzzy), which makes attribution comparable."""
    if not fa.quotes or not fb.quotes:
        return False
    from rapidfuzz import fuzz

    return any(fuzz.partial_ratio(x.lower(), y.lower()) >= 80 for x in fa.quotes for y in fb.quotes)


def _negation_matters(fa: Features, fb: Features) -> bool:
    """Only flag negation when the units share most of their content (the same statement)."""
    ta, tb = set(fa.tokens), set(fb.tokens)
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= 0.6
