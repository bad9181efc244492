"""Why the units of a matched group were matched: what they share (``--explain``, and the JSON
report's ``groups[].explain``).

Read from the comparison, not from the matcher's internals: the names and numbers are the rows
of the names and numbers tables (``Comparison.entities``, ``Comparison.numbers``) that every
member mentions, the words are the content words (``Features.tokens``) every member has, names
left out. Words are shown as the first member writes them, the rarest in the comparison first
(a word few units share says more than one every unit has).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from compare.model import Comparison, Group, Verdict


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


class Explainer:
    """Explanations for the groups of one comparison (the lookups are built once)."""

    def __init__(self, c: Comparison) -> None:
        self.c = c

    @cached_property
    def _mentions(self) -> dict[str, tuple[list[int], list[int]]]:
        out: dict[str, tuple[list[int], list[int]]] = {}
        for k, rows in enumerate((self.c.entities, self.c.numbers)):
            for n, m in enumerate(rows):
                for ids in m.units.values():
                    for uid in ids:
                        out.setdefault(uid, ([], []))[k].append(n)
        return out

    @cached_property
    def _df(self) -> Counter[str]:
        return Counter(t for uid in self._tokens for t in set(self._tokens[uid]))

    @cached_property
    def _tokens(self) -> dict[str, tuple[str, ...]]:
        from compare.features import content_tokens

        out = {}
        for u in self.c.units:
            f = self.c.features.get(u.id)
            out[u.id] = f.tokens if f is not None else content_tokens(u.text)
        return out

    def __call__(self, g: Group) -> Explanation:
        """What the members of ``g`` share (empty for a group of one unit)."""
        c = self.c
        if g.verdict is Verdict.ONLY or len(g.units) < 2:
            return Explanation((), (), ())
        names: list[str] = []
        numbers: list[str] = []
        for k, rows in enumerate((c.entities, c.numbers)):
            common = set.intersection(*(set(self._mentions.get(uid, ([], []))[k]) for uid in g.units))
            shown = [rows[n].text for n in sorted(common)]
            (names if k == 0 else numbers).extend(shown)
        stems = set.intersection(*(set(self._tokens[uid]) for uid in g.units))
        name_keys: set[str] = set()
        for uid in g.units:
            f = c.features.get(uid)
            if f is not None:
                name_keys |= f.names
        stems -= name_keys
        words = _written(c.unit(g.units[0]).text, stems)
        first = {w: k for k, w in enumerate(words)}
        ranked = sorted(words, key=lambda w: (self._df[words[w]], first[w]))
        return Explanation(tuple(names), tuple(numbers), tuple(ranked))


def _written(text: str, stems: set[str]) -> dict[str, str]:
    """The words of ``text`` whose stem is in ``stems``, as written (lower case), in order: word -> stem."""
    from compare.features import STOP_WORDS, WORD, stem

    out: dict[str, str] = {}
    for m in WORD.finditer(text):
        w = m.group().lower().replace("’", "'")
        if w in STOP_WORDS or len(w) < 2:
            continue
        s = stem(w.replace("-", ""))
        if s in stems and s not in out.values():
            out[w] = s
    return out


def explain(c: Comparison, g: Group) -> Explanation:
    """What the members of one group share (for many groups, build one :class:`Explainer`)."""
    return Explainer(c)(g)
