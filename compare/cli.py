"""The ``compare-sources`` command: parse options, call the library, print the report.

Exit codes
----------
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import click

from compare import CompareError, compare_files
from compare.errors import one_line
from compare.model import Comparison
from compare.options import Detail, MatchOptions, ReportOptions
from compare.util import paused_gc

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
"""The sources were compared and no ``--fail-on`` condition held."""
EXIT_CONDITION = 1
"""The sources were compared, the report written, and a ``--fail-on`` condition held (for CI)."""
EXIT_USAGE = 2
"""Bad usage or unusable input: a one-line ``Error: ...`` on stderr, no report."""


class _Fail(click.ClickException):
    """Printed by click as one line ``Error: <message>`` on stderr; exits with :data:`EXIT_USAGE`."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message.rstrip(".") + "."))


def _matcher_options(command: F) -> F:
    """The options that set the matcher (``MatchOptions``), shared by both commands."""
    command = click.option("--sentence-score", type=click.FloatRange(0, 100), default=None,
                           help="No longer used (accepted so that existing scripts keep working): the fact "
                                "model weighs the two units alone.")(command)  # fmt: skip
    return click.option("--threshold", type=click.FloatRange(0, 100), default=None,
                        help="Minimum similarity (0-100) for two units to count as the same fact (default: "
                             "the cross-validated level in compare/weights/fact.json).")(command)  # fmt: skip


def _match_options(threshold: float | None, sentence_score: float | None) -> dict[str, Any]:
    """The MatchOptions fields given on the command line."""
    given = {"threshold": threshold, "sentence_score": sentence_score}
    return {k: v for k, v in given.items() if v is not None}


class _UsageLine(click.ClickException):
    """A usage error shown as the contract's one line ``Error: ...`` (exit 2), not click's usage block."""

    exit_code = 2

    @classmethod
    def of(cls, e: click.UsageError) -> _UsageLine:
        message = " ".join(e.format_message().split())
        command = e.ctx.command_path if e.ctx is not None else "compare-sources"
        command = command.removesuffix(" compare")  # the default command: its options are the top --help
        return cls(f"{message} (see '{command} --help')")


class _Command(click.Command):
    """A command whose usage errors are one line (``_UsageLine``), as the contract asks of exit 2."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as e:
            raise _UsageLine.of(e) from e


@click.command(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1, metavar="A B [C ...]")
@click.option(
    "--format", "fmt", type=click.Choice(["terminal", "json", "markdown", "html"]), default="terminal",
    show_default=True, help="Report format.",
)  # fmt: skip
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE (all or nothing) instead of stdout.")
@click.option("--label", "labels", multiple=True, help="Name for each source, in order (default: file names).")
@_matcher_options
@click.option("--width", type=click.IntRange(40, 1000), default=None, help="Terminal report width in columns.")
@click.option("--color/--no-color", default=None, help="Force colours on or off (default: only on a terminal).")
@click.option("--detail", type=click.Choice(["summary", "standard", "full"]), default="standard", show_default=True,
              help="How much the terminal, Markdown and HTML reports show: summary (one line per pair of "
                   "sources), standard (also what they report differently, what both report, what each "
                   "alone reports and the quotations that matter, ten rows each), full (every row and "
                   "every table).")  # fmt: skip
@click.option("--explain", is_flag=True,
              help="Under each matched fact, the names, numbers and words its units share (the JSON report "
                   "always carries them, as groups[].explain).")  # fmt: skip
@click.option("--fail-on", "fail_on", multiple=True, type=click.Choice(["differ", "omission"]),
              help="Exit 1 (after writing the report) when a fact is reported differently (differ) or some source "
                   "leaves out a fact another reports (omission). Repeatable.")  # fmt: skip
@click.option("--max-only", type=click.IntRange(0), default=None, metavar="N",
              help="Exit 1 when more than N facts are reported by a single source (all sources together).")  # fmt: skip
@click.option("--min-agree", type=click.FloatRange(0, 1), default=None, metavar="FRACTION",
              help="Exit 1 when the share of shared facts that agree, agree / (agree + differ), is below FRACTION "
                   "(0 to 1; 0 when no fact is shared).")  # fmt: skip
@click.version_option(package_name="compare-sources")
def cli(
    sources: tuple[str, ...],
    fmt: str,
    output: str | None,
    labels: tuple[str, ...],
    threshold: float | None,
    sentence_score: float | None,
    width: int | None,
    color: bool | None,
    detail: str,
    explain: bool,
    fail_on: tuple[str, ...],
    max_only: int | None,
    min_agree: float | None,
) -> None:
    """Compare news articles about the same event.

    Lines up the sentences of two or more articles (files, or - for standard input) that report the
    same fact, and shows where the sources agree, where they report it differently, and what each
    leaves out.

    For CI, --fail-on, --max-only and --min-agree make the command exit 1 when their condition
    holds; the report is written first, and each condition that held is named on stderr.
    """
    if len(sources) < 2:
        raise _Fail(f"Need at least two sources to compare, got {len(sources)}.")
    if labels and len(labels) != len(sources):
        raise _Fail(f"Got {len(labels)} --label values for {len(sources)} sources.")
    from compare.gate import GateOptions, evaluate  # lazy: ~4 ms off `--help`
    from compare.ingest import check_output, write_report  # lazy: ~3 ms off `--help`

    options = _match_options(threshold, sentence_score)
    try:
        gate = GateOptions(fail_on=frozenset(fail_on), max_only=max_only, min_agree=min_agree)
        if output is not None:
            check_output(output, sources)  # refuse a bad --output before spending time comparing
        with paused_gc():  # the process's GC policy, set here at the edge (see compare.util.paused_gc)
            result = compare_files(list(sources), labels=list(labels) or None, **options)
        to_terminal = output is None and sys.stdout.isatty()
        report = ReportOptions(width=width, color=to_terminal if color is None else color, detail=Detail(detail),
                               explain=explain)  # fmt: skip
        text = _render(result, fmt, report)
        if output is not None:
            write_report(output, text)
    except CompareError as e:
        raise _Fail(str(e)) from None
    if output is None:
        click.echo(text, nl=False, color=color)  # click strips escape codes when piped unless told
    failures = evaluate(result, gate)
    for f in failures:
        click.echo(f"Failed ({_OPTION[f.condition]}): {f.message}.", err=True)
    if failures:
        click.get_current_context().exit(EXIT_CONDITION)


_OPTION = {"differ": "--fail-on differ", "omission": "--fail-on omission", "max-only": "--max-only",
           "min-agree": "--min-agree"}  # fmt: skip
"""The option that set each gate condition, named in the failure message."""


def _render(result: object, fmt: str, options: ReportOptions) -> str:
    assert isinstance(result, Comparison)
    if fmt == "json":
        from compare.report.json import render  # lazy: ~2 ms off `--help`

        return render(result)
    if fmt == "markdown":
        from compare.report.markdown import render as render_md  # lazy: loads compare.analyze; not on `--help`

        return render_md(result, options)
    if fmt == "html":
        from compare.report.html import render as render_html  # lazy: as above

        return render_html(result, options)
    from rich.console import Console  # lazy: rich (~20 ms) is not loaded by `--help`

    from compare.report.terminal import render as render_terminal  # lazy: loads rich and compare.analyze

    use_color = bool(options.color)
    width = options.width
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width or shutil.get_terminal_size((100, 24)).columns,
        force_terminal=use_color,
        no_color=not use_color,
        color_system="auto" if use_color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for part in render_terminal(result, options):
        console.print(part)
        console.print()
    return buf.getvalue()


# --------------------------------------------------------------------------- corpus mode


@click.command(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("folder", metavar="DIR")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="JSON Lines file: one record per story is appended as it finishes; stories already there are "
                   "skipped.")  # fmt: skip
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Run on this Dask scheduler (default: a local Dask cluster on this machine).")  # fmt: skip
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Worker processes of the local Dask cluster (default: one per CPU).")  # fmt: skip
@click.option("--serial", is_flag=True, help="Compare the stories one at a time in this process, without Dask.")
@click.option("--pattern", default="*.txt", show_default=True, help="Which files of a story folder are articles.")
@_matcher_options
@click.option("--width", type=click.IntRange(40, 1000), default=None, help="Summary table width in columns.")
def corpus(
    folder: str,
    output: str,
    scheduler: str | None,
    workers: int | None,
    serial: bool,
    pattern: str,
    threshold: float | None,
    sentence_score: float | None,
    width: int | None,
) -> None:
    """Compare every story of a corpus N-way, on Dask.

    DIR holds one folder per story with its articles. Each story is compared as one task, and its
    record (the JSON report and counts) is appended to --output as soon as it finishes, so an
    interrupted run loses nothing: running again with the same --output skips the stories already
    there. A summary table across stories follows.

    Dask is an optional extra (pip install 'compare-sources[dask]'); without it the stories are
    compared one at a time.
    """
    from rich.console import Console  # lazy: rich (~20 ms) is not loaded by `--help`
    from rich.progress import (  # lazy: same
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from compare.corpus import CorpusRun, read_records, summarize  # lazy: ~14 ms off `--help`
    from compare.report.corpus import render  # lazy: loads rich

    err = Console(stderr=True, highlight=False)
    options = replace(MatchOptions(), **_match_options(threshold, sentence_score))
    try:
        run = CorpusRun(folder, output, options=options, pattern=pattern, scheduler=scheduler, workers=workers,
                        serial=serial)  # fmt: skip
        if run.serial and not serial:
            err.print("Dask is not installed, so stories are compared one at a time "
                      "(pip install 'compare-sources[dask]' to use every core).")  # fmt: skip
        if run.skipped:
            err.print(f"{run.skipped} of {len(run.stories)} stories already in {output}: skipped.")
        columns = (TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn())  # fmt: skip
        if run.todo:
            with Progress(*columns, console=err, transient=False) as progress:
                task = progress.add_task("stories", total=len(run.todo))
                for record in run:
                    progress.update(task, advance=1, description=f"stories ({record['story']})")
                progress.update(task, description="stories")
        records = read_records(output)
    except CompareError as e:
        raise _Fail(str(e).rstrip(".") + ".") from None
    out = Console(width=width or shutil.get_terminal_size((100, 24)).columns, highlight=False)
    for part in render(summarize(records)):
        out.print(part)
    if run.failed:
        for line in run.failed:
            err.print(f"failed: {line}", markup=False)
        n = len(run.failed)
        raise _Fail(f"{n} {'story' if n == 1 else 'stories'} failed and {'was' if n == 1 else 'were'} not written; "
                    "run again to retry.")  # fmt: skip


BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")
"""The variables that size the thread pools of the BLAS libraries numpy and scipy may load."""


def _one_blas_thread() -> None:
    """Ask numpy's BLAS for one thread, unless the user set its variables (read when numpy loads).

    The matcher does no dense linear algebra worth a thread pool, but OpenBLAS starts one per CPU
    at import and its threads spin after each call: measured on the two seed articles, about
    0.25 s of CPU time out of 0.9 s, for the same wall time. Corpus mode runs stories in
    parallel instead (its Dask workers inherit the setting).
    """
    for name in BLAS_THREADS:
        os.environ.setdefault(name, "1")


class _Main(click.Group):
    """``compare-sources A B ...`` compares sources; ``compare-sources corpus DIR`` runs corpus mode.

    Any first argument that is not a command name goes to ``compare``, so the plain form keeps
    working; ``--help`` shows compare's options followed by the commands.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        _one_blas_thread()
        return super().main(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help", "--version")):
            args = ["compare", *args]
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as e:
            raise _UsageLine.of(e) from e

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        compare = self.commands["compare"]
        with compare.make_context(ctx.info_name, [], parent=ctx.parent, resilient_parsing=True) as sub:
            compare.format_help(sub, formatter)
        rows = [(name, ("(default) " if name == "compare" else "") + cmd.get_short_help_str(limit=70))
                for name, cmd in self.commands.items()]  # fmt: skip
        with formatter.section("Commands"):
            formatter.write_dl(rows)


main = _Main(
    name="compare-sources",
    commands={"compare": cli, "corpus": corpus},
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Compare news articles about the same event (compare-sources A B), or every story of a corpus.",
)
"""The ``compare-sources`` entry point: ``compare`` (the default command) and ``corpus``."""
main = click.version_option(package_name="compare-sources")(main)
