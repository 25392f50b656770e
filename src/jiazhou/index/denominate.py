"""Denomination: divide indicators by a size column (GDP, population, area…), as COINr's
``Denominate``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Self

import numpy as np
import numpy.typing as npt

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.step import Step

FloatArray = npt.NDArray[np.float64]

__all__ = ["Denominate"]


class Denominate(Step):
    """``f_denom(x, denominator) * scale`` for each indicator that has a denominator.

    ``denominators`` maps indicator → denominator column (custom denominators); ``None`` reads
    the iMeta ``Denominator`` column. The scale factor is per indicator: ``scale_factors``
    (indicator → factor), else the iMeta ``Scale`` column, else ``scale`` (COINr's
    ``denomby$ScaleFactor``). ``f_denom`` replaces the division (COINr's ``f_denom``). A missing
    or zero denominator gives a missing value.
    """

    name = "Denominated"

    def __init__(
        self,
        denominators: Mapping[str, str] | None = None,
        scale: float = 1.0,
        scale_factors: Mapping[str, float] | None = None,
        f_denom: Callable[[FloatArray, FloatArray], FloatArray] | None = None,
    ) -> None:
        self.denominators = denominators
        self.scale = scale
        self.scale_factors = scale_factors
        self.f_denom = f_denom

    def fit(self, data: Dataset, framework: Framework) -> Self:
        """Resolve the indicator → denominator map and scale factors; check the columns exist."""
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
        meta_scale = dict(
            zip(framework.indicators, framework.column("Scale").tolist(), strict=True)
        )
        self.denominators_ = chosen
        self.scales_ = {
            code: float(
                (self.scale_factors or {}).get(
                    code, meta_scale[code] if np.isfinite(meta_scale[code]) else self.scale
                )
            )
            for code in chosen
        }
        return self

    def transform(self, data: Dataset) -> Dataset:
        """Divide each denominated column by its denominator (times its scale factor)."""
        values = data.values.copy()
        for code, denom in self.denominators_.items():
            j = data.codes.index(code)
            d = data.aux[denom].cast(float).fill_null(float("nan")).to_numpy()
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = values[:, j] / d if self.f_denom is None else self.f_denom(values[:, j], d)
                values[:, j] = np.where(d == 0, np.nan, ratio) * self.scales_[code]
        return data.with_values(values)
