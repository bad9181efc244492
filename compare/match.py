"""Score units of different sources against each other and link the ones that report the same fact.

Scoring is vectorised: content words weighted by rarity and names become sparse matrices, and
their products give every candidate pair at once; only pairs sharing a rare enough word or a name
are candidates, so long documents are not scored all against all. For each candidate pair a few
features (weighted word overlap, shared and conflicting names and numbers, fuzzy string overlap,
how much the two articles as a whole share) are combined by a logistic model whose coefficients
were fitted on MRPC and ECB+ development data (``python -m compare.train``), giving a 0..100
similarity. Links above the threshold become groups; a unit may be linked to several units of
another source (many-to-many) when it carries several of their facts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING

from compare.features import lower_words, stem
from compare.model import Features, MatchOptions, Unit, UnitKind
from compare.util import without_gc

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from scipy import sparse

FEATURE_NAMES = (
    "cosine",  # IDF-weighted cosine of stemmed content words
    "cover_min",  # weighted share of the shorter unit's words found in the other
    "cover_max",  # weighted share of the longer unit's words found in the other
    "names_shared",  # weighted count of shared name keys (capped at 3)
    "names_conflict",  # both name people/places, none in common
    "names_extra",  # share of the names of the unit with more names that the other lacks
    "numbers_shared",  # a quantity found in both
    "numbers_conflict",  # same unit of measure, different value, nothing equal
    "numbers_extra",  # one unit has quantities, the other none
    "fuzz_set",  # rapidfuzz token_set_ratio / 100
    "fuzz_ratio",  # rapidfuzz ratio / 100 (order-sensitive)
    "fuzz_sort",  # rapidfuzz token_sort_ratio / 100
    "len_ratio",  # shorter / longer, in words
    "len_diff",  # log(1 + difference in words)
    "uni_min",  # n-gram precision of all stemmed words, n = 1..4, the lower and the higher of the two sides
    "uni_max",
    "bi_min",
    "bi_max",
    "tri_min",
    "tri_max",
    "quad_min",
    "quad_max",
    "extra_words",  # content words of either unit missing from the other (count, capped at 20)
    "extra_words_max",  # the larger of the two sides' missing counts (capped at 20)
    "short",  # 1 / (1 + content words of the shorter unit)
    "context",  # 1 when both units come from articles of several units (not a lone sentence pair)
    "doc_names",  # cosine of the two whole articles' name vectors (0 without context)
    "doc_words",  # cosine of the two whole articles' word vectors (0 without context)
)
"""The pair features, in the order of ``COEF``."""

FACT_FEATURES = FEATURE_NAMES[: FEATURE_NAMES.index("context")]
"""The features of the pair itself, which the fact model weighs (``COEF``)."""
TEXT_FEATURES = ("fuzz_set", "fuzz_ratio", "fuzz_sort")
"""Features computed from the raw strings (costly); each lies in 0..1."""

# Fitted by ``python -m compare.train`` (see the README, "How matching works"). The fact model:
# logistic regression on MRPC sentence pairs over FACT_FEATURES.
COEF = (
    -2.0879, 0.2361, 2.8662, -0.1003, 0.0400, 0.4490, -0.1592, -0.7198, 0.2323, 0.1066, 5.7260, 2.8683, 0.7816,
    0.3089, 3.1216, 3.0847, 5.5760, -4.5082, 0.7036, -4.3105, 1.4562, -1.1100, -0.1017, 0.1182, 5.5519,
)  # fmt: skip
INTERCEPT = -10.0158
CONTEXT_FEATURES = (*FACT_FEATURES, "doc_names", "doc_words")
"""The features the link model weighs: the pair's own and the two articles' overlap."""
# The link model, for units of whole articles: logistic regression over CONTEXT_FEATURES fitted on
# ECB+ article pairs (same event: gold event links; different events of one topic: all negative).
CONTEXT_COEF = (
    -6.9736, 3.3844, 10.6875, -0.2574, -0.2088, -0.3428, -0.1998, -1.5767, -0.0643, -1.2725, -4.2038, 4.9454,
    4.5946, 0.7462, -6.9399, 2.5972, 1.1679, -1.4687, 6.1999, -2.9804, -5.6833, 5.0946, -0.0111, -0.0238,
    2.8911, 5.7224, 1.6152,
)  # fmt: skip
CONTEXT_INTERCEPT = -6.8203
# The sentence model, the link model's check on each pair of whole articles' units: logistic
# regression over CONTEXT_FEATURES fitted on every ECB+ candidate pair, including those of sentences
# the annotators did not target (gold links there are positives, no link a negative).
SENTENCE_COEF = (
    -8.6451, 5.6522, 9.3660, 0.6475, -0.1411, 2.0032, 0.4052, -0.1721, -0.0585, 0.0054, -1.8155, 0.3669,
    -3.5797, -0.7267, -0.4649, 2.0833, 1.9751, -1.2553, -0.0874, -1.1331, -5.9582, 1.4146, -0.0816, -0.0155,
    -11.6936, 1.3452, 0.5672,
)  # fmt: skip
SENTENCE_INTERCEPT = -0.5893

_MAX_IDF = 12.0


@dataclass(frozen=True)
class Links:
    """Scored candidate pairs between units of different sources (index arrays into ``units``)."""

    left: npt.NDArray[np.int64]
    right: npt.NDArray[np.int64]
    score: npt.NDArray[np.float64]
    """Similarity 0..100 of each pair."""
    fact: npt.NDArray[np.float64] | None = None
    """Fact similarity 0..100 of each pair (``fact_similarity``: how close the two units are to one
    statement, whatever the articles around them), when known."""


@lru_cache(maxsize=200_000)
def _bg_idf(token: str) -> float:
    """Rarity of a stemmed word in general English (wordfreq), as an IDF-like weight."""
    z = _zipf(token)
    return max(0.5, min(_MAX_IDF, 8.0 - z)) if z > 0 else 7.0


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """wordfreq's English word list (the one ``zipf_frequency`` reads)."""
    from wordfreq import get_frequency_dict

    out: dict[str, float] = get_frequency_dict("en", "best")
    return out


def _zipf(token: str) -> float:
    """wordfreq's ``zipf_frequency(token, "en")``, read straight from its word list for a plain
    lower-case ASCII word (which wordfreq's tokenizer leaves as it is); the same value, without
    the tokenizer's cost (most of the time of weighing a long document's vocabulary)."""
    import math

    if not (token.isascii() and token.isalpha() and token.islower()):
        from wordfreq import zipf_frequency

        return float(zipf_frequency(token, "en"))
    freq = _frequencies().get(token)
    if freq is None:
        return 0.0
    freq = max(freq, 1e-9)
    rounded = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


def _weights(vocab: Sequence[str], df: npt.NDArray[np.float64], n_units: int) -> npt.NDArray[np.float64]:
    import numpy as np

    bg = np.array([_bg_idf(t) for t in vocab])
    local = np.log((n_units + 1.0) / (df + 1.0)) + 1.0
    return bg * np.sqrt(local)


def _sparse_rows(rows: Sequence[Sequence[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Binary-count sparse matrix (rows x vocabulary) of string keys."""
    import numpy as np
    from scipy import sparse

    vocab: dict[str, int] = {}
    indices = [vocab.setdefault(k, len(vocab)) for keys in rows for k in keys]  # columns in order of first use
    indptr = np.cumsum([0, *map(len, rows)])
    data = np.ones(len(indices), dtype=np.float64)
    m = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(1, len(vocab))))
    m.sum_duplicates()
    return m, list(vocab)


def _ngram_rows(seqs: Sequence[Sequence[str]], longest: int) -> list[sparse.csr_matrix]:
    """For n = 1 .. ``longest``, a 0/1 matrix with a row per sequence and a column per distinct
    n-gram (consecutive words) that marks the n-grams each sequence holds.

    Vectorised: words become integer ids, and each n-gram the id of the pair (its first n-1 words'
    n-gram, its last word), numbered by ``np.unique``; no string is built. Column order differs
    from sorting the n-grams as strings, which changes no row product (sums of ones).
    """
    import numpy as np
    from scipy import sparse

    lengths = np.array([len(q) for q in seqs], dtype=np.int64)
    flat = [w for q in seqs for w in q]
    rows = len(seqs)
    if not flat:
        return [sparse.csr_matrix((rows, 1)) for _ in range(longest)]
    vocab: dict[str, int] = {}
    word_id = np.array([vocab.setdefault(w, len(vocab)) for w in flat], dtype=np.int64)
    owner = np.repeat(np.arange(rows, dtype=np.int64), lengths)
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    position = np.arange(len(flat), dtype=np.int64) - np.repeat(starts, lengths)
    out = []
    gram = word_id  # id of the n-gram ending at each position (meaningful where position >= n - 1)
    for n in range(1, longest + 1):
        if n > 1:
            key = (np.r_[-1, gram[:-1]] + 1) * len(vocab) + word_id
            _, gram = np.unique(key, return_inverse=True)
            gram = gram.reshape(-1).astype(np.int64)
        valid = position >= n - 1
        width = int(gram.max()) + 1
        cells = np.unique(owner[valid] * width + gram[valid])
        m = sparse.csr_matrix((np.ones(len(cells)), (cells // width, cells % width)), shape=(rows, width))
        out.append(m)
    return out


def _normalise(m: sparse.csr_matrix) -> sparse.csr_matrix:
    import numpy as np
    from scipy import sparse

    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ m


def _quantity_keys(f: Features) -> tuple[list[str], list[str]]:
    """Keys for equal quantities (value+unit) and for units of measure (to spot conflicts)."""
    vals = [f"{q.kind}:{q.unit}:{q.value:g}" for q in f.numbers if q.unit != "weekday"]
    units = [f"{q.kind}:{q.unit}" for q in f.numbers if q.unit != "weekday"]
    return vals, units


def _pair_values(
    m: sparse.csr_matrix, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Entries of ``m @ m.T`` at the given pairs, computed row by row without the full product."""
    import numpy as np

    # in chunks of pairs, so that memory stays bounded on long documents (see _pair_values_chunked)
    if len(left) == 0:
        return np.zeros(0)
    return _pair_values_chunked(m, left, right, _PAIR_CHUNK)


_PAIR_CHUNK = 100_000
"""Pairs whose values ``_pair_values`` computes at a time."""


def _pair_values_chunked(
    m: sparse.csr_matrix, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64], chunk: int
) -> npt.NDArray[np.float64]:
    """``_pair_values``, ``chunk`` pairs at a time, equal to the bit to computing them at once.

    scipy multiplies two rows in sorted column order when every row of both operands is sorted,
    else in stored order; a chunk whose rows happen to be all sorted gets one unsorted pair added
    (and its value dropped), so each chunk sums in the same order as the whole would.
    """
    import numpy as np

    def values(rows_l: npt.NDArray[np.int64], rows_r: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        return np.asarray(m[rows_l].multiply(m[rows_r]).sum(axis=1)).ravel()

    if len(left) == 0:
        return np.zeros(0)
    if len(left) <= chunk:
        return values(left, right)
    sorted_row = _sorted_rows(m)
    pair_sorted = sorted_row[left] & sorted_row[right]
    unsorted = np.flatnonzero(~pair_sorted)[:1]
    out = np.empty(len(left))
    for s in range(0, len(left), chunk):
        rows_l, rows_r = left[s : s + chunk], right[s : s + chunk]
        if len(unsorted) and pair_sorted[s : s + chunk].all():
            out[s : s + chunk] = values(np.r_[rows_l, left[unsorted]], np.r_[rows_r, right[unsorted]])[:-1]
        else:
            out[s : s + chunk] = values(rows_l, rows_r)
    return out


def _sorted_rows(m: sparse.csr_matrix) -> npt.NDArray[np.bool_]:
    """Whether each row's column indices are strictly increasing (scipy's canonical format)."""
    import numpy as np

    ok = np.ones(m.shape[0], dtype=bool)
    if m.nnz > 1:
        row = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
        bad = (np.diff(m.indices) <= 0) & (row[:-1] == row[1:])
        ok[row[:-1][bad]] = False
    return ok


def pair_features(
    units: Sequence[Unit],
    features: dict[str, Features],
    left: npt.NDArray[np.int64],
    right: npt.NDArray[np.int64],
    *,
    with_text: bool = True,
) -> npt.NDArray[np.float64]:
    """The feature matrix (pairs x ``FEATURE_NAMES``) for the given unit index pairs.

    ``with_text=False`` leaves out the features computed from the texts (the costly fuzzy string
    scores, each between 0 and 1) and sets them to NaN: ``score`` uses that to skip the pairs that
    cannot reach the threshold whatever those features are.
    """
    import numpy as np

    ctx = _Context.build(units, features)
    n = len(left)
    X = np.zeros((n, len(FEATURE_NAMES)))
    if n == 0:
        return X
    col = {name: k for k, name in enumerate(FEATURE_NAMES)}

    def put(name: str, values: npt.NDArray[np.float64]) -> None:
        X[:, col[name]] = values

    put("cosine", _pair_values(ctx.tfidf, left, right))
    inter = _pair_values(ctx.weighted_presence, left, right)
    mass = ctx.mass
    put("cover_min", inter / np.maximum(1e-9, np.minimum(mass[left], mass[right])))
    put("cover_max", inter / np.maximum(1e-9, np.maximum(mass[left], mass[right])))
    shared_names = _pair_values(ctx.names, left, right)
    put("names_shared", np.minimum(shared_names, 3.0))
    nn = ctx.name_count
    has_names = nn > 0
    put("names_conflict", (has_names[left] & has_names[right] & (shared_names == 0)).astype(float))
    shared_name_n = _pair_values(ctx.names_binary, left, right)
    most = np.maximum(nn[left], nn[right])
    put("names_extra", np.where(most > 0, 1.0 - shared_name_n / np.maximum(1.0, most), 0.0))
    shared_q = _pair_values(ctx.qvals, left, right)
    shared_qu = _pair_values(ctx.qunits, left, right)
    put("numbers_shared", (shared_q > 0).astype(float))
    put("numbers_conflict", ((shared_qu > 0) & (shared_q == 0)).astype(float))
    nq = ctx.quantity_count
    put("numbers_extra", ((nq[left] > 0) != (nq[right] > 0)).astype(float))
    if with_text:
        _put_text_features(ctx, X, left, right)
    else:  # text features all lie in 0..1; score() bounds them instead of computing them
        for name in TEXT_FEATURES:
            put(name, np.full(n, np.nan))
    wl = ctx.word_count
    la, lb = wl[left], wl[right]
    put("len_ratio", np.minimum(la, lb) / np.maximum(1.0, np.maximum(la, lb)))
    put("len_diff", np.log1p(np.abs(la - lb)))
    for name, m, cnt in zip(("uni", "bi", "tri", "quad"), ctx.ngrams, ctx.ngram_count):
        shared = _pair_values(m, left, right)
        pa = shared / np.maximum(1.0, cnt[left])
        pb = shared / np.maximum(1.0, cnt[right])
        put(f"{name}_min", np.minimum(pa, pb))
        put(f"{name}_max", np.maximum(pa, pb))
    shared_c = _pair_values(ctx.content_binary, left, right)
    nc = ctx.content_count
    miss_a, miss_b = nc[left] - shared_c, nc[right] - shared_c
    put("extra_words", np.minimum(miss_a + miss_b, 20.0))
    put("extra_words_max", np.minimum(np.maximum(miss_a, miss_b), 20.0))
    length = ctx.length
    put("short", 1.0 / (1.0 + np.minimum(length[left], length[right])))
    src = ctx.source_index
    context = (ctx.source_size[src[left]] > 1) & (ctx.source_size[src[right]] > 1)
    put("context", context.astype(float))
    put("doc_names", np.where(context, ctx.doc_names[src[left], src[right]], 0.0))
    put("doc_words", np.where(context, ctx.doc_words[src[left], src[right]], 0.0))
    return X


def _put_text_features(
    ctx: _Context, X: npt.NDArray[np.float64], left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> None:
    """Fill in the columns of ``TEXT_FEATURES`` of the feature rows ``X`` of the given pairs."""
    fuzz_set, fuzz_ratio, fuzz_sort = _text_scores(ctx, left, right)
    for name, values in (("fuzz_set", fuzz_set), ("fuzz_ratio", fuzz_ratio), ("fuzz_sort", fuzz_sort)):
        X[:, FEATURE_NAMES.index(name)] = values / 100.0


def _text_scores(
    ctx: _Context, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """RapidFuzz ``token_set_ratio``, ``ratio`` and ``token_sort_ratio`` of each pair of unit texts.

    The same values as ``process.cpdist`` over the raw texts, computed faster: each text's words
    are split, sorted (and for ``token_set_ratio`` deduplicated) once, not once per pair, and the
    pairs go to ``process.cpdist`` in one call per score. ``token_sort_ratio`` is ``ratio`` of the
    sorted words, and ``token_set_ratio`` depends only on the set of words, so both give the same
    values.
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    if len(left) == 0:
        empty = np.zeros(0, dtype=np.float32)
        return empty, empty, empty
    lo, ro = left.tolist(), right.tolist()

    def pairwise(strings: list[str], scorer: Callable[..., float]) -> npt.NDArray[np.float32]:
        out: npt.NDArray[np.float32] = process.cpdist(
            [strings[i] for i in lo], [strings[j] for j in ro], scorer=scorer, dtype=np.float32, workers=1
        )
        return out

    return (
        pairwise(ctx.word_sets, fuzz.token_set_ratio),
        pairwise(ctx.texts, fuzz.ratio),
        pairwise(ctx.sorted_words, fuzz.ratio),
    )


_LATIN1_NOT_SPACE = re.compile(r"[^\S\x85\xa0]+")


def rapidfuzz_words(text: str) -> list[str]:
    """The words RapidFuzz's token scorers split ``text`` into (at whitespace).

    Python's ``str.split`` and RapidFuzz agree on whitespace, except that RapidFuzz does not
    split at U+0085 and U+00A0 in a text whose characters all lie below U+0100 (it stores such
    texts one byte per character and then tests only the ASCII spaces among them).
    """
    if ("\xa0" in text or "\x85" in text) and max(text) < "\u0100":
        return [w for w in _LATIN1_NOT_SPACE.split(text) if w]
    return text.split()


def _weigh(X: npt.NDArray[np.float64], coef: Sequence[float]) -> npt.NDArray[np.float64]:
    """``X @ coef``, without BLAS: numpy's matrix product hands even a thin product like this one to
    OpenBLAS, whose threads then spin for a while and cost CPU time (measured: about 0.2 s of extra
    CPU time over the following stages on 2 x 2,000 sentences) for no gain in wall time."""
    import numpy as np

    out: npt.NDArray[np.float64] = np.einsum("ij,j->i", X, np.asarray(coef, dtype=X.dtype))
    return out


def fact_logit(X: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Log-odds that two units state the same fact, from the pair's own features alone."""

    out: npt.NDArray[np.float64] = _weigh(X[:, : len(FACT_FEATURES)], COEF) + INTERCEPT
    return out


def context_logit(X: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Log-odds that two units of two whole articles report the same fact or event: the pair's
    features and how much the two articles share (``doc_names``, ``doc_words``), weighed by the
    link model."""

    cols = [FEATURE_NAMES.index(n) for n in CONTEXT_FEATURES]
    out: npt.NDArray[np.float64] = _weigh(X[:, cols], CONTEXT_COEF) + CONTEXT_INTERCEPT
    return out


def link_logit(X: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The matcher's log-odds: the link model for units of whole articles, the fact model for a lone
    pair of sentences (``context`` = 0), so that ``similarity(a, b)`` is what the matcher gives two
    one-sentence articles."""
    import numpy as np

    in_context = X[:, FEATURE_NAMES.index("context")] > 0
    out: npt.NDArray[np.float64] = np.where(in_context, context_logit(X), fact_logit(X))
    return out


def _percent(z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    import numpy as np
    from scipy.special import expit

    out: npt.NDArray[np.float64] = np.round(100.0 * expit(z), 2)
    return out


def combine(X: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Similarity 0..100 from a feature matrix: the matcher's link score."""
    return _percent(link_logit(X))


def fact_similarity(X: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Fact-level similarity 0..100 (the same as ``combine`` for a lone pair of sentences)."""
    return _percent(fact_logit(X))


@dataclass(frozen=True)
class _Context:
    """Sparse matrices describing every unit, built once per comparison."""

    tfidf: sparse.csr_matrix
    weighted_presence: sparse.csr_matrix
    mass: npt.NDArray[np.float64]
    ngrams: tuple[sparse.csr_matrix, ...]
    ngram_count: tuple[npt.NDArray[np.float64], ...]
    word_count: npt.NDArray[np.float64]
    content_binary: sparse.csr_matrix
    content_count: npt.NDArray[np.float64]
    source_size: npt.NDArray[np.float64]
    names: sparse.csr_matrix
    names_binary: sparse.csr_matrix
    name_count: npt.NDArray[np.float64]
    qvals: sparse.csr_matrix
    qunits: sparse.csr_matrix
    quantity_count: npt.NDArray[np.float64]
    texts: list[str]
    """Each text, lower-cased, cut to ``FUZZY_CHARS`` characters."""
    sorted_words: list[str]
    """Each text's words (as RapidFuzz splits them) sorted and joined by spaces (cut the same way)."""
    word_sets: list[str]
    """The same without repeated words (cut the same way)."""
    source_index: npt.NDArray[np.int64]
    doc_names: npt.NDArray[np.float64]
    doc_words: npt.NDArray[np.float64]
    length: npt.NDArray[np.float64]
    token_df: npt.NDArray[np.float64]
    token_weight: npt.NDArray[np.float64]
    vocab: list[str]

    @staticmethod
    def build(units: Sequence[Unit], features: dict[str, Features]) -> _Context:
        key = tuple(u.id for u in units), id(features)
        cached = _CONTEXT_CACHE.get(key)
        if cached is not None and cached[0] is features:
            return cached[1]
        ctx = _Context._build(units, features)
        _CONTEXT_CACHE.clear()
        _CONTEXT_CACHE[key] = (features, ctx)
        return ctx

    @staticmethod
    def _build(units: Sequence[Unit], features: dict[str, Features]) -> _Context:
        import numpy as np
        from scipy import sparse

        feats = [features[u.id] for u in units]
        counts, vocab = _sparse_rows([f.tokens for f in feats])
        presence = counts.copy()
        presence.data[:] = 1.0
        df = np.asarray(presence.sum(axis=0)).ravel()
        # no content word anywhere: _sparse_rows keeps one empty column, so give it a zero weight
        w = _weights(vocab, df, len(units)) if vocab else np.zeros(counts.shape[1])
        W = sparse.diags(w)
        tf = counts.copy()
        tf.data = 1.0 + np.log(tf.data)
        tfidf = _normalise(tf @ W)
        # presence weighted by sqrt(weight) so that the row product sums the weights of shared words
        weighted_presence = presence @ sparse.diags(np.sqrt(w))
        mass = np.asarray((presence @ sparse.diags(w)).sum(axis=1)).ravel()
        names, name_vocab = _sparse_rows([sorted(f.names) for f in feats])
        names.data[:] = 1.0
        name_w = np.array([_bg_idf(k) / 7.0 for k in name_vocab]) if name_vocab else np.ones(1)
        names_w = names @ sparse.diags(np.sqrt(name_w))
        # every word, stemmed (``stem`` lower-cases, so the cached lower-case words do)
        seqs = [[stem(w) for w in lower_words(u.text)] for u in units]
        ngrams = _ngram_rows(seqs, 4)
        ngram_count = [np.asarray(m.sum(axis=1)).ravel() for m in ngrams]
        qk = [_quantity_keys(f) for f in feats]
        qvals, _ = _sparse_rows([sorted(set(v)) for v, _ in qk])
        qunits, _ = _sparse_rows([sorted(set(u)) for _, u in qk])
        src_ids = sorted({u.source for u in units})
        sidx = {s: i for i, s in enumerate(src_ids)}
        source_index = np.array([sidx[u.source] for u in units], dtype=np.int64)
        onehot = sparse.csr_matrix(
            (np.ones(len(units)), (source_index, np.arange(len(units)))), shape=(len(src_ids), len(units))
        )
        doc_n = _normalise(onehot @ names)
        doc_w = _normalise(onehot @ (tf @ W))
        length = np.array([len(f.tokens) for f in feats], dtype=float)
        texts = [u.text.lower() for u in units]
        split_texts = [rapidfuzz_words(t) for t in texts]
        return _Context(
            tfidf=tfidf.tocsr(),
            weighted_presence=weighted_presence.tocsr(),
            mass=mass,
            ngrams=tuple(ngrams),
            ngram_count=tuple(ngram_count),
            word_count=np.array([len(q) for q in seqs], dtype=float),
            content_binary=presence.tocsr(),
            content_count=np.asarray(presence.sum(axis=1)).ravel(),
            source_size=np.bincount(source_index, minlength=len(src_ids)).astype(float),
            names=names_w.tocsr(),
            names_binary=names,
            name_count=np.asarray(names.sum(axis=1)).ravel(),
            qvals=qvals,
            qunits=qunits,
            quantity_count=np.array([len(v) for v, _ in qk], dtype=float),
            texts=[t[:FUZZY_CHARS] for t in texts],
            sorted_words=[" ".join(sorted(ws))[:FUZZY_CHARS] for ws in split_texts],
            word_sets=[" ".join(sorted(set(ws)))[:FUZZY_CHARS] for ws in split_texts],
            source_index=source_index,
            doc_names=(doc_n @ doc_n.T).toarray(),
            doc_words=(doc_w @ doc_w.T).toarray(),
            length=length,
            token_df=df,
            token_weight=w,
            vocab=vocab,
        )


_CONTEXT_CACHE: dict[object, tuple[dict[str, Features], _Context]] = {}


def candidates(
    units: Sequence[Unit], features: dict[str, Features], *, max_per_unit: int | None = None, block_rows: int = 1024
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Pairs of units from different sources that share a content word or a name.

    Found with sparse matrix products (an inverted index in matrix form), keeping for each unit
    its ``max_per_unit`` best candidates by word overlap (default ``CANDIDATES_PER_SOURCE`` per
    other source), so the work grows with the number of
    units times ``max_per_unit``, not with all pairs. Bylines are never candidates.

    A pair ``(i, j)``, ``i < j``, is kept when it is among the ``max_per_unit`` best pairs of
    ``i`` with a later unit, or of ``j`` with an earlier unit (ties: the partner with the lower index first).
    The product is computed ``block_rows`` units at a time, so memory stays bounded on long
    documents; the result does not depend on ``block_rows``.
    """
    import numpy as np

    ctx = _Context.build(units, features)
    n = len(units)
    src = ctx.source_index
    if max_per_unit is None:
        max_per_unit = CANDIDATES_PER_SOURCE * max(1, len(ctx.source_size) - 1)
    usable = np.array([u.kind is not UnitKind.BYLINE for u in units], dtype=bool)
    tf, nm = ctx.tfidf, ctx.names
    found: list[npt.NDArray[np.int64]] = []
    for r0 in range(0, n, max(1, block_rows)):
        r1 = min(n, r0 + max(1, block_rows))
        # units r0..r1 against the units after them: each unit's best later partners
        i, j, v = _block_pairs(tf[r0:r1] @ tf[r0:].T + nm[r0:r1] @ nm[r0:].T, r0, r0, src, usable)
        found.append(_best(i, j, v, max_per_unit, n))
        if max_per_unit:
            # the units before them against units r0..r1: each unit's best earlier partners. Entry
            # (i, j) is computed from row i as in the first product, so the values agree to the bit.
            i, j, v = _block_pairs(tf[:r1] @ tf[r0:r1].T + nm[:r1] @ nm[r0:r1].T, 0, r0, src, usable)
            found.append(_best(j, i, v, max_per_unit, n, swap=True))
    keys = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return keys // max(n, 1), keys % max(n, 1)


FUZZY_CHARS = 3000
"""The fuzzy string features (``fuzz_set``, ``fuzz_ratio``, ``fuzz_sort``) see at most this many
characters of each prepared string (the lower-cased text, its sorted words, its sorted set of
words), so that their cost per pair stays bounded whatever the input: RapidFuzz's ``ratio`` of
two texts of 200,000 characters (a paragraph swallowed by an unclosed quotation) takes about a
second. Segmentation keeps units within 3,000 characters, and every unit of the development data
is far shorter, so for them nothing is cut."""

CANDIDATES_PER_SOURCE = 12
"""Default number of candidates each unit keeps, per other source (``candidates``). On the seeds,
the ECB+ development pairs and ECB+ sets compared N-way, 8, 12, 20 and 50 give the same links; 6
changes 3 of the seeds' 53 links and 4 also ECB+ N-way groups, so 12 keeps a margin. On two
documents of 2,000 sentences 12 takes a third of the matching time of 50."""

_FLOORS = (0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64)
"""Word-overlap levels tried as each unit's floor before ranking its candidates (see ``_best``)."""


def _block_pairs(
    block: sparse.csr_matrix, row0: int, col0: int, src: npt.NDArray[np.int64], usable: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The entries ``(i, j, value)``, ``i < j``, of a block of the similarity product that can be candidates."""
    import numpy as np

    coo = block.tocoo()
    i = coo.row.astype(np.int64) + row0
    j = coo.col.astype(np.int64) + col0
    v = coo.data
    keep = (i < j) & (src[i] != src[j]) & usable[i] & usable[j] & (v > 0)
    return i[keep], j[keep], v[keep]


def _best(
    key: npt.NDArray[np.int64],
    other: npt.NDArray[np.int64],
    v: npt.NDArray[np.float64],
    k: int,
    n: int,
    *,
    swap: bool = False,
) -> npt.NDArray[np.int64]:
    """Pair codes ``left * n + right`` of the ``k`` best pairs of each ``key`` (all pairs when ``k`` is 0)."""
    import numpy as np

    if k and len(key):
        # Sorting is the costly part: first drop the pairs that at least k pairs of the same unit
        # beat outright (below a per-unit floor that k pairs reach), which cannot be in its top k.
        floor = np.zeros(n)
        for f in _FLOORS:
            floor[np.bincount(key[v >= f], minlength=n) >= k] = f
        above = v >= floor[key]
        key, other, v = key[above], other[above], v[above]
        order = np.lexsort((other, -v, key))  # best first; ties: the partner with the lower index
        sk = key[order]
        starts = np.r_[0, np.flatnonzero(np.diff(sk)) + 1]
        rank = np.arange(len(sk)) - np.repeat(starts, np.diff(np.r_[starts, len(sk)]))
        top = order[rank < k]
        key, other = key[top], other[top]
    left, right = (other, key) if swap else (key, other)
    return left * n + right


PARAPHRASE = 46.3
"""Fact similarity from which two sentences count as the same statement: the F1-best threshold of
the fact model on MRPC's fit part (``make eval`` prints it as the MRPC ``threshold``)."""


def sentence_ok(
    X: npt.NDArray[np.float64], least: float, *, fact: npt.NDArray[np.float64] | None = None
) -> npt.NDArray[np.bool_]:
    """Pairs of whole articles' units that the sentence model finds plausible, or that the fact
    model finds a paraphrase of each other; lone pairs always pass. ``fact``: ``fact_similarity(X)``
    when already computed."""

    cols = [FEATURE_NAMES.index(n) for n in CONTEXT_FEATURES]
    z = _weigh(X[:, cols], SENTENCE_COEF) + SENTENCE_INTERCEPT
    in_context = X[:, FEATURE_NAMES.index("context")] > 0
    if fact is None:
        fact = fact_similarity(X)
    out: npt.NDArray[np.bool_] = ~in_context | (_percent(z) >= least) | (fact >= PARAPHRASE)
    return out


def score(
    units: Sequence[Unit], features: dict[str, Features], *, at_least: float | None = None, sentence_score: float = 0.0
) -> Links:
    """Similarity of every candidate pair of units from different sources.

    With ``at_least``, only the pairs whose similarity reaches it. They are found without the
    costly text features for most others: every pair is first described without them, and only
    pairs that could reach ``at_least`` with the most favourable values of those features get them
    (see ``_could_reach``). The scores kept are the same as without ``at_least``.

    With ``sentence_score``, pairs of whole articles' units that ``sentence_ok`` rejects score 0.
    """
    import numpy as np

    left, right = candidates(units, features)
    ctx = _Context.build(units, features)
    kept_l, kept_r, scores, facts = [], [], [], []
    # in blocks, so that the feature rows of all candidates never sit in memory at once
    for lo in range(0, len(left), _SCORE_BLOCK):
        bl, br = left[lo : lo + _SCORE_BLOCK], right[lo : lo + _SCORE_BLOCK]
        X = pair_features(units, features, bl, br, with_text=False)
        if at_least is not None:
            hopeful = _could_reach(X, at_least)
            X, bl, br = X[hopeful], bl[hopeful], br[hopeful]
        _put_text_features(ctx, X, bl, br)  # the same rows as pair_features(..., with_text=True)
        s = combine(X)
        f = fact_similarity(X)
        if sentence_score > 0:
            s = np.where(sentence_ok(X, sentence_score, fact=f), s, 0.0)
        if at_least is not None:
            keep = s >= at_least
            bl, br, s, f = bl[keep], br[keep], s[keep], f[keep]
        kept_l.append(bl)
        kept_r.append(br)
        scores.append(s)
        facts.append(f)
    if not scores:
        return Links(left=left, right=right, score=np.zeros(0), fact=np.zeros(0))
    return Links(left=np.concatenate(kept_l), right=np.concatenate(kept_r), score=np.concatenate(scores),
                 fact=np.concatenate(facts))  # fmt: skip


_SCORE_BLOCK = 100_000
"""Candidate pairs described at once by ``score`` (bounds the memory of the feature rows)."""


def _could_reach(X: npt.NDArray[np.float64], at_least: float) -> npt.NDArray[np.bool_]:
    """Pairs whose similarity could reach ``at_least`` whatever values in 0..1 the NaN features take.

    Each NaN feature is set to 1 where its weight is positive and to 0 elsewhere, which gives the
    highest similarity the pair can have; a margin of one rounding step keeps the test safe.
    """
    import numpy as np

    unknown = np.isnan(X)
    fact_w = np.zeros(X.shape[1])
    fact_w[: len(FACT_FEATURES)] = COEF
    context_w = np.zeros(X.shape[1])
    context_w[[FEATURE_NAMES.index(n) for n in CONTEXT_FEATURES]] = CONTEXT_COEF
    in_context = X[:, FEATURE_NAMES.index("context")] > 0
    weights = np.where(in_context[:, None], context_w[None, :], fact_w[None, :])
    best = np.where(weights > 0, 1.0, 0.0)
    return combine(np.where(unknown, best, X)) >= at_least - 0.01


def select(links: Links, units: Sequence[Unit], options: MatchOptions) -> Links:
    """Keep the links above ``options.threshold``, at most ``options.max_links`` per unit and
    other source, within ``options.relative`` points of the best link of either end."""
    import numpy as np

    keep = links.score >= options.threshold
    left, right, s = links.left[keep], links.right[keep], links.score[keep]
    fact = None if links.fact is None else links.fact[keep]
    if len(left) == 0:
        return Links(left, right, s, fact)
    ids = {sid: k for k, sid in enumerate(dict.fromkeys(u.source for u in units))}
    src = np.array([ids[u.source] for u in units], dtype=np.int64)
    # rank each link among those of the same unit towards the same other source; keep it when it
    # is in the top k of both ends
    key_l = left * len(ids) + src[right]
    key_r = right * len(ids) + src[left]
    ok = np.ones(len(s), dtype=bool)
    if options.max_links:
        ok = _rank_ok(key_l, s, options.max_links) & _rank_ok(key_r, s, options.max_links)
    if options.relative > 0:
        best_l = _group_max(key_l, s)
        best_r = _group_max(key_r, s)
        ok &= (s >= best_l - options.relative) | (s >= best_r - options.relative)
    return Links(left[ok], right[ok], s[ok], None if fact is None else fact[ok])


def _rank_ok(key: npt.NDArray[np.int64], s: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.bool_]:
    import numpy as np

    order = np.lexsort((-s, key))
    sk = key[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sk)) + 1]
    first = np.repeat(starts, np.diff(np.r_[starts, len(sk)]))
    ranks = np.empty(len(key), dtype=np.int64)
    ranks[order] = np.arange(len(key)) - first
    return ranks < k


def _group_max(key: npt.NDArray[np.int64], s: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    import numpy as np

    uniq, inv = np.unique(key, return_inverse=True)
    best = np.full(len(uniq), -math.inf)
    np.maximum.at(best, inv, s)
    return best[inv]


@dataclass(frozen=True)
class Match:
    """Units of different sources found to report the same fact, with their similarity."""

    units: tuple[int, ...]
    """Indexes into the unit list, at most one per source, in source order."""
    score: float
    """Lowest similarity between two members (0..100)."""
    facts: tuple[float, ...] | None = None
    """Fact similarity (``fact_similarity``) of each two members, in the order of
    ``itertools.combinations(units, 2)``, when known."""


@without_gc
def align(units: Sequence[Unit], features: dict[str, Features], options: MatchOptions) -> list[Match]:
    """The stage's main function: link units of different sources that report the same fact.

    Parameters
    ----------
    units:
        Units of all sources.
    features:
        Their features, by unit id.
    options:
        Threshold and limits.

    Returns
    -------
    list[Match]
        One entry per matched fact. With two sources each selected link is one match; with more,
        a link grows into a group by adding, from each other source, the unit linked to every
        member already in it. A unit may belong to several matches.
    """
    scored = score(units, features, at_least=options.threshold, sentence_score=options.sentence_score)
    links = select(scored, units, options)
    return _grow(links, units)


def _grow(links: Links, units: Sequence[Unit]) -> list[Match]:
    import numpy as np

    if len({u.source for u in units}) <= 2:
        # two sources: nothing to grow, every link is a match (as _grow_groups finds, faster)
        lo, hi = np.minimum(links.left, links.right), np.maximum(links.left, links.right)
        order = np.lexsort((hi, lo))
        facts: list[float | None] = [None] * len(order) if links.fact is None else links.fact[order].tolist()
        return [
            Match(units=(a, b), score=round(s, 2), facts=None if f is None else (f,))
            for a, b, s, f in zip(lo[order].tolist(), hi[order].tolist(), links.score[order].tolist(), facts)
        ]
    return _grow_groups(links, units)


def _grow_groups(links: Links, units: Sequence[Unit]) -> list[Match]:
    import numpy as np

    adj: dict[int, dict[int, float]] = {}
    for a, b, s in zip(links.left.tolist(), links.right.tolist(), links.score.tolist()):
        adj.setdefault(a, {})[b] = s
        adj.setdefault(b, {})[a] = s
    fact: dict[tuple[int, int], float] | None = None
    if links.fact is not None:
        fact = {}
        for a, b, f in zip(links.left.tolist(), links.right.tolist(), links.fact.tolist()):
            fact[a, b] = fact[b, a] = f
    order = np.argsort(-links.score, kind="stable")
    covered: set[tuple[int, int]] = set()
    out: list[Match] = []
    for k in order.tolist():
        a, b = int(links.left[k]), int(links.right[k])
        if (a, b) in covered:
            continue
        members = [a, b]
        scores = [float(links.score[k])]
        taken = {units[a].source, units[b].source}
        while True:
            best, best_s = -1, -1.0
            for c in adj.get(members[0], {}):
                if units[c].source in taken:
                    continue
                ss = [adj.get(m, {}).get(c) for m in members]
                if all(x is not None for x in ss):
                    low = min(x for x in ss if x is not None)
                    if low > best_s:
                        best, best_s = c, low
            if best < 0:
                break
            members.append(best)
            scores.append(best_s)
            taken.add(units[best].source)
        members.sort()
        for i in members:
            for j in members:
                if i < j:
                    covered.add((i, j))
        facts = None if fact is None else tuple(fact[i, j] for i, j in combinations(members, 2))
        out.append(Match(units=tuple(members), score=round(min(scores), 2), facts=facts))
    out.sort(key=lambda m: m.units)
    return out
