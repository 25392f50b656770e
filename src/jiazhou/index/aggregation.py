"""Hierarchical aggregation of the indicator tree, vectorised over stacked replications.

:class:`Tree` turns a :class:`Framework` into index arrays once; :func:`aggregate_tree` then
aggregates a ``(..., units, indicators)`` array level by level with per-node weights of shape
``(..., nodes)``, so one call computes one index or thousands of replications. Aggregation
functions come from :mod:`aggregate`, the project's single implementation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

import numpy as np
import numpy.typing as npt

from jiazhou.index import aggregate as ag
from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.step import Step

FloatArray = npt.NDArray[np.float64]
METHODS = ("arithmetic", "geometric", "harmonic", "generalised", "median", "copeland")

RUN_METHODS = {"arithmetic": ag.weighted_arithmetic_runs, "geometric": ag.geometric_mean_runs}

__all__ = ["METHODS", "Aggregate", "Tree", "aggregate_node", "aggregate_tree"]


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


def aggregate_node(
    x: FloatArray, w: FloatArray, method: str, p: float = 1.0, min_share: float = 0.0
) -> FloatArray:
    """One node: children on the last axis, units on axis ``-2``."""
    if method == "arithmetic":
        return ag.weighted_arithmetic(x, w, min_share)
    if method == "geometric":
        return ag.geometric_mean(x, w, min_share)
    if method == "harmonic":
        return ag.harmonic_mean(x, w, min_share)
    if method == "generalised":
        return ag.generalised_mean(x, w, p, min_share)
    if method == "median":
        return ag.weighted_median(x, w, min_share)
    if method == "copeland":
        return ag.copeland(x, w, min_share)
    raise IndexInputError(
        f"聚合方法「{method}」无效，应为 {METHODS} 之一",
        f"unknown aggregation method '{method}', expected one of {METHODS}",
    )


def aggregate_tree(
    x: FloatArray,
    tree: Tree,
    weights: FloatArray,
    methods: Mapping[int, str],
    p: float = 1.0,
    min_share: float = 0.0,
) -> FloatArray:
    """All nodes from indicator scores: ``x`` is ``(..., units, indicators)``, ``weights`` is
    ``(..., nodes)``; returns ``(..., units, nodes)``. ``methods`` maps level → method."""
    shape = (*np.broadcast_shapes(x.shape[:-2], weights.shape[:-1]), x.shape[-2], len(tree.codes))
    out = np.empty(shape)
    out[..., : tree.n_indicators] = x
    runs = RUN_METHODS if x.ndim == 2 and weights.ndim == 2 else {}
    for level_nodes in tree.levels:
        for node in level_nodes:
            kids = tree.children[node]
            method = methods[tree.level_of[node]]
            if tree.level_of[node] == 2 and method in runs:
                # one indicator table, many weight vectors: a matrix product
                out[..., node] = runs[method](x[:, kids], weights[:, kids], min_share)
                continue
            w = weights[..., None, kids]
            out[..., node] = aggregate_node(out[..., kids], w, method, p, min_share)
    return out


class Aggregate(Step):
    """Aggregate the normalised indicators up the tree.

    ``method`` is one method for every level or a ``{level: method}`` mapping (levels 2…L);
    ``p`` is the generalised-mean exponent; ``min_share`` is COINr's ``dat_thresh`` (an
    aggregate is missing if fewer than this share of its children are present); ``weights``
    replaces iMeta weights by code. Missing children are skipped with weights re-scaled.
    """

    name = "Aggregated"

    def __init__(
        self,
        method: str | Mapping[int, str] = "arithmetic",
        p: float = 1.0,
        min_share: float = 0.0,
        weights: Mapping[str, float] | None = None,
    ) -> None:
        self.method = method
        self.p = p
        self.min_share = min_share
        self.weights = weights

    def fit(self, data: Dataset, framework: Framework) -> Self:
        """Build the tree, the weight vector and the method per level."""
        self.tree_ = Tree.from_framework(framework)
        self.weights_ = self.tree_.weight_vector({**framework.weights, **(self.weights or {})})
        levels = range(2, framework.n_levels + 1)
        chosen: dict[int, Any] = (
            dict.fromkeys(levels, self.method)
            if isinstance(self.method, str)
            else {int(k): v for k, v in self.method.items()}
        )
        for lev in levels:
            if chosen.get(lev) not in METHODS:
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
