"""The wording of quotations: normalised for comparison, the words changed between two wordings,
and whether two wordings are the same quotation."""

from __future__ import annotations

import re
from functools import lru_cache

_CONTRACTIONS = (
    (r"n't\b", " not"), (r"\bcan not\b", "cannot"), (r"'re\b", " are"), (r"'ll\b", " will"), (r"'m\b", " am"),
    (r"'ve\b", " have"), (r"'d\b", " would"), (r"\b(it|that|there|he|she|what|who|here|where)'s\b", r"\1 is"),
)  # fmt: skip
"""Contractions spelled out, so that "it's not our war" and "it is not our war" are one wording."""
_CONTRACTION_PATTERNS = tuple((re.compile(p), r) for p, r in ((r"\bwon't\b", "will not"), *_CONTRACTIONS))
_QUOTE_WORD = re.compile(r"[\w']+")


@lru_cache(maxsize=65536)
def normalise_quote(text: str) -> str:
    """A quotation's words for comparison: case, punctuation, brackets, ellipses and contractions ignored.

    Cached by text: classification compares the quotations of every pair of a group.
    """
    t = text.replace("[", "").replace("]", "").replace("…", " ").replace("...", " ")
    t = t.replace("’", "'").replace("‘", "'").lower()
    for pattern, repl in _CONTRACTION_PATTERNS:  # "won't" first, then the others in order
        t = pattern.sub(repl, t)
    return " ".join(_QUOTE_WORD.findall(t))


def word_changes(a: str, b: str) -> tuple[str, ...]:
    """The words of ``b`` that differ from ``a`` inside the stretch both quote (``difflib``).

    Words only one wording has before the first or after the last shared word are a shorter
    excerpt, not a change, and are left out.
    """
    import difflib

    wa, wb = normalise_quote(a).split(), normalise_quote(b).split()
    ops = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes()
    equal = [i for i, op in enumerate(ops) if op[0] == "equal"]
    if not equal:
        return ()
    out: list[str] = []
    for tag, i1, i2, j1, j2 in ops[equal[0] : equal[-1] + 1]:
        if tag == "replace":
            out.append(f"{' '.join(wa[i1:i2])} -> {' '.join(wb[j1:j2])}")
        elif tag == "delete":
            out.append(f"- {' '.join(wa[i1:i2])}")
        elif tag == "insert":
            out.append(f"+ {' '.join(wb[j1:j2])}")
    return tuple(out)


def same_quotation(a: str, b: str) -> bool:
    """Whether two quotations give the same words, allowing changed words and a shorter excerpt.

    Their content words (stemmed) must overlap: all of a short quotation's ("root cause" in
    "eliminating the root causes"), and for longer ones most of the shorter's, with the
    wordings close as strings too.
    """
    from rapidfuzz import fuzz

    from compare.text.words import content_tokens

    na, nb = normalise_quote(a), normalise_quote(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    sa, sb = set(content_tokens(na)), set(content_tokens(nb))
    short = min(len(sa), len(sb))
    common = len(sa & sb)
    if short < 2:
        return False
    if short <= 3:
        return common == short
    if common < 0.6 * short:
        return False
    return fuzz.ratio(na, nb) >= 70 or fuzz.partial_ratio(na, nb) >= 85
