"""Access control in one module: actions, views and templates ask the same questions.

* :data:`~jiazhou_web.core.access.policy.VERB_ROLES` — the role → verb table;
* :func:`can` / :func:`require` — may ``user`` do ``verb`` (on ``obj``)?  ``require`` raises
  ``PermissionDenied`` with a Chinese-first message;
* :func:`for_user` — the rows of a queryset within the user's data scope, as a ``pk__in``
  subquery (never duplicated by a join);
* :func:`get_visible_or_404` — the one object a request names, or 404 when it is outside the
  user's scope (so a 403 never reveals that an id exists);
* templates: ``{% load access %}`` then ``{% if user|can:"supervision.manage" %}`` or
  ``{% can user "supervision.act" item as allowed %}``.

An object-level rule (:func:`object_rule`) refines a verb for one model: e.g. only the lead
unit's officers act on a supervision item. Without a rule, a verb on an object also requires
the object to be within the user's data scope.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from jiazhou_web.core.access.policy import ROLE_VERBS, VERB_ROLES, VERBS
from jiazhou_web.core.scopes import active_assignments, user_scope

__all__ = [
    "ROLE_VERBS",
    "VERBS",
    "VERB_ROLES",
    "can",
    "for_user",
    "get_visible_or_404",
    "holders",
    "in_region_scope",
    "object_rule",
    "require",
    "role_permits",
    "roles_of",
]

M = TypeVar("M", bound=Model)
ObjectRule = Callable[[Any, Any], bool]
_OBJECT_RULES: dict[tuple[str, str], ObjectRule] = {}


def roles_of(user: Any) -> frozenset[str]:
    """The roles ``user`` holds today (read once per request, see ``active_assignments``)."""
    return frozenset(a.role for a in active_assignments(user))


def role_permits(roles: frozenset[str], verb: str) -> bool:
    """Whether one of ``roles`` is permitted ``verb`` by the role table (``can``'s first
    question; the menu asks it of a role set, core.menu)."""
    _check_verb(verb)
    return bool(roles & VERB_ROLES[verb])


def holders(verb: str) -> QuerySet[Any]:
    """The active users whose roles permit ``verb`` today (recipients of what the verb's
    holders must see: a 督办单, an extension request). Superusers are not listed."""
    from jiazhou_web.accounts.models import RoleAssignment, User

    _check_verb(verb)
    return User.objects.filter(
        is_active=True,
        pk__in=RoleAssignment.objects.active().filter(role__in=VERB_ROLES[verb]).values("user_id"),
    ).order_by("username")


def object_rule(verb: str, model_label: str) -> Callable[[ObjectRule], ObjectRule]:
    """Register ``rule(user, obj) -> bool`` refining ``verb`` on ``"app_label.Model"`` objects."""
    _check_verb(verb)

    def register(rule: ObjectRule) -> ObjectRule:
        _OBJECT_RULES[(verb, model_label)] = rule
        return rule

    return register


def can(user: Any, verb: str, obj: Any = None) -> bool:
    """Whether ``user`` may do ``verb`` (on ``obj``): role table, then the object's rule/scope."""
    _check_verb(verb)
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active:
        return False
    if not user.is_superuser and not role_permits(roles_of(user), verb):
        return False
    if obj is None:
        return True
    rule = _rule_for(verb, type(obj))
    if rule is not None:
        return bool(rule(user, obj))
    return _in_scope(user, obj)


def require(user: Any, verb: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` unless :func:`can`."""
    if not can(user, verb, obj):
        raise PermissionDenied(f"无权执行此操作（{verb}）/ not permitted: {verb}")


def for_user(queryset: QuerySet[M], user: Any) -> QuerySet[M]:
    """Rows of ``queryset`` within ``user``'s data scope (a ``pk__in`` subquery: no duplicates)."""
    if hasattr(queryset, "for_user"):
        return queryset.for_user(user)  # type: ignore[no-any-return]
    scoped = queryset.model._default_manager.all()
    if not hasattr(scoped, "for_user"):
        raise TypeError(f"{queryset.model.__name__} declares no data scope (ScopedModel)")
    return queryset.filter(pk__in=scoped.for_user(user).values("pk"))


def get_visible_or_404(queryset_or_model: QuerySet[M] | type[M], user: Any, **lookup: Any) -> M:
    """The one object ``lookup`` names within ``user``'s scope; 404 outside it or if absent.

    Values that cannot be a key (``pk="abc"``) are a 404 too, never a 500.
    """
    queryset = (
        queryset_or_model._default_manager.all()
        if isinstance(queryset_or_model, type)
        else queryset_or_model
    )
    try:
        return for_user(queryset, user).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(f"{queryset.model._meta.verbose_name} 不存在 / not found") from None


def in_region_scope(user: Any, *codes: str | None) -> bool:
    """Whether ``user``'s data scope reaches any of the region codes (the whole city does)."""
    scope = user_scope(user)
    return scope.city or any(c is not None and str(c) in scope.region_codes for c in codes)


def _in_scope(user: Any, obj: Model) -> bool:
    manager = type(obj)._default_manager
    if not hasattr(manager.all(), "for_user"):
        return True  # an unscoped model (reference data): the role decides
    return bool(manager.all().for_user(user).filter(pk=obj.pk).exists())  # type: ignore[attr-defined]


def _rule_for(verb: str, model: type) -> ObjectRule | None:
    meta = getattr(model, "_meta", None)
    return None if meta is None else _OBJECT_RULES.get((verb, meta.label))


def _check_verb(verb: str) -> None:
    if verb not in VERBS:
        raise ValueError(f"unknown verb {verb!r}: add it to core.access.policy.VERB_ROLES")


from jiazhou_web.core.access import rules as _rules  # noqa: E402, F401  (registers object rules)
