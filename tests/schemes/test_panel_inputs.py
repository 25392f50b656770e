"""What the units are built from (``schemes.panel``): an identity frame on the every-year path,
and incident windows that neither dated events nor yearly flags can give.

- panel.py: identity fields "come as a separate frame keyed by ``uscc``", on the one-year and the
  every-year path alike (the latest identity row per firm wins).
- at_application: the windows come from dated events or from the yearly ``major_incident``
  flags; with neither, H8 (32号 第十一条（八）) cannot be judged and the scorer says which data
  it needs instead of reading "no incident".
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from tests.schemes.conftest import frame, unit

from jiazhou.schemes import prepare_units
from jiazhou.schemes.engine import MissingColumnsError, score
from jiazhou.schemes.panel import at_application

REG = dt.date(2018, 3, 1)


def test_identity_frame_on_the_every_year_path() -> None:
    panel = pl.DataFrame(
        {"uscc": ["A", "A", "B"], "fiscal_year": [2023, 2024, 2024], "employees_total": [1, 2, 3]},
        schema_overrides={"fiscal_year": pl.Int32},
    )
    identity = pl.DataFrame(
        {
            "uscc": ["B", "A", "A"],
            "region_code": ["b", "old", "new"],
            "registration_date": [REG, REG, REG],
        }
    )
    u = prepare_units(panel, None, identity)
    # one unit per panel row (Y = fiscal year + 1), identity joined by uscc, last row per firm
    assert u.select("uscc", "eval_year", "region_code").rows() == [
        ("A", 2024, "new"),
        ("A", 2025, "new"),
        ("B", 2025, "b"),
    ]
    # registered 2018-03-01: fiscal years 2018 … Y-1 (the founding year counts as one)
    assert u["fiscal_years_operated"].to_list() == [6.0, 7.0, 7.0]
    assert u["employees_total_y1"].to_list() == [1.0, 2.0, 3.0]


def test_no_windows_without_events_or_flags() -> None:
    units = pl.DataFrame(
        {"uscc": ["A"], "eval_year": [2025]}, schema_overrides={"eval_year": pl.Int32}
    )
    out = at_application(units)
    assert not {"incidents_365d", "incidents_y1_y0", "incidents_3y"} & set(out.columns)


def test_h8_without_events_or_flags_names_the_data_it_needs() -> None:
    row = {k: v for k, v in unit().items() if not k.startswith("major_incident")}
    with pytest.raises(MissingColumnsError) as info:
        score(frame([row]), "hnte-2016")
    assert info.value.missing["incidents_365d"] == ["hnte-2016"]
    assert "needs the major_incident column or dated incidents" in str(info.value)


def test_no_negative_fiscal_years_for_a_firm_registered_after_the_evaluation_year() -> None:
    # 32号 实际经营期: a firm registered in 2026 has operated no fiscal year by the end of 2024
    # (Y = 2025): 0, not 2024 − 2026 + 1 = −1; its age at the end of Y-1 is still −2.
    panel = pl.DataFrame(
        {
            "uscc": ["A"],
            "fiscal_year": [2024],
            "employees_total": [1.0],
            "registration_date": [dt.date(2026, 2, 1)],
        },
        schema_overrides={"fiscal_year": pl.Int32},
    )
    for u in (prepare_units(panel, 2025), prepare_units(panel)):
        assert u.select("fiscal_years_operated", "firm_age_years").row(0) == (0.0, -2.0)
