"""录入国务院节假日安排: the city admin pastes the notice, sees the changes, confirms."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jiazhou.worktime import packaged_holiday_records
from jiazhou_web.core.models import AuditLog
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.models import Holiday
from jiazhou_web.supervision.tests.conftest import at
from jiazhou_web.supervision.working_calendar import current_calendar

pytestmark = pytest.mark.django_db

URL = "/supervision/holidays/official/"

# An invented 2027 notice for the test (the real one differs): 春节 two days longer than the
# proposal, and only one make-up Saturday.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至14日（农历正月初九、周日）放假调休，共10天。2月20日（周六）上班。
"""


def test_paste_preview_confirm_replaces_the_provisional_year(
    make_item: Any, city_admin: Any
) -> None:
    item = make_item("in_progress", start="2026-11-02", deadline="2027-03-31")
    notice = actions.issue_notice(
        item, kind="yellow", reason="落后", at=at("2027-02-04"), actor=city_admin
    )
    # Provisional 春节 2027: 02-05..02-12 off, Saturday 02-13 worked → 02-13, 02-15, 02-16.
    assert notice.respond_by == dt.date(2027, 2, 16)
    assert current_calendar().is_provisional(dt.date(2027, 2, 16))

    client = Client()
    client.force_login(city_admin)
    preview = client.post(URL, {"year": 2027, "text": NOTICE_2027})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'data-testid="schedule-changes"' in html
    assert "2027年2月13日" in html  # was a make-up Saturday, now a day off
    assert not Holiday.objects.filter(year=2027).exists()  # nothing written before confirming

    done = client.post(URL, {"step": "confirm", "year": 2027, "text": NOTICE_2027, "csv_text": ""})
    assert done.status_code == 200
    assert 'data-testid="schedule-result"' in done.content.decode()
    assert Holiday.objects.filter(year=2027).count() == 14  # 3 + 10 off, 1 worked
    calendar = current_calendar()
    assert not calendar.is_provisional(dt.date(2027, 2, 16))
    assert calendar.is_provisional(dt.date(2028, 2, 1))
    notice.refresh_from_db()
    # Official: 02-05..02-14 off → 02-15, 02-16, 02-17.
    assert notice.respond_by == dt.date(2027, 2, 17)
    assert "2027年2月17日" in done.content.decode()
    log = AuditLog.objects.get(event_type="supervision.schedule_entered")
    assert log.actor_id == city_admin.pk


def test_the_2026_notice_matches_the_table_and_a_csv_upload_works(city_admin: Any) -> None:
    from importlib import resources

    text = resources.files("jiazhou.worktime").joinpath("data/notices/2026.txt").read_text("utf-8")
    client = Client()
    client.force_login(city_admin)
    preview = client.post(URL, {"year": 2026, "text": text})
    assert "与现行安排一致" in preview.content.decode()
    rows = [r for r in packaged_holiday_records() if r.year == 2026]
    csv_text = "date,kind,name,name_zh,year,source\n" + "".join(
        f"{r.day},{r.kind},{r.name},{r.name_zh},{r.year},{r.source}\n" for r in rows
    )
    upload = SimpleUploadedFile("2026.csv", csv_text.encode("utf-8"), "text/csv")
    preview = client.post(URL, {"year": 2026, "csv_file": upload})
    assert "与现行安排一致" in preview.content.decode()


def test_bad_input_and_outsiders(city_admin: Any, dept_officer: Any) -> None:
    client = Client()
    client.force_login(city_admin)
    bad = client.post(URL, {"year": 2027, "text": "随便写的文字"})
    assert bad.status_code == 400
    assert "未找到编号的放假安排" in bad.content.decode()
    empty = client.post(URL, {"year": 2027, "text": ""})
    assert empty.status_code == 400
    other = Client()
    other.force_login(dept_officer)
    assert other.get(URL).status_code == 403
