"""The 年报申报 form, laid out like the 火炬统计 企业年报 sections, and the workspace's other forms.

Each value is checked by the same cell parsers as every import (``jiazhou.validation.cells``
through ``enterprises.imports.figure_parser``) and the same cross-field rules
(``jiazhou.validation.table.row_rules``); money is entered in 万元 and stored in 元.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from jiazhou.validation.cells import CellError, is_blank
from jiazhou.validation.table import row_rules
from jiazhou_web.core.magnitude import check_fits
from jiazhou_web.enterprises.figures import annual_field_map
from jiazhou_web.enterprises.imports import figure_parser
from jiazhou_web.enterprises.models import EnterpriseFigure
from jiazhou_web.workspace import display
from jiazhou_web.workspace.choices import DocumentKind

WAN = Decimal(10_000)

#: 火炬统计 企业年报 sections and the catalogue fields (jiazhou/fields.toml) each holds.
FORM_SECTIONS: tuple[tuple[StrOrPromise, tuple[str, ...]], ...] = (
    (_("Staff"), ("employees_total", "tech_staff", "rd_staff", "high_level_talent")),
    (
        _("Finances"),
        (
            "operating_revenue",
            "main_business_revenue",
            "sales_revenue_hnte",
            "total_income",
            "hitech_product_income",
            "total_assets",
            "total_liabilities",
            "net_profit",
            "cost_expense_total",
            "tax_vat",
            "tax_cit",
            "tax_other",
            "industrial_added_value",
        ),
    ),
    (
        _("S&T activity"),
        (
            "rd_expense_hnte",
            "rd_domestic_hnte",
            "rd_expense_deduction_basis",
            "rd_institution_level",
            "conversions",
            "tech_contract_turnover",
        ),
    ),
    (
        _("Intellectual property"),
        (
            "invention_patents",
            "ip_class1_count",
            "ip_class2_count",
            "ip_self_developed",
            "standards_participated",
        ),
    ),
)
DECLARED_CODES: tuple[str, ...] = tuple(code for _, codes in FORM_SECTIONS for code in codes)


def declarable_years(today: Any = None) -> list[int]:
    """The fiscal years a firm may declare: the three years before the current one."""
    year = (today or timezone.localdate()).year
    return [year - 1, year - 2, year - 3]


def to_text(value: Any) -> str:
    """A parsed value as kept on the declaration (元 for money, 1/0 for yes/no)."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return (
            format(value.normalize(), "f")
            if value != value.to_integral_value()
            else str(int(value))
        )
    return str(value)


def from_text(code: str, text: str) -> Any:
    """A declaration's kept value back as the figure value ``set_annual_figures`` takes."""
    spec = annual_field_map()[code]
    if spec.unit == "bool":
        return text == "1"
    if spec.unit in ("persons", "count", "level"):
        return int(text)
    if spec.unit == "code":
        return text
    return Decimal(text)


class DeclarationForm(forms.Form):
    """One fiscal year's figures; blank fields are not declared."""

    fiscal_year = forms.TypedChoiceField(label=_("Year declared"), coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = [(y, gettext("FY %(year)s") % {"year": y}) for y in declarable_years()]
        self.fields["fiscal_year"].choices = years  # type: ignore[attr-defined]
        specs = annual_field_map()
        for code in DECLARED_CODES:
            spec = specs[code]
            hint = _("Enter yes or no") if spec.unit == "bool" else ""
            self.fields[code] = forms.CharField(
                label=gettext("%(name)s (%(unit)s)")
                % {"name": spec.name_zh, "unit": display.unit_label(spec)},
                required=False,
                max_length=40,
                help_text=hint,
            )

    def sections(self) -> list[tuple[StrOrPromise, list[Any]]]:
        return [(label, [self[code] for code in codes]) for label, codes in FORM_SECTIONS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        specs = annual_field_map()
        values: dict[str, Any] = {}
        for code in DECLARED_CODES:
            raw = data.get(code)
            if raw is None or is_blank(raw):
                continue
            spec = specs[code]
            parse = figure_parser(spec, unit_factor=WAN)
            try:
                value = parse(raw)
            except CellError as exc:
                self.add_error(code, f"「{spec.name_zh}」：{exc.zh} / {code}: {exc.en}")
                continue
            if isinstance(value, Decimal):
                problem = check_fits(value, EnterpriseFigure, "value")
                if problem:
                    self.add_error(code, f"「{spec.name_zh}」：{problem[0]} / {code}: {problem[1]}")
                    continue
            values[code] = value
        for code, zh, en in row_rules(values):
            self.add_error(code, f"{zh}，请核对 / {en}")
        if not values and not self.errors:
            raise forms.ValidationError("请至少填写一项数据 / declare at least one value")
        data["values"] = {code: to_text(v) for code, v in values.items()}
        return data


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )


class CorrectionForm(forms.Form):
    proposed_value = forms.CharField(label=_("Correct to"), max_length=40)
    reason = forms.CharField(
        label=_("Reason and evidence for the correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class DecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Correct")), ("0", _("Not corrected"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(
        label=_("Reasons for the decision"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Category"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("File title"), max_length=200)
    file = forms.FileField(label=_("File"))


class InviteForm(forms.Form):
    username = forms.RegexField(
        label=pgettext_lazy("workspace", "Username"),
        regex=r"^[A-Za-z0-9_.@+-]{3,40}$",
        max_length=40,
        error_messages={
            "invalid": "登录名须为3至40位字母、数字或 _ . @ + - / username: 3-40 letters, digits or _.@+-"
        },
    )
    display_name = forms.CharField(label=pgettext_lazy("workspace", "Name"), max_length=60)
    password = forms.CharField(
        label=_("Initial password"), widget=forms.PasswordInput, min_length=10, max_length=128
    )
