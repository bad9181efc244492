"""Measure how often the classifier reports a difference between sentences judged equivalent.

Each MRPC pair is compared as if the matcher had put its two sentences in one group: the two
sentences become two one-sentence sources, and :func:`compare.classify.differences` runs on
them. A pair labelled *equivalent* (a paraphrase, by two or three human judges) should rarely
get a ``number``, ``date`` or ``negation`` difference: each such difference is a false alarm.
Pairs labelled *not equivalent* are counted too, for context (some differ in exactly such a
detail, most in other ways).

    python -m compare.measure_differences --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from compare.model import Difference

CORE = ("number", "date", "negation")
"""The kinds the false-difference rate is about (the issue's measure)."""


def pair_differences(a: str, b: str) -> list[Difference]:
    """The differences the classifier reports between two sentences put in one group."""
    from compare.classify import differences
    from compare.features import extract
    from compare.ingest import articles_from_texts
    from compare.model import Unit

    arts = articles_from_texts([a, b])
    units = [Unit(id=f"{x.id}0", source=x.id, index=0, start=0, end=len(x.text), text=x.text) for x in arts]
    return differences(units, extract(arts, units))


def _pairs(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def measure(path: Path, *, limit: int | None = None, examples: int = 0) -> dict[str, Any]:
    """Rates of pairs with a difference, by label and kind, and the time per pair."""
    kinds: dict[str, Counter[str]] = {"equivalent": Counter(), "not_equivalent": Counter()}
    totals: Counter[str] = Counter()
    core_hits: Counter[str] = Counter()
    any_hits: Counter[str] = Counter()
    shown: list[dict[str, Any]] = []
    start = time.perf_counter()
    for n, rec in enumerate(_pairs(path)):
        if limit is not None and n >= limit:
            break
        label = rec["label"]
        diffs = pair_differences(rec["a"], rec["b"])
        totals[label] += 1
        found = {d.kind for d in diffs}
        for k in found:
            kinds[label][k] += 1
        if found & set(CORE):
            core_hits[label] += 1
            if label == "equivalent" and len(shown) < examples:
                shown.append({"a": rec["a"], "b": rec["b"], "differences": [d.detail for d in diffs if d.kind in CORE]})
        if found:
            any_hits[label] += 1
    seconds = time.perf_counter() - start
    n_pairs = sum(totals.values())
    out: dict[str, Any] = {"pairs": dict(totals), "ms_per_pair": round(1000 * seconds / max(1, n_pairs), 2)}
    for label, count in totals.items():
        out[label] = {
            "core_rate": round(core_hits[label] / count, 4),
            "any_rate": round(any_hits[label] / count, 4),
            "by_kind": {k: round(v / count, 4) for k, v in sorted(kinds[label].items())},
        }
    if shown:
        out["examples"] = shown
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures as one JSON object."""
    p = argparse.ArgumentParser(prog="python -m compare.measure_differences", description=__doc__.split("\n\n")[0])
    p.add_argument("--shared", default="../shared", help="the shared folder holding data/mrpc/train.jsonl")
    p.add_argument("--limit", type=int, default=None, help="only the first N pairs")
    p.add_argument("--examples", type=int, default=0, help="also list up to N flagged equivalent pairs")
    args = p.parse_args(argv)
    path = Path(args.shared) / "data" / "mrpc" / "train.jsonl"
    if not path.is_file():
        p.error(f"no MRPC data at {path}")
    print(json.dumps(measure(path, limit=args.limit, examples=args.examples), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
