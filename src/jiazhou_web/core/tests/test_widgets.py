"""The Python-rendered selects write exactly what Django's widget templates write."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from jiazhou_web.core.widgets import FastSelect, FastSelectMultiple, speed_up

CHOICES: list[Any] = [
    ("", "---------"),
    ("a", "A & <b>B</b>"),
    ("safe", mark_safe("<em>已转义</em>")),
    (3, 1234567),
    ("规上", "规模以上工业企业"),
    ("组", [("x", "X"), ("y", 'quote " y')]),
    ("lazy", gettext_lazy("Enterprise")),
    (None, "none"),
]

CASES = [
    ("f", "a", {}),
    ("f", "x", {"class": "form-select form-select-sm", "id": "id_f"}),
    ("f", None, {"disabled": True, "data-x": "<&>", "hidden": False}),
    ("f", 3, {"required": True}),
    ('q"<', "规上", {}),
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


def test_widgets_with_templates_of_their_own_are_left_alone() -> None:
    field = forms.NullBooleanField()
    speed_up(field)
    assert type(field.widget) is forms.NullBooleanSelect
