"""Numbers and dates: found in real sentences, normalised so that equal values meet."""

from __future__ import annotations

import pytest

from compare.features.quantities import describe, dimension, extract_quantities, read_date, same_value


def quantities(text: str, kind: str | None = None) -> list:
    return [q for q in extract_quantities(text) if kind is None or q.kind == kind]


def only(text: str, kind: str | None = None):
    found = [q for q in quantities(text) if kind is None or kind in (q.kind, dimension(q))]
    assert len(found) == 1, found
    return found[0]


class TestSpelledOut:
    @pytest.mark.parametrize(
        "text",
        [
            "The two sides agreed to exchange 1,000 prisoners of war from each side.",
            "The two sides agreed to exchange one thousand prisoners of war.",
            "The two sides agreed to exchange 1k prisoners.",
            "The two sides agreed to exchange a thousand prisoners.",
            "The two sides agreed to exchange 1000 prisoners.",
        ],
    )
    def test_thousand_prisoners_in_any_writing_is_1000_prisoners(self, text):
        """ "1,000", "one thousand", "1k", "a thousand" and "1000" prisoners are one value of one thing."""
        q = next(q for q in quantities(text) if "prison" in q.keys)
        assert q.value == 1000
        assert q.unit == "prisoner"

    def test_compound_words_use_text2num(self):
        """ "twenty-five thousand people" is 25,000 people."""
        q = only("Police said twenty-five thousand people marched.", "number")
        assert (q.value, q.unit) == (25000, "people")

    def test_ordinal_word(self):
        """ "third phone call" is the ordinal 3 of phone calls."""
        q = only("After Trump’s third phone call with Putin since his inauguration, a pattern has emerged.", "ordinal")
        assert q.value == 3 and "call" in q.keys


class TestUnitsOfTime:
    def test_two_hour_call(self):
        """ "a two-hour call" is 2 hours, and "a 2-hour call" the same."""
        a = only("Putin doubled down following a two-hour call with President Trump.", "number")
        b = only("Putin doubled down following a 2-hour call with President Trump.", "number")
        assert (a.value, a.unit) == (2, "hour")
        assert same_value(a, b)

    def test_39_month_old_war_is_39_months_not_an_age(self):
        """ "his 39-month-old war" is a duration of 39 months, not a person's age."""
        q = only("Putin doubled down on not accepting a cease-fire in his 39-month-old war on Ukraine.")
        assert (q.kind, q.value, q.unit) == ("number", 39, "month")
        assert "war" in q.keys

    def test_durations_compare_across_units(self):
        """ "90 minutes" is not "two hours", but "120 minutes" is."""
        two_hours = only("a two-hour call", "number")
        assert not same_value(two_hours, only("a 90-minute call", "number"))
        assert same_value(two_hours, only("a 120-minute call", "number"))

    def test_more_than_three_years_is_an_estimate(self):
        """ "more than three years" is an estimate that 39 months fits."""
        est = only("met face-to-face for the first time in more than three years", "number")
        assert est.approx
        assert same_value(est, only("his 39-month-old war", "number"))


class TestAges:
    def test_name_comma_age(self):
        """ "Trump, 78," is the age 78 of Trump."""
        q = only("Trump, 78, put a happy spin on the call.", "age")
        assert q.value == 78 and q.keys == {"trump"}

    def test_year_old_epithet_equals_named_age(self):
        """ "The 78-year-old added" is the same age as "Trump, 78"."""
        a = only("Trump, 78, put a happy spin on the call.", "age")
        b = only("The 78-year-old added that he had relayed details of his talk with Putin.", "age")
        assert dimension(a) == dimension(b) == "age"
        assert same_value(a, b)

    def test_age_range(self):
        """ "aged 20 to 64" gives both ages (MRPC)."""
        ages = quantities(
            "Barrenas's team tested the hearing of 479 men, aged 20 to 64, who were exposed to noise.", "age"
        )
        assert sorted(q.value for q in ages) == [20, 64]


class TestMoneyAndShares:
    def test_dollar_sign_and_word_agree(self):
        """ "$2.5 billion" and "2.5 billion dollars" are one amount."""
        a = only("selling the chain to Safeway for $2.5 billion.", "number")
        b = only("selling the chain to Safeway for 2.5 billion dollars.", "number")
        assert a.unit == b.unit == "dollar"
        assert same_value(a, b)

    def test_hyphenated_scale(self):
        """ "a $70-million program" is 70 million dollars (MRPC)."""
        q = next(q for q in quantities("Bremer said he would launch a $70-million program.") if q.unit == "dollar")
        assert q.value == 70_000_000

    def test_percent_spellings(self):
        """ "8.8 per cent", "8.8 percent" and "8.8%" are one share."""
        vals = [only(t, "number") for t in ("rose 8.8 per cent", "rose 8.8 percent", "rose 8.8%")]
        assert all(v.unit == "%" for v in vals)
        assert same_value(vals[0], vals[1]) and same_value(vals[1], vals[2])

    def test_rounding_admits_what_rounds_to_it(self):
        """ "2.5 million" admits 2,470,000, but not 2.4 million; exact integers must be equal."""
        rounded = only("2.5 million jobs", "number")
        assert same_value(rounded, only("2,470,000 jobs", "number"))
        assert not same_value(rounded, only("2.4 million jobs", "number"))
        assert not same_value(only("1,000 prisoners", "number"), only("1,024 prisoners", "number"))

    def test_whole_percent_is_rounded(self):
        """ "17 percent" admits 17.3 percent (MRPC); 40 and 43 percent differ."""
        assert same_value(only("down $1.24, or 17 percent", "number:%"), only("or 17.3 percent.", "number:%"))
        assert not same_value(only("40 percent below", "number:%"), only("43 percent below", "number:%"))

    def test_decimal_comma(self):
        """ "1,2 million women" is 1.2 million (MRPC)."""
        q = only("Wyeth estimates that 1,2 million women are still taking Prempro pills.", "number")
        assert q.value == 1_200_000


class TestDates:
    def test_calendar_date_by_dateparser(self):
        """ "June 14, 2024" is 2024-06-14; without a year it still equals it."""
        full = only("Zakharova said Putin was committed to the plan he proposed on June 14, 2024,.", "date")
        assert describe(full) == "June 14 2024"
        assert same_value(full, only("the plan he proposed on June 14", "date"))
        assert not same_value(full, only("the plan he proposed on June 15, 2024", "date"))

    def test_relative_day(self):
        """ "a week ago" is 7 days before the day of writing, like "seven days ago"."""
        a = only("Just a week ago, European leaders were threatening Russia with major sanctions.", "date")
        assert (a.unit, a.value) == ("relative day", -7)
        assert same_value(a, only("seven days ago", "date"))

    def test_weekday(self):
        """ "Monday’s phone call" names Monday."""
        q = only("But the threats appeared more guarded after Monday’s phone call.", "date")
        assert (q.unit, q.value) == ("weekday", 1)

    def test_year(self):
        """ "in 2016" is a year, "2000 troops" a count."""
        assert only("President Barack Obama’s visit to Havana in 2016.").unit == "year"
        assert only("They sent 2000 troops.").kind == "number"

    def test_about_a_time(self):
        """ "about 3 p.m." admits 3:22 p.m.; "3 p.m." and "5 p.m." differ (MRPC)."""
        about = only("At about 3 p.m. on Friday, a relative called police.", "date:time")
        assert same_value(about, only("Two hours later, at 3:22 p.m., a relative contacted police.", "date:time"))
        assert not same_value(only("at 3 p.m.", "date:time"), only("at 5 p.m.", "date:time"))

    def test_times(self):
        """ "5 p.m." is 17:00."""
        times = [q for q in quantities("Early voting will run weekdays from 8 a.m. to 5 p.m.") if q.unit == "time"]
        assert [describe(q) for q in times] == ["08:00", "17:00"]


class TestPrechecks:
    @pytest.mark.parametrize("text", ["He came first.", "Talks on Mar. 5 failed.", "He is 42 years old.",
                                      "Two weeks ago.", "The third day.", "At 5 P.M. sharp.", "At 1200 GMT.",
                                      "On 12/25/2009.", "A dozen left.", "Talks on Monday’s agenda."])  # fmt: skip
    def test_texts_with_the_words_are_scanned(self, text):
        """A text holding a word a pattern needs (or a character that folds to one) finds its quantity."""
        assert extract_quantities(text)

    @pytest.mark.parametrize("span", ["March 5, 2009", "5 March 2009", "5th of March", "Sept. 11", "March 2009",
                                      "two weeks ago", "3 months ago", "a year ago", "yesterday", "last Friday",
                                      "next month", "2013-09-26", "12/25/2009"])  # fmt: skip
    def test_common_forms_skip_dateparser(self, span):
        """The common forms of news text are read without dateparser, and read as it reads them."""
        import dateparser

        def refuse(*args, **kwargs):
            raise AssertionError("dateparser was asked")

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(dateparser, "parse", refuse)
            plain = read_date(span)
        assert plain is not None
        assert plain == read_date(span, fast=False)


class TestNotNumbers:
    @pytest.mark.parametrize(
        "text",
        [
            "The leaders spoke about how our countries were allies during World War II.",
            "Vice President JD Vance told reporters on Air Force Two that the administration wanted peace.",
            "One of the more surprising elements to emerge from the call was talk of the Vatican.",
            "accused of lying about his association with 9/11 hijackers",
            "Stanford (46-15) plays South Carolina on Friday.",
        ],
    )
    def test_no_count_found(self, text):
        """Names with numbers, "one of", dates like 9/11 and scores are not counts."""
        assert quantities(text, "number") == []

    def test_may_the_verb_is_no_date(self):
        """ "May everything possible be done" has no date; "On May 5" has one."""
        assert quantities("May everything possible be done to reach an authentic, just and lasting peace.") == []
        assert only("On May 5 they met.", "date").value == 505


class TestDesignations:
    """A number right after a name's word inside a sentence names a thing rather than counting it."""

    @pytest.mark.parametrize(
        ("text", "name", "value", "count"),
        [
            ("Police seized six AK 47 rifles and ammunition.", "AK", 47, ("rifle", 6)),
            ("The airline ordered ten Boeing 747 jets last year.", "Boeing", 747, ("jet", 10)),
            ("The company filed for Chapter 11 protection on Monday.", "Chapter", 11, None),
        ],
    )
    def test_a_name_and_its_number(self, text, name, value, count):
        found = only(text, "designation")
        assert (found.unit, found.value, describe(found)) == (name, value, f"{name} {value}")
        counts = [(q.unit, q.value) for q in quantities(text, "number")]
        assert counts == ([count] if count else [])

    @pytest.mark.parametrize(
        "text",
        [
            "About 300 people were hurt in the blast.",  # the sentence's first word
            "The quake struck off Sumatra 150 kilometers west of the city.",  # a measure after it
            "Tickets cost Rs 500 each.",  # a currency code
            "They met on Friday 12 times over the year.",  # a day
        ],
    )
    def test_not_a_designation(self, text):
        assert quantities(text, "designation") == []


class TestMonthAlone:
    @pytest.mark.parametrize(
        ("text", "months"),
        [
            ("The strike began in March and ended in June.", [300, 600]),
            ("Prices have risen since mid-July.", [700]),
            ("They hope to meet by the end of May.", [500]),
            ("They may meet in May.", [500]),
            ("in may we trust", []),
            ("He trained at March Air Reserve Base.", []),
        ],
    )
    def test_a_month_without_day_or_year(self, text, months):
        assert [q.value for q in quantities(text, "date")] == months
        assert all(describe(q) in text for q in quantities(text, "date"))

    def test_a_month_of_a_year_is_left_to_the_year(self):
        assert [(q.unit, q.value) for q in quantities("Security was tightened in March of 1998.", "date")] == [
            ("year", 1998)
        ]


class TestClockTimes:
    @pytest.mark.parametrize(
        ("text", "minutes"),
        [
            ("Roads were reopened by 4.30pm on Saturday.", 990),  # British style
            ("The vote closes at 10:15 a.m. local time.", 615),
            ("The blast came at 1630 GMT.", 990),
        ],
    )
    def test_a_clock_time(self, text, minutes):
        assert [q.value for q in quantities(text, "date") if q.unit == "time"] == [minutes]

    def test_no_clock_time_past_twelve(self):
        assert [q for q in quantities("The shop opens at 13pm.", "date") if q.unit == "time"] == []
