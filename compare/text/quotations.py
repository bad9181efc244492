"""The wording of quotations: normalised for comparison, the words changed between two wordings,
and whether two wordings are the same quotation."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from compare.text.lexicon import spelling_key
from compare.text.words import stem, wording_tokens

CONTRACTIONS = (
    (r"n't\b", " not"), (r"\bcan not\b", "cannot"), (r"'re\b", " are"), (r"'ll\b", " will"), (r"'m\b", " am"),
    (r"'ve\b", " have"), (r"'d\b", " would"), (r"\b(it|that|there|he|she|what|who|here|where)'s\b", r"\1 is"),
    (r"s's\b", "s'"), (r"\b(\d+)(?:st|nd|rd|th)\b", r"\1"),
    (r"\b(is|was|are|were|do|does|did|has|have|had|could|would|should|must|need)nt\b", r"\1 not"),
)  # fmt: skip
"""Contractions spelled out (pattern, replacement), after "won't" -> "will not", so that "it's not our war"
and "it is not our war" are one wording; then the two spellings of a possessive after "s" made one
("Massachusetts's" / "Massachusetts'", "the princess's" / "the princess'": a house style, not a wording),
a day or ordinal in figures without its ending ("September 11th" / "September 11"), and a negative
contraction typed without its apostrophe ("isnt", "dont": not "cant" or "wont", which are words)."""
_CONTRACTION_PATTERNS = tuple(
    (re.compile(p), r) for p, r in ((r"\bwon't\b", "will not"), (r"\bain't\b", "is not"), *CONTRACTIONS)
)
"""``CONTRACTIONS`` after the two that are not a verb plus "n't": "won't" and "ain't" (read as "is not":
"if that ain't a Democrat" / "if that isn't a Democrat"; "am" and "are" are transcription words too)."""
_SUSPENDED_HYPHEN = re.compile(r"\b(\w+)-\s+(or|and|to|nor)\s+(\w+)-(\w+)\b")
"""A suspended hyphen ("short- or long-lived", "pre- and post-war"): the first word takes the second's
ending, "short-lived or long-lived" as another writer spells it out."""
_QUOTE_WORD = re.compile(r"\w+(?:'\w+)*'?")
"""A word of a quotation: apostrophes inside it ("don't") or closing it ("Massachusetts'") are kept,
one opening it is a quotation mark (‘‘there was no possibility’’ written with two single marks)."""


@lru_cache(maxsize=65536)
def normalise_quote(text: str) -> str:
    """A quotation's words for comparison: case, punctuation, brackets, ellipses and contractions ignored.

    Cached by text: classification compares the quotations of every pair of a group.
    """
    t = text.replace("[", "").replace("]", "").replace("…", " ").replace("...", " ")
    t = t.replace("’", "'").replace("‘", "'").lower()
    t = _SUSPENDED_HYPHEN.sub(r"\1-\4 \2 \3-\4", t)
    for pattern, repl in _CONTRACTION_PATTERNS:  # "won't" first, then the others in order
        t = pattern.sub(repl, t)
    return " ".join(_QUOTE_WORD.findall(t))


FUZZY_CHARS = 400
"""The longest string a fuzzy scorer is given in the ledger and in the quote checks of classification.

Quotations up to this length (normalised) are scored exactly; every quotation of the ECB+
development articles and of the seeds is shorter (the longest is 345 characters). Longer ones are
cut first (see :func:`bounded_pair`), so that the cost of a score stays bounded whatever the input:
rapidfuzz's ``partial_ratio`` of two 2,000-character strings takes about 0.8 s, of two of 400
characters about 4 ms.
"""


def bounded_pair(a: str, b: str) -> tuple[str, str]:
    """Two normalised quotations cut to at most about :data:`FUZZY_CHARS` characters each, for fuzzy scores.

    When both are at most ``FUZZY_CHARS`` long they are returned unchanged. Otherwise the
    shorter keeps its first ``FUZZY_CHARS`` characters (whole words), and the longer keeps the
    stretch of as many words, starting at an occurrence of one of the shorter's words, that holds
    the most occurrences of its words (the first such stretch), widened by a quarter as many
    words on each side and cut to at most 1.5 x ``FUZZY_CHARS`` characters (whole words): the
    part of the longer quotation that the shorter would be an excerpt of. The order of the two
    is kept. The longer's word positions are computed once per text (cached); each pair then
    costs a sort of the occurrences of the shorter's words.
    """
    if len(a) <= FUZZY_CHARS and len(b) <= FUZZY_CHARS:
        return a, b
    swap = len(a) > len(b)
    short, long = (b, a) if swap else (a, b)
    short = _head(short)
    sw = short.split()
    lw, positions = _word_positions(long)
    k = max(1, len(sw))
    margin = k // 4
    if len(lw) > k:
        found = [positions[w] for w in set(sw) if w in positions]
        best = 0
        if found:  # the stretch of k words from an occurrence of the shorter's words that holds most of them
            at = np.sort(np.concatenate(found))
            held = np.searchsorted(at, at + k, side="left") - np.arange(len(at))
            best = int(at[int(np.argmax(held))])
        lw = lw[max(0, best - margin) : best + k + margin]
    cut = " ".join(lw)
    limit = FUZZY_CHARS + FUZZY_CHARS // 2
    if len(cut) > limit:
        cut = cut[: cut.rfind(" ", 0, limit + 1)] if " " in cut[: limit + 1] else cut[:limit]
    return (cut, short) if swap else (short, cut)


@lru_cache(maxsize=1024)
def _word_positions(text: str) -> tuple[list[str], dict[str, Any]]:
    """The words of a normalised text and, for each word, the sorted array of its positions."""
    words = text.split()
    at: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        at.setdefault(w, []).append(i)
    return words, {w: np.array(p, dtype=np.int64) for w, p in at.items()}


def _head(text: str) -> str:
    """The first :data:`FUZZY_CHARS` characters of a normalised text, cut after a whole word."""
    if len(text) <= FUZZY_CHARS:
        return text
    end = text.rfind(" ", 0, FUZZY_CHARS + 1)
    return text[: end if end > 0 else FUZZY_CHARS]


def bounded_ratio(a: str, b: str) -> float:
    """rapidfuzz ``ratio`` of two normalised quotations, exact up to :data:`FUZZY_CHARS` characters each.

    For longer ones: the length bound ``200 * shorter / (both)`` (``ratio`` never exceeds it)
    when it is below 70, the threshold the callers use (so their decision is the exact one);
    otherwise the ratio of the first and last ``FUZZY_CHARS / 2`` characters of each, at most
    the length bound.
    """
    if len(a) <= FUZZY_CHARS and len(b) <= FUZZY_CHARS:
        return float(fuzz.ratio(a, b))
    bound = 200.0 * min(len(a), len(b)) / (len(a) + len(b))
    if bound < 70:
        return bound
    half = FUZZY_CHARS // 2
    ends = [t if len(t) <= FUZZY_CHARS else f"{t[:half]} {t[-half:]}" for t in (a, b)]
    return min(bound, float(fuzz.ratio(ends[0], ends[1])))


def bounded_partial_ratio(a: str, b: str) -> float:
    """rapidfuzz ``partial_ratio`` of two normalised quotations, on :func:`bounded_pair` (exact up to
    :data:`FUZZY_CHARS` characters each)."""
    return float(fuzz.partial_ratio(*bounded_pair(a, b)))


def word_changes(a: str, b: str) -> tuple[str, ...]:
    """The words of ``b`` that differ from ``a`` inside the stretch both quote (``difflib``).

    Words only one wording has before the first or after the last shared word are a shorter
    excerpt, not a change, and are left out; but a word that each wording has in place of
    the other's there (:data:`END_CHANGE_WORDS`) is a change: "the war it *started*" / "the war it
    *provoked*". Wordings longer than :data:`FUZZY_CHARS`
    characters are compared on :func:`bounded_pair` (the stretch of the longer that the
    shorter's opening matches), so the cost stays bounded.
    """
    return _shown(_changed_words(a, b))


def _shown(ops: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> tuple[str, ...]:
    """Changes of :func:`_changed_words` as :func:`word_changes` lists them."""
    out: list[str] = []
    for old, new in ops:
        if old and new:
            out.append(f"{' '.join(old)} -> {' '.join(new)}")
        elif old:
            out.append(f"- {' '.join(old)}")
        else:
            out.append(f"+ {' '.join(new)}")
    return tuple(out)


TRANSCRIPTION_WORDS = frozenset(
    """
    a an the and that which who whom it there very really just so actually also even still then
    is are was were be been being am has have had having do does did any
    this these those in into on onto at of to toward towards
    """.split()
)
"""Words whose change inside a quotation is a variant of transcription, not of what was said: articles,
"and", relative words, intensifiers, expletive "it" / "there", forms of be / have / do ("if the
standards *were* complied with" / "*had been* complied with"), "any" ("without *any* warning"),
demonstratives ("defend *these* charges" / "*the* charges") and the prepositions of place and
direction ("fly a plane *into* the White House" / "*in* the White House", "*at* the wrong meeting" /
"*in* the wrong meeting", "a failure *of* coastal surveillance" / "*in* coastal surveillance")."""


def substantive_changes(a: str, b: str) -> tuple[str, ...]:
    """:func:`word_changes`, or nothing when the changes only add, drop or swap
    :data:`TRANSCRIPTION_WORDS`, move a word ("help further establish" / "further help
    establish") or change a word's form ("I *hate*" / "I *hated*", "IT *teams*" / "IT *team*",
    "the proposal *is*" / "the *proposal's*"): the words left, stemmed, are the same on both sides.
    Then the two wordings say the same thing, and a reader sees them side by side in the quote
    ledger rather than as a conflicting detail."""
    ops = _changed_words(a, b)
    removed = Counter(stem(w) for old, _ in ops for w in old if w not in TRANSCRIPTION_WORDS)
    added = Counter(stem(w) for _, new in ops for w in new if w not in TRANSCRIPTION_WORDS)
    return () if removed == added else _shown(ops)


def _changed_words(a: str, b: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The changes of :func:`word_changes` as ``(words of a, words of b)``, either side empty for
    an insertion or a deletion."""
    ma, mb = _marked(a), _marked(b)
    na, nb = bounded_pair(ma, mb)
    wa, wb = na.split(), nb.split()
    ops = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes()
    equal = [i for i, op in enumerate(ops) if op[0] == "equal"]
    if not equal:
        return []
    inside = ops[equal[0] : equal[-1] + 1]
    if (na, nb) == (ma, mb):  # neither cut by bounded_pair, whose cuts leave words at the ends
        head = [op for op in ops[: equal[0]] if _end_change(op)]
        tail = [op for op in ops[equal[-1] + 1 :] if _end_change(op)]
        inside = [*head, *inside, *tail]
    out: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for tag, i1, i2, j1, j2 in inside:
        if tag == "equal":
            continue
        if _ELIDED in wa[i1:i2] or _ELIDED in wb[j1:j2]:
            continue  # one wording leaves words out with an ellipsis: an omission, not a change
        if i2 - i1 == j2 - j1 == 1 and _one_name_transliterated(a, b, wa[i1], wb[j1]):
            continue  # "al-Qaeda" / "al-Qaida": one name spelt from another alphabet two ways
        if "".join(map(spelling_key, wa[i1:i2])) == "".join(map(spelling_key, wb[j1:j2])):
            continue  # spelt apart or together ("co-mingling" / "comingling", "F.T.C." / "FTC"), or spelt
            # another way: "labour" / "labor", "Sept." / "September" (``spelling_key``)
        out.append((tuple(wa[i1:i2]), tuple(wb[j1:j2])))
    return out


_VOWELS = re.compile(r"[aeiouy]")


def _one_name_transliterated(a: str, b: str, x: str, y: str) -> bool:
    """Whether two words standing for each other in two wordings are one name transliterated two ways
    ("Qaeda" / "Qaida"): at least five letters, the same consonants in the same order with the same
    first and last letter, and capitalised where each wording has it, so not at the start of a
    sentence only. Both conditions keep ordinary words apart ("began" / "begun" is no name)."""
    if len(x) < 5 or len(y) < 5 or x[0] != y[0] or x[-1] != y[-1] or _VOWELS.sub("", x) != _VOWELS.sub("", y):
        return False
    return _capitalised_inside(a, x) and _capitalised_inside(b, y)


def _capitalised_inside(text: str, word: str) -> bool:
    """Whether ``word`` (lower-cased) is written capitalised in ``text`` after its first word."""
    found = [m for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)]
    return bool(found) and all(m.group()[0].isupper() and text[: m.start()].strip(" “\"‘'") != "" for m in found)


END_CHANGE_WORDS = 1
"""How many words one wording may have in place of as many of the other's before the first or after
the last shared word, for them to count as a change (``word_changes``): "the war it *started*" / "the
war it *provoked*". More words at an end on both sides are two excerpts that go on differently (or
begin differently: "*Really, this* plan is an insult" / "*His* plan is an insult"), not a changed
word; one is what ``make differences`` supports on the fit half (2 flagged more MRPC paraphrases)."""


def _end_change(op: tuple[str, int, int, int, int]) -> bool:
    """Whether an opcode before the first or after the last shared word replaces a few words by a
    few others (:data:`END_CHANGE_WORDS`), rather than adding words on one side (a shorter excerpt)."""
    tag, i1, i2, j1, j2 = op
    return tag == "replace" and i2 - i1 <= END_CHANGE_WORDS and j2 - j1 <= END_CHANGE_WORDS


_ELIDED = "_elided_"
"""The word that stands for an ellipsis or an editorial insertion in :func:`word_changes`' wordings."""
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…|(?<![\w\[(])[\[(][^\[\]()]{1,60}[\])](?![\w\])])")
"""An ellipsis, or words in brackets or parentheses standing as words of their own ("the (drug)
benefit", "these [pension] payments"; not "[t]he"): the writer's words inside a quotation, not
the speaker's."""


@lru_cache(maxsize=65536)
def _marked(text: str) -> str:
    """:func:`normalise_quote` with each ellipsis kept as the word :data:`_ELIDED` (journalists
    mark left-out words so: "selling ... against" quotes "selling CDMA chips against"), and so
    each editorial insertion in brackets or parentheses ("the (drug) benefit" quotes "the
    benefit"; "these (pension) payments" stands for "these superannuation payments")."""
    return f" {_ELIDED} ".join(normalise_quote(part) for part in _ELLIPSIS.split(text)).strip()


def same_quotation(a: str, b: str) -> bool:
    """Whether two quotations give the same words, allowing changed words and a shorter excerpt.

    Their content words (stemmed) must overlap: all of a short quotation's ("root cause" in
    "eliminating the root causes"), and for longer ones most of the shorter's, with the
    wordings close as strings too (scored on :func:`bounded_pair` when one is longer than
    :data:`FUZZY_CHARS` characters).
    """
    na, nb = normalise_quote(a), normalise_quote(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    sa, sb = set(wording_tokens(na)), set(wording_tokens(nb))
    short = min(len(sa), len(sb))
    common = len(sa & sb)
    if short < 2:
        return False
    if short <= 3:
        return common == short
    if common < 0.6 * short:
        return False
    return bounded_ratio(na, nb) >= 70 or bounded_partial_ratio(na, nb) >= 85
