"""Correlation tables by hand (issue 23), as COINr's ``get_corr``, ``get_corr_flags`` and
``get_denom_corr``: which pairs enter each table, the p-value masking and the thresholds.

Data (4 units): a = 1, 2, 3, 4; b = 1, 3, 2, 4; c = 4, 3, 2, 1. Pearson r(a, b) = 4/5 = 0.8
(Sxy = 4, Sxx = Syy = 5), r(a, c) = −1, r(b, c) = −0.8. With n − 2 = 2 degrees of freedom the
two-sided p-value of r is exactly 1 − |r| (t = r·√(2/(1 − r²)), and the t₂ tail is
½(1 − t/√(2 + t²)) = ½(1 − |r|)): p = 0.2 for ±0.8, 0 for ±1.
Tree: a and b under pillar P, c under pillar Q, both under the index I.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from scipy import stats

from jiazhou.index.correlation import (
    correlation_flags,
    correlation_matrix,
    correlations,
    correlations_with_parents,
    denominator_correlations,
)
from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework

A = [1.0, 2.0, 3.0, 4.0]
B = [1.0, 3.0, 2.0, 4.0]
C = [4.0, 3.0, 2.0, 1.0]
# the computed values (within a rounding of the exact ones), for the boundaries: a value equal
# to the threshold is not above (or below) it
_R, _P = correlation_matrix(np.array([A, B, C]).T)
R_AB, R_AC, P_AB = _R[0, 1], _R[0, 2], _P[0, 1]


def _framework(with_denominators: bool = True) -> Framework:
    rows = {
        "Level": [1, 1, 1, 2, 2, 3], "iCode": ["a", "b", "c", "P", "Q", "I"],
        "Parent": ["P", "P", "Q", "I", "I", None], "Direction": [1] * 6, "Weight": [1.0] * 6,
        "Type": ["Indicator"] * 3 + ["Aggregate"] * 3,
    }  # fmt: skip
    if with_denominators:
        rows = {k: [*v, None, None] for k, v in rows.items()}
        rows["iCode"][-2:] = ["gdp", "area"]
        rows["Type"][-2:] = ["Denominator", "Denominator"]
    return Framework.from_meta(pl.DataFrame(rows, strict=False))


def _data(codes: list[str], columns: list[list[float]]) -> Dataset:
    units = ("u1", "u2", "u3", "u4")
    aux = pl.DataFrame(
        {"uCode": list(units), "gdp": [2.0, 4.0, 6.0, 8.0], "area": [1.0, 3.0, 2.0, 4.0]}
    )
    return Dataset(units, tuple(codes), np.array(columns, dtype=np.float64).T, aux)


def test_p_values_mask_above_the_threshold_only() -> None:
    data = _data(["a", "b", "c"], [A, B, C])
    # p(a, b) = 0.2: masked at pval 0.1, kept at p itself (not above it), 0.25 and 0 (no masking)
    for pval, kept in ((0.1, False), (P_AB, True), (0.25, True), (0.0, True)):
        long = correlations(data, ["a"], ["b", "c"], pval=pval)
        ab = long.row(0, named=True)
        assert (ab["Var1"], ab["Var2"]) == ("a", "b")
        assert ab["PValue"] == pytest.approx(0.2, abs=1e-12)
        assert (ab["Correlation"] is not None) is kept
        assert long.row(1, named=True)["Correlation"] == pytest.approx(-1.0)  # p = 0: kept


def test_a_matrix_of_one_set_is_symmetric_and_pairs_need_three_values() -> None:
    r, p = correlation_matrix(np.array([A, B, C]).T)
    np.testing.assert_allclose(r, [[1, 0.8, -1], [0.8, 1, -0.8], [-1, -0.8, 1]], atol=1e-12)
    np.testing.assert_allclose(p, [[0, 0.2, 0], [0.2, 0, 0.2], [0, 0.2, 0]], atol=1e-12)
    # two complete pairs are too few; a column that does not vary has no correlation
    short = np.array([[1.0, 2.0], [2.0, np.nan], [3.0, 1.0], [np.nan, 5.0]])
    r, p = correlation_matrix(short)
    assert np.isnan(r[0, 1]) and np.isnan(p[0, 1])
    # three are enough: (1, 1), (2, 3), (3, 2) → r = 1/2; t = r·√(1/(1 − r²)) = 1/√3 on 1 df
    # (Cauchy: tail ½ − atan(t)/π = ½ − 1/6), so p = 2/3
    r, p = correlation_matrix(np.array([[1.0, 1.0], [2.0, 3.0], [3.0, 2.0]]))
    assert r[0, 1] == pytest.approx(0.5) and p[0, 1] == pytest.approx(2 / 3)
    flat = np.array([A, [5.0] * 4]).T
    assert np.isnan(correlation_matrix(flat)[0][0, 1])
    with pytest.raises(IndexInputError, match="相关方法「tau」无效"):
        correlation_matrix(flat, method="tau")  # type: ignore[arg-type]


def test_spearman_and_kendall_p_values_use_their_asymptotic_tests() -> None:
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    y = np.array([2.0, 1.0, 4.0, 3.0, 5.0])
    # Spearman: rank differences 1, 1, 1, 1, 0 → ρ = 1 − 6·4/(5·24) = 0.8; t on 3 df
    r, p = correlation_matrix(np.array([x, y]).T, method="spearman")
    t = 0.8 * np.sqrt(3 / (1 - 0.64))
    assert r[0, 1] == pytest.approx(0.8) and p[0, 1] == pytest.approx(2 * stats.t.sf(t, 3))
    # Kendall: 8 concordant, 2 discordant pairs → τ = 6/10; z = τ / √(2(2n + 5)/(9n(n − 1)))
    r, p = correlation_matrix(np.array([x, y]).T, method="kendall")
    z = 0.6 / np.sqrt(2 * 15 / (9 * 5 * 4))
    assert r[0, 1] == pytest.approx(0.6) and p[0, 1] == pytest.approx(2 * stats.norm.sf(z))


def test_each_element_with_its_parent_where_both_are_in_the_data() -> None:
    # the data hold a, b, c and P but not Q or I: only (P, a) and (P, b) can be computed
    fw = _framework()
    data = _data(["a", "b", "c", "P"], [A, B, C, A])
    out = correlations_with_parents(data, fw)
    assert out.select("Parent", "Child").rows() == [("P", "a"), ("P", "b")]
    np.testing.assert_allclose(out["Correlation"].to_numpy(), [1.0, 0.8])
    # masking by p-value: p(P, b) = 0.2
    masked = correlations_with_parents(data, fw, pval=0.1)
    assert masked["Correlation"].to_list()[1] is None
    assert correlations_with_parents(data, fw, pval=P_AB)["Correlation"].to_list()[1] == (
        pytest.approx(0.8)
    )  # p is not above itself
    assert correlations_with_parents(data, fw, pval=0.25)["Correlation"].to_list()[1] == (
        pytest.approx(0.8)
    )
    # the index: Q and I present, c is Q's child and Q is I's
    full = _data(["a", "b", "c", "P", "Q", "I"], [A, B, C, A, C, B])
    pairs = correlations_with_parents(full, fw).select("Parent", "Child").rows()
    assert pairs == [("P", "a"), ("P", "b"), ("Q", "c"), ("I", "P"), ("I", "Q")]


def test_flags_pairs_within_a_group_above_or_below_the_threshold() -> None:
    fw = _framework()
    data = _data(["a", "b", "c"], [A, B, C])
    # level-2 groups: P = {a, b}, Q = {c}: only (a, b) shares a group
    high = correlation_flags(data, fw, threshold=0.7, grouplev=2)
    assert high.rows() == [("P", "a", "b", pytest.approx(0.8))]
    assert correlation_flags(data, fw, threshold=0.85, grouplev=2).height == 0
    assert correlation_flags(data, fw, threshold=R_AB, grouplev=2).height == 0  # not above itself
    assert correlation_flags(data, fw, threshold=0.7, kind="low", grouplev=2).height == 0
    # grouplev 3 (the index, the top level): every pair is in I
    low = correlation_flags(data, fw, threshold=-0.9, kind="low", grouplev=3)
    assert low.rows() == [("I", "a", "c", pytest.approx(-1.0))]
    assert correlation_flags(data, fw, threshold=R_AC, kind="low", grouplev=3).height == 0
    low = correlation_flags(data, fw, threshold=0.0, kind="low", grouplev=3)
    assert [(r[1], r[2]) for r in low.rows()] == [("a", "c"), ("b", "c")]
    for grouplev in (1, 4):
        with pytest.raises(IndexInputError, match=f"分组层级 {grouplev} 超出范围 2–3"):
            correlation_flags(data, fw, grouplev=grouplev)


def test_denominator_correlations_above_the_threshold_in_size() -> None:
    fw = _framework()
    data = _data(["a", "b", "c"], [A, B, C])
    # gdp = 2a: r(a) = 1, r(b) = 0.8, r(c) = −1; area = b: r(a) = 0.8, r(b) = 1, r(c) = −0.8
    out = denominator_correlations(data, fw, threshold=0.9)
    assert out.rows() == [
        ("a", "gdp", pytest.approx(1.0)),
        ("b", "area", pytest.approx(1.0)),
        ("c", "gdp", pytest.approx(-1.0)),
    ]
    assert denominator_correlations(data, fw, threshold=R_AB).rows() == out.rows()  # |r| > 0.8
    assert denominator_correlations(data, fw, threshold=0.7).height == 6
    with pytest.raises(IndexInputError, match="数据中没有分母列"):
        denominator_correlations(data, _framework(with_denominators=False))
