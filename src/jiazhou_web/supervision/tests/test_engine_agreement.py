"""The web's choices are the task engine's: one lifecycle, one palette."""

from __future__ import annotations

from django.utils import translation

from jiazhou import tasks
from jiazhou_web.supervision.choices import LIGHT_CSS, Light, Stage


def test_stages_and_lights_are_the_engines() -> None:
    assert [s.value for s in Stage] == [s.value for s in tasks.Stage]
    assert [light.value for light in Light] == [light.value for light in tasks.Light]


def test_light_labels_and_classes_come_from_the_palette() -> None:
    for light in Light:
        swatch = tasks.PALETTE[tasks.Light(light.value)]
        assert LIGHT_CSS[light] == swatch.css
        with translation.override("en"):
            assert str(light.label) == swatch.label_en
        with translation.override("zh-hans"):
            assert str(light.label) == swatch.label_zh
