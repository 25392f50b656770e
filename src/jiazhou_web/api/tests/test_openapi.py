"""The OpenAPI document and the docs page: served without a token, and the docs page uses
only the package's own static files (the platform runs on air-gapped intranets)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_openapi_document_lists_every_endpoint_with_bearer_auth(db: Any) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/enterprises",
        "/api/v1/enterprises/{enterprise_id}",
        "/api/v1/enterprises/{enterprise_id}/figures",
        "/api/v1/certificates",
        "/api/v1/indicators",
        "/api/v1/indicators/{code}",
        "/api/v1/observations",
        "/api/v1/scoring-results",
        "/api/v1/scoring-results/{result_id}",
        "/api/v1/pool-memberships",
        "/api/v1/supervision-items",
        "/api/v1/supervision-items/{item_id}",
        "/api/v1/enterprise-figures",
        "/api/v1/feeds/tax-rd-deductions",
        "/api/v1/feeds/enterprise-registrations",
        "/api/v1/feeds/observation-reports",
        "/api/v1/tickets",
        "/api/v1/tickets/{ticket_id}",
        "/api/v1/subsidy-applications",
        "/api/v1/subsidy-applications/{application_id}",
        "/api/v1/voucher-orders",
        "/api/v1/voucher-orders/{order_id}",
        "/api/v1/achievements",
        "/api/v1/achievements/{achievement_id}",
        "/api/v1/demands",
        "/api/v1/demands/{demand_id}",
        "/api/v1/listings",
        "/api/v1/listings/{listing_id}",
        "/api/v1/tech-contracts",
        "/api/v1/tech-contracts/{contract_id}",
        "/api/v1/chains",
        "/api/v1/chains/{code}",
        "/api/v1/chain-attachments",
        "/api/v1/county-reports",
        "/api/v1/county-reports/{report_id}",
        "/api/v1/project-applications",
        "/api/v1/project-applications/{application_id}",
        "/api/v1/external-projects",
        "/api/v1/external-projects/{project_id}",
        "/api/v1/platforms",
        "/api/v1/platforms/{platform_id}",
        "/api/v1/talents",
        "/api/v1/talents/{talent_id}",
    }
    schemes = schema["components"]["securitySchemes"]
    assert [s["scheme"] for s in schemes.values()] == ["bearer"]


def test_the_docs_page_loads_nothing_from_another_site(db: Any) -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, html[:500]
    assert not re.search(r"https?://", html), "the docs page names another site"
    for url in assets:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/").split("?")[0]), url
    assert "/api/v1/openapi.json" in html
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "http" not in csp
