"""Terminal report: rich renderables built from a :class:`Comparison`; printing happens in the CLI.

The sections follow :mod:`compare.report.sections`: the summary, what the sources report
differently, what both report, what each alone reports, the quotations that matter. At
``Detail.STANDARD`` each list shows its ``ReportOptions.top`` most important rows and a line
says how many more ``--detail full`` shows; ``Detail.SUMMARY`` stops after the summary.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from compare.analyze.coverage import Cell, Coverage, coverage, excerpt, importance, reason
from compare.analyze.explain import Explainer
from compare.analyze.strength import LABELS, levels, strengths
from compare.model import Comparison, Group, Unit, UnitKind, Verdict
from compare.options import Detail, ReportOptions
from compare.report.ledger import entity_table, number_table, quote_table
from compare.report.sections import (
    SharedRow,
    counted,
    difference_spans,
    only_facts,
    quotes_that_matter,
    ranked_pairs,
    see_also,
    segments,
    shared_rows,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["importance", "render"]  # importance lives in coverage; kept importable from here

VERDICT_STYLE = {Verdict.AGREE: "green", Verdict.DIFFER: "yellow", Verdict.ONLY: "red"}
HIGHLIGHT = "bold yellow"
"""Style of a differing detail (the number, the name, the quote's wording ...) in a wording."""
REPEAT_CHARS = 28
"""A unit already shown in full is shown again as its id and this many characters."""
TEXT_LINES = 2
"""At ``Detail.STANDARD``, "Reported by both" cuts each text to about this many lines."""
COUNTERPARTS = 2
"""At ``Detail.STANDARD``, a row of "Reported by both" shows this many counterparts; the rest by id."""


class _Report:
    """The sections of one terminal report (lookups shared between sections)."""

    def __init__(self, c: Comparison, o: ReportOptions) -> None:
        self.c, self.o = c, o
        self.cov = coverage(c)
        self.two = len(c.sources) == 2
        self.label = {a.id: a.label for a in c.sources}
        self.also = see_also(c)
        self.explain = Explainer(c)
        self.shown: set[str] = set()
        self._strength: dict[str, str] = {}
        # without colour a highlight would vanish: mark the differing detail with asterisks instead
        self.marks = o.color is False
        column = ((o.width or 100) - 7) // 2  # two text columns and the table's borders
        self.chars = max(60, TEXT_LINES * column - 25)  # room for "g12 partial · B34 " and the wrapping

    # ----------------------------------------------------------------------------- helpers

    def heading(self, u: Unit) -> str:
        return f"{u.source}: {self.label[u.source]}"

    def more(self, n: int, what: str) -> Text:
        """The line "N more ...: use --detail full" (``what`` said of many, as ``counted`` takes it)."""
        return Text(f"{counted(n, 'more ' + what)}: use --detail full", style="dim")

    def wording(
        self,
        u: Unit,
        spans: list[tuple[int, int]] | None = None,
        *,
        again: bool = True,
        prefix: bool = True,
        limit: int | None = None,
    ) -> Text:
        """``A3 text``; highlighted spans bold (or between asterisks without colour); a unit shown
        in full before comes back as its id and the start of its text."""
        out = Text(f"{u.id} " if prefix else "", style="dim")
        if again and u.id in self.shown and not spans:
            out.append(f"(above) {excerpt(u.text, REPEAT_CHARS)}", style="dim")
            return out
        self.shown.add(u.id)
        if limit is not None and self.o.detail is not Detail.FULL:
            out.append(excerpt(u.text, limit))
            return out
        for piece, marked in segments(u.text, spans or ()):
            if marked:
                out.append(f"*{piece}*" if self.marks else piece, style=HIGHLIGHT)
            else:
                out.append(piece)
        return out

    def extras(self, cell: Text, g: Group | None, units: tuple[str, ...]) -> None:
        """Append the ``--explain`` line of ``g`` and the "see also" of ``units`` to a cell."""
        if g is not None and self.o.explain:
            cell.append("\n" + self.explain(g).line(), style="italic dim")
        related = [v for uid in units for v in self.also.get(uid, ())]
        if related:
            cell.append("\nsee also " + ", ".join(dict.fromkeys(related)), style="cyan")

    # ----------------------------------------------------------------------------- sections

    def summary(self) -> list[RenderableType]:
        """One line per pair of sources with the counts; with two sources, the first item of each
        list below, so that the first screen says what they share, where they differ and what
        each leaves out."""
        c = self.c
        out = Text("Summary", style="bold")
        if len(c.sources) <= 4:
            sizes = (f"{a.id} {a.label}: {_n(self.sentences(a.id), 'sentence')}" for a in c.sources)
            out.append(" · " + " · ".join(sizes))
        else:
            out.append(f" · {len(c.sources)} sources: " + ", ".join(f"{a.id} {a.label}" for a in c.sources))
        story = {s.sources: s for s in c.stories}
        counts = ranked_pairs(self.cov)
        shown = len(counts) if self.two else self.o.rows(len(counts))
        tally = self.tally()
        for p in counts[:shown]:
            a, b = p.sources
            out.append(f"\n{a}–{b}: ", style="bold")
            st = story.get(p.sources)
            if st is not None:
                out.append("same story" if st.same else "not the same story", style="green" if st.same else "red")
                out.append(" · ")
            out.append(f"{_n(p.both, 'fact')} both report")
            if self.two and p.both:
                out.append(" (" + ", ".join(f"{n} {s}" for s, n in tally.items() if n) + ")")
            out.append(" · ")
            out.append(f"{p.different} reported differently", style="yellow" if p.different else "")
            out.append(f" · {p.only[0]} only in {a} · {p.only[1]} only in {b}")
        if self.two:
            width = (self.o.width or 100) - 4
            for what, text in self.firsts():
                line = f"  {what}: "
                out.append("\n" + line, style="dim")
                out.append(excerpt(text, max(20, width - len(line))))
        if shown < len(counts):
            out.append(f"\n{counted(len(counts) - shown, 'more pairs of sources')}: use --detail full", style="dim")
        same, para = levels()
        out.append(
            f"\nStrength: same statement = fact similarity ≥ {same:g} · paraphrase ≥ {para:g} · partial below"
            " (part of a fact, or its event)",
            style="dim",
        )
        parts: list[RenderableType] = [out]
        if not self.two:
            parts.append(self.by_source())
        return parts

    def tally(self, verdicts: tuple[Verdict, ...] = (Verdict.AGREE, Verdict.DIFFER)) -> dict[str, int]:
        """How many matched facts (of the given verdicts) of each strength."""
        groups = [g for g in self.c.groups if g.verdict in verdicts]
        values = list(self.strength(groups).values())
        return {s: values.count(s) for s in LABELS}

    def strength(self, groups: list[Group]) -> dict[str, str]:
        missing = [g for g in groups if g.id not in self._strength]
        if missing:
            self._strength.update(strengths(self.c, missing))
        return {g.id: self._strength[g.id] for g in groups}

    def firsts(self) -> Iterator[tuple[str, str]]:
        """The first row of each list below, as (what, text)."""
        c = self.c
        rows = shared_rows(c)
        if rows:
            r = rows[0]
            g = r.groups[0]
            other = c.unit(r.counterparts(g)[0])
            first, second = (r.anchor, other) if r.anchor.source == c.sources[0].id else (other, r.anchor)
            yield "both report, first", f"{first.id} “{excerpt(first.text, 50)}” ≈ {second.id} “{second.text}”"
        differ = [g for g in c.groups if g.verdict is Verdict.DIFFER]
        if differ:
            g = max(differ, key=lambda g: max(importance(c, c.unit(u)) for u in g.units))
            d = g.differences[0] if g.differences else None
            yield "reported differently, first", f"{g.id} " + (reason(d.kind, d.detail) if d else "details conflict")
        for a in c.sources:
            own = only_facts(self.cov, a.id)
            if own:
                u = own[0].units[0]
                yield f"only in {a.id}, first", f"{u.id} {u.text}"

    def sentences(self, sid: str) -> int:
        return sum(1 for u in self.c.units if u.source == sid and u.kind is UnitKind.SENTENCE)

    def by_source(self) -> RenderableType:
        t = Table(title="Coverage by source", title_justify="left", expand=False)
        for name in ("source", "reported", "differently", "left out", "only it reports", "all but it report"):
            t.add_column(name, justify="left" if name == "source" else "right")
        for k in self.cov.counts:
            t.add_row(k.source, str(k.reported), str(k.different), str(k.missing), str(k.only), str(k.all_but))
        return t

    def differences(self) -> list[RenderableType]:
        c = self.c
        groups = [g for g in c.groups if g.verdict is Verdict.DIFFER]
        if not groups:
            return [Text("Reported differently: nothing (no conflicting detail among the facts they share)")]
        groups.sort(key=lambda g: -max(importance(c, c.unit(u)) for u in g.units))
        n = self.o.rows(len(groups))
        t = Table(title=f"Reported differently ({len(groups)})", title_justify="left", show_lines=True, expand=True)
        t.add_column("fact", no_wrap=True)
        if self.two:
            for a in c.sources:
                t.add_column(f"{a.id}: {a.label}", ratio=3)
        else:
            t.add_column("wordings", ratio=5)
        t.add_column("what differs", ratio=2)
        for g in groups[:n]:
            what = Text("\n".join(reason(d.kind, d.detail) for d in g.differences) or "details conflict")
            self.extras(what, g, ())
            cells: list[RenderableType] = [g.id]
            if self.two:
                for a in c.sources:
                    mine = [uid for uid in g.units if c.unit(uid).source == a.id]
                    cells.append(self.joined(g, mine))
            else:
                cells.append(self.joined(g, list(g.units)))
            t.add_row(*cells, what)
        out: list[RenderableType] = [t]
        if n < len(groups):
            out.append(self.more(len(groups) - n, "facts reported differently"))
        return out

    def joined(self, g: Group, ids: list[str]) -> Text:
        cell = Text()
        for k, uid in enumerate(ids):
            if k:
                cell.append("\n")
            cell.append_text(self.wording(self.c.unit(uid), difference_spans(self.c, g, uid), again=False))
        return cell or Text("—", style="dim")

    def shared(self) -> list[RenderableType]:
        c = self.c
        rows = shared_rows(c)
        if not rows:
            return []
        strength = self.strength([g for r in rows for g in r.groups])
        tally = self.tally((Verdict.AGREE,))
        title = "Reported by both" if self.two else "Reported by several sources"
        agree = "fact that agrees" if len(strength) == 1 else "facts that agree"
        title += f" ({len(strength)} {agree}: " + ", ".join(f"{n} {s}" for s, n in tally.items() if n) + ")"
        n = self.o.rows(len(rows))
        t = Table(title=title, title_justify="left", show_lines=True, expand=True)
        if self.two:
            for a in c.sources:
                t.add_column(f"{a.id}: {a.label}", ratio=1)
        else:
            t.add_column("unit", ratio=1)
            t.add_column("also reported as", ratio=1)
        for row in rows[:n]:
            anchor = self.wording(row.anchor, limit=self.chars)
            self.extras(anchor, None, (row.anchor.id,))
            others = self.counterparts(row, strength)
            if self.two:
                t.add_row(*((anchor, others) if row.anchor.source == c.sources[0].id else (others, anchor)))
            else:
                anchor.append(f"\n({self.label[row.anchor.source]})", style="dim")
                t.add_row(anchor, others)
        out: list[RenderableType] = [t]
        if n < len(rows):
            rest = sum(len(r.groups) for r in rows[n:])
            what = f"facts both report ({_n(len(rows) - n, 'row')})" if self.two else "shared facts"
            out.append(self.more(rest, what))
        return out

    def counterparts(self, row: SharedRow, strength: dict[str, str]) -> Text:
        cell = Text()
        full = self.o.detail is Detail.FULL
        groups = row.groups if full else row.groups[:COUNTERPARTS]
        for k, g in enumerate(groups):
            if k:
                cell.append("\n")
            cell.append(f"{g.id} {strength[g.id]} · ", style="dim")
            for j, uid in enumerate(row.counterparts(g)):
                if j:
                    cell.append("\n")
                cell.append_text(self.wording(self.c.unit(uid), limit=self.chars))
            self.extras(cell, g, ())
        rest = row.groups[len(groups) :]
        if rest:
            ids = ", ".join(f"{g.id} {' '.join(row.counterparts(g))}" for g in rest)
            cell.append(f"\n+ {len(rest)} more: {ids}", style="dim")
        return cell

    def only(self) -> Iterator[RenderableType]:
        for a in self.c.sources:
            own = only_facts(self.cov, a.id)
            if not own:
                continue
            n = self.o.rows(len(own))
            t = Table(title=f"Only in {a.id}: {a.label} ({len(own)})", title_justify="left", expand=True)
            t.add_column("unit", no_wrap=True)
            t.add_column("text", ratio=1)
            for f in own[:n]:
                u = f.units[0]
                cell = self.wording(u, again=False, prefix=False)
                self.extras(cell, None, (u.id,))
                t.add_row(u.id, cell)
            yield t
            if n < len(own):
                yield self.more(len(own) - n, f"only in {a.id}")

    def quotes(self) -> list[RenderableType]:
        listed, single = quotes_that_matter(self.c)
        if self.o.detail is Detail.FULL:
            table = quote_table(self.c)
            return [table] if table is not None else []
        n = self.o.rows(len(listed))
        hidden = len(listed) - n + single
        note = f" ({hidden} not listed: use --detail full)" if hidden else ""
        table = quote_table(self.c, entries=listed[:n], title=f"Quotations that matter ({len(listed)})", note=note)
        if table is None:
            return [Text(f"Quotations: none in several sources{note}", style="dim")] if single else []
        return [table]

    def coverage_tables(self) -> Iterator[RenderableType]:
        """With three or more sources: the facts some sources leave out (most widely reported
        first) and the coverage matrix (facts down, sources across)."""
        cov: Coverage = self.cov
        n_src = len(cov.sources)
        shared = cov.shared_omissions
        if shared:
            n = self.o.rows(len(shared))
            t = Table(title="Left out by some sources (most widely reported first)", title_justify="left", expand=True)
            t.add_column("group", no_wrap=True)
            t.add_column("fact", ratio=1)
            t.add_column("reported by", justify="right", no_wrap=True)
            t.add_column("left out by", ratio=1)
            for o in shared[:n]:
                t.add_row(o.fact.group.id, o.fact.units[0].text, f"{len(o.carriers)} of {n_src}", " ".join(o.missing))
            yield t
            if n < len(shared):
                yield self.more(len(shared) - n, "facts left out by some sources")
        if cov.facts:
            mark = {
                Cell.REPORTED: Text("✓", style="green"),
                Cell.DIFFERENT: Text("≠", style="yellow"),
                Cell.MISSING: Text("—", style="dim"),
            }
            facts = sorted(cov.facts, key=lambda f: (-f.carriers, -f.importance))
            n = self.o.rows(len(facts))
            t = Table(
                title="Coverage matrix (✓ reported, ≠ differently, — left out)", title_justify="left", expand=True
            )
            t.add_column("group", no_wrap=True)
            t.add_column("fact", ratio=1, no_wrap=True, overflow="ellipsis")
            for s in cov.sources:
                t.add_column(s, justify="center", no_wrap=True)
            for f in facts[:n]:
                t.add_row(f.group.id, excerpt(f.units[0].text, 200), *(mark[x] for x in f.cells))
            yield t
            if n < len(facts):
                yield self.more(len(facts) - n, "facts in the matrix")


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def render(c: Comparison, options: ReportOptions | None = None) -> list[RenderableType]:
    """All sections of the terminal report, in reading order."""
    o = options or ReportOptions()
    r = _Report(c, o)
    out: list[RenderableType] = r.summary()
    if o.detail is not Detail.SUMMARY:
        out += r.differences()
        out += r.shared()
        if not r.two:
            out.extend(r.coverage_tables())
        out.extend(r.only())
        out += r.quotes()
        if o.detail is Detail.FULL:
            out += [t for t in (entity_table(c), number_table(c)) if t is not None]
    if c.notes:
        out.extend(Text(f"Note: {n}", style="dim") for n in c.notes)
    return out


def group_members(c: Comparison, g: Group) -> list[Unit]:
    """The units of a group, in source order."""
    return [c.unit(i) for i in g.units]
