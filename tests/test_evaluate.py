"""``make eval``'s own measures (``dev.evaluate``) read the scorers' links as the scorers do."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.analyze.strength import LABELS
from dev.evaluate import strength_precision

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.skipif(not (SHARED / "data/duc").is_dir(), reason="needs ../shared/data/duc")
def test_strength_precision_splits_the_scorers_links_by_strength():
    """Every link of ``score_facts.py`` comes from a group of one strength: the counts by strength
    add up to the scorer's links, and a judged link is counted once."""
    out = strength_precision(SHARED, per_topic=2, topics=2)
    for kind in ("summaries", "articles"):
        counts = out[kind]
        by_strength = [counts[label] for label in LABELS]
        assert sum(c["links"] for c in by_strength) == counts["all_links"] > 0
        for c in by_strength:
            assert 0 <= c["shared"] <= c["judged"] <= c["links"]
            # a strength with no link to judge has no precision (JSON null), never NaN (not JSON)
            assert c["precision"] == (round(c["shared"] / c["judged"], 3) if c["judged"] else None)
    assert all(c["judged"] == c["links"] for c in (out["summaries"][label] for label in LABELS))


@pytest.mark.skipif(not (SHARED / "data/duc").is_dir(), reason="needs ../shared/data/duc")
def test_story_recall_splits_the_scorers_article_pairs():
    """Each article pair is counted once, under its story answer; found links are gold links."""
    from dev.evaluate import story_recall

    out = story_recall(SHARED, per_topic=2, topics=2)
    assert out["one_story"]["pairs"] + out["two_stories"]["pairs"] == 4
    for c in out.values():
        assert 0 <= c["found"] <= min(c["gold_links"], c["links"])
        assert c["recall"] == (round(c["found"] / c["gold_links"], 3) if c["gold_links"] else None)
