"""Technology-market rules at the edges the mutation run (issue 23) found, from the module rules:

* 技术交易额 = 成交额 − non-technical costs; a deduction cannot be negative (0 is a deduction of
  nothing) — spec §3.3;
* 技术转让所得 (实施条例 第90条, spec §3.4): 所得 ≤ 500万 exempt, the excess at 25 % × 50 %; a year
  without positive 所得 has nothing exempt and no tax; amounts shown without trailing zeros;
* registration clock (spec §3.2): 补正 makes the day the material arrives the 受理日 — arriving
  on the acceptance day itself is a restart on that day.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal as D

import pytest

from jiazhou.techmarket import (
    Deduction,
    registration_clock,
    transaction_amount,
    transfer_income_tax,
)
from jiazhou.worktime import WorkingCalendar

CAL = WorkingCalendar.packaged()


def test_a_zero_deduction_is_allowed() -> None:
    assert transaction_amount(D(100), [Deduction("equipment", D(0))]) == D(100)


@pytest.mark.parametrize("income", [D(0), D("-0.5"), D(-100)])
def test_no_positive_income_no_exemption_no_tax(income: D) -> None:
    tax = transfer_income_tax(income)
    assert (tax.income, tax.exempt, tax.taxable, tax.tax) == (income, D(0), D(0), D(0))


def test_half_a_wan_of_income_is_all_exempt() -> None:
    tax = transfer_income_tax(D("0.5"))
    assert (tax.exempt, tax.taxable, tax.tax) == (D("0.5"), D(0), D(0))


def test_tax_is_shown_without_trailing_zeros() -> None:
    # §3.8 case 3: 700万 → 200万 × 25 % × 50 % = 25万, written "25" (not "25.0000")
    assert str(transfer_income_tax(D(700)).tax) == "25"
    assert str(transfer_income_tax(D("500.01")).tax) == "0.0013"  # 0.01 × 0.125 = 0.00125 → 0.0013


def test_material_arriving_on_the_acceptance_day_restarts_the_clock_that_day() -> None:
    accepted = date(2025, 3, 3)
    clock = registration_clock(accepted, D(100), calendar=CAL, supplements_received=[accepted])
    assert (clock.start, clock.restarted) == (accepted, True)
    assert clock.due == registration_clock(accepted, D(100), calendar=CAL).due


def test_a_clock_is_read_only_and_the_calendar_is_named() -> None:
    clock = registration_clock(date(2025, 3, 3), D(100), calendar=CAL)
    with pytest.raises(dataclasses.FrozenInstanceError):
        clock.working_days = 30  # type: ignore[misc]
    with pytest.raises(TypeError):
        registration_clock(date(2025, 3, 3), D(100), CAL)  # type: ignore[call-arg]
