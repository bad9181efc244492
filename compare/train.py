"""Fit the matcher's logistic combiner on the development data and print its coefficients.

    python -m compare.train --shared ../shared

Training data (never the seed articles):

- MRPC ``train.jsonl``, the *fit* part only (sentence pairs whose id hashes into the first 75%;
  the rest is kept back for ``make eval``);
- ECB+ development sets: every candidate pair of units between two articles of one set, labelled
  by the gold cross-document event links between the sentences they cover (only sentences the
  annotators checked), plus candidate pairs between articles of the two sub-topics of a topic
  (similar but different events, all negative).

``--folds`` also reports the ECB+ part cross-validated by topic, to show the coefficients are not
fitted to particular stories. Needs scikit-learn (in the dev dependency group).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from compare.features import extract
from compare.ingest import articles_from_texts
from compare.match import CONTEXT_FEATURES, FACT_FEATURES, FEATURE_NAMES, candidates, pair_features
from compare.model import Unit
from compare.segment import segment

MRPC_FIT_SHARE = 0.75


def mrpc_part(record_id: str) -> str:
    """``fit`` or ``held``: a fixed split of MRPC train by a hash of the pair id."""
    h = int(hashlib.sha1(record_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "fit" if h < MRPC_FIT_SHARE else "held"


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def mrpc_features(records: list[dict[str, Any]]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Features of each sentence pair, computed exactly as ``compare.similarity`` does."""
    X = np.zeros((len(records), len(FEATURE_NAMES)))
    y = np.zeros(len(records), dtype=np.int64)
    for k, r in enumerate(records):
        arts = articles_from_texts([r["a"], r["b"]])
        units = [Unit(id=f"{a.id}0", source=a.id, index=0, start=0, end=len(a.text), text=a.text) for a in arts]
        feats = extract(arts, units)
        X[k] = pair_features(units, feats, np.array([0]), np.array([1]))[0]
        y[k] = r["label"] == "equivalent"
    return X, y


def _covered(unit: Unit, sents: list[list[int]]) -> list[int]:
    """Gold sentences a unit stands for (the scorer's 30% rule)."""
    out = []
    for k, (s, e) in enumerate(sents):
        ov = min(unit.end, e) - max(unit.start, s)
        if ov > 0 and (ov >= 0.3 * (e - s) or ov >= 0.3 * max(1, unit.end - unit.start)):
            out.append(k)
    return out


def _pair_dataset(
    text_a: str,
    doc_a: dict[str, Any],
    text_b: str,
    doc_b: dict[str, Any],
    gold: set[frozenset[tuple[str, int]]],
    partial: set[frozenset[tuple[str, int]]] | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    arts = articles_from_texts([text_a, text_b])
    units = [u for a in arts for u in segment(a)]
    feats = extract(arts, units)
    left, right = candidates(units, feats)
    docs = {"A": doc_a, "B": doc_b}
    checked = {sid: set(docs[sid]["checked_sentences"]) for sid in docs}
    spans = {u.id: _covered(u, docs[u.source]["sentences"]) for u in units}
    cover = {u.id: [k for k in spans[u.id] if k in checked[u.source]] for u in units}
    fa, fb = doc_a["file"], doc_b["file"]
    keep, labels = [], []
    for n, (i, j) in enumerate(zip(left.tolist(), right.tolist())):
        ca, cb = cover[units[i].id], cover[units[j].id]
        if not ca or not cb:
            # a sentence the annotators did not target: a gold link there (label 2) is a partial
            # positive, no link (label -1) a weak negative; see PARTIAL_WEIGHT, UNANNOTATED_WEIGHT
            sa, sb = spans[units[i].id], spans[units[j].id]
            linked = any(frozenset([(fa, x), (fb, y)]) in (partial or set()) for x in sa for y in sb)
            keep.append(n)
            labels.append(2 if linked else -1)
            continue
        # a link's "sentence" is the index into the text's sentences (its offsets say so), not the
        # original ECB+ sentence number; see compare.evaluate.corrected_sets
        pos = any(frozenset([(fa, x), (fb, y)]) in gold for x in ca for y in cb)
        keep.append(n)
        labels.append(int(pos))
    X = pair_features(units, feats, left[keep], right[keep]) if keep else np.zeros((0, len(FEATURE_NAMES)))
    return X, np.array(labels, dtype=np.int64)


def ecb_examples(
    sets_dir: Path, pairs_per_set: int = 30, seed: int = 7
) -> Iterator[tuple[str, bool, npt.NDArray[np.float64], npt.NDArray[np.int64]]]:
    """Labelled candidate pairs from ECB+ sets, as ``(topic, cross_event, X, y)`` per article pair."""
    rng = random.Random(seed)
    sets = sorted(p for p in sets_dir.iterdir() if (p / "gold.json").exists())
    golds = {d: json.loads((d / "gold.json").read_text()) for d in sets}
    for d in sets:
        g = golds[d]
        gold = {
            frozenset([(lk["a"]["file"], lk["a"]["sentence"]), (lk["b"]["file"], lk["b"]["sentence"])])
            for lk in g["links"]
            if lk["both_checked"]
        }
        partial = {
            frozenset([(lk["a"]["file"], lk["a"]["sentence"]), (lk["b"]["file"], lk["b"]["sentence"])])
            for lk in g["links"]
        }
        docs = {x["file"]: x for x in g["docs"]}
        pairs = list(combinations(sorted(docs), 2))
        rng.shuffle(pairs)
        for fa, fb in pairs[:pairs_per_set]:
            ta, tb = ((d / f).read_text(encoding="utf-8") for f in (fa, fb))
            X, y = _pair_dataset(ta, docs[fa], tb, docs[fb], gold, partial)
            yield d.name.split("_")[0], False, X, y
    by_topic: dict[str, list[Path]] = {}
    for d in sets:
        by_topic.setdefault(d.name.split("_")[0], []).append(d)
    for topic, ds in sorted(by_topic.items()):
        if len(ds) != 2:
            continue
        cross = [(x, y) for x in golds[ds[0]]["docs"] for y in golds[ds[1]]["docs"]]
        rng.shuffle(cross)
        for xa, xb in cross[:pairs_per_set]:
            ta = (ds[0] / xa["file"]).read_text(encoding="utf-8")
            tb = (ds[1] / xb["file"]).read_text(encoding="utf-8")
            X, y = _pair_dataset(ta, xa, tb, xb, set())
            yield topic, True, X, y


SAME_EVENT_NEGATIVE_WEIGHT = 0.3
"""Weight of unlinked pairs between articles about the same event: annotation there is partial,
so they are weaker negatives than pairs between articles about different events."""


UNANNOTATED_WEIGHT = 0.0
"""Weight in the link model of pairs involving a sentence the annotators did not check (labels -1
and 2). 0 leaves them out: with 0.02 as negatives the link model linked far fewer pairs inside
articles about one event, but on the ECB+ scorer it reached only recall 0.485 at false rate 0.045
(against 0.55 at 0.021 without them). The sentence model (``SENTENCE_COEF``) uses them instead."""

SENTENCE_PARTIAL_WEIGHT = 1.0
"""Weight in the sentence model of pairs with a gold link involving an unchecked sentence (label 2)."""
SENTENCE_UNANNOTATED_WEIGHT = 1.0
"""Weight in the sentence model of unlinked pairs involving an unchecked sentence (label -1)."""


def fit(
    X: npt.NDArray[np.float64], y: npt.NDArray[np.int64], weight: npt.NDArray[np.float64], c: float = 1.0
) -> tuple[npt.NDArray[np.float64], float]:
    """Logistic regression on standardised features; returns coefficients for the raw features."""
    from sklearn.linear_model import LogisticRegression

    mean = X.mean(axis=0)
    std = X.std(axis=0)
    std[std == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit((X - mean) / std, y, sample_weight=weight)
    coef = model.coef_[0] / std
    intercept = float(model.intercept_[0] - (model.coef_[0] * mean / std).sum())
    return coef, intercept


def dataset(shared: Path) -> dict[str, npt.NDArray[Any]]:
    """All training arrays: MRPC fit part, and ECB+ pairs with topic and cross-event flags."""
    mrpc = [r for r in load_jsonl(shared / "data/mrpc/train.jsonl") if mrpc_part(r["id"]) == "fit"]
    Xm, ym = mrpc_features(mrpc)
    parts = list(ecb_examples(shared / "data/ecbplus/sets"))
    return {
        "Xm": Xm,
        "ym": ym,
        "Xe": np.vstack([X for _, _, X, _ in parts]),
        "ye": np.concatenate([y for _, _, _, y in parts]),
        "topic": np.concatenate([[t] * len(y) for t, _, _, y in parts]),
        "cross": np.concatenate([[c] * len(y) for _, c, _, y in parts]).astype(bool),
    }


def fit_all(d: dict[str, npt.NDArray[Any]]) -> dict[str, Any]:
    """Fit both models: the fact model on MRPC pairs, the link model on ECB+ article pairs."""
    nf = len(FACT_FEATURES)
    Xm, ym = d["Xm"][:, :nf], d["ym"]
    coef, intercept = fit(Xm, ym, np.ones(len(ym)))
    Xe, ye, cross = d["Xe"], d["ye"], d["cross"].astype(bool)
    cols = [FEATURE_NAMES.index(n) for n in CONTEXT_FEATURES]
    weight = np.where(ye == 1, 1.0, np.where(cross, 1.0, SAME_EVENT_NEGATIVE_WEIGHT))
    weight = np.where((ye == -1) | (ye == 2), UNANNOTATED_WEIGHT, weight)
    use = weight > 0
    context_coef, context_intercept = fit(Xe[use][:, cols], (ye[use] == 1).astype(np.int64), weight[use])
    # the sentence model: every candidate pair, partial links as positives, the rest as negatives
    sentence_w = np.select(
        [ye == 1, cross, ye == 0, ye == 2, ye == -1],
        [1.0, 1.0, SAME_EVENT_NEGATIVE_WEIGHT, SENTENCE_PARTIAL_WEIGHT, SENTENCE_UNANNOTATED_WEIGHT],
    )
    use = sentence_w > 0
    linked = np.isin(ye[use], (1, 2)).astype(np.int64)
    sentence_coef, sentence_intercept = fit(Xe[use][:, cols], linked, sentence_w[use])
    return {"coef": coef, "intercept": intercept, "context_coef": context_coef,
            "context_intercept": context_intercept, "sentence_coef": sentence_coef,
            "sentence_intercept": sentence_intercept}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--save", type=Path, help="also write the data set to this .npz")
    ap.add_argument("--load", type=Path, help="read the data set from this .npz instead of computing it")
    a = ap.parse_args()
    if a.load:
        d = dict(np.load(a.load))
    else:
        d = dataset(a.shared)
    if a.save:
        np.savez(a.save, **d)
    print(f"MRPC fit pairs: {len(d['ym'])}; ECB+ pairs: {len(d['ye'])} ({int((d['ye'] == 1).sum())} linked, "
          f"{int(d['cross'].sum())} across events)")  # fmt: skip
    m = fit_all(d)
    print("COEF = (" + ", ".join(f"{c:.4f}" for c in m["coef"]) + ")")
    print(f"INTERCEPT = {m['intercept']:.4f}")
    print("CONTEXT_COEF = (" + ", ".join(f"{c:.4f}" for c in m["context_coef"]) + ")")
    print(f"CONTEXT_INTERCEPT = {m['context_intercept']:.4f}")
    print("SENTENCE_COEF = (" + ", ".join(f"{c:.4f}" for c in m["sentence_coef"]) + ")")
    print(f"SENTENCE_INTERCEPT = {m['sentence_intercept']:.4f}")
    print(f"{'feature':18s} {'fact':>8s} {'link':>8s} {'sentence':>8s}")
    for k, name in enumerate(CONTEXT_FEATURES):
        fact = f"{m['coef'][k]:+8.3f}" if k < len(FACT_FEATURES) else ""
        print(f"{name:18s} {fact:>8s} {m['context_coef'][k]:+8.3f} {m['sentence_coef'][k]:+8.3f}")


if __name__ == "__main__":
    main()
