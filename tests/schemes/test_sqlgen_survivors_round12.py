"""Survivors of sqlgen.py (issue 23, round 12): the generated SQL run on DuckDB over hand-made
units, each outcome computed by hand from the scheme-file rule (schemes/library/README.md,
criteria.md §0.3 states and bands, §8.8 gaps) that the test docstring names."""

from __future__ import annotations

import dataclasses
from typing import Any

import duckdb
import polars as pl
import pytest

from jiazhou.schemes import parse_scheme, score, to_sql
from jiazhou.schemes.sqlgen import CRITERION_STATES, UNIT_STATES, plan

HEAD = """
code = "toy-r12"
title_zh = "测试"
title_en = "Test"
document = "none"
version = "1"
effective_from = 2024-01-01
"""
LABELS = 'label_zh = "x"\nlabel_en = "x"\ncite = "test"\ntag = "L"\n'


def _duck(body: str, columns: dict[str, list[Any]]) -> pl.DataFrame:
    """The scheme's ``to_sql`` run by DuckDB over the given unit columns (one row a unit)."""
    scheme = parse_scheme(HEAD + body.replace("LABELS\n", LABELS), "t.toml")
    units = pl.DataFrame({"uscc": [f"U{n}" for n in range(len(next(iter(columns.values()))))]})
    units = units.with_columns(pl.Series(k, v, dtype=pl.Float64) for k, v in columns.items())
    con = duckdb.connect()
    con.register("units", units.to_arrow())
    out: pl.DataFrame = con.sql(to_sql(scheme, set(units.columns))).pl()
    return out.sort("uscc")


def _states(w: pl.DataFrame, column: str) -> list[str]:
    return [CRITERION_STATES[s] for s in w[column]]


def _unit_states(w: pl.DataFrame) -> list[str]:
    return [UNIT_STATES[s] for s in w["status"]]


ITEM = """
[[items]]
id = "{id}"
LABELS
max = 40
method = "bands"
value = "x"
bands = [ {{ ge = 100, points = 40 }}, {{ points = {last} }} ]
"""


def test_the_otherwise_band_is_the_last_band() -> None:
    """§0.3: the last band is the 'otherwise' band — its index is n-1 and its points give its
    state: fixed points above zero → met, an interval → manual_review."""
    body = ITEM.format(id="FIX", last=5) + ITEM.format(id="SPAN", last="[0, 10]")
    body += "[outcome]\npass_mark = 1\n"
    w = _duck(body, {"x": [10.0, 150.0]})
    assert w["FIX__band"].to_list() == [1, 0]
    assert _states(w, "FIX__status") == ["met", "met"]
    assert _states(w, "SPAN__status") == ["manual_review", "met"]
    assert w.select("SPAN__points_min", "SPAN__points_max").rows() == [(0.0, 10.0), (40.0, 40.0)]


def test_a_negative_band_is_unmet() -> None:
    """§0.3: only a band worth fixed points above zero is met; a band taking points off is not."""
    body = ITEM.format(id="NEG", last=-5) + "[outcome]\npass_mark = 1\n"
    w = _duck(body, {"x": [10.0]})
    assert w["NEG__points_min"].to_list() == [-5.0]
    assert _states(w, "NEG__status") == ["unmet"]


def test_a_fractional_weight_scales_the_points() -> None:
    """README `weight`: an item gives its band's points times its weight (40 × 0.5 = 20)."""
    body = ITEM.format(id="W", last=0).replace('method = "bands"', 'method = "bands"\nweight = 0.5')
    w = _duck(body + "[outcome]\npass_mark = 1\n", {"x": [150.0]})
    assert w.select("W__points_min", "W__points_max", "total_min").rows() == [(20.0, 20.0, 20.0)]


ROUTE = (
    """
[[routes]]
id = "D1"
LABELS
when = "h = 1"
"""
    + ITEM.format(id="S", last=0)
    + "[outcome]\npass_mark = 30\n"
)


def test_a_route_with_missing_data_keeps_the_unit_open() -> None:
    """README unit status: `fail` only when the pass mark is out of reach *and no route* can be
    met; a route whose condition reads missing data (unknown) may still be met."""
    w = _duck(ROUTE, {"x": [10.0, 10.0, 10.0], "h": [None, 0.0, 1.0]})
    assert _states(w, "D1__status") == ["unknown", "unmet", "met"]
    assert w["route_possible"].to_list() == [True, False, True]
    assert w["route_met"].to_list() == [False, False, True]
    unit = _unit_states(w)
    assert unit[0] != "fail" and unit[1:] == ["fail", "pass"]


GATES = """
[[gates]]
id = "LO"
LABELS
value = "x"
requirement = "0.03"
direction = "min"

[[gates]]
id = "HI"
LABELS
value = "y"
requirement = "0.03"
direction = "max"

[outcome]
scored = false
"""


def test_gate_values_are_compared_after_rounding_to_ten_decimals() -> None:
    """README gates: value and requirement are compared after rounding to 10 decimals, so a
    difference in the 11th decimal is none, one in the 10th is one."""
    w = _duck(GATES, {"x": [0.03 - 4e-11, 0.03 - 1e-10], "y": [0.03 + 4e-11, 0.03 + 1e-10]})
    assert _states(w, "LO__status") == ["met", "unmet"]
    assert _states(w, "HI__status") == ["met", "unmet"]
    assert _unit_states(w) == ["pass", "fail"]


EVENTS = """
[[items]]
id = "{id}"
LABELS
max = {max}
method = "events"
value = "n"
per_event = {per}
"""


@pytest.mark.parametrize(
    ("per", "top", "capped", "earned"),
    [
        (5, 10, 10.0, "met"),
        (-5, 10, -10.0, "unmet"),
        (0.5, 1, 1.0, "met"),
        (-0.5, 1, -1.0, "unmet"),
    ],
)
def test_events_are_capped_at_max_either_way(
    per: float, top: float, capped: float, earned: str
) -> None:
    """README events: per_event points for each event, at most max points either way; a bonus
    earned is met, a penalty incurred unmet (and no event: the other state)."""
    body = EVENTS.format(id="E", max=top, per=per) + "[outcome]\npass_mark = 0\n"
    w = _duck(body, {"n": [4.0, 0.0, None]})
    assert w["E__points_min"].to_list() == [capped, 0.0, 0.0]
    assert w["E__points_max"].to_list() == [capped, 0.0, 0.0]
    other = "unmet" if earned == "met" else "met"
    assert _states(w, "E__status") == [earned, other, other]


def test_a_zero_point_event_counts_as_a_bonus() -> None:
    """sqlgen._event_points: a non-negative per_event is a bonus (an event counted → met)."""
    w = _duck(EVENTS.format(id="Z", max=5, per=0) + "[outcome]\npass_mark = 0\n", {"n": [2.0, 0.0]})
    assert w["Z__points_min"].to_list() == [0.0, 0.0]
    assert _states(w, "Z__status") == ["met", "unmet"]


NESTED = """
[[groups]]
id = "A"
label_zh = "甲"
label_en = "A"

[[groups]]
id = "B"
label_zh = "乙"
label_en = "B"
parent = "A"
max = 30

[[groups]]
id = "C"
label_zh = "丙"
label_en = "C"
parent = "B"
""" + ITEM.format(id="X", last=0).replace('method = "bands"', 'method = "bands"\ngroup = "C"')


def test_groups_declared_parent_first_add_up() -> None:
    """README groups: children add up into their parent, each group capped at its max, in any
    order of declaration (here the root comes first): 40 → C 40 → B 30 → A 30 = total."""
    w = _duck(NESTED + "[outcome]\npass_mark = 1\n", {"x": [150.0]})
    assert w.select("C__points_min", "B__points_min", "A__points_max", "total_min").rows() == [
        (40.0, 30.0, 30.0, 30.0)
    ]


def test_a_manual_gate_that_does_not_apply_leaves_the_unit_passing() -> None:
    """README gates: applies false → not_applicable, so a manual gate (no when, no direction)
    that does not apply asks for no review; where it applies it is manual_review."""
    body = (
        """
[[gates]]
id = "G"
LABELS
applies = "x > 50"
"""
        + ITEM.format(id="S", last=0)
        + "[outcome]\npass_mark = 30\n"
    )
    w = _duck(body, {"x": [10.0, 150.0]})
    assert _states(w, "G__status") == ["not_applicable", "manual_review"]
    assert w["n_review"].to_list() == [0, 1]
    assert _unit_states(w) == ["fail", "review"]
    w = _duck(body.replace("pass_mark = 30", "pass_mark = 0"), {"x": [10.0, 150.0]})
    assert _unit_states(w) == ["pass", "review"]


def test_a_computed_gate_that_does_not_apply_is_not_applicable() -> None:
    """README gates: applies false → not_applicable, whatever the condition says."""
    body = """
[[gates]]
id = "G"
LABELS
when = "x > 0"
applies = "a = 1"

[outcome]
scored = false
"""
    w = _duck(body, {"x": [-1.0, -1.0, 1.0], "a": [0.0, 1.0, 1.0]})
    assert _states(w, "G__status") == ["not_applicable", "unmet", "met"]
    assert _unit_states(w) == ["pass", "fail", "pass"]


def test_a_gate_without_direction_is_manual_and_has_no_gap() -> None:
    """Gate docstring / README: a gate with neither `when` nor `direction` is always manual;
    its value and requirement are only shown (no gap, no relative gap: §8.8 needs direction)."""
    body = """
[[gates]]
id = "G"
LABELS
value = "x"
requirement = "5"

[outcome]
scored = false
"""
    w = _duck(body, {"x": [1.0, 10.0]})
    assert _states(w, "G__status") == ["manual_review", "manual_review"]
    assert w["G__value"].to_list() == [1.0, 10.0]
    assert "G__gap" not in w.columns and "G__rel_gap" not in w.columns
    assert _unit_states(w) == ["review", "review"]


def test_a_manual_item_that_does_not_apply_asks_for_no_review() -> None:
    """README items: applies false → not_applicable with no points; n_review counts the
    manual_review items only."""
    body = """
[[items]]
id = "EXP"
LABELS
max = 10
method = "manual"
range = [0, 10]
applies = "x > 50"

[outcome]
pass_mark = 0
"""
    w = _duck(body, {"x": [10.0, 150.0]})
    assert _states(w, "EXP__status") == ["not_applicable", "manual_review"]
    assert w["n_review"].to_list() == [0, 1]
    assert w.select("EXP__points_min", "EXP__points_max").rows() == [(0.0, 0.0), (0.0, 10.0)]


def test_a_population_item_with_a_value_is_not_under_review() -> None:
    """n_review counts manual_review items: a min–max item computed from known values is not
    one of them (jiazhou.index scores it)."""
    body = """
[[items]]
id = "RD"
LABELS
max = 60
method = "minmax"
value = "x"

[outcome]
pass_mark = 0
"""
    units = pl.DataFrame({"uscc": ["A", "B"], "eval_year": [2025, 2025], "x": [1.0, 3.0]})
    w = score(units, parse_scheme(HEAD + body.replace("LABELS\n", LABELS), "t.toml")).wide
    assert w.sort("uscc")["RD__points_min"].to_list() == [0.0, 60.0]
    assert w["n_review"].to_list() == [0, 0]
    assert w["n_unknown"].to_list() == [0, 0]
    assert w["status"].to_list() == ["pass", "pass"]


COUNTS = "[outcome]\nscored = false\n"


def test_counts_of_constant_statuses_stay_integers() -> None:
    """sqlgen._count: constant statuses that never match still give an INTEGER zero."""
    body = '[[gates]]\nid = "G"\nLABELS\n' + COUNTS  # an expert-only gate: always review
    w = _duck(body, {"x": [1.0]})
    assert w["n_unmet"].dtype.is_integer() and w["n_unmet"].to_list() == [0]
    assert w["n_review"].to_list() == [1]


def test_a_count_over_no_criteria_is_an_integer_too() -> None:
    """sqlgen._count: the count's type does not depend on the scheme (no gates at all here)."""
    w = _duck(ITEM.format(id="S", last=0) + "[outcome]\npass_mark = 1\n", {"x": [150.0]})
    assert w["n_unmet"].dtype.is_integer()


def test_a_plan_is_immutable() -> None:
    """sqlgen.Plan is a frozen value: the stages computed for a scheme cannot be swapped."""
    p = plan(parse_scheme(HEAD + GATES.replace("LABELS\n", LABELS), "t.toml"), {"x", "y"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.pre = []  # type: ignore[misc]
