"""全局搜索: firms by name or USCC within the user's scope, indicators by Chinese name."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_search_finds_firms_in_scope_and_indicators_by_name(
    client: Client, county_officer: Any, make_enterprise: Any, reference_data: None
) -> None:
    mine = make_enterprise(region="511112", name="乐山五通硅业有限公司")
    other = make_enterprise(region="511102", name="乐山市中硅业有限公司")
    client.force_login(county_officer)
    html = client.get("/search/", {"q": "硅业"}).content.decode()
    assert mine.name in html and other.name not in html  # 五通桥区 officer: own county only
    assert mine.name in client.get("/search/", {"q": mine.uscc[:10]}).content.decode()
    html = client.get("/search/", {"q": "高新技术企业数"}).content.decode()
    assert "/monitoring/indicators/hitech_enterprises/" in html
    assert (
        'data-testid="search-empty"' in client.get("/search/", {"q": "无此企业"}).content.decode()
    )


def test_search_box_is_in_the_top_bar_and_query_count_is_constant(
    client: Client, city_admin: Any, make_enterprise: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        make_enterprise(name=f"乐山测试科技{n}有限公司")
    client.force_login(city_admin)
    assert 'data-testid="global-search"' in client.get("/").content.decode()
    with django_assert_max_num_queries(20):
        page = client.get("/search/", {"q": "测试科技"})
    assert page.content.decode().count("乐山测试科技") == 5
