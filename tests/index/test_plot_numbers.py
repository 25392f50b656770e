"""The numbers the index charts show (``index.plots``), by hand on the small framework of
conftest (a + and b − under P under I; min–max: a = 0, 300/7, –, 100, −b = 400/7, 100, 0, –;
P = I = 200/7, 500/7, 0, 100).

- ``bar``: units best first, a unit without a score last; ``stacked`` splits a score into its
  children's contributions, score × weight over the weight of the children present, so the
  pieces add up to the (arithmetic) score — COINr's ``plot_bar(stack_children = TRUE)``;
- ``corr``: correlations to two decimals, an undefined one left out;
- ``sensitivity``: the bar stacks S and the interactions ST − S (never below 0); the pie shows
  first-order shares (a negative estimate as 0);
- ``bands``: units in nominal rank order; ``framework``: each node sized by its effective weight.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from jiazhou.index import Aggregate, Framework, Normalise, Pipeline, plots
from jiazhou.index.errors import IndexInputError


@pytest.fixture
def built(small: Framework, small_data: pl.DataFrame) -> Pipeline:
    return Pipeline([Normalise("minmax"), Aggregate()]).fit(small_data, small)


def test_bar_puts_the_best_first_and_a_missing_score_last() -> None:
    option = plots.bar(["u1", "u2", "u3", "u4"], [20.0, None, 80.0, 50.0], "I")
    assert option["xAxis"]["data"] == ["u3", "u4", "u1", "u2"]
    assert option["series"][0]["data"] == [80.0, 50.0, 20.0, None]


def test_stacked_contributions_add_up_to_the_score(built: Pipeline) -> None:
    option = plots.pipeline_chart("stacked", built, code="P")
    assert option["xAxis"]["data"] == ["u4", "u2", "u1", "u3"]
    pieces = {s["name"]: s["data"] for s in option["series"]}
    # u4 has only a (100): all of it; u2 (300/7 + 100)/2; u1 (0 + 400/7)/2; u3 only b (0)
    assert pieces["a"] == pytest.approx([100.0, 150 / 7, 0.0, 0.0], abs=1e-6)
    assert pieces["b"] == pytest.approx([0.0, 50.0, 200 / 7, 0.0], abs=1e-6)
    totals = [x + y for x, y in zip(pieces["a"], pieces["b"], strict=True)]
    assert totals == pytest.approx([100.0, 500 / 7, 200 / 7, 0.0], abs=1e-6)
    with pytest.raises(IndexInputError, match="'a' has no children"):
        plots.pipeline_chart("stacked", built, code="a")


def test_stacked_contributions_follow_the_weights(
    small: Framework, small_data: pl.DataFrame
) -> None:
    """a weighs 3, b 1: u1 = (3·0 + 1·400/7)/4 = 100/7, all from b; u2 = (3·300/7 + 100)/4."""
    p = Pipeline([Normalise("minmax"), Aggregate(weights={"a": 3.0})]).fit(small_data, small)
    option = plots.pipeline_chart("stacked", p, code="P")
    order = option["xAxis"]["data"]
    pieces = {s["name"]: dict(zip(order, s["data"], strict=True)) for s in option["series"]}
    assert pieces["a"]["u2"] == pytest.approx(900 / 28, abs=1e-6)
    assert pieces["b"]["u2"] == pytest.approx(100 / 4, abs=1e-6)
    assert pieces["b"]["u1"] == pytest.approx(100 / 7, abs=1e-6)


def test_values_are_shown_to_six_decimals(built: Pipeline) -> None:
    option = plots.pipeline_chart("bar", built)
    assert option["series"][0]["data"] == [100.0, 71.428571, 28.571429, 0.0]


def test_correlations_to_two_decimals_without_undefined_cells() -> None:
    r = np.array([[1.0, 0.123456], [0.123456, np.nan]])
    cells = plots.correlation_heatmap(["x", "y"], r)["series"][0]["data"]
    assert cells == [[0, 0, 1.0], [1, 0, 0.12], [0, 1, 0.12]]


def test_sensitivity_bar_pie_and_box() -> None:
    bar = plots.sensitivity(["w", "n"], [0.5, 0.3], [0.7, 0.2])
    assert [s["data"] for s in bar["series"]] == [[0.5, 0.3], [0.2, 0.0]]
    pie = plots.sensitivity(["w", "n"], [0.5, -0.01], [0.7, 0.2], kind="pie")
    assert pie["series"][0]["data"] == [{"name": "w", "value": 0.5}, {"name": "n", "value": 0.0}]
    box = plots.sensitivity(["w"], [0.5], [0.7], kind="box", bands=[(0.4, 0.6)])
    assert box["series"][0]["data"] == [[0.4, 0.4, 0.5, 0.6, 0.6]]


def test_rank_bands_in_nominal_order() -> None:
    option = plots.rank_bands(["a", "b", "c"], [2, 1, 1], [3, 1, 2], [3, 2, 3], [3, 1, 2])
    assert option["yAxis"]["data"] == ["b", "c", "a"]
    assert option["series"][0]["data"][0] == [1, 1, 1, 2, 2]
    assert option["series"][1]["data"] == [[1, 0], [2, 1], [3, 2]]


def test_framework_rings_sized_by_effective_weight(
    small: Framework, small_data: pl.DataFrame
) -> None:
    p = Pipeline([Normalise("minmax"), Aggregate(weights={"a": 3.0})]).fit(small_data, small)
    (root,) = plots.pipeline_chart("framework", p)["series"][0]["data"]
    assert (root["name"], root["value"]) == ("I", 1.0)
    (pillar,) = root["children"]
    assert [(c["name"], c["value"]) for c in pillar["children"]] == [("a", 0.75), ("b", 0.25)]
    assert "children" not in pillar["children"][0]


def test_dot_marks_only_the_unit_asked_for() -> None:
    option = plots.dot(["u1", "u2", "u3"], [1.0, None, 3.0], "a", highlight="u3")
    points = {p["name"]: p for p in option["series"][0]["data"]}
    assert set(points) == {"u1", "u3"}  # no value, no dot
    assert points["u3"]["itemStyle"] == {"color": "#d9363e"}
    assert points["u1"]["itemStyle"] == {}
    assert points["u3"]["value"] == [3.0, 0]


def test_an_unknown_chart_kind_is_refused(built: Pipeline) -> None:
    for kind in ("treemap", "aaa"):
        with pytest.raises(IndexInputError, match=f"unknown chart kind '{kind}'"):
            plots.pipeline_chart(kind, built)
