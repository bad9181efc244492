"""The ``compare-sources`` command, driven through click's CliRunner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

import compare
from compare import compare_files
from compare.cli import EXIT_OK, EXIT_USAGE, cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, input: str | None = None) -> Result:
    """Invoke the command with ``args``; stdout and stderr are kept apart."""
    return CliRunner().invoke(cli, list(args), input=input)


def assert_usage_error(result: Result, message: str) -> None:
    """Exit 2, exactly ``Error: message`` on stderr, nothing on stdout, no traceback."""
    assert result.exit_code == EXIT_USAGE == 2
    assert result.stderr == f"Error: {message}\n"
    assert result.stdout == ""
    assert result.exception is None or isinstance(result.exception, SystemExit)


class TestHelp:
    @pytest.mark.parametrize("flag", ["--help", "-h"])
    def test_help(self, flag: str) -> None:
        """``--help`` and ``-h`` describe the command and its options, and exit 0."""
        result = run(flag)
        assert result.exit_code == 0
        assert "Usage:" in result.stdout
        for option in ("--format", "--output", "--label", "--threshold", "--width", "--color", "--detail", "--explain"):
            assert option in result.stdout

    def test_every_option_has_help(self) -> None:
        """The command and each of its options have help text."""
        assert cli.help and cli.help.strip()
        for p in cli.params:
            if isinstance(p, click.Option):
                assert p.help, f"{p.name} has no help text"

    def test_version(self) -> None:
        """``--version`` prints the package version and exits 0."""
        result = run("--version")
        assert result.exit_code == 0
        assert compare.__version__ in result.stdout

    def test_python_m_compare(self) -> None:
        """``python -m compare --help`` runs the same command."""
        proc = subprocess.run(
            [sys.executable, "-m", "compare", "--help"], capture_output=True, text=True, cwd=ROOT, timeout=60
        )
        assert proc.returncode == 0, proc.stderr
        assert "Usage:" in proc.stdout and "--format" in proc.stdout


class TestBlasThreads:
    """The command asks numpy's BLAS for one thread (its spinning threads cost CPU time for no
    gain), unless the user chose a number."""

    def test_one_thread_by_default(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from compare.cli import BLAS_THREADS, main

        for name in BLAS_THREADS:
            monkeypatch.delenv(name, raising=False)
        assert CliRunner().invoke(main, ["--version"]).exit_code == 0
        assert all(os.environ[name] == "1" for name in BLAS_THREADS)

    def test_the_users_choice_is_kept(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from compare.cli import BLAS_THREADS, main

        for name in BLAS_THREADS:
            monkeypatch.setenv(name, "4")
        assert CliRunner().invoke(main, ["--version"]).exit_code == 0
        assert all(os.environ[name] == "4" for name in BLAS_THREADS)


class TestCompare:
    def test_terminal_report_exit_0(self, storm_files: list[str]) -> None:
        """Two readable files are compared with exit code 0 and a report on stdout."""
        result = run(*storm_files, "--width", "100")
        assert result.exit_code == EXIT_OK == 0
        assert "Summary" in result.stdout
        assert result.stderr == ""

    def test_json_equals_to_dict(self, storm_files: list[str]) -> None:
        """``--format json`` prints exactly ``compare_files(...).to_dict()``."""
        result = run(*storm_files, "--format", "json")
        assert result.exit_code == 0
        assert json.loads(result.stdout) == compare_files(storm_files).to_dict()

    def test_markdown(self, storm_files: list[str]) -> None:
        """``--format markdown`` prints a Markdown report."""
        result = run(*storm_files, "--format", "markdown")
        assert result.exit_code == 0
        assert result.stdout.startswith("## Source comparison: 2 sources\n")
        assert "| source |" in result.stdout

    def test_labels(self, storm_files: list[str]) -> None:
        """``--label`` names the sources in order."""
        result = run(*storm_files, "--format", "json", "--label", "AP", "--label", "Times")
        assert [s["label"] for s in json.loads(result.stdout)["sources"]] == ["AP", "Times"]

    def test_threshold(self, storm_files: list[str]) -> None:
        """``--threshold`` sets the least score of a link: every matched group scores at least that."""
        matched = {}
        for threshold in ("0", "50", "100"):
            result = run(*storm_files, "--format", "json", "--threshold", threshold)
            assert result.exit_code == 0
            scores = [g["score"] for g in json.loads(result.stdout)["groups"] if g["verdict"] != "only"]
            assert all(s >= float(threshold) for s in scores)
            matched[threshold] = len(scores)
        assert matched["0"] >= matched["50"] >= matched["100"]
        assert matched["0"] > matched["100"]

    def test_sentence_score(self, storm_files: list[str]) -> None:
        """``--sentence-score`` reaches the matcher: recorded in the report, and a stricter check
        never links more."""
        matched = {}
        for least in ("0", "7", "100"):
            result = run(*storm_files, "--format", "json", "--sentence-score", least)
            assert result.exit_code == 0
            report = json.loads(result.stdout)
            assert report["options"]["sentence_score"] == float(least)
            matched[least] = sum(1 for g in report["groups"] if g["verdict"] != "only")
        assert matched["0"] >= matched["7"] >= matched["100"]
        result = run(*storm_files, "--sentence-score", "-1")
        assert result.exit_code == 2 and "-1" in result.stderr

    def test_threshold_out_of_range(self, storm_files: list[str]) -> None:
        """A threshold outside 0..100 is a usage error."""
        result = run(*storm_files, "--threshold", "150")
        assert result.exit_code == 2 and "150" in result.stderr

    def test_stdin(self, storm_files: list[str], wire: str) -> None:
        """``-`` reads one source from standard input, labelled ``stdin``."""
        result = run("-", storm_files[1], "--format", "json", input=wire)
        assert result.exit_code == 0
        report = json.loads(result.stdout)
        assert (report["sources"][0]["label"], report["sources"][0]["path"]) == ("stdin", "-")
        from_files = compare_files(storm_files).to_dict()
        assert report["units"] == from_files["units"]
        assert report["groups"] == from_files["groups"]

    def test_output_writes_file(self, storm_files: list[str], tmp_path: Path) -> None:
        """``--output FILE`` writes the report there and nothing to stdout."""
        out = tmp_path / "report.json"
        result = run(*storm_files, "--format", "json", "--output", str(out))
        assert result.exit_code == 0
        assert result.stdout == ""
        assert json.loads(out.read_text(encoding="utf-8")) == compare_files(storm_files).to_dict()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".compare-")] == []

    def test_output_replaces_file(self, storm_files: list[str], tmp_path: Path) -> None:
        """An existing output file is replaced whole."""
        out = tmp_path / "report.md"
        out.write_text("old contents " * 1000)
        assert run(*storm_files, "--format", "markdown", "-o", str(out)).exit_code == 0
        assert "old contents" not in out.read_text(encoding="utf-8")


class TestDisplay:
    def test_detail_levels(self, storm_files: list[str]) -> None:
        """``--detail summary`` prints the summary block only; ``full`` more than ``standard``."""
        out = {d: run(*storm_files, "--width", "120", "--detail", d) for d in ("summary", "standard", "full")}
        assert all(r.exit_code == 0 for r in out.values())
        assert "A–B:" in out["summary"].stdout and "Only in A" not in out["summary"].stdout
        assert "Only in A" in out["standard"].stdout
        lines = {d: len(r.stdout.splitlines()) for d, r in out.items()}
        assert lines["summary"] < lines["standard"] <= lines["full"]
        assert "Numbers and dates" in out["full"].stdout  # today's complete tables

    def test_detail_rejects_other_values(self, storm_files: list[str]) -> None:
        """An unknown ``--detail`` is a usage error."""
        result = run(*storm_files, "--detail", "everything")
        assert result.exit_code == 2 and "--detail" in result.stderr

    def test_explain_adds_lines(self, storm_files: list[str]) -> None:
        """``--explain`` adds the shared names, numbers and words under matched facts."""
        plain = run(*storm_files, "--width", "160")
        explained = run(*storm_files, "--width", "160", "--explain")
        assert "shared " not in plain.stdout and "shared " in explained.stdout

    def test_json_carries_explain_whatever_the_options(self, storm_files: list[str]) -> None:
        """The JSON report always has ``explain`` and ``strength`` on matched groups, and display
        options do not change it."""
        a = run(*storm_files, "--format", "json")
        b = run(*storm_files, "--format", "json", "--explain", "--detail", "summary")
        assert a.stdout == b.stdout
        groups = json.loads(a.stdout)["groups"]
        for g in groups:
            if g["verdict"] == "only":
                assert "explain" not in g and "strength" not in g
            else:
                assert set(g["explain"]) == {"names", "numbers", "words"}
                assert g["strength"] in ("same statement", "paraphrase", "partial")


class TestErrors:
    def test_too_few_sources(self, storm_files: list[str]) -> None:
        """One source is a usage error with exact text."""
        assert_usage_error(run(storm_files[0]), "Need at least two sources to compare, got 1.")

    def test_no_sources(self) -> None:
        """No source at all is a usage error."""
        assert_usage_error(run(), "Need at least two sources to compare, got 0.")

    def test_missing_file(self, storm_files: list[str], tmp_path: Path) -> None:
        """A missing file is named in a one-line error."""
        missing = str(tmp_path / "missing.txt")
        assert_usage_error(run(storm_files[0], missing), f"Cannot read {missing}: no such file.")

    def test_empty_file(self, storm_files: list[str], tmp_path: Path) -> None:
        """An empty file is a usage error."""
        empty = tmp_path / "empty.txt"
        empty.write_text("")
        assert_usage_error(run(storm_files[0], str(empty)), f"{empty} is empty.")

    def test_label_count(self, storm_files: list[str]) -> None:
        """A wrong number of labels is a usage error."""
        assert_usage_error(run(*storm_files, "--label", "one"), "Got 1 --label values for 2 sources.")

    def test_stdin_twice(self, storm_files: list[str]) -> None:
        """Standard input can be named only once."""
        assert_usage_error(run("-", "-", input="Text."), "Standard input (-) can be given only once.")

    def test_unknown_format(self, storm_files: list[str]) -> None:
        """An unknown format is a click usage error (exit 2) listing the choices."""
        result = run(*storm_files, "--format", "pdf")
        assert result.exit_code == 2
        assert "pdf" in result.stderr and "terminal" in result.stderr
        assert "Traceback" not in result.stderr

    def test_output_folder_missing(self, storm_files: list[str], tmp_path: Path) -> None:
        """Writing into a folder that does not exist fails cleanly and writes nothing."""
        out = tmp_path / "nowhere" / "report.txt"
        result = run(*storm_files, "--output", str(out))
        assert_usage_error(result, f"Cannot write {out}: folder {out.parent} does not exist.")
        assert not out.parent.exists()

    def test_failed_report_leaves_no_file(self, storm_files: list[str], tmp_path: Path) -> None:
        """When the comparison cannot be made (a source is missing), no output file is created."""
        out = tmp_path / "report.html"
        result = run(storm_files[0], str(tmp_path / "missing.txt"), "--format", "html", "--output", str(out))
        assert result.exit_code == 2 and result.stderr.startswith("Error: ")
        assert list(tmp_path.glob("report*")) == []
