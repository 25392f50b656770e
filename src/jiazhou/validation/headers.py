"""Column headers → catalogue field codes: the code itself, the template's Chinese label (with or
without its unit, 「营业收入（元）」), or a common synonym (主营收入, 职工人数 …)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from jiazhou.fields import FieldSpec, field_map

KEYS = {"uscc": "统一社会信用代码", "fiscal_year": "会计年度"}
# Synonyms seen in bureau and enterprise spreadsheets → field code.
SYNONYMS: dict[str, str] = {
    "信用代码": "uscc",
    "社会信用代码": "uscc",
    "统一代码": "uscc",
    "年度": "fiscal_year",
    "年份": "fiscal_year",
    "财务年度": "fiscal_year",
    "会计年份": "fiscal_year",
    "企业名称": "name",
    "单位名称": "name",
    "公司名称": "name",
    "成立日期": "registration_date",
    "注册日期": "registration_date",
    "成立时间": "registration_date",
    "注册成立时间": "registration_date",
    "申请日期": "application_date",
    "申报日期": "application_date",
    "评价日期": "application_date",
    "as_of": "application_date",
    "营业总收入": "operating_revenue",
    "营业收入合计": "operating_revenue",
    "主营收入": "main_business_revenue",
    "主营业务收入合计": "main_business_revenue",
    "资产总计": "total_assets",
    "总资产": "total_assets",
    "负债合计": "total_liabilities",
    "总负债": "total_liabilities",
    "职工人数": "employees_total",
    "职工总数": "employees_total",
    "从业人员": "employees_total",
    "从业人员数": "employees_total",
    "员工人数": "employees_total",
    "科技人员": "tech_staff",
    "科技人员数": "tech_staff",
    "研发人员": "rd_staff",
    "研发人员数": "rd_staff",
    "研发费用": "rd_expense_audited",
    "研发投入": "rd_expense_audited",
    "高企研发费用": "rd_expense_hnte",
    "加计扣除研发费用": "rd_expense_deduction_basis",
    "高新技术产品收入": "hitech_product_income",
    "发明专利": "invention_patents",
    "发明专利数": "invention_patents",
    "行业代码": "industry_code",
    "区划代码": "region_code",
    "所在区县": "region_code",
    "区县代码": "region_code",
    "行政区划代码": "region_code",
    "企业规模": "sme_size_class",
    "研发投入口径": "rd_measure_choice",
}
_UNIT_SUFFIX = re.compile(r"[（(][^（）()]*[）)]$")


def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("\u3000", "")
    return s.lstrip("\ufeff")


@cache
def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, label in KEYS.items():
        table[_norm(code)] = code
        table[_norm(label)] = code
    specs: dict[str, FieldSpec] = field_map()
    for code, spec in specs.items():
        table[_norm(code)] = code
        table[_norm(spec.name_zh)] = code
    # A synonym is an explicit decision; a label without its bracket is a guess that two fields
    # can share (研发费用（加计扣除口径）, 研发费用（审计报告口径）), so the synonym comes first.
    for word, code in SYNONYMS.items():
        table.setdefault(_norm(word), code)
    for code, spec in specs.items():
        table.setdefault(_norm(_UNIT_SUFFIX.sub("", spec.name_zh)), code)
    return table


def resolve(header: str) -> str | None:
    """The field code a header names, or ``None`` when it names none."""
    s = _norm(header)
    table = _lookup()
    if s in table:
        return table[s]
    s = _UNIT_SUFFIX.sub("", s)  # 「营业收入（元）」, 「营业收入(万元)」
    return table.get(s)


def unit_in_header(header: str) -> str | None:
    """The money unit a header states in brackets (``万元`` / ``元``), if any."""
    m = _UNIT_SUFFIX.search(_norm(header))
    if m is None:
        return None
    inner = m.group(0)[1:-1]
    return inner if inner in ("元", "万元") else None


def label(code: str) -> str:
    """The Chinese label of a code (for messages)."""
    if code in KEYS:
        return KEYS[code]
    spec = field_map().get(code)
    return spec.name_zh if spec else code
