"""Who sees which applications and orders (scope + the clause's departments + providers)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from jiazhou_web.core.access import can
from jiazhou_web.subsidies.choices import AppState
from jiazhou_web.subsidies.models import Application, VoucherOrder

# A department (joint reviewer, 财政) sees applications from the city review on.
DEPARTMENT_STATES = (
    AppState.CITY_REVIEWED,
    AppState.JOINT_REVIEWED,
    AppState.PUBLICISED,
    AppState.OBJECTED,
    AppState.APPROVED,
    AppState.IN_BATCH,
    AppState.PAID,
    AppState.CLAWED_BACK,
)


def visible_applications(user: Any) -> QuerySet[Application]:
    own = Application.objects.for_user(user).values("pk")
    q = Q(pk__in=own)
    if can(user, "subsidies.review_joint"):  # joint reviewers (and the city) see them
        q |= Q(state__in=DEPARTMENT_STATES)
    return Application.objects.filter(q)


def visible_orders(user: Any) -> QuerySet[VoucherOrder]:
    q = Q(pk__in=VoucherOrder.objects.for_user(user).values("pk"))
    membership = getattr(user, "provider_membership", None)
    if membership is not None and can(user, "vouchers.provide"):
        q |= Q(provider_id=membership.provider_id)
    return VoucherOrder.objects.filter(q)


def reference_or_404(model_or_qs: Any, pk: Any) -> Any:
    """Reference data (policies, clauses, batches, providers): the role decides, the object is
    found or 404 (a key that cannot be one is a 404 too, never a 500)."""
    qs: Any = model_or_qs
    if isinstance(model_or_qs, type) and issubclass(model_or_qs, Model):
        qs = model_or_qs._default_manager.all()
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("不存在 / not found") from None
