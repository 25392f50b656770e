"""The bulk feeds (POST /api/v1/feeds/…): the Excel imports' all-or-nothing validation with
row, field and rule in each message (Chinese first, then English), idempotent replay, one
audit trail naming the token, and only the roles whose pages may do the same."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from jiazhou_web.api.tests.conftest import ApiClient, issue
from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure

pytestmark = pytest.mark.django_db
TAX = "/api/v1/feeds/tax-rd-deductions"
REG = "/api/v1/feeds/enterprise-registrations"
OBS = "/api/v1/feeds/observation-reports"
ZH_THEN_EN = re.compile(r"^第\d+行.*[\u4e00-\u9fff].* / .*[A-Za-z]")


@pytest.fixture
def county(county_officer: Any) -> ApiClient:
    return ApiClient(issue(county_officer, name="五通桥税务交换").secret)


def _rd(firm: Any, year: int) -> Decimal | None:
    row = EnterpriseFigure.objects.filter(
        enterprise=firm, fiscal_year=year, field="rd_expense_deduction_basis"
    ).first()
    return None if row is None else row.value


def _via(rows: Any) -> set[str]:
    return {r.extra.get("via", "") for r in rows}


# -- 税务 R&D 加计扣除 -----------------------------------------------------------------------------


def test_tax_rows_set_the_rd_figure_and_every_audit_row_names_the_token(
    county: ApiClient, make_enterprise: Any
) -> None:
    a, b = make_enterprise(region="511112"), make_enterprise(region="511112")
    body = {
        "rows": [
            {"uscc": a.uscc, "fiscal_year": 2024, "rd_expense": "350万"},
            {"uscc": b.uscc, "fiscal_year": "2025", "rd_expense": 1200000},
        ]
    }
    response = county.post(TAX, body)
    assert response.status_code == 200, response.json()
    assert response.json() == {"rows": 2, "stored": 2}
    assert _rd(a, 2024) == Decimal("3500000") and _rd(b, 2025) == Decimal("1200000")
    rows = AuditLog.objects.filter(event_type="enterprise.imported")
    assert rows.count() == 2
    assert all(r.actor is not None and r.actor.username == "county_officer" for r in rows)
    (via,) = _via(rows)
    assert via.startswith("开放接口 · 令牌「五通桥税务交换」（jz_")


def test_one_bad_tax_row_stores_nothing_and_names_row_field_and_rule(
    county: ApiClient, make_enterprise: Any
) -> None:
    good, zone_firm = make_enterprise(region="511112"), make_enterprise(zone=True)
    body = {
        "rows": [
            {"uscc": good.uscc, "fiscal_year": 2024, "rd_expense": 500000},
            {"uscc": good.uscc, "fiscal_year": 2023, "rd_expense": "很多"},
            {"uscc": zone_firm.uscc, "fiscal_year": 2024, "rd_expense": 1},
            {
                "uscc": good.uscc,
                "fiscal_year": timezone.localdate().year,
                "rd_expense": 1,
            },  # not over
        ]
    }
    response = county.post(TAX, body)
    assert response.status_code == 422
    answer = response.json()
    assert answer["detail"].startswith("共 4 行，其中 3 行有错误，未写入任何数据 / ")
    by_row = {e["row"]: e["messages"] for e in answer["errors"]}
    assert set(by_row) == {2, 3, 4}
    assert by_row[2][0].startswith("第2行「允许加计扣除的研发费用（元）」："), by_row
    assert "不在您的数据范围内" in by_row[3][0] and "outside your data scope" in by_row[3][0]
    assert "「所属年度」" in by_row[4][0] and "has not ended" in by_row[4][0]
    assert all(ZH_THEN_EN.match(m) for ms in by_row.values() for m in ms), by_row
    assert _rd(good, 2024) is None
    assert not AuditLog.objects.filter(event_type="enterprise.imported").exists()


def test_a_replayed_key_writes_once_and_another_body_is_409(
    county: ApiClient, make_enterprise: Any
) -> None:
    firm = make_enterprise(region="511112")
    body = {"rows": [{"uscc": firm.uscc, "fiscal_year": 2024, "rd_expense": 10}]}
    key = {"HTTP_IDEMPOTENCY_KEY": "rd-2024-001"}
    first = county.post(TAX, body, **key)
    again = county.post(TAX, body, **key)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert AuditLog.objects.filter(event_type="enterprise.imported").count() == 1
    other = {"rows": [{"uscc": firm.uscc, "fiscal_year": 2024, "rd_expense": 11}]}
    conflict = county.post(TAX, other, **key)
    assert conflict.status_code == 409
    assert conflict.json()["detail"].startswith("「Idempotency-Key」：")
    assert _rd(firm, 2024) == Decimal(10)


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("enterprise_user", TAX, 403),
        ("reviewer", TAX, 403),
        ("dept_officer", TAX, 403),
        ("enterprise_user", REG, 403),
        ("reviewer", REG, 403),
        ("city_admin", OBS, 403),  # the city reviews; it does not report
        ("enterprise_user", OBS, 403),
        ("reviewer", OBS, 403),
    ],
)
def test_only_the_roles_whose_pages_may_write_may_feed(
    world: Any, persona: str, url: str, status: int
) -> None:
    client = ApiClient(issue(world.users[persona]).secret)
    body = {"rows": [{"uscc": "x", "name": "x", "region_code": "x", "industry_code": "x",
                      "fiscal_year": 2024, "rd_expense": 1}],
            "period": "2024"}  # fmt: skip
    if url == OBS:
        body["rows"] = [{"indicator": "hitech_enterprises", "value": 1}]
    response = client.post(url, body)
    assert response.status_code == status, response.json()
    assert not AuditLog.objects.filter(extra__has_key="via").exists()


# -- 市场监管 registrations ------------------------------------------------------------------------


def _registration(n: int, **extra: Any) -> dict[str, Any]:
    from jiazhou.uscc import make_uscc

    return {
        "uscc": make_uscc(900 + n),
        "name": f"五通桥新登记企业{n}有限公司",
        "registration_date": "2026-03-01",
        "region_code": "511112",
        "industry_code": "C3985",
        **extra,
    }


def test_registrations_create_firms_in_scope_and_refuse_the_whole_batch_on_one_bad_row(
    county: ApiClient, industry: Any
) -> None:
    bad = county.post(REG, {"rows": [_registration(1), _registration(2, region_code="511102")]})
    assert bad.status_code == 422
    (error,) = bad.json()["errors"]
    assert error["row"] == 2 and error["messages"][0].startswith("第2行：「所在区县」：")
    assert "outside your data scope" in error["messages"][0]
    assert not Enterprise.objects.filter(name__startswith="五通桥新登记企业").exists()
    ok = county.post(REG, {"rows": [_registration(1), _registration(2, size_class="小型")]})
    assert ok.status_code == 200, ok.json()
    firms = Enterprise.objects.filter(name__startswith="五通桥新登记企业").order_by("name")
    assert [f.region.code for f in firms] == ["511112", "511112"]
    assert firms[1].size_class == "small"
    assert AuditLog.objects.filter(extra__has_key="via").count() == 2  # one per firm
    assert all(
        r.extra["via"].startswith("开放接口 · 令牌「五通桥税务交换」")
        for r in AuditLog.objects.filter(extra__has_key="via")
    )


# -- indicator values: a batch submitted to the city's review ---------------------------------


def test_observation_reports_fill_a_batch_and_submit_it_for_review_never_approve(
    world: Any,
) -> None:
    from jiazhou_web.monitoring.models import Observation, Submission

    client = ApiClient(issue(world.users["county_officer"], name="统计直报").secret)
    body = {
        "period": "2024",
        "rows": [{"indicator": "hitech_enterprises", "value": 15, "explanation": "核实"}],
    }
    response = client.post(OBS, body, HTTP_IDEMPOTENCY_KEY="obs-2024")
    assert response.status_code == 200, response.json()
    answer = response.json()
    assert answer["status"] == "submitted" and answer["stored"] == 1
    batch = Submission.objects.get(pk=answer["submission_id"])
    assert batch.region.code == "511112" and batch.status == "submitted"
    assert not Observation.objects.approved().filter(submission=batch).exists()
    assert client.post(OBS, body, HTTP_IDEMPOTENCY_KEY="obs-2024").json() == answer
    rows = AuditLog.objects.filter(extra__has_key="via")
    assert sorted(rows.values_list("event_type", flat=True)) == [
        "observation.imported",
        "submission.created",
        "submission.submitted",
    ]  # once: the replay wrote nothing
    assert all("「统计直报」" in r.extra["via"] for r in rows)
    again = client.post(OBS, {**body, "rows": [{"indicator": "hitech_enterprises", "value": 1}]})
    assert again.status_code == 422  # the batch is with the city now: not editable
    assert "no longer editable" in again.json()["detail"]


def test_one_bad_observation_row_leaves_not_even_a_batch(world: Any) -> None:
    from jiazhou_web.monitoring.models import Submission

    client = ApiClient(issue(world.users["county_officer"]).secret)
    before = Submission.objects.count()
    body = {
        "period": "2023",
        "rows": [
            {"indicator": "hitech_enterprises", "value": 15},
            {"indicator": "no_such_indicator", "value": 1},
        ],
    }
    response = client.post(OBS, body)
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["row"] == 2 and error["messages"][0].startswith("第2行：「指标代码」")
    assert ZH_THEN_EN.match(error["messages"][0])
    assert Submission.objects.count() == before
    assert not AuditLog.objects.filter(extra__has_key="via").exists()


def test_an_unexplained_warning_blocks_the_submission_and_keeps_nothing(world: Any) -> None:
    from jiazhou_web.monitoring.models import Submission

    client = ApiClient(issue(world.users["county_officer"]).secret)
    before = Submission.objects.count()
    row = {"indicator": "hitech_enterprises", "value": 15, "yoy_growth_pct": 80}
    refused = client.post(OBS, {"period": "2024", "rows": [row]})
    assert refused.status_code == 422
    answer = refused.json()
    assert "未写入任何数据 / nothing was stored" in answer["detail"]
    (error,) = answer["errors"]
    assert error["row"] == 1 and "「同比增长%」" in error["messages"][0]
    assert "（须填写说明）" in error["messages"][0] and "beyond ±30%" in error["messages"][0]
    assert Submission.objects.count() == before
    explained = client.post(OBS, {"period": "2024", "rows": [{**row, "explanation": "新认定"}]})
    assert explained.status_code == 200, explained.json()
    assert explained.json()["warnings"] and "（已说明）" in explained.json()["warnings"][0]


def test_feed_calls_count_against_the_tokens_rate_limit(county: ApiClient) -> None:
    from django.test import override_settings

    body = {"rows": [{"uscc": "x", "fiscal_year": 2024, "rd_expense": 1}]}
    with override_settings(API_RATE_LIMIT=1):
        assert county.post(TAX, body).status_code == 422
        limited = county.post(TAX, body)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
