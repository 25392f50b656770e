"""Forms of 创新平台 pages."""

from __future__ import annotations

from django import forms

from jiazhou_web.platforms.choices import Evaluation, Kind, Level
from jiazhou_web.regions.models import Region


class PlatformForm(forms.Form):
    name = forms.CharField(label="平台名称", max_length=200)
    kind = forms.ChoiceField(label="类别", choices=Kind.choices)
    level = forms.ChoiceField(label="级别", choices=Level.choices)
    host_name = forms.CharField(label="依托单位", max_length=200)
    region = forms.ModelChoiceField(
        label="所在区县",
        queryset=Region.objects.filter(kind__in=["district", "county", "city"]).order_by("code"),
    )
    field = forms.CharField(label="技术领域", max_length=60, required=False)
    chain_segment = forms.CharField(label="产业链环节", max_length=100, required=False)
    recognised_on = forms.DateField(
        label="认定日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    recognised_by = forms.CharField(label="认定文件（文号）", max_length=200, required=False)
    source = forms.CharField(label="信息来源", max_length=200)


class EvaluationForm(forms.Form):
    evaluated_on = forms.DateField(label="评估日期", widget=forms.DateInput(attrs={"type": "date"}))
    result = forms.ChoiceField(label="评估结果", choices=Evaluation.choices)


class ReportForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=1990, max_value=2100)
    rd_spending_yuan = forms.DecimalField(
        label="研发投入（元）", min_value=0, max_digits=14, decimal_places=2
    )
    staff = forms.IntegerField(label="研发人员（人）", min_value=0, max_value=1_000_000)
    projects = forms.IntegerField(label="承担项目（项）", min_value=0, max_value=100_000, initial=0)
    patents = forms.IntegerField(
        label="授权发明专利（件）", min_value=0, max_value=100_000, initial=0
    )
