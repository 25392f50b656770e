"""Imputation survivors, round ten (issue 23): rules of ``impute.py`` the sampled mutation run
left unpinned.

- A user function must return one value per unit: a single number (or a one-element array) is
  refused, not spread over every missing value of the column.
- Only a column with more than two observed values is regressed; a column observed in one unit
  only keeps the fill the chained equations start from, its observed mean.
- The chained equations run at most ``max_iter`` passes, 200 by default, and stop at the first
  pass in which no imputed value moves by ``tol`` or more, 10⁻⁸ by default (the class
  docstring; ``transform`` as ``fit``).

Chained equations for a unit missing both x and y (test_impute_tolerance.py): with the fitted
``x̂ = a + b·y`` and ``ŷ = c + d·x``, starting from the column means, pass n gives
``x̂ₙ = a + b·ŷₙ₋₁`` and ``ŷₙ = c + d·x̂ₙ`` (ŷ₀ = μ_y), so with r = b·d and the fixed point
``y* = (c + d·a) / (1 − r)``: ``ŷₙ = y* + rⁿ·(μ_y − y*)``. From pass 2 on, ŷ moves by
``rⁿ⁻¹·(1 − r)·|μ_y − y*|`` and x̂ by ``|b|·rⁿ⁻²·(1 − r)·|μ_y − y*|``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import pytest
from flat_frameworks import flat_framework

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.impute import Impute


def _dataset(**columns: list[float | None]) -> tuple[Dataset, Framework]:
    """The columns as indicators of a flat framework, units u0, u1, …"""
    fw = flat_framework(list(columns))
    units = [f"u{i}" for i in range(len(next(iter(columns.values()))))]
    schema = {"uCode": pl.String} | dict.fromkeys(columns, pl.Float64)
    return Dataset.from_frame(pl.DataFrame({"uCode": units, **columns}, schema=schema), fw), fw


class _Chain:
    """The closed form of the chained equations for a unit missing both x and y (above)."""

    def __init__(self, step: Impute) -> None:
        (self.a, self.b), (self.c, self.d) = step.coef_[0], step.coef_[1]
        self.r = self.b * self.d
        self.mu_y = float(step.mean_[1])
        self.y_star = (self.c + self.d * self.a) / (1 - self.r)

    def y(self, n: int) -> float:
        return self.y_star + self.r**n * (self.mu_y - self.y_star)

    def after(self, n: int) -> list[float]:
        """(x̂, ŷ) after n passes."""
        return [self.a + self.b * self.y(n - 1), self.y(n)]

    def move(self, n: int) -> float:
        """The largest move of pass n ≥ 2."""
        gap = abs(1 - self.r) * abs(self.mu_y - self.y_star)
        return max(abs(self.b) * abs(self.r) ** (n - 2), abs(self.r) ** (n - 1)) * gap


@pytest.mark.parametrize(
    "function",
    [lambda x: np.nanmin(x), lambda x: np.array([0.0])],
    ids=["a number", "a one-element array"],
)
def test_a_function_returning_one_value_for_the_column_is_refused(
    function: Callable[[np.ndarray], np.ndarray],
) -> None:
    """Three units, the function returns a single value: not one value per unit, so it is
    refused with the bilingual message (it would otherwise broadcast, filling every missing
    value of the column with that number)."""
    data, fw = _dataset(x=[1.0, None, 3.0], y=[1.0, 2.0, 3.0])
    with pytest.raises(IndexInputError, match="wrong length for 'x'"):
        Impute(function).fit_transform(data, fw)


@pytest.mark.parametrize("ridge", [0.0, 1e-3])
def test_a_column_observed_in_one_unit_is_not_regressed(ridge: float) -> None:
    """x = 1…4 complete; y observed only in u0 (5): one observed value, not more than two, so no
    regression is fitted for y (with no ridge, one row could not determine an intercept and a
    slope) and every missing y keeps the chained equations' starting fill, its observed mean 5.
    x has nothing missing and is not regressed either."""
    data, fw = _dataset(x=[1.0, 2.0, 3.0, 4.0], y=[5.0, None, None, None])
    step = Impute("regression", ridge=ridge).fit(data, fw)
    assert step.coef_ == {}
    out = step.transform(data)
    np.testing.assert_array_equal(out.column("y"), [5.0, 5.0, 5.0, 5.0])
    np.testing.assert_array_equal(out.column("x"), [1.0, 2.0, 3.0, 4.0])


def test_the_default_tolerance_stops_the_chain_at_the_first_pass_moving_less_than_1e_8() -> None:
    """x = 0, 2, 4, 6, 8, –; y = 1, 2, 4, 3, –, 5: r = b·d ≈ 0.848, so the chain for a new unit
    missing both converges well within 200 passes. With the default tolerance it stops at the
    first pass whose largest move is under 10⁻⁸ (pass 99 here: 1.17·10⁻⁸, then 0.99·10⁻⁸) and
    keeps that pass's values, about 5·10⁻⁸ short of the fixed point that further passes reach.
    """
    data, fw = _dataset(x=[0.0, 2.0, 4.0, 6.0, 8.0, None], y=[1.0, 2.0, 4.0, 3.0, None, 5.0])
    step = Impute("regression").fit(data, fw)
    chain = _Chain(step)
    assert 0.8 < chain.r < 0.9
    n = next(n for n in range(2, 200) if chain.move(n) < 1e-8)
    new, _ = _dataset(x=[None], y=[None])
    out = step.transform(new).values[0]
    np.testing.assert_allclose(out, chain.after(n), rtol=0, atol=1e-12)
    assert abs(out[1] - chain.y_star) > 1e-8


def test_the_default_cap_is_200_passes_of_the_chain() -> None:
    """x = 1…5, –; y = 1, 2, 3, 4.2, –, 6: x and y almost collinear, r = b·d ≈ 0.9988, so a new
    unit missing both is still moving by about 3·10⁻⁴ (far above the tolerance) at pass 200:
    the chain stops there, at the default ``max_iter``, with the values of pass 200 (pass 199 or
    201 would be some 10⁻⁴ off)."""
    data, fw = _dataset(x=[1.0, 2.0, 3.0, 4.0, 5.0, None], y=[1.0, 2.0, 3.0, 4.2, None, 6.0])
    step = Impute("regression").fit(data, fw)
    chain = _Chain(step)
    assert chain.move(200) > 1e-4
    new, _ = _dataset(x=[None], y=[None])
    out = step.transform(new).values[0]
    np.testing.assert_allclose(out, chain.after(200), rtol=0, atol=1e-10)
    assert np.abs(np.subtract(chain.after(199), chain.after(200))).max() > 1e-5
