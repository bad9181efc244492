"""The data that flows between the pipeline stages, and the one result record.

Every type is a frozen dataclass: stages build new values instead of changing old ones, and
renderers read a :class:`Comparison` and nothing else.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


class Verdict(enum.Enum):
    """What the sources say about one fact."""

    AGREE = "agree"
    """Two or more sources report it and no detail conflicts."""
    DIFFER = "differ"
    """Two or more sources report it and at least one detail conflicts."""
    ONLY = "only"
    """A single source reports it."""


class UnitKind(enum.Enum):
    """The role a unit plays in its article."""

    SENTENCE = "sentence"
    """An ordinary sentence (or a quotation running over several sentences) of the body."""
    HEADLINE = "headline"
    """A title line: matched like any unit, but never listed as an omission."""
    BYLINE = "byline"
    """Outlet, author or date line under the headline: not a fact, never matched."""


@dataclass(frozen=True)
class Article:
    """One source text as read, before segmentation."""

    id: str
    """Short id used in unit ids and reports: ``A``, ``B``, ``C`` ..."""
    label: str
    """Human name of the source (file stem or caller's label)."""
    text: str
    """The decoded text; unit offsets index into it."""
    path: str | None = None
    """Where it was read from, ``-`` for standard input, ``None`` for text given directly."""
    encoding: str | None = None
    """Encoding used to decode the file, when read from bytes."""
    extracted: bool = False
    """True when ``text`` was extracted from HTML."""


@dataclass(frozen=True)
class Unit:
    """A sentence or claim of one source, traceable to its characters."""

    id: str
    """Source id followed by the unit's index in that source, e.g. ``A3``."""
    source: str
    """Id of the :class:`Article` it comes from."""
    index: int
    """Position among the source's units (0 = lead)."""
    start: int
    """Offset of the first character in the article text."""
    end: int
    """Offset one past the last character: ``article.text[start:end] == text``."""
    text: str
    """The unit's text, verbatim."""
    kind: UnitKind = UnitKind.SENTENCE
    """Sentence of the body or headline."""


@dataclass(frozen=True)
class Features:
    """What the matcher and classifier know about one unit."""

    unit_id: str
    tokens: tuple[str, ...]
    """Lower-cased, stemmed content words (stop words removed)."""
    names: frozenset[str]
    """Canonical keys of named people, places and organisations (aliases resolved per article)."""
    numbers: tuple[Quantity, ...]
    """Quantities mentioned, normalised."""
    quotes: tuple[str, ...]
    """Direct quotations (text between quote marks)."""
    negated: bool
    """The main statement carries a negation (``not``, ``never``, ``no`` ...)."""
    hedges: tuple[str, ...]
    """Hedging words found (``may``, ``reportedly``, ``appears`` ...)."""
    speaker: str | None
    """Canonical key of the person the unit attributes its statement to, if any."""
    speaker_name: str | None = None
    """That person's name as written in full in the article."""
    quoted: tuple[Quote, ...] = ()
    """The direct quotations with their offsets and speakers (``quotes`` holds their words)."""


@dataclass(frozen=True)
class Quote:
    """A direct quotation inside one unit, and who it is attributed to."""

    text: str
    """The words between the quotation marks, verbatim."""
    start: int
    """Offset of ``text`` in the unit's text."""
    end: int
    """Offset one past ``text`` in the unit's text."""
    speaker: str | None = None
    """Canonical key of the speaker (a person's surname key, or ``"the official"``-like words)."""
    speaker_name: str | None = None
    """The speaker as the article names them in full (``"Dmitry Peskov"``, ``"An Italian official"``)."""
    depth: int = 0
    """0 for a quotation, 1 for one quoted inside another."""
    continued: bool = False
    """The quotation was opened in an earlier unit (it runs over several sentences)."""
    unfinished: bool = False
    """The quotation is still open at the end of the unit."""


@dataclass(frozen=True)
class Quantity:
    """A number mentioned in a unit, with its unit of measure when one follows."""

    value: float
    """The numeric value (``"1,000"`` and ``"one thousand"`` both give 1000.0)."""
    unit: str
    """Normalised unit word (``"hour"``, ``"prisoner"``, ``"%"``) or ``""``."""
    text: str
    """The words as written."""
    kind: str = "number"
    """``number``, ``date`` (a weekday or calendar date) or ``age``."""
    start: int = 0
    """Offset of ``text`` in the unit's text."""
    end: int = 0
    """Offset one past ``text`` in the unit's text."""
    approx: bool = False
    """Written as an estimate or bound (``"about 1,000"``, ``"more than three years"``)."""
    step: float = 0.0
    """Rounding the writing implies (``"2.5 million"`` is exact to 100,000); 0 when exact."""
    keys: frozenset[str] = frozenset()
    """Stemmed words naming what is counted (``"prison"`` for ``"1,000 prisoners"``), or whose age."""


@dataclass(frozen=True)
class Difference:
    """One conflicting detail inside a matched group."""

    kind: str
    """``number``, ``date``, ``entity``, ``speaker``, ``quote``, ``hedge`` or ``negation``."""
    detail: str
    """One line a person can read."""
    values: dict[str, str]
    """The value each source gives, by source id."""


@dataclass(frozen=True)
class Wording:
    """One source's wording of a quotation in the quote ledger."""

    source: str
    """Id of the source."""
    unit: str
    """Id of the unit holding the quotation."""
    text: str
    """The quoted words, verbatim."""
    speaker: str | None
    """Who this source says spoke them (full name or description), if it says."""
    changes: tuple[str, ...] = ()
    """Words changed against the ledger entry's first wording: ``"a -> b"``, ``"- cut"``, ``"+ added"``."""


@dataclass(frozen=True)
class LedgerEntry:
    """A direct quotation and every source that carries it (one row of the quote ledger)."""

    id: str
    """``q1``, ``q2`` ... in order of first appearance."""
    speaker: str | None
    """The speaker as resolved in the first source that quotes it."""
    status: str
    """``identical`` (every source quotes the same words), ``altered`` (a wording differs:
    see ``Wording.changes``), ``speaker`` (the same words given to different people),
    ``paraphrased`` (one source quotes it, another reports it without quotation marks) or
    ``single`` (one source, no paraphrase found)."""
    wordings: tuple[Wording, ...]
    """Each source's wording, in source order."""
    paraphrased_in: tuple[str, ...] = ()
    """Ids of units of other sources that report the quotation's content without quoting it."""
    inside: str | None = None
    """For a quotation inside another, the id of the entry it sits in."""

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of the sources that quote it, in order."""
        return tuple(dict.fromkeys(w.source for w in self.wordings))


@dataclass(frozen=True)
class Mention:
    """A name or a number, and where each source mentions it (one row of the names or numbers table)."""

    text: str
    """How it reads: the fullest name, or the number in normal form (``"1,000 prisoner"``)."""
    kind: str
    """For names ``person``, ``organisation``, ``place`` or ``name`` (not sure which);
    for numbers the dimension (``count``, ``date:weekday``, ``number:%`` ...)."""
    units: dict[str, tuple[str, ...]]
    """By source id, the ids of the units that mention it (empty when the source does not)."""
    written: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """By source id, how that source writes it."""


@dataclass(frozen=True)
class Group:
    """Units of two or more sources that report the same fact, or a unit only one source has."""

    id: str
    verdict: Verdict
    units: tuple[str, ...]
    """Unit ids, in source order."""
    score: float | None
    """``similarity`` of the members (0..100); ``None`` for ``ONLY``."""
    differences: tuple[Difference, ...] = ()


@dataclass(frozen=True)
class Related:
    """Two units of different sources about the same event or sub-topic that state different facts:
    context for a reader ("see also"), never agreement."""

    units: tuple[str, str]
    """The two unit ids, in source order."""
    score: float
    """How closely the two units relate (0..100)."""


@dataclass(frozen=True)
class Story:
    """Whether two sources cover the same story: one answer per pair of sources, from the whole texts."""

    sources: tuple[str, str]
    """The two source ids, in source order."""
    score: float
    """Similarity of the two whole texts (0..100)."""
    same: bool
    """Whether the score reaches the level from which two texts count as one story."""


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
    counterpart only; 2 also allows a second counterpart that states another part of the unit."""
    sentence_score: float = 0.0
    """Kept for compatibility; no longer used (the fact model weighs the two units alone)."""
    related: float | None = None
    """Minimum event similarity for two units stating different facts to be listed as related;
    ``None``: the level in ``compare/weights/event.json``."""


def _fitted(model: str, threshold: str) -> float:
    """A threshold of a fitted model, read from its weights file."""
    from compare.weights import load

    return load(model).thresholds[threshold]


@dataclass(frozen=True)
class ReportOptions:
    """Knobs of the renderers; they never change the comparison."""

    width: int | None = None
    """Console width; ``None`` uses the terminal's."""
    color: bool | None = None
    """Force colour on or off; ``None`` decides by whether output is a terminal."""
    max_rows: int | None = None
    """Cap on rows per table (``None`` = all)."""


@dataclass(frozen=True)
class Comparison:
    """The whole result: what every renderer reads."""

    sources: tuple[Article, ...]
    units: tuple[Unit, ...]
    groups: tuple[Group, ...]
    options: MatchOptions = field(default_factory=MatchOptions)
    features: dict[str, Features] = field(default_factory=dict, compare=False, repr=False)
    """Per-unit features, by unit id (for renderers that show names, numbers, quotes)."""
    notes: tuple[str, ...] = ()
    """Reasons for any fallback taken (degraded segmentation, truncation ...)."""
    quotes: tuple[LedgerEntry, ...] = ()
    """The quote ledger: every direct quotation of every source, lined up across sources."""
    entities: tuple[Mention, ...] = ()
    """Named people, organisations and places, with the sources that name each."""
    numbers: tuple[Mention, ...] = ()
    """Numbers and dates, with the sources that mention each."""
    related: tuple[Related, ...] = ()
    """Units that report the same event but state different facts (context, never agreement)."""
    stories: tuple[Story, ...] = ()
    """For each pair of sources, whether they cover the same story."""

    def unit(self, unit_id: str) -> Unit:
        """Look a unit up by id."""
        return self._units_by_id[unit_id]

    @cached_property
    def _units_by_id(self) -> dict[str, Unit]:
        # built once: renderers look units up inside loops over groups
        return {u.id: u for u in self.units}

    @cached_property
    def units_per_source(self) -> dict[str, int]:
        """How many units each source has, by source id."""
        return dict(Counter(u.source for u in self.units))

    def source_of(self, unit_id: str) -> Article:
        """The article a unit belongs to."""
        sid = self.unit(unit_id).source
        return next(a for a in self.sources if a.id == sid)

    def summary(self) -> dict[str, Any]:
        """Counts of groups by verdict, and of ``only`` facts by source (headlines left out)."""
        only = {a.id: 0 for a in self.sources}
        by_id = self._units_by_id
        agree = differ = 0
        for g in self.groups:
            if g.verdict is Verdict.AGREE:
                agree += 1
            elif g.verdict is Verdict.DIFFER:
                differ += 1
            else:
                u = by_id[g.units[0]]
                if u.kind is UnitKind.SENTENCE:
                    only[u.source] += 1
        return {"agree": agree, "differ": differ, "only": only}

    def to_dict(self) -> dict[str, Any]:
        """The JSON report, version 1 (see CONTRACT.md)."""
        from compare.report.json import to_dict

        return to_dict(self)
