"""Renderers: each turns a :class:`~compare.model.Comparison` into one output format."""

from __future__ import annotations

FORMATS = ("terminal", "json", "markdown", "html")
