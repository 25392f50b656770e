"""The one rank function on populations above 64 (the sort-based path) and along any axis
(issue 23): COINr's ``rank_df`` / ``n_rank`` rule — ``1 +`` the number of values strictly
better, ties share the minimum rank, missing values stay missing and are not counted.
"""

from __future__ import annotations

import numpy as np

from jiazhou.index.ranking import rank, rank_descending

NAN = np.nan


def _pairs(n_values: int) -> np.ndarray:
    """0, 0, 1, 1, …: every value twice, in a scrambled order (units are not sorted)."""
    values = np.repeat(np.arange(n_values, dtype=np.float64), 2)
    return np.random.default_rng(7).permutation(values)


def test_a_large_population_ranks_ties_at_their_minimum() -> None:
    x = _pairs(40)  # 80 units, values 0 … 39 twice each
    # descending: 2 units hold each higher value, so value v has 2 · (39 − v) better
    np.testing.assert_array_equal(rank_descending(x), 1 + 2 * (39 - x))
    # ascending (R's rank(ties = "min")): 2 · v lower
    np.testing.assert_array_equal(rank(x, descending=False), 1 + 2 * x)


def test_missing_values_are_neither_ranked_nor_counted_in_a_large_population() -> None:
    x = _pairs(40)
    x[x == 39] = NAN  # the two best are missing: value v now has 2 · (38 − v) better
    x[x == 0] = NAN  # and the two worst
    expected = np.where(np.isnan(x), NAN, 1 + 2 * (38 - x))
    np.testing.assert_array_equal(rank_descending(x), expected)
    np.testing.assert_array_equal(
        rank(x, descending=False), np.where(np.isnan(x), NAN, 1 + 2 * (x - 1))
    )


def test_ranks_run_along_the_axis_given() -> None:
    # units on axis 0 (70 of them), two indicators; the second is the first reversed
    x = _pairs(35)
    table = np.column_stack([x, 34 - x])
    out = rank(table, axis=0)
    np.testing.assert_array_equal(out[:, 0], 1 + 2 * (34 - x))
    np.testing.assert_array_equal(out[:, 1], 1 + 2 * x)
    # a small population along axis 0 (the pairwise path) keeps the same rule
    small = np.array([[3.0, 1.0], [5.0, 1.0], [5.0, NAN], [1.0, 2.0]])
    np.testing.assert_array_equal(rank(small, axis=0), [[3, 2], [1, 2], [1, NAN], [4, 1]])
