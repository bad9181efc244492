"""Describe each unit for matching and classification: content words, names, numbers, quotes,
negation, hedging and speaker.

Names are resolved inside each article, so that a surname used alone ("Putin") stands for the
full name used earlier ("Vladimir Putin"), and a pronoun subject of "said" ("he added") stands
for the last person named as a speaker.
"""

from __future__ import annotations

from collections.abc import Sequence

from compare.features.attribution import Attributor
from compare.features.quantities import extract_quantities
from compare.model import Article, Features, Unit
from compare.text.words import TITLES, content_tokens, hedges, name_key, name_spans, negation_cues


def article_features(article: Article, units: Sequence[Unit]) -> dict[str, Features]:
    """Features of every unit of one article, with names and speakers resolved in context.

    Parameters
    ----------
    article:
        The article the units belong to.
    units:
        Its units, in reading order.

    Returns
    -------
    dict[str, Features]
        Features by unit id.
    """
    # full names seen in the article: a later surname alone maps to the full name
    full_by_last: dict[str, tuple[str, ...]] = {}
    spans = {u.id: name_spans(u.text) for u in units}  # found once, used twice below
    for u in units:
        for _, _, parts in spans[u.id]:
            if len(parts) >= 2:
                full_by_last.setdefault(name_key(parts[-1]), parts)
    out: dict[str, Features] = {}
    attributor = Attributor.for_article([u.text for u in units])
    keys_of: dict[tuple[str, ...], list[str]] = {}  # a name's keys, found once per article and name
    for u in units:
        names: set[str] = set()
        for _, _, parts in spans[u.id]:
            full = full_by_last.get(name_key(parts[-1]), parts) if len(parts) == 1 else parts
            keys = keys_of.get(full)
            if keys is None:
                keys = keys_of[full] = [name_key(p) for p in full if p.lower() not in TITLES]
            names.update(keys)
        quoted, speaker, speaker_name = attributor.unit(u.text)
        out[u.id] = Features(
            unit_id=u.id,
            tokens=content_tokens(u.text) if u.kind.matched else (),
            names=frozenset(names),
            numbers=tuple(extract_quantities(u.text)),
            quotes=tuple(q.text for q in quoted if q.depth == 0),
            negated=bool(negation_cues(u.text)),
            hedges=hedges(u.text),
            speaker=speaker,
            speaker_name=speaker_name,
            quoted=quoted,
        )
    return out


def extract(articles: Sequence[Article], units: Sequence[Unit]) -> dict[str, Features]:
    """Features for all units of all articles, by unit id."""
    out: dict[str, Features] = {}
    for a in articles:
        out.update(article_features(a, [u for u in units if u.source == a.id]))
    return out
