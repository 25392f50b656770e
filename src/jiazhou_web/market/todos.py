"""我的待办: a registrar's contracts awaiting a decision; a firm's contracts awaiting 补正."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from jiazhou_web.core.contributions import Todo
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.market.choices import ContractState
from jiazhou_web.market.models import TechContract
from jiazhou_web.market.rules import registry_of


def todos(user: Any) -> list[Todo]:
    found: list[Todo] = []
    registry = registry_of(user)
    if registry is not None:
        open_ = TechContract.objects.filter(
            registry=registry, state__in=[ContractState.SUBMITTED, ContractState.ACCEPTED]
        )
        n = open_.count()
        if n:
            first_due = (
                open_.exclude(due_on=None)
                .order_by("due_on")
                .values_list("due_on", flat=True)
                .first()
            )
            found.append(
                Todo(
                    gettext("Technology contract registrations to handle"),
                    reverse("market:contract_list"),
                    n,
                    due=first_due,
                )
            )
    firms = user_scope(user).enterprise_ids
    if firms:
        n = TechContract.objects.filter(seller__in=firms, state=ContractState.RETURNED).count()
        if n:
            found.append(
                Todo(
                    gettext("Technology contracts awaiting corrected materials"),
                    reverse("market:mine"),
                    n,
                    urgent=True,
                )
            )
    return found
