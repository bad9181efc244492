"""Direct quotations: find them, say who is quoted, and line them up across sources.

Two parts:

- :func:`find_quotes` and :class:`Attributor` (used by ``features``): the quotations of a unit,
  with quotations inside quotations and quotations that run over several sentences, and each
  one's speaker, resolved from "X said", "said X", "X told", "X wrote", "X, 47, stressed",
  "..., saying" and from "he added" / "the official said" / "the 78-year-old added" back to
  the person named earlier in the article.
- :func:`ledger` (a stage after ``classify``): every quotation of every source, which sources
  carry it, and whether their wordings are identical, altered (with the changed words) or
  whether another source only paraphrases it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING, Any

from compare.model import LedgerEntry, Quote, Wording

if TYPE_CHECKING:
    from compare.model import Features, Group, Unit

REPORTING_VERBS = frozenset(
    """
    said says say told tells wrote writes added adds argued argues stressed stresses insisted insists
    explained explains noted notes tweeted posted concluded concludes reiterated revealed announced
    acknowledged repeated warned warns urged claimed claims declared emphasized emphasised asserted
    replied responded asked continued predicted complained conceded confirmed remarked described
    called vowed promised mused indicated suggested admitted denied recalled
    """.split()
)
"""Verbs that introduce a quotation or a reported claim."""

_INVERTING = frozenset("said says added adds wrote writes asked continued explained noted argued".split())
"""Verbs whose speaker may follow them ("said Peskov"); not "told", whose object is the listener."""

_PARTICIPLES = frozenset(
    "saying adding announcing calling describing telling writing arguing insisting noting warning "
    "stressing declaring explaining claiming vowing promising".split()
)
"""Participles that hand a quotation to the subject of the sentence ("Putin doubled down, saying ...")."""

_TRIGGERS = REPORTING_VERBS | _PARTICIPLES | {"according"}
"""The lower-case words at which ``Attributor._attributions`` looks for a speaker."""

PRONOUNS = frozenset({"he", "she", "they"})
_EPITHET_HEADS = frozenset(
    "president leader veep pope spokesman spokeswoman spokesperson minister chancellor premier senator "
    "secretary governor mayor chief envoy diplomat aide king queen prince".split()
)
"""Nouns of a definite description ("the veep", "the Ukrainian leader") that stand for the last person quoted."""

_ADVERBS = frozenset(
    "later also then again earlier once still previously recently further monday tuesday wednesday thursday "
    "friday saturday sunday has have had is was were are".split()
)
"""Words that may stand between a speaker and the reporting verb ("Trump later told", "Ukraine has said")."""
_HARD_BOUNDARY = re.compile(r"[;:—–(“”\"]|(?<![A-Z])[.!?]\s")
_DESCRIPTION = re.compile(
    r"^(?:the|a|an|one|two|three|some|several|other)\s+(?:[\w’'.-]+\s+){0,4}[\w’'.-]+$|^(?:[\w’'.-]+\s+){0,2}[a-z]+s$",
    re.IGNORECASE,
)
_NOT_IN_DESCRIPTION = frozenset("to of in on at for by from his her their its our my your has is was says".split())
"""Words that show a phrase is not a description of a speaker ("a reference to his baseless [claims]")."""
_DISCOURSE = frozenset(
    "however meanwhile still nevertheless also instead separately earlier later then yet indeed moreover "
    "furthermore but and so thus therefore".split()
)
"""Sentence openers that look like a capitalised name and are not one."""
_NOT_BEFORE_NAME = frozenset(
    "of on in at for with by from to about that which who after before despite following and or but "
    "the its his her their between against".split()
)
"""Words that show the name is not the subject ("Trump's abandonment of sanctions on Russia indicated")."""
_BOUNDARY = re.compile(r"[,;:—–(“”\"]|\b(?:and|but|while|as|after|when|that|because|although)\b(?=[^,;:—–(“”\"]*$)")
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'-]+\s+[—–-]+\s*")
_INTRO = re.compile(r"^\s*(?:(?:on|in|at|earlier|later|during|after|before|following|going into)\b[^,“\"]{0,60},\s*)")
_DETERMINERS = ("the ", "a ", "an ", "one ")
_ENDS_WITH_COMMA = re.compile(r"[,—–-]\s*$")
_ENDS_WITH_AND = re.compile(r"\b(?:and|but)\s*$")
_INVERTED_BEFORE = re.compile(r"(?:^|[,”\"’]|\b(?:and|but)\b)\s*$")
_POSSESSIVE_SUBJECT = re.compile(r"^(?:her|his|their|its|our)\s+\w", re.IGNORECASE)
"""A subject such as "her rep", "his spokesman": a description of someone, standing right before the verb."""

_NOT_SPEAKERS = frozenset("it this that which who there what these those".split())


# --------------------------------------------------------------------------------------------
# finding quotations


_QUOTE_MARK = re.compile("[“”\"‘’']")


def find_quotes(text: str) -> list[tuple[int, int, int, bool, bool]]:
    """The quotations of a text as ``(start, end, depth, continued, unfinished)``.

    ``text[start:end]`` is the quoted words without the marks; ``depth`` is 0 for a quotation
    and 1 for one inside another. ``continued`` marks a quotation whose opening mark lies
    before the text (a closing mark with no opening one); ``unfinished`` one whose closing
    mark lies after it. Curly and straight double quotes are quotation marks; single quotes
    mark quotations inside them, or quotations of their own in a text with no double quotes.
    A right single quote between letters is an apostrophe.
    """
    has_double = "“" in text or "”" in text or '"' in text
    stack: list[tuple[str, int]] = []
    out: list[tuple[int, int, int, bool, bool]] = []
    n = len(text)
    for m in _QUOTE_MARK.finditer(text):  # only the marks do anything below: skip the other characters
        i, c = m.start(), m.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if c == "“":
            stack.append(("d", i + 1))
        elif c == "”":
            if any(k == "d" for k, _ in stack):
                while stack:
                    k, s = stack.pop()
                    if k == "d":
                        out.append((s, i, len(stack), False, False))
                        break
            elif not stack:
                out.append((0, i, 0, True, False))
        elif c == '"':
            if stack and stack[-1][0] == "s":
                _, s = stack.pop()
                out.append((s, i, len(stack), False, False))
            elif not prev.isalnum() or not stack:
                stack.append(("s", i + 1))
        elif c == "‘" and not nxt.isdigit():
            if stack or not has_double:
                stack.append(("q", i + 1))
        elif c == "’" and not (prev.isalpha() and nxt.isalpha()):
            if stack and stack[-1][0] == "q" and not nxt.isalnum():
                _, s = stack.pop()
                out.append((s, i, len(stack), False, False))
        elif c == "'" and stack and stack[-1][0] == "'" and not nxt.isalnum():
            _, s = stack.pop()
            out.append((s, i, len(stack), False, False))
        elif c == "'" and stack and stack[-1][0] in "ds" and not prev.isalnum():
            stack.append(("'", i + 1))
    for depth, (k, s) in enumerate(stack):
        if k in "ds":
            out.append((s, len(text.rstrip()), depth, False, True))
    spans = []
    for s, e, depth, cont, unf in out:
        inner = text[s:e]
        lead = len(inner) - len(inner.lstrip())
        inner = inner.rstrip(" ,;\n").strip()
        if inner and any(ch.isalpha() for ch in inner):
            spans.append((s + lead, s + lead + len(inner), depth, cont, unf))
    return sorted(spans)


def masked(text: str, spans: Sequence[tuple[int, int, int, bool, bool]]) -> str:
    """``text`` with the words inside top-level quotations blanked out (offsets kept)."""
    chars = list(text)
    for s, e, depth, _, _ in spans:
        if depth == 0:
            chars[s:e] = " " * (e - s)
    return "".join(chars)


# --------------------------------------------------------------------------------------------
# attributing them


@dataclass(frozen=True)
class Attribution:
    """A "who said it" found in a unit: the span of the reporting words and the speaker."""

    start: int
    end: int
    key: str | None
    name: str | None


@dataclass
class Attributor:
    """Resolves speakers through one article, unit after unit (pronouns need what came before).

    ``people`` maps a surname key to the fullest name the article gives; ``ages`` maps an age to
    the key of the person it was given for ("Trump, 78" lets "the 78-year-old" be Trump).
    """

    people: dict[str, str] = field(default_factory=dict)
    ages: dict[int, str] = field(default_factory=dict)
    last_named: tuple[str, str] | None = None
    descriptions: list[tuple[str, str]] = field(default_factory=list)
    previous: tuple[str | None, str | None] = (None, None)

    @classmethod
    def for_article(cls, texts: Sequence[str]) -> Attributor:
        """Learn the article's people (full names by surname) and ages before resolving."""
        from compare.features import name_spans
        from compare.numbers import extract_quantities

        people: dict[str, str] = {}
        ages: dict[int, str] = {}
        for t in dict.fromkeys(texts):  # a repeated text would change neither (first, strictly longer, wins)
            for _, _, parts in name_spans(t):
                full = display_name(parts)
                if not full:
                    continue
                key = name_key(full.split()[-1])
                if len(full.split()) > len(people.get(key, "").split()):
                    people[key] = full
            for q in extract_quantities(t):
                if q.kind == "age" and q.keys:
                    ages.setdefault(int(q.value), next(iter(q.keys)))
        return cls(people=people, ages=ages)

    def unit(self, text: str) -> tuple[tuple[Quote, ...], str | None, str | None]:
        """The quotations of one unit with their speakers, and the unit's own speaker.

        A quotation with no attribution in its unit (the second paragraph of a long quotation)
        belongs to the speaker of the unit before.
        """
        spans = find_quotes(text)
        found = self._attributions(masked(text, spans))
        quotes: list[Quote] = []
        for s, e, depth, cont, unf in spans:
            key, name = self._choose(found, s, e, text) if depth == 0 else (None, None)
            quotes.append(Quote(text[s:e], s, e, key, name, depth, cont, unf))
        top = [q for q in quotes if q.depth == 0 and q.speaker]
        unit_key, unit_name = (None, None)
        if top:
            unit_key, unit_name = top[0].speaker, top[0].speaker_name
        elif found:
            unit_key, unit_name = found[0].key, found[0].name
        if found or top:
            self.previous = (unit_key, unit_name)
        elif not spans:
            self.previous = (None, None)
        return tuple(quotes), unit_key, unit_name

    def _choose(self, found: list[Attribution], s: int, e: int, text: str) -> tuple[str | None, str | None]:
        """The attribution right after a quotation, else the nearest before it, else the unit's first."""
        after = [a for a in found if a.start >= e and not text[e : a.start].strip(" ,.!?”\"’'—–-\n")]
        if after:
            return after[0].key, after[0].name
        before = [a for a in found if a.end <= s]
        if before:
            return before[-1].key, before[-1].name
        if found:
            return found[0].key, found[0].name
        if not text[:s].strip(" “\"‘'"):  # a quotation opening the unit goes on from the unit before
            return self.previous
        return None, None

    def _attributions(self, blank: str) -> list[Attribution]:
        """Every "X said" / "said X" / ", saying" in a unit whose quotations are blanked out."""
        from compare.features import WORD, lower_words

        if _TRIGGERS.isdisjoint(lower_words(blank)):  # the loop below would skip every word
            return []
        out: list[Attribution] = []
        for m in WORD.finditer(blank):
            w = m.group().lower()
            if w == "according" and blank[m.end() : m.end() + 4] == " to ":
                key, name = self._after(blank[m.end() + 4 :])
            elif w in _PARTICIPLES and _ENDS_WITH_COMMA.search(blank[: m.start()]):
                key, name = self._subject_of_sentence(blank[: m.start()])
            elif w in REPORTING_VERBS and out and _ENDS_WITH_AND.search(blank[: m.start()]):
                key, name = out[-1].key, out[-1].name  # "X said ... but acknowledged": the same X
            elif w in REPORTING_VERBS:
                inverted = _INVERTED_BEFORE.search(blank[: m.start()])
                key, name = self._before(blank[: m.start()])
                named = key is not None and not key.startswith("~")
                if inverted and not named and (key is None or w in _INVERTING):
                    # "..., said a person familiar with the matter": the speaker follows the verb
                    after = self._after(blank[m.end() :])
                    if after[0] is not None:
                        key, name = after
            else:
                continue
            if key is not None:
                out.append(Attribution(m.start(), m.end(), key, name))
                self._remember(key, name)
        return out

    def _remember(self, key: str, name: str | None) -> None:
        if key.startswith("~"):
            if name:
                self.descriptions.append((key, name))
        elif name:
            self.last_named = (key, name)

    def _before(self, prefix: str) -> tuple[str | None, str | None]:
        """The subject right before a reporting verb.

        Walks back over comma-separated appositives ("Kateryna Stepanenko, Russia analyst at
        the Institute for the Study of War, told") to the nearest name; failing a name, the
        nearest description ("An Italian official, speaking on ..., said").
        """
        prefix = prefix.rstrip()
        while True:  # drop adverbs and auxiliaries right before the verb
            head, _, last = prefix.rpartition(" ")
            if not head or not (last.lower() in _ADVERBS or (last.islower() and last.endswith("ly"))):
                break
            prefix = head.rstrip()
        hard = 0
        for m in _HARD_BOUNDARY.finditer(prefix):
            hard = m.end()
        segments = [seg.strip() for seg in prefix[hard:].split(",")][-4:]
        if len(segments) > 1 and not segments[-1]:
            segments.pop()
        if segments and _joint(segments[-1]):
            return None, None  # "Craig Zadan and Neil Meron said": two speakers, neither alone
        for i, seg in enumerate(segments):
            cut = 0
            for m in _BOUNDARY.finditer(seg):
                cut = m.end()
            segments[i] = seg[cut:].strip()
        if segments and _POSSESSIVE_SUBJECT.match(segments[-1]):
            # "..., her rep told": the subject is right there, not a name in an earlier clause
            return self._description(segments[-1]) if _DESCRIPTION.match(segments[-1]) else (None, None)
        for seg in reversed(segments):
            named = self._pure_name(seg)
            if named[0]:
                return named
            if seg.lower() in PRONOUNS:
                return self.last_named if self.last_named else (None, None)
        for seg in reversed(segments):
            if _DESCRIPTION.match(seg) and not (set(seg.lower().split()) & _NOT_IN_DESCRIPTION):
                return self._description(seg)
        return None, None

    def _pure_name(self, seg: str) -> tuple[str | None, str | None]:
        """A segment that is a name with at most titles before it ("Kremlin spokesman Dmitry Peskov")."""
        spans = name_runs(seg)
        if not spans:
            return None, None
        s, e, parts = spans[-1]
        before = set(re.findall(r"[\w’']+", seg[:s].lower()))
        if seg[e:].strip() or before & _NOT_BEFORE_NAME:
            s0, e0, first = spans[0]
            if s0 == 0 and re.match(r"\s+(?:of|from|at)\s", seg[e0:]):  # "Sean Harrigan of Calpers"
                return self._named(first)
            return None, None
        if len(parts) == 1 and (parts[0].lower() in _DISCOURSE or parts[0].lower().endswith("ly")):
            return None, None
        return self._named(parts)

    def _after(self, rest: str) -> tuple[str | None, str | None]:
        """The speaker right after "said" ("said Peskov", "said a person familiar with the matter")."""
        m = re.match(r"\s*((?:\b[A-Z]\.|[^,.;:!?—–(“”\"]){1,80})", rest)
        if not m:
            return None, None
        return self._resolve(m.group(1).strip(), tail=False)

    def _subject_of_sentence(self, prefix: str) -> tuple[str | None, str | None]:
        """The subject at the head of a sentence (for "..., saying")."""
        head = _DATELINE.sub("", prefix)
        head = _INTRO.sub("", head)
        head = re.sub(r"^\s*[A-Z][a-z]+ing\b[^,“\"]{0,80},\s*", "", head)
        from compare.features import name_spans

        words = head.split()
        if words and words[0].lower() in PRONOUNS:
            return self._resolve(words[0], tail=True)
        for s, _, parts in name_spans(head):
            if s > 60:
                break
            return self._named(parts)
        return None, None

    def _named(self, parts: Sequence[str]) -> tuple[str | None, str | None]:
        full = display_name(parts)
        if not full:
            return None, None
        key = name_key(full.split()[-1])
        return key, self.people.get(key, full)

    def _resolve(self, phrase: str, *, tail: bool) -> tuple[str | None, str | None]:
        """Turn a subject phrase into ``(key, name)``: a name, a pronoun, or a description."""

        if not phrase:
            return None, None
        words = phrase.split()
        low = phrase.lower()
        if words[-1 if tail else 0].lower() in PRONOUNS:
            return self.last_named if self.last_named else (None, None)
        if low.split()[0 if not tail else -1] in _NOT_SPEAKERS:
            return None, None
        spans = name_runs(phrase)
        if spans and not tail and len(spans) > 1 and spans[0][0] == 0:
            between = phrase[spans[0][1] : spans[1][0]].strip()
            if between == "and":
                return None, None  # "said Zadan and Meron": two speakers, neither alone
            if between.islower() and len(between.split()) <= 3 and not phrase[spans[1][1] :].strip(" ’'s"):
                return self._named(spans[1][2])  # "said Kremlin spokesman Dmitry Peskov": the person, not the office
        if spans:
            s, e, parts = spans[-1] if tail else spans[0]
            if (tail and not phrase[e:].strip(" ’'s")) or (not tail and s == 0):
                return self._named(parts)
        if _DESCRIPTION.match(phrase) and not (set(low.split()) & _NOT_IN_DESCRIPTION):
            return self._description(phrase)
        return None, None

    def _description(self, phrase: str) -> tuple[str | None, str | None]:
        """Resolve "the official", "the 78-year-old", "the veep" to someone named or described before."""
        owner = re.match(r"^(.+?)[’']s\s+\w+$", phrase)
        if owner:  # "the president's statement" speaks for the president
            phrase = owner.group(1)
        low = phrase.lower()
        head = re.sub(r"[’']s$", "", low.split()[-1])
        age = re.search(r"(\d{1,3})-year-old", low)
        if low.startswith("the "):
            for key, name in reversed(self.descriptions):
                if name.lower().split()[-1] == head and name.lower() != low:
                    return key, name
            if age and int(age.group(1)) in self.ages:
                key = self.ages[int(age.group(1))]
                return key, self.people.get(key, key.title())
            if (age or head in _EPITHET_HEADS) and self.last_named:
                return self.last_named
        words = phrase.split()
        return "~" + " ".join(w.lower() for w in words[1:] if w), phrase[0].upper() + phrase[1:]


def _joint(phrase: str) -> bool:
    """Whether ``phrase`` ends with two names joined by "and" ("producers Craig Zadan and Neil Meron")."""
    spans = name_runs(phrase)
    return (
        len(spans) > 1
        and phrase[spans[-2][1] : spans[-1][0]].strip() == "and"
        and not phrase[spans[-1][1] :].strip(" ’'s")
    )


def name_runs(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """``features.name_spans`` with runs joined across a middle initial ("Neal R. Sonnett")."""
    from compare.features import name_spans

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
    from compare.features import TITLES

    clean = [p.rstrip("’'s").rstrip(".") if p.endswith(("’s", "'s")) else p for p in parts]
    last_title = -1
    for i, p in enumerate(clean):
        if p.lower().strip(".") in TITLES:
            last_title = i
    tail = clean[last_title + 1 :]
    return " ".join(tail)


def name_key(word: str) -> str:
    """The canonical key of a name by its last word (the same key ``features`` gives names)."""
    from compare.features import _name_key

    return _name_key(word)


# --------------------------------------------------------------------------------------------
# the ledger


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
        import numpy as np

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
    import numpy as np

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
    from rapidfuzz import fuzz

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
    from rapidfuzz import fuzz

    return float(fuzz.partial_ratio(*bounded_pair(a, b)))


def word_changes(a: str, b: str) -> tuple[str, ...]:
    """The words of ``b`` that differ from ``a`` inside the stretch both quote (``difflib``).

    Words only one wording has before the first or after the last shared word are a shorter
    excerpt, not a change, and are left out. Wordings longer than :data:`FUZZY_CHARS`
    characters are compared on :func:`bounded_pair` (the stretch of the longer that the
    shorter's opening matches), so the cost stays bounded.
    """
    import difflib

    na, nb = bounded_pair(normalise_quote(a), normalise_quote(b))
    wa, wb = na.split(), nb.split()
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
    wordings close as strings too (scored on :func:`bounded_pair` when one is longer than
    :data:`FUZZY_CHARS` characters).
    """
    from compare.features import content_tokens

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
    return bounded_ratio(na, nb) >= 70 or bounded_partial_ratio(na, nb) >= 85


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
    from rapidfuzz import fuzz

    x, y = _NOT_NAME_LETTER.sub("", a.lower()), _NOT_NAME_LETTER.sub("", b.lower())
    if not x or not y:
        return False
    if x in y or y in x or x[:4] == y[:4]:
        return True
    return fuzz.ratio(x, y) >= 75 or (fuzz.partial_ratio(x, y) >= 85 and min(len(x), len(y)) >= 4)


def _shared_word_pairs(texts: Sequence[str], sources: Sequence[str]) -> tuple[Any, Any]:
    """Index pairs ``i < j`` of texts from different sources that share enough content words to
    be the same quotation (a sparse product, not all pairs)."""
    import numpy as np
    from scipy import sparse

    from compare.features import content_tokens

    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, t in enumerate(texts):
        for w in set(content_tokens(t)):
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    if not vocab:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    m = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(vocab)))
    pairs = sparse.triu(m @ m.T, k=1).tocoo()
    src = np.array(sources)
    # what same_quotation needs of the content words: all of a short quotation's (at least 2),
    # 60% of a longer one's, or the very same words
    n = np.asarray(m.sum(axis=1)).ravel()
    shared = pairs.data
    short = np.minimum(n[pairs.row], n[pairs.col])
    same_words = (shared == n[pairs.row]) & (shared == n[pairs.col])
    enough = (short >= 2) & np.where(short <= 3, shared == short, shared >= 0.6 * short)
    keep = (src[pairs.row] != src[pairs.col]) & (enough | same_words)
    order = np.lexsort((pairs.col[keep], pairs.row[keep]))
    return pairs.row[keep][order].astype(np.int64), pairs.col[keep][order].astype(np.int64)


def ledger(units: Sequence[Unit], features: dict[str, Features], groups: Sequence[Group]) -> list[LedgerEntry]:
    """Every quotation of every source, lined up across sources.

    Parameters
    ----------
    units:
        All units, in source order.
    features:
        Their features (the quotations and speakers are in ``Features.quoted``).
    groups:
        The classified groups: a unit matched to a unit of another source that does not quote
        the same words counts as that source paraphrasing the quotation.

    Returns
    -------
    list[LedgerEntry]
        In order of first appearance; ids ``q1``, ``q2`` ...
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    items: list[tuple[Unit, Quote]] = [(u, q) for u in units for q in features[u.id].quoted if u.id in features]
    if not items:
        return []
    texts = [normalise_quote(q.text) for _, q in items]
    # candidates: quotations of different sources sharing a content word (a sparse product, not
    # all pairs), kept when fuzzy containment is high; confirmed by same_quotation
    left, right = _shared_word_pairs(texts, [u.source for u, _ in items])
    if len(left):  # only quotations of one depth are ever joined
        depth = np.array([q.depth for _, q in items])
        same = depth[left] == depth[right]
        left, right = left[same], right[same]
    if len(left):  # fuzzy scores on bounded strings (exact for quotations up to FUZZY_CHARS)
        cut = [bounded_pair(texts[i], texts[j]) for i, j in zip(left.tolist(), right.tolist(), strict=True)]
        partial = process.cpdist([a for a, _ in cut], [b for _, b in cut], scorer=fuzz.partial_ratio)
        keep = partial >= 60
        left, right = left[keep], right[keep]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if same_quotation(texts[i], texts[j]):
            parent[find(int(j))] = find(int(i))
    clusters: dict[int, list[int]] = {}
    for i in range(len(items)):
        clusters.setdefault(find(i), []).append(i)
    linked = _linked_units(groups)
    source_of = {u.id: u.source for u in units}
    entries: list[LedgerEntry] = []
    index_of: dict[tuple[str, int], str] = {}
    for members in sorted(clusters.values(), key=min):
        first = items[members[0]][1]
        wordings = []
        for i in members:
            u, q = items[i]
            changes = word_changes(first.text, q.text) if i != members[0] else ()
            wordings.append(Wording(u.source, u.id, q.text, q.speaker_name, changes))
        quoting = {items[i][0].source for i in members}
        para_units = tuple(
            dict.fromkeys(
                v
                for i in members
                for g in linked.get(items[i][0].id, ())
                for v in g
                if v != items[i][0].id and source_of[v] not in quoting and _covers(features[v].tokens, items[i][1].text)
            )
        )
        said = [(items[i][1].speaker, items[i][1].speaker_name) for i in members]
        if len(quoting) > 1:
            if any(different_people(ka, na, kb, nb) for (ka, na), (kb, nb) in combinations(dict.fromkeys(said), 2)):
                status = "speaker"
            elif any(w.changes for w in wordings):
                status = "altered"
            else:
                status = "identical"
        elif para_units and len(normalise_quote(first.text).split()) >= 4:
            status = "paraphrased"
        else:
            status = "single"
            para_units = ()
        eid = f"q{len(entries) + 1}"
        for i in members:
            index_of[(items[i][0].id, items[i][1].start)] = eid
        entries.append(
            LedgerEntry(
                eid,
                first.speaker_name or next(iter(w.speaker for w in wordings if w.speaker), None),
                status,
                tuple(wordings),
                para_units,
            )
        )
    parents = _Parents(items, index_of)
    return [parents.of(e) for e in entries]


class _Parents:
    """Finds the entry a nested quotation sits in: an index of the quotations of each unit.

    For an entry whose first wording is a quotation inside another (depth > 0) of its unit, the
    parent is the entry of the first top-level quotation of that unit (in reading order) that
    holds a nested quotation with the same words and belongs to another entry.
    """

    def __init__(self, items: list[tuple[Unit, Quote]], index_of: dict[tuple[str, int], str]) -> None:
        self.index_of = index_of
        self.top: dict[str, list[Quote]] = {}
        """Unit id -> its top-level quotations, in the order of ``items``."""
        self.nested: dict[tuple[str, str], list[int]] = {}
        """(unit id, words) -> the start offsets of the nested quotations with those words."""
        for u, q in items:
            if q.depth == 0:
                self.top.setdefault(u.id, []).append(q)
            else:
                self.nested.setdefault((u.id, q.text), []).append(q.start)

    def of(self, e: LedgerEntry) -> LedgerEntry:
        """``e`` with its parent entry set, or ``e`` itself when it has none."""
        import bisect

        w = e.wordings[0]
        starts = self.nested.get((w.unit, w.text))
        if not starts:
            return e
        starts = sorted(starts)
        for q in self.top.get(w.unit, ()):
            k = bisect.bisect_left(starts, q.start)
            if k < len(starts) and starts[k] < q.end:
                pid = self.index_of.get((w.unit, q.start))
                if pid and pid != e.id:
                    return LedgerEntry(e.id, e.speaker, e.status, e.wordings, e.paraphrased_in, pid)
        return e


def _covers(tokens: Sequence[str], quote: str) -> bool:
    """Whether a unit's content words hold at least half of a quotation's (a paraphrase of it)."""
    from compare.features import content_tokens

    q = set(content_tokens(quote))
    return len(q) >= 3 and len(q & set(tokens)) >= 0.5 * len(q)


def _linked_units(groups: Sequence[Group]) -> dict[str, list[tuple[str, ...]]]:
    """For each unit id, the units of the groups it is matched in (itself among them)."""
    from compare.model import Verdict

    out: dict[str, list[tuple[str, ...]]] = {}
    for g in groups:
        if g.verdict is Verdict.ONLY:
            continue
        for a in g.units:
            out.setdefault(a, []).append(tuple(g.units))
    return out
