"""Properties of the whole pipeline, checked with hypothesis on random articles.

Modelled on RapidFuzz's ``tests/test_hypothesis.py``: articles are built from a small vocabulary of
realistic news sentences (each fact in two phrasings, some with a third that changes a number or
negates) so that runs stay fast and matches, agreements and differences all happen.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import CompareError, compare_texts, similarity
from compare.features import extract
from compare.features.quantities import extract_quantities, written
from compare.match import candidates
from compare.model import Article, Comparison, UnitKind, Verdict
from compare.segment import segment
from compare.text.words import content_tokens, words
from tests.contract import assert_valid

FACTS = [
    ("A storm killed 12 people in Texas on Friday.", "Twelve people died when a storm struck Texas on Friday."),
    ("The governor declared a state of emergency in 30 counties.",
     "A state of emergency was declared in 30 counties by the governor."),
    ("Power was cut to 200,000 homes across the state.", "About 200,000 homes across the state lost power.",
     "Power was cut to 350,000 homes across the state."),
    ("Schools will stay closed until Wednesday, the district announced.",
     "The district said schools would remain shut until Wednesday."),
    ("Russian President Vladimir Putin rejected an immediate ceasefire.",
     "Putin turned down calls for an immediate truce."),
    ("The Vatican offered to host peace talks between Russia and Ukraine.",
     "Pope Leo said the Vatican was ready to host negotiations."),
    ("The European Union announced new sanctions against Moscow.",
     "EU leaders imposed a fresh round of sanctions on Russia."),
    ("Russia and Ukraine exchanged 1,000 prisoners each last week.",
     "Last week the two countries swapped 1,000 prisoners apiece.",
     "Russia and Ukraine exchanged 390 prisoners each last week."),
    ("“We are ready for a full and unconditional ceasefire,” Zelensky said.",
     "Zelensky said Ukraine was ready for a full, unconditional ceasefire."),
    ("Apple released a new phone with a faster chip on Tuesday.",
     "On Tuesday Apple unveiled a phone powered by a quicker processor."),
    ("Analysts expect sales in Asia to rise by 5% next year.",
     "Sales in Asia are forecast to grow 5 percent next year, analysts said."),
    ("The central bank raised interest rates by half a point.",
     "Interest rates went up by half a percentage point at the central bank."),
    ("Firefighters contained the blaze near the airport after six hours.",
     "The fire near the airport was brought under control after six hours."),
    ("The mayor said the bridge would reopen in March.", "According to the mayor, the bridge reopens in March.",
     "The mayor said the bridge would not reopen in March."),
    ("Kremlin spokesman Dmitry Peskov said there was no time frame.",
     "“There is no time frame and can be none,” Peskov told journalists."),
    ("The company will cut 3,000 jobs by the end of the year.",
     "By year end, 3,000 positions will be eliminated at the company."),
]  # fmt: skip
"""Facts, each as two phrasings of the same statement; a third phrasing changes a detail."""

HEADLINES = ["Storm hits coast", "Putin rejects truce", "Markets slip on rate fears"]
SENTENCES = [s for pair in FACTS for s in pair]

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def articles(draw: st.DrawFn, min_facts: int = 1, max_facts: int = 6) -> str:
    """An article: an optional headline, then distinct facts, each in one of its phrasings."""
    picks = draw(
        st.lists(
            st.tuples(st.integers(0, len(FACTS) - 1), st.integers(0, 2)),
            min_size=min_facts,
            max_size=max_facts,
            unique_by=lambda t: t[0],
        )
    )
    sentences = [FACTS[i][k % len(FACTS[i])] for i, k in picks]
    parts = [sentences[0]]
    for s in sentences[1:]:
        parts.append(draw(st.sampled_from([" ", "\n", "\n\n", "\r\n"])))
        parts.append(s)
    headline = draw(st.one_of(st.none(), st.sampled_from(HEADLINES)))
    return (f"{headline}\n" if headline else "") + "".join(parts) + draw(st.sampled_from(["", "\n"]))


def texts_of(c: Comparison) -> dict[str, str]:
    return {a.id: a.text for a in c.sources}


def keyed_groups(c: Comparison) -> set[tuple[str, frozenset[tuple[str, int]]]]:
    """Groups as (verdict, units named by source label and index): independent of source order."""
    label = {a.id: a.label for a in c.sources}
    return {(g.verdict.value, frozenset((label[c.unit(u).source], c.unit(u).index) for u in g.units)) for g in c.groups}


class TestSelfComparison:
    @FAST
    @given(articles())
    def test_article_agrees_with_itself(self, text: str) -> None:
        """Compared with itself, every sentence agrees with its own copy and nothing is only in one.

        (Other links may form too, e.g. a headline with the sentence it sums up, and may differ.)
        """
        c = compare_texts([text, text])
        for u in c.units:
            if u.kind is not UnitKind.SENTENCE:
                continue
            twin = f"B{u.index}"
            assert any(g.verdict is Verdict.AGREE and u.id in g.units and twin in g.units for g in c.groups), (
                f"{u.id} {u.text!r} does not agree with its copy"
            )
        assert not [g for g in c.groups if g.verdict is Verdict.ONLY and c.unit(g.units[0]).kind is UnitKind.SENTENCE]


class TestSymmetry:
    @FAST
    @given(articles(), articles())
    def test_swapping_inputs_mirrors_groups(self, a: str, b: str) -> None:
        """Swapping the two sources gives the same groups with the sources' roles swapped."""
        ab = compare_texts([a, b], labels=["x", "y"])
        ba = compare_texts([b, a], labels=["y", "x"])
        assert keyed_groups(ab) == keyed_groups(ba)

    @FAST
    @given(st.sampled_from(SENTENCES), st.sampled_from(SENTENCES))
    def test_similarity_is_symmetric(self, a: str, b: str) -> None:
        """``similarity(a, b) == similarity(b, a)`` (within 0.01), and both lie within 0..100."""
        ab, ba = similarity(a, b), similarity(b, a)
        assert 0.0 <= ab <= 100.0
        assert abs(ab - ba) <= 0.01


class TestReportInvariants:
    @FAST
    @given(articles(), articles())
    def test_two_sources_valid(self, a: str, b: str) -> None:
        """Every unit is in a group, only units are in no other, offsets round-trip, scores lie in 0..100."""
        c = compare_texts([a, b])
        assert_valid(c.to_dict(), texts_of(c))

    @settings(max_examples=30, deadline=None)
    @given(articles(), articles(), articles())
    def test_three_sources_valid(self, a: str, b: str, c_: str) -> None:
        """The same holds with three sources, and a group never holds two units of one source."""
        c = compare_texts([a, b, c_])
        assert_valid(c.to_dict(), texts_of(c))
        for g in c.groups:
            sources = [c.unit(u).source for u in g.units]
            assert len(sources) == len(set(sources))

    @FAST
    @given(articles(), articles(), st.floats(0, 100), st.floats(0, 100))
    def test_raising_threshold_only_removes_links(self, a: str, b: str, t1: float, t2: float) -> None:
        """Every link made at a higher threshold is also made at a lower one."""
        low, high = sorted((t1, t2))

        def links(t: float) -> set[frozenset[str]]:
            c = compare_texts([a, b], threshold=t)
            return {frozenset(g.units) for g in c.groups if g.verdict is not Verdict.ONLY}

        assert links(high) <= links(low)

    @settings(max_examples=150, deadline=None)
    @given(
        st.lists(st.sampled_from([*string.ascii_letters[:6], *" .,\"“”'’-\n0%", "Putin ", "said "]), max_size=30).map(
            "".join
        ),
        st.lists(st.sampled_from([*"ab .\n1", "It is. ", "He said ", "May "]), max_size=30).map("".join),
    )
    def test_any_text_gives_report_or_compare_error(self, a: str, b: str) -> None:
        """Arbitrary text gives a valid report or a CompareError, never another exception."""
        try:
            c = compare_texts([a, b])
        except CompareError:
            return
        assert_valid(c.to_dict(), texts_of(c))


class TestReference:
    @FAST
    @given(articles(), articles())
    def test_candidates_match_slow_reference(self, a: str, b: str) -> None:
        """The sparse candidate search finds exactly the cross-source pairs sharing a content word or a name."""
        arts = [Article("A", "a", a), Article("B", "b", b)]
        units = [u for art in arts for u in segment(art)]
        feats = extract(arts, units)
        left, right = candidates(units, feats, max_per_unit=len(units))
        fast = set(zip(left.tolist(), right.tolist(), strict=True))
        slow = set()
        for i, u in enumerate(units):
            for j, v in enumerate(units):
                if i < j and u.source != v.source and UnitKind.BYLINE not in (u.kind, v.kind):
                    fu, fv = feats[u.id], feats[v.id]
                    if set(fu.tokens) & set(fv.tokens) or fu.names & fv.names:
                        slow.add((i, j))
        assert fast == slow


def _variants(text: str) -> Sequence[str]:
    """Spellings a normaliser must not tell apart: case, apostrophes, spacing."""
    return [text.upper(), text.lower(), text.replace("’", "'"), " ".join(text.split()), f"  {text}\n"]


class TestNormalisation:
    @FAST
    @given(st.sampled_from(SENTENCES))
    def test_content_tokens_ignore_case_apostrophes_and_spacing(self, s: str) -> None:
        """Normalising a variant spelling gives the same tokens as normalising the original."""
        for v in _variants(s):
            assert content_tokens(v) == content_tokens(s), v

    @FAST
    @given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(" ".join))
    def test_words_twice_equals_once(self, s: str) -> None:
        """Splitting into words twice equals splitting once."""
        once = words(s)
        assert words(" ".join(once)) == once

    @FAST
    @given(
        st.one_of(
            st.integers(0, 10**7).map(lambda n: f"{n:,}"),
            st.integers(0, 10**7).map(str),
            st.sampled_from(["two", "twenty-five", "one thousand", "3.5 million", "12k", "half"]),
        ),
        st.sampled_from(["prisoners", "homes", "people", "percent", "%", "soldiers", "hours", ""]),
    )
    def test_quantity_of_its_own_text(self, number: str, unit: str) -> None:
        """Re-reading a quantity as written, with what it counts, gives the same quantity (twice equals once)."""
        sep = "" if unit == "%" else " "
        text = f"Officials counted {number}{sep}{unit} on the border."
        for q in extract_quantities(text):
            again = extract_quantities(written(text, q))
            assert [(x.value, x.unit, x.kind) for x in again] == [(q.value, q.unit, q.kind)], q
