"""Normalisation at its edges (issue 23): the values each method's rule gives where a mutant of
the formula would differ — a lone unit, a target read from iMeta without its cap, zero extremes.

Hand-computed from the rules in ``jiazhou.index.normalise`` (COINr's ``n_*`` functions,
docs/specs/index-methods.md §5) — never from the code's own output.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl

from jiazhou.index import normalise as nm
from jiazhou.index.dataset import Dataset
from jiazhou.index.framework import Framework
from jiazhou.index.normalise import Normalise

NAN = np.nan


def test_percentile_rank_of_a_lone_present_unit_is_the_top() -> None:
    # (rank − 1)/(n − 1) is 0/0 with one present unit: the module's rule gives it 1 (it is the
    # best of its population of one), the missing units stay missing.
    out = nm.percentile_rank(np.array([[NAN, 3.0], [5.0, 1.0], [NAN, 2.0]]))
    np.testing.assert_array_equal(out[:, 0], [NAN, 1.0, NAN])
    np.testing.assert_allclose(out[:, 1], [1.0, 0.0, 0.5])  # three units: 0, ½, 1


def _target_frame(fw: Framework) -> Dataset:
    frame = pl.DataFrame(
        {"uCode": ["u1", "u2", "u3"], "pop": [1.0] * 3, "grp": ["x"] * 3,
         "a": [1.0, 4.0, 8.0], "b": [1.0, 0.25, 2.0]}
    )  # fmt: skip
    return Dataset.from_frame(frame, fw)


def test_distance_to_target_from_imeta_without_a_cap_column_is_uncapped(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # COINr's use_iMeta: dist2targ_cap_max absent → cap_max = FALSE, so a value beyond the
    # target scores above 1. a: (x − 1)/(4 − 1) = 0, 1, 7/3. b (lower is better, target 0.5):
    # on −b = −1, −0.25, −2 with −target = −0.5 and min −2: (v + 2)/1.5 = 2/3, 7/6, 0.
    fw = Framework.from_meta(small_meta(a__Target=4.0, b__Target=0.5))
    data = _target_frame(fw)
    out = Normalise("distance_to_target", use_imeta=True).fit_transform(data, fw)
    np.testing.assert_allclose(out.column("a"), [0.0, 1.0, 7 / 3])
    np.testing.assert_allclose(out.column("b"), [2 / 3, 7 / 6, 0.0])
    # without use_imeta the method's own default caps at the target
    capped = Normalise("distance_to_target").fit_transform(data, fw)
    np.testing.assert_allclose(capped.column("a"), [0.0, 1.0, 1.0])
    np.testing.assert_allclose(capped.column("b"), [2 / 3, 1.0, 0.0])


def test_borda_counts_the_units_beaten() -> None:
    # Borda: the number of units a unit beats; tied units beat neither of each other, and a
    # lower-is-better indicator counts the units with higher values.
    x = np.array([[3.0], [1.0], [2.0], [1.0], [NAN]])
    np.testing.assert_array_equal(nm.borda(x)[:, 0], [3.0, 0.0, 2.0, 0.0, NAN])
    np.testing.assert_array_equal(nm.borda(x, -1)[:, 0], [0.0, 2.0, 1.0, 2.0, NAN])
