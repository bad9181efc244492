"""Options: what the matcher is asked to do (``MatchOptions``, changes verdicts) and how the
renderers show it (``ReportOptions``, never changes the comparison)."""

from __future__ import annotations

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


@dataclass(frozen=True)
class ReportOptions:
    """Knobs of the renderers; they never change the comparison."""

    width: int | None = None
    """Console width; ``None`` uses the terminal's."""
    color: bool | None = None
    """Force colour on or off; ``None`` decides by whether output is a terminal."""
    max_rows: int | None = None
    """Cap on rows per table (``None`` = all)."""
