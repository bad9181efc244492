"""The JSON report, version 1 (CONTRACT.md): the serialisation of ``compare.model.json`` as text."""

from __future__ import annotations

import json

from compare.model import Comparison
from compare.model.json import to_dict


def render(c: Comparison) -> str:
    """The report as a JSON string (UTF-8 safe, non-ASCII kept)."""
    return json.dumps(to_dict(c), ensure_ascii=False, indent=2) + "\n"
