"""Markdown report: reads well as a pull-request comment or a wiki page (GitHub-flavoured).

The most actionable parts come first: the summary, what the sources report differently, and
(with three or more sources) the facts some of them leave out and the coverage matrix. Long
listings sit in collapsible ``<details>`` blocks so a comment stays short. All article text is
escaped, so nothing in an article can turn into markup.
"""

from __future__ import annotations

import html
import re

from compare.model import Comparison, ReportOptions, Unit, UnitKind, Verdict
from compare.report.coverage import Cell, Coverage, coverage, excerpt, facts, reason

MARK = {Cell.REPORTED: "✓", Cell.DIFFERENT: "≠", Cell.MISSING: "—"}
"""Matrix symbols: reported, reported differently, missing."""

COLLAPSE_AFTER = 10
"""Listings longer than this many rows are folded into a ``<details>`` block."""

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&#!])")


def escape(text: str) -> str:
    """Text as literal Markdown: punctuation that could start markup is backslash-escaped, line
    breaks become spaces (safe in table cells, list items and block quotes)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render(c: Comparison, options: ReportOptions | None = None) -> str:
    """The whole report as a Markdown string."""
    cov = coverage(c)
    labels = {a.id: a.label for a in c.sources}
    units = {u.id: u for u in c.units}
    lines: list[str] = []
    lines += _summary(c, cov)
    lines += _differences(c, units)
    if len(c.sources) >= 3:
        lines += _omissions(cov, labels)
        lines += _matrix(cov)
    lines += _quotes(c)
    lines += _matched(c, units)
    lines += _only(cov, labels)
    if c.notes:
        lines += [f"> Note: {escape(n)}" for n in c.notes] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary(c: Comparison, cov: Coverage) -> list[str]:
    s = c.summary()
    only = sum(k.only for k in cov.counts)
    shared = s["agree"] + s["differ"]
    lines = [f"## Source comparison: {len(c.sources)} sources", ""]
    lines.append(
        f"**{shared}** {_plural(shared, 'fact')} reported by two or more sources: ✓ **{s['agree']}** agree,"
        f" ≠ **{s['differ']}** reported differently; **{only}** reported by one source only."
    )
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
    return lines


def _differences(c: Comparison, units: dict[str, Unit]) -> list[str]:
    groups = [g for g in c.groups if g.verdict is Verdict.DIFFER]
    if not groups:
        return []
    lines = [f"### ≠ Reported differently ({len(groups)})", ""]
    body: list[str] = []
    for g in groups:
        reasons = "; ".join(escape(reason(d.kind, d.detail)) for d in g.differences) or "details conflict"
        body.append(f"- **{g.id}** — {reasons}")
        for uid in g.units:
            body.append(f"  > **{units[uid].source}** ({uid}) {escape(units[uid].text)}")
            body.append("  >")
        body.pop()
    return lines + _fold(body, f"{len(groups)} {_plural(len(groups), 'group', verb=False)}", len(groups))


def _omissions(cov: Coverage, labels: dict[str, str]) -> list[str]:
    shared = cov.shared_omissions
    if not shared:
        return []
    n = len(cov.sources)
    lines = [f"### Left out by some sources ({len(shared)})", "", "Most widely reported first.", ""]
    body = ["| fact | reported by | left out by |", "|---|--:|---|"]
    for o in shared:
        text = excerpt(o.fact.units[0].text)
        body.append(f"| **{o.fact.group.id}** {escape(text)} | {len(o.carriers)} of {n} | {', '.join(o.missing)} |")
    return lines + _fold(body, f"{len(shared)} facts", len(shared))


def _matrix(cov: Coverage) -> list[str]:
    if not cov.facts:
        return []
    lines = [
        f"### Coverage ({len(cov.facts)} facts × {len(cov.sources)} sources)",
        "",
        f"{MARK[Cell.REPORTED]} reported · {MARK[Cell.DIFFERENT]} reported differently · {MARK[Cell.MISSING]} left out",
        "",
    ]
    body = [
        "| fact | " + " | ".join(cov.sources) + " | sources |",
        "|---|" + ":-:|" * len(cov.sources) + "--:|",
    ]
    for f in cov.facts:
        marks = " | ".join(MARK[x] for x in f.cells)
        body.append(f"| **{f.group.id}** {escape(excerpt(f.units[0].text, 60))} | {marks} | {f.carriers} |")
    return lines + _fold(body, "the matrix", len(cov.facts))


def _matched(c: Comparison, units: dict[str, Unit]) -> list[str]:
    matched = [g for g in c.groups if g.verdict is not Verdict.ONLY]
    if not matched:
        return []
    title = "Reported by both" if len(c.sources) == 2 else "Reported by several sources"
    lines = [f"### {title} ({len(matched)})", ""]
    body = [
        "| group | " + " | ".join(escape(_heading(a.id, a.label)) for a in c.sources) + " | score | verdict |",
        "|---|" + "---|" * len(c.sources) + "--:|---|",
    ]
    previous: dict[str, tuple[str, ...]] = {}
    for g in matched:
        by_src: dict[str, list[Unit]] = {}
        for uid in g.units:
            by_src.setdefault(units[uid].source, []).append(units[uid])
        cells = []
        for a in c.sources:
            ids = tuple(u.id for u in by_src.get(a.id, ()))
            if not ids:
                cells.append("—")
            elif previous.get(a.id) == ids:  # the row above shows it in full
                cells.append(f"{' '.join(ids)} ↑ same as above")
            else:
                cells.append(" ".join(escape(u.text) for u in by_src[a.id]))
            previous[a.id] = ids
        score = f"{g.score:.0f}" if g.score is not None else ""
        body.append(f"| {g.id} | " + " | ".join(cells) + f" | {score} | {g.verdict.value} |")
    return lines + _fold(body, f"{len(matched)} groups", len(matched))


QUOTE_ORDER = ("speaker", "altered", "identical", "paraphrased")
"""Ledger statuses shown in Markdown, most telling first (quotes only one source has are left out)."""


def _quotes(c: Comparison) -> list[str]:
    """The quote ledger's quotations that reach more than one source: who each source says spoke
    them and how the wordings differ."""
    from compare.report.ledger import STATUS_TEXT

    entries = sorted((e for e in c.quotes if e.status in QUOTE_ORDER), key=lambda e: QUOTE_ORDER.index(e.status))
    if not entries:
        return []
    flagged = sum(1 for e in entries if e.status in ("speaker", "altered"))
    lines = [f"### Quotations in several sources ({len(entries)}, {flagged} altered or given to another speaker)", ""]
    body = [
        "| quote | " + " | ".join(escape(_heading(a.id, a.label)) for a in c.sources) + " | wording |",
        "|---|" + "---|" * len(c.sources) + "---|",
    ]
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
    return lines + _fold(body, f"{len(entries)} quotations", len(entries))


def _only(cov: Coverage, labels: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for s in cov.sources:
        # omissions are ranked: most widely carried first, then most important
        own = [o.fact for o in cov.omissions if o.carriers == (s,)]
        if not own:
            continue
        lines += [f"### Only in {escape(_heading(s, labels[s]))} ({len(own)})", ""]
        body = [f"- **{f.units[0].id}** {escape(f.units[0].text)}" for f in own]
        lines += _fold(body, f"{len(own)} {_plural(len(own), 'fact', verb=False)}", len(own))
    return lines


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
