"""The Python API: compare_texts, compare_files, similarity, CompareError (CONTRACT.md)."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import compare
from compare import CompareError, Comparison, MatchOptions, compare_files, compare_texts, similarity
from compare.model import Verdict
from tests.contract import assert_valid

PAIRS = [
    ("Putin rejected a ceasefire.", "The Kremlin turned down a truce."),
    ("A storm killed 12 people in Texas.", "Twelve people died when a storm hit Texas."),
    ("A storm killed 12 people in Texas.", "Apple released a new phone with a faster chip."),
    ("The Vatican offered to host talks.", "The Vatican offered to host talks."),
    ("“We are ready,” Zelensky said.", "Zelensky, 47, said Ukraine was ready for a full cease-fire."),
]


class TestCompareTexts:
    def test_returns_comparison(self, wire: str, paper: str) -> None:
        """Two texts give a Comparison whose ``to_dict`` is a valid report."""
        c = compare_texts([wire, paper])
        assert isinstance(c, Comparison)
        assert [a.label for a in c.sources] == ["A", "B"]
        assert_valid(c.to_dict(), {"A": wire, "B": paper})

    def test_labels(self, wire: str, paper: str) -> None:
        """``labels`` name the sources."""
        c = compare_texts([wire, paper], labels=["wire", "paper"])
        assert [(a.id, a.label) for a in c.sources] == [("A", "wire"), ("B", "paper")]

    def test_three_sources(self, wire: str, paper: str) -> None:
        """More than two texts are compared together; a fact all three share is one group."""
        c = compare_texts([wire, paper, paper])
        assert [a.id for a in c.sources] == ["A", "B", "C"]
        killed = [g for g in c.groups if any("storm killed" in c.unit(u).text for u in g.units)]
        assert any(len(g.units) == 3 and g.verdict is Verdict.AGREE for g in killed)

    def test_options(self, wire: str, paper: str) -> None:
        """Options are MatchOptions fields, recorded on the result."""
        c = compare_texts([wire, paper], threshold=75.0, max_links=1)
        assert c.options == MatchOptions(threshold=75.0, max_links=1)

    def test_paraphrase_in_one_story(self) -> None:
        """Within two articles of one story, a reworded fact is matched and agrees, while sentences
        that share only the story's people and place are not matched."""
        a = ("Ukrainian and Russian negotiators met in Istanbul on Friday, with Turkish President Recep "
             "Tayyip Erdogan as host. The two sides agreed to exchange 1,000 prisoners of war on Friday. "
             "Vladimir Medinsky, who led the Russian delegation, said Moscow was satisfied with the talks "
             "in Istanbul. Rustem Umerov, Ukraine's defence minister, said Kyiv wanted a ceasefire before "
             "any summit. President Volodymyr Zelensky had urged Vladimir Putin to come to Istanbul "
             "in person.")  # fmt: skip
        b = ("Both sides agreed on Friday to swap one thousand prisoners of war. The talks in Istanbul, "
             "hosted by Recep Tayyip Erdogan, lasted less than two hours. Medinsky told reporters in "
             "Istanbul that Russia would send Ukraine a memorandum. Zelensky said Putin's absence showed "
             "the Kremlin was not serious about peace. Umerov said the next round should bring Zelensky "
             "and Putin together.")  # fmt: skip
        c = compare_texts([a, b])
        assert c.stories[0].same
        pairs = {tuple(sorted(g.units)): g for g in c.groups if len(g.units) > 1}
        swap = pairs[("A1", "B0")]
        assert swap.verdict is Verdict.AGREE and swap.score == pytest.approx(
            similarity(c.unit("A1").text, c.unit("B0").text), abs=0.01
        )
        # Zelensky and Putin in both, Umerov in both: the story's names, not one fact
        assert ("A4", "B3") not in pairs and ("A3", "B4") not in pairs

    def test_deterministic(self, wire: str, paper: str) -> None:
        """The same input gives the same report."""
        assert compare_texts([wire, paper]).to_dict() == compare_texts([wire, paper]).to_dict()

    def test_summary(self, storm: Comparison) -> None:
        """``summary`` counts groups by verdict and only facts by source."""
        assert storm.summary() == {"agree": 1, "differ": 1, "only": {"A": 1, "B": 1}}

    def test_doctest(self) -> None:
        """The example in the package docstring runs."""
        failed, attempted = doctest.testmod(compare)
        assert attempted > 0 and failed == 0


class TestCompareFiles:
    def test_same_as_texts(self, storm_files: list[str], wire: str, paper: str) -> None:
        """Files give the same units and groups as their texts, with file names as labels and paths recorded."""
        from_files = compare_files(storm_files)
        from_texts = compare_texts([wire, paper])
        assert from_files.units == from_texts.units
        assert from_files.groups == from_texts.groups
        assert [(a.label, a.path) for a in from_files.sources] == list(zip(["wire", "paper"], storm_files, strict=True))

    def test_path_objects(self, storm_files: list[str]) -> None:
        """``pathlib.Path`` objects work as paths do as strings (they raised AttributeError before)."""
        from_paths = compare_files([Path(p) for p in storm_files])
        from_strings = compare_files(storm_files)
        assert from_paths.to_dict() == from_strings.to_dict()

    @pytest.mark.parametrize("single", ["wire.txt", Path("wire.txt")], ids=["str", "Path"])
    def test_single_path_is_refused(self, single: str | Path) -> None:
        """One path instead of a list raises CompareError, not a comparison of its characters."""
        with pytest.raises(CompareError, match="not a single path"):
            compare_files(single)  # type: ignore[arg-type]

    def test_seeds(self) -> None:
        """The seed articles compare without error into a valid report (paths relative to the repository)."""
        root = Path(__file__).resolve().parent.parent
        paths = [str(root / "seeds" / n) for n in ("washington-post.txt", "new-york-post.txt")]
        c = compare_files(paths)
        assert_valid(c.to_dict(), {a.id: a.text for a in c.sources})
        assert c.summary()["agree"] + c.summary()["differ"] > 0


class TestErrors:
    @pytest.mark.parametrize(
        ("texts", "words"),
        [(["Only one text."], "at least two"), ([], "at least two"), (["Some text.", ""], "empty"),
         (["Some text.", " \n\t "], "white space"), ("Just a string.", "not a single string")],
        ids=["one", "none", "empty", "blank", "string"],
    )  # fmt: skip
    def test_bad_texts(self, texts: list[str], words: str) -> None:
        """Unusable input raises CompareError with a message for a person."""
        with pytest.raises(CompareError, match=words):
            compare_texts(texts)

    def test_unknown_option(self, wire: str, paper: str) -> None:
        """An unknown option raises CompareError naming it and the known ones."""
        with pytest.raises(CompareError) as e:
            compare_texts([wire, paper], treshold=60)
        assert "'treshold'" in str(e.value) and "threshold" in str(e.value).replace("'treshold'", "")

    def test_missing_file(self, storm_files: list[str], tmp_path: Path) -> None:
        """An unreadable file raises CompareError."""
        with pytest.raises(CompareError, match="no such file"):
            compare_files([storm_files[0], str(tmp_path / "gone.txt")])

    def test_messages_fit_one_line(self, wire: str) -> None:
        """Error messages are one line."""
        for bad in (["x"], [wire, ""]):
            with pytest.raises(CompareError) as e:
                compare_texts(bad)
            assert "\n" not in str(e.value)


class TestSimilarity:
    @pytest.mark.parametrize(("a", "b"), PAIRS)
    def test_range_and_type(self, a: str, b: str) -> None:
        """A float within 0..100."""
        s = similarity(a, b)
        assert isinstance(s, float)
        assert 0.0 <= s <= 100.0

    @pytest.mark.parametrize(("a", "b"), PAIRS)
    def test_deterministic(self, a: str, b: str) -> None:
        """The same pair always scores the same, whatever was scored in between."""
        first = similarity(a, b)
        for x, y in PAIRS:
            similarity(x, y)
        assert similarity(a, b) == first

    def test_same_statement_beats_unrelated(self) -> None:
        """A sentence scores higher with itself and with a paraphrase than with an unrelated sentence."""
        s = "A storm killed 12 people in Texas on Friday."
        unrelated = similarity(s, "Apple released a new phone with a faster chip.")
        assert similarity(s, s) >= similarity(s, "On Friday a storm in Texas killed 12 people.") > unrelated

    def test_empty_is_zero(self) -> None:
        """Nothing is similar to an empty text."""
        assert similarity("", "A storm hit.") == 0.0 == similarity("  ", "")

    def test_agrees_with_the_matcher(self) -> None:
        """Two one-sentence articles are linked exactly when their similarity reaches the threshold."""
        for a, b in PAIRS:
            s = similarity(a, b)
            c = compare_texts([a, b])
            linked = any(g.verdict is not Verdict.ONLY for g in c.groups)
            assert linked == (s >= MatchOptions().threshold), (a, b, s)
