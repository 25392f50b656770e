"""Panel → units (schemes/panel.py): lags, identity from the latest earlier row, key order."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.schemes.conftest import crit, run, summ, unit

from jiazhou.schemes import prepare_units

REG = dt.date(2018, 3, 1)


def panel(rows: list[tuple[str, int, float, str]]) -> pl.DataFrame:
    """(uscc, fiscal year, employees, region) rows; the region stands for any identity field."""
    return pl.DataFrame(
        [
            {
                "uscc": u,
                "fiscal_year": y,
                "employees_total": e,
                "region_code": r,
                "registration_date": REG,
            }
            for u, y, e, r in rows
        ],
        schema_overrides={"fiscal_year": pl.Int32},
    )


def test_one_year_lags_and_identity_from_the_latest_earlier_row() -> None:
    p = panel(
        [
            ("B", 2023, 7.0, "b23"),
            ("B", 2025, 9.0, "b25"),
            ("A", 2021, 1.0, "a21"),
            ("A", 2022, 2.0, "a22"),
            ("A", 2024, 4.0, "a24"),
        ]
    )
    u = prepare_units(p, 2025)
    assert u["uscc"].to_list() == ["A", "B"]  # (uscc, eval_year) order
    a, b = u.row(0, named=True), u.row(1, named=True)
    assert [a[f"employees_total_y{k}"] for k in range(5)] == [None, 4.0, None, 2.0, 1.0]
    assert [b[f"employees_total_y{k}"] for k in range(5)] == [9.0, None, 7.0, None, None]
    assert a["region_code"] == "a24" and b["region_code"] == "b23"  # never the year-Y row
    # panel.py: as_of = Y-06-30; fiscal years from the founding year (2018) through Y-1
    assert a["as_of"] == dt.date(2025, 6, 30) and a["fiscal_years_operated"] == 7.0
    assert a["age_days"] == (dt.date(2025, 6, 30) - REG).days


def test_identity_frame_replaces_the_panel_identity() -> None:
    p = panel([("A", 2024, 4.0, "a24")])
    identity = pl.DataFrame(
        {"uscc": ["A", "A"], "region_code": ["old", "new"], "registration_date": [REG, REG]}
    )
    u = prepare_units(p.drop("region_code", "registration_date"), 2025, identity)
    assert u["region_code"].to_list() == ["new"] and u["employees_total_y1"].to_list() == [4.0]


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from("ABCD"),
        st.tuples(st.integers(2019, 2025), st.integers(1, 5), st.integers(0, 500)),
        min_size=1,
    )
)
def test_every_year_path_agrees_with_the_one_year_path(
    firms: dict[str, tuple[int, int, int]],
) -> None:
    """A unit of year Y built from the whole panel equals the one built for Y alone, whenever
    the firm has a Y-1 row (both paths then take identity from that row). Firms report
    consecutive years here: with a gap the whole-panel path leaves the older lags null."""
    seen = {
        (u, y): (u, y, float(e + y), f"{u}{y}")
        for u, (first, n, e) in firms.items()
        for y in range(first, first + n)
    }
    p = panel(list(seen.values()))
    every = prepare_units(p)
    for year in sorted({y + 1 for _, y in seen}):
        one = prepare_units(p, year)
        has_prior = [u for u in one["uscc"] if (u, year - 1) in seen]
        expect = every.filter(pl.col("eval_year") == year).select(one.columns)
        assert one.filter(pl.col("uscc").is_in(has_prior)).equals(expect)


def test_expert_only_items_count_as_review_in_every_unit() -> None:
    """HNTE A1, A2, C1-C4 (195号, expert-judged) are manual_review for every unit unless a
    pre-assessment column is given; n_review counts them (as an INTEGER column)."""
    without = summ(run("hnte-2016", unit()))
    with_a1 = run("hnte-2016", unit(hnte_a1_points=8.0))
    assert without["n_review"] >= 6
    assert summ(with_a1)["n_review"] == without["n_review"] - 1
    assert crit(with_a1, "A1")["status"] == "met"
    assert with_a1.summary.schema["n_review"] == pl.Int32
