"""``dev.train.fit``: the logistic fit behind the weights files, with and without sign constraints."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="the dev group's scikit-learn fits the models (make train)")

from dev.train import fit


def _data(seed: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two correlated pieces of evidence: the second adds little beyond the first, so an unconstrained
    fit gives it a negative weight (it corrects the first where they disagree)."""
    rng = np.random.default_rng(seed)
    n = 2000
    a = rng.normal(size=n)
    b = 0.9 * a + 0.3 * rng.normal(size=n)
    c = rng.normal(size=n)
    z = 2.0 * a - 0.8 * b + 0.5 * c
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-z))).astype(np.int64)
    return np.c_[a, b, c], y, rng.uniform(0.5, 2.0, size=n)


def test_unconstrained_gives_the_correlated_feature_a_negative_weight() -> None:
    X, y, w = _data()
    coef, _ = fit(X, y, w)
    assert coef[1] < -0.3


def test_signs_hold() -> None:
    X, y, w = _data()
    coef, _ = fit(X, y, w, signs=[1, 1, 0])
    assert coef[1] >= 0.0
    assert coef[0] > 0.5  # the first takes over what the second may no longer subtract


def test_free_signs_give_scikit_learns_fit() -> None:
    """Where no bound binds, the bounded fit minimises scikit-learn's objective: the same model."""
    X, y, w = _data()
    free, b_free = fit(X, y, w)
    bounded, b_bounded = fit(X, y, w, signs=[1, -1, 1])  # (as signed as the free fit's own weights)
    assert np.allclose(bounded, free, atol=2e-3)
    assert b_bounded == pytest.approx(b_free, abs=2e-3)


def test_regularisation_is_scikit_learns() -> None:
    X, y, w = _data()
    for c in (0.1, 0.3):  # (at 0.01 the penalty turns the second weight positive: a bound would bind)
        free, _ = fit(X, y, w, c=c)
        bounded, _ = fit(X, y, w, c=c, signs=[1, -1, 1])
        assert np.allclose(bounded, free, atol=2e-3)
