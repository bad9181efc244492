"""Who and what each source names: the people / organisations / places table and the numbers table.

A stage after ``features``: it reads units and their features and returns
:class:`~compare.model.Mention` rows, one per name or value, with the units of each source
that mention it, so that a person or a figure one source leaves out stands out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from compare.model import Features, Mention, Quantity, Unit, UnitKind
from compare.text.names import kind_vote as _kind_vote

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
    from compare.text.names import display_name
    from compare.text.words import _name_key, name_spans

    speakers = {f.speaker for f in features.values() if f.speaker} | {
        q.speaker for f in features.values() for q in f.quoted if q.speaker
    }
    rows: dict[str, dict[str, object]] = {}
    order: list[str] = []
    mid_sentence = _mid_sentence_words(units)
    for u in units:
        if u.kind is UnitKind.BYLINE:
            continue
        for s, e, parts in _split_possessives(name_spans(u.text), u.text):
            full = display_name(parts)
            if not full or full.lower() in _SKIP or not any(c.isalpha() for c in full):
                continue
            if len(parts) == 1 and (full not in mid_sentence or full.isupper()) and _common_word(full):
                continue  # "Drafts will be drawn up", "an END to the War": a capitalised word, not a name
            if len(parts) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:ian|ean|ern|ese|ish)", full):
                continue  # "Russian", "European", "Western": adjectives, not names
            key = _name_key(full.split()[-1])
            if key not in rows:
                rows[key] = {"name": full, "units": {}, "written": {}, "votes": []}
                order.append(key)
            row = rows[key]
            if len(full.split()) > len(str(row["name"]).split()):
                row["name"] = full
            units_by = row["units"]
            written = row["written"]
            assert isinstance(units_by, dict) and isinstance(written, dict)
            units_by.setdefault(u.source, [])
            if u.id not in units_by[u.source]:
                units_by[u.source].append(u.id)
            written.setdefault(u.source, [])
            if " ".join(parts) not in written[u.source]:
                written[u.source].append(" ".join(parts))
            votes = row["votes"]
            assert isinstance(votes, list)
            votes.append(_kind_vote(u.text, s, e, parts, key in speakers))
    out = []
    for key in order:
        row = rows[key]
        units_by, written, votes = row["units"], row["written"], row["votes"]
        assert isinstance(units_by, dict) and isinstance(written, dict) and isinstance(votes, list)
        out.append(
            Mention(
                text=str(row["name"]),
                kind=_kind(votes),
                units={sid: tuple(units_by.get(sid, ())) for sid in sources},
                written={sid: tuple(written[sid]) for sid in sources if sid in written},
            )
        )
    first = {m.text: i for i, m in enumerate(out)}
    return sorted(out, key=lambda m: (-sum(1 for v in m.units.values() if v), first[m.text]))


def _split_possessives(
    spans: Sequence[tuple[int, int, tuple[str, ...]]], text: str
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Cut a run of capitalised words after a possessive or a full stop.

    "Kyiv’s European" is Kyiv, then European; "Japan. Trump" is Japan, then Trump.
    """
    out = []
    for s, e, parts in spans:
        pos, start = s, s
        chunk: list[str] = []
        for p in parts:
            at = text.find(p, pos, e)
            gap = text[pos:at] if chunk else ""
            if chunk and "." in gap and len(chunk[-1]) > 2:
                out.append((start, pos, tuple(chunk)))
                chunk, start = [], at
            chunk.append(p)
            pos = at + len(p)
            if p.endswith(("’s", "'s")):
                out.append((start, pos, tuple(chunk)))
                chunk, start = [], pos
        if chunk:
            out.append((start, e, tuple(chunk)))
    return out


def _mid_sentence_words(units: Sequence[Unit]) -> set[str]:
    """Capitalised words seen somewhere other than at the start of a sentence or quotation."""
    seen = set()
    for u in units:
        for m in re.finditer(r"[A-Z][\w’'-]*", u.text):
            if m.start() and not re.search(r"[.!?“\"‘—:]\s*$", u.text[: m.start()]):
                seen.add(m.group().removesuffix("’s").removesuffix("'s"))
    return seen


def _common_word(word: str) -> bool:
    """Whether a word is ordinary English when lower-cased (wordfreq)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en")) >= 3.0


def _kind(votes: Sequence[str]) -> str:
    """The kind most mentions suggest (a person wins a tie)."""
    from collections import Counter

    counts = Counter(v for v in votes if v != "name")
    if not counts:
        return "name"
    return max(("person", "organisation", "place"), key=lambda k: (counts[k], k == "person"))


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
    from compare.features.quantities import describe, dimension, same_value

    rows: list[tuple[Quantity, dict[str, list[str]], dict[str, list[str]]]] = []
    for u in units:
        if u.kind is UnitKind.BYLINE or u.id not in features:
            continue
        for q in features[u.id].numbers:
            if q.kind == "ordinal" and q.value <= 1:
                continue
            row = next(
                (r for r in rows if dimension(r[0]) == dimension(q) and _same_thing(r[0], q) and same_value(r[0], q)),
                None,
            )
            if row is None:
                row = (q, {}, {})
                rows.append(row)
            _, by_unit, written = row
            by_unit.setdefault(u.source, [])
            if u.id not in by_unit[u.source]:
                by_unit[u.source].append(u.id)
            written.setdefault(u.source, [])
            if q.text not in written[u.source]:
                written[u.source].append(q.text)
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
