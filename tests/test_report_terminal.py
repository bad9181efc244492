"""The terminal report: rich renderables from a Comparison, printed at a fixed width."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from rich.cells import cell_len
from rich.console import Console

from compare import compare_texts
from compare.cli import cli
from compare.model import Comparison
from compare.options import Detail, ReportOptions
from compare.report.terminal import importance, render
from tests.report_fakes import build, number_difference, three_sources

ANSI = "\x1b["


def plain(c: Comparison, width: int, **options: object) -> str:
    """The report as a colourless console of ``width`` columns prints it."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False, highlight=False, emoji=False)
    for part in render(c, ReportOptions(width=width, **options)):  # type: ignore[arg-type]
        console.print(part)
    return buf.getvalue()


def many_facts(n: int) -> Comparison:
    """A and B share ``n`` facts one to one, and each has ``n`` of its own."""
    a = [f"The council approved plan number {k} for the harbour." for k in range(n)]
    b = [f"Plan number {k} for the harbour was approved by the council." for k in range(n)]
    a += [f"Resident {k} in A complained about the noise." for k in range(n)]
    b += [f"Shop {k} in B closed early on the day." for k in range(n)]
    return build({"A": a, "B": b}, [("agree", [f"A{k}", f"B{k}"], []) for k in range(n)])


class TestSections:
    def test_reading_order(self, storm: Comparison) -> None:
        """Summary, then the differences, what both report, and each source's own facts."""
        out = plain(storm, 120)
        titles = ("Summary", "Reported differently", "Reported by both", "Only in A: wire", "Only in B: paper")
        for title in titles:
            assert title in out, title
        positions = [out.index(t) for t in titles]
        assert positions == sorted(positions)

    def test_summary_line_per_pair(self, storm: Comparison) -> None:
        """The summary says, per pair, how many facts both report, differ and each leaves out,
        with the counts of the coverage (one definition of each count)."""
        from compare.analyze.coverage import coverage, pairs

        (p,) = pairs(coverage(storm))
        out = plain(storm, 160)
        line = next(x for x in out.splitlines() if x.startswith("A–B:"))
        assert f"{p.both} facts both report" in line
        assert f"{p.different} reported differently" in line
        assert f"{p.only[0]} only in A" in line and f"{p.only[1]} only in B" in line
        s = storm.summary()
        assert (p.both, p.different, p.only) == (
            s["agree"] + s["differ"],
            s["differ"],
            (s["only"]["A"], s["only"]["B"]),
        )

    def test_same_story_only_when_known(self, storm: Comparison) -> None:
        """The pair line says whether the two cover the same story only when the comparison says."""
        from dataclasses import replace

        from compare.model import Story

        assert "same story" not in plain(replace(storm, stories=()), 160)
        told = replace(storm, stories=(Story(("A", "B"), 71.0, True),))
        assert "A–B: same story" in plain(told, 160)
        other = replace(storm, stories=(Story(("A", "B"), 12.0, False),))
        assert "not the same story" in plain(other, 160)

    def test_difference_shows_both_wordings_and_reason(self, storm: Comparison) -> None:
        """A conflicting fact shows both wordings side by side and what differs."""
        out = plain(storm, 160)
        section = out[out.index("Reported differently") : out.index("Reported by both")]
        assert "200,000 homes" in section and "350,000 homes" in section
        assert "number" in section

    def test_only_facts_shown_headlines_not(self, storm: Comparison) -> None:
        """Facts only one source reports are listed; its headline and byline are not omissions."""
        out = plain(storm, 160)
        only_a = out[out.index("Only in A: wire") : out.index("Only in B: paper")]
        headline = next(g for g in storm.groups if "Coastal" in storm.unit(g.units[0]).text)
        assert headline.verdict.value == "only"  # unmatched, yet not listed below
        assert "The governor declared" in only_a
        assert "Coastal towns count the cost" not in only_a and "By Staff Reporter" not in only_a

    def test_three_sources(self) -> None:
        """With three sources: a line per pair, the coverage tables, and the several-sources title."""
        out = plain(three_sources(), 160)
        for line in ("A–B:", "A–C:", "B–C:", "Coverage by source", "Coverage matrix", "Reported by several sources"):
            assert line in out, line

    def test_nothing_matched(self) -> None:
        """With nothing in common there is no matched table, only the sources' own facts."""
        c = compare_texts(["A storm killed 12 people in Texas.", "Apple released a new phone with a faster chip."])
        out = plain(c, 100)
        assert "Reported by both" not in out
        assert "Reported differently: nothing" in out
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

    def test_related_units_are_see_also_not_agreement(self, storm: Comparison) -> None:
        """A related pair shows as "see also" on the rows of both units, and counts as no agreement."""
        from dataclasses import replace

        from compare.model import Related
        from tests.conftest import unit_with

        a = unit_with(storm, "A", "The governor declared")
        b = next(u for g in storm.groups if g.verdict.value == "only" for u in [storm.unit(g.units[0])]
                 if u.source == "B" and u.kind.value == "sentence")  # fmt: skip
        told = replace(storm, related=(Related((a.id, b.id), 40.0),))
        out = plain(told, 160)
        assert f"see also {b.id}" in out and f"see also {a.id}" in out
        assert told.summary() == storm.summary()


class TestDetail:
    def test_top_ten_and_more_line(self) -> None:
        """At the standard detail each list shows ten rows and says how many more there are."""
        out = plain(many_facts(14), 120)
        only_a = out[out.index("Only in A") : out.index("Only in B")]
        assert sum(1 for k in range(14) if f"Resident {k} in A" in only_a) == 10
        assert "4 more only in A: use --detail full" in only_a
        assert "4 more facts both report" in out

    def test_one_is_singular(self) -> None:
        """Counts of one read as English: "1 more fact ... (1 row)", "1 sentence"."""
        out = plain(many_facts(11), 120)
        assert "1 more fact both report (1 row): use --detail full" in out
        assert "1 more only in A: use --detail full" in out
        c = compare_texts(["The harbour reopened after the storm.", "Fishing boats left at dawn. Prices fell."])
        summary = plain(c, 120).splitlines()[0]
        assert ": 1 sentence ·" in summary and ": 2 sentences" in summary

    def test_full_shows_everything(self) -> None:
        """``Detail.FULL`` lists every row and no "more" line."""
        out = plain(many_facts(14), 120, detail=Detail.FULL)
        assert all(f"Resident {k} in A" in out for k in range(14))
        assert "use --detail full" not in out

    def test_summary_is_the_first_block_only(self) -> None:
        """``Detail.SUMMARY`` prints the summary block and nothing else."""
        out = plain(many_facts(3), 120, detail=Detail.SUMMARY)
        assert "A–B: 3 facts both report" in out
        assert "Reported by both" not in out and "Only in A:" not in out

    def test_standard_stays_short(self) -> None:
        """However many facts, the standard report stays within a screenful or three."""
        lengths = [len(plain(many_facts(n), 120).splitlines()) for n in (12, 40)]
        assert lengths[0] == lengths[1] < 150

    def test_strength_words_not_numbers(self) -> None:
        """Matched rows read "same statement", "paraphrase" or "partial", not the score."""
        from dataclasses import replace

        from compare.analyze.strength import levels

        same, para = levels()
        c = many_facts(3)
        groups = list(c.groups)
        for k, score in enumerate((same + 1, (same + para) / 2, para - 1)):
            groups[k] = replace(groups[k], score=score)
        out = plain(replace(c, groups=tuple(groups)), 160)
        assert "g1 same statement" in out and "g2 paraphrase" in out and "g3 partial" in out
        assert f"{same + 1:.0f}" not in out.split("Reported by both")[1]


class TestExplain:
    def test_explain_lists_shared_names_numbers_words(self) -> None:
        """``--explain`` puts under a matched fact the names, numbers and words its units share."""
        c = compare_texts(
            [
                "Mayor John Smith said 40 houses burned in Springfield on Friday.",
                "In Springfield, 40 houses burned on Friday, Mayor John Smith said.",
            ]
        )
        assert any(g.verdict.value != "only" for g in c.groups)
        out = plain(c, 200, explain=True)
        line = next(x for x in out.splitlines() if "shared names" in x)
        assert "Springfield" in line and "John Smith" in line
        assert "40" in line and "words:" in line and "houses" in line
        assert "shared names" not in plain(c, 200)


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
    def test_differing_value_is_highlighted(self) -> None:
        """In "Reported differently" each wording's own value is highlighted; the rest is not."""
        c = build(
            {"A": ["The storm cut power to 200,000 homes."], "B": ["The storm cut power to 350,000 homes."]},
            [("differ", ["A0", "B0"], [number_difference({"A": "200,000", "B": "350,000"})])],
        )
        console = Console(width=200, color_system="standard", force_terminal=True)
        styles: dict[str, bool] = {}
        for part in render(c, ReportOptions(width=200)):
            for seg in console.render(part):
                for word in ("200,000", "350,000", "storm"):
                    if seg.text.strip() == word or (word == "storm" and "storm cut" in seg.text):
                        styles[word] = bool(seg.style and seg.style.bold)
        assert styles == {"200,000": True, "350,000": True, "storm": False}

    def test_without_colour_the_value_is_starred(self) -> None:
        """Without colour (``--no-color``) the differing value stands between asterisks."""
        c = build(
            {"A": ["The storm cut power to 200,000 homes."], "B": ["The storm cut power to 350,000 homes."]},
            [("differ", ["A0", "B0"], [number_difference({"A": "200,000", "B": "350,000"})])],
        )
        out = plain(c, 160, color=False)
        assert "*200,000*" in out and "*350,000*" in out


class TestRepeatedUnits:
    def test_unit_linked_twice_is_one_row(self) -> None:
        """A unit linked to two units of the other source is one row, with both counterparts; a
        unit already shown in full comes back as its id and the start of its text."""
        from tests.report_fakes import build

        c = build(
            {"A": ["Putin rejected a ceasefire in a long call.", "Oil fell."], "B": ["Putin said no.", "No truce."]},
            [("agree", ["A0", "B0"], []), ("agree", ["A0", "B1"], []), ("agree", ["A1", "B1"], [])],
        )
        out = plain(c, 140).split("Reported by both", 1)[1]
        assert out.count("Putin rejected a ceasefire") == 1
        assert out.count("No truce.") == 2  # in full once, then "(above)" with its start
        assert "B1 (above) No truce." in out
        assert out.count("g1 ") == 1 and out.count("g2 ") == 1 and out.count("g3 ") == 1
