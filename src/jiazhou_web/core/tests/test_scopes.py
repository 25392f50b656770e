"""Data scopes: ``.for_user`` keeps exactly the rows a user's role assignments reach."""

from __future__ import annotations

from typing import Any

import pytest

from jiazhou_web.accounts import actions
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def firms(make_enterprise: Any) -> dict[str, Any]:
    return {
        "wutongqiao": make_enterprise(region="511112"),
        "shizhong_zone": make_enterprise(region="511102", zone=True),
        "qianwei": make_enterprise(region="511123"),
    }


def names(qs: Any) -> set[str]:
    return set(qs.values_list("name", flat=True))


def test_city_admin_sees_every_enterprise(city_admin: Any, firms: dict[str, Any]) -> None:
    assert Enterprise.objects.for_user(city_admin).count() == 3


def test_county_officer_sees_only_firms_registered_in_its_county(
    county_officer: Any, firms: dict[str, Any]
) -> None:
    assert names(Enterprise.objects.for_user(county_officer)) == {firms["wutongqiao"].name}


def test_zone_officer_sees_only_zone_members(zone_officer: Any, firms: dict[str, Any]) -> None:
    assert names(Enterprise.objects.for_user(zone_officer)) == {firms["shizhong_zone"].name}


def test_enterprise_user_sees_only_its_own_record(firms: dict[str, Any]) -> None:
    user = actions.create_user(username="ent", password="x", display_name="ent", actor=None)
    actions.assign_role(user, "enterprise_user", actor=None, target=firms["qianwei"])
    assert names(Enterprise.objects.for_user(user)) == {firms["qianwei"].name}


def test_user_without_roles_and_anonymous_see_nothing(outsider: Any, firms: dict[str, Any]) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not Enterprise.objects.for_user(outsider).exists()
    assert not Enterprise.objects.for_user(AnonymousUser()).exists()


def test_scopes_of_several_roles_are_united(regions: dict[str, Any], firms: dict[str, Any]) -> None:
    user = actions.create_user(username="two", password="x", display_name="two", actor=None)
    actions.assign_role(user, "county_officer", actor=None, target=regions["511112"])
    actions.assign_role(user, "county_officer", actor=None, target=regions["511123"])
    assert names(Enterprise.objects.for_user(user)) == {
        firms["wutongqiao"].name,
        firms["qianwei"].name,
    }


def test_city_scope_reaches_the_whole_region_subtree(city_admin: Any) -> None:
    scope = user_scope(city_admin)
    assert scope.city


def test_expired_role_assignment_gives_no_scope(county_officer: Any, firms: dict[str, Any]) -> None:
    import datetime as dt

    county_officer.role_assignments.update(valid_to=dt.date(2000, 1, 1))
    fresh = type(county_officer).objects.get(pk=county_officer.pk)
    assert not Enterprise.objects.for_user(fresh).exists()


def test_holding_only_one_assignment_narrows_roles_verbs_and_scope(
    regions: Any, firms: dict[str, Any]
) -> None:
    """An API token acts as one of its user's assignments: a county officer who is also a
    zone officer (and a superuser) sees, through the county assignment, the county alone."""
    from jiazhou_web.core.access import can
    from jiazhou_web.core.scopes import holding_only

    user = actions.create_user(username="two_hats", password="x" * 12, display_name="", actor=None)
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    county = actions.assign_role(user, "county_officer", actor=None, target=regions["511112"])
    actions.assign_role(user, "zone_officer", actor=None, target=regions["LS-HTZ"])
    assert Enterprise.objects.for_user(user).count() == 3  # the superuser sees every firm
    narrowed = holding_only(user, county)
    assert names(Enterprise.objects.for_user(narrowed)) == {firms["wutongqiao"].name}
    assert not can(narrowed, "users.manage")  # a city verb: no superuser power in the copy
    assert can(narrowed, "enterprise.import", regions["511112"])
    assert not can(narrowed, "enterprise.import", regions["LS-HTZ"])
    assert user.is_superuser and Enterprise.objects.for_user(user).count() == 3  # unchanged
