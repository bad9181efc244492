"""Time the N-way comparison: 20 sources of 50 sentences, stage by stage.

Run with ``python -m dev.bench.nway`` (best of several runs, fixed random seed). Two inputs:
``synthetic`` (templated sentences, facts shared by many sources, some reworded) and ``seeds``
(sentences drawn from the two seed articles, so real text for the segmenter; 20 x 50 needs
sentences reused across sources, which makes groups as large as they can get).
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SYLLABLES = "ka lo mi ren tas vel dor bri zun hal mek sor tin ova rud pel gar nis".split()
NOUNS = ("bridge factory school hospital station harbour airport stadium library market museum tunnel dam prison "
         "court mine refinery depot ferry reservoir").split()  # fmt: skip
VERBS = ["closed", "reopened", "inspected", "sold", "bought", "evacuated", "expanded", "flooded", "rebuilt", "audited"]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def synthetic_sources(n_sources: int = 20, per_source: int = 50, pool: int = 150, seed: int = 7) -> list[str]:
    """``n_sources`` texts of ``per_source`` sentences drawn from a pool of facts, each naming its
    own made-up people and places (as real facts do); about a third of the sentences are reworded
    (word order, attribution added)."""
    rng = random.Random(seed)
    facts = [
        (_name(rng), rng.choice(VERBS), rng.choice(NOUNS), _name(rng), rng.randint(2, 900), rng.choice(DAYS))
        for _ in range(pool)
    ]
    out = []
    for _ in range(n_sources):
        sentences = []
        for who, verb, noun, place, num, day in rng.sample(facts, per_source):
            if rng.random() < 0.3:
                sentences.append(
                    f"On {day}, the {noun} in {place} with {num} staff was {verb} by {who}, officials said."
                )
            else:
                sentences.append(f"{who} {verb} the {noun} in {place}, which has {num} staff, on {day}.")
        out.append(" ".join(sentences))
    return out


def seed_sources(n_sources: int = 20, per_source: int = 50, seed: int = 5) -> list[str]:
    """Texts made of sentences sampled from the seed articles (real prose for the segmenter)."""
    from compare.ingest import articles_from_texts
    from compare.model import UnitKind
    from compare.segment import segment

    root = Path(__file__).resolve().parents[2] / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("*.txt"))]
    pool = [u.text for a in articles_from_texts(texts) for u in segment(a) if u.kind is UnitKind.SENTENCE]
    rng = random.Random(seed)
    return [" ".join(rng.sample(pool, min(per_source, len(pool)))) for _ in range(n_sources)]


def _best(f: Callable[[], Any], runs: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - start)
    return best, out


def stages(texts: list[str], runs: int = 3) -> dict[str, float]:
    """Best-of-``runs`` seconds for each pipeline stage and each report on ``texts``."""
    from compare.analyze import coverage
    from compare.classify import classify
    from compare.features import extract
    from compare.ingest import articles_from_texts
    from compare.match import grow, score, select
    from compare.model import Comparison
    from compare.options import MatchOptions
    from compare.report import html, markdown

    arts = articles_from_texts(texts)
    from compare.segment import segment

    times: dict[str, float] = {}
    times["segment"], units = _best(lambda: [u for a in arts for u in segment(a)], runs)
    times["features"], feats = _best(lambda: extract(arts, units), runs)
    times["score"], links = _best(lambda: score(units, feats), runs)
    times["select"], kept = _best(lambda: select(links, units, MatchOptions()), runs)
    times["grow"], matches = _best(lambda: grow(kept, units), runs)
    times["classify"], groups = _best(lambda: classify(units, feats, matches), runs)
    c = Comparison(sources=tuple(arts), units=tuple(units), groups=tuple(groups), features=feats)
    times["coverage"], _ = _best(lambda: coverage.coverage(c), runs)
    times["markdown"], _ = _best(lambda: markdown.render(c), runs)
    times["html"], _ = _best(lambda: html.render(c), runs)
    return times


def main() -> None:
    from compare import compare_texts

    for name, texts in (("synthetic", synthetic_sources()), ("seeds", seed_sources())):
        total, r = _best(functools.partial(compare_texts, texts), 3)
        print(f"{name}: {len(texts)} sources, {len(r.units)} units, {len(r.groups)} groups: compare_texts {total:.2f}s")
        for stage, secs in stages(texts).items():
            print(f"  {stage:9s} {secs:6.2f}s")


if __name__ == "__main__":
    main()
