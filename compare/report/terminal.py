"""Terminal report: rich tables built from a :class:`Comparison`; printing happens in the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from compare.analyze.coverage import importance
from compare.model import Comparison, Group, Unit, UnitKind, Verdict

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

VERDICT_STYLE = {Verdict.AGREE: "green", Verdict.DIFFER: "yellow", Verdict.ONLY: "red"}


def _highlight(text: str, other_tokens: set[str]) -> Text:
    """The unit's text with the content words the other units lack in bold."""
    from rich.text import Text

    from compare.text.words import STOP_WORDS, WORD, stem

    out = Text(text)
    for m in WORD.finditer(text):
        w = m.group().lower().replace("’", "'")
        if w in STOP_WORDS or len(w) < 2:
            continue
        if stem(w.replace("-", "")) not in other_tokens:
            out.stylize("bold cyan", m.start(), m.end())
    return out


def _fact_units(c: Comparison, source: str) -> list[Unit]:
    return [u for u in c.units if u.source == source and u.kind is UnitKind.SENTENCE]


def summary_table(c: Comparison) -> RenderableType:
    """Per source: units, how many another source also reports, how many only it reports."""
    from rich.table import Table

    t = Table(title="Summary", title_justify="left", expand=False)
    t.add_column("source")
    t.add_column("label")
    t.add_column("units", justify="right")
    t.add_column("also reported elsewhere", justify="right")
    t.add_column("only here", justify="right")
    for a in c.sources:
        facts = _fact_units(c, a.id)
        only = c.counts.only[a.id]  # the one definition (compare.model.counts)
        t.add_row(a.id, a.label, str(len(facts)), str(len(facts) - only), str(only))
    s = c.summary()
    t.caption = f"{s['agree']} matched facts agree, {s['differ']} are reported differently"
    t.caption_justify = "left"
    return t


def matched_table(c: Comparison) -> RenderableType | None:
    """Matched groups, the sources' texts side by side, words the others lack highlighted."""
    from rich.table import Table
    from rich.text import Text

    groups = [g for g in c.groups if g.verdict is not Verdict.ONLY]
    if not groups:
        return None
    title = "Reported by both" if len(c.sources) == 2 else "Reported by several sources"
    t = Table(title=title, title_justify="left", show_lines=True, expand=True)
    t.add_column("group", no_wrap=True)
    for a in c.sources:
        t.add_column(f"{a.id}: {a.label}", ratio=1)
    t.add_column("score", justify="right", no_wrap=True)
    t.add_column("verdict", no_wrap=True)
    previous: dict[str, str] = {}
    for g in groups:
        members = {c.unit(i).source: c.unit(i) for i in g.units}
        cells: list[RenderableType] = [g.id]
        for a in c.sources:
            u = members.get(a.id)
            if u is None:
                cells.append(Text("—", style="dim"))
                previous.pop(a.id, None)
                continue
            if previous.get(a.id) == u.id:
                # the row above shows this unit in full: one unit linked to several of another source
                cells.append(Text(f"{u.id} ↑ same as above", style="dim"))
                continue
            previous[a.id] = u.id
            others: set[str] = set()
            for v in members.values():
                if v.id != u.id:
                    others.update(c.features[v.id].tokens if v.id in c.features else ())
            cell = Text(f"{u.id} ", style="dim")
            cell.append_text(_highlight(u.text, others))
            cells.append(cell)
        cells.append(f"{g.score:.0f}" if g.score is not None else "")
        cells.append(Text(g.verdict.value, style=VERDICT_STYLE[g.verdict]))
        t.add_row(*cells)
    return t


def differences_table(c: Comparison) -> RenderableType | None:
    """One row per conflicting detail of each ``differ`` group."""
    from rich.table import Table

    rows = [(g, d) for g in c.groups if g.verdict is Verdict.DIFFER for d in g.differences]
    if not rows:
        return None
    t = Table(title="Reported differently", title_justify="left", expand=True)
    t.add_column("group", no_wrap=True)
    t.add_column("units", no_wrap=True)
    t.add_column("kind", no_wrap=True)
    t.add_column("detail", ratio=1)
    for g, d in rows:
        t.add_row(g.id, " ".join(g.units), d.kind, d.detail)
    return t


def only_tables(c: Comparison) -> Iterator[RenderableType]:
    """For each source, the facts no other source reports, most important first."""
    from rich.table import Table

    only: dict[str, list[Unit]] = {a.id: [] for a in c.sources}
    for g in c.groups:
        if g.verdict is Verdict.ONLY:
            u = c.unit(g.units[0])
            if u.kind is UnitKind.SENTENCE:
                only[u.source].append(u)
    for a in c.sources:
        units = sorted(only[a.id], key=lambda u: (-importance(c, u), u.index))
        if not units:
            continue
        t = Table(title=f"Only in {a.id}: {a.label} ({len(units)})", title_justify="left", expand=True)
        t.add_column("unit", no_wrap=True)
        t.add_column("text", ratio=1)
        for u in units:
            t.add_row(u.id, u.text)
        yield t


def render(c: Comparison) -> list[RenderableType]:
    """All sections of the terminal report, in reading order."""
    out: list[RenderableType] = [summary_table(c)]
    for part in (matched_table(c), differences_table(c)):
        if part is not None:
            out.append(part)
    out.extend(only_tables(c))
    out.extend(coverage_tables(c))
    from compare.report import ledger

    out.extend(ledger.render(c))
    if c.notes:
        from rich.text import Text

        out.extend(Text(f"Note: {n}", style="dim") for n in c.notes)
    return out


def group_members(c: Comparison, g: Group) -> list[Unit]:
    """The units of a group, in source order."""
    return [c.unit(i) for i in g.units]


def coverage_tables(c: Comparison) -> Iterator[RenderableType]:
    """With three or more sources: per-source counts, the facts some sources leave out (most
    widely reported first) and the coverage matrix (facts down, sources across)."""
    if len(c.sources) < 3:
        return
    from rich.table import Table
    from rich.text import Text

    from compare.analyze.coverage import Cell, coverage, excerpt

    cov = coverage(c)
    n = len(cov.sources)
    t = Table(title="Coverage by source", title_justify="left", expand=False)
    for name in ("source", "reported", "differently", "left out", "only it reports", "all but it report"):
        t.add_column(name, justify="left" if name == "source" else "right")
    for k in cov.counts:
        t.add_row(k.source, str(k.reported), str(k.different), str(k.missing), str(k.only), str(k.all_but))
    yield t
    if cov.shared_omissions:
        t = Table(title="Left out by some sources (most widely reported first)", title_justify="left", expand=True)
        t.add_column("group", no_wrap=True)
        t.add_column("fact", ratio=1)
        t.add_column("reported by", justify="right", no_wrap=True)
        t.add_column("left out by", ratio=1)
        for o in cov.shared_omissions:
            t.add_row(o.fact.group.id, o.fact.units[0].text, f"{len(o.carriers)} of {n}", " ".join(o.missing))
        yield t
    if cov.facts:
        mark = {
            Cell.REPORTED: Text("✓", style="green"),
            Cell.DIFFERENT: Text("≠", style="yellow"),
            Cell.MISSING: Text("—", style="dim"),
        }
        t = Table(title="Coverage matrix (✓ reported, ≠ differently, — left out)", title_justify="left", expand=True)
        t.add_column("group", no_wrap=True)
        t.add_column("fact", ratio=1, no_wrap=True, overflow="ellipsis")
        for s in cov.sources:
            t.add_column(s, justify="center", no_wrap=True)
        for f in cov.facts:
            t.add_row(f.group.id, excerpt(f.units[0].text, 200), *(mark[x] for x in f.cells))
        yield t
