"""Application dates, incident windows and firm ages of the units (``schemes.panel``), on the
edges of each window, hand-computed.

- 高企 H8 (32号 第十一条（八）, 195号, criteria.md §1.1): no major safety, quality or environmental
  incident in the 365 calendar days before the application, the application day included.
- 科技型中小企业 T4 (115号 第六条（四）): 上一年及当年内 — from 1 January of Y-1 to the
  application; research misconduct counts too.
- 梯度培育 (63号 / 2号 基本条件): 近三年 — from 1 January of Y-3; network/data security incidents,
  tax evasion and data falsification count too.
- H1 (195号): age in calendar days from registration to the application; 32号 "实际经营期" counts
  the founding year as one fiscal year; 梯度培育 segment years are the anniversaries reached by
  31 December of Y-1.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from jiazhou.schemes.panel import at_application, prepare_units

Y = 2025
AS_OF = dt.date(2025, 6, 30)


def _units(**cols: object) -> pl.DataFrame:
    base: dict[str, object] = {"uscc": ["A"], "eval_year": [Y]}
    base |= {k: [v] for k, v in cols.items()}
    return pl.DataFrame(base, schema_overrides={"eval_year": pl.Int32})


def _events(day: dt.date, kind: str, uscc: str = "A") -> pl.DataFrame:
    return pl.DataFrame({"uscc": [uscc], "date": [day], "kind": [kind]})


def _windows(day: dt.date, kind: str, **cols: object) -> tuple[object, object, object]:
    out = at_application(_units(**cols), events=_events(day, kind)).row(0, named=True)
    return out["incidents_365d"], out["incidents_y1_y0"], out["incidents_3y"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 6, 30), (True, True, True)),  # on the application day
        (dt.date(2025, 7, 1), (False, False, False)),  # after it: not yet happened
        (dt.date(2024, 6, 30), (True, True, True)),  # 365 days before: inside
        (dt.date(2024, 6, 29), (False, True, True)),  # 366 days before: outside H8
        (dt.date(2024, 1, 1), (False, True, True)),  # 1 January of Y-1: inside T4
        (dt.date(2023, 12, 31), (False, False, True)),  # the day before: outside T4
        (dt.date(2022, 1, 1), (False, False, True)),  # 1 January of Y-3: inside 近三年
        (dt.date(2021, 12, 31), (False, False, False)),
    ],
)
def test_window_edges_for_a_major_safety_incident(
    day: dt.date, expected: tuple[bool, bool, bool]
) -> None:
    assert _windows(day, "major_safety") == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("major_quality", (True, True, True)),
        ("serious_environmental", (True, True, True)),
        ("research_misconduct", (False, True, False)),  # T4 only
        ("network_data_security", (False, False, True)),  # 近三年 only
        ("tax_evasion", (False, False, True)),
        ("data_falsification", (False, False, True)),
        ("something_else", (False, False, False)),
    ],
)
def test_which_kinds_each_window_counts(kind: str, expected: tuple[bool, bool, bool]) -> None:
    assert _windows(dt.date(2025, 3, 1), kind) == expected


def test_a_given_application_date_moves_the_windows() -> None:
    # applying on 2025-03-01: the 365 days reach back to 2024-03-01 (2024 is a leap year: 366
    # days to 2024-02-29 … the window starts 2024-03-01, as 2025-03-01 − 365 days)
    app = dt.date(2025, 3, 1)
    assert _windows(dt.date(2024, 3, 1), "major_safety", application_date=app)[0] is True
    assert _windows(dt.date(2024, 2, 29), "major_safety", application_date=app)[0] is False
    out = at_application(_units(application_date=app)).row(0, named=True)
    assert out["as_of"] == app and out["application_date_assumed"] is False


def test_the_usual_filing_day_when_no_date_is_given() -> None:
    out = at_application(_units(), day=(9, 15)).row(0, named=True)
    assert out["as_of"] == dt.date(2025, 9, 15) and out["application_date_assumed"] is True
    assert at_application(_units()).row(0, named=True)["as_of"] == AS_OF


def test_age_in_calendar_days_to_the_application() -> None:
    out = at_application(_units(registration_date=dt.date(2024, 6, 30))).row(0, named=True)
    assert out["age_days"] == 365.0  # 2024-06-30 → 2025-06-30 (no 29 February in between)


def test_a_firm_without_events_falls_back_on_its_flags() -> None:
    units = pl.DataFrame(
        {
            "uscc": ["A", "B", "C"],
            "eval_year": [Y, Y, Y],
            "major_incident_y0": [True, True, None],
            "major_incident_y1": [False, False, None],
        },
        schema_overrides={"eval_year": pl.Int32},
    )
    # A has a dated event outside every window: judged on its events (none inside), not on its
    # Y0 flag; B has no
    # events: its Y0 flag says an incident; C has neither events nor flags: it had none
    # (at_application: "a firm without events falls back on its yearly flags, and without
    # those had none" — the events table is the full list given)
    out = at_application(units, events=_events(dt.date(2020, 1, 1), "major_safety"))
    assert out["incidents_365d"].to_list() == [False, True, False]
    assert out["incidents_3y"].to_list() == [False, True, False]


@pytest.mark.parametrize(
    ("y0", "y1", "h8"),
    [
        (True, None, True),  # an incident this year: within 365 days
        (None, True, None),  # Y-1: which day? unknown without a date
        (False, True, None),
        (False, False, False),
        (None, False, False),  # a missing application-year row counts as no event
        (None, None, None),
    ],
)
def test_the_365_days_from_yearly_flags(y0: bool | None, y1: bool | None, h8: bool | None) -> None:
    units = pl.DataFrame(
        {"uscc": ["A"], "eval_year": [Y], "major_incident_y0": [y0], "major_incident_y1": [y1]},
        schema_overrides={"eval_year": pl.Int32, "major_incident_y0": pl.Boolean},
    ).with_columns(pl.col("major_incident_y1").cast(pl.Boolean))
    assert at_application(units)["incidents_365d"].to_list() == [h8]


def test_t4_and_three_years_from_yearly_flags() -> None:
    units = pl.DataFrame(
        {
            "uscc": ["A", "B", "C", "D"],
            "eval_year": [Y] * 4,
            "major_incident_y0": [False, False, False, None],
            "major_incident_y1": [False, False, False, False],
            "major_incident_y2": [False, False, True, None],
            "major_incident_y3": [False, True, False, None],
            "research_misconduct_y0": [True, False, False, None],
            "research_misconduct_y1": [False, False, False, None],
        },
        schema_overrides={"eval_year": pl.Int32},
    )
    out = at_application(units)
    assert out["incidents_y1_y0"].to_list() == [True, False, False, None]
    assert out["incidents_3y"].to_list() == [False, True, True, False]


def _panel(reg: dt.date, segment: dt.date | None = None) -> pl.DataFrame:
    row = {"uscc": "A", "fiscal_year": 2024, "employees_total": 10.0, "registration_date": reg}
    if segment is not None:
        row["segment_start_date"] = segment
    return pl.DataFrame([row], schema_overrides={"fiscal_year": pl.Int32})


@pytest.mark.parametrize(
    ("founded", "operated", "age"),
    [
        (dt.date(2022, 12, 31), 3.0, 2.0),  # 2022, 2023, 2024: three fiscal years (Y = 2025)
        (dt.date(2024, 1, 1), 1.0, 0.0),  # founded in Y-1: one fiscal year
        (dt.date(2025, 3, 1), 0.0, -1.0),  # founded in Y itself: no fiscal year yet
    ],
)
def test_fiscal_years_operated_and_firm_age(founded: dt.date, operated: float, age: float) -> None:
    u = prepare_units(_panel(founded), 2025).row(0, named=True)
    assert (u["fiscal_years_operated"], u["firm_age_years"]) == (operated, age)
    every = prepare_units(_panel(founded)).row(0, named=True)  # all years: Y = 2024 + 1
    assert (every["fiscal_years_operated"], every["firm_age_years"]) == (operated, age)


def test_segment_years_reached_by_the_end_of_y_minus_1() -> None:
    u = prepare_units(_panel(dt.date(2015, 1, 1), dt.date(2021, 12, 31)), 2025)
    assert u["segment_years"].to_list() == [3.0]  # 2021 → 2024: three anniversaries


def test_the_panel_needs_its_keys() -> None:
    with pytest.raises(ValueError, match="uscc and fiscal_year"):
        prepare_units(pl.DataFrame({"uscc": ["A"]}), 2025)
