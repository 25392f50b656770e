"""Quota classes, ranks and population-relative points within cohorts (``schemes.cohorts``).

Rules, hand-computed on small populations:

- 四川 亩均 2022 (mu-sichuan-2022, criteria.md §6.2): A ≤ 30 % of the evaluated firms, C ≥ 10 %;
  the scheme encodes B ≤ 85 % and C's boundary at 95 % rounded *up* (``quota = "at_least"``),
  a tie at the A or B boundary goes down (the share is never exceeded), a tie at C's stays in C.
- 浙江 黄岩 2022 (criteria.md §6.1): exempt firms (public utilities, start-ups …) are evaluated
  and scored but not graded, and do not count in the quota's denominator; 规上 and 规下 are
  benchmarked and graded separately; a firm without emission data gets the cohort's mean score.
- Ranks: 1 = best, tied totals share the best rank.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import polars as pl
import pytest
from tests.schemes.conftest import scored_item

from jiazhou.schemes import load_scheme
from jiazhou.schemes.cohorts import (
    classes_and_ranks,
    cohort_codes,
    item_points,
    quota_classes,
)
from jiazhou.schemes.model import ClassRule, Item, Scheme

SICHUAN = load_scheme("mu-sichuan-2022")


def _classes(scheme: Scheme, totals: list[float], graded: list[bool] | None = None):  # type: ignore[no-untyped-def]
    t = np.array(totals, dtype=float)
    g = np.ones(t.size, dtype=bool) if graded is None else np.array(graded)
    classes, ranks, sizes = quota_classes(scheme, t, np.zeros(t.size, dtype=np.int64), g)
    return list(classes), ranks, sizes


def test_sichuan_twenty_distinct_firms() -> None:
    # A: position / 20 ≤ 0.30 → 1–6; B ≤ 0.85 → 7–17; C ≤ ceil(0.95 × 20) = 19 → 18–19; D 20.
    classes, ranks, sizes = _classes(SICHUAN, [100.0 - k for k in range(20)])
    assert classes == ["A"] * 6 + ["B"] * 11 + ["C"] * 2 + ["D"]
    assert ranks.tolist() == list(range(1, 21))
    assert sizes.tolist() == [20.0] * 20


def test_sichuan_c_rounds_up_and_never_leaves_it_under_ten_percent() -> None:
    # 15 firms: B ≤ 12.75 → 1–12 (A ≤ 4.5 → 1–4); C up to ceil(14.25) = 15 → 13–15, no D.
    # (at most 95 % would stop C at 14 and leave firm 15 in D)
    classes, _, _ = _classes(SICHUAN, [float(100 - k) for k in range(15)])
    assert classes == ["A"] * 4 + ["B"] * 8 + ["C"] * 3


def test_sichuan_a_tie_at_the_a_boundary_goes_down() -> None:
    # 10 firms, positions 3 and 4 tied: A ≤ 3 firms; the tie would make 4 (40 %) → both B.
    totals = [100.0, 99.0, 98.0, 98.0, 97.0, 96.0, 95.0, 94.0, 93.0, 92.0]
    classes, ranks, _ = _classes(SICHUAN, totals)
    assert classes[:5] == ["A", "A", "B", "B", "B"]
    assert ranks.tolist()[:5] == [1, 2, 3, 3, 5]  # ties share the best rank


def test_sichuan_a_tie_at_the_c_boundary_stays_in_c() -> None:
    # 20 firms, the last two tied at positions 19–20: C's boundary (19) is reached by the tie's
    # best position, so both stay in C and D is empty.
    totals = [100.0 - k for k in range(18)] + [50.0, 50.0]
    classes, ranks, _ = _classes(SICHUAN, totals)
    assert classes[-3:] == ["C", "C", "C"]
    assert ranks.tolist()[-2:] == [19, 19]


def test_exempt_and_unscored_firms_are_not_graded_nor_counted() -> None:
    # 4 graded firms of 6: A ≤ 1.2 → 1; B ≤ 3.4 → 2–3; C ≤ ceil(3.8) = 4 → 4.
    totals = [90.0, 80.0, 70.0, 60.0, 100.0, float("nan")]
    graded = [True, True, True, True, False, True]
    classes, ranks, sizes = _classes(SICHUAN, totals, graded)
    assert classes == ["A", "B", "B", "C", None, None]
    assert ranks.tolist()[:4] == [1, 2, 3, 4] and np.isnan(ranks[4:]).all()
    assert sizes.tolist()[:4] == [4.0] * 4 and np.isnan(sizes[4:]).all()


def test_cohorts_are_graded_separately() -> None:
    t = np.array([10.0, 50.0, 20.0, 40.0])
    codes = np.array([1, 2, 1, 2], dtype=np.int64)
    classes, ranks, sizes = quota_classes(SICHUAN, t, codes, np.ones(4, dtype=bool))
    # each cohort of two: A ≤ 0.6 → none; B ≤ 1.7 → position 1; C ≤ ceil(1.9) = 2
    assert list(classes) == ["C", "B", "B", "C"]
    assert ranks.tolist() == [2, 1, 1, 2] and sizes.tolist() == [2, 2, 2, 2]


def test_a_threshold_class_and_an_at_least_share_with_float_error() -> None:
    # a class by minimum score (≥ 85), then at least 7 % of 100 firms: 0.07 × 100 is
    # 7.000000000000001 in binary floating point, still 7 firms, not 8.
    rules = (ClassRule("S", min=85.0), ClassRule("P", share=0.07, quota="at_least"), ClassRule("R"))
    scheme = replace(SICHUAN, outcome=replace(SICHUAN.outcome, classes=rules))
    totals = [84.0 - k * 0.1 for k in range(100)]
    totals[0], totals[1] = 85.0, 90.0
    classes, _, _ = _classes(scheme, totals)
    assert classes[:2] == ["S", "S"]
    assert classes.count("P") == 5  # positions 3–7 (1–2 are S, the better rule wins)
    assert classes[7] == "R"


def test_an_unscored_scheme_has_no_class_nor_rank() -> None:
    unicorn = load_scheme("unicorn")
    frame = pl.DataFrame({"total_min": [1.0, 2.0]})
    out = classes_and_ranks(unicorn, frame)
    assert out["class"].to_list() == [None, None] and out["rank"].to_list() == [None, None]
    empty = classes_and_ranks(
        SICHUAN, pl.DataFrame({"total_min": []}, schema={"total_min": pl.Float64})
    )
    assert empty.height == 0 and "class" in empty.columns


def test_exempt_firms_get_the_exempt_class_and_cohort_sizes_and_stage_ranks() -> None:
    frame = pl.DataFrame(
        {
            "total_min": [90.0, 80.0, 70.0, 95.0, 60.0],
            "cohort": ["规上", "规上", "规上", "规上", "规下"],
            "exempt": [False, False, False, True, None],
            "stage": ["s", "g", "s", "s", "s"],
        }
    )
    out = classes_and_ranks(SICHUAN, frame)
    # 3 graded 规上 firms: A ≤ 0.9 → none, B ≤ 2.55 → 1–2, C ≤ ceil(2.85) → 3; the exempt one
    # gets the scheme's exempt class; the 规下 firm alone: C (B ≤ 0.85 → none)
    assert out["class"].to_list() == ["B", "B", "C", "参评不分类", "C"]
    assert out["rank"].to_list() == [1, 2, 3, None, 1]
    assert out["cohort_size"].to_list() == [3, 3, 3, None, 1]
    # within stage and cohort: 规上 s → 90 (1), 70 (2); 规上 g → 80 (1); 规下 s → 60 (1)
    assert out["rank_stage"].to_list() == [1, 1, 2, None, 1]
    # no evaluation section: no exempt class, no cohort size
    plain = replace(SICHUAN, evaluation=None)
    assert "cohort_size" not in classes_and_ranks(plain, frame).columns


def test_cohort_codes() -> None:
    frame = pl.DataFrame({"cohort": ["b", "a", None, "b"], "stage": ["x", "x", "x", "y"]})
    assert cohort_codes(frame).tolist() == [3, 2, 1, 3]  # null sorts as ""
    # "b|x", "a|x", "|x", "b|y": "|" sorts after the letters
    assert cohort_codes(frame, "cohort", "stage").tolist() == [2, 1, 4, 3]
    assert cohort_codes(frame, "missing").tolist() == [0, 0, 0, 0]


def _points(item: Item, x: list[float], applies: list[bool] | None = None, codes=None):  # type: ignore[no-untyped-def]
    arr = np.array(x, dtype=float)
    a = np.ones(arr.size, dtype=bool) if applies is None else np.array(applies)
    c = np.zeros(arr.size, dtype=np.int64) if codes is None else np.array(codes, dtype=np.int64)
    cols = item_points(item, arr, np.ones(arr.size), a, c)
    return {s.name.split("__")[1]: s.to_list() for s in cols}


def test_value_over_the_cohort_mean_times_the_weight_capped() -> None:
    # §6.1: value / benchmark × weight; values 1, 1, 2, 4 → mean 2 → ratios 0.5, 0.5, 1, 2,
    # cap 1.5 → 10, 10, 20, 30 points (weight 20); a missing value scores 0 … 30 (the capped top)
    out = _points(scored_item(cap=1.5), [1.0, 1.0, 2.0, 4.0, float("nan")])
    assert out["points_min"] == pytest.approx([10.0, 10.0, 20.0, 30.0, 0.0])
    assert out["points_max"] == pytest.approx([10.0, 10.0, 20.0, 30.0, 30.0])
    assert out["status"] == [0, 0, 0, 0, 2]  # met, …, unknown
    assert out["benchmark"] == pytest.approx([2.0] * 5)


def test_zero_value_is_unmet_and_an_inapplicable_unit_is_outside_the_cohort() -> None:
    # values 0, 3 and an inapplicable unit at 100: mean of the applicable 1.5 → 0 and 40 points
    out = _points(scored_item(cap=2.0), [0.0, 3.0, 100.0], applies=[True, True, False])
    assert out["points_min"] == pytest.approx([0.0, 40.0, 0.0])
    assert out["points_max"] == pytest.approx([0.0, 40.0, 0.0])
    assert out["status"] == [1, 0, 4]  # unmet, met, not applicable


def test_missing_emissions_get_the_cohort_mean_score() -> None:
    # 黄岩: a firm without emission data gets the cohort's average score on that indicator.
    # cohort 1: 1, 3 → mean 2 → ratios 0.5, 1.5 → mean score 1.0 → 20 points for the gap;
    # cohort 2 has no value at all: nothing to average, the firm scores 0 (unknown).
    item = scored_item(cap=2.0, missing="cohort_mean")
    out = _points(item, [1.0, 3.0, float("nan"), float("nan")], codes=[1, 1, 1, 2])
    assert out["points_min"] == pytest.approx([10.0, 30.0, 20.0, 0.0])
    assert out["imputed"] == [False, False, True, False]
    assert out["status"] == [0, 0, 0, 2]
    # without the rule the firm scores 0 … 40 (the capped top)
    plain = _points(scored_item(cap=2.0), [1.0, 3.0, float("nan")])
    assert plain["points_max"][2] == pytest.approx(40.0) and "imputed" not in plain


def test_the_standard_value_method_标准值() -> None:
    # 《中国区域科技创新评价报告》 标准值 method: 100 × value / standard, capped at 100 (a value
    # beyond the standard earns no more); a reverse (逆向) indicator scores 100 × standard /
    # value, and a value ≤ 0 has reached the standard. Item of 10 points, standard 50.
    item = scored_item(max=10.0, method="standard", standard=50.0)
    out = _points(item, [25.0, 50.0, 100.0, 0.0])
    assert out["points_min"] == pytest.approx([5.0, 10.0, 10.0, 0.0])
    assert out["status"] == [0, 0, 0, 1]
    assert "benchmark" not in out
    reverse = scored_item(max=10.0, method="standard", standard=50.0, direction=-1.0)
    assert _points(reverse, [100.0, 50.0, 25.0, 0.0])["points_min"] == pytest.approx(
        [5.0, 10.0, 10.0, 10.0]
    )


def test_the_goalposts_method() -> None:
    # COINr goalposts: (value − low) / (high − low), truncated to [0, 1]; low 10, high 30,
    # 20 points: 5 → 0, 10 → 0, 20 → 10, 30 → 20, 40 → 20; reversed, the posts swap roles
    item = scored_item(max=20.0, method="goalposts", low=10.0, high=30.0)
    out = _points(item, [5.0, 10.0, 20.0, 30.0, 40.0])
    assert out["points_min"] == pytest.approx([0.0, 0.0, 10.0, 20.0, 20.0])
    assert out["status"] == [1, 1, 0, 0, 0]
    reverse = scored_item(max=20.0, method="goalposts", low=10.0, high=30.0, direction=-1.0)
    assert _points(reverse, [5.0, 15.0, 30.0])["points_min"] == pytest.approx([20.0, 15.0, 0.0])
