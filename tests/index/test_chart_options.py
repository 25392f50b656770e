"""What the index charts say besides their numbers (``index.plots``), by hand on the small
framework of conftest (a + and b − under P under I; min–max: a = 0, 300/7, –, 100 and
−b = 400/7, 100, 0, –; P = I = 200/7, 500/7, 0, 100, so the nominal ranks of u1…u4 are 3, 2, 4, 1).

- a legend only where there is more than one thing to tell apart (the pieces of a stacked bar,
  the groups of a scatter);
- a heatmap writes its values in the cells up to 12 indicators, and its colour scale always
  spans −1 … +1, so a colour means the same correlation in every chart;
- rank axes start at 1 with rank 1 on top; Sobol indices are shares, on an axis up to 1;
- ``pipeline_chart`` draws the dataset, level, unit and group asked for; the scatter's default
  partner is the first aggregate one level below the index (COINr's ``plot_scatter``).
"""

from __future__ import annotations

import json

import polars as pl
import pytest

from jiazhou.index import Aggregate, Framework, Normalise, Pipeline, plots
from jiazhou.index.errors import IndexInputError
from jiazhou.index.sensitivity import Choice, UncertaintyAnalysis, WeightNoise


@pytest.fixture
def built(small: Framework, small_data: pl.DataFrame) -> Pipeline:
    return Pipeline([Normalise("minmax"), Aggregate()]).fit(small_data, small)


def _shown(option: dict[str, object]) -> bool:
    legend = option["legend"]
    assert isinstance(legend, dict)
    return bool(legend.get("show", True))


def test_a_legend_only_for_stacked_pieces_and_groups() -> None:
    assert not _shown(plots.bar(["u1"], [1.0], "I"))
    assert _shown(plots.bar(["u1"], [1.0], "I", {"a": [0.5], "b": [0.5]}))
    assert not _shown(plots.scatter(["u1"], [1.0], [2.0], "x", "y"))
    assert _shown(plots.scatter(["u1"], [1.0], [2.0], "x", "y", groups=["g"]))
    assert _shown(plots.sensitivity(["w"], [0.5], [0.7]))  # S and ST − S


def test_a_sensitivity_chart_of_an_unknown_kind_is_refused() -> None:
    for kind in ("radar", "zzz", ""):
        with pytest.raises(IndexInputError, match=f"unknown sensitivity chart '{kind}'"):
            plots.sensitivity(["w"], [0.5], [0.7], kind=kind)  # type: ignore[arg-type]


def test_names_and_values_of_different_lengths_are_refused() -> None:
    """A chart of fewer values than names (or the reverse) would silently drop some."""
    calls = [
        lambda: plots.dot(["u1", "u2"], [1.0], "a"),
        lambda: plots.scatter(["u1", "u2"], [1.0, 2.0], [1.0], "x", "y"),
        lambda: plots.sensitivity(["w", "n"], [0.5], [0.7, 0.2]),
        lambda: plots.sensitivity(["w"], [0.5], [0.7, 0.2]),
        lambda: plots.sensitivity(["w", "n"], [0.5], [0.7], kind="pie"),
        lambda: plots.sensitivity(["w"], [0.5, 0.2], [0.7], kind="box", bands=[(0.4, 0.6)]),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="zip"):
            call()


def test_every_option_is_plain_json(built: Pipeline) -> None:
    """What the page and the HTML file receive: dicts, lists, strings, numbers and null."""
    options = [
        plots.pipeline_chart(kind, built, code="P" if kind == "stacked" else None)
        for kind in ("framework", "bar", "stacked", "dot", "scatter", "corr")
    ]
    options += [
        plots.rank_bands(["a"], [1.0], [1.0], [1.0], [1]),
        plots.sensitivity(["w"], [0.5], [0.7]),
        plots.sensitivity(["w"], [0.5], [0.7], kind="pie"),
        plots.sensitivity(["w"], [0.5], [0.7], kind="box"),
    ]
    for option in options:
        assert json.loads(json.dumps(option, allow_nan=False)) == option


def test_a_stacked_bar_leaves_room_above_for_its_legend() -> None:
    plain = plots.bar(["u1"], [1.0], "I")
    stacked = plots.bar(["u1"], [1.0], "I", {"a": [0.5], "b": [0.5]})
    assert stacked["grid"]["top"] > plain["grid"]["top"]
    assert stacked["grid"]["bottom"] == plain["grid"]["bottom"]  # the slanted names


def test_the_scatter_partner_is_the_first_aggregate_below_the_index(
    asem: Framework, asem_data: pl.DataFrame
) -> None:
    """ASEM: Index over Conn and Sust (level 3) — the default plots Conn against the index."""
    p = Pipeline([Normalise("minmax"), Aggregate()]).fit(asem_data, asem)
    option = plots.pipeline_chart("scatter", p)
    assert option["title"]["text"] == "Conn ~ Index"


def test_a_scatter_has_one_series_per_group_in_order_of_appearance(built: Pipeline) -> None:
    option = plots.pipeline_chart("scatter", built, group="grp")
    assert option["title"]["text"] == "P ~ I"  # y (one level below the index) against x
    assert [s["name"] for s in option["series"]] == ["x", "y"]
    x, y = ({p["name"]: p["value"] for p in s["data"]} for s in option["series"])
    assert x == {"u1": [28.571429, 28.571429], "u2": [71.428571, 71.428571]}
    assert y == {"u3": [0.0, 0.0], "u4": [100.0, 100.0]}
    alone = plots.pipeline_chart("scatter", built, code="a", code2="b")
    (series,) = alone["series"]
    assert series["name"] == "b"  # without groups the series is named after y
    assert [p["value"] for p in series["data"]][:2] == [[0.0, 57.142857], [42.857143, 100.0]]


def test_a_dot_plot_of_the_dataset_asked_for(built: Pipeline) -> None:
    option = plots.pipeline_chart("dot", built, code="a", dset="Normalised", unit="u2")
    assert option["title"]["text"] == "a (Normalised)"
    points = {p["name"]: p for p in option["series"][0]["data"]}
    assert {u: p["value"][0] for u, p in points.items()} == {
        "u1": 0.0, "u2": 42.857143, "u4": 100.0,
    }  # fmt: skip
    assert [u for u, p in points.items() if p["itemStyle"]] == ["u2"]
    raw = plots.pipeline_chart("dot", built, code="a", dset="Raw")
    assert [p["value"][0] for p in raw["series"][0]["data"]] == [1.0, 4.0, 8.0]


def test_heatmap_of_a_level_with_cell_values_up_to_twelve_indicators(built: Pipeline) -> None:
    """a and b are both present for u1 and u2 only: fewer than three pairs, no correlation, so
    only the diagonal has cells."""
    option = plots.pipeline_chart("corr", built, level=1, dset="Normalised")
    assert option["xAxis"]["data"] == option["yAxis"]["data"] == ["a", "b"]
    assert option["series"][0]["data"] == [[0, 0, 1.0], [1, 1, 1.0]]
    assert (option["visualMap"]["min"], option["visualMap"]["max"]) == (-1, 1)
    assert plots.pipeline_chart("corr", built, level=2)["xAxis"]["data"] == ["P"]
    default = plots.pipeline_chart("corr", built, dset="Normalised")  # the indicators
    assert default["xAxis"]["data"] == ["a", "b"]
    for n, shown in ((1, True), (12, True), (13, False)):
        codes = [f"i{k}" for k in range(n)]
        r = pl.DataFrame({c: [1.0] * n for c in codes}).to_numpy()
        heat = plots.correlation_heatmap(codes, r)
        assert heat["series"][0]["label"]["show"] is shown
        assert (heat["visualMap"]["min"], heat["visualMap"]["max"]) == (-1, 1)


def test_rank_axes_start_at_one_with_rank_one_on_top() -> None:
    option = plots.rank_bands(["a", "b"], [1, 1], [1, 2], [2, 2], [1, 2])
    assert option["xAxis"]["min"] == 1
    assert option["yAxis"]["inverse"] is True
    assert plots.sensitivity(["w"], [0.5], [0.7])["yAxis"]["max"] == 1


def test_bands_of_an_uncertainty_analysis(small: Framework, small_data: pl.DataFrame) -> None:
    """Two runs: weights a 0 / b 2 (ranks u1…u4 = 2, 1, 3, –) and the nominal ones (3, 2, 4, 1):
    each ranked unit's band runs from 5 % to 95 % of the way between its two ranks."""
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    sample = pl.DataFrame({"W:a": [0.0, 1.0], "W:b": [2.0, 1.0]})
    noise = [WeightNoise("W", 1.0, (1,))]
    ua = UncertaintyAnalysis(pipe, noise, design="monte_carlo", sample=sample)
    ua.fit(small_data, small)
    option = plots.pipeline_chart("bands", pipe.fit(small_data, small), analysis=ua)
    assert option["yAxis"]["data"] == ["u4", "u2", "u1", "u3"]
    boxes = option["series"][0]["data"]
    assert boxes[0] == [1.0, 1.0, 1.0, 1.0, 1.0]  # u4 is ranked in one run only
    assert boxes[2] == pytest.approx([2.05, 2.05, 2.5, 2.95, 2.95])
    assert option["series"][1]["data"] == [[1, 0], [2, 1], [3, 2], [4, 3]]


def test_sensitivity_shows_one_bar_per_factor_for_the_rank_shift(
    small: Framework, small_data: pl.DataFrame
) -> None:
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    factors = [Choice.of("Norm", "Normalise", "method", ["minmax", "rank"])]
    sample = pl.DataFrame({"Norm": [0, 1, 1, 1, 0, 0]})
    ua = UncertaintyAnalysis(pipe, factors, design="saltelli", sample=sample)
    ua.fit(small_data, small)
    option = plots.pipeline_chart("sensitivity", pipe.fit(small_data, small), analysis=ua)
    assert option["xAxis"]["data"] == ["Norm"]
    # rank and min–max normalisation rank the units alike: the shift never varies and its
    # Sobol indices do not exist — shown as missing, not a crash
    assert [(s["name"], s["data"]) for s in option["series"]] == [("S", [None]), ("ST − S", [None])]


def test_missing_or_negative_sobol_estimates() -> None:
    nan = float("nan")
    bar = plots.sensitivity(["w", "n", "q"], [0.25, None, nan], [0.2, 0.5, 0.5])
    assert [s["data"] for s in bar["series"]] == [[0.25, None, None], [0.0, None, None]]
    pie = plots.sensitivity(["w", "n", "q"], [-0.1, None, 0.3], [0.2, 0.5, 0.5], kind="pie")
    assert [p["value"] for p in pie["series"][0]["data"]] == [0.0, None, 0.3]
    assert plots.sensitivity(["w"], [0.3], [0.1234567 + 0.3])["series"][1]["data"] == [0.123457]
    box = plots.sensitivity(
        ["w", "n"], [0.5, nan], [0.7, nan], kind="box", bands=[(0.4, 0.6), (nan, nan)]
    )
    assert box["series"][0]["data"] == [[0.4, 0.4, 0.5, 0.6, 0.6], [None] * 5]  # JSON has no NaN


def test_bands_and_sensitivity_need_an_uncertainty_analysis(built: Pipeline) -> None:
    for kind in ("bands", "sensitivity"):
        with pytest.raises(IndexInputError, match="needs an uncertainty analysis"):
            plots.pipeline_chart(kind, built)


def test_a_node_without_a_name_is_shown_by_its_code(
    small_meta: object, small_data: pl.DataFrame
) -> None:
    tree = pl.DataFrame(
        {"iCode": ["I", "x"], "iName": ["指数", None], "Parent": [None, "I"],
         "EffectiveWeight": [1.0, None]}
    )  # fmt: skip
    (root,) = plots.framework_sunburst(tree)["series"][0]["data"]
    assert root["name"] == "指数"
    assert root["children"] == [{"name": "x", "value": None}]
