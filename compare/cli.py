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
    exit_code = EXIT_USAGE


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1, metavar="A B [C ...]")
@click.option(
    "--format", "fmt", type=click.Choice(["terminal", "json", "markdown", "html"]), default="terminal",
    show_default=True, help="Report format.",
)  # fmt: skip
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout.")
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

    if len(sources) < 2:
        raise _Fail(f"Need at least two sources to compare, got {len(sources)}.")
    if labels and len(labels) != len(sources):
        raise _Fail(f"Got {len(labels)} --label values for {len(sources)} sources.")
    options = {} if threshold is None else {"threshold": threshold}
    try:
        result = compare_files(list(sources), labels=list(labels) or None, **options)
    except CompareError as e:
        raise _Fail(str(e).rstrip(".") + ".") from None
    text = _render(result, fmt, width, color, to_terminal=output is None and sys.stdout.isatty())
    if output:
        _write_atomically(output, text)
    else:
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


def _write_atomically(path: str, text: str) -> None:
    """Write to a temporary file next to ``path`` and rename it, so no half-written report is left."""
    import os
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise _Fail(f"Cannot write {path}: folder {folder} does not exist.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".compare-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise _Fail(f"Cannot write {path}: {e.strerror or e}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise _Fail(f"Cannot write {path}: {e.strerror or e}.") from None
        raise
