"""Demo 三张清单 (seed 000_3a1588e7e0c9528e.txt): the three lists, the five named “四个一批”
projects, and synthetic items (模拟数据) spread over stages and lights.

Sources: seed 000 ¶23 and ¶67 (“清单制+责任制+时限制”; 《新培育创建科技创新平台、新培育科技型企业、
“四个一批”科技项目推进清单》), ¶85 (110 个“四个一批”项目, 34 个获省级以上立项支持; the five
named technologies 高纯晶硅, 低热水泥, 巨型船闸, 华龙一号核电站用电缆, 页岩气油基岩屑综合利用设备,
already converted and applied) and ¶89 (the three lists by name). The seeds give no dates or
progress for any item, so every schedule, percentage and response time is synthetic: all demo
items carry ``synthetic=True`` and show 模拟数据.

Everything goes through the real actions. Steps in the past pass ``at`` (back-dated business
times: 交办, 签收, 进展, 办结申请 …); the audit rows themselves carry the time the demo ran.
The daily run is replayed on three earlier working days so 督办单 exist and some have escalated;
this month's 通报 of the “四个一批” list is drafted (Word + PDF under MEDIA_ROOT).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from jiazhou.worktime import WorkingCalendar
from jiazhou_web.accounts import actions as account_actions
from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.models import Department
from jiazhou_web.core.locality import locality
from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.choices import ListKind, NoticeStatus, Stage
from jiazhou_web.supervision.daily_run import run_daily
from jiazhou_web.supervision.models import Notice, TaskItem, TaskList
from jiazhou_web.supervision.working_calendar import current_calendar, opening

SEED = "seed 000_3a1588e7e0c9528e.txt"

LISTS = [
    (
        "sige",
        "“四个一批”科技项目推进清单",
        ListKind.KEY_PROJECTS,
        f"重点科技项目攻关清单，含110个“四个一批”重大科技项目，其中34个获省级以上立项支持（{SEED} ¶85）。",
        ["four_batch_projects", "key_tech_breakthroughs"],
    ),
    (
        "pingtai",
        "新培育创建科技创新平台清单",
        ListKind.PLATFORMS,
        f"科技创新平台创建清单（{SEED} ¶23、¶67、¶89）。",
        ["sti_platforms_prov_plus_built", "new_innovation_centres"],
    ),
    (
        "qiye",
        "新培育科技型企业清单",
        ListKind.ENTERPRISES,
        f"科技型企业培育清单（{SEED} ¶23、¶67、¶89）。",
        ["hitech_enterprises", "national_tech_smes"],
    ),
]

# (title, enterprise short name in enterprises' real_enterprises.csv, lead unit, category)
NAMED = [
    ("永祥公司高纯晶硅技术转化应用", "永祥", "kj-511112", "转化"),
    ("嘉华公司低热水泥技术推广", "嘉华", "lsjxj", "推广"),
    ("夹江水工厂巨型船闸技术示范", "夹江水工", "kj-511126", "示范"),
    ("尚邦股份华龙一号核电站用电缆研发", "尚邦", "lsjxj", "攻关"),
    ("君和公司页岩气油基岩屑综合利用设备", "君和", "lskjj", "转化"),
]

# The kind of work each synthetic list's items are (the 类别 column), as the named items have theirs.
SYNTHETIC_CATEGORY = {"sige": "攻关", "qiye": "培育", "pingtai": "平台建设"}

SYNTHETIC_TITLES = {
    "sige": [
        "电子级多晶硅提纯工艺",
        "稀土永磁材料制备",
        "储能电池热管理",
        "特种绿色建材研发",
        "高端精细化工催化剂",
        "新一代半导体材料",
        "茶叶深加工技术",
        "民用核技术辐照应用",
        "磷化工副产物综合利用",
        "晶硅切割废料回收",
    ],
    "pingtai": [
        "省级工程技术研究中心创建",
        "省级重点实验室创建",
        "院士（专家）工作站建设",
        "新型研发机构培育",
        "国家级科技企业孵化器创建",
        "省级技术创新中心申报",
        "中试熟化平台建设",
        "产业技术研究院组建",
    ],
    "qiye": [
        "高新技术企业培育（晶硅光伏）",
        "科技型中小企业入库评价",
        "瞪羚企业培育",
        "专精特新企业梯度培育",
        "高新技术企业培育（装备制造）",
        "科技型中小企业孵化",
        "高新技术企业培育（绿色化工）",
        "创新型中小企业评价",
    ],
}

# Stages the synthetic items end in, with how often (most are being worked on).
STAGES = (
    [Stage.DRAFT] * 2
    + [Stage.ASSIGNED] * 2
    + [Stage.SIGNED] * 3
    + [Stage.IN_PROGRESS] * 10
    + [Stage.COMPLETION_REQUESTED] * 2
    + [Stage.VERIFIED]
    + [Stage.CLOSED] * 3
)


def _officer(unit: Department, officers: dict[str, Any], admin: Any) -> Any:
    """An officer who acts for ``unit`` (the demo persona where one exists)."""
    if unit.code not in officers:
        user = account_actions.create_user(
            username=f"demo_unit_{unit.code}".replace("-", "_"),
            # No password: these extra officers do not sign in (an unusable password skips
            # the slow hash); the demo personas of accounts.demo are the ones people use.
            display_name=f"{unit.name}经办人",
            department=unit,
            actor=admin,
        )
        account_actions.assign_role(user, Role.DEPARTMENT_OFFICER, actor=admin, target=unit)
        officers[unit.code] = user
    return officers[unit.code]


def _clamp(day: dt.date, cal: WorkingCalendar) -> dt.date:
    return min(max(day, cal.first_day), cal.last_day)


def _walk(
    item: TaskItem,
    stage: str,
    now: dt.datetime,
    cal: WorkingCalendar,
    admin: Any,
    officer: Any,
    rng: random.Random,
    *,
    behind: bool,
) -> None:
    """Take ``item`` to ``stage`` with back-dated steps between its start and now."""
    if stage == Stage.DRAFT:
        return
    t = opening(cal, cal.roll_forward(item.start_date))
    t = min(t, now - dt.timedelta(days=3))
    actions.assign_item(item, actor=admin, at=t)
    if stage == Stage.ASSIGNED:
        return
    t = cal.add_working_time(t, dt.timedelta(hours=rng.choice([1, 3, 6, 9, 16, 30])))
    t = min(t, now - dt.timedelta(days=2))
    actions.sign_item(item, actor=officer, at=t)
    if stage == Stage.SIGNED:
        return
    elapsed = cal.elapsed_pct(
        opening(cal, item.start_date), opening(cal, item.deadline) + dt.timedelta(hours=9), now
    )
    target = max(5, int(elapsed * (0.4 if behind else 1.1)) + rng.randint(0, 10))
    done = stage != Stage.IN_PROGRESS
    target = 100 if done else min(target, 95)
    steps = sorted({max(5, target // 3), max(5, 2 * target // 3), target})
    span = max(now - dt.timedelta(days=1) - t, dt.timedelta(hours=1))
    for n, pct in enumerate(steps, start=1):
        when = t + span * n / (len(steps) + 1)
        actions.report_progress(
            item, percent_done=pct, text=f"按计划推进，已完成{pct}%。", actor=officer, at=when
        )
    if not done:
        return
    when = now - dt.timedelta(hours=20)
    actions.request_completion(
        item, text="已完成全部任务，佐证材料已上传。", actor=officer, at=when
    )
    if stage == Stage.COMPLETION_REQUESTED:
        return
    actions.verify_item(item, actor=admin, at=when + dt.timedelta(hours=2))
    if stage == Stage.CLOSED:
        actions.close_item(item, actor=admin, at=when + dt.timedelta(hours=3))


def load(ctx: DemoContext) -> None:
    rng = random.Random(ctx.seed)
    admin = ctx.personas[Role.CITY_ADMIN]
    cal = current_calendar()
    now = timezone.now()
    today = timezone.localdate()
    units = {d.code: d for d in Department.objects.all()}
    officers: dict[str, Any] = {}
    if Role.DEPARTMENT_OFFICER in ctx.personas:
        officers["lsjxj"] = ctx.personas[Role.DEPARTMENT_OFFICER]
    lists: dict[str, TaskList] = {}
    for code, title, kind, description, _ in LISTS:
        lists[code] = actions.create_list(
            code=f"{code}-{today.year}",
            title=title,
            kind=kind,
            year=today.year,
            description=description,
            source=SEED,
            actor=admin,
        )
    indicators = {code: codes for code, *_, codes in LISTS}

    for n, (title, firm, unit_code, category) in enumerate(NAMED, start=1):
        unit = units[unit_code]
        start = _clamp(today - dt.timedelta(days=150 + 10 * n), cal)
        deadline = _clamp(today + dt.timedelta(days=[-8, 20, 45, 3, 70][n - 1]), cal)
        item = actions.create_item(
            lists["sige"],
            code=f"SG-{n:03d}",
            title=title,
            category=category,
            lead_unit=unit,
            partner_units=[units["lskjj"]] if unit_code != "lskjj" else [units["lsjxj"]],
            enterprises=Enterprise.objects.filter(name__contains=firm).order_by("pk")[:1],
            indicator_codes=indicators["sige"],
            start_date=start,
            deadline=deadline,
            region=unit.region if unit.region.code != locality().city_code else None,
            expected_outputs=f"项目名称据 {SEED} ¶85（已转化应用，业界领先）；进度与期限为模拟数据。",
            milestones=[("完成阶段性验收", start + (deadline - start) / 2)],
            synthetic=True,
            actor=admin,
        )
        stage = [
            Stage.IN_PROGRESS,
            Stage.CLOSED,
            Stage.IN_PROGRESS,
            Stage.IN_PROGRESS,
            Stage.COMPLETION_REQUESTED,
        ][n - 1]
        _walk(
            item, stage, now, cal, admin, _officer(unit, officers, admin), rng, behind=n in (1, 3)
        )

    acting_units = ["lskjj", "lsjxj", "lsfgw", "lsgxq", "kj-511112", "kj-511102", "kj-511123"]
    for list_code, titles in SYNTHETIC_TITLES.items():
        for n, title in enumerate(titles, start=1):
            unit = units[rng.choice(acting_units)]
            start = _clamp(today - dt.timedelta(days=rng.randint(40, 200)), cal)
            deadline = _clamp(today + dt.timedelta(days=rng.choice([-20, -5, 4, 15, 40, 90])), cal)
            deadline = max(deadline, start + dt.timedelta(days=30))
            item = actions.create_item(
                lists[list_code],
                code=f"{list_code.upper()}-S{n:02d}",
                title=title,
                category=SYNTHETIC_CATEGORY[list_code],
                lead_unit=unit,
                partner_units=rng.sample([units[c] for c in acting_units], 1),
                indicator_codes=indicators[list_code],
                start_date=start,
                deadline=deadline,
                region=unit.region if unit.region.code != locality().city_code else None,
                synthetic=True,
                actor=admin,
            )
            _walk(
                item,
                rng.choice(STAGES),
                now,
                cal,
                admin,
                _officer(unit, officers, admin),
                rng,
                behind=rng.random() < 0.35,
            )

    # Replay the daily run on earlier working days so notices exist and some escalated.
    for back in (8, 4, 0):
        run_daily(opening(cal, cal.add_working_days(today, -back)) if back else now)
    for notice in Notice.objects.filter(status=NoticeStatus.OPEN, kind="yellow").order_by("pk")[:2]:
        unit = notice.item.lead_unit
        actions.answer_notice(
            notice, answer="已制定整改计划，加派人员推进。", actor=_officer(unit, officers, admin)
        )
    actions.draft_bulletin(lists["sige"], year=today.year, month=today.month, actor=admin)
    ctx.say(f"  三张清单: {TaskItem.objects.count()} items, {Notice.objects.count()} 督办单")
