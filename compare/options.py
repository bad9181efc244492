"""Options: what the matcher is asked to do (``MatchOptions``, changes verdicts) and how the
renderers show it (``ReportOptions``, never changes the comparison)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


@dataclass(frozen=True)
class MatchOptions:
    """Knobs of the matcher (0..100 scale like rapidfuzz scores).

    Changing them changes verdicts; display options live in ``ReportOptions``.
    """

    threshold: float = 85.0
    """Minimum similarity for two units of different sources to be linked."""
    relative: float = 0.0
    """A link must also score within this many points of the best link of either unit
    (0 disables)."""
    max_links: int = 5
    """At most this many links per unit towards each other source."""
    sentence_score: float = 7.0
    """Minimum score (0..100) of the sentence model for a link between units of whole articles
    (0 disables). The link model, fitted on the sentences ECB+ annotators targeted (mostly those
    about the story's main event), rates nearly every pair of one story's articles as linked; the
    sentence model, fitted on all annotated pairs, checks each pair for itself."""


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
