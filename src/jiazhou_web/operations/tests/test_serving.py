"""Production serving (issue 21): the health endpoint checks the database, JSON log lines carry
the request ID, and gunicorn's configuration reads the environment."""

from __future__ import annotations

import json
import logging
import runpy
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from jiazhou_web.core.logjson import JsonFormatter
from jiazhou_web.core.request_ids import RequestIdLogFilter

ROOT = Path(__file__).resolve().parents[4]


def test_healthz_answers_ok_with_one_query(db: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        response = Client().get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert response["Cache-Control"] == "no-store"


def test_healthz_is_503_when_the_database_cannot_be_opened(
    transactional_db: Any, tmp_path: Path
) -> None:
    """A real failure, not a stand-in: the connection is pointed at a file in a directory that
    does not exist (SQLite), or at a database that does not exist (PostgreSQL)."""
    name = (
        str(tmp_path / "missing" / "db.sqlite3")
        if connection.vendor == "sqlite"
        else "jiazhou_no_such_database"
    )
    connection.ensure_connection()
    saved_name, live = connection.settings_dict["NAME"], connection.connection
    connection.connection = None  # the next query opens a new connection: to ``name``
    connection.settings_dict["NAME"] = name
    try:
        response = Client().get("/healthz")
    finally:
        connection.settings_dict["NAME"] = saved_name
        connection.connection = live
    assert response.status_code == 503
    assert "数据库不可用" in response.content.decode()


def test_json_log_lines_carry_the_request_id_and_chinese(db: Any) -> None:
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdLogFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = Client().get("/no-such-page/", HTTP_X_REQUEST_ID="abcdef123456")
    finally:
        logger.removeHandler(handler)
    assert response.status_code in (302, 404)
    line = json.loads(records[-1]) if records else None
    if line is not None:  # a 404 is logged as a warning by django.request, after the
        # middleware has finished: the ID comes from the request the record carries
        assert line["request_id"] == "abcdef123456" and line["path"] == "/no-such-page/"
        assert line["level"] == "WARNING" and line["logger"] == "django.request"
    direct = logging.makeLogRecord({"msg": "导入完成：%d 行", "args": (3,), "levelname": "INFO"})
    direct.request_id = "r-1"
    entry = json.loads(JsonFormatter().format(direct))
    assert entry["message"] == "导入完成：3 行" and entry["request_id"] == "r-1"


def test_gunicorn_config_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIAZHOU_BIND", "127.0.0.1:9123")
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    monkeypatch.setenv("LOG_FORMAT", "json")
    conf = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert conf["bind"] == "127.0.0.1:9123" and conf["workers"] == 4
    assert conf["wsgi_app"] == "jiazhou_web.config.wsgi:application"
    assert '"request_id": "%({x-request-id}o)s"' in conf["access_log_format"]


def test_check_deploy_is_clean_with_the_shipped_production_env(tmp_path: Path) -> None:
    """deploy/jiazhou.env.example (minus the database, whose server is not here) passes
    ``check --deploy --fail-level WARNING``."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    for line in (ROOT / "deploy" / "jiazhou.env.example").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            key, value = line.split("=", 1)
            env[key.strip()] = value.strip()
    secret = tmp_path / "secret_key"
    secret.write_text("a-long-random-production-secret-" + "x9" * 20)
    env.update(
        SECRET_KEY_FILE=str(secret),
        JIAZHOU_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="jiazhou_web.config.settings",
    )
    env.pop("DATABASE_URL")
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
