"""List filters: programme held (valid certificate today), industry prefix, zone, synthetic."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jiazhou_web.enterprises import actions
from jiazhou_web.enterprises.choices import Programme

pytestmark = pytest.mark.django_db
LIST = reverse("enterprises:enterprise_list")


def names(client: Client, **params: Any) -> set[str]:
    return {e.name for e in client.get(LIST, params).context["page"].object_list}


def test_programme_filter_counts_only_certificates_valid_today(
    client: Client, city_admin: Any, spread: dict[str, Any]
) -> None:
    today = timezone.localdate()
    year = dt.timedelta(days=365)
    for firm, start, end in (
        (spread["wutongqiao"], today - year, today + 2 * year),
        (spread["shizhong"], today - 4 * year, today - year),  # expired
    ):
        actions.add_certificate(
            firm,
            programme=Programme.HNTE,
            number=f"GR-{firm.pk}",
            valid_from=start,
            valid_to=end,
            actor=None,
        )
    client.force_login(city_admin)
    assert names(client, programme=Programme.HNTE) == {"五通桥硅业有限公司"}
    html = client.get(LIST, {"columns": ["name", "certificates"]}).content.decode()
    assert "高新技术企业" in html


def test_industry_filter_takes_a_section_or_division_prefix(
    client: Client, city_admin: Any, spread: dict[str, Any]
) -> None:
    client.force_login(city_admin)
    assert len(names(client, industry="C")) == 3
    assert len(names(client, industry="C39")) == 3
    assert names(client, industry="C27") == set()


def test_zone_and_synthetic_filters(
    client: Client, city_admin: Any, spread: dict[str, Any]
) -> None:
    actions.update_enterprise(spread["shizhong"], actor=None, synthetic=True)
    client.force_login(city_admin)
    assert names(client, in_zone="no") == {"五通桥硅业有限公司", "市中电子有限公司"}
    assert names(client, synthetic="yes") == {"市中电子有限公司"}
    assert names(client, q="五通桥") == {"五通桥硅业有限公司"}
    assert names(client, q=spread["zone"].uscc.lower()) == {"高新储能有限公司"}
