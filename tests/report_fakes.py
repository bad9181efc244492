"""Hand-built comparisons for renderer and gate tests: no matcher involved, so the outcome is
fixed by the test itself and does not move when the matcher is retuned."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from compare.model import Article, Comparison, Difference, DifferenceKind, Group, Unit, UnitKind, Verdict

GroupSpec = tuple[str, Sequence[str], Sequence[Difference]]
"""(verdict, unit ids, differences) of one matched group."""


def build(
    sources: Mapping[str, Sequence[str]],
    groups: Sequence[GroupSpec] = (),
    *,
    labels: Mapping[str, str] | None = None,
    kinds: Mapping[str, UnitKind] | None = None,
    separator: str = " ",
) -> Comparison:
    """A comparison of the given sources (id -> sentences), with the given matched groups; every
    unit left out of them becomes an ``only`` group. Unit ids are the source id and the index."""
    labels = labels or {}
    kinds = kinds or {}
    articles: list[Article] = []
    units: list[Unit] = []
    for sid, sentences in sources.items():
        text = ""
        for k, sentence in enumerate(sentences):
            if k:
                text += separator
            start = len(text)
            text += sentence
            uid = f"{sid}{k}"
            units.append(Unit(uid, sid, k, start, len(text), sentence, kinds.get(uid, UnitKind.SENTENCE)))
        articles.append(Article(id=sid, label=labels.get(sid, f"source-{sid.lower()}"), text=text))
    out: list[Group] = []
    matched: set[str] = set()
    for verdict, ids, diffs in groups:
        out.append(Group(f"g{len(out) + 1}", Verdict(verdict), tuple(ids), 80.0, tuple(diffs)))
        matched.update(ids)
    for u in units:
        if u.id not in matched:
            out.append(Group(f"g{len(out) + 1}", Verdict.ONLY, (u.id,), None))
    return Comparison(sources=tuple(articles), units=tuple(units), groups=tuple(out))


def number_difference(values: Mapping[str, str]) -> Difference:
    """A ``number`` difference giving each listed source its value."""
    detail = "number: " + ", ".join(f"{v!r} in {s}" for s, v in values.items())
    return Difference(DifferenceKind.NUMBER, detail, dict(values), "number")


def three_sources() -> Comparison:
    """A: three facts; B: two shared with A, one its own; C: one shared by all, with a different number.

    g1 (A0 B0 C0) differ, C gives another number; g2 (A1 B1) agree, C leaves it out;
    A2, B2, C1 are each reported by one source only.
    """
    return build(
        {
            "A": ["The bridge closed on 3 May.", "Ten lorries were stuck.", "The mayor apologised."],
            "B": ["On 3 May the bridge closed.", "Ten lorries got stuck.", "Rain fell all day."],
            "C": ["The bridge closed on 4 May.", "Engineers found a crack."],
        },
        [
            (
                "differ",
                ["A0", "B0", "C0"],
                [number_difference({"A": "3", "C": "4"}), number_difference({"B": "3", "C": "4"})],
            ),
            ("agree", ["A1", "B1"], []),
        ],
    )
