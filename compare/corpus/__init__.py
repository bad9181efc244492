"""Corpus mode: compare every story of a folder N-way, on Dask, one JSON line per story.

``DIR`` holds one folder per story with its articles (the layout of the ECB+ ``sets/`` folder);
each story is compared as one task. The articles are read here, on the machine that runs the
command, and sent to the workers, so a remote Dask cluster needs compare-sources installed but
not the files.

Results go to a JSON Lines file, one record per story, appended and flushed as each story
finishes; stories already in the file are skipped, so an interrupted run loses nothing and a
re-run finishes the job. A record is ``{"story", "articles", "seconds", "stats", "report"}``
(``report`` is the JSON report of :func:`compare.compare_files`, ``stats`` the counts the
summary table reads) or ``{"story", "articles", "error"}`` when the story cannot be compared.

Dask is optional (``pip install 'compare-sources[dask]'``): without it, stories are compared one
after the other in this process.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.errors import CompareError
from compare.ingest import read_articles
from compare.model import Article, Comparison
from compare.options import MatchOptions
from compare.util import paused_gc

if TYPE_CHECKING:
    from distributed import Client

DEFAULT_PATTERN = "*.txt"
"""Which files of a story folder are its articles."""


class CorpusError(CompareError):
    """The corpus folder, the output file or the Dask set-up cannot be used."""


@dataclass(frozen=True)
class Story:
    """One folder of the corpus: the articles about one event."""

    name: str
    """The folder's name, which identifies the story in the output."""
    paths: tuple[str, ...]
    """Its article files, sorted by name."""


def find_stories(root: str | os.PathLike[str], *, pattern: str = DEFAULT_PATTERN) -> list[Story]:
    """Every sub-folder of ``root`` holding at least one file matching ``pattern``, sorted by name.

    Raises
    ------
    CorpusError
        ``root`` is not a folder, or no sub-folder holds an article.
    """
    base = Path(root)
    if not base.is_dir():
        raise CorpusError(f"{root} is not a folder.")
    stories = []
    for sub in sorted(p for p in base.iterdir() if p.is_dir()):
        paths = tuple(str(p) for p in sorted(sub.glob(pattern)) if p.is_file())
        if paths:
            stories.append(Story(sub.name, paths))
    if not stories:
        raise CorpusError(f"No story folder in {root} holds a {pattern} file.")
    return stories


def read_story(story: Story) -> list[Article]:
    """The story's articles, labelled by file name (raises ``CompareError`` when unusable)."""
    return read_articles(list(story.paths))


def compare_story(name: str, articles: Sequence[Article], options: MatchOptions | None = None) -> dict[str, Any]:
    """The output record of one story: compare its articles N-way (the task a worker runs)."""
    from compare.pipeline import compare_articles  # lazy: in Dask mode only the workers run the stages (numpy)

    t = time.perf_counter()
    try:
        with paused_gc():  # the worker's GC policy, set here at the edge (see compare.util.paused_gc)
            result = compare_articles(articles, options)
    except CompareError as e:
        return {"story": name, "articles": len(articles), "error": str(e)}
    report = result.to_dict()
    return {
        "story": name,
        "articles": len(articles),
        "seconds": round(time.perf_counter() - t, 3),
        "stats": story_stats(result),
        "report": report,
    }


def story_stats(result: Comparison) -> dict[str, Any]:
    """Counts for the summary: units, groups by verdict, and per outlet its units, the facts only it
    reports, and the facts it omits (matched by two or more other sources, not by it), read from the
    result record (``Comparison.counts``, computed once when the record is made)."""
    k = result.counts
    per_source = result.units_per_source
    outlets = {a.label: {"units": per_source.get(a.id, 0), "only": k.only[a.id], "omits": k.omits[a.id]}
               for a in result.sources}  # fmt: skip
    counts = {"agree": k.agree, "differ": k.differ, "only": sum(k.only.values())}
    return {"units": len(result.units), **counts, "outlets": outlets}


# --------------------------------------------------------------------------- output file


def read_records(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The records already in the output file (none if it does not exist).

    A last line cut short by a crash is removed from the file, so that appending starts clean.
    """
    p = Path(path)
    if not p.exists():
        return []
    if p.is_dir():
        raise CorpusError(f"{path} is a folder, not a file.")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise CorpusError(f"Cannot read {path}: {e.strerror or e}.") from None
    if data and not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
        with open(p, "r+b") as f:
            f.truncate(keep)
        data = data[:keep]
    records = []
    for n, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise CorpusError(f"{path}, line {n}, is not a JSON record; is it a corpus output file?") from None
        if not isinstance(record, dict) or "story" not in record:
            raise CorpusError(f"{path}, line {n}, has no story; is it a corpus output file?")
        records.append(record)
    return records


def _append(f: Any, record: dict[str, Any]) -> None:
    f.write(json.dumps(record, ensure_ascii=False) + "\n")
    f.flush()
    os.fsync(f.fileno())


# --------------------------------------------------------------------------- running


def dask_available() -> bool:
    """Whether the optional Dask extra is installed."""
    return importlib.util.find_spec("distributed") is not None


class CorpusRun:
    """One run of corpus mode: what it will do, known on creation; iterate over it to do it.

    >>> run = CorpusRun("sets", "results.jsonl")          # doctest: +SKIP
    >>> for record in run:                                # one per story, once written
    ...     print(record["story"])

    Parameters
    ----------
    root:
        The corpus folder: one sub-folder per story.
    output:
        JSON Lines file, appended to; stories already in it are skipped.
    options:
        Matcher options for every story.
    pattern:
        Which files of a story folder are articles.
    client:
        A connected ``distributed.Client`` to use (left open).
    scheduler:
        Address of a running Dask scheduler (``tcp://host:8786``) to connect to.
    workers:
        Worker processes of the local Dask cluster started when neither ``client`` nor
        ``scheduler`` is given (default: one per CPU).
    serial:
        Compare the stories one after the other in this process, without Dask. Also the
        fallback when Dask is not installed and no ``scheduler`` is asked for.

    Raises
    ------
    CorpusError
        Unusable folder or output file, or ``scheduler`` given without Dask installed.
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        output: str | os.PathLike[str],
        *,
        options: MatchOptions | None = None,
        pattern: str = DEFAULT_PATTERN,
        client: Client | None = None,
        scheduler: str | None = None,
        workers: int | None = None,
        serial: bool = False,
    ) -> None:
        self.output = Path(output)
        self.stories = find_stories(root, pattern=pattern)
        """Every story of the corpus."""
        self.done = {r["story"] for r in read_records(output)}
        """Stories already in the output file."""
        self.todo = [s for s in self.stories if s.name not in self.done]
        """Stories this run compares."""
        self.failed: list[str] = []
        """Stories whose task failed, with the reason (not written: a re-run retries them)."""
        folder = self.output.resolve().parent
        if not folder.is_dir():
            raise CorpusError(f"Cannot write {output}: folder {folder} does not exist.")
        if not serial and client is None and not dask_available():
            if scheduler:
                raise CorpusError("--scheduler needs Dask: pip install 'compare-sources[dask]'.")
            serial = True
        self.serial = serial
        """Whether stories are compared in this process, one after the other."""
        self._options, self._client, self._scheduler, self._workers = options, client, scheduler, workers

    @property
    def skipped(self) -> int:
        """Stories skipped because the output file has them already."""
        return len(self.stories) - len(self.todo)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Compare the stories to do; yield each record after it is appended to the output file."""
        if not self.todo:
            return
        try:
            f = open(self.output, "a", encoding="utf-8", newline="\n")  # closed in the finally below
        except OSError as e:
            raise CorpusError(f"Cannot write {self.output}: {e.strerror or e}.") from None
        written = set(self.done)
        try:
            if self.serial:
                records: Iterable[dict[str, Any]] = _serial(self.todo, self._options, self.failed)
            else:
                records = _on_dask(self.todo, self._options, self.failed, client=self._client,
                                   scheduler=self._scheduler, workers=self._workers)  # fmt: skip
            for record in records:
                if record["story"] in written:  # a task that ran twice (worker lost after finishing): keep one
                    continue
                _append(f, record)
                written.add(record["story"])
                yield record
        finally:
            f.close()


def _read_or_error(story: Story) -> tuple[list[Article] | None, dict[str, Any] | None]:
    try:
        return read_story(story), None
    except CompareError as e:
        return None, {"story": story.name, "articles": len(story.paths), "error": str(e)}


def _serial(todo: Sequence[Story], options: MatchOptions | None, failed: list[str]) -> Iterator[dict[str, Any]]:
    """Compare the stories one after the other, here; a story that fails is noted and skipped, as on Dask."""
    for story in todo:
        articles, error = _read_or_error(story)
        if error is not None:
            yield error
            continue
        try:
            record = compare_story(story.name, articles or [], options)
        except Exception as e:  # a bug on one story must not stop the corpus: retry on re-run
            failed.append(f"{story.name}: {type(e).__name__}: {e}")
            continue
        yield record


def _on_dask(
    todo: Sequence[Story],
    options: MatchOptions | None,
    failed: list[str],
    *,
    client: Client | None,
    scheduler: str | None,
    workers: int | None,
) -> Iterator[dict[str, Any]]:
    """Submit the stories to Dask, a few per worker thread at a time, and yield records as they finish."""
    from distributed import as_completed  # lazy: Dask is an optional extra

    own: list[Any] = []
    try:
        if client is None:
            client, own = _connect(scheduler, workers)
        in_flight = max(4, 2 * sum(client.nthreads().values()))
        queue = iter(todo)
        names: dict[str, str] = {}
        futures = as_completed()

        def submit(k: int) -> Iterator[dict[str, Any]]:
            """Submit up to ``k`` more stories; yield the records of those that cannot be read."""
            while k > 0:
                story = next(queue, None)
                if story is None:
                    return
                articles, error = _read_or_error(story)
                if error is not None:
                    yield error
                    continue
                assert articles is not None
                fut = client.submit(compare_story, story.name, articles, options, pure=False)
                names[fut.key] = story.name
                futures.add(fut)
                k -= 1

        yield from submit(in_flight)
        for fut in futures:
            try:
                record = fut.result()
            except Exception as e:  # the task failed (e.g. killed its workers too often): retry on re-run
                failed.append(f"{names.get(fut.key, fut.key)}: {type(e).__name__}: {e}")
            else:
                yield record
            fut.release()
            yield from submit(1)
    finally:
        for closable in own:
            closable.close()


def _connect(scheduler: str | None, workers: int | None) -> tuple[Client, list[Any]]:
    """A client to ``scheduler``, or to a new local cluster of ``workers`` single-threaded processes."""
    from distributed import Client, LocalCluster  # lazy: Dask is an optional extra

    if scheduler:
        try:
            client = Client(scheduler, timeout=10)
        except (OSError, TimeoutError) as e:
            raise CorpusError(f"Cannot connect to the Dask scheduler at {scheduler}: {e}.") from None
        return client, [client]
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)  # fmt: skip
    client = Client(cluster)
    return client, [client, cluster]


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class StoryRow:
    """One story in the summary."""

    story: str
    articles: int
    units: int
    agree: int
    differ: int
    only: int
    error: str | None = None

    @property
    def agreement(self) -> float | None:
        """Share of the facts two or more outlets report on which they agree (``None``: no such fact)."""
        matched = self.agree + self.differ
        return self.agree / matched if matched else None


@dataclass(frozen=True)
class OutletRow:
    """One outlet (article label) in the summary, over every story it appears in."""

    outlet: str
    stories: int
    units: int
    only: int
    """Facts only this outlet reports."""
    omits: int
    """Facts two or more other outlets of the same story report and this one leaves out."""


@dataclass(frozen=True)
class CorpusSummary:
    """Counts across the stories of an output file, for the final table."""

    stories: tuple[StoryRow, ...]
    outlets: tuple[OutletRow, ...]
    """Sorted by omissions, most first."""


def summarize(records: Iterable[dict[str, Any]]) -> CorpusSummary:
    """The summary of the given records (the last record of a story wins)."""
    by_story = {r["story"]: r for r in records}
    rows = []
    outlets: dict[str, list[int]] = {}
    for name in sorted(by_story):
        r = by_story[name]
        if "error" in r:
            rows.append(StoryRow(name, int(r.get("articles", 0)), 0, 0, 0, 0, error=str(r["error"])))
            continue
        s = r["stats"]
        rows.append(StoryRow(name, int(r["articles"]), s["units"], s["agree"], s["differ"], s["only"]))
        for outlet, o in s["outlets"].items():
            acc = outlets.setdefault(outlet, [0, 0, 0, 0])
            acc[0] += 1
            acc[1] += o["units"]
            acc[2] += o["only"]
            acc[3] += o["omits"]
    outlet_rows = sorted((OutletRow(k, *v) for k, v in outlets.items()), key=lambda o: (-o.omits, o.outlet))
    return CorpusSummary(tuple(rows), tuple(outlet_rows))
