"""ingest: files, standard input or texts -> articles."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from compare.errors import CompareError, EmptyArticle, TooFewSources, UnreadableSource
from compare.ingest import articles_from_texts, decode, read_articles, read_source, source_ids


class TestTexts:
    def test_default_labels_and_ids(self) -> None:
        """Texts get ids and labels A, B ... and no path."""
        arts = articles_from_texts(["One fact.", "Two facts."])
        assert [(a.id, a.label, a.path) for a in arts] == [("A", "A", None), ("B", "B", None)]

    def test_labels(self) -> None:
        """Caller's labels name the sources; ids stay A, B."""
        arts = articles_from_texts(["One fact.", "Two facts."], ["wire", "paper"])
        assert [(a.id, a.label) for a in arts] == [("A", "wire"), ("B", "paper")]

    def test_text_kept_verbatim(self) -> None:
        """The text is kept exactly, line endings included."""
        (a, _) = articles_from_texts(["One.\r\nTwo.\r\n", "Three."])
        assert a.text == "One.\r\nTwo.\r\n"

    @pytest.mark.parametrize(
        ("texts", "labels", "error", "message"),
        [
            (["Only one."], None, TooFewSources, "Need at least two sources to compare, got 1."),
            ("A single string.", None, TooFewSources, "Give a list of at least two texts, not a single string."),
            (["One.", "Two."], ["x"], TooFewSources, "Got 1 labels for 2 texts."),
            (["One.", "  \n "], None, EmptyArticle, "Source B holds only white space."),
            (["One.", b"Two."], None, UnreadableSource, "Source B is bytes, not text."),
        ],
        ids=["one-text", "string", "labels", "blank", "bytes"],
    )
    def test_bad_input(self, texts: object, labels: list[str] | None, error: type[CompareError], message: str) -> None:
        """Unusable input raises a CompareError subclass with a message for a person."""
        with pytest.raises(error) as e:
            articles_from_texts(texts, labels)  # type: ignore[arg-type]
        assert str(e.value) == message
        assert isinstance(e.value, CompareError)

    def test_source_ids_go_past_z(self) -> None:
        """Source ids run A .. Z, then AA, AB ..."""
        ids = source_ids(28)
        assert ids[:3] == ["A", "B", "C"] and ids[25:] == ["Z", "AA", "AB"]
        assert len(set(source_ids(800))) == 800


class TestFiles:
    def test_labels_are_file_stems(self, storm_files: list[str]) -> None:
        """Files are labelled by their names without folder or extension, and keep their paths."""
        arts = read_articles(storm_files)
        assert [a.label for a in arts] == ["wire", "paper"]
        assert [a.path for a in arts] == storm_files
        assert [a.encoding for a in arts] == ["utf-8", "utf-8"]

    def test_explicit_labels(self, storm_files: list[str]) -> None:
        """Given labels replace the file stems."""
        assert [a.label for a in read_articles(storm_files, ["x", "y"])] == ["x", "y"]

    def test_missing_file(self, tmp_path: Path, storm_files: list[str]) -> None:
        """A missing file is an UnreadableSource naming the path."""
        missing = str(tmp_path / "nope.txt")
        with pytest.raises(UnreadableSource) as e:
            read_articles([storm_files[0], missing])
        assert str(e.value) == f"Cannot read {missing}: no such file."

    def test_directory(self, tmp_path: Path, storm_files: list[str]) -> None:
        """A folder is refused with a message saying so."""
        with pytest.raises(UnreadableSource, match="is a directory"):
            read_articles([storm_files[0], str(tmp_path)])

    def test_empty_file(self, tmp_path: Path, storm_files: list[str]) -> None:
        """A file holding only white space is an EmptyArticle."""
        empty = tmp_path / "empty.txt"
        empty.write_text(" \n\n")
        with pytest.raises(EmptyArticle, match="empty"):
            read_articles([storm_files[0], str(empty)])

    def test_binary_file(self, tmp_path: Path, storm_files: list[str]) -> None:
        """A binary file is refused."""
        binary = tmp_path / "image.png"
        binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        with pytest.raises(UnreadableSource, match="binary"):
            read_articles([storm_files[0], str(binary)])

    def test_too_few_files(self, storm_files: list[str]) -> None:
        """One file is not enough."""
        with pytest.raises(TooFewSources):
            read_articles(storm_files[:1])

    def test_crlf_kept(self, tmp_path: Path) -> None:
        """Line endings are not translated, so offsets index the file's text."""
        p = tmp_path / "crlf.txt"
        p.write_bytes(b"One fact.\r\nTwo facts.\r\n")
        text, _ = read_source(str(p))
        assert text == "One fact.\r\nTwo facts.\r\n"


class TestDecoding:
    def test_utf8_bom_dropped(self) -> None:
        """A UTF-8 byte order mark is not part of the text."""
        assert decode("\ufeffCafé.".encode(), "x") == ("Café.", "utf-8-sig")

    def test_legacy_encoding(self) -> None:
        """Text that is not UTF-8 is decoded by detection."""
        raw = "Le café était fermé. Les élèves sont partis à la maison très tôt ce matin-là.".encode("cp1252")
        text, encoding = decode(raw, "x")
        assert "café était fermé" in text
        assert encoding != "utf-8"


class TestStdin:
    @pytest.fixture
    def stdin(self, monkeypatch: pytest.MonkeyPatch) -> object:
        """Standard input holding a short article."""
        fake = io.TextIOWrapper(io.BytesIO(b"Read from a pipe. Second sentence.\n"), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", fake)
        return fake

    def test_dash_reads_stdin(self, stdin: object, storm_files: list[str]) -> None:
        """``-`` reads a source from standard input, labelled ``stdin``."""
        arts = read_articles(["-", storm_files[1]])
        assert arts[0].text == "Read from a pipe. Second sentence.\n"
        assert (arts[0].label, arts[0].path) == ("stdin", "-")

    def test_dash_only_once(self, stdin: object) -> None:
        """Standard input can be given only once."""
        with pytest.raises(UnreadableSource, match="only once"):
            read_articles(["-", "-"])
