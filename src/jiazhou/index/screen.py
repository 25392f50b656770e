"""Unit screening by data availability, as COINr's ``Screen``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Self

import numpy as np

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.step import Step

__all__ = ["Screen"]

ScreenRule = Literal["byNA", "byzeros", "byNAandzeros"]


class Screen(Step):
    """Drop units whose share of present (and/or non-zero) indicators is below the threshold.

    A unit is kept when availability ≥ ``dat_thresh`` (``byNA``), the share of non-zero
    values among its present values ≥ ``nonzero_thresh`` (``byzeros``), or both
    (``byNAandzeros``); ``force_include`` and ``force_exclude`` override the rule. Defaults
    0.66 and 0.05 are COINr's.
    """

    name = "Screened"

    def __init__(
        self,
        unit_screen: ScreenRule = "byNA",
        dat_thresh: float = 0.66,
        nonzero_thresh: float = 0.05,
        force_include: Sequence[str] = (),
        force_exclude: Sequence[str] = (),
    ) -> None:
        self.unit_screen = unit_screen
        self.dat_thresh = dat_thresh
        self.nonzero_thresh = nonzero_thresh
        self.force_include = force_include
        self.force_exclude = force_exclude

    def fit(self, data: Dataset, framework: Framework) -> Self:
        """Decide which units are kept; ``availability_`` and ``nonzero_`` per unit."""
        if self.unit_screen not in ("byNA", "byzeros", "byNAandzeros"):
            raise IndexInputError(
                f"筛选规则「{self.unit_screen}」无效", f"unknown unit_screen '{self.unit_screen}'"
            )
        v = data.values
        self.availability_ = np.mean(~np.isnan(v), axis=1)
        present = np.sum(~np.isnan(v), axis=1)
        zeros = np.sum(v == 0, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            self.nonzero_ = 1 - zeros / present  # COINr: share of non-zeros among present
        by_na = self.availability_ >= self.dat_thresh
        by_zero = self.nonzero_ >= self.nonzero_thresh
        keep = {"byNA": by_na, "byzeros": by_zero, "byNAandzeros": by_na & by_zero}[
            self.unit_screen
        ]
        units = np.array(data.units)
        keep = (keep | np.isin(units, list(self.force_include))) & ~np.isin(
            units, list(self.force_exclude)
        )
        self.kept_units_ = tuple(units[keep])
        self.removed_units_ = tuple(units[~keep])
        return self

    def transform(self, data: Dataset) -> Dataset:
        """Keep the units chosen in ``fit``."""
        return data.subset_units(np.isin(np.array(data.units), list(self.kept_units_)))
