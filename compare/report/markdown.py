"""Markdown report: reads well as a pull-request comment or a wiki page (GitHub-flavoured).

The most actionable parts come first: the summary, what the sources report differently, and
(with three or more sources) the facts some of them leave out and the coverage matrix. Long
listings sit in collapsible ``<details>`` blocks so a comment stays short. All article text is
escaped, so nothing in an article can turn into markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from compare.analyze.coverage import Cell, Coverage, coverage, excerpt, facts, importance, reason
from compare.analyze.explain import Explainer
from compare.analyze.strength import LABELS, levels, strengths
from compare.model import Comparison, Group, Unit, UnitKind, Verdict
from compare.options import Detail, ReportOptions
from compare.report.sections import (
    QUOTE_ORDER,
    STATUS_TEXT,
    counted,
    difference_spans,
    only_facts,
    quotes_that_matter,
    ranked_pairs,
    see_also,
    segments,
    shared_rows,
)

MARK = {Cell.REPORTED: "✓", Cell.DIFFERENT: "≠", Cell.MISSING: "—"}
"""Matrix symbols: reported, reported differently, missing."""

COLLAPSE_AFTER = 10
"""Listings longer than this many rows are folded into a ``<details>`` block."""

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&#!])")
_SPACES = re.compile(r"\s+")


def escape(text: str) -> str:
    """Text as literal Markdown: punctuation that could start markup is backslash-escaped, line
    breaks become spaces (safe in table cells, list items and block quotes)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


MORE = "use `--detail full`, or the JSON report"
"""How a reader gets what a cut list leaves out."""


@dataclass
class _Section:
    """A heading, its rows (cut to ``shown``), and what to say about the rows left out."""

    head: list[str]
    rows: list[str]
    fold: str = ""
    """What a folded ``<details>`` block holds (``"23 facts"``); empty: never folded."""
    shown: int = 0
    table: list[str] = field(default_factory=list)
    """Header lines of a Markdown table, repeated above the rows."""
    what: str = "rows"

    def lines(self) -> list[str]:
        rows = self.rows[: self.shown]
        body = [*self.table, *rows] if rows else []
        out = list(self.head)
        if body:
            out += _fold(body, self.fold, len(rows)) if self.fold else [*body, ""]
        if self.shown < len(self.rows):
            out += [f"*{counted(len(self.rows) - self.shown, 'more ' + self.what)} not shown: {MORE}.*", ""]
        return out


def render(c: Comparison, options: ReportOptions | None = None) -> str:
    """The whole report as a Markdown string, at most ``options.max_chars`` characters long."""
    o = options or ReportOptions()
    cov = coverage(c)
    labels = {a.id: a.label for a in c.sources}
    units = {u.id: u for u in c.units}
    head = _summary(c, cov, o)
    sections: list[_Section] = []
    if o.detail is not Detail.SUMMARY:
        sections.append(_differences(c, units))
        sections.append(_matched(c, units, o))
        if len(c.sources) >= 3:
            sections += [_omissions(cov), _matrix(cov)]
        sections += _only(c, cov, labels)
        sections.append(_quotes(c, o))
    for sec in sections:
        sec.shown = o.rows(len(sec.rows))
    notes = [f"> Note: {escape(n)}" for n in c.notes] + ([""] if c.notes else [])

    def text(cut: str = "") -> str:
        lines = [*head, *(x for sec in sections for x in sec.lines()), *notes]
        if cut:
            lines += [cut, ""]
        return "\n".join(lines).rstrip("\n") + "\n"

    out = text()
    limit = None if o.detail is Detail.FULL else o.max_chars
    if limit is None or len(out) <= limit:
        return out
    # too long for one comment: cut the longest lists first, halving them, until it fits
    cut = (
        f"> This report was cut to fit {limit:,} characters (one pull-request comment): the lists say how"
        f" many rows they leave out. For everything, {MORE}."
    )
    while len(out := text(cut)) > limit:
        sizes = [(sum(len(r) for r in sec.rows[: sec.shown]), k) for k, sec in enumerate(sections) if sec.shown]
        if not sizes:
            break
        _, k = max(sizes)
        sections[k].shown //= 2
    if len(out) > limit:  # the summary alone is too long (hundreds of sources): cut it by lines
        keep = out[: limit - len(cut) - 2].rsplit("\n", 1)[0]
        out = keep + "\n\n" + cut + "\n"
    return out


def _summary(c: Comparison, cov: Coverage, o: ReportOptions) -> list[str]:
    s = c.summary()
    only = sum(k.only for k in cov.counts)
    shared = s["agree"] + s["differ"]
    lines = [f"## Source comparison: {len(c.sources)} sources", ""]
    lines.append(
        f"**{shared}** {_plural(shared, 'fact')} reported by two or more sources: ✓ **{s['agree']}** agree,"
        f" ≠ **{s['differ']}** reported differently; **{only}** reported by one source only."
    )
    lines.append("")
    story = {st.sources: st for st in c.stories}
    counts = ranked_pairs(cov)
    shown = o.rows(len(counts)) if len(counts) > 1 else len(counts)
    for p in counts[:shown]:
        x, y = p.sources
        st = story.get(p.sources)
        told = "" if st is None else ("same story · " if st.same else "**not the same story** · ")
        lines.append(
            f"- **{x}–{y}**: {told}{facts(p.both)} both report · {p.different} reported differently ·"
            f" {p.only[0]} only in {x} · {p.only[1]} only in {y}"
        )
    if shown < len(counts):
        lines.append(f"- *{counted(len(counts) - shown, 'more pairs of sources')}: {MORE}.*")
    lines.append("")
    many = len(c.sources) >= 3
    head = "| | source | units | facts reported | reported differently | only here | left out |"
    rule = "|---|---|--:|--:|--:|--:|--:|"
    if many:
        head += " all others report |"
        rule += "--:|"
    lines += [head, rule]
    for a, k in zip(c.sources, cov.counts, strict=True):
        n = sum(1 for u in c.units if u.source == a.id and u.kind is UnitKind.SENTENCE)
        cells = [n, k.reported + k.different, k.different, k.only, k.missing] + ([k.all_but] if many else [])
        row = f"| **{a.id}** | {escape(a.label)} | " + " | ".join(map(str, cells)) + " |"
        lines.append(row)
    lines.append("")
    if many:
        notes = [f"only **{k.source}** reports {facts(k.only)}" for k in cov.counts if k.only]
        notes += [f"all but **{k.source}** report {facts(k.all_but)}" for k in cov.counts if k.all_but]
        if notes:
            lines += [f"- {n}" for n in notes] + [""]
    same, para = levels()
    lines += [
        f"Strength of a match: *same statement* (fact similarity ≥ {same:g}), *paraphrase* (≥ {para:g}),"
        " *partial* (below: part of a fact, or its event).",
        "",
    ]
    return lines


def _marked(c: Comparison, g: Group, uid: str) -> str:
    """A unit's text, escaped as :func:`escape` does, with the differing details in bold."""
    runs = segments(c.unit(uid).text, difference_spans(c, g, uid))
    return "".join("**" + _piece(t).strip() + "**" if marked else _piece(t) for t, marked in runs).strip()


def _piece(text: str) -> str:
    """Part of a text escaped like :func:`escape`, spaces at its ends kept (one each)."""
    return _SPECIAL.sub(r"\\\1", _SPACES.sub(" ", text))


def _differences(c: Comparison, units: dict[str, Unit]) -> _Section:
    groups = [g for g in c.groups if g.verdict is Verdict.DIFFER]
    groups.sort(key=lambda g: -max(importance(c, units[u]) for u in g.units))
    body: list[str] = []
    for g in groups:
        reasons = "; ".join(escape(reason(d.kind, d.detail)) for d in g.differences) or "details conflict"
        item = [f"- **{g.id}** — {reasons}"]
        for uid in g.units:
            item.append(f"  > **{units[uid].source}** ({uid}) {_marked(c, g, uid)}")
            item.append("  >")
        item.pop()
        body.append("\n".join(item))
    head = [f"### ≠ Reported differently ({len(groups)})", ""] if groups else []
    return _Section(head, body, fold=f"{len(groups)} {_plural(len(groups), 'group', verb=False)}",
                    what="facts reported differently")  # fmt: skip


def _omissions(cov: Coverage) -> _Section:
    shared = cov.shared_omissions
    if not shared:
        return _Section([], [])
    n = len(cov.sources)
    head = [f"### Left out by some sources ({len(shared)})", "", "Most widely reported first.", ""]
    rows = []
    for o in shared:
        text = excerpt(o.fact.units[0].text)
        rows.append(f"| **{o.fact.group.id}** {escape(text)} | {len(o.carriers)} of {n} | {', '.join(o.missing)} |")
    return _Section(head, rows, fold=f"{len(shared)} facts", table=["| fact | reported by | left out by |",
                    "|---|--:|---|"], what="facts left out by some sources")  # fmt: skip


def _matrix(cov: Coverage) -> _Section:
    if not cov.facts:
        return _Section([], [])
    head = [
        f"### Coverage ({len(cov.facts)} facts × {len(cov.sources)} sources)",
        "",
        f"{MARK[Cell.REPORTED]} reported · {MARK[Cell.DIFFERENT]} reported differently · {MARK[Cell.MISSING]} left out",
        "",
    ]
    table = ["| fact | " + " | ".join(cov.sources) + " | sources |", "|---|" + ":-:|" * len(cov.sources) + "--:|"]
    rows = []
    for f in sorted(cov.facts, key=lambda f: (-f.carriers, -f.importance)):
        marks = " | ".join(MARK[x] for x in f.cells)
        rows.append(f"| **{f.group.id}** {escape(excerpt(f.units[0].text, 60))} | {marks} | {f.carriers} |")
    return _Section(head, rows, fold="the matrix", table=table, what="rows of the matrix")


def _matched(c: Comparison, units: dict[str, Unit], o: ReportOptions) -> _Section:
    rows = shared_rows(c)
    if not rows:
        return _Section([], [])
    two = len(c.sources) == 2
    strength = strengths(c, [g for r in rows for g in r.groups])
    tally = {s: list(strength.values()).count(s) for s in LABELS}
    title = "Reported by both" if two else "Reported by several sources"
    n = len(strength)
    head = [f"### {title} ({n})", "", ", ".join(f"{k} {s}" for s, k in tally.items() if k) + ".", ""]
    if two:
        table = ["| " + " | ".join(escape(_heading(a.id, a.label)) for a in c.sources) + " |", "|---|---|"]
    else:
        table = ["| unit | also reported as |", "|---|---|"]
    explain = Explainer(c)
    also = see_also(c)
    shown: set[str] = set()

    def text(uid: str) -> str:
        if uid in shown:
            return f"{uid} (above) {escape(excerpt(units[uid].text, 40))}"
        shown.add(uid)
        return f"{uid} {escape(units[uid].text)}"

    body = []
    for r in rows:
        anchor = text(r.anchor.id) + _see_also(also.get(r.anchor.id, ()))
        parts = []
        for g in r.groups:
            piece = f"*{g.id} {strength[g.id]}* · " + " / ".join(text(u) for u in r.counterparts(g))
            if o.explain:
                piece += f"<br>*{escape(explain(g).line())}*"
            parts.append(piece)
        others = "<br>".join(parts)
        if two and r.anchor.source != c.sources[0].id:
            body.append(f"| {others} | {anchor} |")
        else:
            body.append(f"| {anchor} | {others} |")
    return _Section(head, body, fold=f"{len(rows)} rows", table=table, what="rows of facts both report")


def _see_also(ids: tuple[str, ...]) -> str:
    return f"<br>*see also {', '.join(ids)}*" if ids else ""


def _quotes(c: Comparison, o: ReportOptions) -> _Section:
    """The quote ledger's quotations that reach more than one source: who each source says spoke
    them and how the wordings differ; one-source quotations counted."""
    entries, single = quotes_that_matter(c)
    if o.detail is Detail.FULL:
        entries = entries + [e for e in c.quotes if e.status not in QUOTE_ORDER]
        single = 0
    if not entries and not single:
        return _Section([], [])
    flagged = sum(1 for e in entries if e.status in ("speaker", "altered"))
    head = [f"### Quotations in several sources ({len(entries)}, {flagged} altered or given to another speaker)", ""]
    if single:
        head += [f"{single} quotations only one source carries are not listed ({MORE}).", ""]
    table = [
        "| quote | " + " | ".join(escape(_heading(a.id, a.label)) for a in c.sources) + " | wording |",
        "|---|" + "---|" * len(c.sources) + "---|",
    ]
    body = []
    for e in entries:
        cells = []
        for a in c.sources:
            ws = [w for w in e.wordings if w.source == a.id]
            if ws:
                parts = []
                for w in ws:
                    said = f" — {escape(w.speaker)}" if w.speaker else ""
                    changes = "".join(f"<br>`{escape(ch)}`" for ch in w.changes)
                    parts.append(f"{w.unit} “{escape(w.text)}”{said}{changes}")
                cells.append("<br>".join(parts))
            else:
                para = [u for u in e.paraphrased_in if c.unit(u).source == a.id]
                cells.append(f"paraphrased in {', '.join(para)}" if para else "—")
        body.append(f"| {e.id} | " + " | ".join(cells) + f" | {STATUS_TEXT.get(e.status, e.status)} |")
    return _Section(head, body, fold=f"{len(entries)} quotations", table=table, what="quotations")


def _only(c: Comparison, cov: Coverage, labels: dict[str, str]) -> list[_Section]:
    out = []
    also = see_also(c)
    for s in cov.sources:
        own = only_facts(cov, s)
        if not own:
            continue
        head = [f"### Only in {escape(_heading(s, labels[s]))} ({len(own)})", ""]
        body = [
            f"- **{f.units[0].id}** {escape(f.units[0].text)}"
            + _see_also(also.get(f.units[0].id, ())).replace("<br>", " — ")
            for f in own
        ]
        out.append(_Section(head, body, fold=f"{len(own)} {_plural(len(own), 'fact', verb=False)}",
                            what=f"facts only in {s}"))  # fmt: skip
    return out


def _heading(sid: str, label: str) -> str:
    return sid if label == sid else f"{sid}: {label}"


def _fold(body: list[str], what: str, rows: int) -> list[str]:
    """The lines as they are, or inside a collapsed ``<details>`` block when there are many."""
    if rows <= COLLAPSE_AFTER:
        return [*body, ""]
    return ["<details>", f"<summary>Show {html.escape(what)}</summary>", "", *body, "", "</details>", ""]


def _plural(n: int, word: str, *, verb: bool = True) -> str:
    noun = word if n == 1 else word + "s"
    if not verb:
        return noun
    return f"{noun} {'is' if n == 1 else 'are'}"
