"""Account actions write one audit row each and keep role and scope consistent."""

from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
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


def test_users_created_with_one_password_hash_all_sign_in_with_that_password(db: Any) -> None:
    hashed = make_password("Shared@2026")
    users = [
        actions.create_user(username=name, password_hash=hashed, display_name=name, actor=None)
        for name in ("a", "b")
    ]
    assert all(u.check_password("Shared@2026") for u in users)
    assert not users[0].check_password("other")
    assert AuditLog.objects.filter(event_type=CoreEvent.USER_CREATED).count() == 2


def test_a_user_created_without_a_password_cannot_sign_in(db: Any) -> None:
    user = actions.create_user(username="nopass", display_name="nopass", actor=None)
    assert not user.has_usable_password()
