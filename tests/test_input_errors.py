"""Bad and odd input (issue 6): every case ends in a report or in one line ``Error: ...`` and exit 2."""

from __future__ import annotations

import codecs
import errno
import json
import os
import random
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare import CompareError, compare_texts
from compare.cli import EXIT_USAGE, cli
from compare.errors import BinarySource, EmptyArticle, InputTooLarge, NoArticleText, UnreadableSource
from compare.ingest import MAX_CHARS, MAX_FILE_BYTES, load

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False

ARTICLE = (
    "Putin rejects ceasefire after call\n"
    "Putin rejected a ceasefire on Monday after a two-hour phone call, the Kremlin said.\n"
    "The Kremlin said talks about a peace memorandum would continue next week.\n"
    "The Vatican offered to host the next round of negotiations.\n"
)
OTHER = (
    "Kremlin turns down truce\n"
    "On Monday Putin turned down a ceasefire after a two-hour call, according to the Kremlin.\n"
    "Talks on a peace memorandum will go on next week, the Kremlin said.\n"
    "The European Union announced new sanctions against Moscow.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>Putin rejects ceasefire | The Daily</title>
<script>window.tracking = {{"event": "Subscribe now to read more."}};</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Putin rejects ceasefire after call</h1>
<p>Putin rejected a ceasefire on Monday after a two-hour phone call, the Kremlin said.</p>
<p>The Kremlin said talks about a peace memorandum would continue next week.</p>
<p>The Vatican offered to host the next round of negotiations, {extra}.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Ten recipes for summer</a></li></ul></aside>
<footer><p>Copyright 2025 The Daily. All rights reserved.</p></footer>
</body></html>
"""
NO_ARTICLE_PAGE = """<!DOCTYPE html><html><head><title>Home</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<script>var x = "Nothing to read here.";</script></body></html>
"""


def run(*args: str, stdin: bytes | str | None = None):
    """Run the command in-process; returns click's Result (separate stdout and stderr)."""
    return CliRunner().invoke(cli, list(args), input=stdin)


def assert_error(result, message: str) -> None:
    """The run failed the documented way: exit 2, nothing on stdout, exactly ``Error: message`` on stderr."""
    assert result.exit_code == EXIT_USAGE, (result.exit_code, result.stdout, result.stderr, result.exception)
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"
    assert "Traceback" not in result.stderr


def report(result) -> dict:
    assert result.exit_code == 0, (result.stderr, result.exception)
    return json.loads(result.stdout)


def assert_offsets(data: dict, texts: dict[str, str]) -> None:
    """Every unit's offsets index the source text exactly as decoded."""
    assert data["units"]
    for u in data["units"]:
        assert texts[u["source"]][u["start"] : u["end"]] == u["text"]


@pytest.fixture
def files(tmp_path, monkeypatch):
    """Work in a fresh folder holding two small articles, ``a.txt`` and ``b.txt``."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    Path("b.txt").write_text(OTHER, encoding="utf-8")
    return tmp_path


class TestPaths:
    def test_missing_file(self, files):
        """A path that does not exist is named in the error."""
        assert_error(run("nope.txt", "b.txt"), "Cannot read nope.txt: no such file.")

    def test_missing_folder_in_path(self, files):
        """A path through a folder that does not exist reads as a missing file too."""
        assert_error(run("a.txt", "gone/b.txt"), "Cannot read gone/b.txt: no such file.")

    def test_path_through_a_file(self, files):
        """A path that uses a file as if it were a folder is a missing file, not a crash."""
        assert_error(run("a.txt/b.txt", "b.txt"), "Cannot read a.txt/b.txt: no such file.")

    def test_directory(self, files):
        """A directory is refused by name."""
        Path("folder").mkdir()
        assert_error(run("folder", "b.txt"), "Cannot read folder: it is a directory, not a file.")

    @pytest.mark.skipif(ROOT, reason="root reads files whatever their permissions")
    def test_unreadable_file_permissions(self, files):
        """A file without read permission gives 'permission denied' (real chmod, as a normal user)."""
        Path("a.txt").chmod(0)
        try:
            assert_error(run("a.txt", "b.txt"), "Cannot read a.txt: permission denied.")
        finally:
            Path("a.txt").chmod(0o644)

    def test_open_refused_by_the_system(self, files, monkeypatch):
        """When the system refuses to open a file (EACCES from open), the error says permission denied."""
        import compare.ingest as ingest

        real_open = open

        def refusing_open(path, *args, **kwargs):
            if os.fspath(path) == "a.txt":
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(ingest, "open", refusing_open, raising=False)
        assert_error(run("a.txt", "b.txt"), "Cannot read a.txt: permission denied.")

    @pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
    def test_read_error(self, files):
        """A file that opens but fails to read (/proc/self/mem at offset 0: EIO) reports the system's reason."""
        assert_error(run("/proc/self/mem", "b.txt"), "Cannot read /proc/self/mem: input/output error.")

    def test_file_name_with_newline_stays_one_line(self, files):
        """A file name holding a newline is escaped, so the error is still one line."""
        assert_error(run("bad\nname.txt", "b.txt"), "Cannot read bad\\nname.txt: no such file.")

    def test_named_pipe_is_read(self, files):
        """A FIFO (as made by `<(cat file)`) is read like a file, although its size is unknown."""
        os.mkfifo("pipe")

        def feed():
            with open("pipe", "w", encoding="utf-8") as f:
                f.write(OTHER)

        writer = threading.Thread(target=feed)
        writer.start()
        data = report(run("a.txt", "pipe", "--format", "json"))
        writer.join(timeout=10)
        assert_offsets(data, {"A": ARTICLE, "B": OTHER})
        assert data["sources"][1]["path"] == "pipe"


class TestEmptyText:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"", "empty.txt is empty."),
            (b"   \n\t\n", "empty.txt holds only white space."),
            (b"\r\n\r\n  \r\n", "empty.txt holds only white space."),
            ("\u00a0\u2003\u3000\n".encode(), "empty.txt holds only white space."),
            (b"--- *** ---\n... !!! ???\n", "empty.txt has no sentence in it: no letters or digits."),
            ("🎉🎉 🔥\n— • —\n".encode(), "empty.txt has no sentence in it: no letters or digits."),
            ("\u200b\u200b\u200d\n".encode(), "empty.txt has no sentence in it: no letters or digits."),
        ],
        ids=["empty", "spaces", "crlf-only", "unicode-spaces", "punctuation", "emoji", "zero-width"],
    )
    def test_unusable_text(self, files, content, message):
        """Empty, blank and wordless files are refused, each with its own reason."""
        Path("empty.txt").write_bytes(content)
        assert_error(run("empty.txt", "b.txt"), message)

    def test_empty_text_in_api(self):
        """The Python API refuses the same texts with CompareError, naming the source by its label."""
        with pytest.raises(EmptyArticle, match=r"^Source wapo holds only white space\.$"):
            compare_texts([OTHER, " \n "], labels=["nypost", "wapo"])
        with pytest.raises(EmptyArticle, match=r"^Source B is empty\.$"):
            compare_texts([OTHER, ""])

    def test_empty_stdin(self, files):
        """`-` with nothing on standard input is an error, not an empty report."""
        assert_error(run("-", "b.txt", stdin=b""), "Standard input is empty.")

    def test_closed_stdin(self, files):
        """`-` when the process has no standard input at all (started with `<&-`) is an error."""
        script = 'exec "$0" -m compare - b.txt <&-'
        proc = subprocess.run(["bash", "-c", script, sys.executable], capture_output=True, text=True, timeout=120)
        assert proc.returncode == EXIT_USAGE
        assert proc.stderr == "Error: Cannot read standard input: it is closed.\n"
        assert proc.stdout == ""


class TestBinary:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", "file.bin is a PDF document, not text."),
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(1, 256)) * 8, "file.bin is a PDF document, not text."),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "file.bin is a PNG image, not text."),
            (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)), "file.bin is a JPEG image, not text."),
            (
                b"PK\x03\x04\x14\x00" + bytes(range(256)),
                "file.bin is a ZIP archive (or a Word or OpenDocument file), not text.",
            ),
            (b"Putin rejected\x00 a ceasefire.\n", "file.bin contains NUL bytes: it is binary data, not text."),
        ],
        ids=["pdf-ascii", "pdf-binary", "png", "jpeg", "zip", "nul"],
    )
    def test_binary_refused(self, files, content, message):
        """Binary files are refused, named by their format when it is a common one."""
        Path("file.bin").write_bytes(content)
        assert_error(run("a.txt", "file.bin"), message)

    def test_undecodable_bytes_refused(self, files):
        """Random bytes without NULs or a known signature are text in no encoding: refused."""
        noise = bytes(b for b in random.Random(0).randbytes(8000) if b)[:4096]
        Path("noise.dat").write_bytes(noise)
        assert_error(run("a.txt", "noise.dat"), "noise.dat is binary data, not text in any encoding I recognise.")

    def test_binary_stdin(self, files):
        """Binary data on standard input is named as standard input."""
        assert_error(run("-", "b.txt", stdin=b"\x89PNG\r\n\x1a\n\x00\x00"), "Standard input is a PNG image, not text.")

    def test_lone_surrogate_in_api(self):
        """A Python string that is not valid Unicode (lone surrogate) is refused, not crashed on."""
        with pytest.raises(
            UnreadableSource, match=r"^Source B is not valid Unicode text \(a lone surrogate at character 6\)\.$"
        ):
            compare_texts([OTHER, "Putin \udc80 rejected a ceasefire."])


# Articles in other languages, each in an encoding Western newsrooms still produce.
LEGACY = {
    "english-cp1252": (
        "“We are not ready for a ceasefire,” said Dmitry Peskov — the Kremlin’s spokesman — on Monday.\r\n"
        "The talks lasted two hours, officials said.\r\n",
        "cp1252",
    ),
    "french-cp1252": (
        "Le président a déclaré « non » lundi après un appel de deux heures.\n"
        "Les négociations à Genève continueront l’été prochain, a précisé le ministère.\n",
        "cp1252",
    ),
    "spanish-latin1": (
        "El presidente dijo que la reunión en Ginebra fue muy productiva.\n"
        "El señor Núñez habló mañana con los periodistas españoles.\n",
        "latin-1",
    ),
    "portuguese-latin1": (
        "O presidente disse que as negociações não avançaram.\n"
        "A reunião em São Paulo terminou sem acordo, informou o governo.\n",
        "latin-1",
    ),
    "german-cp1252": (
        "Der Bundeskanzler äußerte sich am Montag über die Gespräche.\nGrößere Fortschritte seien nötig, sagte er.\n",
        "cp1252",
    ),
}


class TestEncodings:
    @pytest.mark.parametrize("name", sorted(LEGACY))
    def test_legacy_encoding_decoded_exactly(self, files, name):
        """Windows-1252 and Latin-1 articles decode to the exact original text, reported as cp1252."""
        text, codec = LEGACY[name]
        Path("legacy.txt").write_bytes(text.encode(codec))
        assert load("legacy.txt").text == text
        data = report(run("legacy.txt", "b.txt", "--format", "json"))
        assert data["sources"][0]["encoding"] == "cp1252"
        assert_offsets(data, {"A": text, "B": OTHER})

    def test_utf8_reported(self, files):
        """Plain UTF-8 is reported as utf-8."""
        data = report(run("a.txt", "b.txt", "--format", "json"))
        assert [s["encoding"] for s in data["sources"]] == ["utf-8", "utf-8"]

    def test_utf8_bom_not_part_of_text(self, files):
        """A UTF-8 byte-order mark is dropped: offsets count from the first real character."""
        Path("bom.txt").write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
        assert load("bom.txt").text == ARTICLE
        data = report(run("bom.txt", "b.txt", "--format", "json"))
        assert data["sources"][0]["encoding"] == "utf-8-sig"
        first = data["units"][0]
        assert first["start"] == 0 and not first["text"].startswith("\ufeff")
        assert_offsets(data, {"A": ARTICLE, "B": OTHER})

    @pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
    def test_utf16_and_utf32_with_bom(self, files, codec):
        """UTF-16 and UTF-32 files with a byte-order mark decode although they are full of NUL bytes."""
        Path("wide.txt").write_bytes(ARTICLE.encode(codec))  # Python writes the BOM for these codecs
        data = report(run("wide.txt", "b.txt", "--format", "json"))
        assert data["sources"][0]["encoding"] == codec
        assert_offsets(data, {"A": ARTICLE, "B": OTHER})

    def test_legacy_stdin(self, files):
        """Standard input is decoded the same way as files."""
        text, codec = LEGACY["french-cp1252"]
        data = report(run("-", "b.txt", "--format", "json", stdin=text.encode(codec)))
        assert data["sources"][0]["encoding"] == "cp1252"
        assert data["sources"][0]["label"] == "stdin"
        assert_offsets(data, {"A": text, "B": OTHER})


class TestLineEndingsAndCharacters:
    @pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"], ids=["crlf", "cr", "lf"])
    def test_offsets_index_text_without_newline_translation(self, files, newline):
        """With CRLF or CR endings, offsets index the text exactly as stored, and units are the same as with LF."""
        text = ARTICLE.replace("\n", newline)
        Path("ends.txt").write_bytes(text.encode("utf-8"))
        assert load("ends.txt").text == text
        data = report(run("ends.txt", "a.txt", "--format", "json"))
        assert_offsets(data, {"A": text, "B": ARTICLE})
        mine = [u["text"] for u in data["units"] if u["source"] == "A"]
        lf = [u["text"] for u in data["units"] if u["source"] == "B"]
        assert mine == lf
        assert not any("\r" in t or "\n" in t for t in mine)

    def test_mixed_line_endings(self, files):
        """A file mixing CRLF, CR and LF keeps every offset exact."""
        text = "Headline here\r\nPutin rejected a ceasefire on Monday.\rThe Kremlin said so.\nTalks go on.\r\n"
        Path("mixed.txt").write_bytes(text.encode("utf-8"))
        data = report(run("mixed.txt", "b.txt", "--format", "json"))
        assert_offsets(data, {"A": text, "B": OTHER})

    def test_non_breaking_spaces(self, files):
        """Non-breaking spaces separate words: the same sentence with NBSPs agrees with its plain twin."""
        nbsp = ARTICLE.replace(" ", "\u00a0")
        Path("nbsp.txt").write_text(nbsp, encoding="utf-8")
        data = report(run("nbsp.txt", "a.txt", "--format", "json"))
        assert_offsets(data, {"A": nbsp, "B": ARTICLE})
        assert data["summary"]["differ"] == 0
        assert data["summary"]["only"] == {"A": 0, "B": 0}

    def test_mixed_quotes(self, files):
        """Curly and straight quotes mixed (even unbalanced) give a complete report with exact offsets."""
        text = (
            '“We will not stop," Zelensky said on Monday.\n'
            '"Talks will continue,” the Kremlin said. “Nothing is agreed.\n'
            "Peskov said: 'the memorandum is ready’ and “final.\"\n"
        )
        Path("quotes.txt").write_text(text, encoding="utf-8")
        data = report(run("quotes.txt", "b.txt", "--format", "json"))
        assert_offsets(data, {"A": text, "B": OTHER})
        grouped = {uid for g in data["groups"] for uid in g["units"]}
        assert grouped == {u["id"] for u in data["units"]}


class TestSources:
    def test_only_one_source(self, files):
        """One source is not a comparison."""
        assert_error(run("a.txt"), "Need at least two sources to compare, got 1.")

    def test_no_source(self, files):
        """No source at all says so."""
        assert_error(run(), "Need at least two sources to compare, got 0.")

    def test_only_one_text_in_api(self):
        """The API refuses a single text, and a bare string, with CompareError."""
        with pytest.raises(CompareError, match=r"^Need at least two sources to compare, got 1\.$"):
            compare_texts([ARTICLE])
        with pytest.raises(CompareError, match="not a single string"):
            compare_texts(ARTICLE)

    def test_same_file_twice(self, files):
        """The same file given twice is a valid comparison in which everything agrees."""
        data = report(run("a.txt", "a.txt", "--format", "json"))
        assert data["summary"]["differ"] == 0
        assert data["summary"]["only"] == {"A": 0, "B": 0}
        assert data["summary"]["agree"] >= 3
        assert all(g["verdict"] == "agree" for g in data["groups"])

    def test_stdin_as_one_source(self, files):
        """`-` reads one source from standard input, labelled stdin, with path `-`."""
        data = report(run("a.txt", "-", "--format", "json", stdin=OTHER.encode()))
        assert data["sources"][1]["label"] == "stdin" and data["sources"][1]["path"] == "-"
        assert_offsets(data, {"A": ARTICLE, "B": OTHER})

    def test_stdin_twice(self, files):
        """Standard input cannot be two sources."""
        assert_error(run("-", "-", stdin=ARTICLE), "Standard input (-) can be given only once.")

    def test_errors_name_the_first_bad_source(self, files):
        """With several bad sources, the first one in order is reported."""
        Path("empty.txt").write_bytes(b"")
        assert_error(run("a.txt", "missing.txt", "empty.txt"), "Cannot read missing.txt: no such file.")


class TestLimits:
    def test_huge_file_refused_up_front(self, files):
        """A 50 MB file is refused from its size, before it is read, with the limit in the message."""
        with open("huge.txt", "wb") as f:
            f.truncate(50_000_000)  # sparse: reading it would take time and memory, and must not happen
        assert_error(
            run("huge.txt", "b.txt"),
            f"huge.txt is 50,000,000 bytes; the limit is {MAX_FILE_BYTES:,} bytes per source.",
        )

    def test_huge_stdin_refused(self, files):
        """Standard input beyond the limit is refused after reading one byte more than the limit."""
        assert_error(
            run("-", "b.txt", stdin=b"a" * (MAX_FILE_BYTES + 1)),
            f"Standard input is larger than the limit of {MAX_FILE_BYTES:,} bytes per source.",
        )

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
    def test_endless_device_refused(self, files):
        """An endless source (/dev/zero) is cut at the limit and refused, never read forever."""
        assert_error(
            run("/dev/zero", "b.txt"),
            f"/dev/zero is larger than the limit of {MAX_FILE_BYTES:,} bytes per source.",
        )

    def test_too_many_characters(self, files):
        """A text under the byte limit but over the character limit is refused, naming both numbers."""
        n = MAX_CHARS + 1
        Path("long.txt").write_text("a" * n, encoding="utf-8")
        assert_error(run("long.txt", "b.txt"), f"long.txt has {n:,} characters; the limit is {MAX_CHARS:,} per source.")
        with pytest.raises(InputTooLarge):
            compare_texts(["a" * n, OTHER])


def page(charset: str = "utf-8", extra: str = "the Holy See said") -> str:
    return PAGE.format(charset=charset, extra=extra)


class TestHTML:
    @pytest.mark.parametrize("name", ["story.html", "story.htm", "STORY.HTML"])
    def test_html_reduced_to_article_text(self, files, name):
        """A saved web page is reduced to its article: no menu, script, sidebar or footer text in any unit."""
        Path(name).write_text(page(), encoding="utf-8")
        data = report(run(name, "b.txt", "--format", "json"))
        src = data["sources"][0]
        assert src["extracted"] is True and data["sources"][1]["extracted"] is False
        texts = [u["text"] for u in data["units"] if u["source"] == "A"]
        assert any("Putin rejected a ceasefire" in t for t in texts)
        assert any("Vatican" in t for t in texts)
        for junk in ("Home", "World news", "Subscribe", "recipes", "Copyright", "<", "window."):
            assert not any(junk in t for t in texts), junk

    def test_offsets_index_extracted_text(self, files):
        """For HTML, unit offsets index the extracted text (as load() returns it), not the markup."""
        Path("story.html").write_text(page(), encoding="utf-8")
        extracted = load("story.html")
        assert extracted.extracted and "<" not in extracted.text
        data = report(run("story.html", "b.txt", "--format", "json"))
        assert_offsets(data, {"A": extracted.text, "B": OTHER})

    def test_html_sniffed_from_content(self, files):
        """A page saved without an .html name is recognised from its first tag."""
        Path("story.txt").write_text("\n  " + page(), encoding="utf-8")
        data = report(run("story.txt", "b.txt", "--format", "json"))
        assert data["sources"][0]["extracted"] is True

    def test_xhtml_sniffed_after_xml_declaration(self, files):
        """An XHTML page (XML declaration first) is recognised from its <html> element."""
        xhtml = '<?xml version="1.0" encoding="utf-8"?>\n' + page().replace(
            "<html", '<html xmlns="http://www.w3.org/1999/xhtml"'
        )
        Path("story.xml").write_text(xhtml, encoding="utf-8")
        assert load("story.xml").extracted
        Path("story.xhtml").write_text(xhtml, encoding="utf-8")
        data = report(run("story.xhtml", "b.txt", "--format", "json"))
        assert data["sources"][0]["extracted"] is True
        assert not any("<?xml" in u["text"] for u in data["units"])

    def test_html_on_stdin(self, files):
        """A page piped to standard input is recognised and extracted too."""
        data = report(run("-", "b.txt", "--format", "json", stdin=page()))
        assert data["sources"][0]["extracted"] is True

    def test_text_mentioning_tags_is_not_html(self, files):
        """Plain text that merely mentions a tag is left as it is."""
        text = "Web developers wrote <p> tags by hand in 1995.\nPutin rejected a ceasefire on Monday.\n"
        Path("plain.txt").write_text(text, encoding="utf-8")
        data = report(run("plain.txt", "b.txt", "--format", "json"))
        assert data["sources"][0]["extracted"] is False
        assert_offsets(data, {"A": text, "B": OTHER})

    def test_legacy_encoded_page(self, files):
        """A Windows-1252 page decodes correctly before extraction, and reports its encoding."""
        Path("old.html").write_bytes(page("windows-1252", "said the Holy See’s envoy, “gladly”").encode("cp1252"))
        data = report(run("old.html", "b.txt", "--format", "json"))
        assert data["sources"][0]["encoding"] == "cp1252"
        assert any("Holy See’s envoy, “gladly”" in u["text"] for u in data["units"])

    def test_page_without_article_text(self, files):
        """A page of menus and scripts only is an error, not an empty report."""
        Path("nav.html").write_text(NO_ARTICLE_PAGE, encoding="utf-8")
        assert_error(
            run("nav.html", "b.txt"),
            "No article text found in nav.html: the HTML page has no sentence outside menus and code.",
        )
        with pytest.raises(NoArticleText):
            load("nav.html")

    def test_empty_html_file(self, files):
        """An empty .html file is reported as empty, not as a page without text."""
        Path("blank.html").write_bytes(b"")
        assert_error(run("blank.html", "b.txt"), "blank.html is empty.")


class TestOutput:
    def test_writes_the_report(self, files):
        """--output writes exactly what stdout would show, with ordinary file permissions, and prints nothing."""
        result = run("a.txt", "b.txt", "--format", "json", "-o", "report.json")
        assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
        shown = run("a.txt", "b.txt", "--format", "json").stdout
        assert Path("report.json").read_text(encoding="utf-8") == shown
        mask = os.umask(0)
        os.umask(mask)
        assert stat.S_IMODE(Path("report.json").stat().st_mode) == 0o666 & ~mask
        assert sorted(os.listdir(".")) == ["a.txt", "b.txt", "report.json"]

    def test_device_is_written_into_not_replaced(self, files):
        """--output /dev/null writes into the device: it stays a device and no temporary file is left in /dev."""
        before = set(os.listdir("/dev"))
        result = run("a.txt", "b.txt", "-o", "/dev/null")
        assert result.exit_code == 0 and result.stderr == ""
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
        assert set(os.listdir("/dev")) <= before

    def test_named_pipe_output(self, files):
        """--output into a named pipe streams the report to its reader."""
        os.mkfifo("pipe")
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(Path("pipe").read_text(encoding="utf-8")))
        reader.start()
        result = run("a.txt", "b.txt", "--format", "json", "-o", "pipe")
        reader.join(timeout=10)
        assert result.exit_code == 0
        assert json.loads(got[0])["version"] == 1
        assert stat.S_ISFIFO(os.stat("pipe").st_mode)

    def test_missing_folder(self, files):
        """--output into a folder that does not exist: error, and the folder is not created."""
        assert_error(
            run("a.txt", "b.txt", "-o", "out/report.json"), "Cannot write out/report.json: folder out does not exist."
        )
        assert sorted(os.listdir(".")) == ["a.txt", "b.txt"]

    def test_output_is_a_directory(self, files):
        """--output naming a directory is refused in one line."""
        Path("out").mkdir()
        assert_error(run("a.txt", "b.txt", "-o", "out"), "Cannot write out: it is a directory.")
        assert os.listdir("out") == []

    def test_output_is_an_input(self, files):
        """--output naming one of the sources is refused, and the source is left intact."""
        assert_error(
            run("a.txt", "b.txt", "-o", "b.txt"), "Cannot write b.txt: it is one of the sources being compared."
        )
        assert Path("b.txt").read_text(encoding="utf-8") == OTHER

    def test_bad_input_leaves_no_file(self, files):
        """When the input is unusable, no output file is created at all."""
        assert_error(run("a.txt", "missing.txt", "-o", "report.json"), "Cannot read missing.txt: no such file.")
        assert sorted(os.listdir(".")) == ["a.txt", "b.txt"]

    @pytest.mark.skipif(ROOT, reason="root writes into read-only folders")
    def test_read_only_folder(self, files):
        """A folder without write permission: error, and nothing left in it (real chmod, as a normal user)."""
        Path("ro").mkdir()
        Path("ro").chmod(0o555)
        try:
            assert_error(
                run("a.txt", "b.txt", "-o", "ro/report.json"), "Cannot write ro/report.json: permission denied."
            )
            assert os.listdir("ro") == []
        finally:
            Path("ro").chmod(0o755)

    @pytest.mark.parametrize("place", ["/sys", "/proc"])
    def test_system_location_refuses_writes(self, files, place):
        """A location even root cannot create files in (/sys, /proc) gives a one-line error."""
        if not os.path.isdir(place):
            pytest.skip(f"no {place} here")
        target = f"{place}/compare-report.json"
        result = run("a.txt", "b.txt", "-o", target)
        assert result.exit_code == EXIT_USAGE and result.stdout == ""
        assert result.stderr.startswith(f"Error: Cannot write {target}: ") and result.stderr.count("\n") == 1
        assert not os.path.exists(target)

    def test_write_failing_midway_leaves_nothing(self, files):
        """A write that fails halfway (file size limit: EFBIG) leaves no partial file, and keeps the old report."""
        Path("out").mkdir()
        Path("out/report.json").write_text("previous report\n", encoding="utf-8")
        code = (
            "import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200));"
            "from compare.cli import cli; sys.argv = ['compare-sources'] + sys.argv[1:]; cli()"
        )
        proc = subprocess.run(
            [sys.executable, "-c", code, "a.txt", "b.txt", "--format", "json", "-o", "out/report.json"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == EXIT_USAGE, proc.stderr
        assert proc.stderr == "Error: Cannot write out/report.json: file too large.\n"
        assert os.listdir("out") == ["report.json"]
        assert Path("out/report.json").read_text(encoding="utf-8") == "previous report\n"

    def test_rename_failing_leaves_nothing(self, files, monkeypatch):
        """If the final rename fails, the temporary file is removed and the error is one line."""

        def failing_replace(src, dst):
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

        monkeypatch.setattr(os, "replace", failing_replace)
        assert_error(run("a.txt", "b.txt", "-o", "report.json"), "Cannot write report.json: invalid cross-device link.")
        assert sorted(os.listdir(".")) == ["a.txt", "b.txt"]


class TestErrorsAreOneLine:
    @pytest.mark.parametrize(
        "args",
        [
            ["missing.txt", "b.txt"],
            ["a.txt"],
            ["a.txt", "b.txt", "-o", "no/such/folder/r.txt"],
            ["a.txt", "empty.bin"],
            ["a.txt", "b.txt", "--format", "json", "-o", "."],
        ],
    )
    def test_one_line_no_traceback(self, files, args):
        """Each failure prints exactly one line starting with 'Error: ' on stderr and exits 2."""
        Path("empty.bin").write_bytes(b"\x00\x01\x02")
        result = run(*args)
        assert result.exit_code == EXIT_USAGE
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr and result.stdout == ""

    @pytest.mark.parametrize(
        "args",
        [
            ["a.txt", "b.txt", "--width", "5"],
            ["a.txt", "b.txt", "--format", "xml"],
            ["a.txt", "b.txt", "--no-such-option"],
            ["a.txt", "b.txt", "--threshold", "many"],
            ["corpus"],
            ["corpus", ".", "--no-such-option"],
            ["--no-such-option"],
        ],
    )
    def test_bad_usage_is_one_line_too(self, files, args):
        """Bad usage (an option's value out of range, an unknown option, a missing argument) is the
        contract's one line ``Error: ...`` with exit 2, naming the help to read, not click's usage block."""
        from compare.cli import main

        result = CliRunner().invoke(main, args)
        assert result.exit_code == EXIT_USAGE
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
        assert "--help" in result.stderr and "Usage:" not in result.stderr and result.stdout == ""

    def test_library_raises_compare_error_subclasses(self, files):
        """The library raises the documented CompareError subclasses, never OSError or UnicodeError."""
        Path("bin.dat").write_bytes(b"\x89PNG\r\n\x1a\n")
        for path, kind in (("missing", UnreadableSource), (".", UnreadableSource), ("bin.dat", BinarySource)):
            with pytest.raises(kind):
                load(path)
