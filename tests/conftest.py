"""Named fixtures: tiny inline articles, files holding them, and a deterministic fake scorer."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from compare.model import Comparison, Features, Unit, UnitKind

WIRE = """Coastal towns count the cost
By Staff Reporter
A storm killed 12 people in Texas on Friday, officials said.
The governor declared a state of emergency in 30 counties.
Power was cut to 200,000 homes across the state.
"""
"""A wire story: headline, byline, a shared fact, a fact only it has, and a number the paper gives differently."""

PAPER = """A storm killed 12 people in Texas on Friday, officials said.
Power was cut to 350,000 homes across the state.
Schools will stay closed until Wednesday, the district announced.
"""
"""A newspaper story on the same storm: the shared fact, the conflicting number, a fact only it has."""

UNRELATED = "Apple released a new phone with a faster chip. Analysts expect strong sales in Asia."
"""A story that shares no fact with the storm stories."""


@pytest.fixture
def wire() -> str:
    """The wire story's text."""
    return WIRE


@pytest.fixture
def paper() -> str:
    """The newspaper story's text."""
    return PAPER


CLAIMS = ["Putin met Trump in Istanbul on Monday.", "Putin met Trump in Geneva on Tuesday.",
          "Kremlin spokesman Dmitry Peskov said 1,000 prisoners were freed.",
          "Kremlin spokesman Yuri Ushakov said 1,200 prisoners were freed.",
          "“We will not stop,” Putin said.", "“We will never stop,” Trump said.", "“We will not stop,” Trump said.",
          "“We will not stop the fighting in the east,” Putin said.",
          "“We will not end the fighting in the east,” Putin said.",
          "The talks may resume in March.", "The talks resume in March.", "The talks did not resume in March.",
          "Two people, aged 5 and 7, died.", "Three people died a week ago.", "Putin, 71, spoke for two hours.",
          "Trump, 78, spoke for three hours.", "The president of France visited Kyiv.", "No deal was reached.",
          "A deal was reached at 3 p.m.", "A deal was reportedly reached at 5 p.m.", "It rained.",
          "Klitschko stopped Thompson in the sixth round.", "Klitschko stopped Thompson in the fifth round.",
          "Rahman looked strong in the fourth round."]  # fmt: skip
"""Claims that between them hold every kind of difference, in pairs worded alike (``test_classify``
checks that they do; ``test_oracles`` runs the fast and plain ``pair_differences`` on them)."""


_KILLED = "A storm killed 12 people in Texas on Friday, officials said."
STORM_LINKS = {
    (_KILLED, _KILLED): 99.0,
    ("Power was cut to 200,000 homes across the state.", "Power was cut to 350,000 homes across the state."): 97.0,
}
"""The two facts the storm stories share, as a :class:`FakeScorer` scores them."""


@pytest.fixture
def storm(wire: str, paper: str) -> Comparison:
    """The wire and paper stories compared, labelled ``wire`` and ``paper``, with the matcher's
    links pinned (:data:`STORM_LINKS`; any other pair by word overlap) so that tests of reports
    do not hang on the matcher's tuning. ``storm_real`` is the same through the real matcher."""
    import compare.match
    from compare import compare_texts

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(compare.match, "score", FakeScorer(fixed=dict(STORM_LINKS)))
        # the fake's word-overlap scores are on their own scale: link only the pinned pairs and near copies
        return compare_texts([wire, paper], labels=["wire", "paper"], threshold=85.0)


@pytest.fixture
def storm_real(wire: str, paper: str) -> Comparison:
    """The wire and paper stories compared by the real matcher, labelled ``wire`` and ``paper``."""
    from compare import compare_texts

    return compare_texts([wire, paper], labels=["wire", "paper"])


@pytest.fixture
def storm_files(tmp_path: Path, wire: str, paper: str) -> list[str]:
    """The two storm stories written to ``wire.txt`` and ``paper.txt`` (UTF-8); their paths."""
    paths = []
    for name, text in (("wire", wire), ("paper", paper)):
        p = tmp_path / f"{name}.txt"
        p.write_text(text, encoding="utf-8", newline="")
        paths.append(str(p))
    return paths


def unit_with(c: Comparison, source: str, words: str) -> Unit:
    """The one unit of ``source`` whose text contains ``words``."""
    found = [u for u in c.units if u.source == source and words in u.text]
    assert len(found) == 1, f"expected one unit of {source} containing {words!r}, got {found}"
    return found[0]


def groups_of(c: Comparison, unit_id: str) -> list[str]:
    """Ids of the groups a unit belongs to."""
    return [g.id for g in c.groups if unit_id in g.units]


@dataclass
class FakeScorer:
    """A deterministic stand-in for ``compare.match.score``.

    Scores a pair of units from different sources by the share of content words they have in
    common (Jaccard x 100), or by ``fixed[(text_a, text_b)]`` when the pair is listed there
    (in either order). Bylines are never scored, as in the real matcher. With ``at_least``,
    like the real scorer, it keeps only the pairs scoring at least that. Records its calls.
    """

    fixed: dict[tuple[str, str], float] = field(default_factory=dict)
    calls: int = 0

    def __call__(
        self,
        units: Sequence[Unit],
        features: dict[str, Features],
        *,
        at_least: float | None = None,
        **_: object,
    ) -> object:
        import numpy as np

        from compare.match import Links

        self.calls += 1
        left, right, scores = [], [], []
        for i, a in enumerate(units):
            for j in range(i + 1, len(units)):
                b = units[j]
                if a.source == b.source or UnitKind.BYLINE in (a.kind, b.kind):
                    continue
                s = self.pair_score(a, b, features)
                if s > 0 and (at_least is None or s >= at_least):
                    left.append(i)
                    right.append(j)
                    scores.append(s)
        return Links(
            left=np.array(left, dtype=np.int64),
            right=np.array(right, dtype=np.int64),
            score=np.array(scores, dtype=np.float64),
        )

    def pair_score(self, a: Unit, b: Unit, features: dict[str, Features]) -> float:
        """The score of one pair."""
        for key in ((a.text, b.text), (b.text, a.text)):
            if key in self.fixed:
                return self.fixed[key]
        ta, tb = set(features[a.id].tokens), set(features[b.id].tokens)
        return round(100.0 * len(ta & tb) / len(ta | tb), 2) if ta and tb else 0.0


@pytest.fixture
def fake_scorer(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., FakeScorer]]:
    """Install a :class:`FakeScorer` in place of the matcher's scorer: ``fake_scorer(fixed={...})``."""
    import compare.match

    def install(fixed: dict[tuple[str, str], float] | None = None) -> FakeScorer:
        fake = FakeScorer(fixed=dict(fixed or {}))
        monkeypatch.setattr(compare.match, "score", fake)
        return fake

    yield install
