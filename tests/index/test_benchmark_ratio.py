"""``normalise.benchmark_ratio``: the 亩均 scoring of criteria.md §6.1 (a unit's value over the
benchmark, the cohort average by default), by hand.

Column x = 2, 4, 0, – has the average 2 (of the values present): ratios 1, 2, 0, –. A reverse
indicator scores benchmark / x: 1, 0.5, and x ≤ 0 has reached the best value (the cap, or
infinity without one). A benchmark of 0 or below has no scale: every ratio is missing.
"""

from __future__ import annotations

import numpy as np

from jiazhou.index.normalise import benchmark_ratio

NAN = np.nan
X = np.array([[2.0], [4.0], [0.0], [NAN]])


def test_the_ratio_to_the_cohort_average() -> None:
    np.testing.assert_allclose(benchmark_ratio(X)[:, 0], [1.0, 2.0, 0.0, NAN])


def test_a_reverse_indicator_scores_benchmark_over_value() -> None:
    np.testing.assert_allclose(benchmark_ratio(X, direction=-1)[:, 0], [1.0, 0.5, np.inf, NAN])
    np.testing.assert_allclose(
        benchmark_ratio(X, direction=-1, cap=2.0)[:, 0], [1.0, 0.5, 2.0, NAN]
    )
    negative = benchmark_ratio(np.array([[-3.0], [3.0]]), benchmark=1.5, direction=-1, cap=3.0)
    np.testing.assert_allclose(negative[:, 0], [3.0, 0.5])  # below 0: the best value, capped


def test_the_cap_bounds_the_ratio_from_above_only() -> None:
    out = benchmark_ratio(np.array([[6.0], [1.0], [2.0]]), benchmark=2.0, cap=2.0)
    np.testing.assert_allclose(out[:, 0], [2.0, 0.5, 1.0])  # 3 capped at 2; exactly 2 stays


def test_a_benchmark_without_scale_gives_no_ratio() -> None:
    for b in (0.0, -1.0):
        assert np.isnan(benchmark_ratio(X, benchmark=b)).all()
    tiny = benchmark_ratio(np.array([[1.0]]), benchmark=1e-9)
    np.testing.assert_allclose(tiny[:, 0], [1e9])  # any positive benchmark scales


def test_directions_per_column() -> None:
    """Two columns, the second reverse: (2, 4) over averages (3, 6): 2/3 and 6/4."""
    x = np.array([[2.0, 4.0], [4.0, 8.0]])
    out = benchmark_ratio(x, direction=np.array([1.0, -1.0]))
    np.testing.assert_allclose(out[0], [2 / 3, 6 / 4])
    np.testing.assert_allclose(out[1], [4 / 3, 6 / 8])


def test_z_scores_on_a_chosen_scale_and_no_normalisation() -> None:
    """x = 1, 2, 3: mean 2, sd 1 → z = −1, 0, 1; on COINr's ``n_zscore(c(10, 2))`` scale
    10 + 2z = 8, 10, 12. "none" keeps the values, turned by the direction."""
    from jiazhou.index.normalise import normalise_columns, zscore

    x = np.array([[1.0], [2.0], [3.0]])
    np.testing.assert_allclose(zscore(x, mean=10.0, sd=2.0)[:, 0], [8.0, 10.0, 12.0])
    reverse = np.array([-1.0])
    none = normalise_columns(x, "none", reverse, {}, {})
    np.testing.assert_allclose(none[:, 0], [-1.0, -2.0, -3.0])
