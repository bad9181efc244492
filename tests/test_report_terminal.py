"""The terminal report: rich renderables from a Comparison, printed at a fixed width."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from rich.cells import cell_len
from rich.console import Console

from compare import compare_texts
from compare.analyze.coverage import importance
from compare.cli import cli
from compare.model import Comparison
from compare.report.terminal import matched_table, render

ANSI = "\x1b["


def plain(c: Comparison, width: int) -> str:
    """The report as a colourless console of ``width`` columns prints it."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False, highlight=False, emoji=False)
    for part in render(c):
        console.print(part)
    return buf.getvalue()


class TestSections:
    def test_sections_present(self, storm: Comparison) -> None:
        """Summary, the matched facts, the differences and each source's own facts all appear."""
        out = plain(storm, 120)
        for title in ("Summary", "Reported by both", "Reported differently", "Only in A: wire", "Only in B: paper"):
            assert title in out, title
        assert out.index("Summary") < out.index("Reported by both") < out.index("Reported differently")
        assert out.index("Reported differently") < out.index("Only in A: wire") < out.index("Only in B: paper")

    def test_summary_counts(self, storm: Comparison) -> None:
        """The summary line counts matched facts that agree and differ."""
        assert "1 matched facts agree, 1 are reported differently" in plain(storm, 120)

    def test_difference_reason_shown(self, storm: Comparison) -> None:
        """Each difference is shown with its reason."""
        out = plain(storm, 160)
        assert "200,000 homes" in out and "350,000 homes" in out

    def test_only_facts_shown_headlines_not(self, storm: Comparison) -> None:
        """Facts only one source reports are listed; its headline and byline are not omissions."""
        out = plain(storm, 160)
        only_a = out[out.index("Only in A: wire") : out.index("Only in B: paper")]
        headline = next(g for g in storm.groups if "Coastal" in storm.unit(g.units[0]).text)
        assert headline.verdict.value == "only"  # unmatched, yet not listed below
        assert "The governor declared" in only_a
        assert "Coastal towns count the cost" not in only_a and "By Staff Reporter" not in only_a

    def test_three_sources_title(self, wire: str, paper: str) -> None:
        """With more than two sources the matched section is titled for several sources."""
        out = plain(compare_texts([wire, paper, paper]), 160)
        assert "Reported by several sources" in out

    def test_nothing_matched(self) -> None:
        """With nothing in common there is no matched section, only the sources' own facts."""
        c = compare_texts(["A storm killed 12 people in Texas.", "Apple released a new phone with a faster chip."])
        out = plain(c, 100)
        assert "Reported by both" not in out and "Reported differently" not in out
        assert "Only in A" in out and "Only in B" in out

    def test_most_important_first(self) -> None:
        """Within an only section, a lead sentence with a quote and numbers comes before a plain later one."""
        c = compare_texts(
            [
                "“We freed 1,000 prisoners,” Vladimir Putin said on Friday. The weather was mild.",
                "Apple released a new phone with a faster chip.",
            ]
        )
        lead, later = (u for u in c.units if u.source == "A")
        assert importance(c, lead) > importance(c, later)
        out = plain(c, 120)
        assert out.index("We freed") < out.index("The weather was mild")


class TestWidthAndColour:
    @pytest.mark.parametrize("width", [60, 80, 120])
    def test_fits_width(self, storm: Comparison, width: int) -> None:
        """No line is wider than the console."""
        lines = plain(storm, width).splitlines()
        assert max(cell_len(line) for line in lines) <= width

    @pytest.mark.parametrize("width", ["60", "100"])
    def test_cli_width(self, storm_files: list[str], width: str) -> None:
        """``--width`` sets the report's width."""
        result = CliRunner().invoke(cli, [*storm_files, "--width", width])
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert max(cell_len(line) for line in lines) <= int(width)
        assert any(cell_len(line) == int(width) for line in lines)  # expanded tables fill it

    def test_no_colour_when_piped(self, storm_files: list[str]) -> None:
        """Output that is not a terminal carries no escape codes."""
        result = CliRunner().invoke(cli, [*storm_files, "--width", "100"])
        assert result.exit_code == 0
        assert ANSI not in result.stdout

    def test_colour_forced(self, storm_files: list[str]) -> None:
        """``--color`` forces escape codes even when piped (and ``--no-color`` removes them)."""
        coloured = CliRunner().invoke(cli, [*storm_files, "--width", "100", "--color"])
        assert ANSI in coloured.stdout
        plain_ = CliRunner().invoke(cli, [*storm_files, "--width", "100", "--no-color"])
        assert ANSI not in plain_.stdout

    def test_width_does_not_change_verdicts(self, storm_files: list[str]) -> None:
        """Display options never change the comparison (same JSON at any width)."""
        a = CliRunner().invoke(cli, [*storm_files, "--format", "json", "--width", "60"])
        b = CliRunner().invoke(cli, [*storm_files, "--format", "json", "--width", "200"])
        assert a.stdout == b.stdout


class TestHighlight:
    def test_words_the_other_lacks_are_bold(self) -> None:
        """In the matched table, a content word the other source lacks is bold; shared words are not."""
        c = compare_texts(
            [
                "A storm killed 12 people in Texas on Friday, officials said.",
                "A storm killed 12 people in Texas on Friday, sheriffs said.",
            ]
        )
        table = matched_table(c)
        assert table is not None
        console = Console(width=200, color_system="standard", force_terminal=True)
        styles: dict[str, bool] = {}
        for seg in console.render(table):
            for word in ("officials", "sheriffs", "storm", "Texas"):
                if word in seg.text:
                    styles[word] = bool(seg.style and seg.style.bold)
        assert styles == {"officials": True, "sheriffs": True, "storm": False, "Texas": False}


class TestRepeatedUnits:
    def test_unit_linked_twice_is_printed_once(self) -> None:
        """A unit linked to two units of the other source is shown in full once, then referred to."""
        from tests.report_fakes import build

        c = build(
            {"A": ["Putin rejected a ceasefire in a long call.", "Oil fell."], "B": ["Putin said no.", "No truce."]},
            [("agree", ["A0", "B0"], []), ("agree", ["A0", "B1"], []), ("agree", ["A1", "B1"], [])],
        )
        out = plain(c, 140)
        assert out.count("Putin rejected a ceasefire") == 1
        assert "A0 ↑ same as above" in out
        assert out.count("No truce.") == 1  # B1 again in the next row, under another A unit
        assert "B1 ↑ same as above" in out
