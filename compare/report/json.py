"""The JSON report, version 1 (CONTRACT.md): plain dicts and lists."""

from __future__ import annotations

import json
from typing import Any

from compare.model import Comparison

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
    groups = [
        {
            "id": g.id,
            "verdict": g.verdict.value,
            "units": list(g.units),
            "score": g.score,
            "differences": [{"kind": d.kind, "detail": d.detail, "values": dict(d.values)} for d in g.differences],
        }
        for g in c.groups
    ]
    out: dict[str, Any] = {"version": VERSION, "sources": sources, "units": units, "groups": groups,
                           "summary": c.summary()}  # fmt: skip
    if c.notes:
        out["notes"] = list(c.notes)
    return out


def render(c: Comparison) -> str:
    """The report as a JSON string (UTF-8 safe, non-ASCII kept)."""
    return json.dumps(to_dict(c), ensure_ascii=False, indent=2) + "\n"
