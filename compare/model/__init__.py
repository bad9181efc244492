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

from compare.model.counts import Counts, count
from compare.model.json import to_dict as json_report
from compare.options import Detail as Detail  # same
from compare.options import MatchOptions as MatchOptions  # re-exported: its home before compare.options
from compare.options import ReportOptions as ReportOptions  # same


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
    BOILERPLATE = "boilerplate"
    """A line of web-page furniture anywhere in the text ("Advertisement", "Story continues below
    advertisement", "Sign up for our newsletter"): not a fact, never matched."""

    @property
    def matched(self) -> bool:
        """Whether units of this kind take part in matching: sentences and headlines do, bylines and
        boilerplate state no fact."""
        return self is UnitKind.SENTENCE or self is UnitKind.HEADLINE


class DifferenceKind(enum.StrEnum):
    """What a :class:`Difference` is about, in the order a report lists them (CONTRACT.md and README).

    A ``StrEnum``: a member equals its string (``DifferenceKind.NUMBER == "number"``) and is written as
    it in JSON and in text.
    """

    NUMBER = "number"
    """A count, amount, share, duration, age or ordinal given with another value."""
    DATE = "date"
    """A day, date, year or time given as another one."""
    ENTITY = "entity"
    """Another person, organisation or place in the same role."""
    SPEAKER = "speaker"
    """The same words or claim given to someone else."""
    QUOTE = "quote"
    """The same quotation worded differently."""
    HEDGE = "hedge"
    """One source hedges what the other states plainly."""
    NEGATION = "negation"
    """One source says it did not happen, the other that it did."""
    ANTONYM = "antonym"
    """A word where the other source has its opposite ("rose" / "fell")."""


class QuoteStatus(enum.StrEnum):
    """How the sources carry one quotation (:attr:`LedgerEntry.status`); equals its string, as in JSON."""

    IDENTICAL = "identical"
    """Every source that quotes it quotes the same words."""
    ALTERED = "altered"
    """Two sources quote it and a wording differs (see ``Wording.changes``)."""
    SPEAKER = "speaker"
    """Two sources quote the same words and give them to different people."""
    PARAPHRASED = "paraphrased"
    """One source quotes it, another reports its content without quotation marks."""
    SINGLE = "single"
    """One source quotes it and no other source was found to report it."""


class QuantityKind(enum.StrEnum):
    """What sort of value a :class:`Quantity` is; equals its string."""

    NUMBER = "number"
    """A count, amount, share or duration, with its unit of measure when one follows."""
    DATE = "date"
    """A weekday, calendar date, year, decade, time of day or relative day ("yesterday")."""
    AGE = "age"
    """A person's age ("Smith, 42", "a 42-year-old")."""
    ORDINAL = "ordinal"
    """A rank in a series ("the sixth round", "his third call")."""
    DESIGNATION = "designation"
    """A name's number ("Boeing 747", "Apollo 11", "AK 47"): its unit is the name's word, and it is compared
    only with a designation of the same name."""


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
class Segmentation:
    """The units of one article, and why segmentation fell back anywhere (``segment``'s full result)."""

    units: tuple[Unit, ...]
    """The units in reading order (what :func:`compare.segment.segment` returns)."""
    notes: tuple[str, ...] = ()
    """One line per fallback taken, naming the source (over-long sentences split, unpaired quotation marks)."""


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
    kind: QuantityKind = QuantityKind.NUMBER
    """``number``, ``date`` (a weekday or calendar date), ``age`` or ``ordinal``."""
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

    kind: DifferenceKind
    """``number``, ``date``, ``entity``, ``speaker``, ``quote``, ``hedge``, ``negation`` or ``antonym``."""
    detail: str
    """One line a person can read (display text: read ``subject`` and ``values``, do not parse it)."""
    values: dict[str, str]
    """The value each source gives, by source id."""
    subject: str | None = None
    """What the values are of, when ``classify`` knows it: for ``number`` and ``date`` what is measured
    (``"number (people)"``, ``"day"``, ``"share"``: differences of one subject merge across sources); for
    ``entity`` the role (``"person"``, ``"place"`` ... or the preposition or title before the names,
    ``"in"``); for ``speaker`` and ``quote`` the quotation as the first source words it (``None`` for a
    claim given to someone else without quotation marks); for ``hedge`` and ``negation`` the cue words;
    for ``antonym`` the two opposite words (``"rose / fell"``). Not in the JSON report."""


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
    status: QuoteStatus
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
class Explanation:
    """What the members of one group share."""

    names: tuple[str, ...]
    """People, organisations and places every member names (as the names table writes them)."""
    numbers: tuple[str, ...]
    """Numbers and dates every member mentions (as the numbers table writes them)."""
    words: tuple[str, ...]
    """Other content words every member has, as the first member writes them, rarest first."""

    def to_dict(self) -> dict[str, list[str]]:
        """The JSON form: ``{"names": [...], "numbers": [...], "words": [...]}``."""
        return {"names": list(self.names), "numbers": list(self.numbers), "words": list(self.words)}

    def line(self, *, words: int = 8) -> str:
        """One line a person reads: ``shared names: Putin, Trump · numbers: Monday · words: call, …``."""
        parts = []
        if self.names:
            parts.append("names: " + ", ".join(self.names))
        if self.numbers:
            parts.append("numbers: " + ", ".join(self.numbers))
        if self.words:
            more = "…" if len(self.words) > words else ""
            parts.append("words: " + ", ".join(self.words[:words]) + more)
        return "shared " + " · ".join(parts) if parts else "nothing shared but the matcher's fuzzy scores"


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
    strengths: dict[str, str] = field(default_factory=dict, compare=False)
    """Each matched group's strength in words ("same statement", "paraphrase", "partial"), by group id."""
    explanations: dict[str, Explanation] = field(default_factory=dict, compare=False)
    """Why each matched group was matched (shared names, numbers, words), by group id."""
    counts: Counts = field(init=False, compare=False, repr=False)
    """Agree, differ, only and omits (``compare.model.counts``, the one definition), computed once
    from the groups when the record is made and stored here; every renderer, the gate and corpus
    mode read this field. Not an argument: ``dataclasses.replace`` recomputes it, so it always
    matches ``groups``."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "counts", count(self))

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
        k = self.counts
        return {"agree": k.agree, "differ": k.differ, "only": dict(k.only)}

    def to_dict(self) -> dict[str, Any]:
        """The JSON report, version 1 (see CONTRACT.md)."""
        return json_report(self)
