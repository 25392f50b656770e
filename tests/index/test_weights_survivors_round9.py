"""Weighting survivors, round nine (issue 23): the rules of ``weights.py`` that the sampled
mutation run left unpinned.

- ``pca_weights`` goes through *every* parent group of the level: a parent with one child gives
  it weight 1 and the next groups still get their loadings.
- ``noisy_weight_sets`` draws from one generator seeded by ``seed``, 0 by default: the default
  is seed 0's sets, not another seed's.
- ``optimised_weights`` runs Nelder–Mead with ``max_iter = 500`` iterations and a function
  tolerance ``tol = 1e-3`` by default: the default call is the call with those values.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from flat_frameworks import flat_framework

from jiazhou.index import Aggregate, Framework, Pipeline
from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.weights import noisy_weight_sets, optimised_weights, pca_weights

ROOT_HALF = 1 / np.sqrt(2)


def _two_pillars() -> Framework:
    """a alone under P1 (listed first), b and c under P2, both pillars under I; every metadata
    weight is 3."""
    meta = pl.DataFrame(
        {"Level": [1, 1, 1, 2, 2, 3], "iCode": ["a", "b", "c", "P1", "P2", "I"],
         "Parent": ["P1", "P2", "P2", "I", "I", None], "Direction": [1] * 6,
         "Weight": [3.0] * 6, "Type": ["Indicator"] * 3 + ["Aggregate"] * 3}
    )  # fmt: skip
    return Framework.from_meta(meta)


def test_pca_goes_on_to_the_next_group_after_a_parent_with_one_child() -> None:
    """P1 has the one child a: weight 1, and the loop goes on to P2 (it does not stop there).

    P2: c = 2b, so standardised b and c are the same column; the correlation matrix is
    [[1, 1], [1, 1]], whose first eigenvector is (1, 1)/√2: b and c load 1/√2 each (not their
    metadata weight 3). The pillars and the index keep 3 (level 1 only is replaced).
    """
    fw = _two_pillars()
    assert fw.levels[2] == ("P1", "P2")
    frame = pl.DataFrame(
        {"uCode": ["u1", "u2", "u3", "u4"], "a": [5.0, 1.0, 4.0, 2.0],
         "b": [1.0, 2.0, 3.0, 4.0], "c": [2.0, 4.0, 6.0, 8.0]}
    )  # fmt: skip
    out = pca_weights(Dataset.from_frame(frame, fw), fw, level=1)
    assert out["a"] == 1.0
    assert out["b"] == pytest.approx(ROOT_HALF) and out["c"] == pytest.approx(ROOT_HALF)
    assert out["P1"] == 3.0 and out["P2"] == 3.0 and out["I"] == 3.0


def _small(a_weight: float) -> Framework:
    meta = pl.DataFrame(
        {"Level": [1, 1, 2], "iCode": ["a", "b", "I"], "Parent": ["I", "I", None],
         "Direction": [1, 1, 1], "Weight": [a_weight, 1.0, 1.0],
         "Type": ["Indicator", "Indicator", "Aggregate"]}
    )  # fmt: skip
    return Framework.from_meta(meta)


def test_noisy_weight_sets_are_seeded_with_0_by_default() -> None:
    """Each set draws one uniform per code of each noisy level, in order, from
    ``default_rng(seed)``; a weight w becomes w·(1 + noise·(2u − 1)).

    Computed here from ``default_rng(0)`` directly for a = 2, b = 1 and noise ½: the default
    call gives exactly these sets; seed 1 draws other uniforms and other weights.
    """
    fw = _small(2.0)
    rng = np.random.default_rng(0)
    expected = []
    for _ in range(2):
        u = rng.random(2)
        expected.append(
            {"a": 2.0 * (1 + 0.5 * (2 * u[0] - 1)), "b": 1.0 * (1 + 0.5 * (2 * u[1] - 1)),
             "I": 1.0}
        )  # fmt: skip
    default = noisy_weight_sets(fw, {1: 0.5}, n=2)
    for got, want in zip(default, expected, strict=True):
        assert got == pytest.approx(want, rel=1e-15)
    assert default == noisy_weight_sets(fw, {1: 0.5}, n=2, seed=0)
    other = noisy_weight_sets(fw, {1: 0.5}, n=2, seed=1)
    assert all(o["a"] != d["a"] for o, d in zip(other, default, strict=True))


def _pipeline(columns: dict[str, list[float]]) -> Pipeline:
    codes = list(columns)
    m = len(columns[codes[0]])
    data = pl.DataFrame({"uCode": [f"u{i}" for i in range(m)], **columns})
    return Pipeline([Aggregate()]).fit(data, flat_framework(codes))


def test_optimised_weights_stop_at_the_default_tolerance() -> None:
    """x1 = (1, −1, 1, −1), x2 = 3·(1, 1, −1, −1) (sample sds 1 and 3, uncorrelated), importance
    (2, 1): the balance needs w1·1 = 2·w2·3, w = (6/7, 1/7) (test_optimised_weights.py).

    With the default tolerance, Nelder–Mead stops once converged, a few 1e-9 from 6/7: the same
    numbers as ``tol=1e-3`` given explicitly. A tolerance that is never met (negative) runs all
    500 iterations and lands on 6/7 to rounding: other numbers.
    """
    pipe = _pipeline({"x1": [1.0, -1.0, 1.0, -1.0], "x2": [3.0, 3.0, -3.0, -3.0]})
    default = optimised_weights(pipe, level=1, importance=[2.0, 1.0])
    assert default == optimised_weights(pipe, level=1, importance=[2.0, 1.0], tol=1e-3)
    assert default["x1"] == pytest.approx(6 / 7, abs=1e-6)
    assert default["x1"] != pytest.approx(6 / 7, abs=1e-12)  # stopped by the tolerance
    full = optimised_weights(pipe, level=1, importance=[2.0, 1.0], tol=-1.0)
    assert full["x1"] == pytest.approx(6 / 7, abs=1e-12)


# ten units, eight indicators (whole numbers 0–9): Nelder–Mead in eight dimensions is still
# moving after 500 iterations, so the cap decides where it stops
EIGHT = [
    [7, 3, 2, 9, 1, 3, 6, 7],
    [6, 8, 0, 3, 5, 4, 3, 3],
    [0, 1, 5, 4, 9, 2, 8, 2],
    [1, 1, 3, 1, 8, 8, 8, 4],
    [0, 2, 4, 5, 4, 6, 3, 6],
    [0, 9, 5, 1, 8, 3, 8, 2],
    [8, 0, 4, 1, 4, 3, 9, 3],
    [7, 6, 3, 4, 0, 6, 3, 2],
    [1, 1, 8, 3, 8, 0, 0, 3],
    [9, 4, 7, 7, 6, 8, 3, 0],
]


def test_optimised_weights_stop_after_500_iterations_by_default() -> None:
    """Eight indicators, equal importance: the search has not converged after 500 iterations,
    and where it stops depends on the cap: 499 iterations give other weights (the 500th moves
    the best point). The default call gives exactly the weights of ``max_iter=500``."""
    pipe = _pipeline({f"x{j}": [float(row[j]) for row in EIGHT] for j in range(8)})
    default = optimised_weights(pipe, level=1)
    assert default == optimised_weights(pipe, level=1, max_iter=500, tol=1e-3)
    assert sum(default.values()) == pytest.approx(1.0)
    fewer = optimised_weights(pipe, level=1, max_iter=499)
    assert max(abs(fewer[c] - default[c]) for c in default) > 1e-4


@pytest.mark.parametrize(
    "columns",
    [
        {"a": [5.0, 5.0, 5.0, 5.0], "b": [2.0, 2.0, 2.0, 2.0]},  # nothing varies
        {"a": [1.0, float("nan"), 3.0], "b": [2.0, 5.0, float("nan")]},  # one complete row
        {"a": [1.0, float("nan")], "b": [float("nan"), 5.0]},  # no complete row
    ],
    ids=["constant", "one-row", "no-row"],
)
def test_pca_weights_without_a_component_are_refused(columns: dict[str, list[float]]) -> None:
    """No first principal component exists when no indicator of the group varies over its
    complete rows, or there are fewer than two (COINr's prcomp with scale = TRUE stops too).
    The SVD of the zero matrix gave a = 1, b = 0 — the order of the columns — and no complete
    row a bare IndexError; now the group is refused by name, Chinese first."""
    pipe = _pipeline(columns)
    with pytest.raises(IndexInputError, match="「a、b」的完整观测行少于 2 行或没有变化的指标"):
        pca_weights(pipe.datasets_["Raw"], pipe.framework_, level=1)


def test_pca_weights_need_two_complete_rows_and_any_variation_however_small() -> None:
    """Two complete rows are enough for a first component, and indicators whose standard
    deviations are all below 1 are no less varying. Complete rows: a = (0.01, 0.02),
    b = (0.03, 0.01) (the third row misses a). Standardised, a = (−0.707, 0.707) and
    b = (0.707, −0.707): perfectly anti-correlated, so the first component is (1, −1)/√2 up to
    its sign — loadings of 1/√2 and −1/√2. The default level is 1 (the indicators)."""
    pipe = _pipeline({"a": [0.01, 0.02, float("nan")], "b": [0.03, 0.01, 0.5]})
    data, fw = pipe.datasets_["Raw"], pipe.framework_
    out = pca_weights(data, fw)
    assert out == pca_weights(data, fw, level=1)
    assert abs(out["a"]) == pytest.approx(ROOT_HALF)
    assert abs(out["b"]) == pytest.approx(ROOT_HALF)
    assert out["a"] == pytest.approx(-out["b"])
