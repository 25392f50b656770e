"""立项: lists and the items registered in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from jiazhou_web.core import audit
from jiazhou_web.supervision.actions.common import (
    SupervisionError,
    require_manager,
    require_plausible_date,
)
from jiazhou_web.supervision.choices import SupervisionEvent
from jiazhou_web.supervision.models import ItemIndicator, Milestone, TaskItem, TaskList


@transaction.atomic
def create_list(
    *,
    code: str,
    title: str,
    kind: str,
    year: int,
    actor: Any,
    description: str = "",
    source: str = "",
) -> TaskList:
    require_manager(actor, "建立清单")
    task_list = TaskList.objects.create(
        code=code, title=title, kind=kind, year=year, description=description, source=source
    )
    audit.record(
        SupervisionEvent.LIST_CREATED, actor=actor, target=task_list, after={"title": title}
    )
    return task_list


ITEM_PREFIX = "T"


def next_item_code(task_list: TaskList) -> str:
    """The list's next free item number: T + three digits, from a sequence per list (so two
    officers registering at once get different numbers), skipping numbers typed by hand."""
    from jiazhou_web.core.numbering import next_number

    series = f"supervision-item:{task_list.pk}"  # ≤ 40 characters (DocumentSequence)
    taken = set(TaskItem.objects.filter(task_list=task_list).values_list("code", flat=True))
    while True:
        n = next_number(series, task_list.year, existing=lambda: len(taken))
        code = f"{ITEM_PREFIX}{n:03d}"
        if code not in taken:
            return code


def _check_dates(code: str, start: dt.date, deadline: dt.date, milestones: Sequence[Any]) -> None:
    require_plausible_date(start, "开始日期", "start date")
    require_plausible_date(deadline, "截止日期", "deadline")
    if deadline < start:
        raise SupervisionError(
            f"事项「{code}」的截止日期 {deadline} 早于开始日期 {start} / "
            f"item {code}: deadline {deadline} is before start {start}"
        )
    for title, due in milestones:
        if not start <= due <= deadline:
            raise SupervisionError(
                f"事项「{code}」的里程碑「{title}」期限 {due} 不在 {start}–{deadline} 之间 / "
                f"item {code}: milestone {title!r} due {due} is outside {start}–{deadline}"
            )


@transaction.atomic
def create_item(
    task_list: TaskList,
    *,
    code: str,
    title: str,
    lead_unit: Any,
    start_date: dt.date,
    deadline: dt.date,
    actor: Any,
    category: str = "",
    partner_units: Iterable[Any] = (),
    owner: Any = None,
    region: Any = None,
    enterprises: Iterable[Any] = (),
    indicator_codes: Iterable[str] = (),
    platforms: str = "",
    expected_outputs: str = "",
    milestones: Sequence[tuple[str, dt.date]] = (),
    synthetic: bool = False,
) -> TaskItem:
    """立项: register an item (with its milestones) in a list. An empty ``code`` takes the
    list's next number (T001, T002 …, from the database sequence of the list); a responsible
    person must be an officer of the lead unit."""
    require_manager(actor, "立项")
    code = code.strip() or next_item_code(task_list)
    _check_dates(code, start_date, deadline, milestones)
    if owner is not None:
        from jiazhou_web.core.access.rules import acts_for_unit

        if not acts_for_unit(owner, lead_unit.pk, lead_unit.region_id):
            name = owner.display_name or owner.username
            raise SupervisionError(
                f"责任人「{name}」不是牵头单位「{lead_unit.name}」的人员 / "
                f"{owner.username} is not an officer of the lead unit {lead_unit.code}"
            )
    duplicate = (
        f"清单「{task_list}」已有编号为「{code}」的事项 / "
        f"list {task_list.code} already has an item numbered {code}"
    )
    if TaskItem.objects.filter(task_list=task_list, code=code).exists():
        raise SupervisionError(duplicate)
    item = audit.create_unique(
        TaskItem,
        duplicate,
        task_list=task_list,
        code=code,
        title=title,
        category=category,
        lead_unit=lead_unit,
        owner=owner,
        region=region,
        platforms=platforms,
        expected_outputs=expected_outputs,
        start_date=start_date,
        deadline=deadline,
        original_deadline=deadline,
        synthetic=synthetic,
    )
    partners = [p for p in partner_units if p.pk != lead_unit.pk]
    item.partner_units.set(partners)
    item.enterprises.set(list(enterprises))
    codes = sorted({c.strip() for c in indicator_codes if c.strip()})
    ItemIndicator.objects.bulk_create([ItemIndicator(item=item, code=c) for c in codes])
    Milestone.objects.bulk_create(
        [Milestone(item=item, title=t, deadline=d) for t, d in milestones]
    )
    audit.record(
        SupervisionEvent.ITEM_CREATED,
        actor=actor,
        target=item,
        after={
            "list": task_list.code,
            "title": title,
            "lead_unit": str(lead_unit),
            "partner_units": [str(p) for p in partners],
            "start_date": start_date,
            "deadline": deadline,
            "indicators": codes,
            "milestones": [f"{d} {t}" for t, d in milestones],
        },
    )
    return item
