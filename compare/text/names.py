"""Names of people and bodies: runs of capitalised words, their display form and key, and whether
two names or two speakers are one person."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from compare.text.words import TITLES, name_spans, starts_place

ROLE_TITLES = frozenset(
    """
    president vice prime minister secretary senator governor mayor chancellor pope king queen prince
    spokesman spokeswoman spokesperson aide general judge ambassador envoy chairman chairwoman ceo
    director chief leader commander professor
    """.split()
)
"""Titles that give a person a role ("Kremlin spokesman Dmitry Peskov" / "Kremlin spokesman X")."""


ORG_WORDS = frozenset(
    """
    council union commission ministry institute center centre church committee senate congress parliament
    party agency department kremlin vatican nato office administration bank force forces fleet army navy
    court university college company corporation corp inc group foundation fund organization
    organisation association news post times tass reuters guard police see house service services bureau
    school hospital board front movement alliance coalition league club society federation authority
    network airlines airways resorts industries
    """.split()
)
"""Words that mark a name as an organisation's."""
PERSON_TITLES = ROLE_TITLES | frozenset(
    "sen rep representative gov gen col lt sgt capt officer justice dr mr mrs ms sir lord lady dame rev prof "
    "princess head".split()
)
"""Titles of ``words.TITLES`` that only a person holds: a name after one is a person's, whatever words of a
body stand before the title ("Foreign Ministry Spokeswoman Anna Berg")."""

NAME_PARTICLES = frozenset("von van der den de du di da del della des la le al el bin ibn dos das ter".split())
"""Lower-case particles inside people's names ("Ursula von der Leyen", "Osama bin Laden")."""

PLACE_BEFORE = frozenset("in to from at near across throughout outside inside into toward towards".split())
"""Prepositions after which a name is a place ("in Moscow")."""


_VOTE_WORD = re.compile(r"[\w’'.-]+")
_AGE_AFTER = re.compile(r"\s*,\s*\d{1,3}\s*,")
"""An age right after a name ("Trump, 78,")."""


def kind_vote(text: str, start: int, end: int, parts: Sequence[str], is_speaker: bool) -> str:
    """What one mention suggests the name is: a title or an age next to it makes a person.

    ``own_kind`` of the name's words, else ``context_kind`` of the mention."""
    own = own_kind(parts)
    return own if own is not None else context_kind(text, start, end, parts, is_speaker)


def own_kind(parts: Sequence[str]) -> str | None:
    """What a name's own words make it: ``organisation`` (a word of ``ORG_WORDS``), ``person`` (a title
    of ``ROLE_TITLES``), or None when the words around each mention decide (``context_kind``). The same
    for every mention of the name, so a table of names works it out once per name."""
    words = {p.lower().strip(".").removesuffix("’s").removesuffix("'s") for p in parts}
    if words & ORG_WORDS:
        return "organisation"
    return "person" if words & ROLE_TITLES else None


def context_kind(text: str, start: int, end: int, parts: Sequence[str], is_speaker: bool) -> str:
    """What the words around one mention of a name whose own words say nothing (``own_kind`` None)
    suggest: a title right before it or an age after it (or being a speaker, in two words or more)
    make a person, a preposition of place before it a place; else ``name``."""
    before = _VOTE_WORD.findall(text, max(0, start - 30), start)
    last = before[-1].lower().strip(".") if before else None  # the word right before the name (only it counts)
    if last in ROLE_TITLES or _AGE_AFTER.match(text, end) or (is_speaker and len(parts) >= 2):
        return "person"
    if last in PLACE_BEFORE:
        return "place"
    return "name"


def name_runs(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """``features.name_spans`` with runs joined across a middle initial ("Neal R. Sonnett")."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for s, e, parts in name_spans(text):
        if out:
            ps, pe, pparts = out[-1]
            m = re.fullmatch(r"\s+([A-Z])\.\s+", text[pe:s])
            if m:
                out[-1] = (ps, e, (*pparts, f"{m.group(1)}.", *parts))
                continue
        out.append((s, e, parts))
    return out


def display_name(parts: Sequence[str]) -> str:
    """A person's or body's name without titles in front ("Russian President Vladimir Putin" -> "Vladimir Putin")."""
    return _display_name(tuple(parts))


@lru_cache(maxsize=65536)
def _display_name(parts: tuple[str, ...]) -> str:
    clean = [p.rstrip("’'s").rstrip(".") if p.endswith(("’s", "'s")) else p for p in parts]
    last_title = -1
    for i, p in enumerate(clean):
        if p.lower().strip(".") in TITLES and not starts_place(clean[i:]):
            last_title = i
    tail = clean[last_title + 1 :]
    return " ".join(tail)


def different_people(ka: str | None, na: str | None, kb: str | None, nb: str | None) -> bool:
    """Whether two resolved speakers are surely different people: both named, and not one name spelled two ways.

    A description ("the Connecticut Democrat") may be anyone, so it never conflicts with a name.
    """
    if not ka or not kb or ka.startswith("~") or kb.startswith("~") or ka == kb:
        return False
    return not same_name(na or ka, nb or kb)


_NOT_NAME_LETTER = re.compile(r"[^a-z ]")


def same_name(a: str, b: str) -> bool:
    """Whether two names are probably one (spelling variants, one inside the other, "Iraq"/"Iraqi")."""
    x, y = _NOT_NAME_LETTER.sub("", a.lower()), _NOT_NAME_LETTER.sub("", b.lower())
    if not x or not y:
        return False
    if x in y or y in x or x[:4] == y[:4]:
        return True
    return fuzz.ratio(x, y) >= 75 or (fuzz.partial_ratio(x, y) >= 85 and min(len(x), len(y)) >= 4)
