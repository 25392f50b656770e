"""Denomination: divide indicators by a size column (GDP, population, area…), as COINr's
``Denominate``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self

import numpy as np

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.step import Step

__all__ = ["Denominate"]


class Denominate(Step):
    """``x / denominator * scale`` for each indicator that has a denominator.

    ``denominators`` maps indicator → denominator column; ``None`` reads the iMeta
    ``Denominator`` column. A missing or zero denominator gives a missing value.
    """

    name = "Denominated"

    def __init__(self, denominators: Mapping[str, str] | None = None, scale: float = 1.0) -> None:
        self.denominators = denominators
        self.scale = scale

    def fit(self, data: Dataset, framework: Framework) -> Self:
        """Resolve the indicator → denominator map and check the columns exist."""
        chosen = dict(framework.denominators if self.denominators is None else self.denominators)
        for code, denom in chosen.items():
            if code not in data.codes:
                raise IndexInputError(
                    f"分母设置中的指标「{code}」不存在", f"unknown indicator '{code}'"
                )
            if denom not in data.aux.columns:
                raise IndexInputError(
                    f"指标「{code}」的分母列「{denom}」不在数据中",
                    f"denominator column '{denom}' of '{code}' is not in the data",
                )
        self.denominators_ = chosen
        return self

    def transform(self, data: Dataset) -> Dataset:
        """Divide each denominated column by its denominator."""
        values = data.values.copy()
        for code, denom in self.denominators_.items():
            j = data.codes.index(code)
            d = data.aux[denom].cast(float).fill_null(float("nan")).to_numpy()
            with np.errstate(divide="ignore", invalid="ignore"):
                values[:, j] = np.where(d == 0, np.nan, values[:, j] / d) * self.scale
        return data.with_values(values)
