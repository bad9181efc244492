"""Typed differences between units said to report the same fact, on real sentences."""

from __future__ import annotations

import pytest

from compare.classify import KINDS, classify, differences
from compare.features import extract
from compare.ingest import articles_from_texts
from compare.match import Match
from compare.model import Unit, Verdict

# Seeds: the same words given to different people (Washington Post A17, New York Post B0).
WAPO_ROOT = (
    "On Tuesday, Peskov repeated the long-standing Russian position that the conflict be settled by "
    "“eliminating the root causes,” language that effectively means the dismantling of Ukrainian "
    "sovereignty and installation of a pro-Russian regime."
)
NYPOST_ROOT = (
    "WASHINGTON — Russian President Vladimir Putin doubled down Monday on not accepting a cease-fire in his "
    "39-month-old war on Ukraine following a two-hour call with President Trump — saying that Moscow was not "
    "ready for peace until the “root cause” of the “crisis” is addressed."
)


def two_units(a: str, b: str) -> tuple[list[Unit], dict]:
    arts = articles_from_texts([a, b])
    units = [Unit(id=f"{x.id}0", source=x.id, index=0, start=0, end=len(x.text), text=x.text) for x in arts]
    return units, extract(arts, units)


def diff(a: str, b: str) -> list:
    units, feats = two_units(a, b)
    return differences(units, feats)


def kinds(a: str, b: str) -> set[str]:
    return {d.kind for d in diff(a, b)}


class TestShape:
    def test_every_difference_has_kind_values_and_one_line_detail(self):
        """Each difference names its kind, gives each source's value and one line of detail."""
        for d in diff(WAPO_ROOT, NYPOST_ROOT):
            assert d.kind in KINDS
            assert set(d.values) == {"A", "B"}
            assert d.detail and "\n" not in d.detail

    def test_verdict_differ_only_when_a_difference_holds(self):
        """classify() gives differ to a group with a difference and agree to one without."""
        arts = articles_from_texts(
            [
                "The two sides agreed to exchange 1,000 prisoners of war. Putin spoke after a two-hour call.",
                "The two sides agreed to exchange 2,000 prisoners of war. Putin spoke after a 2-hour call.",
            ]
        )
        from compare.segment import segment

        units = [u for a in arts for u in segment(a)]
        feats = extract(arts, units)
        by_id = {u.id: i for i, u in enumerate(units)}
        matches = [Match((by_id["A0"], by_id["B0"]), 90.0), Match((by_id["A1"], by_id["B1"]), 90.0)]
        groups = {g.units: g for g in classify(units, feats, matches)}
        assert groups[("A0", "B0")].verdict is Verdict.DIFFER
        assert groups[("A1", "B1")].verdict is Verdict.AGREE
        assert groups[("A1", "B1")].differences == ()


class TestNumbers:
    def test_changed_count(self):
        """1,000 prisoners in one source and 2,000 in the other is a number difference."""
        (d,) = diff(
            "The two sides agreed to exchange 1,000 prisoners of war.", "The two sides agreed to swap 2,000 prisoners."
        )
        assert d.kind == "number"
        assert "1,000" in d.values["A"] and "2,000" in d.values["B"]

    def test_equal_values_written_differently_are_no_difference(self):
        """ "1,000", "one thousand" and "1k" prisoners agree."""
        base = "The two sides agreed to exchange 1,000 prisoners of war from each side."
        for other in (
            "The two sides agreed to exchange one thousand prisoners of war.",
            "The two sides agreed to exchange 1k prisoners.",
        ):
            assert "number" not in kinds(base, other)

    def test_ages_written_two_ways_agree(self):
        """ "Trump, 78" and "the 78-year-old" agree; 78 and 79 do not."""
        assert "number" not in kinds(
            "Trump, 78, put a happy spin on the call.", "The 78-year-old put a happy spin on the call."
        )
        assert "number" in kinds(
            "Trump, 78, put a happy spin on the call.", "The 79-year-old put a happy spin on the call."
        )

    def test_ages_of_different_people_are_not_compared(self):
        """Zelensky's 47 and Trump's 78 are not one value."""
        assert "number" not in kinds(
            "Zelensky, 47, stressed that Ukraine is ready.", "Trump, 78, stressed that Ukraine is ready."
        )

    def test_counts_of_different_things_sharing_a_word(self):
        """ "3 pirate ships" and "26 Somali pirates" count different things (ECB+)."""
        a = "Navy's frigate INS Sukanya intercepted 3 pirate ships and seized arms from the pirates."
        b = "The Indian Navy thwarted an attack on merchant vessels, apprehending 26 Somali pirates."
        assert "number" not in kinds(a, b)

    def test_duration_equal_and_different(self):
        """A two-hour call equals a 2-hour call and differs from a 90-minute one."""
        assert "number" not in kinds(
            "Putin spoke after a two-hour call with Trump.", "Putin spoke after a 2-hour call with Trump."
        )
        assert "number" in kinds(
            "Putin spoke after a two-hour call with Trump.", "Putin spoke after a 90-minute call with Trump."
        )

    def test_duration_of_different_things_not_compared(self):
        """The 39-month-old war and a two-hour call are different quantities."""
        assert "number" not in kinds(NYPOST_ROOT, "The war has gone on for 39 months; the call took two hours.")

    def test_mrpc_changed_amount(self):
        """A changed dollar amount in an MRPC pair is a number difference."""
        a = "Yucaipa owned Dominick's before selling the chain to Safeway in 1998 for $2.5 billion."
        b = "Yucaipa bought Dominick's in 1995 for $693 million and sold it to Safeway for $1.8 billion in 1998."
        assert "number" in kinds(a, b)

    def test_mrpc_rounding_is_no_difference(self):
        """$1.5 million and $1,500,000 agree."""
        assert "number" not in kinds(
            "He has spent $1.5 million of his own money.", "He has spent $1,500,000 of his own money."
        )


class TestDates:
    def test_weekday(self):
        """Monday in one source, Tuesday in the other."""
        a = (
            "The statistical analysis was published Tuesday in Circulation, "
            "a journal of the American Heart Association."
        )
        b = "Their findings were published Monday in Circulation: The Journal of the American Heart Association."
        (d,) = [d for d in diff(a, b) if d.kind == "date"]
        assert d.values == {"A": "Tuesday", "B": "Monday"}

    def test_date_with_and_without_year_agree(self):
        """ "June 14, 2024" and "June 14" agree; "June 15, 2024" does not."""
        base = "Zakharova said Putin was committed to the plan he proposed on June 14, 2024."
        assert "date" not in kinds(base, "Zakharova said Putin was committed to the plan he proposed on June 14.")
        assert "date" in kinds(base, "Zakharova said Putin was committed to the plan he proposed on June 15, 2024.")

    def test_dates_of_different_events_not_compared(self):
        """Seeds A3/B0: "consternation ... Tuesday" and "doubled down Monday" date different things."""
        a = (
            "A phone call between President Donald Trump and Russian President Vladimir Putin shut down an effort to "
            "pressure Russia into an immediate ceasefire – much to the consternation of Ukraine and its European "
            "allies Tuesday."
        )
        assert "date" not in kinds(a, NYPOST_ROOT)

    def test_relative_days_one_day_apart_are_one_day(self):
        """ "yesterday" / "today" (MRPC): each counts from its own day of writing; two days apart conflict."""
        a = "Ten police officers were facing disciplinary action yesterday after they abandoned their patrol."
        b = "Ten police officers were facing disciplinary action today after they abandoned their patrol."
        c = "Ten police officers were facing disciplinary action tomorrow after they abandoned their patrol."
        assert "date" not in kinds(a, b)
        assert "date" in kinds(a, c)

    def test_the_day_it_was_said_is_not_the_day_of_what_was_said(self) -> None:
        """ "getting a glass of water early Saturday" / "she said in an interview Tuesday" (MRPC): two days of
        two things; two days of the same thing, or of the saying on both sides, still conflict."""
        heard = "Janet Racicot heard the thud from the kitchen, where she was getting a glass of water"
        a = f"{heard} early Saturday morning."
        b = f"{heard}, she said in an interview Tuesday."
        c = f"{heard} early Tuesday morning."
        assert "date" not in kinds(a, b)
        assert "date" in kinds(a, c)
        assert "date" in kinds(
            "The plant will close, the company said Monday.", "The plant will close, the company said Friday."
        )

    def test_clock_times_in_two_time_zones_are_not_compared(self) -> None:
        """ "until 7 p.m. EST Sunday" / "until 8am (AEST) today" (MRPC) may be one moment; in one zone, or with
        no zone on one side, two times conflict."""
        contest = "Three such attacks forced the organizer to extend the contest until"
        a = f"{contest} 7 p.m. EST Sunday."
        assert "date" not in kinds(a, f"{contest} 8am (AEST) today.")
        assert "date" in kinds(a, f"{contest} 9 p.m. EST Sunday.")
        assert "date" in kinds(a, f"{contest} 9 p.m. Sunday.")

    def test_relative_and_weekday_not_compared(self):
        """ "yesterday" and "Tuesday" cannot be compared without the day of writing."""
        assert "date" not in kinds("Trading in Loral was halted yesterday.", "Trading in Loral was halted Tuesday.")


class TestSpeaker:
    def test_root_causes_peskov_versus_putin(self):
        """The seeds' "root cause(s)": Peskov's in the Washington Post, Putin's in the New York Post."""
        (d,) = [d for d in diff(WAPO_ROOT, NYPOST_ROOT) if d.kind == "speaker"]
        assert "Peskov" in d.values["A"]
        assert d.values["B"] == "Vladimir Putin"
        assert "root cause" in d.detail

    def test_same_words_same_speaker_is_no_difference(self):
        """The same words given to the same person in two ways ("said X" / "X told") agree."""
        a = "“There is no time frame and can be none,” Kremlin spokesman Dmitry Peskov told journalists Tuesday."
        b = "“There is no time frame and can be none,” said Peskov."
        assert "speaker" not in kinds(a, b)

    def test_description_never_conflicts_with_a_name(self):
        """ "the Connecticut Democrat" may be Lieberman: no speaker difference (MRPC)."""
        a = '"By its actions, the Bush administration threatens to give a bad name to a just war," Lieberman said.'
        b = (
            '"By its actions, the Bush administration threatens to give a bad name to a just war," '
            "the Connecticut Democrat told a Capitol Hill news conference."
        )
        assert "speaker" not in kinds(a, b)

    def test_name_spelled_two_ways_is_one_speaker(self):
        """Sundwell and Sundwall are one person (MRPC)."""
        a = '"We had nothing to do with @Stake\'s internal personnel decision," Microsoft spokesman Sean Sundwell said.'
        b = '"Microsoft had absolutely nothing to do with AtStake\'s internal personnel decision," Sundwall said.'
        assert "speaker" not in kinds(a, b)


class TestQuote:
    def test_changed_words_shown(self):
        """A changed word inside the same quotation is a quote difference naming the words."""
        a = "“We will not be prepared to continue tolerating Russia’s actions,” Pistorius said."
        b = "“We will not be prepared to keep tolerating Russia’s actions,” Pistorius said."
        (d,) = [d for d in diff(a, b) if d.kind == "quote"]
        assert "continue -> keep" in d.detail

    def test_verbatim_and_contraction_agree(self):
        """ "It’s not our war" and "it is not our war" are one wording."""
        assert "quote" not in kinds("“It’s not our war,” Vance said.", "“It is not our war,” Vance said.")

    def test_two_spellings_of_a_possessive_agree(self):
        """ "the princess's" and "the princess'" are one wording; "the princes'" is another word."""
        a = "“The princess's marriage was not set up by force,” Ionescu said."
        assert "quote" not in kinds(a, "“The princess' marriage was not set up by force,” Ionescu said.")
        assert "quote" in kinds(a, "“The princes' marriage was not set up by force,” Ionescu said.")

    def test_shorter_excerpt_is_not_a_change(self):
        """Quoting less of the same words is not a changed quotation."""
        a = "“It is important not to dilute this proposal,” Zelensky wrote on X."
        b = (
            "“It is important not to dilute this proposal. If the Russians are not ready to stop the killings, "
            "there must be stronger sanctions,” Zelensky wrote."
        )
        assert "quote" not in kinds(a, b)


class TestHedge:
    def test_may_versus_plain(self):
        """ "may be stepping away" against "is stepping away" is a hedge difference."""
        (d,) = [
            d
            for d in diff("Trump may be stepping away from the talks.", "Trump is stepping away from the talks.")
            if d.kind == "hedge"
        ]
        assert d.values == {"A": "may", "B": "(no hedge)"}

    def test_widely_seen_as(self):
        """ "is widely seen as" hedges a claim the other source states."""
        a = "Putin is widely seen as being convinced that Russia has the upper hand in the war."
        b = "Putin is convinced that Russia has the upper hand in the war."
        assert "hedge" in kinds(a, b)

    def test_both_hedged_agree(self):
        """Two hedges ("may", "could") are no difference."""
        assert "hedge" not in kinds(
            "Trump may be stepping away from the talks.", "Trump could be stepping away from the talks."
        )

    @pytest.mark.parametrize(
        "forecast",
        ["The storm is forecast to make landfall on Thursday.", "The storm is predicted to make landfall on Thursday.",
         "Forecasters predicted that the storm would make landfall on Thursday."],
    )  # fmt: skip
    def test_a_forecast_is_no_plain_statement(self, forecast: str) -> None:
        """ "is expected to" against "is forecast to" (or "predicted that") is no hedge difference: neither
        states the landfall as a fact; against "will make landfall" it still is one."""
        expected = "The storm is expected to make landfall on Thursday."
        assert "hedge" not in kinds(expected, forecast)
        assert "hedge" in kinds(expected, "The storm will make landfall on Thursday.")

    @pytest.mark.parametrize(
        ("a", "b", "hedged"),
        [
            pytest.param(
                "Sarah Weddington, the lawyer who represented McCorvey, could not be reached for comment.",
                "Sarah Weddington, the lawyer who represented McCorvey, did not return a call for comment.",
                False,
                id="could-not-is-an-inability",
            ),
            pytest.param(
                "Malvo was brought into the courtroom for two minutes Monday so a witness could identify him.",
                "Malvo was brought into the courtroom for two minutes Monday to allow a witness to identify him.",
                False,
                id="so-could-is-a-purpose",
            ),
            pytest.param(
                "Like Viacom, GE is also seen as a less enthusiastic bidder compared with Bronfman.",
                "Like Viacom, General Electric is seen as a less enthusiastic bidder compared with Bronfman.",
                False,
                id="is-also-seen-as-and-seen-as",
            ),
            pytest.param(
                "Like Viacom, GE is also seen as a less enthusiastic bidder compared with Bronfman.",
                "Like Viacom, General Electric is a less enthusiastic bidder compared with Bronfman.",
                True,
                id="is-also-seen-as-against-plain",
            ),
            pytest.param(
                "Palm expects to move Handspring's employees to its headquarters in Milpitas.",
                "Handspring employees are expected to move to the headquarters in Milpitas.",
                False,
                id="expects-to-and-are-expected-to",
            ),
            pytest.param(
                "The two men were allegedly trying to engage Russian exiles in Britain in the plot.",
                "The informant alleged that the two men were trying to engage Russian exiles in Britain in the plot.",
                False,
                id="allegedly-and-alleged-that",
            ),
            pytest.param(
                "Under the bill, a physician who performs the procedure could face up to two years in prison.",
                "Under the bill, a physician who performs the procedure would face up to two years in prison.",
                False,
                id="could-against-would",
            ),
            pytest.param(
                "Under the bill, a physician who performs the procedure could face up to two years in prison.",
                "Under the bill, a physician who performs the procedure faces up to two years in prison.",
                True,
                id="could-against-plain",
            ),
            pytest.param(
                "Prosecutors said Paracha, if convicted, could face at least 17 years in prison.",
                "Paracha faces at least 17 years in prison if convicted, prosecutors said.",
                False,
                id="one-condition-in-both",
            ),
        ],
    )
    def test_what_hedges_and_what_does_not(self, a, b, hedged):
        """An inability ("could not be reached") and a purpose ("so a witness could") hedge nothing;
        "is also seen as" / "seen as", "expects to" / "are expected to", "allegedly" / "alleged that"
        hedge alike; "could face" against "would face", or two clauses under one "if", is no hedge,
        against a plain "faces" with no condition it is."""
        assert ("hedge" in kinds(a, b)) is hedged

    def test_hedge_inside_a_shared_quotation_is_a_change_of_wording(self):
        """A hedge inside a quotation both units give is the quote difference, not a hedge difference."""
        a = "“We put a lot of energy into patching, probably later than we should have,” he said."
        b = "“We put a lot of energy into patching, later than we should have,” he said."
        assert kinds(a, b) == {"quote"}


OPPOSITES = {"turned down": "accepted", "ruled out": "backed", "threw out": "upheld", "dismissed": "confirmed",
             "brushed off": "admitted", "rebuffed": "accepted"}  # fmt: skip
"""A rejection in other words and a verb that affirms instead (``test_rejecting_in_other_words_agrees``)."""


class TestNegation:
    def test_did_not_versus_did(self):
        """One source says Russia did not declare a ceasefire, the other that it did."""
        (d,) = [
            d
            for d in diff("Russia did not declare a ceasefire.", "Russia declared a ceasefire.")
            if d.kind == "negation"
        ]
        assert d.values == {"A": "negated (not)", "B": "affirmed"}

    def test_two_negations_that_cancel_deny_nothing(self) -> None:
        """ "could not secede without an amendment" says it could only with one (DUC summaries); a single
        "not" still denies."""
        a = "Chretien said Quebec could only secede through an amendment of the Canadian Constitution."
        b = "Chretien said Quebec could not secede without an amendment of the Canadian Constitution."
        c = "Chretien said Quebec could not secede through an amendment of the Canadian Constitution."
        assert "negation" not in kinds(a, b)
        assert "negation" in kinds(a, c)

    def test_both_negated_differently_agree(self):
        """ "did not accept" and "refused to accept" both deny."""
        assert "negation" not in kinds("Putin did not accept a ceasefire.", "Putin refused to accept a ceasefire.")

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("Putin rejected the proposal on Monday.", "Putin turned down the proposal on Monday."),
            ("He rejected a ceasefire on Monday.", "He ruled out a ceasefire on Monday."),
            ("The court rejected the appeal.", "The court threw out the appeal."),
            ("The minister denied the report on Monday.", "The minister dismissed the report on Monday."),
            ("The company denied the claims.", "The company brushed off the claims."),
            ("Putin rejected the offer on Monday.", "Putin rebuffed the offer on Monday."),
        ],
    )
    def test_rejecting_in_other_words_agrees(self, a: str, b: str) -> None:
        """ "rejected" and "turned down" (or "ruled out", "threw out", "dismissed") both deny: no
        negation between them, while "accepted" against "rejected" still is one."""
        assert "negation" not in kinds(a, b)
        assert "negation" not in kinds(b, a)
        affirmed = b
        for rejecting, accepting in OPPOSITES.items():
            affirmed = affirmed.replace(f" {rejecting} ", f" {accepting} ")
        assert affirmed != b and "negation" in kinds(a, affirmed)

    @pytest.mark.parametrize(
        ("a", "b"),
        [("Putin accepted the proposal on Monday.", "Putin turned down the proposal on Monday."),
         ("He backed a ceasefire on Monday.", "He ruled out a ceasefire on Monday."),
         ("Putin accepted the offer on Monday.", "Putin rebuffed the offer on Monday."),
         ("The president signed the bill on Friday.", "The president vetoed the bill on Friday.")],
    )  # fmt: skip
    def test_a_phrasal_rejection_denies(self, a: str, b: str) -> None:
        """ "turned down" / "ruled out" (or "rebuffed", "vetoed") against a plain statement of the same
        clause is a negation."""
        (d,) = [d for d in diff(a, b) if d.kind == "negation"]
        assert d.values["A"] == "affirmed" and d.values["B"].startswith("negated (")

    def test_falling_revenue_is_no_negation(self):
        """ "revenue declined to $36.9 billion" denies nothing (MRPC)."""
        a = (
            "Third-quarter revenue declined to $36.9 billion from $39.3 billion, "
            "primarily reflecting lower vehicle sales."
        )
        b = "Revenue fell to $36.9bn from $39.3bn a year ago, mainly due to lower vehicle sales."
        assert kinds(a, b) == set()

    def test_negation_elsewhere_in_the_sentence_is_no_difference(self):
        """A negation bearing on words the other source lacks is not flagged."""
        a = "Hong Kong has not seen such a protest since hundreds of thousands marched over the 1989 massacre."
        b = "It was the biggest protest since hundreds of thousands marched over the massacre in 1989."
        assert "negation" not in kinds(a, b)


class TestKindsThatNeedOneStatement:
    """Ordinals, hedges and negations count only between units close to one statement (``SAME_STATEMENT``):
    units of one event that say different things are no denial of each other (ECB+ sentences)."""

    def test_different_statements_about_one_event(self):
        a = "DiLeo has never been an NBA coach."
        b = "Cheeks would become the fifth NBA coach fired this season, along with Eddie Jordan (Washington)."
        assert "negation" not in kinds(a, b)

    def test_different_statements_hedged(self):
        """Two statements of one story, one with "could not be used": no hedge. The fact model scores
        this pair 51.0, above SAME_STATEMENT, so the one-statement gate alone would let a hedge count
        (an expected failure until session 8); "could not" is an inability, not a hedge."""
        a = (
            "Though the polar bear deserves protection, the Endangered Species Act is not the means and the "
            "Fish and Wildlife Service is not the agency to arrest global warming."
        )
        b = (
            "In addition, the regulations say the law could not be used to protect polar bears, walrus, "
            "mountain frogs and other species vulnerable to the effects of global warming."
        )
        assert "hedge" not in kinds(a, b)

    def test_one_statement_denied(self):
        a = "Gary Ross in negotiations to direct 'Hunger Games' sequel 'Catching Fire'"
        b = "Gary Ross Won't Direct 'Hunger Games' Sequel"
        (d,) = [d for d in diff(a, b) if d.kind == "negation"]
        assert d.values == {"A": "affirmed", "B": "negated (won't)"}

    def test_ordinals_of_one_statement_conflict(self):
        """ "in the sixth round" / "in the fifth round" of one statement is a number difference."""
        a, b = "Klitschko stopped Thompson in the sixth round.", "Klitschko stopped Thompson in the fifth round."
        (d,) = [d for d in diff(a, b) if d.kind == "number"]
        assert d.detail.startswith("which:")

    def test_ordinals_of_different_statements_do_not(self):
        """Two rounds of one fight described by two outlets are no conflict (ECB+)."""
        a = (
            "Rahman looked reinvigorated in the fourth round, using his whole torso to make ambitious attacks, "
            "often connecting with Klitschko's body."
        )
        b = (
            "Wladimir Klitschko retained three heavyweight title belts by scoring a dominant seventh-round "
            "technical knockout of Hasim Rahman."
        )
        assert "number" not in kinds(a, b)

    def test_the_level_is_the_matchers_similarity(self):
        """The gate is ``similarity`` itself: a pair just below the level loses its difference."""
        from compare import similarity
        from compare.classify import SAME_STATEMENT

        a, b = "Russia did not declare a ceasefire.", "Russia declared a ceasefire."
        assert similarity(a, b) >= SAME_STATEMENT and "negation" in kinds(a, b)
        a, b = "DiLeo has never been an NBA coach.", "Cheeks is the fifth NBA coach fired this season."
        assert similarity(a, b) < SAME_STATEMENT and "negation" not in kinds(a, b)


class TestEntity:
    def test_place_in_same_role(self):
        """Talks in Istanbul against talks in Geneva is an entity difference."""
        (d,) = [
            d
            for d in diff("Officials met in Istanbul on Friday.", "Officials met in Geneva on Friday.")
            if d.kind == "entity"
        ]
        assert d.values == {"A": "Istanbul", "B": "Geneva"}

    def test_spelling_variants_are_one_place(self):
        """ "Falluja" and "Al-Fallujah" are one place (MRPC)."""
        a = "In Falluja on Thursday, two grenades were thrown at soldiers, wounding seven."
        b = "In Al-Fallujah, two grenades were thrown Thursday at soldiers, wounding seven."
        assert "entity" not in kinds(a, b)
