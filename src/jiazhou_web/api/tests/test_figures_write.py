"""POST /api/v1/enterprise-figures: annual figures through the Excel import's validation and
action — all rows or none, each row's errors in the import's words, audited with the token."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jiazhou_web.api.tests.conftest import ApiClient, issue
from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises.choices import EnterpriseEvent
from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure

pytestmark = pytest.mark.django_db
URL = "/api/v1/enterprise-figures"


@pytest.fixture
def county(county_officer: Any) -> ApiClient:
    return ApiClient(issue(county_officer, name="五通桥数据交换").secret)


def figures_of(firm: Any, year: int) -> dict[str, Decimal | None]:
    return dict(
        EnterpriseFigure.objects.filter(enterprise=firm, fiscal_year=year).values_list(
            "field", "value"
        )
    )


def test_figures_of_firms_on_file_are_stored_and_audited_with_the_token(
    county: ApiClient, make_enterprise: Any
) -> None:
    firm = make_enterprise(region="511112")
    body = {
        "rows": [
            {
                "uscc": firm.uscc,
                "fiscal_year": 2024,
                "source": "税务数据",
                "figures": {"operating_revenue": "3000万", "net_profit": -120000.5},
            }
        ]
    }
    response = county.post(URL, body)
    assert response.status_code == 200, response.json()
    assert response.json() == {"rows": 1, "stored": 1}
    assert figures_of(firm, 2024) == {
        "operating_revenue": Decimal("30000000"),
        "net_profit": Decimal("-120000.5"),
    }
    assert EnterpriseFigure.objects.filter(enterprise=firm).get(field="net_profit").source == "tax"
    row = AuditLog.objects.get(event_type=EnterpriseEvent.IMPORTED)
    assert row.actor is not None and row.actor.username == "county_officer"
    assert row.extra["note"].startswith("开放接口 · 令牌「五通桥数据交换」（jz_")
    assert row.extra["via"] == row.extra["note"]  # as every write through the API
    firm.refresh_from_db()
    assert firm.region.code == "511112" and firm.name.startswith("测试企业")


def test_one_bad_row_stores_nothing_and_each_error_is_worded_as_the_import(
    county: ApiClient, make_enterprise: Any
) -> None:
    good, other = make_enterprise(region="511112"), make_enterprise(region="511112")
    body = {
        "rows": [
            {"uscc": good.uscc, "fiscal_year": 2024, "figures": {"operating_revenue": 5_000_000}},
            {"uscc": other.uscc, "fiscal_year": 2024, "figures": {"operating_revenue": "很多"}},
            {"uscc": "12345", "fiscal_year": 2024, "figures": {}},
        ]
    }
    response = county.post(URL, body)
    assert response.status_code == 422
    answer = response.json()
    assert answer["detail"].startswith("共 3 行，其中 2 行有错误，未写入任何数据")
    by_row = {e["row"]: e["messages"] for e in answer["errors"]}
    assert set(by_row) == {2, 3}
    assert any(m.startswith("第2行「营业收入（元）」：") for m in by_row[2]), by_row
    assert any("第3行「统一社会信用代码」" in m and "应为18位" in m for m in by_row[3]), by_row
    assert not EnterpriseFigure.objects.exists()


def test_a_firm_outside_the_tokens_scope_is_refused_by_row(
    county: ApiClient, make_enterprise: Any
) -> None:
    outside = make_enterprise(region="511102")
    body = {
        "rows": [
            {"uscc": outside.uscc, "fiscal_year": 2024, "figures": {"operating_revenue": 1}},
        ]
    }
    response = county.post(URL, body)
    assert response.status_code == 422
    # identity is not filled from a record the token cannot see: nothing about it is revealed
    assert "第1行「企业名称」：必填" in response.json()["errors"][0]["messages"][0]
    body["rows"][0].update(
        name=outside.name, region_code="511102", industry_code=outside.industry.code
    )
    messages = county.post(URL, body).json()["errors"][0]["messages"]
    assert any("不在您的数据范围内" in m for m in messages), messages
    assert not EnterpriseFigure.objects.exists()


def test_a_new_firm_needs_its_identity_as_in_the_workbook(county: ApiClient, industry: Any) -> None:
    from jiazhou.uscc import make_uscc

    row = {
        "uscc": make_uscc(77),
        "fiscal_year": "2024年",
        "name": "新登记科技有限公司",
        "region_code": "511112",
        "industry_code": industry.code,
        "in_zone": False,
        "figures": {"operating_revenue": "1.2亿", "employees_total": 30},
    }
    assert county.post(URL, {"rows": [row]}).status_code == 200
    firm = Enterprise.objects.get(uscc=row["uscc"])
    assert figures_of(firm, 2024)["operating_revenue"] == Decimal("120000000")


def test_unknown_fields_and_roles_without_import_are_refused(
    world: Any, api_clients: dict[str, ApiClient]
) -> None:
    firm = world.objects["firm"]
    body = {"rows": [{"uscc": firm.uscc, "fiscal_year": 2024, "figures": {"revenue_x": 1}}]}
    response = api_clients["county_officer"].post(URL, body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["messages"][0].startswith("第1行「figures.revenue_x」")
    for persona in ("enterprise_user", "dept_officer", "reviewer"):
        refused = api_clients[persona].post(URL, body)
        assert refused.status_code == 403, persona
        assert refused.json()["detail"].startswith("无权执行此操作")
    body["rows"][0]["figures"] = {"operating_revenue": 1}
    assert api_clients["county_officer"].post(URL, body).status_code == 200
    assert api_clients["zone_officer"].post(URL, body).status_code == 422  # not the zone's firm


def test_the_same_idempotency_key_and_body_replays_and_another_body_conflicts(
    county: ApiClient, make_enterprise: Any
) -> None:
    firm = make_enterprise(region="511112")
    body = {
        "rows": [{"uscc": firm.uscc, "fiscal_year": 2024, "figures": {"operating_revenue": 10}}]
    }
    first = county.post(URL, body, HTTP_IDEMPOTENCY_KEY="batch-2024-001")
    reordered = {
        "rows": [{"figures": {"operating_revenue": 10}, "fiscal_year": 2024, "uscc": firm.uscc}]
    }
    again = county.post(URL, reordered, HTTP_IDEMPOTENCY_KEY="batch-2024-001")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert AuditLog.objects.filter(event_type=EnterpriseEvent.IMPORTED).count() == 1
    body["rows"][0]["figures"]["operating_revenue"] = 11
    conflict = county.post(URL, body, HTTP_IDEMPOTENCY_KEY="batch-2024-001")
    assert conflict.status_code == 409
    assert conflict.json()["detail"].startswith("「Idempotency-Key」：该键已用于另一个请求体")
    assert figures_of(firm, 2024)["operating_revenue"] == Decimal(10)
    fresh = county.post(URL, body, HTTP_IDEMPOTENCY_KEY="batch-2024-002")
    assert fresh.status_code == 200
    assert figures_of(firm, 2024)["operating_revenue"] == Decimal(11)


def test_a_refused_write_is_replayed_too_and_keys_belong_to_one_token(
    county: ApiClient, county_officer: Any, make_enterprise: Any
) -> None:
    firm = make_enterprise(region="511112")
    body = {
        "rows": [{"uscc": firm.uscc, "fiscal_year": 2024, "figures": {"operating_revenue": "x"}}]
    }
    first = county.post(URL, body, HTTP_IDEMPOTENCY_KEY="k1")
    assert first.status_code == 422
    assert county.post(URL, body, HTTP_IDEMPOTENCY_KEY="k1").json() == first.json()
    other = ApiClient(issue(county_officer, name="第二个").secret)
    good = {"rows": [{"uscc": firm.uscc, "fiscal_year": 2024, "figures": {"operating_revenue": 1}}]}
    assert other.post(URL, good, HTTP_IDEMPOTENCY_KEY="k1").status_code == 200


def test_pruning_drops_old_answers_and_ended_windows_only(
    county: ApiClient, make_enterprise: Any, capsys: Any
) -> None:
    import datetime as dt

    import time_machine
    from django.core.management import call_command

    from jiazhou_web.api.models import IdempotentRequest, RateWindow

    firm = make_enterprise(region="511112")
    body = {"rows": [{"uscc": firm.uscc, "fiscal_year": 2024, "figures": {"operating_revenue": 1}}]}
    start = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        county.post(URL, body, HTTP_IDEMPOTENCY_KEY="old")
    with time_machine.travel(start + dt.timedelta(days=7, seconds=-1), tick=False):
        county.post(URL, body, HTTP_IDEMPOTENCY_KEY="recent")
        call_command("prune_api_records")
        assert RateWindow.objects.count() == 1  # the window now running (09:59:00–10:00:00 UTC)
    assert set(IdempotentRequest.objects.values_list("key", flat=True)) == {"old", "recent"}
    with time_machine.travel(start + dt.timedelta(days=7, seconds=1), tick=False):
        call_command("prune_api_records")
    assert set(IdempotentRequest.objects.values_list("key", flat=True)) == {"recent"}
    assert RateWindow.objects.count() == 0  # that window has ended
    assert capsys.readouterr().out.splitlines() == [
        "已清理幂等记录 0 条、限流时间窗 0 个",
        "已清理幂等记录 1 条、限流时间窗 1 个",
    ]
