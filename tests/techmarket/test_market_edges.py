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
from datetime import date
from decimal import Decimal as D

import pytest

from jiazhou.techmarket import Shareholding, broker_reward_fuqing, equity_conflict, flows
from jiazhou.techmarket.flows import FlowContract, FlowTotals
from jiazhou.techmarket.quality import QContract, duplicates, splits, year_end_spike
from jiazhou.techmarket.rewards import FUQING_BROKER, RewardScheme, Tier

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


# -- data-quality watch (quality.py: duplicate = same parties, amounts within 1 %, titles ≥ 0.8
# similar; split = same parties within 30 days, each < 500万, together ≥ 500万; spike = December
# > 2 × the average month and > 0) -----------------------------------------------------------------


def _q(
    key: str, title: str, amount: str, day: date, seller: str = "S", buyer: str = "B"
) -> QContract:
    return QContract(key, seller, buyer, title, D(amount), day)


NOV1 = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("amount", "duplicate"),
    [("99", True), ("98.99", False), ("101", True), ("101.02", False)],
)
def test_duplicate_amounts_within_one_percent_of_the_larger(amount: str, duplicate: bool) -> None:
    # 100 vs 99: 1 apart, 1 % of 100 → within; 98.99: 1.01 → out. 101 vs 100: 1 ≤ 1.01 → within;
    # 101.02: 1.02 > 1.0102 → out
    a, b = (
        _q("a", "钒电解液制备技术许可合同", "100", NOV1),
        _q("b", "钒电解液制备技术许可合同", amount, NOV1),
    )
    assert bool(duplicates([a, b])) is duplicate


def test_duplicate_titles_at_exactly_the_ratio_and_zero_amounts() -> None:
    # 钒电解液制 / 钒电解液备: 4 of 5 characters match → 2 × 4 / 10 = 0.8 → similar enough
    a, b = _q("a", "钒电解液制", "100", NOV1), _q("b", "钒电解液备", "100", NOV1)
    (flag,) = duplicates([a, b])
    assert (flag.kind, flag.keys) == ("duplicate", ("a", "b"))
    assert flag.message == "疑似重复登记：「钒电解液制」与「钒电解液备」"
    # two contracts of 0万: no amount to compare, the same title → duplicates
    assert [
        f.keys for f in duplicates([_q("x", "许可", "0", NOV1), _q("y", "许可", "0", NOV1)])
    ] == [("x", "y")]


def test_duplicate_parties_ignore_spaces_around_the_buyer_only() -> None:
    a = _q("a", "许可合同", "100", NOV1)
    assert duplicates([a, _q("b", "许可合同", "100", NOV1, buyer=" B ")]) != []
    assert duplicates([a, _q("c", "许可合同", "100", NOV1, seller="T")]) == []


def test_a_non_matching_pair_does_not_stop_the_search() -> None:
    other = _q("o", "稀土抛光粉", "100", NOV1, seller="T")
    a, b = _q("a", "许可合同", "250", NOV1), _q("b", "许可合同", "250", date(2026, 11, 2))
    assert [f.keys for f in duplicates([other, a, b])] == [("a", "b")]
    assert [f.keys for f in splits([other, a, b])] == [("a", "b")]


def test_split_window_includes_day_30_either_way() -> None:
    a, b = _q("a", "一期", "250", NOV1), _q("b", "二期", "250", date(2026, 12, 1))  # 30 days
    (flag,) = splits([a, b])
    assert flag.message == "疑似拆分合同：同一双方30日内两份合同各低于500万元、合计500万元"
    assert [f.keys for f in splits([b, a])] == [("b", "a")]  # the later one listed first
    assert splits([a, _q("c", "二期", "250", date(2026, 12, 2))]) == []  # 31 days


def test_split_parts_adding_to_more_than_500() -> None:
    # 300 + 300 = 600 ≥ 500, each below 500 → flagged, message with the sum
    (flag,) = splits([_q("a", "一期", "300", NOV1), _q("b", "二期", "300", NOV1)])
    assert flag.message.endswith("合计600万元")


def test_year_end_spike_message_and_a_small_december() -> None:
    # eleven months of 10 and December 23: average 133 / 12 = 11.08; 23 > 22.17
    flag = year_end_spike([*[D(10)] * 11, D(23)])
    assert flag is not None and flag.kind == "spike"
    assert flag.message == "年末突增：12月成交额23万元，超过月均11.08万元的2倍"
    # a year with only 0.5万 in December: 0.5 > 2 × 0.5 / 12 and > 0 → a spike
    assert year_end_spike([*[D(0)] * 11, D("0.5")]) is not None


@pytest.mark.parametrize("months", [11, 13])
def test_year_end_spike_needs_twelve_months(months: int) -> None:
    with pytest.raises(ValueError, match="需要12个月"):
        year_end_spike([D(1)] * months)


def test_quality_records_are_read_only() -> None:
    a = _q("a", "许可", "1", NOV1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.amount = D(2)  # type: ignore[misc]
    (flag,) = duplicates([a, _q("b", "许可", "1", NOV1)])
    with pytest.raises(dataclasses.FrozenInstanceError):
        flag.kind = "x"  # type: ignore[misc]


# -- rewards (rewards.py: marginal tiers, a threshold, a lump sum and a cap) ----------------------


def test_broker_reward_on_small_amounts_uses_no_threshold() -> None:
    # 福清 登记方: 0.5 % from the first 万元 — 0.5万 → 0.0025万 (25 元), 1万 → 0.005万
    assert broker_reward_fuqing(D("0.5")) == D("0.0025")
    assert broker_reward_fuqing(D(1)) == D("0.005")
    assert broker_reward_fuqing(D(-100)) == 0


def test_nothing_is_paid_on_no_amount_even_with_a_lump_sum() -> None:
    lump = RewardScheme("t", "测试", (Tier(None, D("0.01")),), base=D(5))
    assert lump.reward(D(0)) == 0
    assert lump.reward(D("-0.5")) == 0
    assert lump.reward(D("0.5")) == D("5.005")  # 5 + 0.5 × 1 %


def test_three_marginal_tiers() -> None:
    # 10 % to 100, 5 % from 100 to 300, 1 % above
    scheme = RewardScheme(
        "t", "测试", (Tier(D(100), D("0.10")), Tier(D(300), D("0.05")), Tier(None, D("0.01")))
    )
    assert scheme.reward(D(50)) == 5
    assert scheme.reward(D(100)) == 10
    assert scheme.reward(D(250)) == D("17.5")  # 10 + 150 × 5 %
    assert scheme.reward(D(300)) == 20
    assert scheme.reward(D(500)) == 22  # 10 + 10 + 200 × 1 %


def test_rates_from_a_threshold_above_the_first_tier() -> None:
    # threshold 200 with marginal rates: the 10 % band up to 100 lies wholly below it
    scheme = RewardScheme(
        "t",
        "测试",
        (Tier(D(100), D("0.10")), Tier(None, D("0.01"))),
        threshold=D(200),
        base=D(3),
        marginal_from_threshold=True,
    )
    assert scheme.reward(D("199.99")) == 0
    assert scheme.reward(D(200)) == 3
    assert scheme.reward(D(300)) == 4  # 3 + (300 − 200) × 1 %


def test_by_default_rates_apply_from_zero_once_the_threshold_is_met() -> None:
    scheme = RewardScheme("t", "测试", (Tier(None, D("0.10")),), threshold=D(100))
    assert scheme.reward(D(99)) == 0
    assert scheme.reward(D(200)) == 20  # 200 × 10 %, not (200 − 100) × 10 %


def test_reward_schemes_are_read_only() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        FUQING_BROKER.cap = None  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        FUQING_BROKER.tiers[0].rate = D(1)  # type: ignore[misc]


def test_parties_must_match_whichever_sorts_first() -> None:
    # another seller or buyer, sorting before or after ours: never the same parties
    a = _q("a", "许可合同", "100", NOV1)
    for other in (
        _q("t", "许可合同", "100", NOV1, seller="T"),
        _q("r", "许可合同", "100", NOV1, seller="R"),
        _q("c", "许可合同", "100", NOV1, buyer="C"),
        _q("a2", "许可合同", "100", NOV1, buyer="A"),
    ):
        assert duplicates([other, a]) == [] == duplicates([a, other]), other.key


def test_pairs_failing_on_amount_or_title_do_not_stop_the_search() -> None:
    a, b = _q("a", "许可合同", "100", NOV1), _q("b", "许可合同", "100", NOV1)
    far = _q("x", "许可合同", "200", NOV1)  # same parties and title, amount far off
    unlike = _q("y", "稀土抛光粉", "100", NOV1)  # same parties and amount, another title
    assert [f.keys for f in duplicates([far, a, b])] == [("a", "b")]
    assert [f.keys for f in duplicates([unlike, a, b])] == [("a", "b")]


@pytest.mark.parametrize(("first", "second"), [("600", "100"), ("100", "600"), ("500", "250")])
def test_a_part_of_500_or_more_is_no_split(first: str, second: str) -> None:
    assert splits([_q("a", "一期", first, NOV1), _q("b", "二期", second, NOV1)]) == []


def test_a_flat_year_has_no_spike() -> None:
    assert year_end_spike([D(10)] * 12) is None  # December 10 < 2 × 10
