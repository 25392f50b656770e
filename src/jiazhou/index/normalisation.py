"""The normalisation step: dispatches each indicator to a function of :mod:`normalise`.

Methods and their parameters (``params``): ``minmax`` (``lo``, ``hi``), ``zscore`` (``mean``,
``sd``), ``rank``, ``percentile_rank``, ``borda``, ``fraction_of_max``, ``distance_to_max``,
``distance_to_target`` (``cap``; target from iMeta ``Target``), ``goalposts`` (``scale``,
``trunc``; posts from iMeta ``goalpost_lower``/``goalpost_upper``), ``standard_value`` (``cap``;
标准值 from iMeta ``Standard`` — the Chinese regional evaluation's ``100 × x / s`` capped at 100,
reverse indicators ``100 × s / x``), and ``none`` (values times direction, as COINr).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Self

import numpy as np
import numpy.typing as npt

from jiazhou.index import normalise as nm
from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.step import Step

FloatArray = npt.NDArray[np.float64]

METHODS = (
    "minmax",
    "zscore",
    "rank",
    "percentile_rank",
    "borda",
    "fraction_of_max",
    "distance_to_max",
    "distance_to_target",
    "goalposts",
    "standard_value",
    "none",
)
META_COLUMN = {
    "distance_to_target": ("Target",),
    "goalposts": ("goalpost_lower", "goalpost_upper"),
    "standard_value": ("Standard",),
}

__all__ = ["METHODS", "Normalise", "normalise_columns"]


def normalise_columns(
    x: FloatArray,
    method: str,
    direction: FloatArray,
    params: Mapping[str, Any],
    meta: Mapping[str, FloatArray],
) -> FloatArray:
    """Normalise every column of ``x`` (units on axis 0) with one method."""
    p = dict(params)
    calls: dict[str, Callable[[], FloatArray]] = {
        "minmax": lambda: nm.minmax(x, p.get("lo", 0.0), p.get("hi", 100.0), direction),
        "zscore": lambda: nm.zscore(x, p.get("mean", 0.0), p.get("sd", 1.0), direction),
        "rank": lambda: nm.rank(x, direction),
        "percentile_rank": lambda: nm.percentile_rank(x, direction),
        "borda": lambda: nm.borda(x, direction),
        "fraction_of_max": lambda: nm.fraction_of_max(x, direction),
        "distance_to_max": lambda: nm.distance_to_max(x, direction),
        "distance_to_target": lambda: nm.distance_to_target(
            x, meta["Target"], direction, p.get("cap", True)
        ),
        "goalposts": lambda: nm.goalposts(
            x,
            meta["goalpost_lower"],
            meta["goalpost_upper"],
            direction,
            p.get("scale", 100.0),
            p.get("trunc", True),
        ),
        "standard_value": lambda: nm.standard_value_ratio(
            x, meta["Standard"], direction, p.get("cap", 100.0)
        ),
        "none": lambda: x * direction,
    }
    return calls[method]()


class Normalise(Step):
    """Normalise all indicators with ``method`` (``individual`` overrides per indicator code:
    ``{"code": {"method": ..., **params}}``)."""

    name = "Normalised"

    def __init__(
        self,
        method: str = "minmax",
        params: Mapping[str, Any] | None = None,
        individual: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.method = method
        self.params = params
        self.individual = individual

    def fit(self, data: Dataset, framework: Framework) -> Self:
        """Resolve each indicator's method, parameters, direction and metadata constants."""
        order = {c: j for j, c in enumerate(framework.indicators)}
        columns = {
            col: framework.column(col)
            for col in ("Target", "goalpost_lower", "goalpost_upper", "Standard")
        }
        idx = [order[c] for c in data.codes]
        self.directions_ = framework.directions[idx]
        groups: dict[tuple[str, tuple[tuple[str, Any], ...]], list[int]] = {}
        missing: list[tuple[str, str]] = []
        for j, code in enumerate(data.codes):
            spec = {"method": self.method, **(self.params or {})}
            spec.update((self.individual or {}).get(code, {}))
            method = str(spec.pop("method"))
            if method not in METHODS:
                raise IndexInputError(
                    f"指标「{code}」的标准化方法「{method}」无效，应为 {METHODS} 之一",
                    f"indicator '{code}': normalisation '{method}' is not one of {METHODS}",
                )
            missing += [
                (code, col)
                for col in META_COLUMN.get(method, ())
                if not np.isfinite(columns[col][order[code]])
            ]
            groups.setdefault((method, tuple(sorted(spec.items()))), []).append(j)
        if missing:
            listed = ", ".join(f"{code}.{col}" for code, col in missing)
            raise IndexInputError(
                f"以下指标的标准化参数在 iMeta 中为空：{listed}",
                f"these indicators lack their normalisation parameter in iMeta: {listed}",
            )
        self.groups_ = groups
        self.meta_ = {col: values[idx] for col, values in columns.items()}
        return self

    def transform(self, data: Dataset) -> Dataset:
        """Normalised values, one vectorised call per (method, parameters) group."""
        out = np.full_like(data.values, np.nan)
        for (method, params), cols in self.groups_.items():
            meta = {k: v[cols] for k, v in self.meta_.items()}
            out[:, cols] = normalise_columns(
                data.values[:, cols], method, self.directions_[cols], dict(params), meta
            )
        return data.with_values(out)
