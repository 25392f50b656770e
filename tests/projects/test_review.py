"""Score aggregation and ranking (docs/specs/next-capabilities.md §7.1: "mean after removing
max and min when ≥5 experts", common practice [U]; rules.toml [review])."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jiazhou.projects import aggregate_scores, rank_aggregates

TRIM = {"trim_from": 5, "decimals": 2}


def test_four_experts_plain_mean() -> None:
    # (80 + 70 + 90 + 61) / 4 = 75.25 — below 5 scores nothing is dropped
    a = aggregate_scores([D(80), D(70), D(90), D(61)], **TRIM)
    assert a.mean == D("75.25")
    assert (a.n, a.used, a.dropped_high, a.dropped_low) == (4, 4, None, None)


def test_five_experts_drop_one_max_and_one_min() -> None:
    # 60 and 95 dropped: (70 + 80 + 85) / 3 = 78.333… → 78.33
    a = aggregate_scores([D(80), D(60), D(95), D(70), D(85)], **TRIM)
    assert a.mean == D("78.33")
    assert (a.n, a.used, a.dropped_high, a.dropped_low) == (5, 3, D(95), D(60))


def test_equal_extremes_are_dropped_once_each() -> None:
    # 90, 90, 70, 70, 80: one 90 and one 70 dropped → (70 + 80 + 90) / 3 = 80
    a = aggregate_scores([D(90), D(90), D(70), D(70), D(80)], **TRIM)
    assert a.mean == D("80.00")
    assert a.used == 3


def test_half_up_rounding_at_the_second_decimal() -> None:
    # (80.005 + 80) / 2 = 80.0025 → 80.00 ; (80.01 + 80) / 2 = 80.005 → 80.01 (half up)
    assert aggregate_scores([D("80.005"), D(80)], **TRIM).mean == D("80.00")
    assert aggregate_scores([D("80.01"), D(80)], **TRIM).mean == D("80.01")


def test_trim_threshold_is_configuration() -> None:
    a = aggregate_scores([D(10), D(20), D(90)], trim_from=3, decimals=1)
    assert a.mean == D("20.0")


def test_no_scores_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="没有专家评分"):
        aggregate_scores([], **TRIM)


def test_ranking_best_first_and_ties_share_the_better_rank() -> None:
    ranks = rank_aggregates({"A": D("78.33"), "B": D("80.00"), "C": D("78.33"), "D": D("12")})
    assert ranks == {"B": 1, "A": 2, "C": 2, "D": 4}
    assert rank_aggregates({}) == {}
