"""Fault tests: the web fixtures (personas, reference data, supervision items) plus helpers to
break things for real — a read-only database, terminated connections, an unwritable or full
upload folder — and to drive requests through Django's production WSGI handler."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from jiazhou_web.conftest import (  # noqa: F401 - fixtures
    city_admin,
    county_officer,
    department,
    dept_officer,
    industry,
    make_enterprise,
    outsider,
    reference_data,
    regions,
)
from jiazhou_web.supervision.tests.conftest import make_item, task_list  # noqa: F401

ON_POSTGRES = connection.vendor == "postgresql"
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="needs PostgreSQL (make pgtest runs it): SQLite's in-memory test database cannot "
    "host concurrent writers or have its server connection terminated",
)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """A fresh MEDIA_ROOT for the test."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def files_under(root: Path) -> list[str]:
    """Every file below ``root`` (relative, sorted): what a fault left on disk."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _still_writable(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"x")
    except OSError:
        return False
    probe.unlink()
    return True


@pytest.fixture
def unwritable_media(media: Path) -> Iterator[Path]:
    """MEDIA_ROOT that refuses new files: mode 0555, and for root (who ignores modes) also
    the immutable attribute (``chattr +i``, as a read-only mount would)."""
    media.chmod(0o555)
    immutable = False
    if _still_writable(media) and shutil.which("chattr"):
        immutable = subprocess.run(["chattr", "+i", str(media)], check=False).returncode == 0
    try:
        if _still_writable(media):
            pytest.skip("cannot make a folder unwritable here (root without chattr support)")
        yield media
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(media)], check=False)
        media.chmod(0o755)


def wsgi_request(
    path: str,
    *,
    method: str = "GET",
    cookies: dict[str, str] | None = None,
    body: bytes = b"",
    content_type: str = "",
) -> tuple[int, dict[str, str], str]:
    """One request through Django's production WSGI handler — with its request_started /
    request_finished signals, so persistent connections and their health checks behave as in a
    server (the test client switches those signals off)."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(body),
        "CONTENT_LENGTH": str(len(body)),
    }
    if content_type:
        environ["CONTENT_TYPE"] = content_type
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    setup_testing_defaults(environ)
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured["status"] = int(status.split()[0])
        captured["headers"] = dict(headers)
        return lambda data: None

    result = WSGIHandler()(environ, start_response)
    try:
        content = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()  # fires request_finished
    return captured["status"], captured["headers"], content.decode("utf-8", "replace")


def side_connection() -> Any:
    """A second, independent PostgreSQL connection to the test database (psycopg)."""
    import psycopg

    s = connection.settings_dict
    return psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"],
        password=s["PASSWORD"],
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        autocommit=True,
    )


def terminate_backends(pids: list[int] | None = None) -> int:
    """Terminate this test database's other connections (or just ``pids``), as a server
    restart would; never touches another database."""
    with side_connection() as side:
        if pids is None:
            rows = side.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchall()
        else:
            rows = side.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid = ANY(%s)",
                (pids,),
            ).fetchall()
    return sum(1 for (ok,) in rows if ok)


def env_has_pg_binaries() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb")) if os.name == "posix" else False
