"""Rules of ``index/normalise.py`` that the ninth mutation round found unpinned, by hand: the
best-unit rule of fraction of max at a zero maximum, the clipping and default quantiles of
winsorising, and the documented defaults of ``scaled`` and the Normalise step (COINr's
``n_scaled(npara = c(0, 100))`` times 100, ``n_dist2ref(cap_max = FALSE)``)."""

from __future__ import annotations

import numpy as np
import polars as pl

from jiazhou.index.dataset import Dataset
from jiazhou.index.framework import Framework
from jiazhou.index.normalise import Normalise, fraction_of_max, scaled, winsorise_quantiles


def _one_indicator(values: list[float]) -> tuple[Framework, Dataset]:
    """Indicator ``x`` (higher is better) of units ``a``, ``b``, ``c``, … under aggregate ``I``."""
    meta = pl.DataFrame(
        {"Level": [1, 2], "iCode": ["x", "I"], "Parent": ["I", None], "Direction": [1, 1],
         "Weight": [1.0, 1.0], "Type": ["Indicator", "Aggregate"]}
    )  # fmt: skip
    fw = Framework.from_meta(meta)
    frame = pl.DataFrame({"uCode": [chr(ord("a") + i) for i in range(len(values))], "x": values})
    return fw, Dataset.from_frame(frame, fw)


def test_a_column_whose_maximum_is_zero_gives_every_unit_one() -> None:
    """Non-negative data whose maximum is 0: every unit is at the maximum, so every unit is the
    best and scores 1 (the docstring: the best unit(s) always score 1) — not 0/0 = NaN, which
    would drop the indicator. The missing unit stays NaN. Column 2 (1, 2, 4; max 4) is x/max:
    1/4 = 0.25, 2/4 = 0.5, 4/4 = 1, each column on its own."""
    x = np.array([[0.0, 1.0], [0.0, 2.0], [np.nan, 4.0]])
    out = fraction_of_max(x)
    np.testing.assert_array_equal(out[:, 0], [1.0, 1.0, np.nan])
    np.testing.assert_allclose(out[:, 1], [0.25, 0.5, 1.0])


def test_scaled_defaults_to_zero_to_one_hundred_times_one_hundred() -> None:
    """COINr's ``n_scaled`` defaults: ``npara = c(0, 100)``, times 100. x = 25:
    (25 − 0) / (100 − 0) · 100 = 25; −50 → −50, 150 → 150 (no truncation): the identity on
    these bounds. Any other default shows: a lower bound of −1 gives 26 / 101 · 100 = 25.74…,
    of 1 gives 24 / 99 · 100 = 24.24…; an upper bound of 101 gives 24.75…."""
    x = np.array([[-50.0], [25.0], [150.0]])
    np.testing.assert_allclose(scaled(x)[:, 0], [-50.0, 25.0, 150.0])
    np.testing.assert_array_equal(scaled(x), scaled(x, 0.0, 100.0, 100.0))


def test_the_normalise_step_scales_by_default_from_zero_to_one_hundred_times_one_hundred() -> None:
    """``Normalise("scaled")`` without parameters uses lower 0, upper 100, scale factor 100
    (COINr's ``n_scaled`` defaults): x = −50, 25, 150 → (x − 0) / 100 · 100 = −50, 25, 150.
    An upper bound of 101 would give 25 / 101 · 100 = 24.75…, one of 99 25.25…, a scale factor
    of 99 or 101 24.75 or 25.25."""
    fw, data = _one_indicator([-50.0, 25.0, 150.0])
    default = Normalise("scaled").fit_transform(data, fw).column("x")
    explicit = Normalise("scaled", {"lower": 0.0, "upper": 100.0, "scale_factor": 100.0})
    np.testing.assert_allclose(default, [-50.0, 25.0, 150.0])
    np.testing.assert_array_equal(default, explicit.fit_transform(data, fw).column("x"))


def test_the_normalise_step_leaves_distance_to_a_reference_uncapped_by_default() -> None:
    """COINr's ``n_dist2ref(x, iref, cap_max = FALSE)``: without ``cap`` a unit beyond the
    reference scores above 1. x = 0, 5, 10 with reference b (x_ref = 5, min 0):
    1 − (5 − x) / (5 − 0) = 0, 1, 2. With ``cap=True`` c would score 1."""
    fw, data = _one_indicator([0.0, 5.0, 10.0])
    default = Normalise("distance_to_ref", {"ref": "b"}).fit_transform(data, fw).column("x")
    np.testing.assert_allclose(default, [0.0, 1.0, 2.0])
    uncapped = Normalise("distance_to_ref", {"ref": "b", "cap": False})
    np.testing.assert_array_equal(default, uncapped.fit_transform(data, fw).column("x"))
    capped = Normalise("distance_to_ref", {"ref": "b", "cap": True})
    np.testing.assert_allclose(capped.fit_transform(data, fw).column("x"), [0.0, 1.0, 1.0])


def test_winsorising_clips_each_column_to_its_own_quantiles() -> None:
    """Column 1: 0, 1, …, 10 and a missing unit (11 values). Linear interpolation puts the 10th
    percentile at position 0.1 · (11 − 1) = 1 of the sorted values, i.e. 1, and the 90th at
    position 9, i.e. 9: 0 → 1, 10 → 9, the rest unchanged, NaN kept. Column 2 is column 1 times
    10: its own quantiles 10 and 90, so 0 → 10 and 100 → 90."""
    col = np.r_[np.arange(11.0), np.nan]
    x = np.column_stack([col, 10 * col])
    expected = np.r_[1.0, np.arange(1.0, 10.0), 9.0, np.nan]
    out = winsorise_quantiles(x, 0.1, 0.9)
    np.testing.assert_allclose(out[:, 0], expected)
    np.testing.assert_allclose(out[:, 1], 10 * expected)


def test_winsorising_defaults_to_the_5th_and_95th_percentiles() -> None:
    """criteria.md §5.3: the 5th and 95th percentiles. x = 0, 1, …, 20 (21 values): positions
    0.05 · 20 = 1 and 0.95 · 20 = 19 of the sorted values, i.e. 1 and 19: 0 → 1, 20 → 19, the
    rest unchanged — as the explicit call gives."""
    x = np.arange(21.0)[:, None]
    expected = np.r_[1.0, np.arange(1.0, 20.0), 19.0]
    np.testing.assert_allclose(winsorise_quantiles(x)[:, 0], expected)
    np.testing.assert_array_equal(winsorise_quantiles(x), winsorise_quantiles(x, 0.05, 0.95))
