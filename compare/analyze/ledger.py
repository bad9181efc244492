"""The quote ledger (a stage after ``classify``): every quotation of every source, which sources
carry it, and whether their wordings are identical, altered (with the changed words) or whether
another source only paraphrases it."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from compare.model import LedgerEntry, Quote, QuoteStatus, Verdict, Wording
from compare.text.names import different_people
from compare.text.quotations import bounded_pair, normalise_quote, same_quotation, word_changes
from compare.text.words import content_tokens

if TYPE_CHECKING:
    from compare.model import Features, Group, Unit


def _shared_word_pairs(texts: Sequence[str], sources: Sequence[str]) -> tuple[Any, Any]:
    """Index pairs ``i < j`` of texts from different sources that share enough content words to
    be the same quotation (a sparse product, not all pairs)."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, t in enumerate(texts):
        for w in set(content_tokens(t)):
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    if not vocab:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    m = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(vocab)))
    pairs = sparse.triu(m @ m.T, k=1).tocoo()
    src = np.array(sources)
    # what same_quotation needs of the content words: all of a short quotation's (at least 2),
    # 60% of a longer one's, or the very same words
    n = np.asarray(m.sum(axis=1)).ravel()
    shared = pairs.data
    short = np.minimum(n[pairs.row], n[pairs.col])
    same_words = (shared == n[pairs.row]) & (shared == n[pairs.col])
    enough = (short >= 2) & np.where(short <= 3, shared == short, shared >= 0.6 * short)
    keep = (src[pairs.row] != src[pairs.col]) & (enough | same_words)
    order = np.lexsort((pairs.col[keep], pairs.row[keep]))
    return pairs.row[keep][order].astype(np.int64), pairs.col[keep][order].astype(np.int64)


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
    # candidates: quotations of different sources sharing a content word (a sparse product, not
    # all pairs), kept when fuzzy containment is high; confirmed by same_quotation
    left, right = _shared_word_pairs(texts, [u.source for u, _ in items])
    if len(left):  # only quotations of one depth are ever joined
        depth = np.array([q.depth for _, q in items])
        same = depth[left] == depth[right]
        left, right = left[same], right[same]
    if len(left):  # fuzzy scores on bounded strings (exact for quotations up to FUZZY_CHARS)
        cut = [bounded_pair(texts[i], texts[j]) for i, j in zip(left.tolist(), right.tolist(), strict=True)]
        partial = process.cpdist([a for a, _ in cut], [b for _, b in cut], scorer=fuzz.partial_ratio)
        keep = partial >= 60
        left, right = left[keep], right[keep]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if same_quotation(texts[i], texts[j]):
            parent[find(int(j))] = find(int(i))
    clusters: dict[int, list[int]] = {}
    for i in range(len(items)):
        clusters.setdefault(find(i), []).append(i)
    linked = _linked_units(groups)
    source_of = {u.id: u.source for u in units}
    entries: list[LedgerEntry] = []
    index_of: dict[tuple[str, int], str] = {}
    for members in sorted(clusters.values(), key=min):
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
