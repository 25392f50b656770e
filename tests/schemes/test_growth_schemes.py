"""瞪羚 (gazelle-local) and 独角兽 (unicorn): configurable thresholds, criteria.md §4."""

from __future__ import annotations

import pytest
from tests.schemes.conftest import crit, run, summ, unit


def _gazelle(**kw: object) -> dict[str, object]:
    # Revenue 1,000万 in the base year T-3 (= Y-4) growing 20 % a year to 1,728万 in T (= Y-1).
    base = {
        "operating_revenue_y4": 1e7,
        "operating_revenue_y3": 1.2e7,
        "operating_revenue_y2": 1.44e7,
        "operating_revenue_y1": 1.728e7,
    }
    return unit(**{**base, **kw})


def test_revenue_route_cagr_exactly_20_percent_criteria_4_2_4_5() -> None:
    r = run("gazelle-local", _gazelle())
    assert r.wide["revenue_cagr_3y"][0] == pytest.approx(0.20)
    assert crit(r, "GR1")["status"] == "met"
    assert summ(r)["status"] == "pass"


def test_staff_route_alone_suffices_criteria_4_2() -> None:
    u = unit(employees_total_y4=100.0, employees_total_y1=219.7, operating_revenue_y4=5e6)
    r = run("gazelle-local", u)
    assert crit(r, "GR1")["status"] == "unmet"
    assert crit(r, "GR2")["status"] == "met"  # (219.7 / 100)^(1/3) − 1 = 30 %
    assert crit(r, "G2")["status"] == "met"


def test_zero_base_leaves_cagr_undefined_criteria_4_5() -> None:
    r = run("gazelle-local", _gazelle(operating_revenue_y4=0.0, employees_total_y4=0.0))
    assert r.wide["revenue_cagr_3y"][0] is None
    assert crit(r, "G2")["status"] == "unmet"  # a zero base also misses the base-year minimum


def test_missing_base_year_is_unknown() -> None:
    r = run("gazelle-local", _gazelle(operating_revenue_y4=None, employees_total_y4=None))
    assert crit(r, "G2")["status"] == "unknown"
    assert summ(r)["status"] == "unknown"


def test_thresholds_are_parameters_local_choice() -> None:
    assert summ(run("gazelle-local", _gazelle(), revenue_cagr_min=0.25))["status"] == "fail"
    assert summ(run("gazelle-local", _gazelle(firm_age_years=16.0)))["status"] == "fail"


def test_rd_intensity_threshold_criteria_4_2() -> None:
    r = run("gazelle-local", _gazelle(rd_expense_audited=0.0))
    c = crit(r, "G3")
    assert c["status"] == "unmet"
    assert c["gap"] == pytest.approx(0.025 * (1.2e7 + 1.44e7 + 1.728e7))


def _unicorn(**kw: object) -> dict[str, object]:
    return unit(
        **{"private_equity_invested": True, "valuation": 7.1e9, "firm_age_years": 8.0, **kw}
    )


def test_unicorn_us_1_billion_at_the_configured_rate_criteria_4_4() -> None:
    assert summ(run("unicorn", _unicorn()))["status"] == "pass"
    r = run("unicorn", _unicorn(valuation=7.0e9))
    assert crit(r, "U4")["status"] == "unmet"
    assert crit(r, "U4")["gap"] == pytest.approx(1e8)
    assert summ(run("unicorn", _unicorn(valuation=7.0e9), usd_cny=7.0))["status"] == "pass"


@pytest.mark.parametrize(
    ("overrides", "gate"),
    [
        ({"firm_age_years": 11.0}, "U1"),
        ({"listed_status": "listed"}, "U3"),
        ({"abnormal_or_dishonest": True}, "U5"),
    ],
)
def test_unicorn_conditions_criteria_4_4(overrides: dict[str, object], gate: str) -> None:
    assert crit(run("unicorn", _unicorn(**overrides)), gate)["status"] == "unmet"


def test_unknown_valuation_is_unknown() -> None:
    r = run("unicorn", _unicorn(valuation=None))
    assert crit(r, "U4")["status"] == "unknown"
    assert summ(r)["status"] == "unknown"


@pytest.mark.parametrize(("age", "status"), [(15.0, "met"), (16.0, "unmet")])
def test_gazelle_age_cap_inclusive_criteria_4_2(age: float, status: str) -> None:
    assert crit(run("gazelle-local", _gazelle(firm_age_years=age)), "G1")["status"] == status


def test_unicorn_needs_private_equity_criteria_4_4() -> None:
    r = run("unicorn", _unicorn(private_equity_invested=False))
    assert crit(r, "U2")["status"] == "unmet"
    assert crit(run("unicorn", _unicorn(firm_age_years=10.0)), "U1")["status"] == "met"
