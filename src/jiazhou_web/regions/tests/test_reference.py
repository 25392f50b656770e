"""Regions come from the versioned data file: Leshan, its 11 county-level units and the zone."""

from typing import Any

import pytest

from jiazhou_web.regions.models import Region

pytestmark = pytest.mark.django_db


def test_leshan_has_eleven_county_level_units(regions: dict[str, Any]) -> None:
    leshan = Region.objects.get(code="511100")
    assert Region.objects.counties().filter(parent=leshan).count() == 11


def test_the_zone_has_no_gb2260_code_and_overlays_districts(regions: dict[str, Any]) -> None:
    zone = regions["LS-HTZ"]
    assert zone.gb2260_code == ""
    assert zone.is_zone
    assert set(zone.overlays.values_list("code", flat=True)) == {"511102", "511112"}


def test_subtree_of_the_city_includes_every_county_and_the_zone(regions: dict[str, Any]) -> None:
    codes = Region.objects.subtree_codes("511100")
    assert {"511102", "511181", "LS-HTZ"} <= codes
    assert "510000" not in codes
