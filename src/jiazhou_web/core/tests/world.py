"""A small world for the request-level tests (status matrix, bad-input corpus): one object of
every kind a URL can name, and one persona of every role, built through the real actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from jiazhou_web.accounts import actions as account_actions
from jiazhou_web.core.seeding import DEMO_PASSWORD

PERSONAS = (
    "city_admin",
    "zone_officer",
    "county_officer",
    "dept_officer",
    "enterprise_user",
    "reviewer",
    "outsider",
    "anonymous",
)


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)


def _persona(username: str, role: str | None, target: Any = None) -> Any:
    user = account_actions.create_user(
        username=username, password=DEMO_PASSWORD, display_name=username, actor=None
    )
    if role:
        account_actions.assign_role(user, role, actor=None, target=target)
    return user


def build_world(regions: dict[str, Any], industry: Any) -> World:
    """Personas, two enterprises, a supervision item with a notice, an extension request and a
    progress report, a bulletin, a reporting batch with a value, and a scoring run."""
    from jiazhou.schemes import list_schemes
    from jiazhou.uscc import make_uscc
    from jiazhou_web.enterprises.models import Enterprise
    from jiazhou_web.monitoring import actions as monitoring
    from jiazhou_web.monitoring.models import Indicator
    from jiazhou_web.scoring.actions import score_enterprises
    from jiazhou_web.supervision import actions as supervision
    from jiazhou_web.supervision.choices import ListKind

    w = World()
    department = account_actions.create_department(
        code="lsjxj",
        name="乐山市经济和信息化局",
        kind="city_bureau",
        region=regions["511100"],
        actor=None,
    )
    firm = Enterprise.objects.create(
        uscc=make_uscc(1),
        name="五通桥测试企业有限公司",
        registration_date=dt.date(2015, 1, 1),
        region=regions["511112"],
        industry=industry,
        size_class="small",
    )
    zone_firm = Enterprise.objects.create(
        uscc=make_uscc(2),
        name="高新区测试企业有限公司",
        registration_date=dt.date(2016, 1, 1),
        region=regions["511102"],
        zone=regions["LS-HTZ"],
        industry=industry,
        size_class="small",
    )
    w.users = {
        "city_admin": _persona("city_admin", "city_admin"),
        "zone_officer": _persona("zone_officer", "zone_officer", regions["LS-HTZ"]),
        "county_officer": _persona("county_officer", "county_officer", regions["511112"]),
        "dept_officer": _persona("dept_officer", "department_officer", department),
        "enterprise_user": _persona("enterprise_user", "enterprise_user", firm),
        "reviewer": _persona("reviewer", "reviewer"),
        "outsider": _persona("outsider", None),
        "anonymous": None,
    }
    admin = w.users["city_admin"]
    task_list = supervision.create_list(
        code="sige-2025", title="四个一批", kind=ListKind.KEY_PROJECTS, year=2025, actor=admin
    )
    item = supervision.create_item(
        task_list,
        code="T001",
        title="高纯晶硅关键技术攻关",
        lead_unit=department,
        start_date=dt.date(2025, 3, 3),
        deadline=dt.date(2025, 6, 30),
        indicator_codes=["rd_intensity"],
        milestones=(("中试", dt.date(2025, 5, 1)),),
        actor=admin,
    )
    at = dt.datetime(2025, 3, 3, 10, tzinfo=dt.UTC)
    with TestCase.captureOnCommitCallbacks(execute=True):  # stored files land on commit
        report, extension, notice, bulletin = _supervision_steps(w, item, task_list, at)
    batch = monitoring.open_submission(regions["511112"], "2025", actor=w.users["county_officer"])
    indicator = Indicator.objects.get(code="hitech_enterprises")
    observation = monitoring.record_observation(
        batch, indicator, value=Decimal(12), explanation="核实", actor=w.users["county_officer"]
    )
    scheme = list_schemes()[0].code
    runs = score_enterprises(Enterprise.objects.all(), [scheme], 2025, actor=admin)
    w.objects = {
        "department": department,
        "firm": firm,
        "zone_firm": zone_firm,
        "task_list": task_list,
        "item": item,
        "progress_report": report,
        "extension": extension,
        "notice": notice,
        "bulletin": bulletin,
        "batch": batch,
        "indicator": indicator,
        "observation": observation,
        "run": runs[0].run,
    }
    return w


def _supervision_steps(w: World, item: Any, task_list: Any, at: dt.datetime) -> tuple[Any, ...]:
    """Assign, sign, report (with an attachment), ask for an extension, a notice, a bulletin."""
    from jiazhou_web.supervision import actions as supervision

    supervision.assign_item(item, actor=w.users["city_admin"], at=at)
    supervision.sign_item(item, actor=w.users["dept_officer"], at=at)
    report = supervision.report_progress(
        item,
        percent_done=10,
        text="已启动",
        actor=w.users["dept_officer"],
        attachment=SimpleUploadedFile("进展.pdf", b"%PDF-1.4 test"),
        at=at,
    )
    extension = supervision.request_extension(
        item,
        proposed_deadline=dt.date(2025, 9, 30),
        reason="设备延期",
        actor=w.users["dept_officer"],
        at=at,
    )
    notice = supervision.issue_notice(
        item, kind="yellow", reason="进度滞后", actor=w.users["city_admin"], at=at
    )
    bulletin = supervision.draft_bulletin(
        task_list, year=2025, month=5, actor=w.users["city_admin"], at=at
    )
    return report, extension, notice, bulletin
