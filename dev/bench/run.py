"""``make bench``: time compare-sources against the naive matcher, in one run, on this machine.

Prints one Markdown table (median of several runs, peak memory of the process that did the
work) and the targets of issue 7. Every measurement runs in a fresh child process, so caches
start cold and ``ru_maxrss`` is the peak of that measurement alone; the long-document children
import their modules (and warm up on a two-line comparison) before the clock starts, so start-up
is shown once, in its own rows, and not folded into every figure.

Long documents are built from the ECB+ development articles (one sentence per line): the
articles are shuffled with a fixed seed and concatenated until the document has the wanted
number of sentences (the corpus has about 4,900, so 20,000 sentences cycle through it four
times). Document A uses seed 1, document B seed 2.

The naive matcher is the obvious approach: every sentence of A against every sentence of B with
rapidfuzz ``token_set_ratio`` (``process.cdist``, one thread, as our matcher uses), then a
one-to-one assignment with ``scipy.optimize.linear_sum_assignment``. It gets the same units
(compare-sources' segmentation), so "matching" compares like with like; "end to end" adds the
segmentation.

End-to-end rows run every stage of ``compare_texts`` (``staged_compare``, in the order of
``compare.compare_articles``) on the paragraphs and on one paragraph with unpaired quotation marks
(``flat_document``), with each stage's CPU time.

Usage: ``python -m dev.bench.run [--shared ../shared] [--repeat 3] [--huge 20000] [--strict]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compare.model import Article, Comparison
    from compare.options import MatchOptions

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [ROOT / "seeds" / "washington-post.txt", ROOT / "seeds" / "new-york-post.txt"]
DEFAULT_SHARED = ROOT.parent / "shared"
ECB_SETS = Path("data") / "ecbplus" / "sets"
DEFAULT_SET = "t12_ecb"
"""The ECB+ set compared N-way: 20 articles, one of the largest sets of the development slice."""
THRESHOLD = 50.0
"""Naive matcher: an assigned pair counts as a match from this token_set_ratio on."""


# --------------------------------------------------------------------------- documents


def ecb_articles(sets_dir: Path) -> list[str]:
    """The texts of every ECB+ development article, in a fixed order (set, then file name)."""
    files = sorted(sets_dir.glob("*/*.txt"))
    if not files:
        raise SystemExit(f"Error: no ECB+ articles under {sets_dir} (use --shared DIR).")
    return [f.read_text(encoding="utf-8") for f in files]


def long_document(articles: list[str], sentences: int, seed: int) -> str:
    """``sentences`` lines of ECB+ articles, concatenated in an order shuffled with ``seed``.

    Articles are kept whole (one blank line between them) except the last, which is cut; when
    the corpus is used up it is shuffled again and reused.
    """
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < sentences:
        order = list(range(len(articles)))
        rng.shuffle(order)
        for i in order:
            lines = [line.strip() for line in articles[i].splitlines() if line.strip()][: sentences - count]
            if lines:
                paragraphs.append("\n".join(lines))
                count += len(lines)
            if count >= sentences:
                break
    return "\n\n".join(paragraphs) + "\n"


def flat_document(articles: list[str], sentences: int, seed: int) -> str:
    """``sentences`` ECB+ sentences in an order shuffled with ``seed``, all on one line (one paragraph).

    Sentences of all articles are shuffled together, so a quotation that runs over two lines of
    an article is cut apart: its opening mark stays unpaired, as in text pasted from web pages.
    When the corpus is used up it is shuffled again and reused.
    """
    rng = random.Random(seed)
    lines = [line.strip() for a in articles for line in a.splitlines() if line.strip()]
    out: list[str] = []
    while len(out) < sentences:
        order = lines[:]
        rng.shuffle(order)
        out.extend(order[: sentences - len(out)])
    return " ".join(out) + "\n"


LAYOUTS = {"paragraphs": long_document, "one paragraph": flat_document}
"""How the long documents are laid out: one line per sentence with articles as paragraphs, or
everything on one line with unpaired quotation marks."""

E2E_KINDS = {"e2e-para": "paragraphs", "e2e-flat": "one paragraph"}
"""Child kinds of the end-to-end measurements and the layout each uses."""

STAGES = ("segment", "features", "match", "classify", "ledger", "tables", "explain")
"""The stages of ``compare.compare_articles``, in its order (its ``on_stage`` names): "tables" is the
names and numbers tables, "explain" the groups' strengths and explanations."""


def staged_compare(
    articles: Sequence[Article], options: MatchOptions | None = None
) -> tuple[Comparison, dict[str, float]]:
    """``compare.compare_articles``, stage by stage in the same order, with each stage's CPU seconds.

    ``tests/test_bench.py`` checks that the result equals ``compare_articles``'s.
    """
    from compare.pipeline import compare_articles

    cpu: dict[str, float] = {}
    clock = time.process_time()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.process_time()
        cpu[stage] = now - clock
        clock = now

    result = compare_articles(articles, options, on_stage=lap)
    return result, cpu


# --------------------------------------------------------------------------- children


def child_e2e(layout: str, sentences: int, shared: Path) -> dict[str, float]:
    """One end-to-end measurement: every stage of ``compare_texts`` on two long documents."""
    from compare import compare_texts
    from compare.ingest import articles_from_texts

    compare_texts(["Putin spoke to Trump on Monday.", "On Monday Trump and Putin spoke."])  # imports, warm-up
    arts = ecb_articles(shared / ECB_SETS)
    make = LAYOUTS[layout]
    texts = [make(arts, sentences, 1), make(arts, sentences, 2)]
    t0, c0 = time.perf_counter(), time.process_time()
    articles = articles_from_texts(texts, ["long-a", "long-b"])
    result, cpu = staged_compare(articles)
    out: dict[str, float] = {"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0}
    out.update({f"cpu_{k}": v for k, v in cpu.items()})
    out.update(report_cpu(result))
    out["units"] = len(result.units)
    out["longest"] = max(len(u.text) for u in result.units)
    out["quotes"] = len(result.quotes)
    return out


REPORTS = ("terminal", "json")
"""The reports whose rendering the end-to-end rows time after the comparison (``report_cpu``)."""


def report_cpu(result: Comparison) -> dict[str, float]:
    """CPU seconds to render ``result`` as the command does after the comparison: the terminal
    report (rich, width 120, no colour, into a buffer) and the JSON report."""
    import io

    from rich.console import Console

    from compare.report.json import render as render_json
    from compare.report.terminal import render as render_terminal

    out: dict[str, float] = {}
    c0 = time.process_time()
    console = Console(file=io.StringIO(), width=120, force_terminal=False, no_color=True, color_system=None,
                      highlight=False, emoji=False, legacy_windows=False)  # fmt: skip
    for part in render_terminal(result):
        console.print(part)
    out["cpu_report_terminal"] = time.process_time() - c0
    c0 = time.process_time()
    render_json(result)
    out["cpu_report_json"] = time.process_time() - c0
    return out


def child(kind: str, sentences: int, shared: Path) -> dict[str, float]:
    """Run one measurement in this process and return its figures (printed as JSON by ``main``)."""
    import numpy as np
    from rapidfuzz import fuzz, process, utils
    from scipy.optimize import linear_sum_assignment

    from compare import compare_texts
    from compare.classify import classify
    from compare.features import extract
    from compare.ingest import articles_from_texts
    from compare.match import align
    from compare.options import MatchOptions
    from compare.segment import segment

    compare_texts(["Putin spoke to Trump on Monday.", "On Monday Trump and Putin spoke."])  # imports, warm-up
    arts = ecb_articles(shared / ECB_SETS)
    texts = [long_document(arts, sentences, 1), long_document(arts, sentences, 2)]
    articles = articles_from_texts(texts, ["long-a", "long-b"])

    t0, c0 = time.perf_counter(), time.process_time()
    units = [u for a in articles for u in segment(a)]
    t1, c1 = time.perf_counter(), time.process_time()
    out: dict[str, float] = {"units": len(units), "segment": t1 - t0, "segment_cpu": c1 - c0}
    if kind == "ours":
        feats = extract(articles, units)
        groups = classify(units, feats, align(units, feats, MatchOptions()))
        out["match"], out["match_cpu"] = time.perf_counter() - t1, time.process_time() - c1
        out["groups"] = len(groups)
        out["matched"] = sum(1 for g in groups if len(g.units) > 1)
    else:
        a = [u.text for u in units if u.source == "A"]
        b = [u.text for u in units if u.source == "B"]
        sim = process.cdist(a, b, scorer=fuzz.token_set_ratio, processor=utils.default_process,
                            dtype=np.float32, workers=1)  # fmt: skip
        rows, cols = linear_sum_assignment(sim, maximize=True)
        out["match"], out["match_cpu"] = time.perf_counter() - t1, time.process_time() - c1
        out["matched"] = int((sim[rows, cols] >= THRESHOLD).sum())
    return out


# --------------------------------------------------------------------------- parent


@dataclass
class Row:
    """One line of the table: the figures of each run of one measurement."""

    case: str
    note: str = ""
    units: int | None = None
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    match_wall: list[float] = field(default_factory=list)
    match_cpu: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    stages: dict[str, list[float]] = field(default_factory=dict)
    """End-to-end rows: CPU seconds of each stage, per run."""
    longest: int | None = None


def _run(cmd: list[str]) -> tuple[float, float, float, str]:
    """Run ``cmd``; return its wall seconds, CPU seconds, peak resident memory (MB) and stdout."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)  # the rusage of this child alone
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            sys.exit(f"Error: {shlex.join(cmd)} failed: {err.read().decode(errors='replace').strip()}")
        rss_mb = usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 1024)
        return wall, usage.ru_utime + usage.ru_stime, rss_mb, out.read().decode()


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "compare-sources"
    return [str(script)] if script.exists() else [sys.executable, "-m", "compare"]


def _med(xs: list[float]) -> float:
    return float(statistics.median(xs))


def _fmt(xs: list[float], digits: int = 2) -> str:
    return f"{_med(xs):,.{digits}f}" if xs else ""


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    p.add_argument("--shared", type=Path, default=Path(os.environ.get("COMPARE_SHARED", DEFAULT_SHARED)),
                   help="Folder holding data/ecbplus/sets (default: ../shared next to the repository).")  # fmt: skip
    p.add_argument("--repeat", type=int, default=3, help="Runs per measurement; the table shows the median.")
    p.add_argument("--sizes", type=int, nargs=2, default=(2000, 4000), help="Sentences per long document.")
    p.add_argument("--huge", type=int, default=20000, help="Sentences per document of the memory run (0: skip).")
    p.add_argument("--set", default=DEFAULT_SET, help="ECB+ set compared N-way.")
    p.add_argument("--strict", action="store_true", help="Exit 1 when a target is missed.")
    p.add_argument("--child", nargs=2, metavar=("KIND", "SENTENCES"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    shared = args.shared.resolve()

    if args.child:
        kind, n = args.child[0], int(args.child[1])
        if kind in E2E_KINDS:
            print(json.dumps(child_e2e(E2E_KINDS[kind], n, shared)))
        else:
            print(json.dumps(child(kind, n, shared)))
        return 0

    sets_dir = shared / ECB_SETS
    ecb_articles(sets_dir)  # fail early, with a one-line error, when the data is missing
    set_files = sorted(str(f) for f in (sets_dir / args.set).glob("*.txt"))
    cli, py = _cli(), sys.executable
    rows: list[Row] = []

    def command(case: str, cmd: list[str]) -> None:
        _progress(f"{case} ...")
        row = Row(case)
        for _ in range(args.repeat):
            wall, cpu, rss, _out = _run(cmd)
            row.wall.append(wall)
            row.cpu.append(cpu)
            row.rss.append(rss)
        rows.append(row)

    command('`python -c "import compare"`', [py, "-c", "import compare"])
    command("`compare-sources --help`", [*cli, "--help"])
    command("2 seed articles, CLI, `--format json`", [*cli, *map(str, SEEDS), "--format", "json"])
    command(f"ECB+ {args.set}, {len(set_files)} articles N-way, CLI", [*cli, *set_files, "--format", "json"])

    # The long-document and end-to-end measurements run round-robin: one run of each in turn, then the
    # next round, so that a drift of the machine's speed over the minutes of the bench touches every
    # row alike (the ratios and growth figures compare rows of one run).
    small, large = args.sizes
    plans: list[tuple[str, int, int]] = [("ours", small, args.repeat), ("ours", large, args.repeat),
                                         ("naive", small, args.repeat), ("naive", large, 1)]  # fmt: skip
    if args.huge:
        plans.append(("ours", args.huge, 1))
    plans += [(kind, n, args.repeat) for kind in E2E_KINDS for n in (small, large)]
    if args.huge:
        plans.append(("e2e-para", args.huge, 1))
    long: dict[tuple[str, int], Row] = {}
    e2e: dict[tuple[str, int], Row] = {}
    for kind, n, repeat in plans:
        note = "1 run" if repeat == 1 < args.repeat else ""
        if kind in E2E_KINDS:
            e2e[kind, n] = Row(f"compare_texts end to end, 2 x {n:,} sentences, {E2E_KINDS[kind]}", note=note)
        else:
            who = "compare-sources" if kind == "ours" else "naive matcher"
            long[kind, n] = Row(f"{who}, 2 x {n:,} sentences", note=note)
    for round_ in range(max(repeat for _, _, repeat in plans)):
        _progress(f"long documents and end to end, round {round_ + 1} of {args.repeat} ...")
        for kind, n, repeat in plans:
            if round_ >= repeat:
                continue
            _w, _c, rss, out = _run([py, "-m", "dev.bench.run", "--shared", str(shared), "--child", kind, str(n)])
            fig = json.loads(out.strip().splitlines()[-1])
            row = e2e[kind, n] if kind in E2E_KINDS else long[kind, n]
            row.units = int(fig["units"])
            row.rss.append(rss)
            if kind in E2E_KINDS:
                row.longest = int(fig["longest"])
                row.wall.append(fig["wall"])
                row.cpu.append(fig["cpu"])
                row.match_cpu.append(fig["cpu_match"])
                for stage in (*STAGES, *(f"report_{report}" for report in REPORTS)):
                    row.stages.setdefault(stage, []).append(fig[f"cpu_{stage}"])
            else:
                row.wall.append(fig["segment"] + fig["match"])
                row.cpu.append(fig["segment_cpu"] + fig["match_cpu"])
                row.match_wall.append(fig["match"])
                row.match_cpu.append(fig["match_cpu"])
    rows += [*long.values(), *e2e.values()]

    print(_table(rows, args))
    print()
    print(_stage_table(list(e2e.values())))
    ok = _targets(rows, long, args)
    ok = _e2e_targets(e2e, long, args) and ok
    return 1 if args.strict and not ok else 0


def _table(rows: list[Row], args: argparse.Namespace) -> str:
    head = ["case", "units", "wall (s)", "CPU (s)", "matching, CPU (s)", "peak memory (MB)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for r in rows:
        case = f"{r.case} ({r.note})" if r.note else r.case
        units = f"{r.units:,}" if r.units else ""
        lines.append(f"| {case} | {units} | {_fmt(r.wall)} | {_fmt(r.cpu)} | {_fmt(r.match_cpu)} | {_fmt(r.rss, 0)} |")
    lines += [
        "",
        f"Median of {args.repeat} runs, each in a fresh process, on {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPUs ({platform.machine()}), {time.strftime('%Y-%m-%d')}. "
        "Long documents: the wall and CPU columns cover segmentation and matching (after start-up); "
        "matching is features, candidate search, scoring, alignment and verdicts for compare-sources, "
        "and cdist plus assignment for the naive matcher, on the same units.",
    ]
    return "\n".join(lines)


def _stage_table(rows: list[Row]) -> str:
    """Each end-to-end row's CPU time by stage, as shares of the whole."""
    head = ["end to end", "longest unit (chars)", *STAGES, *(f"{r} report" for r in REPORTS)]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for r in rows:
        med = {k: _med(v) for k, v in r.stages.items()}
        total = sum(med[k] for k in STAGES) or 1.0
        shares = [f"{med[k]:.2f} s ({100 * med[k] / total:.0f}%)" for k in STAGES]
        reports = [f"{med[f'report_{k}']:.2f} s" for k in REPORTS]
        lines.append(
            f"| {r.case.removeprefix('compare_texts end to end, ')} | {r.longest or 0:,} | "
            f"{' | '.join([*shares, *reports])} |"
        )
    lines += ["", "CPU seconds of each stage (median of the runs) and its share of the stages' total. "
              '"tables" is the names and numbers tables. The CPU column of the first table adds reading '
              "the texts into articles. The two report columns are not in that total: the CPU time to "
              "render the result as the command does after the comparison (the terminal report at width "
              "120 without colour, and the JSON report)."]  # fmt: skip
    return "\n".join(lines)


def _e2e_targets(e2e: dict[tuple[str, int], Row], long: dict[tuple[str, int], Row], args: argparse.Namespace) -> bool:
    small, large = args.sizes
    naive = _med(long["naive", small].match_cpu)
    checks: list[tuple[str, bool]] = []
    for kind, layout in E2E_KINDS.items():
        s, l_ = e2e[kind, small], e2e[kind, large]
        speed = naive / _med(s.cpu)
        checks.append((f"end to end, {layout}, 2 x {small:,} sentences: {speed:.1f} times faster than the naive "
                       f"matcher (its matching CPU, paragraphs); target at least 20", speed >= 20))  # fmt: skip
        growth = _med(l_.cpu) / _med(s.cpu)
        checks.append((f"end to end, {layout}, 2 x {small:,} -> 2 x {large:,}: CPU time grows {growth:.2f} times; "
                       "target at most 2.2", growth <= 2.2))  # fmt: skip
    if args.huge:
        peak = _med(e2e["e2e-para", args.huge].rss)
        checks.append((f"end to end, 2 x {args.huge:,} sentences: peak memory {peak:,.0f} MB; target under 1,024 MB",
                       peak < 1024))  # fmt: skip
    for text, ok in checks:
        print(f"- {'met' if ok else 'MISSED'}: {text}")
    return all(ok for _, ok in checks)


def _targets(rows: list[Row], long: dict[tuple[str, int], Row], args: argparse.Namespace) -> bool:
    small, large = args.sizes
    ours_s, ours_l, naive_s = long["ours", small], long["ours", large], long["naive", small]
    checks: list[tuple[str, bool]] = []
    speed = _med(naive_s.match_cpu) / _med(ours_s.match_cpu)
    speed_wall = _med(naive_s.match_wall) / _med(ours_s.match_wall)
    checks.append((f"2 x {small:,} sentences: matching is {speed:.1f} times faster than the naive matcher in CPU "
                   f"time ({speed_wall:.1f} in wall time); target at least 10", speed >= 10))  # fmt: skip
    growth = _med(ours_l.match_cpu) / _med(ours_s.match_cpu)
    growth_all = _med(ours_l.cpu) / _med(ours_s.cpu)
    checks.append((f"2 x {small:,} -> 2 x {large:,}: matching CPU time grows {growth:.2f} times "
                   f"({growth_all:.2f} with segmentation); target at most 2.5", growth <= 2.5))  # fmt: skip
    if args.huge:
        peak = _med(long["ours", args.huge].rss)
        checks.append((f"2 x {args.huge:,} sentences: peak memory {peak:,.0f} MB; target under 1,024 MB", peak < 1024))
    helps = _med(rows[1].wall)
    checks.append((f"`compare-sources --help` takes {helps:.2f} s; target under 0.5 s", helps < 0.5))
    print()
    for text, ok in checks:
        print(f"- {'met' if ok else 'MISSED'}: {text}")
    return all(ok for _, ok in checks)


if __name__ == "__main__":
    sys.exit(main())
