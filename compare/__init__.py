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

import dataclasses
import os
from collections.abc import Sequence
from typing import Any

from compare.errors import CompareError, TooFewSources
from compare.model import Article, Comparison, Verdict
from compare.options import MatchOptions

__all__ = ["CompareError", "Comparison", "MatchOptions", "Verdict", "compare_articles", "compare_files",
           "compare_texts", "similarity"]  # fmt: skip
__version__ = "0.1.0"


def compare_articles(articles: Sequence[Article], options: MatchOptions | None = None) -> Comparison:
    """Run segmentation, features, matching and classification on articles already read."""
    from compare.pipeline import compare_articles  # lazy: the stages load numpy; not on `import compare` / `--help`

    return compare_articles(articles, options)


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
    from compare.ingest import articles_from_texts  # lazy: ~3 ms off `import compare` / `--help`

    return compare_articles(articles_from_texts(texts, labels), _options(options))


def compare_files(
    paths: Sequence[str | os.PathLike[str]], *, labels: Sequence[str] | None = None, **options: Any
) -> Comparison:
    """Compare two or more article files, given as strings or path objects (``-`` reads standard
    input). Options as :func:`compare_texts`."""
    from compare.ingest import read_articles  # lazy: ~3 ms off `import compare` / `--help`

    if isinstance(paths, (str, os.PathLike)):
        raise TooFewSources("Give a list of at least two files, not a single path.")
    return compare_articles(read_articles([os.fspath(p) for p in paths], labels), _options(options))


def similarity(a: str, b: str) -> float:
    """How surely two sentences state the same fact, 0 (unrelated) to 100 (the same statement).

    The score the matcher itself gives two units (the fact model weighs the two texts alone, not
    the articles around them), so a matched group of two units scores ``similarity`` of their
    texts exactly. Deterministic.
    """
    from compare.match import similarity  # lazy: the stages load numpy; not on `import compare` / `--help`

    return similarity(a, b)


def _options(options: dict[str, Any]) -> MatchOptions:
    known = {f.name for f in dataclasses.fields(MatchOptions)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise CompareError(f"Unknown option {unknown[0]!r}; known options: {', '.join(sorted(known))}.")
    return MatchOptions(**options)
