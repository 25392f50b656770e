"""Data scopes (数据范围) as data.

A user's role assignments carry scopes: city (全市), a region subtree (区县), a functional zone
(高新区), a department (责任单位), an own enterprise (企业) or public. Every model a user can
reach uses :class:`ScopedQuerySet` and declares, in ``scope_paths``, which ORM paths lead to each
scope dimension; ``.for_user(user)`` then keeps the rows any of the user's scopes reaches.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from django.db import models
from django.db.models import Q

from jiazhou_web.core.choice_display import ChoiceDisplay
from jiazhou_web.core.choices import ScopeKind

CACHE_ATTR = "_jiazhou_scope"
ASSIGNMENTS_ATTR = "_jiazhou_assignments"


def active_assignments(user: Any) -> tuple[Any, ...]:
    """The role assignments ``user`` holds today, with their region, department and enterprise;
    read once per user object (so once per request: roles, scope, menu and the page shell all
    read this one list)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ()
    cached: tuple[Any, ...] | None = getattr(user, ASSIGNMENTS_ATTR, None)
    if cached is None:
        cached = tuple(
            user.role_assignments.active().select_related("region", "department", "enterprise")
        )
        setattr(user, ASSIGNMENTS_ATTR, cached)
    return cached


def forget_cached_access(user: Any) -> None:
    """Drop what was cached on this user object (after its role assignments changed)."""
    for attr in (CACHE_ATTR, ASSIGNMENTS_ATTR):
        if attr in getattr(user, "__dict__", {}):
            delattr(user, attr)


def holding_only(user: Any, assignment: Any) -> Any:
    """A copy of ``user`` that holds ``assignment`` alone (an API token acts with one role).

    The copy is no superuser, and its roles, verbs and data scope are read from that one
    assignment, so ``can``, ``require`` and ``for_user`` answer for the token exactly as for a
    user who held only that role. The caller checks that the assignment is in force today.
    """
    narrowed = copy.copy(user)
    narrowed.__dict__.pop(CACHE_ATTR, None)
    narrowed.is_superuser = False
    setattr(narrowed, ASSIGNMENTS_ATTR, (assignment,))
    return narrowed


@dataclass(frozen=True)
class UserScope:
    """What one user may see: the union of their role assignments' scopes."""

    city: bool = False
    region_codes: frozenset[str] = field(default_factory=frozenset)
    department_ids: frozenset[int] = field(default_factory=frozenset)
    enterprise_ids: frozenset[int] = field(default_factory=frozenset)
    public: bool = False

    def values(self, dimension: str) -> frozenset[Any]:
        """The scope values for one dimension (``region``, ``department``, ``enterprise``)."""
        return {
            "region": self.region_codes,
            "department": self.department_ids,
            "enterprise": self.enterprise_ids,
        }[dimension]


def user_scope(user: Any) -> UserScope:
    """The user's scope, computed once per user object (so once per request)."""
    cached: UserScope | None = getattr(user, CACHE_ATTR, None)
    if cached is not None:
        return cached
    scope = _compute_scope(user)
    if user is not None and getattr(user, "is_authenticated", False):
        setattr(user, CACHE_ATTR, scope)
    return scope


def _compute_scope(user: Any) -> UserScope:
    if user is None or not getattr(user, "is_authenticated", False):
        return UserScope(public=True)
    if user.is_superuser:
        return UserScope(city=True)
    from jiazhou_web.regions.models import Region

    city = public = False
    regions: set[str] = set()
    departments: set[int] = set()
    enterprises: set[int] = set()
    for assignment in active_assignments(user):
        kind = assignment.scope_kind
        if kind == ScopeKind.CITY:
            city = True
        elif kind in (ScopeKind.REGION, ScopeKind.ZONE) and assignment.region is not None:
            regions |= Region.objects.subtree_codes(assignment.region.code)
        elif kind == ScopeKind.DEPARTMENT and assignment.department_id is not None:
            departments.add(assignment.department_id)
        elif kind == ScopeKind.ENTERPRISE and assignment.enterprise_id is not None:
            enterprises.add(assignment.enterprise_id)
        elif kind == ScopeKind.PUBLIC:
            public = True
    return UserScope(
        city=city,
        region_codes=frozenset(regions),
        department_ids=frozenset(departments),
        enterprise_ids=frozenset(enterprises),
        public=public,
    )


class ScopedQuerySet(models.QuerySet[Any]):
    """A queryset that knows how to restrict itself to a user's data scope."""

    def for_user(self, user: Any) -> Self:
        """Rows reachable by ``user``; nothing for a user without any scope.

        Each path of ``scope_paths`` the user's scope reaches is its own subquery of primary
        keys, and the row is kept when it is in their ``UNION``: a path through a many-to-many
        or a reverse foreign key (a notice's units, a ticket's dispatches) still lists a row
        once, and each path is an index lookup of its own (one outer join of all the paths, as
        before, made PostgreSQL join and scan the whole table for every scoped page).
        """
        scope = user_scope(user)
        if scope.city:
            return self.all()
        paths: dict[str, tuple[str, ...]] = getattr(self.model, "scope_paths", {})
        plain: models.QuerySet[Any, Any] = models.QuerySet(self.model, using=self.db).order_by()
        parts = [
            plain.filter(**{f"{lookup}__in": values}).values("pk")
            for dimension, lookups in paths.items()
            if (values := scope.values(dimension))
            for lookup in lookups
        ]
        public_q: Q | None = getattr(self.model, "public_q", None)
        if public_q is not None:
            parts.append(plain.filter(public_q).values("pk"))
        if not parts:
            return self.filter(pk__in=[])
        reachable = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
        return self.filter(pk__in=reachable)


class ScopedModel(ChoiceDisplay):
    """Base for models a user reaches: declares ``scope_paths`` and gets ``for_user``."""

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {}
    public_q: ClassVar[Q | None] = None

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
