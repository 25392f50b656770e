"""The Python-rendered selects and inputs write exactly what Django's widget templates write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from jiazhou_web.core.widgets import (
    FastDateInput,
    FastNumberInput,
    FastSelect,
    FastSelectMultiple,
    FastTextInput,
    speed_up,
)

CHOICES: list[Any] = [
    ("", "---------"),
    ("a", "A & <b>B</b>"),
    ("safe", mark_safe("<em>已转义</em>")),
    (3, 1234567),
    ("规上", "规模以上工业企业"),
    ("组", [("x", "X"), ("y", 'quote " y')]),
    ("lazy", gettext_lazy("Enterprise")),
    (mark_safe("<v>"), "a value marked safe is still escaped"),
    (None, "none"),
]

CASES = [
    ("f", "a", {}),
    ("f", "x", {"class": "form-select form-select-sm", "id": "id_f"}),
    ("f", None, {"disabled": True, "data-x": "<&>", "hidden": False}),
    ("f", 3, {"required": True}),
    ('q"<', "规上", {}),
    ("f", "a", {"data-safe": mark_safe("<b>"), "title": 'a "b" & c'}),
]


@pytest.mark.parametrize(("name", "value", "attrs"), CASES)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_select_writes_what_the_template_writes(
    name: str, value: Any, attrs: dict[str, Any], language: str
) -> None:
    with override(language):
        expected = forms.Select(choices=CHOICES).render(name, value, attrs=dict(attrs))
        got = FastSelect(choices=CHOICES).render(name, value, attrs=dict(attrs))
    assert got == expected


@pytest.mark.parametrize("value", [[], ["a"], ["a", "y", 3], None])
def test_select_multiple_writes_what_the_template_writes(value: Any) -> None:
    expected = forms.SelectMultiple(choices=CHOICES).render("m", value, attrs={"id": "id_m"})
    assert FastSelectMultiple(choices=CHOICES).render("m", value, attrs={"id": "id_m"}) == expected


@pytest.mark.django_db
def test_a_model_choice_field_keeps_its_queryset_choices() -> None:
    from jiazhou_web.regions.models import Region

    field = forms.ModelChoiceField(Region.objects.order_by("code"))
    expected = field.widget.render("region", None)
    speed_up(field)
    assert isinstance(field.widget, FastSelect)
    assert field.widget.render("region", None) == expected and "<option" in expected


@pytest.mark.parametrize(
    "field",
    [
        forms.NullBooleanField(),
        forms.CharField(widget=forms.Textarea),
        forms.EmailField(),
        forms.CharField(widget=forms.PasswordInput),
    ],
)
def test_widgets_with_templates_of_their_own_are_left_alone(field: forms.Field) -> None:
    kind = type(field.widget)
    speed_up(field)
    assert type(field.widget) is kind


INPUT_VALUES = [
    None,
    "",
    "规上 & <script>",
    'a "quoted" value',
    mark_safe("<b>safe</b>"),
    0,
    Decimal("1234567.50"),
    12.5,
    dt.date(2026, 10, 1),
    gettext_lazy("Enterprise"),
]
INPUT_ATTRS = [
    {},
    {"class": "form-control form-control-sm", "id": "id_q", "placeholder": "关键词"},
    {"required": True, "disabled": False, "data-x": mark_safe("<&>"), "step": 0.01},
]


@pytest.mark.parametrize("widget", [forms.TextInput, forms.NumberInput, forms.DateInput])
@pytest.mark.parametrize("value", INPUT_VALUES)
@pytest.mark.parametrize("attrs", INPUT_ATTRS)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_inputs_write_what_the_template_writes(
    widget: type[forms.Widget], value: Any, attrs: dict[str, Any], language: str
) -> None:
    twins: dict[type[forms.Widget], type[forms.Widget]] = {
        forms.TextInput: FastTextInput,
        forms.NumberInput: FastNumberInput,
    }
    twin = twins.get(widget, FastDateInput)
    with override(language):
        expected = widget().render('q"<', value, attrs=dict(attrs))
        got = twin().render('q"<', value, attrs=dict(attrs))
    assert got == expected


def test_a_date_input_with_its_own_format_keeps_it() -> None:
    day = dt.date(2026, 10, 1)
    expected = forms.DateInput(format="%Y年%m月%d日").render("since", day)
    assert FastDateInput(format="%Y年%m月%d日").render("since", day) == expected
    assert 'value="2026年10月01日"' in expected


@pytest.mark.parametrize(
    ("field", "twin"),
    [
        (forms.CharField(), FastTextInput),
        (forms.DecimalField(), FastNumberInput),
        (forms.DateField(), FastDateInput),
        (forms.ChoiceField(choices=[("a", "A")]), FastSelect),
    ],
)
def test_speed_up_swaps_plain_widgets_for_their_twins(field: forms.Field, twin: type) -> None:
    speed_up(field)
    assert type(field.widget) is twin
