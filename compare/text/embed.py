"""Static word vectors distilled from all-MiniLM-L6-v2: a text's unit vector, with numpy alone.

The vectors ship in ``compare/data/word_vectors.npz`` and were made once by
``python -m dev.distill_vectors`` (model2vec-style: each frequent English word encoded alone by
the sentence model, PCA, SIF weights from word frequency; ``word_vectors.json`` beside it says
how). A text's vector is the SIF-weighted mean of the vectors of its known words, scaled to unit
length, so the dot product of two rows is their cosine. They find synonyms and rewordings
("swap" / "exchange", "truce" / "ceasefire") that shared words miss, but they are a feature of a
pair, not a matcher: word order, negation and which entity did what are lost.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt
from scipy import sparse

from compare.text.words import lower_words

DATA_FILE = "word_vectors.npz"
"""The vector file inside the package's ``data`` folder."""

SIF = 1e-3
"""Default SIF coefficient ``a``: a word of frequency ``p`` weighs ``a / (a + p)`` ("the" 0.02, rare words ~1)."""


@dataclass(frozen=True)
class _Table:
    """The distilled vectors: one row per known word."""

    index: dict[str, int]
    """Word (lower-case, straight apostrophe) -> row."""
    vectors: npt.NDArray[np.float32]
    """Word vectors, words x dims."""
    frequencies: npt.NDArray[np.float32]
    """General-English frequency ``p`` of each word (``wordfreq``), for the SIF weights."""


# The file is read once per process: lru_cache on the loader, not a module-level variable, holds
# the table (read-only after loading). The arrays are not written to afterwards.
@lru_cache(maxsize=1)
def _table() -> _Table:
    with resources.files("compare").joinpath("data", DATA_FILE).open("rb") as fh, np.load(fh) as z:
        words = bytes(z["words"]).decode("utf-8").split("\n")
        vectors = z["vectors"].astype(np.float32)
        frequencies = z["frequencies"].astype(np.float32)
    return _Table(index={w: k for k, w in enumerate(words)}, vectors=vectors, frequencies=frequencies)


@lru_cache(maxsize=65536)
def _word_rows(word: str) -> tuple[int, ...]:
    """Rows of a lower-cased word: itself, else without "'s", else a hyphenated word joined
    ("cease-fire" -> "ceasefire") or, failing that, its known parts; () when unknown."""
    index = _table().index
    w = word.replace("’", "'")
    if w in index:
        return (index[w],)
    if w.endswith("'s") and w[:-2] in index:
        return (index[w[:-2]],)
    if "-" in w:
        joined = w.replace("-", "")
        if joined in index:
            return (index[joined],)
        return tuple(k for part in w.split("-") if part for k in _word_rows(part))
    return ()


def unit_vectors(texts: Sequence[str], *, sif: float = SIF) -> npt.NDArray[np.float32]:
    """Unit-length vector of each text from the distilled word vectors.

    Parameters
    ----------
    texts:
        Any texts; words are read as ``compare.features.lower_words`` reads them.
    sif:
        SIF coefficient ``a`` > 0: each word weighs ``a / (a + p)``, ``p`` its frequency in
        general English; larger values weigh common words more.

    Returns
    -------
    numpy.ndarray
        ``len(texts) x dims`` float32; each row has length 1, or is all zeros for a text with no
        known word. The dot product of two rows is the cosine of the two texts, in -1..1.
    """
    table = _table()
    weights = (sif / (sif + table.frequencies)).astype(np.float32)
    # the rows of each text's words, in order, and their text: the same entries as a loop appending
    # one (text, row) pair at a time. Each distinct word is looked up once; its occurrences take
    # its rows by index (``map`` and ``chain``: no bytecode per word)
    per_text = [lower_words(text) for text in texts]
    flat = list(itertools.chain.from_iterable(per_text))
    known = {w: k for k, w in enumerate(dict.fromkeys(flat))}
    word_rows = [_word_rows(w) for w in known]
    width = np.fromiter(map(len, word_rows), dtype=np.int64, count=len(word_rows))
    first = np.r_[0, np.cumsum(width)[:-1]].astype(np.int64)
    table_rows = np.fromiter(itertools.chain.from_iterable(word_rows), dtype=np.int64, count=int(width.sum()))
    word = np.fromiter(map(known.__getitem__, flat), dtype=np.int64, count=len(flat))
    n = width[word]  # rows of each occurrence
    start = np.repeat(first[word] - np.r_[0, np.cumsum(n)[:-1]].astype(np.int64), n)
    idx = table_rows[start + np.arange(int(n.sum()), dtype=np.int64)]
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), np.fromiter(map(len, per_text), dtype=np.int64))
    rows = np.repeat(owner, n)
    counts = sparse.csr_matrix(
        (weights[idx], (rows, idx)),
        shape=(len(texts), len(table.index)),
        dtype=np.float32,
    )
    out = np.asarray(counts @ table.vectors, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out
