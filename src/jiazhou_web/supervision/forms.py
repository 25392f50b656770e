"""Forms of the supervision pages; they only parse input, the actions decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.accounts.models import Department, User
from jiazhou_web.monitoring.models import Indicator
from jiazhou_web.regions.models import Region
from jiazhou_web.supervision import rules
from jiazhou_web.supervision.models import Milestone, TaskItem, TaskList

DATE = forms.DateInput(attrs={"type": "date"})


class StyledForm(forms.Form):
    """Bootstrap classes on every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = f"{css} form-control-sm" if css == "form-control" else css


class OwnerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """责任人: officers of a government unit, labelled with their name and unit."""

    unit_map: dict[int, set[str]] = {}  # noqa: RUF012 - set per form instance

    def label_from_instance(self, obj: Any) -> str:
        units = "、".join(sorted(self.unit_map.get(obj.pk, ())))
        name = obj.display_name or obj.username
        return f"{name}（{units}）" if units else str(name)


class IndicatorLinksField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Indicator links chosen from the catalogue by Chinese name (stored by code)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def unit_officer_choices() -> Any:
    """Users who act for some department (department officers; county/zone officers, who act
    for the units of their region) — never an enterprise user or a reviewer."""
    from django.db.models import Q

    from jiazhou_web.accounts.choices import Role
    from jiazhou_web.accounts.models import RoleAssignment

    active = RoleAssignment.objects.active()
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role_assignments__in=active.filter(role=Role.DEPARTMENT_OFFICER))
            | Q(
                role_assignments__in=active.filter(
                    role__in=[Role.COUNTY_OFFICER, Role.ZONE_OFFICER]
                )
            )
        )
        .distinct()
        .order_by("username")
    )


class ItemForm(StyledForm):
    task_list = forms.ModelChoiceField(
        TaskList.objects.all(), label=pgettext_lazy("supervision", "List")
    )
    code = forms.CharField(
        label=_("Item number"),
        max_length=30,
        required=False,
        help_text="留空则按清单自动编号（如 T007） / leave empty to number automatically",
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.CharField(label=_("Category"), max_length=60, required=False)
    lead_unit = forms.ModelChoiceField(Department.objects.all(), label=_("Lead unit"))
    partner_units = forms.ModelMultipleChoiceField(
        Department.objects.all(), label=_("Partner units"), required=False
    )
    owner = OwnerChoiceField(
        User.objects.none(),  # the officers of government units, set in __init__
        label=_("Responsible person"),
        required=False,
        help_text="须为牵头单位的人员 / must be an officer of the lead unit",
    )
    region = forms.ModelChoiceField(
        Region.objects.all(), label=pgettext_lazy("supervision", "Region"), required=False
    )
    indicator_codes = IndicatorLinksField(
        Indicator.objects.order_by("position", "code"),
        to_field_name="code",
        label="关联指标",
        required=False,
        help_text="按指标名称选择，可多选 / choose indicators by name",
    )
    platforms = forms.CharField(label=_("Platforms"), max_length=300, required=False)
    expected_outputs = forms.CharField(
        label=_("Expected outputs"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        officers = list(unit_officer_choices())
        _label_units(officers)
        owner = self.fields["owner"]
        assert isinstance(owner, OwnerChoiceField)
        owner.queryset = User.objects.filter(pk__in=[u.pk for u in officers]).order_by("username")
        owner.unit_map = {u.pk: u.unit_names for u in officers}
        self.fields["indicator_codes"].widget.attrs["size"] = 6

    def clean_indicator_codes(self) -> list[str]:
        return [i.code for i in self.cleaned_data["indicator_codes"]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        owner, unit = data.get("owner"), data.get("lead_unit")
        if owner is not None and unit is not None:
            from jiazhou_web.core.access.rules import acts_for_unit

            if not acts_for_unit(owner, unit.pk, unit.region_id):
                self.add_error(
                    "owner",
                    f"责任人须为牵头单位「{unit.name}」的人员 / "
                    f"the responsible person must be an officer of {unit.name}",
                )
        return data


def _label_units(users: list[Any]) -> None:
    """Attach ``unit_names`` (the departments each user acts for) in two queries."""
    from jiazhou_web.accounts.choices import Role
    from jiazhou_web.accounts.models import RoleAssignment

    by_user: dict[int, set[str]] = {u.pk: set() for u in users}
    regions: dict[int, list[str]] = {}
    for d in Department.objects.all():
        if d.region_id is not None:
            regions.setdefault(d.region_id, []).append(d.name)
    rows = (
        RoleAssignment.objects.active()
        .filter(user_id__in=list(by_user))
        .select_related("department")
    )
    for r in rows:
        if r.role == Role.DEPARTMENT_OFFICER and r.department is not None:
            by_user[r.user_id].add(r.department.name)
        elif r.role in (Role.COUNTY_OFFICER, Role.ZONE_OFFICER) and r.region_id is not None:
            by_user[r.user_id].update(regions.get(r.region_id, []))
    for u in users:
        u.unit_names = by_user.get(u.pk, set())


class MilestoneRowForm(StyledForm):
    """One milestone row: a name and a deadline (both, or neither)."""

    title = forms.CharField(label="里程碑", max_length=200, required=False)
    deadline = forms.DateField(label="期限", widget=DATE, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("title")) != bool(data.get("deadline")):
            raise forms.ValidationError(
                "里程碑须同时填写名称和期限 / a milestone needs both a name and a deadline"
            )
        return data


MilestoneFormSet = forms.formset_factory(MilestoneRowForm, extra=5, max_num=30)


def milestone_rows(formset: Any) -> list[tuple[str, dt.date]]:
    """The filled rows of a valid milestone formset, by deadline."""
    rows = [
        (f.cleaned_data["title"].strip(), f.cleaned_data["deadline"])
        for f in formset.forms
        if f.cleaned_data.get("title")
    ]
    return sorted(rows, key=lambda r: r[1])


class ProgressForm(StyledForm):
    percent_done = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100)
    text = forms.CharField(
        label=pgettext_lazy("supervision", "Progress"), widget=forms.Textarea(attrs={"rows": 3})
    )
    milestone = forms.ModelChoiceField(
        Milestone.objects.none(), label=_("Milestone reached"), required=False
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def __init__(self, *args: Any, item: TaskItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = item.milestones.filter(done_at__isnull=True)  # type: ignore[attr-defined]
        self.fields["percent_done"].initial = item.percent_done

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if upload is not None and upload.size > rules.attachment_max_bytes():
            raise forms.ValidationError(
                f"附件超过 {rules.attachment_max_bytes() // (1024 * 1024)} MB 上限 / "
                f"attachment is larger than the limit"
            )
        return upload


class TextForm(forms.Form):
    text = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(StyledForm):
    proposed_deadline = forms.DateField(label=_("Proposed deadline"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    approve = forms.BooleanField(required=False)
    note = forms.CharField(label=_("Note"), required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}))


class BulletinForm(StyledForm):
    task_list = forms.ModelChoiceField(
        TaskList.objects.all(), label=pgettext_lazy("supervision", "List")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["month"].initial = today.month


class OfficialScheduleForm(StyledForm):
    """The State Council notice as pasted text, or a holiday CSV (date,kind,name,name_zh,...)."""

    year = forms.IntegerField(
        label=pgettext_lazy("holidays", "Year"), min_value=2004, max_value=2099
    )
    text = forms.CharField(
        label=pgettext_lazy("holidays", "Full text of the notice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    csv_file = forms.FileField(
        label=pgettext_lazy("holidays", "Or upload a CSV file"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("csv_file")
        if upload is not None:
            if upload.size > 200_000:
                raise forms.ValidationError("CSV 文件过大（上限 200 KB） / CSV over 200 KB")
            try:
                data["csv_text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise forms.ValidationError(
                    "CSV 须为 UTF-8 编码 / the CSV must be UTF-8 encoded"
                ) from exc
        elif not (data.get("text") or "").strip():
            raise forms.ValidationError(
                "请粘贴通知全文或上传 CSV / paste the notice text or upload a CSV"
            )
        return data
