"""Who and what each source names: the people / organisations / places table and the numbers table.

A stage after ``features``: it reads units and their features and returns
:class:`~compare.model.Mention` rows, one per name or value, with the units of each source
that mention it, so that a person or a figure one source leaves out stands out.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from compare.features.quantities import _date_parts, describe, dimension, magnitude, magnitude_step, same_value
from compare.match import zipf
from compare.model import Features, Mention, Quantity, QuantityKind, Unit
from compare.text.names import (
    NAME_PARTICLES,
    ORG_WORDS,
    PERSON_TITLES,
    context_kind,
    display_name,
    own_kind,
)
from compare.text.words import TITLES, name_key, name_spans, starts_place

_SKIP = frozenset(
    "however meanwhile still nevertheless also instead separately earlier later then yet indeed "
    "moreover but and so thus the a an i".split()
)


def entity_table(units: Sequence[Unit], features: dict[str, Features], sources: Sequence[str]) -> list[Mention]:
    """Named people, organisations and places, with the units of each source that name them.

    Parameters
    ----------
    units:
        All units, in source order (bylines are left out).
    features:
        Their features (speakers mark people).
    sources:
        Source ids, in order.

    Returns
    -------
    list[Mention]
        Names named by most sources first, then in order of first mention.
    """
    speakers = {f.speaker for f in features.values() if f.speaker} | {
        q.speaker for f in features.values() for q in f.quoted if q.speaker
    }
    rows: dict[str, _Row] = {}
    mid_sentence = _mid_sentence_words(units)
    # whether a run of words names something, and under which key: the same for every mention of it
    named: dict[tuple[str, ...], _Name | None] = {}
    # a text's mentions depend on the text alone (with this table's speakers and capitalised words): a
    # sentence that two sources print alike, or one prints twice, is read once
    read: dict[str, list[_Read]] = {}
    for u in units:
        if not u.kind.matched:
            continue
        mentions = read.get(u.text)
        if mentions is None:
            mentions = read[u.text] = _read(u.text, named, mid_sentence, speakers)
        for full, key, size, as_written, vote in mentions:
            row = rows.get(key)
            if row is None:
                row = rows[key] = _Row(full, size)
            elif size > row.size:
                row.name, row.size = full, size
            ids = row.units.setdefault(u.source, [])
            if not ids or ids[-1] != u.id:  # a unit is read once, its mentions together: only the last id may be it
                ids.append(u.id)
            spellings = row.written.setdefault(u.source, [])
            if as_written not in spellings:
                spellings.append(as_written)
            row.votes[vote] = row.votes.get(vote, 0) + 1
    out = [
        Mention(
            text=row.name,
            kind=_kind(row.votes),
            units={sid: tuple(row.units.get(sid, ())) for sid in sources},
            written={sid: tuple(row.written[sid]) for sid in sources if sid in row.written},
        )
        for row in rows.values()  # in order of first mention
    ]
    first = {m.text: i for i, m in enumerate(out)}
    return sorted(out, key=lambda m: (-sum(1 for v in m.units.values() if v), first[m.text]))


@dataclass
class _Row:
    """A row of the names table while it is built."""

    name: str
    """The longest form of the name seen yet (the first of that many words)."""
    size: int
    """How many words ``name`` has."""
    units: dict[str, list[str]] = field(default_factory=dict)
    """Source -> ids of its units that mention the name, in order."""
    written: dict[str, list[str]] = field(default_factory=dict)
    """Source -> its spellings of the name, in order of first use."""
    votes: dict[str, int] = field(default_factory=dict)
    """How many mentions suggest each kind (``kind_vote``)."""


_Read = tuple[str, str, int, str, str]
"""A mention of a name in a text: display name, row key, its words, the words as written, its ``kind_vote``."""


_Name = tuple[str, str, int, str | None]
"""A run of words read as a name (``_named``, once per run): display name, row key, its words, ``_own_kind``."""


def _read(
    text: str, named: dict[tuple[str, ...], _Name | None], mid_sentence: set[str], speakers: set[str]
) -> list[_Read]:
    """The mentions of names in one text, in order (``named`` is filled in as runs of words come)."""
    out: list[_Read] = []
    for s, e, parts in _table_spans(text):
        if parts in named:
            found = named[parts]
        else:
            found = named[parts] = _named(parts, mid_sentence)
        if found is not None:
            full, key, size, own = found
            vote = own if own is not None else context_kind(text, s, e, parts, key in speakers)
            out.append((full, key, size, " ".join(parts), vote))
    return out


def _own_kind(parts: tuple[str, ...], shown: list[str]) -> str | None:
    """``names.own_kind`` of the name as shown (its words ``shown``), else ``person`` after a title only a
    person holds ("Foreign Ministry Spokeswoman Anna Berg": a person, though "Ministry" names a body), else
    ``names.own_kind`` of all the words, titles in front included."""
    own = own_kind(shown)
    if own is not None or len(shown) == len(parts):
        return own
    if any(p.lower().strip(".") in PERSON_TITLES for p in parts[: len(parts) - len(shown)]):
        return "person"
    return own_kind(parts)


def _named(parts: tuple[str, ...], mid_sentence: set[str]) -> _Name | None:
    """A run of capitalised words as a name of the table: ``(display name, row key, its words, _own_kind)``,
    or None when it is no name (a common word capitalised, an adjective of nationality...)."""
    # a run that ``_table_spans`` joined holds lower-case particles or connectors (``_JOINED``; no other
    # word of a run opens in lower case), or a possessive before its last word: most runs hold neither
    plain = len(parts) == 1 or (
        _JOINED.isdisjoint(parts) and "’s " not in (run := " ".join(parts)) and "'s " not in run
    )
    full = display_name(parts) if plain else _table_name(parts)
    # (the first character is tested alone first: most names open with a letter)
    if not full or full.lower() in _SKIP or not (full[0].isalpha() or any(c.isalpha() for c in full)):
        return None
    if len(parts) == 1 and (full not in mid_sentence or full.isupper()) and _common_word(full):
        return None  # "Drafts will be drawn up", "an END to the War": a capitalised word, not a name
    if len(parts) == 1 and ("’" in parts[0] or "'" in parts[0]) and _CONTRACTION.fullmatch(parts[0]):
        return None  # "I’d", "We’ll": a contraction names no one
    if len(parts) == 1 and _ADJECTIVE.fullmatch(full):
        return None  # "Russian", "European", "Western": adjectives, not names
    full_words = full.split()
    own = _own_kind(parts, full_words)
    if not plain and (
        any(w[:1].islower() and w not in NAME_PARTICLES for w in full_words)
        or any(w.endswith(("’s", "'s")) for w in full_words[:-1])
    ):
        # "Institute for the Study of War", "Bank of Norway", "St Mark’s Square": a body or a place named
        # with "of" / "for" or a possessive is keyed by all its words
        return full, " ".join(name_key(w) for w in full_words), len(full_words), own
    if len(full_words) >= 2 and full_words[-1].lower().strip(".") in NAME_HEADS:
        # "Indian Health Service" / "Columbia News Service", "Federation Council" / "Security Council":
        # bodies and places named after what they are; the word before the head tells them apart
        return full, " ".join(name_key(w) for w in full_words[-2:]), len(full_words), own
    return full, name_key(full_words[-1]), len(full_words), own


OWNED_HEADS = frozenset(
    "square street avenue road park bridge hospital cathedral basilica chapel abbey college day eve island bay "
    "hall garden gardens vineyard".split()
)
"""Last words of places, buildings and days named after their owner with a possessive ("St. Mark’s
Square", "Martha’s Vineyard", "Mother’s Day"): a possessive right before one of them, as the last word
of a run, is part of the name (``_cut``)."""

NAME_HEADS = ORG_WORDS | frozenset("city county river street island".split())
"""Last words of names that say what kind of body or place a name is (``names.ORG_WORDS`` and a few
of places): two names ending in one of them are one row of the table only when the word before it is the
same too ("U.N. Security Council" / "Security Council"), where a person's row is keyed by the surname."""


_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ian|ean|ern|ese|ish)")
"""Adjectives of nationality and the like ("Russian", "European", "Western")."""


_Span = tuple[int, int, tuple[str, ...]]


_PARTICLE = "(?:" + "|".join(sorted(NAME_PARTICLES)) + ")"
_PARTICLE_GAP = re.compile(rf"(?: {_PARTICLE}){{1,3}} ")
"""One to three name particles between two runs of capitalised words, a space apart ("Ursula von der Leyen")."""
_PARTICLES_BEFORE = re.compile(rf"(?<= )((?!(?:la|le) ){_PARTICLE} (?:{_PARTICLE} ){{0,2}})$")
"""Name particles after a space, right before a run ("said von der Leyen"); not opening with "la" or
"le", which stand alone as articles ("à la Jon Stewart")."""
_SPACED_PARTICLES = tuple(f" {p} " for p in sorted(NAME_PARTICLES))
_LONGEST_GAP = 19
"""The longest gap that ``_PARTICLE_GAP`` or ``_CONNECTOR_GAP`` matches (" della della della ")."""
_CONNECTOR_GAP = re.compile(r" (of|for)( the)? ")
"""The "of" / "for" (and "the") inside a body's name, a space apart ("Bank of Norway", "Institute for the
Study of War")."""
_JOINING = NAME_PARTICLES | frozenset(("of", "for", "the"))
"""The lower-case words that ``_table_spans`` joins runs across."""
_CONNECTING = frozenset(("of", "for", "on", "the"))
"""The words after which a title word is part of a body's name (``_titled_bodies``)."""
_JOINED = _JOINING | _CONNECTING
"""The lower-case words a run of ``_table_spans`` may hold."""
_JOINING_TAILS = frozenset(f" {w}"[-3:] for w in _JOINING)
"""The last three characters of a space and one of them: what stands right before the space before a run
that ``_table_spans`` joins to the run before it or puts particles in front of (``_PARTICLE_GAP``,
``_CONNECTOR_GAP`` and ``_PARTICLES_BEFORE`` all end with a space, one of these words and a space)."""
_CONNECTORS_THE = (" of the ", " for the ")
"""How a gap before a run ends when its last word is "the" and it may join (``_CONNECTOR_GAP``)."""

BODY_HEADS = frozenset(
    """
    council union commission ministry institute center centre church committee senate congress parliament
    party agency department office administration bank court university college foundation fund
    organization organisation association bureau school board front movement alliance coalition league
    society federation authority academy army navy house
    """.split()
)
"""Words of ``names.ORG_WORDS`` that name a kind of body and may go on with "of" ("Bank of Norway",
"University of Oslo"), not bodies' own names ("Kremlin", "Reuters")."""
FOR_HEADS = BODY_HEADS - frozenset("church senate congress parliament bank court army navy house".split())
"""Those that may go on with "for" too ("Institute for ..."; not "the Senate for Ukraine")."""


def _table_spans(text: str) -> list[_Span]:
    """The runs of words that the names table reads as names: ``words.name_spans`` joined into one run
    across name particles ("Ursula von der Leyen"; "von der Leyen", after a space, keeps its particles)
    and, after a body's head word, across "of" / "for" ("Institute for the Study" and on across "of":
    "... of War"), keeping the particles and connectors (``_joint``); then each run cut after possessives
    and full stops, without a contraction in front (``_cut``; one alone is left out by ``_named``).

    One pass: a run is cut as it comes, and cut again with the runs joined to it (rare) once no more join.
    """
    out: list[_Span] = []
    last: _Span = (0, 0, ())  # the run before (as ``name_spans`` gives it, or with particles in front)
    mark = 0  # where its pieces start in ``out``
    pe = -_LONGEST_GAP - 1  # where it ends
    words: list[str] | None = None  # the words of the run that runs were joined to: cut once no more join
    ws = 0  # where that run starts
    joined = False  # whether the last join was across a connector
    for span in name_spans(text):
        s, e, parts = span
        tail = text[s - 4 : s - 1]  # (the three characters before the space before a run: a quick test)
        if tail in _JOINING_TAILS and (tail != "the" or text.endswith(_CONNECTORS_THE, 0, s)):
            if s - pe <= _LONGEST_GAP:
                gap = text[pe:s]
                how = _joint(gap, last[2][-1] if words is None else words[-1], joined)
                if how is not None:
                    if words is None:
                        del out[mark:]  # (the pieces of the run before, cut again with what joins it)
                        ws, words = last[0], list(last[2])
                    words += gap.split()
                    words += parts
                    pe, joined = e, how
                    continue
            if text.endswith(_SPACED_PARTICLES, 0, s):
                m = _PARTICLES_BEFORE.search(text, max(0, s - 19), s)  # (19: " della della della ")
                if m is not None:
                    span = (m.start(1), e, (*m.group(1).split(), *parts))
                    parts = span[2]
        if words is not None:
            _cut((ws, pe, tuple(words)), text, out)
            words, joined = None, False
        mark = len(out)
        if len(parts) == 1 and not parts[0].endswith(("’s", "'s")):
            out.append(span)  # one word, no possessive: nothing to cut (most runs)
        else:
            _cut(span, text, out)
        last, pe = span, e
    if words is not None:
        _cut((ws, pe, tuple(words)), text, out)
    return _titled_bodies(text, out)


_FOREIGN_GAP = re.compile(r" (of|for|on)( the)? Foreign ")
"""Between a body's head and the rest of its name, the title word "Foreign", which ``words.name_spans``
leaves out ("Ministry of Foreign Affairs", "Council on Foreign Relations")."""
_TITLED_TAIL = re.compile(r" (of|for)( the)? (State|Justice|Defen[cs]e)\b")
"""After a body's head, a title word that ends its name ("Department of State", "Ministry of Defence")."""
_TITLED_MARKS = (" of ", " for", " on ")
"""How the text right after a run opens when ``_titled_bodies`` may extend it (a quick test)."""


def _titled_bodies(text: str, spans: list[_Span]) -> list[_Span]:
    """``spans`` with the names of bodies that hold a title word put back together: a run that ends
    with a body's head word (``BODY_HEADS``) joined across "of / for / on Foreign" to the run right after
    it, or extended over "of State", "of Justice", "of Defence". ``words.name_spans`` leaves title words
    out, since they stand before names of people ("Foreign Minister Sergei Lavrov")."""
    heads = [k for k, (_, e, parts) in enumerate(spans)
             if text.startswith(_TITLED_MARKS, e) and parts[-1].lower().strip(".") in BODY_HEADS]  # fmt: skip
    if not heads:
        return spans  # no run of a body's head before "of", "for" or "on" (most texts)
    out = list(spans)
    for k in reversed(heads):  # (from the last, so that the runs after a head are already whole)
        s, e, parts = out[k]
        if k + 1 < len(out) and _FOREIGN_GAP.fullmatch(text, e, out[k + 1][0]):
            ns, ne, more = out[k + 1]
            out[k : k + 2] = [(s, ne, (*parts, *text[e:ns].split(), *more))]
        elif (m := _TITLED_TAIL.match(text, e)) is not None:
            out[k] = (s, m.end(), (*parts, *m.group().split()))
    return out


def _joint(gap: str, head: str, joined: bool) -> bool | None:
    """Whether a run joins the run before it, whose last word is ``head``, across ``gap``: None (it does
    not), False (across name particles), True (across the "of" / "for" of a body's name; after such a
    join, ``joined``, any "of" goes on)."""
    if _PARTICLE_GAP.fullmatch(gap):
        return False
    m = _CONNECTOR_GAP.fullmatch(gap)
    if m is None:
        return None
    head = head.lower().strip(".")
    if (joined and m.group(1) == "of") or (head in BODY_HEADS and (m.group(1) == "of" or head in FOR_HEADS)):
        return True
    return None


def _cut(span: _Span, text: str, out: list[_Span]) -> None:
    """Add the pieces of a run of capitalised words to ``out``: the run cut after a possessive or a full
    stop, and without a contraction (``_CONTRACTION``) that opens a piece of two words or more.

    "Kyiv’s European" is Kyiv, then European; "Japan. Trump" is Japan, then Trump. A possessive before
    the run's last word, when that word is one of ``OWNED_HEADS``, is no cut: "St. Mark’s Square".
    """
    s, e, parts = span
    run = text[s:e]
    if "." not in run and "’" not in run and "'" not in run:
        out.append(span)  # no full stop, possessive or contraction: nothing to cut (most runs)
        return
    pos, start = s, s
    chunk: list[str] = []
    owned = parts[-1].lower() in OWNED_HEADS
    for i, p in enumerate(parts):
        at = text.find(p, pos, e)
        gap = text[pos:at] if chunk else ""
        if chunk and "." in gap and len(chunk[-1]) > 2:
            out.append((start, pos, tuple(chunk)))
            chunk, start = [], at
        pos = at + len(p)
        if not chunk and i < len(parts) - 1 and ("’" in p or "'" in p) and _CONTRACTION.fullmatch(p):
            start = text.find(parts[i + 1], pos, e)
            continue
        chunk.append(p)
        if p.endswith(("’s", "'s")) and not (owned and i == len(parts) - 2):
            out.append((start, pos, tuple(chunk)))
            chunk, start = [], pos
    if chunk:
        out.append((start, e, tuple(chunk)))


_CONTRACTION = re.compile(r"[A-Z][a-z]*(?:['’](?:d|m|ll|ve|re)|n['’]t)")
"""A contraction ("I’d", "We’ll", "Don’t"): a capital there opens a sentence or says "I", it names no one."""


def _table_name(parts: tuple[str, ...]) -> str:
    """``names.display_name`` of a run that ``_table_spans`` joined or left a possessive in (``_named``),
    keeping the lower-case particles and connectors ("Ursula von der Leyen", "Bank of Norway"; none is a
    title here) and a possessive inside the name ("St Mark’s Square")."""
    clean = [*parts[:-1], display_name(parts[-1:]) or parts[-1]]
    cut = -1
    for i, p in enumerate(clean):
        if (
            p[:1].isupper()
            and p.lower().strip(".") in TITLES
            and not starts_place(clean[i:])
            and (i == 0 or clean[i - 1] not in _CONNECTING)  # "Ministry of Foreign Affairs"
        ):
            cut = i
    shown = clean[cut + 1 :]
    while shown and shown[0][:1].islower() and shown[0] not in NAME_PARTICLES:
        shown.pop(0)
    return " ".join(shown)


def _mid_sentence_words(units: Sequence[Unit]) -> set[str]:
    """Capitalised words seen somewhere other than at the start of a sentence or quotation.

    A capitalised word (``_CAPITALISED``) counts unless it opens its text or the last character
    before it and its white space is one of ``_SENTENCE_OPENERS`` (``_OPENED``). A word counts when
    it occurs more often than it is opened (in one text, or in all: no text opens a word more often
    than it holds it), so the texts are read together, each after a full stop that opens its first
    word as the start of the text does; a text that starts with white space is read alone (there the
    full stop would open the word after it, which the text does not).
    """
    texts = dict.fromkeys(u.text for u in units)
    together = [t for t in texts if not t[:1].isspace()]
    alone = [t for t in texts if t[:1].isspace()]
    counts: Counter[str] = Counter()
    for text in ["." + ".".join(together), *alone]:
        counts.update(_CAPITALISED.findall(text))
        counts.subtract(_OPENED.findall(text))
    return {w.removesuffix("’s").removesuffix("'s") for w, n in counts.items() if n > 0}


_SENTENCE_OPENERS = frozenset('.!?“"‘—:')
"""Characters after which (and white space) a capitalised word may be capitalised only for starting a sentence."""

_CAPITALISED = re.compile(r"[A-Z][\w’'-]*")
_OPENED = re.compile("[" + re.escape("".join(sorted(_SENTENCE_OPENERS))) + r"]\s*([A-Z][\w’'-]*)")
"""A capitalised word after a sentence opener and white space: the same words as ``_CAPITALISED`` finds
there (no opener nor white space can start or continue a word)."""


def _common_word(word: str) -> bool:
    """Whether a word is ordinary English when lower-cased (wordfreq's Zipf frequency, read by
    ``compare.match.zipf`` straight from its word list for a plain word: the same value without
    wordfreq's tokenizer, which took most of the time of the names table's look-ups)."""
    return zipf(word.lower()) >= 3.0


def _kind(votes: dict[str, int]) -> str:
    """The kind most mentions suggest (a person wins a tie), from the count of each vote."""
    if not any(votes.get(k) for k in ("person", "organisation", "place")):
        return "name"
    return max(("person", "organisation", "place"), key=lambda k: (votes.get(k, 0), k == "person"))


def number_table(units: Sequence[Unit], features: dict[str, Features], sources: Sequence[str]) -> list[Mention]:
    """Numbers and dates each source mentions; equal values written differently share a row.

    Parameters
    ----------
    units:
        All units, in source order.
    features:
        Their features (``Features.numbers``).
    sources:
        Source ids, in order.

    Returns
    -------
    list[Mention]
        One row per value (``"1,000"``, ``"one thousand"`` and ``"1k"`` prisoners are one row),
        mentioned by most sources first, then in order of first mention.
    """
    rows: list[tuple[Quantity, dict[str, list[str]], dict[str, list[str]]]] = []
    index = _ValueIndex()
    # the row of each quantity by what ``_same_thing`` and ``same_value`` read of it: a quantity read the
    # same way as one before joins its row without a scan (the rows before that one did not take it
    # either, and it states the value of the row it made, unless comparing it with itself fails)
    row_of: dict[tuple[object, ...], int] = {}
    for u in units:
        if not u.kind.matched or u.id not in features:
            continue
        for q in features[u.id].numbers:
            if q.kind == QuantityKind.ORDINAL and q.value <= 1:
                continue
            read = (q.value, q.unit, q.kind, q.approx, q.step, q.keys)
            found = row_of.get(read)
            if found is None:
                dim = dimension(q)
                # the first row (in order of creation) that states the same value, as a scan of all rows finds
                for i in sorted(index.candidates(dim, q)):
                    if _same_thing(rows[i][0], q) and same_value(rows[i][0], q):
                        found = row_of[read] = i
                        break
            if found is None:
                if same_value(q, q):
                    row_of[read] = len(rows)
                row: tuple[Quantity, dict[str, list[str]], dict[str, list[str]]] = (q, {}, {})
                index.add(dim, q, len(rows))
                rows.append(row)
            else:
                row = rows[found]
            _, by_unit, written = row
            ids = by_unit.setdefault(u.source, [])
            if not ids or ids[-1] != u.id:  # a unit is read once, its mentions together: only the last id may be it
                ids.append(u.id)
            spellings = written.setdefault(u.source, [])
            if q.text not in spellings:
                spellings.append(q.text)
    out = [
        Mention(
            text=describe(rep),
            kind=dimension(rep),
            units={sid: tuple(by_unit.get(sid, ())) for sid in sources},
            written={sid: tuple(w) for sid, w in written.items()},
        )
        for rep, by_unit, written in rows
    ]
    first = {id(m): i for i, m in enumerate(out)}
    return sorted(out, key=lambda m: (-sum(1 for v in m.units.values() if v), first[id(m)]))


def _same_thing(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities count the same kind of thing (or either does not say)."""
    return not a.keys or not b.keys or bool(a.keys & b.keys)


_LOG_STEP = math.log(1.25)
"""Width of the magnitude buckets: values that ``same_value`` may join (within 15% of the larger) lie
in the same or a neighbouring bucket (log(1 / 0.85) < log(1.25))."""


class _ValueIndex:
    """The rows of the numbers table by dimension and value, so that each quantity is compared only
    with rows that may state the same value, never with all rows (a superset; ``same_value`` decides).

    - calendar dates by each combination of the parts they give (year, month, day), since a date
      equals any date that agrees on the parts both give;
    - times of day (``unit == "time"``) by half hours, as ``same_value`` admits 30 minutes;
    - an estimate ("about 300") by sign and the logarithm of its magnitude, as it admits 15%;
    - an exact writing ("312", "2.5 million") by its magnitude in a sorted list per rounding step
      (``magnitude_step``): two exact writings are one value only within half the larger step, so a
      quantity looks only at that window of each list, not at every row of a similar magnitude (a
      list of 20,000 numbered items has thousands within 15% of each other);
    - values that are not finite are compared with every row of their dimension.
    """

    def __init__(self) -> None:
        self.buckets: dict[tuple[object, ...], list[int]] = {}
        self.exact: dict[str, dict[float, list[tuple[float, int]]]] = {}
        """Dimension -> rounding step -> (magnitude, row) of the exact writings, sorted."""
        self.odd: dict[str, list[int]] = {}
        """Dimension -> rows whose magnitude is not finite."""
        self.all: dict[str, list[int]] = {}

    @staticmethod
    def _is_exact(q: Quantity) -> bool:
        return q.kind != QuantityKind.DATE and not q.approx and math.isfinite(magnitude(q))

    def _keys(self, dim: str, q: Quantity) -> list[tuple[object, ...]] | None:
        if dim == "date:date":
            parts = _date_parts(q.value)
            return [("d", dim, mask, tuple(p for p, m in zip(parts, mask, strict=True) if m)) for mask in _MASKS]
        v = magnitude(q)
        if not math.isfinite(v):
            return None
        keys: list[tuple[object, ...]] = [("m", dim, _log_bucket(v))]
        if q.unit == "time":
            keys.append(("t", dim, math.floor(v / 30)))
        return keys

    def add(self, dim: str, q: Quantity, row: int) -> None:
        """Index row number ``row``, whose representative quantity is ``q``."""
        self.all.setdefault(dim, []).append(row)
        if self._is_exact(q):
            steps = self.exact.setdefault(dim, {})
            bisect.insort(steps.setdefault(magnitude_step(q), []), (magnitude(q), row))
            return
        keys = self._keys(dim, q)
        if keys is None:
            self.odd.setdefault(dim, []).append(row)
            return
        for key in keys:
            self.buckets.setdefault(key, []).append(row)

    def candidates(self, dim: str, q: Quantity) -> list[int]:
        """Row numbers of dimension ``dim`` that may state the value of ``q`` (every row that does)."""
        if dim == "date:date":
            parts = _date_parts(q.value)
            given = tuple(bool(p) for p in parts)
            out: list[int] = []
            for blank in _MASKS:  # each given part agrees, or the row leaves it out
                if any(b and not g for b, g in zip(blank, given, strict=True)):
                    continue
                values = tuple(0 if b else p for p, b, g in zip(parts, blank, given, strict=True) if g)
                out.extend(self.buckets.get(("d", dim, given, values), ()))
            return out
        v = magnitude(q)
        if not math.isfinite(v):
            return self.all.get(dim, [])
        b = _log_bucket(v)
        keys: list[tuple[object, ...]] = [("m", dim, (b[0], b[1] + k)) for k in (-1, 0, 1)]
        if q.unit == "time":
            t = math.floor(v / 30)
            keys += [("t", dim, t + k) for k in (-1, 0, 1)]
        out = list(self.odd.get(dim, ()))
        for key in keys:
            out.extend(self.buckets.get(key, ()))
        # exact writings: an estimate admits 15% of the larger value (so within 0.18 of its own), an exact
        # writing half the larger rounding step; a margin for the rounding of the comparison itself
        for step, by_value in self.exact.get(dim, {}).items():
            if q.approx:
                w = 0.18 * abs(v)
            else:
                w = max(magnitude_step(q), step) / 2
            w += 1e-6 * (abs(v) + w + 1.0)
            lo = bisect.bisect_left(by_value, (v - w, -1))
            hi = bisect.bisect_right(by_value, (v + w, math.inf))
            out.extend(r for _, r in by_value[lo:hi])
        return out


_MASKS = tuple((y, m, d) for y in (False, True) for m in (False, True) for d in (False, True))


def _log_bucket(v: float) -> tuple[int, int]:
    """Sign and magnitude bucket of a value (zero alone in its own)."""
    if v == 0:
        return (0, 0)
    return (1 if v > 0 else -1, math.floor(math.log(abs(v)) / _LOG_STEP))
