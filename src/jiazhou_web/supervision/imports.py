"""Excel import of a whole list (清单导入): one row per item, all rows stored or none."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from jiazhou_web.accounts.models import Department, User
from jiazhou_web.core.imports import ImportColumn, Importer, date, text
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.milestone_text import parse_milestones
from jiazhou_web.supervision.models import TaskItem, TaskList


def _names(value: Any) -> list[str]:
    raw = str(value or "")
    for sep in ("，", ",", ";", "；", "\n"):
        raw = raw.replace(sep, "、")
    return [part.strip() for part in raw.split("、") if part.strip()]


def _department(name: str) -> Department | None:
    return Department.objects.filter(Q(name=name) | Q(code=name)).first()


class ItemImporter(Importer):
    title = "督办事项"
    columns = (
        ImportColumn("list_code", "清单编号", text(40), note="已建立的清单编号，如 sizhang-2026"),
        ImportColumn("code", "事项编号", text(30)),
        ImportColumn("title", "事项名称", text(200)),
        ImportColumn(
            "category", "类别", text(60), required=False, note="如：攻关、转化、示范、推广"
        ),
        ImportColumn("lead_unit", "牵头单位", text(100), note="单位全称或编码"),
        ImportColumn("partner_units", "配合单位", text(500), required=False, note="以、分隔"),
        ImportColumn("owner", "责任人账号", text(150), required=False),
        ImportColumn("indicators", "关联指标编码", text(300), required=False, note="以、分隔"),
        ImportColumn(
            "enterprises",
            "关联企业",
            text(1000),
            required=False,
            note="企业全称或统一社会信用代码，以、分隔",
        ),
        ImportColumn("platforms", "关联平台", text(300), required=False),
        ImportColumn("start_date", "开始日期", date()),
        ImportColumn("deadline", "截止日期", date()),
        ImportColumn(
            "milestones", "里程碑", text(2000), required=False, note="YYYY-MM-DD 名称；以；分隔"
        ),
        ImportColumn("expected_outputs", "预期成果", text(2000), required=False),
    )
    notes = ("导入的事项为「立项」状态，由督导组核对后交办。",)

    def unique_key(self, data: dict[str, Any]) -> Any:
        return (data.get("list_code"), data.get("code"))

    def check_row(self, data: dict[str, Any]) -> list[str]:
        errors: list[str] = []
        task_list = TaskList.objects.filter(code=data["list_code"]).first()
        if task_list is None:
            errors.append(f"「清单编号」：没有编号为「{data['list_code']}」的清单 / unknown list")
        elif TaskItem.objects.filter(task_list=task_list, code=data["code"]).exists():
            errors.append(f"「事项编号」：清单中已有「{data['code']}」 / item number already used")
        data["task_list"] = task_list
        data["lead_unit_obj"] = _department(data["lead_unit"])
        if data["lead_unit_obj"] is None:
            errors.append(f"「牵头单位」：未找到单位「{data['lead_unit']}」 / unknown lead unit")
        partners = []
        for name in _names(data.get("partner_units")):
            unit = _department(name)
            if unit is None:
                errors.append(f"「配合单位」：未找到单位「{name}」 / unknown partner unit")
            partners.append(unit)
        data["partner_objs"] = partners
        data["owner_obj"] = None
        if data.get("owner"):
            data["owner_obj"] = User.objects.filter(username=data["owner"]).first()
            if data["owner_obj"] is None:
                errors.append(f"「责任人账号」：未找到用户「{data['owner']}」 / unknown user")
        firms = []
        for name in _names(data.get("enterprises")):
            firm = Enterprise.objects.filter(Q(name=name) | Q(uscc=name)).first()
            if firm is None:
                errors.append(f"「关联企业」：未找到企业「{name}」 / unknown enterprise")
            firms.append(firm)
        data["enterprise_objs"] = firms
        try:
            data["milestone_list"] = parse_milestones(data.get("milestones") or "")
        except ValueError as exc:
            errors.append(f"「里程碑」：{exc}")
            data["milestone_list"] = []
        if data["deadline"] < data["start_date"]:
            errors.append("「截止日期」：早于开始日期 / deadline is before the start date")
        for title, due in data["milestone_list"]:
            if not data["start_date"] <= due <= data["deadline"]:
                errors.append(
                    f"「里程碑」：「{title}」期限 {due} 不在起止日期之间 / milestone outside dates"
                )
        return errors

    def save(self, rows: list[dict[str, Any]], *, actor: Any) -> int:
        for data in rows:
            actions.create_item(
                data["task_list"],
                code=data["code"],
                title=data["title"],
                category=data.get("category") or "",
                lead_unit=data["lead_unit_obj"],
                partner_units=data["partner_objs"],
                owner=data["owner_obj"],
                enterprises=data["enterprise_objs"],
                indicator_codes=_names(data.get("indicators")),
                platforms=data.get("platforms") or "",
                start_date=data["start_date"],
                deadline=data["deadline"],
                milestones=data["milestone_list"],
                expected_outputs=data.get("expected_outputs") or "",
                actor=actor,
            )
        return len(rows)
