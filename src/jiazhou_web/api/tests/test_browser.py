"""In the browser: the API docs page renders its operations under the platform's
Content-Security-Policy with nothing fetched from another site (air-gapped intranets)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_renders_offline_under_the_csp(browser_page: Any) -> None:
    page = browser_page
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page.base_url + "/api/v1/docs")
    page.locator(".opblock-summary-path", has_text="/api/v1/enterprises").first.wait_for()
    assert page.locator(".opblock").count() >= 13
    assert problems == []
    assert requests and all(url.startswith(page.base_url) for url in requests), requests
