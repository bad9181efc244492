"""The coverage matrix, per-source counts and ranked omissions shared by the reports."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compare.analyze.coverage import Cell, agreement, conflicting_sources, coverage, excerpt, pairs
from compare.model import Difference, UnitKind
from tests.report_fakes import build, number_difference, three_sources


class TestMatrix:
    def test_cells_follow_membership(self):
        """A source with a unit in the group reports the fact; a source without one leaves it out."""
        cov = coverage(three_sources())
        rows = {f.group.id: f.cells for f in cov.facts}
        assert rows["g2"] == (Cell.REPORTED, Cell.REPORTED, Cell.MISSING)
        assert rows["g3"] == (Cell.REPORTED, Cell.MISSING, Cell.MISSING)  # A2, only A

    def test_odd_one_out_reports_differently(self):
        """In a three-source differ group, only the source that conflicts with both others is marked."""
        cov = coverage(three_sources())
        assert cov.facts[0].cells == (Cell.REPORTED, Cell.REPORTED, Cell.DIFFERENT)

    def test_two_sided_conflict_marks_both(self):
        """With two members there is no majority: both sides report differently."""
        c = build(
            {"A": ["Five died."], "B": ["Six died."]},
            [("differ", ["A0", "B0"], [number_difference({"A": "5", "B": "6"})])],
        )
        assert coverage(c).facts[0].cells == (Cell.DIFFERENT, Cell.DIFFERENT)

    def test_differ_without_values_marks_all_members(self):
        """A differ group whose differences name no values marks every member, never none."""
        g = build({"A": ["x."], "B": ["y."]}, [("differ", ["A0", "B0"], [Difference("hedge", "hedged", {})])]).groups[0]
        assert conflicting_sources(g, ["A", "B"]) == {"A", "B"}

    def test_rows_are_groups_with_a_sentence(self):
        """A headline alone (an `only` group) is not a fact; every other group is one row."""
        c = build(
            {"A": ["Bridge shut", "Ten lorries were stuck."], "B": ["Ten lorries got stuck."]},
            [("agree", ["A1", "B0"], [])],
            kinds={"A0": UnitKind.HEADLINE},
        )
        cov = coverage(c)
        assert [f.group.id for f in cov.facts] == ["g1"]
        assert len(cov.facts) == len(c.groups) - 1

    def test_matched_headlines_are_a_fact_never_an_omission(self):
        """Two sources' matched headlines are a fact both report, as the summary counts them among
        the agreeing groups; a third source without such a headline leaves nothing out."""
        c = build(
            {"A": ["Bridge shut", "Ten lorries were stuck."], "B": ["Bridge closed", "Ten lorries got stuck."],
             "C": ["Ten lorries were stuck on the bridge."]},
            [("agree", ["A0", "B0"], []), ("agree", ["A1", "B1", "C0"], [])],
            kinds={"A0": UnitKind.HEADLINE, "B0": UnitKind.HEADLINE},
        )  # fmt: skip
        cov = coverage(c)
        assert [f.group.id for f in cov.facts] == ["g1", "g2"]
        assert cov.facts[0].cells == (Cell.REPORTED, Cell.REPORTED, Cell.MISSING)
        assert [o.fact.group.id for o in cov.omissions] == []
        counts = {k.source: k for k in cov.counts}
        assert counts["C"].missing == 0 and counts["C"].all_but == 0
        assert c.summary()["agree"] == 2

    def test_pair_counts_are_the_summarys(self):
        """With two sources, the facts both report are the summary's agree + differ, headlines too."""
        c = build(
            {"A": ["Bridge shut", "Ten lorries were stuck.", "Police came."], "B": ["Bridge closed", "Ten got stuck."]},
            [("agree", ["A0", "B0"], []), ("agree", ["A1", "B1"], [])],
            kinds={"A0": UnitKind.HEADLINE, "B0": UnitKind.HEADLINE},
        )  # fmt: skip
        (p,) = pairs(coverage(c))
        s = c.summary()
        assert p.both == s["agree"] + s["differ"] == 2
        assert p.only == (s["only"]["A"], s["only"]["B"]) == (1, 0)

    def test_carriers_count_present_sources(self):
        """``carriers`` counts the sources that report the fact, differently or not."""
        cov = coverage(three_sources())
        assert [f.carriers for f in cov.facts] == [3, 2, 1, 1, 1]


class TestCounts:
    def test_only_and_all_but(self):
        """ "Only C reports" counts single-source facts; "all but C report" facts every other source has."""
        counts = {k.source: k for k in coverage(three_sources()).counts}
        assert [counts[s].only for s in "ABC"] == [1, 1, 1]
        assert [counts[s].all_but for s in "ABC"] == [0, 0, 1]
        assert counts["C"].different == 1 and counts["C"].missing == 3

    def test_counts_add_up_to_the_facts(self):
        """For every source, reported + different + missing is the number of facts."""
        cov = coverage(three_sources())
        assert {k.reported + k.different + k.missing for k in cov.counts} == {len(cov.facts)}


class TestOmissions:
    def test_ranked_by_how_many_sources_carry_the_fact(self):
        """A fact three of four sources carry comes before one two carry, before single-source facts."""
        c = build(
            {"A": ["a0.", "a1.", "a2."], "B": ["b0.", "b1."], "C": ["c0.", "c1."], "D": ["d0."]},
            [("agree", ["A0", "B0"], []), ("agree", ["A1", "B1", "C0"], []), ("agree", ["A2", "C1", "D0"], [])],
        )
        ranked = coverage(c).omissions
        assert [len(o.carriers) for o in ranked] == [3, 3, 2]
        assert ranked[2].missing == ("C", "D")

    def test_ties_go_to_the_more_important_fact(self):
        """Among single-source facts the lead sentence ranks above a later one."""
        c = build({"A": ["first.", "second.", "third."], "B": ["other."]})
        only_a = [o.fact.units[0].id for o in coverage(c).omissions if o.carriers == ("A",)]
        assert only_a == ["A0", "A1", "A2"]

    def test_shared_omissions_leave_out_single_source_facts(self):
        """``shared_omissions`` keeps only facts that at least two sources carry."""
        cov = coverage(three_sources())
        assert [o.fact.group.id for o in cov.shared_omissions] == ["g2"]


class TestAgreement:
    def test_share_of_shared_facts(self):
        """agree / (agree + differ)."""
        assert agreement(three_sources()) == 0.5

    def test_nothing_shared_is_zero(self):
        """With no matched fact the agreement is 0, not a division error."""
        assert agreement(build({"A": ["x."], "B": ["y."]})) == 0.0


class TestExcerpt:
    @given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.integers(10, 120))
    def test_never_longer_than_limit(self, text, limit):
        """An excerpt fits the limit and is a prefix of the normalised text (plus an ellipsis)."""
        out = excerpt(text, limit)
        assert len(out) <= limit
        flat = " ".join(text.split())
        assert flat.startswith(out.removesuffix("…"))

    def test_short_text_is_kept(self):
        """Text within the limit comes back whole, without an ellipsis."""
        assert excerpt("The bridge closed.", 40) == "The bridge closed."

    def test_cuts_at_a_word_boundary(self):
        """A long text is cut between words."""
        assert excerpt("alpha beta gamma delta", 14) == "alpha beta…"
