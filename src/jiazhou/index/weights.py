"""Weighting: equal, PCA, optimised to target importance, and noisy weights for uncertainty.

Weights are returned as ``{code: weight}`` mappings that :class:`Aggregate` (``weights=``) and
:meth:`Framework.effective_weights` accept. Effective weights are on the framework.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import optimize

from jiazhou.index.aggregate import Aggregate, aggregate_tree
from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.pipeline import Pipeline

FloatArray = npt.NDArray[np.float64]

__all__ = [
    "equal_weights",
    "noisy_weight_sets",
    "noisy_weights",
    "optimised_weights",
    "pca_weights",
]


def equal_weights(framework: Framework) -> dict[str, float]:
    """Weight 1 for every node (equal within each group)."""
    return dict.fromkeys(framework.weights, 1.0)


def pca_weights(
    data: Dataset, framework: Framework, level: int = 1, by_groups: bool = True
) -> dict[str, float]:
    """COINr's ``get_PCA`` weight set: the weights of ``level`` replaced by the loadings of the
    first principal component of the standardised columns (complete rows only; ``prcomp`` with
    ``scale = TRUE``) — within each parent group (``by_groups``), or over the whole level at once
    (``by_groups=False``). Signs are made to sum positive per group (a component's sign is
    arbitrary). The other levels keep their weights, so the result is a complete weight set.

    ``data`` must hold the columns of ``level`` (e.g. the normalised or aggregated data set).
    """
    out = dict(framework.weights)
    if level + 1 not in framework.levels:
        raise IndexInputError(f"第 {level} 层没有上级", f"level {level} has no parent level")
    groups = (
        [framework.children[p] for p in framework.levels[level + 1]]
        if by_groups
        else [framework.levels[level]]
    )
    for kids in groups:
        if len(kids) == 1:
            out[kids[0]] = 1.0
            continue
        x = data.take(kids)
        x = x[~np.isnan(x).any(axis=1)]
        sd = x.std(axis=0, ddof=1) if len(x) > 1 else np.zeros(len(kids))
        if not (sd > 0).any():
            # prcomp(scale = TRUE) refuses too: with fewer than two complete rows or no column
            # that varies there is no first component (the SVD of a zero matrix returned its
            # first basis vector: 1 for the first indicator, 0 for the others).
            raise IndexInputError(
                f"「{'、'.join(kids)}」的完整观测行少于 2 行或没有变化的指标，无法求主成分权重",
                f"no principal component for {', '.join(kids)}: fewer than two complete rows or "
                "no indicator that varies",
            )
        z = (x - x.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
        _, _, vt = np.linalg.svd(z, full_matrices=False)
        out.update(zip(kids, _signed(vt[0]).tolist(), strict=True))
    return out


#: a sum of unit-norm loadings this close to 0 is 0 (the SVD's rounding is of order 1e-16)
SIGN_TIE = 1e-9


def _signed(load: FloatArray) -> FloatArray:
    """A component's loadings with the sign that makes them sum positive; when they sum to 0
    (two negatively correlated indicators load ±1/√2), the first non-zero loading positive —
    never the sign the rounding of the sum happened to take, which changes with the order of
    the units."""
    total = load.sum()
    if abs(total) > SIGN_TIE:
        return load if total > 0 else -load
    first = load[np.abs(load) > SIGN_TIE][0]
    return load if first > 0 else -load


def noisy_weights(
    weights: FloatArray, noise: float | FloatArray, uniforms: FloatArray
) -> FloatArray:
    """COINr's ``get_noisy_weights``: ``w + w · noise · U(−1, 1)``; ``uniforms`` in [0, 1)
    with the runs on the leading axis give one perturbed weight vector per run."""
    return weights * (1.0 + np.asarray(noise) * (2.0 * uniforms - 1.0))


def noisy_weight_sets(
    framework: Framework,
    noise: Mapping[int, float],
    n: int,
    seed: int = 0,
    base: Mapping[str, float] | None = None,
) -> list[dict[str, float]]:
    """COINr's ``get_noisy_weights(w, noise_specs, Nrep)``: ``n`` weight sets where every weight
    of level ``L`` in ``noise`` becomes ``w + w · noise[L] · U(−1, 1)``; other levels keep their
    weight. Used as the discrete distribution of COINr's weight uncertainty."""
    w0 = dict(base or framework.weights)
    rng = np.random.default_rng(seed)
    sets = []
    for _ in range(n):
        ws = dict(w0)
        for level, factor in noise.items():
            codes = framework.levels[level]
            u = rng.random(len(codes))
            vals = noisy_weights(np.array([w0[c] for c in codes]), factor, u)
            ws.update(zip(codes, vals.tolist(), strict=True))
        sets.append(ws)
    return sets


def optimised_weights(
    pipeline: Pipeline,
    level: int,
    importance: Sequence[float] | None = None,
    optype: Literal["balance", "infomax"] = "balance",
    max_iter: int = 500,
    tol: float = 1e-3,
) -> dict[str, float]:
    """Weights at ``level`` that make each component's correlation with the index match the
    target ``importance`` shares (``balance``) or maximise their sum (``infomax``), as COINr's
    ``get_opt_weights`` (Nelder–Mead). Each evaluation re-runs only the aggregation."""
    agg = pipeline.steps_[-1]
    assert isinstance(agg, Aggregate)
    fw = pipeline.framework_
    tree = agg.tree_
    codes = fw.levels[level]
    pos = np.array([tree.codes.index(c) for c in codes])
    target = (
        np.full(len(codes), 1.0 / len(codes))
        if importance is None
        else np.asarray(importance, dtype=np.float64)
    )
    target = target / target.sum()
    x = pipeline.aggregated_.take(tree.codes[: tree.n_indicators])
    root = tree.codes.index(fw.root)

    def corr_shares(w_level: FloatArray) -> FloatArray:
        w = agg.weights_.copy()
        w[pos] = np.abs(w_level)
        scores = aggregate_tree(x, tree, w, agg.methods_, agg.p, agg.min_share)
        ok = ~np.isnan(scores[:, root])
        c = np.array(
            [np.corrcoef(scores[ok, j], scores[ok, root])[0, 1] for j in pos], dtype=np.float64
        )
        return c

    def objective(w_level: FloatArray) -> float:
        c = corr_shares(w_level)
        if optype == "infomax":
            return float(-np.sum(c))
        return float(np.sum((c / np.sum(c) - target) ** 2))

    start = agg.weights_[pos]
    res = optimize.minimize(
        objective, start, method="Nelder-Mead", options={"maxiter": max_iter, "fatol": tol}
    )
    w_opt = np.abs(res.x)
    w_opt = w_opt / w_opt.sum()
    return dict(zip(codes, w_opt.tolist(), strict=True))


def weights_from(mapping: Mapping[str, float], framework: Framework) -> dict[str, float]:
    """Metadata weights with ``mapping`` applied, checking every code exists."""
    unknown = [c for c in mapping if c not in framework.weights]
    if unknown:
        raise IndexInputError(f"权重中有未知代码 {unknown}", f"unknown codes in weights: {unknown}")
    return {**framework.weights, **mapping}
