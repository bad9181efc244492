"""The matcher's three answers (story, fact, event) through the public API, and its weights as data."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from compare import compare_files, compare_texts, similarity
from compare.match import EVENT_FEATURES, FACT_FEATURES, FEATURE_VERSION, STORY_FEATURES
from compare.model import Comparison, UnitKind, Verdict
from compare.weights import MODELS, read

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [str(ROOT / "seeds/washington-post.txt"), str(ROOT / "seeds/new-york-post.txt")]
SHARED = ROOT.parent / "shared"
ECB = SHARED / "data/ecbplus/sets"


def assert_scores_are_similarity(c: Comparison) -> int:
    """Every matched group of two units scores ``similarity`` of their texts exactly; returns how many."""
    n = 0
    for g in c.groups:
        if g.verdict is not Verdict.ONLY and len(g.units) == 2:
            a, b = (c.unit(u).text for u in g.units)
            assert g.score == similarity(a, b), g
            n += 1
    return n


def test_group_score_is_similarity_on_the_seeds() -> None:
    """The contract: a two-unit group's score equals ``similarity(a.text, b.text)``."""
    assert assert_scores_are_similarity(compare_files(SEEDS)) > 0


@pytest.mark.skipif(not ECB.is_dir(), reason="needs ../shared/data/ecbplus")
def test_group_score_is_similarity_on_ecb() -> None:
    """The same on a few ECB+ article pairs (articles of one event from different outlets)."""
    rng = random.Random(3)
    sets = sorted(p for p in ECB.iterdir() if (p / "gold.json").exists())
    checked = 0
    for d in rng.sample(sets, 3):
        files = sorted(x["file"] for x in json.loads((d / "gold.json").read_text())["docs"])
        fa, fb = rng.sample(files, 2)
        checked += assert_scores_are_similarity(compare_files([str(d / fa), str(d / fb)]))
    assert checked > 0


def assert_exact_copy(c: Comparison) -> None:
    """One ``agree`` group per unit pairing it with its copy, and nothing else."""
    a_units = [u for u in c.units if u.source == "A"]
    b_units = [u for u in c.units if u.source == "B"]
    assert [u.text for u in a_units] == [u.text for u in b_units]
    matched = [g for g in c.groups if g.verdict is not Verdict.ONLY]
    assert all(g.verdict is Verdict.AGREE for g in matched)
    pairs = {tuple(g.units) for g in matched}
    expected = {(a.id, b.id) for a, b in zip(a_units, b_units, strict=True) if a.kind is not UnitKind.BYLINE}
    assert pairs == expected
    assert c.related == ()


def test_article_against_itself_is_exact() -> None:
    """The seeds' own text compared with itself (twice the same file)."""
    for path in SEEDS:
        assert_exact_copy(compare_files([path, path]))


def test_short_text_against_itself() -> None:
    text = (
        "A storm killed 12 people in Texas on Friday. Officials said the storm was the worst in years. "
        "The governor declared a state of emergency. Schools will stay closed on Monday."
    )
    assert_exact_copy(compare_texts([text, text]))


def test_stories_one_per_source_pair() -> None:
    """One story answer per pair of sources; two unrelated texts are not one story."""
    c = compare_files(SEEDS)
    assert [s.sources for s in c.stories] == [("A", "B")]
    assert c.stories[0].same
    other = compare_texts(
        [
            "Apple released a new phone on Monday. The phone costs 999 dollars.",
            "A storm killed 12 people in Texas on Friday. The governor declared an emergency.",
        ]
    )
    assert len(other.stories) == 1 and not other.stories[0].same
    three = compare_texts(["Alpha one said.", "Beta two said.", "Gamma three said."])
    assert [s.sources for s in three.stories] == [("A", "B"), ("A", "C"), ("B", "C")]


class TestDocShares:
    """The story feature ``doc_share``: how much of their word use two sources have in common."""

    def test_range_and_symmetry(self) -> None:
        from scipy import sparse

        from compare.match import doc_shares

        counts = sparse.csr_matrix(np.array([[2, 1, 0, 0], [1, 2, 0, 0], [0, 0, 3, 1], [4, 2, 0, 0], [0, 0, 0, 0]]))
        s = doc_shares(counts)
        assert np.allclose(s, s.T)
        assert s[0, 3] == pytest.approx(1.0)  # the same proportions, whatever the lengths
        assert s[0, 1] == pytest.approx(2 / 3)  # min(2/3, 1/3) + min(1/3, 2/3)
        assert s[0, 2] == 0.0  # no word in common
        assert s[4, 4] == 0.0 and s[0, 4] == 0.0  # a source without content words shares nothing
        assert doc_shares(counts[:1]).tolist() == [[1.0]]  # one source
        assert doc_shares(counts[[0, 2]]).tolist() == [[1.0, 0.0], [0.0, 1.0]]  # no word in common at all

    def test_one_story_shares_more_than_two_events(self) -> None:
        """Two reports of one event share more of their words than reports of two similar events."""
        one = [
            "A fire destroyed a warehouse in Leeds on Monday. Firefighters fought the blaze for six hours."
            " The owner said the building held furniture.",
            "Firefighters battled a blaze at a Leeds warehouse for six hours on Monday. The building, which"
            " held furniture, was destroyed, its owner said.",
            "A fire broke out at a school in Bristol on Friday. Two pupils were treated for smoke. The head"
            " teacher praised the staff.",
        ]
        c = compare_texts(one)
        shares = {s.sources: s for s in c.stories}
        assert shares["A", "B"].score > shares["A", "C"].score


def test_related_are_never_matched_facts() -> None:
    """A related pair is never a matched group, and joins units of different sources."""
    c = compare_files(SEEDS)
    matched = {frozenset(g.units) for g in c.groups if g.verdict is not Verdict.ONLY}
    for r in c.related:
        assert frozenset(r.units) not in matched
        assert c.unit(r.units[0]).source != c.unit(r.units[1]).source
        assert 0 <= r.score <= 100


def test_unrelated_sentences_score_low() -> None:
    """No extrapolation on pairs unlike the training data: unrelated sentences stay far from a link."""
    assert similarity("European leaders planned new sanctions.", "Zelensky is ready for a cease-fire.") < 5
    assert similarity("The cat sat on the mat.", "Quarterly profits rose sharply at the bank.") < 5


class TestWeights:
    @pytest.mark.parametrize("name", MODELS)
    def test_features_match_the_code(self, name: str) -> None:
        """The weights were fitted on the features the code computes (names and version)."""
        d = read(name)
        expected = {"fact": FACT_FEATURES, "event": EVENT_FEATURES, "story": STORY_FEATURES}[name]
        assert tuple(d["coef"]) == expected
        assert d["metadata"]["feature_version"] == FEATURE_VERSION
        assert d["metadata"]["data_sha256"]

    def test_fact_weights_keep_their_signs(self) -> None:
        """Every fact-model weight says what its feature means: evidence of one fact at least 0, evidence
        against at most 0 (``make train`` records the signs it fitted under)."""
        d = read("fact")
        signs = d["metadata"]["signs"]
        assert set(signs) <= set(d["coef"]) and len(signs) >= len(d["coef"]) - 2
        for name, sign in signs.items():
            assert d["coef"][name] * sign >= 0, (name, d["coef"][name], sign)
        assert sum(v != 0 for v in d["coef"].values()) >= 4  # not a model reduced to nothing

    def test_thresholds_are_read_from_the_weights(self) -> None:
        from compare import MatchOptions

        assert MatchOptions().threshold == read("fact")["thresholds"]["link"]


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="needs ../shared/data")
def test_refit_agrees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refitting the fact model (``make train``) gives the shipped thresholds and decisions on MRPC pairs."""
    import numpy as np

    from compare.match import FEATURE_NAMES
    from dev import train

    monkeypatch.setattr(train, "WEIGHTS", tmp_path)
    (tmp_path / "story.json").write_text(json.dumps(read("story")), encoding="utf-8")  # fit_fact sets its level
    train.fit_fact(SHARED, train.story_examples(ECB))
    new = json.loads((tmp_path / "fact.json").read_text())
    old = read("fact")
    assert new["thresholds"] == old["thresholds"]
    recs = [r for r in train.load_jsonl(SHARED / "data/mrpc/train.jsonl") if train.mrpc_part(r["id"]) == "held"]
    X, _ = train.mrpc_features(recs)
    cols = [FEATURE_NAMES.index(f) for f in FACT_FEATURES]

    def decide(d: dict[str, object]) -> np.ndarray:
        coef = np.array([d["coef"][f] for f in FACT_FEATURES])  # type: ignore[index]
        z = X[:, cols] @ coef + float(d["intercept"])  # type: ignore[arg-type]
        return 100 / (1 + np.exp(-z)) >= float(d["thresholds"]["link"])  # type: ignore[index]

    assert (decide(new) == decide(old)).mean() >= 0.995
