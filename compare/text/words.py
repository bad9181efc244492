"""Words: the word pattern, stop words, stems and content tokens, negation and hedge cues, and
the spans of capitalised names (used by every stage; see ``compare.features`` for the stage)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import Stemmer

FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
"""İ, ı, ſ and the Kelvin sign: the only characters besides ASCII letters that an ASCII letter
matches under ``re.IGNORECASE`` (Python's ``re`` documentation; checked in the tests)."""

WORD = re.compile(r"[^\W_](?:[\w’'-]*[^\W_])?")
"""A word: letters and digits, with inner apostrophes and hyphens."""
_WORD_RUNS = re.compile(r"[^\W_]++(?:[_’'-]++[^\W_]++)*+")
"""``WORD`` written as runs of letters and digits joined by underscores, apostrophes and hyphens: the
same words (from a letter or digit, the longest stretch of word characters, apostrophes and
hyphens that ends in one), found a fifth faster by ``findall``, which need not back off from the
end of each word."""

STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can could did do does doing down during each either else ever few
    for from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just let me more most much my myself neither nor now of off on once one only or other
    our ours ourselves out over own per same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon us very was we were
    what when where which while who whom whose why will with within without would yet you your yours
    yourself yourselves said says say saying told tells tell according added adds add wrote writes
    mr mrs ms dr s t re ve ll d m o n't 's ’s
    """.split()
)
"""Function words and reporting verbs: they carry no fact of their own."""

FILLER_WORDS = frozenset(
    """
    however even may might must shall cannot not no never still already though although thus
    therefore hence meanwhile instead rather quite whether since unless whereas indeed among amid
    amongst around across along toward towards onto via despite
    """.split()
)
"""Closed-class words beyond ``STOP_WORDS`` that carry no fact either (discourse adverbs, modals,
negation particles, prepositions): two sentences that share only "however" or "not" state no
common fact. Not content words, but not stop words for names either ("May", "Still" can be names).
Negation and hedges are read by their own cues (``negation_cues``, ``hedge_cues``)."""

_NOT_CONTENT = STOP_WORDS | FILLER_WORDS

_CLITICS = frozenset(("s", "ll", "re", "ve", "d", "m"))
"""What follows the apostrophe of a contraction ("it's", "I'll", "we're", "they've", "I'd", "I'm")."""


def is_content_word(word: str) -> bool:
    """Whether a lower-case word (straight apostrophes) counts as a content word: not a stop or
    filler word, two letters or more, and not a contraction of a stop word ("it's", "I'll",
    "we're") or of a negation ("don't", "can't"), which would otherwise stem to "it", "ill", "were"."""
    if len(word) < 2 or word in _NOT_CONTENT:
        return False
    if "'" in word:
        if word.endswith("n't"):
            return False
        base, _, rest = word.partition("'")
        if rest in _CLITICS and base in STOP_WORDS:
            return False
    return True


NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor cannot can't won't don't doesn't didn't isn't "
    "aren't wasn't weren't hasn't haven't hadn't shouldn't wouldn't couldn't refuse refused refuses "
    "refusing reject rejected rejects rejecting deny denied denies denying without unless lack lacks lacked "
    "lacking refusal denial rejection failure rebuff rebuffed rebuffs rebuffing spurn spurned spurns spurning "
    "veto vetoed vetoes vetoing dont doesnt didnt isnt "
    "wasnt werent arent cant wont hasnt havent hadnt couldnt wouldnt shouldnt".split()
)
"""Words that turn a statement into its opposite."""

_NOT_NEGATION = re.compile(r"\b(?:not only|not just|no doubt|no longer than|nothing but|no matter)\b", re.IGNORECASE)
"""Phrases that contain a negation word but do not deny anything."""
_VERB_NEGATION = re.compile(r"\b(?:declin|fail)(?:e|ed|es|ing|s)?\s+to\s+(?=[a-z])")
"""Verbs that deny only before "to" ("declined to comment", "failed to stay"; revenue that declined did not)."""
_PHRASAL_NEGATION = re.compile(
    r"\b(?:turn(?:s|ed|ing)?\s+down|rul(?:e|es|ed|ing)\s+out)\b(?=\s+[A-Za-z])", re.IGNORECASE
)
"""Phrasal verbs that reject what follows them ("turned down the offer", "ruled out a ceasefire"); the
object must follow ("the offer was turned down" leaves nothing for the other unit to affirm)."""

HEDGES = frozenset(
    "may might could possibly perhaps apparently appears appear appeared seems seem seemed "
    "reportedly allegedly alleged alleges allege likely unlikely probably presumably purportedly supposedly".split()
)
"""Words that lower a statement's certainty ("alleged": "the informant alleged that they plotted" is
as hedged as "they allegedly plotted")."""

_HEDGE_PHRASES = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:(?:also|still|now|ever|not|widely|generally|largely|often|increasingly)\s+){0,2}"
    r"(?:seen|believed|thought|expected|said|understood|rumou?red)\s+(?:as|to)|expect(?:s|ed)?\s+to"
    r"|widely\s+(?:seen|believed|regarded)|it\s+is\s+(?:understood|thought|believed)|according\s+to\s+reports)\b",
    re.IGNORECASE,
)
"""Hedges of several words ("is widely seen as", "is also seen as", "is expected to", "Palm expects to")."""
_HEDGE_PHRASE_WORDS = ("seen", "believed", "thought", "expect", "said", "understood", "rumo", "regarded", "reports")
"""One of these stands in every match of ``_HEDGE_PHRASES`` ("rumo" for "rumored" and "rumoured")."""
_NOT_HEDGE_MODAL = re.compile(r"\s+(?:not|never)\b", re.IGNORECASE)
"""After "could" or "can": an inability ("could not be reached for comment"), not a hedge."""
_PURPOSE = re.compile(r"\bso(?:\s+that)?(?:\s+[\w'’-]+){0,4}\s+$", re.IGNORECASE)
"""Before a modal: a purpose ("brought in so a witness *could* identify him"), not a hedge."""


def negation_cues(text: str, *, fast: bool = True) -> list[tuple[str, int, int]]:
    """The negation words of a text as ``(word, start, end)`` ("not only" and the like left out).

    Cached by text: features and classification (every pair of a group) both ask for them.
    ``fast=False`` scans every word of a text that a pre-check on its words would skip, and
    lower-cases each word where the default picks the cue words from the cached lower-case
    words and reads only their matches (and bypasses the cache): the same result, the plain path
    the tests compare the fast one with.
    """
    if not fast:
        return _negation_cues(text, fast=False)
    return list(_cached_negation_cues(text))


@lru_cache(maxsize=65536)
def _cached_negation_cues(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(_negation_cues(text))


@lru_cache(maxsize=65536)
def lower_words(text: str) -> tuple[str, ...]:
    """The words of a text (``WORD``), lower-cased; cached by text, as every feature reads them.

    An ASCII text is lower-cased whole first: there lower-casing changes only A-Z, so the words
    split the same way.
    """
    if text.isascii():
        return tuple(_WORD_RUNS.findall(text.lower()))
    return tuple(w.lower() for w in _WORD_RUNS.findall(text))


def _may_negate(text: str) -> bool:
    """False only when ``_negation_cues`` surely finds nothing (a test on the words, no positions).

    A word is a cue when its lower-case form, with curly apostrophes made straight, is a
    negation or ends in "n't". The negations with an apostrophe all end in "n't", so that is
    when the lower-case form is a negation or ends in "n't" / "n’t". The verbs need "declin"
    or "fail", the phrasal ones the word "down" or "out".
    """
    if "declin" in text or "fail" in text:
        return True
    ws = lower_words(text)
    if ("down" in ws or "out" in ws) and _PHRASAL_NEGATION.search(text):
        return True
    if not NEGATIONS.isdisjoint(ws):
        return True
    if "'" not in text and "’" not in text:
        return False  # a word ending in "n't" or "n’t" has its apostrophe in the text too
    joined = " ".join(ws) + " "  # words hold no spaces: a word ends in "n't" where "n't " occurs
    return "n't " in joined or "n’t " in joined


def _negation_cues(text: str, *, fast: bool = True) -> list[tuple[str, int, int]]:
    if fast and not _may_negate(text):
        return []
    skip = [m.span() for m in _NOT_NEGATION.finditer(text)]
    out = []
    for m in _VERB_NEGATION.finditer(text):
        verb = m.group().split()[0]
        out.append((verb.lower(), m.start(), m.start() + len(verb)))
    for m in _PHRASAL_NEGATION.finditer(text):
        out.append((" ".join(m.group().lower().split()), m.start(), m.end()))
    if fast:
        # the cue words picked from the cached lower-case words (the words of ``WORD``, in order),
        # and only their matches read (``compress`` skips the others in C)
        ws = lower_words(text)
        straight = [w.replace("’", "'") for w in ws] if "’" in text else ws
        cue = list(map(NEGATIONS.__contains__, straight))
        if "'" in text or "’" in text:  # only a word with an apostrophe ends in "n't"
            cue = [c or w.endswith("n't") for c, w in zip(cue, straight, strict=True)]
        for m, w in zip(itertools.compress(WORD.finditer(text), cue), itertools.compress(straight, cue)):
            if not any(s <= m.start() < e for s, e in skip):
                out.append((w, m.start(), m.end()))
        return sorted(out, key=lambda c: c[1])
    for m in WORD.finditer(text):
        w = m.group().lower().replace("’", "'")
        if (w in NEGATIONS or w.endswith("n't")) and not any(s <= m.start() < e for s, e in skip):
            out.append((w, m.start(), m.end()))
    return sorted(out, key=lambda c: c[1])


def hedge_cues(text: str, *, fast: bool = True) -> list[tuple[str, int, int]]:
    """The hedges of a text as ``(words, start, end)``; "May" the month is not a hedge.

    Cached by text, like ``negation_cues``. ``fast=False`` runs the phrase pattern and the word
    loop on every text, where the default skips them when none of the words they need occurs, and
    reads every word, where the default reads only the hedge words (and bypasses the cache): the
    same result, the plain path the tests compare the fast one with.
    """
    if not fast:
        return _hedge_cues(text, fast=False)
    return list(_cached_hedge_cues(text))


@lru_cache(maxsize=65536)
def _cached_hedge_cues(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(_hedge_cues(text))


def _may_hold_hedge_phrase(text: str) -> bool:
    """False only when ``_HEDGE_PHRASES`` surely matches nowhere in the text.

    Without the characters of ``FOLDS_TO_ASCII``, the pattern's ASCII letters match only ASCII
    letters of either case, which ``text.lower()`` turns into the pattern's own letters: so a
    match needs one of ``_HEDGE_PHRASE_WORDS`` in the lower-cased text.
    """
    if not text.isascii() and any(c in text for c in FOLDS_TO_ASCII):
        return True
    low = text.lower()
    return any(w in low for w in _HEDGE_PHRASE_WORDS)


def _hedge_cues(text: str, *, fast: bool = True) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    if not fast or _may_hold_hedge_phrase(text):
        out = [(" ".join(m.group().lower().split()), m.start(), m.end()) for m in _HEDGE_PHRASES.finditer(text)]
    words: Iterable[tuple[re.Match[str], str]]
    if fast:
        ws = lower_words(text)
        if HEDGES.isdisjoint(ws):  # no hedge word: the loop below would skip every word
            return sorted(out, key=lambda c: c[1])
        # the hedge words picked from the cached lower-case words, as in ``_negation_cues``
        cue = list(map(HEDGES.__contains__, ws))
        words = zip(itertools.compress(WORD.finditer(text), cue), itertools.compress(ws, cue))
    else:
        words = ((m, m.group().lower()) for m in WORD.finditer(text))
    for m, lw in words:
        if lw not in HEDGES or any(s <= m.start() < e for _, s, e in out):
            continue
        if m.group() == "May" and (m.start() > 0 or re.match(r"\s+\d", text[m.end() :])):
            continue
        if lw == "may" and re.match(r"\s+\d", text[m.end() :]):
            continue
        if lw in ("could", "can") and _NOT_HEDGE_MODAL.match(text, m.end()):
            continue
        if lw in ("could", "might", "may") and _PURPOSE.search(text, max(0, m.start() - 60), m.start()):
            continue
        out.append((lw, m.start(), m.end()))
    return sorted(out, key=lambda c: c[1])


@lru_cache(maxsize=65536)
def hedges(text: str) -> tuple[str, ...]:
    """The hedging words and phrases of a text, sorted, each once; cached by text (one tuple)."""
    return tuple(sorted({c for c, _, _ in hedge_cues(text)}))


TITLES = frozenset(
    """
    president vice prime minister secretary sen senator rep representative gov governor mayor
    chancellor pope king queen prince princess chief spokesman spokeswoman spokesperson aide
    general gen col lt sgt capt officer judge justice dr mr mrs ms sir lord lady dame rev professor prof
    foreign defense defence state foreign-policy chairman chairwoman ceo director head leader
    former late new the a an of in on at for and but or if when after before as during since
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    """.split()
)
"""Capitalised words that are titles, weekdays or months, not parts of a name."""


def starts_place(parts: Sequence[str]) -> bool:
    """Whether the first of a name's words is the "New" of a place's name ("New York", "New Delhi"):
    a word of ``TITLES`` ("the new governor"), but part of the name before a word that is none."""
    return len(parts) > 1 and parts[0] == "New" and parts[1].lower().strip(".") not in TITLES


SENTENCE_END = re.compile(r"[.!?“\"—:]\s*$")
"""The end of a sentence right before a word (its mark and any space): a capital there may only start the sentence."""
_CAP = re.compile(r"[A-Z][\w’'.-]*[\w]|[A-Z]")


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    """The Snowball English stemmer, without PyStemmer's own cache (size 0): ``stem`` caches by word
    already, so that cache would see each word once, and it keeps a list per word (which the garbage
    collector then walks) and costs more per call than stemming does: the same stems, in less time."""
    return Stemmer.Stemmer("english", 0)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lower-cased word, ignoring apostrophes."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    return str(_stemmer().stemWord(w))


def words(text: str) -> list[str]:
    """The words of a text, as written."""
    return WORD.findall(text)


def straight_words(text: str) -> tuple[str, ...]:
    """``lower_words`` with curly apostrophes made straight (the form the word lists are in)."""
    ws = lower_words(text)
    if "’" in text:
        ws = tuple(w.replace("’", "'") for w in ws)
    return ws


@lru_cache(maxsize=65536)
def content_tokens(text: str) -> tuple[str, ...]:
    """Stemmed, lower-cased content words (``is_content_word``); cached by text.

    Each word's token (or ``None``) is cached by word (``_content_token``): a text's words are
    mostly words seen before, so a text costs a cache look-up per word, made from C (``map``).
    """
    return tuple([t for t in map(_content_token, straight_words(text)) if t is not None])


@lru_cache(maxsize=65536)
def _content_token(word: str) -> str | None:
    """The token of a lower-case word (straight apostrophes) in ``content_tokens``, ``None`` for a word
    that is not a content word."""
    # split hyphenated words: "cease-fire" -> "ceasefir" (joined) so spelling variants meet
    return stem(word.replace("-", "")) if is_content_word(word) else None


@lru_cache(maxsize=65536)
def wording_tokens(text: str) -> tuple[str, ...]:
    """Like ``content_tokens``, but keeping the filler words (``FILLER_WORDS``): for comparing the
    wording of two quotations, where "not" against "never" or "may" against "will" is a change."""
    ws = straight_words(text)
    return tuple([stem(w.replace("-", "")) for w in ws if w not in STOP_WORDS and len(w) >= 2])


def name_spans(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Runs of capitalised words that look like names (see ``_name_spans``), cached by text:
    features, quote attribution, classification and the names table all ask for them."""
    return list(_cached_name_spans(text))


@lru_cache(maxsize=65536)
def _cached_name_spans(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    return tuple(_name_spans(text))


_MAY_BE_CAP = re.compile(r"(?<![\w’'-])[_’'-]*([^\W_a-z0-9](?:[\w’'-]*[^\W_])?)")
"""The words of ``WORD`` that do not start with a-z or 0-9: only they can be capitalised.

A letter or digit starts a ``WORD`` exactly when no letter or digit is joined to it by a chain
of word characters, apostrophes and hyphens before it (``WORD`` would have run on through it): so a match here
starts where the chain before the word starts, and group 1 is the word as ``WORD`` finds it.
"""
_CAP_START = re.compile(r"([^\W_a-z0-9](?<![\w’'-].)(?:[\w’'-]*[^\W_])?)")
"""``_MAY_BE_CAP`` for a text where no underscore, apostrophe or hyphen stands right before such a
letter (``_CHAINED_CAP``, most texts): then the chain is empty, and the pattern can open with the
letter itself (whose look-behind follows), so that ``re`` skips from capital to capital."""
_CHAINED_CAP = re.compile(r"[_’'-][^\W_a-z0-9]")


def _name_spans(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Runs of capitalised words that look like names, as ``(start, end, words)``.

    The first word of a sentence counts only when it is not a common lower-case word, which
    is judged by whether the text itself uses it lower-case.

    Only the words that may be capitalised are visited (``_MAY_BE_CAP``, or ``_CAP_START``): any other word ends a
    run, and so does the text between two name words unless it is blank or ".", which is what
    holds whenever another word stands between them.
    """
    lower_seen: set[str] | None = None  # lower-case words of the text, found when first needed
    spans: list[tuple[int, int, tuple[str, ...]]] = []
    run: list[tuple[int, int, str]] = []

    def flush() -> None:
        parts = [w for _, _, w in run]
        while parts and parts[0].lower().strip(".") in TITLES and not starts_place(parts):
            parts.pop(0)
            run.pop(0)
        if parts:
            spans.append((run[0][0], run[-1][1], tuple(parts)))
        run.clear()

    for m in (_MAY_BE_CAP if _CHAINED_CAP.search(text) else _CAP_START).finditer(text):
        w = m.group(1)
        start = m.start(1)
        is_cap = (w[0].isupper() and not w.isupper()) or (w.isupper() and len(w) >= 2 and w.isalpha())
        if is_cap:
            lw = w.lower()
            if lw in STOP_WORDS:
                is_cap = False
            elif lw in text and (start == 0 or SENTENCE_END.search(text[max(0, start - 2) : start])):
                # a capital that only starts a sentence: the text uses the word lower-case too
                # (a lower-case word is its own lower-case form, so ``lw`` must occur in the text)
                if lower_seen is None:
                    lower_seen = {x for x in WORD.findall(text) if x.islower()}
                if lw in lower_seen:
                    is_cap = False
        if is_cap:
            if run and text[run[-1][1] : start].strip() not in ("", "."):
                flush()
            run.append((start, m.end(1), w))
        elif run:
            flush()
    if run:
        flush()
    return spans


@lru_cache(maxsize=65536)
def name_key(part: str) -> str:
    """The key under which a word of a name is matched: lower-cased, possessive and dots dropped,
    stemmed ("Putin's" and "putin" meet; "U.S." and "U.S" too)."""
    return stem(part.lower().replace("’s", "").replace("'s", "").strip("."))


_CLAUSE_BREAK = re.compile(
    r"(?=[\s,;:()\u2014\u2013\"\u201c\u201dabw])"  # what a break can start with (see below)
    r"\s*(?:[,;:()\u2014\u2013\"\u201c\u201d]|\s-\s|\b(?:and|but|while|which|after|when)\b)\s*"
)
r"""A clause break: a mark (comma, semicolon, colon, bracket, dash, quotation mark), a spaced hyphen
or a conjunction, with the white space around it. Every break starts with white space, a mark or
the first letter of a conjunction ("a", "b", "w"), so the lookahead only says where one may start:
the same matches as without it (``tests/oracles/text.py``), but ``re`` skips from one such
character to the next instead of trying the leading ``\s*`` at every position (splitting the
4,868 ECB+ development sentences: 37 -> 26 ms)."""
MAX_CLAUSES = 8
"""At most this many clauses per text (``clauses``): the longest ones."""


@lru_cache(maxsize=65536)
def clauses(text: str) -> tuple[str, ...]:
    """The clauses of a text: its parts between punctuation (commas, semicolons, colons, brackets,
    dashes, quotation marks) and the conjunctions "and", "but", "while", "which", "after", "when",
    those of three words or more, at most ``MAX_CLAUSES`` (the longest; ties in text order); the
    whole text when no part is that long. A sentence of a news article often carries several facts,
    one per clause."""
    parts = [p for p in _CLAUSE_BREAK.split(text) if p and len(p.split()) >= 3]
    return tuple(sorted(parts, key=len, reverse=True)[:MAX_CLAUSES]) or (text,)
