"""numbers: quantities, ages and dates, normalised so that equal values meet."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.features.quantities import extract_quantities


def values(text: str) -> list[tuple[float, str, str]]:
    """``(value, unit, kind)`` of each quantity found."""
    return [(q.value, q.unit, q.kind) for q in extract_quantities(text)]


PLAIN_YEAR = re.compile(r"(?<![\w$€£.,-])(?P<y>1[89]\d\d|20\d\d)(?![\w%-]|,\d|\.\d)")
"""Years as first written: the character before the digits tested first."""
YEAR_PIECES = ["1999", "2008", "2100", "1799", "19999", "-1999", "x2008", "2008x", "é1999", "_2008", "٣1999",
               "1999٣", "$2008", "€1999", "£2008", "¥2008", ".2008", ",1999", "2008,5", "2008.5", "2008,", "2008.",
               "1999%", "2008-", "(2008)", "’1999", "x", "\n"]  # fmt: skip
"""Pieces (joined by spaces, so that no date or time forms) around which a year may or may not stand."""


class TestNumbers:
    @pytest.mark.parametrize(
        "text",
        ["1,000 prisoners", "1000 prisoners", "one thousand prisoners", "1k prisoners"],
    )
    def test_spellings_of_a_thousand_meet(self, text: str) -> None:
        """Digits with or without commas, number words and "k" give the same value and unit."""
        assert values(f"They freed {text}.") == [(1000.0, "prisoner", "number")]

    def test_compound_number_words(self) -> None:
        """ "twenty-five" is 25."""
        assert values("twenty-five soldiers") == [(25.0, "soldier", "number")]

    def test_scale_words(self) -> None:
        """ "3.5 million" is 3,500,000."""
        assert values("3.5 million people") == [(3_500_000.0, "people", "number")]

    def test_hyphenated_measure(self) -> None:
        """ "a two-hour call" is 2 hours; "39-month-old war" is 39 months."""
        assert values("a two-hour call") == [(2.0, "hour", "number")]
        assert values("his 39-month-old war") == [(39.0, "month", "number")]

    @pytest.mark.parametrize("text", ["5%", "5 percent", "5 per cent", "five percent"])
    def test_percent_spellings_meet(self, text: str) -> None:
        """ "%", "percent" and "per cent" all give the unit "%"."""
        assert values(f"Prices rose {text} last year.")[0][:2] == (5.0, "%")

    def test_percent_text_ends_at_the_sign(self) -> None:
        """The written form of a percentage does not run into the next word."""
        (q,) = extract_quantities("Turnout was 62% of voters.")
        assert q.text == "62%"

    @pytest.mark.parametrize(
        ("one", "many"),
        [("1 home", "2 homes"), ("1 minute", "5 minutes"), ("1 casualty", "9 casualties"), ("1 box", "3 boxes")],
    )
    def test_singular_and_plural_units_meet(self, one: str, many: str) -> None:
        """A unit of measure is the same word in the singular and the plural."""
        assert values(one)[0][1] == values(many)[0][1]

    def test_one_of_is_not_a_quantity(self) -> None:
        """ "one of the" is not counted as a quantity."""
        assert values("It was one of the worst storms.") == []

    def test_order_of_appearance_for_plain_numbers(self) -> None:
        """Several numbers come out in the order written."""
        assert [v for v, _, _ in values("They sent 12 trucks and 40 buses.")] == [12.0, 40.0]


class TestRangesAndDecades:
    """Misreadings found on ECB+ development articles, each of which made a false difference."""

    @pytest.mark.parametrize(
        "text", ["$140- $150 million", "$140-$150 million", "$140 to $150 million", "between $140 and $150 million"]
    )
    def test_a_range_shares_its_scale(self, text: str) -> None:
        """ "$140- $150 million" is $140 million to $150 million, not $140 and $150 million."""
        assert values(f"The Orioles offered {text}.") == [(140e6, "dollar", "number"), (150e6, "dollar", "number")]

    def test_a_range_shares_what_it_counts(self) -> None:
        assert values("between 140 to 150 million people") == [(140e6, "people", "number"), (150e6, "people", "number")]

    def test_a_scale_word_alone_is_no_number(self) -> None:
        """ "140-150 million" (numbers joined like a score, not read) does not give "million" = 1,000,000."""
        assert values("seven years, 140-150 million") == [(7.0, "year", "number")]

    def test_dollar_prefix_us(self) -> None:
        """ "$US1 million" is one million dollars (Australian style), like "US$1 million"."""
        assert values("estimated at $US1 million") == [(1e6, "dollar", "number")]
        assert values("estimated at US$1 million") == [(1e6, "dollar", "number")]

    def test_decades_are_dates(self) -> None:
        """ "the 1940s and 1950s" are two decades, not 1,940 and 1,950 of something called "s"."""
        assert values("musicals of the 1940s and 1950s") == [(1940.0, "decade", "date"), (1950.0, "decade", "date")]
        assert values("a 1990s hit") == [(1990.0, "decade", "date")]

    def test_two_digit_decades_are_not_read(self) -> None:
        """ "in the 50s" may be a decade, an age or a temperature: no quantity."""
        assert values("She starred in films in the 50s.") == []


class TestAgesAndDates:
    def test_age_forms_meet(self) -> None:
        """ "the 78-year-old" and "Trump, 78," both give the age 78."""
        assert values("the 78-year-old said") == [(78.0, "year old", "age")]
        assert values("Trump, 78, said") == [(78.0, "year old", "age")]

    def test_calendar_date(self) -> None:
        """ "May 19, 2025" is a date with value YYYYMMDD."""
        assert values("on May 19, 2025") == [(20250519.0, "date", "date")]

    def test_date_without_year(self) -> None:
        """ "Sept. 3" is a date with value MMDD."""
        assert values("on Sept. 3 officials met") == [(903.0, "date", "date")]

    def test_weekday(self) -> None:
        """Weekdays are dates numbered from Monday = 1."""
        assert values("on Monday and Friday") == [(1.0, "weekday", "date"), (5.0, "weekday", "date")]

    def test_year(self) -> None:
        """A four-digit year alone is a date, not a count."""
        assert values("since 2014") == [(2014.0, "year", "date")]

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(YEAR_PIECES), max_size=10).map(" ".join))
    def test_years_where_the_plain_pattern_finds_them(self, text: str) -> None:
        """Years are read where the plain pattern (the character before tested first) finds them;
        the library tests it after the digits, which lets ``re`` skip ahead (the same matches)."""
        plain = [m.span() for m in PLAIN_YEAR.finditer(text)]
        for fast in (True, False):
            assert [(q.start, q.end) for q in extract_quantities(text, fast=fast) if q.unit == "year"] == plain

    def test_may_the_verb_is_not_a_date(self) -> None:
        """ "may" as a verb is not the month."""
        assert values("Talks may resume.") == []
