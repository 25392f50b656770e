"""A call, a firm with its user, an expert pool (one expert tied to the firm) and a reviewer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from jiazhou_web.conftest import _persona


@pytest.fixture
def firm(make_enterprise: Any) -> Any:
    return make_enterprise(region="511112", name="钒能科技有限公司")


@pytest.fixture
def firm_user(firm: Any) -> Any:
    return _persona("firm_user", "enterprise_user", firm)


@pytest.fixture
def reviewers(db: Any) -> list[Any]:
    return [_persona(f"expert{i}", "reviewer") for i in range(6)]


@pytest.fixture
def pool(firm: Any, reviewers: list[Any]) -> list[Any]:
    """Six 新材料 experts with accounts, one 新材料 expert working at the firm, one of another field."""
    from jiazhou_web.projects.models import Expert

    experts = [
        Expert.objects.create(
            code=f"E{i}", name=f"专家{i}", unit_name="某大学", fields=["新材料"], user=user
        )
        for i, user in enumerate(reviewers)
    ]
    experts.append(
        Expert.objects.create(
            code="EX",
            name="冲突专家",
            unit_name=firm.name,
            fields=["新材料"],
            affiliations=[{"party": firm.uscc}],
        )
    )
    experts.append(
        Expert.objects.create(code="EO", name="他领域", unit_name="某所", fields=["生物医药"])
    )
    return experts


@pytest.fixture
def call(city_admin: Any) -> Any:
    from jiazhou_web.projects import actions

    today = timezone.localdate()
    call = actions.create_call(
        actor=city_admin,
        code="LSKJ-T-01",
        title="重点研发计划（新材料）",
        year=today.year,
        field="新材料",
        budget_yuan=Decimal("5000000"),
        max_per_project_yuan=Decimal("500000"),
        opens=today - dt.timedelta(days=5),
        closes=today + dt.timedelta(days=5),
        experts_per_application=5,
    )
    return actions.set_call_state(call, "open", actor=city_admin)
