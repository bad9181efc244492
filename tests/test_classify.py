"""classify: matches -> groups with a verdict and typed differences."""

from __future__ import annotations

from collections.abc import Callable

from compare import compare_texts
from compare.classify import classify, differences, pair_differences
from compare.match import Match
from compare.model import Comparison, Features, Quantity, Unit, Verdict
from tests.conftest import CLAIMS, FakeScorer, groups_of, unit_with


def unit(uid: str, text: str = "x") -> Unit:
    return Unit(id=uid, source=uid[0], index=int(uid[1:]), start=0, end=len(text), text=text)


def feats(uid: str, **kw: object) -> Features:
    base: dict[str, object] = {"tokens": ("storm", "kill"), "names": frozenset(), "numbers": (), "quotes": (),
                               "negated": False, "hedges": (), "speaker": None}  # fmt: skip
    base.update(kw)
    return Features(unit_id=uid, **base)  # type: ignore[arg-type]


def kinds(fa: Features, fb: Features) -> list[str]:
    return [d.kind for d in differences([unit("A0"), unit("B0")], {"A0": fa, "B0": fb})]


class TestDifferences:
    def test_conflicting_numbers(self) -> None:
        """Different values with the same unit of measure are a number difference, with each source's value."""
        fa = feats("A0", numbers=(Quantity(12.0, "people", "12 people"),))
        fb = feats("B0", numbers=(Quantity(15.0, "people", "15 people"),))
        (d,) = differences([unit("A0"), unit("B0")], {"A0": fa, "B0": fb})
        assert d.kind == "number"
        assert d.values == {"A": "12 people", "B": "15 people"}
        assert "12 people" in d.detail and "15 people" in d.detail

    def test_equal_numbers_agree(self) -> None:
        """The same value written differently is no difference."""
        fa = feats("A0", numbers=(Quantity(1000.0, "prisoner", "1,000 prisoners"),))
        fb = feats("B0", numbers=(Quantity(1000.0, "prisoner", "one thousand prisoners"),))
        assert kinds(fa, fb) == []

    def test_numbers_of_different_measures_do_not_conflict(self) -> None:
        """12 people and 3 hours are not competing values."""
        fa = feats("A0", numbers=(Quantity(12.0, "people", "12 people"),))
        fb = feats("B0", numbers=(Quantity(3.0, "hour", "3 hours"),))
        assert kinds(fa, fb) == []

    def test_number_missing_on_one_side_is_no_conflict(self) -> None:
        """A number only one side gives is not a conflict."""
        assert kinds(feats("A0", numbers=(Quantity(12.0, "people", "12 people"),)), feats("B0")) == []

    def test_conflicting_dates(self) -> None:
        """Different weekdays are a date difference."""
        fa = feats("A0", numbers=(Quantity(1.0, "weekday", "Monday", "date"),))
        fb = feats("B0", numbers=(Quantity(2.0, "weekday", "Tuesday", "date"),))
        assert kinds(fa, fb) == ["date"]

    def test_speaker_of_a_shared_quote(self) -> None:
        """The same quotation attributed to different people is a speaker difference."""
        q = ("We will never give up our land",)
        fa = feats("A0", quotes=q, speaker="zelenski", speaker_name="Volodymyr Zelensky")
        fb = feats("B0", quotes=q, speaker="putin", speaker_name="Vladimir Putin")
        (d,) = differences([unit("A0"), unit("B0")], {"A0": fa, "B0": fb})
        assert d.kind == "speaker"
        assert d.values == {"A": "Volodymyr Zelensky", "B": "Vladimir Putin"}

    def test_different_speakers_of_different_quotes(self) -> None:
        """Different people saying different things is not a speaker conflict."""
        fa = feats("A0", quotes=("We are ready",), speaker="zelenski")
        fb = feats("B0", quotes=("The weather is fine today",), speaker="putin")
        assert kinds(fa, fb) == []

    def test_negation(self) -> None:
        """The same statement negated on one side only is a negation difference."""
        a, b = unit("A0", "The army declared a ceasefire."), unit("B0", "The army did not declare a ceasefire.")
        (d,) = differences([a, b], {"A0": feats("A0"), "B0": feats("B0")})
        assert d.kind == "negation"
        assert d.values == {"A": "affirmed", "B": "negated (not)"}

    def test_negation_needs_the_same_statement(self) -> None:
        """A negation bearing on words the other unit lacks is not flagged."""
        a, b = unit("A0", "The army declared a ceasefire."), unit("B0", "The army did not expect the cold wind.")
        assert differences([a, b], {"A0": feats("A0"), "B0": feats("B0")}) == []

    def test_hedge(self) -> None:
        """A hedge on one side only is a hedge difference naming the hedged source."""
        a = unit("A0", "The storm may reach the coast tonight.")
        b = unit("B0", "The storm will reach the coast tonight.")
        (d,) = differences([a, b], {"A0": feats("A0"), "B0": feats("B0")})
        assert d.kind == "hedge"
        assert d.values == {"A": "may", "B": "(no hedge)"}

    def test_three_sources_report_each_conflict_once(self) -> None:
        """With three members, one conflict is named once, with every source's value."""
        people = {s: Quantity(v, "people", f"{v:g} people") for s, v in (("A", 12.0), ("B", 12.0), ("C", 15.0))}
        fs = {f"{s}0": feats(f"{s}0", numbers=(q,)) for s, q in people.items()}
        ds = differences([unit("A0"), unit("B0"), unit("C0")], fs)
        assert [d.values for d in ds] == [{"A": "12 people", "B": "12 people", "C": "15 people"}]

    def test_the_claims_hold_every_kind(self) -> None:
        """Every pair of the claims (each a unit of its own, both ways round) shows every kind of difference."""
        from compare.features import extract
        from compare.ingest import articles_from_texts
        from compare.segment import segment

        arts = articles_from_texts([" ".join(CLAIMS), " ".join(CLAIMS)])
        units = [u for a in arts for u in segment(a)]
        fs = extract(arts, units)
        found = {d.kind for a in units for b in units if a.source != b.source
                 for d in pair_differences(a, b, fs[a.id], fs[b.id])}  # fmt: skip
        assert found == {"number", "date", "entity", "speaker", "quote", "hedge", "negation"}


class TestClassify:
    def test_verdicts_and_only_groups(self) -> None:
        """Matches become agree or differ groups; unmatched units become only groups; ids run g1, g2 ..."""
        said, denied = "The army declared a ceasefire.", "The army did not declare a ceasefire."
        units = [unit("A0"), unit("A1", said), unit("B0"), unit("B1", denied)]
        fs = {u.id: feats(u.id) for u in units}
        groups = classify(units, fs, [Match(units=(0, 2), score=90.0), Match(units=(1, 3), score=70.0)])
        assert [(g.id, g.verdict, g.units, g.score) for g in groups] == [
            ("g1", Verdict.AGREE, ("A0", "B0"), 90.0),
            ("g2", Verdict.DIFFER, ("A1", "B1"), 70.0),
        ]
        groups = classify(units, fs, [Match(units=(0, 2), score=90.0)])
        assert [(g.id, g.verdict, g.units, g.score) for g in groups] == [
            ("g1", Verdict.AGREE, ("A0", "B0"), 90.0),
            ("g2", Verdict.ONLY, ("A1",), None),
            ("g3", Verdict.ONLY, ("B1",), None),
        ]

    def test_unit_in_two_matches_is_not_only(self) -> None:
        """A unit in several matches gets no only group."""
        units = [unit("A0"), unit("B0"), unit("B1")]
        fs = {u.id: feats(u.id) for u in units}
        groups = classify(units, fs, [Match(units=(0, 1), score=90.0), Match(units=(0, 2), score=80.0)])
        assert [g.verdict for g in groups] == [Verdict.AGREE, Verdict.AGREE]

    def test_no_matches(self) -> None:
        """Without matches every unit is an only group."""
        units = [unit("A0"), unit("B0")]
        groups = classify(units, {u.id: feats(u.id) for u in units}, [])
        assert [(g.verdict, g.units) for g in groups] == [(Verdict.ONLY, ("A0",)), (Verdict.ONLY, ("B0",))]


class TestEndToEnd:
    def test_storm_verdicts(self, storm_real: Comparison) -> None:
        """Through the real matcher: the shared fact agrees, the changed number differs."""
        storm = storm_real
        by_id = {g.id: g for g in storm.groups}
        killed = unit_with(storm, "A", "storm killed")
        (g,) = [by_id[i] for i in groups_of(storm, killed.id)]
        assert g.verdict is Verdict.AGREE and unit_with(storm, "B", "storm killed").id in g.units
        power = unit_with(storm, "A", "Power was cut")
        (g,) = [by_id[i] for i in groups_of(storm, power.id)]
        assert g.verdict is Verdict.DIFFER
        assert [d.kind for d in g.differences] == ["number"]
        assert g.differences[0].values == {"A": "200,000 homes", "B": "350,000 homes"}

    def test_storm_own_facts_are_only(self, storm_real: Comparison) -> None:
        """Through the real matcher: each source's own fact is an only group."""
        storm = storm_real
        by_id = {g.id: g for g in storm.groups}
        for source, words in (("A", "governor"), ("B", "Schools")):
            (g,) = [by_id[i] for i in groups_of(storm, unit_with(storm, source, words).id)]
            assert g.verdict is Verdict.ONLY

    def test_conflicting_number_is_differ(self) -> None:
        """An aligned pair whose numbers conflict is reported as differ, whatever the scorer."""
        c = compare_texts(
            ["Officials said 1,000 prisoners were exchanged.", "Officials said 900 prisoners were exchanged."]
        )
        (g,) = c.groups
        assert g.verdict is Verdict.DIFFER
        assert g.differences[0].kind == "number"

    def test_with_fake_scorer(self, fake_scorer: Callable[..., FakeScorer]) -> None:
        """Verdicts follow from the links alone: a fake scorer's link plus a changed number gives differ."""
        fake_scorer({("Ten people died.", "Twelve people died."): 95.0})
        c = compare_texts(["Ten people died. Rain fell.", "Twelve people died."])
        assert [(g.verdict, g.units) for g in c.groups] == [(Verdict.DIFFER, ("A0", "B0")), (Verdict.ONLY, ("A1",))]


class TestThreeSourceConflicts:
    def test_one_number_conflict_across_three_sources_is_one_difference(self) -> None:
        """Three sources giving three counts get one difference naming every source's value."""
        from compare import compare_texts

        c = compare_texts(
            [
                "A storm killed 12 people in Texas on Friday. Officials said more rain was coming.",
                "A storm killed 15 people in Texas on Friday. The governor spoke.",
                "A storm killed 14 people in Texas on Friday. Schools closed.",
            ]
        )
        g = next(g for g in c.groups if len(g.units) == 3)
        numbers = [d for d in g.differences if d.kind == "number"]
        assert len(numbers) == 1
        assert numbers[0].values == {"A": "12 people", "B": "15 people", "C": "14 people"}
        assert numbers[0].detail.index("'12 people' in A") < numbers[0].detail.index("'14 people' in C")

    def test_two_sources_keep_the_pair_wording(self) -> None:
        """With two sources a difference reads as before: one value per source."""
        from compare import compare_texts

        c = compare_texts(
            ["A storm killed 12 people in Texas on Friday. It rained.", "A storm killed 15 people in Texas on Friday."]
        )
        d = next(d for g in c.groups for d in g.differences if d.kind == "number")
        assert d.detail == "number (people): '12 people' in A, '15 people' in B"
