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

Usage: ``python -m tests.bench.run [--shared ../shared] [--repeat 3] [--huge 20000] [--strict]``
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
from dataclasses import dataclass, field
from pathlib import Path

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


# --------------------------------------------------------------------------- children


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
    from compare.model import MatchOptions
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
    case: str
    command: str
    wall: list[float] = field(default_factory=list)
    match: list[float] = field(default_factory=list)
    segment: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    units: int | None = None
    note: str = ""


def _run(cmd: list[str]) -> tuple[float, float, str]:
    """Run ``cmd`` with its output in a temporary file; return wall seconds, peak RSS in MB, stdout."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            raise SystemExit(f"Error: {shlex.join(cmd)} failed:\n{err.read().decode(errors='replace')}")
        rss_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
        return wall, rss_mb, out.read().decode()


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "compare-sources"
    return [str(script)] if script.exists() else [sys.executable, "-m", "compare"]


def _fmt(xs: list[float], digits: int = 2) -> str:
    return f"{statistics.median(xs):.{digits}f}" if xs else ""


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--shared", type=Path, default=Path(os.environ.get("COMPARE_SHARED", DEFAULT_SHARED)),
                   help="Folder holding data/ecbplus/sets (default: ../shared next to the repository).")  # fmt: skip
    p.add_argument("--repeat", type=int, default=3, help="Runs per measurement; the median is shown.")
    p.add_argument("--sizes", type=int, nargs=2, default=(2000, 4000), help="Sentences per long document.")
    p.add_argument("--huge", type=int, default=20000, help="Sentences per document for the memory run (0: skip).")
    p.add_argument("--set", default=DEFAULT_SET, help="ECB+ set compared N-way.")
    p.add_argument("--strict", action="store_true", help="Exit 1 when a target is missed.")
    p.add_argument("--child", nargs=2, metavar=("KIND", "SENTENCES"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    shared = args.shared.resolve()

    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), shared)))
        return 0

    sets_dir = shared / ECB_SETS
    ecb_articles(sets_dir)  # fail early, with a one-line error, when the data is missing
    set_files = sorted(str(f) for f in (sets_dir / args.set).glob("*.txt"))
    cli = _cli()
    py = sys.executable
    rows: list[Row] = []

    def timed(case: str, cmd: list[str], shown: str, note: str = "", repeat: int = args.repeat) -> Row:
        row = Row(case, shown, note=note)
        for _ in range(repeat):
            wall, rss, _out = _run(cmd)
            row.wall.append(wall)
            row.rss.append(rss)
        rows.append(row)
        return row

    _progress("start-up and seeds ...")
    timed("`import compare`", [py, "-c", "import compare"], 'python -c "import compare"')
    timed("`--help`", [*cli, "--help"], "compare-sources --help")
    seeds = timed("2 seed articles, end to end", [*cli, *map(str, SEEDS), "--format", "json"],
                  "compare-sources seeds/*.txt --format json")  # fmt: skip
    _progress(f"ECB+ {args.set} N-way ...")
    timed(f"ECB+ {args.set}, {len(set_files)} articles N-way", [*cli, *set_files, "--format", "json"],
          f"compare-sources {args.set}/*.txt --format json")  # fmt: skip

    figures: dict[tuple[str, int], Row] = {}
    runs = [("ours", n, args.repeat) for n in args.sizes] + [("naive", n, args.repeat) for n in args.sizes]
    if args.huge:
        runs.append(("ours", args.huge, 1))
    for kind, n, repeat in runs:
        who = "compare-sources" if kind == "ours" else "naive (cdist + assignment)"
        _progress(f"{who}, 2 x {n:,} sentences, {repeat} run(s) ...")
        row = Row(f"{who}, 2 x {n:,} sentences", f"--child {kind} {n}",
                  note="1 run" if repeat == 1 and args.repeat > 1 else "")  # fmt: skip
        for _ in range(repeat):
            _wall, rss, out = _run([py, "-m", "tests.bench.run", "--shared", str(shared), "--child", kind, str(n)])
            fig = json.loads(out.strip().splitlines()[-1])
            row.match.append(fig["match"])
            row.segment.append(fig["segment"])
            row.wall.append(fig["match"] + fig["segment"])
            row.rss.append(rss)
            row.units = int(fig["units"])
        rows.append(row)
        figures[kind, n] = row

    print(_table(rows, args, seeds))
    ok = _targets(figures, rows, args)
    return 1 if args.strict and not ok else 0


def _table(rows: list[Row], args: argparse.Namespace, seeds: Row) -> str:
    head = ["case", "units", "end to end (s)", "matching (s)", "peak memory (MB)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for r in rows:
        note = f" ({r.note})" if r.note else ""
        lines.append(f"| {r.case}{note} | {r.units or ''} | {_fmt(r.wall)} | {_fmt(r.match)} | {_fmt(r.rss, 0)} |")
    cpu = os.cpu_count()
    lines.append("")
    lines.append(f"Median of {args.repeat} runs on {platform.python_implementation()} {platform.python_version()}, "
                 f"{cpu} CPUs, {platform.machine()}, {time.strftime('%Y-%m-%d')}. Each run in a fresh process; "
                 "peak memory is that process's maximum resident set size.")  # fmt: skip
    return "\n".join(lines)


def _targets(figures: dict[tuple[str, int], Row], rows: list[Row], args: argparse.Namespace) -> bool:
    small, large = args.sizes
    checks: list[tuple[str, bool]] = []

    def med(kind: str, n: int, what: str = "match") -> float:
        return float(statistics.median(getattr(figures[kind, n], what)))

    speedup = med("naive", small) / med("ours", small)
    checks.append((f"2 x {small:,}: matching {speedup:.1f} times faster than the naive matcher (target: 10)",
                   speedup >= 10))  # fmt: skip
    growth = med("ours", large) / med("ours", small)
    growth_e2e = med("ours", large, "wall") / med("ours", small, "wall")
    checks.append((f"2 x {small:,} -> 2 x {large:,}: matching time grows {growth:.2f} times, end to end "
                   f"{growth_e2e:.2f} times (target: at most 2.5)", max(growth, growth_e2e) <= 2.5))  # fmt: skip
    if args.huge:
        peak = float(statistics.median(figures["ours", args.huge].rss))
        checks.append((f"2 x {args.huge:,}: peak memory {peak:,.0f} MB (target: under 1,024 MB)", peak < 1024))
    help_row = next(r for r in rows if r.case == "`--help`")
    h = float(statistics.median(help_row.wall))
    checks.append((f"`compare-sources --help` takes {h:.2f} s (target: under 0.5 s)", h < 0.5))
    print()
    for text, ok in checks:
        print(f"- {'met' if ok else 'MISSED'}: {text}")
    return all(ok for _, ok in checks)


if __name__ == "__main__":
    sys.exit(main())
