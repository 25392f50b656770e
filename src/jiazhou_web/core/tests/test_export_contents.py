"""Issue 11: making list exports faster must not change the file. The enterprise register and
the audit log are exported with awkward values — text that reads as a formula, an illegal XML
control character, money in 万元, dates and times (Asia/Shanghai), Chinese labels of codes and
certificates — and every cell read back with openpyxl (value, cell type, quote prefix, number
format) is compared with the literal expected sheet. Written against the exporter before it
was sped up; it holds after."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def read_back(content: bytes) -> list[list[tuple[Any, ...]]]:
    """Every non-empty cell as (value, data type, quote prefix, number format)."""
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [
        [
            (c.value, c.data_type, bool(c.quotePrefix), c.number_format)
            for c in row
            if c.value is not None
        ]
        for row in sheet.iter_rows()
    ]


def text(value: str, quoted: bool = False) -> tuple[Any, ...]:
    return (value, "s", quoted, "General")


def number(value: float) -> tuple[Any, ...]:
    return (value, "n", False, "General")


def date(value: dt.date) -> tuple[Any, ...]:
    return (dt.datetime.combine(value, dt.time()), "d", False, "yyyy-mm-dd")


def test_the_enterprise_register_export_is_cell_for_cell_the_expected_sheet(
    client: Client, city_admin: Any, make_enterprise: Any, regions: dict[str, Any]
) -> None:
    from jiazhou_web.enterprises.models import Certificate, EnterpriseFigure
    from jiazhou_web.enterprises.tables import EnterpriseTable

    plain = make_enterprise(region="511112", name="乐山钒钛新材料有限公司")
    hostile = make_enterprise(region="511102", zone=True, name='=HYPERLINK("x","y")')
    odd = make_enterprise(region="511102", name="-5\x01企业\t甲")
    at = make_enterprise(region="511112", name="@SUM(A1)")
    hostile.tech_field = "new_materials"
    hostile.size_class = "medium"
    hostile.registration_date = dt.date(2019, 12, 31)
    hostile.save()
    for firm, year, code, value in [
        (plain, 2023, "operating_revenue", Decimal("999")),
        (plain, 2024, "operating_revenue", Decimal("123456789.5")),  # latest year wins
        (plain, 2024, "rd_expense_hnte", Decimal("-15000")),
        (plain, 2024, "tech_staff", Decimal("12")),
        (plain, 2024, "employees_total", Decimal("80")),
        (hostile, 2022, "operating_revenue", Decimal("50000")),
    ]:
        EnterpriseFigure.objects.create(
            enterprise=firm,
            fiscal_year=year,
            field=code,
            value=value,
            source="declaration",
            as_of=dt.date(year + 1, 3, 31),
        )
    for programme, number_ in [("tech_sme", "KX-1"), ("hnte", "GR-1")]:
        Certificate.objects.create(
            enterprise=plain, programme=programme, number=number_, valid_from=dt.date(2020, 1, 1)
        )
    Certificate.objects.create(  # expired: not current
        enterprise=hostile,
        programme="hnte",
        number="GR-2",
        valid_from=dt.date(2015, 1, 1),
        valid_to=dt.date(2018, 1, 1),
    )
    client.force_login(city_admin)
    columns = [c.name for c in EnterpriseTable.columns]
    response = client.get("/enterprises/", {"export": "xlsx", "columns": columns})
    assert response.status_code == 200
    rows = read_back(b"".join(response) if response.streaming else response.content)

    region = {code: regions[code].name for code in ("511102", "511112")}
    zone = regions["LS-HTZ"].name
    industry = "C39 计算机、通信和其他电子设备制造业"
    assert rows == [
        [
            text(h)
            for h in (
                "企业名称",
                "统一社会信用代码",
                "区县",
                "功能区",
                "行业",
                "技术领域",
                "企业规模",
                "注册成立日期",
                "最近年度",
                "营业收入（万元）",
                "研发费用（万元）",
                "科技人员（人）",
                "职工总数（人）",
                "现有资质",
                "数据性质",
            )
        ],
        [  # \x01 removed, then neutralised; a code without a label ("") stays an empty cell
            text("-5企业\t甲", quoted=True),
            text(odd.uscc),
            text(region["511102"]),
            text(industry),
            text(""),
            text("小型"),
            date(dt.date(2015, 1, 1)),
            text(""),
            text("真实"),
        ],
        [
            text('=HYPERLINK("x","y")', quoted=True),
            text(hostile.uscc),
            text(region["511102"]),
            text(zone),
            text(industry),
            text("新材料"),
            text("中型"),
            date(dt.date(2019, 12, 31)),
            number(2022),
            number(5),
            text(""),
            text("真实"),
        ],
        [
            text("@SUM(A1)", quoted=True),
            text(at.uscc),
            text(region["511112"]),
            text(industry),
            text(""),
            text("小型"),
            date(dt.date(2015, 1, 1)),
            text(""),
            text("真实"),
        ],
        [
            text("乐山钒钛新材料有限公司"),
            text(plain.uscc),
            text(region["511112"]),
            text(industry),
            text(""),
            text("小型"),
            date(dt.date(2015, 1, 1)),
            number(2024),
            number(12345.68),
            number(-1.5),
            number(12),
            number(80),
            text("高新技术企业、科技型中小企业"),
            text("真实"),
        ],
        [],
        [text("模拟数据")],
    ]


def test_the_audit_log_export_is_cell_for_cell_the_expected_sheet(
    client: Client, city_admin: Any
) -> None:
    from jiazhou_web.core.models import AuditLog

    client.force_login(city_admin)
    AuditLog.objects.all().delete()  # the login's own row
    AuditLog.objects.create(
        event_time=dt.datetime(2026, 12, 31, 17, 30, 5, tzinfo=dt.UTC),  # 01:30 next day in 乐山
        actor=city_admin,
        actor_name="+张三",
        event_type="user.role_assigned",
        object_repr="=1+1\x02",
        before={"status": "draft"},
        after={"status": "submitted", "comment": "@备注"},
    )
    AuditLog.objects.create(
        event_time=dt.datetime(2026, 6, 1, 0, 0, 0, tzinfo=dt.UTC),
        actor=None,
        actor_name="系统",
        event_type="user.role_assigned",
        object_repr="\t对象",
    )
    response = client.get("/audit/", {"export": "xlsx"})
    assert response.status_code == 200
    rows = read_back(b"".join(response) if response.streaming else response.content)
    assert rows == [
        [text(h) for h in ("时间", "操作人", "事件", "对象", "变更")],
        [
            text("2027-01-01 01:30:05"),
            text("+张三", quoted=True),
            text("分配角色"),
            text("=1+1", quoted=True),
            text("状态：draft → submitted；意见：— → @备注"),
        ],
        [
            text("2026-06-01 08:00:00"),
            text("系统"),
            text("分配角色"),
            text("\t对象", quoted=True),
            text(""),
        ],
    ]
