"""Find the quantities and dates a unit mentions, normalised so that equal values meet.

``"1,000"``, ``"1000"``, ``"one thousand"`` and ``"1k"`` are all 1000; ``"a two-hour call"`` is
2 hours; ``"39-month-old war"`` is 39 months; ``"Trump, 78"`` and ``"the 78-year-old"`` are the
age 78. Weekdays, calendar dates, years and relative days (``"a week ago"``) are dates.

Finding is done here with patterns (so that names such as "World War II" or "Air Force Two" and
words such as "one of" are left alone); turning words into values is left to maintained libraries:
``text2num`` (spelled-out numbers, ordinals) and ``dateparser`` (calendar and relative dates). Both
are imported on first use; see docs/differences.md for how they were chosen.
"""

from __future__ import annotations

import calendar
import datetime
import re
from functools import lru_cache

from text_to_num import alpha2digit, text2num

from compare.model import Quantity, QuantityKind
from compare.text.lexicon import MONTHS, NUMBER_WORDS
from compare.text.words import FOLDS_TO_ASCII, lower_words, stem


def _alternatives(words: list[str]) -> str:
    """``"|".join(words)`` with the words grouped by first letter (``t(?:hirteen|hirty|hree|...)``), in
    their order within each group.

    The same matches: no character matches two different ASCII letters, even under
    ``IGNORECASE``, so the words of other groups fail at their first letter wherever a word is
    tried, and those of its own group are tried in the same order. But ``re`` tries a dozen
    branches at each place instead of one per word (a quarter less time scanning a text).
    """
    firsts = dict.fromkeys(w[0] for w in words)
    return "|".join(f"{c}(?:{'|'.join(re.escape(w[1:]) for w in words if w[0] == c)})" for c in firsts)


_CARDINALS = [*NUMBER_WORDS, *"thirty forty fifty sixty seventy eighty ninety".split()]
"""The cardinal words in order, "zero" to "twenty" (``lexicon.NUMBER_WORDS``), then the tens."""
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}  # fmt: skip
_SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
                  "tn": 1_000_000_000_000}  # fmt: skip
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth "
    "fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth millionth"
).split()
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "1/2": 0.5, "1/4": 0.25, "3/4": 0.75}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = list(MONTHS)
_MONTH_WORDS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sept sep oct nov dec"
).split()
_MONTH_RE = rf"(?:{_alternatives(_MONTH_WORDS)})\.?"
_TIME_UNITS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
               "month": 30.4375, "year": 365.25, "decade": 3652.5}  # fmt: skip
"""Length of each time unit in days, so that "39 months" and "three years" can be compared."""
_CURRENCIES = {"$": "dollar", "us$": "dollar", "$us": "dollar", "€": "euro", "£": "pound", "¥": "yen"}
_CURRENCY_WORDS = {"dollar": "dollar", "euro": "euro", "pound": "pound", "yen": "yen", "ruble": "ruble",
                   "rouble": "ruble", "yuan": "yuan", "hryvnia": "hryvnia", "cent": "cent"}  # fmt: skip
_APPROX = re.compile(
    r"(?:about|around|roughly|nearly|almost|approximately|some|over|under|up\s+to|at\s+least|at\s+most|"
    r"more\s+than|less\s+than|fewer\s+than|close\s+to|an\s+estimated|estimated|upwards\s+of|just|almost)\s*$",
    re.IGNORECASE,
)
_UNIT_STOP = frozenset(
    """
    a an the of and or to in on at for by from with that than as is was were are be been has have had
    who which this these those it its their his her our your my per each every into over under after
    before since until while during about against between among through said says say told would will
    could can may might must should do does did not no more less most least also only just even still
    ago old later earlier
    """.split()
)
"""Words that end the run of words naming what a number counts."""


_NUMWORD = _alternatives(sorted(_CARDINALS + list(_SCALES), key=len, reverse=True))
_ORDWORD = _alternatives(sorted(_ORDINALS, key=len, reverse=True))
_WORDRUN = rf"(?:{_NUMWORD})(?:(?:[ \t]+and[ \t]+|[ \t]+|-)(?:{_NUMWORD}))*(?![a-z])"
_NUMBER = re.compile(
    rf"""
    (?:(?<![\w$€£¥.,/-])|(?<=-)(?=US\$|\$|€|£|¥))  # "-" only before a currency: "$140-$150 million"
    (?P<cur>US\$|\$US|\$|€|£|¥)?
    (?P<num>\d+,\d{{1,2}}(?=[ \t]*(?:million|billion|trillion|thousand|%|percent)\b)
      |(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d/:]|-\d|,\d)|{_WORDRUN}
      |(?:a|an)(?=[ \t]+(?:hundred|thousand|million|billion|dozen)\b))
    (?:(?P<sfx>k|m|mn|bn|b|tn)\b|(?P<ord>st|nd|rd|th)\b|(?P<sp>[ \t]+|-)(?P<scale>{"|".join(_SCALES)}|dozen)s?\b)?
    (?P<frac>[ \t]?[½¼¾⅓⅔]|[ \t]+[13]/[24](?!\d))?
    (?P<pct>[ \t]*(?:%|percent\b|per[ \t]+cent\b|percentage[ \t]+points?\b))?
    (?:-(?P<hunit>second|minute|hour|day|week|month|year|decade)s?(?P<old>-old)?\b)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ORDINAL_WORD = re.compile(rf"\b(?P<ordw>{_ORDWORD})\b", re.IGNORECASE)
_AGE_NAMED = re.compile(r"(?P<name>[A-Z][\w’'.-]*[a-z])\s*,\s+(?P<n>\d{1,3})\s*,")
_AGE_NAMED_HINT = re.compile(r",\s+\d")
"""In every match of ``_AGE_NAMED`` (the comma before the age): a text without it is not scanned
name by name (the pattern is tried at each capital letter and backs off along the word)."""
_AGE_WORDS = re.compile(
    rf"\b(?:(?P<lo>\d{{1,3}})\s*(?:to|and|-|–)\s*)?(?P<n>\d{{1,3}}|{_WORDRUN})[- ]years?[- ]old\b"
    r"|\baged\s+(?P<n2>\d{1,3})(?:\s*(?:to|and|-|–)\s*(?P<hi>\d{1,3}))?\b",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?<![\d.,:])\b(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)"
    r"|\b(?P<hm>\d{4})\s*(?:GMT|UTC)\b",
    re.IGNORECASE,
)
_CALENDAR = re.compile(
    rf"\b(?P<md>{_MONTH_RE}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?)(?!\d)"
    rf"|\b(?P<dm>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(?P<y2>\d{{4}}))?)(?!\w)"
    rf"|\b(?P<my>{_MONTH_RE}\s+(?P<y3>\d{{4}}))\b"
    r"|\b(?P<num>\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    rf"\b(?P<rel>(?:(?:a|an|one|{'|'.join(_CARDINALS[2:11])}|\d+)\s+(?:day|week|month|year)s?\s+ago)"
    r"|yesterday|today|tomorrow|(?:last|next)\s+(?:week|month|year|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday))\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(rf"\b(?P<wd>{'|'.join(_WEEKDAYS)})(?:’s|'s)?\b", re.IGNORECASE)
_MONTH_ALONE = re.compile(
    rf"\b(?:in|since|until|till|by|from|through|during|early|late|mid|of|before|after)(?:[ \t]+|-)"
    rf"(?P<mon>{'|'.join(_MONTHS)})\b(?![ \t]*,?[ \t]*\d|[ \t]+of[ \t]+\d|[’'-])",
    re.IGNORECASE,
)
"""A month named without a day or a year, after a word that dates by it ("in June", "since March",
"mid-July", "the end of May"): the month of a year the text does not say. Capitalised (checked where
it is read), so "in may" is not one; a digit after it is a calendar date (``_CALENDAR``), and "March
of 1998" is left to the year."""
_YEAR = re.compile(r"(?P<y>1[89]\d\d|20\d\d)(?<![\w$€£.,-]\d{4})(?![\w%-]|,\d|\.\d)")
"""A year written alone, not inside a longer number or word. The test of the character before it
comes after the four digits (a look-behind over them), not first: a pattern that opens with its
digits lets ``re`` skip ahead to a "1" or a "2", where one that opens with a look-behind is tried
at every position of the text (the same matches, about a third of the time)."""
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_ORDINAL_HINTS = frozenset(_ORDINALS)
_RELATIVE_WORDS = frozenset(("ago", "yesterday", "today", "tomorrow"))
_RELATIVE_TURNS = frozenset(("last", "next"))
_RELATIVE_AFTER = frozenset(("week", "month", "year", *_WEEKDAYS))
"""What follows "last" or "next" in a match of ``_RELATIVE`` (each a whole run of letters there)."""
_NUMBER_HINTS = frozenset((*_CARDINALS, *_SCALES, "dozen"))
"""A number in words begins with one of these ("a dozen" needs "dozen")."""
_MONTH_HINTS = frozenset(_MONTH_WORDS)
"""Every month name of ``_MONTH_RE``."""
_MONTH_NAME_HINTS = frozenset(_MONTHS)
"""The full month names: ``_MONTH_ALONE`` needs one."""
_WEEKDAY_HINTS = frozenset(_WEEKDAYS)
_AGE_HINTS = frozenset(("old", "aged"))
_TIME_HINTS = frozenset(("am", "pm", "m", "gmt", "utc"))
"""``_TIME`` needs one: "a.m." and "p.m." hold the word "m"."""
_DIGIT_SEP = re.compile(r"\d[/-]\d")
"""In every numeric date of ``_CALENDAR`` ("12/25/2009", "2009-03-05")."""
_WORDS_NEEDED = (_RELATIVE_WORDS | _RELATIVE_TURNS | _WEEKDAY_HINTS | _AGE_HINTS | _NUMBER_HINTS | _ORDINAL_HINTS
                 | _MONTH_NAME_HINTS)  # fmt: skip
"""Without a digit, every pattern of ``_extract_quantities`` needs one of these words (the calendar
dates, times, years and ages after a name all need a digit; a month alone needs its name)."""


@lru_cache(maxsize=4096)
def words_value(words: str) -> float | None:
    """The value of spelled-out numbers (``"twenty-five thousand"`` -> 25000) by ``text2num``."""
    w = re.sub(r"\s+", " ", words.strip().lower())
    w = re.sub(r"^an? (?=hundred|thousand|million|billion|trillion)", "one ", w)
    try:
        return float(text2num(w, "en"))
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def ordinal_value(word: str) -> int | None:
    """The value of an ordinal written as a word (``"third"`` -> 3), by ``text2num``."""
    m = re.match(r"(\d+)", alpha2digit(word.lower(), "en", threshold=0))
    return int(m.group(1)) if m else None


@lru_cache(maxsize=1024)
def _dateparse(span: str) -> tuple[int, int, int] | None:
    """``read_date``, cached by span."""
    return read_date(span)


def read_date(span: str, *, fast: bool = True) -> tuple[int, int, int] | None:
    """``(year, month, day)`` of a date span, by ``dateparser`` relative to a fixed day (1 January 2001).

    A relative date ("two weeks ago", "yesterday") is ``(0, 0, days from the fixed day)``; ``None``
    when ``dateparser`` cannot read the span. The common plain forms ("March 5, 2009", "5th of
    March", "March 2009", "two weeks ago", "last Friday") are worked out directly, as ``dateparser``
    reads them: it takes milliseconds per span and a third of a second to load. ``fast=False``
    asks ``dateparser`` for every span: the same result, the plain path the tests compare with.
    """
    if fast:
        plain = _plain_date(span)
        if plain is not None:
            return plain
    return _dateparser_date(span)


def _dateparser_date(span: str) -> tuple[int, int, int] | None:
    import dateparser  # lazy: ~80 ms to import; the plain date forms (_plain_date) never need it

    base = datetime.datetime(2001, 1, 1)  # a fixed day, so relative dates give fixed offsets
    d = dateparser.parse(span, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first"})
    if d is None:
        return None
    if _RELATIVE.fullmatch(span.strip()):
        return (0, 0, (d.date() - base.date()).days)
    return (d.year, d.month, d.day)


_MONTH_NUMBER = {
    **{m: k for k, m in enumerate(_MONTHS, 1)},
    **{m[:3]: k for k, m in enumerate(_MONTHS, 1)},
    "sept": 9,
}
_PLAIN_YEAR = r"(?:,?\s+(?P<y>\d{4}))?"
_PLAIN_MD = re.compile(r"(?P<mon>[a-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?" + _PLAIN_YEAR, re.IGNORECASE)
_PLAIN_DM = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>[a-z]+)\.?" + _PLAIN_YEAR, re.IGNORECASE)
_PLAIN_MY = re.compile(r"(?P<mon>[a-z]+)\.?\s+(?P<y>\d{4})", re.IGNORECASE)
_PLAIN_NUMERIC = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})|(?P<m2>\d{1,2})/(?P<d2>\d{1,2})/(?P<y2>\d{4})")
_PLAIN_AGO = re.compile(r"(?P<n>a|an|[a-z]+|\d{1,5})\s+(?P<unit>day|week|month|year)s?\s+ago", re.IGNORECASE)
_PLAIN_NEXT = re.compile(r"(?P<dir>last|next)\s+(?P<what>[a-z]+)", re.IGNORECASE)
_BASE_YEAR = 2001
"""The year of the fixed day (1 January 2001, a Monday) that ``dateparser`` reads dates against."""


def _plain_date(span: str) -> tuple[int, int, int] | None:
    """What ``dateparser`` gives (``read_date``) for a span of a common plain form; ``None`` for other spans.

    Only forms whose reading is certain are handled: a valid day of a named month (a year from
    1000 on, or none: then the fixed day's year), a named month and year (its first day), and the
    relative days of ``_RELATIVE`` (days from the fixed day), and valid numeric dates with a
    four-digit year. Anything else (Feb 29 without a year, "March 32", "25/12/09") is left to
    ``dateparser``, which has its own ways with them.
    """
    text = span.strip()
    base = datetime.date(_BASE_YEAR, 1, 1)
    m = _PLAIN_MD.fullmatch(text) or _PLAIN_DM.fullmatch(text)
    if m:
        month, day = _MONTH_NUMBER.get(m.group("mon").lower()), int(m.group("d"))
        year = int(m.group("y")) if m.group("y") else _BASE_YEAR
        if month is None or year < 1000 or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return (year, month, day)
    m = _PLAIN_NUMERIC.fullmatch(text)
    if m:  # ISO (2009-03-05), or month first (3/5/2009) as dateparser reads English
        year, month, day = (int(m.group(k) or m.group(f"{k}2")) for k in ("y", "m", "d"))
        if year < 1000 or not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return (year, month, day)
    m = _PLAIN_MY.fullmatch(text)
    if m:
        month, year = _MONTH_NUMBER.get(m.group("mon").lower()), int(m.group("y"))
        return (year, month, 1) if month is not None and year >= 1000 else None
    m = _PLAIN_AGO.fullmatch(text)
    if m:
        raw, unit = m.group("n").lower(), m.group("unit").lower()
        words = {"a": 1, "an": 1, **{w: k for k, w in enumerate(_CARDINALS[:11])}}
        count = int(raw) if raw.isdigit() else words.get(raw, -1)
        if not 1 <= count <= 900:
            return None
        if unit in ("day", "week"):
            return (0, 0, -count * (7 if unit == "week" else 1))
        months = 12 * _BASE_YEAR - count * (12 if unit == "year" else 1)
        return (0, 0, (datetime.date(months // 12, months % 12 + 1, 1) - base).days)
    if text.lower() in ("yesterday", "today", "tomorrow"):
        return (0, 0, ("yesterday", "today", "tomorrow").index(text.lower()) - 1)
    m = _PLAIN_NEXT.fullmatch(text)
    if m:
        sign, what = (1 if m.group("dir").lower() == "next" else -1), m.group("what").lower()
        if what in _WEEKDAYS:  # the fixed day is a Monday
            ahead = _WEEKDAYS.index(what)
            return (0, 0, (ahead or 7) if sign > 0 else ahead - 7)
        if what == "week":
            return (0, 0, 7 * sign)
        if what in ("month", "year"):
            months = 12 * _BASE_YEAR + sign * (12 if what == "year" else 1)
            return (0, 0, (datetime.date(months // 12, months % 12 + 1, 1) - base).days)
    return None


_SIBILANT_PLURALS = (("sses", "ss"), ("xes", "x"), ("zzes", "zz"), ("ches", "ch"), ("shes", "sh"))
"""Plurals that add "es" after a hissing sound ("boxes", "churches", "losses"): the "es" goes."""


@lru_cache(maxsize=4096)
def _singular(word: str) -> str:
    """A counted word in the singular ("homes" -> "home", "boxes" -> "box", "houses" -> "house")."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl in _SIBILANT_PLURALS:
        if w.endswith(suffix) and len(w) >= len(suffix) + 2:
            return w[: -len(suffix)] + repl
    for suffix, repl in (("ies", "y"), ("ves", "f"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and not w.endswith("ss"):
            return w[: -len(suffix)] + repl
    return w


def _stem(word: str) -> str:
    return stem(word.lower())


_PLURALS = frozenset("people men women children police staff personnel troops cattle".split())


def _following(text: str, pos: int, limit: int = 2) -> list[str]:
    """Up to ``limit`` words right after ``pos`` that name what was counted.

    Stops at function words, and after a plural noun ("two sides agreed" names sides), so that a
    leading adjective is kept with its noun ("1,000 Ukrainian prisoners") but a verb is not.
    """
    out: list[str] = []
    for m in _WORD.finditer(text, pos):
        gap = text[pos : m.start()]
        designated = out and out[-1][0].isupper() and _DESIGNATION_GAP.fullmatch(gap)  # "six AK 47 rifles"
        if (gap.strip(" \t-") and not designated) or len(out) >= limit:
            break
        w = m.group()
        lw = w.lower()
        if lw in _UNIT_STOP or lw in _WEEKDAYS:
            break
        if out and (lw.endswith(("ed", "ing")) or out[-1].lower() in _PLURALS or out[-1].lower().endswith("s")):
            break
        out.append(w)
        pos = m.end()
    return out


_DESIGNATION_GAP = re.compile(r"[ \t]+\d{1,5}[ \t]+")
"""The number of a designation between a name's word and what is counted ("AK 47" in "six AK 47 rifles")."""
_WORD_BEFORE = re.compile(r"(?<![\w’'.-])(?P<w>[A-Z][A-Za-z]*)[ \t]$")
_NOT_DESIGNATING = frozenset(("no", "nos", *_WEEKDAYS, *_MONTH_WORDS))
"""Capitalised words before a number that do not make it a name's: "No. 7" aside, a date or a day."""
_CURRENCY_CODES = frozenset(
    "usd eur gbp jpy cny rmb inr rs aud cad hkd sgd nzd chf sek nok dkk krw rub uah ksh sh zar".split()
)
_MEASURES = frozenset(
    """
    km kilometer kilometre kilometers kilometres mile miles meter metre meters metres m ft feet foot yards
    kg kilogram kilograms ton tons tonne tonnes pound pounds degree degrees mph acre acres hectare hectares
    people persons
    """.split()
)
"""Words after a number that measure or count rather than name ("off Sumatra 150 kilometers west")."""


def _designation(text: str, m: re.Match[str]) -> Quantity | None:
    """The whole number ``m`` (in figures, nothing written after it) as a name's designation rather
    than a count, or None: right after a capitalised word inside a sentence, as in "Boeing 747 jets",
    "Apollo 11", "Chapter 11", "Windows 95" or "AK 47". A sentence's first word ("About 300", "Flight
    370"), a currency code ("Rs 500"), a month or a day, or a measure after it ("Sumatra 150
    kilometers") leave it a number. The designation's unit is the name's word as written."""
    start = m.start()
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    if before is None or not m.group("num").isdigit() or m.end() != m.end("num"):
        return None
    word = before.group("w")
    if word.lower() in _NOT_DESIGNATING or word.lower() in _CURRENCY_CODES:
        return None
    after = _WORD.match(text, m.end() + 1) if text[m.end() : m.end() + 1] in (" ", "\t") else None
    if after is not None and after.group().lower() in _MEASURES:
        return None
    if before.start() == 0 or _AFTER_SENTENCE_END.search(text, max(0, before.start() - 8), before.start()):
        return None
    return Quantity(float(m.group("num")), word, text[before.start() : m.end()], QuantityKind.DESIGNATION,
                    before.start(), m.end(), keys=frozenset({_stem(word)}))  # fmt: skip


def _approx_before(text: str, start: int) -> bool:
    return bool(_APPROX.search(text[max(0, start - 20) : start]))


_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_AFTER_SENTENCE_END = re.compile(r"[.!?“\"—:]\s*$")


def _digits_value(raw: str) -> tuple[float, int]:
    """The value of a numeral and its number of decimals ("1,2 million" has a decimal comma)."""
    clean = raw.replace(",", ".") if _DECIMAL_COMMA.fullmatch(raw) else raw.replace(",", "")
    decimals = len(clean.split(".")[1]) if "." in clean else 0
    return float(clean), decimals


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in taken)


_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=16)  # asked for by the pre-checks of one extraction (itself cached by text): a few suffice
def _words(text: str) -> frozenset[str] | None:
    """The runs of ASCII letters of ``text``, lower-cased; ``None`` when it holds one of ``FOLDS_TO_ASCII``.

    Cached for the few checks of the text being read, not for every text: a set of every text
    read would stay in memory for nothing, and the garbage collector walks each one at every
    full collection.

    Without those characters, a letter of an ``IGNORECASE`` pattern spelled in ASCII matches only
    an ASCII letter, and no other character lower-cases to one (see the tests), so the runs of
    ``[a-z]`` in ``text.lower()`` are the text's runs of ASCII letters. A word a pattern needs
    with no letter either side (``\bthird\b``, ``[- ]old\b``) is then one of these runs.

    When the words of ``lower_words`` (cached by text, and read by every feature anyway) are all
    ASCII letters, they are these runs: every ASCII letter lies inside a word, and words are
    apart. Otherwise the runs are read from the lower-cased text.
    """
    if not text.isascii() and any(c in text for c in FOLDS_TO_ASCII):  # (an ASCII text holds none)
        return None
    ws = lower_words(text)
    joined = "".join(ws)
    if joined.isascii() and joined.isalpha():
        return frozenset(ws)
    return frozenset(_LETTERS.findall(text.lower()))


def _may_contain(text: str, hints: frozenset[str], fast: bool = True) -> bool:
    """False only when ``text`` has none of the ``hints`` as a whole run of letters (so that no
    ``IGNORECASE`` pattern needing one of them, with no letter either side, can match); always
    True when not ``fast``."""
    if not fast:
        return True
    words = _words(text)
    return words is None or not hints.isdisjoint(words)


def _may_be_relative(text: str, fast: bool = True) -> bool:
    """False only when ``_RELATIVE`` surely matches nowhere in ``text`` (see ``_may_contain``).

    A match holds "ago", "yesterday", "today" or "tomorrow", or "last" / "next" with one of
    ``_RELATIVE_AFTER`` as a whole run of letters.
    """
    if not fast:
        return True
    words = _words(text)
    if words is None:
        return True
    if not _RELATIVE_WORDS.isdisjoint(words):
        return True
    return not _RELATIVE_TURNS.isdisjoint(words) and not _RELATIVE_AFTER.isdisjoint(words)


def _dates(text: str, taken: list[tuple[int, int]], fast: bool = True) -> list[Quantity]:
    out: list[Quantity] = []
    digits = _DIGIT.search(text) is not None  # calendar dates, times and years all have digits
    # a calendar date is numeric (with "/" or "-") or names a month
    calendar = digits and (not fast or _DIGIT_SEP.search(text) is not None or _may_contain(text, _MONTH_HINTS))
    for m in _CALENDAR.finditer(text) if calendar else ():
        span = m.group()
        if m.group("md") or m.group("dm"):
            day_given, year_given = True, bool(m.group("y1") or m.group("y2"))
        elif m.group("my"):
            day_given, year_given = False, True
        else:
            day_given = year_given = True
        first = span.split()[0].lower().rstrip(".")
        if first == "may" and m.group("md") and not text[m.start() : m.start() + 1].isupper():
            continue  # "may 5 people" is the verb
        parsed = _dateparse(span)
        if parsed is None:
            continue
        y, mo, d = parsed
        value = (y if year_given else 0) * 10000 + mo * 100 + (d if day_given else 0)
        out.append(Quantity(float(value), "date", span, QuantityKind.DATE, m.start(), m.end()))
        taken.append(m.span())
    for m in _MONTH_ALONE.finditer(text) if _may_contain(text, _MONTH_NAME_HINTS, fast) else ():
        if _overlaps(m.span("mon"), taken) or not m.group("mon")[0].isupper():
            continue
        month = _MONTH_NUMBER[m.group("mon").lower()]
        start, end = m.span("mon")
        out.append(Quantity(float(month * 100), "date", m.group("mon"), QuantityKind.DATE, start, end))
        taken.append((start, end))
    for m in _RELATIVE.finditer(text) if _may_be_relative(text, fast) else ():
        if _overlaps(m.span(), taken):
            continue
        parsed = _dateparse(m.group())
        if parsed is None:
            continue
        out.append(Quantity(float(parsed[2]), "relative day", m.group(), QuantityKind.DATE, m.start(), m.end()))
        taken.append(m.span())
    for m in _TIME.finditer(text) if digits and _may_contain(text, _TIME_HINTS, fast) else ():
        if _overlaps(m.span(), taken):
            continue
        if m.group("hm"):
            minutes = int(m.group("hm")[:2]) * 60 + int(m.group("hm")[2:])
        else:
            if not 1 <= int(m.group("h")) <= 12 or int(m.group("mi") or 0) > 59:
                continue  # "30pm" is no clock time
            hour = int(m.group("h")) % 12 + (12 if m.group("ap").lower().startswith("p") else 0)
            minutes = hour * 60 + int(m.group("mi") or 0)
        approx = _approx_before(text, m.start())
        out.append(Quantity(float(minutes), "time", m.group(), QuantityKind.DATE, m.start(), m.end(), approx))
        taken.append(m.span())
    for m in _WEEKDAY.finditer(text) if _may_contain(text, _WEEKDAY_HINTS, fast) else ():
        if _overlaps(m.span(), taken) or not m.group("wd")[0].isupper():
            continue
        wd = _WEEKDAYS.index(m.group("wd").lower()) + 1
        out.append(
            Quantity(float(wd), "weekday", m.group("wd"), QuantityKind.DATE, m.start(), m.start() + len(m.group("wd")))
        )
        taken.append(m.span())
    for m in _YEAR.finditer(text) if digits else ():
        if _overlaps(m.span(), taken):
            continue
        after = _following(text, m.end(), 1)
        if after and after[0].islower() and after[0].endswith("s") and text[m.end() : m.end() + 1] == " ":
            continue  # "2000 troops" is a count, not a year ("the 2002 study" is a year)
        out.append(Quantity(float(m.group("y")), "year", m.group("y"), QuantityKind.DATE, m.start(), m.end()))
        taken.append(m.span())
    return out


def _ages(text: str, taken: list[tuple[int, int]], fast: bool = True) -> list[Quantity]:
    out: list[Quantity] = []
    named = _AGE_NAMED_HINT.search(text) if fast else _DIGIT.search(text)
    for m in _AGE_NAMED.finditer(text) if named else ():
        n = int(m.group("n"))
        if n < 1 or n > 120:
            continue
        keys = frozenset({_stem(m.group("name"))})
        out.append(
            Quantity(
                float(n), "year old", f"{m.group('name')}, {n}", QuantityKind.AGE, m.start(), m.end("n"), keys=keys
            )
        )
        taken.append(m.span("n"))
    for m in _AGE_WORDS.finditer(text) if _may_contain(text, _AGE_HINTS, fast) else ():
        if _overlaps(m.span(), taken):
            continue
        for raw in (m.group("lo"), m.group("n") or m.group("n2"), m.group("hi")):
            if not raw:
                continue
            value = float(raw) if raw[0].isdigit() else words_value(raw)
            if value is not None:
                out.append(Quantity(value, "year old", m.group(), QuantityKind.AGE, m.start(), m.end()))
        taken.append(m.span())
    return out


def extract_quantities(text: str, *, fast: bool = True) -> list[Quantity]:
    """All quantities, ages and dates in ``text``, normalised (see ``_extract_quantities``).

    Cached by text: features and quote attribution both ask for every unit's quantities.
    ``fast=False`` runs every pattern, where the default skips those whose words (a month, "ago",
    "old", a number word...) the text lacks, and bypasses the cache: the same result, the plain
    path the tests compare the fast one with.
    """
    if not fast:
        return _extract_quantities(text, fast=False)
    return list(_cached_quantities(text))


@lru_cache(maxsize=65536)
def _cached_quantities(text: str) -> tuple[Quantity, ...]:
    return tuple(_extract_quantities(text))


def _extract_quantities(text: str, *, fast: bool = True) -> list[Quantity]:
    """All quantities, ages and dates in ``text``, normalised.

    Parameters
    ----------
    text:
        One unit's text.

    Returns
    -------
    list[Quantity]
        In order of appearance. Dates have ``kind="date"`` and unit ``"date"`` (value
        ``YYYYMMDD``, with 0 for a part not written), ``"weekday"`` (1 = Monday), ``"year"`` or
        ``"relative day"`` (days from the day of writing: ``"a week ago"`` is -7). Ages have
        ``kind="age"``, ranks in a series ``kind="ordinal"``. Other quantities have ``kind="number"``
        and a unit of measure (``"%"``, ``"dollar"``, ``"hour"``) or the word for what is counted
        (``"prisoner"``), or ``""``. Kinds are ``QuantityKind`` members (equal to those strings).
    """
    if fast and _DIGIT.search(text) is None and not _may_contain(text, _WORDS_NEEDED):
        return []  # no digit and none of the words: no pattern below can match (most units)
    taken: list[tuple[int, int]] = []
    out = _dates(text, taken, fast)
    out += _ages(text, taken, fast)
    numbers = _DIGIT.search(text) is not None or _may_contain(text, _NUMBER_HINTS, fast)  # digits or a number word
    for m in _NUMBER.finditer(text) if numbers else ():
        if _overlaps(m.span("num"), taken):
            continue
        q = _number(text, m)
        if q is not None:
            out.append(q)
            taken.append((q.start, q.end))
    out = _scaled_ranges(text, sorted(out, key=lambda q: q.start)) if len(out) > 1 else out
    for m in _ORDINAL_WORD.finditer(text) if _may_contain(text, _ORDINAL_HINTS, fast) else ():
        if _overlaps(m.span(), taken) or (m.group()[0].isupper() and m.start() > 0):
            continue
        value = ordinal_value(m.group())
        if value is None:
            continue
        rest = _following(text, m.end())
        keys = frozenset(_stem(w) for w in rest)
        unit = _singular(rest[-1]) if rest else ""
        out.append(Quantity(float(value), unit, m.group(), QuantityKind.ORDINAL, m.start(), m.end(), keys=keys))
    return sorted(out, key=lambda q: q.start)


_DECADE_END = re.compile(r"s(?![\w’'])")


def _decade(text: str, m: re.Match[str]) -> Quantity | None:
    """ "1950s" is the decade 1950 (a date); "50s" and "1955s" are no quantity read here ("in his
    50s" is an age, "the 50s" a decade or a temperature)."""
    raw = m.group("num")
    end = m.end("num")
    if len(raw) != 4 or not raw.endswith("0"):
        return None
    return Quantity(float(raw), "decade", text[m.start("num") : end + 1], QuantityKind.DATE, m.start("num"), end + 1)


_RANGE_GAP = re.compile(r"[ \t]*(?:-|–|to)[ \t]*")
_AND_GAP = re.compile(r"[ \t]+and[ \t]+")
_BETWEEN = re.compile(r"\bbetween[ \t]+(?:US\$|\$|€|£|¥)?$", re.IGNORECASE)
"""A range written "between $140 and $150 million" (``_AND_GAP`` follows its low end)."""
_SCALE_WRITTEN = re.compile(
    r"\d[ \t]*(?P<sfx>k|m|mn|bn|b|tn)\b|(?P<word>thousand|million|billion|trillion)\b", re.IGNORECASE
)


def _scaled_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """The low end of a range takes the high end's scale and unit: in "$140- $150 million",
    "140 to 150 million" and "between $140 and $150 million" the first number is millions too."""
    out = list(found)
    for k in range(len(out) - 1):
        lo, hi = out[k], out[k + 1]
        if lo.kind != QuantityKind.NUMBER or hi.kind != QuantityKind.NUMBER or _SCALE_WRITTEN.search(lo.text):
            continue
        scale = _SCALE_WRITTEN.search(hi.text)
        if scale is None or lo.unit not in ("", hi.unit):
            continue
        between = _BETWEEN.search(text, 0, lo.start) and _AND_GAP.fullmatch(text, lo.end, hi.start)
        if not (_RANGE_GAP.fullmatch(text, lo.end, hi.start) or between):
            continue
        word = scale.group("word")
        factor = _SCALES[word.lower()] if word else _SUFFIX_SCALES[scale.group("sfx").lower()]
        out[k] = Quantity(lo.value * factor, hi.unit, lo.text, QuantityKind.NUMBER, lo.start, lo.end, approx=lo.approx,
                          step=hi.step, keys=hi.keys)  # fmt: skip
    return out


def _number(text: str, m: re.Match[str]) -> Quantity | None:
    raw = m.group("num")
    start = m.start()
    if raw[0].isdigit() and not m.group("cur") and m.end() == m.end("num") and _DECADE_END.match(text, m.end()):
        return _decade(text, m)  # "1950s": nothing read after the digits but an "s"
    if raw[0].isdigit():
        designation = _designation(text, m)
        if designation is not None:
            return designation  # "Boeing 747 jets", "AK 47": a name's number, like "Air Force Two" below
        value, decimals = _digits_value(raw)
    elif raw.lower() in ("a", "an"):
        value, decimals = 1.0, 0
    else:
        if raw[0].isupper() and start > 0 and not _AFTER_SENTENCE_END.search(text[:start]):
            return None  # "Air Force Two", "Apollo Eleven": part of a name
        if all(w in _SCALES for w in raw.lower().split()):
            return None  # "million" alone: the end of a range ("140-150 million") whose numbers were not read
        v = words_value(raw)
        if v is None:
            return None
        value, decimals = v, 0
        if raw.lower() == "one" and not (m.group("scale") or m.group("hunit")):
            nxt = _following(text, m.end(), 1)
            if not nxt or _singular(nxt[0]) not in _TIME_UNITS:
                return None  # "one of the ...", "no one" are rarely quantities
    if m.group("frac"):
        value += _FRACTIONS[m.group("frac").strip()]
        decimals = max(decimals, 2)
    if m.group("ord"):
        rest = _following(text, m.end())
        return Quantity(value, _singular(rest[-1]) if rest else "", m.group(), QuantityKind.ORDINAL, start, m.end(),
                        keys=frozenset(_stem(w) for w in rest))  # fmt: skip
    scale = 1.0
    if m.group("sfx"):
        if not raw[0].isdigit():
            return None
        scale = _SUFFIX_SCALES[m.group("sfx").lower()]
    elif m.group("scale"):
        scale = 12.0 if m.group("scale").lower() == "dozen" else _SCALES[m.group("scale").lower()]
    value *= scale
    step = 10.0**-decimals * scale if (decimals or scale > 1) else 0.0
    if not step and (m.group("pct") or m.group("cur")):
        step = 1.0  # whole percentages and whole dollars are usually rounded ("17 percent" for 17.3)
    end = m.end()
    unit = ""
    keys: set[str] = set()
    if m.group("cur"):
        unit = _CURRENCIES[m.group("cur").lower()]
    if m.group("pct"):
        unit = "%"
    hunit = m.group("hunit")
    rest = _following(text, end)
    if hunit:
        unit = hunit.lower()
        keys.add(unit)
        keys.update(_stem(w) for w in rest)
    elif not unit and rest:
        first = _singular(rest[0])
        if first in _TIME_UNITS:
            unit = first
            keys.add(first)
            end = m.end() + text[m.end() :].index(rest[0]) + len(rest[0])
        elif first in _CURRENCY_WORDS:
            unit = _CURRENCY_WORDS[first]
            end = m.end() + text[m.end() :].index(rest[0]) + len(rest[0])
        else:
            unit = _singular(rest[-1])
            keys.update(_stem(w) for w in rest)
    elif rest:
        keys.update(_stem(w) for w in rest)
    if raw[0].isdigit() and not m.group("cur") and len(raw) == 4 and 1900 <= value <= 2100 and not unit.endswith("s"):
        if not (rest and rest[-1].lower().endswith("s")):
            return None  # a year: found as a date
    return Quantity(value, unit, text[start:end].strip(), QuantityKind.NUMBER, start, end,
                    approx=_approx_before(text, start), step=step, keys=frozenset(keys))  # fmt: skip


def written(text: str, q: Quantity) -> str:
    """A quantity as ``text`` writes it, with the words for what it counts ("200,000 homes").

    ``text`` is the text ``q`` was found in (``q.start``/``q.end`` index it). A count's
    ``q.text`` holds only the number, and its ``unit`` is the counted word made singular; this
    gives the words as written instead.
    """
    if text[q.start : q.end] != q.text or q.kind != QuantityKind.NUMBER or not q.unit or q.unit == "%":
        return q.text
    if q.unit in q.text.lower():
        return q.text
    rest = _following(text, q.end)
    if not rest or _singular(rest[-1]) != q.unit:
        return q.text
    end = q.end
    for w in rest:
        end = text.index(w, end) + len(w)
    return text[q.start : end]


def magnitude(q: Quantity) -> float:
    """The value on a common scale: durations in days, everything else as is."""
    factor = _TIME_UNITS.get(q.unit)
    return q.value * factor if factor and q.kind == QuantityKind.NUMBER else q.value


def magnitude_step(q: Quantity) -> float:
    """The rounding step of a quantity's writing on the scale of :func:`magnitude` (durations in days):
    what :func:`same_value` allows between two exact writings is half the larger of two such steps."""
    factor = _TIME_UNITS.get(q.unit)
    return q.step * factor if factor and q.kind == QuantityKind.NUMBER else q.step


def dimension(q: Quantity) -> str:
    """What the value measures, so that only like quantities are compared."""
    if q.kind == QuantityKind.DATE:
        return f"date:{q.unit}"
    if q.kind in (QuantityKind.AGE, QuantityKind.ORDINAL, QuantityKind.DESIGNATION):
        return str(q.kind)  # the plain string: dimensions are strings ("count", "date:weekday" ...)
    if q.unit in _TIME_UNITS:
        return "duration"
    if q.unit in ("%", *_CURRENCY_WORDS.values()):
        return f"number:{q.unit}"
    return "count"


def same_value(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities of one dimension state the same value, as far as their writing says.

    Exact writings must be equal; a rounded one (``"2.5 million"``) admits what rounds to it,
    within 5%; an estimate (``"about"``, ``"more than"``) admits 15% either way. Calendar dates
    compare only the parts both give (``"June 14"`` equals ``"June 14, 2024"``). Relative days
    (``"yesterday"``, ``"a week ago"``) count from each source's own day of writing, so one day
    apart is no conflict (``"yesterday"`` / ``"today"``; not ``"yesterday"`` / ``"tomorrow"``).
    """
    if a.kind == QuantityKind.DATE and a.unit == "date" and b.unit == "date":
        pa, pb = _date_parts(a.value), _date_parts(b.value)
        return all(x == y for x, y in zip(pa, pb, strict=True) if x and y)
    va, vb = magnitude(a), magnitude(b)
    if va == vb:
        return True
    if a.unit == b.unit == "time":
        return (a.approx or b.approx) and abs(va - vb) <= 30  # "about 3 p.m." admits 3:22 p.m.
    if a.unit == b.unit == "relative day":
        # counted from each article's own day of writing, unknown here: "yesterday" in a morning
        # paper is "today" in the evening's wire story, so one day apart is the same day
        return abs(va - vb) <= 1
    big = max(abs(va), abs(vb))
    if a.approx or b.approx:
        return abs(va - vb) <= 0.15 * big
    step = max(a.step, b.step)
    if a.kind == QuantityKind.NUMBER and a.unit in _TIME_UNITS:
        step = max(a.step * _TIME_UNITS[a.unit], b.step * _TIME_UNITS.get(b.unit, 1.0))
    return abs(va - vb) <= min(step / 2, 0.05 * big) + 1e-9 * big


def month_alone(q: Quantity) -> bool:
    """Whether a quantity is a month named without a day or a year ("in June"): a date to compare
    ("June" / "July" differ), too vague to say that two units state one fact."""
    return q.kind == QuantityKind.DATE and q.unit == "date" and q.value < 10000 and q.value % 100 == 0


def _date_parts(value: float) -> tuple[int, int, int]:
    v = int(value)
    return v // 10000, v // 100 % 100, v % 100


def describe(q: Quantity) -> str:
    """A short normalised reading of a quantity, for reports (``"1,000 prisoner"``, ``"2 hour"``)."""
    if q.kind == QuantityKind.DATE:
        if q.unit == "weekday":
            return _WEEKDAYS[int(q.value) - 1].title()
        if q.unit == "date":
            y, mo, d = _date_parts(q.value)
            parts = [_MONTHS[mo - 1].title() if mo else "", str(d) if d else "", str(y) if y else ""]
            return " ".join(p for p in parts if p)
        if q.unit == "time":
            return f"{int(q.value) // 60:02d}:{int(q.value) % 60:02d}"
        if q.unit == "relative day":
            days = int(q.value)
            return "today" if days == 0 else f"{abs(days)} day{'s' * (abs(days) != 1)} {'ago' if days < 0 else 'ahead'}"
        return f"{q.value:g}"
    value = f"{q.value:,.0f}" if q.value == int(q.value) else f"{q.value:,g}"
    prefix = "~" if q.approx else ""
    if q.kind == QuantityKind.ORDINAL:
        n = int(q.value)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} {q.unit}".strip()
    if q.kind == QuantityKind.AGE:
        return f"{prefix}age {value}"
    if q.kind == QuantityKind.DESIGNATION:
        return f"{q.unit} {q.value:g}"
    if q.unit == "%":
        return f"{prefix}{value}%"
    return f"{prefix}{value} {q.unit}".strip()
