"""Measure sentence splitters on ECB+ (the choice behind compare/segment.py).

    python -m dev.bench.segmenters [--shared ../shared]

Each ECB+ development article holds one annotated sentence per line; the lines are joined with
spaces and each splitter must find the boundaries again. Prints precision, recall and F1 of the
boundaries and the time taken. Title and date lines have no final punctuation, so no splitter
finds every boundary. Needs pysbd and syntok (dev group) besides blingfire.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path


def _articles(shared: Path) -> list[list[str]]:
    out = []
    for f in sorted((shared / "data/ecbplus/sets").glob("*/*.txt")):
        lines = [line.strip() for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        out.append(lines)
    return out


def _pysbd(text: str) -> list[int]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return [s.start + len(s.sent.rstrip()) for s in seg.segment(text)]


def _syntok(text: str) -> list[int]:
    from syntok import segmenter

    return [sent[-1].offset + len(sent[-1].value) for para in segmenter.analyze(text) for sent in para]


def _blingfire(text: str) -> list[int]:
    import blingfire

    return [e for _, e in blingfire.text_to_sentences_and_offsets(text)[1]]


def measure(articles: list[list[str]], split: Callable[[str], list[int]]) -> tuple[float, float, float, float]:
    """Precision, recall, F1 of sentence ends, and seconds taken."""
    tp = fp = fn = 0
    t0 = time.perf_counter()
    for lines in articles:
        gold, pos = set(), 0
        for line in lines[:-1]:
            pos += len(line)
            gold.add(pos)
            pos += 1
        text = " ".join(lines)
        found = {e for e in split(text) if e < len(text)}
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
    p, r = tp / (tp + fp), tp / (tp + fn)
    return p, r, 2 * p * r / (p + r), time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    articles = _articles(ap.parse_args().shared)
    print(f"{'splitter':10s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'seconds':>8s}")
    for name, fn in (("pysbd", _pysbd), ("syntok", _syntok), ("blingfire", _blingfire)):
        p, r, f, s = measure(articles, fn)
        print(f"{name:10s} {p:9.3f} {r:7.3f} {f:6.3f} {s:8.1f}")


if __name__ == "__main__":
    main()
