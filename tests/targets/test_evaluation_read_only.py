"""A target's evaluation is a value: the batch remembers it and hands the same one out again.

``batch._evaluate`` caches evaluations per (target, observations, date, benchmarks), so a page
that changed the light or the explanation of the one it got would change what every later
dashboard on that day shows. Evaluations cannot be changed after they are made.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from jiazhou.targets import Observation, Target, evaluate_targets


def test_an_evaluation_cannot_be_changed() -> None:
    t = Target("T", "x", "乐山市", 2025, "level", 10, base_value=0, base_year=2024)
    observations = [Observation("x", "乐山市", "2025", 12, obs_id="O")]
    [first] = evaluate_targets([t], observations, date(2026, 1, 15))
    assert first.light == "green"
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.light = "red"  # type: ignore[misc]
    [again] = evaluate_targets([t], observations, date(2026, 1, 15))
    assert again.light == "green"
