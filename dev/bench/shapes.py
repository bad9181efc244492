"""Time ``compare_texts`` on text shapes that make a stage quadratic when it compares by value or word.

    python -m dev.bench.shapes [--lines 20000]

Three pairs of synthetic texts, ``--lines`` sentences each, all on one line (text pasted from a page):

- ``repeated quotation``: one sentence with an opening quotation mark that never closes, repeated
  ("He said “yes."): every quotation shares its one content word with every other (the quote ledger);
- ``repeated sentence``: one plain sentence repeated, another day in the second text;
- ``numbered items``: "Item 123 was sold for 456 dollars in the market.": thousands of distinct
  numbers within a few percent of one another (the numbers table's value index).

Each case runs in a fresh child process (``dev.bench.run._run``), which prints the CPU seconds of each
stage (``staged_compare``); the parent adds the child's wall time, CPU time and peak memory. Needs
no data: the texts are made here. Not part of ``make bench`` (synthetic, not the shapes of news);
the figures are quoted in the README's "Speed" section.
"""

from __future__ import annotations

import argparse
import json
import random
import sys

from dev.bench.run import _run


def texts(shape: str, lines: int) -> list[str]:
    """The two texts of a shape."""
    if shape == "repeated quotation":
        return ["He said “yes. " * lines, "She said “no. " * lines]
    if shape == "repeated sentence":
        return ["The bridge was closed on Monday. " * lines, "The bridge was closed on Tuesday. " * lines]
    if shape == "numbered items":
        out = []
        for seed in (1, 2):
            rng = random.Random(seed)
            out.append(
                " ".join(f"Item {i} was sold for {rng.randint(1, 999)} dollars in the market." for i in range(lines))
            )
        return out
    raise ValueError(shape)


SHAPES = ("repeated quotation", "repeated sentence", "numbered items")


def child(shape: str, lines: int) -> None:
    """One measurement: print the stages' CPU seconds and the number of units as JSON."""
    from compare.ingest import articles_from_texts
    from dev.bench.run import staged_compare

    result, cpu = staged_compare(articles_from_texts(texts(shape, lines), ["a", "b"]))
    print(json.dumps({"units": len(result.units), **cpu}))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--lines", type=int, default=20000, help="sentences per text (default 20000)")
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(args.child, args.lines)
        return 0
    print("| shape | units | wall (s) | CPU (s) | peak memory (MB) | slowest stage |")
    print("|---|---:|---:|---:|---:|---|")
    for shape in SHAPES:
        wall, cpu, rss, out = _run(
            [sys.executable, "-m", "dev.bench.shapes", "--child", shape, "--lines", str(args.lines)]
        )
        stages = json.loads(out)
        units = stages.pop("units")
        slow = max(stages, key=stages.get)
        row = [f"{shape}, 2 x {args.lines:,}", f"{units:,}", f"{wall:.2f}", f"{cpu:.2f}", f"{rss:.0f}"]
        print("| " + " | ".join([*row, f"{slow} {stages[slow]:.2f} s"]) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
