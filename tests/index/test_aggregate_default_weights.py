"""Aggregation without weights (issue 23): ``w=None`` means equal weights over each unit's
children — the last axis — whatever the number of units.

COINr's ``a_amean(x, w)`` etc. take ``w = NULL`` as equal weights of the length of ``x`` (the
children); a table of 2 units × 3 children must therefore weigh 3 children, not 2 units.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from jiazhou.index import aggregate as ag

# 2 units × 3 children: more children than units, so weights sized by the wrong axis could not
# even be broadcast.
X = np.array([[1.0, 2.0, 6.0], [2.0, 4.0, 8.0]])


def test_the_means_weigh_every_child_equally_without_weights() -> None:
    # arithmetic: (1 + 2 + 6) / 3 = 3, (2 + 4 + 8) / 3 = 14/3
    np.testing.assert_allclose(ag.weighted_arithmetic(X), [3.0, 14.0 / 3.0])
    # geometric: (1·2·6)^(1/3) = 12^(1/3), (2·4·8)^(1/3) = 64^(1/3) = 4
    np.testing.assert_allclose(ag.geometric_mean(X), [12.0 ** (1 / 3), 4.0])
    # harmonic: 3 / (1 + 1/2 + 1/6) = 3 / (5/3) = 9/5; 3 / (1/2 + 1/4 + 1/8) = 3 / (7/8) = 24/7
    np.testing.assert_allclose(ag.harmonic_mean(X), [1.8, 24.0 / 7.0])
    # power mean p = 2: sqrt((1 + 4 + 36) / 3) = sqrt(41/3); sqrt((4 + 16 + 64) / 3) = sqrt(28)
    np.testing.assert_allclose(ag.generalised_mean(X, p=2.0), [np.sqrt(41 / 3), np.sqrt(28.0)])
    # median of three equal weights: the middle value
    np.testing.assert_array_equal(ag.weighted_median(X), [2.0, 4.0])


@pytest.mark.parametrize(
    "f", [ag.weighted_arithmetic, ag.geometric_mean, ag.harmonic_mean, ag.weighted_median]
)
def test_no_weights_is_the_same_as_weights_of_one(f: Callable[..., ag.FloatArray]) -> None:
    np.testing.assert_array_equal(f(X), f(X, np.ones(3)))
