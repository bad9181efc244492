"""The final tables of corpus mode: one row per story, and the outlets that leave out the most."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:
    from rich.console import RenderableType

    from compare.corpus import CorpusSummary  # annotation only: corpus sits above report

MAX_OUTLETS = 15
"""Outlets listed in the second table (those with the most omissions)."""


def render(summary: CorpusSummary, *, max_outlets: int = MAX_OUTLETS) -> list[RenderableType]:
    """The story table and the outlet table, ready to print."""
    stories = Table(title="Stories", title_justify="left")
    for name, right in [("story", False), ("articles", True), ("units", True), ("agree", True),
                        ("differ", True), ("only", True), ("agreement", True)]:  # fmt: skip
        stories.add_column(name, justify="right" if right else "left")
    total = [0, 0, 0, 0, 0]
    failed = 0
    for r in summary.stories:
        if r.error:
            failed += 1
            stories.add_row(r.story, str(r.articles), "", "", "", "", "", style="red")
            continue
        share = "" if r.agreement is None else f"{r.agreement:.0%}"
        stories.add_row(r.story, str(r.articles), str(r.units), str(r.agree), str(r.differ), str(r.only), share)
        for i, v in enumerate((r.articles, r.units, r.agree, r.differ, r.only)):
            total[i] += v
    matched = total[2] + total[3]
    label = f"all {len(summary.stories)} stories" + (f" ({failed} not compared)" if failed else "")
    stories.add_section()
    stories.add_row(label, *(f"{v:,}" for v in total), f"{total[2] / matched:.0%}" if matched else "", style="bold")
    out: list[RenderableType] = [stories]
    errors = [r for r in summary.stories if r.error]
    if errors:
        t = Table(title="Not compared", title_justify="left")
        t.add_column("story")
        t.add_column("reason")
        for r in errors:
            t.add_row(r.story, r.error)
        out.append(t)
    if summary.outlets:
        shown = summary.outlets[:max_outlets]
        more = len(summary.outlets) - len(shown)
        title = "Outlets, most omissions first" + (f" ({more} more not shown)" if more else "")
        t = Table(title=title, title_justify="left")
        for name, right in [("outlet", False), ("stories", True), ("units", True), ("only it reports", True),
                            ("omits", True)]:  # fmt: skip
            t.add_column(name, justify="right" if right else "left")
        for o in shown:
            t.add_row(o.outlet, str(o.stories), str(o.units), str(o.only), str(o.omits))
        out.append(t)
    return out
