"""Read sources into :class:`Article` values, and write reports. The only module that touches files.

Reading a source, step by step (:func:`load`):

1. **Bytes.** A file is read as bytes (never through text mode, which would translate ``\\r\\n``
   and shift every offset), or ``-`` reads standard input. Files larger than
   :data:`MAX_FILE_BYTES` are refused before they are read.
2. **Binary?** A PDF, an image, an archive or anything with NUL bytes is refused.
3. **Decode.** A byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding and is not part of
   the text. Otherwise valid UTF-8 is UTF-8; anything else is detected by charset-normalizer,
   Windows-1252 winning ties (it is the most common legacy encoding of Western news pages, and a
   superset of Latin-1 for text). The encoding used is reported in the JSON source.
4. **HTML.** A ``.html`` / ``.htm`` / ``.xhtml`` file, or text that starts like HTML (the WHATWG
   MIME sniffing patterns), is reduced to its main text by trafilatura; the article is then marked
   ``extracted`` and unit offsets index the extracted text.
5. **Usable?** Empty, white space only, no letters or digits at all, more than :data:`MAX_CHARS`
   characters, or (for HTML) no sentence of article text: refused with a one-line message.

Line endings are kept exactly as decoded (``\\r\\n``, ``\\r`` or ``\\n``), so
``text[unit.start:unit.end] == unit.text`` holds for the text as read.

Limits: :data:`MAX_CHARS` characters per source (1,000,000, about 160,000 words: ten times a
long-form feature). Two sources at the limit compare in about a minute and under 0.5 GB of memory
on a 2-core machine; larger inputs are refused up front, naming the limit.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace

from compare.errors import (
    BinarySource,
    EmptyArticle,
    InputTooLarge,
    NoArticleText,
    TooFewSources,
    UnreadableSource,
    UnwritableOutput,
    one_line,
)
from compare.model import Article

MAX_CHARS = 3_000_000
"""Longest source text accepted, in characters (after decoding and HTML extraction)."""
MAX_FILE_BYTES = 10_000_000
"""Largest file (or standard input) read, in bytes: saved web pages carry far more markup than text."""
MAX_BYTES = MAX_FILE_BYTES
"""Old name of :data:`MAX_FILE_BYTES`."""
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
"""File name endings always read as HTML."""
STDIN = "-"
"""The path that means standard input."""

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_SIGNATURES = (  # magic numbers of files people save by mistake, to name them in the message
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or OpenDocument file)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
)
_PREFERRED = ("cp1252",)
"""Encodings that win when charset-normalizer finds several equally plausible ones."""
_HTML_START = re.compile(  # WHATWG MIME sniffing: "identifying a resource with an unknown MIME type"
    r"<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>]",
    re.IGNORECASE,
)
_XHTML = re.compile(r"<html[\s>]", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]")
"""A letter or digit in any script."""
_SENTENCE_END = re.compile(r"[.!?…。！？؟।]")


@dataclass(frozen=True)
class SourceText:
    """One source as read and decoded, before it becomes an :class:`Article`."""

    text: str
    """The decoded (and, for HTML, extracted) text."""
    encoding: str
    """Python codec name used to decode the bytes (``utf-8``, ``utf-8-sig``, ``cp1252`` ...)."""
    extracted: bool = False
    """True when ``text`` is the main text trafilatura extracted from an HTML page."""


def source_ids(n: int) -> list[str]:
    """``A``, ``B``, ... ``Z``, ``AA``, ``AB`` ... for ``n`` sources."""
    out = []
    for i in range(n):
        s, k = "", i
        while True:
            s = chr(ord("A") + k % 26) + s
            k = k // 26 - 1
            if k < 0:
                break
        out.append(s)
    return out


def articles_from_texts(
    texts: Sequence[str], labels: Sequence[str] | None = None, paths: Sequence[str | None] | None = None
) -> list[Article]:
    """Wrap texts given directly (the Python API) as articles, checking they are usable."""
    if isinstance(texts, str):
        raise TooFewSources("Give a list of at least two texts, not a single string.")
    texts = list(texts)
    if len(texts) < 2:
        raise TooFewSources(f"Need at least two sources to compare, got {len(texts)}.")
    ids = source_ids(len(texts))
    if labels is None:
        labels = ids
    labels = list(labels)
    if len(labels) != len(texts):
        raise CompareErrorLabels(len(labels), len(texts))
    paths = list(paths) if paths is not None else [None] * len(texts)
    out = []
    for sid, text, label, path in zip(ids, texts, labels, paths, strict=True):
        if not isinstance(text, str):
            raise UnreadableSource(f"Source {label} is {type(text).__name__}, not text.")
        check_text(text, f"Source {label}")
        out.append(Article(id=sid, label=str(label), text=text, path=path))
    return out


class CompareErrorLabels(TooFewSources):
    """The number of labels does not match the number of texts."""

    def __init__(self, n_labels: int, n_texts: int) -> None:
        super().__init__(f"Got {n_labels} labels for {n_texts} texts.")


def check_text(text: str, name: str) -> None:
    """Refuse a text that cannot be compared: empty, blank, too long, not Unicode, or without words.

    Parameters
    ----------
    text:
        The decoded text.
    name:
        How messages call the source (``"Source A"``, a file name, ``"standard input"``).

    Raises
    ------
    EmptyArticle, InputTooLarge, UnreadableSource
        With a one-line message naming the source.
    """
    if not text:
        raise EmptyArticle(f"{_subject(name)} is empty.")
    if len(text) > MAX_CHARS:
        raise InputTooLarge(f"{_subject(name)} has {len(text):,} characters; the limit is {MAX_CHARS:,} per source.")
    if not text.strip():
        raise EmptyArticle(f"{_subject(name)} holds only white space.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        where = f"a lone surrogate at character {e.start}"
        raise UnreadableSource(f"{_subject(name)} is not valid Unicode text ({where}).") from None
    if not has_words(text):
        raise EmptyArticle(f"{_subject(name)} has no sentence in it: no letters or digits.")


def has_words(text: str) -> bool:
    """Whether ``text`` holds at least one letter or digit (in any script)."""
    return _WORD.search(text) is not None


def read_bytes(path: str) -> bytes:
    """The raw bytes of a file, or of standard input for ``-``, at most :data:`MAX_FILE_BYTES`.

    Raises
    ------
    UnreadableSource
        Missing, a directory, no permission, closed standard input, or a read error.
    InputTooLarge
        More than :data:`MAX_FILE_BYTES` bytes (refused from the file size, before reading).
    """
    if path == STDIN:
        return _read_stdin()
    name = show_path(path)
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise UnreadableSource(f"Cannot read {name}: no such file.") from None
    except OSError as e:
        raise UnreadableSource(f"Cannot read {name}: {_reason(e)}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableSource(f"Cannot read {name}: it is a directory, not a file.")
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_FILE_BYTES:
        raise InputTooLarge(f"{name} is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes per source.")
    try:
        with open(path, "rb") as f:  # pipes and devices too: read at most one byte past the limit
            data = f.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise UnreadableSource(f"Cannot read {name}: it is a directory, not a file.") from None
    except OSError as e:
        raise UnreadableSource(f"Cannot read {name}: {_reason(e)}.") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputTooLarge(f"{name} is larger than the limit of {MAX_FILE_BYTES:,} bytes per source.")
    return data


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:  # the process was started with standard input closed
        raise UnreadableSource("Cannot read standard input: it is closed.")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read(MAX_FILE_BYTES + 1)
        else:  # a text stream put in place of stdin (tests, embedding)
            data = stream.read(MAX_FILE_BYTES + 1).encode("utf-8", "surrogatepass")
    except ValueError:  # I/O operation on closed file
        raise UnreadableSource("Cannot read standard input: it is closed.") from None
    except OSError as e:
        raise UnreadableSource(f"Cannot read standard input: {_reason(e)}.") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputTooLarge(f"Standard input is larger than the limit of {MAX_FILE_BYTES:,} bytes per source.")
    return data


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as text, refusing binary data. Returns ``(text, encoding)``.

    A byte-order mark decides the encoding and is dropped; then UTF-8 is tried; then
    charset-normalizer detects the encoding (Windows-1252 wins ties). ``encoding`` is Python's
    codec name. Newlines are not translated.

    Raises
    ------
    BinarySource
        A known binary format, NUL bytes, or bytes that are text in no encoding.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), label
            except UnicodeDecodeError:
                raise UnreadableSource(
                    f"{_subject(name)} starts with a {label} byte-order mark but is not {label} text."
                ) from None
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise BinarySource(f"{_subject(name)} is {kind}, not text.")
    if b"\x00" in data:
        raise BinarySource(f"{_subject(name)} contains NUL bytes: it is binary data, not text.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data, name)


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # lazy: ~14 ms to import; only input that is not UTF-8 needs it

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise BinarySource(f"{_subject(name)} is binary data, not text in any encoding I recognise.")
    # charset-normalizer often finds cp1250, cp1252 and cp1257 equally plausible for Western text
    # and then returns cp1250 ("Señor" -> "Seńor"); prefer the common one among tied candidates.
    top = (best.chaos, best.coherence)
    tied = {e for m in matches if (m.chaos, m.coherence) == top for e in m.could_be_from_charset}
    encoding = next((e for e in _PREFERRED if e in tied), best.encoding)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text, encoding = str(best), best.encoding
    return text, codecs.lookup(encoding).name


def looks_like_html(text: str) -> bool:
    """Whether text starts like an HTML document (WHATWG MIME sniffing patterns, after white space).

    An XML declaration followed by an ``<html`` element (XHTML) counts too.
    """
    head = text.lstrip()[:1024]
    if _HTML_START.match(head):
        return True
    return head.startswith("<?xml") and _XHTML.search(head) is not None


def extract_html(html: str, name: str) -> str:
    """The main article text of an HTML page (trafilatura, precision first: no menus, comments, tables).

    Raises
    ------
    NoArticleText
        The page holds no sentence of article text (only navigation, scripts, a title ...).
    """
    import trafilatura  # lazy: ~0.2 s, loaded only for HTML input

    try:
        text = trafilatura.extract(
            html, favor_precision=True, include_comments=False, include_tables=False, output_format="txt"
        )
    except Exception as e:  # a third-party parser on untrusted input: report, don't crash
        raise UnreadableSource(f"Cannot extract article text from {name}: {type(e).__name__}.") from None
    if not text or not any(_WORD.search(line) and _SENTENCE_END.search(line) for line in text.splitlines()):
        raise NoArticleText(f"No article text found in {name}: the HTML page has no sentence outside menus and code.")
    return str(text)


def load(path: str) -> SourceText:
    """Read, decode and check one source (``-`` for standard input); HTML is reduced to its main text.

    Raises
    ------
    CompareError
        Any reason the source cannot be compared, in a one-line message naming it.
    """
    name = "standard input" if path == STDIN else show_path(path)
    data = read_bytes(path)
    if not data:
        raise EmptyArticle(f"{_subject(name)} is empty.")
    text, encoding = decode(data, name)
    if not text.strip():
        check_text(text, name)
    extracted = False
    if os.path.splitext(path)[1].lower() in HTML_SUFFIXES or looks_like_html(text):
        text = extract_html(text, name)
        extracted = True
    check_text(text, name)
    return SourceText(text=text, encoding=encoding, extracted=extracted)


def read_source(path: str) -> tuple[str, str]:
    """Read one file (or ``-`` for stdin) and decode it. Returns ``(text, encoding)``; see :func:`load`."""
    src = load(path)
    return src.text, src.encoding


def read_articles(paths: Sequence[str], labels: Sequence[str] | None = None) -> list[Article]:
    """Read files into articles (labels default to the file stems, ``stdin`` for ``-``)."""
    paths = list(paths)
    if len(paths) < 2:
        raise TooFewSources(f"Need at least two sources to compare, got {len(paths)}.")
    if paths.count(STDIN) > 1:
        raise UnreadableSource("Standard input (-) can be given only once.")
    loaded = [load(p) for p in paths]
    if labels is None:
        labels = ["stdin" if p == STDIN else os.path.splitext(os.path.basename(p))[0] for p in paths]
    arts = articles_from_texts([s.text for s in loaded], labels, paths)
    return [replace(a, encoding=s.encoding, extracted=s.extracted) for a, s in zip(arts, loaded, strict=True)]


# Writing reports ---------------------------------------------------------------------------------


def check_output(path: str, sources: Sequence[str] = ()) -> None:
    """Refuse an output location that cannot work, before any time is spent comparing.

    Raises
    ------
    UnwritableOutput
        Empty name, a directory, a folder that does not exist, or one of the ``sources``.
    """
    name = show_path(path)
    if not path:
        raise UnwritableOutput("Cannot write the report: the output file name is empty.")
    if os.path.isdir(path):
        raise UnwritableOutput(f"Cannot write {name}: it is a directory.")
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        what = "is not a folder" if os.path.exists(folder) else "does not exist"
        raise UnwritableOutput(f"Cannot write {name}: folder {show_path(folder)} {what}.")
    for src in sources:
        if src != STDIN and os.path.exists(src) and os.path.exists(path) and os.path.samefile(src, path):
            raise UnwritableOutput(f"Cannot write {name}: it is one of the sources being compared.")


def write_report(path: str, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` atomically: all of it or nothing.

    The report goes to a temporary file in the same folder, is flushed to disk, then renamed over
    ``path``; on any failure the temporary file is removed, so no partial file is left anywhere.
    A new file gets the usual permissions (``0o666`` less the umask); a replaced one keeps its own.
    A device or named pipe (``/dev/null``, ``/dev/stdout``) is written into directly, never replaced.

    Raises
    ------
    UnwritableOutput
        The folder is missing or read-only, the disk is full, the file is too large ...
    """
    name = show_path(path)
    check_output(path)
    try:
        kind = os.stat(path).st_mode
    except OSError:
        kind = None
    if kind is not None and not stat.S_ISREG(kind):  # /dev/null, /dev/stdout, a named pipe: never replace
        try:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
        except OSError as e:
            raise UnwritableOutput(f"Cannot write {name}: {_reason(e)}.") from None
        return
    target = os.path.realpath(path)  # write through a symbolic link, as open() would
    try:
        fd, tmp = tempfile.mkstemp(prefix=".compare-", suffix=".tmp", dir=os.path.dirname(target))
    except FileNotFoundError:  # the folder exists (checked above) but takes no new files, e.g. /proc
        raise UnwritableOutput(f"Cannot write {name}: files cannot be created in its folder.") from None
    except OSError as e:
        raise UnwritableOutput(f"Cannot write {name}: {_reason(e)}.") from None
    try:
        os.fchmod(fd, _new_file_mode(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise UnwritableOutput(f"Cannot write {name}: {_reason(e)}.") from None
        raise


def _new_file_mode(target: str) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


# Messages ---------------------------------------------------------------------------------------


def show_path(path: str) -> str:
    """A path as messages show it: as given, with control characters (a newline ...) escaped."""
    return one_line(path)


def _subject(name: str) -> str:
    """``name`` as the first words of a sentence (``standard input`` -> ``Standard input``; file names kept)."""
    return "Standard input" if name == "standard input" else name


def _reason(e: OSError) -> str:
    """The cause of an OS error in a few words: ``permission denied``, ``no space left on device``."""
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, FileNotFoundError):
        return "no such file or folder"
    if e.strerror:
        return e.strerror[0].lower() + e.strerror[1:]
    return str(e) or type(e).__name__
