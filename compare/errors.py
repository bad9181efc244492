"""Errors a user can cause. Each message is written for a person and fits on one line.

The command line prints ``Error: <message>`` on standard error and exits with code 2 for any of
them (see :mod:`compare.cli`); Python callers catch :class:`CompareError`.
"""

from __future__ import annotations


class CompareError(Exception):
    """Base class: the comparison cannot proceed because of its input or options."""


class TooFewSources(CompareError):
    """Fewer than two sources were given."""


class EmptyArticle(CompareError):
    """A source holds no text, or no sentence could be found in it."""


class NoArticleText(EmptyArticle):
    """An HTML page from which no article text could be extracted."""


class UnreadableSource(CompareError):
    """A source could not be read or decoded (missing, a directory, binary, no permission)."""


class BinarySource(UnreadableSource):
    """A source is binary data (a PDF, an image, an archive ...), not text."""


class InputTooLarge(CompareError):
    """A source is larger than the documented limit."""


class UnwritableOutput(CompareError):
    """The report cannot be written where ``--output`` points."""


def one_line(message: str) -> str:
    """``message`` with line breaks and other control characters escaped, so it prints as one line.

    File names may contain anything, including newlines; an error message must still be one line.
    """
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in message)
