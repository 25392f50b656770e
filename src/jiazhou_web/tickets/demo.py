"""Demo 企业诉求: the 2026 派单目录, unit officers for a few bureaus and counties, and tickets
in every state over the last two months — all through the real actions, at past instants, so
the 三率 board and 红黑榜 have something to rank. The enterprise persona has one ticket
waiting for its 回访 and the 市经信局 officer one to sign."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from jiazhou_web.accounts import actions as accounts
from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.models import Department
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.seeding import DemoContext, demo_password_hash
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.tickets import actions, catalogue
from jiazhou_web.tickets.models import CatalogueNode

TEXTS = {
    "02-04-01": (
        "用电增容迟迟未批复",
        "新产线用电增容申请已提交一个多月仍未批复，影响投产，请协调供电部门",
    ),
    "01-01-02": ("研发费用后补助咨询", "去年研发费用后补助何时拨付，需要补充哪些材料"),
    "02-02-01": ("技能工人招聘困难", "企业急需数控技工二十名，希望协助对接职业院校和招聘会"),
    "03-01-01": ("技改项目备案进度", "技改项目备案材料已提交两周，系统状态一直未更新"),
    "04-01-01": ("重复检查影响生产", "同一月内多个部门对同一事项重复检查，希望统筹安排"),
    "05-02-01": ("账款拖欠", "为某国有企业供货的货款逾期半年未付，请协调"),
    "06-01-01": ("研发中心创建咨询", "企业拟申报市级企业技术中心，咨询条件和流程"),
    "01-02-01": ("技改奖补兑现", "去年技改奖补已公示，资金尚未到账，请问兑现进度"),
}
EXTRA_OFFICERS = [  # (username, display name, department code) — one officer per demo unit
    ("demo_officer_lskjj", "周科（市科技局）", "lskjj"),
    ("demo_officer_lsfgw", "吴发（市发改委）", "lsfgw"),
    ("demo_officer_lsscjg", "郑监（市市场监管局）", "lsscjg"),
    ("demo_officer_lsrs", "孙人（市人社局）", "lsrs"),
    ("demo_officer_lscz", "钱财（市财政局）", "lscz"),
]


def _officers(ctx: DemoContext) -> dict[int, Any]:
    """Department id → a user who acts for it (the personas plus one per extra unit)."""
    found: dict[int, Any] = {}
    dept = ctx.personas.get(Role.DEPARTMENT_OFFICER)
    if dept is not None:
        for r in dept.role_assignments.active():
            if r.department_id:
                found[r.department_id] = dept
    for username, display, code in EXTRA_OFFICERS:
        unit = Department.objects.filter(code=code).first()
        if unit is None:
            continue
        user = accounts.create_user(
            username=username,
            password_hash=demo_password_hash(),
            display_name=display,
            department=unit,
            actor=None,
        )
        accounts.assign_role(user, Role.DEPARTMENT_OFFICER, actor=None, target=unit)
        found[unit.pk] = user
    return found


def _on_working_day(moment: dt.datetime) -> dt.datetime:
    """The same clock time on the nearest following weekday (demo times look like office hours)."""
    while moment.weekday() >= 5:
        moment += dt.timedelta(days=1)
    return moment


def load(ctx: DemoContext) -> None:
    version = catalogue.ensure_current()
    admin = ctx.personas.get(Role.CITY_ADMIN)
    if admin is None:
        return
    officers = _officers(ctx)
    leaves = {n.code: n for n in CatalogueNode.objects.filter(version=version, level="item")}
    rng = random.Random(ctx.seed)
    now = timezone.localtime(timezone.now()).replace(hour=9, minute=0, second=0, microsecond=0)
    firms = list(Enterprise.objects.exclude(uscc=None).order_by("uscc")[:24])
    codes = [
        c
        for c in TEXTS
        if leaves[c].unit_code in {d.code for d in Department.objects.filter(pk__in=officers)}
    ]
    for i, firm in enumerate(firms):
        code = codes[i % len(codes)]
        leaf = leaves[code]
        unit = catalogue.responsible_unit(leaf, firm.region, firm)
        if unit is None or unit.pk not in officers:
            continue
        officer = officers[unit.pk]
        start = _on_working_day(now - dt.timedelta(days=rng.randint(20, 55)))
        title, text = TEXTS[code]
        t = actions.record_ticket(
            channel=rng.choice(["12345", "direct_line", "failed_window", "visit"]),
            title=title,
            text=f"{text}（{firm.name}）",
            region=firm.zone or firm.region,
            enterprise=firm,
            caller_name="企业联系人",
            caller_phone=f"1380000{i:04d}",
            actor=admin,
            at=start,
        )
        actions.dispatch(t, unit=unit, leaf=leaf, actor=admin, at=start + dt.timedelta(hours=1))
        late = rng.random() < 0.2
        contact = start + dt.timedelta(days=2 if late else 0, hours=2)
        actions.sign(t, actor=officer, at=contact - dt.timedelta(minutes=30))
        actions.contact(t, note="电话联系企业", actor=officer, at=contact)
        actions.reply(
            t,
            text="已会同相关单位研究办理，具体情况已电话告知企业。",
            actor=officer,
            at=contact + dt.timedelta(days=2),
        )
        actions.callback(
            t,
            outcome="resolved" if rng.random() < 0.8 else "unresolved",
            satisfaction=rng.choice([5, 5, 4, 4, 3, 2]),
            actor=admin,
            at=contact + dt.timedelta(days=3),
        )
    persona = ctx.personas.get(Role.ENTERPRISE_USER)
    if persona is None:
        return
    firm = Enterprise.objects.filter(pk__in=user_scope(persona).enterprise_ids).first()
    jxj = Department.objects.filter(code="lsjxj").first()
    if firm is None or jxj is None or jxj.pk not in officers:
        return
    officer = officers[jxj.pk]
    start = _on_working_day(now - dt.timedelta(days=6))
    replied = actions.raise_ticket(
        firm, title="技改奖补兑现进度", text=TEXTS["01-02-01"][1], actor=persona, at=start
    )
    actions.dispatch(
        replied, unit=jxj, leaf=leaves["01-02-01"], actor=admin, at=start + dt.timedelta(hours=1)
    )
    actions.sign(replied, actor=officer, at=start + dt.timedelta(hours=2))
    actions.contact(replied, actor=officer, at=start + dt.timedelta(hours=3))
    actions.reply(
        replied,
        text="奖补资金已列入本月拨付计划，预计月底前到账。",
        actor=officer,
        at=start + dt.timedelta(days=1),
    )
    waiting = actions.raise_ticket(
        firm,
        title="用电增容迟迟未批复",
        text=TEXTS["02-04-01"][1],
        actor=persona,
        at=now - dt.timedelta(hours=20),
    )
    actions.dispatch(
        waiting, unit=jxj, leaf=leaves["02-04-01"], actor=admin, at=now - dt.timedelta(hours=19)
    )
    ctx.say(f"企业诉求：派单目录 {version.version} 版，{len(firms) + 2} 件演示诉求")
