"""The ClamAV hook against a real ClamAV daemon (``clamd`` + ``clamdscan`` from Debian).

The machine has no network for ClamAV's signature downloads, so the daemon is started here on
its own socket with a signature database of two test signatures (ClamAV's ``.ndb`` body
format): the EICAR test string and a marker string. What is exercised is real: the daemon
loading signatures, ``clamdscan --fdpass`` handing it the open file, its exit codes and
``FOUND`` lines, and what the hook makes of them (refusal, audit row, fail-closed when the
daemon stops). CI installs ClamAV (``.ci/run``); set ``JIAZHOU_REQUIRE_CLAMAV=1`` to fail
rather than skip where it is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from jiazhou_web.core import virus_scan
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.virus_scan import EICAR
from jiazhou_web.tickets import actions
from jiazhou_web.tickets.models import Ticket

MARKER = b"JIAZHOU-CLAMAV-TEST-MARKER"
CLAMD = shutil.which("clamd") or ("/usr/sbin/clamd" if Path("/usr/sbin/clamd").exists() else None)
CLIENT = shutil.which("clamdscan")

if not (CLAMD and CLIENT):
    if os.environ.get("JIAZHOU_REQUIRE_CLAMAV"):
        raise RuntimeError("ClamAV (clamd, clamdscan) is required here but not installed")
    pytest.skip(
        "ClamAV not installed (apt-get install clamav-daemon clamdscan)", allow_module_level=True
    )


@pytest.fixture(scope="module")
def clamd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """A private clamd on a socket in a temporary folder; yields the clamdscan command."""
    root = tmp_path_factory.mktemp("clamd")
    (root / "db").mkdir()
    (root / "db" / "jiazhou-test.ndb").write_text(
        f"Jiazhou.Test.Eicar:0:*:{EICAR.hex()}\nJiazhou.Test.Marker:0:*:{MARKER.hex()}\n"
    )
    socket = root / "clamd.sock"
    config = root / "clamd.conf"
    config.write_text(
        f"LocalSocket {socket}\nDatabaseDirectory {root / 'db'}\nForeground yes\n"
        f"LogFile {root / 'clamd.log'}\nPidFile {root / 'clamd.pid'}\n"
        + ("User root\n" if os.geteuid() == 0 else "")
    )
    daemon = subprocess.Popen(  # noqa: S603 — a fixed command of the test
        [str(CLAMD), f"--config-file={config}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not socket.exists() and daemon.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    if not socket.exists():
        daemon.kill()
        log = (root / "clamd.log").read_text() if (root / "clamd.log").exists() else ""
        pytest.fail(f"clamd did not start: {log[-500:]}")
    try:
        yield [str(CLIENT), f"--config-file={config}", "--fdpass", "--no-summary", "--stdout"]
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)


def test_the_daemon_names_what_it_finds_and_passes_clean_files(clamd: list[str]) -> None:
    with override_settings(JIAZHOU_CLAMDSCAN_COMMAND=clamd):
        assert virus_scan.clamdscan(b"%PDF-1.4\n" + EICAR + b"\n%%EOF") == (
            "Jiazhou.Test.Eicar.UNOFFICIAL"
        )
        assert virus_scan.clamdscan(b"PK\x03\x04 " + MARKER) == "Jiazhou.Test.Marker.UNOFFICIAL"
        assert virus_scan.clamdscan("园区用电增容申请".encode()) is None
        assert virus_scan.clamdscan(b"") is None


@pytest.mark.django_db
def test_an_infected_attachment_is_refused_through_the_daemon(
    clamd: list[str], world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    w = world
    settings = {
        "JIAZHOU_VIRUS_SCANNER": "jiazhou_web.core.virus_scan.clamdscan",
        "JIAZHOU_CLAMDSCAN_COMMAND": clamd,
    }

    def raise_with(content: bytes) -> Ticket:
        return actions.raise_ticket(
            w["firm"],
            title="用电增容迟迟未批复",
            text="园区用电增容申请提交两个月仍未批复，请协调",
            attachment=SimpleUploadedFile("批复申请.pdf", content),
            actor=w["firm_user"],
        )

    with override_settings(**settings):
        with pytest.raises(ValidationError, match="发现：Jiazhou.Test.Marker.UNOFFICIAL"):
            raise_with(b"%PDF-1.4\n" + MARKER)
        assert not Ticket.objects.exists()
        row = AuditLog.objects.get(event_type="uploads.scan_refused")
        assert row.after["病毒"] == "Jiazhou.Test.Marker.UNOFFICIAL"
        with django_capture_on_commit_callbacks(execute=True):
            ticket = raise_with(b"%PDF-1.4 clean")
        assert ticket.attachments.count() == 1


def test_a_daemon_that_is_gone_means_unavailable(clamd: list[str], tmp_path: Path) -> None:
    """The same client against a socket no daemon listens on: no verdict, so fail closed."""
    config = Path(next(a for a in clamd if a.startswith("--config-file=")).split("=", 1)[1])
    gone = tmp_path / "gone.conf"
    gone.write_text(config.read_text().replace("clamd.sock", "nobody-here.sock"))
    command = [c if not c.startswith("--config-file=") else f"--config-file={gone}" for c in clamd]
    with (
        override_settings(JIAZHOU_CLAMDSCAN_COMMAND=command),
        pytest.raises(virus_scan.ScannerUnavailable),
    ):
        virus_scan.clamdscan(b"x")
