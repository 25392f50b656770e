"""The policy file reader at its edges (issue 23): what spec next-capabilities §1.5–§1.6 and the
model's own rules (docs of :mod:`jiazhou.policies.model`) accept and refuse.

Money is 元 with at most two decimals, held as 分; rates are within [0, 1]; a band is
``(lo, hi]`` with hi above lo and each band starting where the last ended; §1.6 gives the
defaults 公示 7 wd and deadline 60 wd; validity runs from/to both days included.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from jiazhou.policies import PolicyError, amount_for, fen_to_yuan, money_fen, parse_policy
from jiazhou.policies.model import rate_of

HEAD = """
code = "p"
title_zh = "测试"
document = "测试"
issuer = "测试"
version = "1"
effective_from = 2020-01-01
status = "draft"
"""

CLAUSE = """
[[clauses]]
code = "c"
ref = "c"
title_zh = "测试"
class = "奖补"
delivery = "免申即享"
tag = "U"
cite = "§1.6"
"""

FIELD = """
[[clauses.fields]]
name = "b"
expr = "CAST(NULL AS DOUBLE)"
"""

FIXED = """
[clauses.amount]
kind = "fixed"
value = 1
"""


def _bands(*rows: str, kind: str = "bands") -> str:
    return (
        HEAD
        + CLAUSE
        + FIELD
        + f'[clauses.amount]\nkind = "{kind}"\nbase = "b"\nbands = [\n'
        + ",\n".join(rows)
        + "\n]\n"
    )


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        (0, 0),
        ("0.01", 1),
        ("1.5", 150),
        (10.01, 1001),
        ("3000000", 300_000_000),  # 300万元, the R&D post-subsidy cap (§1.9 test 1)
    ],
)
def test_money_is_yuan_with_two_decimals_held_in_fen(value: object, fen: int) -> None:
    # model doc: 元 (number or decimal string, at most two decimals) → integer 分; 0 元 is allowed
    assert money_fen(value, "x") == fen


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-0.01", "非负"),  # one 分 below zero
        ("nan", "非负有限"),
        ("inf", "非负有限"),
        ("0.001", "两位小数"),  # a tenth of a 分
        ("10.005", "两位小数"),
        ("十元", "应为数字"),
        (None, "应为数字"),
    ],
)
def test_money_outside_the_rule_is_refused(value: object, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        money_fen(value, "x")


def test_fen_back_to_yuan_has_two_places() -> None:
    assert str(fen_to_yuan(1)) == "0.01"
    assert str(fen_to_yuan(150)) == "1.50"
    assert fen_to_yuan(300_000_000) == Decimal("3000000.00")


@pytest.mark.parametrize(
    ("value", "rate"), [(0, Fraction(0)), ("1", Fraction(1)), ("0.003", Fraction(3, 1000))]
)
def test_rates_run_from_zero_to_one_inclusive(value: object, rate: Fraction) -> None:
    # spec §1.5(a): rates such as 0.3 % kept exactly; r_city and shares are within [0, 1]
    assert rate_of(value, "x") == rate


@pytest.mark.parametrize("value", ["-0.001", "1.001", "nan", "三成", None])
def test_rates_outside_zero_to_one_are_refused(value: object) -> None:
    with pytest.raises(PolicyError, match="比例"):
        rate_of(value, "x")


def test_clause_defaults_are_those_of_the_spec() -> None:
    # §1.6: publicity_days, deadline_wd = 7, 60; unset stacking is additive, no budget rule,
    # priority 100 (after any priority a file gives), amounts in 分 (no rounding), tag U
    (clause,) = parse_policy(HEAD + CLAUSE + FIXED).clauses
    assert (clause.publicity_days, clause.deadline_wd) == (7, 60)
    assert (clause.priority, clause.stacking, clause.over_budget_rule) == (100, "additive", "none")
    assert clause.amount is not None
    assert (clause.amount.rounding, clause.amount.tag, clause.amount.value) == ("fen", "U", 100)
    # a fixed amount carries no rate, no base and no bands (only "rate × base" has a rate)
    assert (clause.amount.rate, clause.amount.base, clause.amount.bands) == (Fraction(0), None, ())
    assert (clause.cap, clause.year_cap, clause.budget, clause.r_city) == (None, None, None, None)
    assert clause.priced and clause.key == "p/c@1"


def test_clause_values_are_read_in_fen_and_as_fractions() -> None:
    extra = 'cap = 3000000\nyear_cap = "100000.5"\nbudget = 10\nr_city = "0.3"\npriority = 10\n'
    (clause,) = parse_policy(HEAD + CLAUSE + extra + FIXED).clauses
    assert clause.cap == 300_000_000  # 300万元
    assert clause.year_cap == 10_000_050
    assert clause.budget == 1_000
    assert clause.r_city == Fraction(3, 10)
    assert clause.priority == 10
    (unsplit,) = parse_policy(HEAD + CLAUSE + 'r_city = "null"\n' + FIXED).clauses
    assert unsplit.r_city is None  # §1.5(e): the share is unknown, not 0


def test_validity_includes_its_first_and_last_day() -> None:
    # §1.6 validity from/to: a clause is in force on both days named
    extra = "valid_from = 2025-01-01\nvalid_to = 2025-12-31\n"
    (clause,) = parse_policy(HEAD + CLAUSE + extra + FIXED).clauses
    assert not clause.in_force(dt.date(2024, 12, 31))
    assert clause.in_force(dt.date(2025, 1, 1))
    assert clause.in_force(dt.date(2025, 12, 31))
    assert not clause.in_force(dt.date(2026, 1, 1))
    (open_ended,) = parse_policy(HEAD + CLAUSE + FIXED).clauses
    assert open_ended.in_force(dt.date(1990, 1, 1)) and open_ended.in_force(dt.date(2100, 1, 1))
    (from_only,) = parse_policy(HEAD + CLAUSE + "valid_from = 2025-01-01\n" + FIXED).clauses
    assert not from_only.in_force(dt.date(2024, 12, 31)) and from_only.in_force(dt.date(2100, 1, 1))


def test_band_hi_must_exceed_lo() -> None:
    # a band (lo, hi] with hi = lo is empty: refused; one 分 wider is a band
    for hi in ("100", "99.99"):  # hi = lo, and hi below lo
        with pytest.raises(PolicyError, match="上限须大于下限"):
            parse_policy(_bands(f'{{ lo = 100, hi = "{hi}", amount = 5 }}'))
    (clause,) = parse_policy(_bands('{ lo = 100, hi = "100.01", amount = 5 }')).clauses
    assert clause.amount is not None
    (band,) = clause.amount.bands
    assert (band.lo, band.hi, band.amount, band.rate) == (10_000, 10_001, 500, Fraction(0))


def test_bands_must_be_contiguous() -> None:
    # each band starts where the one before ended: a gap or an overlap of 1 分 is refused
    for second in ('{ lo = "200.01", rate = "0.1" }', '{ lo = "199.99", rate = "0.1" }'):
        with pytest.raises(PolicyError, match="首尾相接"):
            parse_policy(_bands('{ lo = 100, hi = 200, rate = "0.2" }', second, kind="progressive"))
    (clause,) = parse_policy(
        _bands(
            '{ lo = 100, hi = 200, rate = "0.2" }', '{ lo = 200, rate = "0.1" }', kind="progressive"
        )
    ).clauses
    assert clause.amount is not None
    # progressive bands carry a rate and no step amount
    assert [(b.lo, b.hi, b.rate, b.amount) for b in clause.amount.bands] == [
        (10_000, 20_000, Fraction(1, 5), 0),
        (20_000, None, Fraction(1, 10), 0),
    ]


@pytest.mark.parametrize("kind", ["bands", "progressive"])
def test_a_band_formula_needs_bands(kind: str) -> None:
    with pytest.raises(PolicyError, match="分段表为空"):
        parse_policy(_bands(kind=kind))


def test_a_fixed_amount_needs_no_base_and_others_need_a_field() -> None:
    assert parse_policy(HEAD + CLAUSE + FIXED).clauses[0].amount is not None
    rate = '[clauses.amount]\nkind = "rate"\nrate = "0.5"\n'
    with pytest.raises(PolicyError, match="amount.base"):
        parse_policy(HEAD + CLAUSE + rate)
    (clause,) = parse_policy(HEAD + CLAUSE + FIELD + rate + 'base = "b"\n').clauses
    assert clause.amount is not None
    assert (clause.amount.rate, clause.amount.value) == (Fraction(1, 2), 0)
    with pytest.raises(PolicyError, match="higher_level"):
        parse_policy(HEAD + CLAUSE + FIELD + rate + 'base = "b"\nhigher_level = "nope"\n')
    (top_up,) = parse_policy(
        HEAD + CLAUSE + FIELD + rate + 'base = "b"\nhigher_level = "b"\n'
    ).clauses
    assert top_up.amount is not None and top_up.amount.higher_level == "b"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEAD + 'colour = "red"\n' + CLAUSE + FIXED, "未知键"),
        (HEAD + CLAUSE + 'colour = "red"\n' + FIXED, "未知键"),
        (HEAD + CLAUSE + FIXED + 'colour = "red"\n', "未知键"),
        (HEAD + CLAUSE + FIXED.replace('"fixed"', '"steps"'), "amount.kind"),
        (HEAD + CLAUSE + FIXED + 'rounding = "cent"\n', "rounding"),
        (HEAD + CLAUSE + 'amount = "tbd"\n', "null"),
        (HEAD + CLAUSE, "缺少 amount"),
        (HEAD.replace('status = "draft"', "") + CLAUSE + FIXED, "缺少 status"),
        (HEAD.replace('status = "draft"', 'status = "repealed"') + CLAUSE + FIXED, "status"),
        (HEAD + CLAUSE + 'stacking = "both"\n' + FIXED, "stacking"),
        (HEAD + CLAUSE + 'over_budget_rule = "lottery"\n' + FIXED, "over_budget_rule"),
        (HEAD + CLAUSE + FIXED + CLAUSE + FIXED, "条款编号重复"),
        (HEAD + "[[clauses]]\n[[clauses.gates]]\n", "缺少 code"),
        (HEAD + "clauses = [1]\n", "应为表"),
        (HEAD + "code = \n", "TOML"),
    ],
)
def test_bad_files_are_refused_with_the_key_named(text: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        parse_policy(text)


def test_a_clause_is_found_by_its_code_only() -> None:
    policy = parse_policy(HEAD + CLAUSE + FIXED + CLAUSE.replace('"c"', '"d"') + FIXED)
    assert [c.code for c in policy.clauses] == ["c", "d"]
    assert policy.clause("d").code == "d"
    with pytest.raises(PolicyError, match="无条款"):
        policy.clause("e")


def test_policy_level_cap_and_defaults() -> None:
    policy = parse_policy(HEAD + 'firm_year_cap = "500000"\n' + CLAUSE + FIXED)
    assert policy.firm_year_cap == 50_000_000  # 50万元 per firm per year
    assert (policy.tag, policy.version, policy.effective_to) == ("U", "1", None)
    assert parse_policy(HEAD).firm_year_cap is None


def test_the_eligibility_scheme_carries_the_clause_params_and_validity() -> None:
    # §1.6: eligibility runs on the qualification-scheme engine; the clause's params reach it
    # unchanged (numbers, text, true/false, lists, dates) and its validity bounds the scheme,
    # the policy's dates standing in for those the clause leaves out
    params = '[clauses.params]\nn = 3\nf = 0.5\ns = "x"\nt = true\nu = false\nl = [1, 2]\n'
    text = HEAD + "effective_to = 2030-12-31\n" + CLAUSE + "valid_from = 2025-01-01\n" + params
    (clause,) = parse_policy(text + FIXED).clauses
    scheme = clause.scheme
    assert dict(scheme.params) == {"n": 3, "f": 0.5, "s": "x", "t": True, "u": False, "l": [1, 2]}
    assert (scheme.code, scheme.effective_from, scheme.effective_to) == (
        "p.c",
        dt.date(2025, 1, 1),
        dt.date(2030, 12, 31),
    )
    (bare,) = parse_policy(HEAD + CLAUSE + "valid_to = 2026-06-30\n" + FIXED).clauses
    assert (bare.scheme.effective_from, bare.scheme.effective_to) == (
        dt.date(2020, 1, 1),
        dt.date(2026, 6, 30),
    )
    (unbounded,) = parse_policy(HEAD + CLAUSE + FIXED).clauses
    assert unbounded.scheme.effective_to is None


def test_a_loaded_policy_cannot_be_changed_by_its_readers() -> None:
    # a policy file is versioned (§1.6 key policy/clause@version): what was loaded is what
    # applications are evaluated under, so neither it nor its clauses, amounts or bands change
    policy = parse_policy(_bands("{ lo = 100, hi = 200, amount = 5 }"))
    (clause,) = policy.clauses
    assert clause.amount is not None
    for obj, attr in (
        (policy, "firm_year_cap"),
        (clause, "budget"),
        (clause.amount, "value"),
        (clause.amount.bands[0], "amount"),
    ):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, attr, 1)


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [
        ("fen", "379999.98"),
        ("yuan", "379999.00"),
        ("hundred", "379900.00"),
        ("thousand", "379000.00"),
        ("ten_thousand", "370000.00"),
    ],
)
def test_each_rounding_unit_floors_to_its_own_size(rounding: str, expected: str) -> None:
    # §1.5(a) "舍去": 30 % of 1,266,666.63元 = 379,999.989元, floored to 分, 元, 百元, 千元, 万元
    text = HEAD + CLAUSE + FIELD + '[clauses.amount]\nkind = "rate"\nrate = "0.3"\nbase = "b"\n'
    (clause,) = parse_policy(text + f'rounding = "{rounding}"\n').clauses
    assert amount_for(clause, Decimal("1266666.63")) == Decimal(expected)


def test_a_clause_is_its_content_not_its_spelling() -> None:
    # the same clause with its defaults written out (priority 100, 公示 7 wd) is the same clause
    plain = parse_policy(HEAD + CLAUSE + FIXED).clauses[0]
    spelt = parse_policy(HEAD + CLAUSE + "priority = 100\npublicity_days = 7\n" + FIXED).clauses[0]
    assert plain == spelt
