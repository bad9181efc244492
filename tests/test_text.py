"""text: the facts about Unicode and the word lists that the pre-checks of ``compare.text`` rest on,
and texts the pre-checks must let through (``test_oracles`` checks them against the plain paths)."""

from __future__ import annotations

import re
import string
import sys

import pytest

from compare.text.words import FOLDS_TO_ASCII, MAX_CLAUSES, NEGATIONS, clauses, hedge_cues, negation_cues

EVERY_CHARACTER = [chr(i) for i in range(sys.maxunicode + 1)]


class TestUnicode:
    def test_lower_case_words_are_their_own_lower_case(self) -> None:
        """``name_spans`` relies on it: a word with ``islower()`` equals its ``lower()`` (every code point)."""
        odd = [c for c in EVERY_CHARACTER if ("a" + c).islower() and ("a" + c).lower() != "a" + c]
        assert odd == []

    def test_no_other_character_lower_cases_to_a_curly_apostrophe(self) -> None:
        """``content_tokens`` skips the apostrophe replacement when a text has no "’": nothing lower-cases to one."""
        assert [c for c in EVERY_CHARACTER if c != "’" and "’" in c.lower()] == []

    def test_only_four_characters_fold_to_ascii_letters(self) -> None:
        """Besides ASCII letters, only ``FOLDS_TO_ASCII`` match an ASCII letter under IGNORECASE, and
        no other character lower-cases to one: the ground of the substring pre-checks."""
        letter = re.compile("[a-z]", re.IGNORECASE)
        matched = {c for c in EVERY_CHARACTER if letter.fullmatch(c)}
        assert matched == set(string.ascii_letters) | set(FOLDS_TO_ASCII)
        lowers_to_ascii = {
            c for c in EVERY_CHARACTER if not c.isascii() and any(x in string.ascii_letters for x in c.lower())
        }
        assert lowers_to_ascii <= set(FOLDS_TO_ASCII)
        for c in matched - set(string.ascii_letters):  # literals fold like the class
            assert any(re.fullmatch(x, c, re.IGNORECASE) for x in string.ascii_lowercase)

    def test_no_character_matches_two_ascii_letters(self) -> None:
        """``quantities._alternatives`` relies on it: under IGNORECASE each character matches at most
        one letter a-z, so words with different first letters never both match at one place."""
        letter = re.compile("[a-z]", re.IGNORECASE)
        letters = [re.compile(x, re.IGNORECASE) for x in string.ascii_lowercase]
        both = [c for c in EVERY_CHARACTER if letter.fullmatch(c) and sum(bool(p.fullmatch(c)) for p in letters) > 1]
        assert both == []


class TestCuePrechecks:
    @pytest.mark.parametrize(
        ("text", "cues"),
        [("Putin turned down the offer.", ["turned down"]), ("He ruled out a truce.", ["ruled out"]),
         ("It turned out to be true.", []), ("The offer was turned down.", []),
         ("Turn down the music.", ["turn down"])],
    )  # fmt: skip
    def test_phrasal_rejections_are_cues_before_their_object(self, text: str, cues: list[str]) -> None:
        """ "turned down" and "ruled out" deny what follows them; "turned out" does not, nor a phrase
        with nothing after it; the plain path finds the same."""
        assert [c for c, _, _ in negation_cues(text)] == cues
        assert negation_cues(text, fast=False) == negation_cues(text)

    def test_negations_with_an_apostrophe_end_in_nt(self) -> None:
        """The negation pre-check relies on it: a negation spelled with an apostrophe ends in "n't"."""
        assert all(w.endswith("n't") for w in NEGATIONS if "'" in w)

    @pytest.mark.parametrize(
        "text",
        ["They don’t agree.", "He DIDN'T come.", "It ain’t so.", "Talks failed to start.",
         "Putin TURNED DOWN the offer.", "He ruled out a truce."],
    )  # fmt: skip
    def test_negation_precheck_lets_cues_through(self, text: str) -> None:
        """Texts with a negation (curly apostrophes and capitals too) pass the pre-check: their cues are found."""
        assert negation_cues(text)

    @pytest.mark.parametrize(
        ("text", "phrase"),
        [("It is ſaid to be so.", "is ſaid to"), ("He is widely ſeen as a leader.", "widely ſeen"),
         ("It is believed so.", "it is believed")],
    )  # fmt: skip
    def test_hedge_phrase_precheck_lets_folded_letters_through(self, text: str, phrase: str) -> None:
        """Texts the phrase pattern matches only through a folded letter (long s) pass the pre-check."""
        assert any(phrase in cue for cue, _, _ in hedge_cues(text))


class TestContentWords:
    """What counts as evidence of a fact: the words two units share that say something."""

    def test_fillers_and_contractions_are_no_content_words(self) -> None:
        """Two sentences that share only "however", "not" or "I'll" share no content word."""
        from compare.text.words import content_tokens

        assert content_tokens("However, it’s not our war, and I’ll just back away; we’re done, don't worry.") == (
            "war",
            "back",
            "away",
            "done",
            "worri",
        )
        assert set(content_tokens("However, the offer may not be new.")) == {"offer", "new"}

    def test_names_with_apostrophes_and_possessives_stay(self) -> None:
        from compare.text.words import content_tokens

        assert content_tokens("O’Neill met Trump's envoy in Kyiv.") == ("oneil", "met", "trump", "envoy", "kyiv")

    def test_a_quotation_keeps_its_fillers(self) -> None:
        """Quotation wording keeps "not" against "never": ``wording_tokens`` drops only stop words."""
        from compare.text.words import wording_tokens

        assert set(wording_tokens("We will not stop.")) == {"not", "stop"}
        assert set(wording_tokens("We will never stop.")) == {"never", "stop"}

    def test_fillers_can_be_names(self) -> None:
        """Filler words are not stop words for names: "Dan Rather" is still a name."""
        from compare.match import text_names

        assert text_names("The anchor Dan Rather reported it.") == ["dan", "rather"]


class TestSpellingKey:
    """``lexicon.spelling_key``: one spelling of a word, for comparing two wordings."""

    def test_british_endings_and_month_abbreviations(self) -> None:
        from compare.text.lexicon import spelling_key

        assert spelling_key("labour") == spelling_key("labor") == "labor"
        assert spelling_key("organisation") == spelling_key("organization")
        assert spelling_key("analysed") == spelling_key("analyzed")
        assert spelling_key("theatre") == spelling_key("theater")
        assert spelling_key("sept") == spelling_key("september") == "september"

    def test_short_words_are_left_alone(self) -> None:
        from compare.text.lexicon import spelling_key

        for word in ("pour", "hour", "rise", "our", "may", "mar", "tour"):
            assert spelling_key(word) == word
        assert spelling_key("four") == spelling_key("4") == "4"  # a number, not a British "-our"


class TestClauses:
    def test_splits_at_punctuation_and_conjunctions(self) -> None:
        text = "Russia is ready to work with Kyiv, Putin said after the call with Trump ended on Monday."
        # "Putin said" has two words: too short to be a clause of its own
        assert set(clauses(text)) == {"Russia is ready to work with Kyiv", "the call with Trump ended on Monday."}

    def test_short_parts_are_dropped_and_a_text_without_long_parts_stays_whole(self) -> None:
        assert clauses("Yes, he said.") == ("Yes, he said.",)
        assert clauses("He left, and she stayed behind at home.") == ("she stayed behind at home.",)

    def test_quotation_marks_and_dashes_break_clauses(self) -> None:
        text = "The minister — speaking in Paris — said “we will not give up the fight” on Tuesday."
        assert set(clauses(text)) == {"speaking in Paris", "we will not give up the fight"}

    def test_at_most_the_longest_clauses_in_order_of_length(self) -> None:
        text = ", ".join(f"clause number {k} {'x ' * k}".strip() for k in range(12))
        out = clauses(text)
        assert len(out) == MAX_CLAUSES
        assert [len(c) for c in out] == sorted((len(c) for c in out), reverse=True)
        assert out[0].startswith("clause number 11")
