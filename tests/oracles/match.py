"""Oracles of ``compare.match``: candidates, pair values, n-gram rows, fuzzy scores, rarity, groups."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from compare import match
from compare.model import Features, Unit, UnitKind


def candidates(
    units: Sequence[Unit],
    features: dict[str, Features],
    *,
    max_per_unit: int | None = None,
    block_rows: int = 1024,
    max_df: int | None = match.SEARCH_MAX_DF,
    context: match.Context | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``match.candidates`` the obvious way: the whole product at once, then each unit's best pairs.

    A pair (i, j), i < j, stays when it is among the ``max_per_unit`` best of i's pairs with later
    units or of j's pairs with earlier units; ties go to the partner with the lower index.
    ``block_rows`` changes nothing here. Terms (columns) held by more than ``max_df`` usable units
    are left out, and the word rows then scaled back to unit length, when any is.
    """
    ctx = context if context is not None else match.Context.build(units, features)
    if max_per_unit is None:
        max_per_unit = match.CANDIDATES_PER_SOURCE * max(1, len(ctx.source_ids) - 1)
    usable = np.array([u.kind is not UnitKind.BYLINE for u in units], dtype=bool)
    tf, nm = ctx.tfidf, ctx.names
    if max_df is not None:
        words, names = tf.toarray(), nm.toarray()
        common_tf = (words[usable] != 0).sum(axis=0) > max_df
        common_nm = (names[usable] != 0).sum(axis=0) > max_df
        if common_tf.any():
            words[:, common_tf] = 0.0
            norms = np.sqrt((words**2).sum(axis=1))
            tf = sparse.csr_matrix(words * (1.0 / np.where(norms == 0, 1.0, norms))[:, None])  # as match._normalise
        if common_nm.any():
            names[:, common_nm] = 0.0
            nm = sparse.csr_matrix(names)
    sim = (tf @ tf.T + nm @ nm.T).tocoo()
    left, right, val = sim.row.astype(np.int64), sim.col.astype(np.int64), sim.data
    src = ctx.source_index
    keep = (left < right) & (src[left] != src[right]) & usable[left] & usable[right] & (val > 0)
    left, right, val = left[keep], right[keep], val[keep]
    if max_per_unit:
        best = np.zeros(len(left), dtype=bool)
        for key, other in ((left, right), (right, left)):
            for unit in np.unique(key):
                mine = np.flatnonzero(key == unit)
                ranked = mine[np.lexsort((other[mine], -val[mine]))]
                best[ranked[:max_per_unit]] = True
        left, right = left[best], right[best]
    order = np.lexsort((right, left))
    return left[order], right[order]


def pair_values(
    m: sparse.csr_matrix, left: np.ndarray, right: np.ndarray, *, chunk: int = match.PAIR_CHUNK
) -> np.ndarray:
    """``match.pair_values`` all at once, whatever ``chunk``: the row products of the pairs."""
    if len(left) == 0:
        return np.zeros(0)
    return np.asarray(m[left].multiply(m[right]).sum(axis=1)).ravel()


def ngram_rows(seqs: Sequence[Sequence[str]], longest: int) -> list[sparse.csr_matrix]:
    """``match.ngram_rows`` from sets of word tuples: a column per distinct n-gram, in sorted order."""
    out = []
    for n in range(1, longest + 1):
        grams = [{tuple(q[i : i + n]) for i in range(len(q) - n + 1)} for q in seqs]
        columns = {g: k for k, g in enumerate(sorted(set().union(*grams)))}
        m = sparse.lil_matrix((len(seqs), max(1, len(columns))))
        for row, held in enumerate(grams):
            for g in held:
                m[row, columns[g]] = 1.0
        out.append(m.tocsr())
    return out


def text_scores(context: match.Context, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``match.text_scores``: RapidFuzz's two scorers on the raw (lower-cased, cut) texts of each pair."""
    ta, tb = [context.texts[i] for i in left], [context.texts[j] for j in right]
    if not ta:
        empty = np.zeros(0, dtype=np.float32)
        return empty, empty
    return tuple(  # type: ignore[return-value]
        process.cpdist(ta, tb, scorer=scorer, dtype=np.float32, workers=1)
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio)
    )


def zipf(token: str) -> float:
    """``match.zipf``: wordfreq's own ``zipf_frequency`` of the word in English."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(token, "en"))


def grow(links: match.Links, units: Sequence[Unit]) -> list[match.Match]:
    """``match.grow`` for any number of sources: every link, strongest first, grows into a group.

    A group adds, from a source it lacks, the unit linked to every member whose weakest link to
    them is strongest (the first such neighbour of the link's left unit on ties); a link between
    two members of an earlier group starts none.
    """
    score: dict[tuple[int, int], float] = {}
    for a, b, s in zip(links.left.tolist(), links.right.tolist(), links.score.tolist()):
        score[a, b] = score[b, a] = s
    covered: set[tuple[int, int]] = set()
    out = []
    for k in sorted(range(len(links.score)), key=lambda k: -links.score[k]):
        a, b = int(links.left[k]), int(links.right[k])
        if (a, b) in covered:
            continue
        members, scores = [a, b], [float(links.score[k])]
        while True:
            first = members[0]
            neighbours = dict.fromkeys(
                c for x, y in zip(links.left.tolist(), links.right.tolist()) if first in (x, y)
                for c in (y if x == first else x,)
            )  # fmt: skip
            taken = {units[m].source for m in members}
            options = [
                (min(score[m, c] for m in members), c)
                for c in neighbours
                if units[c].source not in taken and all((m, c) in score for m in members)
            ]
            if not options:
                break
            low = max(s for s, _ in options)
            best = next(c for s, c in options if s == low)
            members.append(best)
            scores.append(low)
        members.sort()
        covered.update(combinations(members, 2))
        facts = tuple(score[i, j] for i, j in combinations(members, 2))
        out.append(match.Match(units=tuple(members), score=round(min(scores), 2), facts=facts))
    return sorted(out, key=lambda m: m.units)


def score(
    units: Sequence[Unit],
    features: dict[str, Features],
    *,
    at_least: float | None = None,
    event_at: float | None = None,
    context: match.Context | None = None,
) -> match.Links:
    """``match.score`` with every candidate described in full, then the pairs below both levels dropped."""
    full = match.score(units, features, context=context)
    if at_least is None:
        return full
    assert full.event is not None
    keep = full.score >= at_least
    if event_at is not None:
        keep |= full.event >= event_at
    return match.Links(left=full.left[keep], right=full.right[keep], score=full.score[keep], event=full.event[keep])


def best_first(key: np.ndarray, s: np.ndarray, other: np.ndarray) -> np.ndarray:
    """``match.best_first`` as it was written: ``lexsort`` of the three keys."""
    return np.lexsort((other, -s, key))


def top_of(key: np.ndarray, s: np.ndarray, other: np.ndarray, k: int) -> np.ndarray:
    """Plain ``match.top_of``: a link is kept when fewer than ``k`` links of its key rank before it
    (a higher score, or the same score and a lower ``other``)."""
    n = len(key)
    out = np.zeros(n, dtype=bool)
    for i in range(n):
        before = sum(
            1 for j in range(n) if key[j] == key[i] and (s[j] > s[i] or (s[j] == s[i] and other[j] < other[i]))
        )
        out[i] = before < k
    return out
