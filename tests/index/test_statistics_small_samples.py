"""R's statistics on the smallest samples they are defined for (``index.statistics``):

- ``sd``: R's ``sd(c(1, 3))`` is √2 (n − 1 = 1 in the denominator); one value gives ``NA``.
- type-2 skewness needs three values, type-2 excess kurtosis four (e1071 / Excel, as COINr's
  ``get_stats``); below that ``NA``. Hand values: x = 1, 2, 4 has mean 7/3, Σc² = 14/3,
  Σc³ = 20/9, so skew = √3 · (20/9) / (14/3)^1.5 · √6 / 1 ≈ 0.935220.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from jiazhou.index.statistics import kurt, r_sd, skew


def test_sd_of_two_values_and_of_one() -> None:
    assert r_sd(np.array([[1.0], [3.0]]))[0] == pytest.approx(math.sqrt(2))
    assert r_sd(np.array([[1.0, 2.0], [3.0, np.nan]])).tolist()[0] == pytest.approx(math.sqrt(2))
    assert math.isnan(r_sd(np.array([[1.0, 2.0], [3.0, np.nan]]))[1])


def test_skew_from_three_values() -> None:
    expected = math.sqrt(3) * (20 / 9) / (14 / 3) ** 1.5 * math.sqrt(6)
    assert skew(np.array([[1.0], [2.0], [4.0]]))[0] == pytest.approx(expected)
    assert expected == pytest.approx(0.935220, abs=1e-6)
    assert math.isnan(skew(np.array([[1.0], [2.0]]))[0])


def test_kurtosis_from_four_values() -> None:
    # x = 1, 2, 3, 10: mean 4, c = −3, −2, −1, 6; Σc² = 50, Σc⁴ = 81 + 16 + 1 + 1296 = 1394;
    # r = 4 · 1394 / 2500 = 2.2304; ((n+1)(r−3)+6)(n−1)/((n−2)(n−3)) = (5 · −0.7696 + 6) · 3 / 2
    expected = (5 * (4 * 1394 / 2500 - 3) + 6) * 3 / 2
    assert kurt(np.array([[1.0], [2.0], [3.0], [10.0]]))[0] == pytest.approx(expected)
    assert expected == pytest.approx(3.228)
    assert math.isnan(kurt(np.array([[1.0], [2.0], [3.0]]))[0])
