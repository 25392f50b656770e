"""The tax bureau's and the power company's files (issue 18 §Data): detail rows summed into the
firm-year figures the 亩均 scheme reads, every bad row named, nothing half-written."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.spreadsheets import Sheet, write_workbook
from jiazhou_web.enterprises.models import EnterpriseFigure
from jiazhou_web.evaluations.imports import PowerCompanyImporter, TaxBureauImporter

pytestmark = pytest.mark.django_db

TAX_HEADER = [
    "纳税人识别号",
    "纳税人名称",
    "税款所属期起",
    "税款所属期止",
    "征收项目",
    "实缴金额（元）",
]
POWER_HEADER = ["户号", "户名", "统一社会信用代码", "电费年月", "结算电量（千瓦时）"]


def upload(header: list[str], rows: list[list[Any]]) -> SimpleUploadedFile:
    return SimpleUploadedFile("x.xlsx", write_workbook([Sheet("明细", header, rows)]))


def figures(firm: Any, year: int) -> dict[str, Decimal]:
    rows = EnterpriseFigure.objects.filter(enterprise=firm, fiscal_year=year)
    return {r.field: r.value for r in rows}


def test_tax_rows_are_summed_per_firm_year_by_item(make_enterprise: Any, zone_officer: Any) -> None:
    a, b = make_enterprise(zone=True), make_enterprise(zone=True)
    rows = [
        # a: VAT in two quarters 120,000 + 80,500.50; CIT 50,000; 房产税 3,000 + 城建税 1,200 →
        # other 4,200; 留抵退税 10,000 → refunds
        [a.uscc, a.name, "2025-01-01", "2025-03-31", "增值税", 120000],
        [a.uscc, a.name, "2025-04-01", "2025-06-30", "增值税", "80,500.50"],
        [a.uscc, a.name, "2025-01-01", "2025-12-31", "企业所得税", 50000],
        [a.uscc, a.name, "2025-01-01", "2025-12-31", "房产税", 3000],
        [a.uscc, a.name, "2025-01-01", "2025-12-31", "城市维护建设税", 1200],
        [a.uscc, a.name, "2025-05-01", "2025-05-31", "增值税留抵退税", 10000],
        # b: only VAT, in 万元 written in the cell → 25,000 元; the other three items become 0
        [b.uscc, b.name, "2025-01-01", "2025-12-31", "增值税", "2.5万"],
    ]
    outcome = TaxBureauImporter().run(upload(TAX_HEADER, rows), actor=zone_officer)
    assert outcome.ok, outcome.errors or outcome.rejected
    assert outcome.stored == 7
    assert figures(a, 2025) == {
        "tax_vat": Decimal("200500.50"),
        "tax_cit": Decimal("50000"),
        "tax_other": Decimal("4200"),
        "tax_refunds": Decimal("10000"),
    }
    assert figures(b, 2025) == {
        "tax_vat": Decimal("25000"),
        "tax_cit": Decimal(0),
        "tax_other": Decimal(0),
        "tax_refunds": Decimal(0),
    }
    assert set(EnterpriseFigure.objects.values_list("source", flat=True)) == {"tax"}
    imported = AuditLog.objects.filter(event_type="enterprise.imported")
    assert imported.count() == 2  # one audit row per firm


def test_bad_tax_rows_are_named_and_nothing_is_stored(
    make_enterprise: Any, county_officer: Any
) -> None:
    own = make_enterprise(region="511112")
    elsewhere = make_enterprise(region="511102")
    rows = [
        [own.uscc, "", "2025-01-01", "2025-03-31", "增值税", 1000],  # row 2 fine
        [own.uscc, "", "2025-01-01", "2025-03-31", "增值税", 2000],  # row 3 duplicates row 2
        [own.uscc, "", "2024-10-01", "2025-03-31", "企业所得税", 1],  # row 4 spans two years
        [own.uscc, "", "2025-01-01", "2025-03-31", "个人所得税", 1],  # row 5 unknown item
        [elsewhere.uscc, "", "2025-01-01", "2025-03-31", "增值税", 1],  # row 6 outside scope
        ["91511100MA00000000", "", "2025-01-01", "2025-03-31", "增值税", 1],  # row 7 bad USCC
        [own.uscc, "", "2025-01-01", "2025-03-31", "房产税", -5],  # row 8 negative
    ]
    outcome = TaxBureauImporter().run(upload(TAX_HEADER, rows), actor=county_officer)
    assert not outcome.ok and outcome.annotated
    text = {i + 2: " ".join(m) for i, m in outcome.errors.items()}
    assert sorted(text) == [3, 4, 5, 6, 7, 8]
    assert "与第2行" in text[3]
    assert "跨年度" in text[4]
    assert "不是有效的征收项目「个人所得税」" in text[5]
    assert "不在您的数据范围内" in text[6]
    assert "纳税人识别号" in text[7]
    assert "不能为负数" in text[8]
    assert not EnterpriseFigure.objects.exists()


def test_power_accounts_and_months_are_summed_per_firm(
    make_enterprise: Any, zone_officer: Any
) -> None:
    a = make_enterprise(zone=True)
    rows = [["3100012345", "甲厂一号表", a.uscc, f"2025-{m:02d}", 10000] for m in range(1, 13)] + [
        ["3100012346", "甲厂二号表", a.uscc, "2025年6月", "2,500"],
        ["3100012346", "", a.uscc, 202412, 7],
    ]
    outcome = PowerCompanyImporter().run(upload(POWER_HEADER, rows), actor=zone_officer)
    assert outcome.ok, outcome.errors or outcome.rejected
    assert figures(a, 2025) == {"electricity_kwh": Decimal(122500)}  # 12 × 10,000 + 2,500
    assert figures(a, 2024) == {"electricity_kwh": Decimal(7)}
    assert set(EnterpriseFigure.objects.values_list("source", flat=True)) == {"platform"}


def test_bad_power_rows_are_named(make_enterprise: Any, zone_officer: Any) -> None:
    a, b = make_enterprise(zone=True), make_enterprise(zone=True)
    rows = [
        ["3100012345", "", a.uscc, "2025-01", 100],  # row 2 fine
        ["3100012345", "", b.uscc, "2025-02", 100],  # row 3 the meter of a under b
        ["3100012347", "", a.uscc, "2025-13", 100],  # row 4 month 13
        ["3100012348", "", a.uscc, "2099-01", 100],  # row 5 future
        ["31000", "", a.uscc, "2025-01", 100],  # row 6 account too short
        ["3100012349", "", a.uscc, "2025-01", "12万"],  # row 7 万 is money, not kWh
        ["3100012345", "", a.uscc, "2025-01", 5],  # row 8 duplicates row 2
    ]
    outcome = PowerCompanyImporter().run(upload(POWER_HEADER, rows), actor=zone_officer)
    text = {i + 2: " ".join(m) for i, m in outcome.errors.items()}
    assert sorted(text) == [3, 4, 5, 6, 7, 8]
    assert "属于" in text[3] and "belongs to two enterprises" in text[3]
    assert "不是有效年月" in text[4]
    assert "尚未到来" in text[5]
    assert "6–20位数字" in text[6]
    assert "不是金额" in text[7]
    assert "户号和电费年月与第2行相同" in text[8]
    assert not EnterpriseFigure.objects.exists()


@pytest.mark.parametrize(
    ("url", "header"),
    [("/evaluations/imports/tax/", TAX_HEADER), ("/evaluations/imports/power/", POWER_HEADER)],
)
def test_templates_download_and_the_page_imports(
    url: str, header: list[str], make_enterprise: Any, zone_officer: Any, outsider: Any
) -> None:
    client = Client()
    client.force_login(zone_officer)
    sheet = load_workbook(io.BytesIO(client.get(url + "?template=1").content)).worksheets[0]
    assert [c.value for c in sheet[1]] == header
    firm = make_enterprise(zone=True)
    row = (
        [firm.uscc, "", "2025-01-01", "2025-12-31", "增值税", 1]
        if "tax" in url
        else ["3100012345", "", firm.uscc, "2025-01", 1]
    )
    page = client.post(url, {"file": upload(header, [row])})
    assert page.status_code == 200 and 'data-testid="import-ok"' in page.content.decode()
    other = Client()
    other.force_login(outsider)
    assert other.get(url).status_code == 403
