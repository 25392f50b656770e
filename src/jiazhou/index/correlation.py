"""Correlations, as COINr's ``get_corr``, ``get_pvals``, ``get_corr_flags`` and
``get_denom_corr``: Pearson, Spearman or Kendall, pairwise-complete observations (R's
``use = "pairwise.complete.obs"``), with p-values.

P-values: Pearson's is R's ``cor.test`` (t distribution, n − 2 degrees of freedom). For Spearman
and Kendall, the asymptotic tests (t approximation; normal approximation of tau-b) are used for
every sample size, where R's ``cor.test`` switches to exact tests for small samples without ties
— a documented departure that can only change p-values, never the correlations.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy import stats

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework

FloatArray = npt.NDArray[np.float64]
Method = Literal["pearson", "spearman", "kendall"]
METHODS = ("pearson", "spearman", "kendall")

__all__ = [
    "correlation_flags",
    "correlation_matrix",
    "correlations",
    "correlations_with_parents",
    "denominator_correlations",
]


def _pair(a: FloatArray, b: FloatArray, method: str) -> tuple[float, float]:
    ok = ~np.isnan(a) & ~np.isnan(b)
    x, y = a[ok], b[ok]
    n = x.size
    if n < 3 or np.all(x == x[0]) or np.all(y == y[0]):
        return float("nan"), float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method == "kendall":
            res = stats.kendalltau(x, y, method="asymptotic")
            return float(res.statistic), float(res.pvalue)
        if method == "spearman":
            x, y = stats.rankdata(x), stats.rankdata(y)
        r = float(np.corrcoef(x, y)[0, 1])
    r = max(-1.0, min(1.0, r))
    if abs(r) == 1.0:
        return r, 0.0
    t = r * np.sqrt((n - 2) / (1 - r * r))
    return r, float(2 * stats.t.sf(abs(t), n - 2))


def correlation_matrix(
    a: FloatArray, b: FloatArray | None = None, method: Method = "pearson"
) -> tuple[FloatArray, FloatArray]:
    """Correlations and p-values between the columns of ``a`` and those of ``b`` (``a`` itself
    when ``b`` is None), pairwise-complete."""
    if method not in METHODS:
        raise IndexInputError(
            f"相关方法「{method}」无效，应为 {METHODS} 之一",
            f"unknown correlation method '{method}', expected one of {METHODS}",
        )
    other = a if b is None else b
    r = np.full((a.shape[1], other.shape[1]), np.nan)
    p = np.full_like(r, np.nan)
    for i in range(a.shape[1]):
        for j in range(other.shape[1]):
            if b is None and j < i:
                r[i, j], p[i, j] = r[j, i], p[j, i]
                continue
            r[i, j], p[i, j] = _pair(a[:, i], other[:, j], method)
    return r, p


def correlations(
    data: Dataset,
    codes: Sequence[str],
    codes2: Sequence[str] | None = None,
    method: Method = "pearson",
    pval: float = 0.05,
) -> pl.DataFrame:
    """Long table ``Var1, Var2, Correlation, PValue``; a correlation whose p-value exceeds
    ``pval`` is null (COINr's masking; ``pval = 0`` keeps every value)."""
    second = list(codes if codes2 is None else codes2)
    r, p = correlation_matrix(data.take(codes), data.take(second), method)
    masked = np.where((pval > 0) & (p > pval), np.nan, r)
    rows = [
        (c1, c2, masked[i, j], p[i, j]) for i, c1 in enumerate(codes) for j, c2 in enumerate(second)
    ]
    return pl.DataFrame(
        rows, schema=["Var1", "Var2", "Correlation", "PValue"], orient="row"
    ).with_columns(pl.col("Correlation", "PValue").fill_nan(None))


def correlations_with_parents(
    data: Dataset, framework: Framework, method: Method = "pearson", pval: float = 0.0
) -> pl.DataFrame:
    """COINr's ``get_corr(withparent = TRUE)`` at every level: ``Parent, Child, Correlation,
    PValue`` for each node and its parent (the aggregated data set holds both)."""
    rows = []
    for lev in range(1, framework.n_levels):
        for child in framework.levels[lev]:
            parent = framework.parent.get(child)
            if parent is None or parent not in data.codes or child not in data.codes:
                continue
            r, p = _pair(data.column(child), data.column(parent), method)
            rows.append((parent, child, np.nan if pval > 0 and p > pval else r, p))
    return pl.DataFrame(
        rows, schema=["Parent", "Child", "Correlation", "PValue"], orient="row"
    ).with_columns(pl.col("Correlation", "PValue").fill_nan(None))


def correlation_flags(
    data: Dataset,
    framework: Framework,
    threshold: float = 0.9,
    kind: Literal["high", "low"] = "high",
    grouplev: int = 2,
    method: Method = "pearson",
) -> pl.DataFrame:
    """COINr's ``get_corr_flags``: indicator pairs in the same level-``grouplev`` group whose
    correlation is above (``high``) or below (``low``) ``threshold``, each pair once."""
    if not 2 <= grouplev <= framework.n_levels:
        raise IndexInputError(
            f"分组层级 {grouplev} 超出范围 2–{framework.n_levels}",
            f"grouplev {grouplev} is outside 2..{framework.n_levels}",
        )
    codes = [c for c in framework.indicators if c in data.codes]
    group = {c: framework.ancestor(c, grouplev) for c in codes}
    r, _ = correlation_matrix(data.take(codes), method=method)
    rows = []
    for i, a in enumerate(codes):
        for j in range(i + 1, len(codes)):
            b = codes[j]
            value = r[i, j]
            if group[a] != group[b] or np.isnan(value):
                continue
            if (kind == "high" and value > threshold) or (kind == "low" and value < threshold):
                rows.append((group[a], a, b, float(value)))
    return pl.DataFrame(rows, schema=["Group", "Ind1", "Ind2", "Corr"], orient="row")


def denominator_correlations(
    data: Dataset, framework: Framework, threshold: float = 0.6, method: Method = "pearson"
) -> pl.DataFrame:
    """COINr's ``get_denom_corr``: indicator–denominator pairs with ``|r| > threshold`` (a hint
    that an indicator may need denominating)."""
    denoms = [d for d in framework.denominator_columns if d in data.aux.columns]
    if not denoms:
        raise IndexInputError(
            "数据中没有分母列（iMeta 中 Type 为 Denominator）",
            "no denominator columns (Type Denominator in iMeta) in the data",
        )
    dv = np.column_stack(
        [data.aux[d].cast(pl.Float64).fill_null(np.nan).to_numpy() for d in denoms]
    )
    r, _ = correlation_matrix(data.values, dv, method)
    rows = [
        (code, d, float(r[i, j]))
        for i, code in enumerate(data.codes)
        for j, d in enumerate(denoms)
        if not np.isnan(r[i, j]) and abs(r[i, j]) > threshold
    ]
    return pl.DataFrame(rows, schema=["Ind", "Denom", "Corr"], orient="row").sort("Ind")
