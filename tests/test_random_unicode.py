"""Random Unicode and random bytes (issue 6): a valid report or a CompareError, never anything else."""

from __future__ import annotations

import json
import os
import tempfile

from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compare import CompareError, compare_texts
from compare.cli import EXIT_USAGE, cli

CONTROL = [chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))]
"""C0 and C1 control characters, NUL, tab, the line breaks \\n \\r and \\x85 among them."""
FORMAT = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029", "\u00a0", "\u3000"]
"""Zero-width characters, a BOM inside the text, soft hyphen, line and paragraph separators, odd spaces."""
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069"]
"""Directional marks, embeddings, overrides and isolates."""
COMBINING = ["\u0301", "\u0308", "\u0327", "\u0332", "\u20dd", "\u0489", "\u05b7", "\u064b", "\u093f", "\u1ab0"]
EMOJI = ["😀", "🇺🇦", "🇷🇺", "👍🏽", "👨‍👩‍👧", "🏳️‍🌈", "🕊️", "1️⃣", "🔥", "📰"]
PUNCT = [*".!?…。؟،؛,;:—–-“”„‘’'\"«»‹›()[]", ". ", "! ", "? ", "\n", "\r\n", "\r", "\n\n"]
SCRIPTS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "éèêëàâäôöûüçñßøåÆŒ"  # Latin with diacritics, precomposed
    "абвгдежзийклмнопрстуфхцчшщыэюяПутинКремль"  # Cyrillic
    "אבגדהוזחטיכלמנסעפצקרשת"  # Hebrew (right to left)
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"  # Arabic (right to left, joining)
    "中国俄罗斯乌克兰停火谈判日本語한국어"  # CJK and Hangul
    "αβγδεζηθικλμνξοπρστυφχψω"  # Greek
    "ािीुूेैोौकखगघ"  # Devanagari with vowel signs
    "٠١٢٣٤٥٦٧٨٩"  # Arabic-Indic digits
)

odd_char = st.sampled_from(CONTROL + FORMAT + BIDI + COMBINING + EMOJI)
word = st.text(alphabet=st.sampled_from(list(SCRIPTS) + COMBINING), min_size=1, max_size=10)
piece = st.one_of(word, word, word, st.sampled_from(PUNCT), odd_char, st.just(" "))
sentence_like = st.lists(piece, min_size=0, max_size=60).map("".join)
anything = st.text(st.characters(codec=None), max_size=200)
"""Any code point except lone surrogates (every category, unassigned and private-use included)."""
with_surrogates = st.text(st.characters(exclude_categories=()), max_size=40)
"""Lone surrogates too: a Python str can hold them, although no decoded file can."""
texts = st.one_of(sentence_like, sentence_like, anything, with_surrogates)

REAL = "Putin rejected a ceasefire on Monday, the Kremlin said. Talks will continue next week.\n"


def check_report(result, texts_in: list[str]) -> None:
    """The result is a complete, consistent version-1 report that every renderer can show."""
    data = result.to_dict()
    assert data["version"] == 1
    ids = [s["id"] for s in data["sources"]]
    assert len(ids) == len(texts_in)
    by_id = dict(zip(ids, texts_in, strict=True))
    units = {u["id"]: u for u in data["units"]}
    for u in data["units"]:
        text = by_id[u["source"]]
        assert 0 <= u["start"] < u["end"] <= len(text)
        assert text[u["start"] : u["end"]] == u["text"]
    in_groups: dict[str, int] = {}
    for g in data["groups"]:
        assert g["verdict"] in {"agree", "differ", "only"}
        assert g["units"] and set(g["units"]) <= set(units)
        for uid in g["units"]:
            in_groups[uid] = in_groups.get(uid, 0) + 1
        if g["verdict"] == "only":
            assert g["score"] is None and len({units[x]["source"] for x in g["units"]}) == 1
        else:
            assert 0 <= g["score"] <= 100 and len({units[x]["source"] for x in g["units"]}) >= 2
    assert set(in_groups) == set(units)
    for g in data["groups"]:
        if g["verdict"] == "only":
            assert all(in_groups[uid] == 1 for uid in g["units"])
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # serialisable and valid UTF-8
    from compare.report.json import render as render_json
    from compare.report.markdown import render as render_markdown

    assert json.loads(render_json(result)) == json.loads(json.dumps(data))
    render_markdown(result)
    from rich.console import Console

    from compare.report.terminal import render as render_terminal

    console = Console(file=open(os.devnull, "w", encoding="utf-8"), width=80, color_system=None)
    with console.file:
        for part in render_terminal(result):
            console.print(part)


class TestRandomUnicode:
    @settings(max_examples=200, deadline=None)
    @given(a=texts, b=texts)
    @example(a="\u202eتم رفض وقف إطلاق النار.\u202c", b="Putin rejected a ceasefire.")
    @example(a="e\u0301\u0301\u0301 " * 5, b="🇺🇦🇷🇺 1️⃣ talks.")
    @example(a="\x00\x01\x02 text\x85next line\u2028more.", b="\r\r\n\n\r")
    @example(a='“unclosed quote. "mixed ’ quotes\u201d. ' * 3, b="'\"“”‘’" * 10 + " word.")
    @example(a="\ufeffBOM inside. \u200b\u200b zero width.", b="\u00a0\u00a0nbsp\u00a0only.")
    def test_compare_texts_reports_or_refuses(self, a, b):
        """Any two strings give a valid report or a CompareError with a one-line message."""
        try:
            result = compare_texts([a, b])
        except CompareError as e:
            assert str(e) and "\n" not in str(e)
            return
        check_report(result, [a, b])

    @settings(max_examples=100, deadline=None)
    @given(noise=texts, where=st.integers(min_value=0, max_value=len(REAL)))
    def test_odd_characters_inside_a_real_sentence(self, noise, where):
        """Odd characters spliced into a real article never break the comparison with a clean copy."""
        spliced = REAL[:where] + noise + REAL[where:]
        try:
            result = compare_texts([spliced, REAL])
        except CompareError as e:
            assert str(e) and "\n" not in str(e)
            return
        check_report(result, [spliced, REAL])

    @settings(max_examples=100, deadline=None)
    @given(parts=st.lists(texts, min_size=3, max_size=4))
    def test_several_sources(self, parts):
        """Three or four odd sources at once: a valid report or a CompareError."""
        try:
            result = compare_texts(parts)
        except CompareError:
            return
        check_report(result, parts)


encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "cp1251", "koi8-r", "shift_jis"])


class TestRandomBytes:
    @settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        content=st.one_of(
            st.binary(max_size=300),
            st.tuples(sentence_like, encodings).map(lambda t: t[0].encode(t[1], errors="ignore")),
        ),
        name=st.sampled_from(["a.txt", "a.html", "a"]),
    )
    def test_cli_reports_or_fails_in_one_line(self, content, name):
        """Any bytes as a source file: exit 0 with a report, or exit 2 with one `Error: ...` line."""
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, name)
            other = os.path.join(folder, "b.txt")
            with open(path, "wb") as f:
                f.write(content)
            with open(other, "w", encoding="utf-8") as f:
                f.write(REAL)
            result = CliRunner().invoke(cli, [path, other, "--format", "json"])
        if result.exit_code == 0:
            assert json.loads(result.stdout)["version"] == 1
        else:
            assert result.exit_code == EXIT_USAGE, (result.exception, result.stderr)
            assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
            assert result.stdout == ""


class TestRandomSimilarity:
    @settings(max_examples=100, deadline=None)
    @given(a=texts, b=texts)
    @example(a="...", b="Putin rejected a ceasefire.")
    @example(a="0", b="0")
    def test_similarity_is_a_score(self, a, b):
        """similarity() of any two strings is a deterministic score in 0..100, or a CompareError."""
        from compare import similarity

        try:
            s = similarity(a, b)
        except CompareError as e:
            assert str(e) and "\n" not in str(e)
            return
        assert 0.0 <= s <= 100.0
        assert similarity(a, b) == s
