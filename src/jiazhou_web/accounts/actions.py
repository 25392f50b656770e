"""Writes on users, departments and role assignments; each writes one audit row."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from jiazhou_web.accounts import throttle
from jiazhou_web.accounts.choices import ROLE_SCOPE
from jiazhou_web.accounts.models import Department, RoleAssignment, User
from jiazhou_web.core import audit
from jiazhou_web.core.choices import CoreEvent


@transaction.atomic
def create_department(*, code: str, name: str, kind: str, region: Any, actor: Any) -> Department:
    department = Department.objects.create(code=code, name=name, kind=kind, region=region)
    audit.record(CoreEvent.DEPARTMENT_CREATED, actor=actor, target=department, after={"name": name})
    return department


@transaction.atomic
def create_user(
    *,
    username: str,
    display_name: str,
    actor: Any,
    password: str | None = None,
    password_hash: str | None = None,
    department: Department | None = None,
    email: str = "",
) -> User:
    """A user signing in with ``password``, or with an already hashed ``password_hash`` (many
    users sharing one password hash it once); neither gives an unusable password."""
    user = User(
        username=User.normalize_username(username),
        email=User.objects.normalize_email(email),
        display_name=display_name,
        department=department,
        password=password_hash if password_hash is not None else make_password(password),
    )
    user.save()
    audit.record(CoreEvent.USER_CREATED, actor=actor, target=user, after={"username": username})
    return user


@transaction.atomic
def assign_role(user: User, role: str, *, actor: Any, target: Any = None) -> RoleAssignment:
    """Give ``user`` a role over the scope the role takes; ``target`` is the region, zone,
    department or enterprise that scope names (none for city and public roles)."""
    scope_kind = ROLE_SCOPE[role]
    fields: dict[str, Any] = {"region": None, "department": None, "enterprise": None}
    if target is not None:
        fields[
            {
                "region": "region",
                "zone": "region",
                "department": "department",
                "enterprise": "enterprise",
            }[scope_kind]
        ] = target
    assignment = RoleAssignment.objects.create(
        user=user, role=role, scope_kind=scope_kind, **fields
    )
    audit.record(
        CoreEvent.ROLE_ASSIGNED,
        actor=actor,
        target=user,
        after={"role": role, "scope": scope_kind, "target": str(target) if target else ""},
    )
    return assignment


@transaction.atomic
def record_login(user: User, *, remote_addr: str = "") -> None:
    """A successful login clears the account's failure counts (from this address)."""
    throttle.clear_account(user.username, remote_addr)
    if user.failed_logins or user.locked_until:
        user.failed_logins = 0
        user.locked_until = None
        user.save(update_fields=["failed_logins", "locked_until"])
    audit.record(CoreEvent.LOGIN, actor=user, target=user, extra={"ip": remote_addr})


@transaction.atomic
def record_failed_login(username: str, *, remote_addr: str = "") -> None:
    """Count a failure per account, address and both (accounts.throttle); audit it, and the
    account's lock when this failure sets it."""
    outcome = throttle.record_failure(username, remote_addr)
    user = User.objects.select_for_update().filter(username=username).first()
    extra = {"username": username[:150], "ip": remote_addr}
    if user is None:
        audit.record(CoreEvent.LOGIN_FAILED, actor=None, extra=extra)
        return
    newly_locked = outcome.account_locked_until is not None and user.locked_until != (
        outcome.account_locked_until
    )
    user.failed_logins = min(outcome.account_failures, 32767)
    user.locked_until = outcome.account_locked_until
    user.save(update_fields=["failed_logins", "locked_until"])
    audit.record(
        CoreEvent.LOGIN_FAILED,
        actor=None,
        target=user,
        extra={**extra, "count": user.failed_logins},
    )
    if newly_locked:
        audit.record(
            CoreEvent.ACCOUNT_LOCKED,
            actor=None,
            target=user,
            after={"locked_until": user.locked_until},
        )


@transaction.atomic
def unlock_user(user: User, *, actor: Any) -> None:
    """Administrator's unlock: forget the account's failures from every address (audited)."""
    before = {"failed_logins": user.failed_logins, "locked_until": user.locked_until}
    throttle.clear_account(user.username)
    user.failed_logins = 0
    user.locked_until = None
    user.save(update_fields=["failed_logins", "locked_until"])
    audit.record(CoreEvent.ACCOUNT_UNLOCKED, actor=actor, target=user, before=before)


def record_password_change(user: User, *, actor: Any, remote_addr: str = "") -> None:
    """An audit row for a password change (never the password itself)."""
    audit.record(CoreEvent.PASSWORD_CHANGED, actor=actor, target=user, extra={"ip": remote_addr})


def record_logout(user: Any, *, remote_addr: str = "") -> None:
    """An audit row for a logout (nothing for an anonymous session)."""
    if getattr(user, "is_authenticated", False):
        audit.record(CoreEvent.LOGOUT, actor=user, target=user, extra={"ip": remote_addr})
