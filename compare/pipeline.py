"""The pipeline: the stages in order, no logic of its own.

``ingest`` (texts in) -> ``segment`` (units) -> ``features`` -> ``match`` (links) -> ``classify``
(groups with verdicts) -> ``analyze`` (quote ledger, names and numbers tables) -> a
:class:`~compare.model.Comparison` that the renderers in ``compare.report`` turn into terminal
tables, JSON, Markdown or HTML.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from compare.analyze.explain import Explainer
from compare.analyze.ledger import ledger
from compare.analyze.mentions import entity_table, number_table
from compare.analyze.strength import strengths
from compare.classify import classify
from compare.errors import EmptyArticle
from compare.features import extract
from compare.match import run
from compare.model import Article, Comparison, Unit, UnitKind, Verdict
from compare.options import MatchOptions
from compare.segment import segmentation


def compare_articles(
    articles: Sequence[Article],
    options: MatchOptions | None = None,
    *,
    on_stage: Callable[[str], None] | None = None,
) -> Comparison:
    """Run segmentation, features, matching and classification on articles already read.

    ``on_stage``, when given, is called with each stage's name as soon as the stage is done
    (``make bench`` times the stages with it); it sees nothing of the data.
    """
    done = on_stage or (lambda _stage: None)
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
    done("segment")
    feats = extract(articles, units)
    done("features")
    found = run(units, feats, options)
    done("match")
    groups = classify(units, feats, found.matches)
    done("classify")
    quotes = ledger(units, feats, groups)
    done("ledger")
    ids = [a.id for a in articles]
    entities, numbers = entity_table(units, feats, ids), number_table(units, feats, ids)
    done("tables")
    c = Comparison(sources=tuple(articles), units=tuple(units), groups=tuple(groups), options=options,
                   features=feats, quotes=tuple(quotes), entities=tuple(entities), numbers=tuple(numbers),
                   notes=tuple(notes), related=tuple(found.related), stories=tuple(found.stories))  # fmt: skip
    explain = Explainer(c)
    matched = [g for g in c.groups if g.verdict is not Verdict.ONLY]
    out = dataclasses.replace(c, strengths=strengths(c), explanations={g.id: explain(g) for g in matched})
    done("explain")
    return out
