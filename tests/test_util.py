"""util: helpers shared by the stages."""

from __future__ import annotations

import gc

import pytest

from compare.util import paused_gc, without_gc


class TestPausedGc:
    def test_restores_an_enabled_collector(self) -> None:
        """The collector is off inside the block and on again after it, even after an error."""
        assert gc.isenabled()
        with pytest.raises(ValueError), paused_gc():
            assert not gc.isenabled()
            raise ValueError
        assert gc.isenabled()

    def test_leaves_a_disabled_collector_disabled(self) -> None:
        """A collector the caller turned off stays off."""
        gc.disable()
        try:
            with paused_gc():
                pass
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_decorated_function_runs_without_collector(self) -> None:
        """A decorated function returns its value and sees the collector off."""

        @without_gc
        def probe(x: int) -> tuple[int, bool]:
            return x + 1, gc.isenabled()

        assert probe(1) == (2, False)
        assert gc.isenabled()
