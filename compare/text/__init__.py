"""Lexical primitives shared by the stages: words, stems, stop words, negation and hedge cues
(``words``), names of people and bodies (``names``), the wording of quotations (``quotations``).

Nothing here imports a stage: only ``compare.model``, the standard library and third-party
packages, so every stage may use it.
"""

from __future__ import annotations
