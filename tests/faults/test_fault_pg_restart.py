"""A real PostgreSQL restart: a throwaway cluster of our own (initdb on a free port, never the
shared server) is restarted under a persistent, health-checked Django connection. The next
"request" reconnects; without the health check it would have failed on the dead connection."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_cluster_owner(args: list[str]) -> list[str]:
    """initdb and pg_ctl refuse root: run them as ``postgres`` when we are root."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[dict[str, Any]]:
    if not BIN_DIRS:
        pytest.skip("PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are not installed")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        pytest.skip("running as root without runuser: cannot start a cluster as postgres")
    bindir = BIN_DIRS[0]
    base = Path(tempfile.mkdtemp(prefix="jiazhou-faults-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, user="postgres", group="postgres")
    data, port = base / "data", _free_port()
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log")]
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1"
    subprocess.run(
        _as_cluster_owner([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "fault"]),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_cluster_owner([*pg_ctl, "-o", options, "start"]), check=True, capture_output=True
    )
    cluster = {
        "port": port,
        "restart": lambda: subprocess.run(
            _as_cluster_owner([*pg_ctl, "-o", options, "-m", "fast", "restart"]),
            check=True,
            capture_output=True,
        ),
    }
    try:
        yield cluster
    finally:
        subprocess.run(_as_cluster_owner([*pg_ctl, "-m", "immediate", "stop"]), check=False)
        shutil.rmtree(base, ignore_errors=True)


def _connection(port: int, health_checks: bool) -> Any:
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "postgres",
                "USER": "fault",
                "HOST": "127.0.0.1",
                "PORT": str(port),
                "CONN_MAX_AGE": 60,
                "CONN_HEALTH_CHECKS": health_checks,
            }
        }
    )
    return handler["default"]


def _request(conn: Any) -> int:
    """What Django does around each request: drop an unusable/old connection at the start
    (request_started), then query."""
    conn.close_if_unusable_or_obsolete()
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1")
        return int(cursor.fetchone()[0])


def test_after_a_real_restart_the_next_request_reconnects(
    own_cluster: dict[str, Any], django_db_blocker: Any
) -> None:
    conn = _connection(own_cluster["port"], health_checks=True)
    with django_db_blocker.unblock():  # our own cluster, not the test database
        try:
            assert _request(conn) == 1
            before = conn.connection
            own_cluster["restart"]()
            assert _request(conn) == 1  # no failed request after the restart
            assert conn.connection is not before  # a new connection was opened
        finally:
            conn.close()


def test_without_health_checks_the_first_request_after_a_restart_fails(
    own_cluster: dict[str, Any], django_db_blocker: Any
) -> None:
    conn = _connection(own_cluster["port"], health_checks=False)
    with django_db_blocker.unblock():
        try:
            assert _request(conn) == 1
            own_cluster["restart"]()
            with pytest.raises(OperationalError):
                _request(conn)
            assert _request(conn) == 1  # Django drops the broken connection afterwards
        finally:
            conn.close()
