"""Options: what the matcher is asked to do (``MatchOptions``, changes verdicts) and how the
renderers show it (``ReportOptions``, never changes the comparison)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MatchOptions:
    """Knobs of the matcher (0..100 scale like rapidfuzz scores).

    Changing them changes verdicts; display options live in ``ReportOptions``.
    """

    threshold: float = field(default_factory=lambda: _fitted("fact", "link"))
    """Minimum fact similarity (``similarity``) for two units of different sources to be linked.
    Default: the level chosen by cross-validation over topics (``compare/weights/fact.json``)."""
    other_story: float | None = None
    """Minimum fact similarity for a link between two sources that the story model finds to cover
    different stories (never below ``threshold``); ``None``: the level in ``compare/weights/fact.json``."""
    relative: float = 0.0
    """A link must also score within this many points of the best link of both its units
    (0 disables)."""
    max_links: int = 2
    """At most this many links per unit towards each other source: 1 links each unit to its best
    counterpart only; 2 also allows a second counterpart that states another part of the unit, 3 a
    third, and so on (each such counterpart's own best link is the unit)."""
    sentence_score: float = 0.0
    """Kept for compatibility; no longer used (the fact model weighs the two units alone)."""
    distinct: float | None = None
    """Minimum cosine of two units' content words weighted by their rarity in the comparison (words
    the whole story shares weigh little) for a link below the paraphrase level; 0 disables;
    ``None``: the level chosen by cross-validation (``distinct`` in ``compare/weights/fact.json``)."""
    related: float | None = None
    """Minimum event similarity for two units stating different facts to be listed as related;
    ``None``: the level in ``compare/weights/event.json``."""


def _fitted(model: str, threshold: str) -> float:
    """A threshold of a fitted model, read from its weights file."""
    from compare.weights import load  # lazy: weights loads numpy; not on `import compare` / `--help`

    return load(model).thresholds[threshold]


class Detail(enum.Enum):
    """How much of the comparison a report shows (``--detail``)."""

    SUMMARY = "summary"
    """Only the first block: one line per pair of sources with the counts."""
    STANDARD = "standard"
    """The summary, then what the sources report differently, what both report, what each alone
    reports and the quotations that matter, each list cut to its ``ReportOptions.top`` rows."""
    FULL = "full"
    """Every section uncut, with the complete quote ledger and the names and numbers tables."""


@dataclass(frozen=True)
class ReportOptions:
    """Knobs of the renderers; they never change the comparison."""

    width: int | None = None
    """Console width; ``None`` uses the terminal's."""
    color: bool | None = None
    """Force colour on or off; ``None`` decides by whether output is a terminal."""
    max_rows: int | None = None
    """Cap on rows per table (``None`` = all)."""
    detail: Detail = Detail.STANDARD
    """How much to show (``--detail``)."""
    explain: bool = False
    """Under each matched fact, the shared names, numbers and words that carried the match (``--explain``)."""
    top: int = 10
    """Rows of each list at ``Detail.STANDARD`` ("Only in A", "Reported by both" ...); a line says how many more."""
    max_chars: int | None = 65_536
    """Markdown only: the report's length limit in characters (a GitHub pull-request comment holds
    65,536); sections are cut, longest lists first, and the report says what it left out.
    ``None`` = no limit; ``Detail.FULL`` has none either (it is what a cut report points to)."""

    def rows(self, n: int) -> int:
        """How many of ``n`` rows a list shows at this detail."""
        cap = n if self.detail is Detail.FULL else min(n, self.top)
        return cap if self.max_rows is None else min(cap, self.max_rows)
