"""segment: Article -> units with exact character offsets."""

from __future__ import annotations

import itertools
import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import compare_texts
from compare.model import Article, Unit, UnitKind
from compare.segment import MAX_UNIT_CHARS, segment, sentence_spans
from tests.contract import assert_valid

ROOT = Path(__file__).resolve().parents[1]
SETS = Path(os.environ.get("COMPARE_SHARED", ROOT.parent / "shared")) / "data" / "ecbplus" / "sets"


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


class TestSentenceSpans:
    @pytest.mark.parametrize(
        "para",
        [
            "Mr. Smith went to Washington. He met the U.S. president at 3 p.m. on Monday.",
            '"We will not stop," he said. "Never." Then he left... Did he? Yes!',
            "Prices rose 3.5% in Jan. and fell in Feb. The end.",
            "Repeated. Repeated. Repeated.",
            "no final stop",
            "  leading and trailing spaces.  ",
            "Tabs\tand\x0bvertical\x0cfeeds. Next sentence\u2028here.",
            "Émile said “it’s över” 😀. Next one.",
        ],
    )
    def test_tricky_paragraphs(self, para: str) -> None:
        """Spans are trimmed, in order, non-overlapping, and cover every non-space character."""
        spans = sentence_spans(para, 0, len(para))
        assert spans
        covered = set()
        last = 0
        for s, e in spans:
            assert last <= s < e
            assert para[s:e] == para[s:e].strip()
            covered.update(range(s, e))
            last = e
        assert all(i in covered for i, ch in enumerate(para) if not ch.isspace())

    @settings(max_examples=60, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("ab .?!\"'”“ U.S.Dr\t\x0b1")), min_size=1, max_size=60))
    def test_generated_text(self, para: str) -> None:
        """On generated text full of sentence marks, offsets stay inside the paragraph and trimmed."""
        offset = 7
        text = "x" * offset + para
        for s, e in sentence_spans(text, offset, len(text)):
            assert offset <= s < e <= len(text)
            assert text[s:e] == text[s:e].strip()


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

    @pytest.mark.parametrize("open_", ["“", '"'], ids=["curly", "straight"])
    def test_unclosed_quote_does_not_swallow_the_text(self, open_: str) -> None:
        """An opening mark that never closes leaves the sentences after it split as usual."""
        text = f"He said: {open_}We are ready. Talks go on. Nobody knows more. The end came. Another day began."
        assert texts(text) == [
            f"He said: {open_}We are ready.",
            "Talks go on.",
            "Nobody knows more.",
            "The end came.",
            "Another day began.",
        ]

    @pytest.mark.parametrize("open_, close", [("“", "”"), ('"', '"')], ids=["curly", "straight"])
    def test_quote_closing_three_sentences_later_stays_whole(self, open_: str, close: str) -> None:
        """A quotation that closes three sentences after it opens is one unit with its attribution."""
        quote = f"{open_}We are ready. We will not wait. We want peace. We will talk,{close} Zelensky said."
        assert texts(f"{quote} Talks go on.") == [quote, "Talks go on."]

    @pytest.mark.parametrize("open_, close", [("“", "”"), ('"', '"')], ids=["curly", "straight"])
    def test_quote_closing_four_sentences_later_is_unpaired(self, open_: str, close: str) -> None:
        """A quotation still open after four sentences is taken for an unpaired mark."""
        text = f"{open_}We are ready. We will not wait. We want peace. We will talk. Soon,{close} he said. Talks go on."
        assert len(units(text)) == 6

    def test_nested_quotes(self) -> None:
        """Quotations inside quotations, single or double, keep the outer quotation whole."""
        single = "“He told me: ‘We will not stop. We will never stop.’ Then he left,” she said."
        double = '"He called it “a farce.” We left," she said.'
        assert texts(f"{single} Talks go on.") == [single, "Talks go on."]
        assert texts(f"{double} Talks go on.") == [double, "Talks go on."]

    def test_stray_closing_mark_opens_nothing(self) -> None:
        """A sentence that only ends a quotation opened before it does not open a new one."""
        text = 'We will not wait," he said. Talks go on. Nobody knows. "Yes," she said.'
        assert len(units(text)) == 4

    def test_new_quotation_ends_an_unpaired_one(self) -> None:
        """A sentence opening a new quotation shows the open one before it was never closed."""
        text = '"We are ready. "This is a new quote," she said. Talks go on.'
        assert texts(text) == ['"We are ready.', '"This is a new quote," she said.', "Talks go on."]

    def test_closing_mark_set_off_by_a_space(self) -> None:
        """A closing mark after a space, which the sentence breaker gives to the next sentence, ends the unit."""
        text = '"We are ready. " Talks go on. Nobody knows.'
        assert texts(text) == ['"We are ready. "', "Talks go on.", "Nobody knows."]
        assert texts('He said: "We are ready. "\n') == ['He said: "We are ready. "']

    @pytest.mark.parametrize("open_, close", [("“", "”"), ('"', '"')], ids=["curly", "straight"])
    def test_multi_paragraph_quotation(self, open_: str, close: str) -> None:
        """A paragraph whose quotation the next paragraph reopens stays one unit, however many sentences."""
        first = f"{open_}We are ready. We will not wait. We want peace. We will talk. We will listen."
        second = f"{open_}We will win,{close} Zelensky said."
        text = f"{first}\n\n{second}\nTalks go on. Nobody knows."
        assert texts(text) == [first, second, "Talks go on.", "Nobody knows."]

    def test_no_reopening_no_multi_paragraph_quotation(self) -> None:
        """Without a reopening mark in the next paragraph, an unclosed quotation splits as usual."""
        text = "“We are ready. We will not wait. We want peace. We will talk. We will listen.\nTalks go on."
        assert len(units(text)) == 6

    def test_no_paragraph_breaks(self) -> None:
        """One paragraph with unpaired marks of both kinds splits into about one unit per sentence."""
        sentences = [f"Officials said {i} people were freed in town number {i}." for i in range(40)]
        for k in (3, 11, 17, 30):
            sentences[k] = f"“The talks, he said, were about town {k}." if k % 2 else f'"The talks were in town {k}.'
        text = " ".join(sentences)
        us = units(text)
        assert 38 <= len(us) <= 40
        assert max(len(u.text) for u in us) < 200
        assert all(text[u.start : u.end] == u.text for u in us)


class TestLongSentences:
    def _check(self, text: str) -> list[Unit]:
        us = units(text)
        assert us
        for u in us:
            assert text[u.start : u.end] == u.text
            assert u.text == u.text.strip()
            assert len(u.text) <= MAX_UNIT_CHARS
        assert "".join(text.split()) == "".join("".join(u.text for u in us).split())
        return us

    def test_split_at_semicolons(self) -> None:
        """An over-long sentence splits at semicolons, each piece ending on its semicolon."""
        clause = "the council met again in the town hall and talked about the budget for the year, "
        text = "; ".join(clause * 4 + f"meeting {i}" for i in range(20)) + "."
        assert len(text) > 2 * MAX_UNIT_CHARS
        us = self._check(text)
        assert len(us) == 3
        assert all(u.text.endswith(";") for u in us[:-1])

    def test_split_at_commas_before_conjunctions(self) -> None:
        """Without semicolons, colons or dashes, a comma before a conjunction is the cut."""
        text = " ".join(f"officials met in town {i} on Monday, and talks went on" for i in range(80)) + "."
        assert len(text) > MAX_UNIT_CHARS
        us = self._check(text)
        assert len(us) == 2
        assert us[0].text.endswith(",") and us[1].text.startswith("and ")

    def test_split_at_white_space_as_last_resort(self) -> None:
        """A sentence with no punctuation at all splits between words."""
        text = " ".join(["word"] * 2000) + "."
        us = self._check(text)
        assert len(us) == 4
        assert all(u.text.split(" ")[0] == "word" for u in us)

    def test_no_white_space_at_all(self) -> None:
        """A sentence with no white space is cut at the limit, offsets still exact."""
        self._check("x" * 7000 + ".")

    def test_long_quotation_is_not_joined(self) -> None:
        """A quotation whose sentences together pass the limit is left as separate sentences."""
        words = "We " + " ".join(["talked"] * 240)
        text = f"“{words}. {words}. {words},” he said. Talks go on."
        assert len(text) > MAX_UNIT_CHARS
        assert len(self._check(text)) == 4

    def test_long_line_without_final_punctuation(self) -> None:
        """A long first line without final punctuation is body text, split like a sentence."""
        us = self._check(" ".join(["word"] * 1000))
        assert {u.kind for u in us} == {UnitKind.SENTENCE}

    def test_comparison_notes_the_split(self) -> None:
        """The Comparison says which source had over-long sentences split, and how long the longest was."""
        long = "Officials said: " + " ".join(f"they met in town {i} on Monday; talks went on" for i in range(100)) + "."
        result = compare_texts([f"The storm hit. {long}", "The storm hit the coast. Power was cut."])
        assert max(len(u.text) for u in result.units) <= MAX_UNIT_CHARS
        assert result.notes == (
            f"Source A: 1 over-long sentence split at clause boundaries (longest {len(long):,} characters; "
            f"units are at most {MAX_UNIT_CHARS:,}).",
        )

    def test_comparison_notes_unpaired_marks(self) -> None:
        """The Comparison counts the quotation marks taken for unpaired ones."""
        result = compare_texts(
            ["The storm hit. “It was bad. Power was cut. Roads closed. Schools shut.", "The storm hit."]
        )
        assert len(result.notes) == 1
        assert result.notes[0].startswith("Source A: 1 quotation mark opened a quotation that does not close")

    def test_no_notes_for_ordinary_text(self) -> None:
        """Well-formed text gives no note."""
        assert compare_texts(["“We are ready,” he said. Talks go on.", "Talks go on."]).notes == ()


_PIECES = [
    "Officials met on Monday.",
    "“The talks were hard, he said.",
    '"We will not wait.',
    'Talks went on," she said.',
    "Nobody knows” what comes next.",
    "He called it ‘a farce’ and left.",
    "The vote was 3-2; the motion failed.",
    "The mayor — who spoke first — left early.",
    '"',
    "”",
    '" Then he left.',
    'He said: "We are ready. "',
]


class TestProperties:
    @settings(max_examples=60, deadline=None)
    @given(
        picks=st.lists(st.integers(0, len(_PIECES) + 1), min_size=1, max_size=120),
        breaks=st.lists(st.sampled_from([" ", " ", " ", "\n", "\n\n"]), min_size=1, max_size=120),
        long_words=st.integers(300, 1500),
    )
    def test_shuffled_sentences_with_unpaired_quotes(
        self, picks: list[int], breaks: list[str], long_words: int
    ) -> None:
        """On any mix of sentences with unpaired marks, units stay under the limit with exact offsets."""
        long_clause = " ".join(["word"] * long_words) + ", and"
        pool = [*_PIECES, "“" + long_clause * 3 + " it ended.", long_clause + " more."]
        text = "".join(pool[p] + breaks[k % len(breaks)] for k, p in enumerate(picks))
        us = units(text)
        last = 0
        for u in us:
            assert text[u.start : u.end] == u.text
            assert len(u.text) <= MAX_UNIT_CHARS
            assert last <= u.start < u.end
            last = u.end
        assert "".join(text.split()) == "".join("".join(u.text for u in us).split())


def _ecb_sentences() -> list[str]:
    return [
        line.strip()
        for path in sorted(SETS.glob("*/*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.mark.skipif(not SETS.is_dir(), reason="ECB+ development sets (../shared/data/ecbplus) not available")
class TestRealSentences:
    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_one_paragraph_of_shuffled_news_sentences(self, seed: int) -> None:
        """300 shuffled ECB+ sentences in one paragraph (unpaired marks) give about one unit per sentence."""
        pool = _ecb_sentences()
        picked = random.Random(seed).sample(pool, 300)
        assert sum(s.count('"') % 2 for s in picked) > 5  # the case this test is about: unpaired marks
        text = " ".join(picked)
        us = units(text)
        assert all(text[u.start : u.end] == u.text for u in us)
        assert max(len(u.text) for u in us) < 1500
        assert len(us) >= 0.85 * len(picked)


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


PASTED_A = (
    "Putin rejects truce\nPutin rejected a ceasefire on Monday after a two-hour call with Trump.\n"
    "Advertisement\nThe Kremlin said talks would continue in Istanbul.\n"
    "Story continues below advertisement\nZelensky called for more sanctions.\n"
    "Read more: Trump says talks will start immediately\n© 2025 The Daily Example"
)
PASTED_B = (
    "Trump and Putin speak\nThe Kremlin said more talks would take place in Istanbul.\nADVERTISEMENT\n"
    "European leaders met in Brussels on Tuesday.\nSign up for our morning newsletter\n"
    "Listen to this article · 4 min\nZelensky urged Europe to impose more sanctions on Russia."
)


class TestBoilerplate:
    def test_web_page_furniture_lines_are_boilerplate(self) -> None:
        """Advertisement, "continues below", "read more", newsletter and copyright lines anywhere in the
        text are boilerplate; the article's own sentences and headline keep their kinds."""
        kinds = {u.text: u.kind for u in units(PASTED_A)}
        assert kinds["Advertisement"] is UnitKind.BOILERPLATE
        assert kinds["Story continues below advertisement"] is UnitKind.BOILERPLATE
        assert kinds["Read more: Trump says talks will start immediately"] is UnitKind.BOILERPLATE
        assert kinds["© 2025 The Daily Example"] is UnitKind.BOILERPLATE
        assert kinds["Putin rejects truce"] is UnitKind.HEADLINE
        assert kinds["Zelensky called for more sanctions."] is UnitKind.SENTENCE

    @pytest.mark.parametrize(
        "line",
        [
            "The advertisement ran on Sunday.",
            "Read more about it in the report, officials said.",
            "Share prices fell 3 percent.",
            "Related events followed.",
            "Follow the money",
        ],
    )
    def test_sentences_that_mention_such_words_are_not(self, line: str) -> None:
        """Only a whole line of furniture is: a sentence that uses its words stays a sentence."""
        us = units(f"A storm killed 12 people.\n{line}\nPower was cut.")
        assert [u.kind for u in us] == [UnitKind.SENTENCE] * 3

    def test_never_matched_nor_counted(self) -> None:
        """Two sources that both carry "Advertisement" do not agree on it, the counts leave such
        lines out, and the comparison's notes say how many lines each source had."""
        c = compare_texts([PASTED_A, PASTED_B])
        kind = {u.id: u.kind for u in c.units}
        matched = [g for g in c.groups if len(g.units) > 1]
        assert matched and all(kind[u] is not UnitKind.BOILERPLATE for g in matched for u in g.units)
        report = c.to_dict()
        assert_valid(report, {a.id: a.text for a in c.sources})
        only = report["summary"]["only"]
        assert only == {
            s: sum(1 for g in c.groups if g.verdict.value == "only" and kind[g.units[0]] is UnitKind.SENTENCE
                   and g.units[0].startswith(s))
            for s in ("A", "B")
        }  # fmt: skip
        assert any("Source A: 4 lines of web-page furniture" in n for n in c.notes)
        assert any("Source B: 3 lines of web-page furniture" in n for n in c.notes)
        assert {u["kind"] for u in report["units"]} >= {"boilerplate", "sentence", "headline"}

    @pytest.mark.skipif(not SETS.is_dir(), reason="needs ../shared (ECB+ and DUC development articles)")
    def test_no_line_of_real_articles_is_boilerplate(self) -> None:
        """Not one line of the ECB+ and DUC 2006 development articles (about 20,000) is taken for
        furniture, bar a copyright line."""
        data = SETS.parents[1]
        found = [line.strip() for f in [*data.glob("ecbplus/sets/*/*.txt"), *data.glob("duc/articles/*/*.txt")]
                 for line in f.read_text(encoding="utf-8").splitlines()
                 if line.strip() and UnitKind.BOILERPLATE in {u.kind for u in units(line.strip())}]  # fmt: skip
        assert all(line.lower().startswith("copyright") for line in found), found[:5]


def _wrapper_sentences(paragraph: str) -> list[str]:
    """The sentences blingfire's own Python wrapper finds, trimmed (the reference for ``segment``)."""
    import blingfire

    return [paragraph[s:e].strip() for s, e in blingfire.text_to_sentences_and_offsets(paragraph)[1]
            if paragraph[s:e].strip()]  # fmt: skip


class TestSentenceOffsets:
    @settings(max_examples=200, deadline=None)
    @given(
        words=st.lists(
            st.text(alphabet="abcXYZ09éüßøçñ日本😀ﬁ\u0301\u200b-,", min_size=1, max_size=8), min_size=1, max_size=40
        ),
        ends=st.lists(st.sampled_from([" ", " ", ". ", "! ", "? ", "... ", ".  ", ". \u00a0"]), min_size=1),
    )
    def test_same_sentences_as_the_blingfire_wrapper(self, words: list[str], ends: list[str]) -> None:
        """Sentences of a paragraph of any letters (accents, CJK, emoji) are the ones blingfire's wrapper gives."""
        paragraph = "".join(w + ends[k % len(ends)] for k, w in enumerate(words)) + "End."
        expected = _wrapper_sentences(paragraph)
        assert texts(paragraph) == (expected or [paragraph.strip()])

    @pytest.mark.skipif(not SETS.is_dir(), reason="ECB+ development sets (../shared/data/ecbplus) not available")
    def test_one_long_paragraph_with_other_scripts(self) -> None:
        """Buffers kept across paragraphs of one article give each paragraph's own sentences."""
        pool = [s for s in _ecb_sentences() if '"' not in s and "“" not in s and "”" not in s][:400]
        long_para = " ".join(pool[:300]) + " Ein Satz für Zürich. 日本語の文。 Done 😀 here."
        text = f"{long_para}\n\nShort one. Two.\n\n{' '.join(pool[300:])}"
        expected = [s for p in text.split("\n\n") for s in _wrapper_sentences(p)]
        assert texts(text) == expected
