"""Fixtures of the API tests: the request-level world (every persona, one object of each kind)
with a token for each persona's role, and a client that sends a token."""

from __future__ import annotations

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


def bearer(secret: str) -> dict[str, str]:
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
