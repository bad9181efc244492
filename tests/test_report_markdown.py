"""The Markdown report: escaped text, well-formed tables, N-source sections, folding."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.analyze.coverage import coverage
from compare.report import markdown
from compare.report.markdown import escape, render
from tests.report_fakes import build, three_sources

_PIPE = re.compile(r"(?<!\\)\|")


def _tables(text: str) -> list[list[str]]:
    """Runs of consecutive lines that start with a pipe."""
    out: list[list[str]] = []
    run: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            run.append(line)
        elif run:
            out.append(run)
            run = []
    return out


def _section(text: str, title: str) -> str:
    """The lines under the heading starting with ``title`` up to the next heading."""
    m = re.search(rf"^#+ {re.escape(title)}.*?$(.*?)(?=^#|\Z)", text, re.M | re.S)
    assert m, f"no section {title!r}"
    return m.group(1)


class TestEscape:
    @given(st.text(max_size=200))
    def test_round_trips(self, text):
        """Removing the backslash escapes gives back the text, with whitespace runs as single spaces."""
        assert re.sub(r"\\(.)", r"\1", escape(text)) == " ".join(text.split())

    @given(st.text(max_size=200))
    def test_no_raw_markup_characters(self, text):
        """No pipe, angle bracket, asterisk, underscore or backtick survives unescaped, and no line break."""
        out = escape(text)
        assert "\n" not in out
        assert not re.search(r"(?<!\\)(?:\\\\)*[|<>*_`\[\]]", out.replace("\\\\", ""))


class TestRender:
    def test_tables_have_consistent_columns(self):
        """Every row of every table has as many cells as its header, even with pipes in the text."""
        c = build({"A": ["a | b.", "x."], "B": ["a | b!", "y."]}, [("agree", ["A0", "B0"], [])], labels={"A": "x|y"})
        tables = _tables(render(c))
        assert tables
        for t in tables:
            assert len({len(_PIPE.findall(line)) for line in t}) == 1, t

    def test_label_and_text_cannot_inject_markup(self):
        """A label or sentence with HTML or link syntax appears escaped, never raw."""
        c = build({"A": ["<img src=x onerror=alert(1)> [link](http://x)."], "B": ["Other."]}, labels={"A": "<b>A</b>"})
        out = render(c)
        for raw in ("<img", "<b>", "](http"):
            assert not re.search(r"(?<!\\)" + re.escape(raw), out), raw
        assert r"\<img src=x onerror=alert(1)\>" in out

    def test_summary_counts(self):
        """The summary line gives shared, agreeing, differing and single-source fact counts."""
        out = render(three_sources())
        assert (
            "**2** facts are reported by two or more sources: ✓ **1** agree, ≠ **1** reported differently; **3**" in out
        )

    def test_differences_quote_every_member(self):
        """Each differ group lists its conflicting details and quotes every member's sentence, the
        value that differs in bold."""
        c = three_sources()
        section = _section(render(c), "≠ Reported differently")
        assert "number: '3' in A, '4' in C" in section
        for uid in c.groups[0].units:
            line = next(x for x in section.splitlines() if f"({uid})" in x)
            assert line.split(f"({uid}) ", 1)[1].replace("**", "") == escape(c.unit(uid).text)
        assert "(A0) The bridge closed on **3** May." in section
        assert "(C0) The bridge closed on **4** May." in section

    def test_n_sources_matrix_and_counts(self):
        """With three sources: a matrix row per fact with a mark per source, and "only"/"all but" lines."""
        c = three_sources()
        out = render(c)
        cov = coverage(c)
        matrix = _section(out, "Coverage")
        rows = [line for line in matrix.splitlines() if line.startswith("| **g")]
        assert len(rows) == len(cov.facts)
        assert rows[0].endswith("| ✓ | ✓ | ≠ | 3 |")
        assert rows[1].endswith("| ✓ | ✓ | — | 2 |")
        assert "- only **C** reports 1 fact" in out
        assert "- all but **C** report 1 fact" in out
        omitted = _section(out, "Left out by some sources")
        assert "| 2 of 3 | C |" in omitted

    def test_two_sources_have_no_matrix(self):
        """With two sources the matrix and the omissions ranking would repeat the tables: left out."""
        out = render(build({"A": ["One.", "Two."], "B": ["Uno."]}, [("agree", ["A0", "B0"], [])]))
        assert "### Coverage" not in out and "Left out by some sources" not in out
        assert "### Reported by both (1)" in out
        assert "### Only in A: source-a (1)" in out

    def test_only_lists_most_important_first(self):
        """Single-source facts are listed lead first (importance), each with its unit id."""
        out = render(build({"A": ["First.", "Second.", "Third."], "B": ["Other."]}))
        section = _section(out, "Only in A")
        assert section.index("**A0**") < section.index("**A1**") < section.index("**A2**")

    def test_long_listings_fold(self, monkeypatch):
        """More rows than COLLAPSE_AFTER go into a <details> block; fewer stay open."""
        c = build({"A": [f"Fact {i}." for i in range(5)], "B": ["Other."]})
        monkeypatch.setattr(markdown, "COLLAPSE_AFTER", 4)
        folded = _section(render(c), "Only in A")
        assert "<details>" in folded and "</details>" in folded and "<summary>Show 5 facts</summary>" in folded
        monkeypatch.setattr(markdown, "COLLAPSE_AFTER", 5)
        assert "<details>" not in _section(render(c), "Only in A")

    def test_ends_with_one_newline(self):
        """The report ends with exactly one newline (clean in files and PR comments)."""
        out = render(three_sources())
        assert out.endswith("\n") and not out.endswith("\n\n")


class TestRepeatedUnits:
    def test_unit_linked_twice_is_one_row(self) -> None:
        """A unit serving two facts is one row with both counterparts, its text printed once."""
        from compare.report.markdown import render
        from tests.report_fakes import build

        c = build(
            {"A": ["Putin rejected a ceasefire in a long call.", "Oil fell."], "B": ["Putin said no.", "No truce."]},
            [("agree", ["A0", "B0"], []), ("agree", ["A0", "B1"], [])],
        )
        out = render(c)
        assert out.count("Putin rejected a ceasefire") == 1
        row = next(line for line in out.splitlines() if "Putin rejected" in line)
        assert "B0 Putin said no." in row and "B1 No truce." in row
        assert "*g1 " in row and "*g2 " in row


class TestQuotations:
    def test_shared_quotation_listed_with_speakers(self) -> None:
        """A quotation two sources give to different people is listed with each source's speaker;
        quotations only one source carries are left out."""
        from compare import compare_texts
        from compare.report.markdown import render

        c = compare_texts(
            [
                "“We will rebuild every home,” Mayor John Smith said on Monday. “Nobody leaves,” he added.",
                "“We will rebuild every home,” Governor Jane Doe said on Monday. The storm hit Texas.",
            ]
        )
        out = render(c)
        section = out.split("### Quotations in several sources", 1)[1].split("###", 1)[0]
        row = next(line for line in section.splitlines() if "rebuild every home" in line)
        assert "John Smith" in row and "Jane Doe" in row
        assert "Nobody leaves" not in section

    def test_no_section_without_shared_quotations(self) -> None:
        """Articles without a shared quotation get no quotation section."""
        from compare import compare_texts
        from compare.report.markdown import render

        c = compare_texts(["A storm hit Texas on Friday.", "A storm hit Texas on Friday, officials said."])
        assert "Quotations in several sources" not in render(c)


@pytest.fixture
def shared() -> Path:
    """The shared development data (``$SHARED`` or ``../shared``), or skip."""
    path = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
    if not (path / "data/ecbplus/sets_summary.json").is_file():
        pytest.skip(f"needs the ECB+ development data under {path} (../shared)")
    return path


class TestBudget:
    @staticmethod
    def big(n_sources: int = 6, per_source: int = 60):
        """Sources with long sentences of their own, and one fact all of them share."""
        filler = "with a long tail of words about the harbour, the council and the weather " * 3
        sources = {
            chr(65 + s): [f"Shared fact {s}."] + [f"Fact {k} of source {s} {filler}." for k in range(per_source)]
            for s in range(n_sources)
        }
        return build(sources, [("agree", [f"{chr(65 + s)}0" for s in range(n_sources)], [])])

    def test_fits_the_limit_and_says_what_it_left_out(self):
        """Past ``max_chars`` the longest lists are cut, each says how many rows it leaves out, and
        a closing note says how to get everything."""
        from compare.options import ReportOptions

        c = self.big()
        full = render(c, ReportOptions(max_chars=None))
        out = render(c, ReportOptions(max_chars=8_000))
        assert len(full) > 8_000 >= len(out)
        assert "cut to fit 8,000 characters" in out
        assert re.search(r"\*\d+ more facts only in A not shown: use `--detail full`", out)
        assert "## Source comparison" in out and "**A–B**" in out  # the summary is never cut

    def test_standard_lists_ten_full_lists_all(self):
        """At the standard detail a list shows ten rows and says how many more; full shows all."""
        from compare.options import Detail, ReportOptions

        c = build({"A": [f"Fact {i}." for i in range(14)], "B": ["Other."]})
        section = _section(render(c), "Only in A")
        assert section.count("- **A") == 10 and "*4 more facts only in A not shown" in section
        full = _section(render(c, ReportOptions(detail=Detail.FULL)), "Only in A")
        assert full.count("- **A") == 14 and "not shown" not in full

    def test_one_more_is_singular(self):
        """One row left out reads "1 more fact", not "1 more facts"."""
        c = build({"A": [f"Fact {i}." for i in range(11)], "B": ["Other."]})
        section = _section(render(c), "Only in A")
        assert "*1 more fact only in A not shown" in section

    def test_summary_detail(self):
        """``Detail.SUMMARY`` gives the summary and nothing else."""
        from compare.options import Detail, ReportOptions

        out = render(three_sources(), ReportOptions(detail=Detail.SUMMARY))
        assert "**A–B**" in out and "###" not in out

    def test_largest_ecbplus_set_fits_one_comment(self, shared):
        """The Markdown report of the largest ECB+ development set fits a pull-request comment."""
        import json

        from compare import compare_files

        summary = json.loads((shared / "data/ecbplus/sets_summary.json").read_text(encoding="utf-8"))
        dev = [s for s in summary["sets"] if s["slice"] == "dev"]
        largest = max(dev, key=lambda s: (s["docs"], sum(s["sentences"])))
        paths = sorted(str(p) for p in (shared / "data/ecbplus/sets" / largest["set"]).glob("*.txt"))
        assert len(paths) >= 20
        out = render(compare_files(paths))
        assert len(out) <= 65_536
        assert "## Source comparison" in out
