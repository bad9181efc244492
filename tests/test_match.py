"""match: score units of different sources and link those that report the same fact."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from compare.features import extract
from compare.match import (
    CANDIDATES_PER_SOURCE,
    FACT_FEATURES,
    FEATURE_NAMES,
    SEARCH_MAX_DF,
    Context,
    Links,
    Match,
    align,
    candidates,
    clause_cosine,
    combine,
    distinct_rows,
    event_similarity,
    fact_similarity,
    pair_features,
    pair_values,
    rapidfuzz_words,
    score,
    select,
    specifics_differ,
)
from compare.model import Article, Features, Unit, UnitKind
from compare.options import MatchOptions
from compare.segment import segment
from tests.conftest import FakeScorer


def prepare(*texts: str) -> tuple[list[Unit], dict[str, Features]]:
    """Units and features of articles A, B, C ... holding ``texts``."""
    arts = [Article(id=chr(65 + i), label=chr(97 + i), text=t) for i, t in enumerate(texts)]
    units = [u for a in arts for u in segment(a)]
    return units, extract(arts, units)


def linked(units: Sequence[Unit], matches: Sequence[Match]) -> set[tuple[str, ...]]:
    """The matches as tuples of unit ids."""
    return {tuple(units[i].id for i in m.units) for m in matches}


def fake_links(pairs: dict[tuple[int, int], float]) -> Links:
    """A :class:`Links` holding the given scored index pairs."""
    keys = sorted(pairs)
    return Links(
        left=np.array([a for a, _ in keys], dtype=np.int64),
        right=np.array([b for _, b in keys], dtype=np.int64),
        score=np.array([pairs[k] for k in keys], dtype=np.float64),
    )


STORM_A = "A storm killed 12 people in Texas on Friday. Apple released a new phone on Monday."
STORM_B = "Officials said the storm in Texas killed 12 people on Friday. The weather turned cold."


class TestCandidates:
    def test_pairs_share_a_word_or_name_across_sources(self) -> None:
        """Candidates pair units of different sources that share a content word or a name."""
        units, feats = prepare(STORM_A, STORM_B)
        left, right = candidates(units, feats)
        pairs = {(units[i].id, units[j].id) for i, j in zip(left.tolist(), right.tolist(), strict=True)}
        assert ("A0", "B0") in pairs
        assert ("A1", "B1") not in pairs  # nothing in common
        for i, j in zip(left.tolist(), right.tolist(), strict=True):
            assert units[i].source != units[j].source

    def test_bylines_are_never_candidates(self) -> None:
        """A byline is not a fact and is never paired, even with an identical byline."""
        head = "Storm hits coast\nBy Staff Reporter\n"
        units, feats = prepare(head + "A storm killed 12 people.", head + "A storm killed 12 people.")
        left, right = candidates(units, feats)
        kinds = {units[k].kind for k in [*left.tolist(), *right.tolist()]}
        assert UnitKind.BYLINE not in kinds
        assert len(left) > 0

    def test_sorted_and_each_pair_once(self) -> None:
        """Pairs come once each, left index below right index, in sorted order."""
        units, feats = prepare(STORM_A, STORM_B, STORM_B)
        left, right = candidates(units, feats)
        pairs = list(zip(left.tolist(), right.tolist(), strict=True))
        assert pairs == sorted(set(pairs))
        assert all(i < j for i, j in pairs)

    def test_no_content_words_anywhere(self) -> None:
        """Articles without a single content word give no candidates instead of crashing."""
        units, feats = prepare("It is. It was.", "He did it.")
        left, right = candidates(units, feats)
        assert len(left) == len(right) == 0

    def test_default_grows_with_the_sources(self) -> None:
        """By default each unit keeps CANDIDATES_PER_SOURCE candidates per other source."""
        text = " ".join(f"Putin and Trump spoke about talks number {k}." for k in range(30))
        units, feats = prepare(text, text)
        left, right = candidates(units, feats)
        per_unit = np.bincount(np.r_[left, right], minlength=len(units))
        assert per_unit.min() >= CANDIDATES_PER_SOURCE
        assert len(left) < 30 * 30  # not every pair
        units, feats = prepare(text, text, text)
        left, right = candidates(units, feats)
        per_unit = np.bincount(np.r_[left, right], minlength=len(units))
        assert per_unit.min() >= 2 * CANDIDATES_PER_SOURCE


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def invented(k: int) -> str:
    """A made-up word, one per ``k`` (consonants only, so no stemming merges two of them)."""
    letters = "bcdfghjklmnpqrtvwxz"
    return "zq" + "".join(letters[k // len(letters) ** p % len(letters)] for p in range(3))


class TestCommonTerms:
    """Candidate search leaves out the terms held by more than SEARCH_MAX_DF units."""

    PER_SOURCE = SEARCH_MAX_DF // 2 + 50
    SHARED = 200

    def story(self) -> tuple[list[Unit], dict[str, Features]]:
        """Two sources whose every unit holds the same words (committee, approved, plan, Monday);
        unit k of A and unit k of B also share a made-up word when k < SHARED, the others have
        one of their own."""

        def text(source: int) -> str:
            words = [invented(k) if k < self.SHARED else invented(1000 * source + k) for k in range(self.PER_SOURCE)]
            return "\n".join(f"The committee approved the {w} plan on Monday." for w in words)

        return prepare(text(1), text(2))

    def test_rare_words_still_pair_units_and_common_ones_no_longer(self) -> None:
        """With words in every unit of a comparison over the cap, the units sharing a rare word are
        still paired, and each unit has no candidate beyond them (a pair sharing only the common
        words is not searched)."""
        units, feats = self.story()
        assert len(units) == 2 * self.PER_SOURCE > SEARCH_MAX_DF
        left, right = candidates(units, feats)
        pairs = {(units[i].id, units[j].id) for i, j in zip(left.tolist(), right.tolist(), strict=True)}
        assert pairs == {(f"A{k}", f"B{k}") for k in range(self.SHARED)}

    def test_without_the_cap_every_unit_keeps_its_limit(self) -> None:
        """``max_df=None`` searches every word: each unit then has its CANDIDATES_PER_SOURCE best
        partners (the rare-word partner first), and no more pairs than twice the limit per unit."""
        units, feats = self.story()
        left, right = candidates(units, feats, max_df=None)
        pairs = set(zip(left.tolist(), right.tolist(), strict=True))
        index = {u.id: k for k, u in enumerate(units)}
        assert {(index[f"A{k}"], index[f"B{k}"]) for k in range(self.SHARED)} <= pairs
        per_unit = np.bincount(np.r_[left, right], minlength=len(units))
        assert per_unit.min() >= CANDIDATES_PER_SOURCE
        assert len(pairs) <= 2 * CANDIDATES_PER_SOURCE * len(units)

    def test_cap_applies_to_names_too(self) -> None:
        """A name in every unit is left out like a word: units sharing nothing else are not paired."""
        text = "\n".join(f"Obama spoke {invented(k)}." for k in range(self.PER_SOURCE))
        other = "\n".join(f"Obama spoke {invented(5000 + k)}." for k in range(self.PER_SOURCE))
        units, feats = prepare(text, other)
        left, _ = candidates(units, feats)
        assert len(left) == 0
        left, _ = candidates(units, feats, max_df=None)
        assert len(left) > 0

    def test_below_the_cap_nothing_changes(self) -> None:
        """On the seeds (no term in more than SEARCH_MAX_DF units) and on a story whose common words
        stay under the cap, the candidates are those of the search over every term."""
        texts = [(SEEDS / f).read_text(encoding="utf-8") for f in ("washington-post.txt", "new-york-post.txt")]
        small = "\n".join(f"The committee approved the {invented(k)} plan." for k in range(SEARCH_MAX_DF // 4))
        for inputs in (texts, [small, small]):
            units, feats = prepare(*inputs)
            for k in (None, 3):
                capped = candidates(units, feats, max_per_unit=k)
                full = candidates(units, feats, max_per_unit=k, max_df=None)
                assert all(np.array_equal(a, b) for a, b in zip(capped, full, strict=True))
                assert len(capped[0]) > 0


class TestPairValues:
    def test_chunk_of_sorted_rows_sums_like_the_whole(self) -> None:
        """A chunk whose rows are all sorted is summed in the whole's order, not scipy's sorted order."""
        from scipy import sparse

        big = 1e16
        # row 0 stores its columns in reverse order (not canonical); rows 1 and 2 are sorted, and the
        # order in which their three products are added changes the float result
        data = np.array([1.0, 1.0, 1.0, big, -big, 1.0, 1.0, 1.0, 1.0])
        indices = np.array([2, 1, 0, 0, 1, 2, 0, 1, 2])
        m = sparse.csr_matrix((data, indices, np.array([0, 3, 6, 9])), shape=(3, 3))
        left, right = np.array([0, 1]), np.array([2, 2])
        whole = np.asarray(m[left].multiply(m[right]).sum(axis=1)).ravel()
        assert np.array_equal(pair_values(m, left, right, chunk=1), whole)

    def test_binary_rows_count_what_two_units_share(self) -> None:
        """The context's 0/1 rows (n-grams, content words, names), which leave out what a single unit
        holds, count for two different units the n-grams, words and names both hold."""
        from compare.match import ngram_rows, text_names
        from compare.text.words import lower_words, stem

        seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
        units, feats = prepare(*(f.read_text(encoding="utf-8") for f in seeds))
        ctx = Context.build(units, feats)
        left, right = (a.ravel() for a in np.triu_indices(len(units), 1))
        full = ngram_rows([list(map(stem, lower_words(u.text))) for u in units], 4)
        assert all(m.nnz < f.nnz for m, f in zip(ctx.ngrams, full, strict=True))
        for m, f in zip(ctx.ngrams, full, strict=True):
            assert np.array_equal(pair_values(m, left, right), pair_values(f, left, right))
        words = [set(feats[u.id].tokens) for u in units]
        names = [set(text_names(u.text)) for u in units]
        lo, ro = left.tolist(), right.tolist()
        assert pair_values(ctx.content_binary, left, right).tolist() == [
            len(words[i] & words[j]) for i, j in zip(lo, ro)
        ]
        assert pair_values(ctx.names_binary, left, right).tolist() == [len(names[i] & names[j]) for i, j in zip(lo, ro)]


class TestClauseCosine:
    def test_best_clause_pair_of_every_pair(self) -> None:
        """Each pair's value is the best cosine of a clause of one unit with a clause of the other
        (at least 0), computed plainly here for every pair of units of the seeds, across the blocks."""
        from compare.text.embed import unit_vectors
        from compare.text.words import clauses

        seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
        units, feats = prepare(*(f.read_text(encoding="utf-8") for f in seeds))
        ctx = Context.build(units, feats)
        left, right = (a.ravel() for a in np.triu_indices(len(units), 1))
        got = clause_cosine(ctx, left, right)
        vecs = [unit_vectors(list(clauses(u.text))) for u in units]
        want = [max(0.0, float((vecs[i] @ vecs[j].T).max())) for i, j in zip(left.tolist(), right.tolist())]
        np.testing.assert_allclose(got, want, atol=1e-5)
        # more clause pairs than one block holds, so the blocks' seams are crossed
        assert sum(len(vecs[i]) * len(vecs[j]) for i, j in zip(left.tolist(), right.tolist())) > 16384

    def test_a_shared_clause_scores_high_where_the_whole_texts_differ(self) -> None:
        """Two sentences that share one clause and nothing else: their best clause pair is the same
        clause (cosine 1), their whole texts much less alike (``vec_cos``)."""
        units, feats = prepare(
            "Russian President Vladimir Putin said on Monday, the harvest of wheat broke every record.",
            "Russian President Vladimir Putin said on Monday, a new bridge over the river will open soon.",
        )
        X = pair_features(units, feats, np.array([0]), np.array([1]))
        clause, whole = X[0, FEATURE_NAMES.index("clause_cos")], X[0, FEATURE_NAMES.index("vec_cos")]
        assert clause == pytest.approx(1.0, abs=1e-5)
        assert whole < 0.9


SPACES = ["\t", "\n", "\x0b", "\x1c", "\x85", "\xa0", "\u2003", "\u3000", "\u200b", "\ufeff"]
"""Whitespace on which Python and RapidFuzz might disagree, and look-alikes that are not whitespace."""
tricky_text = st.lists(
    st.sampled_from(["a", "b", "ab", "ba", "é", "😀", "Z", " ", "  ", *SPACES]), min_size=0, max_size=10
).map("".join)


class TestRapidfuzzWords:
    @settings(max_examples=200, deadline=None)
    @given(a=tricky_text, b=tricky_text)
    def test_words_split_like_rapidfuzz(self, a: str, b: str) -> None:
        """Sorting the words as RapidFuzz splits them gives ``token_sort_ratio`` through ``ratio``,
        for any whitespace, in one-byte and wide texts."""
        from rapidfuzz import fuzz

        sa, sb = rapidfuzz_words(a), rapidfuzz_words(b)
        assert fuzz.ratio(" ".join(sorted(sa)), " ".join(sorted(sb))) == fuzz.token_sort_ratio(a, b)


class TestSimilarityScale:
    @pytest.mark.parametrize("model, similarity", [("fact", fact_similarity), ("event", event_similarity)])
    def test_logistic_as_scipy(self, model: str, similarity: Callable[[np.ndarray], np.ndarray]) -> None:
        """Similarities are 100 x scipy's ``expit`` of the model's log-odds, rounded to 0.01, also far
        out in the tails (computed with numpy's ``exp``, which spares start-up the import of
        ``scipy.special``)."""
        from scipy.special import expit

        from compare.weights import load

        w = load(model)
        rng = np.random.default_rng(3)
        X = rng.uniform(-2.0, 2.0, size=(200_000, len(FEATURE_NAMES)))
        X[:1000] *= 400.0  # log-odds in the thousands either way: probabilities of exactly 0 and 1
        cols = [FEATURE_NAMES.index(n) for n in w.features]
        z = np.einsum("ij,j->i", X[:, cols], w.coef) + w.intercept
        got = similarity(X)
        assert np.array_equal(got, np.round(100.0 * expit(z), 2))
        assert got.min() == 0.0 and got.max() == 100.0


class TestScoring:
    def test_feature_matrix_shape(self) -> None:
        """``pair_features`` gives one row per pair and one column per named feature."""
        units, feats = prepare(STORM_A, STORM_B)
        X = pair_features(units, feats, np.array([0, 1]), np.array([2, 3]))
        assert X.shape == (2, len(FEATURE_NAMES))

    def test_position_features(self) -> None:
        """``lead_first`` / ``lead_second``: 1 / (1 + index) of the earlier and the later unit, in
        either order of the pair; the fact features do not depend on where the units stand."""
        units, feats = prepare(
            "The storm hit Texas. Schools closed early. Power failed in Houston. Roads flooded.",
            "Rain fell all day. The storm moved east. Crews restored power. Roads reopened.",
        )
        assert [u.index for u in units] == [0, 1, 2, 3, 0, 1, 2, 3]
        X = pair_features(units, feats, np.array([0, 3, 6]), np.array([5, 4, 2]))
        first, second = FEATURE_NAMES.index("lead_first"), FEATURE_NAMES.index("lead_second")
        assert np.allclose(X[:, first], [1.0, 1.0, 1 / 3])  # indices (0, 1), (3, 0), (2, 2)
        assert np.allclose(X[:, second], [1 / 2, 1 / 4, 1 / 3])
        assert not {"lead_first", "lead_second"} & set(FACT_FEATURES)

    def test_combine_stays_in_range(self) -> None:
        """Feature values across and beyond their real range (0..3) give scores within 0..100."""
        rng = np.random.default_rng(0)
        X = rng.uniform(-5.0, 10.0, size=(500, len(FEATURE_NAMES)))
        s = combine(X)
        assert ((s >= 0) & (s <= 100)).all()

    def test_same_fact_outscores_unrelated(self) -> None:
        """A paraphrase of the same fact scores above a pair of unrelated sentences."""
        units, feats = prepare(STORM_A, STORM_B)
        links = score(units, feats)
        by_pair = {(units[i].id, units[j].id): s for i, j, s in zip(links.left, links.right, links.score, strict=True)}
        others = [s for k, s in by_pair.items() if k != ("A0", "B0")]
        assert all(by_pair[("A0", "B0")] > s for s in others)
        assert ((links.score >= 0) & (links.score <= 100)).all()


class TestSelect:
    @pytest.fixture
    def units(self) -> list[Unit]:
        """Three units in A (0, 1, 2) and three in B (3, 4, 5)."""
        units, _ = prepare("First fact. Second fact. Third fact.", "Fourth fact. Fifth fact. Sixth fact.")
        return units

    def test_threshold(self, units: list[Unit]) -> None:
        """Links scoring below the threshold are dropped."""
        links = fake_links({(0, 3): 80.0, (1, 4): 49.0, (2, 5): 50.0})
        kept = select(links, units, MatchOptions(threshold=50.0, other_story=0.0))
        assert sorted(zip(kept.left.tolist(), kept.right.tolist(), strict=True)) == [(0, 3), (2, 5)]

    def test_mutual_best_no_fan(self, units: list[Unit]) -> None:
        """A unit links to its best counterpart only, even when others score alike: no fan of links."""
        links = fake_links({(0, 3): 90.0, (0, 4): 90.0, (0, 5): 90.0, (1, 4): 95.0})
        kept = select(links, units, MatchOptions(threshold=10.0, max_links=1))
        assert sorted(zip(kept.left.tolist(), kept.right.tolist(), strict=True)) == [(0, 3), (1, 4)]

    def test_second_link_only_for_a_different_part(self) -> None:
        """A second counterpart in the same source is linked only when it shares little with the first."""
        units, _ = prepare(
            "Storms hit Texas and floods closed schools in Ohio.",
            "Storms hit Texas. Floods closed schools in Ohio. Storms hit Texas hard.",
        )
        links = fake_links({(0, 1): 80.0, (0, 2): 70.0})
        kept = select(links, units, MatchOptions(threshold=10.0, max_links=2), split=0.3)
        assert sorted(kept.right.tolist()) == [1, 2]
        # a near copy of the first counterpart is not a second fact
        links = fake_links({(0, 1): 80.0, (0, 3): 70.0})
        kept = select(links, units, MatchOptions(threshold=10.0, max_links=2), split=0.3)
        assert kept.right.tolist() == [1]
        assert len(select(links, units, MatchOptions(threshold=10.0, max_links=1)).left) == 1

    def test_max_links_caps_the_counterparts_of_a_unit(self) -> None:
        """A unit that states three facts another source gives in three units links to one, two or
        three of them as ``max_links`` allows (each counterpart's best link is that unit)."""
        units, _ = prepare(
            "Storms hit Texas, floods closed schools in Ohio and snow shut roads in Maine.",
            "Storms hit Texas. Floods closed schools in Ohio. Snow shut roads in Maine.",
        )
        links = fake_links({(0, 1): 80.0, (0, 2): 70.0, (0, 3): 60.0})
        for k in (1, 2, 3):
            kept = select(links, units, MatchOptions(threshold=10.0, max_links=k), split=0.3)
            assert sorted(kept.right.tolist()) == [1, 2, 3][:k]

    def test_relative(self, units: list[Unit]) -> None:
        """With ``relative`` set, a link far below both ends' best links is dropped."""
        links = fake_links({(0, 3): 90.0, (1, 3): 60.0, (1, 4): 85.0})
        kept = select(links, units, MatchOptions(threshold=10.0, relative=10.0))
        assert (1, 3) not in set(zip(kept.left.tolist(), kept.right.tolist(), strict=True))
        assert len(kept.left) == 2

    def test_story_words_are_no_fact(self) -> None:
        """A weak link whose units share only what the whole story shares is dropped; one sharing
        words few other units use stays, and so does a link at the paraphrase level."""
        topics = ["grain exports", "energy prices", "air defence", "peace talks", "troop numbers",
                  "refugee flows", "bank sanctions", "drone strikes"]  # fmt: skip
        a = " ".join(f"Putin and Trump spoke of {t} in Ukraine." for t in topics)
        b = " ".join(f"Trump told Putin about {t} near Ukraine." for t in reversed(topics))
        units, feats = prepare(a + " Prisoners will be exchanged on Friday, Putin said.",
                               b + " Ukraine will swap prisoners on Friday, Trump said.")  # fmt: skip
        ctx = Context.build(units, feats)
        story_only, shared_fact = (0, 9), (8, 17)  # grain exports / drone strikes; the prisoners
        assert "grain" in units[0].text and "drone" in units[9].text and "prisoners" in units[17].text
        links = fake_links({story_only: 20.0, shared_fact: 20.0})
        kept = select(links, units, MatchOptions(threshold=4.0, distinct=0.1), ctx)
        assert list(zip(kept.left.tolist(), kept.right.tolist(), strict=True)) == [shared_fact]
        # the check off: both stay; a strong link needs no distinctive word
        assert len(select(links, units, MatchOptions(threshold=4.0, distinct=0.0), ctx).left) == 2
        strong = select(fake_links({story_only: 60.0}), units, MatchOptions(threshold=4.0, distinct=0.1), ctx)
        assert len(strong.left) == 1
        cos = pair_values(ctx.distinct, np.array([story_only[0], shared_fact[0]]),
                          np.array([story_only[1], shared_fact[1]]))  # fmt: skip
        assert cos[0] < 0.1 < cos[1]

    def test_distinct_rows(self) -> None:
        """A word every unit uses weighs less than a word two units share; rows are unit length."""
        m = distinct_rows(sparse.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [1, 0, 1], [1, 0, 1]], dtype=float)))
        dense = m.toarray()
        assert np.allclose(np.linalg.norm(dense, axis=1), 1.0)
        assert dense[0, 0] < dense[0, 1]

    def test_story_gate_on_pairs_whose_specifics_differ(self) -> None:
        """Between two stories, a pair naming other people or giving other numbers needs the
        stricter level; a pair naming the same things keeps the ordinary one (``gate_all`` off),
        and every pair needs it with ``gate_all`` on."""
        units, feats = prepare(
            "Klitschko stopped Rahman in the seventh round. The arena was sold out.",
            "Klitschko stopped Thompson in the sixth round. The arena was sold out on Saturday.",
        )
        ctx = Context.build(units, feats)
        other_names, same_names = (0, 2), (1, 3)
        assert specifics_differ(ctx, np.array([0, 1]), np.array([2, 3])).tolist() == [True, False]
        links = fake_links({other_names: 30.0, same_names: 30.0})
        two = np.array([[True, False], [False, True]])
        opts = MatchOptions(threshold=4.0, other_story=80.0, distinct=0.0)
        kept = select(links, units, opts, ctx, same_story=two, gate_all=False)
        assert list(zip(kept.left.tolist(), kept.right.tolist(), strict=True)) == [same_names]
        assert len(select(links, units, opts, ctx, same_story=two, gate_all=True).left) == 0
        # one story: no gate
        one = np.ones((2, 2), dtype=bool)
        assert len(select(links, units, opts, ctx, same_story=one, gate_all=True).left) == 2
        # a strong pair passes the gate whatever its names
        strong = fake_links({other_names: 85.0})
        assert len(select(strong, units, opts, ctx, same_story=two, gate_all=True).left) == 1

    def test_specifics_differ_on_numbers(self) -> None:
        """A number in conflict (same unit, other value) is a difference of specifics; a shared one is not."""
        units, feats = prepare("The storm killed 12 people.", "The storm killed 15 people. The storm killed 12 people.")
        ctx = Context.build(units, feats)
        assert specifics_differ(ctx, np.array([0, 0]), np.array([1, 2])).tolist() == [True, False]

    def test_empty(self, units: list[Unit]) -> None:
        """No link above the threshold gives no link, not an error."""
        kept = select(fake_links({(0, 3): 10.0}), units, MatchOptions(threshold=50.0))
        assert len(kept.left) == 0


class TestAlign:
    def test_identical_sentences_link(self) -> None:
        """The same sentence in two sources is linked; unrelated sentences are not."""
        units, feats = prepare(STORM_A, "A storm killed 12 people in Texas on Friday. The weather turned cold.")
        assert linked(units, align(units, feats, MatchOptions())) == {("A0", "B0")}

    def test_one_sentence_carries_two_facts(self) -> None:
        """In whole articles, one long sentence is linked to each of two sentences that give its two facts
        (an expected failure until the fact model kept its weights' signs: it scored the sentence against
        each half 12.2 and 2.2, and missed the second half)."""
        first, last = "Pope Leo met President Zelensky in Rome on Sunday.", "Oil prices rose two percent."
        units, feats = prepare(
            f"{first} The Vatican offered to host peace talks between Russia and Ukraine, "
            f"and the European Union announced new sanctions against Moscow. {last}",
            f"{first} The Vatican offered to host peace talks between Russia and Ukraine. "
            f"The European Union announced new sanctions against Moscow. {last}",
        )
        assert linked(units, align(units, feats, MatchOptions())) == {
            ("A0", "B0"),
            ("A1", "B1"),
            ("A1", "B2"),
            ("A2", "B3"),
        }

    def test_many_to_many_with_fake_scorer(self, fake_scorer: Callable[..., FakeScorer]) -> None:
        """Every selected link becomes a match, so units may sit in several matches."""
        fake = fake_scorer(
            {
                ("Alpha one.", "Gamma three."): 90.0,
                ("Alpha one.", "Delta four."): 80.0,
                ("Beta two.", "Delta four."): 70.0,
            }
        )
        units, feats = prepare("Alpha one. Beta two.", "Gamma three. Delta four.")
        matches = align(units, feats, MatchOptions(threshold=50.0, other_story=0.0))
        assert fake.calls == 1
        assert linked(units, matches) == {("A0", "B0"), ("A0", "B1"), ("A1", "B1")}
        assert {m.score for m in matches} == {90.0, 80.0, 70.0}

    def test_three_sources_grow_into_one_group(self, fake_scorer: Callable[..., FakeScorer]) -> None:
        """Units linked pairwise across three sources form one match with one unit per source."""
        fake_scorer(
            {("Alpha one.", "Beta one."): 90.0, ("Alpha one.", "Gamma one."): 80.0, ("Beta one.", "Gamma one."): 70.0}
        )
        units, feats = prepare("Alpha one.", "Beta one.", "Gamma one.")
        (m,) = align(units, feats, MatchOptions(threshold=50.0, other_story=0.0))
        assert [units[i].id for i in m.units] == ["A0", "B0", "C0"]
        assert m.score == 70.0  # the weakest link

    def test_three_sources_need_every_link(self, fake_scorer: Callable[..., FakeScorer]) -> None:
        """A unit joins a group only when it is linked to every member already in it."""
        fake_scorer({("Alpha one.", "Beta one."): 90.0, ("Alpha one.", "Gamma one."): 80.0})
        units, feats = prepare("Alpha one.", "Beta one.", "Gamma one.")
        matches = align(units, feats, MatchOptions(threshold=50.0, other_story=0.0))
        assert linked(units, matches) == {("A0", "B0"), ("A0", "C0")}

    def test_threshold_option(self, fake_scorer: Callable[..., FakeScorer]) -> None:
        """Raising the threshold drops the links below it."""
        fake_scorer({("Alpha one.", "Gamma three."): 90.0, ("Beta two.", "Delta four."): 60.0})
        units, feats = prepare("Alpha one. Beta two.", "Gamma three. Delta four.")
        assert len(align(units, feats, MatchOptions(threshold=50.0, other_story=0.0))) == 2
        assert linked(units, align(units, feats, MatchOptions(threshold=75.0, other_story=0.0))) == {("A0", "B0")}
