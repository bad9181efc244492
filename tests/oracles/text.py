"""Oracles of ``compare.text``: words, content tokens, name spans, quotation wording."""

from __future__ import annotations

import re

from compare.text.quotations import CONTRACTIONS
from compare.text.words import FILLER_WORDS, MAX_CLAUSES, SENTENCE_END, STOP_WORDS, TITLES, WORD, stem


def lower_words(text: str) -> tuple[str, ...]:
    """``words.lower_words``: each word found in the text as written, lower-cased."""
    return tuple(w.lower() for w in WORD.findall(text))


def content_tokens(text: str) -> tuple[str, ...]:
    """``words.content_tokens``: the plain loop over the words."""
    out = []
    for w in WORD.findall(text):
        lw = w.lower().replace("’", "'")
        if lw in STOP_WORDS or lw in FILLER_WORDS or len(lw) < 2:
            continue
        base, apostrophe, rest = lw.partition("'")
        if apostrophe and (lw.endswith("n't") or (rest in ("s", "ll", "re", "ve", "d", "m") and base in STOP_WORDS)):
            continue
        out.append(stem(lw.replace("-", "")))
    return tuple(out)


CLAUSE_BREAK = re.compile(r"\s*(?:[,;:()\u2014\u2013\"\u201c\u201d]|\s-\s|\b(?:and|but|while|which|after|when)\b)\s*")
"""A clause break as ``words._CLAUSE_BREAK`` was first written: every position tried."""


def clauses(text: str) -> tuple[str, ...]:
    """``words.clauses``: the text split at ``CLAUSE_BREAK``."""
    parts = [p for p in CLAUSE_BREAK.split(text) if p and len(p.split()) >= 3]
    return tuple(sorted(parts, key=len, reverse=True)[:MAX_CLAUSES]) or (text,)


def name_spans(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """``words.name_spans``: every word visited, the text's lower-case words found first."""
    common = STOP_WORDS | {w.lower() for w in WORD.findall(text) if w.islower()}
    spans: list[tuple[int, int, tuple[str, ...]]] = []
    run: list[tuple[int, int, str]] = []

    def flush() -> None:
        # leading titles dropped, but not the "New" of "New York" (a capitalised non-title after it)
        while run and run[0][2].lower().strip(".") in TITLES:
            if run[0][2] == "New" and len(run) > 1 and run[1][2].lower().strip(".") not in TITLES:
                break
            run.pop(0)
        if run:
            spans.append((run[0][0], run[-1][1], tuple(w for _, _, w in run)))
        run.clear()

    for m in re.finditer(WORD, text):
        w = m.group()
        is_cap = (w[0].isupper() and not w.isupper()) or (w.isupper() and len(w) >= 2 and w.isalpha())
        if (
            is_cap
            and w.lower() in common
            and (m.start() == 0 or SENTENCE_END.search(text[max(0, m.start() - 2) : m.start()]))
        ):
            is_cap = False
        if is_cap and w.lower() not in STOP_WORDS:
            if run and text[run[-1][1] : m.start()].strip() not in ("", "."):
                flush()
            run.append((m.start(), m.end(), w))
        elif run:
            flush()
    flush()
    return spans


def normalise_quote(text: str) -> str:
    """``quotations.normalise_quote``: each pattern compiled on use, nothing cached; the words read one
    character at a time (a run of word characters, an apostrophe kept only between two of them or
    closing the run, once)."""
    t = text.replace("[", "").replace("]", "").replace("…", " ").replace("...", " ")
    t = t.replace("’", "'").replace("‘", "'").lower()
    t = re.sub(r"\bwon't\b", "will not", t)
    for pattern, repl in CONTRACTIONS:
        t = re.sub(pattern, repl, t)
    word = re.compile(r"\w")
    out: list[str] = []
    i = 0
    while i < len(t):
        if not word.match(t[i]):
            i += 1
            continue
        j = i
        while j < len(t) and (word.match(t[j]) or (t[j] == "'" and j + 1 < len(t) and word.match(t[j + 1]))):
            j += 1
        end = j + 1 if j < len(t) and t[j] == "'" else j
        out.append(t[i:end])
        i = end
    return " ".join(out)
