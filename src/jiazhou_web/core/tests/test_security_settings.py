"""Issue 11, item 8: check --deploy is clean with DEBUG off, and every page carries a
Content-Security-Policy whose nonce is the only way inline script runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from jiazhou_web.core.csp import policy

ROOT = Path(__file__).resolve().parents[4]
TEMPLATES = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_debug_off() -> None:
    # a browser test in the same process may have set DJANGO_ALLOW_ASYNC_UNSAFE (Playwright)
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-0123456789",
        "DJANGO_SETTINGS_MODULE": "jiazhou_web.config.settings",
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO=https",
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_policy_forbids_foreign_and_unnonced_script() -> None:
    text = policy("abc")
    assert "script-src 'self' 'nonce-abc'" in text
    assert "'unsafe-inline'" not in text.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in text and "object-src 'none'" in text


def test_no_template_has_an_inline_event_handler() -> None:
    handler = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
    offenders = [
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*.html")
        if handler.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/", "/monitoring/", "/monitoring/screen/", "/pools/", "/supervision/timeline/", "/index/"],
)
def test_pages_send_the_policy_and_nonce_every_inline_script(
    client: Client, city_admin: Any, url: str
) -> None:
    client.force_login(city_admin)
    response = client.get(url)
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", header)
    assert nonce is not None
    page = response.content.decode()
    for tag in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page):
        if 'type="application/json"' in tag:
            continue  # json_script data, never executed
        assert f'nonce="{nonce[1]}"' in tag, (url, tag)
