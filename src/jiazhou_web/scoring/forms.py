"""Starting a scoring run from the web."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiazhou.schemes import list_schemes
from jiazhou_web.core.citations import without_project_notes
from jiazhou_web.core.names import scheme_label


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
