"""The JSON form of a :class:`~compare.model.Comparison`, version 1 (CONTRACT.md): plain dicts and lists.

``compare.report.json`` renders it as text.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only annotations: compare.model imports this module (Comparison.to_dict)
    from compare.model import Comparison, Mention

VERSION = 1


def to_dict(c: Comparison) -> dict[str, Any]:
    """The report as plain data."""
    counts: dict[str, int] = {a.id: 0 for a in c.sources}
    for u in c.units:
        counts[u.source] += 1
    sources = []
    for a in c.sources:
        s: dict[str, Any] = {"id": a.id, "label": a.label, "path": a.path, "units": counts[a.id]}
        if a.encoding:
            s["encoding"] = a.encoding
        s["extracted"] = a.extracted
        sources.append(s)
    units = [
        {"id": u.id, "source": u.source, "start": u.start, "end": u.end, "text": u.text, "kind": u.kind.value}
        for u in c.units
    ]
    groups = []
    for g in c.groups:
        group: dict[str, Any] = {
            "id": g.id,
            "verdict": g.verdict.value,
            "units": list(g.units),
            "score": g.score,
            "differences": [{"kind": str(d.kind), "detail": d.detail, "values": dict(d.values)} for d in g.differences],
        }
        if g.id in c.strengths:  # added fields, matched groups only (see docs/report.md)
            group["strength"] = c.strengths[g.id]
        if g.id in c.explanations:
            group["explain"] = c.explanations[g.id].to_dict()
        groups.append(group)
    out: dict[str, Any] = {"version": VERSION, "sources": sources, "units": units, "groups": groups,
                           "summary": c.summary()}  # fmt: skip
    if c.notes:
        out["notes"] = list(c.notes)
    out["related"] = [{"units": list(r.units), "score": r.score} for r in c.related]
    out["stories"] = [{"sources": list(st.sources), "score": st.score, "same": st.same} for st in c.stories]
    out.update(ledger_dict(c))
    out["options"] = dataclasses.asdict(c.options)  # the matcher settings that produced it
    return out


def ledger_dict(c: Comparison) -> dict[str, Any]:
    """Extension fields of version 1: the quote ledger and the names and numbers tables."""
    quotes = [
        {
            "id": e.id,
            "speaker": e.speaker,
            "status": str(e.status),
            "sources": list(e.sources),
            "wordings": [
                {"source": w.source, "unit": w.unit, "text": w.text, "speaker": w.speaker, "changes": list(w.changes)}
                for w in e.wordings
            ],
            "paraphrased_in": list(e.paraphrased_in),
            "inside": e.inside,
        }
        for e in c.quotes
    ]

    def mentions(rows: tuple[Mention, ...]) -> list[dict[str, Any]]:
        return [
            {
                "text": m.text,
                "kind": m.kind,
                "units": {k: list(v) for k, v in m.units.items()},
                "written": {k: list(v) for k, v in m.written.items()},
            }
            for m in rows
        ]

    return {"quotes": quotes, "entities": mentions(c.entities), "numbers": mentions(c.numbers)}
