"""Turn matches into groups with a verdict and the typed differences between their members.

A group of two or more sources is ``differ`` when at least one detail conflicts, ``agree``
otherwise; a unit no other source reports becomes an ``only`` group.

The kinds of difference (CONTRACT.md): ``number`` and ``date`` (values compared after
normalising, so "1,000" = "one thousand" = "1k" is no difference), ``entity`` (another
person, place or organisation in the same role), ``speaker`` (the same words or claim given to
someone else), ``quote`` (the same quotation worded differently), ``hedge`` (certainty
changed), ``negation`` (one source says it happened, the other that it did not) and ``antonym``
(a word where the other source has its opposite, "rose" / "fell"). ``entity`` and ``antonym`` are
read by aligning the words of two units worded alike (``_aligned_differences``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from itertools import combinations, pairwise

from compare.features.attribution import REPORTING_VERBS
from compare.features.quantities import dimension, same_value, written
from compare.match import Match, similarity, zipf
from compare.model import Difference, DifferenceKind, Features, Group, Quantity, QuantityKind, Quote, Unit, Verdict
from compare.text.lexicon import ANTONYMS, CONTRASTS, REGION_ALIASES, REGIONS
from compare.text.names import ROLE_TITLES, different_people, display_name, kind_vote, same_name
from compare.text.quotations import normalise_quote, same_quotation, substantive_changes
from compare.text.words import (
    TITLES,
    WORD,
    content_tokens,
    hedge_cues,
    lower_words,
    name_key,
    name_spans,
    negation_cues,
    stem,
)
from compare.weights import load

_Roles = Mapping[str, Mapping[str, str]]
"""Names by role, ``{role: {key: name}}`` (read-only: shared through a cache)."""

_CLAUSE_MARK = re.compile(r"[;:—–()“”\"]")
_CLAUSE_END = re.compile(r"[,;:.!?—–()“”\"]")
_ROLE_CONTEXT_WORD = re.compile(r"[\w’'.-]+")

KINDS = tuple(DifferenceKind)
"""Every kind of difference, in the order a report lists them (the members of ``DifferenceKind``)."""


def classify(units: Sequence[Unit], features: dict[str, Features], matches: Sequence[Match]) -> list[Group]:
    """The stage's main function: a verdict and differences for every match, and ``only`` groups.

    Parameters
    ----------
    units:
        All units, in source order.
    features:
        Their features, by unit id.
    matches:
        What the matcher linked.

    Returns
    -------
    list[Group]
        Matched groups in the order of their first unit, then ``only`` groups, ids ``g1``, ``g2`` ...
    """
    found: list[tuple[Verdict, tuple[str, ...], float | None, tuple[Difference, ...]]] = []
    matched: set[int] = set()
    sides: dict[str, _Side] = {}  # a unit is in several groups: its side is worked out once
    for m in matches:
        members = [units[i] for i in m.units]
        matched.update(m.units)
        diffs = _differences(members, features, sides, m.facts)
        found.append((Verdict.DIFFER if diffs else Verdict.AGREE, tuple(u.id for u in members), m.score, tuple(diffs)))
    pos = {u.id: i for i, u in enumerate(units)}  # built once: a lookup per group would be quadratic
    found.sort(key=lambda g: min(pos[i] for i in g[1]))
    for i, u in enumerate(units):
        if i not in matched:
            found.append((Verdict.ONLY, (u.id,), None, ()))
    # each group made once, numbered in its final place (not made, sorted, then made again with its id)
    return [Group(f"g{k}", verdict, ids, score, diffs) for k, (verdict, ids, score, diffs) in enumerate(found, 1)]


def units_index(units: Sequence[Unit], ids: Sequence[str]) -> list[int]:
    """Positions of the given unit ids in ``units``."""
    pos = {u.id: i for i, u in enumerate(units)}
    return [pos[i] for i in ids]


def differences(members: Sequence[Unit], features: dict[str, Features]) -> list[Difference]:
    """Conflicting details between the members of one group (each pair of sources compared).

    Parameters
    ----------
    members:
        The units of one group (usually two or three: a short Python loop over them is fine).
    features:
        Their features, by unit id.

    Returns
    -------
    list[Difference]
        Each difference once, ordered by kind as in :data:`KINDS`.
    """
    return _differences(members, features, {})


def _differences(
    members: Sequence[Unit],
    features: dict[str, Features],
    sides: dict[str, _Side],
    facts: Sequence[float] | None = None,
) -> list[Difference]:
    """``differences``, reading each unit's side from ``sides`` (filled in as units come), with the
    matcher's fact similarity of each two members (``Match.facts``) when known."""
    out: list[Difference] = []
    seen: set[tuple[str, str]] = set()
    for k, (a, b) in enumerate(combinations(members, 2)):
        if a.source == b.source:
            continue
        sa, sb = sides.get(a.id), sides.get(b.id)
        if sa is None:
            sa = sides[a.id] = _Side.of(a, features[a.id])
        if sb is None:
            sb = sides[b.id] = _Side.of(b, features[b.id])
        for d in _pair_differences(sa, sb, None if facts is None else facts[k]):
            key = (d.kind, d.detail)
            if key not in seen:
                seen.add(key)
                out.append(d)
    if not out:
        return out  # most groups: nothing to merge or sort
    order = [u.source for u in members]
    return sorted(_merge_values(out, order), key=lambda d: KINDS.index(d.kind) if d.kind in KINDS else len(KINDS))


def _merge_values(diffs: list[Difference], order: Sequence[str]) -> list[Difference]:
    """With three or more sources, the pairwise conflicts over one number or date become one
    difference giving every source's value ("12 people in A, 15 in B, 14 in C" once, not three
    pairs). Pairs merge when they measure the same thing and give the same value for the sources
    they share."""
    out: list[Difference] = []
    for d in diffs:
        what = _what(d)
        for k, e in enumerate(out):
            shared = set(e.values) & set(d.values)
            if what is None or e.kind != d.kind or _what(e) != what or not shared:
                continue
            if all(e.values[s] == d.values[s] for s in shared):
                both = {**e.values, **d.values}
                values = {s: both[s] for s in order if s in both}
                detail = f"{what}: " + ", ".join(f"{v!r} in {s}" for s, v in values.items())
                out[k] = Difference(d.kind, detail, values, what)
                break
        else:
            out.append(d)
    return out


def _what(d: Difference) -> str | None:
    """What a number or date difference measures (its ``subject``); None for other kinds."""
    return d.subject if d.kind in (DifferenceKind.NUMBER, DifferenceKind.DATE) else None


@dataclass(frozen=True)
class _Side:
    """What comparing a unit with another reads of it, worked out once per unit, not once per pair.

    Each kind of difference needs something on both sides (numbers, names in a role, quotations,
    cue words); a pair where one side has none is skipped at once for that kind.
    """

    unit: Unit
    features: Features
    dims: dict[str, list[Quantity]]
    """The unit's quantities by ``numbers.dimension``, in order of appearance."""
    top: tuple[Quote, ...]
    """Its quotations that are not inside another."""
    hedges: tuple[tuple[str, int, int], ...]
    negations: tuple[tuple[str, int, int], ...]
    full_speaker: bool
    """The unit's speaker is named in two words or more ("Dmitry Peskov", not "Peskov")."""

    @cached_property
    def token_set(self) -> frozenset[str]:
        """Its content words (``Features.tokens``) as a set, made when a pair first compares them."""
        return frozenset(self.features.tokens)

    @property
    def roles(self) -> _Roles:
        """``roles`` of its text (shared with the cache, so typed read-only), read only when the other
        unit of a pair has names in a role too: most units have none, and their partners are not read."""
        return roles(self.unit.text)

    @cached_property
    def word_set(self) -> tuple[frozenset[str], int]:
        """Its distinct words (``lower_words``) and how many of its words repeat an earlier one.

        Two units have at most ``len(set_a & set_b) + min(repeats_a, repeats_b)`` words in common
        counted with repeats (each word both have counts once, plus at most as many repeats as the
        unit with fewer repeats has): a bound that fails ``ALIGNED`` spares counting them (worked out
        once per unit, and only for units compared with one of about their length).
        """
        words = lower_words(self.unit.text)
        distinct = frozenset(words)
        return distinct, len(words) - len(distinct)

    @property
    def words(self) -> tuple[tuple[str, int, int], ...]:
        """Its words as ``(lower-cased word, start, end)``, for aligning it with another unit (cached
        by text, and read only for the pairs worded alike: the others need only the words)."""
        return _cached_words(self.unit.text)

    @classmethod
    def of(cls, unit: Unit, features: Features) -> _Side:
        dims: dict[str, list[Quantity]] = {}
        for q in features.numbers:
            dims.setdefault(dimension(q), []).append(q)
        return cls(unit, features, dims, tuple(_top(features)),
                   tuple(hedge_cues(unit.text)), tuple(_real_negations(unit.text, negation_cues(unit.text))),
                   len((features.speaker_name or "").split()) >= 2)  # fmt: skip


def pair_differences(a: Unit, b: Unit, fa: Features, fb: Features, *, fast: bool = True) -> list[Difference]:
    """The differences between two units of different sources said to report the same fact.

    ``fast=False`` looks for every kind of difference, where the default skips a kind at once
    when one unit has nothing of it (no number, no quotation, no cue word), and reads the speakers
    from the features rather than from what was worked out once per unit: the same result, the
    plain path the tests compare the fast one with.
    """
    return _pair_differences(_Side.of(a, fa), _Side.of(b, fb), fast=fast)


def _pair_differences(sa: _Side, sb: _Side, fact: float | None = None, *, fast: bool = True) -> list[Difference]:
    """The differences of two units; ``fact``: their fact similarity, when the matcher gave it
    (else worked out with ``similarity`` if a kind that needs one statement asks for it);
    ``fast``: as in ``pair_differences``."""
    a, b, fa, fb = sa.unit, sb.unit, sa.features, sb.features
    known: list[bool] = []

    def one_statement() -> bool:
        """Whether the two units are close to one statement (``SAME_STATEMENT``), worked out once."""
        if not known:
            known.append(fact >= SAME_STATEMENT if fact is not None else _same_statement(a.text, b.text))
        return known[0]

    # one sentence printed alike by two sources (wire copy, often): the same names in the same roles,
    # and, when its numbers were read alike too, each number has its equal on the other side
    same_text = fast and a.text == b.text
    same_numbers = same_text and fa.numbers == fb.numbers and all(q.value == q.value for q in fa.numbers)  # no NaN
    out = _quantity_differences(sa, sb, one_statement) if not fast or (sa.dims and sb.dims and not same_numbers) else []
    speakers = _speaker_differences(sa, sb) if fast else _plain_speaker_differences(a, b, fa, fb)
    aligned = _aligned_differences(sa, sb, {v for d in speakers for v in d.values.values()})
    out += [d for d in aligned if d.kind == DifferenceKind.ENTITY]
    out += _swapped_roles(a, b)
    if not fast or (not same_text and sa.roles and sb.roles and not aligned):
        # names after the same preposition or title, when alignment found nothing: only between one statement
        named = _entity_differences(a, b, fa, fb, sa.roles, sb.roles) if not aligned else []
        out += named if named and one_statement() else []
    out += speakers
    if not fast or (sa.top and sb.top):
        out += _quote_differences(a, b, sa.top, sb.top)
    cued: list[Difference] = []
    for kind, ca, cb in (
        (DifferenceKind.HEDGE, sa.hedges, sb.hedges),
        (DifferenceKind.NEGATION, sa.negations, sb.negations),
    ):
        if not fast or bool(ca) != bool(cb):
            # a cue inside a quotation the other unit quotes too is a change of its wording (``quote``)
            ka, kb = _outside_shared_quotes(ca, sa.top, sb.top), _outside_shared_quotes(cb, sb.top, sa.top)
            if not fast or ka or kb:
                cued += _cue_differences(kind, a, b, ka, kb)
    if cued and one_statement():
        out += cued
    out += [d for d in aligned if d.kind == DifferenceKind.ANTONYM]
    return out


# --------------------------------------------------------------------------------------------
# numbers and dates


def _comparable(qa: Quantity, qb: Quantity, qas: Sequence[Quantity], qbs: Sequence[Quantity]) -> bool:
    """Whether two quantities of one dimension measure the same thing (so a different value conflicts).

    Counts, money, percentages and durations must name the same thing ("1,000 prisoners" and
    "1,000 Ukrainian prisoners", not "3 pirate ships" and "26 Somali pirates") or both name
    nothing; ages must be of the same person, or of someone unnamed when each unit gives one age;
    dates of one sort always are.
    """
    if qa.kind == QuantityKind.DATE:
        return True
    if qa.kind == QuantityKind.DESIGNATION:
        return qa.unit == qb.unit  # "Boeing 747" / "Boeing 767", not "Apollo 11" / "Chapter 11"
    if qa.kind == QuantityKind.AGE:
        if qa.keys and qb.keys:
            return bool(qa.keys & qb.keys)
        return len(qas) == 1 and len(qbs) == 1
    if qa.keys or qb.keys:
        # counts of different things that share a word ("3 pirate ships" / "26 Somali pirates") are not
        # comparable: what is counted (the last word, singular) must be the same when both say it
        same_noun = qa.unit == qb.unit or not qa.unit or not qb.unit or dimension(qa) != "count"
        return bool(qa.keys & qb.keys) and same_noun
    return True


def _context(text: str, q: Quantity, n: int = 4) -> set[str]:
    """Content words within ``n`` words either side of a quantity, in its clause."""
    before = _CLAUSE_MARK.split(text[: q.start])[-1].split()[-n:]
    after = _CLAUSE_MARK.split(text[q.end :])[0].split()[:n]
    return set(content_tokens(" ".join(before + after)))


_SAYING = REPORTING_VERBS | frozenset(("interview", "statement", "reporters"))
"""Words before a date (or a reporting verb right after it) that make it the date of the saying: "said
Tuesday", "said in an interview Tuesday", "told reporters Tuesday", "on Tuesday announced"."""


def _dates_saying(text: str, q: Quantity) -> bool:
    """Whether a date dates the reporting of a statement rather than what it reports: a word of
    ``_SAYING`` among the three words before it in its clause, or a reporting verb right after it.
    A possessive date ("said Monday's call") dates the thing it is of."""
    if text[q.end : q.end + 2] in ("'s", "’s"):
        return False
    before = _CLAUSE_MARK.split(text[: q.start])[-1].lower().split()[-3:]
    after = text[q.end :].lower().split()[:1]
    return any(w.strip(".,;:") in _SAYING for w in before) or any(w.strip(".,;:") in REPORTING_VERBS for w in after)


_TIME_ZONE = re.compile(r"\s*\(?\s*([A-Z]{2,4}T|GMT|UTC|Z)\b")
"""A time zone right after a clock time ("7 p.m. EST", "8am (AEST)", "1018 GMT")."""


def _time_zone(text: str, q: Quantity) -> str | None:
    """The time zone written right after a clock time, or None."""
    m = _TIME_ZONE.match(text, q.end)
    return m.group(1) if m else None


def _shown(q: Quantity, text: str) -> str:
    """How a quantity is written in ``text``, with the words for what it counts ("200,000 homes")."""
    shown = written(text, q)
    symbol = any(c in q.text for c in "$€£¥")  # "$3 billion" says "dollar" already
    if (shown == q.text and q.kind == QuantityKind.NUMBER and q.unit and q.unit != "%"
            and q.unit not in q.text.lower() and not symbol):  # fmt: skip
        return f"{q.text} {q.unit}"
    return shown


def _quantity_differences(sa: _Side, sb: _Side, one_statement: Callable[[], bool] = lambda: True) -> list[Difference]:
    """Numbers and dates of one dimension that conflict. Ordinals ("the sixth round", "his third
    call") rank one member of a series, and two units of one story often name different members:
    they conflict only between units close to one statement (``one_statement``)."""
    a, b = sa.unit, sb.unit
    out: list[Difference] = []
    dims_a, dims_b = sa.dims, sb.dims
    same: bool | None = None
    for dim in sorted(dims_a.keys() & dims_b.keys()):
        if dim == "ordinal" and not one_statement():
            continue
        qas, qbs = dims_a[dim], dims_b[dim]
        bad_a: list[Quantity] = []
        bad_b: list[Quantity] = []
        if same is None:
            same = _same_tokens(sa.token_set, sb.token_set)
        for qa in qas:
            rivals = [qb for qb in qbs if _comparable(qa, qb, qas, qbs)]
            if qa.kind == QuantityKind.DATE:
                # the day something was said and the day of what was said are two things: "heard the
                # thud early Saturday" / "she said in an interview Tuesday"
                saying = _dates_saying(a.text, qa)
                rivals = [qb for qb in rivals if _dates_saying(b.text, qb) == saying]
            if qa.unit == "time":
                # clock times in two time zones ("7 p.m. EST" / "8am (AEST)") may be one moment
                zone = _time_zone(a.text, qa)
                rivals = [qb for qb in rivals if zone is None or _time_zone(b.text, qb) in (None, zone)]
            if qa.kind == QuantityKind.DATE and not same:
                # a date conflicts only where it dates the same thing: shared words around it
                around = _context(a.text, qa)
                rivals = [qb for qb in rivals if around & _context(b.text, qb)]
            if rivals and not any(same_value(qa, qb) for qb in qbs):
                bad_a.append(qa)
                bad_b.extend(r for r in rivals if r not in bad_b and not any(same_value(r, x) for x in qas))
        if not bad_a or not bad_b:
            continue
        kind = DifferenceKind.DATE if dim.startswith("date") else DifferenceKind.NUMBER
        ta = ", ".join(dict.fromkeys(_shown(q, a.text) for q in bad_a))
        tb = ", ".join(dict.fromkeys(_shown(q, b.text) for q in bad_b))
        what = _dimension_label(dim, bad_a[0])
        out.append(
            Difference(kind, f"{what}: {ta!r} in {a.source}, {tb!r} in {b.source}", {a.source: ta, b.source: tb}, what)
        )
    return out


def _dimension_label(dim: str, q: Quantity) -> str:
    labels = {"date:weekday": "day", "date:date": "date", "date:year": "year", "date:relative day": "when",
              "age": "age", "duration": "how long", "ordinal": "which"}  # fmt: skip
    if dim in labels:
        return labels[dim]
    if dim == "designation":
        return f"which {q.unit}"  # "Boeing 747" / "Boeing 767"
    if dim == "number:%":
        return "share"
    if dim.startswith("number:"):
        return f"amount ({dim.split(':')[1]})"
    return f"number ({q.unit})" if q.unit else "number"


# --------------------------------------------------------------------------------------------
# people, places, organisations


ROLE_WORDS = frozenset("in at to from near outside inside into toward towards against".split())
"""Prepositions that give a place or an opponent its role ("talks in Istanbul" / "talks in Geneva")."""

_ROLE_TITLES = ROLE_TITLES  # moved to compare.text.names (mentions uses it too)


@lru_cache(maxsize=65536)
def roles(text: str) -> _Roles:
    """Names by role: the preposition (``ROLE_WORDS``) or title (``ROLE_TITLES``) right before them.

    ``{role: {key: name}}``: the role is the word before the name (articles left out), or the
    title that starts it, or the titles among the two words before it ("Kremlin spokesman"); the
    key is ``name_key`` of the name's last word, the name its ``display_name``. Cached by text (a
    unit is compared with every other member of each of its groups), so the result is typed
    read-only.
    """
    out: dict[str, dict[str, str]] = {}
    for s, _, parts in name_spans(text):
        before = _last_words(text[max(0, s - 40) : s])
        if not before:
            continue
        if before[-1] in ROLE_WORDS:
            role = before[-1]
        elif parts[0].lower().strip(".") in _ROLE_TITLES:
            role = parts[0].lower().strip(".")
        elif before[-1] in _ROLE_TITLES:
            role = " ".join(w for w in before if w in _ROLE_TITLES)
        else:
            continue
        full = display_name(parts)  # only for names with a role: most have none
        if full:
            out.setdefault(role, {})[name_key(full.split()[-1])] = full
    return out


def _last_words(text: str, n: int = 2) -> list[str]:
    """The last ``n`` words of ``text`` (articles left out), lower-cased, without dots at either end.

    What ``[w.lower().strip(".") for w in _ROLE_CONTEXT_WORD.findall(text) if w.lower() not in
    ("the", "a", "an")][-n:]`` gives, lower-casing only the words kept.
    """
    out: list[str] = []
    for w in reversed(_ROLE_CONTEXT_WORD.findall(text)):
        low = w.lower()
        if low not in ("the", "a", "an"):
            out.append(low.strip("."))
            if len(out) == n:
                break
    out.reverse()
    return out


def _entity_differences(a: Unit, b: Unit, fa: Features, fb: Features, ra: _Roles, rb: _Roles) -> list[Difference]:
    """Another name in the same role; ``ra`` and ``rb`` are the units' ``roles``."""
    out: list[Difference] = []
    for role in sorted(set(ra) & set(rb)):
        only_a = {k: v for k, v in ra[role].items() if k not in fb.names}
        only_b = {k: v for k, v in rb[role].items() if k not in fa.names}
        if not only_a or not only_b or set(ra[role]) & set(rb[role]):
            continue
        if any(same_name(x, y) for x in only_a.values() for y in only_b.values()):
            continue
        if any(_is_region(x) != _is_region(y) for x in only_a.values() for y in only_b.values()):
            continue  # "in Miami" / "in Florida": the region may hold the place
        if any(_written_two_ways(x, y) for x in only_a.values() for y in only_b.values()):
            continue  # "to Internet Explorer" / "to IE", "in the UK" / "in Britain"
        if any(same_name(x, y) for x in only_a.values() for y in b.text.split()) or any(
            same_name(y, x) for y in only_b.values() for x in a.text.split()
        ):
            continue
        na, nb = ", ".join(only_a.values()), ", ".join(only_b.values())
        out.append(Difference(DifferenceKind.ENTITY, f"{role} {na!r} in {a.source}, {role} {nb!r} in {b.source}",
                              {a.source: na, b.source: nb}, role))  # fmt: skip
    return out


# --------------------------------------------------------------------------------------------
# aligned units: another name in the same place of the sentence, an antonym


ALIGNED = 0.7
"""Share of words two units must have in common, in order (``difflib.SequenceMatcher.ratio`` over their
lower-cased words), before a word replaced by another in the same place of the sentence can be a
difference: below it, the units are worded too far apart for the place of a word to give its role.
Chosen on the fit half of the one-fact edits, MRPC paraphrases and DUC summaries
(``python -m dev.measure_differences``; docs/differences.md)."""

_MAX_REPLACED = 4
"""Longest replaced stretch (in words, each side) read as one name or one word swapped for another."""

_AROUND = 3
"""Equal words a replaced stretch needs right around it (before and after together): with only one
either side, two units that differ over a longer stretch can line up by their small words ("for
Disease Control and" / "for Public Health and") and a name seems to stand in another's place."""

_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ian|ean|ern|ese|ish|ic|i)s?")
"""Adjectives of nationality and the like ("Russian", "Western", "Iraqi"): not names in a role (but see
``_is_nationality``: "Miami" and "Atlantic" are names)."""
_I_NAMES = frozenset("saudi somali emirati azeri punjabi bengali hindi".split())
"""Adjectives of a nation or a people ending in "i" whose country is not that word without it."""
_IC_NAMES = frozenset("atlantic pacific baltic arctic antarctic adriatic".split())
"""Names ending in "ic" (oceans and seas), not adjectives."""


def _is_nationality(word: str) -> bool:
    """Whether a capitalised word is an adjective of nationality and the like (``_NATIONALITY``). A
    word ending in "i" is one only when it is a region's adjective ("Iraqi": Iraq; "Israeli"; "Saudi"),
    not a city or a region ("Miami", "Nairobi", "Haiti"); the oceans and seas in "ic" are names."""
    if not _NATIONALITY.fullmatch(word):
        return False
    low = word.lower().removesuffix("s")
    if low in REGIONS or low in _IC_NAMES:
        return False
    if low.endswith("i") and not low.endswith(("ian", "ean")):
        return low in _I_NAMES or low[:-1] in REGIONS
    return True


@lru_cache(maxsize=65536)
def _cached_words(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple((m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text))


@lru_cache(maxsize=65536)
def _name_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of the names of a text (``features.name_spans``)."""
    return tuple((s, e) for s, e, _ in name_spans(text))


def _is_region(name: str) -> bool:
    """Whether a name is a country, a US state or a continent (``lexicon.REGIONS``)."""
    low = name.lower().removeprefix("the ").strip()
    return low in REGIONS or low.rstrip(".") in REGIONS


def _one_region(a: str, b: str) -> bool:
    """Whether two names are names of one country (``lexicon.REGION_ALIASES``: "UK" / "Britain")."""
    x, y = a.lower().removeprefix("the ").strip(), b.lower().removeprefix("the ").strip()
    return any(x in g and y in g for g in REGION_ALIASES)


_MINOR = frozenset("of the and for de du la le".split())


def _initials(name: str) -> tuple[str, str]:
    """The initials of a name's words, with and without minor words ("Centers for Disease Control":
    "CFDC", "CDC")."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    every = "".join(w[0] for w in words).upper()
    major = "".join(w[0] for w in words if w.lower() not in _MINOR).upper()
    return every, major


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is an acronym of ``long`` ("AP" / "Associated Press", "CHOGM" / "Commonwealth
    Heads of Government": the initials of one start the other)."""
    letters = short.replace(".", "").replace("’s", "").replace("'s", "")
    if not (2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()) or len(long.split()) < 2:
        return False
    return any(len(i) >= 2 and (letters.startswith(i) or i.startswith(letters)) for i in _initials(long))


def _written_two_ways(a: str, b: str) -> bool:
    """Whether two names are one name written two ways: an acronym and its full form ("IE" / "Internet
    Explorer"), either way round, or two names of one country ("UK" / "Britain")."""
    return _abbreviates(a, b) or _abbreviates(b, a) or _one_region(a, b)


_PARTY = re.compile(r"(?:[RDI]-[A-Z][\w.]*|(?:Republican|Democrat|Democratic|Independent)(?:\s+of\s+.*)?)")
"""Party and state labels of US politicians ("R-Tenn.", "Democrat of Nebraska"): not names in a role."""


def _replacements(sa: _Side, sb: _Side) -> list[tuple[int, int, int, int]]:
    """Stretches of words one unit has where the other has other words, the words either side the same.

    ``(i1, i2, j1, j2)``: words ``i1:i2`` of ``sa`` stand where words ``j1:j2`` of ``sb`` stand. Only
    for units with at least ``ALIGNED`` of their words in common, in order; each stretch at most
    ``_MAX_REPLACED`` words, with at least ``_AROUND`` equal words around it (before and after together).
    """
    # the words of ``_Side.words`` without their offsets (the same words: ``WORD``, lower-cased)
    wa, wb = lower_words(sa.unit.text), lower_words(sb.unit.text)
    if not wa or not wb or wa == wb:  # the same words: one "equal" stretch, nothing replaced
        return []
    # SequenceMatcher's quick_ratio (twice the words in common, counted with repeats, over both
    # lengths), its upper bound first, without building the matcher for pairs that fail it; before
    # counting the words in common, a bound of that count read from the sets of words (``_word_set``)
    both = len(wa) + len(wb)
    if 2.0 * min(len(wa), len(wb)) / both < ALIGNED:
        return []
    (set_a, repeats_a), (set_b, repeats_b) = sa.word_set, sb.word_set
    if 2.0 * (len(set_a & set_b) + min(repeats_a, repeats_b)) / both < ALIGNED:
        return []
    if 2.0 * sum((Counter(wa) & Counter(wb)).values()) / both < ALIGNED:
        return []
    sm = SequenceMatcher(None, wa, wb, autojunk=False)
    if sm.ratio() < ALIGNED:
        return []
    ops = sm.get_opcodes()
    out = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or i2 - i1 > _MAX_REPLACED or j2 - j1 > _MAX_REPLACED:
            continue
        around = sum(op[2] - op[1] for op in (ops[k - 1] if k else None, ops[k + 1] if k + 1 < len(ops) else None)
                     if op is not None and op[0] == "equal")  # fmt: skip
        if around >= _AROUND:
            out.append((i1, i2, j1, j2))
    return out


def _name_in(side: _Side, i1: int, i2: int) -> tuple[str, int, int] | None:
    """The words ``i1:i2`` of a unit as one name ``(text, start, end)``, when they are one: every word
    inside a name of the text or a title ("President"), one at least a name."""
    text = side.unit.text
    ranges = _name_ranges(text)
    in_name = [any(s <= ws < e for s, e in ranges) for _, ws, _ in side.words[i1:i2]]
    if not any(in_name):
        return None
    for (w, _, _), named in zip(side.words[i1:i2], in_name):
        if not named and w not in TITLES and w not in _ROLE_TITLES:
            return None
    first = next(k for k, named in enumerate(in_name) if named)
    last = max(k for k, named in enumerate(in_name) if named)
    start, end = side.words[i1 + first][1], side.words[i1 + last][2]
    name = text[start:end]
    if _is_nationality(name) or _PARTY.fullmatch(name):
        return None
    if i1 + first == 0 and " " not in name and _common_word(name):
        return None  # a capital that only starts the sentence: "Police searched ...", "Instead, ..."
    return name, start, end


_COMMON_ZIPF = 5.0
"""A capitalised word opening a unit is a common word, not a name, from this wordfreq frequency ("Police"
5.3, "Instead" 5.2, "Tomorrow" 5.0), which keeps common surnames ("Smith" 4.9, "Jones" 4.7, "Ross" 4.4;
"King" 5.2 is lost there)."""


def _common_word(word: str) -> bool:
    """Whether a word is very common English when lower-cased (``_COMMON_ZIPF``; wordfreq's value,
    read by ``compare.match.zipf`` without its tokenizer for a plain word)."""
    w = word.lower().removesuffix("’s").removesuffix("'s")
    return zipf(w) >= _COMMON_ZIPF


def _name_kind(side: _Side, name: tuple[str, int, int]) -> str:
    """``person``, ``organisation``, ``place`` or ``name`` (unknown), from the words in and around a name."""
    text, (_, start, end) = side.unit.text, name
    return kind_vote(text, start, end, tuple(text[start:end].split()), False)


def _aligned_differences(sa: _Side, sb: _Side, speakers: set[str]) -> list[Difference]:
    """``entity`` and ``antonym`` differences of two units worded alike (``_replacements``).

    An ``entity`` difference: one name stands where the other unit has another name of the same kind
    (person, organisation or place, by ``mentions`` votes; an unknown kind goes with any), and neither
    is a part of the other ("Putin" / "Vladimir Putin"), a spelling of the other ("Falluja" /
    "Al-Fallujah"), named elsewhere in the other unit, or a region the other may be in ("Miami" /
    "Florida": a country, US state or continent never conflicts with a place that is not one). A name
    already given as a speaker difference is not repeated.

    An ``antonym`` difference: a word of ``lexicon.ANTONYMS`` stands where the other unit has its
    opposite ("rose" / "fell"), and neither unit has the other's word elsewhere.
    """
    a, b = sa.unit, sb.unit
    out: list[Difference] = []
    for i1, i2, j1, j2 in _replacements(sa, sb):
        group = _group_words(sa, sb, i1, i2, j1, j2)
        if group is not None:
            ga, gb = group
            out.append(Difference(DifferenceKind.ENTITY, f"group: {ga!r} in {a.source}, {gb!r} in {b.source}",
                                  {a.source: ga, b.source: gb}, "group"))  # fmt: skip
            continue
        na, nb = _name_in(sa, i1, i2), _name_in(sb, j1, j2)
        if na and nb:
            ta, tb = na[0], nb[0]
            ka = {name_key(p) for p in ta.split()}
            kb = {name_key(p) for p in tb.split()}
            kinds = {_name_kind(sa, na), _name_kind(sb, nb)} - {"name"}
            if (
                ka & kb
                or ka <= sb.features.names
                or kb <= sa.features.names
                or same_name(ta, tb)
                or _written_two_ways(ta, tb)
                or _is_region(ta) != _is_region(tb)
                or len(kinds) > 1
                or ta in speakers
                or tb in speakers
            ):
                continue
            kind = next(iter(kinds), "name")
            what = {"person": "person", "organisation": "organisation", "place": "place"}.get(kind, "name")
            out.append(Difference(DifferenceKind.ENTITY, f"{what}: {ta!r} in {a.source}, {tb!r} in {b.source}",
                                  {a.source: ta, b.source: tb}, what))  # fmt: skip
            continue
        xa = {w for w, _, _ in sa.words[i1:i2]}
        xb = {w for w, _, _ in sb.words[j1:j2]}
        if xa.isdisjoint(_antonym_words()) or xb.isdisjoint(_antonym_words()):
            continue  # no word of a pair of opposites on one side: none stands where its opposite does
        all_a, all_b = {w for w, _, _ in sa.words}, {w for w, _, _ in sb.words}
        for x, y, label in _antonym_pairs():
            for p, q in ((x, y), (y, x)):
                if p in xa and q in xb and q not in all_a and p not in all_b:
                    detail = f"{label}: {p!r} in {a.source}, {q!r} in {b.source}"
                    out.append(Difference(DifferenceKind.ANTONYM, detail, {a.source: p, b.source: q}, f"{p} / {q}"))
    return out


_GROUP_WORDS = frozenset(
    """
    american mexican german cuban moroccan african dominican jamaican venezuelan guatemalan samoan tibetan
    french dutch greek swiss thai czech serb croat afghan sunni shiite shia catholic protestant muslim
    christian jewish hindu buddhist
    """.split()
)
"""Words naming a nation, a people or a faith that ``_is_nationality`` does not read ("American", "Dutch",
"Sunni")."""


def _is_group_word(word: str) -> bool:
    """Whether a word names a nation, a people or a faith as an adjective ("Russian", "Iraqi", "Chinese",
    "American", "Sunni"), not a direction ("Western") or a kind ("Islamic")."""
    if word.lower() in _GROUP_WORDS:
        return True
    return _is_nationality(word) and not word.lower().endswith(("ern", "erns", "ic", "ics"))


def _group_words(sa: _Side, sb: _Side, i1: int, i2: int, j1: int, j2: int) -> tuple[str, str] | None:
    """The two words, as written, when one word of each unit stands in the other's place and both name a
    nation, a people or a faith (``_is_group_word``): "a *Russian* drone" / "a *Ukrainian* drone". None
    otherwise, or when either unit has the other's word elsewhere."""
    if i2 - i1 != 1 or j2 - j1 != 1:
        return None
    (wa, sa0, ea), (wb, sb0, eb) = sa.words[i1], sb.words[j1]
    ta, tb = sa.unit.text[sa0:ea], sb.unit.text[sb0:eb]
    if wa == wb or not (_is_group_word(ta) and _is_group_word(tb)):
        return None
    if any(w == wb for w, _, _ in sa.words) or any(w == wa for w, _, _ in sb.words):
        return None
    return ta, tb


_SYMMETRIC = frozenset("and or nor with vs versus v between plus".split())
"""Words between two names that leave their order free ("Russia and Ukraine", "Apple v Samsung")."""
_MAX_BETWEEN = 4
"""At most this many words between two names whose order is compared (a verb and its particles)."""


def _swapped_roles(a: Unit, b: Unit) -> list[Difference]:
    """An ``entity`` difference for two names that change places around the same words: "Apple beat
    Samsung" / "Samsung beat Apple", "Russian forces attacked Ukrainian positions" / "Ukrainian forces
    attacked Russian positions". The words between must be the same, at most ``_MAX_BETWEEN`` of them,
    and not only words that leave the order free ("Russia and Ukraine" / "Ukraine and Russia"); each
    name must occur once in each unit."""
    spans_a, spans_b = name_spans(a.text), name_spans(b.text)
    if len(spans_a) < 2 or len(spans_b) < 2:
        return []

    def keyed(spans: list[tuple[int, int, tuple[str, ...]]]) -> dict[frozenset[str], tuple[int, int]]:
        keys = [frozenset(name_key(p) for p in parts) for _, _, parts in spans]
        return {k: (s, e) for k, (s, e, _) in zip(keys, spans, strict=True) if keys.count(k) == 1}

    at_b = keyed(spans_b)
    out: list[Difference] = []
    keys_a = keyed(spans_a)
    ordered = sorted(keys_a.items(), key=lambda kv: kv[1])
    for (kx, (xs, xe)), (ky, (ys, ye)) in pairwise(ordered):
        if kx & ky or kx not in at_b or ky not in at_b:
            continue
        (bxs, bxe), (bys, bye) = at_b[kx], at_b[ky]
        if not bye <= bxs:
            continue  # the same order in B
        between = lower_words(a.text[xe:ys])
        if not between or len(between) > _MAX_BETWEEN or set(between) <= _SYMMETRIC:
            continue
        if lower_words(b.text[bye:bxs]) != between:
            continue
        wa, wb = a.text[xs:ye], b.text[bys:bxe]
        detail = f"who did what: {wa!r} in {a.source}, {wb!r} in {b.source}"
        out.append(Difference(DifferenceKind.ENTITY, detail, {a.source: wa, b.source: wb}, "roles"))
    return out


@lru_cache(maxsize=1)
def _antonym_pairs() -> tuple[tuple[str, str, str], ...]:
    """The pairs of ``lexicon.ANTONYMS`` and ``lexicon.CONTRASTS``, each with the words its detail opens with."""
    return tuple((x.lower(), y.lower(), "opposite words") for x, y in ANTONYMS) + tuple(
        (x.lower(), y.lower(), "other words") for x, y in CONTRASTS
    )


@lru_cache(maxsize=1)
def _antonym_words() -> frozenset[str]:
    """Every word of ``_antonym_pairs``."""
    return frozenset(w for x, y, _ in _antonym_pairs() for w in (x, y))


# --------------------------------------------------------------------------------------------
# speakers and quotations


def _top(f: Features) -> list[Quote]:
    return [q for q in f.quoted if q.depth == 0]


def _speaker_differences(sa: _Side, sb: _Side) -> list[Difference]:
    a, b, fa, fb = sa.unit, sb.unit, sa.features, sb.features
    out: list[Difference] = []
    quoted_pair = False
    for qa in sa.top if sb.top else ():
        for qb in sb.top:
            if not same_quotation(qa.text, qb.text):
                continue
            quoted_pair = True
            if different_people(qa.speaker, qa.speaker_name, qb.speaker, qb.speaker_name):
                na, nb = qa.speaker_name or str(qa.speaker), qb.speaker_name or str(qb.speaker)
                detail = f"“{qa.text}” is {na}'s in {a.source}; “{qb.text}” is {nb}'s in {b.source}"
                out.append(Difference(DifferenceKind.SPEAKER, detail, {a.source: na, b.source: nb}, qa.text))
    if quoted_pair or out:
        return out
    if (
        sa.full_speaker
        and sb.full_speaker
        and different_people(fa.speaker, fa.speaker_name, fb.speaker, fb.speaker_name)
        and _same_tokens(sa.token_set, sb.token_set)
    ):
        na, nb = fa.speaker_name or str(fa.speaker), fb.speaker_name or str(fb.speaker)
        out.append(Difference(DifferenceKind.SPEAKER, f"the claim is {na}'s in {a.source}, {nb}'s in {b.source}",
                              {a.source: na, b.source: nb}))  # fmt: skip
    return out


def _plain_speaker_differences(a: Unit, b: Unit, fa: Features, fb: Features) -> list[Difference]:
    """``_speaker_differences`` the plain way, everything read from the features of the pair."""
    out: list[Difference] = []
    quoted_pair = False
    for qa in _top(fa):
        for qb in _top(fb):
            if not same_quotation(qa.text, qb.text):
                continue
            quoted_pair = True
            if different_people(qa.speaker, qa.speaker_name, qb.speaker, qb.speaker_name):
                na, nb = qa.speaker_name or str(qa.speaker), qb.speaker_name or str(qb.speaker)
                detail = f"“{qa.text}” is {na}'s in {a.source}; “{qb.text}” is {nb}'s in {b.source}"
                out.append(Difference(DifferenceKind.SPEAKER, detail, {a.source: na, b.source: nb}, qa.text))
    if quoted_pair or out:
        return out
    full = all(len((n or "").split()) >= 2 for n in (fa.speaker_name, fb.speaker_name))
    ta, tb = set(fa.tokens), set(fb.tokens)
    same = bool(ta and tb) and len(ta & tb) >= 0.6 * min(len(ta), len(tb))
    if full and different_people(fa.speaker, fa.speaker_name, fb.speaker, fb.speaker_name) and same:
        na, nb = fa.speaker_name or str(fa.speaker), fb.speaker_name or str(fb.speaker)
        out.append(Difference(DifferenceKind.SPEAKER, f"the claim is {na}'s in {a.source}, {nb}'s in {b.source}",
                              {a.source: na, b.source: nb}))  # fmt: skip
    return out


def _same_tokens(ta: frozenset[str], tb: frozenset[str]) -> bool:
    """Whether two units share most of their content words (the same statement, not a related one)."""
    return bool(ta and tb) and len(ta & tb) >= 0.6 * min(len(ta), len(tb))


def _quote_differences(a: Unit, b: Unit, top_a: Sequence[Quote], top_b: Sequence[Quote]) -> list[Difference]:
    out: list[Difference] = []
    for qa in top_a:
        for qb in top_b:
            if normalise_quote(qa.text) == normalise_quote(qb.text) or not same_quotation(qa.text, qb.text):
                continue
            changes = substantive_changes(qa.text, qb.text)
            if not changes:
                continue  # a longer stretch of the same words, or a variant of transcription (the ledger shows it)
            detail = f"quoted differently: {'; '.join(changes)} ({a.source} -> {b.source})"
            out.append(Difference(DifferenceKind.QUOTE, detail, {a.source: qa.text, b.source: qb.text}, qa.text))
    return out


# --------------------------------------------------------------------------------------------
# hedges and negation


SAME_STATEMENT = load("fact").thresholds["paraphrase_p5"]
"""Fact similarity (``similarity``; in a comparison, the matcher's ``fact_similarity`` of the two
units) from which two units count as one statement, so that a hedge or a negation in one of
them and not the other, or two different ordinals, are a difference: the level that 95% of
MRPC's paraphrase pairs reach (fit part), read from the fact model's weights (``paraphrase_p5`` in
``compare/weights/fact.json``, written by ``make train``; ``make eval`` prints it as ``mrpc_paraphrase_p5``).
The figures below were measured with the earlier fact model (level 33.5).

Groups also link units that report one *event* in different statements ("talks with no
ceasefire" / "could include a possible cease-fire"); there a cue in one unit only rarely bears on
anything the other says. On ECB+ development pairs (15 article pairs per set), 51 of the 55 hedge
and negation differences came from pairs below this level, nearly all spurious ("DiLeo has never
been an NBA coach" / "Cheeks would become the fifth NBA coach fired"); the 4 above it include
"Gary Ross in negotiations to direct" / "Gary Ross Won't Direct". A few real ones below it are
lost ("allegedly handcuffed" / "handcuffed them", 18.4): a missed hedge costs the reader less
than a false "B says it did not happen".

Ordinals need it too (``_quantity_differences``): on the same pairs 52 of 68 number differences
were ordinals, all from units naming different members of a series ("the fourth round" / "a
seventh-round knockout" of one fight, "his first head coaching job" / "the 21st head coach"), none
above this level. Other numbers, dates and names do not: the same fact across outlets is often
worded far apart ("agreed to exchange 1,000 prisoners of war" / "will swap 900 prisoners", 1.9).
"""


@lru_cache(maxsize=4096)
def _same_statement(a: str, b: str) -> bool:
    """Whether two unit texts are close enough to one statement for hedges and negations to count."""
    return similarity(a, b) >= SAME_STATEMENT


_AUXILIARIES = frozenset("be been being have has had do does did get got go going".split())

_NOT_DENIAL = re.compile(
    r"\b(?:not\s+least|no\s+sooner|nothing\s+short\s+of|no\s+less\s+than|not\s+to\s+mention|none\s+other\s+than"
    r"|no\s+longer\s+\w+(?:\s+\w+){0,5}?,?\s+but|not\s+only|not\s+just|nothing\s+but|no\s+doubt|no\s+matter"
    r"|(?:not|never|cannot|\w+n[’']t)\s+(?:\w+\s+){0,5}?without)\b",
    re.IGNORECASE,
)
"""Phrases holding a negation word that deny nothing ("not least", "no longer a rebel but a minister":
the clause is restated, not denied), and two negations that cancel: "could not secede without an
amendment" says it could only with one."""


def _real_negations(text: str, cues: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The negation cues of a text that deny something (``_NOT_DENIAL`` phrases left out)."""
    if not cues:
        return []
    skip = [m.span() for m in _NOT_DENIAL.finditer(text)]
    return [c for c in cues if not any(s <= c[1] < e for s, e in skip)]


def _outside_shared_quotes(
    cues: Sequence[tuple[str, int, int]], mine: Sequence[Quote], theirs: Sequence[Quote]
) -> Sequence[tuple[str, int, int]]:
    """The cues that are not inside a quotation of this unit that the other unit quotes too."""
    if not cues or not mine or not theirs:
        return cues
    shared = [(q.start, q.end) for q in mine if any(same_quotation(q.text, t.text) for t in theirs)]
    return [c for c in cues if not any(s <= c[1] < e for s, e in shared)]


_MODALS = frozenset("may might could".split())
"""The hedges that are modal verbs."""
_CONDITIONS = frozenset("if whether unless".split())
"""Words that make a clause a condition or a question rather than a statement."""

_DENYING_STEMS = frozenset("declin refus deni deny reject fail dismiss".split())
"""Stems of verbs that deny in any construction ("declined comment", "refused it", "dismissed the
claims"): a unit holding one is not a plain statement for a negation in the other ("would not
comment" / "declined comment", "rejected the proposal" / "dismissed the proposal"). "Rebuffed",
"vetoed" and the like need no stem here: they are negation cues themselves (``words.NEGATIONS``), so a
unit holding one is never the plain side."""
_DENYING_PHRASE = re.compile(
    r"\b(?:turn(?:s|ed|ing)?\s+(?:it\s+|them\s+)?down|rul(?:e|es|ed|ing)\s+(?:it\s+|them\s+)?out"
    r"|thr(?:ow|ows|ew|own|owing)\s+out|brush(?:es|ed|ing)?\s+(?:off|aside)|sa(?:y|ys|id|ying)\s+no\b)",
    re.IGNORECASE,
)
"""Phrasal verbs that reject ("threw out the appeal", "brushed off the claims", "said no to"): like
``_DENYING_STEMS``, a unit holding one denies in other words. "Turned down" and "ruled out" are
negation cues before their object (``words.negation_cues``); here they also count without one ("the
offer was turned down")."""
_FORECAST_PHRASE = re.compile(
    r"\b(?:(?:is|are|was|were|being)\s+(?:forecast|projected|predicted|tipped|anticipated)\s+to"
    r"|forecasts?\s+(?:that|to)|predict(?:s|ed)?\s+that)\b",
    re.IGNORECASE,
)
"""A forecast ("is forecast to make landfall", "is projected to rise", "predicted that"): a unit holding
one is no plain statement for a hedge in the other ("is expected to make landfall"). It is no hedge
cue of its own (a forecast against a plain statement stays unflagged: docs/experiments.md, session 15)."""


def _head(text: str, end: int) -> str | None:
    """The first word after a cue that is not an article or auxiliary, lower-cased ("no *say*", "did not
    *declare*"), or None at the end of the clause."""
    clause = _CLAUSE_END.split(text[end:], maxsplit=1)[0]
    for m in WORD.finditer(clause):
        w = m.group().lower()
        if w not in _AUXILIARIES and w not in ("a", "an", "the", "to", "been", "yet", "even", "ever"):
            return w
    return None


def _scope(text: str, end: int, n: int = 6) -> list[str]:
    """Content words of the few words after a cue, up to the end of the clause, in order."""
    clause = _CLAUSE_END.split(text[end:], maxsplit=1)[0]
    words = [w for w in clause.split() if w.lower() not in _AUXILIARIES][:n]
    return list(content_tokens(" ".join(words)))


def _cue_differences(
    kind: DifferenceKind, a: Unit, b: Unit, ca: Sequence[tuple[str, int, int]], cb: Sequence[tuple[str, int, int]]
) -> list[Difference]:
    """A hedge or negation in one unit whose clause the other states plainly.

    The other unit must carry no cue of that kind at all, and must contain the word the cue
    bears on and most of the content words that follow it ("did not *declare a ceasefire*" /
    "declared a ceasefire"). ``ca`` and ``cb`` are the units' cues of that kind.
    """
    if bool(ca) == bool(cb):
        return []
    cued, plain, cues = (a, b, ca) if ca else (b, a, cb)
    plain_tokens = set(content_tokens(plain.text))
    plain_words = lower_words(plain.text)
    plain_stems = {stem(w) for w in plain_words}
    # a modal against "would", or two clauses of one condition, is no hedge against a plain statement:
    # "could face up to two years" / "would face ..."; "if convicted, could face" / "faces ... if convicted"
    conditional = kind == DifferenceKind.HEDGE and (
        "would" in plain_words or not _CONDITIONS.isdisjoint(set(plain_words) & set(lower_words(cued.text)))
    )
    hits = []
    for word, _, end in cues:
        if conditional and word in _MODALS:
            continue
        scope = _scope(cued.text, end)
        head = _head(cued.text, end)
        # the word the cue bears on must be in the other unit, and most of what follows it; the very next
        # word too, even a function word ("they have no *say*" is not denied by "stating ... a federal matter")
        if head is not None and stem(head) not in plain_stems:
            continue
        if kind == DifferenceKind.NEGATION and (plain_stems & _DENYING_STEMS or _DENYING_PHRASE.search(plain.text)):
            break  # the other unit denies too, in other words
        if kind == DifferenceKind.HEDGE and _FORECAST_PHRASE.search(plain.text):
            break  # the other unit forecasts: it does not state the thing as a fact either
        if scope and scope[0] in plain_tokens and len(set(scope) & plain_tokens) >= 0.6 * len(set(scope)):
            hits.append(word)
    if not hits:
        return []
    words = ", ".join(dict.fromkeys(hits))
    if kind == DifferenceKind.HEDGE:
        detail = f"{cued.source} hedges ({words!r}); {plain.source} states it without hedging"
        values = {cued.source: words, plain.source: "(no hedge)"}
    else:
        detail = f"{cued.source} says it did not happen ({words!r}); {plain.source} says it did"
        values = {cued.source: f"negated ({words})", plain.source: "affirmed"}
    return [Difference(kind, detail, {a.source: values[a.source], b.source: values[b.source]}, words)]
