"""Forms of 科技项目 pages (validation of shape; the rules are in the actions)."""

from __future__ import annotations

from typing import Any

from django import forms

from jiazhou_web.enterprises.choices import Programme


def _lines(text: str) -> list[str]:
    return [
        x.strip() for x in text.replace("，", "\n").replace(",", "\n").splitlines() if x.strip()
    ]


class CallForm(forms.Form):
    code = forms.CharField(label="指南编号", max_length=30)
    title = forms.CharField(label="指南名称", max_length=200)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    field = forms.CharField(label="支持领域（与专家库领域一致）", max_length=60)
    budget_yuan = forms.DecimalField(
        label="财政预算（元）", min_value=0, max_digits=14, decimal_places=2
    )
    max_per_project_yuan = forms.DecimalField(
        label="单项最高支持（元）", min_value=0, max_digits=14, decimal_places=2
    )
    opens = forms.DateField(label="申报开始", widget=forms.DateInput(attrs={"type": "date"}))
    closes = forms.DateField(label="申报截止", widget=forms.DateInput(attrs={"type": "date"}))
    eligible_programmes = forms.MultipleChoiceField(
        label="申报条件：须持有其一的有效资质（不选则不限）",
        choices=Programme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    experts_per_application = forms.IntegerField(
        label="每项评审专家数", min_value=1, max_value=15, initial=5
    )


class ApplicationForm(forms.Form):
    title = forms.CharField(label="项目名称", max_length=200)
    summary = forms.CharField(
        label="项目简介", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    requested_yuan = forms.DecimalField(
        label="申请财政资金（元）", min_value=0, max_digits=14, decimal_places=2
    )
    co_applicants = forms.CharField(
        label="合作单位统一社会信用代码（每行一个）",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    team = forms.CharField(
        label="项目组成员姓名（每行一个）", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    shareholders = forms.CharField(
        label="申报单位主要股东（每行一个）",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("co_applicants", "team", "shareholders"):
            data[name] = _lines(data.get(name) or "")
        return data


class NoteForm(forms.Form):
    note = forms.CharField(label="理由/意见", widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(forms.Form):
    amount_yuan = forms.DecimalField(
        label="立项资金（元）", min_value=0, max_digits=14, decimal_places=2
    )


class ContractForm(forms.Form):
    start = forms.DateField(label="任务书开始", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="任务书截止", widget=forms.DateInput(attrs={"type": "date"}))


class MilestoneForm(forms.Form):
    title = forms.CharField(label="节点内容", max_length=200)
    due = forms.DateField(label="计划完成", widget=forms.DateInput(attrs={"type": "date"}))
    budget_yuan = forms.DecimalField(
        label="节点预算（元）", min_value=0, max_digits=14, decimal_places=2, required=False
    )


class ScoreForm(forms.Form):
    score = forms.DecimalField(label="评分（0–100）", min_value=0, max_value=100, decimal_places=2)
    comment = forms.CharField(
        label="评审意见", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ExtensionForm(forms.Form):
    asked_on = forms.DateField(label="延期申请日", widget=forms.DateInput(attrs={"type": "date"}))
    new_end = forms.DateField(label="延期后截止日", widget=forms.DateInput(attrs={"type": "date"}))
