"""counts: one definition of agree, differ, only and omits, read by the summary, coverage and corpus mode."""

from __future__ import annotations

from compare import compare_texts
from compare.analyze.coverage import coverage
from compare.corpus import story_stats
from compare.model.counts import tally

STORM = "Storm hits the coast\nBy Jane Doe\n\nA storm hit the coast on Monday. Officials closed the schools."
OTHER = "Deadly storm\n\nA storm struck the coast on Monday. Power was cut to 2,000 homes."


SOURCE_OF = {"A0": "A", "A1": "A", "B0": "B", "B1": "B", "C0": "C", "C1": "C"}


class TestTally:
    def test_verdicts_and_only(self) -> None:
        """Groups count by verdict; an ``only`` group counts for its source when its unit is a sentence."""
        groups = [("agree", ["A0", "B0"]), ("differ", ["A1", "B1"]), ("only", ["C0"]), ("only", ["C1"])]
        k = tally(["A", "B", "C"], groups, SOURCE_OF, sentences=["A0", "A1", "B0", "B1", "C0"])
        assert (k.agree, k.differ, k.only) == (1, 1, {"A": 0, "B": 0, "C": 1})

    def test_omits_needs_two_other_sources_and_a_sentence(self) -> None:
        """A source omits a fact two others report; a match of headlines alone is no fact."""
        groups = [("agree", ["A0", "B0"]), ("agree", ["A1", "B1"])]
        k = tally(["A", "B", "C"], groups, SOURCE_OF, sentences=["A0", "B0"])
        assert k.omits == {"A": 0, "B": 0, "C": 1}


class TestEveryOutputReadsTheCounts:
    def test_corpus_stats_count_what_the_summary_counts(self) -> None:
        """Corpus mode's story statistics give the JSON summary's only counts (headlines and bylines left out)."""
        c = compare_texts([STORM, OTHER], labels=["storm", "other"])
        stats = story_stats(c)
        summary = c.summary()
        assert stats["only"] == sum(summary["only"].values())
        assert {o: v["only"] for o, v in stats["outlets"].items()} == {"storm": summary["only"]["A"],
                                                                        "other": summary["only"]["B"]}  # fmt: skip
        byline = next(u for u in c.units if u.kind.value == "byline")
        assert any(g.units == (byline.id,) for g in c.groups)  # the byline is an ``only`` group, not counted

    def test_coverage_only_is_the_summary_only(self) -> None:
        """The coverage counts (Markdown, HTML, gate) give each source the summary's only count."""
        c = compare_texts([STORM, OTHER])
        assert {k.source: k.only for k in coverage(c).counts} == c.summary()["only"]


class TestStoredInTheRecord:
    def test_counts_are_a_field_made_with_the_record(self) -> None:
        """The counts are computed once, when the record is made, and stored as one of its fields."""
        import dataclasses

        c = compare_texts([STORM, OTHER])
        assert "counts" in {f.name for f in dataclasses.fields(c)}
        assert c.counts.agree == sum(g.verdict.value == "agree" for g in c.groups)

    def test_replacing_the_groups_recounts(self) -> None:
        """``dataclasses.replace`` with other groups gives counts of those groups, never stale ones."""
        import dataclasses

        c = compare_texts([STORM, OTHER])
        kept = tuple(g for g in c.groups if g.verdict.value != "agree")
        assert c.counts.agree > 0
        assert dataclasses.replace(c, groups=kept).counts.agree == 0
