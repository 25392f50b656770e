"""Column headers → catalogue field codes (``jiazhou.validation.headers``).

docs/adr/0012-validation-layer.md (issue 12): a header is read as the field code, the template's
Chinese label (with or without its unit in brackets, 「营业收入（元）」 / 「营业收入(万元)」) or a
synonym from bureau and enterprise spreadsheets; spaces, full-width forms and a UTF-8 BOM do
not matter; a money unit stated in the header (元 / 万元) is read from it.
"""

from __future__ import annotations

import pytest

from jiazhou.fields import field_map
from jiazhou.validation.headers import SYNONYMS, label, resolve, unit_in_header


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("uscc", "uscc"),
        ("统一社会信用代码", "uscc"),
        ("会计年度", "fiscal_year"),
        ("fiscal_year", "fiscal_year"),
        ("operating_revenue", "operating_revenue"),
        ("营业收入", "operating_revenue"),
        ("营业收入（元）", "operating_revenue"),
        ("营业收入(万元)", "operating_revenue"),
        (" 营业 收入 ", "operating_revenue"),
        ("营业收入\u3000", "operating_revenue"),  # an ideographic space
        ("\ufeffuscc", "uscc"),  # the BOM of a UTF-8 CSV stuck to the first header
        ("职工总数（年平均）", "employees_total"),  # the full label
        ("职工总数", "employees_total"),  # the label without its bracket
        ("高层次人才数", "high_level_talent"),  # 高层次人才数（博士、硕士、高级职称）
        ("Ⅰ类知识产权数", "ip_class1_count"),  # Ⅰ类知识产权数（有效，与主导产品相关）
        ("信用代码", "uscc"),
        ("年度", "fiscal_year"),
        ("主营收入", "main_business_revenue"),
        ("as_of", "application_date"),
        ("职工人数（人）", "employees_total"),  # a synonym with a unit in brackets
    ],
)
def test_headers_by_code_label_or_synonym(header: str, code: str) -> None:
    assert resolve(header) == code


@pytest.mark.parametrize("header", ["", "备注", "营业收入合计额", "uscc2"])
def test_unknown_headers(header: str) -> None:
    assert resolve(header) is None


def test_every_synonym_names_its_own_field() -> None:
    # the synonym table is the explicit decision for a bare word: 「研发费用」 is the audited R&D
    # expense (rd_expense_audited), though two catalogue labels read 研发费用（…口径）
    for word, code in SYNONYMS.items():
        assert resolve(word) == code, word
    assert resolve("研发费用（加计扣除口径）") == "rd_expense_deduction_basis"
    assert resolve("研发费用（审计报告口径）") == "rd_expense_audited"


def test_every_catalogue_code_and_label_resolves_to_itself() -> None:
    for code, spec in field_map().items():
        assert resolve(code) == code
        assert resolve(spec.name_zh) == code


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("营业收入（万元）", "万元"),
        ("营业收入(万元)", "万元"),
        ("营业收入（元）", "元"),
        ("营业收入 ( 万元 )", "万元"),
        ("职工人数（人）", None),
        ("营业收入", None),
        ("营业收入（万元）合计", None),  # the bracket must end the header
    ],
)
def test_the_money_unit_stated_in_a_header(header: str, unit: str | None) -> None:
    assert unit_in_header(header) == unit


def test_labels_for_messages() -> None:
    assert label("uscc") == "统一社会信用代码"
    assert label("fiscal_year") == "会计年度"
    assert label("operating_revenue") == "营业收入"
    assert label("no_such_code") == "no_such_code"
