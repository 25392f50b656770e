"""月度诉求分析报告: the month's 企业诉求 as a 公文 (GB/T 9704 layout of
:mod:`jiazhou_web.core.official_documents`, the same module that lays out the 三张清单 通报 and
the monitoring 月报), as Word and PDF.

The numbers are those of the pages, from the same functions: :func:`boards.analysis` (the 诉求
分析 card of the 三率 page), :func:`boards.boards` (the 红黑榜 page: 三率 and 综合得分 by peer
group) over ``Ticket.objects.for_user(user)`` — the report is cut to the reader's scope exactly
as the page is — formatted with the page's own filters (:mod:`jiazhou.humanize`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jiazhou import humanize
from jiazhou_web.core.locality import locality
from jiazhou_web.core.official_documents import (
    Block,
    Heading,
    OfficialDocument,
    Table,
    Text,
)
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.tickets import boards
from jiazhou_web.tickets.models import Ticket, TicketSupervision

RATES_HEADER = ("名次", "单位", "响应率", "解决率", "满意率", "综合得分", "榜单")
RATES_WIDTHS = (0.1, 0.32, 0.11, 0.11, 0.11, 0.15, 0.1)
CATEGORY_HEADER = ("序号", "类别（类别／子类）", "件数")
REPEAT_HEADER = ("工单编号", "原工单", "企业／诉求人", "派单目录事项")
BOARD_NAMES = {"red": "红榜", "black": "黑榜"}


def category_name(path: str) -> str:
    """A 派单目录 path as the 公文 prints it: the page's ``›`` is not in the 公文 fonts (the PDF's
    明体 has no glyph for it), so levels are joined with a full-width solidus."""
    return path.replace(" › ", "／")


def rate_cells(row: boards.UnitRow) -> list[str]:
    """One unit's row as the 红黑榜/三率 pages print it (the same filters)."""
    r = row.rates
    rank = row.ranked.rank if row.ranked is not None and row.ranked.rank else None
    board = row.ranked.board if row.ranked is not None else None
    return [
        str(rank) if rank else "—",
        row.unit.name,
        humanize.percent(r.response_rate, 1),
        humanize.percent(r.resolution_rate, 1),
        humanize.percent(r.satisfaction_rate, 1),
        humanize.number(r.score, 1),
        BOARD_NAMES.get(str(board or ""), ""),
    ]


def compose(user: Any, first: dt.date) -> OfficialDocument:
    """The report of month ``first`` over the tickets ``user`` may see."""
    tickets = Ticket.objects.for_user(user)
    analysis = boards.analysis(tickets, first)
    groups = boards.boards(tickets, first)
    start, end = boards.month_bounds(first)
    supervised = TicketSupervision.objects.filter(
        ticket__in=tickets, issued_at__gte=start, issued_at__lt=end
    )
    supervised_tickets = supervised.values("ticket_id").distinct().count()
    place = locality()
    scope = user_scope(user)
    department = getattr(user, "department", None)
    issuer = place.authority if scope.city or department is None else str(department)
    channels = "，".join(f"{label}{n}件" for label, n in analysis.by_channel) or "无"
    body: list[Block] = [
        Heading("一、总体情况"),
        Text(
            f"{first.year}年{first.month}月，共受理企业诉求{analysis.received}件，办结"
            f"{analysis.closed}件；按渠道：{channels}。"
        ),
        Text(
            f"本月超期督办涉及诉求{supervised_tickets}件（督办记录{supervised.count()}条），"
            f"重复诉求{len(analysis.repeats)}件。"
        ),
        Heading("二、诉求最多的类别"),
    ]
    body.append(
        Table(
            CATEGORY_HEADER,
            [
                [str(i), category_name(path), str(n)]
                for i, (path, n) in enumerate(analysis.top_categories, 1)
            ],
            widths=(0.12, 0.7, 0.18),
        )
        if analysis.top_categories
        else Text("本月暂无已分类诉求。")
    )
    body.append(Heading("三、各单位“三率”及排名"))
    body.append(
        Text(
            "响应率＝时限内首次联系／应响应件数（响应时限自派单起算）；解决率＝回访已解决／回访件数"
            "（重复诉求计入原承办单位未解决）；满意率＝非常满意、满意、基本满意／评价件数。综合得分"
            "＝响应30%＋解决35%＋满意35%，按同类单位分组排名。"
        )
    )
    for n, (label, rows) in enumerate(groups, start=1):
        body.append(Heading(f"（{_CN[n]}）{label}", level=2))
        body.append(
            Table(RATES_HEADER, [rate_cells(r) for r in rows], widths=RATES_WIDTHS)
            if rows
            else Text("本月暂无数据。")
        )
    body.append(Heading("四、重复诉求"))
    body.append(
        Table(
            REPEAT_HEADER,
            [
                [
                    t.number,
                    t.repeat_of.number,
                    t.enterprise.name if t.enterprise_id else t.caller_name,
                    category_name(t.leaf.path) if t.leaf_id else "—",
                ]
                for t in analysis.repeats
            ],
            widths=(0.2, 0.2, 0.3, 0.3),
        )
        if analysis.repeats
        else Text("本月无重复诉求。")
    )
    body.append(Heading("五、红黑榜"))
    for label, rows in groups:
        red = [r.unit.name for r in rows if r.ranked is not None and r.ranked.board == "red"]
        black = [r.unit.name for r in rows if r.ranked is not None and r.ranked.board == "black"]
        body.append(
            Text(f"{label}：红榜 {'、'.join(red) or '无'}；黑榜 {'、'.join(black) or '无'}。")
        )
    body.append(Text("前5名上红榜、后5名上黑榜（每榜不超过该组半数）；缺少某项比率的单位不排名。"))
    return OfficialDocument(
        masthead="企业诉求分析月报",
        number=place.number("tickets_report", first.year, first.month),
        title=f"关于{first.year}年{first.month}月企业诉求办理情况的分析报告",
        addressee="各承办单位：",
        body=body,
        signature=issuer,
        signed_on=timezone.localdate(),
    )


_CN = "〇一二三四五六七八九十"
