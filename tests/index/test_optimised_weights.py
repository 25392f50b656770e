"""Optimised weights by hand (issue 23), as COINr's ``get_opt_weights``.

Two uncorrelated indicators x1 = (1, −1, 1, −1) and x2 = 3·(1, 1, −1, −1) (sample sds 1 : 3)
aggregated by the arithmetic mean, I = w1·x1 + w2·x2 (weights re-scaled to sum to 1):
corr(x_k, I) = w_k·s_k / √(w1²s1² + w2²s2²). So

- balance with equal importance needs w1·s1 = w2·s2: w = (3/4, 1/4);
- balance with importance (2, 1) needs w1·s1 = 2·w2·s2: w1/w2 = 6, w = (6/7, 1/7);
- infomax maximises (w1 s1 + w2 s2)/√(w1²s1² + w2²s2²) ≤ √2 (Cauchy–Schwarz), reached at
  w1·s1 = w2·s2: w = (3/4, 1/4) as well.

The optimum is returned re-scaled to sum to 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import polars as pl
import pytest

from jiazhou.index import Aggregate, Framework, Pipeline
from jiazhou.index.weights import optimised_weights


def _pipeline() -> Pipeline:
    meta = pl.DataFrame(
        {"Level": [1, 1, 2], "iCode": ["x1", "x2", "I"], "Parent": ["I", "I", None],
         "Direction": [1, 1, 1], "Weight": [1.0, 1.0, 1.0],
         "Type": ["Indicator", "Indicator", "Aggregate"]}
    )  # fmt: skip
    data = pl.DataFrame(
        {"uCode": ["u1", "u2", "u3", "u4"], "x1": [1.0, -1.0, 1.0, -1.0],
         "x2": [3.0, 3.0, -3.0, -3.0]}
    )  # fmt: skip
    return Pipeline([Aggregate()]).fit(data, Framework.from_meta(meta))


@pytest.mark.parametrize(
    ("optype", "importance", "expected"),
    [
        ("balance", None, (0.75, 0.25)),
        ("balance", [2.0, 1.0], (6 / 7, 1 / 7)),
        ("balance", [4.0, 2.0], (6 / 7, 1 / 7)),  # importance is read as shares
        ("infomax", None, (0.75, 0.25)),
    ],
)
def test_weights_that_balance_or_maximise_the_correlations(
    optype: Literal["balance", "infomax"],
    importance: Sequence[float] | None,
    expected: tuple[float, float],
) -> None:
    out = optimised_weights(
        _pipeline(), level=1, importance=importance, optype=optype, max_iter=2000, tol=1e-12
    )
    assert list(out) == ["x1", "x2"]
    np.testing.assert_allclose([out["x1"], out["x2"]], expected, atol=2e-3)
    assert sum(out.values()) == pytest.approx(1.0)
