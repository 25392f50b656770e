"""``ChoiceDisplay._get_FIELD_display`` answers exactly as Django's own method."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.utils.translation import override

from jiazhou_web.core.choice_display import ChoiceDisplay
from jiazhou_web.core.names import choice_label

FIELDS = [
    (model, field)
    for model in apps.get_models()
    if issubclass(model, ChoiceDisplay)
    for field in model._meta.concrete_fields
    if field.choices
]


def test_the_platforms_models_use_it() -> None:
    names = {m._meta.label for m, _ in FIELDS}
    assert {"enterprises.Certificate", "pools.PoolMembership", "tickets.Ticket"} <= names
    assert len(FIELDS) > 50


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_choices_field_reads_as_djangos_own_display(language: str) -> None:
    """Each choice value, None and an unknown value, in both languages, for every field."""
    checked = 0
    with override(language):
        for model, field in FIELDS:
            values = [key for key, _ in field.flatchoices] + [None, "no-such-value"]
            for value in values:
                obj = model(**{field.attname: value})
                ours = getattr(obj, f"get_{field.name}_display")()
                django = models.Model._get_FIELD_display(obj, field)  # type: ignore[attr-defined]
                assert ours == django, (model, field.name, value)
                assert type(ours) is type(django)
                if value is not None:
                    assert choice_label(obj, field.attname) == str(django)
                checked += 1
    assert checked > 200


def test_the_label_follows_the_language_switch() -> None:
    from jiazhou_web.pools.models import PoolMembership

    row = PoolMembership(status="qualified")
    with override("zh-hans"):
        assert row.get_status_display() == "已认定"
    with override("en"):
        assert row.get_status_display() == "Qualified"
    with override("zh-hans"):
        assert row.get_status_display() == "已认定"
