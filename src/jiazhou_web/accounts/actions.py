"""Writes on users, departments and role assignments; each writes one audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from jiazhou_web.accounts import throttle
from jiazhou_web.accounts.choices import ROLE_SCOPE, AccountEvent, Role
from jiazhou_web.accounts.models import Department, RoleAssignment, User
from jiazhou_web.core import audit
from jiazhou_web.core.audit import DuplicateError, StaleStateError
from jiazhou_web.core.choices import CoreEvent, ScopeKind
from jiazhou_web.core.scopes import forget_cached_access
from jiazhou_web.regions.choices import RegionKind


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
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise DuplicateError(
            f"用户名「{user.username}」已被使用 / the username {user.username!r} is taken"
        ) from None
    audit.record(CoreEvent.USER_CREATED, actor=actor, target=user, after={"username": username})
    return user


# The kind of object each scope names (区县 → a county-level region, 高新区 → a zone, ...).
_TARGET_FIELD: dict[str, str] = {
    ScopeKind.REGION: "region",
    ScopeKind.ZONE: "region",
    ScopeKind.DEPARTMENT: "department",
    ScopeKind.ENTERPRISE: "enterprise",
}
_COUNTY_KINDS = frozenset(
    {
        RegionKind.DISTRICT,
        RegionKind.COUNTY,
        RegionKind.AUTONOMOUS_COUNTY,
        RegionKind.COUNTY_CITY,
    }
)


EN_SCOPE: dict[str, str] = {
    ScopeKind.REGION: "county",
    ScopeKind.ZONE: "functional zone",
    ScopeKind.DEPARTMENT: "unit",
    ScopeKind.ENTERPRISE: "enterprise",
}


def _check_target(role: str, scope_kind: str, target: Any) -> None:
    """The target must be the kind of object the role's scope names (or none for 全市/公众)."""
    from jiazhou_web.enterprises.models import Enterprise
    from jiazhou_web.regions.models import Region

    role_zh = Role(role).label
    if scope_kind in (ScopeKind.CITY, ScopeKind.PUBLIC):
        if target is not None:
            raise ValidationError(
                f"「{role_zh}」的数据范围是{ScopeKind(scope_kind).label}，不能指定对象 / "
                "this role takes no scope object"
            )
        return
    expected: dict[str, tuple[type, str]] = {
        ScopeKind.REGION: (Region, "区县"),
        ScopeKind.ZONE: (Region, "功能区（高新区）"),
        ScopeKind.DEPARTMENT: (Department, "责任单位"),
        ScopeKind.ENTERPRISE: (Enterprise, "企业"),
    }
    model, noun = expected[scope_kind]
    fits = isinstance(target, model)
    if fits and scope_kind == ScopeKind.REGION:
        fits = target.kind in _COUNTY_KINDS
    if fits and scope_kind == ScopeKind.ZONE:
        fits = target.kind == RegionKind.ZONE
    if not fits:
        raise ValidationError(
            f"「{role_zh}」须指定一个{noun}作为数据范围 / this role needs a {EN_SCOPE[scope_kind]}"
        )


@transaction.atomic
def assign_role(
    user: User,
    role: str,
    *,
    actor: Any,
    target: Any = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> RoleAssignment:
    """Give ``user`` a role over the scope the role takes; ``target`` is the region, zone,
    department or enterprise that scope names (none for city and public roles).

    Refused with a clear message: an unknown role, a target of the wrong kind, an end before
    the start, and the same role over the same target already in force on an overlapping day.
    """
    if role not in Role.values:
        raise ValidationError(f"未知角色「{role}」 / unknown role {role!r}")
    scope_kind = ROLE_SCOPE[role]
    _check_target(role, scope_kind, target)
    start = valid_from or timezone.localdate()
    if valid_to is not None and valid_to < start:
        raise ValidationError(
            f"「有效期至」{valid_to:%Y年%-m月%-d日}早于「生效日期」{start:%Y年%-m月%-d日} / "
            "valid_to is before valid_from"
        )
    fields: dict[str, Any] = {"region": None, "department": None, "enterprise": None}
    if target is not None:
        fields[_TARGET_FIELD[scope_kind]] = target
    User.objects.select_for_update().filter(pk=user.pk).first()  # one assignment at a time
    overlapping = RoleAssignment.objects.filter(user=user, role=role, **fields).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    )
    if valid_to is not None:
        overlapping = overlapping.filter(valid_from__lte=valid_to)
    if overlapping.exists():
        raise ValidationError(
            f"{user}已在该期间持有「{Role(role).label}」"
            f"{'（' + str(target) + '）' if target else ''}角色 / "
            "the user already holds this role over this scope in that period"
        )
    assignment = RoleAssignment.objects.create(
        user=user, role=role, scope_kind=scope_kind, valid_from=start, valid_to=valid_to, **fields
    )
    forget_cached_access(user)
    audit.record(
        CoreEvent.ROLE_ASSIGNED,
        actor=actor,
        target=user,
        after={
            "role": role,
            "scope": scope_kind,
            "target": str(target) if target else "",
            "valid_from": start,
            "valid_to": valid_to,
        },
    )
    return assignment


@transaction.atomic
def revoke_role(assignment: RoleAssignment, *, actor: Any) -> RoleAssignment:
    """End an assignment at once: it is no longer in force today (its row and history stay;
    one that has not started yet never comes into force). The row is locked: of two concurrent
    revocations the second is refused, as is revoking one that has already ended."""
    locked = RoleAssignment.objects.select_for_update().select_related("user").get(pk=assignment.pk)
    today = timezone.localdate()
    if locked.valid_to is not None and locked.valid_to < today:
        raise StaleStateError(
            f"「{locked}」已于{locked.valid_to:%Y年%-m月%-d日}终止，无需再撤销 / "
            "this role assignment has already ended"
        )
    end = max(today, locked.valid_from) - dt.timedelta(days=1)
    before = {"valid_to": locked.valid_to}
    locked.valid_to = end
    locked.save(update_fields=["valid_to", "updated"])
    forget_cached_access(locked.user)
    forget_cached_access(assignment.user)
    audit.record(
        AccountEvent.ROLE_REVOKED,
        actor=actor,
        target=locked.user,
        before=before,
        after={
            "role": locked.role,
            "scope": locked.scope_kind,
            "target": locked.scope_label,
            "valid_to": end,
        },
    )
    return locked


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
    locked = User.objects.select_for_update().get(pk=user.pk)
    before = {"failed_logins": locked.failed_logins, "locked_until": locked.locked_until}
    throttle.clear_account(user.username)
    User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
    user.failed_logins = 0
    user.locked_until = None
    audit.record(CoreEvent.ACCOUNT_UNLOCKED, actor=actor, target=user, before=before)


def record_password_change(user: User, *, actor: Any, remote_addr: str = "") -> None:
    """An audit row for a password change (never the password itself)."""
    audit.record(CoreEvent.PASSWORD_CHANGED, actor=actor, target=user, extra={"ip": remote_addr})


def record_logout(user: Any, *, remote_addr: str = "") -> None:
    """An audit row for a logout (nothing for an anonymous session)."""
    if getattr(user, "is_authenticated", False):
        audit.record(CoreEvent.LOGOUT, actor=user, target=user, extra={"ip": remote_addr})
