"""Oracles of ``compare.features``: the people and ages an article names."""

from __future__ import annotations

from collections.abc import Sequence

from compare.features.attribution import Attributor
from compare.features.quantities import extract_quantities
from compare.model import QuantityKind
from compare.text.names import display_name
from compare.text.words import name_key

from . import text


def for_article(texts: Sequence[str]) -> Attributor:
    """``Attributor.for_article``: every text read, repeats too, the names found the plain way."""
    people: dict[str, str] = {}
    ages: dict[int, str] = {}
    for t in texts:
        for _, _, parts in text.name_spans(t):
            full = display_name(parts)
            if not full:
                continue
            key = name_key(full.split()[-1])
            if len(full.split()) > len(people.get(key, "").split()):
                people[key] = full
        for q in extract_quantities(t, fast=False):
            if q.kind == QuantityKind.AGE and q.keys:
                ages.setdefault(int(q.value), next(iter(q.keys)))
    return Attributor(people=people, ages=ages)
