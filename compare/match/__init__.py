"""Score units of different sources against each other and link the ones that state the same fact.

Three questions, answered apart (see the README, "How matching works"):

- *story*: do two sources cover the same story? One score per pair of sources, from the whole
  texts (``story_scores``). It informs the reader; it never raises the score of a pair of units.
- *fact*: do two units state the same fact? The fact model weighs features of the two unit texts
  alone (word overlap weighted by general-English rarity, names, numbers, fuzzy string scores), so
  a link's score is a pure function of the two texts and equals ``compare.similarity`` of them.
  A unit links to its best counterpart in each other source (``select``).
- *event*: are two units about the same event, though they state different facts? The event
  model adds how much the two whole articles share; such pairs become ``Related``, never groups.

Scoring is vectorised: content words and names become sparse matrices, and their products give
every candidate pair at once; only pairs sharing a rare enough word or a name are candidates, so
long documents are not scored all against all. The search leaves out the terms held by more than
``SEARCH_MAX_DF`` units (none on inputs of ordinary size), so that it stays linear in the units.
The models are logistic regressions whose coefficients and thresholds are data
(``compare/weights/*.json``, written by ``make train``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from scipy import sparse
from wordfreq import get_frequency_dict, zipf_frequency

from compare.features.quantities import extract_quantities, month_alone
from compare.ingest import has_words
from compare.model import Features, Related, Story, Unit
from compare.options import MatchOptions
from compare.text.embed import unit_vectors
from compare.text.words import TITLES, clauses, content_tokens, lower_words, name_key, name_spans, stem
from compare.weights import Weights, load

FEATURE_VERSION = 10
"""Version of the pair features' definitions; the weights files record the version they were fitted on."""

FACT_FEATURES = (
    "cosine",  # cosine of stemmed content words weighted by general-English rarity
    "cover_min",  # weighted share of the shorter unit's words found in the other
    "cover_max",  # weighted share of the longer unit's words found in the other
    "names_shared",  # weighted count of shared name keys (capped at 3)
    "names_conflict",  # both name people/places, none in common
    "names_extra",  # share of the names of the unit with more names that the other lacks
    "numbers_shared",  # a quantity found in both
    "numbers_conflict",  # same unit of measure, different value, nothing equal
    "numbers_extra",  # one unit has quantities, the other none
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
    "vec_cos",  # cosine of the two texts' static word vectors (compare.text.embed): rewordings, synonyms
    "clause_cos",  # the best cosine between a clause of one and a clause of the other (clause_cosine)
)
"""Features of the two unit texts alone: what the fact model weighs."""
STORY_FEATURES = (
    "doc_names",  # cosine of the two whole articles' name vectors
    "doc_words",  # cosine of the two whole articles' rarity-weighted word vectors
    "doc_vectors",  # cosine of the two whole articles' mean unit vectors (static word vectors)
    "doc_share",  # share of the two articles' word mentions they have in common (see Context.doc_share)
)
"""Features of the two whole articles: what the story model weighs."""
COMPARISON_FEATURES = (
    "distinct",  # cosine of the two units' content words weighted by their rarity in this comparison
)
"""Features of a pair within its comparison (``Context.distinct``): what only the event model weighs."""
POSITION_FEATURES = (
    "lead_first",  # 1 / (1 + index in its source) of the earlier of the two units (0 = lead)
    "lead_second",  # the same of the later one
)
"""Where the two units stand in their sources: news leads state the story's main event, so two
units near the top of their sources are likely about one event. Only the event model weighs them."""
FEATURE_NAMES = (*FACT_FEATURES, *STORY_FEATURES, *COMPARISON_FEATURES, *POSITION_FEATURES)
"""The columns of ``pair_features``."""
EVENT_FEATURES = FEATURE_NAMES
"""The event model weighs the pair's own features, the two articles' overlap, the words the two
units share that are rare in the comparison (two statements about one sub-event share its details)
and where the two units stand in their sources."""
TEXT_FEATURES = ("fuzz_ratio", "fuzz_sort")
"""Features computed from the raw strings (costly); each lies in 0..1."""

_MAX_IDF = 12.0


@dataclass(frozen=True)
class Links:
    """Scored candidate pairs between units of different sources (index arrays into ``units``)."""

    left: npt.NDArray[np.int64]
    right: npt.NDArray[np.int64]
    score: npt.NDArray[np.float64]
    """Fact similarity 0..100 of each pair (``similarity`` of the two texts)."""
    event: npt.NDArray[np.float64] | None = None
    """Event similarity 0..100 of each pair (the event model), when known."""


@dataclass(frozen=True)
class Alignment:
    """What the matcher finds: matched facts, related units, and one story answer per source pair."""

    matches: list[Match]
    related: list[Related]
    stories: list[Story]


@lru_cache(maxsize=200_000)
def _bg_idf(token: str) -> float:
    """Rarity of a stemmed word in general English (wordfreq), as an IDF-like weight."""
    z = zipf(token)
    return max(0.5, min(_MAX_IDF, 8.0 - z)) if z > 0 else 7.0


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """wordfreq's English word list (the one ``zipf_frequency`` reads)."""
    out: dict[str, float] = get_frequency_dict("en", "best")
    return out


def zipf(token: str) -> float:
    """wordfreq's ``zipf_frequency(token, "en")``, read straight from its word list for a plain
    lower-case ASCII word (which wordfreq's tokenizer leaves as it is); the same value, without
    the tokenizer's cost (most of the time of weighing a long document's vocabulary)."""
    if not (token.isascii() and token.isalpha() and token.islower()):
        return float(zipf_frequency(token, "en"))
    freq = _frequencies().get(token)
    if freq is None:
        return 0.0
    freq = max(freq, 1e-9)
    rounded = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


def text_names(text: str) -> list[str]:
    """Name keys of a unit's own text (not resolved across the article, so that a pair's features
    depend on the two texts alone): every word of every capitalised run that looks like a name."""
    return sorted({name_key(p) for _, _, parts in name_spans(text) for p in parts if p.lower() not in TITLES})


def _sparse_rows(rows: Sequence[Sequence[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Binary-count sparse matrix (rows x vocabulary) of string keys."""
    flat = list(itertools.chain.from_iterable(rows))
    vocab = _first_use(flat)  # columns in order of first use
    indices = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
    indptr = np.cumsum([0, *map(len, rows)])
    data = np.ones(len(indices), dtype=np.float64)
    m = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(1, len(vocab))))
    m.sum_duplicates()
    return m, list(vocab)


def _first_use(keys: Sequence[str]) -> dict[str, int]:
    """Each distinct key -> its number in order of first use (``setdefault(k, len(d))`` for each
    key in turn, without bytecode per key)."""
    return {k: i for i, k in enumerate(dict.fromkeys(keys))}


def ngram_rows(seqs: Sequence[Sequence[str]], longest: int) -> list[sparse.csr_matrix]:
    """For n = 1 .. ``longest``, a 0/1 matrix with a row per sequence and a column per distinct
    n-gram (consecutive words) that marks the n-grams each sequence holds.

    Vectorised: words become integer ids, and each n-gram the id of the pair (its first n-1 words'
    n-gram, its last word), numbered by ``np.unique``; no string is built. Column order differs
    from sorting the n-grams as strings, which changes no row product (sums of ones).
    """
    lengths = np.array([len(q) for q in seqs], dtype=np.int64)
    flat = list(itertools.chain.from_iterable(seqs))
    vocab = _first_use(flat)
    word_id = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
    return _ngram_rows(word_id, lengths, len(vocab), longest)


def _stemmed_word_ids(texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], int]:
    """Every word of each text, stemmed (``stem`` of ``lower_words``), as integer ids numbered in
    order of first use, all texts one after another; the number of words of each text; the number
    of distinct stems. What ``ngram_rows`` numbers for the stemmed words, each distinct word
    stemmed once."""
    per_text = [lower_words(t) for t in texts]
    lengths = np.fromiter(map(len, per_text), dtype=np.int64, count=len(per_text))
    flat = list(itertools.chain.from_iterable(per_text))
    words = _first_use(flat)
    stemmed = list(map(stem, words))
    stems = _first_use(stemmed)  # a stem's first word comes first in ``flat`` too: the same numbers
    stem_of = np.fromiter(map(stems.__getitem__, stemmed), dtype=np.int64, count=len(words))
    ids = stem_of[np.fromiter(map(words.__getitem__, flat), dtype=np.int64, count=len(flat))]
    return ids, lengths, len(stems)


def _ngram_rows(
    word_id: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64], vocab_size: int, longest: int
) -> list[sparse.csr_matrix]:
    """``ngram_rows`` of sequences given as word ids (``0 .. vocab_size - 1``, all sequences one
    after another) and their lengths."""
    rows = len(lengths)
    if len(word_id) == 0:
        return [sparse.csr_matrix((rows, 1)) for _ in range(longest)]
    owner = np.repeat(np.arange(rows, dtype=np.int64), lengths)
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    position = np.arange(len(word_id), dtype=np.int64) - np.repeat(starts, lengths)
    out = []
    gram = word_id  # id of the n-gram ending at each position (meaningful where position >= n - 1)
    for n in range(1, longest + 1):
        if n > 1:
            key = (np.r_[-1, gram[:-1]] + 1) * vocab_size + word_id
            _, gram = np.unique(key, return_inverse=True)
            gram = gram.reshape(-1).astype(np.int64)
        valid = position >= n - 1
        width = int(gram.max()) + 1
        # a one per occurrence; summing the repeats (a sort within each short row, not of all cells)
        # and setting them back to one gives the same canonical matrix as the sorted unique cells
        m = sparse.csr_matrix((np.ones(int(valid.sum())), (owner[valid], gram[valid])), shape=(rows, width))
        m.sum_duplicates()
        m.data[:] = 1.0
        out.append(m)
    return out


def _normalise(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ m


def _quantity_keys(f: Features) -> tuple[list[str], list[str]]:
    """Keys for equal quantities (value+unit) and for units of measure (to spot conflicts). Weekdays
    and months named alone ("in June") are left out: too vague to tell one fact from another (with
    months alone read, ``make eval`` measured MRPC 0.840 / 0.762 -> 0.838 / 0.759 and DUC article recall
    0.158 -> 0.147 after ``make train``)."""
    kept = [q for q in f.numbers if q.unit != "weekday" and not month_alone(q)]
    return [f"{q.kind}:{q.unit}:{q.value:g}" for q in kept], [f"{q.kind}:{q.unit}" for q in kept]


PAIR_CHUNK = 100_000
"""Pairs whose values ``pair_values`` computes at a time."""


def pair_values(
    m: sparse.csr_matrix, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64], *, chunk: int = PAIR_CHUNK
) -> npt.NDArray[np.float64]:
    """Entries of ``m @ m.T`` at the pairs ``(left[k], right[k])``, computed row by row without the full product.

    ``chunk`` pairs at a time, so that memory stays bounded on long documents, and equal to the
    bit to computing them all at once (``m[left].multiply(m[right]).sum(axis=1)``): scipy multiplies
    two rows in sorted column order when every row of both operands is sorted, else in stored
    order; a chunk whose rows happen to be all sorted gets one unsorted pair added (and its value
    dropped), so each chunk sums in the same order as the whole would.
    """

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
    context: Context | None = None,
) -> npt.NDArray[np.float64]:
    """The feature matrix (pairs x ``FEATURE_NAMES``) for the given unit index pairs.

    The columns of ``FACT_FEATURES`` depend on the two unit texts alone; those of ``STORY_FEATURES``
    on the two whole sources; ``COMPARISON_FEATURES`` on every unit of the comparison.
    ``with_text=False`` leaves out the features computed from the texts (the costly fuzzy string
    scores, each between 0 and 1) and sets them to NaN: ``score`` uses that to skip the pairs that
    cannot reach a threshold whatever those features are.
    ``context``: the ``Context`` of these units when already built.
    """
    ctx = context if context is not None else Context.build(units, features)
    n = len(left)
    if n == 0:
        return np.zeros((n, len(FEATURE_NAMES)))
    # filled column by column, so stored by columns (a row per pair would scatter every column's
    # writes) and handed back by rows, as the models read it
    X = np.zeros((n, len(FEATURE_NAMES)), order="F")
    col = {name: k for k, name in enumerate(FEATURE_NAMES)}

    def put(name: str, values: npt.NDArray[np.float64]) -> None:
        X[:, col[name]] = values

    put("cosine", pair_values(ctx.tfidf, left, right))
    inter = pair_values(ctx.weighted_presence, left, right)
    mass = ctx.mass
    put("cover_min", inter / np.maximum(1e-9, np.minimum(mass[left], mass[right])))
    put("cover_max", inter / np.maximum(1e-9, np.maximum(mass[left], mass[right])))
    shared_names = pair_values(ctx.names, left, right)
    put("names_shared", np.minimum(shared_names, 3.0))
    nn = ctx.name_count
    has_names = nn > 0
    put("names_conflict", (has_names[left] & has_names[right] & (shared_names == 0)).astype(float))
    shared_name_n = pair_values(ctx.names_binary, left, right)
    most = np.maximum(nn[left], nn[right])
    put("names_extra", np.where(most > 0, 1.0 - shared_name_n / np.maximum(1.0, most), 0.0))
    shared_q = pair_values(ctx.qvals, left, right)
    shared_qu = pair_values(ctx.qunits, left, right)
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
    some = np.arange(n)
    for name, m, cnt in zip(("uni", "bi", "tri", "quad"), ctx.ngrams, ctx.ngram_count):
        # each n-gram a unit holds begins with an (n - 1)-gram it holds, so two units that share no
        # (n - 1)-gram share no n-gram: only the others are multiplied (a count, the same however
        # the pairs are taken); most candidates share no three consecutive words
        shared = np.zeros(n)
        shared[some] = pair_values(m, left[some], right[some])
        some = some[shared[some] > 0]
        pa = shared / np.maximum(1.0, cnt[left])
        pb = shared / np.maximum(1.0, cnt[right])
        put(f"{name}_min", np.minimum(pa, pb))
        put(f"{name}_max", np.maximum(pa, pb))
    shared_c = pair_values(ctx.content_binary, left, right)
    nc = ctx.content_count
    miss_a, miss_b = nc[left] - shared_c, nc[right] - shared_c
    put("extra_words", np.minimum(miss_a + miss_b, 20.0))
    put("extra_words_max", np.minimum(np.maximum(miss_a, miss_b), 20.0))
    length = ctx.length
    put("short", 1.0 / (1.0 + np.minimum(length[left], length[right])))
    put("vec_cos", np.einsum("ij,ij->i", ctx.vectors[left], ctx.vectors[right]).astype(np.float64))
    put("clause_cos", clause_cosine(ctx, left, right))
    src = ctx.source_index
    put("doc_names", ctx.doc_names[src[left], src[right]])
    put("doc_words", ctx.doc_words[src[left], src[right]])
    put("doc_vectors", ctx.doc_vectors[src[left], src[right]])
    put("doc_share", ctx.doc_share[src[left], src[right]])
    put("distinct", pair_values(ctx.distinct, left, right))
    lead = 1.0 / (1.0 + ctx.position)
    put("lead_first", np.maximum(lead[left], lead[right]))
    put("lead_second", np.minimum(lead[left], lead[right]))
    return np.ascontiguousarray(X)


def _clause_vectors(
    unit_clauses: list[tuple[str, ...]],
    start: npt.NDArray[np.int64],
    texts: list[str],
    vectors: npt.NDArray[np.float32],
) -> npt.NDArray[np.float32]:
    """The unit vector of every clause, unit after unit (unit ``i``'s from row ``start[i]``): a unit
    whose one clause is its whole text takes its own row of ``vectors`` (the same values), the
    others' clauses are encoded together."""
    whole = np.array([len(cs) == 1 and cs[0] == t for cs, t in zip(unit_clauses, texts)], dtype=bool)
    out = np.zeros((int(start[-1]), vectors.shape[1]), dtype=np.float32)
    out[start[:-1][whole]] = vectors[whole]
    encode = ~np.repeat(whole, np.diff(start))  # the clause rows of the other units, in order
    if encode.any():
        out[encode] = unit_vectors([c for cs, w in zip(unit_clauses, whole) if not w for c in cs])
    return out


_CLAUSE_BLOCK = 16384
"""Clause pairs whose vectors ``clause_cosine`` gathers at once (bounds its memory)."""


def clause_cosine(
    context: Context, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """The best cosine between a clause of ``left[k]`` and a clause of ``right[k]`` for each pair
    (``compare.text.words.clauses``, vectors as ``compare.text.embed.unit_vectors``), at least 0.

    Beside the two whole texts' cosine (``vec_cos``) it says whether their likeness lies in one
    clause they share (a background phrase such as "Russian President Vladimir Putin said") or
    runs through both: the fact model weighs it against ``vec_cos``. Every clause pair of every
    pair is compared, in blocks of at most ``_CLAUSE_BLOCK`` clause pairs (no loop per pair).
    """
    n = len(left)
    out = np.zeros(n)
    if n == 0:
        return out
    start = context.clause_start
    count = np.diff(start)
    na, nb = count[left], count[right]
    m = na * nb  # clause pairs of each pair (each unit has at least one clause)
    ends = np.cumsum(m)
    cv = context.clause_vectors
    lo = 0
    while lo < n:
        # the pairs lo..hi-1: at most _CLAUSE_BLOCK clause pairs, at least one pair
        base = int(ends[lo - 1]) if lo else 0
        hi = max(lo + 1, int(np.searchsorted(ends, base + _CLAUSE_BLOCK, side="right")))
        mm = m[lo:hi]
        first = np.r_[0, np.cumsum(mm)[:-1]]
        pair = np.repeat(np.arange(lo, hi), mm)
        k = np.arange(int(mm.sum())) - np.repeat(first, mm)
        ia = start[left[pair]] + k // nb[pair]
        ib = start[right[pair]] + k % nb[pair]
        dots = np.einsum("ij,ij->i", cv[ia], cv[ib])
        out[lo:hi] = np.maximum(np.maximum.reduceat(dots, first), 0.0)
        lo = hi
    return out


def _put_text_features(
    ctx: Context, X: npt.NDArray[np.float64], left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> None:
    """Fill in the columns of ``TEXT_FEATURES`` of the feature rows ``X`` of the given pairs."""
    fuzz_ratio, fuzz_sort = text_scores(ctx, left, right)
    for name, values in (("fuzz_ratio", fuzz_ratio), ("fuzz_sort", fuzz_sort)):
        X[:, FEATURE_NAMES.index(name)] = values / 100.0


def text_scores(
    context: Context, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """RapidFuzz ``ratio`` and ``token_sort_ratio`` of each pair of unit texts.

    The same values as ``process.cpdist`` over the raw texts, computed faster: each text's words
    are split and sorted once, not once per pair, and the pairs go to ``process.cpdist`` in one
    call per score (``token_sort_ratio`` is ``ratio`` of the sorted words). ``token_set_ratio``,
    a feature up to feature version 9, took three quarters of the time of the three scores, and
    the models did as well without it (docs/experiments.md, session 20).
    """
    if len(left) == 0:
        empty = np.zeros(0, dtype=np.float32)
        return empty, empty
    lo, ro = left.tolist(), right.tolist()

    def pairwise(strings: list[str]) -> npt.NDArray[np.float32]:
        out: npt.NDArray[np.float32] = process.cpdist(
            [strings[i] for i in lo], [strings[j] for j in ro], scorer=fuzz.ratio, dtype=np.float32, workers=1
        )
        return out

    return pairwise(context.texts), pairwise(context.sorted_words)


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


def _weigh(X: npt.NDArray[np.float64], coef: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """``X @ coef``, without BLAS: numpy's matrix product hands even a thin product like this one to
    OpenBLAS, whose threads then spin for a while and cost CPU time for no gain in wall time."""
    out: npt.NDArray[np.float64] = np.einsum("ij,j->i", X, coef.astype(X.dtype))
    return out


def _logit(X: npt.NDArray[np.float64], w: Weights) -> npt.NDArray[np.float64]:
    """Log-odds of the model ``w`` for feature rows ``X`` (columns ``FEATURE_NAMES``)."""
    cols = [FEATURE_NAMES.index(n) for n in w.features]
    return _weigh(X[:, cols], w.coef) + w.intercept


def _percent(z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """100 times the logistic function of the log-odds ``z``, rounded to 0.01.

    From numpy's ``exp``, not ``scipy.special.expit``: importing ``scipy.special`` takes 0.1 s alone
    and about 0.04 s of a run that imports the rest of scipy anyway. The two differ by at most one
    unit in the last place before rounding (on 3 million values, none after it);
    ``tests/test_match.py`` compares them.
    """
    with np.errstate(over="ignore"):  # exp(-z) is inf for z below about -709: probability 0
        p = 1.0 / (1.0 + np.exp(-z))
    out: npt.NDArray[np.float64] = np.round(100.0 * p, 2)
    return out


def fact_similarity(X: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Fact similarity 0..100 from feature rows: how surely the two units state the same fact
    (``compare.similarity``). Reads only the columns of ``FACT_FEATURES``."""
    return _percent(_logit(X, load("fact")))


combine = fact_similarity
"""The matcher's link score (the fact similarity)."""


def event_similarity(X: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Event similarity 0..100: how surely two units of two whole articles report one event."""
    return _percent(_logit(X, load("event")))


def similarities(a: Sequence[str], b: Sequence[str]) -> npt.NDArray[np.float64]:
    """``similarity(a[k], b[k])`` for each k, in one batched pass: each text as a unit by itself."""
    if len(a) != len(b):
        raise ValueError("a and b must have the same length")
    texts = [*a, *b]
    units = [Unit(id=f"T{k}", source="A" if k < len(a) else "B", index=k, start=0, end=len(t), text=t)
             for k, t in enumerate(texts)]  # fmt: skip
    feats = {u.id: text_features(u) for u in units}
    n = len(a)
    left, right = np.arange(n, dtype=np.int64), np.arange(n, 2 * n, dtype=np.int64)
    ctx = Context.build(units, feats)
    X = pair_features(units, feats, left, right, context=ctx)
    return _same_text_100(fact_similarity(X), ctx, left, right)


def _same_text_100(
    s: npt.NDArray[np.float64], ctx: Context, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Scores with 100 for two texts equal but for letter case: the same statement, whatever the
    linear model gives (its overlap features are collinear, so it is not monotone near the top)."""
    return np.where(ctx.text_id[left] == ctx.text_id[right], 100.0, s)


def text_features(unit: Unit) -> Features:
    """What the fact model reads of a unit, from its text alone (content words and quantities)."""
    return Features(unit_id=unit.id, tokens=content_tokens(unit.text), names=frozenset(),
                    numbers=tuple(extract_quantities(unit.text)), quotes=(), negated=False, hedges=(),
                    speaker=None)  # fmt: skip


def story_values(ctx: Context, i: int, j: int) -> list[float]:
    """The ``STORY_FEATURES`` of sources ``i`` and ``j`` of a comparison, in that order."""
    return [float(getattr(ctx, name)[i, j]) for name in STORY_FEATURES]


def story_scores(units: Sequence[Unit], features: dict[str, Features], context: Context | None = None) -> list[Story]:
    """Whether each pair of sources covers the same story, from the two whole texts (the story model)."""
    ctx = context if context is not None else Context.build(units, features)
    w = load("story")
    same_at = float(w.thresholds["same"])
    src_ids = ctx.source_ids
    cols = [FEATURE_NAMES.index(name) for name in STORY_FEATURES]
    out = []
    for i, j in combinations(range(len(src_ids)), 2):
        x = np.zeros((1, len(FEATURE_NAMES)))
        x[0, cols] = story_values(ctx, i, j)
        s = float(_percent(_logit(x, w))[0])
        out.append(Story(sources=(src_ids[i], src_ids[j]), score=s, same=s >= same_at))
    return out


DISTINCT_PRIOR = 10.0
"""Pseudo-units added to the comparison when weighing words by their rarity in it (``distinct_rows``),
so that in a comparison of a few units the words they share are not weighed down to nothing: with
two units, a shared word weighs log(13/3) and a word of one unit log(13/2). On DUC 2006 (summaries
F1, articles marked precision) 10 did as well as 0 and better than 30 (README, How matching works)."""


def distinct_rows(presence: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows of ``presence`` (units x content words, 0/1) weighted by each word's rarity among these
    units, ``log((n + 1 + DISTINCT_PRIOR) / (df + 1))``, and normalised: the cosine of two rows is high
    when two units share words that few other units of the comparison use. Words that run through a
    whole story (its people, its place, its topic) weigh little, so they are no evidence that two
    units state one fact."""
    n = presence.shape[0]
    df = np.asarray(presence.sum(axis=0)).ravel()
    idf = np.log((n + 1.0 + DISTINCT_PRIOR) / (df + 1.0))
    return _normalise((presence @ sparse.diags(idf)).tocsr()).tocsr()


def doc_shares(counts: sparse.csr_matrix) -> npt.NDArray[np.float64]:
    """For each two rows of ``counts`` (sources x content words: how many units of the source hold
    the word), the histogram intersection of their distributions, ``sum_w min(p_w, q_w)`` with ``p``
    and ``q`` each row divided by its total: 1 when two sources use their words in the same
    proportions, 0 when they share none. Unlike a cosine it is not carried by the few words a story
    repeats (its people and place), so two articles about two similar events, which share those
    words of their kind of event, score lower than two articles about one story, which share its
    many details. Only the words of two or more sources can add to a minimum, so the distributions
    are kept densely over those words alone, and each source takes its minimum with all later
    sources in one array operation (memory: sources x shared words). 300 ECB+ articles take about
    0.4 s of CPU, against about 14 s for a sparse minimum per two sources."""
    counts = sparse.csr_matrix(counts, dtype=np.float64)
    totals = np.asarray(counts.sum(axis=1)).ravel()
    n = counts.shape[0]
    out = np.eye(n) * (totals > 0)
    shared = np.flatnonzero(np.asarray((counts > 0).sum(axis=0)).ravel() >= 2)
    if n < 2 or not len(shared):
        return out
    dist = (sparse.diags(1.0 / np.maximum(totals, 1.0)) @ counts[:, shared]).toarray()
    for i in range(n - 1):
        row = np.minimum(dist[i], dist[i + 1 :]).sum(axis=1)
        out[i, i + 1 :] = row
        out[i + 1 :, i] = row
    return out


def _shared_columns(m: sparse.csr_matrix) -> sparse.csr_matrix:
    """A 0/1 matrix without its columns held by one row only: the row product of two different
    rows counts the columns both hold, which such a column never adds to, so it stays the same
    (an integer, whatever the order of the sum), with fewer entries to multiply. Most n-grams of
    three or four words are held by one unit only."""
    held = np.bincount(m.indices, minlength=m.shape[1]) > 1
    keep = held[m.indices]
    if keep.all():
        return m
    indptr = np.r_[0, np.cumsum(keep)][m.indptr]  # entries kept before each row
    return sparse.csr_matrix((m.data[keep], m.indices[keep], indptr), shape=m.shape)


def _text_ids(texts: Sequence[str]) -> npt.NDArray[np.int64]:
    """The same number for equal texts."""
    ids: dict[str, int] = {}
    return np.array([ids.setdefault(t, len(ids)) for t in texts], dtype=np.int64)


@dataclass(frozen=True)
class Context:
    """Sparse matrices describing every unit, built once per comparison and passed explicitly
    (``Context.build``); row ``i`` of each describes ``units[i]``."""

    tfidf: sparse.csr_matrix
    weighted_presence: sparse.csr_matrix
    mass: npt.NDArray[np.float64]
    ngrams: tuple[sparse.csr_matrix, ...]
    """0/1: the n-grams (n = 1..4) of each unit's stemmed words that some other unit also holds
    (``_shared_columns``): for row products of two different units; ``ngram_count`` counts them all."""
    ngram_count: tuple[npt.NDArray[np.float64], ...]
    word_count: npt.NDArray[np.float64]
    content_binary: sparse.csr_matrix
    """0/1: the content words of each unit that another unit also holds (as ``ngrams``)."""
    content_count: npt.NDArray[np.float64]
    source_size: npt.NDArray[np.float64]
    names: sparse.csr_matrix
    names_binary: sparse.csr_matrix
    """0/1: the name keys of each unit that another unit also holds (as ``ngrams``)."""
    name_count: npt.NDArray[np.float64]
    qvals: sparse.csr_matrix
    """0/1: the quantities (kind, unit of measure, value) of each unit that another unit also gives (as ``ngrams``)."""
    qunits: sparse.csr_matrix
    """0/1: the same of units of measure."""
    quantity_count: npt.NDArray[np.float64]
    texts: list[str]
    """Each text, lower-cased, cut to ``FUZZY_CHARS`` characters."""
    sorted_words: list[str]
    """Each text's words (as RapidFuzz splits them) sorted and joined by spaces (cut the same way)."""
    source_index: npt.NDArray[np.int64]
    source_ids: list[str]
    text_id: npt.NDArray[np.int64]
    """The same number for units whose lower-cased texts are equal."""
    vectors: npt.NDArray[np.float32]
    """Unit vector of each unit's text (``compare.text.embed.unit_vectors``)."""
    clause_vectors: npt.NDArray[np.float32]
    """Unit vector of each clause (``compare.text.words.clauses``) of every unit, unit after unit."""
    clause_start: npt.NDArray[np.int64]
    """Where each unit's clauses begin in ``clause_vectors`` (one more entry: the end)."""
    doc_names: npt.NDArray[np.float64]
    doc_words: npt.NDArray[np.float64]
    doc_vectors: npt.NDArray[np.float64]
    """Cosine of each two sources' mean unit vectors (``vectors``): the story's topic, also where
    two texts share few names or words."""
    doc_share: npt.NDArray[np.float64]
    """Histogram intersection of each two sources' content-word distributions (``doc_shares``)."""
    length: npt.NDArray[np.float64]
    distinct: sparse.csr_matrix
    """Each unit's content words weighted by how rare they are in this comparison (``distinct_rows``):
    words the whole story shares weigh little. Decides links (``select``) and is a feature of the
    event model, never of a fact score."""
    position: npt.NDArray[np.float64]
    """Each unit's index in its source (``Unit.index``; 0 = lead)."""

    @staticmethod
    def build(units: Sequence[Unit], features: dict[str, Features]) -> Context:
        """The context of these units (in this order) with their features, by unit id."""
        feats = [features[u.id] for u in units]
        counts, vocab = _sparse_rows([f.tokens for f in feats])
        presence = counts.copy()
        presence.data[:] = 1.0
        # weights from general-English rarity only (no statistics of this comparison), so that a
        # pair's features depend on its two texts alone; no content word: one empty column, weight 0
        w = np.array([_bg_idf(t) for t in vocab]) if vocab else np.zeros(counts.shape[1])
        W = sparse.diags(w)
        tf = counts.copy()
        tf.data = 1.0 + np.log(tf.data)
        tfidf = _normalise(tf @ W)
        # presence weighted by sqrt(weight) so that the row product sums the weights of shared words
        weighted_presence = presence @ sparse.diags(np.sqrt(w))
        mass = np.asarray((presence @ sparse.diags(w)).sum(axis=1)).ravel()
        names, name_vocab = _sparse_rows([text_names(u.text) for u in units])
        names.data[:] = 1.0
        name_w = np.array([_bg_idf(k) / 7.0 for k in name_vocab]) if name_vocab else np.ones(1)
        names_w = names @ sparse.diags(np.sqrt(name_w))
        # every word, stemmed (``stem`` lower-cases, so the cached lower-case words do)
        word_ids, word_count, stems = _stemmed_word_ids([u.text for u in units])  # every word, stemmed
        ngrams = _ngram_rows(word_ids, word_count, stems, 4)
        ngram_count = [np.asarray(m.sum(axis=1)).ravel() for m in ngrams]
        qk = [_quantity_keys(f) for f in feats]
        qvals, _ = _sparse_rows([sorted(set(v)) for v, _ in qk])
        qunits, _ = _sparse_rows([sorted(set(u)) for _, u in qk])
        src_ids = list(dict.fromkeys(u.source for u in units))
        sidx = {s: i for i, s in enumerate(src_ids)}
        source_index = np.array([sidx[u.source] for u in units], dtype=np.int64)
        onehot = sparse.csr_matrix(
            (np.ones(len(units)), (source_index, np.arange(len(units)))), shape=(len(src_ids), len(units))
        )
        doc_n = _normalise(onehot @ names_w)
        doc_w = _normalise(onehot @ (tf @ W))
        length = np.array([len(f.tokens) for f in feats], dtype=float)
        raw = [u.text for u in units]
        vectors = unit_vectors(raw)
        unit_clauses = [clauses(t) for t in raw]
        clause_start = np.r_[0, np.cumsum([len(c) for c in unit_clauses], dtype=np.int64)]
        mean_v = np.asarray(onehot @ vectors.astype(np.float64))
        doc_v = mean_v / np.maximum(np.linalg.norm(mean_v, axis=1, keepdims=True), 1e-12)
        texts = [u.text.lower() for u in units]
        return Context(
            tfidf=tfidf.tocsr(),
            weighted_presence=weighted_presence.tocsr(),
            mass=mass,
            ngrams=tuple(map(_shared_columns, ngrams)),
            ngram_count=tuple(ngram_count),
            word_count=word_count.astype(float),
            content_binary=_shared_columns(presence.tocsr()),
            content_count=np.asarray(presence.sum(axis=1)).ravel(),
            source_size=np.bincount(source_index, minlength=len(src_ids)).astype(float),
            names=names_w.tocsr(),
            names_binary=_shared_columns(names),
            name_count=np.asarray(names.sum(axis=1)).ravel(),
            qvals=_shared_columns(qvals),
            qunits=_shared_columns(qunits),
            quantity_count=np.array([len(v) for v, _ in qk], dtype=float),
            texts=[t[:FUZZY_CHARS] for t in texts],
            sorted_words=[" ".join(sorted(rapidfuzz_words(t)))[:FUZZY_CHARS] for t in texts],
            source_index=source_index,
            source_ids=src_ids,
            text_id=_text_ids(texts),
            vectors=vectors,
            clause_vectors=_clause_vectors(unit_clauses, clause_start, raw, vectors),
            clause_start=clause_start,
            doc_names=(doc_n @ doc_n.T).toarray(),
            doc_words=(doc_w @ doc_w.T).toarray(),
            doc_vectors=doc_v @ doc_v.T,
            doc_share=doc_shares(onehot @ presence),
            length=length,
            distinct=distinct_rows(presence.tocsr()),
            position=np.array([u.index for u in units], dtype=float),
        )


SEARCH_MAX_DF = 1000
"""Candidate search leaves out the terms (content words, name keys) held by more than this many
units of the comparison (``candidates``). An absolute number, so that the search is linear in the
units: a term held by ``d`` units makes ``d * d`` entries of the products, and below the cap that is
at most ``SEARCH_MAX_DF`` per unit holding it. No comparison of ordinary size reaches it: the most
common term is in 148 units in the ECB+ development sets (N-way), 88 in the DUC summaries, 462 in
the DUC article topics (up to 1,250 units), 320 and 606 in the bench's 2 x 2,000 and 2 x 4,000
sentences; so their candidates, and every output, are those of the search over every term. On
2 x 20,000 sentences (every ECB+ article eight times) 29 terms are over it (26 words, 3 names),
and the products hold 46 million entries instead of 67 (500 would leave out 179 terms and keep
25 million, but DUC topics come close to it and 2 x 4,000 sentences lose two words)."""


def candidates(
    units: Sequence[Unit],
    features: dict[str, Features],
    *,
    max_per_unit: int | None = None,
    block_rows: int = 1024,
    max_df: int | None = SEARCH_MAX_DF,
    context: Context | None = None,
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

    The search leaves out the terms held by more than ``max_df`` usable units (default
    ``SEARCH_MAX_DF``; None: none left out). A word in many units makes every two of them an entry
    of the product, so without the cap the product, the pairs ranked and their sort grow with the
    square of the units (2 x 20,000 sentences: 67 million entries for 340,000 candidates). Such a
    term says little about which two units state the same fact (``distinct_rows`` weighs it little
    for the same reason); the pairs it alone joins are not searched, and the word rows are scaled
    back to unit length over the terms kept, so that a unit's own text still ranks first among
    its partners. When no term is over the cap the matrices, products and candidates are exactly
    those of the search over every term. Only the search leaves terms out: every pair found is
    then described and scored with all of its words and names.
    """
    ctx = context if context is not None else Context.build(units, features)
    n = len(units)
    src = ctx.source_index
    if max_per_unit is None:
        max_per_unit = CANDIDATES_PER_SOURCE * max(1, len(ctx.source_size) - 1)
    usable = np.array([u.kind.matched for u in units], dtype=bool)
    tf, nm = _search_rows(ctx.tfidf, usable, max_df, unit_rows=True), _search_rows(ctx.names, usable, max_df)
    found: list[npt.NDArray[np.int64]] = []
    index = np.arange(n, dtype=np.int64)
    for b0 in range(0, n, max(1, block_rows)):
        b1 = min(n, b0 + max(1, block_rows))
        # the block in runs of one source, each multiplied only with the usable units of the other
        # sources: pairs within a source are never candidates
        cuts = [b0, *(np.flatnonzero(src[b0 + 1 : b1] != src[b0 : b1 - 1]) + b0 + 1).tolist(), b1]
        for r0, r1 in itertools.pairwise(cuts):
            rows = index[r0:r1][usable[r0:r1]]
            others = usable & (src != src[r0])
            later, earlier = index[r0:][others[r0:]], index[:r1][others[:r1]]
            # units r0..r1 against the units after them: each unit's best later partners
            i, j, v = _block_pairs(_similarity(tf, nm, rows, later), rows, later)
            found.append(_best(i, j, v, max_per_unit, n))
            if max_per_unit:
                # the units before them against units r0..r1: each unit's best earlier partners. Entry
                # (i, j) is computed from row i as in the first product, so the values agree to the bit.
                i, j, v = _block_pairs(_similarity(tf, nm, earlier, rows), earlier, rows)
                found.append(_best(j, i, v, max_per_unit, n, swap=True))
    keys = np.sort(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    # each pair once; not np.unique, whose hash table (numpy 2.3 and later) takes 15 times as
    # long as the sort for the million pairs of 2 x 20,000 sentences
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    return keys // max(n, 1), keys % max(n, 1)


def _search_rows(
    m: sparse.csr_matrix, usable: npt.NDArray[np.bool_], max_df: int | None, *, unit_rows: bool = False
) -> sparse.csr_matrix:
    """``m`` without the columns (terms) held by more than ``max_df`` usable units; ``m`` itself
    when there are none (or ``max_df`` is None), so the products are those of ``m``.
    ``unit_rows``: rows scaled back to unit length over the terms kept."""
    if max_df is None or m.nnz == 0:
        return m
    held = np.repeat(usable, np.diff(m.indptr))
    df = np.bincount(m.indices[held], minlength=m.shape[1])
    common = df > max_df
    if not common.any():
        return m
    out = m.copy()
    out.data[common[out.indices]] = 0.0
    out.eliminate_zeros()
    return _normalise(out).tocsr() if unit_rows else out


def _similarity(
    tf: sparse.csr_matrix, nm: sparse.csr_matrix, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]
) -> sparse.csr_matrix:
    """Word and name similarity of units ``rows`` (rows) with units ``cols`` (columns).

    A sparse product sums each entry over the stored order of its row's words, so entry ``(i, j)``
    is the same to the bit whichever other rows and columns are in the product.
    """
    return tf[rows] @ tf[cols].T + nm[rows] @ nm[cols].T


FUZZY_CHARS = 3000
"""The fuzzy string features (``fuzz_ratio``, ``fuzz_sort``) see at most this many characters
of each prepared string (the lower-cased text, its sorted words), so that their cost per pair
stays bounded whatever the input: RapidFuzz's ``ratio`` of two texts of 200,000 characters (a
paragraph swallowed by an unclosed quotation) takes about a second. Segmentation keeps units
within 3,000 characters, and every unit of the development data is far shorter, so for them
nothing is cut."""

CANDIDATES_PER_SOURCE = 12
"""Default number of candidates each unit keeps, per other source (``candidates``). On the seeds,
the ECB+ development pairs and ECB+ sets compared N-way, 8, 12, 20 and 50 give the same links; 6
changes 3 of the seeds' 53 links and 4 also ECB+ N-way groups, so 12 keeps a margin. On two
documents of 2,000 sentences 12 takes a third of the matching time of 50."""

_FLOOR_STEPS = 4
"""Floors a unit's candidates are cut at before ranking (``_floors``): this many per octave."""
_FLOOR_LOWEST = -24
"""Octave of the lowest floor (``2 ** -25`` and below: no floor)."""


def _block_pairs(
    block: sparse.csr_matrix, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The entries ``(i, j, value)``, ``i < j``, ``value > 0``, of a block of the similarity product
    whose rows are units ``rows`` and columns units ``cols``."""
    coo = block.tocoo()
    i = rows[coo.row]
    j = cols[coo.col]
    v = coo.data
    keep = (i < j) & (v > 0)
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
    if k and len(key):
        # Sorting is the costly part: first drop the pairs that at least k pairs of the same unit
        # beat outright (below a per-unit floor that k pairs reach), which cannot be in its top k.
        above = v >= _floors(key, v, k)
        key, other, v = key[above], other[above], v[above]
        order = best_first(key, v, other)  # best first; ties: the partner with the lower index
        sk = key[order]
        starts = np.r_[0, np.flatnonzero(np.diff(sk)) + 1]
        rank = np.arange(len(sk)) - np.repeat(starts, np.diff(np.r_[starts, len(sk)]))
        top = order[rank < k]
        key, other = key[top], other[top]
    left, right = (other, key) if swap else (key, other)
    return left * n + right


def _floors(key: npt.NDArray[np.int64], v: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.float64]:
    """For each entry, a floor its ``key`` has at least ``k`` values ``v`` at or above (0 if none):
    the highest of the levels ``m * 2 ** e`` (``m`` = 4/8, 5/8, 6/8, 7/8) that ``k`` of them reach.

    One pass: ``frexp`` gives each positive value's octave and quarter exactly, so the level of
    a value's bucket never exceeds it; a count of the values per unit and bucket, summed from the
    top, gives each unit's highest bucket that ``k`` values reach.
    """
    mantissa, exponent = np.frexp(v)  # v = mantissa * 2 ** exponent, mantissa in [0.5, 1)
    quarter = (mantissa * (2 * _FLOOR_STEPS)).astype(np.int64) - _FLOOR_STEPS  # exact: 0 .. STEPS - 1
    bucket = np.maximum(0, (exponent.astype(np.int64) - _FLOOR_LOWEST) * _FLOOR_STEPS + quarter + 1)
    width = int(bucket.max()) + 1  # bucket 0: below the lowest level (floor 0)
    lo = int(key.min())
    local = key - lo
    counts = np.bincount(local * width + bucket, minlength=(int(local.max()) + 1) * width)
    reach = np.cumsum(counts.reshape(-1, width)[:, ::-1], axis=1)[:, ::-1]  # values in the bucket or above
    best = width - 1 - np.argmax(reach[:, ::-1] >= k, axis=1)  # the highest bucket k values reach
    best[reach[:, 0] < k] = 0  # fewer than k values: no floor
    b = best - 1
    level = np.ldexp((_FLOOR_STEPS + b % _FLOOR_STEPS) / (2 * _FLOOR_STEPS), b // _FLOOR_STEPS + _FLOOR_LOWEST)
    return np.where(best > 0, level, 0.0)[local]


def score(
    units: Sequence[Unit],
    features: dict[str, Features],
    *,
    at_least: float | None = None,
    event_at: float | None = None,
    context: Context | None = None,
) -> Links:
    """Fact (and event) similarity of every candidate pair of units from different sources.

    With ``at_least``, only the pairs whose fact similarity reaches it, or whose event similarity
    reaches ``event_at``. They are found without the costly text features for most others: every
    pair is first described without them, and only pairs that could reach a level with the most
    favourable values of those features get them (see ``_could_reach``). The scores kept are the
    same as without ``at_least``.
    """
    ctx = context if context is not None else Context.build(units, features)
    left, right = candidates(units, features, context=ctx)
    fact_w, event_w = load("fact"), load("event")
    kept_l, kept_r, scores, events = [], [], [], []
    # in blocks, so that the feature rows of all candidates never sit in memory at once
    for lo in range(0, len(left), _SCORE_BLOCK):
        bl, br = left[lo : lo + _SCORE_BLOCK], right[lo : lo + _SCORE_BLOCK]
        X = pair_features(units, features, bl, br, with_text=False, context=ctx)
        if at_least is not None:
            hopeful = _could_reach(X, at_least, fact_w) | (ctx.text_id[bl] == ctx.text_id[br])
            if event_at is not None:
                hopeful |= _could_reach(X, event_at, event_w)
            if not hopeful.all():  # (else no copy: these rows are this block's own)
                X, bl, br = X[hopeful], bl[hopeful], br[hopeful]
        _put_text_features(ctx, X, bl, br)  # the same rows as pair_features(..., with_text=True)
        s = _same_text_100(_percent(_logit(X, fact_w)), ctx, bl, br)
        e = _percent(_logit(X, event_w))
        if at_least is not None:
            keep = s >= at_least
            if event_at is not None:
                keep |= e >= event_at
            if not keep.all():
                bl, br, s, e = bl[keep], br[keep], s[keep], e[keep]
        kept_l.append(bl)
        kept_r.append(br)
        scores.append(s)
        events.append(e)
    if not scores:
        return Links(left=left, right=right, score=np.zeros(0), event=np.zeros(0))
    return Links(left=np.concatenate(kept_l), right=np.concatenate(kept_r), score=np.concatenate(scores),
                 event=np.concatenate(events))  # fmt: skip


_SCORE_BLOCK = 100_000
"""Candidate pairs described at once by ``score`` (bounds the memory of the feature rows)."""


def _could_reach(X: npt.NDArray[np.float64], at_least: float, w: Weights) -> npt.NDArray[np.bool_]:
    """Pairs whose similarity under model ``w`` could reach ``at_least`` whatever values in 0..1
    the NaN features take: each is set to 1 where its weight is positive and to 0 elsewhere, which
    gives the highest similarity the pair can have; a margin of one rounding step keeps it safe."""
    best = np.where(w.coef > 0, 1.0, 0.0)
    # the columns the model reads (a copy, as ``_logit`` takes them), their NaNs then set in place
    Xw = X[:, [FEATURE_NAMES.index(n) for n in w.features]]
    np.copyto(Xw, np.broadcast_to(best, Xw.shape), where=np.isnan(Xw))
    reach: npt.NDArray[np.bool_] = _percent(_weigh(Xw, w.coef) + w.intercept) >= at_least - 0.01
    return reach


def select(
    links: Links,
    units: Sequence[Unit],
    options: MatchOptions,
    context: Context | None = None,
    *,
    split: float | None = None,
    same_story: npt.NDArray[np.bool_] | None = None,
    distinct: float | None = None,
    gate_all: bool | None = None,
) -> Links:
    """Competitive alignment: keep the links above ``options.threshold`` that join two units each
    other's best counterpart in the other source (ties: the partner with the lower index).

    A unit gets a second link towards one source (``options.max_links`` >= 2) only when it carries
    two facts that source states in two units: the second counterpart's best link is this unit,
    and the two counterparts share little (cosine of their words below the fact model's ``split``
    level), so each covers a different part of it. Never a fan of links at one score.
    ``options.relative`` > 0 also drops links more than that many points below the best of either end.
    ``split``: that level, when not the fitted one (``make train`` chooses it).

    ``same_story`` (sources x sources, in order of first appearance): whether the story model calls
    two sources one story; between two that it does not, a link needs ``options.other_story``
    (a stricter level) instead of ``options.threshold`` when the two units' specifics disagree
    (``specifics_differ``: a name of either that the other lacks, or numbers in conflict); two
    units that name the same things and give no other number keep ``options.threshold``, since
    two stories can share a background fact. ``gate_all``: every pair between two stories needs
    the stricter level (``other_story_all`` in ``compare/weights/fact.json``, chosen by
    ``make train``). The scores themselves never change.

    A link below the paraphrase level (``paraphrase_p5`` in ``compare/weights/fact.json``) is kept
    only when its two units also share words that are distinctive in this comparison: the cosine of
    their ``Context.distinct`` rows reaches ``options.distinct``. Two units that share only what the
    whole story shares (its people, places, topic words) are not one fact, however they score.
    ``distinct``: that level, when not the option's (``make train`` chooses it).
    """
    ids = {sid: k for k, sid in enumerate(dict.fromkeys(u.source for u in units))}
    src = np.array([ids[u.source] for u in units], dtype=np.int64)
    need = np.full(len(links.left), options.threshold)
    if same_story is not None and len(links.left):
        other = max(options.threshold, options.other_story if options.other_story is not None else
                    float(load("fact").thresholds["link_other_story"]))  # fmt: skip
        gated = ~same_story[src[links.left], src[links.right]]
        if gate_all is None:
            gate_all = bool(load("fact").thresholds.get("other_story_all", 1.0))
        if not gate_all and gated.any():
            if context is None:
                context = Context.build(units, {u.id: text_features(u) for u in units})
            at = np.flatnonzero(gated)
            gated[at] = specifics_differ(context, links.left[at], links.right[at])
        need = np.where(gated, other, need)
    keep = links.score >= need
    left, right, s = links.left[keep], links.right[keep], links.score[keep]
    ev = None if links.event is None else links.event[keep]
    if len(left) == 0 or options.max_links < 1:
        empty = np.zeros(0, dtype=np.int64)
        return Links(empty, empty.copy(), np.zeros(0), None if ev is None else np.zeros(0))
    key_l = left * len(ids) + src[right]  # a unit towards one other source
    key_r = right * len(ids) + src[left]
    first_l = _best_of(key_l, s, right)
    first_r = _best_of(key_r, s, left)
    ok = first_l & first_r
    if distinct is None:
        distinct = options.distinct if options.distinct is not None else float(load("fact").thresholds["distinct"])
    if context is None and (options.max_links >= 2 or distinct > 0):
        context = Context.build(units, {u.id: text_features(u) for u in units})
    if options.max_links >= 2 and context is not None:  # (built above whenever it is needed)
        if split is None:
            split = float(load("fact").thresholds["split"])
        more = options.max_links - 1
        ok |= _second(first_r & ~first_l, key_l, left, right, first_l, s, context, split, more)
        ok |= _second(first_l & ~first_r, key_r, right, left, first_r, s, context, split, more)
    if options.relative > 0:
        ok &= (s >= _group_max(key_l, s) - options.relative) & (s >= _group_max(key_r, s) - options.relative)
    if distinct > 0 and context is not None:
        weak = np.flatnonzero(ok & (s < float(load("fact").thresholds["paraphrase_p5"])))
        if len(weak):
            ok[weak[pair_values(context.distinct, left[weak], right[weak]) < distinct]] = False
    return Links(left[ok], right[ok], s[ok], None if ev is None else ev[ok])


def specifics_differ(
    context: Context, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Whether the two units of each pair disagree on specifics: either names a person, place or
    organisation (a name key) that the other does not, or they give different values in one unit of
    measure with none equal (the ``numbers_conflict`` feature). Two different stories of one kind
    (two boxers' title fights, two coaches fired) state their facts in the same words with other
    names and numbers; a background fact two stories share names the same things."""
    shared = pair_values(context.names_binary, left, right)
    n = context.name_count
    names = (n[left] > shared) | (n[right] > shared)
    conflict = (pair_values(context.qunits, left, right) > 0) & (pair_values(context.qvals, left, right) == 0)
    out: npt.NDArray[np.bool_] = names | conflict
    return out


def _best_of(
    key: npt.NDArray[np.int64], s: npt.NDArray[np.float64], other: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Whether each link is the best of its ``key`` (highest score; ties: the lower ``other``)."""
    return top_of(key, s, other, 1)


def best_first(
    key: npt.NDArray[np.int64], s: npt.NDArray[np.float64], other: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """``np.lexsort((other, -s, key))``: the order by ``key``, then by ``s`` from the highest, then by
    ``other`` (ties in all three in the order given), in half the time.

    ``lexsort`` sorts the entries three times, once per key. Here ``-s`` is numbered by rank
    (``np.unique``: equal values, 0.0 and -0.0, all NaNs, one number, in the order ``lexsort``
    compares them), and the three keys, integers from 0, become one integer that one stable sort
    orders. Keys that could not be one ``int64`` (negative, or too wide together) go to ``lexsort``.
    """
    if len(key) == 0:
        return np.zeros(0, dtype=np.int64)
    values, rank = np.unique(-s, return_inverse=True)
    kmin, kmax, omin, omax = int(key.min()), int(key.max()), int(other.min()), int(other.max())
    if kmin < 0 or omin < 0 or (kmax + 1) * len(values) * (omax + 1) >= 2**63:
        out: npt.NDArray[np.int64] = np.lexsort((other, -s, key))
        return out
    code = (key.astype(np.int64) * len(values) + rank.reshape(-1)) * (omax + 1) + other
    order: npt.NDArray[np.int64] = np.argsort(code, kind="stable")
    return order


def top_of(
    key: npt.NDArray[np.int64], s: npt.NDArray[np.float64], other: npt.NDArray[np.int64], k: int
) -> npt.NDArray[np.bool_]:
    """Whether each link is among the ``k`` best of its ``key`` (highest score; ties: the lower ``other``)."""
    out = np.zeros(len(key), dtype=bool)
    if len(key) == 0 or k < 1:
        return out
    order = best_first(key, s, other)
    sk = key[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    rank = np.arange(len(sk)) - np.repeat(starts, np.diff(np.r_[starts, len(sk)]))
    out[order[rank < k]] = True
    return out


def _second(
    cand: npt.NDArray[np.bool_],
    key: npt.NDArray[np.int64],
    hub: npt.NDArray[np.int64],
    other: npt.NDArray[np.int64],
    first: npt.NDArray[np.bool_],
    s: npt.NDArray[np.float64],
    ctx: Context,
    split: float,
    more: int = 1,
) -> npt.NDArray[np.bool_]:
    """Further links of a ``hub`` unit: links in ``cand`` (best for ``other``, not for ``hub``) whose
    ``other`` unit shares little with the hub's first counterpart in the same source; the ``more``
    best such links of each hub and source only."""
    out = np.zeros(len(key), dtype=bool)
    idx = np.flatnonzero(cand)
    if len(idx) == 0:
        return out
    fk = np.flatnonzero(first)
    partner = dict(zip(key[fk].tolist(), other[fk].tolist()))
    p = np.array([partner.get(k, -1) for k in key[idx].tolist()], dtype=np.int64)
    has = p >= 0
    idx, p = idx[has], p[has]
    if len(idx) == 0:
        return out
    overlap = pair_values(ctx.tfidf, other[idx], p)
    idx = idx[overlap < split]
    if len(idx) == 0:
        return out
    top = top_of(key[idx], s[idx], other[idx], more)
    out[idx[top]] = True
    return out


def _group_max(key: npt.NDArray[np.int64], s: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    uniq, inv = np.unique(key, return_inverse=True)
    best = np.full(len(uniq), -math.inf)
    np.maximum.at(best, inv, s)
    return best[inv]


def related(
    links: Links, chosen: Links, units: Sequence[Unit], level: float, per_unit: int | None = None
) -> list[Related]:
    """Pairs the event model links (event similarity >= ``level``) that are not matched facts:
    the pairs among the ``per_unit`` best counterparts in the other's source of both their units (mutual;
    default the event model's ``related_per_unit``, chosen with ``level`` by ``make train``, which
    selects them the same way on out-of-fold scores). A unit with a matched fact in a source may
    still have related units there, other statements about the same event, unless both units of
    the pair have a match at the paraphrase level towards each other's source."""
    if links.event is None or len(links.left) == 0:
        return []
    n = len(units)
    keep = links.event >= level
    left, right, e = links.left[keep], links.right[keep], links.event[keep]
    if len(left) == 0:
        return []
    ids = {sid: k for k, sid in enumerate(dict.fromkeys(u.source for u in units))}
    src = np.array([ids[u.source] for u in units], dtype=np.int64)
    if per_unit is None:
        per_unit = int(load("event").thresholds.get("related_per_unit", 1))
    ok = top_of(left * len(ids) + src[right], e, right, per_unit) & top_of(
        right * len(ids) + src[left], e, left, per_unit
    )
    # ranked among all the event model's pairs, as make train selects them; a matched fact is
    # then not repeated as a related pair
    ok &= ~np.isin(left * n + right, chosen.left * n + chosen.right)
    # two units that each have a counterpart stating the same (a match at the paraphrase level)
    # in the other's source need no "see also" between them: the reader has both statements
    # already (an article against itself gives nothing but its matches)
    s = len(ids)
    strong = chosen.score >= float(load("fact").thresholds["paraphrase_p5"])
    placed = np.zeros(n * s, dtype=bool)
    placed[chosen.left[strong] * s + src[chosen.right[strong]]] = True
    placed[chosen.right[strong] * s + src[chosen.left[strong]]] = True
    ok &= ~(placed[left * s + src[right]] & placed[right * s + src[left]])
    rows = sorted(zip(left[ok].tolist(), right[ok].tolist(), e[ok].tolist()))
    return [Related(units=(units[a].id, units[b].id), score=round(float(x), 2)) for a, b, x in rows]


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


def align(units: Sequence[Unit], features: dict[str, Features], options: MatchOptions) -> list[Match]:
    """The matched facts of ``run`` (see there)."""
    return run(units, features, options).matches


def run(units: Sequence[Unit], features: dict[str, Features], options: MatchOptions) -> Alignment:
    """The stage's main function: link units of different sources that state the same fact.

    Parameters
    ----------
    units:
        Units of all sources.
    features:
        Their features, by unit id.
    options:
        Thresholds and limits.

    Returns
    -------
    Alignment
        ``matches``: one entry per matched fact. With two sources each selected link is one match;
        with more, a link grows into a group by adding, from each other source, the unit linked to
        every member already in it. ``related``: pairs about one event that state different facts.
        ``stories``: one answer per pair of sources.
    """
    ctx = Context.build(units, features)
    level = options.related if options.related is not None else float(load("event").thresholds["related"])
    scored = score(units, features, at_least=options.threshold, event_at=level, context=ctx)
    stories = story_scores(units, features, ctx)
    same = np.eye(len(ctx.source_ids), dtype=bool)
    pos = {sid: k for k, sid in enumerate(ctx.source_ids)}
    for st in stories:
        same[pos[st.sources[0]], pos[st.sources[1]]] = same[pos[st.sources[1]], pos[st.sources[0]]] = st.same
    links = select(scored, units, options, ctx, same_story=same)
    return Alignment(matches=grow(links, units), related=related(scored, links, units, level), stories=stories)


def grow(links: Links, units: Sequence[Unit]) -> list[Match]:
    """The matched facts of the selected ``links`` between ``units``, ordered by their units.

    A link grows into a group by adding, from each other source, the unit linked to every member
    already in it (strongest link first; each pair of units ends up in one group). With two
    sources there is nothing to grow: every link is a match.
    """
    if len({u.source for u in units}) <= 2:
        # two sources: nothing to grow, every link is a match (as _grow_groups finds, faster)
        lo, hi = np.minimum(links.left, links.right), np.maximum(links.left, links.right)
        order = np.lexsort((hi, lo))
        return [
            Match(units=(a, b), score=round(s, 2), facts=(s,))
            for a, b, s in zip(lo[order].tolist(), hi[order].tolist(), links.score[order].tolist())
        ]
    return _grow_groups(links, units)


def _grow_groups(links: Links, units: Sequence[Unit]) -> list[Match]:
    adj: dict[int, dict[int, float]] = {}
    for a, b, s in zip(links.left.tolist(), links.right.tolist(), links.score.tolist()):
        adj.setdefault(a, {})[b] = s
        adj.setdefault(b, {})[a] = s
    fact: dict[tuple[int, int], float] = {}
    for a, b, f in zip(links.left.tolist(), links.right.tolist(), links.score.tolist()):
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
        facts = tuple(fact[i, j] for i, j in combinations(members, 2))
        out.append(Match(units=tuple(members), score=round(min(scores), 2), facts=facts))
    out.sort(key=lambda m: m.units)
    return out


def similarity(a: str, b: str) -> float:
    """How surely two sentences state the same fact, 0 (unrelated) to 100 (the same statement):
    ``similarities`` of one pair, 0 when either text has no word. Deterministic."""
    if not has_words(a) or not has_words(b):
        return 0.0
    return float(similarities([a], [b])[0])
