"""Every fast path gives exactly what its plain version gives.

One table: each row names a public function, its plain version (an oracle of the same signature
in ``tests/oracles/``, or the function itself with ``fast=False``) and the inputs to run both on:
small generated ones (hypothesis) in ``CASES``, real articles in ``REAL`` (skipped without
``../shared``). One property test runs each row, as RapidFuzz runs its C++ scorers against
``*_py.py``. Checks that are not a fast path against a plain one live in the per-stage test files.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import compare_texts, match
from compare.analyze.explain import explain
from compare.analyze.mentions import entity_table, number_table
from compare.classify import classify, differences, pair_differences, roles
from compare.features import extract
from compare.features.attribution import Attributor, find_quotes
from compare.features.quantities import extract_quantities, read_date
from compare.ingest import articles_from_texts, read_articles
from compare.model import Unit, Verdict
from compare.options import MatchOptions
from compare.report.sections import shared_rows
from compare.segment import segment
from compare.text.quotations import normalise_quote
from compare.text.words import clauses, content_tokens, hedge_cues, lower_words, name_spans, negation_cues
from tests import oracles
from tests.conftest import CLAIMS
from tests.oracles import analyze as analyze_oracle
from tests.oracles import classify as classify_oracle
from tests.oracles import features as features_oracle
from tests.oracles import match as match_oracle
from tests.oracles import report as report_oracle
from tests.oracles import text as text_oracle

ROOT = Path(__file__).resolve().parents[1]
SETS = Path(os.environ.get("COMPARE_SHARED", ROOT.parent / "shared")) / "data" / "ecbplus" / "sets"

Call = tuple[tuple[Any, ...], dict[str, Any]]
"""The arguments of one call: positional and keyword."""


def same(a: object, b: object) -> bool:
    """Equal to the bit: arrays of one dtype and equal values, dataclasses field by field, sequences item by item."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return type(a) is type(b) and all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, list | tuple):
        return isinstance(b, list | tuple) and len(a) == len(b) and all(map(same, a, b))
    return a == b


def same_ngram_counts(a: list[Any], b: list[Any]) -> bool:
    """The same n-gram counts: row sums (distinct n-grams of a sequence) and row products (n-grams two share).

    The columns may come in another order: that changes neither.
    """
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x.shape[0] != y.shape[0] or not np.array_equal(x.sum(axis=1), y.sum(axis=1)):
            return False
        if not np.array_equal((x @ x.T).toarray(), (y @ y.T).toarray()):
            return False
    return True


@dataclass(frozen=True)
class Case:
    """One fast path and its plain version, with the inputs to run both on."""

    name: str
    fast: Callable[..., object]
    plain: Callable[..., object]
    inputs: st.SearchStrategy[Call]
    """Generated calls (hypothesis)."""
    examples: int = 100
    equal: Callable[[Any, Any], bool] = same


@dataclass(frozen=True)
class RealCase:
    """One fast path and its plain version, run on the calls ``load`` reads from real articles."""

    name: str
    fast: Callable[..., object]
    plain: Callable[..., object]
    load: Callable[[], list[Call]]
    """The calls; skips the test when the articles are not available."""
    equal: Callable[[Any, Any], bool] = same


# --------------------------------------------------------------------------------------------
# inputs


def prepare(texts: Sequence[str]) -> tuple[list[Unit], dict[str, Any]]:
    """Units and features of articles holding ``texts``, one source each."""
    arts = articles_from_texts(list(texts))
    units = [u for a in arts for u in segment(a)]
    return units, extract(arts, units)


def call(*args: Any, **kwargs: Any) -> Call:
    return args, kwargs


def text_call(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[Call]:
    """Calls with one text drawn from ``strategy``."""
    return strategy.map(lambda t: call(t))


def words_of(pieces: Sequence[str], max_size: int, sep: str = " ") -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map(sep.join)


WORDS = ["Putin", "Trump", "ceasefire", "talks", "Monday", "Ukraine", "prisoners", "rejected", "call", "Kremlin",
         "two", "hours", "said", "the", "a", "not"]  # fmt: skip
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(lambda ws: " ".join(ws) + ".")
article = st.lists(sentence, min_size=1, max_size=6).map("\n".join)
articles = st.lists(article, min_size=2, max_size=3)


def candidate_call(texts: list[str], k: int, block: int, max_df: int | None) -> Call:
    return call(*prepare(texts), max_per_unit=k, block_rows=block, max_df=max_df)


PAIR_MATRICES = ("tfidf", "weighted_presence", "names", "qvals", "qunits")


def pair_values_call(texts: list[str], which: str, chunk: int) -> Call:
    units, feats = prepare(texts)
    left, right = match.candidates(units, feats, max_per_unit=0)
    return call(getattr(match.Context.build(units, feats), which), left, right, chunk=chunk)


def score_call(texts: list[str], pick: float, least: float | None) -> Call:
    """At a level that is some pair's score (``pick`` of the way up), with the event level ``least`` or none."""
    units, feats = prepare(texts)
    full = match.score(units, feats)
    at_least = float(np.sort(full.score)[int(pick * (len(full.score) - 1))]) if len(full.score) else 50.0
    if least is None:
        return call(units, feats, at_least=at_least)
    return call(units, feats, at_least=max(at_least, 0.01), event_at=least)


def text_scores_call(texts: list[str], seed: int) -> Call:
    """The candidate pairs in a random order, both ways round."""
    units, feats = prepare(texts)
    left, right = match.candidates(units, feats, max_per_unit=0)
    order = np.random.default_rng(seed).permutation(len(left))
    left, right = np.r_[left[order], right[order]], np.r_[right[order], left[order]]
    return call(match.Context.build(units, feats), left, right)


def grow_call(pairs: dict[tuple[int, int], float], sources: int) -> Call:
    """Links among 12 units split between ``sources`` sources (a pair within one source dropped)."""
    per = 12 // sources
    units = [Unit(f"{chr(65 + k // per)}{k % per}", chr(65 + k // per), k % per, 0, 1, "x") for k in range(12)]
    keys = sorted(k for k in pairs if k[0] < k[1] and units[k[0]].source != units[k[1]].source)
    links = match.Links(
        left=np.array([a for a, _ in keys], dtype=np.int64),
        right=np.array([b for _, b in keys], dtype=np.int64),
        score=np.array([pairs[k] for k in keys], dtype=np.float64),
    )
    return call(links, units)


def top_call(rows: list[tuple[int, int]], k: int) -> Call:
    """A ``top_of`` call: links with a key and a score each (``other`` distinct, as unit indices are)."""
    key = np.array([r[0] for r in rows], dtype=np.int64)
    s = np.array([float(r[1]) for r in rows])
    return call(key, s, np.arange(len(rows), dtype=np.int64)[::-1].copy(), k)


SCORES = [0.0, -0.0, 0.5, 12.25, 99.99, 100.0, float("nan"), float("inf"), 1e-300]
"""Scores with ties, both zeros, NaN and extremes (``best_first`` must order them as ``lexsort`` does)."""


def order_call(rows: list[tuple[int, int, int]], wide: bool) -> Call:
    """A ``best_first`` call: keys, scores and others with ties; ``wide``: keys too wide for one integer."""
    scale = 2**60 if wide else 1
    key = np.array([r[0] * scale for r in rows], dtype=np.int64)
    s = np.array([SCORES[r[1]] for r in rows])
    return call(key, s, np.array([r[2] for r in rows], dtype=np.int64))


def link_pairs(low: int, high: int) -> st.SearchStrategy[dict[tuple[int, int], float]]:
    return st.dictionaries(
        st.tuples(st.integers(0, low), st.integers(high, 11)), st.floats(0, 100, allow_nan=False), max_size=30
    )


def each_pair(f: Callable[..., list[Any]]) -> Callable[[list[Unit], dict[str, Any]], list[list[Any]]]:
    """``f(a, b, fa, fb)`` of every two units of different sources, both ways round."""

    def run(units: list[Unit], feats: dict[str, Any]) -> list[list[Any]]:
        return [f(a, b, feats[a.id], feats[b.id]) for a in units for b in units if a.source != b.source]

    return run


def tables_call(texts: list[str]) -> Call:
    """The names or numbers table of articles holding ``texts``, one source each."""
    units, feats = prepare(texts)
    return call(units, feats, list(dict.fromkeys(u.source for u in units)))


def explain_call(texts: list[str], k: int) -> Call:
    """The ``k``-th group (counted round) of the comparison of ``texts``."""
    c = compare_texts(texts)
    return call(c, c.groups[k % len(c.groups)])


VERDICT_SETS = [(Verdict.AGREE,), (Verdict.DIFFER,), (Verdict.AGREE, Verdict.DIFFER)]
"""The verdicts whose groups ``shared_rows`` lays out in rows (the reports ask for the first)."""


def rows_call(texts: list[str], verdicts: tuple[Verdict, ...]) -> Call:
    """The rows of the groups of ``verdicts`` in the comparison of ``texts``."""
    return call(compare_texts(texts), verdicts=verdicts)


def differences_in_classify(units: list[Unit], feats: dict[str, Any], matches: list[match.Match]) -> list[Any]:
    """Each group's differences as ``classify`` finds them (a unit read once for all its groups)."""
    return [list(g.differences) for g in classify(units, feats, matches) if len(g.units) > 1]


def differences_alone(units: list[Unit], feats: dict[str, Any], matches: list[match.Match]) -> list[Any]:
    """Each group's differences as ``differences`` finds them for that group alone."""
    by_id = {u.id: u for u in units}
    return [
        differences([by_id[i] for i in g.units], feats) for g in classify(units, feats, matches) if len(g.units) > 1
    ]


def groups_call(texts: list[str], threshold: float | None = None) -> Call:
    units, feats = prepare(texts)
    options = MatchOptions() if threshold is None else MatchOptions(threshold=threshold)
    return call(units, feats, match.align(units, feats, options))


def quotes_and_speakers(texts: list[str], *, fast: bool = True) -> list[object]:
    """Each text's quotations and speakers through one article, and what the attributor remembers."""
    att = Attributor.for_article(["Vladimir Putin, 71, spoke.", *texts])
    return [att.unit(t, fast=fast) for t in texts] + [att.last_named, att.descriptions, att.previous]


SPACES = ["\t", "\n", "\x0b", "\x1c", "\x85", "\xa0", "\u2003", "\u3000", "\u200b", "\ufeff"]
MONTHS = ["January", "february", "MARCH", "Apr", "apr.", "May", "June", "Jul.", "Sept.", "Sep", "sept", "December",
          "Dec.", "Marc", "Mayo"]  # fmt: skip
DAYS = ["1", "01", "1st", "1th", "2nd", "3rd", "9", "12th", "28", "29", "29th", "30", "31", "31st", "0", "00", "32"]
YEARS = ["", " 2013", ", 2013", ",  2008", " 1999", " 1000", " 0999", "\n2004", " 2000", " 2100"]
ISO = (["2012", "2011", "0999"], ["00", "02", "04", "12", "13"], ["00", "03", "29", "30", "31"])
SLASHED = (["3", "03", "12", "13", "25"], ["4", "12", "29", "31"], ["2009", "09", "2011", "0999"])
COUNTS = ["a", "an", "one", "two", "Ten", "1", "3", "12", "13", "899", "900", "901", "0"]
SPANS = ["day", "days", "week", "Weeks", "month", "months", "year", "years"]
NEXT = ["week", "month", "year", "monday", "Tuesday", "wednesday", "thursday", "friday", "saturday", "Sunday", "decade"]
COMMON_DATES = ["March 5, 2009", "5 March 2009", "5th of March", "Sept. 11", "March 2009", "two weeks ago",
                "3 months ago", "a year ago", "yesterday", "last Friday", "next month", "2013-09-26",
                "12/25/2009"]  # fmt: skip
"""Date forms common in news text, which ``read_date`` reads without dateparser."""


def joined(fmt: str, *parts: list[str]) -> st.SearchStrategy[str]:
    return st.builds(fmt.format, *(st.sampled_from(p) for p in parts))


date_span = st.one_of(
    joined("{} {}{}", MONTHS, DAYS, YEARS),
    joined("{} {}{}{}", DAYS, ["", "of "], MONTHS, YEARS),
    joined("{}{}", MONTHS, YEARS[1:]),
    joined("{}-{}-{}", *ISO),
    joined("{}/{}/{}", *SLASHED),
    joined("{} {} ago", COUNTS, SPANS),
    joined("{} {}", ["last", "next", "Last", "NEXT"], NEXT),
    st.sampled_from(["yesterday", "Today", "TOMORROW"]),
)

CUE_WORDS = ["not", "Not", "NOT", "no", "No", "don't", "don’t", "Don’t", "DON'T", "can’t", "won't", "isn’t",
             "shouldn’t", "aren't", "cant", "never", "refused", "Denied", "without", "declined to", "failed to",
             "fail to", "declining", "failure", "not only", "no doubt", "nothing but", "may", "May", "May 5",
             "might", "Reportedly", "is widely seen as", "was expected to", "according to reports", "likely",
             "said", "Putin", "talks", "the", "ceasefire", "’", "'", "-", "ain’t", "n't", "hadn’T", "İsn't",
             "can’t’ve", "o’clock", "_not", "x_no"]  # fmt: skip
WORD_PIECES = ["Putin", "PUTIN", "said", "SAID", "don't", "DON’T", "aren’t", "N'T", "isn’t", "İstanbul", "ΟΔΟΣ",
               "ΟΔΟΣ.Α", "Cease-Fire", "cease-fire", "co-op", "O’Brien", "o'brien", "’s", "'s", "Kelvin", "ſaid",
               "saıd", "the", "a", "I", "x", "1", "2009", "_", "-", "’", "'", ".", ",", " ", "\n", "“", "é", "É",
               "ǅ", "Ⅻ", "ß", "ẞ", "is widely seen as", "IS EXPECTED TO", "was thought to", "according to reports",
               "It is believed", "were rumoured to", "is ſaid to", "Is Expected to", "widely regarded",
               "widely ſeen"]  # fmt: skip
any_text = st.text(st.characters(codec="utf-8"), max_size=60)
word_text = words_of(WORD_PIECES, 12) | words_of(WORD_PIECES, 12, "")
cue_text = words_of(CUE_WORDS, 10) | word_text | any_text
CLAUSE_PIECES = ["and", "And", "band", "rock-and-roll", "after", "aftermath", "but", "butter", "while", "which",
                 "when", "whence", "where", "Kyiv", "talks", "a", "b", "w", "-", " - ", "  -  ", ",", ", ", " ,",
                 ";", ":", "(", ")", "—", "–", "\"", "“", "”", "'", "’", "_and", "x", "\n", "\t", "\xa0", " ",
                 "2", "é"]  # fmt: skip
clause_text = words_of(CLAUSE_PIECES, 14) | words_of(CLAUSE_PIECES, 14, "")

ATTRIBUTION_WORDS = ["said", "Said", "SAYS", "told", "according to", "according to Putin", "Putin, saying",
                     "Putin, adding", "Putin —", "saying", ",", "—", "and", "but", "he said", "she", "said Putin",
                     "Vladimir Putin", "the official said", "a spokesman", "Kremlin", "talks", "Monday", "“We will",
                     "win,”", "\"No\"", "."]  # fmt: skip
QUOTE_WORDS = ["won't", "Won’t", "can not", "can't", "it's", "It’s", "that's", "they're", "I'll", "I'm", "we've",
               "he'd", "[t]he", "...", "…", "not", "our", "war", "‘so’", "don't", "wont"]  # fmt: skip
NUMBER_WORDS = ["1", "2009", "12/25/2009", "2009-03-05", "5th", "March", "MAR", "Mar.", "may", "May", "Sept",
                "third", "THIRD", "Twentieth", "first-class", "firſt", "thırd", "ſeptember", "Kelvin", "İn", "ago",
                "AGO", "two weeks ago", "last", "LAST", "Next", "yesterday", "old", "OLD", "aged", "42-year-old",
                "years", "year", "Putin,", "71,", "-", "/", "of", "on", "Monday", "3", "p.m.", "two", "hundred",
                "people", "killed", "5pm", "10 AM", "a.m.", "1200 GMT", "utc", "m", "a dozen", "dozen",
                "twenty-five", "sixty", "one1", "twoé", "Sept.", "12-25", "3/4", "Monday’s", "mondays", "today",
                "days", "told", "hold", "someone", "3 p.m.", "9 A.M.", "7:30 a.m.", "often", "60-year-old",
                "aged 5", "firstly", "Kelvin", "\u212a", "ago.", "last-ditch", "Thursday's", "dec",
                "decided"]  # fmt: skip
PEOPLE_TEXTS = ["Putin spoke.", "Vladimir Putin, 71, spoke.", "President Vladimir V. Putin spoke.",
                "Trump, 78, said so.", "Donald Trump agreed.", "Mr. Trump, 77, left.", "The talks ended."]  # fmt: skip
NAME_PIECES = ["Putin", "putin", "Vladimir", "President", "president", "The", "the", "US", "U.S.", "NATO", "Nato",
               "McDonald's", "O’Brien", "o'brien", "Jean-Luc", "jean-luc", "_Kyiv", "x_Kyiv", "a-Kyiv", "'Kyiv",
               "’Kyiv", "-Kyiv", "Kyiv_", "2Kyiv", "éKyiv", "Éric", "éric", "İstanbul", "istanbul", "ǅemal",
               "ΣΟΦΙΑ", "Σοφία", "אAB", "Ⅻ", "Ⓐbc", "ABC1", "A", "I", "Mr.", "Dr", "May", "may", "Monday", "MONDAY",
               "said", "Said", "New", "York", "a", "1", "٣Kyiv", "_", "'", "’", "-", "—", ".", ". ", ",", "!", ":",
               "“", "\"", "?", "\n", " ", "  ", "\t"]  # fmt: skip
ROLE_PIECES = ["the", "The", "a", "an", "AN", "in", "at", "President", "Vice", "Prime", "Minister", "Kremlin",
              "spokesman", "Dmitry", "Peskov", "Putin", "U.S.", "Mr.", "Dr.", "said", "talks", ",", "."]  # fmt: skip
named_articles = st.lists(
    st.lists(words_of(NAME_PIECES, 14) | words_of(ROLE_PIECES + NUMBER_WORDS[:40], 14), max_size=4).map(
        lambda ts: "Putin said. " + "\n".join(ts)
    ),
    min_size=2,
    max_size=3,
)
"""Articles of capitalised words, possessives, full stops, quotation marks, titles and numbers in any order."""
TABLE_PIECES = ["Anna", "Berg", "Berg’s", "St.", "Mark’s", "Square", "Day", "von", "der", "de", "la", "le", "x",
                "of", "for", "the", "a", "Bank", "Institute", "Kremlin", "Study", "War", "Norway", "I’d", "I'm",
                "Don't", "Truce", "truce", "war", "Spokeswoman", "Ministry", "Foreign", "said", "“", "”", "\"", ".",
                ",", " ", "  ", "\n", "on", "Council", "Affairs", "State", "Justice", "Defence", "State’s"]  # fmt: skip
table_articles = st.lists(
    st.lists(words_of(TABLE_PIECES, 16), min_size=1, max_size=4).map(lambda ts: "Anna Berg said. " + "\n".join(ts)),
    min_size=2,
    max_size=3,
)
"""Articles of names with particles, connectors, possessives, contractions, titles and common words."""
BODY_PIECES = (
    st.sampled_from(["the Ministry", "the Council", "Bank", "the Kremlin", "Anna Berg", "the Ministry’s"]),
    st.sampled_from([" of ", " for ", " on ", " of the ", " for the ", " on the ", " and ", "  of "]),
    st.sampled_from(["Foreign", "State", "Justice", "Defence", "Defense", "Foreign Minister", "Interior"]),
    st.sampled_from([" Affairs", " Relations", " Anna Berg", "’s", ".", " said", " aid", "", "_x", "s"]),
)
bodies = st.lists(
    st.lists(st.tuples(*BODY_PIECES).map("".join), min_size=1, max_size=4).map(lambda xs: " and ".join(xs) + "."),
    min_size=2,
    max_size=3,
)
"""Articles of bodies named with a title word ("Ministry of Foreign Affairs", "Department of State"), and
near misses."""
claims = st.lists(st.lists(st.sampled_from(CLAIMS), min_size=1, max_size=4).map(" ".join), min_size=2, max_size=3)
AMOUNTS = (
    "about 300 dollars", "312 dollars", "313 dollars", "2.5 million dollars", "2,512,000 dollars",
    "nearly 2.4 million dollars", "3 weeks", "21 days", "about 20 days", "17 items", "more than 1,000 people",
    "1,012 people", "1,000 people", "40 percent", "about 41 percent", "40.4 percent", "6 hours", "0 people",
)  # fmt: skip
"""Exact, rounded and estimated amounts close to one another (the numbers table's value index)."""
amounts = st.lists(
    st.lists(st.sampled_from(AMOUNTS), min_size=1, max_size=6).map(lambda xs: " ".join(f"They gave {x}." for x in xs)),
    min_size=2,
    max_size=3,
)


# --------------------------------------------------------------------------------------------
# the table

CASES = [
    Case("candidates", match.candidates, match_oracle.candidates,
         st.builds(candidate_call, st.lists(article, min_size=2, max_size=4), st.sampled_from([0, 1, 2, 50]),
                   st.sampled_from([1, 3, 1024]), st.sampled_from([None, 1, 2, 4, match.SEARCH_MAX_DF])), 60),
    Case("pair_values", match.pair_values, match_oracle.pair_values,
         st.builds(pair_values_call, articles, st.sampled_from(PAIR_MATRICES), st.sampled_from([1, 2, 5])), 80),
    Case("score at_least", match.score, match_oracle.score,
         st.builds(score_call, articles, st.floats(0, 1), st.none()), 40),
    Case("score at_least event_at", match.score, match_oracle.score,
         st.builds(score_call, articles, st.floats(0, 1), st.floats(0, 100)), 40),
    Case("ngram_rows", match.ngram_rows, match_oracle.ngram_rows,
         st.lists(st.lists(st.sampled_from(["a", "b", "c", "a b", "dé"]), max_size=8), max_size=6).map(
             lambda seqs: call(seqs, 4)), 60, same_ngram_counts),
    Case("grow two sources", match.grow, match_oracle.grow, st.builds(grow_call, link_pairs(5, 6), st.just(2)), 50),
    Case("grow three sources", match.grow, match_oracle.grow, st.builds(grow_call, link_pairs(7, 4), st.just(3)), 50),
    Case("top_of", match.top_of, match_oracle.top_of,
         st.builds(top_call, st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3)), max_size=30),
                   st.integers(0, 4)), 100),
    Case("best_first", match.best_first, match_oracle.best_first,
         st.builds(order_call, st.lists(st.tuples(st.integers(-1, 4), st.integers(0, len(SCORES) - 1),
                                                  st.integers(0, 3)), max_size=30), st.booleans()), 300),
    Case("text_scores", match.text_scores, match_oracle.text_scores,
         st.builds(text_scores_call, articles, st.integers(0, 2**32 - 1)), 30),
    Case("zipf", match.zipf, match_oracle.zipf,
         text_call(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
                   | st.sampled_from(["putin", "the", "ceasefir", "ukrain", "x", "zzzz", "a1", "Putin", "é", "don't",
                                      "co-op", ""])), 300),
    Case("read_date", read_date, partial(read_date, fast=False), text_call(date_span), 150),
    Case("find_quotes", find_quotes, partial(find_quotes, fast=False),
         text_call(st.text(alphabet=st.sampled_from(list("ab 1.,\n“”\"‘’'")), max_size=40)), 300),
    Case("negation_cues", negation_cues, partial(negation_cues, fast=False), text_call(cue_text), 800),
    Case("hedge_cues", hedge_cues, partial(hedge_cues, fast=False), text_call(cue_text), 800),
    Case("Attributor.unit", quotes_and_speakers, partial(quotes_and_speakers, fast=False),
         text_call(st.lists(words_of(ATTRIBUTION_WORDS, 12), max_size=4)), 400),
    Case("normalise_quote", normalise_quote, text_oracle.normalise_quote, text_call(words_of(QUOTE_WORDS, 8)), 300),
    Case("extract_quantities", extract_quantities, partial(extract_quantities, fast=False),
         text_call(words_of(NUMBER_WORDS, 10) | st.text(max_size=30)), 800),
    Case("Attributor.for_article", Attributor.for_article, features_oracle.for_article,
         text_call(st.lists(st.sampled_from(PEOPLE_TEXTS), max_size=8)), 200),
    Case("name_spans", name_spans, text_oracle.name_spans,
         text_call(words_of(NAME_PIECES, 14) | words_of(NAME_PIECES, 14, "")), 800),
    Case("name_spans any text", name_spans, text_oracle.name_spans,
         text_call(st.text(st.characters(codec="utf-8"), max_size=80)), 300),
    Case("lower_words", lower_words, text_oracle.lower_words, text_call(word_text | any_text), 400),
    Case("content_tokens", content_tokens, text_oracle.content_tokens, text_call(word_text | any_text), 400),
    Case("clauses", clauses, text_oracle.clauses, text_call(clause_text | cue_text), 800),
    Case("roles", roles, classify_oracle.roles, text_call(words_of(ROLE_PIECES, 12)), 300),
    Case("pair_differences", each_pair(pair_differences), each_pair(partial(pair_differences, fast=False)),
         claims.map(lambda texts: call(*prepare(texts))), 60),
    Case("classify", differences_in_classify, differences_alone, claims.map(lambda t: groups_call(t, 1)), 40),
    Case("entity_table", entity_table, analyze_oracle.entity_table, named_articles.map(tables_call), 150),
    Case("entity_table claims", entity_table, analyze_oracle.entity_table, claims.map(tables_call), 40),
    Case("entity_table joins", entity_table, analyze_oracle.entity_table, table_articles.map(tables_call), 300),
    Case("entity_table bodies", entity_table, analyze_oracle.entity_table, bodies.map(tables_call), 100),
    Case("number_table", number_table, analyze_oracle.number_table, named_articles.map(tables_call), 150),
    Case("number_table claims", number_table, analyze_oracle.number_table, claims.map(tables_call), 40),
    Case("number_table amounts", number_table, analyze_oracle.number_table, amounts.map(tables_call), 80),
    Case("explain", explain, analyze_oracle.explain, st.builds(explain_call, claims, st.integers(0, 99)), 40),
    Case("shared_rows", shared_rows, report_oracle.shared_rows,
         st.builds(rows_call, claims | named_articles, st.sampled_from(VERDICT_SETS)), 40),
]  # fmt: skip


def ecb_files(pattern: str, least: int) -> list[Path]:
    """ECB+ articles matching ``pattern`` (at least ``least`` of them), or a skip."""
    files = sorted(SETS.glob(pattern)) if SETS.is_dir() else []
    if len(files) < least:
        pytest.skip("ECB+ development sets not available (../shared missing)")
    return files


def sentences(files: Sequence[Path], least: int) -> list[Call]:
    texts = [u.text for a in read_articles([str(f) for f in files]) for u in segment(a)]
    assert len(texts) > least
    return [call(t) for t in texts]


def ecb_candidates() -> list[Call]:
    """A 15-article set with few candidates per unit (many ties), in blocks of several sizes, with
    the default cap on common terms and with caps low enough to leave out many of them."""
    arts = read_articles([str(p) for p in ecb_files("t04_ecb/*.txt", 2)])
    units = [u for a in arts for u in segment(a)]
    feats = extract(arts, units)
    calls = [call(units, feats, max_per_unit=5, block_rows=block) for block in (7, 64, 1024)]
    return calls + [call(units, feats, max_per_unit=5, block_rows=64, max_df=cap) for cap in (5, 20)]


def seed_words() -> list[Call]:
    words = {t for f in sorted((ROOT / "seeds").glob("*.txt")) for t in content_tokens(f.read_text())}
    assert len(words) > 300
    return [call(w) for w in sorted(words)]


def claim_pairs() -> list[Call]:
    """Every claim a unit of its own, in two sources."""
    return [call(*prepare([" ".join(CLAIMS), " ".join(CLAIMS)]))]


def linked_pairs() -> list[Call]:
    """Every two linked units of six ECB+ articles compared N-way."""
    units, feats = prepare([f.read_text(encoding="utf-8") for f in ecb_files("t12_ecb/*.txt", 2)[:6]])
    out = [
        call(units[i], units[j], feats[units[i].id], feats[units[j].id])
        for m in match.align(units, feats, MatchOptions())
        for i in m.units
        for j in m.units
        if units[i].source != units[j].source
    ]
    assert len(out) > 20
    return out


def ecb_tables() -> list[Call]:
    """The tables of six ECB+ articles of one set compared N-way, and of two of them."""
    texts = [f.read_text(encoding="utf-8") for f in ecb_files("t12_ecb/*.txt", 2)[:6]]
    return [tables_call(texts), tables_call(texts[:2])]


def ecb_explanations() -> list[Call]:
    """Every group of six ECB+ articles of one set compared N-way."""
    c = compare_texts([f.read_text(encoding="utf-8") for f in ecb_files("t12_ecb/*.txt", 2)[:6]])
    assert sum(len(g.units) > 1 for g in c.groups) > 10
    return [call(c, g) for g in c.groups]


def ecb_rows() -> list[Call]:
    """The rows of eight ECB+ articles of one set compared N-way (units in several groups each)."""
    c = compare_texts([f.read_text(encoding="utf-8") for f in ecb_files("t12_ecb/*.txt", 2)[:8]])
    assert sum(len(g.units) > 1 for g in c.groups) > 10
    return [call(c, verdicts=v) for v in VERDICT_SETS]


def claim_groups() -> list[Call]:
    """The claims split among two and among three sources, matched with the default options."""
    calls = [groups_call([" ".join(CLAIMS[k::step]) for k in range(step)]) for step in (2, 3)]
    for args, _ in calls:
        assert sum(len(d) for d in differences_alone(*args)) >= 3
    return calls


REAL = [
    RealCase("candidates ECB+", match.candidates, match_oracle.candidates, ecb_candidates),
    RealCase("name_spans seeds", name_spans, text_oracle.name_spans,
             lambda: sentences(sorted((ROOT / "seeds").glob("*.txt")), 50)),
    RealCase("name_spans ECB+", name_spans, text_oracle.name_spans,
             lambda: sentences(ecb_files("*/*.txt", 1)[:200], 100)),
    RealCase("clauses seeds", clauses, text_oracle.clauses,
             lambda: sentences(sorted((ROOT / "seeds").glob("*.txt")), 50)),
    RealCase("clauses ECB+", clauses, text_oracle.clauses, lambda: sentences(ecb_files("*/*.txt", 1)[:200], 100)),
    RealCase("zipf seeds", match.zipf, match_oracle.zipf, seed_words),
    RealCase("read_date common forms", read_date, partial(read_date, fast=False),
             lambda: [call(s) for s in COMMON_DATES]),
    RealCase("pair_differences claims", each_pair(pair_differences), each_pair(partial(pair_differences, fast=False)),
             claim_pairs),
    RealCase("pair_differences ECB+", pair_differences, partial(pair_differences, fast=False), linked_pairs),
    RealCase("classify claims", differences_in_classify, differences_alone, claim_groups),
    RealCase("entity_table ECB+", entity_table, analyze_oracle.entity_table, ecb_tables),
    RealCase("number_table ECB+", number_table, analyze_oracle.number_table, ecb_tables),
    RealCase("explain ECB+", explain, analyze_oracle.explain, ecb_explanations),
    RealCase("shared_rows ECB+", shared_rows, report_oracle.shared_rows, ecb_rows),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_fast_path_equals_plain(case: Case) -> None:
    """On generated inputs, the fast path gives what its plain version gives."""

    @settings(max_examples=case.examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case.inputs)
    def check(inputs: Call) -> None:
        args, kwargs = inputs
        assert case.equal(case.fast(*args, **kwargs), case.plain(*args, **kwargs))

    check()


@pytest.mark.parametrize("case", REAL, ids=lambda c: c.name)
def test_fast_path_equals_plain_on_real_text(case: RealCase) -> None:
    """On real articles (the seeds, ECB+ when ``../shared`` is there), the same."""
    for args, kwargs in case.load():
        assert case.equal(case.fast(*args, **kwargs), case.plain(*args, **kwargs))


ORACLES = {
    match_oracle.candidates: match.candidates,
    match_oracle.pair_values: match.pair_values,
    match_oracle.ngram_rows: match.ngram_rows,
    match_oracle.text_scores: match.text_scores,
    match_oracle.zipf: match.zipf,
    match_oracle.grow: match.grow,
    match_oracle.score: match.score,
    match_oracle.top_of: match.top_of,
    match_oracle.best_first: match.best_first,
    text_oracle.lower_words: lower_words,
    text_oracle.content_tokens: content_tokens,
    text_oracle.clauses: clauses,
    text_oracle.name_spans: name_spans,
    text_oracle.normalise_quote: normalise_quote,
    classify_oracle.roles: roles,
    analyze_oracle.entity_table: entity_table,
    analyze_oracle.number_table: number_table,
    analyze_oracle.explain: explain,
    features_oracle.for_article: Attributor.for_article,
    report_oracle.shared_rows: shared_rows,
}
"""Each oracle and the public function it is the oracle of."""


def test_every_oracle_has_the_signature_of_its_fast_path() -> None:
    """Each function of ``tests/oracles/`` is an oracle of a public function, with its parameters, and in the table."""
    import inspect
    import pkgutil
    from importlib import import_module

    def parameters(f: Callable[..., object]) -> list[tuple[str, object, object]]:
        return [(p.name, p.kind, p.default) for p in inspect.signature(f).parameters.values()]

    rows = {c.plain for c in [*CASES, *REAL]}
    for info in pkgutil.iter_modules(oracles.__path__):
        module = import_module(f"{oracles.__name__}.{info.name}")
        for name, f in inspect.getmembers(module, inspect.isfunction):
            if f.__module__ == module.__name__:
                assert f in ORACLES, f"{module.__name__}.{name} is the oracle of no public function"
                fast = ORACLES[f]
                assert f.__name__ == fast.__name__ and parameters(f) == parameters(fast), name
                assert f in rows, f"{module.__name__}.{name} is in no row of the table"
