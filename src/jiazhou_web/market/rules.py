"""Who reaches which contract: the seller firm its own, a registrar its registry's, a broker
the deals it brokers, officers those of sellers in their scope (object rules for core.access)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jiazhou_web.core.access import can, object_rule, roles_of
from jiazhou_web.core.access.policy import BROKER, REGISTRAR


def registry_of(user: Any) -> Any:
    if not getattr(user, "is_authenticated", False) or REGISTRAR not in roles_of(user):
        return None
    membership = getattr(user, "registrar_membership", None)
    return membership.registry if membership is not None else None


def broker_of(user: Any) -> Any:
    if not getattr(user, "is_authenticated", False) or BROKER not in roles_of(user):
        return None
    membership = getattr(user, "broker_membership", None)
    return membership.broker if membership is not None else None


def contracts_for(user: Any) -> QuerySet[Any]:
    """The contracts ``user`` may see (a registrar: its registry's; a broker: its deals)."""
    from jiazhou_web.market.models import TechContract

    if not can(user, "market.contract.view"):
        return TechContract.objects.none()
    registry = registry_of(user)
    if registry is not None:
        return TechContract.objects.filter(registry=registry)
    broker = broker_of(user)
    if broker is not None:
        return TechContract.objects.filter(broker=broker)
    return TechContract.objects.for_user(user)


@object_rule("market.contract.register", "market.TechContract")
def _registrar_of_the_registry(user: Any, contract: Any) -> bool:
    registry = registry_of(user)
    return registry is not None and registry.pk == contract.registry_id


@object_rule("market.contract.view", "market.TechContract")
def _party_or_scope(user: Any, contract: Any) -> bool:
    return contracts_for(user).filter(pk=contract.pk).exists()


def published_catalogue(model: Any, user: Any) -> QuerySet[Any]:
    """The 成果 or 需求 library as its list page shows it: published rows in ``user``'s reach
    (``for_user``: public once published); a holder's drafts open on their own pages only."""
    from jiazhou_web.core.access import for_user
    from jiazhou_web.market.choices import CatalogueState

    rows: QuerySet[Any] = for_user(model.objects.all(), user)
    return rows.filter(state=CatalogueState.PUBLISHED)


def visible_listings(user: Any) -> QuerySet[Any]:
    """揭榜挂帅 榜单: the officers running it (``market.review``) see every stage, others the
    published stages and their own (``for_user``)."""
    from jiazhou_web.core.access import for_user
    from jiazhou_web.market.models import Listing

    rows: QuerySet[Any] = Listing.objects.all()
    return rows if can(user, "market.review") else for_user(rows, user)
