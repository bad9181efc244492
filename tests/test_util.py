"""util: helpers shared by the stages."""

from __future__ import annotations

import gc

import pytest

from compare import compare_texts
from compare.util import paused_gc


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


class TestLibraryLeavesCollectorAlone:
    def test_compare_texts_does_not_touch_the_collector(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A library call never switches the garbage collector off: that is the CLI's and the worker's choice."""
        calls: list[str] = []
        monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
        compare_texts(["Putin rejected a ceasefire on Monday.", "On Monday, Putin rejected the ceasefire."])
        assert calls == []
