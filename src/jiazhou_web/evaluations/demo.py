"""Demo evaluations (模拟数据): the zone's parks, last year's 亩均 evaluation published (with its
帮扶 actions in the pools), this year's in 公示, an 创新积分 draft, and a bank with a consent.

Uses the real actions; a past cycle is placed in the past through the actions' ``today``.
"""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone

from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure
from jiazhou_web.evaluations import actions, bank
from jiazhou_web.evaluations.models import Bank, Park
from jiazhou_web.regions.models import Region
from jiazhou_web.supervision.working_calendar import current_calendar

ZONE = "LS-HTZ"
PARKS = (  # 模拟: the zone's park names are illustrative, not from a retrieved document
    ("HTZ-XCL", "新材料产业园（模拟）"),
    ("HTZ-GF", "光伏与新能源产业园（模拟）"),
    ("HTZ-SW", "生物医药产业园（模拟）"),
)
BANKS = (("lsccb", "乐山市商业银行（模拟）"), ("lsrcb", "乐山农商银行（模拟）"))


def load(ctx: DemoContext) -> None:
    zone = Region.objects.get(code=ZONE)
    officer = ctx.personas.get(Role.ZONE_OFFICER)
    if officer is None:
        return
    banks = [Bank.objects.create(code=c, name=n) for c, n in BANKS]
    banker = ctx.personas.get(Role.BANK_USER)  # the accounts demo's persona
    if banker is not None:
        bank.add_member(banks[0], banker, actor=None)
    parks = [Park.objects.create(code=c, name=n, zone=zone) for c, n in PARKS]
    firms = list(Enterprise.objects.filter(zone=zone).order_by("uscc"))
    for n, firm in enumerate(firms):
        actions.assign_park(firm, parks[n % len(parks)], actor=officer)
    ctx.say(f"  {len(parks)} 个园区（模拟），{len(firms)} 家高新区企业分入园区")

    last_fiscal = EnterpriseFigure.objects.aggregate(y=Max("fiscal_year"))["y"]
    if last_fiscal is None:
        return
    year = last_fiscal + 1  # the evaluation year that reads the latest fiscal year
    calendar = current_calendar()
    today = timezone.localdate()
    # last year's 亩均 evaluation: 公示 30 working days ago for 5 days, published 20 days ago
    past = actions.create_run("mu-sichuan-2022", year - 1, "zone", ZONE, actor=officer)
    actions.approve_run(past, actor=officer)
    actions.start_publicity(past, 5, actor=officer, today=calendar.add_working_days(today, -30))
    actions.publish_run(past, actor=officer, today=calendar.add_working_days(today, -20))
    current = actions.create_run("mu-sichuan-2022", year, "zone", ZONE, actor=officer)
    actions.approve_run(current, actor=officer)
    actions.start_publicity(current, 5, actor=officer)
    points = actions.create_run("innovation-points-2024-leshan", year, "zone", ZONE, actor=officer)
    ctx.say(
        f"  评价：{year - 1}年度亩均（已发布，{past.unit_count}家），{year}年度亩均（公示中），"
        f"{year}年度创新积分（草稿，{points.unit_count}家）"
    )

    firm_user = ctx.personas.get(Role.ENTERPRISE_USER)
    if firm_user is not None:
        for pk in sorted(user_scope(firm_user).enterprise_ids):
            bank.give_consent(Enterprise.objects.get(pk=pk), banks[0], actor=firm_user)
    ctx.say("  积分贷：2 家合作银行（模拟），demo_bank_user 可查看已授权企业的评价结果")
