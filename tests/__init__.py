"""The test suite (a package so that ``python -m tests.golden_update`` works)."""

from __future__ import annotations
