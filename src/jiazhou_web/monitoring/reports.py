"""月度进展报告: the monthly progress report's content, written as a 公文 (Word and PDF).

The layout (GB/T 9704-like 红头, 文号, red rule, fonts, 落款) is ``core.official_documents``';
this module only drafts the text: an introduction, the red and yellow targets, and notes.

A report is dated truthfully: it is signed on the day it is generated, evaluates the targets at
the end of its period or on the generation day if that comes first, and states each of the three
dates under its own label (报告期, 数据截至, 生成日期), so a report drawn on 12-04 for December
is never signed 12-31, and data that stop at 10-31 say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from jiazhou.humanize import number, period_zh
from jiazhou_web.core.locality import locality
from jiazhou_web.core.official_documents import (
    Block,
    Heading,
    OfficialDocument,
    Text,
    chinese_date,
)
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.monitoring.progress import LIGHT_LABELS, TargetStatus, light_counts


@dataclass(frozen=True)
class LaggingItem:
    heading: str
    lines: list[str]


@dataclass
class ReportData:
    issuer: str
    masthead: str
    number: str
    title: str
    month: str
    signed_on: dt.date
    intro: list[str]
    period: tuple[dt.date, dt.date] | None = None
    data_cutoff: dt.date | None = None
    evaluated_on: dt.date | None = None
    red: list[LaggingItem] = field(default_factory=list)
    yellow: list[LaggingItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def lagging(self) -> list[LaggingItem]:
        return self.red + self.yellow


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{number(value)}{unit}"


def _item(status: TargetStatus) -> LaggingItem:
    target, ev = status.target, status.evaluation
    indicator = target.indicator
    department = indicator.responsible_department
    unit = target.unit or indicator.unit
    lines = [
        f"目标：{target.comparator_text or target.comparator} "
        f"{_num(ev.threshold, unit) if ev.threshold is not None else ''}"
        f"（{target.target_year}年，{target.source_quote or target.notes or '见目标库'}）",
        f"现状：{_num(ev.current_value, unit)}"
        + (f"（{period_zh(ev.current_period)}）" if ev.current_period else "")
        + f"；完成率 {_num(ev.attainment_pct, '%')}；序时进度 {_num(ev.schedule_pct, '%')}"
        + f"；差距 {_num(ev.gap, unit)}",
        f"研判：{ev.explanation_zh}",
        f"责任单位：{department or '未指定'}"
        + ("（演示配置）" if department and indicator.department_is_demo else ""),
    ]
    if status.synthetic:
        lines.append("注：本项含模拟数据，仅供演示。")
    heading = f"{indicator.name}（{target.region}，{target.code}）"
    return LaggingItem(heading, lines)


def report_context(
    statuses: list[TargetStatus],
    *,
    at: dt.date,
    as_of: dt.date | None,
    user: Any,
    period: tuple[dt.date, dt.date] | None = None,
    generated_on: dt.date | None = None,
) -> ReportData:
    """The report's content for the targets in ``user``'s scope, evaluated on ``at``.

    ``period`` is the month covered, ``as_of`` the data cut-off (数据截至) and ``generated_on`` the
    day the report is drawn up and signed (default ``at``).
    """
    counts = light_counts(statuses)
    scope = user_scope(user)
    department = getattr(user, "department", None)
    place = locality()
    issuer = place.authority if scope.city or department is None else str(department)
    signed = generated_on or at
    first, last = period or (at.replace(day=1), at)
    total = len(statuses)
    intro = [
        f"报告期：{chinese_date(first)}至{chinese_date(last)}；"
        f"数据截至：{chinese_date(as_of) if as_of else '暂无数据'}；"
        f"生成日期：{chinese_date(signed)}。",
        f"根据目标库和已审核填报数据，现将{first.year}年{first.month}月科技创新目标完成情况报告如下"
        f"（目标按{chinese_date(at)}评价）。",
        f"纳入监测目标 {total} 项，其中"
        + "，".join(f"{LIGHT_LABELS[light]} {counts[light]} 项" for light in counts)
        + "。红灯为已逾期未完成或按趋势预计无法完成，黄灯为落后于序时进度。",
        "公开报道中的数值按原文载入，并注明观测期依据（载明、推断、不确定）及“余”等限定。",
    ]
    notes = [
        "状态灯、完成率、序时进度、差距与趋势预测均由嘉州平台目标引擎计算。",
    ]
    if as_of is not None and as_of < first:
        notes.append(f"本报告期内尚无新数据：所用数据截至{chinese_date(as_of)}，早于报告期起始日。")
    if any(s.synthetic for s in statuses):
        notes.append("本报告含模拟数据（区县年度数据等演示用生成值），不得作为统计数据使用。")
    return ReportData(
        issuer=issuer,
        masthead="科技创新目标监测月报",
        number=place.number("monitoring_report", first.year, first.month),
        title=f"关于{first.year}年{first.month}月科技创新目标完成情况的报告",
        month=first.strftime("%Y-%m"),
        signed_on=signed,
        intro=intro,
        red=[_item(s) for s in statuses if s.light == "red"],
        yellow=[_item(s) for s in statuses if s.light == "yellow"],
        notes=notes,
        period=(first, last),
        data_cutoff=as_of,
        evaluated_on=at,
    )


def official_document(data: ReportData) -> OfficialDocument:
    """The report as a 公文: 一、红灯 / 二、黄灯 with one 二级标题 per target, 三、说明."""
    body: list[Block] = [Text(line) for line in data.intro]
    for heading, items in (
        ("一、红灯目标（需重点督办）", data.red),
        ("二、黄灯目标（落后于序时进度）", data.yellow),
    ):
        body.append(Heading(heading))
        if not items:
            body.append(Text("无。"))
        for n, item in enumerate(items, start=1):
            body.append(Heading(f"（{n}）{item.heading}", level=2))
            body += [Text(line) for line in item.lines]
    body.append(Heading("三、说明"))
    body += [Text(line) for line in data.notes]
    return OfficialDocument(
        masthead=data.masthead,
        number=data.number,
        title=data.title,
        signature=data.issuer,
        signed_on=data.signed_on,
        body=body,
    )


def progress_docx(data: ReportData) -> bytes:
    return official_document(data).to_docx()


def progress_pdf(data: ReportData) -> bytes:
    return official_document(data).to_pdf()
