"""Gap-to-target ceilings (index-methods.md §1.4 consequences, issue 23): the best score each
indicator can earn is its method's top — the goalposts' scale, min–max's upper bound, 1 for a
capped distance to target — also when that parameter is read per indicator from iMeta.

Defect pinned here: with ``goalpost_scale`` (or ``use_imeta`` bounds) in iMeta,
``gap_contributions`` failed with "could not convert string to float: '<iMeta>'".
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import pytest

from jiazhou.index.aggregate import Aggregate
from jiazhou.index.framework import Framework
from jiazhou.index.gap import gap_contributions, scenario
from jiazhou.index.normalise import Normalise
from jiazhou.index.pipeline import Pipeline


def test_goalpost_scales_from_imeta_are_each_indicators_ceiling(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # a: posts 0–2.5, scale 10: 2.0 → 0.8 · 10 = 8. b (lower is better): posts 0–2, scale 20:
    # 1.0 → (−1 + 2)/(0 + 2) = 0.5 · 20 = 10. Index (equal weights) = 9.
    # a to its ceiling 10: (10 + 10)/2 − 9 = 1; b to 20: (8 + 20)/2 − 9 = 5; both: 15.
    meta = small_meta(
        a__goalpost_lower=0.0, a__goalpost_upper=2.5, a__goalpost_scale=10.0,
        b__goalpost_lower=0.0, b__goalpost_upper=2.0, b__goalpost_scale=20.0,
    )  # fmt: skip
    data = pl.DataFrame({"uCode": ["u1"], "pop": [1.0], "grp": ["x"], "a": [2.0], "b": [1.0]})
    pipeline = Pipeline([Normalise("goalposts"), Aggregate()]).fit(data, Framework.from_meta(meta))
    gap = gap_contributions(pipeline, "u1", target=15.0)  # reaching it exactly counts
    assert gap["iCode"].to_list() == ["b", "a"]
    np.testing.assert_allclose(gap["ceiling"], [20.0, 10.0])
    np.testing.assert_allclose(gap["gain"], [5.0, 1.0])
    np.testing.assert_allclose(gap["cumulative"], [14.0, 15.0])
    assert gap["reaches_target"].to_list() == [False, True]
    assert gap["index_now"][0] == pytest.approx(9.0)


def test_minmax_bounds_from_imeta_are_each_indicators_ceiling(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # a onto [0, 10]: 1 → 0, 3 → 10. −b onto [1, 2]: b = 1 is the best (2), b = 2 the worst (1).
    # u1: index (0 + 2)/2 = 1; a to 10 gains (10 + 2)/2 − 1 = 5; b is at its top 2 already.
    meta = small_meta(
        a__minmax_lower=0.0, a__minmax_upper=10.0, b__minmax_lower=1.0, b__minmax_upper=2.0
    )
    data = pl.DataFrame(
        {"uCode": ["u1", "u2"], "pop": [1.0, 1.0], "grp": ["x", "x"],
         "a": [1.0, 3.0], "b": [1.0, 2.0]}
    )  # fmt: skip
    fw = Framework.from_meta(meta)
    pipeline = Pipeline([Normalise("minmax", use_imeta=True), Aggregate()]).fit(data, fw)
    gap = gap_contributions(pipeline, "u1")
    assert gap["iCode"].to_list() == ["a", "b"]
    np.testing.assert_allclose(gap["ceiling"], [10.0, 2.0])
    np.testing.assert_allclose(gap["gain"], [5.0, 0.0])
    np.testing.assert_allclose(gap["cumulative"], [6.0, 6.0])


def test_a_distance_to_target_caps_only_where_imeta_says_so(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # a: target 4, capped (dist2targ_cap_max 1): (x − 1)/3 → 0, 1 (8 is capped); ceiling 1.
    # b: lower is better, target 0.5, uncapped (0): on −b with min −2, (v + 2)/1.5 → 2/3 for
    # b = 1, 7/6 for b = 0.25, 0 for b = 2; its ceiling is the best score present, 7/6.
    meta = small_meta(
        a__Target=4.0, a__dist2targ_cap_max=1.0, b__Target=0.5, b__dist2targ_cap_max=0.0
    )
    data = pl.DataFrame(
        {"uCode": ["u1", "u2", "u3"], "pop": [1.0] * 3, "grp": ["x"] * 3,
         "a": [1.0, 4.0, 8.0], "b": [1.0, 0.25, 2.0]}
    )  # fmt: skip
    fw = Framework.from_meta(meta)
    pipeline = Pipeline([Normalise("distance_to_target", use_imeta=True), Aggregate()])
    gap = gap_contributions(pipeline.fit(data, fw), "u1")
    by_code = dict(zip(gap["iCode"], gap["ceiling"], strict=True))
    assert by_code == pytest.approx({"a": 1.0, "b": 7 / 6})
    # u1 scores a 0 and b 2/3 (index 1/3): a to 1 gains ½; b to 7/6 gains ¼
    np.testing.assert_allclose(gap["gain"], [0.5, 0.25])


def test_default_ceilings_and_the_order_column(small: Framework) -> None:
    # min–max's default top is 100 even where every unit ties (a is constant: all score the
    # midpoint 50); a distance to target caps at 1 by default. b: −b = −1, −2 → 100, 0.
    data = pl.DataFrame(
        {"uCode": ["u1", "u2"], "pop": [1.0, 1.0], "grp": ["x", "x"], "a": [3.0, 3.0],
         "b": [1.0, 2.0]}
    )  # fmt: skip
    gap = gap_contributions(Pipeline([Normalise("minmax"), Aggregate()]).fit(data, small), "u2")
    # u2: a 50, b 0, index 25; a to 100 gains 25, b to 100 gains 50
    assert gap["iCode"].to_list() == ["b", "a"]
    assert gap["order"].to_list() == [1, 2]
    np.testing.assert_allclose(gap["ceiling"], [100.0, 100.0])
    np.testing.assert_allclose(gap["gain"], [50.0, 25.0])
    targets = small.with_values("Target", {"a": 6.0, "b": 0.5})
    pipeline = Pipeline([Normalise("distance_to_target"), Aggregate()]).fit(data, targets)
    np.testing.assert_allclose(gap_contributions(pipeline, "u2")["ceiling"], [1.0, 1.0])


def test_a_scenario_changes_only_its_own_unit(small: Framework) -> None:
    # standard values a 2.5, b 0.5 (reverse): u1 80 and 50 → 65; u2 40 and 100 → 70
    data = pl.DataFrame(
        {"uCode": ["u1", "u2"], "pop": [1.0, 1.0], "grp": ["x", "x"], "a": [2.0, 1.0],
         "b": [1.0, 0.5]}
    )  # fmt: skip
    pipeline = Pipeline([Normalise("standard_value"), Aggregate()]).fit(data, small)
    what_if = scenario(pipeline, data, "u1", {"a": 2.5})
    np.testing.assert_allclose(what_if.aggregated_.column("I"), [75.0, 70.0])
