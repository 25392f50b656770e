"""Imputation of missing indicator values, as COINr's ``Impute``.

Methods: column ``mean`` / ``median`` (COINr ``i_mean``, ``i_median``); ``group_mean`` /
``group_median`` by a unit group column (``i_mean_grp``, ``i_median_grp``); ``row_mean`` — the
unit's mean over its sibling indicators after min-max scaling, mapped back (COINr ``impute_by =
"row"`` with ``normalise_first`` and ``use_group``); ``em`` — expectation-maximisation under a
multivariate normal (what COINr delegates to Amelia); ``regression`` — iterative regression of each
column on the others (chained equations with predicted means); ``none``; or a user function
``f(x) -> x`` applied to each indicator column (COINr's ``f_i`` with any function of ``x``,
e.g. ``lambda x: np.where(np.isnan(x), np.nanmin(x), x)``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Literal, Self

import numpy as np
import numpy.typing as npt

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.step import Step

FloatArray = npt.NDArray[np.float64]
ImputeMethod = Literal[
    "none", "mean", "median", "group_mean", "group_median", "row_mean", "em", "regression"
]
METHODS = ("none", "mean", "median", "group_mean", "group_median", "row_mean", "em", "regression")

__all__ = ["METHODS", "Impute"]


def _column_fill(v: FloatArray, how: str) -> FloatArray:
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(v, axis=0) if how == "mean" else np.nanmedian(v, axis=0)


class Impute(Step):
    """Fill missing values; ``group`` names the unit group column for the group methods.

    ``em`` and ``regression`` iterate until no value moves by ``tol`` or more, at most
    ``max_iter`` times (EM steps; passes of the chained equations, in ``fit`` and in
    ``transform`` alike); ``ridge`` is added to the EM correlation diagonal and, times the
    number of rows, to the regression's slopes (never its intercept).

    Values that no method can fill (an all-missing column or group) stay ``NaN``; aggregation
    then skips them with re-scaled weights.
    """

    name = "Imputed"

    def __init__(
        self,
        method: ImputeMethod | Callable[[FloatArray], FloatArray] = "mean",
        group: str | None = None,
        max_iter: int = 200,
        tol: float = 1e-8,
        ridge: float = 1e-3,
    ) -> None:
        self.method = method
        self.group = group
        self.max_iter = max_iter
        self.tol = tol
        self.ridge = ridge

    def fit(self, data: Dataset, framework: Framework) -> Self:
        """Learn fill values, group statistics, sibling scaling or the EM/regression model."""
        if callable(self.method):
            self.function_ = self.method
            return self
        if self.method not in METHODS:
            raise IndexInputError(
                f"插补方法「{self.method}」无效，应为 {METHODS} 之一",
                f"unknown imputation method '{self.method}', expected one of {METHODS}",
            )
        v = data.values
        if self.method in ("mean", "median"):
            self.fill_ = _column_fill(v, self.method)
        elif self.method in ("group_mean", "group_median"):
            if self.group is None or self.group not in data.aux.columns:
                raise IndexInputError(
                    f"分组插补需要数据中存在的分组列，给定「{self.group}」",
                    f"group imputation needs a group column in the data, got {self.group!r}",
                )
            labels = data.aux[self.group].cast(str).to_numpy()
            how = self.method.removeprefix("group_")
            self.group_fill_ = {g: _column_fill(v[labels == g], how) for g in np.unique(labels)}
        elif self.method == "row_mean":
            self.min_ = np.nanmin(v, axis=0)
            self.max_ = np.nanmax(v, axis=0)
            self.siblings_ = [
                np.array(
                    [
                        data.codes.index(s)
                        for s in framework.children[framework.parent[c] or ""]
                        if s in data.codes
                    ]
                )
                for c in data.codes
            ]
        elif self.method in ("em", "regression"):
            # An indicator with no observed value has nothing to model: it stays out of the
            # model (and NaN), so it neither turns every coefficient into NaN nor is "filled"
            # with its centring constant.
            self.usable_ = np.flatnonzero(~np.isnan(v).all(axis=0))
            if self.method == "em":
                self.mean_, self.cov_ = self._em(v)
            else:
                self.mean_ = _column_fill(v, "mean")
                self.coef_ = self._regression(v)
        return self

    def transform(self, data: Dataset) -> Dataset:
        """Fill the missing values of ``data``."""
        v = data.values.copy()
        miss = np.isnan(v)
        if callable(self.method):
            for j in np.flatnonzero(miss.any(axis=0)):
                filled = np.asarray(self.function_(v[:, j].copy()), dtype=np.float64)
                if filled.shape != v[:, j].shape:
                    raise IndexInputError(
                        f"插补函数对指标「{data.codes[j]}」返回的长度不对",
                        f"the imputation function returned a wrong length for '{data.codes[j]}'",
                    )
                v[:, j] = np.where(miss[:, j], filled, v[:, j])
            return data.with_values(v)
        if self.method == "none" or not miss.any():
            return data.with_values(v)
        if self.method in ("mean", "median"):
            v = np.where(miss, self.fill_, v)
        elif self.method in ("group_mean", "group_median"):
            labels = data.aux[str(self.group)].cast(str).to_numpy()
            for i, g in enumerate(labels):
                fill = self.group_fill_.get(g)
                if fill is not None:
                    v[i] = np.where(miss[i], fill, v[i])
        elif self.method == "row_mean":
            v = self._row_mean(v)
        elif self.method == "em":
            cols = self.usable_
            v[:, cols] = self._conditional_mean(
                v[:, cols], self.mean_[cols], self.cov_[np.ix_(cols, cols)]
            )
        else:
            v = self._apply_regression(v)
        return data.with_values(v)

    # ---- row (within-group) mean --------------------------------------------------------
    def _row_mean(self, v: FloatArray) -> FloatArray:
        span = np.where(self.max_ > self.min_, self.max_ - self.min_, 1.0)
        scaled = (v - self.min_) / span
        out = v.copy()
        for j, sib in enumerate(self.siblings_):
            rows = np.isnan(v[:, j])
            if not rows.any():
                continue
            with np.errstate(invalid="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                m = np.nanmean(scaled[np.ix_(rows, sib)], axis=1)
            out[rows, j] = self.min_[j] + m * span[j]
        return out

    # ---- EM under a multivariate normal -------------------------------------------------
    def _conditional_mean(self, v: FloatArray, mu: FloatArray, cov: FloatArray) -> FloatArray:
        out = v.copy()
        for i in np.flatnonzero(np.isnan(v).any(axis=1)):
            m = np.isnan(v[i])
            o = ~m
            if o.any():
                coef = np.linalg.solve(cov[np.ix_(o, o)], cov[np.ix_(o, m)])
                out[i, m] = mu[m] + (v[i, o] - mu[o]) @ coef
            else:
                out[i, m] = mu[m]
        return out

    def _em(self, values: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Means and covariance by EM over the usable columns (NaN for the others); a ridge on
        the correlation diagonal keeps it invertible."""
        cols = self.usable_
        k_all = values.shape[1]
        mean_all = np.full(k_all, np.nan)
        cov_all = np.full((k_all, k_all), np.nan)
        if not cols.size:
            return mean_all, cov_all
        mu_sub, cov_sub = self._em_on(values[:, cols])
        mean_all[cols] = mu_sub
        cov_all[np.ix_(cols, cols)] = cov_sub
        return mean_all, cov_all

    def _em_on(self, v: FloatArray) -> tuple[FloatArray, FloatArray]:
        sd = np.nanstd(v, axis=0, ddof=1)
        sd = np.where(np.isfinite(sd) & (sd > 0), sd, 1.0)
        centre = np.nan_to_num(np.nanmean(v, axis=0))
        z = (v - centre) / sd
        k = z.shape[1]
        mu = np.zeros(k)
        cov = np.eye(k)
        miss = np.isnan(z)
        for _ in range(self.max_iter):
            filled = z.copy()
            extra = np.zeros((k, k))
            for i in np.flatnonzero(miss.any(axis=1)):
                m, o = miss[i], ~miss[i]
                if o.any():
                    coef = np.linalg.solve(cov[np.ix_(o, o)], cov[np.ix_(o, m)])
                    filled[i, m] = mu[m] + (z[i, o] - mu[o]) @ coef
                    extra[np.ix_(m, m)] += cov[np.ix_(m, m)] - cov[np.ix_(m, o)] @ coef
                else:
                    filled[i, m] = mu[m]
                    extra[np.ix_(m, m)] += cov[np.ix_(m, m)]
            new_mu = filled.mean(axis=0)
            d = filled - new_mu
            new_cov = (d.T @ d + extra) / z.shape[0]
            new_cov += self.ridge * np.diag(np.diag(new_cov))
            change = np.max(np.abs(new_mu - mu)) + np.max(np.abs(new_cov - cov))
            mu, cov = new_mu, new_cov
            if change < self.tol:
                break
        return centre + mu * sd, cov * np.outer(sd, sd)

    # ---- iterative regression -----------------------------------------------------------
    def _regression(self, values: FloatArray) -> dict[int, FloatArray]:
        """Coefficients by column index of ``values``, each on the other usable columns."""
        cols = self.usable_
        v = values[:, cols]
        miss = np.isnan(v)
        filled = np.where(miss, self.mean_[cols], v)
        coef: dict[int, FloatArray] = {}
        targets = [j for j in range(v.shape[1]) if miss[:, j].any() and (~miss[:, j]).sum() > 2]
        if not targets:
            return coef
        for _ in range(self.max_iter):
            previous = filled.copy()
            for j in targets:
                design = np.column_stack([np.ones(len(v)), np.delete(filled, j, axis=1)])
                ok = ~miss[:, j]
                lam = self.ridge * np.eye(design.shape[1])
                lam[0, 0] = 0.0
                a = design[ok]
                coef[int(cols[j])] = np.linalg.solve(a.T @ a + lam * len(a), a.T @ v[ok, j])
                filled[miss[:, j], j] = design[miss[:, j]] @ coef[int(cols[j])]
            if np.max(np.abs(filled - previous)) < self.tol:
                break
        return coef

    def _apply_regression(self, values: FloatArray) -> FloatArray:
        cols = self.usable_
        position = {int(c): j for j, c in enumerate(cols)}
        v = values[:, cols]
        miss = np.isnan(v)
        filled = np.where(miss, self.mean_[cols], v)
        for _ in range(self.max_iter if self.coef_ else 0):
            previous = filled.copy()
            for column, c in self.coef_.items():
                j = position[column]
                rows = miss[:, j]
                if rows.any():
                    design = np.column_stack([np.ones(len(v)), np.delete(filled, j, axis=1)])
                    filled[rows, j] = design[rows] @ c
            if np.max(np.abs(filled - previous)) < self.tol:
                break
        out = values.copy()
        out[:, cols] = np.where(np.isnan(filled), v, filled)
        return out
