"""The CI gate: conditions evaluated on a comparison (library) and the exit code 1 (command line)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from compare.cli import cli
from compare.errors import CompareError
from compare.gate import GateOptions, evaluate
from compare.model import UnitKind
from tests.report_fakes import build, three_sources


def _conditions(c, **options):
    if "fail_on" in options:
        options["fail_on"] = frozenset(options["fail_on"])
    return [f.condition for f in evaluate(c, GateOptions(**options))]


def _all_agree():
    return build(
        {"A": ["One.", "Two."], "B": ["Uno.", "Dos."]}, [("agree", ["A0", "B0"], []), ("agree", ["A1", "B1"], [])]
    )


class TestEvaluate:
    def test_no_condition_never_fails(self):
        """Without options nothing fails, however much the sources differ."""
        assert _conditions(three_sources()) == []
        assert not GateOptions().active

    def test_differ(self):
        """``differ`` fails when some group is reported differently, and names the group."""
        failures = evaluate(three_sources(), GateOptions(fail_on=frozenset({"differ"})))
        assert [f.condition for f in failures] == ["differ"]
        assert "g1" in failures[0].message
        assert _conditions(_all_agree(), fail_on={"differ"}) == []

    def test_omission_two_sources(self):
        """With two sources, a fact only one of them reports is an omission."""
        c = build({"A": ["One.", "Two."], "B": ["Uno."]}, [("agree", ["A0", "B0"], [])])
        assert _conditions(c, fail_on={"omission"}) == ["omission"]
        assert _conditions(_all_agree(), fail_on={"omission"}) == []

    def test_omission_three_sources(self):
        """A fact two of three sources report is an omission of the third, even with no single-source fact."""
        c = build(
            {"A": ["One."], "B": ["Uno."], "C": ["Eins."]}, [("agree", ["A0", "B0"], []), ("agree", ["A0", "C0"], [])]
        )
        failures = evaluate(c, GateOptions(fail_on=frozenset({"omission"})))
        assert [f.condition for f in failures] == ["omission"]
        assert "C leaves out 1" in failures[0].message and "B leaves out 1" in failures[0].message

    def test_headlines_are_not_omissions(self):
        """A headline only one source has does not count as an omission or as a single-source fact."""
        c = build(
            {"A": ["Big news", "One."], "B": ["Uno."]}, [("agree", ["A1", "B0"], [])], kinds={"A0": UnitKind.HEADLINE}
        )
        assert _conditions(c, fail_on={"omission"}, max_only=0) == []

    def test_max_only_is_a_strict_upper_bound(self):
        """``max_only=N`` passes with N single-source facts and fails with N + 1."""
        c = three_sources()  # three single-source facts
        assert _conditions(c, max_only=3) == []
        assert _conditions(c, max_only=2) == ["max-only"]

    def test_min_agree_boundary(self):
        """``min_agree`` fails below the fraction and passes at it (1 of 2 shared facts agree)."""
        c = three_sources()
        assert _conditions(c, min_agree=0.5) == []
        assert _conditions(c, min_agree=0.51) == ["min-agree"]

    def test_min_agree_with_nothing_shared(self):
        """When no fact is shared the agreement is 0: any positive minimum fails, 0 passes."""
        c = build({"A": ["One."], "B": ["Two."]})
        assert _conditions(c, min_agree=0.01) == ["min-agree"]
        assert _conditions(c, min_agree=0.0) == []

    def test_all_conditions_in_a_fixed_order(self):
        """Every condition that holds is reported, in option order."""
        got = _conditions(three_sources(), fail_on={"omission", "differ"}, max_only=0, min_agree=1.0)
        assert got == ["differ", "omission", "max-only", "min-agree"]

    @pytest.mark.parametrize(
        "options",
        [{"fail_on": frozenset({"typo"})}, {"max_only": -1}, {"min_agree": 1.5}, {"min_agree": -0.1}],
    )
    def test_bad_options(self, options):
        """Unknown conditions and out-of-range limits raise CompareError with a readable message."""
        with pytest.raises(CompareError):
            GateOptions(**options)


ROOF_A = "The roof repair cost 12 million euros."
ROOF_B = "The roof repair cost 19 million euros."


@pytest.fixture
def files(tmp_path, fake_scorer):
    """Two article files that share one fact and differ on a number in another, and a copy of the
    first; the matcher is pinned to link the two roof sentences, so the gate does not hang on its tuning."""
    fake_scorer({(ROOF_A, ROOF_B): 95.0})
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(f"The museum reopened on Friday after a long restoration. {ROOF_A}\n")
    b.write_text(f"The museum reopened on Friday after a long restoration. {ROOF_B}\n")
    same = tmp_path / "same.txt"
    same.write_text(a.read_text())
    return a, b, same


class TestCommandLine:
    def test_help_documents_the_gate(self):
        """--help names every gate option and says it exits 1."""
        out = CliRunner().invoke(cli, ["--help"]).output
        for option in ("--fail-on", "--max-only", "--min-agree", "differ", "omission", "Exit 1"):
            assert option in out

    def test_passing_gate_exits_0(self, files):
        """Identical articles pass every condition."""
        a, _, same = files
        args = [str(a), str(same), "--format", "json", "--fail-on", "differ", "--fail-on", "omission",
                "--max-only", "0", "--min-agree", "1"]  # fmt: skip
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 0, r.output
        assert '"version": 1' in r.stdout

    def test_failing_gate_exits_1_after_writing_the_report(self, files, tmp_path):
        """A held condition gives exit 1, the whole report in --output, and the reason on stderr."""
        a, b, _ = files
        out = tmp_path / "report.md"
        r = CliRunner().invoke(cli, [str(a), str(b), "--format", "markdown", "-o", str(out), "--fail-on", "differ"])
        assert r.exit_code == 1, r.output
        assert out.read_text().startswith("## Source comparison")
        assert "Failed (--fail-on differ):" in r.stderr
        assert r.stdout == ""

    def test_failing_gate_to_stdout(self, files):
        """Without --output the report is still printed in full before exiting 1."""
        a, b, _ = files
        r = CliRunner().invoke(cli, [str(a), str(b), "--format", "json", "--min-agree", "1"])
        assert r.exit_code == 1
        import json

        assert json.loads(r.stdout)["version"] == 1
        assert "Failed (--min-agree):" in r.stderr

    @pytest.mark.parametrize("args", [["--fail-on", "typo"], ["--min-agree", "1.5"], ["--max-only", "-1"]])
    def test_bad_gate_values_exit_2(self, files, args):
        """Invalid gate values are usage errors (exit 2), not failed gates."""
        a, b, _ = files
        r = CliRunner().invoke(cli, [str(a), str(b), *args])
        assert r.exit_code == 2
        assert "Error" in r.stderr
