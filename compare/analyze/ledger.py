"""The quote ledger (a stage after ``classify``): every quotation of every source, which sources
carry it, and whether their wordings are identical, altered (with the changed words) or whether
another source only paraphrases it."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from scipy import sparse

from compare.match import pair_values
from compare.model import LedgerEntry, Quote, QuoteStatus, Verdict, Wording
from compare.text.names import different_people
from compare.text.quotations import bounded_pair, normalise_quote, same_quotation, word_changes
from compare.text.words import content_tokens

if TYPE_CHECKING:
    from compare.model import Features, Group, Unit


LEDGER_MAX_DF = 1000
"""The search for quotations that may be one leaves out the content words held by more than this many
distinct quotations (as ``match.SEARCH_MAX_DF`` does for units): every two quotations holding a word
are an entry of the product, so without a cap a word in every quotation makes the search grow with
the square of the quotations. No comparison of ordinary size comes near it, so there the pairs are
those of the search over every word; the pairs found are always judged on all their words."""


def _shared_word_pairs(
    texts: Sequence[str], single: npt.NDArray[np.int64], *, max_df: int = LEDGER_MAX_DF
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Index pairs ``i < j`` of distinct quotation texts that share enough content words to be the
    same quotation (a sparse product, not all pairs), and that some two sources give: ``single[i]``
    is the one source that gives text ``i``, or -1 when several do (two texts of one source alone
    are never joined)."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, t in enumerate(texts):
        for w in set(content_tokens(t)):
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    if not vocab:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    m = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(vocab)))
    df = np.bincount(m.indices, minlength=m.shape[1])
    common = df > max_df
    search = m
    if common.any():  # (a copy without those words: the pairs they alone join are not searched)
        search = m.copy()
        search.data[common[search.indices]] = 0.0
        search.eliminate_zeros()
    pairs = sparse.triu(search @ search.T, k=1).tocoo()
    row, col = pairs.row.astype(np.int64), pairs.col.astype(np.int64)
    apart = (single[row] < 0) | (single[col] < 0) | (single[row] != single[col])
    row, col = row[apart], col[apart]
    shared = pairs.data[apart] if not common.any() else pair_values(m, row, col)
    # what same_quotation needs of the content words: all of a short quotation's (at least 2),
    # 60% of a longer one's, or the very same words
    n = np.asarray(m.sum(axis=1)).ravel()
    short = np.minimum(n[row], n[col])
    same_words = (shared == n[row]) & (shared == n[col])
    enough = (short >= 2) & np.where(short <= 3, shared == short, shared >= 0.6 * short)
    keep = enough | same_words
    order = np.lexsort((col[keep], row[keep]))
    return row[keep][order], col[keep][order]


def _clusters(items: Sequence[tuple[Unit, Quote]], texts: Sequence[str]) -> list[list[int]]:
    """The quotations (indices of ``items``, whose normalised texts are ``texts``) that are one, each
    cluster in index order, the clusters in order of their first member.

    Two quotations of one depth and of two sources are one when they share enough content words
    (``_shared_word_pairs``), the shorter's wording is mostly inside the longer's (RapidFuzz
    ``partial_ratio`` at least 60, on ``bounded_pair``) and ``same_quotation`` confirms it; clusters are
    the connected sets. The same text is judged once however often it is quoted: every copy of a
    text that two sources give is one quotation (when it has a content word), and a text joined to
    another brings all its copies, so a text repeated thousands of times costs one row of the search.
    """
    keys: dict[tuple[str, int], int] = {}
    members: list[list[int]] = []
    sources: list[set[str]] = []
    for i, ((u, q), t) in enumerate(zip(items, texts, strict=True)):
        k = keys.setdefault((t, q.depth), len(keys))
        if k == len(members):
            members.append([])
            sources.append(set())
        members[k].append(i)
        sources[k].add(u.source)
    key_text = [t for t, _ in keys]
    key_depth = np.array([d for _, d in keys], dtype=np.int64)
    ids = {s: n for n, s in enumerate(sorted(set().union(*sources)))}
    single = np.array([ids[next(iter(s))] if len(s) == 1 else -1 for s in sources], dtype=np.int64)
    left, right = _shared_word_pairs(key_text, single)
    if len(left):  # only quotations of one depth are ever joined
        same = key_depth[left] == key_depth[right]
        left, right = left[same], right[same]
    if len(left):  # fuzzy scores on bounded strings (exact for quotations up to FUZZY_CHARS)
        cut = [bounded_pair(key_text[i], key_text[j]) for i, j in zip(left.tolist(), right.tolist(), strict=True)]
        partial = process.cpdist([a for a, _ in cut], [b for _, b in cut], scorer=fuzz.partial_ratio)
        keep = partial >= 60
        left, right = left[keep], right[keep]
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    joined = [len(s) > 1 and bool(content_tokens(t)) for s, t in zip(sources, key_text, strict=True)]
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if same_quotation(key_text[i], key_text[j]):
            parent[find(j)] = find(i)
            joined[i] = joined[j] = True
    label = [0] * len(items)  # the cluster of each item: its key's set, or the item alone
    for k, ms in enumerate(members):
        for i in ms:
            label[i] = len(items) + find(k) if joined[k] else i
    clusters: dict[int, list[int]] = {}
    for i in range(len(items)):
        clusters.setdefault(label[i], []).append(i)
    return sorted(clusters.values(), key=min)


def ledger(units: Sequence[Unit], features: dict[str, Features], groups: Sequence[Group]) -> list[LedgerEntry]:
    """Every quotation of every source, lined up across sources.

    Parameters
    ----------
    units:
        All units, in source order.
    features:
        Their features (the quotations and speakers are in ``Features.quoted``).
    groups:
        The classified groups: a unit matched to a unit of another source that does not quote
        the same words counts as that source paraphrasing the quotation.

    Returns
    -------
    list[LedgerEntry]
        In order of first appearance; ids ``q1``, ``q2`` ...
    """
    items: list[tuple[Unit, Quote]] = [(u, q) for u in units for q in features[u.id].quoted if u.id in features]
    if not items:
        return []
    texts = [normalise_quote(q.text) for _, q in items]
    clusters = _clusters(items, texts)
    linked = _linked_units(groups)
    source_of = {u.id: u.source for u in units}
    entries: list[LedgerEntry] = []
    index_of: dict[tuple[str, int], str] = {}
    for members in clusters:
        first = items[members[0]][1]
        wordings = []
        for i in members:
            u, q = items[i]
            changes = word_changes(first.text, q.text) if i != members[0] else ()
            wordings.append(Wording(u.source, u.id, q.text, q.speaker_name, changes))
        quoting = {items[i][0].source for i in members}
        para_units = tuple(
            dict.fromkeys(
                v
                for i in members
                for g in linked.get(items[i][0].id, ())
                for v in g
                if v != items[i][0].id and source_of[v] not in quoting and _covers(features[v].tokens, items[i][1].text)
            )
        )
        said = [(items[i][1].speaker, items[i][1].speaker_name) for i in members]
        if len(quoting) > 1:
            if any(different_people(ka, na, kb, nb) for (ka, na), (kb, nb) in combinations(dict.fromkeys(said), 2)):
                status = QuoteStatus.SPEAKER
            elif any(w.changes for w in wordings):
                status = QuoteStatus.ALTERED
            else:
                status = QuoteStatus.IDENTICAL
        elif para_units and len(normalise_quote(first.text).split()) >= 4:
            status = QuoteStatus.PARAPHRASED
        else:
            status = QuoteStatus.SINGLE
            para_units = ()
        eid = f"q{len(entries) + 1}"
        for i in members:
            index_of[(items[i][0].id, items[i][1].start)] = eid
        entries.append(
            LedgerEntry(
                eid,
                first.speaker_name or next(iter(w.speaker for w in wordings if w.speaker), None),
                status,
                tuple(wordings),
                para_units,
            )
        )
    parents = _Parents(items, index_of)
    return [parents.of(e) for e in entries]


class _Parents:
    """Finds the entry a nested quotation sits in: an index of the quotations of each unit.

    For an entry whose first wording is a quotation inside another (depth > 0) of its unit, the
    parent is the entry of the first top-level quotation of that unit (in reading order) that
    holds a nested quotation with the same words and belongs to another entry.
    """

    def __init__(self, items: list[tuple[Unit, Quote]], index_of: dict[tuple[str, int], str]) -> None:
        self.index_of = index_of
        self.top: dict[str, list[Quote]] = {}
        """Unit id -> its top-level quotations, in the order of ``items``."""
        self.nested: dict[tuple[str, str], list[int]] = {}
        """(unit id, words) -> the start offsets of the nested quotations with those words."""
        for u, q in items:
            if q.depth == 0:
                self.top.setdefault(u.id, []).append(q)
            else:
                self.nested.setdefault((u.id, q.text), []).append(q.start)

    def of(self, e: LedgerEntry) -> LedgerEntry:
        """``e`` with its parent entry set, or ``e`` itself when it has none."""
        w = e.wordings[0]
        starts = self.nested.get((w.unit, w.text))
        if not starts:
            return e
        starts = sorted(starts)
        for q in self.top.get(w.unit, ()):
            k = bisect.bisect_left(starts, q.start)
            if k < len(starts) and starts[k] < q.end:
                pid = self.index_of.get((w.unit, q.start))
                if pid and pid != e.id:
                    return LedgerEntry(e.id, e.speaker, e.status, e.wordings, e.paraphrased_in, pid)
        return e


def _covers(tokens: Sequence[str], quote: str) -> bool:
    """Whether a unit's content words hold at least half of a quotation's (a paraphrase of it)."""
    q = set(content_tokens(quote))
    return len(q) >= 3 and len(q & set(tokens)) >= 0.5 * len(q)


def _linked_units(groups: Sequence[Group]) -> dict[str, list[tuple[str, ...]]]:
    """For each unit id, the units of the groups it is matched in (itself among them)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for g in groups:
        if g.verdict is Verdict.ONLY:
            continue
        for a in g.units:
            out.setdefault(a, []).append(tuple(g.units))
    return out
