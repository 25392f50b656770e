"""Negative weights and mixed methods (issue 23).

A weight may be negative — COINr's PCA weights are first-component loadings, and a loading can
be negative (index-methods spec, ``get_PCA``): such a child counts with its signed weight in
every mean, only a weight of exactly 0 leaves a child out. x = (1, 2, 4), w = (1, 1, −1), Σw = 1:

- arithmetic (and the power mean with p = 1): 1 + 2 − 4 = −1;
- geometric: exp(0 + ln 2 − ln 4) = 1/2;
- harmonic: 1 / (1 + 1/2 − 1/4) = 4/5.

Under many weight runs, a different method per level is computed level by level, never as one
product (which is exact only for one method throughout).
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from jiazhou.index import aggregate as ag
from jiazhou.index.framework import Framework

X = np.array([[1.0, 2.0, 4.0]])
W = np.array([1.0, 1.0, -1.0])


def test_a_negative_weight_counts_with_its_sign() -> None:
    assert ag.weighted_arithmetic(X, W)[0] == pytest.approx(-1.0)
    assert ag.generalised_mean(X, W, p=1.0)[0] == pytest.approx(-1.0)
    assert ag.geometric_mean(X, W)[0] == pytest.approx(0.5)
    assert ag.harmonic_mean(X, W)[0] == pytest.approx(0.8)


def test_a_different_method_per_level_under_many_weight_runs() -> None:
    # a, b under P; c under Q; P, Q under I. P, Q arithmetic, I geometric.
    # u1 = (1, 3, 4): weights all 1 → P = 2, Q = 4, I = √8; weight of b 3 → P = 2.5, I = √10.
    # u2 = (2, 2, 8): P = 2, Q = 8, I = 4 under both. (All arithmetic would give I = 3 for u1,
    # all geometric √(√3·4): neither is the index.)
    meta = pl.DataFrame(
        {"Level": [1, 1, 1, 2, 2, 3], "iCode": ["a", "b", "c", "P", "Q", "I"],
         "Parent": ["P", "P", "Q", "I", "I", None], "Direction": [1] * 6, "Weight": [1.0] * 6,
         "Type": ["Indicator"] * 3 + ["Aggregate"] * 3}
    )  # fmt: skip
    tree = ag.Tree.from_framework(Framework.from_meta(meta))
    x = np.array([[1.0, 3.0, 4.0], [2.0, 2.0, 8.0]])
    w = np.array([[1.0] * 6, [1.0, 3.0, 1.0, 1.0, 1.0, 1.0]])
    root = [tree.codes.index("I")]
    methods = {2: "arithmetic", 3: "geometric"}
    out = ag.aggregate_tree(x, tree, w, methods, nodes=root)[..., 0]
    np.testing.assert_allclose(out, [[np.sqrt(8.0), 4.0], [np.sqrt(10.0), 4.0]])
    np.testing.assert_allclose(out, ag.aggregate_tree(x, tree, w, methods)[..., root[0]])


def test_geometric_runs_count_a_negative_weight_as_the_geometric_mean_does() -> None:
    np.testing.assert_allclose(ag.geometric_mean_runs(X, W[None, :]), [[0.5]])
    # a negative child has no geometric mean, whatever the sign of its weight
    neg = np.array([[1.0, 2.0, -4.0]])
    assert np.isnan(ag.geometric_mean(neg, W)[0])
    assert np.isnan(ag.geometric_mean_runs(neg, W[None, :])[0, 0])


def test_one_node_below_the_root_under_many_weight_runs() -> None:
    # as above, all arithmetic; asking for P alone returns P, not the index:
    # u1 = (1, 3, 4): P = 2 or 2.5 (I = 3 or 3.25); u2 = (2, 2, 8): P = 2 (I = 5)
    meta = pl.DataFrame(
        {"Level": [1, 1, 1, 2, 2, 3], "iCode": ["a", "b", "c", "P", "Q", "I"],
         "Parent": ["P", "P", "Q", "I", "I", None], "Direction": [1] * 6, "Weight": [1.0] * 6,
         "Type": ["Indicator"] * 3 + ["Aggregate"] * 3}
    )  # fmt: skip
    tree = ag.Tree.from_framework(Framework.from_meta(meta))
    x = np.array([[1.0, 3.0, 4.0], [2.0, 2.0, 8.0]])
    w = np.array([[1.0] * 6, [1.0, 3.0, 1.0, 1.0, 1.0, 1.0]])
    methods = {2: "arithmetic", 3: "arithmetic"}
    p = ag.aggregate_tree(x, tree, w, methods, nodes=[tree.codes.index("P")])[..., 0]
    np.testing.assert_allclose(p, [[2.0, 2.0], [2.5, 2.0]])
