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
from functools import cached_property
from itertools import chain

from compare.model import Comparison, Explanation, Group, Verdict
from compare.text.words import content_tokens, is_content_word, straight_words

__all__ = ["Explainer", "Explanation", "explain"]


class Explainer:
    """Explanations for the groups of one comparison (the lookups are built once)."""

    def __init__(self, c: Comparison) -> None:
        self.c = c
        self._content: dict[str, bool] = {}
        """``is_content_word`` of each word read so far."""

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
        return Counter(chain.from_iterable(map(set, self._tokens.values())))

    @cached_property
    def _tokens(self) -> dict[str, tuple[str, ...]]:
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
        empty: tuple[list[int], list[int]] = ([], [])
        mentioned = [self._mentions.get(uid, empty) for uid in g.units]
        for k, rows in enumerate((c.entities, c.numbers)):
            common = set(mentioned[0][k]).intersection(*(m[k] for m in mentioned[1:]))
            shown = [rows[n].text for n in sorted(common)]
            (names if k == 0 else numbers).extend(shown)
        tokens = self._tokens
        stems = set(tokens[g.units[0]]).intersection(*(tokens[uid] for uid in g.units[1:]))
        name_keys: set[str] = set()
        for uid in g.units:
            f = c.features.get(uid)
            if f is not None:
                name_keys |= f.names
        stems -= name_keys
        words = _written(c.unit(g.units[0]).text, stems, self._content)
        df = self._df
        ranked = sorted(words, key=lambda w: df[words[w]])  # a stable sort: ties stay in order of first use
        return Explanation(tuple(names), tuple(numbers), tuple(ranked))


def _written(text: str, stems: set[str], content: dict[str, bool] | None = None) -> dict[str, str]:
    """The words of ``text`` whose stem is in ``stems``, as written (lower case), in order: word -> stem.

    The content words of the text are its words (``WORD``, lower-cased, "’" read as "'") that are
    no stop word and have two letters or more; their stems, in order, are ``content_tokens`` of
    the text (cached by text), so no word is stemmed here. ``content``: ``is_content_word`` of the
    words read so far, filled in as words come (the words of one comparison's units recur).
    """
    out: dict[str, str] = {}
    tokens = content_tokens(text)
    if stems.isdisjoint(tokens):
        return out
    if content is None:
        content = {}
    kept = []
    for w in straight_words(text):
        is_content = content.get(w)
        if is_content is None:
            is_content = content[w] = is_content_word(w)
        if is_content:
            kept.append(w)
    seen: set[str] = set()
    for w, s in zip(kept, tokens, strict=True):
        if s in stems and s not in seen:
            out[w] = s
            seen.add(s)
    return out


def explain(c: Comparison, g: Group) -> Explanation:
    """What the members of one group share (for many groups, build one :class:`Explainer`)."""
    return Explainer(c)(g)
