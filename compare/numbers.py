"""Find the quantities and dates a unit mentions, normalised so that equal values meet.

``"1,000"``, ``"1000"``, ``"one thousand"`` and ``"1k"`` are all 1000; ``"a two-hour call"`` is
2 hours; ``"39-month-old war"`` is 39 months; ``"Trump, 78"`` and ``"the 78-year-old"`` are the
age 78. Weekdays and calendar dates are kept as dates.
"""

from __future__ import annotations

import re

from compare.model import Quantity

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}

_NUMWORD = "|".join(sorted(_SMALL, key=len, reverse=True))
_NUMBER = re.compile(
    rf"""(?<![\w.])
    (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?
      |(?:{_NUMWORD})(?:[\s-]+(?:{_NUMWORD}))*)
    (?:\s*(?P<scale>hundred|thousand|million|billion|trillion|bn|k|m)\b)?
    (?P<pct>\s*(?:%|(?:percent|per\s+cent)\b))?
    (?:[\s-]+(?P<unit>[a-z]+)(?:-(?P<unit2>[a-z]+))?)?""",
    re.IGNORECASE | re.VERBOSE,
)
_DATE = re.compile(
    rf"\b(?P<month>{'|'.join(_MONTHS)}|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?)"
    rf"\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b"
    rf"|\b(?P<weekday>{'|'.join(_WEEKDAYS)})\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"(?:^|[^\w])(?P<n>\d{1,3})-year-old\b|[A-Z][a-z]+,\s+(?P<n2>\d{1,3}),")
_UNIT_STOP = frozenset("of and or the a an to in on at for by from with that than as is was".split())


def _word_value(s: str) -> float | None:
    total = 0.0
    for part in re.split(r"[\s-]+", s.lower()):
        if part in _SMALL:
            total += _SMALL[part]
        elif part:
            return None
    return total


def _plain(word: str) -> str:
    """Singular of a unit word, so that "1 home" and "2 homes" share a unit ("homes" -> "home")."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def extract_quantities(text: str) -> list[Quantity]:
    """All quantities, ages and dates in ``text``, normalised.

    Parameters
    ----------
    text:
        One unit's text.

    Returns
    -------
    list[Quantity]
        In order of appearance; dates have ``kind="date"`` and a value of ``MMDD`` (``YYYYMMDD``
        when the year is given) or the weekday number (1 = Monday) with unit ``"weekday"``.
    """
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        if m.group("weekday"):
            wd = m.group("weekday").lower()
            out.append(Quantity(float(_WEEKDAYS.index(wd) + 1), "weekday", m.group(), "date"))
        else:
            mon = m.group("month").lower().rstrip(".")
            month = _MONTHS.index(mon) + 1 if mon in _MONTHS else _MONTH_ABBR[mon[:4] if mon == "sept" else mon[:3]]
            if mon == "may" and not m.group("day"):
                continue
            day = int(m.group("day"))
            year = int(m.group("year")) if m.group("year") else 0
            out.append(Quantity(float(year * 10000 + month * 100 + day), "date", m.group(), "date"))
        taken.append(m.span())
    for m in _AGE.finditer(text):
        n = m.group("n") or m.group("n2")
        span = m.span("n") if m.group("n") else m.span("n2")
        out.append(Quantity(float(n), "year old", m.group().strip(" ,"), "age"))
        taken.append(span)
    for m in _NUMBER.finditer(text):
        if any(s <= m.start("num") < e for s, e in taken):
            continue
        raw = m.group("num")
        if raw[0].isdigit():
            value = float(raw.replace(",", ""))
        else:
            v = _word_value(raw)
            if v is None:
                continue
            value = v
            if raw.lower() == "one" and not m.group("scale"):
                continue  # "one of the ..." is rarely a quantity
        scale = (m.group("scale") or "").lower()
        value *= _SCALE.get(scale, 1)
        unit = ""
        if m.group("pct"):
            unit = "%"
        elif m.group("unit") and m.group("unit").lower() not in _UNIT_STOP:
            unit = _plain(m.group("unit"))
            if unit in ("year", "month", "week", "day", "hour") and m.group("unit2") == "old":
                pass
        if raw[0].isdigit() and len(raw) == 4 and 1900 <= value <= 2100 and not unit:
            out.append(Quantity(value, "year", m.group().strip(), "date"))
            continue
        end = m.end("pct") if m.group("pct") else m.end() if unit else m.end("num") if not scale else m.end("scale")
        out.append(Quantity(value, unit, text[m.start() : end].strip(), "number"))
    return out
