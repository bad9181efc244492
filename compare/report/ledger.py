"""Terminal tables of the quote ledger, the names and the numbers each source mentions.

Renderers only: they read a :class:`~compare.model.Comparison` and return rich tables; the
terminal report adds them after the differences (see ``terminal.render``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from compare.model import Comparison, LedgerEntry, Mention
from compare.report.sections import STATUS_TEXT

if TYPE_CHECKING:
    from rich.console import RenderableType

STATUS_STYLE = {"identical": "green", "altered": "yellow", "speaker": "yellow", "paraphrased": "cyan", "single": "dim"}


def _wording_cell(c: Comparison, e: LedgerEntry, source: str) -> RenderableType:
    ws = [w for w in e.wordings if w.source == source]
    if not ws:
        para = [u for u in e.paraphrased_in if c.unit(u).source == source]
        if para:
            return Text(f"paraphrased in {', '.join(para)}", style="cyan")
        return Text("—", style="dim")
    cell = Text()
    for i, w in enumerate(ws):
        if i:
            cell.append("\n")
        cell.append(f"{w.unit} ", style="dim")
        cell.append(f"“{w.text}”")
        if w.speaker:
            cell.append(f" — {w.speaker}", style="bold")
        for change in w.changes:
            cell.append(f"\n  {change}", style="yellow")
    return cell


def quote_table(
    c: Comparison,
    *,
    shared_only: bool = False,
    entries: Sequence[LedgerEntry] | None = None,
    title: str = "Quote ledger",
    note: str = "",
) -> RenderableType | None:
    """The quote ledger: each quotation, its speaker in every source, and how the wordings compare.

    ``entries``: the rows to show, in order (default: every entry, or with ``shared_only`` those
    more than one source carries, most telling first); the caption counts the whole ledger and
    ends with ``note``."""
    order = ("speaker", "altered", "identical", "paraphrased", "single")
    if entries is None:
        entries = sorted(
            (e for e in c.quotes if not shared_only or e.status != "single"),
            key=lambda e: order.index(e.status) if e.status in order else len(order),
        )
    if not entries:
        return None
    t = Table(title=title, title_justify="left", show_lines=True, expand=True)
    t.add_column("quote", no_wrap=True)
    for a in c.sources:
        t.add_column(f"{a.id}: {a.label}", ratio=1)
    t.add_column("wording", no_wrap=True)
    for e in entries:
        label = e.id if e.inside is None else f"{e.id} (in {e.inside})"
        cells: list[RenderableType] = [label]
        cells.extend(_wording_cell(c, e, a.id) for a in c.sources)
        cells.append(Text(STATUS_TEXT.get(e.status, e.status), style=STATUS_STYLE.get(e.status, "")))
        t.add_row(*cells)
    counts = {s: sum(1 for e in c.quotes if e.status == s) for s in STATUS_TEXT}
    t.caption = ", ".join(f"{n} {STATUS_TEXT[s]}" for s, n in counts.items() if n) + note
    t.caption_justify = "left"
    return t


def _mention_table(c: Comparison, rows: tuple[Mention, ...], title: str, what: str) -> RenderableType | None:
    if not rows:
        return None
    t = Table(title=title, title_justify="left", expand=True)
    t.add_column(what, ratio=2)
    t.add_column("kind", no_wrap=True)
    for a in c.sources:
        t.add_column(f"{a.id}: {a.label}", ratio=1)
    for m in rows:
        cells: list[RenderableType] = [m.text, m.kind]
        for a in c.sources:
            units = m.units.get(a.id, ())
            if not units:
                cells.append(Text("—", style="bold red"))
                continue
            written = ", ".join(m.written.get(a.id, ()))
            cell = Text(" ".join(units[:4]) + (" …" if len(units) > 4 else ""), style="dim")
            if written and written != m.text:
                cell.append(f"  {written}", style="")
            cells.append(cell)
        t.add_row(*cells)
    missing = sum(1 for m in rows if any(not v for v in m.units.values()))
    t.caption = f"{len(rows)} in all; {missing} missing from at least one source (—)"
    t.caption_justify = "left"
    return t


def entity_table(c: Comparison) -> RenderableType | None:
    """People, organisations and places, and which sources name each."""
    return _mention_table(c, c.entities, "People, organisations, places", "name")


def number_table(c: Comparison) -> RenderableType | None:
    """Numbers and dates, and which sources mention each (equal values written differently share a row)."""
    return _mention_table(c, c.numbers, "Numbers and dates", "value")


def render(c: Comparison) -> list[RenderableType]:
    """The ledger sections of the terminal report, in reading order."""
    return [t for t in (quote_table(c), entity_table(c), number_table(c)) if t is not None]
