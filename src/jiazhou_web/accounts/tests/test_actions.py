"""Account actions write one audit row each and keep role and scope consistent."""

from typing import Any

import pytest
from django.db import IntegrityError

from jiazhou_web.accounts import actions
from jiazhou_web.accounts.models import RoleAssignment
from jiazhou_web.core.choices import CoreEvent, ScopeKind
from jiazhou_web.core.models import AuditLog

pytestmark = pytest.mark.django_db


def test_assign_role_takes_the_scope_of_the_role(regions: dict[str, Any]) -> None:
    user = actions.create_user(username="u", password="x", display_name="u", actor=None)
    assignment = actions.assign_role(user, "zone_officer", actor=None, target=regions["LS-HTZ"])
    assert assignment.scope_kind == ScopeKind.ZONE
    assert assignment.region == regions["LS-HTZ"]
    assert AuditLog.objects.filter(event_type=CoreEvent.ROLE_ASSIGNED).count() == 1


def test_a_region_scope_without_a_region_is_refused_by_the_database(db: Any) -> None:
    user = actions.create_user(username="u", password="x", display_name="u", actor=None)
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=user, role="county_officer", scope_kind=ScopeKind.REGION)
