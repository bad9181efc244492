"""segment: Article -> units with exact character offsets."""

from __future__ import annotations

import itertools

import pytest

from compare.model import Article, Unit, UnitKind
from compare.segment import segment


def units(text: str, sid: str = "A") -> list[Unit]:
    return segment(Article(id=sid, label=sid.lower(), text=text))


def texts(text: str) -> list[str]:
    return [u.text for u in units(text)]


class TestSentences:
    def test_splits_sentences(self) -> None:
        """Each sentence of a paragraph becomes one unit."""
        assert texts("Putin rejected a ceasefire. The Vatican offered to host talks. Talks go on!") == [
            "Putin rejected a ceasefire.",
            "The Vatican offered to host talks.",
            "Talks go on!",
        ]

    def test_abbreviations_do_not_split(self) -> None:
        """Abbreviations such as "U.S.", "Sen." and "Mr." do not end a sentence."""
        assert texts("The U.S. Sen. John Smith met Mr. Jones in Washington. He left.") == [
            "The U.S. Sen. John Smith met Mr. Jones in Washington.",
            "He left.",
        ]

    def test_line_breaks_end_units(self) -> None:
        """A paragraph break ends a unit even without final punctuation in the middle of the text."""
        assert texts("The talks ended.\n\nBoth sides went home.\nNo date was set.") == [
            "The talks ended.",
            "Both sides went home.",
            "No date was set.",
        ]

    def test_ids_indexes_and_source(self) -> None:
        """Units are numbered in reading order and carry their source id."""
        us = units("One fact here. Another fact there.", sid="B")
        assert [(u.id, u.source, u.index) for u in us] == [("B0", "B", 0), ("B1", "B", 1)]

    def test_whitespace_is_trimmed(self) -> None:
        """Units start and end on non-space characters."""
        for u in units("   Leading spaces here.   \n\t Tabbed line follows.  \n"):
            assert u.text == u.text.strip()


class TestOffsets:
    @pytest.mark.parametrize(
        "text",
        [
            "Plain text. Two sentences.",
            "Windows lines.\r\nSecond line here.\r\n\r\nThird paragraph.\r\n",
            "  Indented.\n\n\n   Many blank lines.   \n",
            "“Quoted speech,” she said. Émigrés returned — in 2024 — to Kyiv.",
            "Headline without stop\nBy A. Writer\nBody sentence one. Body sentence two.",
        ],
        ids=["plain", "crlf", "blank-lines", "unicode", "headline"],
    )
    def test_offsets_round_trip(self, text: str) -> None:
        """``text[start:end] == unit.text`` for every unit, with no newline translation."""
        us = units(text)
        assert us
        for u in us:
            assert text[u.start : u.end] == u.text

    def test_units_do_not_overlap_and_keep_order(self) -> None:
        """Units follow each other without overlapping."""
        us = units("First. Second one.\nThird here. Fourth, last.")
        assert all(a.end <= b.start for a, b in itertools.pairwise(us))

    def test_no_words_lost(self) -> None:
        """Every word of the text lies inside some unit."""
        text = "Officials said 1,000 prisoners were freed. The U.S. welcomed it.\nRussia did not."
        covered = "".join(u.text for u in units(text))
        assert "".join(text.split()) == "".join(covered.split())


class TestQuotations:
    @pytest.mark.parametrize("open_, close", [("“", "”"), ('"', '"')], ids=["curly", "straight"])
    def test_multi_sentence_quote_stays_whole(self, open_: str, close: str) -> None:
        """A quotation running over several sentences stays one unit with its attribution."""
        text = f"{open_}We are ready. We will not wait. We want peace,{close} Zelensky said. Talks go on."
        assert texts(text) == [
            f"{open_}We are ready. We will not wait. We want peace,{close} Zelensky said.",
            "Talks go on.",
        ]

    def test_attribution_before_quote(self) -> None:
        """A quotation introduced by its speaker stays one unit with the introduction."""
        assert texts("Zelensky said: “We are ready. We will not wait.” Talks go on.") == [
            "Zelensky said: “We are ready. We will not wait.”",
            "Talks go on.",
        ]

    def test_closed_quotes_do_not_join(self) -> None:
        """Sentences whose quotations are closed are split normally."""
        assert len(units("“Yes,” he said. “No,” she said. They left.")) == 3


class TestHeadlines:
    def test_headline_and_bylines(self) -> None:
        """The first short line without final punctuation is a headline; short lines under it are bylines."""
        us = units("Storm hits coast\nBy Staff Reporter\nMay 20, 2025\nA storm killed 12 people. Power was cut.")
        assert [u.kind for u in us] == [
            UnitKind.HEADLINE,
            UnitKind.BYLINE,
            UnitKind.BYLINE,
            UnitKind.SENTENCE,
            UnitKind.SENTENCE,
        ]

    def test_body_lines_are_sentences(self) -> None:
        """Without a headline, every line is body text."""
        assert {u.kind for u in units("A storm killed 12 people.\nPower was cut to homes.")} == {UnitKind.SENTENCE}

    def test_short_line_after_body_is_not_byline(self) -> None:
        """A short line after the body has started is a sentence, not a byline."""
        us = units("Storm hits coast\nA storm killed 12 people.\nMore to come")
        assert us[-1].kind is UnitKind.SENTENCE
