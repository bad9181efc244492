"""features: units -> what the matcher and classifier know about each."""

from __future__ import annotations

import pytest

from compare import compare_texts
from compare.features import extract
from compare.model import Article, Features, UnitKind
from compare.segment import segment
from compare.text.names import display_name
from compare.text.words import content_tokens, name_spans, stem, words


def features_of(text: str, sid: str = "A") -> list[Features]:
    """Features of each unit of one article, in reading order."""
    a = Article(id=sid, label=sid, text=text)
    us = segment(a)
    fs = extract([a], us)
    return [fs[u.id] for u in us]


class TestContentTokens:
    def test_drops_stop_words_and_reporting_verbs(self) -> None:
        """Function words and "said" carry no fact and are dropped."""
        assert content_tokens("He said that it was in the city") == (stem("city"),)

    def test_stems_and_lower_cases(self) -> None:
        """Inflections and case meet: "Negotiations" and "negotiation" give the same token."""
        assert content_tokens("Negotiations") == content_tokens("negotiation")

    def test_hyphen_variants_meet(self) -> None:
        """ "cease-fire" and "ceasefire" give the same token."""
        assert content_tokens("cease-fire") == content_tokens("ceasefire")

    def test_apostrophe_variants_meet(self) -> None:
        """Curly and straight apostrophes and a possessive "'s" make no difference."""
        assert content_tokens("Trump’s call") == content_tokens("Trump's call") == content_tokens("Trump call")

    def test_keeps_numbers_and_order(self) -> None:
        """Digits are content; tokens keep the order of the text."""
        toks = content_tokens("Russia freed 390 soldiers")
        assert toks[0] == stem("russia") and "390" in toks and toks[-1] == stem("soldiers")


class TestWordsAndNames:
    def test_words_keep_inner_apostrophes_and_hyphens(self) -> None:
        """Words keep inner apostrophes and hyphens but not surrounding punctuation."""
        assert words("“Don’t,” said the 72-year-old.") == ["Don’t", "said", "the", "72-year-old"]

    def test_name_spans_drop_titles(self) -> None:
        """Runs of capitalised words are names, without leading titles."""
        spans = name_spans("Kremlin spokesman Dmitry Peskov met President Donald Trump in Moscow.")
        assert ("Dmitry", "Peskov") in [p for _, _, p in spans]
        assert ("Donald", "Trump") in [p for _, _, p in spans]
        assert ("Moscow",) in [p for _, _, p in spans]

    def test_the_new_of_a_place_is_part_of_its_name(self) -> None:
        """ "New" is dropped as a title ("New President Joe Biden") but is the first word of "New York",
        "New Delhi": the names table shows "New York City", not "York City"."""
        spans = [p for _, _, p in name_spans("She flew from New York City to New Delhi on Monday.")]
        assert spans == [("New", "York", "City"), ("New", "Delhi")]
        assert [p for _, _, p in name_spans("New President Joe Biden met her.")] == [("Joe", "Biden")]
        assert display_name(("New", "York", "City")) == "New York City"
        assert display_name(("Russian", "President", "Vladimir", "Putin")) == "Vladimir Putin"
        entities = compare_texts(["The mayor of New York City spoke.", "New York City's mayor spoke."]).to_dict()
        assert "New York City" in [e["text"] for e in entities["entities"]]

    def test_bodies_with_one_head_word_are_rows_of_their_own(self) -> None:
        """ "Indian Health Service" and "Columbia News Service" are two rows of the names table, not one
        keyed by "Service" as a surname would be; two mentions of "Security Council" are one."""
        a = "The Indian Health Service runs the clinic, the U.N. Security Council said."
        b = "The Columbia News Service reported that the Security Council met on the clinic."
        rows = {e["text"]: e["units"] for e in compare_texts([a, b]).to_dict()["entities"]}
        assert rows["Indian Health Service"] == {"A": ["A0"], "B": []}
        assert rows["Columbia News Service"] == {"A": [], "B": ["B0"]}
        assert rows["Security Council"] == {"A": ["A0"], "B": ["B0"]}

    def test_a_professor_is_a_person(self) -> None:
        """ "Professor" and "Prof." are titles: the names table shows the person, not "Professor Wayne Svoboda"."""
        texts = ["Professor Wayne Svoboda of Columbia said the study was flawed.", "Prof. Wayne Svoboda disagreed."]
        rows = {e["text"]: e["kind"] for e in compare_texts(texts).to_dict()["entities"]}
        assert rows["Wayne Svoboda"] == "person"

    def test_a_body_that_speaks_is_no_person(self) -> None:
        """A speaker named in two words is a person, unless a word says it is a body ("Earth Liberation Front")."""
        texts = ["The Earth Liberation Front said it set the fires.", "The Earth Liberation Front claimed the fires."]
        rows = {e["text"]: e["kind"] for e in compare_texts(texts).to_dict()["entities"]}
        assert rows["Earth Liberation Front"] == "organisation"

    def test_name_span_offsets(self) -> None:
        """A name span's offsets index the text."""
        text = "Officials met Dmitry Peskov on Friday."
        (s, e, _), *_ = [x for x in name_spans(text) if x[2] == ("Dmitry", "Peskov")]
        assert text[s:e] == "Dmitry Peskov"

    def test_surname_resolves_to_full_name(self) -> None:
        """A surname used alone stands for the full name used earlier in the same article."""
        first, later = features_of("Vladimir Putin spoke on Monday. Officials said Putin left early.")
        assert first.names <= later.names
        assert stem("vladimir") in later.names

    def test_names_do_not_cross_articles(self) -> None:
        """A full name in one article does not resolve a surname in another."""
        a = Article("A", "a", "Vladimir Putin spoke on Monday.")
        b = Article("B", "b", "Officials said Putin left early.")
        units = segment(a) + segment(b)
        fs = extract([a, b], units)
        assert stem("vladimir") in fs["A0"].names
        assert stem("vladimir") not in fs["B0"].names


class TestDetails:
    @pytest.mark.parametrize(
        ("text", "negated"),
        [
            ("Russia did not accept a ceasefire.", True),
            ("Russia never accepted a ceasefire.", True),
            ("Russia rejected a ceasefire.", True),
            ("Russia accepted a ceasefire.", False),
        ],
    )
    def test_negation(self, text: str, negated: bool) -> None:
        """Negation words, "n't" and refusal verbs mark a unit as negated."""
        (f,) = features_of(text)
        assert f.negated is negated

    def test_hedges(self) -> None:
        """Hedging words are found, sorted and unique; a plain statement has none."""
        (hedged, plain) = features_of("Talks may possibly resume, it reportedly may happen. Talks resumed.")
        assert hedged.hedges == ("may", "possibly", "reportedly")
        assert plain.hedges == ()

    def test_quotes(self) -> None:
        """Text between curly or straight quotation marks is a quote, without the comma that closes it."""
        (curly,) = features_of("“We are ready for peace,” he said.")
        (straight,) = features_of('"We are ready for peace," he said.')
        assert curly.quotes == ("We are ready for peace",) == straight.quotes

    def test_numbers(self) -> None:
        """Quantities are extracted with their units."""
        (f,) = features_of("Russia freed 1,000 prisoners.")
        assert [(q.value, q.unit) for q in f.numbers] == [(1000.0, "prisoner")]

    def test_speaker_after_said(self) -> None:
        """ "..., said Dmitry Peskov" attributes the unit to Peskov, named in full."""
        (f,) = features_of("“There is no time frame,” said Dmitry Peskov.")
        assert f.speaker == stem("peskov")
        assert f.speaker_name == "Dmitry Peskov"

    def test_pronoun_speaker_is_last_named_speaker(self) -> None:
        """ "he added" stands for the last person named as a speaker."""
        fs = features_of("“We are ready,” Zelensky said. “We will not wait,” he added.")
        assert fs[0].speaker == fs[1].speaker == stem("zelensky")

    def test_no_speaker(self) -> None:
        """A unit that attributes nothing has no speaker."""
        (f,) = features_of("The storm killed 12 people.")
        assert f.speaker is None

    def test_bylines_have_no_tokens(self) -> None:
        """A byline carries no fact, so it has no content tokens."""
        text = "Storm hits coast\nBy Staff Reporter\nA storm killed 12 people."
        a = Article("A", "a", text)
        us = segment(a)
        fs = extract([a], us)
        byline = next(u for u in us if u.kind is UnitKind.BYLINE)
        assert fs[byline.id].tokens == ()
        assert all(fs[u.id].tokens for u in us if u.kind is not UnitKind.BYLINE)

    def test_every_unit_described(self) -> None:
        """``extract`` gives features for every unit of every article, by unit id."""
        a, b = Article("A", "a", "One fact. Two facts."), Article("B", "b", "Three facts.")
        units = segment(a) + segment(b)
        assert set(extract([a, b], units)) == {u.id for u in units}
