"""The ``compare-sources`` command: parse options, call the library, print the report.

Exit codes
----------
"""

from __future__ import annotations

import sys

import click

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
        from compare.errors import one_line

        super().__init__(one_line(message.rstrip(".") + "."))


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1, metavar="A B [C ...]")
@click.option(
    "--format", "fmt", type=click.Choice(["terminal", "json", "markdown", "html"]), default="terminal",
    show_default=True, help="Report format.",
)  # fmt: skip
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE (all or nothing) instead of stdout.")
@click.option("--label", "labels", multiple=True, help="Name for each source, in order (default: file names).")
@click.option("--threshold", type=click.FloatRange(0, 100), default=None,
              help="Similarity (0-100) above which two units count as the same fact.")  # fmt: skip
@click.option("--width", type=click.IntRange(40, 1000), default=None, help="Terminal report width in columns.")
@click.option("--color/--no-color", default=None, help="Force colours on or off (default: only on a terminal).")
@click.version_option(package_name="compare-sources")
def cli(
    sources: tuple[str, ...],
    fmt: str,
    output: str | None,
    labels: tuple[str, ...],
    threshold: float | None,
    width: int | None,
    color: bool | None,
) -> None:
    """Compare news articles about the same event.

    Lines up the sentences of two or more articles (files, or - for standard input) that report the
    same fact, and shows where the sources agree, where they report it differently, and what each
    leaves out.
    """
    from compare import CompareError, compare_files
    from compare.ingest import check_output, write_report

    if len(sources) < 2:
        raise _Fail(f"Need at least two sources to compare, got {len(sources)}.")
    if labels and len(labels) != len(sources):
        raise _Fail(f"Got {len(labels)} --label values for {len(sources)} sources.")
    options = {} if threshold is None else {"threshold": threshold}
    try:
        if output is not None:
            check_output(output, sources)  # refuse a bad --output before spending time comparing
        result = compare_files(list(sources), labels=list(labels) or None, **options)
        text = _render(result, fmt, width, color, to_terminal=output is None and sys.stdout.isatty())
        if output is not None:
            write_report(output, text)
    except CompareError as e:
        raise _Fail(str(e)) from None
    if output is None:
        click.echo(text, nl=False, color=color)  # click strips escape codes when piped unless told


def _render(result: object, fmt: str, width: int | None, color: bool | None, *, to_terminal: bool) -> str:
    from compare.model import Comparison

    assert isinstance(result, Comparison)
    if fmt == "json":
        from compare.report.json import render

        return render(result)
    if fmt == "markdown":
        from compare.report.markdown import render as render_md

        return render_md(result)
    if fmt == "html":
        raise _Fail("The html format is not available yet.")
    from rich.console import Console

    from compare.report.terminal import render as render_terminal

    use_color = to_terminal if color is None else color
    import io
    import shutil

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
    for part in render_terminal(result):
        console.print(part)
        console.print()
    return buf.getvalue()
