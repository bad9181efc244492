"""The matcher's fitted models, stored as data: one JSON file per model in this folder.

Each file holds the coefficients by feature name, the intercept, the derived thresholds and
``metadata`` (training data and its hash, feature version, library versions, regularisation).
``make train`` (``python -m dev.train``) writes them; nothing is pasted into code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

MODELS = ("fact", "event", "story")
"""The models: fact (two units state the same fact), event (two units report one event), story
(two sources cover one story)."""


@dataclass(frozen=True)
class Weights:
    """One logistic model: ``sigmoid(sum(coef[f] * x[f]) + intercept)``."""

    name: str
    features: tuple[str, ...]
    coef: npt.NDArray[np.float64]
    intercept: float
    thresholds: dict[str, float]
    feature_version: int
    metadata: dict[str, Any]

    @staticmethod
    def from_dict(name: str, d: dict[str, Any]) -> Weights:
        feats = tuple(d["coef"])
        return Weights(
            name=name,
            features=feats,
            coef=np.array([float(d["coef"][f]) for f in feats]),
            intercept=float(d["intercept"]),
            thresholds={k: float(v) for k, v in d.get("thresholds", {}).items()},
            feature_version=int(d["metadata"]["feature_version"]),
            metadata=dict(d["metadata"]),
        )


def read(name: str) -> dict[str, Any]:
    """The raw JSON of one model."""
    text = resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    out: dict[str, Any] = json.loads(text)
    return out


@cache
def load(name: str) -> Weights:
    """The model ``name`` (one of ``MODELS``), read once per process (the files never change at run time)."""
    return Weights.from_dict(name, read(name))
