"""Excel import: every row valid → all stored; any invalid row → nothing stored, errors per row."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from jiazhou.uscc import make_uscc
from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises.choices import EnterpriseEvent
from jiazhou_web.enterprises.imports import EnterpriseImporter
from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure

pytestmark = pytest.mark.django_db
URL = reverse("enterprises:enterprise_import")
HEADERS = [c.header for c in EnterpriseImporter.columns]


def good_row(n: int, year: int = 2024, **cells: Any) -> dict[str, Any]:
    row = {
        "统一社会信用代码": make_uscc(1000 + n),
        "企业名称": f"导入企业{n}有限公司",
        "注册成立日期": "2016-03-01",
        "所在区县（行政区划代码）": "511112",
        "位于高新区（是/否）": "否",
        "国民经济行业代码（GB/T 4754-2017）": "C3985",
        "高新技术领域": "新材料",
        "企业规模（微型/小型/中型/大型）": "小型",
        "会计年度": year,
        "营业收入（元）": 12_500_000,
        "研究开发费用（高企口径）（元）": "650000.50",
        "科技人员数（年平均）（人）": 18,
        "持有有效高新技术企业证书（是/否）": "是",
        "净利润（元）": -120000,
    }
    row.update(cells)
    return row


def workbook(rows: list[dict[str, Any]]) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    for row in rows:
        unknown = set(row) - set(HEADERS)
        assert not unknown, unknown
        ws.append([row.get(h) for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("企业数据.xlsx", buf.getvalue())


def upload(client: Client, user: Any, file: SimpleUploadedFile) -> Any:
    client.force_login(user)
    return client.post(URL, {"file": file})


def errors_of(response: Any) -> list[str]:
    return [m for ms in response.context["outcome"].errors.values() for m in ms]


def test_template_has_units_in_headers_and_a_guide_sheet(client: Client, city_admin: Any) -> None:
    client.force_login(city_admin)
    wb = load_workbook(io.BytesIO(client.get(URL, {"template": "1"}).content))
    assert wb.sheetnames == ["企业年度数据", "填写说明", "选项"]  # 选项: hidden drop-down lists
    header = [c.value for c in wb["企业年度数据"][1]]
    assert "营业收入（元）" in header and "科技人员数（年平均）（人）" in header
    guide = [r[0] for r in wb["填写说明"].iter_rows(min_row=2, values_only=True)]
    assert any(r and "金额单位为元" in str(r) for r in guide)


def test_a_valid_file_stores_every_row_and_updates_existing_firms(
    client: Client, city_admin: Any, make_enterprise: Any
) -> None:
    existing = make_enterprise(region="511112", name="旧名称有限公司")
    rows = [
        good_row(1, 2023),
        good_row(1, 2024, **{"营业收入（元）": 13_000_000}),
        good_row(2, 2024, **{"所在区县（行政区划代码）": "五通桥区", "位于高新区（是/否）": "是"}),
        good_row(3, 2024, **{"统一社会信用代码": existing.uscc, "企业名称": "新名称有限公司"}),
    ]
    response = upload(client, city_admin, workbook(rows))
    assert response.status_code == 200, response.context["outcome"]
    assert response.context["outcome"].stored == 4
    assert Enterprise.objects.count() == 3
    existing.refresh_from_db()
    assert existing.name == "新名称有限公司"
    firm = Enterprise.objects.get(uscc=make_uscc(1001))
    assert firm.industry.code == "C3985" and firm.tech_field == "new_materials"
    revenue = firm.figures.get(field="operating_revenue", fiscal_year=2024)
    assert revenue.value == Decimal("13000000") and revenue.source == "declaration"
    assert firm.figures.get(field="net_profit", fiscal_year=2024).value == Decimal("-120000")
    assert firm.figures.get(field="hnte_certified", fiscal_year=2024).value == 1
    assert Enterprise.objects.get(uscc=make_uscc(1002)).zone is not None
    imported = AuditLog.objects.filter(event_type=EnterpriseEvent.IMPORTED)
    assert imported.count() == 3  # one row per enterprise, not per figure or per row


def test_one_bad_uscc_stores_nothing_and_returns_the_annotated_file(
    client: Client, city_admin: Any
) -> None:
    bad = make_uscc(1002)
    bad = bad[:-1] + ("1" if bad[-1] != "1" else "2")
    rows = [good_row(1), good_row(2, 2024, **{"统一社会信用代码": bad}), good_row(3)]
    response = upload(client, city_admin, workbook(rows))
    assert response.status_code == 422
    outcome = response.context["outcome"]
    assert (outcome.failed_rows, outcome.total_rows) == (1, 3)
    assert "共 3 行，其中 1 行有错误，未写入任何数据" in response.content.decode()
    assert not Enterprise.objects.exists() and not EnterpriseFigure.objects.exists()
    errors = client.get(reverse("core:import_errors", args=[response.context["error_token"]]))
    ws = load_workbook(io.BytesIO(errors.getvalue())).active
    assert ws is not None
    notes = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert notes[0] is None and notes[2] is None
    assert "第3行「统一社会信用代码」" in notes[1] and "校验码" in notes[1]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            {"所在区县（行政区划代码）": "511199"},
            "第2行：「所在区县（行政区划代码）」：未知的区县代码",
        ),
        ({"国民经济行业代码（GB/T 4754-2017）": "C9999"}, "「国民经济行业代码」：未知或不够细"),
        ({"营业收入（元）": -5}, "第2行「营业收入（元）」：不能为负数"),
        ({"科技人员数（年平均）（人）": "十八"}, "第2行「科技人员数（年平均）（人）」：应为整数"),
        (
            {"研究开发费用（高企口径）（元）": "约65万"},
            "「研究开发费用（高企口径）（元）」：应为数字",
        ),
        ({"持有有效高新技术企业证书（是/否）": "也许"}, "应填「是」或「否」"),
        ({"会计年度": None}, "第2行「会计年度」：必填"),
        ({"统一社会信用代码": "12345"}, "应为18位"),
    ],
)
def test_bad_cells_are_named_by_row_and_field(
    client: Client, city_admin: Any, cells: dict[str, Any], expected: str
) -> None:
    response = upload(client, city_admin, workbook([good_row(1, **cells), good_row(2)]))
    assert response.status_code == 422
    assert any(expected in m for m in errors_of(response)), errors_of(response)
    assert not Enterprise.objects.exists()


def test_the_same_firm_and_year_twice_is_a_duplicate(client: Client, city_admin: Any) -> None:
    response = upload(client, city_admin, workbook([good_row(1), good_row(2), good_row(1)]))
    assert response.status_code == 422
    (message,) = errors_of(response)
    assert message.startswith("第4行「统一社会信用代码」「会计年度」：与第2行重复")
    assert not Enterprise.objects.exists()


def test_rows_of_one_firm_must_agree_on_identity(client: Client, city_admin: Any) -> None:
    rows = [good_row(1, 2023), good_row(1, 2024, **{"企业名称": "另一个名称有限公司"})]
    response = upload(client, city_admin, workbook(rows))
    assert any("身份信息" in m for m in errors_of(response))


def test_a_file_that_is_not_a_spreadsheet_is_refused(client: Client, city_admin: Any) -> None:
    fake = SimpleUploadedFile("企业数据.xlsx", b"%PDF-1.4 this is not a workbook")
    response = upload(client, city_admin, fake)
    assert response.status_code == 422
    assert "不是有效的 Excel 工作簿" in response.context["outcome"].rejected


def test_a_50_mb_upload_is_refused_with_a_message_not_a_server_error(
    client: Client, city_admin: Any
) -> None:
    huge = SimpleUploadedFile("大文件.xlsx", b"\0" * (50 * 1024 * 1024))
    response = upload(client, city_admin, huge)
    assert response.status_code == 422
    assert "文件过大" in response.context["outcome"].rejected
    assert not Enterprise.objects.exists()


def test_county_officer_cannot_import_firms_of_another_county(
    client: Client, county_officer: Any
) -> None:
    rows = [good_row(1), good_row(2, 2024, **{"所在区县（行政区划代码）": "511102"})]
    response = upload(client, county_officer, workbook(rows))
    assert response.status_code == 422
    assert any("第3行" in m and "不在您的数据范围内" in m for m in errors_of(response))
    assert not Enterprise.objects.exists()


def test_enterprise_users_and_outsiders_may_not_import(
    client: Client, enterprise_user: Any, outsider: Any
) -> None:
    for user in (enterprise_user, outsider):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_a_firm_in_3071_building_ceramics_is_accepted(client: Client, city_admin: Any) -> None:
    """Issue 14: the import used to reject 3071 建筑陶瓷制品制造 (only 202 codes were loaded);
    the bare four digits and the lettered code are both accepted."""
    rows = [
        good_row(1, 2024, **{"国民经济行业代码（GB/T 4754-2017）": "3071"}),
        good_row(2, 2024, **{"国民经济行业代码（GB/T 4754-2017）": "C3071"}),
    ]
    response = upload(client, city_admin, workbook(rows))
    assert response.context["outcome"].stored == 2, errors_of(response)
    codes = set(Enterprise.objects.values_list("industry__code", flat=True))
    assert codes == {"C3071"}


def test_firms_in_services_classes_are_accepted_with_their_chinese_name(
    client: Client, city_admin: Any
) -> None:
    """Issue 14: 5261 汽车新车零售 and 7212 投资与资产管理 (GB/T 4754-2017, 门类 F and L) were
    rejected while only some 中类/小类 outside 制造业, D, I and M were on file."""
    rows = [
        good_row(1, 2024, **{"国民经济行业代码（GB/T 4754-2017）": "5261"}),
        good_row(2, 2024, **{"国民经济行业代码（GB/T 4754-2017）": "L7212"}),
    ]
    response = upload(client, city_admin, workbook(rows))
    assert response.context["outcome"].stored == 2, errors_of(response)
    firms = {str(f.industry): f for f in Enterprise.objects.select_related("industry")}
    assert set(firms) == {"F5261 汽车新车零售", "L7212 投资与资产管理"}
    page = client.get(
        reverse("enterprises:enterprise_detail", args=[firms["F5261 汽车新车零售"].pk])
    )
    assert "F5261 汽车新车零售" in page.content.decode()
    assert "F526 汽车、摩托车、零配件和燃料及其他动力销售" in page.content.decode()
