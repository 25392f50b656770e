"""The state of a banded item (``schemes.sqlgen``, criteria.md §0.3): a band worth fixed points
above zero (one point is enough) is ``met``, a band worth an interval (an expert decides within
it) is ``manual_review``, a band worth nothing is ``unmet``; the points follow the band. Only a
banded item has an ``X__band`` column (sqlgen's output columns)."""

from __future__ import annotations

import polars as pl

from jiazhou.schemes import parse_scheme, score
from jiazhou.schemes.sqlgen import CRITERION_STATES

SCHEME = """
code = "toy-bands"
title_zh = "测试"
title_en = "Test"
document = "none"
version = "1"
effective_from = 2024-01-01

[[items]]
id = "STAFF"
label_zh = "人员"
label_en = "Staff"
cite = "test"
tag = "L"
max = 40
method = "bands"
value = "employees_total_y1"
bands = [
  { ge = 100, points = 40 }, { ge = 50, points = [10, 20] }, { ge = 20, points = 1 }, { points = 0 },
]

[[items]]
id = "EXPERT"
label_zh = "专家"
label_en = "Expert"
cite = "test"
tag = "L"
max = 10
method = "manual"
range = [0, 10]

[outcome]
pass_mark = 30
"""


def test_fixed_interval_and_zero_bands() -> None:
    units = pl.DataFrame(
        {
            "uscc": ["A", "B", "C", "D"],
            "eval_year": [2025] * 4,
            "employees_total_y1": [150.0, 60.0, 30.0, 10.0],
        }
    )
    w = score(units, parse_scheme(SCHEME, "toy.toml")).wide
    states = [CRITERION_STATES[s] for s in w["STAFF__status"]]
    assert states == ["met", "manual_review", "met", "unmet"]
    assert w.select("STAFF__points_min", "STAFF__points_max").rows() == [
        (40.0, 40.0),
        (10.0, 20.0),
        (1.0, 1.0),
        (0.0, 0.0),
    ]
    assert [c for c in w.columns if c.endswith("__band")] == ["STAFF__band"]
    # the expert item adds 0 … 10: A passes at once (40 ≥ 30); B may reach 30 (20 + 10) after
    # review; C (1 + 10) and D (0 + 10) cannot
    assert w["status"].to_list() == ["pass", "review", "fail", "fail"]
