"""Read sources into :class:`Article` values. The only stage that touches files or stdin."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from compare.errors import EmptyArticle, InputTooLarge, TooFewSources, UnreadableSource
from compare.model import Article

MAX_BYTES = 5_000_000
"""Largest source accepted, in bytes (about 800,000 words: far beyond any news article)."""


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
    for sid, text, label, path in zip(ids, texts, labels, paths):
        if not isinstance(text, str):
            raise UnreadableSource(f"Source {label} is {type(text).__name__}, not text.")
        if len(text) > MAX_BYTES:
            raise InputTooLarge(f"Source {label} has {len(text):,} characters; the limit is {MAX_BYTES:,}.")
        if not text.strip():
            raise EmptyArticle(f"Source {label} is empty.")
        out.append(Article(id=sid, label=str(label), text=text, path=path))
    return out


class CompareErrorLabels(TooFewSources):
    """The number of labels does not match the number of texts."""

    def __init__(self, n_labels: int, n_texts: int) -> None:
        super().__init__(f"Got {n_labels} labels for {n_texts} texts.")


def read_source(path: str) -> tuple[str, str]:
    """Read one file (or ``-`` for stdin) and decode it. Returns ``(text, encoding)``."""
    if path == "-":
        try:
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        except (OSError, ValueError) as e:
            raise UnreadableSource(f"Cannot read standard input: {e}.") from None
        name = "standard input"
    else:
        p = Path(path)
        name = path
        if not p.exists():
            raise UnreadableSource(f"{path}: no such file.")
        if p.is_dir():
            raise UnreadableSource(f"{path} is a directory, not a file.")
        try:
            size = p.stat().st_size
            if size > MAX_BYTES:
                raise InputTooLarge(f"{path} is {size:,} bytes; the limit is {MAX_BYTES:,} bytes.")
            data = p.read_bytes()
        except PermissionError:
            raise UnreadableSource(f"{path}: permission denied.") from None
        except OSError as e:
            raise UnreadableSource(f"{path}: {e.strerror or e}.") from None
    if len(data) > MAX_BYTES:
        raise InputTooLarge(f"{name} is larger than the limit of {MAX_BYTES:,} bytes.")
    return decode(data, name)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as text, refusing binary data. Returns ``(text, encoding)``."""
    if not data.strip():
        raise EmptyArticle(f"{name} is empty.")
    if b"\x00" in data[:8192]:
        raise UnreadableSource(f"{name} looks like a binary file, not text.")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableSource(f"{name} is not text in any encoding I recognise.")
    return str(best), best.encoding


def read_articles(paths: Sequence[str], labels: Sequence[str] | None = None) -> list[Article]:
    """Read files into articles (labels default to the file stems)."""
    paths = list(paths)
    if len(paths) < 2:
        raise TooFewSources(f"Need at least two sources to compare, got {len(paths)}.")
    if paths.count("-") > 1:
        raise UnreadableSource("Standard input (-) can be given only once.")
    decoded = [read_source(p) for p in paths]
    if labels is None:
        labels = ["stdin" if p == "-" else os.path.splitext(os.path.basename(p))[0] for p in paths]
    arts = articles_from_texts([t for t, _ in decoded], labels, paths)
    return [
        Article(id=a.id, label=a.label, text=a.text, path=a.path, encoding=enc)
        for a, (_, enc) in zip(arts, decoded)
    ]
