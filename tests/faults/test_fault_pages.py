"""403/404/500 pages: Chinese first, in the platform's layout, with what to do and a request ID;
500 renders without a single query (it is shown when things are broken); the favicon ships."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from jiazhou_web.core import error_views
from jiazhou_web.core.request_ids import HEADER

pytestmark = pytest.mark.django_db


def test_404_for_a_signed_in_user_is_chinese_in_the_full_layout(
    client: Client, city_admin: Any
) -> None:
    client.force_login(city_admin)
    response = client.get("/enterprises/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "找不到该页面或记录" in html and "Page or record not found" in html
    assert html.index("找不到该页面或记录") < html.index("Page or record not found")
    assert 'class="jz-sidebar"' in html and "jz-menu-item" in html  # the menu of the layout
    request_id = response.headers[HEADER]
    assert f'data-testid="request-id">{request_id}<' in html
    assert "favicon.svg" in html


def test_404_for_an_anonymous_visitor_uses_the_plain_layout(client: Client, db: Any) -> None:
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "找不到该页面或记录" in html
    assert "jz-menu-item" not in html and "返回首页" in html


def test_403_shows_the_reason_and_who_to_ask(client: Client, outsider: Any) -> None:
    client.force_login(outsider)
    response = client.get("/audit/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "没有权限" in html and "Access denied" in html
    assert "分配相应角色" in html and 'data-testid="request-id"' in html


def test_csrf_refusal_is_chinese_and_says_nothing_was_saved(city_admin: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(city_admin)
    response = client.post("/supervision/items/new/", {"title": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "页面已过期" in html and "未保存任何数据" in html


def test_500_page_is_chinese_and_renders_without_any_query(db: Any) -> None:
    request = RequestFactory().get("/somewhere/")
    request.request_id = "abc123def456"  # type: ignore[attr-defined]
    with CaptureQueriesContext(connection) as queries:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            response = error_views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert len(queries) == 0
    assert "服务器出错" in html and "本次操作未保存任何数据" in html
    assert "abc123def456" in html and "jz-sidebar" in html  # the layout, minus the menu


def test_an_unexpected_error_gives_the_chinese_500_page_and_logs_the_request_id(
    city_admin: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(user: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr("jiazhou_web.core.views.cards_for", broken)
    client = Client(raise_request_exception=False)
    client.force_login(city_admin)
    with caplog.at_level(logging.ERROR):
        response = client.get("/")
    html = response.content.decode()
    request_id = response.headers[HEADER]
    assert response.status_code == 500
    assert "服务器出错" in html and request_id in html
    assert any(getattr(r, "request_id", "") == request_id for r in caplog.records)


def test_favicon_is_served_from_the_package_without_the_database(client: Client, db: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO header
    assert len(queries) == 0


def test_a_proxy_request_id_is_kept_and_a_bad_one_replaced(client: Client, db: Any) -> None:
    kept = client.get("/healthz", headers={HEADER: "edge-0123456789"})
    assert kept.headers[HEADER] == "edge-0123456789"
    replaced = client.get("/healthz", headers={HEADER: "<script>"})
    assert replaced.headers[HEADER] != "<script>" and len(replaced.headers[HEADER]) == 12
