"""Population-relative points and quota classes (``schemes.cohorts``): the edges a mutation run
(issue 23, round twelve) found unpinned. Every expected value is worked out by hand from the
scheme-file format (src/jiazhou/schemes/library/README.md) and criteria.md §6.1–6.2:

- an item scores ``value / benchmark × max × weight`` (黄岩, §6.1), at most ``cap × max × weight``;
  an unknown value scores 0 … that top; an item is met when it earns points (> 0), as for
  every SQL-scored item;
- ``applies = "…"``: false → not applicable (a NULL leaves the item applying);
- only ``mean_ratio`` items give ``X__benchmark`` (the cohort mean);
- 四川 2022 classes (mu-sichuan-2022, §6.2): A ≤ 30 % and B ≤ 85 % (ties down), C at least 95 %
  of the graded firms, rounded up; exempt firms are not graded and not counted.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import polars as pl
import pytest
from tests.schemes.conftest import scored_item

from jiazhou.schemes import load_scheme
from jiazhou.schemes.cohorts import classes_and_ranks, item_points, population_points, quota_classes
from jiazhou.schemes.model import ClassRule, Item

SICHUAN = load_scheme("mu-sichuan-2022")
NAN = float("nan")


def _population(item: Item, columns: dict[str, list[object]]) -> dict[str, list[object]]:
    """``population_points`` on one cohort: the item's columns by suffix."""
    out = population_points(
        pl.DataFrame(columns), [item], np.zeros(len(columns["M__value"]), np.int64)
    )
    return {
        c.split("__")[1]: out[c].to_list()
        for c in out.columns
        if c.startswith("M__") and c != "M__value"
    }


def _points(item: Item, x: list[float]) -> dict[str, list[object]]:
    """``item_points`` on one cohort, weight 1, the item applying to every unit."""
    n = len(x)
    cols = item_points(item, np.array(x), np.ones(n), np.ones(n, bool), np.zeros(n, np.int64))
    return {s.name.split("__")[1]: s.to_list() for s in cols}


def test_the_weight_scales_the_capped_top_of_an_unknown_value() -> None:
    """Weight 2, max 20, cap 1.5: values 1, 3 → mean 2 → ratios 0.5, 1.5 → 0.5 × 20 × 2 = 20 and
    1.5 × 20 × 2 = 60 points; a unit without a value scores 0 … cap × max × weight = 60."""
    out = _population(scored_item(cap=1.5, weight="2.0"), {"M__value": [1.0, 3.0, None]})
    assert out["points_min"] == pytest.approx([20.0, 60.0, 0.0])
    assert out["points_max"] == pytest.approx([20.0, 60.0, 60.0])
    assert out["status"] == [0, 0, 2]


def test_a_null_applies_condition_leaves_the_item_applying() -> None:
    """``applies = "size = 'large'"``: only false makes the item not applicable. Values 2 (large),
    100 (small: outside the cohort) and 6 (size unknown: applies) → mean of 2 and 6 = 4 → ratios
    0.5 and 1.5 → 10 and 30 points of 20 (cap 2)."""
    item = scored_item(cap=2.0, applies="size = 'large'")
    out = _population(item, {"M__value": [2.0, 100.0, 6.0], "size": ["large", "small", None]})
    assert out["status"] == [0, 4, 0]
    assert out["points_min"] == pytest.approx([10.0, 0.0, 30.0])
    assert out["benchmark"] == [4.0, None, 4.0]  # the small firm is outside the item's cohort


def test_any_positive_points_meet_the_item_and_negative_ones_do_not() -> None:
    """Fixed benchmark 100 (``benchmark = 100``), max 20, no cap: value 2 → 0.02 × 20 = 0.4 points,
    met; −5 (e.g. 评价税收 net of refunds) → −0.05 × 20 = −1 point, unmet; 0 → 0, unmet;
    100 → 20, met."""
    out = _points(scored_item(benchmark=100.0), [2.0, -5.0, 0.0, 100.0])
    assert out["points_min"] == pytest.approx([0.4, -1.0, 0.0, 20.0])
    assert out["status"] == [0, 1, 1, 0]


@pytest.mark.parametrize(
    "kw",
    [
        {"method": "goalposts", "low": 10.0, "high": 30.0},
        {"method": "minmax"},
        {"method": "percentile"},
        {"method": "standard_value", "standard": 50.0},
    ],
)
def test_only_mean_ratio_items_give_a_cohort_benchmark(kw: dict[str, object]) -> None:
    """README: "Each `mean_ratio` item also gives `X__benchmark` (the cohort mean)"; the other
    methods have fixed posts, a standard or no reference value at all."""
    assert "benchmark" not in _points(scored_item(**kw), [5.0, 20.0, 40.0])


def test_a_population_of_one_firm_is_scored_ranked_and_graded() -> None:
    """One firm alone: its value is the cohort mean (ratio 1 → 20 of 20 points, benchmark 4);
    四川: A needs position 1 / 1 ≤ 30 %, B ≤ 85 %: no; C at least ⌈0.95 × 1⌉ = 1 firm: C, rank 1."""
    out = _points(scored_item(cap=2.0), [4.0])
    assert out["points_min"] == pytest.approx([20.0]) and out["status"] == [0]
    assert out["benchmark"] == pytest.approx([4.0])
    ranked = classes_and_ranks(SICHUAN, pl.DataFrame({"total_min": [55.0], "cohort": ["规上"]}))
    assert ranked["class"].to_list() == ["C"]
    assert ranked["rank"].to_list() == [1] and ranked["cohort_size"].to_list() == [1]


def test_a_cohort_of_exempt_firms_only_does_not_stop_the_next_cohort_from_being_graded() -> None:
    """§6.1: exempt firms are scored but not graded. 规上 has only exempt firms: nobody to grade
    there (they get the exempt class). 规下 is graded on its own three firms: B ≤ 0.85 × 3 = 2.55
    → positions 1–2; C at least ⌈0.95 × 3⌉ = 3 → position 3."""
    frame = pl.DataFrame(
        {
            "total_min": [90.0, 80.0, 70.0, 60.0, 50.0],
            "cohort": ["规上", "规上", "规下", "规下", "规下"],
            "exempt": [True, True, False, False, False],
        }
    )
    out = classes_and_ranks(SICHUAN, frame)
    assert out["class"].to_list() == ["参评不分类", "参评不分类", "B", "B", "C"]
    assert out["rank"].to_list() == [None, None, 1, 2, 3]
    assert out["cohort_size"].to_list() == [None, None, 3, 3, 3]


def test_an_at_least_share_rounds_up_a_real_excess_at_the_ninth_decimal() -> None:
    """``quota = "at_least"``: the count is share × n rounded up. The rounding of share × n to 9
    decimals only drops binary error (0.07 × 100 = 7.000000000000001 is 7 firms); a share of
    0.5000000005 of 2 firms is 1.000000001 firms, at least 2."""
    rules = (ClassRule("P", share=0.5000000005, quota="at_least"), ClassRule("R"))
    scheme = replace(SICHUAN, outcome=replace(SICHUAN.outcome, classes=rules))
    t = np.array([60.0, 50.0])
    classes, _, _ = quota_classes(scheme, t, np.zeros(2, np.int64), np.ones(2, bool))
    assert list(classes) == ["P", "P"]


@pytest.mark.parametrize("stage", [False, True])
def test_an_empty_population_gives_the_same_columns_as_a_graded_one(stage: bool) -> None:
    """An evaluation with no firm (a county with none in the year) still answers with the
    columns a graded one has (class, rank, cohort_size and, with stages, rank_stage), so a
    download or the web's table has the same headings whatever the count."""
    columns: dict[str, list[object]] = {"total_min": [55.0], "cohort": ["规上"]}
    if stage:
        columns["stage"] = ["成长期"]
    one = classes_and_ranks(SICHUAN, pl.DataFrame(columns))
    empty = classes_and_ranks(SICHUAN, pl.DataFrame(columns).clear())
    assert empty.height == 0
    assert empty.schema == one.schema
