"""Run the shared scorers on the development data and print the figures (``make eval``).

    python -m dev.evaluate --shared ../shared

- DUC 2006 fact alignment: ``eval/score_facts.py`` on ``data/duc/summaries`` and ``data/duc/articles``.
  The fact model is fitted on the summaries (all topics), so the summaries figure is in-sample; the
  cross-validated figure over topics is the one ``make train`` records in ``fact.json``.

- ECB+ event alignment: ``eval/score_ecb.py`` on ``data/ecbplus/sets`` with this project's aligner.
- MRPC pair judgement: ``eval/score_pairs.py`` with ``compare.similarity``. Only MRPC's training
  split is at hand, so it is split by a hash of the pair id (``dev.train.mrpc_part``): the
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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from compare.analyze.strength import LABELS

ANCHORS = {
    "ecb_recall": "MiniLM 0.569, naive 0.195",
    "ecb_false_rate": "MiniLM 0.247, naive 0.049",
    "ecb_f1": "MiniLM 0.608",
    "mrpc_f1": "token_sort 0.815",
    "mrpc_accuracy": "token_sort 0.713",
    "mrpc_auc": "token_sort 0.764",
    "duc_sum_link_f1": "MiniLM 0.449, naive 0.282",
    "duc_sum_link_recall": "MiniLM 0.633",
    "duc_sum_link_precision": "MiniLM 0.348",
    "duc_art_link_recall": "MiniLM 0.469, naive 0.107",
    "duc_art_marked_precision": "MiniLM 0.509, naive 0.864",
}
TARGETS = {
    "ecb_recall": ">= 0.45",
    "ecb_false_rate": "<= 0.03",
    "mrpc_f1": ">= 0.84",
    "mrpc_accuracy": ">= 0.76",
    "duc_sum_link_f1": ">= 0.60",
    "duc_art_link_recall": ">= 0.45",
    "duc_art_marked_precision": ">= 0.70",
}


def _run(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, *args], check=True, capture_output=True, text=True)
    last = [line for line in out.stdout.splitlines() if line.startswith("{")][-1]
    result: dict[str, Any] = json.loads(last)
    return result


def mrpc(shared: Path) -> dict[str, Any]:
    """score_pairs.py on the fixed fit / held split of MRPC train."""
    from dev.train import load_jsonl, mrpc_part

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
    from dev.train import load_jsonl, mrpc_part

    records = load_jsonl(shared / "data/mrpc/train.jsonl")
    scores = [similarity(r["a"], r["b"]) for r in records if mrpc_part(r["id"]) == "fit" and r["label"] == "equivalent"]
    return round(float(np.percentile(scores, percent)), 1)


def ecb(shared: Path, aligner: str = "project", sets: Path | None = None) -> dict[str, Any]:
    """score_ecb.py on the ECB+ development sets (or on ``sets``)."""
    sets = sets or shared / "data/ecbplus/sets"
    res = _run([str(shared / "eval/score_ecb.py"), str(sets), "--aligner", aligner])
    res.pop("per_set", None)
    return res


def duc(shared: Path, kind: str) -> dict[str, Any]:
    """score_facts.py on DUC 2006 summaries or articles."""
    res = _run([str(shared / "eval/score_facts.py"), str(shared / f"data/duc/{kind}"), "--aligner", "project"])
    res.pop("per_topic", None)
    return res


def _scorers_importable(shared: Path) -> None:
    """Let ``../shared/eval``'s scorers be imported as modules (once per process)."""
    folder = str(shared / "eval")
    if folder not in sys.path:
        sys.path.insert(0, folder)


def duc_reports(
    shared: Path, kind: str, aligner: str = "project", per_topic: int = 6, topics: int | None = None
) -> Iterator[tuple[dict[str, Any], str, str, dict[str, Any], dict[str, list[set[str]]]]]:
    """The comparisons ``score_facts.py`` runs on DUC ``kind`` ("summaries" or "articles"): the same
    pairs, drawn as it draws them, each as ``(report, file_a, file_b, docs, sentence_facts)``, for
    counting its links with the scorer's own ``system_links``. ``topics``: only the first so many."""
    import random

    _scorers_importable(shared)
    from aligners import ALIGNERS  # type: ignore[import-not-found]
    from score_facts import candidate_pairs, sentence_facts  # type: ignore[import-not-found]

    align = ALIGNERS[aligner]
    rng = random.Random(7)  # as score_facts.main draws the pairs
    dirs = sorted(p for p in (shared / f"data/duc/{kind}").iterdir() if (p / "gold.json").exists())
    for d in dirs[:topics]:
        g = json.loads((d / "gold.json").read_text(encoding="utf-8"))
        docs = {x["file"]: x for x in g["docs"]}
        sf = sentence_facts(g)
        for fa, fb in candidate_pairs(g, sf, g["dataset"], per_topic, rng):
            texts = [(d / fa).read_text(encoding="utf-8"), (d / fb).read_text(encoding="utf-8")]
            yield align(texts, [fa, fb]), fa, fb, docs, sf


def duc_article_marks(shared: Path, aligner: str = "project", per_topic: int = 6) -> dict[str, Any]:
    """The system links of ``score_facts.py`` on DUC articles (the same pairs, units mapped to sentences the
    same way, the scorer's own functions), counted by how the two sentences are marked.

    The scorer's ``marked_precision`` reads only links whose two sentences both state a fact of the
    topic's pyramid. A link between such a sentence and one that states none (``one_marked``) joins two
    sentences that share no pyramid fact; they may still share a minor fact that no summary kept, so
    ``strict_precision`` (those links counted as false) is a lower bound, as ``marked_precision`` is an
    upper one. Links between two unmarked sentences (``none_marked``) cannot be judged.
    """
    _scorers_importable(shared)
    from score_facts import system_links

    counts = {"links": 0, "both_marked_shared": 0, "both_marked_not_shared": 0, "one_marked": 0, "none_marked": 0}
    for rep, fa, fb, docs, sf in duc_reports(shared, "articles", aligner, per_topic):
        links, _ = system_links(rep, fa, fb, docs)
        for i, j in links:
            a, b = sf[fa][i], sf[fb][j]
            counts["links"] += 1
            if a and b:
                counts["both_marked_shared" if a & b else "both_marked_not_shared"] += 1
            else:
                counts["one_marked" if a or b else "none_marked"] += 1
    judged = counts["both_marked_shared"] + counts["both_marked_not_shared"] + counts["one_marked"]
    return {"aligner": aligner, **counts,
            "one_marked_share": round(counts["one_marked"] / max(1, counts["links"]), 3),
            "strict_precision": round(counts["both_marked_shared"] / max(1, judged), 3)}  # fmt: skip


def story_recall(shared: Path, per_topic: int = 6, topics: int | None = None) -> dict[str, Any]:
    """The scorer's DUC article link recall split by the story answer of each pair of articles:
    pairs the story model calls one story, and pairs it calls two (where a link whose specifics
    differ needs ``link_other_story``). The same pairs, units mapped to sentences the same way,
    the scorer's own functions; ``topics``: only the first so many (for tests)."""
    _scorers_importable(shared)
    from score_facts import system_links

    out: dict[str, dict[str, Any]] = {
        key: {"pairs": 0, "gold_links": 0, "found": 0, "links": 0} for key in ("one_story", "two_stories")
    }
    for rep, fa, fb, docs, sf in duc_reports(shared, "articles", per_topic=per_topic, topics=topics):
        links, _ = system_links(rep, fa, fb, docs)
        a, b = sf[fa], sf[fb]
        gold = {(i, j) for i, x in enumerate(a) for j, y in enumerate(b) if x & y}
        c = out["one_story" if all(st["same"] for st in rep["stories"]) else "two_stories"]
        c["pairs"] += 1
        c["gold_links"] += len(gold)
        c["found"] += len(gold & links)
        c["links"] += len(links)
    for c in out.values():
        c["recall"] = round(c["found"] / c["gold_links"], 3) if c["gold_links"] else None
    return out


def strength_precision(shared: Path, per_topic: int = 6, topics: int | None = None) -> dict[str, Any]:
    """How often a link of each strength joins two sentences that share a fact: the links of
    ``score_facts.py`` (the same pairs, units mapped to sentences the same way, the scorer's own
    functions), split by the ``strength`` of the group they come from.

    Summaries: every link is judged (the pyramid covers every clause); the fact model is fitted on
    them, so these figures are in-sample. Articles (not fitted on): only links whose two sentences
    both state a pyramid fact are judged, as ``marked_precision`` does; they are few. ``topics``:
    only the first so many topics of each (for tests). Each count also has ``all_links``, the
    links of every matched group together, as the scorer collects them.
    """
    _scorers_importable(shared)
    from score_facts import system_links

    out: dict[str, Any] = {}
    for kind in ("summaries", "articles"):
        counts: dict[str, dict[str, float]] = {s: {"links": 0, "judged": 0, "shared": 0} for s in LABELS}
        all_links = 0
        for rep, fa, fb, docs, sf in duc_reports(shared, kind, per_topic=per_topic, topics=topics):
            all_links += len(system_links(rep, fa, fb, docs)[0])
            for s in LABELS:
                groups = [grp for grp in rep["groups"] if grp.get("strength") == s]
                links, _ = system_links({**rep, "groups": groups}, fa, fb, docs)
                for i, j in links:
                    a, b = sf[fa][i], sf[fb][j]
                    judged = kind == "summaries" or bool(a and b)
                    counts[s]["links"] += 1
                    counts[s]["judged"] += judged
                    counts[s]["shared"] += judged and bool(a & b)
        # a strength with no link to judge has no precision: JSON null, not NaN (which is no JSON)
        precision = {s: round(c["shared"] / c["judged"], 3) if c["judged"] else None for s, c in counts.items()}
        out[kind] = {**{s: {**c, "precision": precision[s]} for s, c in counts.items()}, "all_links": all_links}
    return out


def vector_auc(shared: Path) -> dict[str, float]:
    """ROC AUC of the distilled word vectors alone (cosine of ``compare.text.embed.unit_vectors``):
    on every pair of sentences from two summaries of one DUC topic (positive: they share an SCU) and
    on MRPC train (positive: equivalent). It shows what the vectors bring before the fact model."""
    import itertools

    from sklearn.metrics import roc_auc_score

    from compare.text.embed import unit_vectors
    from dev.train import load_jsonl

    _scorers_importable(shared)
    from score_facts import sentence_facts

    def cosines(a: list[str], b: list[str]) -> Any:
        return (unit_vectors(a) * unit_vectors(b)).sum(axis=1)

    left: list[str] = []
    right: list[str] = []
    labels: list[bool] = []
    for d in sorted(p for p in (shared / "data/duc/summaries").iterdir() if (p / "gold.json").exists()):
        g = json.loads((d / "gold.json").read_text(encoding="utf-8"))
        facts = sentence_facts(g)
        sents = {}
        for doc in g["docs"]:
            text = (d / doc["file"]).read_text(encoding="utf-8")
            sents[doc["file"]] = [text[s:e] for s, e in doc["sentences"]]
        for fa, fb in itertools.combinations(sorted(sents), 2):
            for (i, ta), (j, tb) in itertools.product(enumerate(sents[fa]), enumerate(sents[fb])):
                left.append(ta)
                right.append(tb)
                labels.append(bool(facts[fa][i] & facts[fb][j]))
    records = load_jsonl(shared / "data/mrpc/train.jsonl")
    mrpc_y = [r["label"] == "equivalent" for r in records]
    mrpc_cos = cosines([r["a"] for r in records], [r["b"] for r in records])
    return {
        "duc_summaries": round(float(roc_auc_score(labels, cosines(left, right))), 4),
        "mrpc_train": round(float(roc_auc_score(mrpc_y, mrpc_cos)), 4),
        "duc_pairs": len(labels),
    }


def main() -> None:
    from compare.weights import load

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--only", choices=["ecb", "mrpc", "duc"], help="run one scorer")
    a = ap.parse_args()
    t0 = time.perf_counter()
    rows: list[tuple[str, float | None]] = []
    raw: dict[str, Any] = {}
    if a.only in (None, "ecb"):
        e = ecb(a.shared)
        raw["ecb"] = e
        rows += [("ecb_recall", e["recall"]), ("ecb_false_rate", e["false_rate"]),
                 ("ecb_precision_est", e["precision_est"]), ("ecb_f1", e["f1"])]  # fmt: skip
        ev = load("event").metadata
        rows.append(("ecb_cv_cand_recall", float(ev.get("cv_candidate_recall", float("nan")))))
    if a.only in (None, "mrpc"):
        m = mrpc(a.shared)
        raw["mrpc"] = m
        rows += [("mrpc_f1", m["test_f1"]), ("mrpc_accuracy", m["test_accuracy"]), ("mrpc_auc", m["test_auc"])]
        level = paraphrase_level(a.shared)
        raw["mrpc_paraphrase_p5"] = level
        rows.append(("mrpc_paraphrase_p5", level))
    if a.only in (None, "duc"):
        su = duc(a.shared, "summaries")
        raw["duc_summaries"] = su
        rows += [("duc_sum_link_recall", su["link_recall"]), ("duc_sum_link_precision", su["link_precision"]),
                 ("duc_sum_link_f1", su["link_f1"]), ("duc_sum_only_recall", su["only_recall"]),
                 ("duc_sum_only_precision", su["only_precision"])]  # fmt: skip
        rows.append(("duc_sum_cv_unit_f1", float(load("fact").metadata.get("cv_duc_link_f1", float("nan")))))
        ar = duc(a.shared, "articles")
        raw["duc_articles"] = ar
        rows += [("duc_art_link_recall", ar["link_recall"]), ("duc_art_marked_precision", ar["marked_precision"]),
                 ("duc_art_link_rate", ar["link_rate"])]  # fmt: skip
        marks = {name: duc_article_marks(a.shared, name) for name in ("project", "naive")}
        raw["duc_articles_marks"] = marks
        rows += [("duc_art_strict_precision", marks["project"]["strict_precision"]),
                 ("duc_art_one_marked_share", marks["project"]["one_marked_share"])]  # fmt: skip
        sr = story_recall(a.shared)
        raw["duc_articles_stories"] = sr
        rows += [("duc_art_recall_one_story", sr["one_story"]["recall"]),
                 ("duc_art_recall_two_stories", sr["two_stories"]["recall"])]  # fmt: skip
        sp = strength_precision(a.shared)
        raw["strength_precision"] = sp
        for kind, short in (("summaries", "sum"), ("articles", "art")):
            for label in LABELS:
                c = sp[kind][label]
                rows.append((f"duc_{short}_prec_{label.split()[0]}", c["precision"]))
    if a.only is None:
        va = vector_auc(a.shared)
        raw["vector_auc"] = va
        rows += [("vec_auc_duc_sum", va["duc_summaries"]), ("vec_auc_mrpc", va["mrpc_train"])]
    print(f"{'measure':26s} {'value':>7s}  {'target':>8s}  anchors")
    for name, value in rows:
        shown = "n/a" if value is None else f"{value:.3f}"  # (a precision with no link to judge)
        print(f"{name:26s} {shown:>7s}  {TARGETS.get(name, ''):>8s}  {ANCHORS.get(name, '')}")
    print(
        "(ecb_cv_cand_recall: out-of-fold share of gold candidate pairs the event model relates, from "
        "make train; duc_sum_cv_unit_f1: out-of-fold unit link F1 over DUC topics, from make train; "
        "DUC summaries and ECB+ figures are in-sample: the models are fitted on all their topics)"
    )
    if "duc_articles_marks" in raw:
        nv = raw["duc_articles_marks"]["naive"]
        print(
            "(duc_art_strict_precision: marked precision with links between a sentence stating a pyramid fact and "
            "one stating none counted as false, a lower bound; duc_art_one_marked_share: the share of all links "
            f"that are such; naive: {nv['strict_precision']:.3f} and {nv['one_marked_share']:.3f})"
        )
    if "duc_articles_stories" in raw:
        sr = raw["duc_articles_stories"]
        print(
            "(duc_art_recall_one_story / _two_stories: link recall on the article pairs the story model calls one "
            "story / two stories; pairs, gold links: "
            + "; ".join(f"{k.replace('_', ' ')} {c['pairs']}, {c['gold_links']}" for k, c in sr.items())
            + ")"
        )
    if "strength_precision" in raw:
        sp = raw["strength_precision"]
        judged = ", ".join(f"{k} {' / '.join(str(sp[k][label]['judged']) for label in LABELS)}" for k in sp)
        print(
            "(duc_*_prec_same / _paraphrase / _partial: link precision by the strength of the matched fact, "
            f"on articles marked precision; links judged, same / paraphrase / partial: {judged}; "
            "the summaries are in-sample)"
        )
    if "vector_auc" in raw:
        print(
            "(vec_auc_*: ROC AUC of the distilled word vectors' cosine alone, on DUC summary sentence pairs "
            "across summaries of one topic (sharing an SCU or not) and on MRPC train)"
        )
    print(f"(took {time.perf_counter() - t0:.0f} s)")
    print(json.dumps(raw))


if __name__ == "__main__":
    main()
