"""Three or more sources through the API and the command line: groups span every source that
reports a fact, and the comparison stays fast at 20 sources of 50 sentences."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from compare import compare_texts
from compare.analyze.coverage import Cell, coverage
from compare.cli import cli
from compare.model import Verdict
from dev.bench.nway import synthetic_sources

# Sentences chosen so that the outcome does not hinge on the matcher's tuning: a shared fact is
# the same sentence word for word (or changed only in one number), unrelated facts share no word
# and no event (the link model rightly joins "the ferry sank" and "the ferry capsized").
ALL = "The Danube ferry sank near Vukovar on Tuesday morning."
AB = "Rescue divers recovered 14 bodies from the river."
ONLY_A = "The vessel had been built in 1971 in a Romanian shipyard."
ONLY_C = "Croatian prosecutors opened a criminal inquiry into the operator."
BC_B = "Ticket records showed 42 passengers on board."
BC_C = "Ticket records showed 47 passengers on board."
TEXTS = [f"{ALL} {AB} {ONLY_A}", f"{ALL} {AB} {BC_B}", f"{ALL} {ONLY_C} {BC_C}"]


def _groups_by_text(result):
    units = {u.id: u for u in result.units}
    return {frozenset(units[i].text for i in g.units): g for g in result.groups}


class TestThreeSources:
    def test_fact_in_every_source_is_one_group(self):
        """A fact all three sources carry is one group holding a unit of each source."""
        r = compare_texts(TEXTS)
        g = _groups_by_text(r)[frozenset({ALL})]
        assert sorted(u[0] for u in g.units) == ["A", "B", "C"]
        assert g.verdict is Verdict.AGREE

    def test_fact_in_two_sources_leaves_the_third_out(self):
        """A fact two sources carry groups those two; the coverage marks the third as missing."""
        r = compare_texts(TEXTS)
        g = _groups_by_text(r)[frozenset({AB})]
        assert sorted(u[0] for u in g.units) == ["A", "B"]
        row = next(f for f in coverage(r).facts if f.group.id == g.id)
        assert row.cells == (Cell.REPORTED, Cell.REPORTED, Cell.MISSING)

    def test_conflicting_number_between_two_of_three(self):
        """Two sources giving different numbers for the same fact differ; the third leaves it out."""
        r = compare_texts(TEXTS)
        g = _groups_by_text(r)[frozenset({BC_B, BC_C})]
        assert g.verdict is Verdict.DIFFER
        assert {d.kind for d in g.differences} == {"number"}
        row = next(f for f in coverage(r).facts if f.group.id == g.id)
        assert row.cells == (Cell.MISSING, Cell.DIFFERENT, Cell.DIFFERENT)

    def test_single_source_facts(self):
        """Facts one source alone carries are ``only`` groups, counted per source."""
        r = compare_texts(TEXTS)
        by_text = _groups_by_text(r)
        assert by_text[frozenset({ONLY_A})].verdict is Verdict.ONLY
        assert by_text[frozenset({ONLY_C})].verdict is Verdict.ONLY
        assert r.summary()["only"] == {"A": 1, "B": 0, "C": 1}

    def test_default_labels_run_past_two(self):
        """Sources are labelled A, B, C, D ... by default."""
        r = compare_texts([*TEXTS, ALL])
        assert [a.id for a in r.sources] == ["A", "B", "C", "D"]
        g = _groups_by_text(r)[frozenset({ALL})]
        assert sorted(u[0] for u in g.units) == ["A", "B", "C", "D"]


class TestCommandLine:
    @pytest.fixture
    def paths(self, tmp_path):
        out = []
        for name, text in zip(("ap", "bbc", "dw"), TEXTS, strict=True):
            p = tmp_path / f"{name}.txt"
            p.write_text(text + "\n", encoding="utf-8")
            out.append(str(p))
        return out

    def test_json_groups_span_the_sources(self, paths):
        """``compare-sources A B C --format json``: the shared fact's group holds a unit of each file."""
        r = CliRunner().invoke(cli, [*paths, "--format", "json"])
        assert r.exit_code == 0, r.output
        data = json.loads(r.stdout)
        assert [s["label"] for s in data["sources"]] == ["ap", "bbc", "dw"]
        units = {u["id"]: u for u in data["units"]}
        shared = [g for g in data["groups"] if {units[i]["text"] for i in g["units"]} == {ALL}]
        assert len(shared) == 1 and {units[i]["source"] for i in shared[0]["units"]} == {"A", "B", "C"}

    @pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
    def test_every_format_shows_the_coverage(self, paths, fmt):
        """Every human-readable format carries the N-source coverage section."""
        r = CliRunner().invoke(cli, [*paths, "--format", fmt, "--width", "160"])
        assert r.exit_code == 0, r.output
        marker = {"terminal": "Coverage matrix", "markdown": "### Coverage", "html": 'id="coverage"'}[fmt]
        assert marker in r.stdout

    def test_gate_on_three_sources(self, paths):
        """``--fail-on omission`` fails when one of three sources leaves out a fact the others carry."""
        r = CliRunner().invoke(cli, [*paths, "--format", "json", "--fail-on", "omission"])
        assert r.exit_code == 1
        assert "C leaves out" in r.stderr


class TestScale:
    def test_twenty_sources_of_fifty_sentences(self):
        """20 sources x 50 sentences: every unit lands in a group, at most one unit per source in a
        matched group, and the whole comparison stays within a generous budget (about 3 s of CPU on
        the 2-core development machine; ``make bench`` measures it properly)."""
        texts = synthetic_sources(n_sources=20, per_source=50)
        start = time.process_time()  # CPU time of this process: other load on the machine does not count
        r = compare_texts(texts)
        elapsed = time.process_time() - start
        print(f"20 x 50 sentences compared in {elapsed:.2f}s of CPU")
        assert len(r.sources) == 20 and len(r.units) == 1000
        grouped = {i for g in r.groups for i in g.units}
        assert grouped == {u.id for u in r.units}
        units = {u.id: u for u in r.units}
        for g in r.groups:
            sources = [units[i].source for i in g.units]
            assert len(sources) == len(set(sources))
        assert max(len(g.units) for g in r.groups) > 2  # facts shared by many sources form one group
        assert elapsed < 30.0  # catches a blow-up (an over-linking matcher once made classify take ~60 s)
