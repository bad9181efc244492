"""Markdown report: reads well as a pull-request comment or a wiki page."""

from __future__ import annotations

from compare.model import Comparison, UnitKind, Verdict
from compare.report.terminal import importance


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(c: Comparison) -> str:
    """The whole report as a Markdown string."""
    s = c.summary()
    lines = ["# Source comparison", ""]
    lines += ["| source | label | units | only here |", "|---|---|--:|--:|"]
    for a in c.sources:
        n = sum(1 for u in c.units if u.source == a.id and u.kind is UnitKind.SENTENCE)
        lines.append(f"| {a.id} | {_cell(a.label)} | {n} | {s['only'][a.id]} |")
    lines += ["", f"**{s['agree']}** matched facts agree, **{s['differ']}** are reported differently.", ""]
    matched = [g for g in c.groups if g.verdict is not Verdict.ONLY]
    if matched:
        lines += ["## Reported by more than one source", ""]
        lines += ["| group | " + " | ".join(f"{a.id}: {_cell(a.label)}" for a in c.sources) + " | score | verdict |"]
        lines += ["|---|" + "---|" * len(c.sources) + "--:|---|"]
        for g in matched:
            by_src = {c.unit(i).source: c.unit(i) for i in g.units}
            cells = [_cell(by_src[a.id].text) if a.id in by_src else "—" for a in c.sources]
            lines.append(f"| {g.id} | " + " | ".join(cells) + f" | {g.score:.0f} | {g.verdict.value} |")
        lines.append("")
    diffs = [(g, d) for g in c.groups if g.verdict is Verdict.DIFFER for d in g.differences]
    if diffs:
        lines += ["## Reported differently", "", "| group | kind | detail |", "|---|---|---|"]
        lines += [f"| {g.id} | {d.kind} | {_cell(d.detail)} |" for g, d in diffs]
        lines.append("")
    for a in c.sources:
        only = [
            c.unit(g.units[0])
            for g in c.groups
            if g.verdict is Verdict.ONLY and c.unit(g.units[0]).source == a.id
            and c.unit(g.units[0]).kind is UnitKind.SENTENCE
        ]
        if not only:
            continue
        only.sort(key=lambda u: (-importance(c, u), u.index))
        lines += [f"## Only in {a.id}: {_cell(a.label)} ({len(only)})", ""]
        lines += [f"- **{u.id}** {_cell(u.text)}" for u in only]
        lines.append("")
    return "\n".join(lines)
