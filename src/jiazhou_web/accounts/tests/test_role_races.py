"""Issue 11 (defect 2) on the roles page: two administrators revoking the same role, or giving
the same role twice, at the same moment — exactly one takes effect, the other gets a clear
message, and the audit log holds one row (PostgreSQL: ``DATABASE_URL=postgres://…``)."""

from __future__ import annotations

from typing import Any

from jiazhou_web.accounts import actions
from jiazhou_web.accounts.choices import AccountEvent
from jiazhou_web.accounts.models import RoleAssignment, User
from jiazhou_web.core.choices import CoreEvent
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.tests.test_concurrency import needs_postgres, race, refused_clearly


@needs_postgres
def test_two_concurrent_revocations_end_the_role_once(
    transactional_db: Any, city_admin: Any
) -> None:
    user = actions.create_user(username="wang", display_name="王", actor=None)
    held = actions.assign_role(user, "reviewer", actor=None)

    def revoke() -> Any:
        return actions.revoke_role(RoleAssignment.objects.get(pk=held.pk), actor=city_admin)

    results = race(revoke, revoke)
    winners = [r for r in results if isinstance(r, RoleAssignment)]
    losers = [r for r in results if not isinstance(r, RoleAssignment)]
    assert len(winners) == 1 and len(losers) == 1
    assert refused_clearly(losers[0]), repr(losers[0])
    assert AuditLog.objects.filter(event_type=AccountEvent.ROLE_REVOKED).count() == 1


@needs_postgres
def test_the_same_role_given_twice_at_once_is_held_once(
    transactional_db: Any, regions: Any, city_admin: Any
) -> None:
    user = actions.create_user(username="li", display_name="李", actor=None)

    def give() -> Any:
        subject = User.objects.get(pk=user.pk)
        return actions.assign_role(
            subject, "county_officer", actor=city_admin, target=regions["511112"]
        )

    results = race(give, give)
    assert sum(isinstance(r, RoleAssignment) for r in results) == 1
    loser = next(r for r in results if not isinstance(r, RoleAssignment))
    assert refused_clearly(loser), repr(loser)
    assert RoleAssignment.objects.filter(user=user).count() == 1
    given = AuditLog.objects.filter(event_type=CoreEvent.ROLE_ASSIGNED, actor=city_admin)
    assert given.count() == 1
