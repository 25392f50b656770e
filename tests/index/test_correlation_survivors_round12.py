"""Correlation survivors, round 12 (issue 23), by hand from COINr's documented rules.

Data (4 units): A = 1, 2, 3, 4; B = 1, 3, 2, 4; C = 4, 3, 2, 1; D = 1, −1, −1, 1.
Pearson r(A, B) = 0.8 with p = 1 − |r| = 0.2 (2 degrees of freedom), r(A, C) = −1 (p = 0),
r(A, D) = r(B, D) = 0 (the centred products cancel).
- A constant column has no correlation (NaN), whichever side it is on.
- ``get_corr``: a correlation whose p-value exceeds ``pval`` is null; default ``pval = 0.05``.
- ``get_corr(withparent)``: nodes missing from the data are skipped, the others still listed.
- ``get_corr_flags``: defaults ``cor_thresh = 0.9``, ``thresh_type = "high"``, ``grouplev = 2``;
  only pairs in the same level-2 group, whatever the indicator order.
- ``get_denom_corr``: default ``cor_thresh = 0.6`` on |r|.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest

from jiazhou.index.correlation import (
    correlation_flags,
    correlation_matrix,
    correlations,
    correlations_with_parents,
    denominator_correlations,
)
from jiazhou.index.dataset import Dataset
from jiazhou.index.framework import Framework

A = [1.0, 2.0, 3.0, 4.0]
B = [1.0, 3.0, 2.0, 4.0]
C = [4.0, 3.0, 2.0, 1.0]
D = [1.0, -1.0, -1.0, 1.0]
UNITS = ("u1", "u2", "u3", "u4")


def _framework(rows: list[tuple[int | None, str, str | None, str]]) -> Framework:
    """rows: (Level, iCode, Parent, Type)."""
    meta = pl.DataFrame(
        {"Level": [r[0] for r in rows], "iCode": [r[1] for r in rows],
         "Parent": [r[2] for r in rows],
         "Direction": [1 if r[0] is not None else None for r in rows],
         "Weight": [1.0 if r[0] is not None else None for r in rows],
         "Type": [r[3] for r in rows]},
        strict=False,
    )  # fmt: skip
    return Framework.from_meta(meta)


TREE = _framework(
    [(1, "a", "P", "Indicator"), (1, "b", "P", "Indicator"), (1, "c", "Q", "Indicator"),
     (2, "P", "I", "Aggregate"), (2, "Q", "I", "Aggregate"), (3, "I", None, "Aggregate")]
)  # fmt: skip


def _data(codes: list[str], columns: list[list[float]]) -> Dataset:
    aux = pl.DataFrame(
        {"uCode": list(UNITS), "gdp": [2.0, 4.0, 6.0, 8.0], "area": [1.0, 3.0, 2.0, 4.0]}
    )
    return Dataset(UNITS, tuple(codes), np.array(columns, dtype=np.float64).T, aux)


def test_a_constant_first_column_has_no_correlation() -> None:
    const = [5.0, 5.0, 5.0, 5.0]
    r, p = correlation_matrix(np.array([const]).T, np.array([A]).T)
    assert math.isnan(r[0, 0]) and math.isnan(p[0, 0])
    r, p = correlation_matrix(np.array([const, A]).T)
    assert math.isnan(r[0, 1]) and math.isnan(p[0, 1])


def test_correlations_mask_only_p_values_above_pval() -> None:
    """pval = 0.5: p(a, b) = 0.2 and p(a, c) = 0 are both below, so both are kept."""
    data = _data(["a", "b", "c"], [A, B, C])
    out = correlations(data, ["a"], ["b", "c"], pval=0.5)
    assert out["Correlation"].to_list() == [pytest.approx(0.8), pytest.approx(-1.0)]


def test_correlations_default_pval_is_0_05() -> None:
    """Default: p(a, b) = 0.2 > 0.05 is masked, p(a, c) = 0 is kept."""
    data = _data(["a", "b", "c"], [A, B, C])
    out = correlations(data, ["a"], ["b", "c"])
    assert out["Correlation"].to_list() == [None, pytest.approx(-1.0)]
    assert out["PValue"].to_list() == [pytest.approx(0.2), pytest.approx(0.0, abs=1e-12)]


def test_parent_correlations_keep_p_values_below_pval() -> None:
    """P = A: r(a, P) = 1 (p 0), r(b, P) = 0.8 (p 0.2), both below pval = 0.5."""
    data = _data(["a", "b", "P"], [A, B, A])
    out = correlations_with_parents(data, TREE, pval=0.5)
    assert out.select("Parent", "Child").rows() == [("P", "a"), ("P", "b")]
    assert out["Correlation"].to_list() == [pytest.approx(1.0), pytest.approx(0.8)]


def test_parent_correlations_skip_a_missing_child_and_go_on() -> None:
    """a is not in the data: b (and c, and the pillars) are still listed."""
    data = _data(["b", "c", "P", "Q", "I"], [B, C, A, C, B])
    pairs = correlations_with_parents(data, TREE).select("Parent", "Child").rows()
    assert pairs == [("P", "b"), ("Q", "c"), ("I", "P"), ("I", "Q")]


def test_flags_by_default_within_level_2_groups_above_0_9_in_any_order() -> None:
    """Order a (P), x (Q), b (P), d (P); a = A, x = 3A, b = 2A, d = B.
    r = 1 for (a, x), (a, b), (x, b); 0.8 for d with each. By default only (a, b) is a
    same-group pair above 0.9: (a, x) and (x, b) cross groups; (a, d), (b, d) are 0.8."""
    fw = _framework(
        [(1, "a", "P", "Indicator"), (1, "x", "Q", "Indicator"), (1, "b", "P", "Indicator"),
         (1, "d", "P", "Indicator"), (2, "P", "I", "Aggregate"), (2, "Q", "I", "Aggregate"),
         (3, "I", None, "Aggregate")]
    )  # fmt: skip
    a = np.array(A)
    data = _data(["a", "x", "b", "d"], [A, list(3 * a), list(2 * a), B])
    out = correlation_flags(data, fw)
    assert out.select("Group", "Ind1", "Ind2").rows() == [("P", "a", "b")]
    assert out["Corr"].to_list() == [pytest.approx(1.0)]


def test_denominator_correlations_default_threshold_0_6() -> None:
    """a = A: |r| = 1 with gdp (2A), 0.8 with area (B); d = D: r = 0 with both (not listed)."""
    fw = _framework(
        [(1, "a", "P", "Indicator"), (1, "d", "P", "Indicator"), (2, "P", None, "Aggregate"),
         (None, "gdp", None, "Denominator"), (None, "area", None, "Denominator")]
    )  # fmt: skip
    data = _data(["a", "d"], [A, D])
    out = denominator_correlations(data, fw)
    assert sorted(out.select("Ind", "Denom").rows()) == [("a", "area"), ("a", "gdp")]
    got = dict(zip(out["Denom"].to_list(), out["Corr"].to_list(), strict=True))
    assert got == {"gdp": pytest.approx(1.0), "area": pytest.approx(0.8)}


def test_spearman_correlates_the_ranks() -> None:
    """A and 1, 2, 3, 100 have the same ranks: Spearman ρ = 1 (p = 0); Pearson's r is below 1."""
    x = np.array([A, [1.0, 2.0, 3.0, 100.0]]).T
    r, p = correlation_matrix(x, method="spearman")
    assert (r[0, 1], p[0, 1]) == (pytest.approx(1.0), 0.0)
    assert correlation_matrix(x)[0][0, 1] < 0.9
