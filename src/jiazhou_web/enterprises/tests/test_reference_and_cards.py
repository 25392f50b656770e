"""GB/T 4754-2017 reference data and the scope-aware home cards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from jiazhou_web.enterprises import actions
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.enterprises.dashboard import enterprise_cards
from jiazhou_web.enterprises.models import Industry

pytestmark = pytest.mark.django_db


def test_all_sections_and_divisions_of_gbt_4754_2017_are_loaded(db: Any) -> None:
    assert Industry.objects.filter(level=1).count() == 20  # 门类 A–T
    assert Industry.objects.filter(level=2).count() == 97  # 大类 01–97
    assert str(Industry.objects.get(code="C3825")) == "C3825 光伏设备及元器件制造"
    assert Industry.objects.get(code="C3825").parent.code == "C382"  # type: ignore[union-attr]
    assert Industry.objects.get(code="T97").name == "国际组织"


def test_every_child_code_extends_its_parent(db: Any) -> None:
    for industry in Industry.objects.exclude(parent=None).select_related("parent"):
        assert industry.parent is not None
        assert industry.code.startswith(industry.parent.code)
        assert industry.level == industry.parent.level + 1


def test_home_cards_count_within_the_users_scope(
    county_officer: Any, city_admin: Any, spread: dict[str, Any]
) -> None:
    today = timezone.localdate()
    for n, firm in enumerate(spread.values()):
        actions.add_certificate(
            firm,
            programme=Programme.HNTE,
            number=f"GR{n}",
            valid_from=today - dt.timedelta(days=30),
            valid_to=today + dt.timedelta(days=1000),
            actor=None,
        )
    county = {str(c.label): c.value for c in enterprise_cards(county_officer)}
    city = {str(c.label): c.value for c in enterprise_cards(city_admin)}
    assert county == {"企业总数": 1, "高新技术企业": 1, "科技型中小企业": 0}
    assert city == {"企业总数": 3, "高新技术企业": 3, "科技型中小企业": 0}


def test_a_user_without_scope_gets_no_cards(outsider: Any, spread: dict[str, Any]) -> None:
    assert enterprise_cards(outsider) == []


def test_every_manufacturing_class_is_loaded(db: Any) -> None:
    """制造业 (C13–C43) in full: 31 大类, 179 中类, 609 小类 (GB/T 4754-2017), so a firm in
    3071 建筑陶瓷制品制造 (issue 14) or any other 小类 of manufacturing is accepted."""
    manufacturing = Industry.objects.filter(code__startswith="C")
    assert manufacturing.filter(level=2).count() == 31
    assert manufacturing.filter(level=3).count() == 179
    assert manufacturing.filter(level=4).count() == 609
    assert str(Industry.objects.get(code="C3071")) == "C3071 建筑陶瓷制品制造"
    assert Industry.objects.get(code="C3071").parent.name == "陶瓷制品制造"  # type: ignore[union-attr]
    # Every 中类 of manufacturing has at least one 小类 (a class ending in 0 where it is single).
    for group in manufacturing.filter(level=3):
        assert Industry.objects.filter(parent=group).exists(), group.code
