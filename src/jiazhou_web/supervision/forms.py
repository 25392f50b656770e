"""Forms of the supervision pages; they only parse input, the actions decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiazhou_web.accounts.models import Department, User
from jiazhou_web.regions.models import Region
from jiazhou_web.supervision import rules
from jiazhou_web.supervision.milestone_text import parse_milestones
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


class ItemForm(StyledForm):
    task_list = forms.ModelChoiceField(TaskList.objects.all(), label=_("List"))
    code = forms.CharField(label=_("Item number"), max_length=30)
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.CharField(label=_("Category"), max_length=60, required=False)
    lead_unit = forms.ModelChoiceField(Department.objects.all(), label=_("Lead unit"))
    partner_units = forms.ModelMultipleChoiceField(
        Department.objects.all(), label=_("Partner units"), required=False
    )
    owner = forms.ModelChoiceField(
        User.objects.filter(is_active=True).order_by("username"),
        label=_("Responsible person"),
        required=False,
    )
    region = forms.ModelChoiceField(Region.objects.all(), label=_("Region"), required=False)
    indicator_codes = forms.CharField(
        label=_("Indicator codes"), required=False, help_text=_("Separate codes with commas.")
    )
    platforms = forms.CharField(label=_("Platforms"), max_length=300, required=False)
    expected_outputs = forms.CharField(
        label=_("Expected outputs"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    milestones = forms.CharField(
        label=_("Milestones"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line: YYYY-MM-DD title."),
    )

    def clean_milestones(self) -> list[tuple[str, dt.date]]:
        try:
            return parse_milestones(self.cleaned_data["milestones"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_indicator_codes(self) -> list[str]:
        raw = self.cleaned_data["indicator_codes"].replace("，", ",").replace("、", ",")
        return [c.strip() for c in raw.split(",") if c.strip()]


class ProgressForm(StyledForm):
    percent_done = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100)
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}))
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
    task_list = forms.ModelChoiceField(TaskList.objects.all(), label=_("List"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["month"].initial = today.month


class OfficialScheduleForm(StyledForm):
    """The State Council notice as pasted text, or a holiday CSV (date,kind,name,name_zh,...)."""

    year = forms.IntegerField(label="年份", min_value=2004, max_value=2099)
    text = forms.CharField(
        label="通知全文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    csv_file = forms.FileField(label="或上传 CSV 文件", required=False)

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
