"""compare-sources: line up what news articles about the same event report, and how they differ.

>>> from compare import compare_texts
>>> result = compare_texts(["Putin rejected a ceasefire on Monday.", "On Monday, Putin rejected the ceasefire."])
>>> result.summary()["agree"] + result.summary()["differ"]
1

The pipeline: ``ingest`` (texts in) -> ``segment`` (units) -> ``features`` -> ``match`` (links)
-> ``classify`` (groups with verdicts) -> a :class:`~compare.model.Comparison` that the
renderers in ``compare.report`` turn into terminal tables, JSON, Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from compare.errors import CompareError
from compare.model import Article, Comparison, MatchOptions, Verdict

__all__ = ["CompareError", "Comparison", "MatchOptions", "Verdict", "compare_articles", "compare_files",
           "compare_texts", "similarity"]  # fmt: skip
__version__ = "0.1.0"


def compare_articles(articles: Sequence[Article], options: MatchOptions | None = None) -> Comparison:
    """Run segmentation, features, matching and classification on articles already read."""
    from compare.classify import classify
    from compare.errors import EmptyArticle
    from compare.features import extract
    from compare.match import align
    from compare.model import Unit, UnitKind
    from compare.segment import segmentation

    options = options or MatchOptions()
    units: list[Unit] = []
    notes: list[str] = []
    for a in articles:
        seg = segmentation(a)
        us = seg.units
        if not any(u.kind is UnitKind.SENTENCE for u in us) and not us:
            raise EmptyArticle(f"No sentence found in source {a.label}.")
        units.extend(us)
        notes.extend(seg.notes)
    feats = extract(articles, units)
    matches = align(units, feats, options)
    groups = classify(units, feats, matches)
    from compare.mentions import entity_table, number_table
    from compare.quotes import ledger

    ids = [a.id for a in articles]
    return Comparison(sources=tuple(articles), units=tuple(units), groups=tuple(groups), options=options,
                      features=feats, quotes=tuple(ledger(units, feats, groups)),
                      entities=tuple(entity_table(units, feats, ids)),
                      numbers=tuple(number_table(units, feats, ids)), notes=tuple(notes))  # fmt: skip


def compare_texts(texts: Sequence[str], *, labels: Sequence[str] | None = None, **options: Any) -> Comparison:
    """Compare two or more article texts.

    Parameters
    ----------
    texts:
        The articles' texts (at least two).
    labels:
        A name for each text; defaults to ``A``, ``B``, ``C`` ...
    **options:
        Fields of :class:`~compare.model.MatchOptions` (``threshold``, ``sentence_score``, ``relative``,
        ``max_links``).

    Returns
    -------
    Comparison
        The result record; ``.to_dict()`` gives the JSON report.

    Raises
    ------
    CompareError
        Fewer than two texts, an empty text, or an unknown option.
    """
    from compare.ingest import articles_from_texts

    return compare_articles(articles_from_texts(texts, labels), _options(options))


def compare_files(paths: Sequence[str], *, labels: Sequence[str] | None = None, **options: Any) -> Comparison:
    """Compare two or more article files (``-`` reads standard input). Options as :func:`compare_texts`."""
    from compare.ingest import read_articles

    return compare_articles(read_articles(paths, labels), _options(options))


def similarity(a: str, b: str) -> float:
    """How surely two sentences report the same fact, 0 (unrelated) to 100 (the same statement).

    The score the matcher itself uses to link units, computed as if each sentence were a
    one-sentence article. Deterministic.
    """
    from compare.features import extract
    from compare.ingest import articles_from_texts, has_words
    from compare.match import combine, pair_features
    from compare.model import Unit

    if not has_words(a) or not has_words(b):
        return 0.0
    arts = articles_from_texts([a, b])
    units = [Unit(id=f"{x.id}0", source=x.id, index=0, start=0, end=len(x.text), text=x.text) for x in arts]
    feats = extract(arts, units)
    import numpy as np

    X = pair_features(units, feats, np.array([0]), np.array([1]))
    return float(combine(X)[0])


def _options(options: dict[str, Any]) -> MatchOptions:
    import dataclasses

    known = {f.name for f in dataclasses.fields(MatchOptions)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise CompareError(f"Unknown option {unknown[0]!r}; known options: {', '.join(sorted(known))}.")
    return MatchOptions(**options)
