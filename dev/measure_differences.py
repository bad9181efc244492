"""Measure the verdicts: changed facts flagged, rewordings left alone, false alarms between summaries.

Four measures, each printed as one JSON object (a development script: not packaged, never run by
the tests). Every figure is given for two halves of the data, ``fit`` and ``test``, split by topic
(ECB+, DUC) or by sentence id (MRPC): a rule or level is chosen on ``fit`` and read on ``test``.

``edits``
    One-fact edits. Real sentences of ECB+ and MRPC (first side) get exactly one edit: a name
    swapped for a name of the same kind (ECB+ annotates people, organisations and places; the new
    name comes from another topic), a number changed, a verb negated ("will" -> "will not", "is"
    -> "is not"), or a word swapped for its antonym (``compare.text.lexicon.ANTONYMS``). Each pair is
    compared as two sources (``compare.compare_texts([a, b])``); the figure is the share of
    matched pairs with a ``differ`` group.
``rewordings``
    MRPC paraphrase pairs (label ``equivalent``) compared as two sources: the share of matched
    pairs whose groups all ``agree``.
``duc``
    The four DUC 2006 summaries of each topic compared in pairs (6 per topic): ``differ`` groups
    and differences by kind. The writers hardly contradict each other, so nearly all are false.
``ecb``
    Article pairs of each ECB+ development set (15 per set; real outlets on one event) compared as
    two sources: differences by kind, with ``entity`` and ``antonym`` examples to read.
``mrpc``
    Each MRPC pair put in one group directly (no matcher): how often a ``number``, ``date`` or
    ``negation`` difference comes up between equivalent sentences.

    python -m dev.measure_differences edits --shared ../shared
    python -m dev.measure_differences duc --shared ../shared --examples 20
    python -m dev.measure_differences sweep --shared ../shared   # choose classify.ALIGNED on the fit half
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from compare.model import Difference

CORE = ("number", "date", "negation")
"""The kinds the MRPC false-difference rate is about."""

_ENTITY_TAGS = {"HUMAN_PART_PER": "person", "HUMAN_PART_ORG": "organisation", "LOC_GEO": "place"}
"""ECB+ entity tags whose capitalised mentions are swapped, and the kind each stands for."""

_NEGATABLE = re.compile(r"\b(will|would|is|was|are|were|has|have|had|can|could|should|did|does)\b(?! not\b|n't)")


def pair_differences(a: str, b: str) -> list[Difference]:
    """The differences the classifier reports between two sentences put in one group."""
    from compare.classify import differences
    from compare.features import extract
    from compare.ingest import articles_from_texts
    from compare.model import Unit

    arts = articles_from_texts([a, b])
    units = [Unit(id=f"{x.id}0", source=x.id, index=0, start=0, end=len(x.text), text=x.text) for x in arts]
    return differences(units, extract(arts, units))


def verdicts(a: str, b: str) -> tuple[bool, bool, list[str]]:
    """Compare two texts as two sources: (matched at all, some group ``differ``, difference kinds)."""
    from compare import compare_texts

    groups = compare_texts([a, b]).to_dict()["groups"]
    matched = [g for g in groups if g["verdict"] != "only"]
    kinds = [d["kind"] for g in matched for d in g["differences"]]
    return bool(matched), any(g["verdict"] == "differ" for g in matched), kinds


def _half(key: str) -> str:
    """``fit`` or ``test``: a stable split of topics or sentence ids."""
    return "fit" if zlib.crc32(key.encode()) % 2 == 0 else "test"


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


# --------------------------------------------------------------------------------------------
# one-fact edits


def _capitalised(text: str) -> bool:
    """A proper name as written: capitalised words, no possessive, not a common word ("Protesters")."""
    from wordfreq import zipf_frequency

    words = text.split()
    if not words or text.endswith(("'s", "’s", "'")) or any(c in text for c in '-"()'):
        return False
    if len(words) == 1 and (zipf_frequency(text.lower(), "en") >= 4.0 or text.lower() in ("he", "she", "it")):
        return False
    return all(w[0].isupper() for w in words if w.lower() not in ("of", "the", "de", "and"))


def _ecb_sentences(shared: Path) -> Iterator[tuple[str, str, list[tuple[int, int, str]]]]:
    """ECB+ sentences (topic, text, [(start, end, kind)] of capitalised person/organisation/place names)."""
    for gold_path in sorted((shared / "data" / "ecbplus" / "sets").glob("*/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        texts = {d["file"]: (gold_path.parent / d["file"]).read_text(encoding="utf-8") for d in gold["docs"]}
        spans = {d["file"]: d["sentences"] for d in gold["docs"]}
        names: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
        for chain in gold["chains"].values():
            kind = _ENTITY_TAGS.get(chain["tag"])
            if kind is None:
                continue
            for m in chain["mentions"]:
                text = texts[m["file"]]
                edges = (text[m["start"] - 1] if m["start"] else " ") + text[m["end"] : m["end"] + 1]
                whole = not any(c in "-'’" for c in edges)
                if m.get("contiguous", True) and whole and _capitalised(m["text"]):
                    names.setdefault((m["file"], m["sentence"]), []).append((m["start"], m["end"], kind))
        for f, sents in spans.items():
            for i, (s, e) in enumerate(sents):
                text = texts[f][s:e].strip()
                if 60 <= len(text) <= 300:
                    ms = [(a - s, b - s, k) for a, b, k in names.get((f, i), []) if texts[f][a:b].strip()]
                    yield gold["topic"] if "topic" in gold else gold_path.parent.name, text, ms


def _antonym_edit(text: str, rng: random.Random) -> str | None:
    from compare.text.lexicon import ANTONYMS

    pairs = {a: b for a, b in ANTONYMS} | {b: a for a, b in ANTONYMS}
    hits = [m for m in re.finditer(r"[A-Za-z]+", text) if m.group().lower() in pairs]
    if not hits:
        return None
    m = rng.choice(hits)
    new = pairs[m.group().lower()]
    if m.group()[0].isupper():
        new = new.capitalize()
    return text[: m.start()] + new + text[m.end() :]


def _number_edit(text: str, rng: random.Random) -> str | None:
    hits = [m for m in re.finditer(r"(?<![\w.,/:-])\d{1,3}(?:,\d{3})*(?![\w.,/:-]\d|\w)", text)]
    hits = [m for m in hits if not (1900 <= int(m.group().replace(",", "")) <= 2030)]  # years are dates
    if not hits:
        return None
    m = rng.choice(hits)
    v = int(m.group().replace(",", ""))
    new = v + rng.choice([2, 3, 5]) if v < 20 else v * 2
    return text[: m.start()] + f"{new:,}" + text[m.end() :]


def _negation_edit(text: str, rng: random.Random) -> str | None:
    from compare.text.words import negation_cues

    if negation_cues(text):
        return None
    hits = list(_NEGATABLE.finditer(text))
    if not hits:
        return None
    m = rng.choice(hits)
    return text[: m.end()] + " not" + text[m.end() :]


def one_fact_edits(shared: Path, *, seed: int = 7, per_kind: int = 400) -> list[dict[str, str]]:
    """Pairs ``{half, edit, a, b}``: a real sentence and the same sentence with one fact changed."""
    rng = random.Random(seed)
    ecb = list(_ecb_sentences(shared))
    by_kind: dict[str, list[tuple[str, str]]] = {}  # names of each kind, with their topic
    for topic, text, ms in ecb:
        for s, e, k in ms:
            by_kind.setdefault(k, []).append((topic, text[s:e]))
    mrpc = [(r["a_sentence_id"], r["a"]) for r in _jsonl(shared / "data" / "mrpc" / "train.jsonl")]
    sources = [(f"ecb:{t}", x) for t, x, _ in ecb] + [(f"mrpc:{i}", x) for i, x in mrpc]
    rng.shuffle(sources)
    out: list[dict[str, str]] = []
    entity_sents = [(t, x, ms) for t, x, ms in ecb if ms]
    rng.shuffle(entity_sents)
    for topic, text, ms in entity_sents[: per_kind * 2]:
        s, e, k = rng.choice(ms)
        old = text[s:e]
        pool = [n for t, n in by_kind[k] if t != topic and n.lower() != old.lower() and n not in text]
        if pool:
            out.append({"half": _half(f"ecb:{topic}"), "edit": f"entity:{k}", "a": text,
                        "b": text[:s] + rng.choice(pool) + text[e:]})  # fmt: skip
    for edit, fn in (("number", _number_edit), ("negation", _negation_edit), ("antonym", _antonym_edit)):
        n = 0
        for key, text in sources:
            if n >= per_kind:
                break
            b = fn(text, rng)
            if b and b != text:
                out.append({"half": _half(key), "edit": edit, "a": text, "b": b})
                n += 1
    return out


def measure_edits(shared: Path, *, examples: int = 0, per_kind: int = 400) -> dict[str, Any]:
    """Share of matched one-fact edits flagged ``differ``, by edit and half."""
    counts: dict[str, Counter[str]] = {}
    missed: list[dict[str, str]] = []
    for p in one_fact_edits(shared, per_kind=per_kind):
        matched, differ, _ = verdicts(p["a"], p["b"])
        keys = [f"{p['half']}:all", f"{p['half']}:{p['edit']}"]
        if p["edit"] != "number":  # the issue's mix: an entity swapped, an antonym, a negation
            keys.append(f"{p['half']}:entity+antonym+negation")
        for key in keys:
            c = counts.setdefault(key, Counter())
            c["pairs"] += 1
            c["matched"] += matched
            c["differ"] += differ
        if matched and not differ and len(missed) < examples:
            missed.append(p)
    out: dict[str, Any] = {
        k: {**c, "differ_share": round(c["differ"] / max(1, c["matched"]), 3)} for k, c in sorted(counts.items())
    }
    if missed:
        out["missed"] = missed
    return out


# --------------------------------------------------------------------------------------------
# rewordings, DUC summaries, MRPC in one group


def measure_rewordings(shared: Path, *, limit: int | None = None, examples: int = 0) -> dict[str, Any]:
    """Share of matched MRPC paraphrase pairs that ``agree``, by half (sentence id of the first side)."""
    counts: dict[str, Counter[str]] = {}
    flagged: list[dict[str, Any]] = []
    pairs = [r for r in _jsonl(shared / "data" / "mrpc" / "train.jsonl") if r["label"] == "equivalent"]
    for r in pairs[:limit]:
        matched, differ, kinds = verdicts(r["a"], r["b"])
        c = counts.setdefault(_half(f"mrpc:{r['a_sentence_id']}"), Counter())
        c["pairs"] += 1
        c["matched"] += matched
        c["agree"] += matched and not differ
        for k in set(kinds):
            c[f"kind:{k}"] += 1
        if differ and len(flagged) < examples:
            flagged.append({"a": r["a"], "b": r["b"], "kinds": kinds})
    out: dict[str, Any] = {
        k: {**c, "agree_share": round(c["agree"] / max(1, c["matched"]), 3)} for k, c in sorted(counts.items())
    }
    if flagged:
        out["flagged"] = flagged
    return out


def measure_duc(shared: Path, *, examples: int = 0) -> dict[str, Any]:
    """``differ`` groups and differences by kind over the 6 summary pairs of each DUC topic, by half."""
    from compare import compare_texts

    counts: dict[str, Counter[str]] = {}
    shown: list[dict[str, Any]] = []
    for topic in sorted((shared / "data" / "duc" / "summaries").iterdir()):
        if not topic.is_dir():
            continue
        texts = [p.read_text(encoding="utf-8") for p in sorted(topic.glob("*.txt"))]
        c = counts.setdefault(_half(topic.name), Counter())
        for x, y in combinations(texts, 2):
            result = compare_texts([x, y]).to_dict()
            units = {u["id"]: u["text"] for u in result["units"]}
            for g in result["groups"]:
                if g["verdict"] == "only":
                    continue
                c["matched_groups"] += 1
                if g["verdict"] != "differ":
                    continue
                c["differ_groups"] += 1
                for d in g["differences"]:
                    c[f"kind:{d['kind']}"] += 1
                if len(shown) < examples:
                    found = [f"{d['kind']}: {d['detail']}" for d in g["differences"]]
                    shown.append({"topic": topic.name, "units": [units[i] for i in g["units"]], "differences": found})
    out: dict[str, Any] = {k: dict(sorted(c.items())) for k, c in sorted(counts.items())}
    if shown:
        out["examples"] = shown
    return out


def measure_ecb(shared: Path, *, pairs_per_set: int = 15, examples: int = 0) -> dict[str, Any]:
    """Differences by kind over article pairs of each ECB+ development set (real outlets on one event),
    by half, with examples of the ``entity`` and ``antonym`` ones to read."""
    from compare import compare_texts

    counts: dict[str, Counter[str]] = {}
    shown: list[dict[str, Any]] = []
    for set_dir in sorted((shared / "data" / "ecbplus" / "sets").iterdir()):
        if not set_dir.is_dir():
            continue
        docs = sorted(set_dir.glob("*.txt"))
        c = counts.setdefault(_half(f"ecb:{set_dir.name.split('_')[0]}"), Counter())
        for x, y in list(combinations(docs, 2))[:pairs_per_set]:
            result = compare_texts([x.read_text(encoding="utf-8"), y.read_text(encoding="utf-8")]).to_dict()
            units = {u["id"]: u["text"] for u in result["units"]}
            c["pairs"] += 1
            for g in result["groups"]:
                if g["verdict"] == "only":
                    continue
                c["matched_groups"] += 1
                c["differ_groups"] += g["verdict"] == "differ"
                for d in g["differences"]:
                    c[f"kind:{d['kind']}"] += 1
                    if d["kind"] in ("entity", "antonym") and len(shown) < examples:
                        shown.append({"set": set_dir.name, "units": [units[i] for i in g["units"]],
                                      "difference": d["detail"]})  # fmt: skip
    out: dict[str, Any] = {k: dict(sorted(c.items())) for k, c in sorted(counts.items())}
    if shown:
        out["examples"] = shown
    return out


def measure_mrpc(path: Path, *, limit: int | None = None, examples: int = 0) -> dict[str, Any]:
    """Rates of MRPC pairs with a difference when put in one group, by label and kind."""
    kinds: dict[str, Counter[str]] = {"equivalent": Counter(), "not_equivalent": Counter()}
    totals: Counter[str] = Counter()
    core_hits: Counter[str] = Counter()
    any_hits: Counter[str] = Counter()
    shown: list[dict[str, Any]] = []
    start = time.perf_counter()
    for n, rec in enumerate(_jsonl(path)):
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


def sweep_aligned(shared: Path, levels: Sequence[float], *, half: str = "fit") -> dict[str, Any]:
    """For each level of ``classify.ALIGNED``: on one half, the share of matched entity and antonym edits
    flagged ``differ`` and the share of matched MRPC paraphrases that ``agree`` (the level is chosen here,
    on ``fit``, and read on ``test`` with the other measures)."""
    from compare import classify

    edits = [p for p in one_fact_edits(shared, per_kind=300) if p["half"] == half and p["edit"] != "number"]
    paraphrases = [r for r in _jsonl(shared / "data" / "mrpc" / "train.jsonl")
                   if r["label"] == "equivalent" and _half(f"mrpc:{r['a_sentence_id']}") == half]  # fmt: skip
    saved = classify.ALIGNED
    out: dict[str, Any] = {}
    try:
        for level in levels:
            classify.ALIGNED = level
            classify._cached_words.cache_clear()
            flagged = [verdicts(p["a"], p["b"]) for p in edits if p["edit"] != "negation"]
            kept = [verdicts(r["a"], r["b"]) for r in paraphrases]
            m_e = [d for m, d, _ in flagged if m]
            m_r = [not d for m, d, _ in kept if m]
            out[str(level)] = {"entity_antonym_differ": round(sum(m_e) / max(1, len(m_e)), 3),
                               "rewordings_agree": round(sum(m_r) / max(1, len(m_r)), 3)}  # fmt: skip
    finally:
        classify.ALIGNED = saved
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures of one measure as one JSON object."""
    p = argparse.ArgumentParser(prog="python -m dev.measure_differences", description=__doc__.split("\n\n")[0])
    p.add_argument("measure", choices=["edits", "rewordings", "duc", "ecb", "mrpc", "sweep"])
    p.add_argument("--shared", default="../shared", help="the shared folder holding data/")
    p.add_argument("--limit", type=int, default=None, help="only the first N pairs (rewordings, mrpc)")
    p.add_argument("--per-kind", type=int, default=400, help="edits of each kind (edits)")
    p.add_argument("--examples", type=int, default=0, help="also list up to N examples (missed / flagged)")
    args = p.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "data").is_dir():
        p.error(f"no data folder in {shared}")
    if args.measure == "edits":
        out = measure_edits(shared, examples=args.examples, per_kind=args.per_kind)
    elif args.measure == "rewordings":
        out = measure_rewordings(shared, limit=args.limit, examples=args.examples)
    elif args.measure == "duc":
        out = measure_duc(shared, examples=args.examples)
    elif args.measure == "ecb":
        out = measure_ecb(shared, examples=args.examples)
    elif args.measure == "sweep":
        out = sweep_aligned(shared, [0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
    else:
        out = measure_mrpc(shared / "data" / "mrpc" / "train.jsonl", limit=args.limit, examples=args.examples)
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
