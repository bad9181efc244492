"""The JSON report (version 1) against CONTRACT.md."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from compare import compare_texts
from compare.model import Comparison
from compare.model.json import to_dict
from compare.report.json import render
from tests.conftest import PAPER, UNRELATED, WIRE
from tests.contract import assert_valid, problems


def _texts(c: Comparison) -> dict[str, str]:
    return {a.id: a.text for a in c.sources}


class TestContract:
    def test_storm_report_is_valid(self, storm: Comparison) -> None:
        """A report with agree, differ and only groups satisfies every rule of the contract."""
        d = storm.to_dict()
        assert {g["verdict"] for g in d["groups"]} == {"agree", "differ", "only"}
        assert_valid(d, _texts(storm))

    @pytest.mark.parametrize(
        "texts",
        [
            [WIRE, UNRELATED],
            [WIRE, WIRE],
            [WIRE, PAPER, UNRELATED],
            ["Line one.\r\nLine two, with “quotes”.\r\n", "Line two, with “quotes”.\n\nLine three."],
        ],
        ids=["nothing-shared", "identical", "three-sources", "crlf-and-quotes"],
    )
    def test_other_reports_are_valid(self, texts: list[str]) -> None:
        """Reports with nothing shared, everything shared, three sources or CRLF text are valid."""
        c = compare_texts(texts)
        assert_valid(c.to_dict(), _texts(c))

    def test_version_and_source_fields(self, storm: Comparison) -> None:
        """Version 1; sources carry id, label, path (null for texts given directly) and unit count."""
        d = storm.to_dict()
        assert d["version"] == 1
        assert [(s["id"], s["label"], s["path"]) for s in d["sources"]] == [("A", "wire", None), ("B", "paper", None)]
        assert sum(s["units"] for s in d["sources"]) == len(d["units"])

    def test_offsets_index_the_source_text(self, storm: Comparison) -> None:
        """``text[start:end] == unit.text`` for every unit."""
        texts = _texts(storm)
        for u in storm.to_dict()["units"]:
            assert texts[u["source"]][u["start"] : u["end"]] == u["text"]

    def test_summary_counts_match_groups(self, storm: Comparison) -> None:
        """The summary's counts are those of the groups (one agree, one differ, one only fact each)."""
        assert storm.to_dict()["summary"] == {"agree": 1, "differ": 1, "only": {"A": 1, "B": 1}}


class TestValidator:
    """The validator itself must reject broken reports, or the tests above prove nothing."""

    @staticmethod
    def _broken(c: Comparison, change: Any) -> list[str]:
        d = copy.deepcopy(c.to_dict())
        change(d)
        return problems(d, _texts(c))

    def test_rejects_shifted_offsets(self, storm: Comparison) -> None:
        """A unit whose offsets do not index its text is reported."""

        def shift(d: dict[str, Any]) -> None:
            d["units"][2]["start"] += 1

        assert any("text[" in p for p in self._broken(storm, shift))

    def test_rejects_unit_in_no_group(self, storm: Comparison) -> None:
        """A unit that no group holds is reported."""

        def drop(d: dict[str, Any]) -> None:
            d["groups"] = [g for g in d["groups"] if g["verdict"] != "only"]
            d["summary"]["only"] = {"A": 0, "B": 0}

        assert any("in no group" in p for p in self._broken(storm, drop))

    def test_rejects_only_unit_also_matched(self, storm: Comparison) -> None:
        """A unit in an only group that also sits in a matched group is reported."""

        def dup(d: dict[str, Any]) -> None:
            matched = next(g for g in d["groups"] if g["verdict"] == "agree")
            d["groups"].append({"id": "gx", "verdict": "only", "units": [matched["units"][0]], "score": None,
                                "differences": []})  # fmt: skip

        assert any("only group and in another" in p for p in self._broken(storm, dup))

    @pytest.mark.parametrize(
        ("field", "value", "expect"),
        [
            ("verdict", "same", "verdict"),
            ("score", 130.0, "score"),
            ("score", None, "score"),
            ("differences", [], "differ"),
        ],
    )
    def test_rejects_bad_matched_group(self, storm: Comparison, field: str, value: Any, expect: str) -> None:
        """A bad verdict, a score outside 0..100 or null, or a differ group without differences is reported."""

        def spoil(d: dict[str, Any]) -> None:
            next(g for g in d["groups"] if g["verdict"] == "differ")[field] = value

        assert any(expect in p for p in self._broken(storm, spoil))

    def test_rejects_wrong_summary(self, storm: Comparison) -> None:
        """A summary that miscounts the groups is reported."""

        def miscount(d: dict[str, Any]) -> None:
            d["summary"]["agree"] += 1

        assert any("summary agree" in p for p in self._broken(storm, miscount))


class TestRender:
    def test_render_is_to_dict_as_json(self, storm: Comparison) -> None:
        """``render`` gives the JSON text of ``to_dict``, ending in a newline."""
        text = render(storm)
        assert text.endswith("\n")
        assert json.loads(text) == to_dict(storm) == storm.to_dict()

    def test_non_ascii_is_kept(self) -> None:
        """Curly quotes and accents are written as themselves, not as \\u escapes."""
        c = compare_texts(["“Café owners,” she said, “are worried.”", "Bakers in Zürich are worried."])
        text = render(c)
        assert "“Café owners,”" in text
        assert "\\u" not in text

    def test_round_trips_through_json(self, storm: Comparison) -> None:
        """The report is plain data: dumping and loading it gives it back unchanged."""
        d = storm.to_dict()
        assert json.loads(json.dumps(d)) == d


class TestOptions:
    def test_matcher_settings_recorded(self) -> None:
        """The report records the matcher settings it was made with."""
        from compare import compare_texts

        texts = ["A storm hit Texas on Friday.", "A storm hit Texas on Friday, officials said."]
        from compare import MatchOptions

        assert compare_texts(texts).to_dict()["options"]["threshold"] == MatchOptions().threshold
        d = compare_texts(texts, threshold=90, sentence_score=0).to_dict()
        assert d["options"]["threshold"] == 90 and d["options"]["sentence_score"] == 0
