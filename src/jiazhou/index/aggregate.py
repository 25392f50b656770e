"""Aggregation: the weighted means and their relatives, the indicator tree and the step.

Every function aggregates along the **last axis** (the children of one node: indicators of a
pillar, pillars of an index) with weights broadcast against it, so one call handles a units ×
indicators table or a replications × units × indicators stack alike.

Missing values (``NaN``) follow COINr's rule: they are dropped and the remaining weights are
re-scaled, unless fewer than ``min_share`` of the children are present, in which case the
result is ``NaN``.

:class:`Tree` turns a :class:`Framework` into index arrays once; :func:`aggregate_tree` then
aggregates a ``(..., units, indicators)`` array level by level with per-node weights of shape
``(..., nodes)``, so one call computes one index or thousands of replications.
:class:`Aggregate` is the pipeline step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Self

import numpy as np
import numpy.typing as npt

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.step import Step

FloatArray = npt.NDArray[np.float64]

__all__ = [
    "METHODS",
    "Aggregate",
    "Tree",
    "aggregate_node",
    "aggregate_tree",
    "effective_weight_runs",
    "copeland",
    "coverage",
    "generalised_mean",
    "geometric_mean",
    "geometric_mean_runs",
    "harmonic_mean",
    "weighted_arithmetic",
    "weighted_arithmetic_runs",
    "weighted_median",
]


def _prepare(
    x: npt.ArrayLike, w: npt.ArrayLike | None
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.bool_]]:
    """Values, weights (0 for a missing child) and which children are present, broadcast."""
    v = np.asarray(x, dtype=np.float64)
    wt = np.ones(v.shape[-1]) if w is None else np.asarray(w, dtype=np.float64)
    shape = np.broadcast_shapes(v.shape, wt.shape)
    v = np.broadcast_to(v, shape)
    wt = np.broadcast_to(wt, shape)
    present = ~np.isnan(v)
    return v, np.where(present, wt, 0.0), present


def coverage(x: npt.ArrayLike) -> FloatArray:
    """Share of non-missing children along the last axis."""
    v = np.asarray(x, dtype=np.float64)
    return np.asarray(np.mean(~np.isnan(v), axis=-1), dtype=np.float64)


def _threshold(min_share: float) -> float:
    """The share of present children a result needs: ``min_share`` (COINr's ``dat_thresh``, a
    share from 0 to 1, refused otherwise), and at least one child in any case."""
    if not 0.0 <= min_share <= 1.0:
        raise IndexInputError(
            f"最低数据占比 min_share 应在 0 到 1 之间，给定 {min_share}",
            f"min_share must be a share from 0 to 1, got {min_share}",
        )
    return max(min_share, 1e-12)


def _finish(out: FloatArray, x: npt.ArrayLike, min_share: float) -> FloatArray:
    return np.where(coverage(x) >= _threshold(min_share), out, np.nan)


def weighted_arithmetic(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, min_share: float = 0.0
) -> FloatArray:
    """``Σ w·x / Σ w`` over the present children, rounded as COINr's ``a_amean``: the weights
    are first scaled to sum to 1, then ``Σ (w·x)`` is accumulated in extended precision (R's
    ``sum``), so equal inputs give bit-equal scores and ties between units survive."""
    v, wt, present = _prepare(x, w)
    with np.errstate(invalid="ignore", divide="ignore"):
        total = np.sum(wt.astype(np.longdouble), axis=-1, keepdims=True).astype(np.float64)
        terms = np.where(present, v, 0.0) * (wt / total)
        out = np.sum(terms.astype(np.longdouble), axis=-1).astype(np.float64)
    return _finish(out, x, min_share)


def generalised_mean(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, p: float = 1.0, min_share: float = 0.0
) -> FloatArray:
    """Weighted power mean ``(Σ w·x^p / Σ w)^(1/p)``; ``p → 0`` is the geometric mean.

    Unlike COINr's ``a_genmean``, missing values are dropped with the weights re-scaled rather
    than turning the whole result into NaN.
    """
    if p == 0:
        return geometric_mean(x, w, min_share=min_share)
    v, wt, present = _prepare(x, w)
    # a child of weight 0 is left out (0^p · 0 would be NaN for p < 0)
    used = present & (wt != 0)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        powered = np.where(used, np.power(np.where(used, v, 1.0), p), 0.0)
        out = np.power(np.sum(powered * wt, axis=-1) / np.sum(wt, axis=-1), 1.0 / p)
    return _finish(out, x, min_share)


def geometric_mean(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, min_share: float = 0.0
) -> FloatArray:
    """Weighted geometric mean ``exp(Σ w·log x / Σ w)``.

    A zero child gives zero (the mathematical limit) instead of refusing the data as COINr's
    ``a_gmean`` does; negative values have no geometric mean and give NaN. A child of weight 0
    is left out whatever its value (``remove_elements``), as in the arithmetic mean — not
    ``log 0 · 0`` = NaN.
    """
    v, wt, present = _prepare(x, w)
    used = present & (wt != 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        # the log of a negative child is NaN, and so is then the mean
        logs = np.where(used, np.log(np.where(used, v, 1.0)), 0.0)
        out = np.exp(np.sum(logs * wt, axis=-1) / np.sum(wt, axis=-1))
    return _finish(out, x, min_share)


def harmonic_mean(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, min_share: float = 0.0
) -> FloatArray:
    """Weighted harmonic mean ``Σ w / Σ (w / x)``; a zero child gives zero, unless its weight
    is 0 (left out, not 0/0)."""
    v, wt, present = _prepare(x, w)
    used = present & (wt != 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        inv = np.where(used, wt / np.where(used, v, 1.0), 0.0)
        out = np.sum(wt, axis=-1) / np.sum(inv, axis=-1)
    return _finish(out, x, min_share)


def weighted_median(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, min_share: float = 0.0
) -> FloatArray:
    """Weighted median: the smallest child whose cumulative weight reaches half the total."""
    v, wt, present = _prepare(x, w)
    order = np.argsort(np.where(present, v, np.inf), axis=-1)
    vs = np.take_along_axis(v, order, axis=-1)
    ws = np.take_along_axis(wt, order, axis=-1)
    cum = np.cumsum(ws, axis=-1)
    half = cum[..., -1:] / 2
    idx = np.argmax(cum >= half, axis=-1)[..., None]
    out = np.take_along_axis(vs, idx, axis=-1)[..., 0]
    return _finish(out, x, min_share)


def copeland(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, min_share: float = 0.0
) -> FloatArray:
    """Copeland outranking scores; units on axis ``-2``, children on the last axis.

    As COINr's ``a_copeland``/``outrankMatrix``: with weights scaled to sum to 1,
    ``O[p, q] = Σ w·[x_p > x_q] + ½ Σ w·[x_p = x_q]``; the score of ``p`` is the number of units
    it outranks (``O > ½``) minus those that outrank it (``O < ½``). A comparison with a missing
    value on either side counts for neither unit: ``O`` is taken over the children both units
    have, with their weights re-scaled, so ``O[p, q] + O[q, p] = 1`` and the scores sum to 0; a
    pair without a child in common is a draw (COINr fills the lower triangle as ``1 − upper``,
    which credits the missing comparisons to one side). Unlike COINr it is
    called like every other function here, so it works at every level (COINr's
    ``Aggregate(by_df = TRUE)`` passes ``x =`` to a function whose argument is ``X``).
    """
    v = np.asarray(x, dtype=np.float64)
    wt = np.ones(v.shape[-1]) if w is None else np.asarray(w, dtype=np.float64)
    wt = np.broadcast_to(wt, v.shape)
    wt = wt / np.sum(wt, axis=-1, keepdims=True)
    a = v[..., :, None, :]
    b = v[..., None, :, :]
    both = ~np.isnan(a) & ~np.isnan(b)
    wa = np.where(both, wt[..., :, None, :], 0.0)
    orm = np.sum(np.where(a > b, wa, 0.0), axis=-1)
    orm = orm + 0.5 * np.sum(np.where(a == b, wa, 0.0), axis=-1)
    total = np.sum(wa, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(total > 0, np.sign(orm / total - 0.5), 0.0)
    n = v.shape[-2]
    score[..., np.arange(n), np.arange(n)] = 0.0
    return _finish(np.sum(score, axis=-1), x, min_share)


def _runs(
    terms: FloatArray, x: npt.ArrayLike, w: npt.ArrayLike, min_share: float
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    v = np.asarray(x, dtype=np.float64)
    wt = np.asarray(w, dtype=np.float64)
    present = ~np.isnan(v)
    # einsum, not a BLAS product: these products are small and many, and threaded BLAS
    # spins badly when the machine is shared (21 ms vs 7 ms per product under load)
    with np.errstate(invalid="ignore", divide="ignore"):
        num = np.einsum("uk,rk->ru", terms, wt)
        den = (
            np.einsum("uk,rk->ru", present.astype(np.float64), wt)
            if not present.all()
            else (np.broadcast_to(wt.sum(axis=1)[:, None], (wt.shape[0], v.shape[0])))
        )
        mean = num / den
    ok = coverage(v) >= _threshold(min_share)
    return mean, ok


def weighted_arithmetic_runs(
    x: npt.ArrayLike, w: npt.ArrayLike, min_share: float = 0.0
) -> FloatArray:
    """:func:`weighted_arithmetic` of one ``units × children`` table under many weight vectors
    ``w`` (``runs × children``) at once, as one matrix product; returns ``runs × units``."""
    v = np.asarray(x, dtype=np.float64)
    mean, ok = _runs(np.where(np.isnan(v), 0.0, v), v, w, min_share)
    return np.where(ok, mean, np.nan)


def geometric_mean_runs(x: npt.ArrayLike, w: npt.ArrayLike, min_share: float = 0.0) -> FloatArray:
    """:func:`geometric_mean` of one table under many weight vectors (``runs × units``)."""
    v = np.asarray(x, dtype=np.float64)
    present = ~np.isnan(v)
    positive = present & (v > 0)
    logs = np.log(v, out=np.zeros_like(v), where=positive)  # 0 for a zero, negative or missing
    mean, ok = _runs(logs, v, w, min_share)
    # per run, as in geometric_mean: a zero child of non-zero weight gives 0, a negative one NaN;
    # a child of weight 0 is left out
    weighted = (np.asarray(w, dtype=np.float64) != 0).astype(np.float64)
    zero = np.einsum("uk,rk->ru", (present & (v == 0)).astype(np.float64), weighted) > 0
    negative = np.einsum("uk,rk->ru", (present & (v < 0)).astype(np.float64), weighted) > 0
    with np.errstate(invalid="ignore"):
        return np.where(ok & ~negative, np.where(zero, 0.0, np.exp(mean)), np.nan)


METHODS = ("arithmetic", "geometric", "harmonic", "generalised", "median", "copeland")

RUN_METHODS = {"arithmetic": weighted_arithmetic_runs, "geometric": geometric_mean_runs}


@dataclass(frozen=True)
class Tree:
    """Node order (indicators first, then each level up to the index) and child positions."""

    codes: tuple[str, ...]
    n_indicators: int
    levels: tuple[tuple[int, ...], ...]
    children: dict[int, npt.NDArray[np.intp]]
    level_of: dict[int, int]

    @classmethod
    def from_framework(cls, framework: Framework) -> Tree:
        """Positions of every node and of its children."""
        codes = tuple(c for lev in sorted(framework.levels) for c in framework.levels[lev])
        pos = {c: i for i, c in enumerate(codes)}
        levels = tuple(
            tuple(pos[c] for c in framework.levels[lev]) for lev in range(2, framework.n_levels + 1)
        )
        children = {
            pos[p]: np.array([pos[k] for k in kids], dtype=np.intp)
            for p, kids in framework.children.items()
        }
        level_of = {pos[c]: lev for lev in framework.levels for c in framework.levels[lev]}
        return cls(codes, len(framework.indicators), levels, children, level_of)

    def weight_vector(self, weights: Mapping[str, float]) -> FloatArray:
        """Weights in node order."""
        return np.array([float(weights[c]) for c in self.codes])


CustomAggregation = Callable[[FloatArray, FloatArray], FloatArray]
Shares = float | Mapping[int, float]


def aggregate_node(
    x: FloatArray,
    w: FloatArray,
    method: str | CustomAggregation,
    p: float = 1.0,
    min_share: float = 0.0,
) -> FloatArray:
    """One node: children on the last axis, units on axis ``-2``. ``method`` may be a custom
    function ``f(x, w)`` reducing the last axis (COINr's user ``f_ag``); its result is still
    subject to ``min_share``."""
    if callable(method):
        out = np.asarray(method(np.asarray(x), np.broadcast_to(w, np.shape(x))), dtype=np.float64)
        return _finish(out, x, min_share)
    if method == "arithmetic":
        return weighted_arithmetic(x, w, min_share)
    if method == "geometric":
        return geometric_mean(x, w, min_share)
    if method == "harmonic":
        return harmonic_mean(x, w, min_share)
    if method == "generalised":
        return generalised_mean(x, w, p, min_share)
    if method == "median":
        return weighted_median(x, w, min_share)
    if method == "copeland":
        return copeland(x, w, min_share)
    raise IndexInputError(
        f"聚合方法「{method}」无效，应为 {METHODS} 之一",
        f"unknown aggregation method '{method}', expected one of {METHODS}",
    )


def effective_weight_runs(tree: Tree, weights: FloatArray) -> FloatArray:
    """Index-level weight of every indicator under each weight vector (``(runs, nodes)`` →
    ``(runs, indicators)``): each weight divided by its siblings' total, multiplied up the tree."""
    w = np.asarray(weights, dtype=np.float64)
    share = np.ones_like(w)
    for kids in tree.children.values():
        total = w[..., kids].sum(axis=-1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            share[..., kids] = w[..., kids] / total
    parent_of = {int(k): p for p, kids in tree.children.items() for k in kids}
    eff = share[..., : tree.n_indicators].copy()
    for i in range(tree.n_indicators):
        node = parent_of.get(i)
        while node is not None and node in parent_of:
            eff[..., i] *= share[..., node]
            node = parent_of[node]
    return eff


def _linear_root(
    x: FloatArray,
    tree: Tree,
    weights: FloatArray,
    methods: Mapping[int, str | CustomAggregation],
    nodes: Sequence[int] | None,
) -> FloatArray | None:
    """The root under many weight vectors in one product, when that is exact in arithmetic:
    complete data and the same arithmetic (or geometric, on positive data) mean at every level
    make the index ``Σ eff·x`` (``exp Σ eff·ln x``) with effective weights. ``None`` otherwise.
    (Complete data meet any ``min_share``, a share of at most 1.)"""
    root = max(tree.level_of, key=lambda n: tree.level_of[n])
    kinds = set(methods.values())
    if (
        nodes is None
        or list(nodes) != [root]
        or x.ndim != 2
        or weights.ndim != 2
        or len(kinds) != 1
        or kinds.isdisjoint({"arithmetic", "geometric"})
        or np.isnan(x).any()
    ):
        return None
    kind = next(iter(kinds))
    eff = effective_weight_runs(tree, weights)
    if kind == "arithmetic":
        return (eff @ x.T)[..., None]  # (runs, units): one large product
    if np.any(x < 0) or (np.any(x == 0) and not np.all(eff > 0)):
        # a negative child makes its group missing, which the level above skips; a zero with
        # weight 0 is left out of its group: both are left to the level-by-level computation
        return None
    zero = np.any(x == 0, axis=1)  # a zero child gives 0 at every level up (the limit)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.exp(eff @ np.log(np.where(x > 0, x, 1.0)).T)
    return np.where(zero, 0.0, out)[..., None]


def aggregate_tree(
    x: FloatArray,
    tree: Tree,
    weights: FloatArray,
    methods: Mapping[int, str | CustomAggregation],
    p: float = 1.0,
    min_share: Shares = 0.0,
    nodes: Sequence[int] | None = None,
) -> FloatArray:
    """All nodes from indicator scores: ``x`` is ``(..., units, indicators)``, ``weights`` is
    ``(..., nodes)``; returns ``(..., units, nodes)``. ``methods`` maps level → method;
    ``min_share`` is one threshold or one per level. ``nodes`` (aggregate positions) returns only
    those columns — for many runs, the indicator columns are then never copied per run."""
    for share in min_share.values() if isinstance(min_share, Mapping) else [min_share]:
        _threshold(share)  # refused before any shortcut
    lead = np.broadcast_shapes(x.shape[:-2], weights.shape[:-1])
    n_ind = tree.n_indicators
    fast = _linear_root(x, tree, weights, methods, nodes)
    if fast is not None:
        return fast
    aggs = np.empty((*lead, x.shape[-2], len(tree.codes) - n_ind))
    runs = RUN_METHODS if x.ndim == 2 and weights.ndim == 2 else {}

    def children(kids: npt.NDArray[np.intp]) -> FloatArray:
        # the framework puts every child one level below its parent (`Framework.from_meta`
        # refuses anything else), so a node's children are all indicators or all aggregates
        if np.all(kids < n_ind):
            return x[..., kids]
        return aggs[..., kids - n_ind]

    for level_nodes in tree.levels:
        for node in level_nodes:
            kids = tree.children[node]
            level = tree.level_of[node]
            method = methods[level]
            share = min_share.get(level, 0.0) if isinstance(min_share, Mapping) else min_share
            if level == 2 and isinstance(method, str) and method in runs and np.all(kids < n_ind):
                # one indicator table, many weight vectors: a matrix product
                aggs[..., node - n_ind] = runs[method](x[:, kids], weights[:, kids], share)
                continue
            w = weights[..., None, kids]
            aggs[..., node - n_ind] = aggregate_node(children(kids), w, method, p, share)
    if nodes is not None:
        idx = np.asarray(nodes, dtype=np.intp)
        if np.any(idx < n_ind):
            raise IndexInputError(
                "只能单独返回聚合节点", "only aggregate nodes can be returned alone"
            )
        return aggs[..., idx - n_ind]
    out = np.empty((*lead, x.shape[-2], len(tree.codes)))
    out[..., :n_ind] = x
    out[..., n_ind:] = aggs
    return out


class Aggregate(Step):
    """Aggregate the normalised indicators up the tree.

    ``method`` is one method for every level or a ``{level: method}`` mapping (levels 2…L); a
    method is a name of :data:`METHODS` or a custom function ``f(x, w)`` reducing the last axis;
    ``p`` is the generalised-mean exponent; ``min_share`` is COINr's ``dat_thresh`` (an
    aggregate is missing if fewer than this share of its children are present) — one value for
    every level or a ``{level: share}`` mapping; ``weights`` replaces iMeta weights by code, or
    names a weight set of the framework (:meth:`Framework.with_weight_set`). Missing children are skipped with weights re-scaled.
    """

    name = "Aggregated"

    def __init__(
        self,
        method: str | CustomAggregation | Mapping[int, str | CustomAggregation] = "arithmetic",
        p: float = 1.0,
        min_share: Shares = 0.0,
        weights: Mapping[str, float] | str | None = None,
    ) -> None:
        self.method = method
        self.p = p
        self.min_share = min_share
        self.weights = weights

    def fit(self, data: Dataset, framework: Framework) -> Self:
        """Build the tree, the weight vector and the method per level."""
        self.tree_ = Tree.from_framework(framework)
        if isinstance(self.weights, str):
            chosen_weights = framework.weight_set(self.weights)
        else:
            chosen_weights = {**framework.weights, **(self.weights or {})}
        self.weights_ = self.tree_.weight_vector(chosen_weights)
        levels = range(2, framework.n_levels + 1)
        chosen: dict[int, Any] = (
            {int(k): v for k, v in self.method.items()}
            if isinstance(self.method, Mapping)
            else dict.fromkeys(levels, self.method)
        )
        for lev in levels:
            if not callable(chosen.get(lev)) and chosen.get(lev) not in METHODS:
                raise IndexInputError(
                    f"第 {lev} 层的聚合方法「{chosen.get(lev)}」无效，应为 {METHODS} 之一",
                    f"level {lev}: aggregation '{chosen.get(lev)}' is not one of {METHODS}",
                )
        self.methods_ = chosen
        return self

    def transform(self, data: Dataset) -> Dataset:
        """Indicator scores followed by every aggregate, in :class:`Tree` order."""
        x = data.take(self.tree_.codes[: self.tree_.n_indicators])
        out = aggregate_tree(x, self.tree_, self.weights_, self.methods_, self.p, self.min_share)
        return data.with_values(out, self.tree_.codes)
