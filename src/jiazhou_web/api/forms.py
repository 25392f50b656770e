"""The form of the tokens page: a name, one of the user's own roles, a lifetime in days."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from jiazhou_web.accounts.models import RoleAssignment


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=60,
        help_text=_("What the token is for, e.g. “data exchange with the statistics bureau”"),
        error_messages={"required": "「名称」：必填 / name: required"},
    )
    assignment = forms.ModelChoiceField(
        label=_("Role to act as"),
        queryset=RoleAssignment.objects.none(),
        help_text=_("The token has only this role's permissions and data scope"),
        error_messages={
            "required": "「角色」：必选 / assignment: required",
            "invalid_choice": "「角色」：须为您本人今天有效的角色 / assignment: not one of yours",
        },
    )
    days = forms.IntegerField(
        label=_("Days valid"),
        min_value=1,
        initial=90,
        error_messages={"required": "「有效天数」：必填 / days: required"},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignment"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            RoleAssignment.objects.active()
            .filter(user=user)
            .select_related("region", "department", "enterprise")
            .order_by("pk")
        )
        if len(field.queryset) == 1:  # one role: nothing to choose, no empty choice to miss
            field.empty_label = None
        days = self.fields["days"]
        assert isinstance(days, forms.IntegerField)
        limit = settings.API_TOKEN_MAX_DAYS
        days.validators.append(
            MaxValueValidator(limit, f"「有效天数」：不能超过 {limit} 天 / days: at most {limit}")
        )
        days.widget.attrs["max"] = limit
