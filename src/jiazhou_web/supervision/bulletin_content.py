"""The text of a monthly 通报, drafted from the data as a 公文 (``core.official_documents`` lays
it out as Word and PDF).

Sections: 总体进展 (progress summary), 超期事项 by lead unit, 责任单位排名 (scoreboard ranking).
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt

from django.conf import settings
from django.utils import timezone

from jiazhou_web.core.locality import locality
from jiazhou_web.core.official_documents import (
    Block,
    Heading,
    OfficialDocument,
    Table,
    Text,
    chinese_date,
)
from jiazhou_web.supervision.choices import Light, Stage
from jiazhou_web.supervision.lights import lights_for
from jiazhou_web.supervision.models import TaskItem, TaskList
from jiazhou_web.supervision.scoreboard import score_units
from jiazhou_web.supervision.working_calendar import closing, current_calendar

OVERDUE_HEADER = ("牵头单位", "超期事项", "数量")
RANKING_HEADER = ("排名", "牵头单位", "事项数", "按期办结率", "超期", "平均签收(工作日)")


def as_of(year: int, month: int) -> dt.datetime:
    """The instant the bulletin reads the data at: month end, or now for the current month."""
    last = dt.date(year, month, month_calendar.monthrange(year, month)[1])
    return min(timezone.now(), closing(current_calendar(), last))


def compose(task_list: TaskList, *, year: int, month: int, number: str) -> OfficialDocument:
    at = as_of(year, month)
    calendar = current_calendar()
    items = list(
        TaskItem.objects.filter(task_list=task_list)
        .select_related("lead_unit")
        .order_by("lead_unit__name", "code")
    )
    readings = lights_for(items, at, calendar)
    count = {light: sum(r.light == light for r in readings.values()) for light in Light}
    closed = sum(i.stage == Stage.CLOSED for i in items)
    waiting = sum(i.stage in (Stage.COMPLETION_REQUESTED, Stage.VERIFIED) for i in items)
    mean_pct = sum(i.percent_done for i in items) / len(items) if items else 0.0
    summary = [
        f"截至{chinese_date(timezone.localtime(at).date())}，{task_list.title}共列入事项"
        f"{len(items)}项，已销号{closed}项，待核查{waiting}项，平均完成进度{mean_pct:.0f}%。",
        f"按状态灯统计：绿灯（正常推进）{count[Light.GREEN]}项，蓝灯（临期）{count[Light.BLUE]}项，"
        f"黄灯（落后于序时进度）{count[Light.YELLOW]}项，红灯（超期）{count[Light.RED]}项。",
    ]
    overdue: dict[str, list[str]] = {}
    for item in items:
        if readings[item.pk].light == Light.RED:
            overdue.setdefault(item.lead_unit.name, []).append(f"{item.code} {item.title}")
    overdue_rows = [[unit, "；".join(names), str(len(names))] for unit, names in overdue.items()]
    if overdue_rows:
        summary.append(
            f"共有{len(overdue_rows)}个牵头单位存在超期事项，请相关单位切实履行牵头责任，"
            "明确办结时限，按要求报送整改情况。"
        )
    else:
        summary.append("本月无超期事项，请各单位继续按序时进度推进。")
    ranking_rows = []
    for rank, score in enumerate(score_units(items, at, calendar), start=1):
        rate = "—" if score.on_time_rate is None else f"{score.on_time_rate:.0%}"
        response = (
            "—" if score.average_response_days is None else f"{score.average_response_days:.1f}"
        )
        ranking_rows.append(
            [str(rank), score.unit, str(score.items), rate, str(score.overdue), response]
        )
    provisional = sum(r.provisional for r in readings.values())
    if provisional:
        summary.append(
            f"注：{provisional}项事项的期限所在年份尚未录入国务院节假日安排，其工作日按国务院令"
            "第798号暂定推算，相应状态灯为暂定。"
        )
    body: list[Block] = [Heading("一、总体进展"), *(Text(line) for line in summary)]
    body.append(Heading("二、超期事项"))
    body.append(
        Table(OVERDUE_HEADER, overdue_rows, widths=(0.3, 0.58, 0.12))
        if overdue_rows
        else Text("无。")
    )
    body.append(Heading("三、责任单位排名"))
    body.append(Table(RANKING_HEADER, ranking_rows, widths=(0.09, 0.35, 0.12, 0.16, 0.1, 0.18)))
    if any(i.synthetic for i in items) and settings.JIAZHOU_SHOW_SYNTHETIC:
        body.append(Text("（本通报含模拟数据，仅供演示）"))
    return OfficialDocument(
        masthead=f"{locality().authority}文件",
        number=number,
        title=f"关于{task_list.title}{year}年{month}月推进情况的通报",
        addressee="各责任单位：",
        body=body,
        signature=locality().authority,
        signed_on=timezone.localdate(),
    )
