"""Run the shared scorers on the development data and print the figures (``make eval``).

    python -m compare.evaluate --shared ../shared

- ECB+ event alignment: ``eval/score_ecb.py`` on ``data/ecbplus/sets`` with this project's aligner.
- MRPC pair judgement: ``eval/score_pairs.py`` with ``compare.similarity``. Only MRPC's training
  split is at hand, so it is split by a hash of the pair id (``compare.train.mrpc_part``): the
  threshold is picked on the *fit* part (the part the combiner was trained on) and the figures are
  measured on the *held* part, which neither training nor threshold saw.

Prints one line per measure next to the anchors of ``eval/README.md``, then the raw JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ANCHORS = {
    "ecb_recall": 0.274,
    "ecb_false_rate": 0.011,
    "ecb_f1": 0.415,
    "mrpc_f1": 0.815,
    "mrpc_accuracy": 0.713,
    "mrpc_auc": 0.764,
}
TARGETS = {
    "ecb_recall": ">= 0.50",
    "ecb_false_rate": "<= 0.03",
    "mrpc_f1": ">= 0.84",
    "mrpc_accuracy": ">= 0.76",
    "mrpc_auc": ">= 0.80",
}


def _run(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, *args], check=True, capture_output=True, text=True)
    last = [line for line in out.stdout.splitlines() if line.startswith("{")][-1]
    result: dict[str, Any] = json.loads(last)
    return result


def mrpc(shared: Path) -> dict[str, Any]:
    """score_pairs.py on the fixed fit / held split of MRPC train."""
    from compare.train import load_jsonl, mrpc_part

    records = load_jsonl(shared / "data/mrpc/train.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for part in ("fit", "held"):
            paths[part] = Path(tmp) / f"{part}.jsonl"
            paths[part].write_text(
                "".join(json.dumps(r) + "\n" for r in records if mrpc_part(r["id"]) == part), encoding="utf-8"
            )
        return _run([str(shared / "eval/score_pairs.py"), str(paths["fit"]), str(paths["held"]), "--scorer", "project"])


def paraphrase_level(shared: Path, percent: float = 5.0) -> float:
    """The ``similarity`` that all but ``percent``% of MRPC's paraphrase pairs (fit part) reach:
    ``classify.SAME_STATEMENT``, from which hedges and negations count as differences."""
    import numpy as np

    from compare import similarity
    from compare.train import load_jsonl, mrpc_part

    records = load_jsonl(shared / "data/mrpc/train.jsonl")
    scores = [similarity(r["a"], r["b"]) for r in records if mrpc_part(r["id"]) == "fit" and r["label"] == "equivalent"]
    return round(float(np.percentile(scores, percent)), 1)


def ecb(shared: Path, aligner: str = "project", sets: Path | None = None) -> dict[str, Any]:
    """score_ecb.py on the ECB+ development sets (or on ``sets``)."""
    sets = sets or shared / "data/ecbplus/sets"
    res = _run([str(shared / "eval/score_ecb.py"), str(sets), "--aligner", aligner])
    res.pop("per_set", None)
    return res


def untargeted(sets: Path, pairs_per_set: int = 30, seed: int = 7, **options: Any) -> dict[str, Any]:
    """How much the comparison links sentences the ECB+ annotators did not target.

    The shared scorer counts only links between *checked* sentences (mostly those about the
    story's main event, 72% of whose cross-article pairs are linked). It cannot see a matcher that
    links nearly every sentence of two articles about one story. Over the same article pairs,
    among sentence pairs with at least one unchecked sentence: ``link_rate`` is the share the
    comparison links, ``gold_rate`` the share with a gold event link (annotation there is partial,
    so a floor), ``precision_floor`` the share of the comparison's links that are gold links.
    ``sets`` must use the text indexes as ``sentence_numbers`` (see ``corrected_sets``); the
    article pairs are those score_ecb.py draws. ``options`` go to ``compare_texts``.
    """
    import random
    from itertools import combinations

    from compare import compare_texts
    from compare.train import _covered

    rng = random.Random(seed)
    linked = gold_hit = gold_all = total = 0
    for d in sorted(p for p in sets.iterdir() if (p / "gold.json").exists()):
        g = json.loads((d / "gold.json").read_text(encoding="utf-8"))
        docs = {x["file"]: x for x in g["docs"]}
        gold = {
            frozenset([(lk["a"]["file"], lk["a"]["sentence"]), (lk["b"]["file"], lk["b"]["sentence"])])
            for lk in g["links"]
        }
        pairs = list(combinations(sorted(docs), 2))
        rng.shuffle(pairs)
        for fa, fb in pairs[:pairs_per_set]:
            texts = [(d / f).read_text(encoding="utf-8") for f in (fa, fb)]
            c = compare_texts(texts, labels=[fa, fb], **options)
            files = {"A": fa, "B": fb}
            cover = {
                u.id: [(files[u.source], k) for k in _covered(u, docs[files[u.source]]["sentences"])] for u in c.units
            }
            links: set[frozenset[tuple[str, int]]] = set()
            for grp in c.groups:
                for x, y in combinations(grp.units, 2):
                    if c.unit(x).source != c.unit(y).source:
                        links |= {frozenset([a, b]) for a in cover[x] for b in cover[y]}
            checked = {(f, k) for f in (fa, fb) for k in docs[f]["checked_sentences"]}
            na, nb = len(docs[fa]["sentences"]), len(docs[fb]["sentences"])
            both = len(docs[fa]["checked_sentences"]) * len(docs[fb]["checked_sentences"])
            total += na * nb - both
            outside = [lk for lk in links if not all(x in checked for x in lk)]
            linked += len(outside)
            gold_hit += sum(1 for lk in outside if lk in gold)
            gold_all += sum(1 for lk in gold if {f for f, _ in lk} == {fa, fb} and not all(x in checked for x in lk))
    return {
        "link_rate": round(linked / total, 3) if total else 0.0,
        "gold_rate": round(gold_all / total, 3) if total else 0.0,
        "precision_floor": round(gold_hit / linked, 3) if linked else 0.0,
        "recall": round(gold_hit / gold_all, 3) if gold_all else 0.0,
    }


def corrected_sets(sets: Path, out: Path) -> Path:
    """A copy of the ECB+ sets whose gold maps units to the sentences the links mean.

    In ``gold.json`` a link's ``sentence`` is the index of the sentence in the text (its
    ``start``/``end`` equal ``docs[].sentences[sentence]`` for every link), while
    ``docs[].sentence_numbers`` holds the original ECB+ numbers, which for ``ecbplus`` articles
    start at 1 (sentence 0, the URL, was removed). score_ecb.py translates units through
    ``sentence_numbers``, so in ``ecbplus`` articles it credits links between the sentences
    *before* the linked ones. This copy sets ``sentence_numbers`` to the text indexes, which is
    what the links use; text files are linked, not copied.
    """
    for d in sorted(p for p in sets.iterdir() if (p / "gold.json").exists()):
        g = json.loads((d / "gold.json").read_text(encoding="utf-8"))
        for doc in g["docs"]:
            doc["sentence_numbers"] = list(range(len(doc["sentences"])))
        target = out / d.name
        target.mkdir(parents=True, exist_ok=True)
        (target / "gold.json").write_text(json.dumps(g), encoding="utf-8")
        for f in d.iterdir():
            if f.name != "gold.json":
                (target / f.name).symlink_to(f.resolve())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--only", choices=["ecb", "mrpc"], help="run one scorer")
    a = ap.parse_args()
    t0 = time.perf_counter()
    rows: list[tuple[str, float, str]] = []
    raw: dict[str, Any] = {}
    if a.only in (None, "ecb"):
        e = ecb(a.shared)
        raw["ecb"] = e
        rows += [("ecb_recall", e["recall"], ""), ("ecb_false_rate", e["false_rate"], ""),
                 ("ecb_precision_est", e["precision_est"], ""), ("ecb_f1", e["f1"], "")]  # fmt: skip
        with tempfile.TemporaryDirectory() as tmp:
            fixed = ecb(a.shared, sets=corrected_sets(a.shared / "data/ecbplus/sets", Path(tmp)))
            raw["ecb_corrected"] = fixed
            rows += [("ecb*_recall", fixed["recall"], ""), ("ecb*_false_rate", fixed["false_rate"], ""),
                     ("ecb*_precision_est", fixed["precision_est"], ""), ("ecb*_f1", fixed["f1"], "")]  # fmt: skip
            out = untargeted(Path(tmp))
            raw["ecb_untargeted"] = out
            rows += [("untargeted_link_rate", out["link_rate"], ""), ("untargeted_gold_rate", out["gold_rate"], ""),
                     ("untargeted_prec_floor", out["precision_floor"], ""),
                     ("untargeted_recall", out["recall"], "")]  # fmt: skip
    if a.only in (None, "mrpc"):
        m = mrpc(a.shared)
        raw["mrpc"] = m
        rows += [("mrpc_f1", m["test_f1"], ""), ("mrpc_accuracy", m["test_accuracy"], ""),
                 ("mrpc_auc", m["test_auc"], "")]  # fmt: skip
        level = paraphrase_level(a.shared)
        raw["mrpc_paraphrase_p5"] = level
        rows.append(("mrpc_paraphrase_p5", level, ""))
    print(f"{'measure':20s} {'value':>7s} {'best anchor':>12s} {'target':>9s}")
    for name, value, _ in rows:
        anchor = ANCHORS.get(name)
        print(f"{name:20s} {value:7.3f} {anchor if anchor is not None else '':>12} {TARGETS.get(name, ''):>9s}")
    print(f"(took {time.perf_counter() - t0:.0f} s)")
    print(json.dumps(raw))


if __name__ == "__main__":
    main()
