from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.accounts import throttle
from jiazhou_web.accounts.choices import ROLE_SCOPE, Role
from jiazhou_web.accounts.models import Department, User
from jiazhou_web.core.choices import ScopeKind
from jiazhou_web.regions.models import Region


class LoginForm(AuthenticationForm):
    """The standard login form, saying so when an account is locked."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Too many failed logins: this account is locked for a while. Try again later."),
    }

    def clean(self) -> dict[str, Any]:
        """Refuse a throttled name or address before checking the password: the same answer
        whether or not the account exists (accounts.throttle)."""
        username = str(self.cleaned_data.get("username") or "")
        addr = str(self.request.META.get("REMOTE_ADDR", "")) if self.request else ""
        if username and throttle.blocked(username, addr):
            raise ValidationError(self.error_messages["locked"], code="locked")
        return super().clean()


# --- 系统 → 用户与角色 (city administrators) -----------------------------------------------------

DATE = forms.DateInput(attrs={"type": "date"})
#: How far a role assignment may start before/after today, and end after today (days). [U]
#: Policy choice: a role is given for the current work, not back-dated for years or planned
#: decades ahead; dates such as 0001-01-01 or 9999-12-31 are typing mistakes.
START_WINDOW_DAYS = 366
END_WINDOW_DAYS = 10 * 366


class _Styled(forms.Form):
    """Bootstrap classes on every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm" if css == "form-control" else css


#: Chinese-first messages of the password validators (AUTH_PASSWORD_VALIDATORS), by code:
#: Django 5.2's own Chinese catalogue lags its English messages.
PASSWORD_RULES_ZH = {
    "password_too_short": "太短，至少10位",
    "password_too_similar": "与用户名、姓名或邮箱过于相似",
    "password_too_common": "过于常见",
    "password_entirely_numeric": "不能全为数字",
    "password_too_simple": "须包含小写字母、大写字母、数字、符号中的至少三类",
}


class UserCreateForm(_Styled):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @ . + - _; used to sign in"),
    )
    display_name = forms.CharField(label=_("Full name (display name)"), max_length=60)
    email = forms.EmailField(label=pgettext_lazy("accounts", "Email"), required=False)
    department = forms.ModelChoiceField(
        Department.objects.order_by("code"),
        label=pgettext_lazy("accounts", "Organisation"),
        required=False,
    )
    password1 = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 10 characters from three of: capitals, small letters, digits, symbols; "
            "tell the user to change it after the first sign-in"
        ),
    )
    password2 = forms.CharField(
        label=_("Initial password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        username = str(User.normalize_username(self.cleaned_data["username"]))
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(
                f"「用户名」：{username} 已被使用 / username: {username!r} is taken"
            )
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error(
                "password2", "「再次输入初始密码」：两次输入不一致 / the passwords differ"
            )
        elif first:
            probe = User(
                username=data.get("username", ""),
                display_name=data.get("display_name", ""),
                email=data.get("email", ""),
            )
            try:
                validate_password(first, user=probe)
            except ValidationError as exc:
                for error in exc.error_list:
                    message = " ".join(error.messages)
                    zh = PASSWORD_RULES_ZH.get(str(error.code))
                    self.add_error(
                        "password1", f"「初始密码」：{zh} / {message}" if zh else message
                    )
        return data


#: The fields of the assignment form in the English half of a message (no code names).
EN_FIELDS = {
    "region": "county",
    "zone": "zone",
    "department": "unit",
    "enterprise": "enterprise",
    "valid_from": "start date",
    "valid_to": "end date",
}


class RoleAssignForm(_Styled):
    """A role and the object its scope names: a county for 区县, a zone for 高新区, a unit for
    责任单位/登记机构, an enterprise (by 统一社会信用代码) for 企业用户; none for the others."""

    role = forms.ChoiceField(label=pgettext_lazy("accounts", "Role"), choices=Role.choices)
    region = forms.ModelChoiceField(
        Region.objects.counties().order_by("code"), label=_("District/county"), required=False
    )
    zone = forms.ModelChoiceField(
        Region.objects.zones().order_by("code"),
        label=_("Functional zone (high-tech zone)"),
        required=False,
    )
    department = forms.ModelChoiceField(
        Department.objects.order_by("code"), label=_("Responsible unit"), required=False
    )
    enterprise = forms.CharField(
        label=_("Enterprise unified social credit code"), max_length=18, required=False, strip=True
    )
    valid_from = forms.DateField(
        label=pgettext_lazy("accounts", "Valid from"), required=False, widget=DATE
    )
    valid_to = forms.DateField(
        label=pgettext_lazy("accounts", "Valid until"), required=False, widget=DATE
    )

    TARGET_FIELDS: dict[str, str] = {
        ScopeKind.REGION: "region",
        ScopeKind.ZONE: "zone",
        ScopeKind.DEPARTMENT: "department",
        ScopeKind.ENTERPRISE: "enterprise",
    }

    def clean_enterprise(self) -> Any:
        from jiazhou_web.enterprises.models import Enterprise

        code = str(self.cleaned_data.get("enterprise") or "").strip().upper()
        if not code:
            return None
        firm = Enterprise.objects.filter(uscc=code).first()
        if firm is None:
            raise ValidationError(
                f"「企业统一社会信用代码」：未找到代码为 {code} 的企业 / "
                f"enterprise: no enterprise with USCC {code}"
            )
        return firm

    def _check_window(self, name: str, label: str, low: dt.date, high: dt.date) -> None:
        value = self.cleaned_data.get(name)
        if value is not None and not low <= value <= high:
            self.add_error(
                name,
                f"「{label}」须在 {low:%Y年%-m月%-d日} 至 {high:%Y年%-m月%-d日} 之间 / "
                f"{EN_FIELDS[name]}: must lie between {low} and {high}",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        window = dt.timedelta(days=START_WINDOW_DAYS)
        self._check_window("valid_from", "生效日期", today - window, today + window)
        self._check_window(
            "valid_to", "有效期至", today - window, today + dt.timedelta(days=END_WINDOW_DAYS)
        )
        role = data.get("role")
        if not role:
            return data
        wanted = self.TARGET_FIELDS.get(ROLE_SCOPE[role])
        label = Role(role).label
        for name in self.TARGET_FIELDS.values():
            given = data.get(name)
            if name == wanted and given is None and name not in self.errors:
                self.add_error(
                    name,
                    f"「{self.fields[name].label}」：角色「{label}」须指定 / "
                    f"{EN_FIELDS[name]}: required for this role",
                )
            elif name != wanted and given is not None:
                self.add_error(
                    name,
                    f"「{self.fields[name].label}」：角色「{label}」"
                    f"的数据范围是{ScopeKind(ROLE_SCOPE[role]).label}，不应填写 / "
                    f"{EN_FIELDS[name]}: this role does not take one",
                )
        data["target"] = data.get(wanted) if wanted else None
        return data
