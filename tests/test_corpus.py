"""Corpus mode: story discovery, the output file, serial and Dask runs, the command."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.corpus import (
    CorpusError,
    CorpusRun,
    dask_available,
    find_stories,
    read_records,
    story_stats,
    summarize,
)
from compare.model import Article, Comparison, Group, Unit, Verdict

ROOT = Path(__file__).resolve().parents[1]
SETS = Path(os.environ.get("COMPARE_SHARED", ROOT.parent / "shared")) / "data" / "ecbplus" / "sets"
ECB_STORIES = ("t03_ecb", "t06_ecb", "t07_ecb", "t10_ecb", "t11_ecbplus", "t14_ecbplus")
"""Six development sets of 5 to 11 articles: a few seconds of work in all."""

BRIDGE = "The mayor of Springfield opened the new river bridge on Monday morning."
RAIN = "Heavy rain flooded the farms of the northern valley overnight."
BAKERY = "A small bakery in Shelbyville won a national prize for its rye bread."


def _story(root: Path, name: str, texts: dict[str, str]) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    for stem, text in texts.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Three tiny stories, one of them with a single article."""
    root = tmp_path / "corpus"
    _story(root, "bridge", {"gazette": f"{BRIDGE}\n{RAIN}\n", "herald": f"{BRIDGE}\n", "courier": f"{BAKERY}\n"})
    _story(root, "rain", {"gazette": f"{RAIN}\n", "herald": f"{RAIN}\n{BAKERY}\n"})
    _story(root, "lonely", {"gazette": f"{BAKERY}\n"})
    (root / "notes.txt").write_text("not a story: files directly in DIR are ignored", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def ecb_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of a few ECB+ development sets (their .txt articles; gold.json is left out by the pattern)."""
    if not SETS.is_dir():
        pytest.skip(f"ECB+ development sets not found at {SETS} (set COMPARE_SHARED)")
    root = tmp_path_factory.mktemp("ecb")
    for name in ECB_STORIES:
        shutil.copytree(SETS / name, root / name)
    return root


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _by_story(records: list[dict]) -> dict[str, dict]:
    """Records keyed by story, without the timing that differs from run to run."""
    return {r["story"]: {k: v for k, v in r.items() if k != "seconds"} for r in records}


class TestFindStories:
    def test_one_story_per_folder_sorted(self, small_corpus: Path) -> None:
        """Each sub-folder with an article is a story, in name order, with its files sorted."""
        stories = find_stories(small_corpus)
        assert [s.name for s in stories] == ["bridge", "lonely", "rain"]
        assert [Path(p).name for p in stories[0].paths] == ["courier.txt", "gazette.txt", "herald.txt"]

    def test_pattern_selects_articles(self, small_corpus: Path) -> None:
        """Only files matching the pattern are articles; folders without any are not stories."""
        (small_corpus / "bridge" / "gold.json").write_text("{}", encoding="utf-8")
        (small_corpus / "empty").mkdir()
        stories = find_stories(small_corpus)
        assert "empty" not in [s.name for s in stories]
        assert all(p.endswith(".txt") for s in stories for p in s.paths)

    def test_not_a_folder(self, tmp_path: Path) -> None:
        """A missing corpus folder is a CorpusError naming it."""
        with pytest.raises(CorpusError, match="is not a folder"):
            find_stories(tmp_path / "missing")

    def test_no_story(self, tmp_path: Path) -> None:
        """A folder without story folders is a CorpusError."""
        with pytest.raises(CorpusError, match="No story folder"):
            find_stories(tmp_path)


class TestOutputFile:
    def test_missing_file_has_no_records(self, tmp_path: Path) -> None:
        """A results file that does not exist yet holds no record."""
        assert read_records(tmp_path / "results.jsonl") == []

    def test_torn_last_line_is_cut(self, tmp_path: Path) -> None:
        """A last line cut short by a crash is dropped from the file, so appending starts clean."""
        out = tmp_path / "results.jsonl"
        out.write_text('{"story": "a", "error": "x"}\n{"story": "b", "rep', encoding="utf-8")
        assert [r["story"] for r in read_records(out)] == ["a"]
        assert out.read_text(encoding="utf-8") == '{"story": "a", "error": "x"}\n'

    def test_foreign_file_is_refused(self, tmp_path: Path) -> None:
        """A file that is not corpus output is refused rather than appended to."""
        out = tmp_path / "notes.jsonl"
        out.write_text("hello\n", encoding="utf-8")
        with pytest.raises(CorpusError, match="line 1"):
            read_records(out)


class TestStoryStats:
    def test_omissions_and_only(self) -> None:
        """An outlet omits a fact two others share; a fact one outlet alone has counts as its only."""
        sources = tuple(Article(i, label, "x") for i, label in (("A", "gazette"), ("B", "herald"), ("C", "courier")))
        units = tuple(Unit(uid, uid[0], int(uid[1]), 0, 1, "x") for uid in ("A0", "A1", "B0", "C0"))
        groups = (
            Group("g0", Verdict.AGREE, ("A0", "B0"), 90.0),
            Group("g1", Verdict.ONLY, ("A1",), None),
            Group("g2", Verdict.ONLY, ("C0",), None),
        )
        stats = story_stats(Comparison(sources, units, groups))
        assert (stats["units"], stats["agree"], stats["differ"], stats["only"]) == (4, 1, 0, 2)
        assert stats["outlets"]["courier"] == {"units": 1, "only": 1, "omits": 1}
        assert stats["outlets"]["gazette"]["omits"] == 0


class TestSerial:
    def test_one_record_per_story(self, small_corpus: Path, tmp_path: Path) -> None:
        """Every story gets one line; a story that cannot be compared gets an error line."""
        out = tmp_path / "results.jsonl"
        run = CorpusRun(small_corpus, out, serial=True)
        yielded = list(run)
        lines = _lines(out)
        assert [r["story"] for r in yielded] == [r["story"] for r in lines] == ["bridge", "lonely", "rain"]
        by = _by_story(lines)
        assert "two sources" in by["lonely"]["error"]
        assert by["bridge"]["report"]["version"] == 1
        assert by["bridge"]["stats"]["outlets"]["courier"]["omits"] >= 1  # the bridge both others report

    def test_rerun_skips_written_stories(self, small_corpus: Path, tmp_path: Path) -> None:
        """Running again with the same output compares nothing and leaves the file as it was."""
        out = tmp_path / "results.jsonl"
        list(CorpusRun(small_corpus, out, serial=True))
        before = out.read_bytes()
        again = CorpusRun(small_corpus, out, serial=True)
        assert (again.skipped, again.todo) == (3, [])
        assert list(again) == []
        assert out.read_bytes() == before

    def test_resume_after_crash(self, small_corpus: Path, tmp_path: Path) -> None:
        """After a crash mid-line, a re-run keeps the finished stories and redoes the rest."""
        out = tmp_path / "results.jsonl"
        list(CorpusRun(small_corpus, out, serial=True))
        first = out.read_text(encoding="utf-8").splitlines(keepends=True)[0]
        out.write_text(first + '{"story": "lon', encoding="utf-8")
        run = CorpusRun(small_corpus, out, serial=True)
        assert [s.name for s in run.todo] == ["lonely", "rain"]
        list(run)
        assert sorted(r["story"] for r in _lines(out)) == ["bridge", "lonely", "rain"]

    def test_failing_story_is_reported_not_written(
        self, small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A story whose comparison crashes is listed as failed, left out of the file, and the rest go on."""
        import compare.corpus

        real = compare.corpus.compare_story

        def flaky(name, articles, options=None):  # type: ignore[no-untyped-def]
            if name == "bridge":
                raise RuntimeError("disk on fire")
            return real(name, articles, options)

        monkeypatch.setattr(compare.corpus, "compare_story", flaky)
        out = tmp_path / "results.jsonl"
        run = CorpusRun(small_corpus, out, serial=True)
        list(run)
        assert [r["story"] for r in _lines(out)] == ["lonely", "rain"]
        assert run.failed == ["bridge: RuntimeError: disk on fire"]
        result = CliRunner().invoke(main, ["corpus", str(small_corpus), "-o", str(tmp_path / "b.jsonl"), "--serial"])
        assert result.exit_code == 2
        assert (
            result.output.strip().splitlines()[-1] == "Error: 1 story failed and was not written; run again to retry."
        )

    def test_summary_counts(self, small_corpus: Path, tmp_path: Path) -> None:
        """The summary has a row per story and adds up outlets across stories."""
        out = tmp_path / "results.jsonl"
        list(CorpusRun(small_corpus, out, serial=True))
        summary = summarize(read_records(out))
        assert [r.story for r in summary.stories] == ["bridge", "lonely", "rain"]
        assert summary.stories[1].error
        gazette = next(o for o in summary.outlets if o.outlet == "gazette")
        assert gazette.stories == 2  # bridge and rain; the lonely story was not compared


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    """A local Dask cluster of two single-threaded worker processes."""
    import logging

    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
    )
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def serial(ecb_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The serial path's records of the ECB+ corpus."""
    out = tmp_path_factory.mktemp("serial") / "results.jsonl"
    list(CorpusRun(ecb_corpus, out, serial=True))
    return _by_story(_lines(out))


@pytest.mark.skipif(not dask_available(), reason="Dask not installed (pip install 'compare-sources[dask]')")
class TestDask:
    def test_equals_serial(self, client, ecb_corpus: Path, serial: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """On Dask, every story's record equals the serial path's."""
        out = tmp_path / "results.jsonl"
        list(CorpusRun(ecb_corpus, out, client=client))
        lines = _lines(out)
        assert sorted(r["story"] for r in lines) == sorted(ECB_STORIES)
        assert _by_story(lines) == serial

    def test_worker_killed_mid_run(self, client, ecb_corpus: Path, serial: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A worker killed while comparing a story loses no story and writes none twice."""
        out = tmp_path / "results.jsonl"
        killed = []
        for _record in CorpusRun(ecb_corpus, out, client=client):
            if not killed:
                busy = [w for w, keys in client.processing().items() if keys]
                if busy:
                    pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(busy[0])
        assert killed, "no worker was busy after the first story; nothing was tested"
        names = [r["story"] for r in _lines(out)]
        assert sorted(names) == sorted(ECB_STORIES)  # each once: none lost, none twice
        assert _by_story(_lines(out)) == serial

    def test_rerun_skips(self, client, ecb_corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A second Dask run with the same output submits nothing."""
        out = tmp_path / "results.jsonl"
        list(CorpusRun(ecb_corpus, out, client=client))
        before = out.read_bytes()
        again = CorpusRun(ecb_corpus, out, client=client)
        assert again.todo == []
        assert list(again) == []
        assert out.read_bytes() == before


class TestCommand:
    def test_help_lists_corpus(self) -> None:
        """``compare-sources --help`` shows compare's options and lists both commands."""
        result = CliRunner().invoke(main, ["--help"])
        assert result.exit_code == 0
        assert "--format" in result.output
        assert "corpus" in result.output and "compare" in result.output

    def test_plain_form_still_compares(self, tmp_path: Path) -> None:
        """``compare-sources A B`` runs the comparison, as before corpus mode existed."""
        a, b = tmp_path / "a.txt", tmp_path / "b.txt"
        a.write_text(f"{BRIDGE}\n", encoding="utf-8")
        b.write_text(f"{BRIDGE}\n{RAIN}\n", encoding="utf-8")
        result = CliRunner().invoke(main, [str(a), str(b), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["version"] == 1

    def test_corpus_serial(self, small_corpus: Path, tmp_path: Path) -> None:
        """``corpus DIR -o FILE --serial`` writes the records and prints the summary tables."""
        out = tmp_path / "results.jsonl"
        result = CliRunner().invoke(main, ["corpus", str(small_corpus), "-o", str(out), "--serial", "--width", "120"])
        assert result.exit_code == 0, result.output
        assert len(_lines(out)) == 3
        assert "Stories" in result.output and "bridge" in result.output and "Not compared" in result.output

    def test_corpus_needs_output(self, small_corpus: Path) -> None:
        """--output is required: usage error, exit 2."""
        result = CliRunner().invoke(main, ["corpus", str(small_corpus)])
        assert result.exit_code == 2
        assert "--output" in result.output

    def test_corpus_bad_folder(self, tmp_path: Path) -> None:
        """A corpus folder that does not exist: one-line error, exit 2, no output file."""
        out = tmp_path / "results.jsonl"
        result = CliRunner().invoke(main, ["corpus", str(tmp_path / "missing"), "-o", str(out)])
        assert result.exit_code == 2
        assert result.output.strip().splitlines()[-1] == f"Error: {tmp_path / 'missing'} is not a folder."
        assert not out.exists()
