"""Direct quotations: find them and say who is quoted (used by ``compare.features``).

:func:`find_quotes` and :class:`Attributor`: the quotations of a unit, with quotations inside
quotations and quotations that run over several sentences, and each one's speaker, resolved from
"X said", "said X", "X told", "X wrote", "X, 47, stressed", "..., saying" and from "he added" /
"the official said" / "the 78-year-old added" back to the person named earlier in the article.
Lining quotations up across sources is the ledger's (``compare.analyze.ledger``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from compare.features.quantities import extract_quantities
from compare.model import QuantityKind, Quote
from compare.text.names import ROLE_TITLES, display_name, name_runs
from compare.text.words import WORD, lower_words, name_key, name_spans

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
_TITLE_BEFORE = re.compile(
    r"\b(?i:" + "|".join(sorted(ROLE_TITLES)) + r")(?:\s+(?:of|for)(?:\s+the)?(?:\s+[A-Z][\w.’'-]*)+)?\s*$"
)
"""A title, with what it is of, right before a name ("President ", "Secretary of State ", "minister for the Arts ")."""


_OF_PLACE = re.compile(r"\s+(?:of|from|at)\s+(?:(?:the|of|for|and|&|[A-Z][\w.’'&-]*)(?:\s+|$))+")
"""What may follow a subject's name: where it is from, in capitalised words ("Sean Harrigan of Calpers",
"David Fleming of the Centers for Disease Control"), and nothing else ("Georgia Bureau of Investigation
spokesman John Bankhead said the scenes" is not "Georgia Bureau" speaking)."""

_TITLE_HEAD = re.compile(r"(?:(?:the|former|then|acting|deputy|interim|of|for|and|[A-Z][\w.’'-]*)\s+)*")
"""What may come before such a title: capitalised words and a few others ("Former U.S. ", "University of ")."""


def _titled(before: str, parts: Sequence[str]) -> bool:
    """Whether a segment is a name introduced by a title: a title among its own words ("University of
    Michigan President Mary Sue Coleman"), or right before it with what it is the title of ("Former U.S.
    Secretary of State Colin Powell"), and before that only capitalised words (not "a letter to
    President Bush")."""
    m = _TITLE_BEFORE.search(before)
    if not _TITLE_HEAD.fullmatch(before[: m.start()] if m else before):
        return False
    return m is not None or (any(p.lower().strip(".") in ROLE_TITLES for p in parts[:-1]) and bool(display_name(parts)))


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
_CLOSES_BEFORE = frozenset(",.?!")
"""Marks right before a straight double quote that close a quotation (then a space or the end):
with no quotation open, it closes one that began before the text."""
_ANY_CHARACTER = re.compile("(?s).")


def find_quotes(text: str, *, fast: bool = True) -> list[tuple[int, int, int, bool, bool]]:
    """The quotations of a text as ``(start, end, depth, continued, unfinished)``.

    ``text[start:end]`` is the quoted words without the marks; ``depth`` is 0 for a quotation
    and 1 for one inside another. ``continued`` marks a quotation whose opening mark lies
    before the text (a closing mark with no opening one); ``unfinished`` one whose closing
    mark lies after it. Curly and straight double quotes are quotation marks; single quotes
    mark quotations inside them, or quotations of their own in a text with no double quotes.
    A right single quote between letters is an apostrophe. ``fast=False`` visits every character,
    where the default jumps from quotation mark to quotation mark: the same result, the plain path
    the tests compare the fast one with.
    """
    has_double = "“" in text or "”" in text or '"' in text
    stack: list[tuple[str, int]] = []
    out: list[tuple[int, int, int, bool, bool]] = []
    n = len(text)
    for m in (_QUOTE_MARK if fast else _ANY_CHARACTER).finditer(text):  # only the marks do anything below
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
            elif not stack and prev in _CLOSES_BEFORE and (nxt.isspace() or i + 1 == n):
                out.append((0, i, 0, True, False))  # 'them," Takin said': it closes a quotation begun before
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
    if not any(depth == 0 for _, _, depth, _, _ in spans):
        return text  # nothing to blank (most units): no copy
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
    """Described speakers ("~official", "the Kremlin official") in the order they were seen."""
    _by_head: dict[str, list[tuple[str, str]]] = field(init=False, repr=False, compare=False)
    # ``descriptions`` by the last word of the name, so that resolving "the official" looks at the
    # descriptions with that head only, not at every one seen so far (linear in the article)
    previous: tuple[str | None, str | None] = (None, None)

    def __post_init__(self) -> None:
        self._by_head = {}
        for key, name in self.descriptions:
            self._by_head.setdefault(name.lower().split()[-1], []).append((key, name))

    @classmethod
    def for_article(cls, texts: Sequence[str]) -> Attributor:
        """Learn the article's people (full names by surname) and ages before resolving."""
        people: dict[str, str] = {}
        sizes: dict[str, int] = {}  # the number of words of each name in ``people``
        ages: dict[int, str] = {}
        for t in dict.fromkeys(texts):  # a repeated text would change neither (first, strictly longer, wins)
            for _, _, parts in name_spans(t):
                person = _person(parts)
                if person is not None and person[2] > sizes.get(person[0], 0):
                    people[person[0]], sizes[person[0]] = person[1], person[2]
            for q in extract_quantities(t):
                if q.kind == QuantityKind.AGE and q.keys:
                    ages.setdefault(int(q.value), next(iter(q.keys)))
        return cls(people=people, ages=ages)

    def unit(self, text: str, *, fast: bool = True) -> tuple[tuple[Quote, ...], str | None, str | None]:
        """The quotations of one unit with their speakers, and the unit's own speaker.

        A quotation with no attribution in its unit (the second paragraph of a long quotation)
        belongs to the speaker of the unit before. ``fast=False`` looks for attributions in a unit
        with no reporting word too, which the default skips, and reads every word of it, where the
        default reads only the reporting words and participles: the same result, the plain path the
        tests compare the fast one with.
        """
        spans = find_quotes(text)
        found = self._attributions(masked(text, spans), fast=fast)
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

    def _attributions(self, blank: str, *, fast: bool = True) -> list[Attribution]:
        """Every "X said" / "said X" / ", saying" in a unit whose quotations are blanked out."""
        words: Iterable[tuple[re.Match[str], str]]
        if fast:
            ws = lower_words(blank)
            if _TRIGGERS.isdisjoint(ws):  # the loop below would skip every word
                return []
            # only the trigger words do anything below: they are picked from the cached lower-case words
            # (the words of ``WORD``, in order) and only their matches read (``compress`` skips the rest in C)
            cue = list(map(_TRIGGERS.__contains__, ws))
            words = zip(itertools.compress(WORD.finditer(blank), cue), itertools.compress(ws, cue))
        else:
            words = ((m, m.group().lower()) for m in WORD.finditer(blank))
        out: list[Attribution] = []
        for m, w in words:
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
                self._by_head.setdefault(name.lower().split()[-1], []).append((key, name))
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
        if not seg[e:].strip() and before & _NOT_BEFORE_NAME and _titled(seg[:s], parts):
            # "University of Michigan President Mary Sue Coleman", "Secretary of State Colin Powell":
            # the "of" belongs to the title, and the name after it is the subject
            return self._named(parts)
        if seg[e:].strip() or before & _NOT_BEFORE_NAME:
            s0, e0, first = spans[0]
            if s0 == 0 and _OF_PLACE.fullmatch(seg[e0:]):  # "Sean Harrigan of Calpers"
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
            for key, name in reversed(self._by_head.get(head, ())):
                if name.lower() != low:
                    return key, name
            if age and int(age.group(1)) in self.ages:
                key = self.ages[int(age.group(1))]
                return key, self.people.get(key, key.title())
            if (age or head in _EPITHET_HEADS) and self.last_named:
                return self.last_named
        words = phrase.split()
        return "~" + " ".join(w.lower() for w in words[1:] if w), phrase[0].upper() + phrase[1:]


@lru_cache(maxsize=65536)
def _person(parts: tuple[str, ...]) -> tuple[str, str, int] | None:
    """The surname key, the name without titles and its number of words, of a name found in a text
    (``None`` when only titles are left); cached by name, as most names recur through an article."""
    full = display_name(parts)
    if not full:
        return None
    words = full.split()
    return name_key(words[-1]), full, len(words)


def _joint(phrase: str) -> bool:
    """Whether ``phrase`` ends with two names joined by "and" ("producers Craig Zadan and Neil Meron")."""
    spans = name_runs(phrase)
    return (
        len(spans) > 1
        and phrase[spans[-2][1] : spans[-1][0]].strip() == "and"
        and not phrase[spans[-1][1] :].strip(" ’'s")
    )
