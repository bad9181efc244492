"""Oracles of ``compare.analyze``: the names and numbers tables, and what a group's members share."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from compare.analyze.mentions import BODY_HEADS, FOR_HEADS, NAME_HEADS, OWNED_HEADS
from compare.features.quantities import describe, dimension, same_value
from compare.match import zipf
from compare.model import (
    Comparison,
    Explanation,
    Features,
    Group,
    Mention,
    Quantity,
    QuantityKind,
    Unit,
    UnitKind,
    Verdict,
)
from compare.text.names import NAME_PARTICLES, PERSON_TITLES, context_kind, display_name, own_kind
from compare.text.words import (
    TITLES,
    content_tokens,
    is_content_word,
    name_key,
    name_spans,
    starts_place,
    straight_words,
)


def entity_table(units: Sequence[Unit], features: dict[str, Features], sources: Sequence[str]) -> list[Mention]:
    """``mentions.entity_table``: every mention of every unit read for itself, every capitalised word
    looked at character by character, every vote kept."""
    speakers = {f.speaker for f in features.values() if f.speaker} | {
        q.speaker for f in features.values() for q in f.quoted if q.speaker
    }
    mid_sentence = set()
    for u in units:
        for m in re.finditer(r"[A-Z][\w’'-]*", u.text):
            j = m.start() - 1
            while j >= 0 and u.text[j].isspace():
                j -= 1
            if m.start() and (j < 0 or u.text[j] not in '.!?“"‘—:'):
                mid_sentence.add(m.group().removesuffix("’s").removesuffix("'s"))

    def shown(parts: tuple[str, ...]) -> str:
        # lower-case words are the particles and connectors the table joined, never titles; a possessive
        # inside the name stays
        if not any(p[0].islower() for p in parts) and not any(p.endswith(("’s", "'s")) for p in parts[:-1]):
            return display_name(parts)
        words = [*parts[:-1], display_name(parts[-1:]) or parts[-1]]
        titles = [i for i, p in enumerate(words)
                  if p[0].isupper() and p.lower().strip(".") in TITLES and not starts_place(words[i:])
                  and not (i and words[i - 1] in ("of", "for", "on", "the"))]  # fmt: skip
        words = words[titles[-1] + 1 :] if titles else words
        while words and words[0][0].islower() and words[0] not in NAME_PARTICLES:
            words = words[1:]
        return " ".join(words)

    def named(parts: tuple[str, ...]) -> tuple[str, str, int] | None:
        skip = ("however meanwhile still nevertheless also instead separately earlier later then yet indeed "
                "moreover but and so thus the a an i").split()  # fmt: skip
        full = shown(parts)
        if not full or full.lower() in skip or not any(c.isalpha() for c in full):
            return None
        if len(parts) == 1 and (full not in mid_sentence or full.isupper()) and zipf(full.lower()) >= 3.0:
            return None
        if len(parts) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:ian|ean|ern|ese|ish)", full):
            return None
        words = full.split()
        joined = [w for w in words if w[0].islower() and w not in NAME_PARTICLES]
        if joined or any(w.endswith(("’s", "'s")) for w in words[:-1]):
            return full, " ".join(name_key(w) for w in words), len(words)
        if len(words) >= 2 and words[-1].lower().strip(".") in NAME_HEADS:
            return full, " ".join(name_key(w) for w in words[-2:]), len(words)
        return full, name_key(words[-1]), len(words)

    def join(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        out: list[tuple[int, int, tuple[str, ...]]] = []
        last_joined = False
        for s, e, parts in name_spans(text):
            gap = text[out[-1][1] : s].split(" ") if out else []
            words = gap[1:-1] if len(gap) >= 3 and gap[0] == gap[-1] == "" else None
            if words and len(words) <= 3 and all(w in NAME_PARTICLES for w in words):
                out[-1] = (out[-1][0], e, out[-1][2] + tuple(words) + parts)
                last_joined = False
                continue
            if words in (["of"], ["for"], ["of", "the"], ["for", "the"]):
                head = out[-1][2][-1].lower().strip(".")
                if (last_joined and words[0] == "of") or (
                    head in BODY_HEADS and (words[0] == "of" or head in FOR_HEADS)
                ):
                    out[-1] = (out[-1][0], e, out[-1][2] + tuple(words) + parts)
                    last_joined = True
                    continue
            last_joined = False
            for j in range(s):  # the first place from which one to three particles, a space apart, run up to the name
                words = text[j:s].split(" ")
                if (
                    words[-1] == ""
                    and 1 <= len(words) - 1 <= 3
                    and all(w in NAME_PARTICLES for w in words[:-1])
                    and words[0] not in ("la", "le")
                    and j >= 1
                    and text[j - 1] == " "
                ):
                    out.append((j, e, tuple(words[:-1]) + parts))
                    break
            else:
                out.append((s, e, parts))
        return out

    def split(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        out = []
        for s, e, parts in join(text):
            pos, start = s, s
            chunk: list[str] = []
            for i, p in enumerate(parts):
                at = text.find(p, pos, e)
                if chunk and "." in text[pos:at] and len(chunk[-1]) > 2:
                    out.append((start, pos, tuple(chunk)))
                    chunk, start = [], at
                chunk.append(p)
                pos = at + len(p)
                owned = i == len(parts) - 2 and parts[-1].lower() in OWNED_HEADS
                if p.endswith(("’s", "'s")) and not owned:
                    out.append((start, pos, tuple(chunk)))
                    chunk, start = [], pos
            if chunk:
                out.append((start, e, tuple(chunk)))
        spans = []
        for s, e, parts in out:
            while parts and re.fullmatch(r"[A-Z][a-z]*(['’](d|m|ll|ve|re)|n['’]t)", parts[0]):  # no name
                if len(parts) > 1:
                    s = text.index(parts[1], text.index(parts[0], s) + len(parts[0]))
                parts = parts[1:]
            if parts:
                spans.append((s, e, parts))
        return titled(text, spans)

    def titled(text: str, spans: list[tuple[int, int, tuple[str, ...]]]) -> list[tuple[int, int, tuple[str, ...]]]:
        # a body's head, then "of / for / on (the) Foreign" and the next run; or "of / for (the)" and
        # State, Justice, Defence or Defense ending the name
        def body(parts: tuple[str, ...]) -> bool:
            return parts[-1].lower().strip(".") in BODY_HEADS

        joined: list[tuple[int, int, tuple[str, ...]]] = []
        for s, e, parts in spans:
            if joined and body(joined[-1][2]):
                gap = text[joined[-1][1] : s]
                if gap in [f" {c}{t} Foreign " for c in ("of", "for", "on") for t in ("", " the")]:
                    joined[-1] = (joined[-1][0], e, joined[-1][2] + tuple(gap.split()) + parts)
                    continue
            joined.append((s, e, parts))
        out = []
        for s, e, parts in joined:
            if body(parts):
                for tail in [f" {c}{t} {w}" for c in ("of", "for") for t in ("", " the")
                             for w in ("State", "Justice", "Defence", "Defense")]:  # fmt: skip
                    end = e + len(tail)
                    if text.startswith(tail, e) and (end == len(text) or not (text[end].isalnum() or text[end] == "_")):
                        s, e, parts = s, end, parts + tuple(tail.split())
                        break
            out.append((s, e, parts))
        return out

    def kind(text: str, s: int, e: int, parts: tuple[str, ...], full: str, speaker: bool) -> str:
        words = full.split()
        own = own_kind(words)
        titled = any(p.lower().strip(".") in PERSON_TITLES for p in parts[: len(parts) - len(words)])
        if own is None and len(words) < len(parts):
            own = "person" if titled else own_kind(parts)
        return own if own is not None else context_kind(text, s, e, parts, speaker)

    rows: dict[str, list] = {}  # key -> [name, size, units, written, votes]
    for u in units:
        if u.kind is UnitKind.BYLINE:
            continue
        for s, e, parts in split(u.text):
            found = named(parts)
            if found is None:
                continue
            full, key, size = found
            vote = kind(u.text, s, e, parts, full, key in speakers)
            if key not in rows:
                rows[key] = [full, size, {}, {}, []]
            row = rows[key]
            if size > row[1]:
                row[0], row[1] = full, size
            ids = row[2].setdefault(u.source, [])
            if u.id not in ids:
                ids.append(u.id)
            spellings = row[3].setdefault(u.source, [])
            if " ".join(parts) not in spellings:
                spellings.append(" ".join(parts))
            row[4].append(vote)
    out = []
    for name, _, by_unit, written, votes in rows.values():
        counts = Counter(v for v in votes if v != "name")
        kind = max(("person", "organisation", "place"), key=lambda k: (counts[k], k == "person")) if counts else "name"
        out.append(Mention(name, kind, {sid: tuple(by_unit.get(sid, ())) for sid in sources},
                           {sid: tuple(written[sid]) for sid in sources if sid in written}))  # fmt: skip
    return sorted(out, key=lambda m: -sum(1 for v in m.units.values() if v))


def number_table(units: Sequence[Unit], features: dict[str, Features], sources: Sequence[str]) -> list[Mention]:
    """``mentions.number_table``: each quantity compared with every row before it, in order."""
    rows: list[tuple[Quantity, dict[str, list[str]], dict[str, list[str]]]] = []
    for u in units:
        if u.kind is UnitKind.BYLINE or u.id not in features:
            continue
        for q in features[u.id].numbers:
            if q.kind == QuantityKind.ORDINAL and q.value <= 1:
                continue
            row = next(
                (
                    r
                    for r in rows
                    if dimension(r[0]) == dimension(q)
                    and (not r[0].keys or not q.keys or r[0].keys & q.keys)
                    and same_value(r[0], q)
                ),
                None,
            )
            if row is None:
                row = (q, {}, {})
                rows.append(row)
            ids = row[1].setdefault(u.source, [])
            if u.id not in ids:
                ids.append(u.id)
            spellings = row[2].setdefault(u.source, [])
            if q.text not in spellings:
                spellings.append(q.text)
    out = [
        Mention(
            describe(rep),
            dimension(rep),
            {sid: tuple(by_unit.get(sid, ())) for sid in sources},
            written={sid: tuple(w) for sid, w in written.items()},
        )
        for rep, by_unit, written in rows
    ]
    return sorted(out, key=lambda m: -sum(1 for v in m.units.values() if v))


def explain(c: Comparison, g: Group) -> Explanation:
    """``explain.explain``: the rows and words of every member read from the comparison, each word of
    the first member tested and stemmed, ranked by the number of units that have it, then by position."""
    if g.verdict is Verdict.ONLY or len(g.units) < 2:
        return Explanation((), (), ())
    shown = [
        [m.text for m in rows if all(any(uid in ids for ids in m.units.values()) for uid in g.units)]
        for rows in (c.entities, c.numbers)
    ]
    tokens = {u.id: c.features[u.id].tokens if u.id in c.features else content_tokens(u.text) for u in c.units}
    stems = set.intersection(*(set(tokens[uid]) for uid in g.units))
    stems -= {k for uid in g.units if uid in c.features for k in c.features[uid].names}
    text = c.unit(g.units[0]).text
    words: dict[str, str] = {}
    kept = [w for w in straight_words(text) if is_content_word(w)]
    for w, s in zip(kept, content_tokens(text), strict=True):
        if s in stems and s not in words.values():
            words[w] = s
    df = Counter(t for uid in tokens for t in set(tokens[uid]))
    ranked = sorted(enumerate(words), key=lambda kw: (df[words[kw[1]]], kw[0]))
    return Explanation(tuple(shown[0]), tuple(shown[1]), tuple(w for _, w in ranked))
