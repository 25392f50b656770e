"""Gap-to-target survivors, round 12 (issue 23; the rules of ``index.gap``'s docstring).

- "for min-max and the other relative methods, the best observed unit" is the ceiling: borda,
  fraction of max and z-scores all take the column's best normalised score, never a fixed top.
- Without a normalisation step the ceiling is the best raw value present (a missing value is
  no candidate, even when every present value is negative).
- ``scenario`` changes only the named unit's raw values.

All data use the small framework of conftest with both indicators higher-is-better.
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


@pytest.fixture
def fw(small_meta: Callable[..., pl.DataFrame]) -> Framework:
    return Framework.from_meta(small_meta(b__Direction=1))


@pytest.fixture
def data() -> pl.DataFrame:
    # a = 1, 2, 4 and b = 1, 0.5, 2 for u1, u2, u3: u3 is best on both
    return pl.DataFrame(
        {"uCode": ["u1", "u2", "u3"], "pop": [1.0] * 3, "grp": ["x"] * 3,
         "a": [1.0, 2.0, 4.0], "b": [1.0, 0.5, 2.0]}
    )  # fmt: skip


def test_borda_ceiling_is_the_best_borda_score(fw: Framework, data: pl.DataFrame) -> None:
    # Borda: rank − 1 from the bottom: a → 0, 1, 2; b → 1, 0, 2. Ceiling 2 on both (not the
    # capped 1 of a distance to target). u1 = (0 + 1)/2 = 0.5; a → 2 gains 1, b → 2 gains 0.5.
    p = Pipeline([Normalise("borda"), Aggregate()]).fit(data, fw)
    gap = gap_contributions(p, "u1")
    assert gap["iCode"].to_list() == ["a", "b"]
    np.testing.assert_allclose(gap["ceiling"], [2.0, 2.0])
    np.testing.assert_allclose(gap["gain"], [1.0, 0.5])
    np.testing.assert_allclose(gap["cumulative"], [1.5, 2.0])


def test_fraction_of_max_ceiling_is_one(fw: Framework, data: pl.DataFrame) -> None:
    # x / max: a → .25, .5, 1; b → .5, .25, 1. The best is 1 (not min–max's 100).
    # u1 = (.25 + .5)/2 = .375; a → 1 gains .375, b → 1 gains .25.
    p = Pipeline([Normalise("fraction_of_max"), Aggregate()]).fit(data, fw)
    gap = gap_contributions(p, "u1")
    assert gap["iCode"].to_list() == ["a", "b"]
    np.testing.assert_allclose(gap["ceiling"], [1.0, 1.0])
    np.testing.assert_allclose(gap["gain"], [0.375, 0.25])


def test_zscore_ceiling_is_the_best_z(fw: Framework, data: pl.DataFrame) -> None:
    # a: mean 7/3, sample sd √(7/3); best z = (4 − 7/3)/√(7/3) = (5/3)/√(7/3) = 1.0911.
    # b: mean 7/6, sd √(7/12); best z = (5/6)/√(7/12) = 1.0911 too (b's values are a's halved).
    best = (5 / 3) / np.sqrt(7 / 3)
    p = Pipeline([Normalise("zscore"), Aggregate()]).fit(data, fw)
    gap = gap_contributions(p, "u1")
    np.testing.assert_allclose(gap["ceiling"], [best, best])
    assert np.all(
        gap["ceiling"].to_numpy() < 2.0
    )  # never a fixed 100 (min–max's or the standard value's)


def test_without_normalisation_the_best_present_raw_value_is_the_ceiling(
    fw: Framework,
) -> None:
    # No Normalise step, Aggregate the only (last) step. a = −3, −1, missing: ceiling −1 (the
    # missing value is no candidate, and 0 is not present). b = −2, −4, −5: ceiling −2.
    # u1 = (−3 − 2)/2 = −2.5; a → −1 gains (−1 − 2)/2 + 2.5 = 1; b is at its best already.
    d = pl.DataFrame(
        {"uCode": ["u1", "u2", "u3"], "pop": [1.0] * 3, "grp": ["x"] * 3,
         "a": [-3.0, -1.0, None], "b": [-2.0, -4.0, -5.0]}
    )  # fmt: skip
    p = Pipeline([Aggregate()]).fit(d, fw)
    gap = gap_contributions(p, "u1")
    assert gap["iCode"].to_list() == ["a", "b"]
    np.testing.assert_allclose(gap["ceiling"], [-1.0, -2.0])
    np.testing.assert_allclose(gap["gain"], [1.0, 0.0])
    np.testing.assert_allclose(gap["cumulative"], [-1.5, -1.5])
    assert gap["index_now"][0] == pytest.approx(-2.5)


def test_scenario_changes_only_the_named_unit(fw: Framework, data: pl.DataFrame) -> None:
    # u2's a → 3: u1 (sorting before u2) and u3 keep their a of 1 and 4.
    p = Pipeline([Normalise("minmax"), Aggregate()]).fit(data, fw)
    new = scenario(p, data, "u2", {"a": 3.0})
    assert new.datasets_["Raw"].column("a").tolist() == [1.0, 3.0, 4.0]
    assert new.datasets_["Raw"].column("b").tolist() == [1.0, 0.5, 2.0]


def test_goalposts_at_the_default_scale_top_out_at_100(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # Posts 0–5 for both (b higher-is-better here), no goalpost_scale: the scale is COINr's
    # default 100. u1: a = 1 → 20, b = 2 → 40, index 30. a → 100 gains (100 + 40)/2 − 30 = 40;
    # b → 100 gains (20 + 100)/2 − 30 = 30; both reach 100.
    meta = small_meta(
        b__Direction=1,
        a__goalpost_lower=0.0, a__goalpost_upper=5.0,
        b__goalpost_lower=0.0, b__goalpost_upper=5.0,
    )  # fmt: skip
    d = pl.DataFrame({"uCode": ["u1"], "pop": [1.0], "grp": ["x"], "a": [1.0], "b": [2.0]})
    p = Pipeline([Normalise("goalposts"), Aggregate()]).fit(d, Framework.from_meta(meta))
    gap = gap_contributions(p, "u1", target=100.0)
    assert gap["iCode"].to_list() == ["a", "b"]
    np.testing.assert_allclose(gap["ceiling"], [100.0, 100.0])
    np.testing.assert_allclose(gap["gain"], [40.0, 30.0])
    np.testing.assert_allclose(gap["cumulative"], [70.0, 100.0])
    assert gap["reaches_target"].to_list() == [False, True]
