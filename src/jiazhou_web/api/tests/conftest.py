"""Fixtures of the API tests: the request-level world (every persona, one object of each kind)
with a token for each persona's role, and a client that sends a token."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from jiazhou_web.api import actions
from jiazhou_web.core.tests.world import World, build_world

TOKEN_PERSONAS = (
    "city_admin",
    "zone_officer",
    "county_officer",
    "dept_officer",
    "enterprise_user",
    "reviewer",
)


def issue(user: Any, *, name: str = "测试令牌", days: int = 30) -> Any:
    """A personal token for ``user``'s first role assignment in force (IssuedToken)."""
    assignment = user.role_assignments.active().order_by("pk").first()
    return actions.create_token(user, assignment, name=name, days=days, actor=user)


def bearer(secret: str) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


class ApiClient:
    """A test client that sends ``Authorization: Bearer <secret>``."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.client = Client(raise_request_exception=False)

    def get(self, path: str, **extra: Any) -> Any:
        return self.client.get(path, **bearer(self.secret), **extra)

    def post(self, path: str, body: Any, **extra: Any) -> Any:
        return self.client.post(
            path, body, content_type="application/json", **bearer(self.secret), **extra
        )


@pytest.fixture
def world(regions: Any, industry: Any) -> World:
    return build_world(regions, industry)


@pytest.fixture
def api_clients(world: World) -> dict[str, ApiClient]:
    return {p: ApiClient(issue(world.users[p]).secret) for p in TOKEN_PERSONAS}


def grow(n: int, city_admin: Any, make_enterprise: Any, department: Any) -> None:
    """``n`` more firms, each with a certificate, a scoring result, a pool membership, and
    ``n`` more supervised items with a milestone each, an approved value per firm."""
    from decimal import Decimal

    from jiazhou.schemes import list_schemes
    from jiazhou_web.enterprises import actions as enterprises
    from jiazhou_web.enterprises.models import Enterprise
    from jiazhou_web.monitoring.models import Indicator, Observation
    from jiazhou_web.pools.actions import sync_pools
    from jiazhou_web.regions.models import Region
    from jiazhou_web.scoring.actions import score_enterprises
    from jiazhou_web.supervision import actions as supervision
    from jiazhou_web.supervision.choices import ListKind
    from jiazhou_web.supervision.models import TaskList

    task_list = TaskList.objects.first() or supervision.create_list(
        code="qc", title="清单", kind=ListKind.KEY_PROJECTS, year=2025, actor=city_admin
    )
    indicator = Indicator.objects.get(code="hitech_enterprises")
    start = Enterprise.objects.count()
    for k in range(start, start + n):
        firm = make_enterprise(region="511112" if k % 2 else "511102", zone=k % 3 == 0)
        enterprises.add_certificate(
            firm,
            programme="hnte",
            number=f"GR2025{k:06d}",
            valid_from=dt.date(2025, 1, 1),
            valid_to=dt.date(2027, 12, 31),
            actor=city_admin,
        )
        supervision.create_item(
            task_list,
            code=f"Q{k:03d}",
            title=f"事项{k}",
            lead_unit=department,
            start_date=dt.date(2025, 3, 3),
            deadline=dt.date(2025, 12, 31),
            indicator_codes=[],
            milestones=(("中期", dt.date(2025, 6, 30)),),
            actor=city_admin,
        )
        Observation.objects.create(  # a published figure (no batch), as the reference loader
            indicator=indicator,
            region=Region.objects.get(code="511112"),
            period=str(2000 + k),
            value=Decimal(k),
        )
    score_enterprises(Enterprise.objects.all(), [list_schemes()[0].code], 2025, actor=city_admin)
    sync_pools(actor=city_admin)
