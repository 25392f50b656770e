"""core.access: the role → verb table, can/require, for_user (pk__in) and get_visible_or_404."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template import Context, Template

from jiazhou_web.accounts import actions as account_actions
from jiazhou_web.core import access
from jiazhou_web.core.seeding import DEMO_PASSWORD
from jiazhou_web.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db


def test_the_table_names_every_role_and_only_known_verbs() -> None:
    assert set(access.ROLE_VERBS) == {
        "city_admin",
        "zone_officer",
        "county_officer",
        "department_officer",
        "enterprise_user",
        "reviewer",
        "public",
        "bank_user",
        "service_provider",
        "tech_broker",
        "contract_registrar",
    }
    assert access.ROLE_VERBS["public"] == frozenset()
    assert "audit.view" not in access.ROLE_VERBS["reviewer"]
    assert "supervision.bulletin.view" not in access.ROLE_VERBS["enterprise_user"]
    assert all(v in access.VERBS for verbs in access.ROLE_VERBS.values() for v in verbs)


def test_can_follows_the_table(city_admin: Any, county_officer: Any, outsider: Any) -> None:
    assert access.can(city_admin, "audit.view")
    assert not access.can(county_officer, "audit.view")
    assert access.can(county_officer, "monitoring.report")
    assert not access.can(city_admin, "monitoring.report")  # the city reviews, never reports
    assert not access.can(outsider, "enterprise.view")
    assert not access.can(AnonymousUser(), "enterprise.view")
    assert not access.can(None, "enterprise.view")


def test_reviewer_may_not_read_the_audit_log(db: Any) -> None:
    reviewer = account_actions.create_user(
        username="rev", password=DEMO_PASSWORD, display_name="rev", actor=None
    )
    account_actions.assign_role(reviewer, "reviewer", actor=None)
    assert not access.can(reviewer, "audit.view")
    assert access.can(reviewer, "index.view")


def test_superuser_may_do_everything_but_an_inactive_user_nothing(city_admin: Any) -> None:
    root = account_actions.create_user(
        username="root", password=DEMO_PASSWORD, display_name="root", actor=None
    )
    root.is_superuser = True
    assert access.can(root, "users.manage")
    city_admin.is_active = False
    assert not access.can(city_admin, "audit.view")


def test_an_unknown_verb_is_a_programming_error(city_admin: Any) -> None:
    with pytest.raises(ValueError, match="unknown verb"):
        access.can(city_admin, "audit.veiw")


def test_require_raises_permission_denied_with_a_chinese_first_message(
    county_officer: Any,
) -> None:
    with pytest.raises(PermissionDenied, match="^无权执行此操作"):
        access.require(county_officer, "audit.view")
    access.require(county_officer, "enterprise.view")


def test_a_verb_on_an_object_also_needs_the_object_in_scope(
    county_officer: Any, make_enterprise: Any
) -> None:
    own = make_enterprise(region="511112")
    other = make_enterprise(region="511102")
    assert access.can(county_officer, "enterprise.maintain", own)
    assert not access.can(county_officer, "enterprise.maintain", other)


def test_get_visible_or_404(county_officer: Any, make_enterprise: Any) -> None:
    own = make_enterprise(region="511112")
    other = make_enterprise(region="511102")
    assert access.get_visible_or_404(Enterprise, county_officer, pk=own.pk) == own
    assert access.get_visible_or_404(Enterprise.objects.all(), county_officer, pk=own.pk) == own
    for lookup in ({"pk": other.pk}, {"pk": 10**9}, {"pk": "abc"}, {"pk": 10**30}):
        with pytest.raises(Http404):
            access.get_visible_or_404(Enterprise, county_officer, **lookup)


def test_template_filter_and_tag(
    city_admin: Any, county_officer: Any, make_enterprise: Any
) -> None:
    firm = make_enterprise(region="511102")
    template = Template(
        '{% load access %}{% if user|can:"audit.view" %}A{% endif %}'
        '{% can user "enterprise.maintain" firm as ok %}{% if ok %}M{% endif %}'
    )
    assert template.render(Context({"user": city_admin, "firm": firm})) == "AM"
    assert template.render(Context({"user": county_officer, "firm": firm})) == ""


# --- the rules folded in from the apps' permissions.py modules (issue 11) ---------------------


def test_no_app_keeps_its_own_permission_module() -> None:
    """Who may do what lives in core.access (verbs and object rules); no app has its own
    ``permissions.py`` (the ones of accounts … supervision were folded in, and the later apps —
    tickets, chains, assessments — were folded when they landed)."""
    from pathlib import Path

    root = Path(access.__file__).resolve().parents[2]
    assert sorted(str(p.relative_to(root)) for p in root.glob("*/permissions.py")) == []


def test_reporting_is_for_the_officers_own_region_only(
    regions: Any, county_officer: Any, zone_officer: Any, city_admin: Any
) -> None:
    assert access.can(county_officer, "monitoring.report", regions["511112"])
    assert not access.can(county_officer, "monitoring.report", regions["511102"])
    assert access.can(zone_officer, "monitoring.report", regions["LS-HTZ"])
    assert not access.can(zone_officer, "monitoring.report", regions["511112"])
    # the city reviews: its whole-city scope does not make it a reporter anywhere
    assert not access.can(city_admin, "monitoring.report", regions["511112"])


def test_enterprises_are_imported_into_regions_of_the_writers_scope(
    regions: Any, county_officer: Any, zone_officer: Any, city_admin: Any, dept_officer: Any
) -> None:
    assert access.can(county_officer, "enterprise.import", regions["511112"])
    assert not access.can(county_officer, "enterprise.import", regions["511102"])
    assert access.can(zone_officer, "enterprise.import", regions["LS-HTZ"])
    assert access.can(city_admin, "enterprise.import", regions["511102"])
    assert not access.can(dept_officer, "enterprise.import", regions["511100"])  # no role


def test_an_objection_is_filed_by_the_firm_or_its_county(
    regions: Any, county_officer: Any, zone_officer: Any, city_admin: Any, make_enterprise: Any
) -> None:
    own_county = make_enterprise(region="511112")
    elsewhere = make_enterprise(region="511102", zone=True)
    firm_user = account_actions.create_user(
        username="firm", password=DEMO_PASSWORD, display_name="firm", actor=None
    )
    account_actions.assign_role(firm_user, "enterprise_user", actor=None, target=elsewhere)
    assert access.can(firm_user, "evaluations.object", elsewhere)
    assert not access.can(firm_user, "evaluations.object", own_county)
    assert access.can(county_officer, "evaluations.object", own_county)
    assert not access.can(county_officer, "evaluations.object", elsewhere)
    # the zone and the city run the evaluation; they do not object to it
    assert not access.can(zone_officer, "evaluations.object", elsewhere)
    assert not access.can(city_admin, "evaluations.object", own_county)


def test_the_lead_unit_acts_on_its_items_and_the_recipient_lists_match(
    regions: Any, department: Any, dept_officer: Any, county_officer: Any, city_admin: Any
) -> None:
    from jiazhou_web.accounts.models import Department
    from jiazhou_web.core.access.rules import acts_for_unit, unit_officers

    county_unit = Department.objects.create(
        code="kj-511112", name="五通桥区科学技术局", kind="county_bureau", region=regions["511112"]
    )
    assert acts_for_unit(dept_officer, department.pk, department.region_id)
    assert not acts_for_unit(dept_officer, county_unit.pk, county_unit.region_id)
    assert acts_for_unit(county_officer, county_unit.pk, county_unit.region_id)
    assert not acts_for_unit(city_admin, department.pk, department.region_id)
    assert list(unit_officers(department)) == [dept_officer]
    assert list(unit_officers(county_unit)) == [county_officer]
    assert list(access.holders("supervision.manage")) == [city_admin]


def test_roles_and_scope_are_read_once_per_user_object(
    county_officer: Any, django_assert_num_queries: Any
) -> None:
    from jiazhou_web.accounts.models import User

    user = User.objects.get(pk=county_officer.pk)
    with django_assert_num_queries(2):  # the assignments, then the region tree for the scope
        for verb in ("monitoring.report", "enterprise.view", "audit.view", "index.view"):
            access.can(user, verb)
        access.roles_of(user)
        access.in_region_scope(user, "511112")
        access.in_region_scope(user, "511102")
