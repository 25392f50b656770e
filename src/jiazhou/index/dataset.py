"""A data set of the pipeline: units × columns values plus the unit attributes beside them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
import polars as pl

from jiazhou.index.framework import Framework

FloatArray = npt.NDArray[np.float64]

__all__ = ["Dataset"]


@dataclass(frozen=True, eq=False)
class Dataset:
    """Values of ``codes`` (columns) for ``units`` (rows); ``aux`` keeps groups and denominators."""

    units: tuple[str, ...]
    codes: tuple[str, ...]
    values: FloatArray
    aux: pl.DataFrame

    @classmethod
    def from_frame(cls, data: pl.DataFrame, framework: Framework) -> Dataset:
        """The indicator columns of an iData table (checked against the framework)."""
        framework.check_data(data)
        codes = framework.indicators
        values = (
            data.select(pl.col(c).cast(pl.Float64) for c in codes)
            .to_numpy()
            .astype(np.float64)
            .reshape(data.height, len(codes))
        )
        values = np.where(np.isfinite(values), values, np.nan)
        keep = [
            c
            for c in ("uCode", "uName", *framework.group_columns, *framework.denominator_columns)
            if c in data.columns
        ]
        aux = data.select(keep).with_columns(pl.col("uCode").cast(pl.String))
        return cls(tuple(aux["uCode"]), codes, values, aux)

    def column(self, code: str) -> FloatArray:
        """One column of values."""
        return self.values[:, self.codes.index(code)]

    def take(self, codes: Sequence[str]) -> FloatArray:
        """The columns ``codes`` as a units × len(codes) array."""
        return self.values[:, [self.codes.index(c) for c in codes]]

    def with_values(self, values: FloatArray, codes: Sequence[str] | None = None) -> Dataset:
        """Same units, new values (and optionally new column codes)."""
        return replace(self, values=values, codes=self.codes if codes is None else tuple(codes))

    def subset_units(self, keep: npt.NDArray[np.bool_]) -> Dataset:
        """Only the units where ``keep`` is true."""
        units = tuple(u for u, k in zip(self.units, keep, strict=True) if k)
        return Dataset(units, self.codes, self.values[keep], self.aux.filter(pl.Series(keep)))

    def to_frame(self) -> pl.DataFrame:
        """Tidy-wide Polars frame: ``uCode`` then one column per code."""
        frame = pl.DataFrame(
            {"uCode": list(self.units)} | {c: self.values[:, j] for j, c in enumerate(self.codes)},
        )
        return frame.with_columns(pl.col(c).fill_nan(None) for c in self.codes)
