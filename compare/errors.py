"""Errors a user can cause. Each message is written for a person and fits on one line."""

from __future__ import annotations


class CompareError(Exception):
    """Base class: the comparison cannot proceed because of its input or options."""


class TooFewSources(CompareError):
    """Fewer than two sources were given."""


class EmptyArticle(CompareError):
    """A source holds no text, or no sentence could be found in it."""


class UnreadableSource(CompareError):
    """A source could not be read or decoded (missing, a directory, binary, no permission)."""


class InputTooLarge(CompareError):
    """A source is larger than the documented limit."""
