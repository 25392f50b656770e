"""COINr's result tables (``index.results``) on the small framework of conftest, by hand.

Raw data: a (+) = 1, 4, –, 8 and b (−) = 1, 0.25, 2, – for u1…u4, groups x, x, y, y.
Ranked with the direction applied (COINr's ``get_str_weak`` on the raw data): a → u4 1, u2 2,
u1 3; −b → u2 1, u1 2, u3 3. Min–max then the mean: I = 200/7, 500/7, 0, 100.

- ``strengths_weaknesses``: the unit's best- and worst-ranked indicators; an indicator where the
  unit has the worst rank present is dropped (``min_discard``), as are indicators whose share of
  distinct values is not above ``unq_discard``; ties keep the framework order.
- ``group_ranks``: ranks within each group, listed by group and then by index rank.
- ``compare``: one code in two versions, largest absolute difference first, a unit missing in
  either version last.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from jiazhou.index import Aggregate, Framework, Normalise, Pipeline
from jiazhou.index.errors import IndexInputError
from jiazhou.index.results import compare, group_ranks, strengths_weaknesses, unit_summary


@pytest.fixture
def built(small: Framework, small_data: pl.DataFrame) -> Pipeline:
    return Pipeline([Normalise("minmax"), Aggregate()]).fit(small_data, small)


def test_strengths_are_the_best_ranks_weaknesses_the_worst(built: Pipeline) -> None:
    """u2: b rank 1, a rank 2 — neither the worst present (3)."""
    strong, weak = strengths_weaknesses(built, "u2", top_n=1, bottom_n=1)
    assert strong.columns == ["Code", "Name", "Level_2", "Rank", "Value", "Unit"]
    assert (strong["Code"].to_list(), strong["Rank"].to_list()) == (["b"], [1])
    assert (weak["Code"].to_list(), weak["Rank"].to_list()) == (["a"], [2])
    assert strong["Value"].to_list() == [0.25] and weak["Value"].to_list() == [4.0]
    both, _ = strengths_weaknesses(built, "u2", top_n=5)
    assert both["Code"].to_list() == ["b", "a"]


def test_the_worst_rank_present_is_no_weakness(built: Pipeline) -> None:
    """u3 has no a and the worst b (3): nothing to report; without ``min_discard`` b shows."""
    strong, weak = strengths_weaknesses(built, "u3")
    assert strong.height == weak.height == 0
    strong, weak = strengths_weaknesses(built, "u3", min_discard=False)
    assert strong["Code"].to_list() == weak["Code"].to_list() == ["b"]
    assert strong["Rank"].to_list() == [3]


def test_without_the_direction_b_ranks_by_its_raw_value(built: Pipeline) -> None:
    """b unadjusted: 2 (u3) first, 1 (u1), 0.25 (u2) last — u2's b is then the worst."""
    strong, _ = strengths_weaknesses(built, "u2", adjust_direction=False)
    assert strong["Code"].to_list() == ["a"]
    strong, _ = strengths_weaknesses(built, "u3", adjust_direction=False)
    assert (strong["Code"].to_list(), strong["Rank"].to_list()) == (["b"], [1])


def test_ranks_within_a_group_and_ties_in_framework_order(built: Pipeline) -> None:
    """Within group x (u1, u2), u2 ranks first on both: the tie keeps a before b."""
    strong, _ = strengths_weaknesses(built, "u2", use_group="grp", min_discard=False)
    assert (strong["Code"].to_list(), strong["Rank"].to_list()) == (["a", "b"], [1, 1])
    strong, _ = strengths_weaknesses(built, "u2", use_group="grp")
    assert strong["Code"].to_list() == ["a", "b"]  # u1 holds the worst rank (2) in x


def test_unique_share_must_be_above_the_threshold(built: Pipeline) -> None:
    """a and b each have 3 distinct values among 4 units: a share of 0.75."""
    strong, _ = strengths_weaknesses(built, "u2", unq_discard=0.74)
    assert strong["Code"].to_list() == ["b", "a"]
    for above in (0.75, 0.9):
        strong, _ = strengths_weaknesses(built, "u2", unq_discard=above)
        assert strong.height == 0


def test_values_to_three_significant_figures(built: Pipeline) -> None:
    """On the normalised data (already directed) u2's a is 300/7 = 42.857…: 42.9."""
    strong, weak = strengths_weaknesses(built, "u2", dset="Normalised", report_level=3)
    assert strong["Code"].to_list() == ["b", "a"]
    assert strong["Value"].to_list() == [100.0, 42.9]
    assert strong["Level_3"].to_list() == ["I", "I"]
    raw, _ = strengths_weaknesses(built, "u2", dset="Normalised", sig_figs=None)
    assert raw["Value"].to_list()[1] == pytest.approx(300 / 7)


def test_unit_summary_from_the_index_down(built: Pipeline) -> None:
    out = unit_summary(built, "u2")
    assert out["Code"].to_list() == ["I", "P"]
    assert out["Level"].to_list() == [3, 2]
    np.testing.assert_allclose(out["Score"], [500 / 7, 500 / 7])
    assert out["Rank"].to_list() == [2, 2]
    with pytest.raises(IndexInputError, match="unit 'u9' is not in the data"):
        unit_summary(built, "u9")
    with pytest.raises(IndexInputError, match="unit 'u9' is not in the data"):
        strengths_weaknesses(built, "u9")


def test_group_ranks_listed_by_group_then_rank(built: Pipeline) -> None:
    out = group_ranks(built, "grp")
    assert out["uCode"].to_list() == ["u2", "u1", "u4", "u3"]
    assert out["I"].to_list() == [1, 2, 1, 2]
    assert out["a"].to_list() == [1, 2, 1, None]
    by_a = group_ranks(built, "grp", level=1)
    assert by_a.columns == ["uCode", "grp", "a", "b"]
    assert by_a["uCode"].to_list() == ["u2", "u1", "u4", "u3"]  # no index: sorted by a
    with pytest.raises(IndexInputError, match="no group column 'region'"):
        group_ranks(built, "region")


def test_compare_scores_largest_change_first(
    built: Pipeline, small: Framework, small_data: pl.DataFrame
) -> None:
    """Weight 0 on a: I = −b normalised = 400/7, 100, 0, – ; against 200/7, 500/7, 0, 100 the
    differences are 200/7, 200/7, 0 and none for u4."""
    other = Pipeline([Normalise("minmax"), Aggregate(weights={"a": 0.0})]).fit(small_data, small)
    out = compare(built, other, by="scores")
    assert out.columns == ["uCode", "first", "second", "Diff", "AbsDiff"]
    assert set(out["uCode"].to_list()[:2]) == {"u1", "u2"}
    assert out["uCode"].to_list()[2:] == ["u3", "u4"]
    diff = dict(zip(out["uCode"], out["Diff"], strict=True))
    assert diff["u1"] == pytest.approx(200 / 7) and diff["u2"] == pytest.approx(200 / 7)
    assert diff["u3"] == 0.0 and diff["u4"] is None
    by_a = compare(built, other, code="a", by="scores")
    assert by_a["AbsDiff"].to_list() == [0.0, 0.0, 0.0, None]
    pillar = compare(built, other, level=2)
    assert dict(zip(pillar["uCode"], pillar["Diff"], strict=True)) == {
        "u1": -1.0,
        "u2": -1.0,
        "u3": -1.0,
        "u4": None,
    }
    with pytest.raises(IndexInputError, match="code 'Z' not in results"):
        compare(built, other, code="Z")
