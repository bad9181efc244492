"""The typed vocabularies of the model (difference kind, quote status, quantity kind) and a
difference's structured subject, through the public functions that produce them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from compare import compare_texts
from compare.classify import differences
from compare.features import extract
from compare.features.quantities import extract_quantities
from compare.ingest import articles_from_texts
from compare.model import Difference, DifferenceKind, QuantityKind, QuoteStatus, Unit

README = Path(__file__).resolve().parents[1] / "README.md"

# One pair of one-sentence sources per kind: the second source changes one detail of the first.
PAIRS = {
    "number": (
        "The storm killed 12 people in the town on Sunday.",
        "The storm killed 15 people in the town on Sunday.",
    ),
    "date": ("Putin spoke with Trump on Tuesday about the war.", "Putin spoke with Trump on Monday about the war."),
    "entity": (
        "Delegations will meet for talks in Istanbul next week, officials said.",
        "Delegations will meet for talks in Geneva next week, officials said.",
    ),
    "speaker": ("“We will not stop,” Trump said.", "“We will not stop,” Putin said."),
    "quote": (
        "“We will not be prepared to continue tolerating Russia’s actions,” Pistorius said.",
        "“We will not be prepared to keep tolerating Russia’s actions,” Pistorius said.",
    ),
    "hedge": ("The ceasefire may begin on Friday, officials said.", "The ceasefire begins on Friday, officials said."),
    "negation": ("Putin did not accept the ceasefire proposal.", "Putin accepted the ceasefire proposal."),
    "antonym": (
        "Oil prices rose sharply on Monday after the report.",
        "Oil prices fell sharply on Monday after the report.",
    ),
}


def one_group(*texts: str) -> list[Difference]:
    """The differences of one group holding the single unit of each text."""
    arts = articles_from_texts(list(texts))
    units = [Unit(id=f"{a.id}0", source=a.id, index=0, start=0, end=len(a.text), text=a.text) for a in arts]
    return differences(units, extract(arts, units))


def readme_kinds() -> set[str]:
    """The difference kinds the README's JSON section lists (backticked words of that sentence)."""
    text = " ".join(README.read_text(encoding="utf-8").split())
    m = re.search(r"Difference kinds are (.*?)\(", text)
    assert m, "README no longer has the sentence 'Difference kinds are ...'"
    return set(re.findall(r"`([a-z]+)`", m.group(1)))


class TestDifferenceKind:
    @pytest.mark.parametrize("kind", list(PAIRS))
    def test_each_kind_produced_is_a_member(self, kind: str) -> None:
        """Each inline pair yields a difference of its kind, typed as a DifferenceKind member."""
        found = one_group(*PAIRS[kind])
        assert kind in {d.kind for d in found}
        assert all(isinstance(d.kind, DifferenceKind) for d in found)

    def test_pairs_cover_every_member(self) -> None:
        """The inline pairs cover the whole vocabulary, so a new kind needs a pair here."""
        assert set(PAIRS) == {k.value for k in DifferenceKind}

    def test_json_kinds_are_plain_strings_the_readme_lists(self) -> None:
        """The JSON report writes each kind as a plain string from the README's documented list."""
        documented = readme_kinds()
        assert documented == {k.value for k in DifferenceKind}
        seen = set()
        for a, b in PAIRS.values():
            report = compare_texts([a, b]).to_dict()
            assert json.loads(json.dumps(report)) == report
            for g in report["groups"]:
                for d in g["differences"]:
                    assert type(d["kind"]) is str and d["kind"] in documented
                    assert "subject" not in d
                    seen.add(d["kind"])
        assert seen == documented

    def test_enum_compares_and_formats_as_its_string(self) -> None:
        """A member equals its string and is written as it, so text reports read the same."""
        assert DifferenceKind.NUMBER == "number" and f"{DifferenceKind.NEGATION}" == "negation"


class TestSubject:
    def test_number_subject_is_what_is_counted(self) -> None:
        """A number difference carries what it measures, apart from its display text."""
        (d,) = one_group(*PAIRS["number"])
        assert d.subject == "number (people)"
        assert d.values == {"A": "12 people", "B": "15 people"}

    def test_three_sources_merge_on_the_subject(self) -> None:
        """Pairwise conflicts over one measured thing merge into one difference keeping the subject."""
        a, b = PAIRS["number"]
        c = "The storm killed 14 people in the town on Sunday."
        numbers = [d for d in one_group(a, b, c) if d.kind is DifferenceKind.NUMBER]
        assert len(numbers) == 1
        assert numbers[0].subject == "number (people)"
        assert numbers[0].values == {"A": "12 people", "B": "15 people", "C": "14 people"}

    def test_different_subjects_do_not_merge(self) -> None:
        """Two things measured (people, a share of homes) stay two differences with three sources."""
        texts = [
            f"The storm killed {p} people and cut power to {h}% of homes in the town on Sunday."
            for p, h in ((12, 20), (15, 30), (14, 25))
        ]
        found = {d.subject: d.values for d in one_group(*texts) if d.kind is DifferenceKind.NUMBER}
        assert found == {
            "number (people)": {"A": "12 people", "B": "15 people", "C": "14 people"},
            "share": {"A": "20%", "B": "30%", "C": "25%"},
        }

    @pytest.mark.parametrize(
        ("kind", "subject"),
        [
            ("date", "day"),
            ("entity", "place"),
            ("speaker", "We will not stop"),
            ("hedge", "may"),
            ("negation", "not"),
            ("antonym", "rose / fell"),
        ],
    )
    def test_subject_by_kind(self, kind: str, subject: str) -> None:
        """Each kind's subject: the measured thing, the role, the quotation, the cue, the opposite words."""
        (d,) = [d for d in one_group(*PAIRS[kind]) if d.kind == kind]
        assert d.subject == subject

    def test_quote_subject_is_the_first_wording(self) -> None:
        """A quote difference's subject is the quotation as the first source words it."""
        a, b = PAIRS["quote"]
        (d,) = [d for d in one_group(a, b) if d.kind is DifferenceKind.QUOTE]
        assert d.subject == "We will not be prepared to continue tolerating Russia’s actions"


class TestQuoteStatus:
    def test_ledger_statuses_are_members_and_plain_strings_in_json(self) -> None:
        """Every ledger status is a QuoteStatus; the JSON writes its plain string."""
        c = compare_texts(
            [
                "“We will keep fighting,” Zelensky said. “The talks failed,” Peskov said. “I am ready,” Trump said.",
                "“We will keep fighting,” Zelensky said. “The talks have failed,” Peskov said.",
            ]
        )
        statuses = {e.status for e in c.quotes}
        assert all(isinstance(s, QuoteStatus) for s in statuses)
        assert {QuoteStatus.IDENTICAL, QuoteStatus.SINGLE} <= statuses
        written = [q["status"] for q in c.to_dict()["quotes"]]
        assert all(type(s) is str for s in written)
        assert set(written) == {s.value for s in statuses}


class TestQuantityKind:
    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("The storm killed 12 people.", QuantityKind.NUMBER),
            ("They spoke on Tuesday.", QuantityKind.DATE),
            ("John Smith, 42, was arrested.", QuantityKind.AGE),
            ("It was his third call.", QuantityKind.ORDINAL),
            ("The airline flew a Boeing 747 to Paris.", QuantityKind.DESIGNATION),
        ],
    )
    def test_each_kind_is_a_member(self, text: str, kind: QuantityKind) -> None:
        """Quantities of each kind carry a QuantityKind member."""
        found = extract_quantities(text)
        assert found and all(isinstance(q.kind, QuantityKind) for q in found)
        assert kind in {q.kind for q in found}
