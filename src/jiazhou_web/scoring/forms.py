"""Starting a scoring run from the web."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from jiazhou.schemes import list_schemes
from jiazhou_web.core.citations import without_project_notes
from jiazhou_web.core.names import scheme_label
from jiazhou_web.scoring.choices import AffiliationKind


def scheme_choices() -> list[tuple[str, str]]:
    # Annual cohort evaluations (创新积分制, 亩均) run in the evaluations app, not here.
    return [
        (s.code, f"{scheme_label(s.code)}（{without_project_notes(s.document)}）")
        for s in list_schemes()
        if s.evaluation is None
    ]


class RunForm(forms.Form):
    schemes = forms.MultipleChoiceField(
        label=_("Schemes"), choices=scheme_choices, widget=forms.CheckboxSelectMultiple
    )
    eval_year = forms.IntegerField(label=_("Evaluation year"), min_value=2016, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eval_year"].initial = timezone.localdate().year


class ExpertReviewForm(forms.Form):
    """One field per ``manual_review`` criterion: points inside the stored interval for an
    item, 符合 / 不符合 for a gate or route; a comment. Field names are ``c_<criterion id>``."""

    comment = forms.CharField(
        label=pgettext_lazy("scoring", "Review comment"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )

    def __init__(
        self, meta: dict[str, dict[str, Any]], waiting: list[Any], *args: Any, **kwargs: Any
    ) -> None:
        from jiazhou_web.core.citations import readable_cite

        super().__init__(*args, **kwargs)
        self.waiting = waiting
        for c in waiting:
            info = meta.get(c.criterion, {})
            label = f"{c.criterion} {info.get('label_zh', '')}".strip()
            cite = readable_cite(str(info.get("cite", "")))
            name = f"c_{c.criterion}"
            if c.kind == "item":
                low = c.points_min or 0.0
                high = c.points_max if c.points_max is not None else low
                field: forms.Field = forms.DecimalField(
                    label=label,
                    min_value=low,
                    max_value=high,
                    max_digits=6,
                    decimal_places=1,
                    help_text=gettext("Points %(low)s–%(high)s")
                    % {"low": f"{low:g}", "high": f"{high:g}"}
                    + f"　{cite}",
                    error_messages={
                        "required": f"请填写「{label}」的分值 / points required",
                        "min_value": f"「{label}」不得低于 {low:g} 分 / at least {low:g}",
                        "max_value": f"「{label}」不得高于 {high:g} 分 / at most {high:g}",
                        "invalid": f"「{label}」须为数字 / a number",
                    },
                    widget=forms.NumberInput({"step": "0.5", "class": "form-control"}),
                )
            else:
                field = forms.ChoiceField(
                    label=label,
                    choices=[
                        ("", pgettext("scoring", "Choose")),
                        ("met", pgettext("scoring", "Met")),
                        ("unmet", pgettext("scoring", "Not met")),
                    ],
                    help_text=cite,
                    error_messages={"required": f"请判定「{label}」 / decide met or unmet"},
                    widget=forms.Select({"class": "form-select"}),
                )
            self.fields[name] = field
        self.fields["comment"].widget.attrs["class"] = "form-control"
        # The criteria in the scheme's order (gates, then items), the comment last.
        self.order_fields([*(k for k in self.fields if k != "comment"), "comment"])

    def decisions(self) -> dict[str, float | bool]:
        out: dict[str, float | bool] = {}
        for c in self.waiting:
            value = self.cleaned_data[f"c_{c.criterion}"]
            out[c.criterion] = float(value) if c.kind == "item" else value == "met"
        return out


class AffiliationForm(forms.Form):
    """「我的关联申报」: the firm by its 统一社会信用代码 or exact name, the kind of link."""

    enterprise = forms.CharField(
        label=pgettext_lazy("scoring", "Enterprise (unified social credit code or full name)"),
        max_length=200,
        widget=forms.TextInput(
            {
                "placeholder": pgettext_lazy(
                    "scoring", "e.g. 91511100MA62XXXXXX or the firm's full name"
                )
            }
        ),
    )
    kind = forms.ChoiceField(label=_("Kind of link"), choices=AffiliationKind.choices)
    until_year = forms.IntegerField(
        label=pgettext_lazy("scoring", "Year left (for a past employer)"),
        required=False,
        min_value=1950,
        max_value=2100,
    )
    relation = forms.CharField(
        label=pgettext_lazy("scoring", "Details"),
        required=False,
        max_length=100,
        widget=forms.TextInput(),
    )

    def clean_enterprise(self) -> Any:
        from django.db.models import Q

        from jiazhou_web.enterprises.models import Enterprise

        text = self.cleaned_data["enterprise"].strip()
        found = list(Enterprise.objects.filter(Q(uscc=text.upper()) | Q(name=text))[:2])
        if not found:
            raise forms.ValidationError(f"未找到企业「{text}」，请填写统一社会信用代码或企业全称。")
        if len(found) > 1:
            raise forms.ValidationError(f"「{text}」对应多家企业，请改填统一社会信用代码。")
        return found[0]
