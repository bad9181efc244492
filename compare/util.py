"""Process policy applied at the edges (the CLI and corpus's worker function), never inside a stage."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block, then restore its previous state.

    The stages build many small acyclic objects (features, quantities, feature rows); the
    collector's full passes over everything alive took up to a third of the verdicts' time on
    long documents without freeing anything. Reference counting still frees memory as usual.
    Measured again at the CLI edge (2 x 2,000 ECB+ sentences, CPU time, median of 8 runs each):
    1.77 s paused against 1.95 s collecting; the seeds take 0.1 s either way.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
