"""Verdicts judge the fact: another name in the same place of a sentence, opposite words, and negations
that deny nothing, through ``compare_texts`` (two one-sentence sources, as a reader would give them)."""

from __future__ import annotations

import pytest

from compare import compare_texts
from compare.classify import differences
from compare.features import extract
from compare.ingest import articles_from_texts
from compare.model import Unit
from compare.text.lexicon import ANTONYMS, CONTRASTS, REGIONS


def matched(a: str, b: str) -> list[dict]:
    """The matched groups (``agree`` / ``differ``) of two one-sentence sources; the pair must match."""
    groups = [g for g in compare_texts([a, b]).to_dict()["groups"] if g["verdict"] != "only"]
    assert groups, "the two sentences should be matched"
    return groups


def found(a: str, b: str) -> list[dict]:
    """Every difference of the matched groups of two sentences."""
    return [d for g in matched(a, b) for d in g["differences"]]


def of_kind(a: str, b: str, kind: str) -> list[dict]:
    return [d for d in found(a, b) if d["kind"] == kind]


def group_kinds(a: str, b: str) -> set[str]:
    """The kinds of difference between two sentences put in one group (``classify.differences``)."""
    arts = articles_from_texts([a, b])
    units = [Unit(id=f"{x.id}0", source=x.id, index=0, start=0, end=len(x.text), text=x.text) for x in arts]
    return {d.kind for d in differences(units, extract(arts, units))}


class TestEntity:
    @pytest.mark.parametrize(
        ("a", "b", "values"),
        [
            (
                "Officials gathered outside the London Russian embassy on Monday to protest the arrests.",
                "Officials gathered outside the Moscow Russian embassy on Monday to protest the arrests.",
                ("London", "Moscow"),
            ),
            (
                "Reuters reported on Friday that the finance minister had resigned after the vote.",
                "AP reported on Friday that the finance minister had resigned after the vote.",
                ("Reuters", "AP"),
            ),
            (
                "Smith was arrested on Friday in connection with the bank robbery downtown.",
                "Jones was arrested on Friday in connection with the bank robbery downtown.",
                ("Smith", "Jones"),
            ),
        ],
    )
    def test_another_name_in_the_same_place(self, a: str, b: str, values: tuple[str, str]) -> None:
        (d,) = of_kind(a, b, "entity")
        assert d["values"] == {"A": values[0], "B": values[1]}
        assert all(g["verdict"] == "differ" for g in matched(a, b))

    def test_a_place_inside_a_region_is_no_conflict(self) -> None:
        """ "Miami" / "Florida" (DUC summaries): a US state may hold the city."""
        a = "His great-uncle in Miami was granted temporary custody of the boy in November."
        b = "His great-uncle in Florida was granted temporary custody of the boy in November."
        assert of_kind(a, b, "entity") == []
        assert [g["verdict"] for g in matched(a, b)] == ["agree"]

    def test_a_city_inside_a_country_is_no_conflict(self) -> None:
        a = "The summit will be held in Paris next month, officials said on Tuesday."
        b = "The summit will be held in France next month, officials said on Tuesday."
        assert of_kind(a, b, "entity") == []

    def test_two_regions_conflict(self) -> None:
        """The region rule is not a blanket pass: a state is not another state."""
        a = "The storm made landfall in Florida on Sunday, the weather service said."
        b = "The storm made landfall in Texas on Sunday, the weather service said."
        (d,) = of_kind(a, b, "entity")
        assert d["values"] == {"A": "Florida", "B": "Texas"}

    def test_a_name_and_its_short_form_are_one(self) -> None:
        a = "Vladimir Putin said on Monday that the talks would resume in the spring."
        b = "Putin said on Monday that the talks would resume in the spring."
        assert of_kind(a, b, "entity") == []

    def test_a_title_for_a_first_name_is_one_person(self) -> None:
        a = "President Putin said on Monday that the talks would resume in the spring."
        b = "Vladimir Putin said on Monday that the talks would resume in the spring."
        assert of_kind(a, b, "entity") == []

    def test_an_acronym_and_its_full_name_are_one(self) -> None:
        """ "AP" / "Associated Press" (MRPC)."""
        a = "The AP quotes a local policeman as saying the troops were targeted by angry townspeople."
        b = "The Associated Press quotes a local policeman as saying the troops were targeted by angry townspeople."
        assert of_kind(a, b, "entity") == []

    def test_an_acronym_after_the_same_preposition_is_one_name(self) -> None:
        """ "changes to Internet Explorer" / "changes to IE" (MRPC): one name in the role, written short."""
        a = "The standards body warns that changes to Internet Explorer may affect a large number of Web sites."
        b = "Still, changes to IE may affect a large number of existing Web pages, according to the W3C notice."
        assert of_kind(a, b, "entity") == []
        c = "Still, changes to Firefox may affect a large number of existing Web pages, according to the W3C notice."
        assert group_kinds(a, c) >= {"entity"}

    def test_names_lined_up_by_small_words_alone_are_not_swapped(self) -> None:
        """ "of the Centers for Disease Control and Prevention" / "the CDC's deputy director for Public Health
        and Science" (MRPC): only "for" and "and" line up, so neither name stands in the other's place."""
        quote = (
            "“We're optimistic we can deliver the vaccine to these people in time to do good,” said Dr. David Fleming"
        )
        a = f"{quote} of the Centers for Disease Control and Prevention."
        b = f"{quote}, the CDC's deputy director for Public Health and Science."
        assert of_kind(a, b, "entity") == []

    def test_two_names_of_one_country_are_one(self) -> None:
        a = "Campaigners used the eclipse to highlight the rise in light pollution across the UK."
        b = "Campaigners used the eclipse to highlight the rise in light pollution across Britain."
        assert of_kind(a, b, "entity") == []

    def test_a_common_word_opening_the_sentence_is_no_name(self) -> None:
        a = "Police searched the home near Parma on Wednesday and tried to question him."
        b = "Magistrates searched the home near Parma on Wednesday and tried to question him."
        assert of_kind(a, b, "entity") == []


class TestAntonym:
    @pytest.mark.parametrize(
        ("a", "b", "values"),
        [
            ("Oil prices rose sharply on Monday after the announcement.",
             "Oil prices fell sharply on Monday after the announcement.", ("rose", "fell")),
            ("The Senate voted on Tuesday to approve the spending bill.",
             "The Senate voted on Tuesday to veto the spending bill.", ("approve", "veto")),
            ("The jury found the former mayor guilty of fraud on Thursday.",
             "The jury found the former mayor innocent of fraud on Thursday.", ("guilty", "innocent")),
            ("The appeals court upheld the ruling on Tuesday, lawyers said.",
             "The appeals court overturned the ruling on Tuesday, lawyers said.", ("upheld", "overturned")),
            ("The ceasefire took effect at midnight on Sunday, both armies said.",
             "The ceasefire took effect at noon on Sunday, both armies said.", ("midnight", "noon")),
            ("At least 30 people were killed in the attack, officials said.",
             "At most 30 people were killed in the attack, officials said.", ("least", "most")),
            ("Most residents have returned to their homes, officials said on Monday.",
             "Few residents have returned to their homes, officials said on Monday.", ("most", "few")),
            ("The senator voted for the bill on Thursday after a long debate.",
             "The senator voted against the bill on Thursday after a long debate.", ("for", "against")),
        ],
    )  # fmt: skip
    def test_opposite_word_in_the_same_place(self, a: str, b: str, values: tuple[str, str]) -> None:
        (d,) = of_kind(a, b, "antonym")
        assert d["values"] == {"A": values[0], "B": values[1]}
        assert all(g["verdict"] == "differ" for g in matched(a, b))

    @pytest.mark.parametrize(
        ("a", "b", "values"),
        [
            ("Ten people were killed in the blast, police said on Sunday.",
             "Ten people were injured in the blast, police said on Sunday.", ("killed", "injured")),
            ("Police arrested the suspect at his home on Friday, officials said.",
             "Police released the suspect at his home on Friday, officials said.", ("arrested", "released")),
            ("The museum will open to the public in the spring, its director said.",
             "The museum will open to the public in the autumn, its director said.", ("spring", "autumn")),
            ("The victim's son told reporters on Monday that he was shocked.",
             "The victim's daughter told reporters on Monday that he was shocked.", ("son", "daughter")),
            ("The chief executive resigned on Monday after the scandal, the board said.",
             "The chief executive was fired on Monday after the scandal, the board said.", ("resigned", "fired")),
        ],
    )  # fmt: skip
    def test_another_word_of_one_set(self, a: str, b: str, values: tuple[str, str]) -> None:
        (d,) = of_kind(a, b, "antonym")
        assert d["values"] == {"A": values[0], "B": values[1]} and d["detail"].startswith("other words")

    def test_both_words_in_each_sentence_is_no_swap(self) -> None:
        """A reordering ("rose ... fell" / "fell ... rose") is not an opposite claim."""
        a = "Stocks rose in the morning while bonds fell sharply in late trading."
        b = "Bonds fell sharply in late trading while stocks rose in the morning."
        assert of_kind(a, b, "antonym") == []

    def test_the_list_is_pairs_of_two_different_words(self) -> None:
        assert all(x != y and x.islower() and y.islower() for x, y in ANTONYMS + CONTRASTS)
        assert {"florida", "france", "united states"} <= REGIONS


class TestNegation:
    """Through ``classify.differences`` (the two sentences put in one group): whether the matcher links
    them is not the question here."""

    def test_no_say_is_no_denial(self) -> None:
        """ "no say" (DUC summaries): the word after the cue must be in the other unit."""
        a = "Reno upheld the father's right to custody, telling Florida courts they have no say in this federal matter."
        b = "Reno upheld the father's right to custody and ignored Florida courts, stating this was a federal matter."
        assert "negation" not in group_kinds(a, b)

    def test_not_least_is_no_denial(self) -> None:
        a = "The plan would cut taxes for everyone, not least for the families who need it most."
        b = "The plan would cut taxes for everyone, at least for the families who need it most."
        assert "negation" not in group_kinds(a, b)

    def test_a_denial_in_other_words_is_no_difference(self) -> None:
        """ "would not comment" / "declined comment" (MRPC paraphrases): both deny."""
        a = "Jack Ferry, company spokesman, said that a search is in progress but would not comment on its status."
        b = "Company spokesman Jack Ferry said a search is ongoing but declined comment on its status."
        assert "negation" not in group_kinds(a, b)

    def test_a_negation_inside_a_shared_quotation_is_a_quote_change(self) -> None:
        """The words of a quotation both units give differ: one ``quote`` difference, not also a negation."""
        a = "“I don't want to be the candidate for guys with flags in their trucks,” said Congressman Dick Gephardt."
        b = "“I still want to be the candidate for guys with flags in their trucks,” Congressman Dick Gephardt said."
        assert group_kinds(a, b) == {"quote"}

    def test_a_plain_denial_still_counts(self) -> None:
        a = "The company will close its factory in the city next year, a spokesman said."
        b = "The company will not close its factory in the city next year, a spokesman said."
        (d,) = of_kind(a, b, "negation")
        assert d["values"] == {"A": "affirmed", "B": "negated (not)"}


class TestRewordingsAgree:
    def test_a_paraphrase_has_no_entity_or_antonym(self) -> None:
        a = "Officials in Geneva said on Monday that the two sides had agreed to exchange 1,000 prisoners."
        b = "On Monday officials in Geneva said both sides had agreed to swap one thousand prisoners."
        assert {d["kind"] for d in found(a, b)} & {"entity", "antonym", "negation"} == set()


class TestDesignations:
    def test_another_model_of_one_name_differs(self) -> None:
        found = of_kind("The airline flew a Boeing 747 to Paris on Monday.",
                        "The airline flew a Boeing 767 to Paris on Monday.", "number")  # fmt: skip
        assert len(found) == 1 and "Boeing 747" in found[0]["detail"] and "Boeing 767" in found[0]["detail"]

    def test_a_model_number_is_no_count(self) -> None:
        """ "six AK 47 rifles" counts six rifles: "six assault rifles" states the same number."""
        assert "number" not in group_kinds("Police seized six AK 47 rifles from the house on Monday.",
                                           "Police seized six assault rifles from the house on Monday.")  # fmt: skip

    def test_designations_of_two_names_are_not_compared(self) -> None:
        """ "Apollo 11" and "Soyuz 19" are two names, not two values of one: no number differs."""
        assert "number" not in group_kinds("The crew of the Apollo 11 mission met reporters on Monday.",
                                           "The crew of the Soyuz 19 mission met reporters on Monday.")  # fmt: skip


class TestSwappedRoles:
    @pytest.mark.parametrize(
        ("a", "b", "values"),
        [
            ("Apple beat Samsung in the patent case, a jury ruled on Friday.",
             "Samsung beat Apple in the patent case, a jury ruled on Friday.",
             ("Apple beat Samsung", "Samsung beat Apple")),
            ("Real Madrid beat Manchester United in the final on Saturday.",
             "Manchester United beat Real Madrid in the final on Saturday.",
             ("Real Madrid beat Manchester United", "Manchester United beat Real Madrid")),
            ("Russian forces attacked Ukrainian positions near Kharkiv on Tuesday, the ministry said.",
             "Ukrainian forces attacked Russian positions near Kharkiv on Tuesday, the ministry said.",
             ("Russian forces attacked Ukrainian", "Ukrainian forces attacked Russian")),
        ],
    )  # fmt: skip
    def test_two_names_change_places(self, a: str, b: str, values: tuple[str, str]) -> None:
        (d,) = of_kind(a, b, "entity")
        assert d["values"] == {"A": values[0], "B": values[1]}
        assert all(g["verdict"] == "differ" for g in matched(a, b))

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("Russia and Ukraine agreed on Friday to exchange 1,000 prisoners of war.",
             "Ukraine and Russia agreed on Friday to exchange 1,000 prisoners of war."),
            ("Talks between Israel and Hamas resumed in Cairo on Monday, officials said.",
             "Officials said talks between Hamas and Israel resumed in Cairo on Monday."),
        ],
    )  # fmt: skip
    def test_an_order_that_says_nothing_is_no_swap(self, a: str, b: str) -> None:
        assert "entity" not in group_kinds(a, b)


class TestMonthAlone:
    def test_another_month_differs(self) -> None:
        (d,) = of_kind("The strike began in March and ended in June, union leaders said.",
                       "The strike began in March and ended in July, union leaders said.", "date")  # fmt: skip
        assert d["values"] == {"A": "June", "B": "July"}

    def test_a_month_agrees_with_a_day_of_it(self) -> None:
        assert "date" not in group_kinds("The strike ended in June after talks, union leaders said.",
                                         "The strike ended on June 14 after talks, union leaders said.")  # fmt: skip


class TestAmountShown:
    def test_a_currency_symbol_is_not_repeated_as_a_word(self) -> None:
        a = "The deal is worth $3 billion, according to people familiar with the matter."
        (d,) = of_kind(a, a.replace("billion", "million"), "number")
        assert d["values"] == {"A": "$3 billion", "B": "$3 million"}


class TestGroupWords:
    @pytest.mark.parametrize(
        ("a", "b", "values"),
        [
            ("A Russian drone struck an apartment building in the city overnight, officials said.",
             "A Ukrainian drone struck an apartment building in the city overnight, officials said.",
             ("Russian", "Ukrainian")),
            ("The attack was carried out by Sunni militants, officials said on Monday.",
             "The attack was carried out by Shiite militants, officials said on Monday.", ("Sunni", "Shiite")),
        ],
    )  # fmt: skip
    def test_another_nation_or_faith_in_the_same_place(self, a: str, b: str, values: tuple[str, str]) -> None:
        (d,) = of_kind(a, b, "entity")
        assert d["values"] == {"A": values[0], "B": values[1]}

    def test_two_groups_in_another_order_are_no_difference(self) -> None:
        a = "Russian and Ukrainian officials met in Istanbul on Friday to discuss a prisoner exchange."
        b = "Ukrainian and Russian officials met in Istanbul on Friday to discuss a prisoner exchange."
        assert "entity" not in group_kinds(a, b)

    @pytest.mark.parametrize(("x", "y"), [("Miami", "Nairobi"), ("Haiti", "Cuba"), ("Mumbai", "Karachi")])
    def test_a_place_ending_like_an_adjective_is_a_name(self, x: str, y: str) -> None:
        """ "Miami" and "Haiti" end like "Iraqi" but are places: another one in their place differs."""
        a = f"Police in the city said the {x} suspect was arrested on Friday morning at his home."
        (d,) = of_kind(a, a.replace(x, y), "entity")
        assert d["values"] == {"A": x, "B": y} and not d["detail"].startswith("group")
