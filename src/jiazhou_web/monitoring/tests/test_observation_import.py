"""Excel import into a batch: an error rejects the file, warnings come back and need 说明."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from jiazhou_web.core.seeding import DEMO_PASSWORD
from jiazhou_web.monitoring import actions
from jiazhou_web.monitoring.models import Observation

pytestmark = pytest.mark.django_db

HEADER = ["指标代码", "数值", "单位", "限定", "同比增长%", "说明"]


def workbook(rows: list[list[Any]]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "values.xlsx"
    return buffer


@pytest.fixture
def batch(report: Any, regions: dict[str, Any], county_officer: Any) -> Any:
    report("511112", "2024", "10")
    return actions.open_submission(regions["511112"], "2025", actor=county_officer)


def _post(user: Any, batch: Any, rows: list[list[Any]]) -> Any:
    client = Client()
    client.login(username=user.username, password=DEMO_PASSWORD)
    url = reverse("monitoring:report_import", args=[batch.pk])
    return client.post(url, {"file": workbook(rows)})


def test_one_warning_and_one_error_come_back_and_nothing_is_stored(
    batch: Any, county_officer: Any
) -> None:
    response = _post(
        county_officer,
        batch,
        [
            ["hitech_enterprises", 20, "家", None, None, None],
            ["tech_smes", 12, "个", None, None, None],
        ],
    )
    assert response.status_code == 422
    errors = [m for ms in response.context["outcome"].errors.values() for m in ms]
    assert len(errors) == 1 and "第3行" in errors[0] and "单位" in errors[0]
    warnings = response.context["importer"].warnings
    assert list(warnings) == [2] and "+100.0%" in warnings[2][0]
    assert not Observation.objects.filter(submission=batch).exists()


def test_warnings_alone_do_not_block_the_import(batch: Any, county_officer: Any) -> None:
    response = _post(county_officer, batch, [["hitech_enterprises", 20, "家", None, None, None]])
    assert response.status_code == 200
    observation = Observation.objects.get(submission=batch)
    assert observation.needs_explanation
    assert "须填写说明" in response.content.decode()


def test_an_explanation_in_the_file_satisfies_the_warning(batch: Any, county_officer: Any) -> None:
    _post(county_officer, batch, [["hitech_enterprises", 20, "家", None, None, "新认定10家"]])
    observation = Observation.objects.get(submission=batch)
    assert observation.warnings and not observation.needs_explanation
    actions.submit_submission(batch, actor=county_officer)


def test_an_officer_of_another_region_may_not_import(batch: Any, zone_officer: Any) -> None:
    assert (
        _post(zone_officer, batch, [["hitech_enterprises", 20, "家", None, None, None]]).status_code
        == 404
    )


def test_indicators_by_chinese_name_and_a_template_listing_the_batchs_own(
    batch: Any, county_officer: Any
) -> None:
    """Issue 14: the template's indicator column is a drop-down of the batch's indicators by
    name; a name is accepted like the code."""
    from openpyxl import load_workbook

    client = Client()
    client.force_login(county_officer)
    url = reverse("monitoring:report_import", args=[batch.pk])
    wb = load_workbook(io.BytesIO(client.get(url, {"template": "1"}).content))
    names = {row[0] for row in wb["选项"].iter_rows(values_only=True) if row[0]}
    assert "高新技术企业数(有效数)" in names and "园区营业收入" not in names  # a zone indicator
    response = _post(
        county_officer, batch, [["高新技术企业数(有效数)", 11, "家", None, None, None]]
    )
    assert response.status_code in (200, 302), response.content.decode()[:500]
    assert Observation.objects.get(submission=batch).indicator.code == "hitech_enterprises"


def test_a_department_batch_refuses_a_row_of_another_units_indicator(
    dept_officer: Any, department: Any, regions: dict[str, Any]
) -> None:
    from jiazhou_web.monitoring.models import Indicator

    owned = Indicator.objects.get(code="digital_factories")
    actions.set_indicator_department(owned, department, demo=False, actor=None)
    batch = actions.open_submission(
        regions["511100"], "2025", department=department, actor=dept_officer
    )
    response = _post(
        dept_officer,
        batch,
        [
            ["数字工厂数", 8, "家", None, None, None],
            ["hitech_enterprises", 5, "家", None, None, None],
        ],
    )
    assert response.status_code == 422
    assert "不是乐山市经济和信息化局负责的指标" in response.content.decode()
    assert not Observation.objects.filter(submission=batch).exists()
