"""录入国务院节假日安排: paste the notice (or upload a CSV), see what changes, confirm.

Step one parses and shows the difference from the schedule in force for that year (the provisional
proposal, or an earlier entry); step two re-parses the same text, which travels in a hidden field,
and calls :func:`jiazhou_web.supervision.actions.enter_official_schedule`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from jiazhou.worktime import HolidayRecord
from jiazhou.worktime.holiday_records import parse_holiday_csv_text
from jiazhou.worktime.official_notice import NoticeError, parse_notice, schedule_changes
from jiazhou_web.core import access
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.forms import OfficialScheduleForm
from jiazhou_web.supervision.working_calendar import schedule_for_year

TEMPLATE = "supervision/official_schedule.html"


def _records(year: int, text: str, csv_text: str) -> list[HolidayRecord]:
    if csv_text:
        records = parse_holiday_csv_text(csv_text, "CSV")
        wrong = sorted({r.year for r in records} - {year})
        if wrong:
            raise NoticeError(
                f"CSV 中含有 {wrong} 年的记录，与所选年份 {year} 不符 / "
                f"the CSV has records of {wrong}, not {year}"
            )
        return records
    return parse_notice(text, year)


def official_schedule(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "calendar.manage")
    context: dict[str, Any] = {"title": gettext("Enter the State Council holiday arrangements")}
    if request.method != "POST":
        context["form"] = OfficialScheduleForm()
        return render(request, TEMPLATE, context)
    if request.POST.get("step") == "confirm":
        year = int(request.POST.get("year", "0") or 0)
        text, csv_text = request.POST.get("text", ""), request.POST.get("csv_text", "")
        try:
            records = _records(year, text, csv_text)
            result = actions.enter_official_schedule(
                year, records, actor=request.user, source=records[0].source if records else ""
            )
        except (NoticeError, ValueError) as exc:
            context.update(form=OfficialScheduleForm(request.POST), error=str(exc))
            return render(request, TEMPLATE, context, status=400)
        context["result"] = result
        return render(request, TEMPLATE, context)
    form = OfficialScheduleForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    year = form.cleaned_data["year"]
    text = form.cleaned_data.get("text", "")
    csv_text = form.cleaned_data.get("csv_text", "")
    try:
        records = _records(year, text, csv_text)
    except (NoticeError, ValueError) as exc:
        context["error"] = str(exc)
        return render(request, TEMPLATE, context, status=400)
    context.update(
        year=year,
        text=text,
        csv_text=csv_text,
        records=records,
        changes=schedule_changes(schedule_for_year(year), records),
    )
    return render(request, TEMPLATE, context)
