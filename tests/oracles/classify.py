"""Oracles of ``compare.classify``: names by role."""

from __future__ import annotations

import re
from collections.abc import Mapping

from compare.classify import ROLE_WORDS
from compare.text.names import ROLE_TITLES, display_name
from compare.text.words import name_key, name_spans


def roles(text: str) -> Mapping[str, Mapping[str, str]]:
    """``classify.roles``: every word before a name read, every name spelled out."""
    out: dict[str, dict[str, str]] = {}
    for s, _, parts in name_spans(text):
        before = re.findall(r"[\w’'.-]+", text[max(0, s - 40) : s])
        before = [w.lower().strip(".") for w in before if w.lower() not in ("the", "a", "an")]
        full = display_name(parts)
        if not before or not full:
            continue
        if before[-1] in ROLE_WORDS:
            role = before[-1]
        elif parts[0].lower().strip(".") in ROLE_TITLES:
            role = parts[0].lower().strip(".")
        elif before[-1] in ROLE_TITLES:
            role = " ".join(w for w in before[-2:] if w in ROLE_TITLES)
        else:
            continue
        out.setdefault(role, {})[name_key(full.split()[-1])] = full
    return out
