"""Technology-market rules at edges left open by mutation testing (issue 23, third round),
each from the rule in the module docstrings and docs/specs/next-capabilities.md:

* 输出 / 吸纳 (§3.5, §3.8 case 4): a contract counts once, however often it is listed;
* 揭榜挂帅 (§3.7, 川经信技创函〔2025〕203号): not the same unit, not equity-related — every
  non-zero holding of a 0–1 share is a link;
* 福清 rewards (§3.6): marginal tiers, a threshold, a lump sum and a cap;
* data-quality watch (§3.7 last paragraph, quality.py thresholds [U]).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from jiazhou.techmarket import Shareholding, equity_conflict, flows
from jiazhou.techmarket.flows import FlowContract, FlowTotals

# -- flows ---------------------------------------------------------------------------------------


def test_a_repeated_contract_does_not_stop_the_count() -> None:
    a = FlowContract("A", "511102", "510104", D(100))  # 乐山 seller
    b = FlowContract("B", "510107", "511112", D(50))  # 乐山 buyer
    totals = flows([a, a, b], "5111")
    assert (totals.output, totals.absorbed) == (D(100), D(50))
    assert (totals.output_keys, totals.absorbed_keys) == (("A",), ("B",))


def test_flow_records_are_read_only() -> None:
    a = FlowContract("A", "511102", "510104", D(100))
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.amount = D(1)  # type: ignore[misc]
    totals = flows([a], "5111")
    assert isinstance(totals, FlowTotals)
    with pytest.raises(dataclasses.FrozenInstanceError):
        totals.output = D(1)  # type: ignore[misc]


# -- 揭榜 equity links ---------------------------------------------------------------------------


def test_different_units_without_holdings_are_eligible_in_either_order() -> None:
    assert equity_conflict("B", "A", []) is None
    assert equity_conflict("A", "B", []) is None
    assert equity_conflict("A", "A", []) == "揭榜方与发榜方为同一单位"


def test_only_a_positive_share_is_a_holding() -> None:
    # shares are 0–1; a zero or a negative (a data error) is no holding
    assert equity_conflict("A", "B", [Shareholding("A", "B", D("-0.1"))]) is None
    assert equity_conflict("A", "B", [Shareholding("A", "B", D(0))]) is None
    assert (
        equity_conflict("A", "B", [Shareholding("A", "B", D("0.001"))])
        == "揭榜方持有发榜方0.1%股权，存在股权关联"
    )


def test_a_shareholding_is_read_only() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Shareholding("A", "B", D("0.1")).share = D(1)  # type: ignore[misc]
