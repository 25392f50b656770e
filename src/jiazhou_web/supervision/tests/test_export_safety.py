"""Defect 1 (issue 11): a supervision title with an XML control character no longer makes the
export answer 500 for everyone; the character is dropped from the file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from jiazhou_web.core.tests.test_export_safety import export_workbook
from jiazhou_web.supervision import actions

pytestmark = pytest.mark.django_db


def test_supervision_export_with_a_control_character_in_a_title(
    client: Client, task_list: Any, department: Any, city_admin: Any
) -> None:
    actions.create_item(
        task_list,
        code="T001",
        title="高纯\x01晶硅=",
        lead_unit=department,
        start_date=dt.date(2025, 3, 3),
        deadline=dt.date(2025, 6, 30),
        actor=city_admin,
    )
    ws = export_workbook(client, city_admin, "/supervision/").worksheets[0]
    assert any(c.value == "高纯晶硅=" for row in ws.iter_rows(min_row=2) for c in row)
