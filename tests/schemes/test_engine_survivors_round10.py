"""What ``schemes.engine`` shows of a result (issue 23, tenth mutation round).

- A scheme that reads nothing but an incident window (高企 H8, 32号 第十一条（八）: no major
  incident in the 365 days before the application) is judged on a panel from the yearly
  ``major_incident`` flags, as hnte-2016 is (panel.at_application).
- ``explain``: a gate's message says why the unit fails it (H4 「科技人员占比不足10%」), so it comes
  with an unmet gate and never with a met one; the unit explained is the one asked for, whatever
  the order of the units, and a unit not in the result is no unit.
- A firm scored in several evaluation years is explained for the year asked: without one, the
  answer names the years instead of picking a row.
- An item's weight and its ``max`` are never negative (points taken off are an ``events`` item
  with a negative ``per_event``): an unknown item of negative weight would turn its points
  interval ``[0, max] × weight`` upside down, so the scheme file is refused.
"""

from __future__ import annotations

import polars as pl
import pytest
from tests.schemes.conftest import frame, unit

from jiazhou.schemes import SchemeError, parse_scheme, score
from jiazhou.schemes.sqlgen import CRITERION_STATES

# One gate, H8 of hnte-2016, and nothing else: the scheme reads the 365-day window only.
ONLY_H8 = """
code = "only-h8"
version = "0"
document = "32号 第十一条(八)"
title_en = "H8 alone"
title_zh = "仅H8"
effective_from = 2016-01-01

[[gates]]
id = "H8"
tag = "V"
cite = "32号 第十一条(八)"
label_en = "No major incident in the year before"
label_zh = "申请认定前一年内未发生重大事故"
when = "NOT incidents_365d"

[outcome]
scored = false
"""

# One banded item; {weight} is filled in by the test.
BANDED = """
code = "banded"
version = "0"
document = "none"
title_en = "Banded"
title_zh = "分档"
effective_from = 2016-01-01

[[items]]
id = "ITEM"
tag = "L"
cite = "test"
label_en = "Item"
label_zh = "计分项"
max = {max}
{weight}
method = "bands"
value = "conversions_y1"
bands = [ {{ ge = 1, points = {points} }}, {{ points = 0 }} ]

[outcome]
pass_mark = 0
"""


def test_a_scheme_reading_only_the_incident_window_uses_the_yearly_flags() -> None:
    """H8 alone, on a panel of fiscal years 2021 – 2025 and no dated events table: firm B's 2025
    row flags a major incident (the application year Y = 2025 lies within the 365 days before
    its 2025-06-30 application), A's rows none — B unmet, A met."""
    years = list(range(2021, 2026))
    panel = pl.DataFrame(
        {
            "uscc": ["A"] * 5 + ["B"] * 5,
            "fiscal_year": years * 2,
            "major_incident": [False] * 9 + [True],
        }
    )
    w = score(panel, parse_scheme(ONLY_H8, "only-h8.toml"), year=2025).wide
    states = {u: CRITERION_STATES[s] for u, s in w.select("uscc", "H8__status").rows()}
    assert states == {"A": "met", "B": "unmet"}


def test_explain_gives_the_message_of_an_unmet_gate_only() -> None:
    """hnte-2016 H4 (32号 第十一条（四）: 科技人员 ≥ 10 % of employees): 5 of 100 is unmet and
    explain shows its message; H8 (no incident flagged) is met, and a met gate has no message."""
    r = score(frame([unit(uscc="A", tech_staff=5.0)]), "hnte-2016")
    by_id = {c["id"]: c for c in r.explain("A")["criteria"]}
    h4, h8 = by_id["H4"], by_id["H8"]
    assert (h4["status"], h8["status"]) == ("unmet", "met")
    assert (h4["message_zh"], h4["message_en"]) == (
        "科技人员占比不足10%",
        "Scientific staff below 10 % of employees",
    )
    assert "message_zh" not in h8 and "message_en" not in h8


def test_explain_gives_the_unit_asked_whatever_the_order() -> None:
    """Units listed out of order (B before A): explain("A") is A — its own 科技人员 count (5) —
    and a unit that is not in the result, even one that sorts before every listed unit, is
    no unit."""
    r = score(frame([unit(uscc="B", tech_staff=30.0), unit(uscc="A", tech_staff=5.0)]), "hnte-2016")
    a = r.explain("A")
    assert a["unit"]["uscc"] == "A"
    assert a["status"] == "fail"  # H4 unmet: 5 of 100 employees
    assert r.explain("B")["unit"]["uscc"] == "B"
    with pytest.raises(KeyError):
        r.explain("0")


def test_explain_without_a_year_names_the_years_of_a_firm_scored_twice() -> None:
    """A firm scored for 2024 and 2025: explained with a year, that year's row; without one, no
    row is picked silently — the refusal names both years."""
    r = score(frame([unit(uscc="A", eval_year=2024), unit(uscc="A", eval_year=2025)]), "hnte-2016")
    assert r.explain("A", 2025)["unit"] == {"uscc": "A", "eval_year": 2025}
    assert r.explain("A", 2024)["unit"] == {"uscc": "A", "eval_year": 2024}
    with pytest.raises(KeyError, match="2024、2025.*give eval_year"):
        r.explain("A")


@pytest.mark.parametrize(
    ("weight", "field"),
    [
        ("weight = -1", "weight"),
        ('weight_by = { column = "size", values = { small = -0.5 } }', "weight_by.values"),
        (
            'weight_by = { column = "size", values = { small = 2 }, default = -1 }',
            "weight_by.default",
        ),
    ],
)
def test_a_negative_weight_is_refused(weight: str, field: str) -> None:
    """Weight −1 (10 points off at one conversion or more) is refused with the field named, in
    Chinese and English; weight 0 and 2 are weights."""
    with pytest.raises(SchemeError, match=rf"{field}: 权重不能为负.*cannot be negative"):
        parse_scheme(BANDED.format(max=10, weight=weight, points=10), "w.toml")
    for ok in ("weight = 0", "weight = 2"):
        parse_scheme(BANDED.format(max=10, weight=ok, points=10), "w.toml")


def test_a_negative_max_is_refused() -> None:
    """``max = -10`` ("at most −10 points") is refused; ``max = 0`` is an item worth nothing."""
    with pytest.raises(SchemeError, match=r"\.max: 满分不能为负 / max cannot be negative: -10"):
        parse_scheme(BANDED.format(max=-10, weight="", points=-10), "m.toml")
    parse_scheme(BANDED.format(max=0, weight="", points=0), "m.toml")
