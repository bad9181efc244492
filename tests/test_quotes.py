"""Quotations: found (nested, over several sentences), attributed, and lined up across sources."""

from __future__ import annotations

import pytest

from compare import compare_texts
from compare.features import extract
from compare.features.attribution import find_quotes
from compare.ingest import articles_from_texts
from compare.segment import segment
from compare.text.quotations import normalise_quote, same_quotation, substantive_changes, word_changes


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e, depth, _, _ in find_quotes(text) if depth == 0]


def speakers(article: str) -> list[tuple[str, str | None]]:
    """(quotation, speaker) for every top-level quotation of a one-article text."""
    arts = articles_from_texts([article, "Unrelated filler text."])
    units = [u for u in segment(arts[0])]
    feats = extract(arts[:1], units)
    return [(q.text, q.speaker_name) for u in units for q in feats[u.id].quoted if q.depth == 0]


class TestFindQuotes:
    def test_curly_quotes_and_apostrophes(self):
        """Curly quotation marks delimit quotations; the apostrophe in "don’t" does not."""
        text = "“I don’t think we have a choice, we need to put more pressure,” she added."
        assert quoted(text) == ["I don’t think we have a choice, we need to put more pressure"]

    def test_quotation_inside_quotation(self):
        """Single quotes inside double ones are a quotation at depth 1."""
        text = (
            "“Russia wants to do largescale TRADE with the United States when this catastrophic ‘bloodbath’ is over, "
            "and I agree,” Trump said."
        )
        spans = find_quotes(text)
        inner = [text[s:e] for s, e, depth, _, _ in spans if depth == 1]
        assert inner == ["bloodbath"]
        assert len([s for s in spans if s[2] == 0]) == 1

    def test_quotation_over_several_sentences(self):
        """A quotation running over sentences is one quotation; an unclosed one is marked unfinished."""
        text = "“The devil is in the details. Drafts will be drawn up both by the Russian side and the Ukrainian side.”"
        assert quoted(text) == [
            "The devil is in the details. Drafts will be drawn up both by the Russian side and the Ukrainian side."
        ]
        (_, _, _, continued, unfinished) = find_quotes("“The devil is in the details. Drafts will be drawn up")[0]
        assert unfinished and not continued
        (_, _, _, continued, unfinished) = find_quotes("and then there will be difficult contacts,” he said.")[0]
        assert continued and not unfinished

    def test_straight_quotes(self):
        """Straight double quotes work as well (MRPC)."""
        text = '"We condemn the Governing Council headed by the United States," Muqtada al Sadr said.'
        assert quoted(text) == ["We condemn the Governing Council headed by the United States"]

    def test_straight_closing_mark_of_a_quotation_begun_before(self):
        """A straight mark after a comma or full stop and before a space closes a quotation that began
        before the text: the words before it are quoted, not the narration after it (MRPC)."""
        text = 'They did not nationalize them," Manouchehr Takin, an analyst, said.'
        (s, e, _, continued, unfinished) = find_quotes(text)[0]
        assert text[s:e] == "They did not nationalize them" and continued and not unfinished
        assert len(find_quotes(text)) == 1
        text = 'It ended." Then he said "yes, now" and left.'
        assert quoted(text) == ["It ended.", "yes, now"]
        assert quoted('He said,"we go" and left.') == ["we go"]  # no space after the mark: it opens


class TestSpeakers:
    def test_name_told(self):
        """ "..., Kremlin spokesman Dmitry Peskov told journalists" gives the quotation to Dmitry Peskov."""
        text = "“There is no time frame and can be none,” Kremlin spokesman Dmitry Peskov told journalists Tuesday."
        assert speakers(text) == [("There is no time frame and can be none", "Dmitry Peskov")]

    def test_said_name_with_initial(self):
        """ "said Neal R. Sonnett, a Miami lawyer" gives it to Neal R. Sonnett (MRPC)."""
        text = '"We must defend those whom we dislike or even despise," said Neal R. Sonnett, a Miami lawyer.'
        ((_, who),) = speakers(text)
        assert who is not None and who.endswith("Sonnett")

    def test_pronoun_back_to_named_person(self):
        """ "she added" is the person named before (Kaja Kallas)."""
        text = (
            "E.U. foreign policy chief Kaja Kallas said officials would keep working on the next package.\n"
            "“I don’t think we have a choice, we need to put more pressure,” she added.\n"
        )
        assert speakers(text)[-1] == ("I don’t think we have a choice, we need to put more pressure", "Kaja Kallas")

    @pytest.mark.parametrize(
        ("text", "who"),
        [
            (
                "University of Michigan President Mary Sue Coleman said in a statement, “Our values haven't changed.”",
                "Mary Sue Coleman",
            ),
            ("Former U.S. Secretary of State Colin Powell said “We have work to do.”", "Colin Powell"),
        ],
    )
    def test_a_title_of_an_organisation_before_the_name(self, text: str, who: str) -> None:
        """The "of" inside "University of Michigan President" or "Secretary of State" belongs to the title:
        the name after it speaks (MRPC), not "University"."""
        assert speakers(text)[0][1] == who

    def test_the_organisation_of_a_titled_speaker_does_not_speak(self) -> None:
        """ "Georgia Bureau of Investigation spokesman John Bankhead said the crime scenes indicated ...":
        the spokesman is quoted, not "Georgia Bureau" (MRPC); "Sean Harrigan of Calpers said" still is Harrigan."""
        text = (
            "Georgia Bureau of Investigation spokesman John Bankhead said the crime scenes indicated that "
            "the killer was “very methodical.”"
        )
        assert speakers(text)[0][1] == "John Bankhead"
        assert speakers("Sean Harrigan of Calpers said “We are done.”")[0][1] == "Sean Harrigan"

    def test_a_name_after_a_preposition_does_not_speak(self) -> None:
        """ "A letter to President Bush said": Bush is not the speaker."""
        assert speakers("A letter to President Bush said “We object.”")[0][1] is None

    def test_he_wrote_after_appositive(self):
        """ "he wrote" after "Konstantin Kosachev, chairman of ..., said" is Kosachev."""
        text = (
            "Konstantin Kosachev, chairman of the foreign affairs committee of Russia’s Federation Council, the upper "
            "legislative chamber, said Russia and the U.S. had emerged as negotiation partners.\n"
            "“The first is discussing the prospects for achieving peace,” he wrote on social media.\n"
        )
        assert speakers(text)[-1][1] == "Konstantin Kosachev"

    def test_age_epithet(self):
        """ "The 78-year-old added" is Trump when "Trump, 78" came before."""
        text = (
            "Trump, 78, put a happy spin on the call.\n"
            "The 78-year-old added that he had relayed details to “Ursula von der Leyen, "
            "President of the European Commission.”\n"
        )
        assert speakers(text)[-1][1] == "Trump"

    def test_saying_gives_quote_to_sentence_subject(self):
        """ "Putin doubled down ..., saying that ... “root cause”" gives the words to Putin."""
        text = (
            "WASHINGTON — Russian President Vladimir Putin doubled down Monday on not accepting a cease-fire — saying "
            "that Moscow was not ready for peace until the “root cause” of the “crisis” is addressed."
        )
        assert {who for _, who in speakers(text)} == {"Vladimir Putin"}

    def test_second_paragraph_of_a_quotation(self):
        """A quotation with no attribution that opens a unit goes on from the speaker before."""
        text = (
            "Peskov added that this would be difficult and take time.\n"
            "“The devil is in the details. Drafts will be drawn up both by the Russian side and the Ukrainian side.”\n"
        )
        assert speakers(text)[-1][1] == "Peskov"

    def test_scare_quotes_get_no_speaker(self):
        """A quoted word inside narration, with no one saying it, has no speaker."""
        text = (
            "Pistorius said Europe must tighten the sanctions screw.\n"
            "The European Union adopted fresh sanctions, including targeting the “shadow fleet” "
            "used to skirt the embargo.\n"
        )
        assert speakers(text)[-1] == ("shadow fleet", None)


class TestSpeakersFoundOnEcb:
    """Attributions that made false speaker differences on ECB+ development articles."""

    def test_said_office_title_person(self):
        """ "said Kremlin spokesman Dmitry Peskov" is Peskov's, not the Kremlin's."""
        text = "“There is no time frame,” said Kremlin spokesman Dmitry Peskov."
        assert speakers(text) == [("There is no time frame", "Dmitry Peskov")]

    def test_said_org_unknown_title_person(self):
        """ "said ABC Entertainment Group prexy Paul Lee" is Paul Lee's."""
        text = "“It is an honor to welcome back Ellen DeGeneres,” said ABC Entertainment Group prexy Paul Lee."
        assert speakers(text) == [("It is an honor to welcome back Ellen DeGeneres", "Paul Lee")]

    def test_joint_speakers_after_said(self):
        """ "said Zadan and Meron jointly" is neither's alone."""
        text = "“We are thrilled to have Ellen DeGeneres host the Oscars,” said Zadan and Meron jointly."
        assert speakers(text) == [("We are thrilled to have Ellen DeGeneres host the Oscars", None)]

    def test_joint_speakers_before_said(self):
        text = "“We are thrilled,” producers Craig Zadan and Neil Meron said in a statement."
        assert speakers(text) == [("We are thrilled", None)]

    def test_possessive_subject_is_not_an_earlier_name(self):
        """ "..., her rep told People": the rep spoke, not the clinic named earlier in the sentence."""
        from compare.features.attribution import Attributor

        text = "Tara Reid checked herself into Promises Treatment Center, her rep told People."
        name = Attributor.for_article([text]).unit(text)[2]
        assert name != "Promises Treatment Center"

    def test_the_official_is_the_last_official_described(self):
        """ "the official said" goes back to the last official described, past later other descriptions."""
        from compare.features.attribution import Attributor

        texts = ["A senior official said the talks would go on.", "A Ukrainian official said the same.",
                 *[f"A{'n' if w[0] in 'aeiou' else ''} {w} said nothing more." for w in
                   ("analyst", "diplomat", "envoy", "observer", "expert") * 40],
                 "The official said it again."]  # fmt: skip
        att = Attributor.for_article(texts)
        names = [att.unit(t)[2] for t in texts]
        assert names[1] == "A Ukrainian official"
        assert names[-1] == "A Ukrainian official"


class TestWording:
    def test_normalise_ignores_brackets_case_and_contractions(self):
        """ "[t]he" is "the", "It’s" is "it is"."""
        assert normalise_quote("[t]he tone was excellent") == normalise_quote("The tone was excellent")
        assert normalise_quote("It’s not our war") == normalise_quote("it is not our war")

    def test_a_contraction_typed_without_its_apostrophe_is_the_contraction(self):
        """ "recall isnt one of them" / "recall isn't one of them" (MRPC); "cant" and "wont" are words."""
        assert normalise_quote("and recall isnt one of them") == normalise_quote("and recall isn't one of them")
        assert normalise_quote("I dont know") == "i do not know"
        assert normalise_quote("we cant say what we wont do") == "we cant say what we wont do"

    def test_changes_inside_shared_stretch_only(self):
        """Changed and cut words are listed; a longer excerpt at either end is not a change."""
        assert word_changes("we can continue to participate", "we can keep to participate") == ("continue -> keep",)
        assert word_changes("It is important not to dilute this proposal", "important not to dilute") == ()

    def test_an_ellipsis_leaves_words_out_without_changing_them(self):
        """Words one wording leaves out with "..." or "…" are an omission; a word changed beside it still counts."""
        full = "we have enjoyed many years of selling chips against little competition"
        assert word_changes("we have enjoyed many years of selling...against little competition", full) == ()
        assert word_changes("we have enjoyed many years … against little competition", full) == ()
        assert word_changes("we have enjoyed many years of selling...against no competition", full) == ("no -> little",)

    def test_words_spelt_apart_or_together_are_one_wording(self):
        """Hyphens, acronym full stops and compounds written apart are spelling, not a change of words."""
        assert word_changes("we are not co-mingling the funds", "we are not comingling the funds") == ()
        assert word_changes("the F.T.C. runs the do-not-call list", "the FTC runs the do not call list") == ()
        assert word_changes("the FTC runs the list", "the FCC runs the list") == ("ftc -> fcc",)

    def test_a_changed_first_or_last_word_is_a_change(self):
        """One word in place of another before the first or after the last shared word is a change of
        wording; words that only one side has there are a shorter excerpt, and two wordings that go on
        differently for several words are two excerpts."""
        assert word_changes("Russia must end the war it started", "Russia must end the war it provoked") == (
            "started -> provoked",
        )
        assert word_changes("home to his family, he said we will", "home to his family, he said they will") == (
            "we -> they",
        )
        assert word_changes("Frankly, Russia must end the war", "Russia must end the war") == ()
        assert word_changes("Russia must end the war it started, and soon", "Russia must end the war it started") == ()
        assert word_changes("we will fight and we will win", "we will fight until the very end") == ()
        assert word_changes("Really, this plan is an insult", "His plan is an insult") == ()

    def test_an_opening_single_mark_is_not_part_of_a_word(self):
        """A quotation opened with two single marks (‘‘there was ...’’) has the same words as one opened
        with a double mark; apostrophes inside or closing a word stay."""
        assert normalise_quote("‘‘there was no possibility for crew survival,’’") == normalise_quote(
            '"there was no possibility for crew survival,"'
        )
        assert normalise_quote("Massachusetts' law, rock 'n' roll") == "massachusetts' law rock n' roll"

    def test_words_spelt_another_way_are_one_wording(self):
        """British and American spellings and a month's abbreviation are spelling, not a change of words;
        short words that look like a British ending ("four", "hour", "rise") are left alone."""
        assert word_changes("the labour market has been weakening", "the labor market has been weakening") == ()
        assert word_changes("the centre will be organised", "the center will be organized") == ()
        assert word_changes("the attacks of September 11, 2001", "the attacks of Sept. 11, 2001") == ()
        assert word_changes("we will grow in four years time", "we will grow in for years time") == ("four -> for",)
        assert word_changes("by the hour we were told", "by the hor we were told") == ("hour -> hor",)
        assert word_changes("the attacks of September 11", "the attacks of Oct. 11") == ("september -> oct",)

    def test_words_in_brackets_are_the_writers(self):
        """Words in brackets or parentheses inside a quotation are an editorial insertion, not a change."""
        assert word_changes("The benefit is equal for everyone", "The (drug) benefit is equal for everyone") == ()
        assert word_changes("entitled to these superannuation payments", "entitled to these [pension] payments") == ()
        assert word_changes("The benefit is equal for everyone", "The drug benefit is equal for everyone") == (
            "+ drug",
        )
        assert word_changes("[T]he benefit is equal", "The benefit is equal") == ()

    def test_a_small_number_in_figures_or_in_words_is_one_wording(self) -> None:
        """ "over 2 years" / "over two years" is house style (MRPC); another number is a change."""
        assert (
            word_changes(
                "how did 38 visits over 2 years not rescue them", "how did 38 visits over two years not rescue them"
            )
            == ()
        )
        assert word_changes(
            "how did 38 visits over 2 years not rescue them", "how did 38 visits over three years not rescue them"
        ) == ("2 -> three",)

    def test_a_suspended_hyphen_and_aint_are_spelling(self) -> None:
        """ "short- or long-lived" spells out as "short-lived or long-lived"; "ain't" is "isn't" (MRPC)."""
        assert normalise_quote("short- or long-lived") == normalise_quote("short-lived or long-lived")
        assert normalise_quote("threats - international terrorists") == "threats international terrorists"
        assert word_changes("if that ain't a Democrat, I must be", "if that isn't a Democrat, I must be") == ()

    def test_a_name_transliterated_two_ways_is_one_wording(self) -> None:
        """ "al-Qaeda" / "al-Qaida" (MRPC): one name from another alphabet; "Michael" / "Michelle" (other
        consonants) and "began" / "begun" (no name) are changes."""
        support = "that Iraq provided material support to bin Laden and"
        assert word_changes(f"{support} al-Qaeda", f"{support} al-Qaida") == ()
        assert word_changes("we met Michael there today", "we met Michelle there today") == ("michael -> michelle",)
        assert word_changes("the talks began in earnest today", "the talks begun in earnest today") == (
            "began -> begun",
        )

    def test_ordinal_endings_of_figures(self):
        """ "September 11th" and "September 11" are one wording; another day is not."""
        assert normalise_quote("on September 11th") == normalise_quote("on September 11")
        assert word_changes("on September 11th, we acted", "on September 12, we acted") == ("11 -> 12",)

    def test_substantive_changes(self):
        """Changes of function words, of a word's form or of word order are variants of transcription;
        any other changed word, a negation included, is a change of what was said."""
        assert substantive_changes("I am happy to be here", "I am very happy to be here") == ()
        assert substantive_changes("I hate most of them and left", "I hated most of them and left") == ()
        assert substantive_changes("will help further establish his case", "will further help establish his case") == ()
        assert substantive_changes("the city will agree to work with us", "the city will continue to work with us") == (
            "agree -> continue",
        )
        assert substantive_changes("I do want to be the candidate", "I do not want to be the candidate") == ("+ not",)
        # a demonstrative or a preposition of place is transcription (MRPC); a preposition with its own
        # sense is not
        assert (
            substantive_changes(
                "It was to fly a plane into the White House", "It was to fly a plane in the White House"
            )
            == ()
        )
        assert substantive_changes("We will defend these charges in court", "We will defend the charges in court") == ()
        assert substantive_changes("We voted for the bill", "We voted against the bill") == ("for -> against",)
        assert substantive_changes("this deal makes sense for both", "this deal makes good sense for both") == (
            "+ good",
        )

    def test_same_quotation(self):
        """ "root cause" is part of "eliminating the root causes"; unrelated quotations are not one."""
        assert same_quotation("eliminating the root causes", "root cause")
        assert not same_quotation("eliminating the root causes", "frank and meaningful")


class TestLedger:
    def test_speaker_conflict_in_ledger(self):
        """The seeds' sentences: one ledger entry carried by both sources, with different speakers."""
        a = (
            "On Tuesday, Peskov repeated the long-standing Russian position that the conflict be settled by "
            "“eliminating the root causes,” language that effectively means the dismantling of Ukrainian sovereignty."
        )
        b = (
            "WASHINGTON — Russian President Vladimir Putin doubled down Monday on not accepting a cease-fire — saying "
            "that Moscow was not ready for peace until the “root cause” of the “crisis” is addressed."
        )
        c = compare_texts([a, b])
        (entry,) = [e for e in c.quotes if len(e.sources) == 2]
        assert entry.status == "speaker"
        assert {w.speaker for w in entry.wordings} == {"Peskov", "Vladimir Putin"}

    def test_identical_and_altered(self):
        """The same words quoted by both sources are identical; a changed word makes them altered."""
        same = "“It is not our war,” Vance said. Putin spoke with Trump for two hours."
        c = compare_texts([same, "Vance spoke. “It’s not our war,” Vance said."])
        assert [e.status for e in c.quotes if len(e.sources) == 2] == ["identical"]
        c = compare_texts(
            [
                "“We will not be prepared to continue tolerating Russia’s actions,” Pistorius said.",
                "“We will not be prepared to keep tolerating Russia’s actions,” Pistorius said.",
            ]
        )
        (entry,) = c.quotes
        assert entry.status == "altered"
        assert entry.wordings[1].changes == ("continue -> keep",)

    def test_paraphrased_only(self):
        """A quotation another source reports without quotation marks, in a matched unit, is paraphrased."""
        from compare.analyze.ledger import ledger
        from compare.model import Group, Verdict

        arts = articles_from_texts(
            [
                "“Ukraine is ready for a full and unconditional ceasefire,” Zelensky wrote on X.",
                "Zelensky stressed that Ukraine is ready for a full and unconditional cease-fire immediately.",
            ]
        )
        units = [u for a in arts for u in segment(a)]
        feats = extract(arts, units)
        (entry,) = ledger(units, feats, [Group("g1", Verdict.AGREE, ("A0", "B0"), 80.0)])
        assert entry.status == "paraphrased"
        assert entry.paraphrased_in == ("B0",)
        (entry,) = ledger(units, feats, [])
        assert entry.status == "single"

    def test_nested_entry_points_to_its_parent(self):
        """A quotation inside another records the entry it sits in."""
        c = compare_texts(
            [
                "“Russia wants to do largescale TRADE when this catastrophic ‘bloodbath’ is over, "
                "and I agree,” Trump said.",
                "Trump spoke to Putin for two hours.",
            ]
        )
        inner = next(e for e in c.quotes if e.wordings[0].text == "bloodbath")
        outer = next(e for e in c.quotes if e.wordings[0].text.startswith("Russia wants"))
        assert inner.inside == outer.id

    def test_json_extension_fields(self):
        """The JSON report gains quotes, entities and numbers lists and keeps every version-1 field."""
        c = compare_texts(
            [
                "“It is not our war,” Vance said on Monday. The two sides agreed to exchange 1,000 prisoners.",
                "“It’s not our war,” Vance said on Monday. The two sides agreed to swap one thousand prisoners.",
            ]
        )
        d = c.to_dict()
        assert {"version", "sources", "units", "groups", "summary"} <= set(d)
        assert d["version"] == 1
        assert d["quotes"][0]["sources"] == ["A", "B"]
        prisoners = [n for n in d["numbers"] if "prisoner" in n["text"]]
        assert len(prisoners) == 1  # "1,000" and "one thousand" share a row
        assert prisoners[0]["written"] == {"A": ["1,000"], "B": ["one thousand"]}
        vance = next(e for e in d["entities"] if e["text"].endswith("Vance"))
        assert vance["units"]["A"] and vance["units"]["B"]


class TestBoundedScores:
    """Fuzzy scores on quotations longer than FUZZY_CHARS run on a bounded stretch; shorter ones are exact."""

    def test_short_quotations_scored_as_they_are(self):
        from rapidfuzz import fuzz

        from compare.text.quotations import bounded_pair, bounded_partial_ratio, bounded_ratio

        a, b = "we will not accept a ceasefire", "we would never accept any ceasefire now"
        assert bounded_pair(a, b) == (a, b)
        assert bounded_ratio(a, b) == fuzz.ratio(a, b)
        assert bounded_partial_ratio(a, b) == fuzz.partial_ratio(a, b)

    def test_excerpt_of_a_long_quotation_is_found_where_it_is(self):
        """The longer side is cut to the stretch holding the shorter's words, so a short excerpt from
        the middle of a 30,000-character quotation still reads as contained in it."""
        from compare.text.quotations import FUZZY_CHARS, bounded_pair, bounded_partial_ratio

        filler = " ".join(f"word{i}" for i in range(3000))
        short = "the pirates were about to board the merchant vessel in the gulf"
        long = f"{filler} {short} {filler}"
        cut_short, cut_long = bounded_pair(short, long)
        assert cut_short == short and short in cut_long and len(cut_long) <= 1.5 * FUZZY_CHARS
        assert bounded_partial_ratio(short, long) == 100
        assert bounded_partial_ratio(long, short) == 100

    def test_long_quotations_of_different_lengths_are_not_similar_as_a_whole(self):
        from compare.text.quotations import bounded_ratio

        assert bounded_ratio("a b c " * 100, "a b c " * 1000) < 70

    def test_a_repeated_quotation_is_one_entry_across_sources_and_apart_within_one(self) -> None:
        """Words quoted three times in A and once in B are one entry of four wordings (the ledger judges a
        text once, however often it is quoted); words only A repeats stay one entry per quotation, and so
        do words with no content word ("No.") even when both sources quote them."""
        a = " ".join(
            ["He said “we will rebuild the bridge.”"] * 3
            + ["She said “the mayor resigned today.”"] * 2
            + ["They said “No.”"]
        )
        b = "He said “we will rebuild the bridge.” They said “No.”"
        entries = [(e.wordings[0].text, len(e.wordings), str(e.status)) for e in compare_texts([a, b]).quotes]
        assert entries == [
            ("we will rebuild the bridge.", 4, "identical"),
            ("the mayor resigned today.", 1, "single"),
            ("the mayor resigned today.", 1, "single"),
            ("No.", 1, "single"),
            ("No.", 1, "single"),
        ]

    def test_ledger_of_giant_unclosed_quotations_is_fast(self):
        """Two one-paragraph texts whose quotation marks never close: the ledger stays quick."""
        import time

        from compare.analyze.ledger import ledger

        words = [f"w{i % 997}" for i in range(20000)]
        texts = [
            "“" + " ".join(words) + ". Putin said “we will talk” on Monday, and “" + " ".join(words[::-1]) + ".",
            "“" + " ".join(words[5:]) + ". “We will talk,” Putin said. “" + " ".join(words[7:]) + ".",
        ]
        result = compare_texts(texts)
        start = time.process_time()
        entries = ledger(result.units, result.features, result.groups)
        assert time.process_time() - start < 5
        assert entries
