"""Conditions a CI pipeline can fail on, evaluated on a finished :class:`Comparison`.

The command line maps ``--fail-on differ``, ``--fail-on omission``, ``--max-only N`` and
``--min-agree FRACTION`` onto :class:`GateOptions`; :func:`evaluate` says which conditions hold.
The report is written either way; the exit code (1) tells the pipeline.

>>> from compare import compare_texts
>>> result = compare_texts(["The fire killed 3 people.", "The fire killed 5 people."])
>>> [f.condition for f in evaluate(result, GateOptions(fail_on=frozenset({"differ"})))]
['differ']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compare.analyze.coverage import agreement, coverage
from compare.errors import CompareError
from compare.model import Comparison, Verdict

FAIL_ON = ("differ", "omission")
"""Values accepted by ``GateOptions.fail_on`` (and ``--fail-on``)."""


@dataclass(frozen=True)
class GateOptions:
    """Which outcomes of a comparison count as a failure. The defaults fail on nothing."""

    fail_on: frozenset[str] = field(default_factory=frozenset)
    """``differ``: some fact is reported differently (a ``differ`` group);
    ``omission``: some source leaves out a fact another source reports."""
    max_only: int | None = None
    """Fail when more than this many facts are reported by a single source (all sources together;
    headlines and bylines are not facts). ``None`` disables."""
    min_agree: float | None = None
    """Fail when the share of shared facts reported without a conflicting detail,
    ``agree / (agree + differ)`` (0.0 when no fact is shared), is below this fraction (0..1).
    ``None`` disables."""

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fail_on) - set(FAIL_ON))
        if unknown:
            raise CompareError(f"Unknown fail-on condition {unknown[0]!r}; choose from {', '.join(FAIL_ON)}.")
        if self.max_only is not None and self.max_only < 0:
            raise CompareError(f"max_only must be 0 or more, got {self.max_only}.")
        if self.min_agree is not None and not 0.0 <= self.min_agree <= 1.0:
            raise CompareError(f"min_agree must be a fraction between 0 and 1, got {self.min_agree}.")

    @property
    def active(self) -> bool:
        """Whether any condition is set."""
        return bool(self.fail_on) or self.max_only is not None or self.min_agree is not None


@dataclass(frozen=True)
class Failure:
    """A condition that held."""

    condition: str
    """``differ``, ``omission``, ``max-only`` or ``min-agree`` (the option's name)."""
    message: str
    """One line a person can read, e.g. ``2 facts are reported differently (g3, g7)``."""


def evaluate(c: Comparison, options: GateOptions) -> list[Failure]:
    """The conditions of ``options`` that hold for ``c``, in a fixed order (empty: pass)."""
    out: list[Failure] = []
    if "differ" in options.fail_on:
        differ = [g.id for g in c.groups if g.verdict is Verdict.DIFFER]
        if differ:
            out.append(Failure("differ", f"{_facts(len(differ))} reported differently ({_ids(differ)})"))
    cov = coverage(c) if "omission" in options.fail_on or options.max_only is not None else None
    if cov is not None and "omission" in options.fail_on:
        missing = {s: 0 for s in cov.sources}
        for o in cov.omissions:
            for s in o.missing:
                missing[s] += 1
        if cov.omissions:
            who = ", ".join(f"{s} leaves out {n}" for s, n in missing.items() if n)
            out.append(Failure("omission", f"{_facts(len(cov.omissions))} missing from some source ({who})"))
    if cov is not None and options.max_only is not None:
        only = sum(k.only for k in cov.counts)
        if only > options.max_only:
            who = ", ".join(f"{k.source}: {k.only}" for k in cov.counts if k.only)
            out.append(
                Failure("max-only", f"{_facts(only)} reported by a single source ({who}), more than {options.max_only}")
            )
    if options.min_agree is not None:
        share = agreement(c)
        if share < options.min_agree:
            summ = c.summary()
            out.append(
                Failure(
                    "min-agree",
                    f"agreement {share:.3f} ({summ['agree']} of {summ['agree'] + summ['differ']} shared facts agree)"
                    f" is below {options.min_agree:g}",
                )
            )
    return out


def _facts(n: int) -> str:
    return "1 fact is" if n == 1 else f"{n} facts are"


def _ids(ids: list[str], limit: int = 8) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")
