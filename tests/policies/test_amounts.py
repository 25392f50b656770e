"""Hand-computed amount cases of docs/specs/next-capabilities.md §1.9 (tests 1–5) and §1.5."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from jiazhou.policies import (
    PolicyError,
    allocate,
    amount_for,
    interest_borne,
    load_policy,
    parse_policy,
    year_capped,
)

RD = load_policy("sichuan-rd-post-subsidy-2020").clause("rd-increment")


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        # §1.9 test 1, every figure by hand (万元 → 元)
        (450_000, "0.00"),  # Δ = 45万 → below the first band
        (500_000, "0.00"),  # Δ = 50万 exactly: the part above 50万 is empty under either reading
        (600_000, "3000.00"),  # 10万 × 3% = 0.3万
        (1_000_000, "15000.00"),  # band 1 edge: 50万 × 3% = 1.5万
        (1_000_001, "15000.00"),  # 1元 into band 2: 0.02元 → 千元 floor keeps 1.5万
        (1_050_000, "16000.00"),  # 1.5万 + 5万×2% = 1.6万
        (10_000_000, "195000.00"),  # 1.5 + 18
        (12_000_000, "215000.00"),  # 1.5 + 18 + 2 = 21.5万
        (50_000_000, "595000.00"),  # 1.5 + 18 + 40
        (100_000_000, "845000.00"),  # + 25
        (200_000_000, "1145000.00"),  # + 30 = 114.5万
        (832_000_000, "3000000.00"),  # 84.5 + (83200 − 10000)万 × 0.3% = 304.1万 → cap 300万
        (1_000_000_000, "3000000.00"),  # 354.5万 → cap 300万
    ],
)
def test_progressive_rd_bands(delta: int, expected: str) -> None:
    assert amount_for(RD, delta) == Decimal(expected)


def test_cap_edge_just_below() -> None:
    # 300万 − 84.5万 = 215.5万 at 0.3% → 71833.33…万 above 1亿: Δ = 81833.33万 gives 299.99…万
    assert amount_for(RD, 818_333_000) == Decimal("2999000.00")  # floored to 千元
    assert amount_for(RD, 818_334_000) == Decimal("3000000.00")


def test_negative_and_unknown_increment() -> None:
    assert amount_for(RD, -5_000_000) == Decimal("0.00")
    assert amount_for(RD, None) is None


RATE_POLICY = """
code = "t"
title_zh = "测试"
document = "测试"
issuer = "测试"
version = "1"
effective_from = 2020-01-01
status = "draft"
[[clauses]]
code = "r"
ref = "r"
title_zh = "比例"
class = "奖补"
delivery = "快申快享"
tag = "U"
cite = "§1.9 test 2"
[[clauses.fields]]
name = "b"
expr = "CAST(NULL AS DOUBLE)"
[clauses.amount]
kind = "rate"
rate = "0.3"
base = "b"
rounding = "thousand"
"""


def test_rounding_down_to_thousand_yuan() -> None:
    # §1.9 test 2: computed 21,537.6元 → 21,000元 (舍去)
    clause = parse_policy(RATE_POLICY).clause("r")
    assert amount_for(clause, Decimal("71792")) == Decimal("21000.00")  # 71792 × 0.3 = 21537.6
    assert amount_for(clause, Decimal("70000")) == Decimal("21000.00")  # 21000 exactly stays
    assert amount_for(clause, Decimal("69999.99")) == Decimal("20000.00")  # 20999.997 → 20000


def test_tianfu_kechuangdai_cases() -> None:
    # §1.9 test 3: loan 500万, 12 months, LPR 3.45% → 17.25万 → 30% = 5.175万
    p = load_policy("tianfu-kechuangdai-2020")
    base = interest_borne(Decimal("5000000"), Decimal("0.0345"), 365)
    assert base == Decimal("172500.00")
    assert amount_for(p.clause("interest"), base) == Decimal("51750.00")
    assert amount_for(p.clause("interest"), Decimal("2000000")) == Decimal("500000.00")  # cap 50万
    assert amount_for(p.clause("guarantee"), Decimal("80000")) == Decimal("40000.00")  # 8万 → 4万
    ip = p.clause("ip-evaluation")
    each = [amount_for(ip, Decimal("80000")), amount_for(ip, Decimal("20000"))]
    assert each == [Decimal("30000.00"), Decimal("10000.00")]  # 4万 → 3万/笔 cap; 1万
    assert sum(year_capped(ip, each)) == Decimal("40000.00")  # ≤ 10万/年
    four = [Decimal("30000.00")] * 4
    assert year_capped(ip, four) == [Decimal(30000)] * 3 + [Decimal(10000)]  # 10万/年 reached


DRAFT = load_policy("draft-leshan-hnte-reward")


def _awards(rows: list[tuple[str, str, int]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["uscc", "clause", "computed"], orient="row")


def test_policy_cap_cuts_the_lower_priority_clause() -> None:
    # §1.9 test 4: 20万 (priority 10) and 30万 (priority 30) under a 40万 per-firm cap → 40万
    awards = _awards([("A", "hnte-first", 20_000_000), ("A", "revenue-milestone", 30_000_000)])
    final, cuts = allocate(awards, DRAFT.clauses, [DRAFT])
    got = dict(final.select("clause", "amount").iter_rows())
    assert got == {"hnte-first": 20_000_000, "revenue-milestone": 20_000_000}
    assert cuts.select("clause", "step", "before", "after").rows() == [
        ("revenue-milestone", "policy_cap", 30_000_000, 20_000_000)
    ]


def test_exclusive_group_keeps_one() -> None:
    awards = _awards([("A", "hnte-first", 20_000_000), ("A", "hnte-renewal", 5_000_000)])
    final, cuts = allocate(awards, DRAFT.clauses, [DRAFT])
    assert dict(final.select("clause", "amount").iter_rows()) == {
        "hnte-first": 20_000_000,
        "hnte-renewal": 0,
    }
    assert cuts["step"].to_list() == ["exclusive"]


def test_firm_year_cap_across_policies() -> None:
    awards = _awards([("A", "hnte-first", 20_000_000), ("A", "revenue-milestone", 10_000_000)])
    final, _ = allocate(awards, DRAFT.clauses, [DRAFT], firm_year_cap=25_000_000)
    assert final["amount"].to_list() == [20_000_000, 5_000_000]


def test_prorata_when_over_budget() -> None:
    # §1.9 test 5: budget 1000万, approved 1250万 under prorata → every award × 0.8
    rows = [(f"F{i:03d}", "hnte-first", 20_000_000) for i in range(62)]
    rows.append(("F999", "hnte-first", 10_000_000))  # Σ = 62×20万 + 10万 = 1250万
    final, cuts = allocate(_awards(rows), DRAFT.clauses, [DRAFT])
    amounts = dict(final.select("uscc", "amount").iter_rows())
    assert amounts["F000"] == 16_000_000 and amounts["F999"] == 8_000_000
    assert final["amount"].sum() == 1_000_000_000
    assert set(cuts["step"]) == {"prorata"}


def test_prorata_at_budget_exactly_cuts_nothing() -> None:
    rows = [(f"F{i:03d}", "hnte-first", 20_000_000) for i in range(50)]  # Σ = 1000万 = budget
    final, cuts = allocate(_awards(rows), DRAFT.clauses, [DRAFT])
    assert final["amount"].sum() == 1_000_000_000 and cuts.height == 0


def test_rank_rule_pays_in_order_until_the_line_is_spent() -> None:
    zone = load_policy("leshan-zone-8-2022")
    rows = [("A", "art2-rd", 600_000_000), ("B", "art2-rd", 500_000_000), ("C", "art2-rd", 1_000)]
    final, cuts = allocate(_awards(rows), zone.clauses, [zone])
    # 1000万 line: A 600万 fits, B would reach 1100万 → 0; C after B also cut (strict order)
    assert dict(final.select("uscc", "amount").iter_rows()) == {
        "A": 600_000_000,
        "B": 0,
        "C": 0,
    }
    assert cuts["step"].to_list() == ["rank", "rank"]


def test_city_county_split() -> None:
    final, _ = allocate(_awards([("A", "hnte-first", 20_000_001)]), DRAFT.clauses, [DRAFT])
    assert final.row(0, named=True)["city"] == 10_000_000  # floor(20,000,001 × 0.5) 分
    assert final.row(0, named=True)["county"] == 10_000_001


def test_unknown_split_ratio_stays_unknown() -> None:
    final, _ = allocate(_awards([("A", "rd-increment", 100)]), (RD,))
    assert final["city"].to_list() == [None]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('kind = "rate"', 'kind = "percent"', "kind"),
        ('rate = "0.3"', 'rate = "1.3"', "0 到 1"),
        ('base = "b"', 'base = "nope"', "base"),
        ('class = "奖补"', 'class = "补贴"', "class"),
        ('delivery = "快申快享"', 'delivery = "随便"', "delivery"),
    ],
)
def test_bad_policy_files_are_refused_with_a_message(old: str, new: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        parse_policy(RATE_POLICY.replace(old, new))


def test_amount_with_three_decimals_is_refused() -> None:
    with pytest.raises(PolicyError, match="两位小数"):
        parse_policy(RATE_POLICY.replace('cite = "§1.9 test 2"', 'cite = "x"\ncap = 10.005'))


def test_null_amount_is_kept_unknown() -> None:
    zone = load_policy("leshan-zone-8-2022")
    assert all(c.amount is None for c in zone.clauses)
    assert amount_for(zone.clause("art1-hnte"), 1) is None


def test_same_clause_code_in_two_policies_is_kept_apart() -> None:
    # a copy of the draft under another policy code: its hnte-first is a different clause (no
    # row is doubled by the join), while the stacking group "hnte" is one event across policies
    with open(DRAFT.source, encoding="utf-8") as fh:
        text = fh.read()
    other = parse_policy(text.replace('code = "draft-leshan-hnte-reward"', 'code = "draft-b"'))
    awards = pl.DataFrame(
        [
            ("A", "draft-leshan-hnte-reward", "hnte-first", 20_000_000),
            ("A", "draft-b", "hnte-first", 20_000_000),
        ],
        schema=["uscc", "policy", "clause", "computed"],
        orient="row",
    )
    final, cuts = allocate(awards, [*DRAFT.clauses, *other.clauses], [DRAFT, other])
    assert final.height == 2 and sorted(final["amount"].to_list()) == [0, 20_000_000]
    assert cuts.select("policy", "step").rows() == [("draft-leshan-hnte-reward", "exclusive")]
    with pytest.raises(ValueError, match="重复"):
        allocate(awards.drop("policy"), [*DRAFT.clauses, *other.clauses], [DRAFT, other])
