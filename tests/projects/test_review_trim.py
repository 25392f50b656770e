"""Trimming with more scores than the threshold (next-capabilities.md §7.1: "mean after removing
max and min when ≥5 experts"; rules.toml [review] trim_from = 5)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from jiazhou.projects import aggregate_scores


def test_six_experts_drop_one_max_and_one_min() -> None:
    """60, 70, 80, 85, 90, 95: 95 and 60 dropped, (70 + 80 + 85 + 90) / 4 = 81.25."""
    a = aggregate_scores([D(80), D(60), D(95), D(70), D(85), D(90)], trim_from=5, decimals=2)
    assert (a.mean, a.n, a.used, a.dropped_high, a.dropped_low) == (
        D("81.25"),
        6,
        4,
        D(95),
        D(60),
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.mean = D(0)  # type: ignore[misc]
