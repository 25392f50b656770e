"""Outlier treatment, as COINr's ``Treat`` with its default specification.

An indicator passes when ``|skew| < skew_thresh`` OR ``kurtosis < kurt_thresh`` (COINr's
``check_SkewKurt``). A failing indicator is winsorised: the current maximum (minimum when the skew
is negative) is replaced by the next value, then re-checked, up to ``winmax`` points (ties count
as several points). If it still fails, the winsorisation is undone and ``f2`` is applied to the
original values (``combine=True`` applies it to the winsorised values instead). ``f2`` is one of

- ``log_CT``: ``ln(x − min + 0.01·(max − min))`` (COINr's default),
- ``log_CT_orig``: ``ln(x − min + 1)``,
- ``log_GII``: ``ln((max − 1)(x − min)/(max − min) + 1)`` — COINr's ``log_GII`` computes this and
  then returns the untransformed vector; here the transformed values are returned,
- ``boxcox``: ``((x − min + 1)^λ − 1)/λ`` (``ln`` for λ = 0),
- ``none``.

Fit learns, per indicator, the clip bounds and transform constants, so ``transform`` is a pure
array operation. Indicators with fewer than 4 values cannot be tested and are left untreated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Self

import numpy as np
import numpy.typing as npt
import polars as pl

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.step import Step

FloatArray = npt.NDArray[np.float64]
SecondTreatment = Literal["log_CT", "log_CT_orig", "log_GII", "boxcox", "none"]
F2 = ("log_CT", "log_CT_orig", "log_GII", "boxcox", "none")

__all__ = ["Treat", "passes", "second_treatment", "winsorise"]


def _skew_kurt(x: FloatArray) -> tuple[float, float]:
    """Type-2 skew and excess kurtosis of the present values (same formulas as
    :mod:`statistics`, one pass for the treatment loop)."""
    v = x[~np.isnan(x)]
    n = v.size
    if n < 4:
        return float("nan"), float("nan")
    c = v - v.mean()
    c2 = c * c
    m2 = c2.sum()
    if m2 == 0:
        return float("nan"), float("nan")
    g = np.sqrt(n) * (c2 * c).sum() / m2**1.5
    r = n * (c2 * c2).sum() / m2**2
    s = g * np.sqrt(n * (n - 1)) / (n - 2)
    k = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return float(s), float(k)


def passes(x: FloatArray, skew_thresh: float = 2.0, kurt_thresh: float = 3.5) -> bool:
    """COINr's ``check_SkewKurt``: ``|skew| < skew_thresh or kurt < kurt_thresh``."""
    s, k = _skew_kurt(x)
    if np.isnan(s) or np.isnan(k):
        return True
    return abs(s) < skew_thresh or k < kurt_thresh


def winsorise(
    x: FloatArray, winmax: int, skew_thresh: float = 2.0, kurt_thresh: float = 3.5
) -> tuple[float, float, int]:
    """Winsorise until passing or ``winmax`` points; return (lower, upper) clip bounds and count."""
    v = x[~np.isnan(x)].copy()
    lo, hi, n = -np.inf, np.inf, 0
    while not passes(v, skew_thresh, kurt_thresh) and n < winmax:
        high = _skew_kurt(v)[0] >= 0
        extreme = v.max() if high else v.min()
        at = v == extreme
        if at.all():
            break
        nxt = v[~at].max() if high else v[~at].min()
        v[at] = nxt
        n += int(at.sum())
        if high:
            hi = nxt
        else:
            lo = nxt
    return lo, hi, n


def second_treatment(
    x: FloatArray, f2: str, vmin: float, vmax: float, lam: float = 0.5
) -> FloatArray:
    """Apply a log or Box-Cox transform with constants learned from the training data."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if f2 == "log_CT":
            return np.log(x - vmin + 0.01 * (vmax - vmin))
        if f2 == "log_CT_orig":
            return np.log(x - vmin + 1)
        if f2 == "log_GII":
            return np.log((vmax - 1) * (x - vmin) / (vmax - vmin) + 1)
        if f2 == "boxcox":
            shifted = x - vmin + 1
            return np.log(shifted) if lam == 0 else (shifted**lam - 1) / lam
    return x.copy()


class Treat(Step):
    """Skew/kurtosis-triggered winsorisation, falling back to a log/Box-Cox transform.

    ``individual`` maps an indicator code to overrides of ``winmax``, ``f2``, ``boxcox_lambda``
    or ``"none"`` to leave it untreated.
    """

    name = "Treated"

    def __init__(
        self,
        winmax: int = 5,
        skew_thresh: float = 2.0,
        kurt_thresh: float = 3.5,
        f2: SecondTreatment = "log_CT",
        boxcox_lambda: float = 0.5,
        combine: bool = False,
        individual: Mapping[str, Mapping[str, Any] | str] | None = None,
    ) -> None:
        self.winmax = winmax
        self.skew_thresh = skew_thresh
        self.kurt_thresh = kurt_thresh
        self.f2 = f2
        self.boxcox_lambda = boxcox_lambda
        self.combine = combine
        self.individual = individual

    def _spec(self, code: str) -> dict[str, Any] | None:
        spec: dict[str, Any] = {
            "winmax": self.winmax,
            "f2": self.f2,
            "boxcox_lambda": self.boxcox_lambda,
        }
        extra = (self.individual or {}).get(code)
        if extra == "none":
            return None
        if isinstance(extra, Mapping):
            spec.update(extra)
        if spec["f2"] not in F2:
            raise IndexInputError(
                f"指标「{code}」的第二步处理「{spec['f2']}」无效，应为 {F2} 之一",
                f"indicator '{code}': f2 '{spec['f2']}' is not one of {F2}",
            )
        return spec

    def fit(self, data: Dataset, framework: Framework) -> Self:
        """Decide each indicator's treatment; ``details_`` is a table of what was done."""
        m = len(data.codes)
        self.lower_ = np.full(m, -np.inf)
        self.upper_ = np.full(m, np.inf)
        self.f2_ = ["none"] * m
        self.vmin_ = np.zeros(m)
        self.vmax_ = np.zeros(m)
        self.lambda_ = np.full(m, self.boxcox_lambda)
        rows = []
        for j, code in enumerate(data.codes):
            x = data.values[:, j]
            spec = self._spec(code)
            s0, k0 = _skew_kurt(x)
            ok0 = True if spec is None else passes(x, self.skew_thresh, self.kurt_thresh)
            action, nwin = "none", 0
            if not ok0 and spec is not None:
                lo, hi, nwin = winsorise(x, int(spec["winmax"]), self.skew_thresh, self.kurt_thresh)
                clipped = np.clip(x, lo, hi)
                if passes(clipped, self.skew_thresh, self.kurt_thresh):
                    self.lower_[j], self.upper_[j], action = lo, hi, "winsorise"
                elif spec["f2"] != "none":
                    base = clipped if self.combine else x
                    if self.combine:
                        self.lower_[j], self.upper_[j] = lo, hi
                    self.f2_[j] = spec["f2"]
                    self.vmin_[j], self.vmax_[j] = np.nanmin(base), np.nanmax(base)
                    self.lambda_[j] = float(spec["boxcox_lambda"])
                    action = spec["f2"] if not self.combine else f"winsorise+{spec['f2']}"
                    nwin = nwin if self.combine else 0
                else:
                    self.lower_[j], self.upper_[j], action = lo, hi, "winsorise"
            treated = self._apply(x, j)
            s1, k1 = _skew_kurt(treated)
            rows.append(
                {
                    "iCode": code,
                    "skew": s0,
                    "kurt": k0,
                    "pass_before": ok0,
                    "treatment": action,
                    "n_winsorised": nwin,
                    "skew_after": s1,
                    "kurt_after": k1,
                    "pass_after": passes(treated, self.skew_thresh, self.kurt_thresh),
                }
            )
        self.details_ = pl.DataFrame(rows).with_columns(pl.col(pl.Float64).fill_nan(None))
        return self

    def _apply(self, x: FloatArray, j: int) -> FloatArray:
        out = np.clip(x, self.lower_[j], self.upper_[j])
        if self.f2_[j] != "none":
            out = second_treatment(out, self.f2_[j], self.vmin_[j], self.vmax_[j], self.lambda_[j])
        return out

    def transform(self, data: Dataset) -> Dataset:
        """Clip to the learned bounds and apply the learned transforms."""
        v = np.column_stack([self._apply(data.values[:, j], j) for j in range(len(data.codes))])
        return data.with_values(v.reshape(data.values.shape))

    def treated_points(self, data: Dataset) -> pl.DataFrame:
        """Which values ``transform`` changes: unit, indicator, before, after."""
        after = self.transform(data).values
        changed = ~np.isclose(after, data.values, equal_nan=True)
        i, j = np.nonzero(changed)
        return pl.DataFrame(
            {
                "uCode": [data.units[a] for a in i],
                "iCode": [data.codes[b] for b in j],
                "before": data.values[i, j],
                "after": after[i, j],
            },
            schema={
                "uCode": pl.String,
                "iCode": pl.String,
                "before": pl.Float64,
                "after": pl.Float64,
            },
        )
