"""Rules of ``index/normalise.py`` that the eighth mutation round found unpinned, by hand: a
scale that rounds to zero, and the polarity every method reads (1 or −1, nothing else)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from jiazhou.index import normalise
from jiazhou.index.normalise import zscore


def test_a_standard_deviation_that_rounds_to_zero_gives_no_z_scores() -> None:
    """Column 1: x = 0, 1e-200. Mean 5e-201, deviations ±5e-201, variance 2 · (5e-201)² / 1 =
    5e-401 — below the smallest double (4.9e-324), so the sd (R's ``sd``: the variance is a
    double before its root) is 0 although the values differ. A column without scale has no
    z-scores: NaN, the module's "missing" — not the ±inf of a plain division by 0, which
    would swamp every aggregate the indicator enters. A constant column (column 2: 0/0) gives
    NaN too. Column 3 (0, 2): mean 1, sd √2, z = ∓1/√2 — each column on its own."""
    x = np.array([[0.0, 3.0, 0.0], [1e-200, 3.0, 2.0]])
    z = zscore(x)
    assert np.isnan(z[:, :2]).all()
    np.testing.assert_allclose(z[:, 2], [-1 / math.sqrt(2), 1 / math.sqrt(2)])


METHODS = {
    "minmax": lambda x, d: normalise.minmax(x, 0.0, 1.0, d),
    "percentile_rank": lambda x, d: normalise.percentile_rank(x, d),
    "fraction_of_max": lambda x, d: normalise.fraction_of_max(x, d),
    "goalposts": lambda x, d: normalise.goalposts(x, 0.0, 10.0, d),
    "standard_value_ratio": lambda x, d: normalise.standard_value_ratio(x, 5.0, d),
    "benchmark_ratio": lambda x, d: normalise.benchmark_ratio(x, 5.0, d),
    "rank": lambda x, d: normalise.rank(x, d),
}


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("direction", [0, 2, -0.5, math.nan, [1, 0]])
def test_a_direction_other_than_one_or_minus_one_is_refused(method: str, direction: object) -> None:
    """Polarity is 1 (higher is better) or −1 (lower is better), per column or for all. With 0
    min–max gave every unit 0.5, percentile rank 0 and a benchmark ratio read it as 1: each
    method its own answer, so none is given."""
    x = np.array([[1.0, 4.0], [3.0, 8.0]])
    with pytest.raises(ValueError, match="方向应为 1 或 -1"):
        METHODS[method](x, direction)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_per_column_polarities_of_one_and_minus_one_are_read(method: str) -> None:
    """Column 2 lower-is-better gives what the mirrored data gives higher-is-better, for the
    methods whose scale is symmetric under mirroring (min–max, ranks): checked on two columns;
    the others at least accept ±1 per column and default to 1."""
    x = np.array([[1.0, 4.0], [3.0, 8.0]])
    both = METHODS[method](x, [1, -1])
    assert both.shape == x.shape
    np.testing.assert_array_equal(METHODS[method](x, 1), METHODS[method](x, [1, 1]))
    if method in ("minmax", "percentile_rank", "rank"):
        mirrored = METHODS[method](np.column_stack([x[:, 0], -x[:, 1]]), 1)
        np.testing.assert_allclose(both, mirrored)
