"""Outlier treatment, as COINr's ``Treat`` (``winsorise`` then a fallback transform).

An indicator passes when ``|skew| < skew_thresh`` OR ``kurtosis < kurt_thresh`` (COINr's
``check_SkewKurt``; type-2 estimators, R's mean). A failing indicator is winsorised as COINr's
``winsorise`` does: at each iteration every point at the current maximum (minimum when the skew
is negative) takes the next value, so the count of winsorised points is the number of points
sitting at the clipped extreme — one more distinct point per iteration (ties move together) —
and the loop stops when the indicator passes or ``winmax`` points are reached. ``force_win``
winsorises up to ``winmax`` whatever the skew. If it still fails, the winsorisation is undone and
``f2`` is applied to the original values (``combine=True`` applies it to the winsorised values).
``f2`` is one of

- ``log_CT``: ``ln(x − min + 0.01·(max − min))`` (COINr's default),
- ``log_CT_plus``: ``log_CT`` when the skew is positive, else ``−ln(max + 0.01·(max − min) − x)``,
- ``log_CT_orig``: ``ln(x − min + 1)``,
- ``log_GII``: ``ln((max − 1)(x − min)/(max − min) + 1)`` — COINr's ``log_GII`` computes this and
  then returns the untransformed vector; here the transformed values are returned,
- ``boxcox``: ``((x − min + 1)^λ − 1)/λ`` (``ln`` for λ = 0),
- ``none``,
- or any callable ``f(x) -> array`` (a custom treatment, applied to the column).

Fit learns, per indicator, the clip bounds and transform constants, so ``transform`` is a pure
array operation. An indicator whose skew or kurtosis cannot be computed (fewer than 4 values, or
constant) is left untreated, as COINr does when ``check_SkewKurt`` returns NA.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Self

import numpy as np
import numpy.typing as npt
import polars as pl

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.step import Step

FloatArray = npt.NDArray[np.float64]
CustomTreatment = Callable[[FloatArray], FloatArray]
F2 = ("log_CT", "log_CT_plus", "log_CT_orig", "log_GII", "boxcox", "none")

__all__ = ["F2", "Treat", "passes", "second_treatment", "winsorise"]


def _skew_kurt(x: FloatArray) -> tuple[float, float]:
    """Type-2 skew and excess kurtosis of the present values, as :mod:`statistics` (the same
    formulas; one pass for the treatment loop); NaN when they cannot be computed."""
    v = x[~np.isnan(x)]
    n = v.size
    if n < 4:
        return float("nan"), float("nan")
    m = v.mean()
    m += (v - m).mean()  # R's refined two-pass mean
    c = v - m
    c2 = c * c
    m2 = float(c2.sum())
    if m2 == 0:
        return float("nan"), float("nan")
    g = np.sqrt(n) * float((c2 * c).sum()) / m2**1.5
    r = n * float((c2 * c2).sum()) / m2**2
    s = g * np.sqrt(n * (n - 1)) / (n - 2)
    k = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return float(s), float(k)


def _passes(s: float, k: float, skew_thresh: float, kurt_thresh: float) -> bool:
    if np.isnan(s) or np.isnan(k):
        return True
    return abs(s) < skew_thresh or k < kurt_thresh


def passes(x: FloatArray, skew_thresh: float = 2.0, kurt_thresh: float = 3.5) -> bool:
    """COINr's ``check_SkewKurt``: ``|skew| < skew_thresh or kurt < kurt_thresh``; an
    indicator whose statistics cannot be computed counts as passing (COINr leaves it as is)."""
    return _passes(*_skew_kurt(x), skew_thresh, kurt_thresh)


def winsorise(
    x: FloatArray,
    winmax: int | None,
    skew_thresh: float = 2.0,
    kurt_thresh: float = 3.5,
    force_win: bool = False,
) -> tuple[float, float, int]:
    """COINr's ``winsorise``; returns the (lower, upper) clip bounds and ``nwin``, the number of
    points at the clipped extremes (``winmax=None``: no limit)."""
    v = x[~np.isnan(x)].copy()
    lo, hi = -np.inf, np.inf
    n_hi = n_lo = nwin = 0
    s, k = _skew_kurt(v)
    passing = _passes(s, k, skew_thresh, kurt_thresh)
    while (not passing or force_win) and (winmax is None or nwin < winmax):
        high = not s < 0  # COINr: skew >= 0 winsorises the top (a NaN skew too)
        extreme = v.max() if high else v.min()
        at = v == extreme
        if at.all():
            break
        nxt = v[~at].max() if high else v[~at].min()
        v[at] = nxt
        if high:
            hi, n_hi = nxt, int(at.sum())
        else:
            lo, n_lo = nxt, int(at.sum())
        nwin = n_hi + n_lo
        s, k = _skew_kurt(v)
        passing = _passes(s, k, skew_thresh, kurt_thresh)
    return lo, hi, nwin


def second_treatment(
    x: FloatArray,
    f2: str,
    vmin: float,
    vmax: float,
    lam: float = 0.5,
    negative: bool = False,
) -> FloatArray:
    """Apply a log or Box-Cox transform with constants learned from the training data
    (``negative`` selects ``log_CT_plus``'s mirrored branch)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if f2 == "log_CT":
            return np.log(x - vmin + 0.01 * (vmax - vmin))
        if f2 == "log_CT_plus":
            a = 0.01 * (vmax - vmin)
            return -np.log(vmax + a - x) if negative else np.log(x - vmin + a)
        if f2 == "log_CT_orig":
            return np.log(x - vmin + 1)
        if f2 == "log_GII":
            return np.log((vmax - 1) * (x - vmin) / (vmax - vmin) + 1)
        if f2 == "boxcox":
            shifted = x - vmin + 1
            return np.log(shifted) if lam == 0 else (shifted**lam - 1) / lam
    return x.copy()


def _label(f2: str | CustomTreatment) -> str:
    return f2 if isinstance(f2, str) else getattr(f2, "__name__", "custom")


class Treat(Step):
    """Skew/kurtosis-triggered winsorisation, falling back to a log/Box-Cox/custom transform.

    ``individual`` maps an indicator code to overrides of ``winmax``, ``f2``, ``boxcox_lambda``,
    ``skew_thresh``, ``kurt_thresh``, ``force_win`` — or to ``"none"`` to leave it untreated.
    ``details_`` mirrors COINr's ``Dets_Table``: statistics before (``check_SkewKurt0``), the
    number winsorised (``winsorise.nwin``), after winsorisation (``check_SkewKurt1``) and after
    the whole treatment.
    """

    name = "Treated"

    def __init__(
        self,
        winmax: int | None = 5,
        skew_thresh: float = 2.0,
        kurt_thresh: float = 3.5,
        f2: str | CustomTreatment = "log_CT",
        boxcox_lambda: float = 0.5,
        combine: bool = False,
        individual: Mapping[str, Mapping[str, Any] | str] | None = None,
        force_win: bool = False,
    ) -> None:
        self.winmax = winmax
        self.skew_thresh = skew_thresh
        self.kurt_thresh = kurt_thresh
        self.f2 = f2
        self.boxcox_lambda = boxcox_lambda
        self.combine = combine
        self.individual = individual
        self.force_win = force_win

    def _spec(self, code: str) -> dict[str, Any] | None:
        spec: dict[str, Any] = {
            "winmax": self.winmax,
            "f2": self.f2,
            "boxcox_lambda": self.boxcox_lambda,
            "skew_thresh": self.skew_thresh,
            "kurt_thresh": self.kurt_thresh,
            "force_win": self.force_win,
        }
        extra = (self.individual or {}).get(code)
        if extra == "none":
            return None
        if isinstance(extra, Mapping):
            unknown = set(extra) - set(spec)
            if unknown:
                raise IndexInputError(
                    f"指标「{code}」的处理设置含未知参数 {sorted(unknown)}",
                    f"indicator '{code}': unknown treatment settings {sorted(unknown)}",
                )
            spec.update(extra)
        if not callable(spec["f2"]) and spec["f2"] not in F2:
            raise IndexInputError(
                f"指标「{code}」的第二步处理「{spec['f2']}」无效，应为 {F2} 之一或函数",
                f"indicator '{code}': f2 '{spec['f2']}' is not one of {F2} or a function",
            )
        return spec

    def fit(self, data: Dataset, framework: Framework) -> Self:
        """Decide each indicator's treatment; ``details_`` is a table of what was done."""
        m = len(data.codes)
        self.lower_ = np.full(m, -np.inf)
        self.upper_ = np.full(m, np.inf)
        self.f2_: list[str | CustomTreatment] = ["none"] * m
        self.vmin_ = np.zeros(m)
        self.vmax_ = np.zeros(m)
        self.lambda_ = np.full(m, self.boxcox_lambda)
        self.negative_ = np.zeros(m, dtype=bool)
        rows = []
        for j, code in enumerate(data.codes):
            x = data.values[:, j]
            spec = self._spec(code)
            s0, k0 = _skew_kurt(x)
            row: dict[str, Any] = {"iCode": code, "skew": s0, "kurt": k0}
            st = kt = 0.0
            if spec is not None:
                st, kt = float(spec["skew_thresh"]), float(spec["kurt_thresh"])
            ok0 = True if spec is None else passes(x, st, kt)
            action, nwin = "none", None
            s1 = k1 = float("nan")
            ok1: bool | None = None
            if spec is not None and (not ok0 or spec["force_win"]):
                winmax = None if spec["winmax"] is None else int(spec["winmax"])
                lo, hi, nwin = winsorise(x, winmax, st, kt, bool(spec["force_win"]))
                clipped = np.clip(x, lo, hi)
                s1, k1 = _skew_kurt(clipped)
                ok1 = passes(clipped, st, kt)
                f2 = spec["f2"]
                if ok1 or (isinstance(f2, str) and f2 == "none"):
                    self.lower_[j], self.upper_[j] = lo, hi
                    action = "winsorise" if nwin else "none"
                else:
                    base = clipped if self.combine else x
                    if self.combine:
                        self.lower_[j], self.upper_[j] = lo, hi
                    self.f2_[j] = f2
                    self.vmin_[j], self.vmax_[j] = np.nanmin(base), np.nanmax(base)
                    self.lambda_[j] = float(spec["boxcox_lambda"])
                    self.negative_[j] = not _skew_kurt(base)[0] > 0
                    action = f"winsorise+{_label(f2)}" if self.combine else _label(f2)
            treated = self._apply(x, j)
            s2, k2 = _skew_kurt(treated)
            row.update(
                pass_before=ok0,
                treatment=action,
                n_winsorised=nwin,
                skew_winsorised=s1,
                kurt_winsorised=k1,
                pass_winsorised=ok1,
                skew_after=s2,
                kurt_after=k2,
                pass_after=True if spec is None else passes(treated, st, kt),
            )
            rows.append(row)
        schema = {
            "iCode": pl.String,
            "skew": pl.Float64,
            "kurt": pl.Float64,
            "pass_before": pl.Boolean,
            "treatment": pl.String,
            "n_winsorised": pl.Int64,
            "skew_winsorised": pl.Float64,
            "kurt_winsorised": pl.Float64,
            "pass_winsorised": pl.Boolean,
            "skew_after": pl.Float64,
            "kurt_after": pl.Float64,
            "pass_after": pl.Boolean,
        }
        self.details_ = pl.DataFrame(rows, schema=schema).with_columns(
            pl.col(pl.Float64).fill_nan(None)
        )
        return self

    def _apply(self, x: FloatArray, j: int) -> FloatArray:
        out = np.clip(x, self.lower_[j], self.upper_[j])
        f2 = self.f2_[j]
        if callable(f2):
            return np.asarray(f2(out), dtype=np.float64)
        if f2 != "none":
            out = second_treatment(
                out, f2, self.vmin_[j], self.vmax_[j], self.lambda_[j], bool(self.negative_[j])
            )
        return out

    def transform(self, data: Dataset) -> Dataset:
        """Clip to the learned bounds and apply the learned transforms."""
        v = np.column_stack([self._apply(data.values[:, j], j) for j in range(len(data.codes))])
        return data.with_values(v.reshape(data.values.shape))

    def point_labels(self, data: Dataset) -> npt.NDArray[np.str_]:
        """COINr's ``Treated_Points``: per cell ``winhi``/``winlo`` for winsorised points, the
        transform's name where one was applied (``winhi+log_CT`` when both), else ``""``."""
        v = data.values
        win = np.where(v > self.upper_, "winhi", np.where(v < self.lower_, "winlo", ""))
        names = np.array([_label(f) if _label(f) != "none" else "" for f in self.f2_])
        if self.combine:
            both = np.char.add(np.char.add(win, "+"), names)
            out = np.where((win != "") & (names != ""), both, np.where(win != "", win, names))
        else:
            out = np.where(names != "", names, win)
        labels: npt.NDArray[np.str_] = np.where(np.isnan(v), "", np.broadcast_to(out, v.shape))
        return labels

    def treated_points(self, data: Dataset) -> pl.DataFrame:
        """Which values ``transform`` changes: unit, indicator, before, after, label."""
        after = self.transform(data).values
        labels = self.point_labels(data)
        changed = ~np.isclose(after, data.values, equal_nan=True) | (labels != "")
        i, j = np.nonzero(changed)
        return pl.DataFrame(
            {
                "uCode": [data.units[a] for a in i],
                "iCode": [data.codes[b] for b in j],
                "before": data.values[i, j],
                "after": after[i, j],
                "label": labels[i, j].tolist(),
            },
            schema={
                "uCode": pl.String,
                "iCode": pl.String,
                "before": pl.Float64,
                "after": pl.Float64,
                "label": pl.String,
            },
        )
